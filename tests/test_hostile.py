"""Hostile and broken input: every file in tests/hostile/ gives its expected, located error, never a crash."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from safeguards.casefile import load
from safeguards.cli import main
from safeguards.problems import RuleError
from safeguards.rules.compile import load_rules
from tests.conftest import CASES, ROOT, RULES

HOSTILE = ROOT / "tests" / "hostile"
MANIFEST: dict[str, str] = yaml.safe_load((HOSTILE / "expected.yaml").read_text())
FILES = sorted((HOSTILE / "cases").iterdir())


def _expected(path: Path) -> tuple[str, int | None]:
    if path.name in MANIFEST:
        return MANIFEST[path.name], None
    lines = path.read_bytes().decode("utf-8-sig").split("\n")  # only LF ends a YAML line here
    code = lines[0].removeprefix("# expect: ").strip()
    marked = [i for i, text in enumerate(lines, 1) if text.rstrip().endswith("#<")]
    return code, (marked[0] if marked else None)


def test_the_corpus_is_large() -> None:
    assert len(FILES) >= 100


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_hostile_file(path: Path) -> None:
    code, line = _expected(path)
    loaded = load(str(path))
    found = [(p.code, p.line) for p in loaded.errors]
    if code == "ok":
        assert loaded.ok and found == [], found
        return
    assert not loaded.ok
    assert code in [c for c, _ in found], found
    if line is not None:
        assert (code, line) in found, found


@pytest.mark.parametrize("path", FILES[::7], ids=lambda p: p.stem)
def test_hostile_file_through_the_cli(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = _expected(path)
    want = 0 if code == "ok" else 1
    assert main(["validate", str(path)]) == want
    assert main(["check", str(path), "-o", str(tmp_path), "--quiet", "--no-cache", "--fail-on", "never"]) == (
        0 if code == "ok" else 2)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err


def test_billion_laughs_is_refused_quickly_and_small() -> None:
    start = time.perf_counter()
    loaded = load(str(HOSTILE / "cases" / "billion-laughs.yaml"))
    assert time.perf_counter() - start < 5  # a generous bound against an exponential blow-up, not a benchmark
    assert loaded.errors[0].code == "too-many-nodes"


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * (3 * 1024 * 1024) + b"\n")
    assert load(str(big)).errors[0].code == "file-too-large"


# --- rules are input too --------------------------------------------------------------------------

GOOD_RULE = (RULES / "registration-and-custody-records" / "never-registered.yaml").read_text()
BROKEN_RULES = {
    "syntax": ("rule-syntax", GOOD_RULE.replace("breach: registered == false", "breach: registered == (")),
    "misspelled-fact": ("rule-type", GOOD_RULE.replace("breach: registered == false", "breach: registred")),
    "type-mismatch": ("rule-type", GOOD_RULE.replace("breach: registered == false", "breach: registered > 3")),
    "not-boolean": ("rule-not-boolean", GOOD_RULE.replace("met: registered", "met: hours_to_registration_min")),
    "unknown-field": ("unknown-field", GOOD_RULE + "sevrity: high\n"),
    "bad-safeguard": ("invalid-value", GOOD_RULE.replace("safeguard: registration-and-custody-records",
                                                         "safeguard: good-vibes")),
    "bad-article": ("invalid-value", GOOD_RULE.replace('articles: ["2", "11"]', 'articles: ["99"]')),
    "template": ("template-unknown-name", GOOD_RULE.replace("The detention was never", "The {nope} was never")),
    "too-complex": ("rule-too-complex", GOOD_RULE.replace(
        "breach: registered == false",
        "breach: '[1].all(a, [1].all(b, [1].all(c, [1].exists(d, d == a))))'")),
    "duplicate-key": ("duplicate-key", GOOD_RULE + "breach: registered\n"),
    "yaml-tag": ("yaml-tag", GOOD_RULE.replace("severity: critical", "severity: !!python/object:os.system x")),
    "no-sources": ("invalid-value", GOOD_RULE.split("sources:")[0] + "sources: []\n" +
                   "severity:" + GOOD_RULE.split("severity:")[1]),
    "missing-breach": ("missing-field", GOOD_RULE.replace("breach: registered == false\n", "")),
    "param-type": ("param-type", GOOD_RULE.replace(
        "applies: apprehended", "params:\n  limit:\n    description: x\n    type: double\n    value: 'many'\n"
        "    source: x\napplies: apprehended")),
    "param-shadows-fact": ("param-shadows-fact", GOOD_RULE.replace(
        "applies: apprehended", "params:\n  registered:\n    description: x\n    type: bool\n    value: true\n"
        "    source: x\napplies: apprehended")),
    "met-and-breach-overlap": ("rule-contradiction", GOOD_RULE.replace("met: registered", "met: apprehended")),
    "not-a-mapping": ("not-a-mapping", "- just a list\n"),
}


@pytest.mark.parametrize("name", sorted(BROKEN_RULES))
def test_broken_rule_fails_loudly_with_its_location(name: str, tmp_path: Path) -> None:
    code, text = BROKEN_RULES[name]
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "never-registered.yaml").write_text(text)
    with pytest.raises(RuleError) as exc:
        load_rules(folder)
    assert f"error[{code}]" in str(exc.value), str(exc.value)
    assert "never-registered.yaml:" in str(exc.value)


def test_rule_failing_at_run_time_names_the_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "rules"
    shutil_copy = (RULES / "prompt-judicial-control" / "judicial-control-delayed.yaml").read_text()
    (folder / "prompt-judicial-control").mkdir(parents=True)
    (folder / "prompt-judicial-control" / "judicial-control-delayed.yaml").write_text(shutil_copy.replace(
        "breach: hours_to_court_min > limit_hours && (court_delay_justified == false || !justification_allowed)",
        "breach: int(hours_to_court_min) / 0 > 1"))
    code = main(["check", str(CASES / "rs-1997-dimitrijevic.yaml"), "--rules", str(folder), "-o", str(tmp_path / "o"),
                 "--no-cache", "--quiet"])
    err = capsys.readouterr().err
    assert code == 2
    assert "error[rule-runtime]" in err and "judicial-control-delayed" in err and "divide by zero" in err
    assert "Traceback" not in err


def test_rule_failing_in_a_worker_process_is_reported_not_hung(tmp_path: Path) -> None:
    folder = tmp_path / "rules" / "prompt-judicial-control"
    folder.mkdir(parents=True)
    (folder / "judicial-control-delayed.yaml").write_text(
        (RULES / "prompt-judicial-control" / "judicial-control-delayed.yaml").read_text().replace(
            "breach: hours_to_court_min > limit_hours && (court_delay_justified == false || !justification_allowed)",
            "breach: int(hours_to_court_min) / 0 > 1"))
    proc = subprocess.run([sys.executable, "-m", "safeguards", "check", str(CASES), "--rules", str(tmp_path / "rules"),
                           "-o", str(tmp_path / "o"), "--no-cache", "--quiet", "--jobs", "2"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 2
    assert "error[rule-runtime]" in proc.stderr and "divide by zero" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_errors_survive_the_trip_between_processes() -> None:
    import pickle

    from safeguards.problems import Level, Problem, RuleError
    from safeguards.rules.compile import RuleSetError

    problem = Problem("r.yaml", 3, 4, Level.ERROR, "rule-runtime", "failed", "fix it")
    for exc in (RuleError(problem), RuleSetError([problem, problem])):
        back = pickle.loads(pickle.dumps(exc))
        assert type(back) is type(exc) and str(back) == str(exc)


# --- nothing lost -------------------------------------------------------------------------------------

WRITER = """
import sys
from safeguards.atomic import write_atomic
target, size = sys.argv[1], int(sys.argv[2])
print("ready", flush=True)
i = 0
while True:
    i += 1
    write_atomic(target, (str(i % 10) * size).encode())
"""


def test_sigkill_during_writes_leaves_a_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    size = 4 * 1024 * 1024
    target.write_bytes(b"o" * size)
    for _ in range(5):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target), str(size)], stdout=subprocess.PIPE)
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
        time.sleep(0.15)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        data = target.read_bytes()
        assert len(data) == size and len(set(data)) == 1, "a partial or mixed file was left"


def test_two_runs_into_one_directory_do_not_corrupt_it(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "safeguards", "check", str(CASES), "-o", str(tmp_path / "out"), "--no-timestamp",
           "--no-cache", "--quiet", "--format", "md,json"]
    env = {**os.environ, "SAFEGUARDS_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE) for _ in range(2)]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 1, err
    single = [sys.executable, "-m", "safeguards", "check", str(CASES), "-o", str(tmp_path / "ref"),
              "--no-timestamp", "--no-cache", "--quiet", "--format", "md,json"]
    subprocess.run(single, env=env, check=False)
    out = {p.name: p.read_bytes() for p in (tmp_path / "out" / "international").iterdir()}
    ref = {p.name: p.read_bytes() for p in (tmp_path / "ref" / "international").iterdir()}
    assert out == ref


# --- properties -----------------------------------------------------------------------------------------

BUNDLED = sorted(CASES.glob("*.yaml"))


@given(st.sampled_from(BUNDLED), st.data())
def test_random_mutations_never_crash_validate_or_check(path: Path, data: st.DataObject) -> None:
    text = path.read_text(encoding="utf-8")
    ops = data.draw(st.lists(st.tuples(st.sampled_from(["delete", "insert", "dup-line", "drop-line", "swap"]),
                                       st.integers(0, 10**6), st.text(min_size=1, max_size=3)), min_size=1,
                             max_size=4))
    for op, pos, chunk in ops:
        lines = text.splitlines(keepends=True)
        i = pos % max(len(text), 1)
        if op == "delete":
            text = text[:i] + text[i + 1:]
        elif op == "insert":
            text = text[:i] + chunk + text[i:]
        elif op == "dup-line" and lines:
            k = pos % len(lines)
            text = "".join(lines[:k + 1] + [lines[k]] + lines[k + 1:])
        elif op == "drop-line" and lines:
            k = pos % len(lines)
            text = "".join(lines[:k] + lines[k + 1:])
        elif op == "swap" and len(lines) > 1:
            k = pos % (len(lines) - 1)
            lines[k], lines[k + 1] = lines[k + 1], lines[k]
            text = "".join(lines)
    tmp = Path(os.environ.get("TMPDIR", "/tmp")) / f"mutant-{os.getpid()}.yaml"
    tmp.write_text(text, encoding="utf-8")
    try:
        loaded = load(str(tmp))  # must return, never raise
        assert loaded.ok or loaded.errors
        if loaded.ok:
            from safeguards.api import evaluate
            from safeguards.rules.compile import load_rules as _lr

            evaluate(loaded, _RULESET or _load(_lr))
    finally:
        tmp.unlink(missing_ok=True)


_RULESET = None


def _load(loader: object) -> object:
    global _RULESET
    _RULESET = loader(RULES)  # type: ignore[operator]
    return _RULESET


@given(st.integers(min_value=0, max_value=10**6))
def test_generated_cases_validate_evaluate_and_report_within_their_schema(index: int) -> None:
    import json
    from importlib import import_module

    import jsonschema

    from benchmarks.generate import dump, generate_case
    from safeguards.api import evaluate
    from safeguards.casefile import check_document
    from safeguards.report.build import build_report
    from safeguards.report.formats import BY_NAME, RUN_FORMATS
    from safeguards.report.render import WRITERS
    from safeguards.yamlsource import parse

    text = dump(generate_case(7, index))
    loaded = check_document(parse(f"gen-{index}.yaml", text))
    assert loaded.ok, [p.render() for p in loaded.errors]
    rules = _RULESET or _load(load_rules)
    report = build_report(loaded, evaluate(loaded, rules, "international"), rules, "public", False)  # type: ignore[arg-type]
    schema = json.loads((ROOT / "safeguards" / "schemas" / "report.schema.json").read_text())
    jsonschema.validate(json.loads(WRITERS["json"](report, rules)), schema)  # type: ignore[arg-type]
    for fmt in ("md", "html"):
        assert WRITERS[fmt](report, rules)  # type: ignore[arg-type]
    for fmt in RUN_FORMATS:  # the run-level writers' adapters take any report
        assert isinstance(import_module(BY_NAME[fmt].module).rows(report, "case.yaml"), list | tuple)


@pytest.mark.parametrize("path", sorted((ROOT / "fuzz" / "regressions").glob("*")), ids=lambda p: p.name)
def test_fuzzer_findings_stay_fixed(path: Path) -> None:
    from safeguards.api import evaluate
    from safeguards.report.build import build_report
    from safeguards.report.render import WRITERS

    loaded = load(str(path), path.read_bytes())
    if loaded.ok:
        rules = _RULESET or _load(load_rules)
        report = build_report(loaded, evaluate(loaded, rules, "international"), rules)  # type: ignore[arg-type]
        for write in WRITERS.values():
            write(report, rules)  # type: ignore[arg-type]
    else:
        assert loaded.errors
