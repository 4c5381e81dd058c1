{#
    Company events with their date coarsened to a reporting grain (day | month | quarter | year).

    The extractor's grains also include week and half. A week becomes the smallest grain that
    contains all seven of its days (month, else quarter, else year; a week across New Year is
    dated to the year it starts in); a half-year becomes its year. event_date is always the first
    day of its grain; the extractor's own date and grain are kept beside it. An unknown or missing
    grain is treated as day. Events without a date are dropped (this is the dated-events layer).
#}

with

events as (

    select * from {{ ref('stg_newsfacts__events') }}

),

articles as (

    select article_id, published_date, loaded_at from {{ ref('stg_newsfacts__articles') }}

),

companies as (

    select * from {{ ref('int_companies__resolved') }}

),

graded as (

    select
        *,
        case
            when date_grain in ('day', 'month', 'quarter', 'year') then date_grain
            when date_grain = 'week' then
                case
                    when date_trunc('month', event_date) = date_trunc('month', event_date + 6) then 'month'
                    when date_trunc('quarter', event_date) = date_trunc('quarter', event_date + 6) then 'quarter'
                    else 'year'
                end
            when date_grain = 'half' then 'year'
            else 'day'
        end as reporting_grain

    from events
    where event_date is not null

),

final as (

    select
        graded.event_id,
        graded.article_id,
        companies.company_id,
        graded.company_name,
        companies.company_name as canonical_company_name,
        graded.event_type,
        cast(date_trunc(graded.reporting_grain, graded.event_date) as date) as event_date,
        graded.reporting_grain as date_grain,
        graded.event_date as source_event_date,
        graded.date_grain as source_date_grain,
        graded.evidence,
        graded.start_char,
        graded.end_char,
        graded.confidence,
        graded.rule,
        articles.published_date,
        articles.loaded_at

    from graded
    inner join articles on graded.article_id = articles.article_id
    left join companies on graded.company_name = companies.company_name_raw

)

select * from final
