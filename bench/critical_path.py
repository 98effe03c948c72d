"""Where the time of a page open and of a wave change goes, in the browser's own clock: the
dashboard against the bare one-chart app of `bench/app.py`, side by side in one run.

    python bench/critical_path.py [--repeat 5]

`bench/app.py` says how long; this says which part is long. Milliseconds from the start
(navigation for an open, the click on a wave for a change; medians of the repeats):
- open: the first message from the server; the chart code (Streamlit's Plotly chunk, loaded when
  the first chart arrives) requested and received; the first and the last chart drawn;
- wave change (from the press on the option): the rerun request sent; the first message back; the
  first chart redrawn; the last message of the rerun (the script's end, as the browser hears it);
  the messages and bytes the rerun sent.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.app import FIRST_TEXT, rendered, side_by_side  # noqa: E402

PROBE = """(() => {
  const marks = (window.__marks = { sent: [], received: [], charts: [], pressed: [] });
  document.addEventListener('pointerdown', () => marks.pressed.push(performance.now()), true);
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const socket = new Native(...args);
    socket.addEventListener('message', (event) => {
      marks.received.push([performance.now(), event.data.byteLength || event.data.size || 0]);
    });
    const send = socket.send.bind(socket);
    socket.send = (data) => { marks.sent.push(performance.now()); return send(data); };
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, Native);
  let drawn = 0;
  new MutationObserver(() => {
    const n = document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg').length;
    if (n > drawn) { drawn = n; marks.charts.push(performance.now()); }
  }).observe(document, { subtree: true, childList: true });
})();"""
"""Timestamps in the page: every websocket message (received: time and bytes; sent: time) and
each time more chart layers are drawn; every press of the mouse."""

CHART_CODE = """() => {
  const e = performance.getEntriesByType('resource').find(r => /PlotlyChart[.].*[.]js/.test(r.name));
  return e ? [e.startTime, e.responseEnd] : [null, null];
}"""


def _probed(browser, url: str, charts: int):
    """A new browser context (an empty cache, as a first visit) on `url` with the probe, once its
    `charts` are drawn: (context, page)."""
    context = browser.new_context(viewport={"width": 1500, "height": 1200})
    page = context.new_page()
    page.add_init_script(PROBE)
    page.goto(url)
    rendered(page, charts)
    return context, page


def _open(browser, url: str, charts: int) -> dict[str, float | None]:
    context, page = _probed(browser, url, charts)
    marks = page.evaluate("window.__marks")
    asked, got = page.evaluate(CHART_CODE)
    context.close()
    return {
        "first message from the server": marks["received"][0][0],
        "chart code requested": asked,
        "chart code received": got,
        "first chart drawn": marks["charts"][0],
        "every chart drawn": marks["charts"][-1],
    }


def _wave(browser, url: str, charts: int) -> dict[str, float | None]:
    context, page = _probed(browser, url, charts)
    before = page.evaluate(f"() => {FIRST_TEXT}")
    page.get_by_role("combobox", name="Wave").first.click()
    page.wait_for_timeout(300)
    ready = page.evaluate("performance.now()")
    page.get_by_role("option", name="2019").click()
    page.wait_for_function(f"before => ({FIRST_TEXT}) !== before", arg=before, timeout=120_000)
    changed = page.evaluate("performance.now()")
    rendered(page, charts)
    marks = page.evaluate("window.__marks")
    context.close()
    clicked = next(t for t in marks["pressed"] if t >= ready)  # the press on the option itself
    sent = [t for t in marks["sent"] if t >= clicked]
    back = [(t, n) for t, n in marks["received"] if sent and t >= sent[0]]
    return {
        "rerun request sent": sent[0] - clicked if sent else None,
        "first message back": back[0][0] - clicked if back else None,
        "first chart redrawn": changed - clicked,
        "last message of the rerun": back[-1][0] - clicked if back else None,
        "messages of the rerun": float(len(back)),
        "kB of the rerun": sum(n for _, n in back) / 1000,
    }


def _medians(runs: list[dict[str, float | None]]) -> dict[str, float | None]:
    out = {}
    for name in runs[0]:
        values = [r[name] for r in runs if r[name] is not None]
        out[name] = statistics.median(values) if values else None
    return out


def _print(title: str, ours: dict, bare: dict) -> None:
    width = max(len(k) for k in ours)
    print(f"\n{title:<{width}}  {'ours':>8}  {'bare':>8}  {'ours-bare':>9}")
    print(f"{'-' * width}  {'-' * 8}  {'-' * 8}  {'-' * 9}")
    for name, value in ours.items():
        other = bare.get(name)
        cells = [f"{v:>8.0f}" if v is not None else f"{'–':>8}" for v in (value, other)]
        gap = f"{value - other:>9.0f}" if value is not None and other is not None else f"{'–':>9}"
        print(f"{name:<{width}}  {cells[0]}  {cells[1]}  {gap}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    opens = {"ours": [], "bare": []}
    waves = {"ours": [], "bare": []}
    with tempfile.TemporaryDirectory() as tmp, side_by_side(Path(tmp)) as (browser, app, bare):
        _open(browser, app, 4)  # the server's caches filled, as in bench/app.py
        for _ in range(args.repeat):  # alternated: a busy moment hits both
            opens["ours"].append(_open(browser, app, 4))
            opens["bare"].append(_open(browser, bare, 1))
            waves["ours"].append(_wave(browser, f"{app}/rankings", 3))
            waves["bare"].append(_wave(browser, bare, 1))
    _print("overview open, ms", _medians(opens["ours"]), _medians(opens["bare"]))
    _print("wave change (rankings), ms", _medians(waves["ours"]), _medians(waves["bare"]))


if __name__ == "__main__":
    main()
