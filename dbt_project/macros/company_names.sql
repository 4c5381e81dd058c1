{#
    Company-name normalization shared by every model that resolves companies.

    clean_company_name: the name as people write it, minus the legal-form marks that do not
    distinguish companies ((주), ㈜, 주식회사, (株), full-width variants), Unicode NFC, with runs of
    whitespace collapsed. Empty results become NULL.
    company_key: the matching key: the clean name without any whitespace, lower-cased, so that
    "LG CNS", "LGCNS" and "(주)lg cns" are the same company.
#}
{% macro clean_company_name(column) -%}
    nullif(trim(regexp_replace(regexp_replace(nfc_normalize({{ column }}), '[(（]\s*(주|株)\s*[)）]|㈜|주식회사', ' ', 'g'), '\s+', ' ', 'g')), '')
{%- endmacro %}

{% macro company_key(column) -%}
    nullif(lower(regexp_replace({{ clean_company_name(column) }}, '\s+', '', 'g')), '')
{%- endmacro %}
