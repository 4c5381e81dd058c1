{#
    Schemas are exactly the configured names (`staging`, `intermediate`, `reference`), not dbt's
    default `<target_schema>_<custom>`. Models without a custom schema (the marts) land in the target
    schema `main`, so `select * from fct_metric_observation` works in a fresh DuckDB session.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
