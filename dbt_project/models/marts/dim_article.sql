with

articles as (

    select * from {{ ref('stg_newsfacts__articles') }}

),

final as (

    select
        article_id,
        source_id,
        source_file,
        record_no,
        segment_no,
        title,
        publisher,
        reporter,
        email,
        url,
        published_date,
        body,
        char_count,
        warnings,
        run_id,
        loaded_at

    from articles

)

select * from final
