"""The benchmark corpus generator: deterministic, readable in every format, honest about what it planted."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from etl.ingest import read_inputs
from etl.pipeline import articles_from_record
from etl.records import Reject
from etl.synth import FORMATS, generate
from etl.synth.generator import attach, strip_punctuation

N = 300


def _digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("synth-a"), N, seed=11)


def _planted(corpus: Path) -> list[dict[str, object]]:
    with (corpus.parent / "planted_facts.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def test_same_seed_same_bytes(corpus: Path, tmp_path: Path) -> None:
    again = generate(tmp_path / "b", N, seed=11)
    assert _digest(corpus.parent) == _digest(again.parent)


def test_other_seed_other_corpus(corpus: Path, tmp_path: Path) -> None:
    other = generate(tmp_path / "c", N, seed=12)
    assert _digest(corpus.parent) != _digest(other.parent)


def test_article_does_not_depend_on_corpus_size(corpus: Path, tmp_path: Path) -> None:
    small = generate(tmp_path / "small", 50, seed=11, formats={"jsonl"})
    big = generate(tmp_path / "big", 120, seed=11, formats={"jsonl"})
    small_lines = (small / "jsonl" / "articles-00000000.jsonl").read_text(encoding="utf-8").splitlines()
    big_lines = (big / "jsonl" / "articles-00000000.jsonl").read_text(encoding="utf-8").splitlines()
    assert big_lines[:50] == small_lines


def test_every_format_is_written_and_readable_without_rejects(corpus: Path) -> None:
    manifest = json.loads((corpus.parent / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["formats"]) == set(FORMATS)
    assert all(manifest["articles_per_format"][f] > 0 for f in FORMATS)
    items = list(read_inputs([corpus]))
    rejects = [i for i in items if isinstance(i, Reject)]
    assert rejects == []
    suffixes = Counter(Path(i.source_file).suffix for i in items)
    assert set(suffixes) == {".jsonl", ".csv", ".parquet", ".txt"}
    structured = sum(1 for i in items if not i.is_dump)
    per_format = manifest["articles_per_format"]
    assert structured == per_format["jsonl"] + per_format["csv"] + per_format["parquet"]
    assert all(not i.warnings for i in items), [i.warnings for i in items if i.warnings][:3]


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_alone(fmt: str, tmp_path: Path) -> None:
    c = generate(tmp_path / fmt, 40, seed=3, formats={fmt})
    items = list(read_inputs([c]))
    assert items and not any(isinstance(i, Reject) for i in items)
    planted = _planted(c)
    assert planted and {p["format"] for p in planted} == {fmt}


def test_structured_records_carry_metadata(corpus: Path) -> None:
    rec = next(i for i in read_inputs([corpus / "jsonl"]) if not isinstance(i, Reject))
    assert rec.source_id and rec.title and rec.publisher and rec.url and rec.published_at
    arts = list(articles_from_record(rec))
    assert len(arts) == 1 and arts[0].published_date is not None  # type: ignore[union-attr]


def test_planted_facts_reference_real_articles(corpus: Path) -> None:
    planted = _planted(corpus)
    ids: set[str] = set()
    for item in read_inputs([corpus]):
        assert not isinstance(item, Reject)
        if item.source_id:
            ids.add(item.source_id)
    segments: dict[str, int] = Counter()
    for p in planted:
        if p["segment"] is None:
            assert p["article"] in ids, p
        else:
            path = corpus / str(p["file"])
            assert path.is_file(), p
            segments[str(p["file"])] = max(segments[str(p["file"])], int(p["segment"]))  # type: ignore[arg-type]
        assert p["role"] in {"fact", "neutral", "event"}
        if p["role"] == "event":
            assert p["date"] and p["grain"] in {"year", "month", "day"}
            continue
        assert isinstance(p["value"], int | float) and p["unit"] in {"KRW", "person", "count", "percent"}
        assert p["company"] and p["metric"] in {
            "revenue", "operating_profit", "net_income", "headcount", "downloads", "users", "error_rate"}
    # every generated article is accounted for, and dump segments never exceed the articles written
    manifest = json.loads((corpus.parent / "manifest.json").read_text(encoding="utf-8"))
    assert sum(manifest["articles_per_format"].values()) == N
    assert sum(segments[f] for f in segments if f.startswith("dumps/")) <= manifest["articles_per_format"]["dump"]


def test_planted_values_appear_in_their_evidence(corpus: Path) -> None:
    """A planted fact's sentence is in its article's text (clean) and names its company (or says 회사)."""
    bodies: dict[str, str] = {}
    for item in read_inputs([corpus / "jsonl"]):
        assert not isinstance(item, Reject)
        bodies[str(item.source_id)] = item.body
    checked = 0
    for p in _planted(corpus):
        if p["format"] == "jsonl":
            assert str(p["evidence"]) in bodies[str(p["article"])]
            checked += 1
    assert checked > 50


def test_stripped_dumps_contain_no_punctuation(corpus: Path) -> None:
    dumps = sorted((corpus / "dumps").glob("*.txt"))
    assert dumps
    for path in dumps:
        text = path.read_text(encoding="utf-8")
        bad = {ch for ch in text if unicodedata.category(ch)[0] in "PS"}
        assert not bad, (path.name, sorted(bad))
        assert "무단전재 및 재배포 금지" in text and " 기자" in text


def test_strip_punctuation() -> None:
    assert strip_punctuation("매출 1,234억원(전년比 3.5%↑)…") == "매출 1 234억원 전년比 3 5    "


@pytest.mark.parametrize(("word", "particle", "expected"), [
    ("누리테크", "은", "누리테크는"), ("한빛랩스", "이", "한빛랩스가"), ("320억원", "을", "320억원을"),
    ("1,200명", "으로", "1,200명으로"), ("300만회", "으로", "300만회로"), ("5.2%", "을", "5.2%를"),
    ("Nexa Labs", "은", "Nexa Labs는"), ("8일", "으로", "8일로"), ("52억원", "이었다", "52억원이었다"),
])
def test_particles(word: str, particle: str, expected: str) -> None:
    assert attach(word, particle) == expected


def test_refuses_to_overwrite(corpus: Path) -> None:
    with pytest.raises(FileExistsError):
        generate(corpus.parent, 5, seed=11)
