with

metric_catalog as (

    select * from {{ ref('stg_reference__metric_catalog') }}

),

final as (

    select
        metric,
        unit,
        description

    from metric_catalog

)

select * from final
