"""Measure web-page input against the same articles as JSONL.

    .venv/bin/python scripts/wrap_news_pages.py ARTICLES.jsonl OUT_DIR [--gold GOLD.json --scorer score_facts.py]

Wraps each article of ARTICLES.jsonl (`id`, `body`, optional `title`, `published_at`, `url`) into a news
page of our own layouts (`etl/synth/pages.toml`: portal view, newspaper CMS articleView, mobile page,
each with menus, a photo caption, number-bearing related headlines and a footer): every third page in
EUC-KR (every other of those without a charset declaration), half of the pages packed in a WARC
(`OUT_DIR/pages/archive.warc.gz`, with request records, a robots.txt, an image and a 404 beside them),
the others as `.html` files. Writes `OUT_DIR/planted.json`, the headlines and captions that must not
reach the warehouse.

With --gold (and --scorer, the fact scorer), it also builds two warehouses with `newsfacts run` — the
JSONL as given and the pages — scores both, and counts article bodies and fact evidence that hold a
planted headline or caption. A measurement tool: the articles it reads stay outside the repository.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.ingest.published import parse_published  # noqa: E402
from etl.synth.web import LAYOUTS, Response, wrap, write_warc  # noqa: E402

BIN = Path(sys.executable).parent


def wrap_all(articles: Path, out: Path, seed: int) -> list[str]:
    """Write the pages; return the planted texts."""
    pages_dir = out / "pages"
    pages_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    planted: list[str] = []
    archived: list[Response] = []
    lines = [json.loads(line) for line in articles.read_text(encoding="utf-8").splitlines() if line.strip()]
    for i, rec in enumerate(lines):
        published, _ = parse_published(rec.get("published_at"))
        euc_kr = i % 3 == 2
        page = wrap(rec["body"], layout=LAYOUTS[i % len(LAYOUTS)], rng=rng, title=rec.get("title"),
                    published=published, url=rec.get("url") or None,
                    charset="euc-kr" if euc_kr else "utf-8", declare_charset=not (euc_kr and i % 2))
        planted += page.planted
        if i % 2:
            archived.append(Response(page.url, page.html))
        else:
            (pages_dir / f"{rec.get('id', i)}.html").write_bytes(page.html)
    archived += [Response("https://news.example/robots.txt", b"User-agent: *\nDisallow:\n", "text/plain"),
                 Response("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png"),
                 Response("https://news.example/gone", b"<html><body>not found</body></html>", status=404)]
    with (pages_dir / "archive.warc.gz").open("wb") as f:
        write_warc(f, archived)
    (out / "planted.json").write_text(json.dumps(sorted(set(planted)), ensure_ascii=False, indent=1),
                                      encoding="utf-8")
    print(f"wrote {len(lines) - (len(archived) - 3)} page files and {len(archived) - 3} archived pages "
          f"({sum(i % 3 == 2 for i in range(len(lines)))} in EUC-KR) to {pages_dir}")
    return planted


def run_and_score(inputs: Path, warehouse: Path, gold: Path, scorer: Path) -> str:
    warehouse.unlink(missing_ok=True)
    run = subprocess.run([str(BIN / "newsfacts"), "run", "--quiet", "--input", str(inputs), "--warehouse",
                          str(warehouse)], capture_output=True, text=True)
    if run.returncode:
        return f"run FAILED: {run.stderr.strip()[-400:]}"
    print(run.stderr.strip())
    score = subprocess.run([sys.executable, str(scorer), str(gold), str(warehouse)], capture_output=True, text=True)
    return score.stdout.strip().splitlines()[-1] if score.stdout.strip() else f"score FAILED: {score.stderr[-300:]}"


def leaks(warehouse: Path, planted: list[str]) -> tuple[int, int]:
    """(article bodies holding a planted text, fact evidence holding one)."""
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        bodies = [b for (b,) in con.execute("select body from dim_article").fetchall()]
        evidence = [e or "" for (e,) in con.execute("select evidence from fct_metric_observation").fetchall()]
    finally:
        con.close()
    return (sum(any(p in b for p in planted) for b in bodies), sum(any(p in e for p in planted) for e in evidence))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles", type=Path, help="JSONL of articles (id, body, published_at, url)")
    ap.add_argument("out", type=Path, help="output directory")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--gold", type=Path, help="gold facts: build and score both warehouses")
    ap.add_argument("--scorer", type=Path, default=ROOT.parent / "shared" / "tools" / "score_facts.py")
    args = ap.parse_args()
    if not args.articles.is_file():
        print(f"no such file: {args.articles}", file=sys.stderr)
        return 1
    planted = wrap_all(args.articles, args.out, args.seed)
    if not args.gold:
        return 0
    jsonl = run_and_score(args.articles, args.out / "jsonl.duckdb", args.gold, args.scorer)
    pages = run_and_score(args.out / "pages", args.out / "pages.duckdb", args.gold, args.scorer)
    in_bodies, in_evidence = leaks(args.out / "pages.duckdb", planted)
    print(f"jsonl  {jsonl}")
    print(f"pages  {pages}")
    print(f"planted headlines/captions: {in_bodies} article bodies and {in_evidence} facts hold one")
    return 0


if __name__ == "__main__":
    sys.exit(main())
