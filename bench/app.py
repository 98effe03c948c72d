"""App benchmark: a real browser (Playwright + Debian's Chromium) against `streamlit run`, the dashboard
against a bare Streamlit app with one Plotly chart, measured in the same run.

    python bench/app.py [--repeat 3]

Figures (median of the repeats, seconds):
- open: from navigation to the page fully rendered (script not running, every chart drawn); the
  first open of a fresh server is reported apart (it computes what later opens take from the cache);
- filter: from changing the wave in the sidebar (the bare app: its one select box) to the updated
  chart drawn.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM_ARGS, IDLE  # noqa: E402

BARE = """
import plotly.graph_objects as go
import streamlit as st

year = st.selectbox("Wave", list(range(2025, 2012, -1)), key="wave")
fig = go.Figure(go.Bar(x=list(range(22)), y=[(year * i) % 97 for i in range(22)]))
fig.update_layout(title={"text": f"Bare chart {year}"})
st.plotly_chart(fig, theme=None)
"""


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(script: Path) -> tuple[subprocess.Popen, str]:
    port = _port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
         "--server.port", str(port), "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError(f"{script} did not start")


def rendered(page, charts: int) -> None:
    page.wait_for_selector(IDLE, timeout=120_000)
    page.wait_for_function(
        f"document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg').length >= {charts}"
        " && document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
        timeout=120_000,
    )


def open_page(browser, url: str, charts: int) -> float:
    context = browser.new_context(viewport={"width": 1500, "height": 1200})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    rendered(page, charts)
    took = time.perf_counter() - start
    context.close()
    return took


def change_wave(browser, url: str, charts: int, title: str) -> float:
    context = browser.new_context(viewport={"width": 1500, "height": 1200})
    page = context.new_page()
    page.goto(url)
    rendered(page, charts)
    box = page.get_by_role("combobox", name="Wave").first
    box.click()
    start = time.perf_counter()
    page.get_by_role("option", name="2019").click()
    page.wait_for_function(
        f"[...document.querySelectorAll('.gtitle')].some(t => t.textContent.includes({title!r}))",
        timeout=120_000,
    )
    rendered(page, charts)
    took = time.perf_counter() - start
    context.close()
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        bare_script = Path(tmp) / "bare.py"
        bare_script.write_text(BARE, encoding="utf-8")
        app, app_url = serve(ROOT / "dashboard" / "app.py")
        bare, bare_url = serve(bare_script)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                first = open_page(browser, app_url, 3)
                bare_first = open_page(browser, bare_url, 1)
                rows = {
                    "overview, first open of a fresh server": (first, bare_first),
                    "overview, open": (
                        statistics.median(open_page(browser, app_url, 3) for _ in range(args.repeat)),
                        statistics.median(open_page(browser, bare_url, 1) for _ in range(args.repeat)),
                    ),
                    "rankings, open": (
                        statistics.median(open_page(browser, f"{app_url}/rankings", 3) for _ in range(args.repeat)),
                        None,
                    ),
                    "wave change → chart redrawn (rankings)": (
                        statistics.median(change_wave(browser, f"{app_url}/rankings", 3, "Industry ranking 2019")
                                          for _ in range(args.repeat)),
                        statistics.median(change_wave(browser, bare_url, 1, "Bare chart 2019")
                                          for _ in range(args.repeat)),
                    ),
                }  # fmt: skip
                browser.close()
        finally:
            for proc in (app, bare):
                proc.terminate()
                proc.wait(10)
    width = max(len(k) for k in rows)
    print(f"{'measure':<{width}}  {'ours s':>7}  {'bare s':>7}  {'ratio':>6}")
    print(f"{'-' * width}  {'-' * 7}  {'-' * 7}  {'-' * 6}")
    for name, (ours, bare_s) in rows.items():
        ratio = f"{ours / bare_s:.2f}" if bare_s else "–"
        print(f"{name:<{width}}  {ours:>7.2f}  {(bare_s or float('nan')):>7.2f}  {ratio:>6}")


if __name__ == "__main__":
    main()
