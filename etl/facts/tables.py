"""Tables a page flattened into lines: a header of metric words, rows of a company and its figures.

    주요 게임사 올해 3분기 실적 전망치            <- periods heading groups of columns (optional)
    2021년 3분기 실적 2022년 3분기 실적 전망치
    게임사명 매출 영업이익 매출 영업이익         <- a name column, then one metric per column
    한빛게임즈 5006억 963억 5751억 1027억        <- a company, then one figure per column
    누리소프트 7304억 2868억 9243억~1조 2898억

The sentence rules read such rows as figures with no cue; here each cell gets its column's metric, the
row's company and its column group's period (a group headed by a forecast word is a forecast). A cell
that is no single figure (a range, `9243억~1조`) is skipped; a row that does not fill the columns ends
the table. Cells may be ruled off by pipes (`| 한빛게임즈 | 265.8 | ―131.1 |`) and signed with a dash or `△`
(a loss); the names of the rows are companies (`row_names`) whether or not the text names them elsewhere.
A header may date its columns instead (`항공사 2019년 3분기 2021년 3분기 비고`), the metric named in the title
above it: each row's first cells are then its figures for those periods (`_period_table_cells`).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cache, lru_cache

import regex as re

from etl.facts.companies import CompanyIndex
from etl.facts.metrics import cue_hits, facts_rules, fits_unit, metric_rules, plausible
from etl.facts.periods import Period, label_for
from etl.mentions.amounts import find_amounts
from etl.records import CompanyMention, Mention

# a table has at least this many metric columns, and this many company rows
MIN_COLUMNS = 2
MIN_ROWS = 2
# lines above the header that may name its column groups' periods
GROUP_HEADER_LINES = 2

_FORECAST = re.compile(r"전망|추정|예상|컨센서스|목표|가이던스")
_UNIT_NOTE = re.compile(r"단위\s?[:：]?\s?(?P<unit>억\s?원|백만\s?원|천\s?원|만\s?원|원|명|만\s?명)")
_UNIT_SCALE = {"조원": 1e12, "억원": 1e8, "백만원": 1e6, "천원": 1e3, "만원": 1e4, "원": 1.0, "명": 1.0, "만명": 1e4,
               "천명": 1e3}
# a column heading's own unit in brackets: `11월말 가입자수 (만명)`
_HEADING_UNIT = re.compile(r"\(\s?(조\s?원|억\s?원|백만\s?원|천\s?원|만\s?원|원|만\s?명|천\s?명|명)\s?\)")


@dataclass(frozen=True, slots=True)
class TableCell:
    row: tuple[int, int]  # the row's line (start, end)
    figure: Mention  # the cell, at its offsets in the text
    metric: str
    cue: str
    cue_at: tuple[int, int]  # the header word naming the column
    negative: bool
    company: CompanyMention
    period: Period
    forecast: bool


# a cell's sign: a dash of any width, or the `△` of Korean financial tables
_SIGN = "-−―–△"
# a cell of a row: a figure, maybe signed, maybe with its unit (`265.8`, `―50.7`, `5006억`, `1,234명`)
_FIGURE_CELL = re.compile(rf"[{_SIGN}]?\d[\d,.]*(?:[조억만천]\s?\d*[\d,.]*)*(?:원|명|건|%)?")
# names in a name column that are no company's
_NOT_ROW_NAMES = frozenset({"합계", "소계", "총계", "평균", "전체", "계", "기타", "업계", "시장", "국내", "해외"})


def _grid(text: str) -> str:
    """The text with its cell rules blanked (same length, same offsets): `| 기업 | 매출액 |` reads
    `  기업   매출액  `."""
    return text.replace("|", " ") if "|" in text else text


def _lines(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    while start <= len(text):
        nl = text.find("\n", start)
        end = len(text) if nl < 0 else nl
        out.append((start, end))
        if nl < 0:
            break
        start = nl + 1
    return out


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text[:end], pos=start)]


@cache
def _cue_words() -> dict[str, str]:
    return {c.cue: c.metric for c in metric_rules().cues}


@cache
def _header_start() -> re.Pattern[str]:
    """A line opening with a name column's word (one scan tells an article with no table)."""
    words = "|".join(map(re.escape, facts_rules()["tables"]["name_columns"]))
    return re.compile(rf"(?m)^[ \t]*(?:{words})[ \t]")


def _header(tokens: list[tuple[int, int, str]]) -> list[tuple[str, str, int, int]] | None:
    """(metric, cue word, start, end) per metric column when the line is a name column then metric words."""
    words = _cue_words()
    columns = []
    for s, e, word in tokens[1:]:
        if word not in words:
            return None
        columns.append((words[word], word, s, e))
    return columns if len(columns) >= MIN_COLUMNS else None


def _cell(text: str, s: int, e: int, metric: str, scale: float) -> Mention | None:
    signed = text[s] in _SIGN
    s += signed
    found = list(find_amounts(text[s:e], whole=True))
    if len(found) != 1 or found[0].start != 0 or found[0].end != e - s or found[0].value is None:
        return None
    m = replace(found[0], start=s, end=e)
    if signed:  # (`―50.7` under 영업이익: a loss)
        m = replace(m, value=-m.value, text=text[s - 1 : e])  # type: ignore[operator]
    if m.unit is None and fits_unit(metric, "KRW"):  # (a money column: `5006억` under `(*원)`)
        value = m.value if any(w in m.text for w in "조억만천") else round(m.value * scale, 4)  # type: ignore[operator]
        m = replace(m, unit="KRW", kind="money", value=value)
    elif m.unit is None:  # (a count column: `1167` under `가입자수 (만명)`)
        value = m.value if any(w in m.text for w in "억만천") else round(m.value * scale, 4)  # type: ignore[operator]
        m = replace(m, unit="person" if metric == "headcount" else "count", kind="quantity", value=value)
    # (a cell cut short, `| 9`, is no figure of the metric)
    return m if fits_unit(metric, m.unit) and plausible(metric, m.unit, m.value) else None


@lru_cache(maxsize=4)  # (company discovery and the cell reader both ask of the same article)
def _headers(text: str) -> list[tuple[int, list[tuple[str, str, int, int]]]]:
    """(line index, columns) of every header line in the grid text."""
    heads = list(_header_start().finditer(text)) if "\n" in text else []
    if not heads:
        return []
    lines = _lines(text)
    out = []
    for head in heads:
        h = bisect_right(lines, (head.start(), len(text) + 1)) - 1
        columns = _header(_tokens(text, *lines[h]))
        if columns is not None:
            out.append((h, columns))
    return out


def row_names(text: str) -> list[str]:
    """The names heading the rows of the tables in `text`: a word, then only figures, as many as the header
    has columns (or a multiple of them); and the name cells of pipe-ruled tables."""
    out = [text[s:e] for _, rows in _pipe_tables(text) for (s, e), _ in rows]
    grid = _grid(text)
    heads = _headers(grid)
    if not heads:
        return out
    lines = _lines(grid)
    for h, columns in heads:
        for rs, re_ in lines[h + 1 :]:
            tokens = _tokens(grid, rs, re_)
            cells = tokens[1:]
            if (not cells or len(cells) % len(columns)
                    or not all(_FIGURE_CELL.fullmatch(c) for _, _, c in cells)):
                break
            if tokens[0][2] not in _NOT_ROW_NAMES:
                out.append(tokens[0][2])
    return out


def table_cells(text: str, dates: list[Mention], companies: CompanyIndex) -> list[TableCell]:
    """Every cell of every table in `text` (see the module's docstring)."""
    piped = _pipe_table_cells(text, dates, companies) + _period_table_cells(text, dates, companies)
    text = _grid(text)
    heads = _headers(text)
    if not heads:
        return piped
    lines = _lines(text)
    negative = metric_rules().negative_cues
    out: list[TableCell] = []
    for h, columns in heads:
        above = lines[max(0, h - GROUP_HEADER_LINES) : h]
        group_dates: list[Mention] = []
        group_forecast: list[bool] = []
        for ls, le in above:
            in_line = [d for d in dates if ls <= d.start and d.end <= le and d.date is not None
                       and d.grain in ("year", "half", "quarter")]
            if len(in_line) >= 2 or (in_line and not group_dates):
                group_dates = in_line
                group_forecast = [bool(_FORECAST.search(text, d.end, in_line[k + 1].start if k + 1 < len(in_line)
                                                        else le)) for k, d in enumerate(in_line)]
        note = next((m for ls, le in above for m in [_UNIT_NOTE.search(text, ls, le)] if m), None)
        scale = _UNIT_SCALE.get(note.group("unit").replace(" ", ""), 1.0) if note else 1.0
        rows: list[TableCell] = []
        for rs, re_ in lines[h + 1 :]:
            row = _company_row(text, rs, re_, companies)
            if row is None:
                break
            company, cells = row
            if not cells or len(cells) % len(columns):
                break
            # the header names each column (`매출 영업이익 매출 영업이익` over two periods), or one group's that
            # repeat (`매출 영업이익` over cells of two periods)
            width = len(columns)
            if len(cells) == len(columns) and group_dates and len(columns) % len(group_dates) == 0:
                width = len(columns) // len(group_dates)
            if group_dates and len(cells) // width != len(group_dates):
                break
            for k, (s, e, _) in enumerate(cells):
                metric, word, cs, ce = columns[k % len(columns)]
                g = k // width
                figure = _cell(text, s, e, metric, scale)
                if figure is None:
                    continue  # (`9243억~1조`: a range)
                period = _column_period(group_dates[g] if group_dates else None, "column group")
                rows.append(TableCell((rs, re_), figure, metric, word, (cs, ce), word in negative, company, period,
                                      bool(group_forecast and group_forecast[g])))
        if len({c.row for c in rows}) >= MIN_ROWS:
            out += rows
    return out + piped


def _company_row(text: str, start: int, end: int, companies: CompanyIndex
                 ) -> tuple[CompanyMention, list[tuple[int, int, str]]] | None:
    """The company heading the line and the tokens after its name, or None for a line no company heads."""
    named = companies.in_span(start, end)
    tokens = _tokens(text, start, end)
    if not named or not tokens or named[0].start != tokens[0][0]:
        return None
    return named[0], [t for t in tokens if t[0] >= named[0].end]


def _column_period(d: Mention | None, heading: str) -> Period:
    """The period a column's (or a column group's) heading date names, none without one."""
    if d is None or d.date is None:
        return Period(None, None, "period:none", "the table names no period")
    return Period(d.date.year, label_for(d.date, d.grain), "period:table", f"the {heading} is headed '{d.text}'")


# A pipe-ruled table whose header has a rank or other columns besides its names and figures
# (`순위 | 업체명 | 2019년 반기 매출액 | 연구개발비 | 매출액 대비 R&D 투자비 |`): the cells are what the pipes
# part; the name column is the one headed by a name column's word, and a figure column one whose heading holds
# a metric cue and no trap (a ratio, `매출액 대비`, is none), dated by the period its heading names.
_PIPE_CELL = re.compile(r"[^|\n]+")
_RATIO_HEADING = re.compile(r"대비|비중|비율|률|율|증감|증가|감소|%")


def _pipe_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each cell of a pipe-ruled line, stripped; an empty cell is (s, s)."""
    out = []
    for m in _PIPE_CELL.finditer(text, start, end):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append((s, e))
    while out and out[-1][0] == out[-1][1]:
        out.pop()
    return out


@lru_cache(maxsize=4)
def _pipe_tables(text: str) -> list[tuple[dict[int, tuple[int, int, str, str]],
                                          list[tuple[tuple[int, int], list[tuple[int, int]]]]]]:
    """(figure columns: index -> (heading start, end, metric, cue), rows: (name cell, cells)) of every
    pipe-ruled table with a name column that the plain header reader does not read."""
    if text.count("|") < 4:
        return []
    names = set(facts_rules()["tables"]["name_columns"])
    grid = _grid(text)
    lines = _lines(text)
    out = []
    h = 0
    while h < len(lines):
        ls, le = lines[h]
        h += 1
        if text.count("|", ls, le) < 2:
            continue
        head = _pipe_cells(text, ls, le)
        name_at = next((k for k, (s, e) in enumerate(head) if text[s:e] in names), None)
        if name_at is None or _header(_tokens(grid, ls, le)) is not None:
            continue
        columns = {}
        for k, (s, e) in enumerate(head):
            hits = cue_hits(text, s, e)
            cue = next((x for x in hits if x.cue.role == "cue"), None)
            if k != name_at and cue is not None and not any(x.cue.role == "trap" for x in hits) \
                    and not _RATIO_HEADING.search(text, s, e):
                columns[k] = (s, e, cue.cue.metric, cue.cue.cue)
        rows = []
        while h < len(lines) and text.count("|", *lines[h]) >= 2:
            cells = _pipe_cells(text, *lines[h])
            h += 1
            if len(cells) == len(head) and cells[name_at][0] < cells[name_at][1]:
                rows.append((cells[name_at], cells))
        if columns and len(rows) >= MIN_ROWS:
            out.append((columns, rows))
    return out


def _pipe_table_cells(text: str, dates: list[Mention], companies: CompanyIndex) -> list[TableCell]:
    negative = metric_rules().negative_cues
    out: list[TableCell] = []
    for columns, rows in _pipe_tables(text):
        found: list[TableCell] = []
        for (ns, ne), cells in rows:
            named = [m for m in companies.in_span(ns, ne) if m.start == ns]
            if not named:
                continue
            line = (cells[0][0], cells[-1][1])
            for k, (s, e) in enumerate(cells):
                if k not in columns or s == e:
                    continue
                cs, ce, metric, cue = columns[k]
                unit = _HEADING_UNIT.search(text, cs, ce)
                figure = _cell(text, s, e, metric, _UNIT_SCALE.get(unit[1].replace(" ", ""), 1.0) if unit else 1.0)
                if figure is None:
                    continue
                # (a level's column may be dated by its month: `11월말 가입자수`)
                period = _column_period(next((x for x in dates if cs <= x.start and x.end <= ce and x.date is not None
                                              and x.grain in ("year", "half", "quarter", "month")), None), "column")
                found.append(TableCell(line, figure, metric, cue, (cs, ce), cue in negative, named[0], period,
                                       bool(_FORECAST.search(text, cs, ce))))
        if len({c.row for c in found}) >= MIN_ROWS:
            out += found
    return out


# A table whose header dates its columns, its metric named in the title above (or in the header):
#     6개 상장 항공사 직원 수 변동
#     항공사 2019년 3분기 2021년 3분기 비고
#     한빛항공 19,467명 18,177명 1,290명(-6.6%)
# each row's first cells are the dated columns' figures; cells after them (a change, a remark) are read as none.
PERIOD_COLUMNS = 2


def _period_table_cells(text: str, dates: list[Mention], companies: CompanyIndex) -> list[TableCell]:
    grid = _grid(text)
    if "\n" not in grid:
        return []
    lines = _lines(grid)
    starts = [ls for ls, _ in lines]
    negative = metric_rules().negative_cues
    out: list[TableCell] = []
    for head in _header_start().finditer(grid):
        h = bisect_right(starts, head.start()) - 1
        ls, le = lines[h]
        tokens = _tokens(grid, ls, le)
        columns = [d for d in dates if ls <= d.start and d.end <= le and d.date is not None
                   and d.grain in ("year", "half", "quarter")]
        if len(columns) < PERIOD_COLUMNS or _header(tokens) is not None or len(tokens) > 3 * len(columns) + 3:
            continue
        titled = lines[max(0, h - GROUP_HEADER_LINES) : h + 1]
        hits = [x for t in titled for x in cue_hits(grid, *t)]
        cue = next((x for x in hits if x.cue.role == "cue"), None)
        if cue is None or any(x.cue.role == "trap" for x in hits):
            continue
        rows: list[TableCell] = []
        for rs, re_ in lines[h + 1 :]:
            row = _company_row(grid, rs, re_, companies)
            if row is None:
                break
            company, cells = row[0], row[1][: len(columns)]
            if len(cells) < len(columns) or not all(_FIGURE_CELL.fullmatch(c) for _, _, c in cells):
                break
            for (s, e, _), d in zip(cells, columns, strict=True):
                figure = _cell(grid, s, e, cue.cue.metric, 1.0)
                if figure is not None:
                    rows.append(TableCell((rs, re_), figure, cue.cue.metric, cue.cue.cue, (cue.start, cue.end),
                                          cue.cue.cue in negative, company, _column_period(d, "column"), False))
        if len({c.row for c in rows}) >= MIN_ROWS:
            out += rows
    return out
