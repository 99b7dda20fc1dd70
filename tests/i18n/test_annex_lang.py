"""The annex in Russian: no English template text in any format, sentences that agree with the person's sex,
dates and labels in Russian; the English annex as it was."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from safeguards.annex.footnotes import Footnotes, citation_style
from safeguards.annex.summary import custody_sentence, event_sentences, summary_paragraph
from safeguards.annex.texts import safeguard_label, safeguard_labels, safeguard_name, with_articles
from safeguards.annex.word import merged_safeguards
from safeguards.casefile import load
from safeguards.cli import main
from safeguards.i18n import translator
from safeguards.i18n.catalog import po_path, read
from safeguards.model.case import Case
from tests.conftest import CASES

# Catalogue contexts whose messages the annex prints (the rest belong to reports and the console).
CONTEXTS = ("annex", "safeguard", "article:", "proof", "vocab:Outcome", "vocab:Proof", "vocab:Sex", "vocab:Subject",
            "vocab:Relation", "vocab:InvestigationOutcome", "vocab:SourceKind", "vocab:Method", "value")
_PLACEHOLDER = re.compile(r"\{\w+\}|%\(\w+\)s")


def _english_fragments() -> set[str]:
    """Runs of English words (two or more) from every message the annex prints that reads differently in Russian."""
    out: set[str] = set()
    for m in read(po_path("ru"), "ru"):
        if not m.id or not (m.context or "").startswith(CONTEXTS):
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        if all(s == i for s in strings for i in ids):
            continue
        for msgid in ids:
            for piece in _PLACEHOLDER.split(msgid):
                for part in re.split(r"[;:()]", piece):
                    part = part.strip(" ,.")
                    if len(part) >= 10 and part.count(" ") >= 1 and re.fullmatch(r"[A-Za-z' ,.-]+", part):
                        out.add(part)
    return out


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        parts = [n for n in z.namelist() if re.match(r"word/(document|footnotes|header\d*|footer\d*)\.xml$", n)]
        xml = " ".join(z.read(n).decode("utf-8") for n in parts) + z.read("docProps/core.xml").decode("utf-8")
    return html.unescape(" ".join(re.findall(r">([^<]+)<", xml)))


def _json_values(value: object, skip: frozenset[str] = frozenset({"code", "key", "context", "sex", "age_group"}),
                 ) -> list[str]:
    """Every string value (not the keys: codes) of a JSON document, but the fields that hold codes."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in skip for s in _json_values(v, skip)]
    if isinstance(value, list):
        return [s for v in value for s in _json_values(v, skip)]
    return []


def _texts(folder: Path) -> dict[str, str]:
    """The reader's text of each format, with what the case files themselves say (names, places, sources) taken
    out: that stays as written."""
    annex = json.loads((folder / "annex.json").read_text(encoding="utf-8"))
    texts = {
        "annex.md": html.unescape((folder / "annex.md").read_text(encoding="utf-8")),
        "annex.html": html.unescape(re.sub(r"<[^>]+>", " ", (folder / "annex.html").read_text(encoding="utf-8"))),
        "annex.docx": _docx_text(folder / "annex.docx"),
        "annex.csv": (folder / "annex.csv").read_text(encoding="utf-8").split("\n", 1)[1],  # headers are keys
        "annex.json": "\n".join(_json_values(annex)),
    }
    from_files = sorted({s["text"] for s in annex["sources"]} | {c["label"] for c in annex["cases"]} |
                        {c["place"] for c in annex["cases"] if c["place"]}, key=len, reverse=True)
    out = {}
    for name, text in texts.items():
        text = text.replace("\\", "")  # Markdown escapes
        for value in from_files:
            text = text.replace(value, " ")
        out[name] = text
    return out


@pytest.fixture(scope="module", params=["public", "committee"])
def russian(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp(f"ru-{request.param}")
    assert main(["annex", str(CASES), "-o", str(out), "--quiet", "--lang", "ru", "--audience", request.param,
                 "--organisation", "НКО", "--state", "Казахстан", "--session", "84-я сессия"]) == 0
    return out


def test_no_english_template_text_is_left_in_any_format(russian: Path) -> None:
    fragments = _english_fragments()
    assert len(fragments) > 150 and "was deprived of liberty" in fragments
    for name, text in _texts(russian).items():
        left = sorted(f for f in fragments if re.search(rf"(?<![A-Za-z]){re.escape(f)}(?![A-Za-z])", text))
        assert not left, (name, left[:10])


def test_russian_annex_says_its_language_and_its_structure(russian: Path) -> None:
    annex = json.loads((russian / "annex.json").read_text(encoding="utf-8"))
    assert annex["language"] == "ru" and annex["title"] == "Приложение: задокументированные дела"
    assert {a["title"] for a in annex["articles"]} >= {"Пытки", "Быстрое и беспристрастное расследование"}
    assert '<html lang="ru">' in (russian / "annex.html").read_text(encoding="utf-8")
    md = (russian / "annex.md").read_text(encoding="utf-8")
    for heading in ("## Методология", "## Выводы по статьям Конвенции", "### Статья 1. Пытки", "## Таблица дел",
                    "## Краткое изложение дел", "## Использованные источники"):
        assert heading in md
    with zipfile.ZipFile(russian / "annex.docx") as z:
        footer = z.read("word/footer1.xml").decode("utf-8")
        styles = z.read("word/styles.xml").decode("utf-8")
    assert "Страница " in footer and " из " in footer and '<w:lang w:val="ru-RU"/>' in styles
    body = _docx_text(russian / "annex.docx")
    assert "Государство-участник: Казахстан" in body and "Комитет против пыток, 84-я сессия" in body
    rows = list(csv.DictReader(io.StringIO((russian / "annex.csv").read_text(encoding="utf-8"))))
    assert {r["sex"] for r in rows} <= {"мужской", "женский", "неизвестно"}
    assert {r["date_precision"] for r in rows} <= {"", "месяц", "день"}
    assert {r["confidential"] for r in rows} <= {"да", "нет"}
    gerasimov = next(r for r in rows if r["case_code"] == "kz-2007-gerasimov")
    assert "Привлечение виновных к ответственности" in gerasimov["safeguards_breached"].split("|")


def test_russian_footnotes_cite_a_source_again_as_russian_legal_writing_does(russian: Path) -> None:
    with zipfile.ZipFile(russian / "annex.docx") as z:
        notes = z.read("word/footnotes.xml").decode("utf-8")
    assert re.search(r"EURACTIV \(2022\), см\. сноску \d+\.", notes)
    assert "Там же." in notes and ", n. " not in notes


def test_a_note_repeating_the_one_before_is_ibid_in_russian_and_short_in_english() -> None:
    class Paragraph:
        def __init__(self) -> None:
            from docx.oxml import OxmlElement

            self._p = OxmlElement("w:p")

    source = 'Amnesty International, 2013-07-10, "Old Habits" (надёжность B2)'
    ru = Footnotes(citation_style(translator("ru")))
    for _ in range(2):
        ru.cite(Paragraph(), source)
    ru.cite(Paragraph(), "Other, 2001, \"X\" (надёжность A1)")
    ru.cite(Paragraph(), source)
    assert ru.texts[1:] == ["Там же.", 'Other, 2001, "X" (надёжность A1).',
                            "Amnesty International (2013), см. сноску 1."]
    en = Footnotes(citation_style(translator("en")))
    en.cite(Paragraph(), source.replace("надёжность", "reliability"))
    en.cite(Paragraph(), source.replace("надёжность", "reliability"))
    assert en.texts[1] == "Amnesty International (2013), n. 1."


def _case(name: str) -> Case:
    loaded = load(str(CASES / name))
    assert loaded.case is not None
    return loaded.case


def _with_subject(case: Case, **update: object) -> Case:
    people = [p.model_copy(update=update) if p.id == case.subject else p for p in case.people]
    return case.model_copy(update={"people": people})


@pytest.mark.parametrize(("sex", "verb", "questioned"), [
    ("male", "был лишён свободы", "Он был"),
    ("female", "была лишена свободы", "Она была"),
    ("unknown", ": лишение свободы", None),
    ("other", ": лишение свободы", None),
])
def test_russian_sentences_agree_with_the_persons_sex(sex: str, verb: str, questioned: str | None) -> None:
    ru = translator("ru")
    case = _with_subject(_case("kz-2017-erimbetov.yaml"), sex=sex)
    sentence = custody_sentence(ru, case, "И.", "2017-11-13", "СИЗО")
    assert verb in sentence and sentence.endswith("; место содержания: СИЗО.")
    events = " ".join(event_sentences(ru, case, sex if sex in ("male", "female") else "person"))
    examined = {"male": "Он был осмотрен 13 января 2018 г. бригадой скорой медицинской помощи",
                "female": "Она была осмотрена 13 января 2018 г. бригадой скорой медицинской помощи"}
    if questioned is None:  # no gender: constructions that need none
        assert "13 ноября 2017\u202fг." in sentence.replace(" г.", "\u202fг.") and "; дата: 13 ноября 2017" in sentence
        assert "Медицинский осмотр проведён 13 января 2018" in events
        assert not re.search(r"\b(Он|Она|был|была)\b", sentence + events)
    else:
        assert examined[sex] in events.replace("\u202f", " ")
        other = "была" if sex == "male" else "был "
        assert other not in sentence + events


@pytest.mark.parametrize(("age", "words"), [(21, "21 год)"), (33, "33 года)"), (46, "46 лет)"), (11, "11 лет)")])
def test_russian_age_takes_its_plural_form(age: int, words: str) -> None:
    case = _with_subject(_case("kz-2017-erimbetov.yaml"), age=age)
    assert f"(мужчина, {words} был лишён свободы" in custody_sentence(translator("ru"), case, "И.", None, None)


def test_dates_of_each_precision_read_as_russian() -> None:
    ru = translator("ru")
    case = _case("kz-2022-ruzakhunov.yaml")  # apprehended in January 2022 (month only)
    assert "был лишён свободы (дата: январь 2022\u202fг.)" in custody_sentence(ru, case, "В.", "2022-01", None)
    person = _with_subject(case, sex="unknown")
    assert custody_sentence(ru, person, "В.", "2022", None) == "В.: лишение свободы; дата: 2022 г."
    english = custody_sentence(translator("en"), case, "V.", "2022-01", None)
    assert english == "V., a man, was deprived of liberty in January 2022."


def test_summary_paragraph_in_russian_ends_each_sentence_once(tmp_path: Path) -> None:
    from safeguards.api import evaluate
    from safeguards.rules.compile import load_rules

    rules = load_rules(CASES.parent / "rules")
    loaded = load(str(CASES / "es-1992-blanco-abad.yaml"))
    assert loaded.case is not None
    result = evaluate(loaded, rules, "international")
    text = summary_paragraph(translator("ru"), loaded.case, "Э. Б. А.", result, ["independent-medical-examination"],
                             "1992-01-29", None)
    assert "была лишена свободы 29 января 1992" in text and "г.." not in text
    assert "нарушение следующих гарантий: независимое медицинское освидетельствование" in text


def test_every_bundled_safeguard_has_a_label_and_english_labels_are_as_before(rules: object) -> None:
    from safeguards.rules.compile import RuleSet

    assert isinstance(rules, RuleSet)
    bundled = {c.rule.safeguard for c in rules.rules}
    assert bundled <= set(safeguard_labels(translator("en")))
    for sg in bundled:
        assert safeguard_label(translator("en"), sg) == safeguard_name(sg)
        assert safeguard_label(translator("ru"), sg) != safeguard_name(sg)
    assert safeguard_label(translator("ru"), "a-safeguard-of-ones-own") == "A safeguard of ones own"
    ru = translator("ru")
    merged = merged_safeguards([with_articles(ru, "Защита от преследования", ["13"]),
                                with_articles(ru, "Защита от преследования", ["22"])], ru)
    assert merged == {"Защита от преследования": ["13", "22"]}


def test_english_is_the_default_and_the_language_comes_from_the_environment(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("SAFEGUARDS_LANG", raising=False)
    assert main(["annex", str(CASES), "-o", str(tmp_path / "en"), "--quiet", "--format", "md,json"]) == 0
    assert main(["annex", str(CASES), "-o", str(tmp_path / "en2"), "--quiet", "--format", "md", "--lang", "en"]) == 0
    english = (tmp_path / "en" / "annex.md").read_text(encoding="utf-8")
    assert english == (tmp_path / "en2" / "annex.md").read_text(encoding="utf-8")
    assert json.loads((tmp_path / "en" / "annex.json").read_text(encoding="utf-8"))["language"] == "en"
    assert not re.search("[А-Яа-я]", english) and "## Methodology" in english
    monkeypatch.setenv("SAFEGUARDS_LANG", "ru")
    assert main(["annex", str(CASES), "-o", str(tmp_path / "ru"), "--quiet", "--format", "md"]) == 0
    assert "## Методология" in (tmp_path / "ru" / "annex.md").read_text(encoding="utf-8")
    monkeypatch.setenv("SAFEGUARDS_LANG", "xx")
    assert main(["annex", str(CASES), "-o", str(tmp_path / "xx"), "--quiet", "--format", "md"]) == 2
    assert not (tmp_path / "xx").exists()


def test_docs_russian_annex_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shlex

    doc = (CASES.parent / "docs" / "annex.md").read_text(encoding="utf-8")
    command = next(line for line in doc.splitlines() if line.startswith("safeguards annex") and "--lang ru" in line)
    monkeypatch.chdir(CASES.parent)
    assert main([*shlex.split(command)[1:], "-o", str(tmp_path), "--quiet"]) == 0
    body = _docx_text(tmp_path / "annex.docx")
    assert "Представлено: Казахстанское международное бюро по правам человека" in body
    assert "КОНФИДЕНЦИАЛЬНО" in body and "Комитет против пыток, 84-я сессия" in body
