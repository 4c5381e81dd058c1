"""sentence_cue_hits: one scan of the text gives every span's cue_hits."""

from etl.facts.metrics import cue_hits, sentence_cue_hits
from etl.text.sentences import split_sentences

TEXT = "누리테크의 매출은 100억원이다. 월간 활성 이용자 수는 100만명이다. 시장 규모는 1조원이다"


def test_same_hits_as_one_scan_per_sentence() -> None:
    spans = [(s.start, s.end) for s in split_sentences(TEXT)]
    assert sentence_cue_hits(TEXT, spans) == [cue_hits(TEXT, s, e) for s, e in spans]


def test_spans_cutting_a_cue() -> None:
    # every span, also those whose edges fall inside a cue written with a space (`월간 활성 이용자`)
    spans = [(s, e) for s in range(0, 60, 3) for e in range(s, 61, 4)]
    assert sentence_cue_hits(TEXT, spans) == [cue_hits(TEXT, s, e) for s, e in spans]
