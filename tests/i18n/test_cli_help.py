"""The command line's own text (help, usage and usage errors) in the language asked for."""

from __future__ import annotations

import pytest

from safeguards.cli import _parser, help_texts, main
from safeguards.i18n import translator


def test_every_help_text_has_a_russian_translation() -> None:
    ru = translator("ru")
    texts = help_texts(_parser())
    assert len(texts) > 50
    assert [t for t in texts if ru.pgettext("cli", t) == t] == []


def test_help_in_russian(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["check", "--lang", "ru", "--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert "использование: safeguards check" in out and "показать эту справку и выйти" in out
    english = [t for t in help_texts(_parser()) if len(t.split()) > 3 and t in out]
    assert english == []


def test_a_usage_error_in_russian_and_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["check", "--lang", "ru"])
    assert stop.value.code == 2
    assert "safeguards: ошибка: необходимо указать аргументы: PATH" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["check"])
    assert "safeguards: error: the following arguments are required: PATH" in capsys.readouterr().err


def test_the_language_of_help_also_comes_from_the_environment(capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFEGUARDS_LANG", "ru")
    with pytest.raises(SystemExit):
        main(["validate", "--help"])
    assert "материалы дел или папки" in capsys.readouterr().out
