{#
    Incremental like the fact marts: a run copies only the bodies of the articles it loaded, not the
    whole table (the largest in the warehouse) again.
#}
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='article_id',
        on_schema_change='append_new_columns',
        post_hook="{{ delete_vanished_rows('article_id', ref('stg_newsfacts__articles'), 'article_id') }}"
    )
}}

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
    where {{ loaded_since_last_build('loaded_at') }}

)

select * from final
