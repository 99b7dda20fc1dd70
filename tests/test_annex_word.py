"""The Word annex as NGOs file it: A4, numbered pages, title page, repeating table headers, columns that fit,
real footnotes with short forms, confidential cases counted and marked, fixed metadata; and the CSV."""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safeguards.annex.footnotes import short_form
from safeguards.annex.layout import fit_widths, text_width, words, xml_safe
from safeguards.annex.model import Annex
from safeguards.annex.render import safe_cell, write_csv
from safeguards.annex.word import Cover, merged_safeguards, write_docx
from safeguards.cli import main
from tests.conftest import CASES

COVER = ("--organisation", "Kazakhstan International Bureau for Human Rights", "--state", "Kazakhstan",
         "--session", "84th session", "--date", "1 June 2026")


@pytest.fixture(scope="module")
def committee(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("committee")
    assert main(["annex", str(CASES), "-o", str(out), "--quiet", "--audience", "committee", *COVER]) == 0
    return out


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("public")
    assert main(["annex", str(CASES), "-o", str(out), "--quiet", "--format", "docx,json,csv"]) == 0
    return out


def _part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def _annex(path: Path) -> Annex:
    return Annex.model_validate_json((path / "annex.json").read_text(encoding="utf-8"))


def test_page_is_a4_with_page_n_of_m_in_the_footer(public: Path) -> None:
    body = _part(public / "annex.docx", "word/document.xml")
    assert '<w:pgSz w:w="11906" w:h="16838"/>' in body
    footer = _part(public / "annex.docx", "word/footer1.xml")
    assert "Page " in footer and " PAGE " in footer and " NUMPAGES " in footer


def test_title_page_prints_what_is_given_and_invents_nothing(committee: Path, public: Path) -> None:
    body = _part(committee / "annex.docx", "word/document.xml")
    for text in ("Submitted by Kazakhstan International Bureau for Human Rights", "State party: Kazakhstan",
                 "Committee against Torture, 84th session", "1 June 2026"):
        assert text in body
    plain = _part(public / "annex.docx", "word/document.xml")
    assert "Submitted by" not in plain and "State party" not in plain
    first_break = plain.index('<w:br w:type="page"/>')
    assert "1 case(s) withheld as confidential" in plain[:first_break]


def test_every_table_repeats_its_header_row_and_no_row_splits(public: Path) -> None:
    body = _part(public / "annex.docx", "word/document.xml")
    tables = re.findall(r"<w:tbl>.*?</w:tbl>", body, flags=re.S)
    assert len(tables) >= 10
    for table in tables:
        rows = re.findall(r"<w:tr>.*?</w:tr>", table, flags=re.S)
        assert "<w:tblHeader/>" in rows[0]
        assert all("<w:cantSplit/>" in r for r in rows)
        assert not any("<w:tblHeader/>" in r for r in rows[1:])
        assert '<w:tblLayout w:type="fixed"/>' in table


def test_case_table_columns_fit_their_longest_word(public: Path) -> None:
    body = _part(public / "annex.docx", "word/document.xml")
    table = next(t for t in re.findall(r"<w:tbl>.*?</w:tbl>", body, flags=re.S) if ">Detained<" in t)
    grid = [int(w) / 20 for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', table)]
    assert len(grid) == 6 and abs(sum(grid) - 170 / 25.4 * 72) < 2  # the text width of A4 with 2 cm margins
    size = int(re.search(r'<w:sz w:val="(\d+)"/>', table).group(1)) / 2 if '<w:sz ' in table else 9.0
    for row in re.findall(r"<w:tr>.*?</w:tr>", table, flags=re.S)[1:]:
        for width, cell in zip(grid, re.findall(r"<w:tc>.*?</w:tc>", row, flags=re.S), strict=True):
            text = " ".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", cell)).replace("\u2011", "-")
            assert all(text_width(w, size) < width for w in words(text)), (text, width)


def test_sources_are_real_footnotes_numbered_once_and_short_when_cited_again(public: Path) -> None:
    notes = _part(public / "annex.docx", "word/footnotes.xml")
    body = _part(public / "annex.docx", "word/document.xml")
    texts = re.findall(r'<w:footnote w:id="(\d+)">.*?xml:space="preserve"> ([^<]*)</w:t>', notes, flags=re.S)
    assert len(texts) == body.count("<w:footnoteReference ")
    assert not any(re.match(r"\[\d+\]", t) for _, t in texts), "a footnote prints its own number again"
    shorts = [(n, t) for n, t in texts if re.search(r", n\. \d+\.$", t)]
    assert shorts, "no source is cited twice in the bundled cases"
    full = dict(texts)
    for n, t in shorts:
        first = re.search(r"n\. (\d+)\.$", t).group(1)
        assert int(first) < int(n) and full[first].startswith(t.split(" (")[0].split(",")[0])
    assert "Human Rights Watch (2011), n. " in notes
    # adjacent marks are separated, so two notes never read as one number
    assert "<w:footnoteReference " in body and re.search(r'w:footnoteReference w:id="\d+"/></w:r><w:r><w:rPr>'
                                                        r'<w:vertAlign w:val="superscript"/></w:rPr><w:t>,</w:t>',
                                                        body)


def test_confidential_cases_are_marked_in_the_committee_annex(committee: Path) -> None:
    body = _part(committee / "annex.docx", "word/document.xml")
    assert "kz-2011-zhanaozen-cc - CONFIDENTIAL" in body
    assert "1 confidential case(s) included, each marked CONFIDENTIAL." in body
    rows = list(csv.DictReader(io.StringIO((committee / "annex.csv").read_text(encoding="utf-8"))))
    assert {r["case_code"] for r in rows if r["confidential"] == "yes"} == {"kz-2011-zhanaozen-cc"}


def test_metadata_names_no_machine_and_has_fixed_dates(public: Path, committee: Path) -> None:
    core = _part(public / "annex.docx", "docProps/core.xml")
    assert "python-docx" not in core and ("<dc:creator></dc:creator>" in core or "<dc:creator/>" in core)
    assert "2000-01-01T00:00:00Z" in core and "<dc:title>Annex: documented cases</dc:title>" in core
    assert "Kazakhstan International Bureau" in _part(committee / "annex.docx", "docProps/core.xml")
    assert "Microsoft" not in _part(public / "annex.docx", "docProps/app.xml")
    with zipfile.ZipFile(public / "annex.docx") as z:
        assert not any("thumbnail" in n for n in z.namelist())
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_same_annex_gives_the_same_bytes(public: Path) -> None:
    annex = _annex(public)
    assert write_docx(annex, Cover(state="Kazakhstan")) == write_docx(annex, Cover(state="Kazakhstan"))


def test_characters_xml_forbids_are_replaced_not_a_crash(public: Path) -> None:
    annex = _annex(public)
    case = annex.cases[0].model_copy(update={"summary": "bell \x07 and escape \x1b here", "label": "A\x00B"})
    hostile = annex.model_copy(update={"cases": [case, *annex.cases[1:]], "title": "Annex \x0b"})
    data = write_docx(hostile, Cover(organisation="NGO \x01"))
    body = _part_bytes(data, "word/document.xml")
    assert "bell \ufffd and escape \ufffd here" in body and "NGO \ufffd" in body
    assert xml_safe("a\x00b\tc\n\U0001f600") == "a\ufffdb\tc\n\U0001f600"


def _part_bytes(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name).decode("utf-8")


@pytest.mark.parametrize(("text", "short"), [
    ('Amnesty International, 2013-07-10, "Kazakhstan Continues", press release (reliability B2)',
     "Amnesty International (2013)"),
    ('Open Society Justice Initiative (Voices), 2014, "A Court Victory" (reliability B2)',
     "Open Society Justice Initiative (2014)"),
    ('Agence France-Presse, "AFP wire story quoted by EURACTIV" (reliability F6)',
     'Agence France-Presse, "AFP wire story quoted by EURACTIV"'),
    ('"Untitled leaflet" (reliability C3)', '"Untitled leaflet"'),
])
def test_short_form_of_a_source(text: str, short: str) -> None:
    assert short_form(text) == short


def test_fit_widths_gives_each_column_its_longest_word_or_none() -> None:
    header = ("Case", "Detained")
    rows = [("Incommunicado detention in a secret place", "2022-01-05")]
    widths = fit_widths(header, rows, 300, 9)
    assert widths is not None and abs(sum(widths) - 300) < 1e-6
    assert widths[0] > text_width("Incommunicado", 9) and widths[1] > text_width("2022-01-05", 9)
    assert widths[0] > widths[1]
    assert fit_widths(header, rows, 80, 9) is None
    assert words("kz-2011-aa opened 1992-02-02") == ["kz-", "2011-", "aa", "opened", "1992-02-02"]


def test_one_label_per_safeguard() -> None:
    merged = merged_safeguards(["Protection from reprisal (art 13)", "Protection from reprisal (art 22)",
                                "Accountability of perpetrators (art 16)", "Accountability of perpetrators (art 1, 2)"])
    assert merged == {"Protection from reprisal": ["13", "22"], "Accountability of perpetrators": ["1", "2", "16"]}


def test_case_summaries_are_sentences_from_the_facts(public: Path) -> None:
    cases = {c.code: c.summary for c in _annex(public).cases}
    gerasimov = cases["kz-2007-gerasimov"]
    assert gerasimov.startswith("Alexander Gerasimov, a man, was deprived of liberty on about 27 March 2007 by "
                                "Kostanay city police and held at Kostanay police department.")
    assert "beating, asphyxiation" in gerasimov and "ended in closure without charges" in gerasimov
    assert "articles 1, 2, 12, 13, 14 and 22 of the Convention" in gerasimov
    assert "Zhagiparov, a 49-year-old man" in cases["kz-2022-zhagiparov"]
    for summary in cases.values():
        assert summary.endswith(".") and "completeness" not in summary and "The file shows breaches of:" not in summary
        assert not re.search(r"\d{4}-\d\d-\d\d|\.ya?ml\b|\w/\w+/", summary), summary  # no ISO dates, no paths


def test_csv_dates_keep_their_precision_labels_are_single_and_bom_is_optional(tmp_path: Path, public: Path) -> None:
    annex = _annex(public)
    plain, bom = write_csv(annex), write_csv(annex, bom=True)
    assert not plain.startswith(b"\xef\xbb\xbf") and bom == b"\xef\xbb\xbf" + plain
    rows = list(csv.DictReader(io.StringIO(plain.decode("utf-8"))))
    precision = {len(r["date_of_apprehension"]): r["date_precision"] for r in rows}
    assert precision == {0: "", 7: "month", 10: "day"}
    gerasimov = next(r for r in rows if r["case_code"] == "kz-2007-gerasimov")
    labels = gerasimov["safeguards_breached"].split("|")
    assert "Accountability of perpetrators" in labels and len(labels) == len(set(labels))
    assert not any("(art" in label for r in rows for label in r["safeguards_breached"].split("|"))
    assert main(["annex", str(CASES), "-o", str(tmp_path), "--quiet", "--format", "csv", "--csv-bom"]) == 0
    assert (tmp_path / "annex.csv").read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("value", ["=1+1", "+1", "-2", "@SUM(A1)", "\tcmd", "\rcmd", " =1", "\n=cmd", "\r\n+1",
                                   "\u00a0=1", " \t @x", "\u3000-3"])
def test_csv_formula_guard_looks_past_leading_whitespace(value: str) -> None:
    assert safe_cell(value).startswith("'")


@pytest.mark.parametrize("value", ["plain", "a=b", "2022-01-05", " text", "", "line\n=not first"])
def test_csv_formula_guard_leaves_text_alone(value: str) -> None:
    assert safe_cell(value) == value


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (.ci/run installs it)")
@pytest.mark.parametrize(("audience", "lang"), [("public", "en"), ("committee", "en"), ("public", "ru"),
                                              ("committee", "ru")])
def test_pdf_from_libreoffice_is_a4_with_a_number_on_every_page(tmp_path: Path, audience: str, lang: str) -> None:
    pypdf = pytest.importorskip("pypdf", reason="pypdf is a test extra: pip install -e '.[test]'")
    assert main(["annex", str(CASES), "-o", str(tmp_path), "--quiet", "--format", "docx,json",
                 "--audience", audience, "--lang", lang]) == 0
    done = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "annex.docx")],
                          capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stderr
    reader = pypdf.PdfReader(str(tmp_path / "annex.pdf"))
    pages = len(reader.pages)
    assert pages > 3
    for n, page in enumerate(reader.pages, 1):
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4 in pt
        number = {"en": f"Page {n} of {pages}", "ru": f"Страница {n} из {pages}"}[lang]
        assert number in page.extract_text(), n
    # no word of the case table is broken across lines (a break after a hyphen is allowed)
    text = "\n".join(page.extract_text() for page in reader.pages)
    lines = re.sub(r"-\n", "-", text)
    annex = json.loads((tmp_path / "annex.json").read_text(encoding="utf-8"))
    table_words = {w for c in annex["cases"] for field in ("investigation",) for w in
                   re.findall(r"[A-Za-zА-Яа-я]{6,}", c[field] or "")}
    found = set(re.findall(r"[A-Za-zА-Яа-я]+", lines))
    assert table_words <= found, sorted(table_words - found)
    if lang == "ru":  # Cyrillic is drawn in a font that has it, and comes back as text
        assert "Методология" in text and "Краткое изложение дел" in text and "\ufffd" not in text
        fonts = {str(font.get("/BaseFont", "")) for page in reader.pages
                 for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values()
                 for font in [font.get_object()]}
        assert fonts and all("DejaVu" in f or "Times" in f or "Liberation" in f or "Symbol" in f for f in fonts), fonts


def test_docs_word_annex_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = (CASES.parent / "docs" / "annex.md").read_text(encoding="utf-8")
    command = next(line for line in doc.splitlines()
                   if line.startswith("safeguards annex") and "--organisation" in line)
    monkeypatch.chdir(CASES.parent)
    assert main([*shlex.split(command)[1:], "-o", str(tmp_path), "--quiet"]) == 0
    body = _part(tmp_path / "annex.docx", "word/document.xml")
    assert "Submitted by Kazakhstan International Bureau for Human Rights" in body and "84th session" in body


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=40))
def test_any_text_gives_a_well_formed_word_file_and_safe_csv(public: Path, text: str) -> None:
    annex = _annex(public)
    case = annex.cases[0].model_copy(update={"summary": text, "label": text, "place": text, "breaches": [text]})
    source = annex.sources[0].model_copy(update={"text": text})
    hostile = annex.model_copy(update={"cases": [case], "sources": [source]})
    data = write_docx(hostile, Cover(organisation=text, state=text, session=text, date=text))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in ("word/document.xml", "word/footnotes.xml", "docProps/core.xml"):
            ET.fromstring(z.read(name))
    for row in csv.reader(io.StringIO(write_csv(hostile).decode("utf-8"), newline="")):
        for cell in row:
            assert cell.startswith("'") or not re.match(r"[\t\r]|\s*[=+\-@]", cell), cell
