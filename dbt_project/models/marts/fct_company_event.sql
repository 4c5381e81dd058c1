with

events as (

    select * from {{ ref('int_events__dated') }}

),

final as (

    select
        event_id,
        company_id,
        company_name,
        canonical_company_name,
        event_type,
        event_date,
        date_grain,
        article_id,
        evidence,
        start_char,
        end_char,
        source_event_date,
        source_date_grain,
        published_date,
        confidence,
        rule

    from events

)

select * from final
