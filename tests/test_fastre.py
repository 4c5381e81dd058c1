"""etl.text.fastre: a pattern moved to the stdlib engine keeps the `regex` module's matches."""

import re

import pytest
import regex

from etl.text import fastre

TEXTS = [
    "[서울=뉴시스] 홍길동 기자 = 누리테크는 2일 밝혔다.\n\n다음\x1c기사\u3000끝 ",
    "a\x1fb c\u2003d\te",
    "",
]


@pytest.mark.parametrize(
    "pattern", [r"\s+", r"[^\s()]+", r"\S+\s*", r"(?P<w>[가-힣]{2,4})\s?기자", r"(?<![가-힣])\S{2}$"]
)
def test_same_matches_as_regex(pattern: str) -> None:
    fast = fastre.compile(pattern)
    assert isinstance(fast, re.Pattern)  # runs on the stdlib engine
    slow = regex.compile(pattern)
    for text in TEXTS:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in slow.finditer(text)]


@pytest.mark.parametrize(
    "pattern", [r"\bx", r"\w+", r"(?i)x", r"[\s-x]", r"[^\S\n]", r"[[:alpha:]]", r"x{e<=1}", r"(?<=a+)b", r"\p{L}"]
)
def test_unsure_patterns_stay_with_regex(pattern: str) -> None:
    assert not isinstance(fastre.compile(pattern), re.Pattern)
