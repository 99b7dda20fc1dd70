"""Cold start of ``safeguards``: medians of child-process runs of short commands, as a table.

    python benchmarks/startup.py [--runs 15] [--case cases/kz-2011-zhanaozen-bb.yaml] [--tree PATH ...]

Each command is started as a new process (``python -m safeguards ...``) with the checkout first on
``PYTHONPATH``; the commands are run round-robin, one run of each per round, so that a load that
comes and goes on a shared machine weighs on all of them alike. Measured: ``python -c pass``,
``--version``, a one-case ``validate``, and a one-case ``check --format json --no-cache`` with an
empty cache folder (the rules compiled from their files) and with a warm one (the compiled rules
read from the cache). The result cache is never used (``--no-cache``), so every check evaluates the
case. Wall time is the median over the runs; CPU time (user + system of the child) beside it is
steadier when other work shares the cores. ``--tree`` measures other checkouts too (e.g. a worktree
of an earlier commit), interleaved with this one, for a before/after table.

Python is told to write and use its bytecode caches, as an installed package does; one untimed run
of each command comes first to write them.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def commands(case: str, out: str) -> dict[str, tuple[list[str], str]]:
    """Label -> (arguments after ``python``, which cache folder: none, cold or warm)."""
    check = ["-m", "safeguards", "check", case, "--format", "json", "--no-cache", "--no-timestamp", "--quiet",
             "--fail-on", "never", "-o", out]
    return {
        "python -c pass": (["-c", "pass"], "none"),
        "safeguards --version": (["-m", "safeguards", "--version"], "none"),
        "validate CASE": (["-m", "safeguards", "validate", case, "--quiet"], "warm"),
        "check CASE --format json, rules cache empty": (check, "cold"),
        "check CASE --format json, rules cache warm": (check, "warm"),
    }


def _run(tree: Path, argv: list[str], cache: Path) -> tuple[float, float]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}
    env.update(PYTHONPATH=str(tree), SAFEGUARDS_CACHE_DIR=str(cache))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, *argv], cwd=tree, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} in {tree} failed ({done.returncode}): {done.stderr.decode()[:500]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(trees: list[Path], case: str, runs: int) -> dict[tuple[str, str], tuple[float, float]]:
    """(tree, label) -> (median wall ms, median CPU ms)."""
    times: dict[tuple[str, str], list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        warm = {str(t): work / f"warm-{i}" for i, t in enumerate(trees)}
        cold = work / "cold"
        for i, tree in enumerate(trees):
            for argv, _ in commands(case, str(work / f"out-{i}")).values():  # bytecode written, warm cache filled
                _run(tree, argv, warm[str(tree)])
        for _ in range(runs):
            for i, tree in enumerate(trees):
                for label, (argv, which) in commands(case, str(work / f"out-{i}")).items():
                    shutil.rmtree(cold, ignore_errors=True)
                    folder = warm[str(tree)] if which == "warm" else cold
                    times.setdefault((str(tree), label), []).append(_run(tree, argv, folder))
    return {key: (1000 * statistics.median(w for w, _ in vals), 1000 * statistics.median(c for _, c in vals))
            for key, vals in times.items()}


def table(trees: list[Path], case: str, result: dict[tuple[str, str], tuple[float, float]]) -> str:
    names = [t.name for t in trees]
    head = "| command | " + " | ".join(f"{n}: wall ms | {n}: CPU ms" for n in names) + " |"
    rule = "|---|" + "---|---|" * len(trees)
    rows = [head, rule]
    for label in commands(case, "OUT"):
        cells = []
        for t in trees:
            wall, cpu = result[(str(t), label)]
            cells += [f"{wall:.0f}", f"{cpu:.0f}"]
        rows.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command (default 15)")
    parser.add_argument("--case", default="cases/kz-2011-zhanaozen-bb.yaml", help="the case file, relative to "
                                                                                  "each checkout")
    parser.add_argument("--tree", action="append", default=[], help="another checkout to measure beside this one")
    args = parser.parse_args()
    trees = [HERE, *(Path(t).resolve() for t in args.tree)]
    result = measure(trees, args.case, args.runs)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.2f}; {args.runs} runs of each command; case {args.case}\n")
    print(table(trees, args.case, result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
