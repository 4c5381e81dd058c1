with

source as (

    select * from {{ source('raw', 'rejects') }}

),

renamed as (

    select
        cast(reject_id as varchar) as reject_id,
        cast(run_id as varchar) as run_id,
        cast(source_file as varchar) as source_file,
        cast(record_no as integer) as record_no,
        cast(reason as varchar) as reason,
        cast(excerpt as varchar) as excerpt,
        cast(rejected_at as timestamp) as rejected_at,
        cast(coalesce(severity, 'error') as varchar) as severity,
        cast(byte_offset as bigint) as byte_offset

    from source

)

select * from renamed
