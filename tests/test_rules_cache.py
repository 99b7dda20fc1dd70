"""The compiled-rules cache: a hit gives the same rule set, a change misses, an entry not signed by the
cache's own key is never read, and reports are the same with and without it."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from safeguards.api import evaluate, load_case
from safeguards.cache import default_directory
from safeguards.rules import cached
from safeguards.rules.compile import RuleSet, from_files, load_rules
from safeguards.rules.consistency import activations, tri
from safeguards.yamlsource import Document
from tests.conftest import CASES, RULES

RULE = Path("registration-and-custody-records") / "never-registered.yaml"


def _entries() -> list[Path]:
    folder = default_directory() / cached.FOLDER
    return sorted(folder.glob("*.pickle")) if folder.is_dir() else []


def _from_cache(rules: RuleSet) -> bool:
    return all(isinstance(r.document, cached.Positions) for r in rules.rules)


def _copy_rules(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    return folder


def test_a_second_load_is_read_from_the_cache(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    first = load_rules(folder)
    assert not _from_cache(first) and len(_entries()) == 1
    assert _entries()[0].stat().st_mode & 0o077 == 0
    second = load_rules(folder)
    assert _from_cache(second)
    assert second.digest == first.digest and second.directory == first.directory and second.origin == first.origin
    assert [r.rule for r in second.rules] == [r.rule for r in first.rules]
    assert [r.reads for r in second.rules] == [r.reads for r in first.rules]
    assert [r.path for r in second.rules] == [r.path for r in first.rules]
    assert second.profiles == first.profiles


def test_positions_are_those_of_the_rule_file(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    first, second = load_rules(folder), load_rules(folder)
    for a, b in zip(first.rules, second.rules, strict=True):
        for key in ("id", "met", "breach", "applies", "profile", "title"):
            assert b.locate(key) == a.locate(key), (a.rule.id, key)
    a, b = first.rules[0], second.rules[0]
    assert b.locate("sources", 0, "instrument") == a.locate("sources", 0, "instrument")  # read from the file again
    assert b.document.locate(("id",), key=True) == a.document.locate(("id",), key=True)


def test_conditions_give_the_same_values_from_the_cache() -> None:
    rules = load_rules(RULES, cache=False)
    load_rules(RULES)
    remembered = load_rules(RULES)
    assert _from_cache(remembered) and not _from_cache(rules)
    for a, b in zip(rules.rules, remembered.rules, strict=True):
        assert set(a.programs) == set(b.programs)
        for act in activations(a, samples=60):
            for key in a.programs:
                assert tri(b.programs[key], act) == tri(a.programs[key], act), (a.rule.id, key, act)


@pytest.mark.parametrize("case", sorted(CASES.glob("*.yaml")), ids=lambda p: p.stem)
def test_same_results_with_and_without_the_cache(case: Path) -> None:
    fresh = load_rules(RULES, cache=False)
    load_rules(RULES)
    remembered = load_rules(RULES)
    assert _from_cache(remembered)
    for profile in ("international", "kz"):
        a = evaluate(load_case(str(case)), fresh, profile)
        b = evaluate(load_case(str(case)), remembered, profile)
        assert a.model_dump_json() == b.model_dump_json()


def test_a_changed_rule_file_misses(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    load_rules(folder)
    path = folder / RULE
    path.write_text(path.read_text().replace("title: ", "title: Changed ", 1))
    again = load_rules(folder)
    assert not _from_cache(again)
    assert again.by_id("never-registered").rule.title.startswith("Changed ")  # type: ignore[union-attr]
    assert len(_entries()) == 2
    assert _from_cache(load_rules(folder))


def test_a_broken_rule_is_reported_not_remembered(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    path = folder / RULE
    path.write_text(path.read_text().replace("breach: registered == false", "breach: registred == false"))
    for _ in range(2):
        with pytest.raises(Exception, match="registred"):
            load_rules(folder)
    assert _entries() == []


def test_changed_code_misses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _copy_rules(tmp_path)
    load_rules(folder)
    stamp = cached._code_stamp()
    monkeypatch.setattr(cached, "_code_stamp", lambda: [*stamp, ("rules/new.py", 1, 1)])
    assert not _from_cache(load_rules(folder))


class _Planted:
    """Unpickling this would write a file: the proof that an entry was read."""

    def __reduce__(self) -> tuple[object, tuple[str, int]]:
        return (os.open, (str(_Planted.target), os.O_CREAT | os.O_WRONLY))

    target = Path()


@pytest.mark.parametrize("how", ["unsigned", "forged", "other-key"])
def test_an_entry_not_signed_with_this_caches_key_is_never_read(
        tmp_path: Path, how: str, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _copy_rules(tmp_path)
    load_rules(folder)
    (entry,) = _entries()
    _Planted.target = tmp_path / "unpickled"
    payload = pickle.dumps(_Planted())
    if how == "unsigned":
        raw = payload
    elif how == "forged":
        raw = b"0" * 64 + b"\n" + payload
    else:  # signed, but under the key of another cache folder (an entry copied from elsewhere)
        from safeguards.cache import sign

        signed = sign(tmp_path / "elsewhere", entry.name, payload)
        assert signed is not None
        raw = signed
    entry.write_bytes(raw)
    again = load_rules(folder)
    assert not _from_cache(again) and all(isinstance(r.document, Document) for r in again.rules)
    assert not _Planted.target.exists()
    assert "does not verify" in capsys.readouterr().err
    assert _from_cache(load_rules(folder))  # the compiled rules were remembered again, signed


def test_rules_test_compiles_from_the_files(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    load_rules(folder)
    remembered = load_rules(folder)
    assert _from_cache(remembered)
    checked = from_files(remembered)
    assert not _from_cache(checked) and checked.origin == remembered.origin and checked.digest == remembered.digest
    fresh = load_rules(folder, cache=False)
    assert from_files(fresh) is fresh


def test_no_cache_is_read_or_written_when_asked(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    load_rules(folder, cache=False)
    assert _entries() == []
