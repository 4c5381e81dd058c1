{#
    One row per day, the calendar MetricFlow joins metrics to (cumulative metrics, time offsets, and
    grouping by metric_time). It spans every period and publication date the extractor accepts.
#}
{{ config(materialized='table', schema='semantic') }}

with

days as (

    select cast(range as date) as date_day
    from range(date '1900-01-01', date '2101-01-01', interval 1 day)

)

select * from days
