"""Property tests: the finder is total and its offsets always index the input."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.mentions.find import find_mentions
from etl.records import DATE_GRAINS, MENTION_KINDS, QUALIFIERS

_KOREANISH = st.text(
    alphabet=st.sampled_from(
        list("0123456789 ,.%~-년월일억만천백십원명개여약이상미만" "한두세열일이삼지난해올내년달주분기초 ")
    ),
    max_size=60,
)


def _check(text: str, ref: date | None) -> None:
    ms = find_mentions(text, ref)
    assert [m.start for m in ms] == sorted(m.start for m in ms)
    for m in ms:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.kind in MENTION_KINDS
        assert m.qualifier in QUALIFIERS
        assert m.grain is None or m.grain in DATE_GRAINS


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.one_of(st.none(), st.dates()))
def test_never_raises_on_arbitrary_unicode(text: str, ref: date | None) -> None:
    _check(text, ref)


@settings(max_examples=300, deadline=None)
@given(_KOREANISH, st.one_of(st.none(), st.dates()))
def test_never_raises_on_number_like_text(text: str, ref: date | None) -> None:
    _check(text, ref)
