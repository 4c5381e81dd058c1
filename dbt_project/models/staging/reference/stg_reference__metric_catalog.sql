with

source as (

    select * from {{ ref('metric_catalog') }}

),

renamed as (

    select
        trim(cast(metric as varchar)) as metric,
        trim(cast(unit as varchar)) as unit,
        trim(cast(description as varchar)) as description

    from source
    where nullif(trim(metric), '') is not null

)

select * from renamed
