{#
    Incremental fact models rebuild, by article (delete+insert on article_id), only the articles
    whose rows may have changed since the last build:
      - articles loaded since then (`loaded_at` >= the newest loaded_at already built; `>=` re-does
        the newest batch once more, harmless with delete+insert; coalesce covers an empty table);
      - articles with a row whose id is not built yet (children re-extracted under an old loaded_at).
    Rows whose source row is gone are deleted by the post-hook `delete_vanished_rows`.
    Outside an incremental run these render to `true`, so full refresh and first build read all.
#}
{% macro loaded_since_last_build(loaded_at_column='loaded_at') -%}
    {%- if is_incremental() -%}
        {{ loaded_at_column }} >= (select coalesce(max(loaded_at), timestamp '1900-01-01') from {{ this }})
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{% macro has_unbuilt_rows(article_id_column, source_relation, source_key_column, key_column) -%}
    {%- if is_incremental() -%}
        {{ article_id_column }} in (
            select source_rows.article_id
            from {{ source_relation }} as source_rows
            where not exists (
                select 1 from {{ this }} as built
                where built.{{ key_column }} = source_rows.{{ source_key_column }}
            )
        )
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#
    Post-hook of the incremental fact models: drop rows whose source row no longer exists (an article
    deleted from raw, or re-extracted with fewer rows), so an incremental build equals a full refresh.
#}
{% macro delete_vanished_rows(key_column, source_relation, source_key_column) -%}
    delete from {{ this }} as t
    where not exists (
        select 1 from {{ source_relation }} as s
        where s.{{ source_key_column }} = t.{{ key_column }}
    )
{%- endmacro %}
