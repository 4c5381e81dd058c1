with

source as (

    select * from {{ ref('company_aliases') }}

),

renamed as (

    select
        trim(cast(company_name as varchar)) as company_name,
        trim(cast(alias as varchar)) as alias,
        -- a blank relation is a plain alias
        coalesce(nullif(lower(trim(cast(relation as varchar))), ''), 'alias') as relation

    from source
    where nullif(trim(company_name), '') is not null

)

select * from renamed
