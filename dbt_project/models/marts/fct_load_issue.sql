{#
    What a run could not take as it came, in one table for analysts and the report: records rejected
    (not loaded), damaged places of records loaded with replaced bytes, and extracted rows quarantined
    for breaking an invariant of their raw table.
#}

with

rejects as (

    select * from {{ ref('stg_newsfacts__rejects') }}

),

quarantine as (

    select * from {{ ref('stg_newsfacts__quarantine') }}

),

issues as (

    select
        reject_id as issue_id,
        case when severity = 'warning' then 'damaged' else 'rejected' end as issue_kind,
        severity,
        run_id,
        source_file,
        record_no,
        cast(null as varchar) as table_name,
        cast(null as varchar) as article_id,
        reason,
        excerpt as detail,
        byte_offset,
        rejected_at as logged_at

    from rejects

    union all

    select
        quarantine_id as issue_id,
        'quarantined' as issue_kind,
        'error' as severity,
        run_id,
        cast(null as varchar) as source_file,
        cast(null as integer) as record_no,
        table_name,
        article_id,
        reason,
        row_json as detail,
        cast(null as bigint) as byte_offset,
        quarantined_at as logged_at

    from quarantine

),

final as (

    -- the same quarantined row can be logged by two runs: keep its first report
    select * from issues
    qualify row_number() over (partition by issue_id order by logged_at) = 1

)

select * from final
