"""lfjb's performance benchmark: prints each figure as a median of several runs in fresh processes.

Run from the repository root after installing lfjb:  python benchmarks/run.py [--runs 5] [--skip-large]

It measures what a secretariat and MoJ wait for (issue 7): a cold single-board pack in all three
formats, interleaved run by run with two naive references that use the same stack and none of lfjb's
code (naive_fixed.py: always the same pages and charts, issue 22; naive_pack.py: as many pages and charts
as lfjb's pack), every sample board in one run, a 1,000,000-case synthetic extract to the pack JSON (Parquet
and CSV, with peak memory), and the start-up of `lfjb --help` and `lfjb validate`. The large extract
is generated here into a temporary folder and never committed, as are the 43 boards (one per DFJ
area) that `lfjb compare` is timed on, from packs and from case data. Each figure is given in seconds
and in CPU seconds (with the worker processes), the steadier figure on a shared machine, with the load
average. Targets are printed beside results; nothing is asserted (tests check behaviour, not timings).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
LFJB = [sys.executable, "-m", "lfjb"]

sys.path.insert(0, str(Path(__file__).resolve().parent))
from naive_fixed import CHARTS as NAIVE_FIXED_CHARTS  # noqa: E402  (beside this file: what it draws, said once)
from naive_fixed import PAGES as NAIVE_FIXED_PAGES  # noqa: E402
MEASURE = (
    "import resource, subprocess, sys, time; t = time.perf_counter(); "
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode; "
    "use = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print(time.perf_counter() - t, use.ru_maxrss, use.ru_utime + use.ru_stime, code)"
)


# `lfjb compare --from-packs` with everything in this one process: the reference for the second process.
ONE_PROCESS_COMPARE = (
    "import sys; from pathlib import Path; from lfjb.month import Month; "
    "from lfjb.charts.convert import start_engine; "
    "from lfjb.workflows.compare import compare_model, render_comparison; start_engine(); "
    "render_comparison(compare_model(Month(2025, 3), None, Path('board_config'), from_packs=Path(sys.argv[1])), "
    "['json', 'html', 'pdf'])"
)


def measure(args: list[str], cwd: Path) -> tuple[float, float, float]:
    """Seconds, peak resident memory (MB) and CPU seconds (user + system, with the worker processes it
    waited for) of one fresh process running `args`. On a shared machine the CPU seconds are the
    steadier figure: wall time grows with other people's load."""
    out = subprocess.run([sys.executable, "-c", MEASURE, *args], cwd=cwd, capture_output=True, text=True, check=True)
    seconds, max_rss_kb, cpu, code = out.stdout.split()
    if code != "0":
        raise SystemExit(f"benchmark command failed (exit {code}): {' '.join(args)}")
    return float(seconds), int(max_rss_kb) / 1024, float(cpu)


def median_of(runs: int, args: list[str], cwd: Path, before=None) -> tuple[float, float, float]:
    """(median seconds, largest peak MB, median CPU seconds) of `runs` fresh runs."""
    results = []
    for _ in range(runs):
        if before:
            before()
        results.append(measure(args, cwd))
    return statistics.median(r[0] for r in results), max(r[1] for r in results), statistics.median(r[2] for r in results)


def make_large_board(folder: Path, cases: int, seed: int = 20250331) -> Path:
    """A synthetic board with `cases` cases as Parquet and CSV extracts; returns the YAML path."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2015-01-01")
    issue = start + rng.integers(0, 3742, cases).astype("timedelta64[D]")  # to 2025-03-31
    days = np.maximum(rng.gamma(4.0, 70.0, cases).astype(int), 30)
    disposal = issue + days.astype("timedelta64[D]")
    open_ = disposal > np.datetime64("2025-04-04")
    drivers = np.array(["", "court_capacity", "workforce_capacity;plo_tracking", "expert_assessments", ""])
    frame = pd.DataFrame({
        "case_id": np.char.add("C", np.arange(cases).astype(str)),
        "local_authority": rng.choice(["North", "South", "East", "West"], cases),
        "issue_date": pd.to_datetime(issue),
        "disposal_date": pd.to_datetime(np.where(open_, np.datetime64("NaT"), disposal)),
        "children": rng.integers(1, 4, cases),
        "hearings": rng.integers(2, 12, cases),
        "fcmh": rng.integers(0, 4, cases),
        "outcome": rng.choice(["care order", "supervision order", "special guardianship order"], cases),
        "delay_drivers": rng.choice(drivers, cases),
    })
    frame.to_parquet(folder / "extract.parquet", index=False)
    text = frame.assign(
        issue_date=frame["issue_date"].dt.strftime("%d/%m/%Y"),
        disposal_date=frame["disposal_date"].dt.strftime("%d/%m/%Y").fillna(""),
    )
    text.to_csv(folder / "extract.csv", index=False)
    (folder / "actions.yaml").write_text(
        "actions:\n  - {id: A1, title: Floating list, sub_group: court, owner: Listing, raised: 2025-01-01, due: 2025-02-01, status: in_progress}\n"
    )
    config = folder / "large.yaml"
    config.write_text(
        "name: Large Synthetic Board\ndfj_area: Birmingham\nsub_groups: [{id: court, name: Court}]\n"
        "inputs: {actions: actions.yaml, extract: extract.parquet}\n"
    )
    csv_config = folder / "large-csv.yaml"
    csv_config.write_text(config.read_text().replace("extract.parquet", "extract.csv"))
    return config


def extract_of(board: str) -> Path:
    """The board's extract, as its terms of reference name it."""
    import yaml

    config = ROOT / "board_config" / f"{board}.yaml"
    extract = yaml.safe_load(config.read_text())["inputs"]["extract"]
    if not isinstance(extract, str):
        raise SystemExit(f"{config.name}: the extract is several sources; the naive references need a board with one extract file")
    return (config.parent / extract).resolve()


def pack_size(board: str, work: Path) -> tuple[int, int]:
    """(pages, charts) of lfjb's PDF pack for `board`, so the naive reference draws as much."""
    from pypdf import PdfReader

    from lfjb.charts import pack_chart_specs
    from lfjb.charts.phone import phone_chart_specs
    from lfjb.inputs import load_board
    from lfjb.month import Month
    from lfjb.pack import build_pack

    out = work / "size"
    subprocess.run([*LFJB, "pack", "--month", "2025-03", "--board", board, "--out", str(out)], cwd=ROOT, check=True,
                   capture_output=True)
    pdf = next(out.glob(f"{board}/2025-03/*.pdf"))
    pack = build_pack(load_board(ROOT / "board_config" / f"{board}.yaml"), Month(2025, 3))
    charts = len(pack_chart_specs(pack)) + len(phone_chart_specs(pack))  # lfjb also draws the phone variants
    return len(PdfReader(pdf).pages), charts


def compare_43(work: Path, runs: int) -> list[tuple]:
    """lfjb compare over a board for each of the 43 DFJ areas (sample_data/generate.py --all-dfj-areas),
    from the boards' configurations (case data) and from their pack JSON files (issue 13's goals)."""
    root = work / "dfj43"
    subprocess.run([sys.executable, str(ROOT / "sample_data" / "generate.py"), "--all-dfj-areas", "--out-root", str(root)],
                   check=True, stdout=subprocess.DEVNULL)
    config = root / "board_config"
    packs = work / "packs43"
    subprocess.run([*LFJB, "pack", "--month", "2025-03", "--config-dir", str(config), "--out", str(packs), "--format", "json"],
                   check=True, stdout=subprocess.DEVNULL)
    out = work / "compare43"
    rows = []
    t, mem, cpu = median_of(runs, [*LFJB, "compare", "--month", "2025-03", "--from-packs", str(packs), "--out", str(out)], ROOT)
    rows.append(("compare, 43 boards from packs, PDF+HTML+JSON", t, cpu, mem, "≤ 10 s"))
    # The same work in one process (no second process laying out the PDF), timed in the same run.
    t_one, _, cpu_one = median_of(runs, [sys.executable, "-c", ONE_PROCESS_COMPARE, str(packs)], ROOT)
    rows.append(("  same, all in one process (no second process for the PDF)", t_one, cpu_one, None, ""))
    rows.append(("  compare from packs as a ratio to one process", t / t_one, cpu / cpu_one, None, "< 1"))
    t_cases, mem, cpu_cases = median_of(runs, [*LFJB, "compare", "--month", "2025-03", "--config-dir", str(config), "--out", str(out)], ROOT)
    rows.append(("compare, 43 boards from case data, PDF+HTML+JSON", t_cases, cpu_cases, mem, "≤ 15 s"))
    # The naive reference (benchmarks/naive_pack.py) drawing a PDF of as many pages and charts as the
    # comparison's, timed in the same run: on a busy machine the ratio says more than the seconds.
    from pypdf import PdfReader

    pdf = next(out.glob("comparison/2025-03/comparison-2025-03.pdf"))
    pages = len(PdfReader(pdf).pages)
    charts = next(out.glob("comparison/2025-03/comparison-2025-03.html")).read_text().count('<figure class="chart"')
    # Central London's extract: one file (Wolverhampton's, used until 4 December 2026, is now several sources).
    naive = [sys.executable, str(ROOT / "benchmarks" / "naive_pack.py"), str(extract_of("central-london")), str(work / "naive43.pdf"),
             "--pages", str(pages), "--charts", str(charts)]
    t_naive, _, cpu_naive = median_of(runs, naive, ROOT)
    rows.append((f"  naive reference: same stack, {pages} pages, {charts} charts, PDF only", t_naive, cpu_naive, None, ""))
    rows.append(("  compare from packs as a ratio to the naive reference", t / t_naive, cpu / cpu_naive, None, ""))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (the median is printed)")
    parser.add_argument("--cases", type=int, default=1_000_000, help="cases in the large synthetic extract")
    parser.add_argument("--skip-large", action="store_true", help="skip the large-extract figures")
    parser.add_argument("--skip-compare-43", action="store_true", help="skip lfjb compare over all 43 DFJ areas")
    args = parser.parse_args()
    boards = sorted(p.stem for p in (ROOT / "board_config").glob("*.yaml"))
    work = Path(tempfile.mkdtemp(prefix="lfjb-bench-"))
    out = work / "packs"

    def clean() -> None:
        shutil.rmtree(out, ignore_errors=True)

    rows = []
    t, _, cpu = median_of(args.runs, [*LFJB, "--help"], ROOT)
    rows.append(("lfjb --help start-up", t, cpu, None, "≤ 0.3 s"))
    t, _, cpu = median_of(args.runs, [*LFJB, "validate", "--board", boards[0]], ROOT)
    rows.append((f"lfjb validate --board {boards[0]}", t, cpu, None, "start-up ≤ 0.3 s"))
    # The cold pack and the two naive references (same stack, no lfjb code) are interleaved run by run,
    # so each ratio compares runs made under the same load.
    pages, charts = pack_size(boards[0], work)
    extract = str(extract_of(boards[0]))
    like = [sys.executable, str(ROOT / "benchmarks" / "naive_pack.py"), extract, str(work / "naive.pdf"),
            "--pages", str(pages), "--charts", str(charts)]
    fixed = [sys.executable, str(ROOT / "benchmarks" / "naive_fixed.py"), extract, str(work / "naive-fixed.pdf")]
    pack_runs, like_runs, fixed_runs = [], [], []
    for _ in range(args.runs):
        clean()
        pack_runs.append(median_of(1, [*LFJB, "pack", "--month", "2025-03", "--board", boards[0], "--out", str(out)], ROOT))
        fixed_runs.append(median_of(1, fixed, ROOT))
        like_runs.append(median_of(1, like, ROOT))
    t, cpu = statistics.median(r[0] for r in pack_runs), statistics.median(r[2] for r in pack_runs)
    mem = max(r[1] for r in pack_runs)  # the largest peak, as every other row gives it (median_of)
    t_fixed, _, cpu_fixed = (statistics.median(r[i] for r in fixed_runs) for i in range(3))
    t_like, _, cpu_like = (statistics.median(r[i] for r in like_runs) for i in range(3))
    rows.append((f"cold pack, one board ({boards[0]}, {pages} pages, {charts} charts), PDF+HTML+JSON", t, cpu, mem, "≤ 2.5 s"))
    rows.append((f"  fixed naive reference: {NAIVE_FIXED_PAGES} pages, {NAIVE_FIXED_CHARTS} charts, PDF only", t_fixed, cpu_fixed, None, ""))
    rows.append(("  lfjb's cold pack as a ratio to the fixed reference", t / t_fixed, cpu / cpu_fixed, None, "≤ 1.4 (goal 1.0)"))
    rows.append((f"  like-for-like naive reference: {pages} pages, {charts} charts", t_like, cpu_like, None, ""))
    rows.append(("  lfjb's cold pack as a ratio to the like-for-like one", t / t_like, cpu / cpu_like, None, "≤ 1.0"))
    t_all, mem, cpu_all = median_of(max(1, args.runs // 2), [*LFJB, "pack", "--month", "2025-03", "--out", str(out)], ROOT, clean)
    rows.append((f"pack, all {len(boards)} sample boards, PDF+HTML+JSON", t_all, cpu_all, mem, ""))
    rows.append(("  per board", t_all / len(boards), cpu_all / len(boards), None, "≤ 3 s on 2 cores"))
    t, _, cpu = median_of(args.runs, [*LFJB, "pack", "--month", "2025-03", "--out", str(out), "--format", "json"], ROOT, clean)
    rows.append((f"pack --format json, all {len(boards)} boards", t, cpu, None, "well under a few seconds"))
    if not args.skip_large:
        large = make_large_board(work, args.cases)
        for name, config in (("Parquet", large), ("CSV", large.with_name("large-csv.yaml"))):
            t, mem, cpu = median_of(max(1, args.runs // 2), [*LFJB, "pack", "--month", "2025-03", "--board", str(config), "--out", str(out), "--format", "json"], ROOT, clean)
            rows.append((f"{args.cases:,}-case {name} extract to pack JSON", t, cpu, mem, "≤ 4.5 s, ≤ 1.5 GB" if name == "Parquet" else "(reported)"))
    if not args.skip_compare_43:
        rows += compare_43(work, max(1, args.runs // 2))
    shutil.rmtree(work, ignore_errors=True)

    load = " ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    print(f"lfjb benchmark — median of {args.runs} runs in fresh processes, Python {sys.version.split()[0]}, load average {load}")
    print("(a ratio row gives the ratio of seconds and, in the CPU column, of CPU seconds)")
    print(f"{'measure':74} {'seconds':>8} {'CPU s':>8} {'peak MB':>8}  target")
    for label, seconds, cpu, mem, target in rows:
        print(f"{label:74} {seconds:8.2f} {cpu:8.2f} {'' if mem is None else f'{mem:8.0f}':>8}  {target}")


if __name__ == "__main__":
    main()
