"""Hostile input, round two (issue 14): a trusted cache, text that stays text in every output of
problems, located errors instead of crashes, bounded resources, a file system that is not followed,
and outputs written all or none."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguards import textsafe
from safeguards.casefile import load
from safeguards.cli import main
from safeguards.problems import Level, Problem
from safeguards.writers.problems import WRITERS
from tests.conftest import CASES, ROOT

BREACH_CASE = CASES / "rs-1997-dimitrijevic.yaml"  # has breaches: `check` exits 1 when it is evaluated
HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from generate import HEAD, event  # noqa: E402

from fuzz.problem_outputs import check_output  # noqa: E402

GOOD = HEAD + event()


# --- 1. the cache is trusted input ------------------------------------------------------------------------


def _forged_entry(case: Path, output: Path) -> dict[str, Any]:
    return {"path": str(case), "case_id": "forged", "counts": [["met", 1]], "shown_met": 100.0,
            "completeness": 100.0, "violations": [], "breach_severities": [], "written": [],
            "_output": str(output)}


def _old_style_key(case: Path, output: Path) -> str:
    """Where the cache of the previous release looked (its key was predictable from public inputs)."""
    from safeguards import __version__
    from safeguards.rules.files import rules_digest

    salt = json.dumps([__version__, rules_digest(None), "international", ["md"], str(output.resolve()),
                       False]).encode()
    sha = hashlib.sha256(case.read_bytes()).hexdigest()
    return hashlib.sha256(salt + b"\0" + sha.encode()).hexdigest()


def test_a_forged_entry_committed_to_the_checkout_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    checkout = tmp_path / "checkout"
    case = checkout / "case.yaml"
    case.parent.mkdir()
    case.write_bytes(BREACH_CASE.read_bytes())
    out = checkout / "reports"
    key = _old_style_key(case, out)
    entry = checkout / ".safeguards-cache" / key[:2] / f"{key}.json"
    entry.parent.mkdir(parents=True)
    entry.write_text(json.dumps(_forged_entry(case, out)))
    monkeypatch.chdir(checkout)
    monkeypatch.delenv("SAFEGUARDS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    args = ["check", "case.yaml", "-o", "reports", "--format", "md", "--no-timestamp", "--quiet"]
    assert main(args) == 1  # evaluated: the breach is reported
    assert (out / "international").is_dir()
    assert (tmp_path / "xdg" / "safeguards" / "key").stat().st_mode & 0o777 == 0o600
    assert main(args) == 1  # and the genuine entry, in the user's cache, gives the same answer
    capsys.readouterr()


def test_a_forged_entry_in_a_named_cache_is_ignored_with_a_warning(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from safeguards.cache import Cache
    from safeguards.commands.check import Options
    from safeguards.rules.files import rules_digest

    cache_dir = tmp_path / ".safeguards-cache"
    out = tmp_path / "reports"
    opts = Options("international", ("md",), str(out), False, None, True, str(cache_dir))
    sha = hashlib.sha256(BREACH_CASE.read_bytes()).hexdigest()
    entry = Cache.for_run(rules_digest(None), opts)._path(sha)
    entry.parent.mkdir(parents=True)
    (cache_dir / "key").write_text("0" * 64)  # a key from the checkout: readable by others, so not trusted
    (cache_dir / "key").chmod(0o644)
    forged = json.dumps(_forged_entry(BREACH_CASE, out)).encode()
    entry.write_bytes(hashlib.sha256(forged).hexdigest().encode() + b"\n" + forged)
    code = main(["check", str(BREACH_CASE), "-o", str(out), "--format", "md", "--no-timestamp", "--quiet",
                 "--cache-dir", str(cache_dir)])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "ignoring cache entry" in err and "cache disabled" in err


def test_a_tampered_entry_is_ignored_and_a_genuine_one_used(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    cache_dir = tmp_path / "cache"
    out = tmp_path / "reports"
    args = ["check", str(BREACH_CASE), "-o", str(out), "--format", "md", "--no-timestamp", "--quiet",
            "--cache-dir", str(cache_dir)]
    assert main(args) == 1
    (entry,) = [p for p in cache_dir.rglob("*.json")]
    mac, _, body = entry.read_bytes().partition(b"\n")
    data = json.loads(body)
    assert data["breach_severities"]
    data["breach_severities"] = []
    entry.write_bytes(mac + b"\n" + json.dumps(data).encode())
    capsys.readouterr()
    assert main(args) == 1
    assert "ignoring cache entry" in capsys.readouterr().err
    assert main(args) == 1  # rewritten by the run above, the entry verifies again: no warning
    assert "ignoring" not in capsys.readouterr().err


# --- 2. text outputs of problems ------------------------------------------------------------------------

FORGERY = "a.yaml:1:1: error[x]: forged\nb.yaml:2:2: warning[y]: forged\r\u202eevil\u2028\x1b[31m"


def _problems(path: str = FORGERY, message: str = FORGERY, hint: str = "\u2067hint\x00") -> list[Problem]:
    return [Problem(path, 3, 4, Level.ERROR, "unknown-field", message, hint),
            Problem(path, 0, 0, Level.WARNING, "unused-source", "plain", "")]


def _well_formed(fmt: str, out: str, count: int) -> None:
    check_output(fmt, out, count)


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_a_forging_file_name_stays_one_visible_line(fmt: str) -> None:
    problems = _problems()
    out = WRITERS[fmt](problems, 1)
    _well_formed(fmt, out, len(problems))
    if fmt == "text":
        assert "a.yaml\\x3a1\\x3a1\\x3a error[x]\\x3a forged\\x0ab.yaml" in out
        assert "\\u202eevil" in out


ANY_TEXT = st.text(st.characters(blacklist_categories=()))  # every code point, lone surrogates included


@given(st.lists(st.tuples(ANY_TEXT, ANY_TEXT, ANY_TEXT, ANY_TEXT, st.integers(0, 10**6),
                          st.sampled_from(list(Level))), max_size=4),
       st.sampled_from(sorted(WRITERS)))
def test_problem_writers_are_well_formed_for_any_text(items: list[tuple[str, str, str, str, int, Level]],
                                                      fmt: str) -> None:
    problems = [Problem(path, line, line % 300, level, code, message, hint)
                for path, code, message, hint, line, level in items]
    _well_formed(fmt, WRITERS[fmt](problems, len(problems)), len(problems))


def test_a_file_named_to_forge_a_location_is_shown_escaped(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    name = "x.yaml:9:1: error[ok]: all fine\nreal.yaml"
    path = tmp_path / name
    path.write_text(HEAD.replace("id: hostile-case", "id: Bad"))
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 2  # the error and the summary
    assert all(line.startswith(str(tmp_path)) for line in out.splitlines()[:-1])
    assert "x.yaml\\x3a9\\x3a1\\x3a error[ok]\\x3a all fine\\x0areal.yaml:" in out
    assert main(["validate", str(path), "--format", "sarif"]) == 1
    uri = json.loads(capsys.readouterr().out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
        "artifactLocation"]["uri"]
    assert uri.endswith("/x.yaml%3A9%3A1%3A%20error%5Bok%5D%3A%20all%20fine%0Areal.yaml"), uri


def test_an_undecodable_file_name_does_not_crash_any_writer(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = os.path.join(os.fsencode(tmp_path), b"caf\xe9.yaml")
    with open(path, "wb") as fh:
        fh.write(b"a: [\n")
    for fmt in sorted(WRITERS):
        assert main(["validate", os.fsdecode(path), "--format", fmt]) == 1
        _well_formed(fmt, capsys.readouterr().out, 1)


def test_textsafe_visible_and_location() -> None:
    assert textsafe.visible("plain text, Жанар") == "plain text, Жанар"
    assert textsafe.visible("a\nb\tc\u202ed\udce9\x7f") == "a\\x0ab\\x09c\\u202ed\\udce9\\x7f"
    assert textsafe.location("cases/a:b.yaml") == "cases/a\\x3ab.yaml"
    assert textsafe.location("C:\\cases\\a.yaml") == "C:\\cases\\a.yaml"


def test_textsafe_bidi_and_xml() -> None:
    assert textsafe.no_bidi("\u202eabc\u2066d\u2069 عربي") == "abcd عربي"
    assert textsafe.xml_chars("a\x00b\x1fc\ud800d\ufffe\te\n") == "a\ufffdb\ufffdc\ufffdd\ufffd\te\n"
    assert textsafe.xml_text("<a & b>\x01") == "&lt;a &amp; b&gt;\ufffd"
    attr = textsafe.xml_attr('say "hi"\n\x02')
    assert ET.fromstring(f"<x a={attr}/>").attrib["a"] == 'say "hi"\n\ufffd'


def test_textsafe_uri() -> None:
    assert textsafe.uri("cases/a b#1?.yaml") == "cases/a%20b%231%3F.yaml"
    assert textsafe.uri("cases/x:y.yaml") == "cases/x%3Ay.yaml"  # never read as a scheme
    assert textsafe.uri("/srv/cases/ж.yaml") == "file:///srv/cases/%D0%B6.yaml"
    assert textsafe.uri("C:\\cases\\a.yaml") == "file:///C:/cases/a.yaml"
    assert textsafe.uri("caf\udce9.yaml") == "caf%E9.yaml"  # the file name's own byte
    assert textsafe.uri("\ud8fa%") == "%EF%BF%BD%25"  # found by fuzz/fuzz_problems.py: a lone surrogate


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "\n=1", " \n =1", "\r\n@x",
                                   "\t", "\r"])
def test_textsafe_csv_cell_neutralises_formulas(value: str) -> None:
    assert textsafe.csv_cell(value).startswith("'")


@pytest.mark.parametrize("value", ["plain", "1-2", "a=b", "", "Жанар"])
def test_textsafe_csv_cell_keeps_text(value: str) -> None:
    assert textsafe.csv_cell(value) == value


@pytest.mark.parametrize("url,ok", [("https://example.org/a?b=c", True), ("http://x.kz", True),
                                    ("javascript:alert(1)", False), ("JAVASCRIPT:alert(1)", False),
                                    ("data:text/html,<script>", False), ("//evil.example", False),
                                    ("https://", False), ("https://a.org/\u202e", False),
                                    ("https://a.org/ x", False), ("vbscript:x", False), ("", False),
                                    ("https://@evil", False), ("http://[::1", False)])
def test_textsafe_http_url(url: str, ok: bool) -> None:
    assert (textsafe.http_url(url) == url) is ok


# --- 3. located errors, no crash ----------------------------------------------------------------------------

FAR = {"year-9999.yaml": HEAD + event(at="'9999'"), "day-9999.yaml": HEAD + event(at="9999-12-31"),
       "tz-folder.yaml": HEAD.replace("Asia/Almaty", "America") + event()}


@pytest.mark.parametrize("name", sorted(FAR))
@pytest.mark.parametrize("command", ["validate", "check", "annex"])
def test_far_years_and_zone_folders_are_located_errors_in_every_command(
        name: str, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / name
    path.write_text(FAR[name])
    extra = [] if command == "validate" else ["-o", str(tmp_path / "out"), "--quiet"]
    code = main([command, str(path), *extra])
    captured = capsys.readouterr()
    assert code == (1 if command == "validate" else 2)
    assert f"{path}:" in captured.out + captured.err and "error[invalid-value]" in captured.out + captured.err
    assert "internal error" not in captured.err


def _enospc(monkeypatch: pytest.MonkeyPatch, after: int = 0) -> None:
    import safeguards.atomic as atomic

    real = atomic._temp
    calls = {"n": 0}

    def failing(target: Path, payload: bytes, mode: int | None) -> Path:
        calls["n"] += 1
        if calls["n"] > after:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(target, payload, mode)

    monkeypatch.setattr(atomic, "_temp", failing)


def test_a_full_disk_names_the_file_and_leaves_the_old_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    args = ["check", str(BREACH_CASE), "-o", str(out), "--no-cache", "--quiet", "--no-timestamp",
            "--format", "md,json"]
    assert main(args) == 1
    before = {p.name: p.read_bytes() for p in (out / "international").iterdir()}
    _enospc(monkeypatch, after=1)  # the second of the two formats fails
    assert main(args[:-1] + ["md,json"]) == 2
    err = capsys.readouterr().err
    assert "rs-1997-dimitrijevic.json:0:0: error[write-failed]: cannot write: No space left on device" in err
    assert "free some space" in err
    assert {p.name: p.read_bytes() for p in (out / "international").iterdir()} == before  # no temp left


def test_a_full_disk_for_validate_output_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    _enospc(monkeypatch)
    target = tmp_path / "problems.txt"
    assert main(["validate", str(BREACH_CASE), "-o", str(target)]) == 2
    assert f"{target}:0:0: error[write-failed]" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


# --- 4. resources -----------------------------------------------------------------------------------------


def test_unknown_keys_are_located_in_linear_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import difflib

    from safeguards import yamlsource

    path = tmp_path / "many-keys.yaml"
    path.write_text(HEAD + "".join(f"key{i}: 1\n" for i in range(100_000)))
    built = {"n": 0}
    real_keys = yamlsource.Document._keys
    real_close = difflib.get_close_matches
    fuzzy = {"n": 0}

    def counting_keys(self: yamlsource.Document, node: Any) -> Any:
        if id(node) not in self._mappings:
            built["n"] += 1
        return real_keys(self, node)

    def counting_close(*args: Any, **kwargs: Any) -> Any:
        fuzzy["n"] += 1
        return real_close(*args, **kwargs)

    monkeypatch.setattr(yamlsource.Document, "_keys", counting_keys)
    monkeypatch.setattr(difflib, "get_close_matches", counting_close)
    loaded = load(str(path))
    unknown = [p for p in loaded.errors if p.code == "unknown-field"]
    assert len(unknown) == 100_000
    assert unknown[-1].line == HEAD.count("\n") + 100_000
    assert built["n"] < 10  # each mapping is indexed once, not scanned once per key
    assert fuzzy["n"] <= 200  # "did you mean" is bounded per file


def test_a_huge_file_is_refused_without_being_read(tmp_path: Path) -> None:
    import tracemalloc

    big = tmp_path / "huge.yaml"
    with open(big, "wb") as fh:
        fh.truncate(1024 ** 3)  # sparse: a GiB that costs no disk
    tracemalloc.start()
    loaded = load(str(big))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert loaded.errors[0].code == "file-too-large" and "1073741824 bytes" in loaded.errors[0].message
    assert peak < 16 * 1024 * 1024


def test_a_file_larger_than_its_size_says_is_read_only_up_to_the_limit(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from safeguards import discovery

    big = tmp_path / "growing.yaml"
    big.write_bytes(b"# " + b"x" * (3 * 1024 * 1024) + b"\n")
    real = os.stat

    class Small:
        def __init__(self, st: os.stat_result) -> None:
            self.st_mode, self.st_size = st.st_mode, 100

    monkeypatch.setattr(discovery.os, "stat", lambda p, *a, **k: Small(real(p)) if str(p) == str(big) else real(p))
    loaded = load(str(big))
    assert loaded.errors[0].code == "file-too-large" and "more than" in loaded.errors[0].message


@pytest.mark.parametrize("argv,needle", [
    (["check", "x.yaml", "--jobs", "100000"], "at most"),
    (["validate", "x.yaml", "--jobs", "257"], "at most"),
    (["validate", "x.yaml", "--jobs", "-1"], "at most"),
    (["check", "x.yaml", "--jobs", "many"], "not a whole number"),
    (["annex", "x.yaml", "--from", "yesterday"], "not a date"),
    (["annex", "x.yaml", "--to", "2020-02-30"], "does not exist"),
    (["annex", "x.yaml", "--from", "2020-13"], "does not exist"),
    (["annex", "x.yaml", "--to", "20200101"], "not a date"),
    (["annex", "x.yaml", "--k", "0"], "positive"),
    (["annex", "x.yaml", "--k", "-3"], "positive"),
    (["annex", "x.yaml", "--k", "two"], "positive"),
])
def test_option_values_are_usage_errors(argv: list[str], needle: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert needle in capsys.readouterr().err


def test_jobs_bound_follows_the_cores(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import safeguards.parallel

    monkeypatch.setattr(safeguards.parallel, "usable_cpus", lambda: 2)
    with pytest.raises(SystemExit):
        main(["validate", "x.yaml", "--jobs", "17"])
    assert "at most 16" in capsys.readouterr().err


# --- 5. the file system -----------------------------------------------------------------------------------


def test_a_linked_folder_inside_the_output_directory_is_not_followed(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "international").symlink_to(elsewhere, target_is_directory=True)
    assert main(["check", str(BREACH_CASE), "-o", str(out), "--no-cache", "--quiet"]) == 2
    assert "error[output-symlink]" in capsys.readouterr().err
    assert list(elsewhere.iterdir()) == []


def test_a_linked_file_inside_the_output_directory_is_not_followed(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out, victim = tmp_path / "out", tmp_path / "victim.txt"
    victim.write_text("keep")
    (out / "annex").mkdir(parents=True)
    (out / "annex" / "annex.md").symlink_to(victim)
    assert main(["annex", str(BREACH_CASE), "-o", str(out / "annex"), "--quiet"]) == 2
    assert "error[output-symlink]" in capsys.readouterr().err
    assert victim.read_text() == "keep" and (out / "annex" / "annex.md").is_symlink()


KILLED_WRITER = """
import os, sys, time
from safeguards.atomic import write_atomic

def stall(*args, **kwargs):  # the temporary file is written; the rename that would replace the target never comes
    print("ready", flush=True)
    time.sleep(60)

os.replace = stall
write_atomic(sys.argv[1], b"x" * 1024)
"""


def test_temporary_files_of_a_killed_run_are_removed_by_the_next_write(tmp_path: Path) -> None:
    from safeguards.atomic import write_atomic

    target = tmp_path / "report.json"
    left = []
    for _ in range(10):
        proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(target)], stdout=subprocess.PIPE,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
        os.kill(proc.pid, signal.SIGKILL)  # killed mid-write, deterministically: between the write and the rename
        proc.wait()
        proc.stdout.close()
        left += [p.name for p in tmp_path.iterdir() if p.name != "report.json"]
    assert left, "no run was killed mid-write; the test proves nothing"
    assert all(".sgtmp-" in name for name in left)  # recognisable
    live = tmp_path / f".other.json.sgtmp-{left[0].split('-')[1]}-{os.getppid()}-0123abcd"
    live.write_bytes(b"a live writer's")
    write_atomic(tmp_path / "other.json", b"{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, "other.json"])  # the dead ones swept


@pytest.mark.parametrize("command", ["validate", "check", "annex"])
def test_a_fifo_or_a_device_is_not_a_regular_file(command: str, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "case.yaml"
    os.mkfifo(fifo)
    extra = [] if command == "validate" else ["-o", str(tmp_path / "out"), "--quiet"]
    assert main([command, str(fifo), "/dev/null", *extra]) == 2
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert f"{fifo}:0:0: error[not-a-regular-file]" in text and "/dev/null:0:0: error[not-a-regular-file]" in text
    assert load(str(fifo)).errors[0].code == "not-a-regular-file"  # returns at once, never opens the FIFO


# --- 6. all or nothing ---------------------------------------------------------------------------------------


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def test_an_annex_with_an_invalid_or_missing_input_refuses_and_keeps_the_old_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "annex"
    assert main(["annex", str(CASES), "-o", str(out), "--quiet"]) == 0
    before = _snapshot(out)
    assert set(before) == {"annex.md", "annex.html", "annex.docx", "annex.csv", "annex.json"}
    bad = tmp_path / "bad.yaml"
    bad.write_text(HEAD.replace("id: hostile-case", "id: con"))
    for inputs in ([str(CASES), str(bad)], [str(bad)], [str(tmp_path / "missing.yaml")], [str(tmp_path / "none")]):
        capsys.readouterr()
        assert main(["annex", *inputs, "-o", str(out), "--quiet"]) == 2
        err = capsys.readouterr().err
        assert "annex not written" in err and "left as it was" in err
        assert _snapshot(out) == before


def test_an_annex_format_that_fails_leaves_every_format_as_it_was(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from safeguards.annex import render

    out = tmp_path / "annex"
    assert main(["annex", str(CASES), "-o", str(out), "--quiet"]) == 0
    before = _snapshot(out)

    def broken(annex: object, cover: object = None) -> bytes:
        raise ValueError("the Word writer failed")

    monkeypatch.setattr(render, "write_docx", broken)
    assert main(["annex", str(CASES), "-o", str(out), "--quiet", "--audience", "committee"]) == 2
    assert _snapshot(out) == before


def test_the_reports_of_one_case_are_written_together_or_not_at_all(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from safeguards.report import render

    out = tmp_path / "out"

    def broken(report: object, rules: object) -> str:
        raise ValueError("the JSON writer failed")

    monkeypatch.setitem(render.WRITERS, "json", broken)
    assert main(["check", str(BREACH_CASE), "-o", str(out), "--no-cache", "--quiet", "--format", "md,json"]) == 2
    assert not (out / "international").exists() or list((out / "international").iterdir()) == []


def test_the_hostile_input_examples_of_the_security_doc_run() -> None:
    import re

    text = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text.split("## Hostile input", 1)[1], re.DOTALL)
    assert blocks
    for code in blocks:
        exec(compile(code, "docs/security.md", "exec"), {})
