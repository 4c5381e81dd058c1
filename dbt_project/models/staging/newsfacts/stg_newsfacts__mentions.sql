with

source as (

    select * from {{ source('raw', 'mentions') }}

),

renamed as (

    select
        cast(mention_id as varchar) as mention_id,
        cast(article_id as varchar) as article_id,
        cast(kind as varchar) as kind,
        cast(text as varchar) as mention_text,
        cast(start_char as integer) as start_char,
        cast(end_char as integer) as end_char,
        cast(value as double) as value,
        cast(unit as varchar) as unit,
        cast(qualifier as varchar) as qualifier,
        cast(min_value as double) as min_value,
        cast(max_value as double) as max_value,
        cast(date_value as date) as date_value,
        cast(date_grain as varchar) as date_grain,
        cast(confidence as double) as confidence,
        cast(rule as varchar) as rule

    from source

)

select * from renamed
