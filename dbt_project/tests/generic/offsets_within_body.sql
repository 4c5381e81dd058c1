{#
    Offsets index the article body: 0 <= start < end <= length(body), and the article exists.
    Applied to the start column; `end_column` names the end (exclusive). Python str offsets are
    code points, as are DuckDB's length/substring.
#}
{% test offsets_within_body(model, column_name, end_column, articles) %}

select
    model.article_id,
    model.{{ column_name }} as start_char,
    model.{{ end_column }} as end_char,
    length(articles.body) as body_length

from {{ model }} as model
left join {{ articles }} as articles on model.article_id = articles.article_id
where model.{{ column_name }} is not null
    and (
        articles.article_id is null
        or model.{{ column_name }} < 0
        or model.{{ end_column }} is null
        or model.{{ end_column }} <= model.{{ column_name }}
        or model.{{ end_column }} > length(articles.body)
    )

{% endtest %}
