"""``python -m safeguards.i18n check``: what a translator is told, located in the .po file."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from safeguards.i18n.__main__ import check, main
from safeguards.problems import Level


def _write(path: Path, c: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        write_po(fh, c)


def test_the_bundled_catalogues_pass(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    assert capsys.readouterr().err.startswith("0 error(s), ")


def test_each_kind_of_problem_is_reported_at_its_line(tmp_path: Path) -> None:
    template = Catalog(domain="safeguards")
    for ctx, text in (("r", "Held {held_hours}."), ("r", "Met."), ("r", "Breach."), ("r", "New.")):
        template.add(text, context=ctx)
    _write(tmp_path / "safeguards.pot", template)
    ru = Catalog(locale="ru", domain="safeguards", fuzzy=False)
    ru.add("Held {held_hours}.", "Содержался {held}.", context="r")
    ru.add("Met.", "", context="r")
    ru.add("Breach.", "Нарушение.", context="r", flags=["fuzzy"])
    ru.add("Gone.", "Удалено.", context="r")
    _write(tmp_path / "ru" / "LC_MESSAGES" / "safeguards.po", ru)
    problems = check("ru", tmp_path)
    assert sorted(p.code for p in problems) == ["fuzzy", "not-in-catalogue", "obsolete", "placeholders", "untranslated"]
    assert all(p.level is Level.ERROR for p in problems)
    assert all(p.line > 0 for p in problems if p.code != "not-in-catalogue")
    kk = Catalog(locale="kk", domain="safeguards", fuzzy=False)
    for m in template:
        if m.id:
            kk.add(m.id, "", context=m.context)
    _write(tmp_path / "kk" / "LC_MESSAGES" / "safeguards.po", kk)
    assert {(p.code, p.level) for p in check("kk", tmp_path)} == {("untranslated", Level.WARNING)}  # falls back
    assert [p.code for p in check("de", tmp_path)] == ["no-catalogue"]


def test_compile_command_writes_mo_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compile", str(tmp_path)]) == 0
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.mo")) == [
        "kk/LC_MESSAGES/safeguards.mo", "ru/LC_MESSAGES/safeguards.mo"]
    assert capsys.readouterr().out.count(".mo") == 2


def test_an_unknown_language_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", "de"])
    assert exc.value.code == 2
