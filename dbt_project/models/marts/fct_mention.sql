{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='article_id',
        on_schema_change='append_new_columns',
        post_hook="{{ delete_vanished_rows('mention_id', ref('stg_newsfacts__mentions'), 'mention_id') }}"
    )
}}

with

mentions as (

    select * from {{ ref('stg_newsfacts__mentions') }}

),

articles as (

    select article_id, published_date, loaded_at from {{ ref('stg_newsfacts__articles') }}

),

final as (

    select
        mentions.mention_id,
        mentions.article_id,
        mentions.kind,
        mentions.mention_text as text,
        mentions.start_char,
        mentions.end_char,
        mentions.value,
        mentions.unit,
        mentions.qualifier,
        mentions.min_value,
        mentions.max_value,
        mentions.date_value,
        mentions.date_grain,
        mentions.confidence,
        mentions.rule,
        articles.published_date,
        articles.loaded_at

    from mentions
    inner join articles on mentions.article_id = articles.article_id
    where {{ loaded_since_last_build('articles.loaded_at') }}
        or {{ has_unbuilt_rows('mentions.article_id', ref('stg_newsfacts__mentions'), 'mention_id', 'mention_id') }}

)

select * from final
