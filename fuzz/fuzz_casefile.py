"""Coverage-guided fuzzing of everything a case file goes through, with atheris.

    pip install atheris
    python fuzz/fuzz_casefile.py -max_total_time=600 -rss_limit_mb=2048 fuzz/corpus cases tests/hostile/cases

Any exception escaping ``load`` (which must turn every fault into a located problem), the
engine or a report writer is a crash; atheris saves the input as ``crash-*``.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from safeguards.api import evaluate
    from safeguards.casefile import load
    from safeguards.report.build import build_report
    from safeguards.report.render import WRITERS
    from safeguards.rules.compile import load_rules

RULES = load_rules("rules")


def test_one(data: bytes) -> None:
    loaded = load("fuzz.yaml", data)
    if not loaded.ok:
        assert loaded.errors, "an invalid file must carry at least one error"
        return
    result = evaluate(loaded, RULES, "international")
    report = build_report(loaded, result, RULES, "public", timestamp=False)
    for write in WRITERS.values():
        write(report, RULES)


def main() -> None:
    atheris.Setup(sys.argv, test_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
