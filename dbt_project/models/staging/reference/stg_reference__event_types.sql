with

source as (

    select * from {{ ref('event_cues') }}

),

event_types as (

    select
        trim(cast(event_type as varchar)) as event_type,
        cast(count(*) as integer) as n_cues

    from source
    where nullif(trim(event_type), '') is not null
    group by 1

)

select * from event_types
