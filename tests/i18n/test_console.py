"""Console messages and errors in Russian: every problem of the hostile corpus is translated, English is unchanged."""

from __future__ import annotations

import json
import pickle
import re
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from safeguards.casefile import load
from safeguards.cli import main
from safeguards.commands.validate import collect
from safeguards.i18n import catalog as cat
from safeguards.message import N_, Message, localize
from safeguards.problems import Level, Problem
from safeguards.writers.problems import WRITERS
from tests.conftest import CASES, ROOT

HOSTILE = sorted((ROOT / "tests" / "hostile" / "cases").iterdir())


@pytest.fixture(scope="module")
def ru() -> Catalog:
    return cat.read(cat.po_path("ru"), "ru")


@pytest.fixture(scope="module")
def problems() -> list[Problem]:
    found, _ = collect([str(p) for p in HOSTILE] + [str(CASES)], jobs=1)
    return found


def _templates(text: str) -> list[str]:
    """Every template a message is made of: its own and those of the messages among its parameters."""
    assert isinstance(text, Message), f"not a translatable message: {text!r}"
    out = [text.template]
    for value in text.params.values():
        if isinstance(value, Message):
            out += _templates(value)
    return out


def _fields(template: str) -> list[str]:
    return [name for _lit, name, _spec, _conv in string.Formatter().parse(template) if name]


def test_the_sweep_reads_the_whole_hostile_corpus(problems: list[Problem]) -> None:
    assert len(HOSTILE) >= 270
    assert len({p.path for p in problems}) >= 250
    assert len({p.code for p in problems}) >= 30


def test_every_problem_of_the_hostile_corpus_is_translated(problems: list[Problem], ru: Catalog) -> None:
    translated = {m.id: m.string for m in ru if m.id and m.context is None and m.string and not m.fuzzy}
    for p in problems:
        for text in (p.message, p.hint):
            for template in _templates(text):
                assert template in translated, f"{p.code}: no Russian for {template!r}"
            shown = localize(text, "ru")
            assert shown != str(text) or not re.search("[a-z]{4}", str(text)), f"{p.code}: not translated: {shown}"
            for name in _fields(text.template):
                assert "{" + name not in shown, f"{p.code}: placeholder {name} left in {shown!r}"


def test_every_problem_reads_in_english_as_before(problems: list[Problem]) -> None:
    for p in problems:
        assert p.message_in("en") == str(p.message) and p.hint_in("en") == str(p.hint)
        assert p.render("en") == p.render()


def _english_chunks(ru: Catalog) -> set[str]:
    """Literal stretches of the console messages' msgids (no context) long enough to be English prose, whose
    Russian differs: none may appear in Russian output."""
    chunks = set()
    for m in ru:
        if not m.id or m.context is not None or not isinstance(m.id, str) or m.string == m.id:
            continue
        for literal, *_ in string.Formatter().parse(m.id):
            text = literal.strip(" :;,.()")
            if len(text) >= 14 and " " in text and re.search("[a-z]{3} [a-z]{2}", text):
                chunks.add(text)
    return chunks


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_russian_output_has_no_english_text_and_keeps_the_codes(fmt: str, problems: list[Problem],
                                                                 ru: Catalog) -> None:
    english = WRITERS[fmt](problems, 300)
    russian = WRITERS[fmt](problems, 300, "ru")
    for chunk in _english_chunks(ru):
        assert chunk not in russian, f"English left in the {fmt} output: {chunk!r}"
    for p in problems:
        assert p.code in russian
    assert english == WRITERS[fmt](problems, 300, "en")
    if fmt == "json":
        en_doc, ru_doc = json.loads(english), json.loads(russian)
        assert [p["code"] for p in en_doc["problems"]] == [p["code"] for p in ru_doc["problems"]]
        assert [p["level"] for p in ru_doc["problems"]] == [p["level"] for p in en_doc["problems"]]
        assert en_doc["summary"] == ru_doc["summary"]
    if fmt == "sarif":
        rules = [r["id"] for r in json.loads(russian)["runs"][0]["tool"]["driver"]["rules"]]
        assert rules == sorted({p.code for p in problems})


def test_validate_with_lang_ru_prints_russian(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              ru: Catalog) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 2\nid: kz-1\nsubject: p9\npeople:\n  - id: p1\n    role: prisoner\n"
                      "    age: thirty\n    colour: red\nepisodes: []\n", encoding="utf-8")
    assert main(["validate", str(broken), "--lang", "ru", "--format", "text"]) == 1
    out = capsys.readouterr().out
    assert "ошибка[missing-field]: отсутствует обязательное поле 'title' (подсказка: добавьте его)" in out
    assert "ошибка[unknown-field]: неизвестное поле 'colour'" in out
    assert "'detainee', 'relative', 'lawyer', 'witness', 'official', 'perpetrator', 'journalist', 'monitor' или " \
        "'other'" in out
    assert out.endswith("проверено файлов: 1; ошибок: 9; предупреждений: 0\n")
    assert "'prisoner'" in out and "'colour'" in out  # values from the file are quoted as written
    for chunk in _english_chunks(ru):
        assert chunk not in out, chunk
    assert main(["validate", str(broken), "--format", "text"]) == 1
    english = capsys.readouterr().out
    assert "error[invalid-value]: people.0.role: 'prisoner' is not allowed here" in english
    assert english.endswith("1 file(s) checked: 9 error(s), 0 warning(s)\n")


def test_validate_the_bundled_cases_in_russian(capsys: pytest.CaptureFixture[str], ru: Catalog) -> None:
    main(["validate", str(CASES), "--lang", "ru"])
    captured = capsys.readouterr()
    assert "проверено файлов:" in captured.out
    for chunk in _english_chunks(ru):
        assert chunk not in captured.out + captured.err, chunk


def test_the_language_comes_from_the_environment(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFEGUARDS_LANG", "ru")
    assert main(["validate", str(tmp_path / "missing.yaml")]) == 2
    assert "ошибка[not-found]: нет такого файла или каталога (подсказка: проверьте путь)" in capsys.readouterr().out
    monkeypatch.setenv("SAFEGUARDS_LANG", "en")
    assert main(["validate", str(tmp_path / "missing.yaml")]) == 2
    assert "error[not-found]: no such file or directory (hint: check the path)" in capsys.readouterr().out


def test_a_message_keeps_its_template_through_pickling() -> None:
    m = N_("source {id!r} is not cited by any fact", id="s1")
    p = Problem("a.yaml", 3, 5, Level.WARNING, "unused-source", m, N_("cite it or remove it"))
    back = pickle.loads(pickle.dumps(p))
    assert back == p and back.message.template == m.template and back.message.params == {"id": "s1"}
    assert back.render("ru") == ("a.yaml:3:5: предупреждение[unused-source]: на источник 's1' не ссылается ни "
                                 "один факт (подсказка: сошлитесь на него или удалите его)")
    assert p.render() == "a.yaml:3:5: warning[unused-source]: source 's1' is not cited by any fact (hint: cite it " \
        "or remove it)"


def test_plain_text_and_nested_messages() -> None:
    assert localize("made elsewhere", "ru") == "made elsewhere"
    nested = N_("{what} {value!r} is not defined in this file", what=N_("source"), value="s9")
    assert str(nested) == "source 's9' is not defined in this file"
    assert localize(nested, "ru") == "источник 's9': в этом файле нет записи с таким идентификатором"
    assert localize(nested, "kk") == localize(nested, "ru")  # Kazakh reads what it lacks in Russian


def test_a_broken_case_file_in_russian_names_values_as_written() -> None:
    loaded = load(str(ROOT / "tests" / "hostile" / "cases" / "age-text.yaml"))
    wrong = next(p for p in loaded.problems if p.code == "wrong-type")
    assert wrong.message_in("ru") == "people.1.age: 'thirty' должно быть целым числом"


def test_the_cli_page_example_runs() -> None:
    from tests.test_docs import _blocks

    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    section = text.split("## Messages and errors in your language", 1)[1].split("\n## ", 1)[0]
    page = ROOT / "docs" / "cli.md"
    (code,) = [b for b in _blocks(page, "python") if b in section]
    exec(compile(code, "docs/cli.md", "exec"), {})


def test_english_texts_of_pydantic_and_the_model_are_read_back_into_templates() -> None:
    from safeguards.message import parse
    from safeguards.schema_errors import reason
    from safeguards.yamlsource import YAML_PROBLEMS

    limit = reason("Input should be less than or equal to 130")
    assert limit == "Input should be less than or equal to 130"
    assert localize(limit, "ru") == "значение должно быть не больше 130"  # not "less than" with "or equal to 130"
    day = reason("day 30 does not exist in 2020-02 (it has 29 days)")
    assert localize(day, "ru") == "дня 30 нет в 2020-02 (в этом месяце 29 дн.)"
    assert reason("a reason nobody wrote a template for") == "a reason nobody wrote a template for"
    brace = parse("did not find expected ',' or '}'", YAML_PROBLEMS)
    assert isinstance(brace, Message) and localize(brace, "ru") == "не найдены ожидаемые ',' или '}'"


def test_check_and_check_db_speak_the_language_of_the_run(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "broken.yaml").write_text("schema_version: 2\nid: x\n", encoding="utf-8")
    assert main(["check", str(cases), "-o", str(tmp_path / "out"), "--lang", "ru", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "ошибка[missing-field]" in err and "недействительных входных файлов пропущено: 1" in err
    assert main(["check", str(cases), "-o", str(tmp_path / "out"), "--lang", "ru", "--format", "xx"]) == 2
    assert "неизвестный формат xx" in capsys.readouterr().err
    (cases / "broken.yaml").unlink()
    (cases / "a.yaml").write_bytes((ROOT / "cases" / "kz-2011-zhanaozen-bb.yaml").read_bytes())
    main(["check", str(cases), "--db", str(tmp_path / "c.sqlite"), "--lang", "ru", "--fail-on", "never"])
    assert "база данных" in capsys.readouterr().out


def test_a_leak_is_reported_in_the_language_of_the_run(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from safeguards.report import render
    from tests.privacy.conftest import case_data, write

    original = render.WRITERS["md"]
    monkeypatch.setitem(render.WRITERS, "md", lambda report, rules: original(report, rules) + "\nIvan Petrov\n")
    path = write(tmp_path / "in", case_data(witness="Ivan Petrov"))
    args = ["check", str(path), "-o", str(tmp_path / "out"), "--no-cache", "--fail-on", "never", "--format", "md"]
    assert main([*args, "--lang", "ru"]) == 2
    err = capsys.readouterr().err
    assert "ошибка[name-leak]:" in err and "встречается скрываемое имя" in err
    assert "результаты этого запуска удалены" in err
    assert "Petrov" not in err and "withheld name appears" not in err
    assert main(args) == 2
    assert "error[name-leak]:" in capsys.readouterr().err  # English as before


def test_report_db_speaks_the_language_of_the_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "c.sqlite"
    assert main(["report", "--db", str(db), "x", "-o", str(tmp_path / "r"), "--lang", "ru"]) == 2
    assert "ошибка[bad-database]: такой базы данных нет" in capsys.readouterr().err
    assert main(["check", str(ROOT / "cases" / "kz-2022-abishev.yaml"), "--db", str(db), "--quiet",
                 "--fail-on", "never"]) == 0
    capsys.readouterr()
    assert main(["report", "--db", str(db), "nobody", "-o", str(tmp_path / "r"), "--lang", "ru"]) == 2
    assert "нет дела nobody" in capsys.readouterr().err
    assert main(["report", "--db", str(db), "kz-2022-abishev", "-o", str(tmp_path / "r"), "--lang", "ru",
                 "--format", "pdf"]) == 2
    assert "неизвестный формат отчета pdf" in capsys.readouterr().err
    assert main(["report", "--db", str(db), "kz-2022-abishev", "-o", str(tmp_path / "r"), "--lang", "ru",
                 "--no-timestamp"]) == 0
    assert "файлов записано в" in capsys.readouterr().out


def test_annex_db_errors_speak_the_language_of_the_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "c.sqlite"
    out = str(tmp_path / "annex")
    assert main(["annex", "--db", str(db), "-o", out, "--lang", "ru"]) == 2
    assert "ошибка[bad-database]: такой базы данных нет" in capsys.readouterr().err
    assert main(["check", str(ROOT / "cases" / "kz-2022-abishev.yaml"), "--db", str(db), "--quiet",
                 "--fail-on", "never"]) == 0
    capsys.readouterr()
    assert main(["annex", "--db", str(db), "-o", out, "--lang", "ru", "--profile", "kz"]) == 2
    err = capsys.readouterr().err
    assert "проверенных с другим набором правил, профилем, языком или версией: 1" in err
    assert "checked with another" not in err


@pytest.mark.parametrize("args, russian", [
    (["check", "cases/", "--jobs", "9999"], "процессов здесь невозможно"),
    (["check", "cases/", "--rules", "no-such-rules"], "ошибка[no-rules]: папка правил не найдена"),
    (["annex", "cases/", "--from", "abc"], "не дата; пишите ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД"),
    (["annex", "cases/", "--k", "0"], "не целое положительное число"),
    (["check", "cases/", "--db", "no-such-folder/x.sqlite"], "папки no-such-folder не существует"),
    (["check", "cases/", "--db", "README.md"], "файл не является базой данных"),
    (["check", "cases/", "--prune"], "--prune удаляет файлы из базы данных"),
])
def test_option_and_setup_errors_speak_the_language_of_the_run(args: list[str], russian: str,
                                                                capsys: pytest.CaptureFixture[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    try:
        code = main([*args, "--lang", "ru", "--quiet"])
    except SystemExit as exc:  # argparse's usage errors
        code = int(exc.code or 0)
    assert code == 2
    err = capsys.readouterr().err
    assert russian in err, err
    assert not re.search(r"\b(is not|not possible|not found|does not exist|use \d)\b", err), err


def test_lang_may_come_before_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "ru", "validate", str(ROOT / "cases" / "kz-2022-abishev.yaml")]) == 0
    assert "проверено файлов: 1" in capsys.readouterr().out
    assert main(["--lang", "ru", "validate", "--lang", "en", str(ROOT / "cases" / "kz-2022-abishev.yaml")]) == 0
    assert "1 file(s) checked" in capsys.readouterr().out  # the command's own --lang wins
    assert main(["--lang", "ru"]) == 2  # no command: the help, in the language asked for
    assert "использование: safeguards" in capsys.readouterr().err
