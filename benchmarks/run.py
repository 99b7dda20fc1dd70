"""Measure safeguards against the cost of reading YAML, on generated corpora of several sizes.

    python benchmarks/run.py --sizes 1000,10000 --out benchmarks/results

For each size: the parse floor (PyYAML's C loader and nothing else), ``validate`` and
check-jsonschema on the exported case schema, ``check --format json`` and with every
format, a warm rerun (cache) with no file changed and with 1% changed, ``--jobs 2`` against
``--jobs 1``, ``annex``, corpus mode (``check --db`` on two cores, its rerun, ``annex --db``), and peak
memory; then start-up time. From ``--db-only-from`` files on, only the parse floor and corpus mode.
Every command runs in a child process; times are wall-clock medians of ``--repeat`` runs (CPU time beside
some), memory is the child's peak RSS.
Prints a Markdown table and writes ``results.json`` and ``scaling.png``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate_case, write_corpus  # noqa: E402

PARSE_FLOOR = """
import sys, yaml
from pathlib import Path
for p in sorted(Path(sys.argv[1]).rglob('*.yaml')):
    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)
"""


LAST_CPU: list[float] = [0.0]  # CPU seconds (user + system) of the last child, its own children included


def run(cmd: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT) -> tuple[float, float, int]:
    """Wall time (s), peak RSS (MiB) and exit code of one child process (its CPU time in ``LAST_CPU``)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    LAST_CPU[0] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if LAST_CPU[0] < usage.ru_utime + usage.ru_stime:  # pragma: no cover - the child's own figure at least
        LAST_CPU[0] = usage.ru_utime + usage.ru_stime
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def median(cmd: list[str], repeat: int, env: dict[str, str] | None = None,
           before: Any = None, cpu: dict[str, float] | None = None, key: str = "") -> tuple[float, float]:
    """Median wall time and the largest peak RSS of ``repeat`` runs; with ``cpu``, the median CPU time is stored
    there under ``key``."""
    times, cpus, peak = [], [], 0.0
    for _ in range(repeat):
        if before is not None:
            before()
        t, rss, _ = run(cmd, env)
        times.append(t)
        cpus.append(LAST_CPU[0])
        peak = max(peak, rss)
    if cpu is not None:
        cpu[key + "_cpu"] = statistics.median(cpus)
    return statistics.median(times), peak


def safeguards(*args: str) -> list[str]:
    return [sys.executable, "-m", "safeguards", *args]


def check_jsonschema(files: list[Path]) -> list[list[str]]:
    exe = shutil.which("check-jsonschema")
    if exe is None:
        return []
    schema = str(ROOT / "safeguards" / "schemas" / "case.schema.json")
    batch = 5000  # keep each command line well under the OS limit
    return [[exe, "--schemafile", schema, *map(str, files[i:i + batch])] for i in range(0, len(files), batch)]


def measure_db(size: int, corpus: Path, work: Path, r: dict[str, Any]) -> None:
    """Corpus mode: ``check --db`` cold on two cores, its incremental rerun, and the annex from the database."""
    db = work / f"corpus-{size}.sqlite"
    annex = work / f"annex-db-{size}"
    for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        stale.unlink(missing_ok=True)
    r["db_check"], r["db_check_rss"] = median(safeguards("check", str(corpus), "--db", str(db), "--no-cache",
                                                         "--jobs", "2", "--quiet", "--fail-on", "never"), 1,
                                              cpu=r, key="db_check")
    r["db_bytes"] = db.stat().st_size
    r["db_rerun"], _ = median(safeguards("check", str(corpus), "--db", str(db), "--jobs", "2", "--quiet",
                                         "--fail-on", "never"), 1, cpu=r, key="db_rerun")
    r["db_annex"], r["db_annex_rss"] = median(safeguards("annex", "--db", str(db), "-o", str(annex), "--quiet"), 1,
                                              cpu=r, key="db_annex")
    r["db_annex_bytes"] = sum(f.stat().st_size for f in annex.iterdir() if f.is_file())


def measure(size: int, repeat: int, work: Path, full: bool, only_db: bool = False) -> dict[str, Any]:
    """Every measurement at one corpus size; ``full`` adds check-jsonschema, all formats and the serial annex;
    ``only_db``: the parse floor and corpus mode alone (for the largest sizes)."""
    corpus = work / f"corpus-{size}"
    if not corpus.exists():
        write_corpus(corpus, size, seed=1)
    files = sorted(corpus.rglob("*.yaml"))
    out = work / f"out-{size}"
    cache = work / f"cache-{size}"
    r: dict[str, Any] = {"size": size, "bytes": sum(f.stat().st_size for f in files)}
    r["parse_floor"], r["parse_floor_rss"] = median([sys.executable, "-c", PARSE_FLOOR, str(corpus)], repeat,
                                                    cpu=r, key="parse_floor")
    if only_db:
        measure_db(size, corpus, work, r)
        return r
    r["validate"], r["validate_rss"] = median(safeguards("validate", str(corpus), "--jobs", "1"), repeat)
    if full:
        cj = check_jsonschema(files)
        if cj:
            r["check_jsonschema"] = sum(run(cmd)[0] for cmd in cj)
    cold = ["check", str(corpus), "-o", str(out), "--no-timestamp", "--quiet", "--fail-on", "never"]

    def clear() -> None:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)

    env = {"SAFEGUARDS_CACHE_DIR": str(cache)}
    # Engine cost on one core: every check figure below is --jobs 1 unless it says otherwise.
    r["check_json"], r["check_json_rss"] = median(safeguards(*cold, "--format", "json", "--no-cache", "--jobs", "1"),
                                                  repeat, env, clear, cpu=r, key="check_json")
    r["jobs1"] = r["check_json"]
    r["jobs2"], r["jobs2_rss"] = median(safeguards(*cold, "--format", "json", "--no-cache", "--jobs", "2"), repeat,
                                        env, clear, cpu=r, key="jobs2")
    r["report_json_median_bytes"] = statistics.median(f.stat().st_size for f in out.rglob("*.json"))
    clear()
    r["check_json_cold_cached"], _ = median(safeguards(*cold, "--format", "json", "--jobs", "2"), 1, env)
    r["rerun_unchanged"], _ = median(safeguards(*cold, "--format", "json", "--jobs", "1"), repeat, env)
    changed = files[:: 100]
    for i, f in enumerate(changed):
        f.write_text(f.read_text() + f"# edited {i}\n")
    r["rerun_1pct"], _ = median(safeguards(*cold, "--format", "json", "--jobs", "1"), 1, env)
    for f in changed:  # restore, so the corpus stays the generated one
        f.write_text(f.read_text().rsplit("# edited", 1)[0])
    if full:
        r["check_all_formats"], _ = median(safeguards(*cold, "--format", "md,html,json,sarif,junit", "--no-cache",
                                                      "--jobs", "1"), 1, env, clear)
        r["annex"], r["annex_rss"] = median(safeguards("annex", str(corpus), "-o", str(work / f"annex-{size}"),
                                                       "--quiet", "--jobs", "1"), 1)
    r["annex_jobs2"], r["annex_jobs2_rss"] = median(
        safeguards("annex", str(corpus), "-o", str(work / f"annex-{size}"), "--quiet", "--jobs", "2"), 1)
    clear()
    measure_db(size, corpus, work, r)
    return r


def startup(repeat: int) -> dict[str, float]:
    small = ROOT / "cases" / "kz-2011-zhanaozen-bb.yaml"
    with tempfile.TemporaryDirectory() as tmp:
        version, _ = median(safeguards("--version"), repeat)
        single, _ = median(safeguards("check", str(small), "-o", tmp, "--quiet", "--no-cache", "--fail-on", "never",
                                      "--format", "json"), repeat)
    return {"version": version, "single_case": single}


def table(results: list[dict[str, Any]], start: dict[str, float]) -> str:
    def s(x: float | None) -> str:
        return "-" if x is None else f"{x:.2f} s"

    def ratio(a: float | None, b: float | None) -> str:
        return "-" if not a or not b else f"{a / b:.1f}x"

    def mib(x: float | None) -> str:
        return "-" if x is None else f"{x:.0f} MiB"

    lines = ["| measure | " + " | ".join(f"{r['size']:,} files" for r in results) + " |",
             "|---|" + "---|" * len(results)]
    rows = [("parse floor (PyYAML C loader)", "parse_floor"), ("validate", "validate"),
            ("check-jsonschema (schema only)", "check_jsonschema"), ("check --format json", "check_json"),
            ("check, all five formats", "check_all_formats"), ("check --jobs 2 (json)", "jobs2"),
            ("rerun, nothing changed (cache)", "rerun_unchanged"), ("rerun, 1% changed", "rerun_1pct"),
            ("annex (all formats)", "annex"), ("annex --jobs 2", "annex_jobs2"),
            ("check --db --jobs 2 (corpus mode)", "db_check"), ("check --db rerun, nothing changed", "db_rerun"),
            ("annex --db (all formats)", "db_annex")]
    for label, key in rows:
        lines.append(f"| {label} | " + " | ".join(s(r.get(key)) for r in results) + " |")
    lines.append("| CPU: parse floor / check json / check --db / annex --db | " + " | ".join(
        " / ".join(s(r.get(k + "_cpu")) for k in ("parse_floor", "check_json", "db_check", "db_annex"))
        for r in results) + " |")
    ratios = [("check json / parse floor (target <= 2.0)", "check_json", "parse_floor"),
              ("check json / parse floor, CPU time", "check_json_cpu", "parse_floor_cpu"),
              ("validate / parse floor", "validate", "parse_floor"),
              ("check-jsonschema / validate (target >= 3)", "check_jsonschema", "validate"),
              ("cold / unchanged rerun (target >= 20)", "check_json", "rerun_unchanged"),
              ("jobs 1 / jobs 2 (target >= 1.8)", "check_json", "jobs2")]
    for label, a, b in ratios:
        lines.append(f"| {label} | " + " | ".join(ratio(r.get(a), r.get(b)) for r in results) + " |")

    def kib(x: float | None) -> str:
        return "-" if x is None else f"{x / 1024:.1f} KiB"

    lines.append("| median JSON report | " + " | ".join(kib(r.get("report_json_median_bytes")) for r in results) + " |")
    lines.append("| database per case | " + " | ".join(
        kib(r["db_bytes"] / r["size"]) if r.get("db_bytes") else "-" for r in results) + " |")
    for label, key in (("peak RSS, parse floor", "parse_floor_rss"), ("peak RSS, validate", "validate_rss"),
                       ("peak RSS, check json", "check_json_rss"), ("peak RSS, check --jobs 2 (largest process)",
                                                                   "jobs2_rss"),
                       ("peak RSS, annex", "annex_rss"), ("peak RSS, annex --jobs 2 (largest process)",
                                                          "annex_jobs2_rss"),
                       ("peak RSS, check --db --jobs 2 (largest process)", "db_check_rss"),
                       ("peak RSS, annex --db (target <= 300 MiB)", "db_annex_rss")):
        lines.append(f"| {label} | " + " | ".join(mib(r.get(key)) for r in results) + " |")
    lines.append("")
    lines.append(f"Start-up: `safeguards --version` {start['version'] * 1000:.0f} ms; one small case "
                 f"{start['single_case'] * 1000:.0f} ms.")
    return "\n".join(lines)


def plot(results: list[dict[str, Any]], path: Path) -> None:
    """Time and memory against corpus size, as a PNG (log-log)."""
    import math

    from PIL import Image, ImageDraw, ImageFont

    w, h, pad = 900, 420, 70
    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=13)
    series = [("parse floor", "parse_floor", "#777777"), ("validate", "validate", "#0d47a1"),
              ("check json", "check_json", "#b00020"), ("check --jobs 2", "jobs2", "#1b5e20"),
              ("annex --jobs 2", "annex_jobs2", "#6a1b9a"), ("check --db", "db_check", "#e65100"),
              ("annex --db", "db_annex", "#00838f")]
    sizes = [r["size"] for r in results]
    values = [r[k] for r in results for _, k, _ in series if r.get(k)]
    if not values or len(sizes) < 1:
        return
    x0, x1 = math.log10(min(sizes)) - 0.2, math.log10(max(sizes)) + 0.2
    y0, y1 = math.log10(min(values)) - 0.2, math.log10(max(values)) + 0.2

    def xy(size: float, value: float) -> tuple[float, float]:
        return (pad + (math.log10(size) - x0) / (x1 - x0) * (w - 2 * pad - 180),
                h - pad - (math.log10(value) - y0) / (y1 - y0) * (h - 2 * pad))

    d.rectangle([pad, pad, w - pad - 180, h - pad], outline="black")
    d.text((pad, 20), "Wall time (s) against corpus size, log-log; peak RSS (check json / annex) in the legend",
           fill="black", font=font)
    for size in sizes:
        x, _ = xy(size, 10 ** y0)
        d.text((x - 15, h - pad + 8), f"{size:,} files", fill="black", font=font)
    for power in range(math.ceil(y0), math.floor(y1) + 1):  # a label and a faint line at each decade of seconds
        _, y = xy(sizes[0], 10.0 ** power)
        d.line([pad, y, w - pad - 180, y], fill="#dddddd")
        d.text((pad - 55, y - 7), f"{10.0 ** power:g} s", fill="black", font=font)
    for i, (label, key, colour) in enumerate(series):
        pts = [xy(r["size"], r[key]) for r in results if r.get(key)]
        if len(pts) > 1:
            d.line(pts, fill=colour, width=3)
        for p in pts:
            d.ellipse([p[0] - 4, p[1] - 4, p[0] + 4, p[1] + 4], fill=colour)
        d.text((w - pad - 160, pad + 20 * i), label, fill=colour, font=font)
    d.text((w - pad - 160, pad + 150), "peak RSS, check / annex", fill="black", font=font)
    for i, r in enumerate(results):
        annex = r.get("annex_rss") or r.get("annex_jobs2_rss") or r.get("db_annex_rss")
        check = r.get("check_json_rss") or r.get("db_check_rss") or 0.0
        text = f"{r['size']:,}: {check:.0f} / {annex:.0f} MiB" if annex else f"{r['size']:,}: {check:.0f} MiB"
        d.text((w - pad - 160, pad + 170 + 18 * i), text, fill="black", font=font)
    img.save(path)


def _meta() -> dict[str, Any]:
    return {"python": platform.python_version(), "machine": platform.machine(), "cores": os.cpu_count(),
            "sample_case_bytes": len(json.dumps(generate_case(1, 0)))}


def save(out: Path, results: list[dict[str, Any]], start: dict[str, float] | None) -> None:
    """Write results.json (merged with earlier sizes already there) and the plot."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / "results.json"
    old: dict[str, Any] = json.loads(path.read_text()) if path.exists() else {}
    by_size = {r["size"]: r for r in old.get("results", [])}
    by_size.update({r["size"]: r for r in results})
    merged = [by_size[k] for k in sorted(by_size)]
    data = {"meta": _meta(), "results": merged, "startup": start or old.get("startup")}
    path.write_text(json.dumps(data, indent=2) + "\n")
    plot(merged, out / "scaling.png")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000", help="comma-separated corpus sizes")
    parser.add_argument("--full-up-to", type=int, default=10_000,
                        help="largest size that also measures check-jsonschema, all formats and the serial annex")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--db-only-from", type=int, default=50_000,
                        help="from this size on, measure only the parse floor and corpus mode (check --db, annex --db)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "safeguards-bench")
    parser.add_argument("--out", type=Path, default=None,
                        help="write results.json (merged with the sizes already there) and scaling.png here")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        results.append(measure(size, args.repeat if size <= 10_000 else 1, args.work, size <= args.full_up_to,
                               only_db=size >= args.db_only_from))
        print(f"measured {size} files", file=sys.stderr)
        if args.out:  # keep what is measured so far: a large size takes long
            save(args.out, results, None)
    start = startup(max(args.repeat, 5))
    if args.out:
        save(args.out, results, start)
        results = json.loads((args.out / "results.json").read_text())["results"]
    print(table(results, start))


if __name__ == "__main__":
    main()
