"""The report's charts as Vega-Lite specs, built with Altair from rows already aggregated in SQL.

Each function returns a spec (a dict) with its data inline, except the company chart: one spec for
every company page, its rows attached at display time as the named dataset `company`, so the page
carries the spec once and each company only its rows.
"""

from __future__ import annotations

from typing import Any

import altair as alt

# Korean first: Noto/Nanum on Linux, Apple SD Gothic Neo on macOS, Malgun Gothic on Windows.
FONT_STACK = ("'Noto Sans KR', 'Noto Sans CJK KR', 'NanumGothic', 'Nanum Gothic', 'Apple SD Gothic Neo', "
              "'Malgun Gothic', 'Source Han Sans KR', sans-serif")
COMPANY_DATASET = "company"
AGREE_COLORS = alt.Scale(domain=["일치", "불일치"], range=["#4c78a8", "#e45756"])

Spec = dict[str, Any]
Rows = list[dict[str, Any]]


def _config(chart: alt.TopLevelMixin, fit: bool = True) -> Spec:
    """Korean font stack on every text; `fit`: the chart, legend included, fills its container's width."""
    if fit:
        chart = chart.properties(autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    spec: Spec = chart.configure(font=FONT_STACK).configure_view(stroke=None).to_dict()
    return spec


def facts_by_metric(rows: Rows) -> Spec:
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("label:N", sort="-x", title=None),
        tooltip=[alt.Tooltip("label:N", title="지표"), alt.Tooltip("facts:Q", title="사실", format=","),
                 alt.Tooltip("companies:Q", title="기업", format=",")],
    )
    bars = base.mark_bar(color="#4c78a8").encode(x=alt.X("facts:Q", title="사실 수 (facts)"))
    text = base.mark_text(align="left", dx=3).encode(x="facts:Q", text=alt.Text("facts:Q", format=","))
    return _config((bars + text).properties(width="container", height=alt.Step(22), title="지표별 사실 수"))


def coverage(rows: Rows) -> Spec:
    chart = alt.Chart(alt.Data(values=rows)).mark_line(point=True).encode(
        x=alt.X("month:T", title="발행 월", axis=alt.Axis(format="%Y-%m")),
        y=alt.Y("n:Q", title="건수"),
        color=alt.Color("series:N", title=None, scale=alt.Scale(domain=["articles", "facts"]),
                        legend=alt.Legend(labelExpr="datum.label == 'articles' ? '기사 articles' : '사실 facts'")),
        tooltip=[alt.Tooltip("month:T", title="월", format="%Y-%m"), alt.Tooltip("series:N", title="계열"),
                 alt.Tooltip("n:Q", title="건수", format=",")],
    )
    return _config(chart.properties(width="container", height=220, title="월별 기사·사실 수 (coverage)"))


def company_metrics() -> Spec:
    """Small multiples per metric, unit and grain: the chosen value per period, the range stated when articles
    disagree. Each has its own periods (x) and scale (y): quarters are never placed among years."""
    base = alt.Chart().encode(
        x=alt.X("period:O", title=None, sort="ascending"),
        tooltip=[
            alt.Tooltip("series:N", title="지표"),
            alt.Tooltip("period:O", title="기간"),
            alt.Tooltip("shown:N", title="선택된 값"),
            alt.Tooltip("range:N", title="기사별 범위"),
            alt.Tooltip("n_articles:Q", title="기사 수"),
            alt.Tooltip("kind:N", title="구분"),
        ],
    )
    spread = base.mark_rule(strokeWidth=6, opacity=0.35, color="#e45756").encode(
        y=alt.Y("min:Q"), y2="max:Q")
    line = base.mark_line(color="#9aa9bd").encode(y=alt.Y("value:Q", title=None), detail="kind:N")
    points = base.mark_point(filled=True, size=70).encode(
        y="value:Q",
        color=alt.Color("agreement:N", title="기사 간", scale=AGREE_COLORS),
        shape=alt.Shape("kind:N", title="구분", scale=alt.Scale(domain=["실적", "전망"], range=["circle", "triangle"])),
    )
    chart = alt.layer(spread, line, points).properties(width=480, height=110).facet(
        row=alt.Row("series:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left", labelFontWeight="bold",
                                                                labelFontSize=13)),
        data=alt.NamedData(name=COMPANY_DATASET),
    ).resolve_scale(x="independent", y="independent")
    return _config(chart, fit=False)


def ranking(rows: Rows, metric_label: str, periods: list[str], default: str) -> Spec:
    period = alt.param(name="period", value=default,
                       bind=alt.binding_select(options=periods, name=f"{metric_label} 기간 "))
    base = alt.Chart().encode(
        y=alt.Y("company_name:N", sort=alt.EncodingSortField(field="rank", op="min", order="ascending"), title=None),
        tooltip=[alt.Tooltip("rank:Q", title="순위"), alt.Tooltip("company_name:N", title="기업"),
                 alt.Tooltip("shown:N", title="값"), alt.Tooltip("range:N", title="기사별 범위"),
                 alt.Tooltip("n_articles:Q", title="기사 수"), alt.Tooltip("companies:Q", title="이 기간 기업 수")],
    )
    bars = base.mark_bar().encode(
        x=alt.X("value:Q", title=None),
        color=alt.Color("agreement:N", title="기사 간", scale=AGREE_COLORS, legend=alt.Legend(orient="top")),
    )
    text = base.mark_text(align="left", dx=3, fontSize=11).encode(x="value:Q", text="shown:N")
    chart = alt.layer(bars, text, data=alt.Data(values=rows)).transform_filter(alt.datum.period == period).add_params(
        period).properties(width="container", height=alt.Step(20), title=f"{metric_label}: 상위 기업")
    return _config(chart)


def issues(rows: Rows) -> Spec:
    chart = alt.Chart(alt.Data(values=rows)).mark_bar().encode(
        y=alt.Y("reason:N", sort="-x", title=None, axis=alt.Axis(labelLimit=420)),
        x=alt.X("n:Q", title="건수", axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("issue_kind:N", title="구분",
                        scale=alt.Scale(domain=["rejected", "damaged", "quarantined"],
                                        range=["#e45756", "#f58518", "#b279a2"])),
        tooltip=[alt.Tooltip("issue_kind:N", title="구분"), alt.Tooltip("table_name:N", title="테이블"),
                 alt.Tooltip("reason:N", title="사유"), alt.Tooltip("n:Q", title="건수", format=",")],
    )
    return _config(chart.properties(width="container", height=alt.Step(20), title="거부·격리 사유"))


def facts_without_period(rows: Rows) -> Spec:
    chart = alt.Chart(alt.Data(values=rows)).mark_bar().encode(
        y=alt.Y("label:N", title=None, sort="-x"),
        x=alt.X("n:Q", title="사실 수", stack=True),
        color=alt.Color("dated:N", title=None, scale=alt.Scale(domain=["기간 있음", "기간 없음"],
                                                               range=["#4c78a8", "#e45756"])),
        tooltip=[alt.Tooltip("label:N", title="지표"), alt.Tooltip("dated:N", title="기간"),
                 alt.Tooltip("n:Q", title="사실 수", format=",")],
    )
    return _config(chart.properties(width="container", height=alt.Step(22), title="기간이 없는 사실 (지표별)"))


def numbers_to_facts(rows: Rows) -> Spec:
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("kind:N", title=None, sort="-x"),
        tooltip=[alt.Tooltip("kind:N", title="종류"), alt.Tooltip("mentions:Q", title="숫자 표현", format=","),
                 alt.Tooltip("facts:Q", title="사실이 된 것", format=","),
                 alt.Tooltip("share:Q", title="비율", format=".1%")],
    )
    bars = base.mark_bar(color="#54a24b").encode(
        x=alt.X("share:Q", title="사실이 된 비율", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])))
    text = base.mark_text(align="left", dx=3).encode(x="share:Q", text=alt.Text("share:Q", format=".1%"))
    return _config((bars + text).properties(width="container", height=alt.Step(24),
                                            title="숫자 표현 중 사실이 된 비율 (종류별)"))


def confidence(rows: Rows) -> Spec:
    chart = alt.Chart(alt.Data(values=rows)).mark_bar().encode(
        x=alt.X("bin:Q", title="신뢰도 (confidence)", bin=alt.Bin(binned=True, step=0.05),
                scale=alt.Scale(domain=[0, 1])),
        x2="bin_end:Q",
        y=alt.Y("n:Q", title="사실 수", stack=True),
        color=alt.Color("label:N", title="지표"),
        tooltip=[alt.Tooltip("label:N", title="지표"), alt.Tooltip("bin:Q", title="구간 시작", format=".2f"),
                 alt.Tooltip("n:Q", title="사실 수", format=",")],
    )
    return _config(chart.properties(width="container", height=220, title="신뢰도 분포"))


def disagreement(rows: Rows) -> Spec:
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("label:N", title=None, sort="-x"),
        tooltip=[alt.Tooltip("label:N", title="지표"), alt.Tooltip("consolidated:Q", title="통합 값", format=","),
                 alt.Tooltip("multi_article:Q", title="기사 2건 이상", format=","),
                 alt.Tooltip("disputed:Q", title="불일치", format=","),
                 alt.Tooltip("share:Q", title="불일치 비율", format=".1%")],
    )
    bars = base.mark_bar(color="#e45756").encode(
        x=alt.X("share:Q", title="기사 간 불일치 비율", axis=alt.Axis(format="%")))
    text = base.mark_text(align="left", dx=3).encode(x="share:Q", text=alt.Text("share:Q", format=".1%"))
    return _config((bars + text).properties(width="container", height=alt.Step(22),
                                            title="기사끼리 값이 다른 통합 값의 비율 (지표별)"))
