"""Near-duplicate fingerprints: the same story republished agrees in at least the warehouse's
threshold of its MinHash values (dbt var near_duplicate_min_similarity); different stories do not,
even about the same company and the same figures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from etl.text.fingerprint import NUM_PERM, minhash

DBT_PROJECT = Path(__file__).resolve().parents[1] / "dbt_project" / "dbt_project.yml"
THRESHOLD = float(re.search(r"near_duplicate_min_similarity:\s*([\d.]+)", DBT_PROJECT.read_text()).group(1))  # type: ignore[union-attr]
PERM = int(re.search(r"minhash_perm:\s*(\d+)", DBT_PROJECT.read_text()).group(1))  # type: ignore[union-attr]

STORY = (
    "산업용 로봇 감속기 제조사 다솜정밀이 지난해 매출 1,530억원을 기록했다고 20일 밝혔다. 전년 매출 1,210억원보다 "
    "26% 늘어난 규모다.\n영업이익은 96억원으로 흑자로 돌아섰다. 2022년에는 원자재 가격 상승 탓에 영업손실 35억원을 "
    "냈다. 당기순이익은 71억원이다.\n회사는 유럽과 일본 로봇 제조사로 가는 정밀 감속기 수출이 크게 늘었다고 설명했다. "
    "수출 비중은 2022년 38%에서 지난해 52%로 높아졌다.\n다솜정밀의 임직원은 지난해 말 기준 420명이다. 회사는 올해 "
    "경북 구미에 두 번째 공장을 짓고 생산 인력을 80명가량 더 뽑을 계획이다.\n구본석 대표는 \"협동로봇용 소형 감속기를 "
    "새로 내놓아 올해 매출 2000억원에 도전하겠다\"고 말했다."
)
PARAS = STORY.split("\n")

SAME_STORY = [
    # a text dump of it: punctuation replaced by spaces, digit commas dropped
    re.sub(r"[^\w\s]", " ", STORY.replace("1,530", "1530").replace("1,210", "1210")),
    # a wire copy: a dateline lead, the last paragraph dropped, an e-mail added
    "(서울=한빛통신) 김민지 기자 = " + "\n".join(PARAS[:-1]) + "\nmjkim@hanbit-wire.example",
    # a mobile page: the hiring plan cut, a byline added
    "\n".join([*PARAS[:3], "다솜정밀의 임직원은 지난해 말 기준 420명이다.", PARAS[4], "박준서 기자"]),
]
OTHER_STORIES = [
    # the same results written up independently
    "다솜정밀의 지난해 실적이 크게 개선됐다. 회사가 공시한 사업보고서에 따르면 매출은 1530억원, 영업이익은 96억원으로 "
    "집계됐다. 유럽 수출이 늘면서 2022년의 영업손실 35억원에서 1년 만에 흑자를 냈다. 증권가는 올해도 협동로봇 수요가 "
    "이어질 것으로 본다.",
    # another company in the same mould
    "물류 자동화 로봇 기업 새빛로지스가 올해 1분기 연결 기준 매출 412억원, 영업이익 48억원을 기록했다고 14일 공시했다. "
    "지난해 같은 기간보다 매출은 31% 늘었고 영업이익은 두 배 가까이 증가했다. 같은 기간 순이익은 36억원으로 집계됐다.",
]


def similarity(a: str, b: str) -> float:
    x, y = minhash(a), minhash(b)
    assert x is not None and y is not None
    return sum(p == q for p, q in zip(x, y, strict=True)) / NUM_PERM


def test_signature_shape_matches_the_warehouse() -> None:
    sig = minhash(STORY)
    assert sig is not None and len(sig) == NUM_PERM == PERM
    assert all(0 <= v < 2**32 for v in sig)
    assert minhash(STORY) == sig  # stable across calls (and processes: crc32, fixed seed)
    assert minhash(" ,.!? ") is None


@pytest.mark.parametrize("copy", SAME_STORY)
def test_republished_story_is_a_near_duplicate(copy: str) -> None:
    assert similarity(STORY, copy) >= THRESHOLD


@pytest.mark.parametrize("other", OTHER_STORIES)
def test_other_story_is_not(other: str) -> None:
    assert similarity(STORY, other) < THRESHOLD
