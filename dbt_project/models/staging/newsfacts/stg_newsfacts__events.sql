with

source as (

    select * from {{ source('raw', 'events') }}

),

renamed as (

    select
        cast(event_id as varchar) as event_id,
        cast(article_id as varchar) as article_id,
        cast(company_name as varchar) as company_name,
        cast(event_type as varchar) as event_type,
        cast(event_date as date) as event_date,
        cast(date_grain as varchar) as date_grain,
        cast(evidence as varchar) as evidence,
        cast(start_char as integer) as start_char,
        cast(end_char as integer) as end_char,
        cast(confidence as double) as confidence,
        cast(rule as varchar) as rule

    from source

)

select * from renamed
