"""The normalizer's scan shortcuts change nothing that is found.

Speed-ups in the finders skip or narrow regex scans: a leading one-class test of the characters a
match can start with, a substring or small search that every match needs, and patterns tried only
next to an anchor word. Each test here checks one shortcut against the plain scan it replaces, on
random text built from the pieces those patterns look for.
"""

from __future__ import annotations

import re

import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from etl.mentions import amounts, dates, repair, units

_PIECES = [
    *"0123456789 .,-~%()/xA",
    "\u00a0",
    "  ",
    *"년월일억만천백십원명개여약이상미만한두세네열삼사오지난해올내분기반초째제번전후뒤달주하루틀가의은는을",
    "상반기",
    "하반기",
    "2024년 상반기",
    "2024 년 하반기",
    "2023년하반기",
    "2024 년 상승",
    "분기",
    "일분기",
    "2024년",
    "2024년 ",
    "2024 년 ",
    "3년 전",
    "이틀 뒤",
    "5일 후",
    "제3",
    "두 번째",
    "첫째",
    "1 5",
    "2022 7 5",
    "63 140명",
    "3  ",
    "4 17 ",
    "달러",
    "불",
    "퍼센트",
    "3분의 1",
    "이십",
    "삼천만 원",
    "세 명",
    "1,493억원",
    "마이너스",
    "최대",
    "경쟁",
    "$",
    "₩",
    "e5",
]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=16).map("".join)


def _found(matches: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]


def _amount_plain() -> re.Pattern[str]:
    """AMOUNT without its first-character tests (before the match and before the units)."""
    src = amounts.AMOUNT.pattern
    assert src.count(amounts._FIRST) == 1 and src.count(amounts._UNIT) == 2
    src = src.replace(amounts._FIRST, "").replace(amounts._UNIT, f"(?:{units.suffix_pattern()})")
    return re.compile(src, amounts.AMOUNT.flags)


_AMOUNT_PLAIN = _amount_plain()
_ORDINAL_PLAIN = re.compile(re.sub(r"^\(\?=\[[^\]]*\]\)", "", amounts.ORDINAL.pattern))
# the native-amount pattern as it was, in `regex`
_NATIVE_PLAIN = regex.compile(re.sub(r"^\(\?=\[[^\]]*\]\)", "", amounts.NATIVE_AMOUNT.pattern))
_DURATION_PLAIN = re.compile(re.sub(r"^\(\?=\[[^\]]*\]\)", "", dates._DURATION.pattern.pattern))
_DIGIT_DATES_PLAIN = re.compile(
    dates.NB + r"(?=\d)" + dates._ABS[0].pattern.pattern[len(r"(?=\d)" + dates.NB) :]
)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_first_character_tests_change_no_match(text: str) -> None:
    assert _found(amounts.AMOUNT.finditer(text)) == _found(_AMOUNT_PLAIN.finditer(text))
    assert _found(amounts.ORDINAL.finditer(text)) == _found(_ORDINAL_PLAIN.finditer(text))
    assert _found(amounts.NATIVE_AMOUNT.finditer(text)) == _found(_NATIVE_PLAIN.finditer(text))
    assert _found(dates._DURATION.pattern.finditer(text)) == _found(_DURATION_PLAIN.finditer(text))
    assert _found(dates._ABS[0].pattern.finditer(text)) == _found(_DIGIT_DATES_PLAIN.finditer(text))


@settings(max_examples=400, deadline=None)
@given(_TEXT)
@example("2024년 상반기와 2025 년 하반기, 2026년하반기 그리고 상반기")
@example("일분기 제일분기 이분기에 사분기")
def test_anchored_scans_find_what_finditer_finds(text: str) -> None:
    for alt in dates._ABS:
        assert _found(alt.finditer(text)) == _found(alt.pattern.finditer(text))


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_skipped_scans_could_find_nothing(text: str) -> None:
    if amounts._JE_DIGIT.search(text) is None and "째" not in text:
        for m in amounts.ORDINAL.finditer(text):
            assert not m.group("je") and m.group("c") not in ("번째", "째") and m.group("nat") is None
    if "분의" not in text:
        assert amounts.FRACTION.search(text) is None
    if dates._OFFSET_HINT.search(text) is None:
        assert dates._OFFSET.search(text) is None
    if repair._DIGIT_SPACE_DIGIT.search(text) is None:
        assert repair.STRIPPED_DATE.search(text) is None
        assert repair.STRIPPED_DECIMAL_UNIT.search(text) is None
        assert repair.STRIPPED_THOUSANDS.search(text) is None
    if repair._DIGIT_SPACE.search(text) is None:
        assert repair.STRIPPED_PERCENT.search(text) is None
