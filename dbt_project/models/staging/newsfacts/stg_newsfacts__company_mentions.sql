with

source as (

    select * from {{ source('raw', 'company_mentions') }}

),

renamed as (

    select
        cast(company_mention_id as varchar) as company_mention_id,
        cast(article_id as varchar) as article_id,
        cast(company_name as varchar) as company_name,
        cast(surface as varchar) as surface,
        cast(start_char as integer) as start_char,
        cast(end_char as integer) as end_char,
        cast(rule as varchar) as rule,
        cast(confidence as double) as confidence,
        cast(stock_code as varchar) as stock_code

    from source

)

select * from renamed
