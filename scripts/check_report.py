"""Open a `newsfacts report` in headless Chromium with no network and check that every chart drew.

    .venv/bin/python scripts/check_report.py build/report/index.html --screenshots docs/report

Shows every section of the page (overview, companies, each company page, rankings, data quality), waits
for its charts, and checks: no script error, no request leaving the file, every chart container holds
a drawn Vega SVG with marks, and the Korean text is drawn with a font that has Hangul (no tofu: the
fonts Chromium actually used for the text, through the DevTools protocol). Prints the findings as JSON,
saves screenshots of the main sections and the first company page, exits 1 when a check fails.

Needs Chromium (Debian: `apt-get install chromium fonts-nanum`, or fonts-noto-cjk) and Playwright (the
dev extra); Playwright drives the system browser, it downloads none.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright

MAIN_SECTIONS = ("overview", "companies", "rankings", "quality")
# Families with Hangul glyphs; the report's font stack names them (etl/htmlreport/charts.py FONT_STACK).
HANGUL_FONTS = ("Noto Sans CJK", "Noto Serif CJK", "Noto Sans KR", "NanumGothic", "Nanum", "Apple SD Gothic Neo",
                "Malgun Gothic", "Source Han Sans", "UnDotum", "Baekmuk")
DRAW_TIMEOUT_MS = 30_000
# screenshots show the top of a section: a company page with all its supporting articles runs to metres
SCREENSHOT_MAX_HEIGHT = 1600


def find_chromium() -> str:
    for name in (os.environ.get("NEWSFACTS_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and (path := shutil.which(name)):
            return path
    raise SystemExit("error: no Chromium found; install it (Debian: apt-get install chromium fonts-nanum) "
                     "or set NEWSFACTS_CHROMIUM to the browser's path")


def _fonts_for(page: Page, selector: str) -> list[dict[str, Any]]:
    """The platform fonts Chromium used to draw the text of the first element matching `selector`."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        if not node:
            return []
        fonts: list[dict[str, Any]] = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        return fonts
    finally:
        cdp.detach()


def _show(page: Page, section: str) -> dict[str, Any]:
    page.evaluate("id => { location.hash = '#' + id; }", section)
    page.wait_for_function(
        """id => {
            const el = document.getElementById(id);
            if (!el || !el.classList.contains('shown')) return false;
            return [...el.querySelectorAll('.chart')].every(c => ['drawn', 'failed'].includes(c.dataset.state));
        }""", arg=section, timeout=DRAW_TIMEOUT_MS)
    charts = page.evaluate(
        """id => [...document.getElementById(id).querySelectorAll('.chart')].map(c => ({
            chart: c.dataset.chart + (c.dataset.company ? ':' + c.dataset.company : ''),
            state: c.dataset.state,
            svg: c.querySelectorAll('svg.marks').length,
            marks: c.querySelectorAll('svg.marks g.role-mark > *').length,
            width: Math.round(c.getBoundingClientRect().width),
        }))""", section)
    return {"section": section, "charts": charts}


def check(report: Path, screenshots: Path | None = None) -> dict[str, Any]:
    url = report.resolve().as_uri()
    blocked: list[str] = []
    console_errors: list[str] = []
    page_errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=["--no-sandbox"])
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                          else (blocked.append(route.request.url), route.abort())[-1])
            page = context.new_page()
            page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: page_errors.append(str(e)))
            page.goto(url, wait_until="load")
            companies = page.evaluate("[...document.querySelectorAll('section.company')].map(s => s.id)")
            sections = [_show(page, s) for s in (*MAIN_SECTIONS, *companies)]
            if screenshots is not None:
                screenshots.mkdir(parents=True, exist_ok=True)
                for name in (*MAIN_SECTIONS, *companies[:1]):
                    _show(page, name)
                    shot = "company" if name.startswith("company-") else name
                    height = min(page.evaluate("document.documentElement.scrollHeight"), SCREENSHOT_MAX_HEIGHT)
                    page.screenshot(path=str(screenshots / f"{shot}.png"), full_page=True,
                                    clip={"x": 0, "y": 0, "width": 1280, "height": height})
            _show(page, companies[0] if companies else "overview")
            fonts = {"heading": _fonts_for(page, "section.shown h2"),
                     "chart_text": _fonts_for(page, "section.shown .chart svg text")}
            script_state = page.evaluate("window.newsfactsReport && window.newsfactsReport.errors")
        finally:
            browser.close()
    failed = [c for s in sections for c in s["charts"] if c["state"] != "drawn" or not c["svg"] or not c["marks"]]
    tofu = {where: [f["familyName"] for f in used] for where, used in fonts.items()
            if not any(f["familyName"].startswith(HANGUL_FONTS) for f in used)}
    return {
        "report": str(report),
        "sections": len(sections),
        "charts": sum(len(s["charts"]) for s in sections),
        "failed_charts": failed,
        "script_errors": (script_state or []) + page_errors + console_errors,
        "blocked_requests": blocked,
        "fonts": {where: [f["familyName"] for f in used] for where, used in fonts.items()},
        "no_hangul_font": tofu,
        "ok": not failed and not (script_state or page_errors or console_errors) and not blocked and not tofu,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("report", type=Path, help="the report's index.html")
    ap.add_argument("--screenshots", type=Path, help="directory for PNG screenshots of the main sections")
    args = ap.parse_args()
    if not args.report.is_file():
        raise SystemExit(f"error: no report at {args.report}; write one with `newsfacts report`")
    result = check(args.report, args.screenshots)
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    print()
    sys.exit(0 if result["ok"] else 1)


if __name__ == "__main__":
    main()
