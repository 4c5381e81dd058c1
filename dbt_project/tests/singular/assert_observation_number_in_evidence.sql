{{ config(severity='warn') }}

-- The number a fact was read from (body between its offsets) appears in the fact's evidence sentence;
-- checked for the articles loaded since the last successful run (macros/tests_scope.sql).
select
    fct_metric_observation.observation_id,
    fct_metric_observation.evidence,
    substring(dim_article.body, fct_metric_observation.start_char + 1,
              fct_metric_observation.end_char - fct_metric_observation.start_char) as number_text

from {{ ref('fct_metric_observation') }} as fct_metric_observation
inner join {{ ref('dim_article') }} as dim_article on fct_metric_observation.article_id = dim_article.article_id
where {{ loaded_since_last_run('dim_article.loaded_at') }}
    and fct_metric_observation.evidence is not null
    and fct_metric_observation.start_char is not null
    and position(
        substring(dim_article.body, fct_metric_observation.start_char + 1,
                  fct_metric_observation.end_char - fct_metric_observation.start_char)
        in fct_metric_observation.evidence
    ) = 0
