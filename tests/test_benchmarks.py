"""Keep the benchmark tools working: the generator's files validate and the runner measures a tiny corpus.

No timing is asserted: speed is measured by benchmarks/run.py, never by a test.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from benchmarks.generate import write_corpus
from safeguards.casefile import load
from tests.conftest import ROOT


def test_generated_corpus_validates(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path, 60, seed=3)
    for path in paths:
        loaded = load(str(path))
        assert loaded.ok, [p.render() for p in loaded.errors]


def test_runner_smoke(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sizes", "20", "--repeat", "1",
                           "--work", str(tmp_path / "work"), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    assert "| check --format json |" in done.stdout
    data = json.loads((tmp_path / "out" / "results.json").read_text())
    assert data["results"][0]["size"] == 20 and data["results"][0]["check_json"] > 0
    assert (tmp_path / "out" / "scaling.png").stat().st_size > 1000
    # corpus mode is measured too: the database, its rerun and the annex from it
    first = data["results"][0]
    assert first["db_bytes"] > 0 and first["db_annex_bytes"] > 0 and first["db_check_cpu"] > 0
    assert "| annex --db (all formats) |" in done.stdout and "| database per case |" in done.stdout


def test_runner_measures_only_corpus_mode_for_the_largest_sizes(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sizes", "15", "--repeat", "1",
                           "--db-only-from", "10", "--work", str(tmp_path / "work"), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    only = json.loads((tmp_path / "out" / "results.json").read_text())["results"][0]
    assert "check_json" not in only and only["db_annex"] > 0 and only["parse_floor"] > 0


def test_phase_breakdown_smoke(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus", 12, seed=4)
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "phases.py"), str(tmp_path / "corpus")],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    rows = {line.split(" | ")[0].lstrip("| "): line for line in done.stdout.splitlines() if line.startswith("| ")}
    assert {"parse floor", "load", "evaluate", "build report", "JSON text", "all but the floor"} <= set(rows)


def test_report_size_measures_the_bundled_reports(tmp_path: Path) -> None:
    import shutil

    cases = tmp_path / "cases"
    cases.mkdir()
    for name in ("kz-2007-gerasimov.yaml", "kz-2022-abishev.yaml"):
        shutil.copy(ROOT / "cases" / name, cases / name)
    script = str(ROOT / "benchmarks" / "report_size.py")
    done = subprocess.run([sys.executable, script, "--cases", str(cases), "--json"], capture_output=True,
                          text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert got["reports"] == 4 and 0 < got["median_bytes"] <= got["largest_bytes"]
    assert {"safeguards", "findings", "articles"} <= set(got["sections"])
    assert sum(got["sections"].values()) < got["largest_bytes"]
