{#
    Offsets index the article body: 0 <= start < end <= length(body), and the article exists.
    Applied to the start column; `end_column` names the end (exclusive). Python str offsets are
    code points, as are DuckDB's length/substring. Offsets are checked for the articles loaded since
    the last successful run (macros/tests_scope.sql); existence for every row.
#}
{% test offsets_within_body(model, column_name, end_column, articles) %}

with

checked_articles as (

    select article_id, length(body) as body_length
    from {{ articles }}
    where {{ loaded_since_last_run('loaded_at') }}

)

select
    model.article_id,
    model.{{ column_name }} as start_char,
    model.{{ end_column }} as end_char,
    checked_articles.body_length

from {{ model }} as model
left join checked_articles on model.article_id = checked_articles.article_id
where model.{{ column_name }} is not null
    and (
        (
            checked_articles.article_id is null
            and not exists (select 1 from {{ articles }} as a where a.article_id = model.article_id)
        )
        or (
            checked_articles.article_id is not null
            and (
                model.{{ column_name }} < 0
                or model.{{ end_column }} is null
                or model.{{ end_column }} <= model.{{ column_name }}
                or model.{{ end_column }} > checked_articles.body_length
            )
        )
    )

{% endtest %}
