with

source as (

    select * from {{ source('raw', 'articles') }}

),

renamed as (

    select
        cast(article_id as varchar) as article_id,
        cast(source_id as varchar) as source_id,
        cast(source_file as varchar) as source_file,
        cast(record_no as integer) as record_no,
        cast(segment_no as integer) as segment_no,
        cast(title as varchar) as title,
        cast(body as varchar) as body,
        cast(published_date as date) as published_date,
        cast(publisher as varchar) as publisher,
        cast(reporter as varchar) as reporter,
        cast(email as varchar) as email,
        cast(url as varchar) as url,
        cast(char_count as integer) as char_count,
        cast(warnings as varchar) as warnings,
        cast(run_id as varchar) as run_id,
        cast(loaded_at as timestamp) as loaded_at,
        cast(minhash as uinteger[]) as minhash

    from source

)

select * from renamed
