{#
    Incremental fact models rebuild only the articles loaded since their last build.

    `loaded_at` is the article's load time (raw.articles.loaded_at, carried onto every fact row).
    `>=` rather than `>` re-processes the newest batch once more, which delete+insert by article_id
    makes harmless; coalesce covers a previous build that produced no rows at all.
#}
{% macro loaded_since_last_build(loaded_at_column='loaded_at') -%}
    {%- if is_incremental() -%}
        {{ loaded_at_column }} >= (select coalesce(max(loaded_at), timestamp '1900-01-01') from {{ this }})
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#
    Post-hook of the incremental fact models: drop rows whose source row no longer exists (an article
    deleted from raw, or re-extracted with fewer facts), so an incremental build equals a full refresh.
#}
{% macro delete_vanished_rows(key_column, source_relation, source_key_column) -%}
    delete from {{ this }} as t
    where not exists (
        select 1 from {{ source_relation }} as s
        where s.{{ source_key_column }} = t.{{ key_column }}
    )
{%- endmacro %}
