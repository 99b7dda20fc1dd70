"""Per-case reports and the run-level outputs of ``check`` in the reader's language (``--lang``)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from safeguards.cli import LANGS as CLI_LANGS
from safeguards.cli import main
from safeguards.i18n import LANGS
from safeguards.i18n.catalog import msgid, po_path, read
from tests.conftest import CASES

CASE = CASES / "kz-2007-gerasimov.yaml"  # the richest bundled case: every section of a report is filled
_FIELD = re.compile(r"\{[a-z_][a-z0-9_]*\}|%\(\w+\)[sd]|%%")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# A fragment of an English message this long is template text, never an accident of case data.
MIN_WORDS = 3
# Single-word messages whose appearance as a whole heading, table head or label is a left-over of English.
_LABELS = re.compile(r"^(#+ |\| |- \*\*)([^|*\n]+?)(?: \||:\*\*|$)", re.M)


@pytest.fixture(autouse=True)
def _no_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SAFEGUARDS_LANG", "LANGUAGE", "LANG", "LC_ALL"):
        monkeypatch.delenv(name, raising=False)


@cache
def _translated() -> dict[str, str]:
    """English msgid -> Russian, for every message whose Russian differs from its English."""
    out = {}
    for m in read(po_path("ru"), "ru"):
        if m.id and m.string and not m.fuzzy:
            text = m.string if isinstance(m.string, str) else m.string[0]
            if text != msgid(m):
                out[msgid(m)] = text
    return out


@cache
def _fragments() -> frozenset[str]:
    """Literal runs of at least MIN_WORDS words of every translated English message (placeholders cut out), left
    out where the Russian keeps the same run (a command option, a code)."""
    found = set()
    for english, russian in _translated().items():
        for part in _FIELD.split(english):
            part = " ".join(part.split()).strip(" .,;:()")
            if len(_WORD.findall(part)) >= MIN_WORDS and part not in russian:
                found.add(part)
    return frozenset(found)


def _case_strings(path: Path) -> list[str]:
    """Every string of the case file: case-derived text may stay as written."""
    out: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return sorted(set(out), key=len, reverse=True)


def _without_case_text(text: str, path: Path) -> str:
    for s in _case_strings(path):
        if len(s) > 3:
            text = text.replace(s, " ")
    return text


def _check(out: Path, *args: str, paths: tuple[str, ...] = (str(CASE),)) -> int:
    return main(["check", *paths, "-o", str(out), "--no-timestamp", "--quiet", "--cache-dir", str(out / ".cache"),
                 *args])


@cache
def _instruments() -> tuple[str, ...]:
    """The names of the legal instruments the rules cite: citations stay as the rule set writes them."""
    from safeguards.rules.compile import load_rules

    names = {c.instrument for r in load_rules(CASES.parent / "rules").rules for c in r.rule.sources}
    return tuple(sorted(names, key=len, reverse=True))


def _english_left(text: str) -> list[str]:
    for name in _instruments():
        text = text.replace(name, " ")
    flat = " ".join(text.split())
    return sorted(f for f in _fragments() if f in flat)


@pytest.fixture(scope="module")
def russian(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ru")
    with pytest.MonkeyPatch.context() as mp:
        for name in ("SAFEGUARDS_LANG", "LANGUAGE", "LANG", "LC_ALL"):
            mp.delenv(name, raising=False)
        assert _check(out, "--lang", "ru", "--format", "md,html,json,sarif,junit,jsonl") == 1
    return out / "international"


def test_the_check_finds_english_where_it_is_left(tmp_path: Path) -> None:
    _check(tmp_path, "--lang", "en")
    text = (tmp_path / "international" / "kz-2007-gerasimov.md").read_text(encoding="utf-8")
    assert len(_english_left(_without_case_text(text, CASE))) > 50


def test_the_command_line_offers_the_languages_of_the_catalogues() -> None:
    assert CLI_LANGS == LANGS


@pytest.mark.parametrize("ext", ["md", "html", "json"])
def test_a_russian_report_has_no_english_template_text(russian: Path, ext: str) -> None:
    text = (russian / f"kz-2007-gerasimov.{ext}").read_text(encoding="utf-8")
    if ext == "json":
        text = " ".join(str(v) for v in _strings(json.loads(text)))
    left = _english_left(_without_case_text(text, CASE))
    assert left == [], f"English left in the Russian {ext} report: {left[:10]}"
    assert "Выводы по статьям Конвенции" in text or ext == "json"


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def test_no_heading_label_or_table_head_of_the_russian_report_is_english(russian: Path) -> None:
    text = (russian / "kz-2007-gerasimov.md").read_text(encoding="utf-8")
    english = _translated()
    labels = [m.group(2).strip() for m in _LABELS.finditer(text)]
    assert labels, "the pattern finds the report's labels"
    assert [s for s in labels if s in english] == []
    html = (russian / "kz-2007-gerasimov.html").read_text(encoding="utf-8")
    cells = re.findall(r"<(?:th|h[1-4]|dt|caption)[^>]*>([^<]+)<", html)
    assert [c.strip() for c in cells if c.strip() in english] == []
    assert '<html lang="ru">' in html


def test_russian_dates_numbers_and_the_timeline_picture(russian: Path) -> None:
    text = (russian / "kz-2007-gerasimov.md").read_text(encoding="utf-8")
    assert "27 марта 2007\u202fг. (приблизительно)" in text  # Babel's date, "approx." kept
    assert "от 0 до 72 ч" in text
    assert re.search(r"\d+,\d\u00a0%", text)  # a decimal comma and a spaced percent sign
    html = (russian / "kz-2007-gerasimov.html").read_text(encoding="utf-8")
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert "Хронология содержания под стражей" in svg and re.search(r">\d+ дн\.<", svg)  # the axis, in days
    assert not re.search(r">\d+ [hd]<", svg)


def test_the_json_report_records_its_language(russian: Path) -> None:
    data = json.loads((russian / "kz-2007-gerasimov.json").read_text(encoding="utf-8"))
    assert data["language"] == "ru"
    assert set(data["findings"]) <= {"breach", "met", "insufficient_information", "not_applicable",
                                     "contested"}  # codes stay codes


def test_run_level_outputs_are_in_the_run_language(russian: Path) -> None:
    sarif = json.loads((russian / "safeguards.sarif").read_text(encoding="utf-8"))
    run = sarif["runs"][0]
    assert run["properties"]["language"] == "ru"
    titles = {r["id"]: r["shortDescription"]["text"] for r in run["tool"]["driver"]["rules"]}
    assert titles["lawyer-refused"] == "Предоставление защитника по просьбе"
    texts = [r["message"]["text"] for r in run["results"]] + [r["help"]["text"] for r in run["tool"]["driver"]["rules"]]
    assert texts and not [t for t in texts if _english_left(t)]
    junit = (russian / "safeguards.junit.xml").read_text(encoding="utf-8")
    assert "недостаточно информации: " in junit and "insufficient information" not in junit
    assert "тяжесть: " in junit and "(severity" not in junit
    lines = (russian / "findings.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines and not [line for line in lines if _english_left(json.loads(line)["message"])]


def test_github_annotations_are_in_the_run_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _check(tmp_path, "--lang", "ru", "--format", "github", "--sarif-undecided")
    out = capsys.readouterr().out
    assert "::warning " in out and "::error " in out
    assert "недостаточно информации: " in out and "insufficient information" not in out


def test_the_console_summary_is_in_the_run_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(CASE), "-o", str(tmp_path), "--no-timestamp", "--no-cache", "--lang", "ru"])
    out = capsys.readouterr().out
    assert out.startswith("профиль: international\nдело ")
    assert "проверено дел: 1, записано файлов: 3" in out
    assert "Столбцы: " in out and "case(s)" not in out


def _language_of(out: Path) -> str:
    return str(json.loads((out / "international" / "kz-2007-gerasimov.json").read_text(encoding="utf-8"))["language"])


def test_lang_wins_over_the_configuration_which_wins_over_the_environment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    _check(tmp_path / "a", "--no-cache")
    assert _language_of(tmp_path / "a") == "ru"  # the system locale
    monkeypatch.setenv("SAFEGUARDS_LANG", "en")
    _check(tmp_path / "b", "--no-cache")
    assert _language_of(tmp_path / "b") == "en"  # SAFEGUARDS_LANG before the locale
    (tmp_path / "safeguards.toml").write_text('language = "ru"\n', encoding="utf-8")
    _check(tmp_path / "c", "--no-cache")
    assert _language_of(tmp_path / "c") == "ru"  # the configuration before the environment
    _check(tmp_path / "d", "--no-cache", "--lang", "en")
    assert _language_of(tmp_path / "d") == "en"  # --lang before everything


def test_an_unknown_configured_language_is_a_located_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SAFEGUARDS_LANG", "de")
    assert _check(tmp_path / "out", "--no-cache") == 2
    err = capsys.readouterr().err
    assert "SAFEGUARDS_LANG" in err and "unknown-language" in err and "Traceback" not in err


def test_every_command_takes_lang(capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["validate"], ["schema"], ["check"], ["rules", "list"], ["rules", "show"], ["rules", "test"],
                    ["migrate"], ["annex"], ["audit"], ["uwazi", "export"], ["uwazi", "import"]):
        with pytest.raises(SystemExit):
            main([*command, "--help"])
        assert "--lang {en,ru,kk}" in capsys.readouterr().out, command


def test_the_result_cache_keys_on_the_language(tmp_path: Path) -> None:
    _check(tmp_path, "--lang", "en")
    report = tmp_path / "international" / "kz-2007-gerasimov.md"
    assert "Conclusions by article of the Convention" in report.read_text(encoding="utf-8")
    _check(tmp_path, "--lang", "ru")  # same file, rules and options: only the language differs
    assert "Выводы по статьям Конвенции" in report.read_text(encoding="utf-8")
    _check(tmp_path, "--lang", "en")
    assert "Conclusions by article of the Convention" in report.read_text(encoding="utf-8")


def test_the_english_report_reads_as_a_lawyer_can_quote_it(tmp_path: Path) -> None:
    _check(tmp_path, "--lang", "en", "--format", "md,html")
    text = (tmp_path / "international" / "kz-2007-gerasimov.md").read_text(encoding="utf-8")
    order = [text.index(h) for h in ("## Conclusions by article", "## How to read this report",
                                     "## Findings in numbers", "## Findings by safeguard")]
    assert order == sorted(order)  # the article conclusions come first, the shares after the legends
    assert "They are not findings of the Committee against Torture or of a court." in text
    for legend in ("### Outcomes of the findings", "### Standards of proof", "### Source grades",
                   "### Marks after a legal source", "B usually reliable", "**[N]**"):
        assert legend in text
    assert "[MET]" not in text and "[BREACH]" not in text and "score" not in text.lower()
    assert "#### [NOT RESPECTED] Freedom from torture" in text
    assert "Share of the decided safeguards that were respected, by weight" in text
    assert "### Access to a lawyer from the outset" in text  # safeguards by name, not by folder
    assert "events recorded from 27 March 2007 (approx.) to 28 March 2007 (approx.)" in text
