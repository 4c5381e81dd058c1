{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='article_id',
        on_schema_change='append_new_columns',
        post_hook="{{ delete_vanished_rows('observation_id', ref('int_facts__attributed'), 'fact_id') }}"
    )
}}

with

facts as (

    select * from {{ ref('int_facts__attributed') }}

),

{% if is_incremental() %}
-- articles whose built rows name a company that now resolves differently (seed aliases edited)
re_resolved_articles as (

    select distinct built.article_id
    from {{ this }} as built
    inner join facts on built.observation_id = facts.fact_id
    where built.company_id is distinct from facts.company_id
        or built.canonical_company_name is distinct from facts.canonical_company_name

),
{% endif %}

final as (

    select
        fact_id as observation_id,
        article_id,
        company_id,
        company_name,
        canonical_company_name,
        metric,
        value,
        unit,
        qualifier,
        period_year,
        period_label,
        period_grain,
        period_key,
        is_forecast,
        evidence,
        start_char,
        end_char,
        company_start,
        company_end,
        confidence,
        rule,
        explanation,
        published_date,
        loaded_at

    from facts
    where {{ loaded_since_last_build('loaded_at') }}
        or {{ has_unbuilt_rows('article_id', ref('int_facts__attributed'), 'fact_id', 'observation_id') }}
        {% if is_incremental() %}or article_id in (select article_id from re_resolved_articles){% endif %}

)

select * from final
