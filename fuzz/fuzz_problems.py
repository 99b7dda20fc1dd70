"""Coverage-guided fuzzing of the problem writers (text, json, github, sarif, junit) with atheris.

    pip install atheris
    python fuzz/fuzz_problems.py -max_total_time=300 -rss_limit_mb=2048

Each input becomes a few problems whose path, code, message and hint are arbitrary strings (any code
point, lone surrogates included, as an undecodable file name gives); every writer's output must be
well formed (``problem_outputs.check_all``), or atheris saves the input as ``crash-*``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))  # problem_outputs, beside this file

with atheris.instrument_imports():
    from problem_outputs import check_all

    from safeguards.problems import Level, Problem


def _problems(data: bytes) -> list[Problem]:
    fdp = atheris.FuzzedDataProvider(data)
    problems = []
    for _ in range(fdp.ConsumeIntInRange(0, 4)):
        path, code, message, hint = (fdp.ConsumeUnicodeNoSurrogates(60) if fdp.ConsumeBool()
                                     else fdp.ConsumeUnicode(60) for _ in range(4))
        line = fdp.ConsumeIntInRange(0, 10**6)
        level = Level.ERROR if fdp.ConsumeBool() else Level.WARNING
        problems.append(Problem(path, line, fdp.ConsumeIntInRange(0, 300), level, code, message, hint))
    return problems


def test_one(data: bytes) -> None:
    check_all(_problems(data))


def main() -> None:
    atheris.Setup(sys.argv, test_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
