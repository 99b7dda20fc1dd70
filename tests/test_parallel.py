"""``--jobs``: several processes give the same outputs, in the same order, as one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from safeguards.parallel import AUTO_MIN_FILES, imap, workers
from tests.conftest import CASES, ROOT

INVALID = ROOT / "tests" / "cases" / "invalid"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "safeguards", *args], capture_output=True, text=True, cwd=ROOT,
                          check=False)


def _square(x: int) -> int:
    return x * x


def test_results_keep_the_input_order() -> None:
    assert list(imap(_square, list(range(50)), 2)) == [x * x for x in range(50)]


def test_automatic_jobs_use_one_process_for_small_runs() -> None:
    assert workers(0, AUTO_MIN_FILES - 1) == 1
    assert workers(0, AUTO_MIN_FILES) >= 1
    assert workers(3, 1) == 3


def test_validate_in_two_processes_prints_the_same(tmp_path: Path) -> None:
    one = _run("validate", str(INVALID), str(CASES), "--format", "json", "--jobs", "1")
    two = _run("validate", str(INVALID), str(CASES), "--format", "json", "--jobs", "2")
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout and '"code"' in one.stdout


@pytest.mark.parametrize("command", ["check", "annex"])
def test_check_and_annex_in_two_processes_write_the_same_bytes(command: str, tmp_path: Path) -> None:
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / jobs
        extra = ["--no-timestamp", "--no-cache", "--format", "md,json,sarif"] if command == "check" else []
        proc = _run(command, str(CASES), "-o", str(out), "--jobs", jobs, "--quiet", *extra)
        assert proc.returncode in (0, 1), proc.stderr
        files = sorted(p for p in out.rglob("*") if p.is_file())
        assert files
        outputs.append({p.relative_to(out): p.read_bytes() for p in files})
    assert outputs[0] == outputs[1]


def test_a_large_run_prints_totals_and_keeps_its_exit_code(tmp_path: Path) -> None:
    from benchmarks.generate import write_corpus

    write_corpus(tmp_path / "corpus", AUTO_MIN_FILES + 1, seed=5)
    proc = _run("check", str(tmp_path / "corpus"), "-o", str(tmp_path / "out"), "--format", "json", "--no-cache")
    assert proc.returncode == 1, proc.stderr  # generated cases have breaches; --fail-on breach is the default
    lines = proc.stdout.splitlines()
    assert lines[1].startswith("findings: ") and " not respected, " in lines[1]
    assert lines[-1] == f"{AUTO_MIN_FILES + 1} case(s) checked, {AUTO_MIN_FILES + 1} file(s) written"
    assert len(lines) == 3  # no row per case
