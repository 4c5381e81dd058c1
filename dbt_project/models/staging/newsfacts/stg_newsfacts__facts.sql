with

source as (

    select * from {{ source('raw', 'facts') }}

),

renamed as (

    select
        cast(fact_id as varchar) as fact_id,
        cast(article_id as varchar) as article_id,
        cast(company_name as varchar) as company_name,
        cast(metric as varchar) as metric,
        cast(value as double) as value,
        cast(unit as varchar) as unit,
        cast(qualifier as varchar) as qualifier,
        cast(period_year as integer) as period_year,
        cast(period_label as varchar) as period_label,
        cast(is_forecast as boolean) as is_forecast,
        cast(evidence as varchar) as evidence,
        cast(start_char as integer) as start_char,
        cast(end_char as integer) as end_char,
        cast(company_start as integer) as company_start,
        cast(company_end as integer) as company_end,
        cast(confidence as double) as confidence,
        cast(rule as varchar) as rule,
        cast(explanation as varchar) as explanation

    from source

)

select * from renamed
