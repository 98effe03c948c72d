"""App benchmark: a real browser (Playwright + Debian's Chromium) against `streamlit run`, the dashboard
against a bare Streamlit app with one Plotly chart, measured in the same run.

    python bench/app.py [--repeat 3]

Figures (median of the repeats, seconds):
- open: from navigation to the page fully rendered (script not running, every chart drawn); the
  first open of a fresh server is reported apart (it computes what later opens take from the cache);
- filter: from changing the wave in the sidebar (the bare app: its one select box) to the updated
  chart drawn (the first chart's texts changed: its title, values or ticks, whatever the title
  says), and to the whole page idle again (every chart redrawn);
- server: the script's own time per rerun, in-process with `streamlit.testing` (no browser): the first
  run of each page, a plain rerun, and a rerun after a change to a wave not shown before, against
  the bare app's.
"""

from __future__ import annotations

import argparse
import contextlib
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
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError(f"{script} did not start")


@contextlib.contextmanager
def side_by_side(tmp: Path):
    """The dashboard and the bare app (written to `tmp`/bare.py) each on a server of its own, and
    one browser: yields (browser, dashboard URL, bare URL); everything is stopped on the way out."""
    from playwright.sync_api import sync_playwright

    bare_script = tmp / "bare.py"
    bare_script.write_text(BARE, encoding="utf-8")
    app, app_url = serve(ROOT / "dashboard" / "app.py")
    bare, bare_url = serve(bare_script)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            yield browser, app_url, bare_url
            browser.close()
    finally:
        for proc in (app, bare):
            proc.terminate()
            proc.wait(10)


DRAWN = """charts => {
  const all = Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'));
  return all.length >= charts && all.every(c => c.querySelector('.main-svg'))
    && document.querySelectorAll('[data-testid="stSkeleton"]').length === 0;
}"""
"""At least `charts` charts on the page, every one of them drawn (a Plotly chart has several
`.main-svg` layers: they are not counted), and nothing waiting for its turn."""


def rendered(page, charts: int) -> None:
    page.wait_for_selector(IDLE, timeout=120_000)
    page.wait_for_function(DRAWN, arg=charts, timeout=120_000)


def open_page(browser, url: str, charts: int) -> float:
    context = browser.new_context(viewport={"width": 1500, "height": 1200})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    rendered(page, charts)
    took = time.perf_counter() - start
    context.close()
    return took


FIRST_CHART = "document.querySelector('[data-testid=\"stPlotlyChart\"] .main-svg')"
FIRST_TEXT = f"(({FIRST_CHART} || {{}}).parentNode || {{}}).textContent || ''"


def change_wave(browser, url: str, charts: int) -> tuple[float, float]:
    """Seconds from choosing wave 2019 to the first chart redrawn (its texts, title, values or
    ticks, changed: whatever the title says, a finding or a label), and to the page idle."""
    context = browser.new_context(viewport={"width": 1500, "height": 1200})
    page = context.new_page()
    page.goto(url)
    rendered(page, charts)
    before = page.evaluate(f"() => {FIRST_TEXT}")
    box = page.get_by_role("combobox", name="Wave").first
    box.click()
    start = time.perf_counter()
    page.get_by_role("option", name="2019").click()
    page.wait_for_function(f"before => ({FIRST_TEXT}) !== before", arg=before, timeout=120_000)
    chart = time.perf_counter() - start
    rendered(page, charts)
    idle = time.perf_counter() - start
    context.close()
    return chart, idle


PAGES = ["overview", "rankings", "commercial", "mirror", "company", "data"]


def server_times(bare_script: Path, repeat: int) -> dict[str, tuple[float, float, float | None]]:
    """Per page: first run, median plain rerun, median rerun after a wave change (seconds)."""
    import logging

    from streamlit.testing.v1 import AppTest

    for name in ("streamlit", "streamlit.runtime.scriptrunner_utils.script_run_context"):
        logging.getLogger(name).setLevel(logging.ERROR)

    def timed(run) -> float:
        start = time.perf_counter()
        run()
        return time.perf_counter() - start

    out = {}
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=300)
        start = time.perf_counter()
        at.run()
        if page != "overview":
            at.switch_page(f"views/{page}.py").run()
        first = time.perf_counter() - start
        rerun = statistics.median(timed(at.run) for _ in range(repeat))
        wave = None
        box = at.selectbox(key="wave")
        if box is not None and page != "data":
            # a wave not yet seen each time (then again in turn): a page keeps what it drew for a
            # wave, and a revisit would time the cache, not the change
            years = [y for y in box.options if y != str(box.value)]
            wave = statistics.median(
                timed(lambda y=y, at=at: at.selectbox(key="wave").set_value(int(y)).run())
                for y in (years * repeat)[:repeat]
            )
        assert not at.exception, (page, [e.value for e in at.exception])
        out[page] = (first, rerun, wave)
    at = AppTest.from_file(str(bare_script), default_timeout=60)
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    rerun = statistics.median(timed(at.run) for _ in range(repeat))
    wave = statistics.median(
        timed(lambda y=y: at.selectbox(key="wave").set_value(y).run()) for y in [2019, 2022, 2025]
    )
    out["bare app"] = (first, rerun, wave)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        with side_by_side(Path(tmp)) as (browser, app_url, bare_url):
            first = open_page(browser, app_url, 4)
            bare_first = open_page(browser, bare_url, 1)
            rows = {
                "overview, first open of a fresh server": (first, bare_first),
                "overview, open": (
                    statistics.median(open_page(browser, app_url, 4) for _ in range(args.repeat)),
                    statistics.median(open_page(browser, bare_url, 1) for _ in range(args.repeat)),
                ),
                "rankings, open": (
                    statistics.median(
                        open_page(browser, f"{app_url}/rankings", 3) for _ in range(args.repeat)
                    ),
                    None,
                ),
            }
            ours = [change_wave(browser, f"{app_url}/rankings", 3) for _ in range(args.repeat)]
            base = [change_wave(browser, bare_url, 1) for _ in range(args.repeat)]
            rows["wave change → updated chart drawn (rankings)"] = (
                statistics.median(t[0] for t in ours),
                statistics.median(t[0] for t in base),
            )
            rows["wave change → page idle, all 3 charts redrawn"] = (
                statistics.median(t[1] for t in ours),
                statistics.median(t[1] for t in base),
            )
        server = server_times(Path(tmp) / "bare.py", args.repeat)
    width = max(len(k) for k in rows)
    print(f"{'in the browser':<{width}}  {'ours s':>7}  {'bare s':>7}  {'ratio':>6}")
    print(f"{'-' * width}  {'-' * 7}  {'-' * 7}  {'-' * 6}")
    for name, (ours, bare_s) in rows.items():
        ratio = f"{ours / bare_s:.2f}" if bare_s else "–"
        print(f"{name:<{width}}  {ours:>7.2f}  {(bare_s or float('nan')):>7.2f}  {ratio:>6}")
    print(
        f"\n{'server script time':<18}  {'first run s':>11}  {'rerun s':>8}  {'wave change s':>13}"
    )
    print(f"{'-' * 18}  {'-' * 11}  {'-' * 8}  {'-' * 13}")
    for page, (first, rerun, wave) in server.items():
        shown = f"{wave:>13.3f}" if wave is not None else f"{'–':>13}"
        print(f"{page:<18}  {first:>11.3f}  {rerun:>8.3f}  {shown}")


if __name__ == "__main__":
    main()
