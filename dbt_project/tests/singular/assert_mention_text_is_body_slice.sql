-- A mention's text is exactly the article body between its offsets (offsets index dim_article.body);
-- checked for the articles loaded since the last successful run (macros/tests_scope.sql).
select
    fct_mention.mention_id,
    fct_mention.text,
    substring(dim_article.body, fct_mention.start_char + 1, fct_mention.end_char - fct_mention.start_char) as body_slice

from {{ ref('fct_mention') }} as fct_mention
inner join {{ ref('dim_article') }} as dim_article on fct_mention.article_id = dim_article.article_id
where {{ loaded_since_last_run('dim_article.loaded_at') }}
    and fct_mention.text is distinct from
        substring(dim_article.body, fct_mention.start_char + 1, fct_mention.end_char - fct_mention.start_char)
