{#-
  Render ref() and source() without the catalog (database) name.

  DuckDB names a file's catalog after the file, and the warehouse is built under one name and
  published under another (or copied and renamed by its users). Views that said
  "build"."raw"."articles" would break there; views that say "raw"."articles" resolve in whatever
  catalog the reader opened. It also keeps dbt's connection settings identical from run to run, so
  partial parsing is reused.
-#}
{% macro ref() %}
  {%- set version = kwargs.get('version') or kwargs.get('v') -%}
  {%- if (varargs | length) == 1 -%}
    {%- set rel = builtins.ref(varargs[0], version=version) -%}
  {%- else -%}
    {%- set rel = builtins.ref(varargs[0], varargs[1], version=version) -%}
  {%- endif -%}
  {%- if rel is not string and rel.include is defined -%}
    {%- do return(rel.include(database=False)) -%}
  {%- endif -%}
  {%- do return(rel) -%}
{% endmacro %}

{% macro source(source_name, table_name) %}
  {%- set rel = builtins.source(source_name, table_name) -%}
  {%- if rel is not string and rel.include is defined -%}
    {%- do return(rel.include(database=False)) -%}
  {%- endif -%}
  {%- do return(rel) -%}
{% endmacro %}
