"""`make eval`: score the product against ../shared (read in place, never copied into the repo).

Prints, from one run: the seed gold score (score_facts.py), the peer normalizer suites
(score_peers.py), the KLUE-NER span scores (score_spans.py) and company recognition on the same
sentences (score_companies.py), and the real-news development set (realnews-dev, when its texts have
been collected into the local cache: see ../shared/realnews-dev/README.md), each scorer's last line;
with that set, also its articles wrapped into news pages and web archives (scripts/wrap_news_pages.py):
the facts found in the pages against the same articles as JSONL, and planted headlines that leaked.
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

BIN = Path(sys.executable).parent


def sh(args: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    print("$", " ".join(shlex.quote(a) for a in args), flush=True)
    return subprocess.run(args, text=True, capture_output=True, **kw)  # type: ignore[call-overload, no-any-return]


def last_line(proc: subprocess.CompletedProcess[str]) -> str:
    lines = [ln for ln in (proc.stdout or "").splitlines() if ln.strip()]
    if proc.returncode != 0 or not lines:
        return f"FAILED (exit {proc.returncode}): {(proc.stderr or '').strip().splitlines()[-1:]}"
    return lines[-1]


def realnews_dev(py: str, nf: str, tools: Path, tmp: Path, verbose: bool) -> str:
    """The real-news development set, built from the local cache of its texts (never stored here)."""
    check = sh([py, str(tools / "realnews_dev.py"), "check"])
    if check.returncode != 0:
        return ("not scored: the texts are not in the local cache "
                f"({(check.stdout or check.stderr).strip().splitlines()[-1:]}); see ../shared/realnews-dev/README.md")
    out = tmp / "realnews-dev"
    build = sh([py, str(tools / "realnews_dev.py"), "build", str(out)])
    if build.returncode != 0:
        return f"build FAILED: {build.stderr.strip()[-300:]}"
    run = sh([nf, "run", "--quiet", "--input", str(out / "in"), "--warehouse", str(out / "w.duckdb")])
    if run.returncode:
        return f"run FAILED: {run.stderr.strip()[-300:]}"
    score = sh([py, str(tools / "score_facts.py"), str(out / "gold.json"), str(out / "w.duckdb")])
    if verbose:
        print(score.stdout)
    return last_line(score)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--only", choices=["seed", "peers", "spans", "realnews", "pages"], action="append")
    ap.add_argument("--verbose", action="store_true", help="print the scorers' full output")
    args = ap.parse_args()
    shared: Path = args.shared.resolve()
    if not (shared / "tools").is_dir():
        print(f"no shared folder at {shared}; nothing to evaluate", file=sys.stderr)
        return 1
    py, nf = str(BIN / "python"), str(BIN / "newsfacts")
    tools = shared / "tools"
    results: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        if not args.only or "seed" in args.only:
            run = sh([nf, "run", "--quiet", "--input", str(shared / "corpus" / "seed-news-ko.txt"),
                      "--warehouse", str(t / "seed.duckdb")])
            if run.returncode:
                results["seed"] = f"run FAILED: {run.stderr.strip()[-300:]}"
            else:
                score = sh([py, str(tools / "score_facts.py"), str(shared / "gold" / "seed-gold.json"),
                            str(t / "seed.duckdb")])
                if args.verbose:
                    print(score.stdout)
                results["seed"] = last_line(score)
        if not args.only or "peers" in args.only:
            peers = sh([py, str(tools / "score_peers.py"), "--cmd", f"{nf} parse --jsonl"])
            if args.verbose:
                print(peers.stdout)
            results["peers"] = last_line(peers)
        if not args.only or "spans" in args.only:
            gold = shared / "corpora" / "klue-ner-dev.jsonl"
            inp = t / "klue" / "klue.jsonl"
            inp.parent.mkdir()
            sh([py, str(tools / "score_spans.py"), "make-input", str(gold), str(inp), "--source", "wikitree"])
            run = sh([nf, "run", "--quiet", "--input", str(inp), "--warehouse", str(t / "klue.duckdb")])
            if run.returncode:
                results["spans"] = f"run FAILED: {run.stderr.strip()[-300:]}"
            else:
                score = sh([py, str(tools / "score_spans.py"), "score", str(gold), str(t / "klue.duckdb"),
                            "--source", "wikitree"])
                if args.verbose:
                    print(score.stdout)
                results["spans"] = last_line(score)
                companies = sh([py, str(tools / "score_companies.py"), str(gold), str(t / "klue.duckdb"),
                                "--source", "wikitree"])
                if args.verbose:
                    print(companies.stdout)
                results["companies"] = last_line(companies)
        if not args.only or "realnews" in args.only or "pages" in args.only:
            results["realnews"] = realnews_dev(py, nf, tools, t, args.verbose)
        built = t / "realnews-dev"
        if (not args.only or "pages" in args.only) and (built / "gold.json").exists():
            [articles, *_] = sorted((built / "in").glob("*.jsonl"))
            wrap = sh([py, str(Path(__file__).parent / "wrap_news_pages.py"), str(articles), str(t / "pages"),
                       "--gold", str(built / "gold.json"), "--scorer", str(tools / "score_facts.py")])
            lines = [ln for ln in (wrap.stdout or "").splitlines() if ln.startswith(("jsonl ", "pages ", "planted "))]
            results["pages"] = "\n          ".join(lines) if wrap.returncode == 0 and lines else last_line(wrap)
    print()
    for name, line in results.items():
        print(f"{name:9} {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
