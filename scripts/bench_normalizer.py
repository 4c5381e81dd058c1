"""Benchmark: normalizer throughput vs Kiwi `tokenize` on the same >= 5 MB of text, in one run.

    .venv/bin/python scripts/bench_normalizer.py [--mb 5] [--source FILE ...]

The text is built by cycling generated news-style paragraphs (our own templates, mixing sentences
with and without numbers) or, with --source, lines of the given text/JSONL files (read at bench
time, never stored). Both engines process the same lines, chunk by chunk and interleaved, so that
a busy machine slows both alike; the figure that matters is the ratio.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from etl.mentions.find import find_mentions

_NUMERIC = [
    "{co}는 {y}년 {q}분기 매출이 {a}억원으로 전년 동기 대비 {p}% 증가했다고 {d}일 밝혔다.",
    "{co}의 영업이익은 {a}억 {b}만원을 기록해 지난해보다 약 {p}% 늘었다.",
    "회사는 지난달 {d}일 임직원 {n}명을 대상으로 설명회를 열었고 {h}시간 동안 질의응답을 진행했다.",
    "누적 다운로드 수가 {n}만건을 돌파했으며 올해 하반기 해외 {k}개국에 진출할 계획이다.",
    "이 비율은 {p} {r}   수준으로 낮아졌고 오류율은 {r}  미만이다.",
    "업계에 따르면 {co}는 내년 상반기까지 {a}조원 규모의 투자를 단행할 예정이다.",
    "한편 이날 행사에는 세 명의 연사가 참석했고 두 시간 넘게 토론이 이어졌다.",
]
_PLAIN = [
    "{co}는 고객 경험을 개선하기 위해 새로운 서비스를 선보이고 협력사와의 상생 방안도 함께 마련했다.",
    "전문가들은 이번 조치가 시장의 불확실성을 줄이고 투자 심리를 회복하는 계기가 될 것으로 내다봤다.",
    "{co} 관계자는 앞으로도 기술 경쟁력을 높이고 지속 가능한 성장을 이어가겠다고 말했다.",
    "정부는 관련 제도를 정비하고 중소기업의 디지털 전환을 적극 지원하겠다는 방침을 밝혔다.",
    "업계는 원자재 가격과 환율 변동이 하반기 실적에 영향을 줄 수 있다며 신중한 입장을 보였다.",
]
_COS = ["가나전자", "다라바이오", "마바통신", "사아소프트", "자차에너지"]


def generated_lines(n: int, seed: int = 7) -> list[str]:
    """Paragraphs of 4-6 sentences, about one in three carrying numbers (typical of business news)."""
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        sents = []
        for _ in range(rnd.randint(4, 6)):
            t = rnd.choice(_NUMERIC) if rnd.random() < 0.35 else rnd.choice(_PLAIN)
            sents.append(t.format(co=rnd.choice(_COS), y=rnd.randint(2015, 2025), q=rnd.randint(1, 4),
                                  a=rnd.randint(1, 9999), b=rnd.randint(1, 9999), p=rnd.randint(1, 99),
                                  d=rnd.randint(1, 28), n=rnd.randint(2, 5000), h=rnd.randint(1, 9),
                                  k=rnd.randint(2, 30), r=rnd.randint(1, 9)))
        out.append(" ".join(sents))
    return out


def _read_lines(src: str) -> list[str]:
    out = []
    for line in Path(src).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if src.endswith(".jsonl"):
            rec = json.loads(line)
            line = rec.get("text") or rec.get("body") or ""
        out.append(line)
    return out


def build(mb: float, sources: list[str]) -> list[str]:
    base: list[str] = [x for src in sources for x in _read_lines(src)] or generated_lines(3000)
    target = int(mb * 1_000_000)
    lines: list[str] = []
    size = 0
    i = 0
    while size < target:
        line = base[i % len(base)]
        lines.append(line)
        size += len(line.encode("utf-8")) + 1
        i += 1
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0, help="corpus size in MB of UTF-8 (default 5)")
    ap.add_argument("--source", nargs="*", default=[], help="text or JSONL files whose lines are cycled")
    ap.add_argument("--chunk", type=int, default=500, help="lines per interleaved chunk")
    args = ap.parse_args(argv)
    lines = build(args.mb, args.source)
    chars = sum(len(x) for x in lines)
    mbytes = sum(len(x.encode("utf-8")) + 1 for x in lines) / 1e6
    from kiwipiepy import Kiwi

    kiwi = Kiwi()
    kiwi.tokenize("준비")
    find_mentions("준비 1억원")
    t_norm = t_kiwi = 0.0
    n_mentions = 0
    for i in range(0, len(lines), args.chunk):
        chunk = lines[i:i + args.chunk]
        t0 = time.perf_counter()
        for x in chunk:
            n_mentions += len(find_mentions(x))
        t1 = time.perf_counter()
        for x in chunk:
            kiwi.tokenize(x)
        t2 = time.perf_counter()
        t_norm += t1 - t0
        t_kiwi += t2 - t1
    norm_cps = chars / t_norm
    kiwi_cps = chars / t_kiwi
    print(f"corpus: {mbytes:.2f} MB, {len(lines)} lines, {chars:,} chars, {n_mentions:,} mentions")
    print(f"normalizer: {norm_cps:,.0f} chars/s ({t_norm:.1f} s)")
    print(f"kiwi tokenize: {kiwi_cps:,.0f} chars/s ({t_kiwi:.1f} s)")
    print(f"speedup={norm_cps / kiwi_cps:.1f}x (target >= 10x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
