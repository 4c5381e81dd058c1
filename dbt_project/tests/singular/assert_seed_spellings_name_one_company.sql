{{ config(severity='warn') }}

-- Every spelling in seeds/company_aliases.csv (up to (주)/spacing/case) belongs to one company only;
-- otherwise int_companies__resolved has to pick one of them.
with

spellings as (

    select company_name, company_name as spelling from {{ ref('stg_reference__company_aliases') }}
    union
    select company_name, alias from {{ ref('stg_reference__company_aliases') }} where alias is not null

)

select
    {{ company_key('spelling') }} as company_key,
    string_agg(distinct company_name, '; ') as companies

from spellings
group by 1
having count(distinct company_name) > 1
