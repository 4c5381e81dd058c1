{#
    Incremental like the fact marts: a run copies only the bodies of the articles it loaded, not the
    whole table (the largest in the warehouse) again — and the few older articles whose story's
    original changed (an earlier-published copy of their story arrived).
#}
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='article_id',
        on_schema_change='append_new_columns',
        post_hook="{{ delete_vanished_rows('article_id', ref('stg_newsfacts__articles'), 'article_id') }}"
    )
}}

with

articles as (

    select * from {{ ref('stg_newsfacts__articles') }}

),

stories as (

    select article_id, duplicate_of from {{ ref('int_articles__deduplicated') }}

),

{% if is_incremental() %}
restoried_articles as (

    select stories.article_id
    from stories
    inner join {{ this }} as built on stories.article_id = built.article_id
    where built.duplicate_of is distinct from stories.duplicate_of

),
{% endif %}

final as (

    select
        article_id,
        source_id,
        source_file,
        record_no,
        segment_no,
        title,
        publisher,
        reporter,
        email,
        url,
        stories.duplicate_of,
        published_date,
        body,
        char_count,
        warnings,
        run_id,
        loaded_at

    from articles
    left join stories using (article_id)
    where {{ loaded_since_last_build('loaded_at') }}
        {% if is_incremental() %}or article_id in (select article_id from restoried_articles){% endif %}

)

select * from final
