"""The dbt project builds on raw tables shaped like `etl.load.schema` and computes the marts right.

A throwaway DuckDB file gets the real raw DDL and a few hand-written Korean articles (offsets
computed from the text, as the extractor does); `dbt build` (seeds, models, unit tests, data tests)
must pass, the marts must hold the expected consolidated values, an incremental build after a
second load must equal a full build of the same data, and a warehouse with empty raw tables must
build too.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from etl.load.schema import RAW_TABLES, create_statements
from etl.records import short_hash
from etl.text.fingerprint import minhash

DBT_PROJECT = Path(__file__).resolve().parents[1] / "dbt_project"

RUN1 = datetime(2024, 2, 9, 6, 0, 0)
RUN2 = datetime(2024, 2, 12, 6, 0, 0)

# --- a tiny corpus: article -> (metadata, body, facts, events, company mentions) -------------------
# Facts/events/mentions name the span by its text; offsets are found in the body like the extractor's.

ARTICLES = [
    {
        "key": "skt_jsonl",
        "run": RUN1,
        "source_id": "nx-20240208-001",
        "source_file": "news.jsonl",
        "record_no": 1,
        "segment_no": 0,
        "title": "SK텔레콤, 지난해 매출 17조6085억원",
        "publisher": "뉴시스",
        "reporter": "김기자",
        "published_date": date(2024, 2, 8),
        "body": "SK텔레콤은 8일 지난해 매출 17조6085억원, 영업이익 1조7532억원을 기록했다고 밝혔다. "
        "직원 수는 5400명이다. SK텔레콤은 올해 매출 18조원을 목표로 한다.",
        "facts": [
            ("SK텔레콤", "revenue", "17조6085억원", 17_608_500_000_000, "KRW", "exact", 2023, "FY", False),
            ("SK텔레콤", "operating_profit", "1조7532억원", 1_753_200_000_000, "KRW", "exact", 2023, "FY", False),
            ("SK텔레콤", "headcount", "5400명", 5400, "person", "exact", 2023, None, False),
            ("SK텔레콤", "revenue", "18조원", 18_000_000_000_000, "KRW", "exact", 2024, "FY", True),
        ],
        "events": [],
        "companies": [("SK텔레콤", "SK텔레콤")],
    },
    {
        "key": "bizteck_dump",
        "run": RUN1,
        "source_id": None,
        "source_file": "dump.txt",
        "record_no": 0,
        "segment_no": 1,
        "title": None,
        "publisher": "전자신문",
        "reporter": None,
        "published_date": date(2024, 2, 5),
        "body": "(주)비즈테크파트너스는 2016년 매출 751억원을 기록했다 회사는 2010년 설립됐다 "
        "네이버 클로바노트 누적 다운로드 수가 230만건을 돌파했다",
        "facts": [
            ("(주)비즈테크파트너스", "revenue", "751억원", 75_100_000_000, "KRW", "exact", 2016, "FY", False),
            ("클로바노트", "downloads", "230만건", 2_300_000, "count", "gt", None, None, False),
        ],
        "events": [("(주)비즈테크파트너스", "founding", "2010년", date(2010, 1, 1), "year")],
        "companies": [("비즈테크파트너스", "(주)비즈테크파트너스"), ("네이버", "네이버")],
    },
    {
        "key": "skt_paper",
        "run": RUN2,
        "source_id": "et-7781",
        "source_file": "news.jsonl",
        "record_no": 2,
        "segment_no": 0,
        "title": "SKT 작년 매출 17.6조",
        "publisher": "전자신문",
        "reporter": "이기자",
        "published_date": date(2024, 2, 9),
        "body": "SKT는 2023년 매출이 17조6000억원으로 집계됐다고 9일 공시했다. 임직원은 약 5600명 수준이다. "
        "국내 이동통신 가입자는 3000만명을 넘었다.",
        "facts": [
            ("SKT", "revenue", "17조6000억원", 17_600_000_000_000, "KRW", "exact", 2023, "FY", False),
            ("SKT", "headcount", "약 5600명", 5600, "person", "approx", 2023, None, False),
            (None, "users", "3000만명", 30_000_000, "count", "gt", None, None, False),
        ],
        "events": [],
        "companies": [("SK텔레콤", "SKT")],
    },
    {
        # a wire copy of skt_jsonl on another site (a lead added, a clause dropped): the same story,
        # linked by dim_article.duplicate_of and counted once in fct_company_metric
        "key": "skt_wire",
        "run": RUN2,
        "source_id": "yn-20240208-117",
        "source_file": "wire.jsonl",
        "record_no": 1,
        "segment_no": 0,
        "title": "SK텔레콤 작년 매출 17조6085억원",
        "publisher": "연합뉴스",
        "reporter": None,
        "published_date": date(2024, 2, 8),
        "body": "(서울=연합뉴스) SK텔레콤은 8일 지난해 매출 17조6085억원을 기록했다고 밝혔다. "
        "직원 수는 5400명이다. SK텔레콤은 올해 매출 18조원을 목표로 한다.",
        "facts": [
            ("SK텔레콤", "revenue", "17조6085억원", 17_608_500_000_000, "KRW", "exact", 2023, "FY", False),
            ("SK텔레콤", "revenue", "18조원", 18_000_000_000_000, "KRW", "exact", 2024, "FY", True),
        ],
        "events": [],
        "companies": [("SK텔레콤", "SK텔레콤")],
    },
    {
        "key": "skt_again",
        "run": RUN2,
        "source_id": None,
        "source_file": "dump.txt",
        "record_no": 0,
        "segment_no": 2,
        "title": None,
        "publisher": None,
        "reporter": None,
        "published_date": None,
        "body": "에스케이텔레콤의 2023년 매출은 17조6085억원이었다 비즈테크 파트너스는 2021년 매출 "
        "1493억원을 기록했고 2024년 3월 둘째 주 새 플랫폼을 출시했다",
        "facts": [
            ("에스케이텔레콤", "revenue", "17조6085억원", 17_608_500_000_000, "KRW", "exact", 2023, "FY", False),
            ("비즈테크 파트너스", "revenue", "1493억원", 149_300_000_000, "KRW", "exact", 2021, "FY", False),
        ],
        "events": [("비즈테크 파트너스", "launch", "2024년 3월 둘째 주", date(2024, 3, 11), "week")],
        "companies": [("SK텔레콤", "에스케이텔레콤"), ("비즈테크 파트너스", "비즈테크 파트너스")],
    },
]


def _span(body: str, text: str) -> tuple[int, int]:
    start = body.index(text)
    return start, start + len(text)


def _sentence(body: str, start: int) -> str:
    """The sentence around `start` (the evidence the extractor stores)."""
    left = max(body.rfind(". ", 0, start), -1) + 1
    right = body.find(". ", start)
    return body[left : right + 1 if right >= 0 else len(body)].strip()


def _rows(articles: list[dict]) -> dict[str, list[tuple]]:
    rows: dict[str, list[tuple]] = {t: [] for t in RAW_TABLES}
    for a in articles:
        body = a["body"]
        aid = short_hash(a["source_id"] or "", body)
        run_id = f"run-{a['run']:%Y%m%d}"
        rows["articles"].append(
            (
                aid,
                a["source_id"],
                a["source_file"],
                a["record_no"],
                a["segment_no"],
                a["title"],
                body,
                a["published_date"],
                a["publisher"],
                a["reporter"],
                None,
                None,
                len(body),
                None,
                run_id,
                a["run"],
                minhash(body),
            )
        )
        for company, metric, text, value, unit, qualifier, year, label, forecast in a["facts"]:
            start, end = _span(body, text)
            fid = short_hash(aid, metric, start, end)
            cstart = body.find(company) if company else -1
            rows["facts"].append(
                (
                    fid,
                    aid,
                    company,
                    metric,
                    float(value),
                    unit,
                    qualifier,
                    year,
                    label,
                    forecast,
                    _sentence(body, start),
                    start,
                    end,
                    cstart if cstart >= 0 else None,
                    cstart + len(company) if cstart >= 0 else None,
                    0.9,
                    f"metric:{metric}",
                    '{"period": "stated year"}',
                )
            )
            kind = "money" if unit == "KRW" else "quantity"
            rows["mentions"].append(
                (
                    short_hash(aid, start, end, kind),
                    aid,
                    kind,
                    text,
                    start,
                    end,
                    float(value),
                    unit,
                    qualifier,
                    None,
                    None,
                    None,
                    None,
                    1.0,
                    f"{kind}:ko",
                )
            )
        for company, event_type, text, when, grain in a["events"]:
            start, end = _span(body, text)
            rows["events"].append(
                (
                    short_hash(aid, event_type, start, end),
                    aid,
                    company,
                    event_type,
                    when,
                    grain,
                    _sentence(body, start),
                    start,
                    end,
                    0.8,
                    f"event:{event_type}",
                )
            )
            rows["mentions"].append(
                (
                    short_hash(aid, start, end, "date"),
                    aid,
                    "date",
                    text,
                    start,
                    end,
                    None,
                    None,
                    "exact",
                    None,
                    None,
                    when,
                    grain,
                    1.0,
                    "date:ko",
                )
            )
        for name, surface in a["companies"]:
            start, end = _span(body, surface)
            rows["company_mentions"].append(
                (
                    short_hash(aid, start, end, name),
                    aid,
                    name,
                    surface,
                    start,
                    end,
                    "seed",
                    1.0,
                    None,
                )
            )
    return rows


def create_raw(db: Path, articles: list[dict]) -> None:
    """Create the raw schema with the extractor's own DDL and append the articles' rows."""
    with duckdb.connect(str(db)) as con:
        for stmt in create_statements():
            con.execute(stmt)
        for table, rows in _rows(articles).items():
            if rows:
                marks = ", ".join("?" * len(RAW_TABLES[table]))
                con.executemany(f"insert into raw.{table} values ({marks})", rows)


def reclassify_without_reload(db: Path, number: str, old_metric: str, new_metric: str) -> None:
    """Re-extraction of an already loaded article: a fact changes metric (hence id), loaded_at does not."""
    with duckdb.connect(str(db)) as con:
        row = con.execute(
            "select fact_id, article_id, start_char, end_char from raw.facts f join raw.mentions m "
            "using (article_id, start_char, end_char) where m.text = ? and f.metric = ?",
            [number, old_metric],
        ).fetchone()
        assert row is not None, (number, old_metric)
        old_id, aid, start, end = row
        con.execute(
            "update raw.facts set metric = ?, fact_id = ? where fact_id = ?",
            [new_metric, short_hash(aid, new_metric, start, end), old_id],
        )


def copy_raw(src: Path, dst: Path) -> None:
    with duckdb.connect(str(dst)) as con:
        con.execute(f"attach '{src}' as src (read_only)")
        con.execute("create schema raw")
        for table in RAW_TABLES:
            con.execute(f"create table raw.{table} as select * from src.raw.{table}")


def dbt(db: Path, work: Path, *args: str) -> None:
    """Run dbt in-process against `db`; fail the test with dbt's messages if anything fails.

    The file is moved to one fixed path for the run: the database path is part of dbt's profile
    hash, and a constant path lets every build reuse partial parsing. dbt-duckdb keeps its DuckDB
    instance open in a class attribute after the run; closing it is what lets anyone else (and the
    publish step) open the file again.
    """
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    from dbt.cli.main import dbtRunner

    fixed = work / "warehouse.duckdb"
    db.replace(fixed)
    os.environ["NEWSFACTS_DB"] = str(fixed)
    try:
        result = dbtRunner().invoke(
            [
                "--quiet",
                *args,
                "--project-dir",
                str(DBT_PROJECT),
                "--profiles-dir",
                str(DBT_PROJECT),
                "--target-path",
                str(work / "target"),
                "--log-path",
                str(work / "logs"),
            ]
        )
    finally:
        DuckDBConnectionManager.close_all_connections()
        fixed.replace(db)
    problems = [
        f"{r.node.name}: {r.status}: {r.message}"
        for r in (getattr(result.result, "results", None) or [])
        if str(r.status).lower() in {"error", "fail", "runtime error"}
    ]
    assert result.success and not problems, problems or result.exception


def query(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture(autouse=True)
def _restore_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSFACTS_DB", os.environ.get("NEWSFACTS_DB", ""))


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dbt's target/log dir, shared by the module's builds so partial parsing is reused."""
    return tmp_path_factory.mktemp("dbt_work")


MODELS_ONLY = ("--resource-type", "seed", "--resource-type", "model")  # skip tests on intermediate builds

MART_TABLES = (
    "dim_article",
    "dim_company",
    "dim_metric",
    "fct_mention",
    "fct_metric_observation",
    "fct_company_metric",
    "fct_company_event",
)


def mart_contents(db: Path) -> dict[str, list[tuple]]:
    """Every mart's rows (all columns), sorted."""
    out = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for t in MART_TABLES:
            cols = [
                c
                for (c,) in con.execute(
                    "select column_name from information_schema.columns "
                    "where table_schema = 'main' and table_name = ? order by ordinal_position",
                    [t],
                ).fetchall()
            ]
            out[t] = sorted(con.execute(f"select {', '.join(cols)} from main.{t}").fetchall(), key=repr)
    return out


def test_build_incremental_equals_full_and_marts_are_right(tmp_path: Path, work: Path) -> None:
    first = [a for a in ARTICLES if a["run"] == RUN1]
    second = [a for a in ARTICLES if a["run"] == RUN2]

    inc = tmp_path / "incremental.duckdb"
    create_raw(inc, first)
    dbt(inc, work, "build", *MODELS_ONLY)
    assert query(inc, "select count(*) from fct_metric_observation") == [(6,)]
    create_raw(inc, second)
    reclassify_without_reload(inc, "1조7532억원", "operating_profit", "net_income")
    dbt(inc, work, "build")

    full = tmp_path / "full.duckdb"
    copy_raw(inc, full)
    dbt(full, work, "build", "--full-refresh")

    assert mart_contents(inc) == mart_contents(full)
    db = full

    # the marts live in `main`, staging/intermediate/reference in their own schemas
    schemas = {s for (s,) in query(db, "select distinct table_schema from information_schema.tables")}
    assert {"main", "raw", "staging", "intermediate", "reference"} <= schemas

    # SKT, 에스케이텔레콤 and SK텔레콤 are one company; the two spellings of 비즈테크파트너스 are one,
    # named as first loaded; 클로바노트 (a product in the seed) is 네이버's
    companies = dict(query(db, "select company_name, aliases from dim_company where n_articles > 0"))
    assert set(companies) == {"SK텔레콤", "비즈테크파트너스", "네이버"}
    assert {"SKT", "에스케이텔레콤"} <= set(companies["SK텔레콤"].split("; "))
    assert "비즈테크 파트너스" in companies["비즈테크파트너스"].split("; ")
    [(products,)] = query(db, "select products from dim_company where company_name = '네이버'")
    assert {"클로바노트", "하이퍼클로바"} <= set(products.split("; "))
    # listed companies carry the exchange's code, ISIN and market
    assert query(db, "select stock_code, isin, market from dim_company where company_name = 'SK텔레콤'") == [
        ("017670", "KR7017670001", "KOSPI")]
    assert query(
        db,
        "select count(distinct company_id) from fct_metric_observation where company_name "
        "in ('SKT', 'SK텔레콤', '에스케이텔레콤')",
    ) == [(1,)]

    # the wire copy republishes skt_jsonl (loaded first, same day): linked, and counted once below
    ids = {a["key"]: short_hash(a["source_id"] or "", a["body"]) for a in ARTICLES}
    assert query(db, "select article_id, duplicate_of from dim_article where duplicate_of is not null") == [
        (ids["skt_wire"], ids["skt_jsonl"])]

    # consolidation: 3 stories on SKT's 2023 revenue (4 articles, one a wire copy), two agree on
    # 17조6085억 (within 1% of 17조6000억)
    rows = query(
        db,
        """
        select metric, value, min_value, max_value, n_articles, value_n_articles, has_disagreement
        from fct_company_metric
        where company_name = 'SK텔레콤' and period_year = 2023 and not is_forecast
        order by metric""",
    )
    assert rows == [
        ("headcount", 5600.0, 5400.0, 5600.0, 2, 1, True),
        ("net_income", 1_753_200_000_000.0, 1_753_200_000_000.0, 1_753_200_000_000.0, 1, 1, False),
        ("revenue", 17_608_500_000_000.0, 17_600_000_000_000.0, 17_608_500_000_000.0, 3, 2, False),
    ]
    # the forecast is its own row, not mixed into the actuals
    assert query(db, "select period_year, value from fct_company_metric where is_forecast") == [
        (2024, 18_000_000_000_000.0)
    ]
    # a fact without a company is kept as an observation but not consolidated
    assert query(db, "select count(*) from fct_metric_observation where company_id is null") == [(1,)]

    # a week-grain launch (11-17 March 2024) is reported at month grain
    assert query(
        db,
        "select canonical_company_name, event_type, event_date, date_grain, source_date_grain "
        "from fct_company_event order by event_date",
    ) == [
        ("비즈테크파트너스", "founding", date(2010, 1, 1), "year", "year"),
        ("비즈테크파트너스", "launch", date(2024, 3, 1), "month", "week"),
    ]

    # offsets index dim_article.body (Python str offsets = DuckDB character positions)
    assert query(
        db,
        """
        select count(*) from fct_mention m join dim_article a using (article_id)
        where substring(a.body, m.start_char + 1, m.end_char - m.start_char) <> m.text""",
    ) == [(0,)]


def test_build_with_empty_raw_tables(tmp_path: Path, work: Path) -> None:
    db = tmp_path / "empty.duckdb"
    create_raw(db, [])
    dbt(db, work, "build")
    dbt(db, work, "build", *MODELS_ONLY)  # the incremental path on an empty table too
    assert query(db, "select count(*) from fct_metric_observation") == [(0,)]
    assert query(db, "select count(*) from fct_company_metric") == [(0,)]
    # the seed's companies and metrics are there even before any article
    assert query(db, "select count(*) from dim_metric")[0][0] >= 7
    assert query(db, "select count(*) from dim_company where company_name = 'SK텔레콤' and n_articles = 0") == [(1,)]
