"""Extraction on more than one process, measured in one run: 2 local workers against one process,
a local Dask cluster of 2 workers against one of 1 worker (and against one process), and the peak
memory of a worker.

    python bench/workers.py              # 400 articles
    python bench/workers.py --n 40       # a smoke run

Each run is `ceasetalk extract --out` on the same generated corpus, timed from launch to exit, so
starting the workers and loading their pipelines counts. A new Dask cluster is started before each
of its runs (as a user's cluster would be) and its workers load their pipelines during the run.
Speedups are ratios of runs made in the same invocation: each way runs `--repeat` times, in turn with
the others, and its fastest run counts, so a burst of another program's load does not decide a
ratio. The outputs must be byte-identical. `measure(n, work)` returns rows in bench/run.py's form.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# The command line in a process that reports, on exit, its own peak RSS and its largest waited-for
# child's (a pool worker: the pool waits for its workers when it closes).
CLI = textwrap.dedent("""
    import json, resource, sys
    from ceasetalk.tui.cli import main
    code = main(sys.argv[1:])
    peak = lambda who: resource.getrusage(who).ru_maxrss / 1024
    print(json.dumps({"code": code, "parent": peak(resource.RUSAGE_SELF), "worker": peak(resource.RUSAGE_CHILDREN)}))
""")


def extract(corpus: Path, out: Path, *options: str) -> dict:
    """One `ceasetalk extract --out` run: wall seconds, peak RSS of the process and of its largest worker, output."""
    command = [sys.executable, "-c", CLI, "extract", "--json", "--profile", "gaza", "--out", str(out), *options, str(corpus)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command[3:])}\n{done.stderr[-2000:]}")
    return {"seconds": seconds, **json.loads(done.stdout.splitlines()[-1]),
            "output": b"".join(p.read_bytes() for p in sorted(out.glob("part-*.jsonl")))}


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# The worker setting the README recommends: Dask's nannies set MALLOC_TRIM_THRESHOLD_ for their
# workers by default, which makes spaCy's many allocations some 10 % slower (measured here).
DASK_WORKERS = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}


def on_dask(corpus: Path, out: Path, workers: int) -> dict:
    """One run on a new local cluster of worker processes, with each worker's peak RSS."""
    import dask
    from distributed import Client, LocalCluster

    with dask.config.set(DASK_WORKERS), \
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        result = extract(corpus, out, "--dask", cluster.scheduler_address)
        return {**result, "workers": sorted(client.run(peak_rss_mb).values())}


def measure(n: int, work: Path, repeat: int = 2) -> list[dict]:
    corpus = work / f"corpus-{n}"
    generate(n, corpus)
    rows = []

    def row(name, value, goal, ok, unit="", detail=""):
        rows.append({"measure": name, "value": value, "goal": goal, "unit": unit, "pass": bool(ok), "detail": detail})

    ways = {"one": lambda out: extract(corpus, out, "--workers", "1"),
            "pool": lambda out: extract(corpus, out, "--workers", "2")}
    if importlib.util.find_spec("distributed"):
        ways["dask1"] = lambda out: on_dask(corpus, out, 1)
        ways["dask2"] = lambda out: on_dask(corpus, out, 2)
    runs: dict[str, list[dict]] = {way: [] for way in ways}
    for attempt in range(repeat):
        for way, run in ways.items():
            runs[way].append(run(work / f"{way}-{attempt}"))
    fastest = {way: min(results, key=lambda r: r["seconds"]) for way, results in runs.items()}
    one, pool = fastest["one"], fastest["pool"]
    speedup = one["seconds"] / pool["seconds"]
    row(f"2 local workers vs 1 process ({n} articles)", speedup, ">= 1.6", speedup >= 1.6, "x",
        f"{pool['seconds']:.1f} s vs {one['seconds']:.1f} s; one process: {one['seconds'] / n * 1000:.0f} ms per article")
    row("local worker peak RSS", pool["worker"], "<= 500", pool["worker"] <= 500, "MB",
        f"one process alone: {one['parent']:.0f} MB; the pool's parent: {pool['parent']:.0f} MB")
    if "dask2" in fastest:
        dask1, dask2 = fastest["dask1"], fastest["dask2"]
        speedup = dask1["seconds"] / dask2["seconds"]
        row(f"Dask cluster, 2 workers vs 1 ({n} articles)", speedup, ">= 1.5", speedup >= 1.5, "x",
            f"{dask2['seconds']:.1f} s vs {dask1['seconds']:.1f} s; against one process without Dask: "
            f"{one['seconds'] / dask2['seconds']:.2f}x")
        worst = max(mb for way in ("dask1", "dask2") for r in runs[way] for mb in r["workers"])
        row("Dask worker peak RSS", worst, "<= 500", worst <= 500, "MB", ", ".join(f"{mb:.0f} MB" for mb in dask2["workers"]))
    else:
        row("Dask cluster, 2 workers vs 1", "not installed", ">= 1.5", False, "", "pip install 'ceasetalk[cluster]'")
    times = "; ".join(f"{way} " + ", ".join(f"{r['seconds']:.1f}" for r in results) + " s" for way, results in runs.items())
    same = all(r["output"] == one["output"] for results in runs.values() for r in results)
    row("same bytes from every executor", "yes" if same else "no", "yes", same, "", f"every run: {times}")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=400, help="articles (default 400)")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each way, the fastest counting (default 2)")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} before the run", flush=True)
    with tempfile.TemporaryDirectory(prefix="ceasetalk-workers-") as work:
        rows = measure(args.n, Path(work), args.repeat)
    width = max(len(r["measure"]) for r in rows)
    for r in rows:
        value = f"{r['value']:.2f}{r['unit']}" if isinstance(r["value"], float) else str(r["value"])
        print(f"{r['measure']:<{width}}  {value:>10}  {r['goal']:<8}  {'PASS' if r['pass'] else 'FAIL':<6}  {r['detail']}")
    return 0 if all(r["pass"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
