{#
    The data tests that read article bodies (offsets, body slices) check only the articles loaded or
    re-extracted since the last successful run: an article's rows change only when it is (re)loaded
    (incremental marts rebuild by article), and older articles passed the same tests in the run that
    loaded them — a run whose tests fail is not published. So a run adding 1% of articles reads 1% of
    the bodies instead of all of them. Before the first successful run every article is checked.
    Runs are serialized by the warehouse lock, so every article of this run has a `loaded_at` (its
    run's start) after the previous run's `finished_at`.
#}
{% macro loaded_since_last_run(loaded_at_column) -%}
    {{ loaded_at_column }} > (
        select coalesce(max(finished_at), timestamp '1900-01-01')
        from {{ source('raw', 'runs') }}
        where status = 'succeeded'
    )
{%- endmacro %}
