with

source as (

    select * from {{ source('raw', 'quarantine') }}

),

renamed as (

    select
        cast(quarantine_id as varchar) as quarantine_id,
        cast(run_id as varchar) as run_id,
        cast(table_name as varchar) as table_name,
        cast(article_id as varchar) as article_id,
        cast(row_json as varchar) as row_json,
        cast(reason as varchar) as reason,
        cast(quarantined_at as timestamp) as quarantined_at

    from source

)

select * from renamed
