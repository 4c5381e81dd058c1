with

source as (

    select * from {{ source('raw', 'runs') }}

),

renamed as (

    select
        cast(run_id as varchar) as run_id,
        cast(started_at as timestamp) as started_at,
        cast(finished_at as timestamp) as finished_at,
        cast(status as varchar) as status,
        cast(inputs as varchar) as inputs,
        cast(code_version as varchar) as code_version,
        cast(records_read as integer) as records_read,
        cast(articles_seen as integer) as articles_seen,
        cast(articles_new as integer) as articles_new,
        cast(articles_flagged as integer) as articles_flagged,
        cast(articles_replaced as integer) as articles_replaced,
        cast(records_rejected as integer) as records_rejected,
        cast(mentions as integer) as mentions_found,
        cast(facts as integer) as facts_found,
        cast(events as integer) as events_found,
        cast(duration_s as double) as duration_s,
        cast(message as varchar) as message,
        cast(coalesce(rows_quarantined, 0) as integer) as rows_quarantined,
        cast(coalesce(records_warned, 0) as integer) as records_warned,
        cast(coalesce(records_skipped, 0) as integer) as records_skipped,
        cast(skip_reasons as varchar) as skip_reasons

    from source

)

select * from renamed
