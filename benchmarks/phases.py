"""Where the time of ``check --format json`` goes, per case, phase by phase, in one process.

    python benchmarks/phases.py DIR [--limit N]

Phases: the parse floor (PyYAML's C loader on the same bytes), loading (our parse with
positions, the strict model, references, chronology, consent), evaluation (derivation,
rules, contested versions, findings), building the report (header, timeline, sources,
redaction), and writing JSON text. Prints milliseconds per case and each phase's ratio to
the floor. Times are sums of ``time.perf_counter`` around each phase; writing files is left out.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from safeguards.api import evaluate, load_rules  # noqa: E402
from safeguards.casefile import load  # noqa: E402
from safeguards.report.build import build_report  # noqa: E402
from safeguards.report.render import write_json  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--profile", default="international")
    args = parser.parse_args()
    files = sorted(args.corpus.rglob("*.yaml"))[: args.limit]
    rules = load_rules(None)
    spent = dict.fromkeys(("parse floor", "load", "evaluate", "build report", "JSON text"), 0.0)
    for path in files:
        raw = path.read_bytes()
        t0 = time.perf_counter()
        yaml.load(raw, Loader=yaml.CSafeLoader)
        t1 = time.perf_counter()
        loaded = load(str(path), raw)
        t2 = time.perf_counter()
        result = evaluate(loaded, rules, args.profile)
        t3 = time.perf_counter()
        report = build_report(loaded, result, rules, "public", timestamp=False)
        t4 = time.perf_counter()
        write_json(report, rules)
        t5 = time.perf_counter()
        for key, dt in zip(spent, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
            spent[key] += dt
    floor = spent["parse floor"]
    print(f"{len(files)} case files from {args.corpus}")
    print("| phase | ms per case | x parse floor |")
    print("|---|---|---|")
    for key, total in spent.items():
        print(f"| {key} | {total / len(files) * 1000:.2f} | {total / floor:.2f} |")
    engine = sum(v for k, v in spent.items() if k != "parse floor")
    print(f"| all but the floor | {engine / len(files) * 1000:.2f} | {engine / floor:.2f} |")


if __name__ == "__main__":
    main()
