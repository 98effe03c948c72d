"""(Over 400 lines: one script, three measurements that share the server, browser and file helpers.)

Upload load test under a memory cap: the largest allowed upload, of the worst content, while other
sessions browse; and `servicemirror validate` on a million bad rows. Each against a baseline: a clean
file of the same size.

    python bench/upload.py                          # the figures of the README (about 15 minutes)
    python bench/upload.py --cap-mb 4096 --sizes 189
    python bench/upload.py --before /path/to/old/checkout   # validate with older code, side by side

1. **validate**: `servicemirror validate` in a child process (time, peak RSS) on
   - 1 M rows of type errors (a number column full of text; 24 MB) against 1 M clean rows;
   - a wide CSV of identical rows (every key a duplicate: the worst for the report), 1 M rows
     (42 MB) and of the largest size, each against a clean wide CSV of the same size (distinct
     companies and years).
2. **server under a cap**: `streamlit run dashboard/server.py` started under `prlimit --data=CAP`
   (private writable memory, the limit a process can be given without a cgroup: past it an
   allocation fails and the server dies, as under a container's limit); `--sessions` browser
   sessions click through the pages (bench/load.py) while one more uploads a wide CSV of identical
   rows of each size in `--sizes` (MB), and the clean one of the largest size. Reported: whether the
   server survived (still healthy, the uploader got its report, the others no error), the time from
   the upload to the report, the server's peak RSS, and the largest upload that survived the cap.
3. **released**: `--release` sessions each upload 3.5 MB and open the overview, then their browsers
   close: the server's RSS before, with the uploads, and once Streamlit has dropped the sessions
   (with `--before`, the older app too: it kept every upload in a process-wide registry).

Generated files are kept in bench/out/ (not committed) and reused.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "upload"
sys.path.insert(0, str(ROOT))

from bench.load import session  # noqa: E402
from tests.browser.conftest import CHROMIUM_ARGS, IDLE, _free_port  # noqa: E402

WIDE_HEADER = "företag,bransch,år,servicescore,antal svar,omsättning,rörelseresultat,enps\n"
IDENTICAL_ROW = "Alfa Bank,Bank,2020,70.5,200,1000,100,10\n"
LIMIT_MB = 200  # the app's upload limit (dashboard/state.py MAX_UPLOAD_BYTES)


# --- the files -------------------------------------------------------------------------------------


def wide_identical(mb: float) -> Path:
    """A wide CSV of `mb` MB, every row the same company and year."""
    path = OUT / f"wide_identical_{mb:g}mb.csv"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        rows = int(mb * 1e6 - len(WIDE_HEADER.encode())) // len(IDENTICAL_ROW)
        with path.open("w", encoding="utf-8") as f:
            f.write(WIDE_HEADER)
            for _ in range(rows // 100_000):
                f.write(IDENTICAL_ROW * 100_000)
            f.write(IDENTICAL_ROW * (rows % 100_000))
    return path


def wide_clean(mb: float) -> Path:
    """A valid wide CSV of about `mb` MB: distinct companies, 20 years each."""
    path = OUT / f"wide_clean_{mb:g}mb.csv"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        target, i = mb * 1e6, 0
        with path.open("w", encoding="utf-8") as f:
            f.write(WIDE_HEADER)
            written = len(WIDE_HEADER)
            while written < target:
                lines = [
                    f"Bolag {c},Bransch {c % 20},{2000 + y},{50 + (c * 7 + y) % 40}.5,"
                    f"{100 + c % 300},{1000 + c % 900},{c % 97},{c % 60 - 20}\n"
                    for c in range(i, i + 500)
                    for y in range(20)
                ]
                block = "".join(lines)
                f.write(block)
                written += len(block.encode())
                i += 500
    return path


def scores(bad: bool, rows: int = 1_000_000) -> Path:
    """A folder: companies and `rows` service scores, every value unreadable (`bad`) or clean."""
    folder = OUT / f"scores_{'bad' if bad else 'clean'}_{rows}"
    if not folder.exists():
        folder.mkdir(parents=True)
        companies = rows // 20
        with (folder / "companies.csv").open("w") as f:
            f.write("company_id,name,industry_id\n")
            f.writelines(f"c{c},Company {c},ind-{c % 10}\n" for c in range(companies))
        with (folder / "service_scores.csv").open("w") as f:
            f.write("company_id,year,value,n,sd\n")
            for start in range(0, rows, 100_000):
                f.writelines(
                    f"c{r // 20},{2000 + r % 20},{'abc' if bad else f'{60 + r % 30}.5'},250,20\n"
                    for r in range(start, min(start + 100_000, rows))
                )
    return folder


def size_mb(path: Path) -> float:
    files = [path] if path.is_file() else list(path.iterdir())
    return sum(f.stat().st_size for f in files) / 1e6


# --- 1. servicemirror validate --------------------------------------------------------------------


def validate(path: Path, code: Path = ROOT) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit code) of `servicemirror validate PATH` with the code at `code`."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "metrics.cli", "validate", str(path)],
        cwd=code,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


# --- 2. the server under a cap --------------------------------------------------------------------


def _status(pid: int) -> dict[str, float]:
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmData"):
                out[key] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return out


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as r:
            return r.read() == b"ok"
    except OSError:
        return False


def start_server(cap_mb: int) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    cmd = [
        "prlimit",
        f"--data={cap_mb * 1024 * 1024}",
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "dashboard" / "server.py"),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(240):
        if _healthy(url):
            return proc, url
        time.sleep(0.5)
    proc.kill()
    raise RuntimeError("the server did not start")


async def _upload(browser, url: str, path: Path) -> tuple[float | None, str]:
    """Upload one file on the Data page; (seconds to the report shown, what the page said)."""
    page = await browser.new_page()
    page.set_default_timeout(900_000)
    try:
        await page.goto(f"{url}/data")
        await page.wait_for_selector(IDLE)
        await page.get_by_role("tab", name="Upload your data").click()
        start = time.perf_counter()
        await page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(path))
        await page.get_by_text("Dataset: your upload").first.wait_for()
        await page.wait_for_selector(IDLE)
        seconds = time.perf_counter() - start
        summary = await page.locator(
            "[data-testid='stAlert'] [data-testid='stMarkdownContainer']"
        ).first.text_content()
        return seconds, (summary or "").strip()[:90]
    except Exception as exc:  # the server died, or the page never came back
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0][:80]}"
    finally:
        await page.close()


def under_cap(path: Path, cap_mb: int, sessions: int, chromium: str) -> dict:
    """One upload of `path` to a fresh server under the cap while `sessions` others browse."""
    from playwright.async_api import async_playwright

    from bench.load import Tally

    proc, url = start_server(cap_mb)
    server = proc.pid  # prlimit runs the command in its own process
    peak = {"VmRSS": 0.0, "VmData": 0.0}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            for key, value in _status(server).items():
                peak[key] = max(peak[key], value)
            time.sleep(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    before = _status(server).get("VmRSS", 0.0)

    async def run() -> tuple[tuple[float | None, str], Tally]:
        tally = Tally()
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            await session(
                browser, url, 0, -1, Tally()
            )  # the server opened once, as before a meeting
            browsing = [
                asyncio.create_task(session(browser, url, 120, seed, tally))
                for seed in range(sessions)
            ]
            upload = asyncio.create_task(_upload(browser, url, path))

            async def died() -> None:
                while proc.poll() is None:
                    await asyncio.sleep(0.5)

            death = asyncio.create_task(died())
            await asyncio.wait({upload, death}, return_when=asyncio.FIRST_COMPLETED)
            if upload.done():
                result = upload.result()
            else:  # killed at the cap: the page would wait for a server that is gone
                upload.cancel()
                result = (None, f"the server died (exit {proc.poll()})")
            death.cancel()
            for task in browsing:
                task.cancel()
            await asyncio.gather(*browsing, return_exceptions=True)
            await browser.close()
        return result, tally

    try:
        (seconds, said), tally = asyncio.run(run())
        time.sleep(1)
        alive = proc.poll() is None and _healthy(url)
    finally:
        stop.set()
        sampler.join()
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    return {
        "file": path.name,
        "mb": round(size_mb(path), 1),
        "survived": alive and seconds is not None and not tally.errors,
        "seconds": None if seconds is None else round(seconds, 1),
        "said": said,
        "rss_before": round(before),
        "rss_peak": round(peak["VmRSS"]),
        "data_peak": round(peak["VmData"]),
        "others_errors": len(tally.errors),
        "others_actions": len(tally.times),
    }


# --- 3. uploads released --------------------------------------------------------------------------


def release(code: Path, uploads: int, chromium: str, ttl: int = 20) -> dict[str, float]:
    """Server RSS (MB) before, with `uploads` sessions that each uploaded a 3.5 MB file, and once
    their browsers are closed and Streamlit has dropped the sessions (`disconnectedSessionTTL`,
    shortened to `ttl` seconds here; 120 by default). `code`: the checkout whose app is served."""
    from playwright.sync_api import sync_playwright

    script = (
        code / "dashboard" / ("server.py" if (code / "dashboard/server.py").exists() else "app.py")
    )
    port = _free_port()
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
            "--server.disconnectedSessionTTL",
            str(ttl),
        ],
        cwd=code,
        env={**os.environ, "PYTHONPATH": str(code)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(240):
        if _healthy(url):
            break
        time.sleep(0.5)
    path = wide_clean(3.5)
    out: dict[str, float] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            opened = browser.new_page()
            opened.goto(url)
            opened.wait_for_selector(IDLE, timeout=300_000)
            time.sleep(12)  # the allocator's decay: what stays is in use
            out["before"] = _status(proc.pid)["VmRSS"]
            contexts = []
            for _ in range(uploads):
                context = browser.new_context()
                page = context.new_page()
                page.set_default_timeout(300_000)
                page.goto(f"{url}/data")
                page.wait_for_selector(IDLE)
                page.get_by_role("tab", name="Upload your data").click()
                page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
                    str(path)
                )
                page.get_by_text("Dataset: your upload").first.wait_for()
                page.get_by_role("link", name="Overview").click()  # its analytics computed too
                page.wait_for_selector(IDLE)
                contexts.append(context)
            time.sleep(12)
            out["with the uploads"] = _status(proc.pid)["VmRSS"]
            for context in contexts:
                context.close()
            time.sleep(ttl + 5)
            later = browser.new_page()  # a new session: Streamlit drops the expired ones
            later.goto(url)
            later.wait_for_selector(IDLE, timeout=300_000)
            time.sleep(15)
            out["after the sessions ended"] = _status(proc.pid)["VmRSS"]
            browser.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    return {k: round(v) for k, v in out.items()}


# --- report ----------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cap-mb", type=int, nargs="+", default=[3072])
    parser.add_argument("--sizes", type=float, nargs="+", default=[50, 100, 189])
    parser.add_argument("--sessions", type=int, default=3)
    parser.add_argument("--before", type=Path, help="an older checkout to validate with too")
    parser.add_argument("--skip-validate", action="store_true")
    parser.add_argument("--skip-server", action="store_true")
    parser.add_argument("--release", type=int, default=8, help="uploads of 3.5 MB (0: skip)")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    args = parser.parse_args()
    results: dict[str, object] = {}

    if not args.skip_validate:
        print("servicemirror validate (seconds, peak RSS MB)")
        cases = [
            ("1 M rows of type errors", scores(bad=True)),
            ("1 M clean rows (baseline)", scores(bad=False)),
            ("wide, 1 M identical rows", wide_identical(42)),
            ("wide, clean, 42 MB (baseline)", wide_clean(42)),
            (f"wide, identical rows, {max(args.sizes):g} MB", wide_identical(max(args.sizes))),
            (f"wide, clean, {max(args.sizes):g} MB (baseline)", wide_clean(max(args.sizes))),
        ]
        codes = [("now", ROOT)] + ([("before", args.before)] if args.before else [])
        header = f"{'case':<40} {'MB':>6}" + "".join(
            f" {n + ' s':>9} {n + ' MB':>10}" for n, _ in codes
        )
        print(header)
        for name, path in cases:
            row = f"{name:<40} {size_mb(path):>6.0f}"
            for code_name, code in codes:
                seconds, rss, _ = validate(path, code)
                results[f"validate {name} {code_name}"] = (round(seconds, 1), round(rss))
                row += f" {seconds:>9.1f} {rss:>10.0f}"
            print(row, flush=True)

    if not args.skip_server:
        for cap in args.cap_mb:
            print(f"\nserver under prlimit --data={cap} MB, {args.sessions} sessions browsing")
            print(
                f"{'upload':<28} {'MB':>6} {'survived':>9} {'s':>7} {'RSS before':>11} "
                f"{'RSS peak':>9} {'data peak':>10} {'others':>12}  the page said"
            )
            largest = None
            files = [wide_identical(s) for s in sorted(args.sizes)] + [wide_clean(max(args.sizes))]
            for path in files:
                r = under_cap(path, cap, args.sessions, args.chromium)
                results[f"cap {cap} {path.name}"] = r
                if r["survived"] and "identical" in path.name:
                    largest = r["mb"]
                others = f"{r['others_actions']} ok/{r['others_errors']} err"
                print(
                    f"{r['file']:<28} {r['mb']:>6} {'yes' if r['survived'] else 'NO':>9} "
                    f"{r['seconds'] if r['seconds'] is not None else '–':>7} "
                    f"{r['rss_before']:>11} {r['rss_peak']:>9} {r['data_peak']:>10} "
                    f"{others:>12}  {r['said']}",
                    flush=True,
                )
            print(f"largest worst-case upload that survived {cap} MB: {largest or 'none'} MB")
    if args.release:
        print(
            f"\n{args.release} sessions upload 3.5 MB each, then their browsers close (server RSS MB)"
        )
        codes = [("now", ROOT)] + ([("before", args.before)] if args.before else [])
        for code_name, code in codes:
            figures = release(code, args.release, args.chromium)
            results[f"release {code_name}"] = figures
            print(f"{code_name:<8}", "  ".join(f"{k}: {v}" for k, v in figures.items()), flush=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=1, default=str))


if __name__ == "__main__":
    main()
