{{ config(materialized='table') }}

{#
    One row per loaded article, with the story it belongs to: articles whose texts are near-duplicates
    (the same story republished: wire copy, mobile and desktop pages, small edits) form one story,
    and the story's original is its earliest published article (then the first loaded, then the
    longest: copies of one day loaded together are told apart by what republication does to a story,
    a lead rewritten shorter, a paragraph or a sentence cut; then the smallest id). Near-duplicates are found with the MinHash signatures the extractor stores
    (etl/text/fingerprint.py): signatures agreeing in one LSH band of `minhash_band_rows` positions
    are candidates, and a candidate pair whose signatures agree in at least
    `near_duplicate_min_similarity` of their positions (≈ the Jaccard similarity of their shingle
    sets) is a near-duplicate. Stories are the connected groups of such pairs. An article without a
    signature is a story of its own.
#}

{% set n_perm = var('minhash_perm') %}
{% set band_rows = var('minhash_band_rows') %}

with

articles as (

    select article_id, published_date, loaded_at, char_count, minhash from {{ ref('stg_newsfacts__articles') }}

),

signed as (

    select article_id, minhash from articles
    where len(minhash) = {{ n_perm }}

),

bands as (

    select
        signed.article_id,
        band.band_no,
        hash(list_slice(signed.minhash, band.band_no * {{ band_rows }} + 1, (band.band_no + 1) * {{ band_rows }}))
            as band_hash

    from signed
    cross join range(0, {{ n_perm // band_rows }}) as band(band_no)

),

candidates as (

    select distinct
        left_band.article_id as article_a,
        right_band.article_id as article_b

    from bands as left_band
    inner join bands as right_band
        on left_band.band_no = right_band.band_no
        and left_band.band_hash = right_band.band_hash
        and left_band.article_id < right_band.article_id

),

similar_pairs as (

    select
        candidates.article_a,
        candidates.article_b,
        list_sum(list_transform(list_zip(a.minhash, b.minhash), lambda pair: (pair[1] = pair[2])::integer))
            / {{ n_perm }} as similarity

    from candidates
    inner join signed as a on candidates.article_a = a.article_id
    inner join signed as b on candidates.article_b = b.article_id

),

edges as (

    select article_a, article_b from similar_pairs
    where similarity >= {{ var('near_duplicate_min_similarity') }}
    union all
    select article_b, article_a from similar_pairs
    where similarity >= {{ var('near_duplicate_min_similarity') }}

),

-- every article reachable through near-duplicate pairs (`union` stops at the fixed point)
reachable as (

    with recursive reach (article_id, member_id) as (

        select article_a, article_b from edges
        union
        select reach.article_id, edges.article_b
        from reach
        inner join edges on reach.member_id = edges.article_a

    )

    select * from reach

),

story_members as (

    select article_id, member_id from reachable
    union
    select article_id, article_id from articles

),

originals as (

    select
        story_members.article_id,
        arg_min(
            story_members.member_id,
            (
                coalesce(members.published_date, date '9999-12-31'),
                members.loaded_at,
                -coalesce(members.char_count, 0),
                story_members.member_id
            )
        ) as canonical_article_id,
        count(*) as story_articles

    from story_members
    inner join articles as members on story_members.member_id = members.article_id
    group by story_members.article_id

),

final as (

    select
        article_id,
        canonical_article_id,
        case when canonical_article_id <> article_id then canonical_article_id end as duplicate_of,
        cast(story_articles as integer) as story_articles

    from originals

)

select * from final
