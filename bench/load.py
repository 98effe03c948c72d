"""Load test: N real browser sessions (Playwright + Chromium) against one `streamlit run` on loopback,
each clicking through the pages and changing filters for a bounded time.

    python bench/load.py                        # 20 sessions, 60 s
    python bench/load.py --sessions 5 --seconds 20

The server is opened once first (as it would have been before a meeting); the sessions then arrive
over the first tenth of the time.

Reports errors (a Streamlit exception box on a page, a failed wait, a page error; the target is 0),
the median and 95th percentile of the time from an action to the page rendered again, the actions
done, and the server's memory (RSS) before, at its peak (sampled every 0.5 s) and after.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM_ARGS, IDLE  # noqa: E402

PAGES = ["", "rankings", "commercial", "mirror", "company", "data"]
"""URL paths of the pages; the overview is the default page, at the root."""
WAVES = ["2025", "2024", "2023", "2019", "2016"]


@dataclass
class Tally:
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    reopened: int = 0
    """Wave lists that closed before the option was clicked (a rerun redrew the sidebar) and were
    opened again, as a person would."""


async def _rendered(page) -> None:
    await page.wait_for_selector(IDLE, timeout=180_000)
    await page.wait_for_function(
        "document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0", timeout=180_000
    )
    if await page.locator("[data-testid='stException']").count():
        raise RuntimeError("a Streamlit exception box on " + page.url)


async def session(browser, url: str, seconds: float, seed: int, tally: Tally) -> None:
    """One user: open the app, then random page visits and wave changes until time is up."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    rnd = random.Random(seed)
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.set_default_timeout(180_000)  # 20 browsers share the machine's cores with the server
    page.on("pageerror", lambda exc: tally.errors.append(f"page error: {exc}"))
    end = time.monotonic() + seconds

    async def act(what: str, action) -> None:
        start = time.monotonic()
        try:
            await action()
            await _rendered(page)
            tally.times.append(time.monotonic() - start)
        except Exception as exc:
            tally.errors.append(f"{what}: {str(exc).splitlines()[0][:160]}")

    await act("open", lambda: page.goto(url, wait_until="commit"))
    while time.monotonic() < end:
        if rnd.random() < 0.6:
            target = rnd.choice(PAGES)
            await act(
                f"open /{target}", lambda t=target: page.goto(f"{url}/{t}", wait_until="commit")
            )
        else:
            wave = rnd.choice(WAVES)

            async def change(wave=wave) -> None:
                for attempt in range(3):
                    await page.get_by_role("combobox", name="Wave").first.click()
                    try:
                        await page.get_by_role("option", name=wave, exact=True).click(
                            timeout=30_000
                        )
                        return
                    except PlaywrightTimeout:
                        if attempt == 2:
                            raise
                        tally.reopened += 1
                        await page.keyboard.press("Escape")
                        await _rendered(page)

            await act(f"wave {wave}", change)
    await context.close()


def _rss_mb(pid: int) -> float:
    total = 0.0
    for p in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            pass
    return total


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far (not their children's)."""
    import os

    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            # utime + stime of the process itself: children are counted as processes of their
            # own (adding cutime would count a zygote's reaped renderers twice)
            total += (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError, ValueError):
            pass
    return total


def _chromium_pids() -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if "chromium" in (proc / "comm").read_text():
                    found.append(int(proc.name))
            except OSError:
                pass
    return found


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


async def run_load(
    url: str, sessions: int, seconds: float, chromium: str = "/usr/bin/chromium", warm: bool = True
):
    """`sessions` users arriving over the first 10% of the time (a server that has been opened once
    before, as in a meeting: `warm`), then working until `seconds` are up."""
    from playwright.async_api import async_playwright

    tally = Tally()
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        if warm:
            await session(browser, url, 0, -1, Tally())

        async def arrive(seed: int) -> None:
            delay = seconds * 0.1 * seed / max(sessions, 1)
            await asyncio.sleep(delay)
            await session(browser, url, seconds - delay, seed, tally)

        await asyncio.gather(*(arrive(seed) for seed in range(sessions)))
        await browser.close()
    return tally


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    from bench.app import serve

    proc, url = serve(ROOT / "dashboard" / "app.py")
    samples: list[float] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            samples.append(_rss_mb(proc.pid))
            time.sleep(0.5)

    try:
        before = _rss_mb(proc.pid)
        server_cpu = _cpu_seconds([proc.pid])
        browser_cpu: list[float] = []

        def browsers() -> None:  # chromium processes come and go: sample their CPU while running
            seen: dict[int, float] = {}
            while not stop.is_set():
                for pid in _chromium_pids():
                    seen[pid] = _cpu_seconds([pid])
                time.sleep(1)
            browser_cpu.append(sum(seen.values()))

        watcher = threading.Thread(target=browsers, daemon=True)
        watcher.start()
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        start = time.monotonic()
        tally = asyncio.run(run_load(url, args.sessions, args.seconds))
        took = time.monotonic() - start
        stop.set()
        sampler.join()
        watcher.join()
        server_cpu = _cpu_seconds([proc.pid]) - server_cpu
        after = _rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(10)
    print(
        f"{args.sessions} browser sessions for {args.seconds:.0f} s against one streamlit run "
        f"({took:.0f} s in all)"
    )
    print(f"  actions rendered   {len(tally.times):>8}")
    print(f"  errors             {len(tally.errors):>8}")
    print(f"  wave list reopened {tally.reopened:>8}   (closed by a rerun before the click)")
    print(f"  render p50         {statistics.median(tally.times):>8.2f} s")
    print(f"  render p95         {percentile(tally.times, 0.95):>8.2f} s")
    print(
        f"  server RSS         {before:>8.0f} MB before, {max(samples):.0f} MB peak, "
        f"{after:.0f} MB after"
    )
    print(
        f"  CPU time           {server_cpu:>8.0f} s the server, {sum(browser_cpu):.0f} s the "
        f"browsers (of {took * (os.cpu_count() or 1):.0f} s on {os.cpu_count()} cores)"
    )
    for error in tally.errors[:10]:
        print("  !", error)


if __name__ == "__main__":
    main()
