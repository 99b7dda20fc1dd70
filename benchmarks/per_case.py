"""CPU time per case of each phase of ``check``, and findings per case, on a generated corpus.

    python benchmarks/per_case.py --size 400 [--tree PATH]

Generates ``--size`` case files (the same seed as ``run.py``), loads them, warms the rule set on the
first half, and measures derive, evaluate and report + JSON on the second half with process CPU time
(steadier than wall time on a shared machine). ``--tree`` measures another checkout of the project
(e.g. a worktree of an earlier commit) with the same corpus, so two versions can be compared (with
``--v1``, which writes the corpus at case-file version 1).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=400)
    parser.add_argument("--tree", default=str(Path(__file__).resolve().parent.parent))
    parser.add_argument("--v1", action="store_true", help="write the corpus at case-file version 1, which every "
                                                          "version of the tool reads (for comparisons)")
    args = parser.parse_args()
    tree = Path(args.tree).resolve()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.generate import write_corpus

    with tempfile.TemporaryDirectory() as tmp:
        for path in write_corpus(Path(tmp), args.size, 7):
            if args.v1:
                text = path.read_text(encoding="utf-8")
                path.write_text(text.replace("schema_version: 2", "schema_version: 1", 1), encoding="utf-8")
        sys.path.insert(0, str(tree))
        for name in [m for m in sys.modules if m == "safeguards" or m.startswith("safeguards.")]:
            del sys.modules[name]
        from safeguards.api import evaluate
        from safeguards.casefile import load
        from safeguards.engine.derive import derive
        from safeguards.report.build import build_report
        from safeguards.report.render import WRITERS
        from safeguards.rules.compile import load_rules

        rules = load_rules(tree / "rules")
        loaded = [c for c in (load(str(p)) for p in sorted(Path(tmp).rglob("*.yaml"))) if c.case is not None]
        half = len(loaded) // 2
        for item in loaded[:half]:
            evaluate(item, rules)
        rest = loaded[half:]
        t0 = time.process_time()
        for item in rest:
            assert item.case is not None
            derive(item.case)
        t1 = time.process_time()
        results = [evaluate(item, rules) for item in rest]
        t2 = time.process_time()
        for item, result in zip(rest, results, strict=True):
            WRITERS["json"](build_report(item, result, rules, timestamp=False), rules)
        t3 = time.process_time()
    n = len(rest)
    findings = sum(len(r.findings) + len(getattr(r, "national", [])) for r in results) / n
    print(f"{tree.name}: {len(rules.rules)} rules, {findings:.1f} findings/case; per case: derive "
          f"{1000 * (t1 - t0) / n:.2f} ms, evaluate {1000 * (t2 - t1) / n:.2f} ms, report+json "
          f"{1000 * (t3 - t2) / n:.2f} ms; evaluate per finding {1000 * (t2 - t1) / n / findings * 1000:.0f} us")
    return 0


if __name__ == "__main__":
    sys.exit(main())
