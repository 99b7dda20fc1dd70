"""``safeguards annex``: consent respected in every format, confidential cases withheld, documents well formed."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import jsonschema
import pytest
import yaml
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st

from safeguards.annex.build import assemble, collect
from safeguards.annex.reid import Quasi, check
from safeguards.annex.render import WRITERS, safe_cell
from safeguards.cli import main
from safeguards.rules.compile import RuleSet
from tests.conftest import CASES, ROOT

FORMATS = ("md", "html", "docx", "csv", "json")


def _annex(tmp: Path, *extra: str, paths: tuple[str, ...] = (str(CASES),)) -> int:
    return main(["annex", *paths, "-o", str(tmp), "--quiet", *extra])


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return " ".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


def _all_text(folder: Path) -> dict[str, str]:
    return {p.name: (_docx_text(p) if p.suffix == ".docx" else p.read_text(encoding="utf-8"))
            for p in folder.iterdir()}


def test_public_annex_withholds_confidential_cases_and_keeps_pseudonyms(tmp_path: Path) -> None:
    assert _annex(tmp_path) == 0
    data = json.loads((tmp_path / "annex.json").read_text())
    assert data["withheld_confidential"] == 1
    codes = {c["code"] for c in data["cases"]}
    assert "kz-2011-zhanaozen-cc" not in codes and len(codes) == len(list(CASES.glob("*.yaml"))) - 1
    labels = {c["code"]: c["label"] for c in data["cases"]}
    assert labels["kz-2011-zhanaozen-aa"] == "AA" and labels["kz-2011-zhanaozen-bb"] == "BB"
    for name, text in _all_text(tmp_path).items():
        assert "zhanaozen-cc" not in text, name
    jsonschema.validate(data, json.loads((ROOT / "safeguards" / "schemas" / "annex.schema.json").read_text()))


def test_committee_annex_includes_confidential_and_marks_every_page(tmp_path: Path) -> None:
    _annex(tmp_path, "--audience", "committee")
    data = json.loads((tmp_path / "annex.json").read_text())
    assert data["withheld_confidential"] == 0 and data["confidential_marking"] is True
    assert any(c["code"] == "kz-2011-zhanaozen-cc" for c in data["cases"])
    doc = Document(str(tmp_path / "annex.docx"))
    assert all("CONFIDENTIAL" in s.header.paragraphs[0].text for s in doc.sections)
    assert "CONFIDENTIAL" in (tmp_path / "annex.html").read_text()


def test_word_document_has_headings_tables_and_chart(tmp_path: Path) -> None:
    _annex(tmp_path)
    doc = Document(str(tmp_path / "annex.docx"))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading") or p.style.name == "Title"]
    for wanted in ("Methodology", "Findings by article of the Convention", "Figures", "Case table",
                   "Case summaries", "Sources cited"):
        assert wanted in headings
    assert any(h.startswith("Article 2:") for h in headings)
    case_table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Case")
    cells = [row.cells[0].text for row in case_table.rows[1:]]
    assert "Alexander Gerasimov (kz-2007-gerasimov)" in cells and "AA (kz-2011-zhanaozen-aa)" in cells
    assert doc.inline_shapes and len(doc.inline_shapes) == 1
    with zipfile.ZipFile(tmp_path / "annex.docx") as z:
        footnotes = z.read("word/footnotes.xml").decode()
        body = z.read("word/document.xml").decode()
        assert "footnotes.xml" in z.read("word/_rels/document.xml.rels").decode()
    refs = body.count("<w:footnoteReference")
    cited = sum(len(c["sources"]) for c in json.loads((tmp_path / "annex.json").read_text())["cases"])
    assert refs == footnotes.count("<w:footnoteRef/>") == cited
    assert "Open Society Justice Initiative" in footnotes


def test_csv_follows_uwazi_conventions(tmp_path: Path) -> None:
    _annex(tmp_path)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "annex.csv").read_text())))
    assert next(iter(rows[0])) == "title"
    gerasimov = next(r for r in rows if r["case_code"] == "kz-2007-gerasimov")
    assert gerasimov["articles_violation_indicated"] == "1|2|12|13|14|22"
    assert all(len(r["date_of_apprehension"]) in (0, 7, 10) for r in rows)


@pytest.mark.parametrize("value", ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tcmd"])
def test_csv_cells_cannot_be_formulas(value: str) -> None:
    assert safe_cell(value).startswith("'")
    assert safe_cell("plain text") == "plain text"


def test_annex_outputs_are_byte_identical_across_runs(tmp_path: Path) -> None:
    _annex(tmp_path / "a")
    _annex(tmp_path / "b")
    for fmt in FORMATS:
        assert (tmp_path / "a" / f"annex.{fmt}").read_bytes() == (tmp_path / "b" / f"annex.{fmt}").read_bytes(), fmt


def test_filters_by_context_and_dates(tmp_path: Path) -> None:
    _annex(tmp_path, "--context", "zhanaozen-2011", "--format", "json")
    data = json.loads((tmp_path / "annex.json").read_text())
    assert {c["context"] for c in data["cases"]} == {"zhanaozen-2011"}
    _annex(tmp_path, "--from", "2022-01-01", "--to", "2022-12-31", "--format", "json")
    data = json.loads((tmp_path / "annex.json").read_text())
    assert data["cases"] and all(c["apprehended"].startswith("2022") for c in data["cases"])


def test_reidentification_check_names_fields_to_coarsen() -> None:
    cases = [Quasi("a", True, "Zhanaozen", "Mangystau", "2011-12-16", None, "male", "z"),
             Quasi("b", True, "Zhanaozen", "Mangystau", "2011-12-19", None, "male", "z"),
             Quasi("c", False, "Almaty", "Almaty", "2022-01-04", 44, "male", "j")]
    warnings = check(cases, k=2)
    assert len(warnings) == 2 and all("month instead of day" in w for w in warnings)
    assert check(cases[:1] + cases[:1], k=2) == []


def test_reidentification_check_finds_the_smallest_combined_coarsening() -> None:
    cases = [Quasi("a", True, "Zhanaozen", "Mangystau", "2011-12-16", 30, "male", "z"),
             Quasi("b", True, "Zhanaozen", "Mangystau", "2011-12-19", 33, "male", "z"),
             Quasi("c", True, "Aktau", "Mangystau", "2011-12-17", 31, "male", "z")]
    warnings = check(cases, k=2)
    assert warnings[0].endswith("publish the age group instead of age, the month instead of day")
    assert warnings[2].endswith("age group instead of age, the month instead of day, the region instead of locality")


def test_reidentification_warnings_in_russian_and_counted_beyond_fifty(capsys: pytest.CaptureFixture[str]) -> None:
    from safeguards.commands.annex import REID_SHOWN, _reid
    from safeguards.message import localize

    cases = [Quasi(f"c{i}", True, f"town {i}", "Mangystau", f"2011-12-{i % 28 + 1:02d}", 30, "male", "z")
             for i in range(REID_SHOWN + 7)]
    warnings = check(cases, k=2)
    assert localize(warnings[0], "ru").endswith("публиковать область вместо населённого пункта")
    _reid(warnings, 2, "ru")
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == REID_SHOWN + 1 and all("риск повторной идентификации" in line for line in lines)
    assert "ещё дел под псевдонимом" in lines[-1] and ": 7 " in lines[-1]


def test_the_annex_console_speaks_russian(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["annex", str(CASES), "-o", str(tmp_path), "--format", "md", "--lang", "ru"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("приложение (public): дел: ")
    assert main(["annex", "-o", str(tmp_path), "--lang", "ru"]) == 2
    assert "укажите файлы дел" in capsys.readouterr().err


def test_committed_annex_is_current(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    _annex(tmp_path, paths=("cases/",))
    for fmt in FORMATS:
        assert (tmp_path / f"annex.{fmt}").read_bytes() == (ROOT / "reports" / "annex" / f"annex.{fmt}").read_bytes(), (
            f"reports/annex/annex.{fmt} is stale: run 'safeguards annex cases/'")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (.ci/run installs it)")
def test_word_document_opens_in_libreoffice(tmp_path: Path) -> None:
    _annex(tmp_path, "--format", "docx")
    done = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "annex.docx")],
                          capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "annex.pdf").stat().st_size > 10_000


# --- the redaction property ----------------------------------------------------------------------

NAME = st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=6, max_size=9).map(lambda s: "Zq" + s)
DECISION = st.sampled_from(["publish_name", "pseudonym_only", "confidential"])


def _case(idx: int, people: list[tuple[str, str, str, str]]) -> dict[str, object]:
    persons = []
    for i, (name, alias, decision, role) in enumerate(people):
        consent = {"decision": decision, "basis": "consent_given" if decision != "confidential" else "no_consent"}
        if decision == "pseudonym_only":
            consent["pseudonym"] = f"P{idx}{i}"
        persons.append({"id": f"p{i}", "role": role if i else "detainee", "name": name, "aliases": [alias],
                        "consent": consent})
    names = " and ".join(f"{n} ({a})" for n, a, _, _ in people)
    return {
        "schema_version": 1, "id": f"case-{idx}", "title": f"Case of {names}", "jurisdiction": "KZ",
        "timezone": "Asia/Almaty", "context": "generated", "status": "draft", "subject": "p0", "people": persons,
        "summary": f"Told by {names}.",
        "sources": [{"id": "s1", "kind": "relative", "title": f"Interview with {people[-1][0]}",
                     "publisher": people[-1][1], "connection": "relative",
                     "reliability": {"source": "B", "information": 2}}],
        "episodes": [{"id": "ep-1", "authority": f"Unit of {people[0][1]}",
                      # Place names and localities are published as they are: validate refuses one that spells a
                      # withheld name (tests/privacy), so here they are neutral.
                      "places": [{"id": "pl1", "name": "A private house", "type": "unofficial_place",
                                  "official": False, "locality": "Village"}],
                      "events": [{"type": "apprehension", "status": "happened", "at": "2020-03-01T10:00",
                                  "place": "pl1", "sources": ["s1"], "note": f"{people[0][0]} was taken"},
                                 {"type": "ill_treatment", "status": "happened", "by": people[-1][0],
                                  "methods": ["beating"], "involvement": "direct", "sources": ["s1"]}]}],
    }


@settings(deadline=None)
@given(st.lists(st.lists(st.tuples(NAME, NAME, DECISION, st.sampled_from(["relative", "witness", "lawyer"])),
                         min_size=1, max_size=3), min_size=1, max_size=3))
def test_no_non_consented_name_appears_in_any_public_output(tmp_path_factory: pytest.TempPathFactory,
                                                            cases: list[list[tuple[str, str, str, str]]]) -> None:
    rules = _rules()
    folder = tmp_path_factory.mktemp("cases")
    secret = []
    for i, people in enumerate(cases):
        (folder / f"c{i}.yaml").write_text(yaml.safe_dump(_case(i, people), sort_keys=False))
        secret += [term for name, alias, decision, _ in people if decision != "publish_name" for term in (name, alias)]
    collected = collect(sorted(str(p) for p in folder.glob("*.yaml")), rules, "international", "public")
    assert not collected.invalid, collected.invalid
    annex = assemble(collected, rules, "international", "public")
    for fmt, writer in WRITERS.items():
        blob = writer(annex)
        if fmt == "docx":
            z = zipfile.ZipFile(io.BytesIO(blob))
            text = " ".join(z.read(n).decode() for n in z.namelist() if n.endswith((".xml", ".rels"))).lower()
        else:
            text = blob.decode().lower()
        for term in secret:
            assert term.lower() not in text, (fmt, term)


_RULES: list[RuleSet] = []


def _rules() -> RuleSet:
    from safeguards.rules.compile import load_rules

    if not _RULES:
        _RULES.append(load_rules(ROOT / "rules"))
    return _RULES[0]
