with

source as (

    select * from {{ ref('listed_companies') }}

),

renamed as (

    select
        trim(cast(stock_code as varchar)) as stock_code,
        trim(cast(isin as varchar)) as isin,
        trim(cast(name as varchar)) as listed_name,
        trim(cast(market as varchar)) as market,
        {{ company_key('name') }} as listed_key

    from source
    where nullif(trim(stock_code), '') is not null

)

select * from renamed
