"""``safeguards migrate`` and version-1 files: meaning kept, inputs untouched, located errors, exit codes."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from safeguards import evaluate, load_case
from safeguards.casefile import load
from safeguards.cli import main
from safeguards.commands.migrate import migrate_bytes
from safeguards.rules.compile import RuleSet
from tests.conftest import CASES, ROOT

BUNDLED = sorted(CASES.glob("*.yaml"))
VERSION_LINE = re.compile(rb"^schema_version: 2$", re.MULTILINE)


def _as_v1(current: bytes) -> bytes:
    """A bundled (version-2) case written as version 1; the bundled cases use no field new in version 2."""
    old, count = VERSION_LINE.subn(b"schema_version: 1", current)
    assert count == 1
    return old


MINIMAL_V1 = (CASES / "kz-2007-gerasimov.yaml").read_bytes()
MINIMAL_V1 = _as_v1(MINIMAL_V1)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_migrated_case_gives_byte_identical_findings(path: Path, tmp_path: Path, rules: RuleSet) -> None:
    current = path.read_bytes()
    old = tmp_path / "v1" / path.name
    old.parent.mkdir()
    old.write_bytes(_as_v1(current))
    loaded_old = load(str(old))
    assert loaded_old.ok and [p.code for p in loaded_old.problems] == ["schema-outdated"]
    got = migrate_bytes(str(old), old.read_bytes())
    assert got.problem is None and got.from_version == 1
    assert got.data == current  # the migration of the version-1 file is the bundled file, byte for byte
    new = tmp_path / path.name
    new.write_bytes(got.data)
    for profile in ("international", "kz"):
        before = evaluate(load_case(old), rules, profile).model_dump_json()
        after = evaluate(load_case(new), rules, profile).model_dump_json()
        assert before == after, profile


def test_rule_fixture_base_is_current() -> None:
    assert migrate_bytes("base.yaml", (ROOT / "rules" / "fixtures" / "base.yaml").read_bytes()).changed is False


def test_migration_keeps_comments_quoting_and_line_endings() -> None:
    raw = ("\ufeff# yaml-language-server: $schema=x\r\n"
           "schema_version:   1   # the format\r\n"
           "id: 'x'   # quoted\r\n"
           "title: \"T\"\r\n").encode()
    got = migrate_bytes("f.yaml", raw)
    assert got.problem is None
    assert got.data == raw.replace(b"schema_version:   1", b"schema_version:   2")


def test_flow_mapping_is_migrated_in_place() -> None:
    got = migrate_bytes("f.yaml", b"{schema_version: 1, id: x}\n")
    assert got.data == b"{schema_version: 2, id: x}\n"


def test_already_current_file_is_unchanged() -> None:
    raw = (CASES / "kz-2007-gerasimov.yaml").read_bytes()
    got = migrate_bytes("f.yaml", raw)
    assert got.data == raw and not got.changed


@pytest.mark.parametrize(("text", "code", "line", "column"), [
    ("- just\n- a list\n", "not-a-case-file", 1, 1),
    ("# a rule, not a case\nid: some-rule\ntitle: x\n", "not-a-case-file", 2, 1),
    ("", "not-a-case-file", 1, 1),
    ("id: x\nschema_version: 3\n", "schema-version-unknown", 2, 17),
    ("schema_version: '1'\n", "schema-version-unknown", 1, 17),
    ("schema_version: 1\nid: [x\n", "yaml-syntax", 3, 1),
    ("schema_version: 1\nid: x\nid: y\n", "duplicate-key", 3, 1),
])
def test_a_file_that_cannot_be_migrated_gives_a_located_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, code: str, line: int, column: int) -> None:
    f = tmp_path / "f.yaml"
    f.write_text(text)
    before = f.read_bytes()
    assert main(["migrate", "--in-place", str(f)]) == 2
    err = capsys.readouterr().err
    assert f"{f}:{line}:{column}: error[{code}]" in err, err
    assert f.read_bytes() == before


def _snapshot(directory: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(directory.rglob("*")) if p.is_file()}


def test_inputs_are_never_modified_without_in_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.yaml").write_bytes(MINIMAL_V1)
    (src / "sub" / "b.yaml").write_bytes(MINIMAL_V1)
    before = _snapshot(src)
    assert main(["migrate", str(src / "a.yaml")]) == 0
    out = capsys.readouterr().out
    assert "schema_version: 2" in out and "# yaml-language-server" in out
    assert main(["migrate", "--check", str(src)]) == 1
    assert main(["migrate", str(src), "-o", str(tmp_path / "out")]) == 0
    assert _snapshot(src) == before
    assert (tmp_path / "out" / "a.yaml").read_bytes() == (CASES / "kz-2007-gerasimov.yaml").read_bytes()
    assert (tmp_path / "out" / "sub" / "b.yaml").is_file()  # a directory's files keep their relative paths
    assert load(str(tmp_path / "out" / "a.yaml")).problems == ()


def test_output_directory_cannot_be_the_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.yaml"
    f.write_bytes(MINIMAL_V1)
    assert main(["migrate", str(f), "-o", str(tmp_path)]) == 2
    assert "error[output-is-input]" in capsys.readouterr().err
    assert f.read_bytes() == MINIMAL_V1


def test_in_place_writes_atomically_and_keeps_the_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import safeguards.commands.migrate as migrate

    f = tmp_path / "a.yaml"
    f.write_bytes(MINIMAL_V1)
    os.chmod(f, 0o640)
    calls: list[Path] = []
    real = migrate.write_atomic

    def spy(path: Path, data: bytes, mode: int | None = None) -> None:
        calls.append(Path(path))
        real(path, data, mode)

    monkeypatch.setattr(migrate, "write_atomic", spy)
    assert main(["migrate", "--in-place", str(f)]) == 0
    assert calls == [f.resolve()]
    assert f.read_bytes() == (CASES / "kz-2007-gerasimov.yaml").read_bytes()
    assert f.stat().st_mode & 0o777 == 0o640
    assert main(["migrate", "--in-place", str(f)]) == 0  # already current: nothing is written
    assert len(calls) == 1
    assert main(["migrate", "--check", str(f)]) == 0


def test_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_bytes(MINIMAL_V1)
    b.write_bytes(MINIMAL_V1)
    assert main(["migrate", str(a), str(b)]) == 2  # stdout takes one file
    assert main(["migrate", str(tmp_path / "missing.yaml")]) == 2
    assert main(["migrate", str(tmp_path / "empty-dir-does-not-exist")]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["migrate", "--in-place", "-o", str(tmp_path / "o"), str(a)])
    assert exc.value.code == 2
    (tmp_path / "bad.yaml").write_text("- x\n")
    assert main(["migrate", "-o", str(tmp_path / "o"), str(a), str(tmp_path / "bad.yaml")]) == 2
    assert (tmp_path / "o" / "a.yaml").is_file()  # the other files are still migrated
    assert a.read_bytes() == MINIMAL_V1
    capsys.readouterr()


def test_version_1_is_read_with_a_warning(tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_bytes(MINIMAL_V1)
    loaded = load(str(f))
    assert loaded.ok
    (warning,) = loaded.problems
    assert (warning.code, warning.line, warning.level.value) == ("schema-outdated", 2, "warning")
    assert "safeguards migrate" in warning.hint


def test_version_1_file_cannot_use_version_2_fields(tmp_path: Path) -> None:
    text = MINIMAL_V1.decode().replace("        status_label: unknown\n",
                                       "        status_label: unknown\n        legal_ground: none stated\n")
    text = text.replace("  - id: r-withdrawal\n    kind: forced_withdrawal", "  - id: r-withdrawal\n"
                        "    kind: no_complaints_statement")
    f = tmp_path / "a.yaml"
    f.write_text(text)
    loaded = load(str(f))
    found = {(p.code, text.splitlines()[p.line - 1].strip()) for p in loaded.problems}
    assert ("schema-version-field", "legal_ground: none stated") in found
    assert ("schema-version-field", "kind: no_complaints_statement") in found
    assert not loaded.ok
    f.write_bytes(migrate_bytes(str(f), f.read_bytes()).data)
    assert load(str(f)).problems == ()
