"""Exchange with Uwazi: the round trip on the bundled cases, what it loses, consent, and hostile cells."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path
from typing import Any

import pytest

from safeguards.casefile import load
from safeguards.cli import main
from safeguards.commands.validate import collect
from safeguards.model.case import Case
from safeguards.privacy import label_for, name_terms
from safeguards.uwazi.cells import date_cells, guard, parse_date_cells, unguard
from safeguards.uwazi.template import NOT_CARRIED, TEMPLATES, markdown_tables
from tests.conftest import CASES, ROOT

SUFFIXES = ("", ".people", ".sources", ".events")


def _export(paths: list[str], out: Path, *extra: str) -> int:
    return main(["uwazi", "export", *paths, "-o", str(out), "--quiet", *extra])


def _files(out: Path) -> dict[str, bytes]:
    base = out.name[:-4]
    return {s: out.with_name(f"{base}{s}.csv").read_bytes() for s in SUFFIXES}


def _rows(out: Path, suffix: str = "") -> list[dict[str, str]]:
    text = out.with_name(f"{out.name[:-4]}{suffix}.csv").read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    base = tmp_path_factory.mktemp("uwazi")
    first, imported, second = base / "a" / "cases.csv", base / "imported", base / "b" / "cases.csv"
    assert _export([str(CASES)], first, "--audience", "internal") == 0
    assert main(["uwazi", "import", str(first), "-o", str(imported), "--quiet"]) == 0
    assert _export([str(imported)], second, "--audience", "internal") == 0
    return first, imported, second


def test_round_trip_gives_valid_cases_and_the_same_csv(round_trip: tuple[Path, Path, Path]) -> None:
    first, imported, second = round_trip
    assert sorted(p.stem for p in imported.glob("*.yaml")) == sorted(p.stem for p in CASES.glob("*.yaml"))
    problems, count = collect([str(imported)])
    assert count == 13 and [p.render() for p in problems if p.level.value == "error"] == []
    assert _files(first) == _files(second)
    assert len(_rows(first)) == 13 and len(_rows(first, ".events")) > 60


def test_import_is_byte_identical_on_rerun_and_leaves_inputs(round_trip: tuple[Path, Path, Path],
                                                             tmp_path: Path) -> None:
    first, imported, _ = round_trip
    before = {s: hashlib.sha256(b).hexdigest() for s, b in _files(first).items()}
    assert main(["uwazi", "import", str(first), "-o", str(tmp_path), "--quiet"]) == 0
    for path in imported.glob("*.yaml"):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes()
    assert {s: hashlib.sha256(b).hexdigest() for s, b in _files(first).items()} == before


# --- what the CSV cannot carry -------------------------------------------------------------------

def _drop(data: Any, path: list[str]) -> None:
    """Remove the dotted ``path`` from ``data`` (through every item of the lists on the way)."""
    if isinstance(data, list):
        for item in data:
            _drop(item, path)
    elif isinstance(data, dict) and path:
        if len(path) == 1:
            data.pop(path[0], None)
        elif path[0] in data:
            _drop(data[path[0]], path[1:])


SPECIAL = {"episodes.places", "episodes"}  # places no event refers to; episodes without events


def _without_uncarried(case: Case) -> dict[str, Any]:
    data = case.model_dump(exclude_defaults=True, by_alias=True)
    for key, _ in NOT_CARRIED:
        if key not in SPECIAL:
            _drop(data, key.split("."))
    episodes = []
    for episode in data.get("episodes", []):
        used = [e.get("place") for e in episode.get("events", [])]
        places = {p["id"]: p for p in episode.pop("places", []) if p["id"] in used}
        if episode.get("events"):
            episodes.append({**episode, **({"places": places} if places else {})})
    data.pop("episodes", None)
    if episodes:
        data["episodes"] = episodes
    return data


def _imported(case: Case) -> dict[str, Any]:
    data = case.model_dump(exclude_defaults=True, by_alias=True)
    for episode in data.get("episodes", []):
        if "places" in episode:
            episode["places"] = {p["id"]: p for p in episode["places"]}
    return data


def test_the_round_trip_loses_only_what_is_listed(round_trip: tuple[Path, Path, Path]) -> None:
    _, imported, _ = round_trip
    lost: set[str] = set()
    for path in sorted(CASES.glob("*.yaml")):
        original = load(str(path)).case
        again = load(str(imported / path.name)).case
        assert original is not None and again is not None
        assert _imported(again) == _without_uncarried(original), path.name
        full = original.model_dump(exclude_defaults=True, by_alias=True)
        lost |= {key for key in ("complaints", "investigations", "proceedings", "contested", "committee")
                 if key in full}
    # The bundled cases do lose things: the list is not empty talk.
    assert {"complaints", "investigations", "proceedings", "contested"} <= lost
    assert {k for k, _ in NOT_CARRIED} >= SPECIAL


def test_docs_list_the_template_and_what_the_csv_cannot_carry() -> None:
    text = (ROOT / "docs" / "uwazi.md").read_text(encoding="utf-8")
    assert markdown_tables() in text, "docs/uwazi.md: paste safeguards.uwazi.template.markdown_tables()"
    for _, what in NOT_CARRIED:
        assert what in text, what


# --- consent -------------------------------------------------------------------------------------

WITHHELD = """\
schema_version: 2
id: kz-2020-uwazi-test
title: Sergey Ivanov beaten by police, told his brother Ivanova
jurisdiction: KZ
timezone: Asia/Almaty
status: draft
subject: p-1
people:
  - id: p-1
    role: detainee
    name: Sergey Ivanov
    aliases: [Ivanova]
    consent: {decision: pseudonym_only, pseudonym: XX, basis: consent_given}
  - id: p-2
    role: witness
    name: Marat Tulegenov
    consent: {decision: confidential, basis: no_consent}
  - id: p-3
    role: lawyer
    name: Aigul Seitova
    consent: {decision: publish_name, basis: public_record}
sources:
  - id: s1
    kind: victim_testimony
    title: Interview with Ivanov by Tulegenov
    connection: victim
    reliability: {source: B, information: 2}
episodes:
  - id: ep-1
    places:
      - {id: pl1, name: District police station, type: police_station}
    events:
      - {type: apprehension, status: happened, at: "2020-03-01T10:00", place: pl1, people: [p-1, p-2],
         sources: [s1], note: Ivanov was held with Tulegenov}
"""

CONFIDENTIAL = WITHHELD.replace("id: kz-2020-uwazi-test", "id: kz-2020-uwazi-confidential").replace(
    "title: Sergey", "title: Confidential, Sergey").replace(
    "{decision: pseudonym_only, pseudonym: XX, basis: consent_given}", "{decision: confidential, basis: no_consent}")


def _withheld_terms(case: Case) -> list[str]:
    return [t for p in case.people if label_for(p, "public") != p.name for t in name_terms(p)]


def test_public_export_names_no_one_who_withheld_their_name(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.yaml").write_text(WITHHELD, encoding="utf-8")
    (tmp_path / "in" / "b.yaml").write_text(CONFIDENTIAL, encoding="utf-8")
    out = tmp_path / "public.csv"
    assert _export([str(CASES), str(tmp_path / "in")], out, "--audience", "public") == 0
    text = b"".join(_files(out).values()).decode("utf-8")
    cases = [load(str(p)).case for p in [*sorted(CASES.glob("*.yaml")), tmp_path / "in" / "a.yaml"]]
    terms = {t for c in cases if c is not None for t in _withheld_terms(c)}
    assert {"Ivanov", "Ivanova", "Tulegenov"} <= terms
    for term in terms:
        assert not re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.IGNORECASE), term
    assert "Aigul Seitova" in text and "XX" in text
    assert "kz-2020-uwazi-confidential" not in text  # a confidential subject's case is left out
    spelled = tmp_path / "spelled"  # an id that spells a withheld name is refused (validate), never exported
    spelled.mkdir()
    (spelled / "c.yaml").write_text(WITHHELD.replace("p-1", "p-ivanov"), encoding="utf-8")
    assert _export([str(spelled)], tmp_path / "spelled.csv", "--audience", "public") == 2
    internal = tmp_path / "internal.csv"
    assert _export([str(tmp_path / "in")], internal, "--audience", "internal") == 0
    assert "Sergey Ivanov" in b"".join(_files(internal).values()).decode("utf-8")


def test_bom_for_excel(tmp_path: Path) -> None:
    out = tmp_path / "cases.csv"
    assert _export([str(CASES / "kz-2011-zhanaozen-aa.yaml")], out, "--bom", "--audience", "internal") == 0
    assert all(b.startswith(b"\xef\xbb\xbf") for b in _files(out).values())
    assert main(["uwazi", "import", str(out), "-o", str(tmp_path / "cases"), "--quiet"]) == 0
    assert (tmp_path / "cases" / "kz-2011-zhanaozen-aa.yaml").is_file()


# --- cells ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("time", "cells"), [
    ("2011", ("2011-01-01", "year", "")),
    ("2011-12", ("2011-12-01", "month", "")),
    ("2011-12-16", ("2011-12-16", "day", "")),
    ("2011-12-16T17:00", ("2011-12-16", "minute", "17:00")),
    ("2011-12-16T17:00:30+05:00", ("2011-12-16", "minute", "17:00:30+05:00")),
])
def test_dates_keep_their_precision(time: str, cells: tuple[str, str, str]) -> None:
    assert date_cells(time) == cells
    assert parse_date_cells(*cells) == time


def test_dates_as_people_write_them() -> None:
    assert parse_date_cells("2011-12-16", "", "") == "2011-12-16"
    assert parse_date_cells("2011-12", "", "") == "2011-12"
    assert parse_date_cells("2011-12-16T17:00", "", "") == "2011-12-16T17:00"
    assert parse_date_cells("2011/12/16", "month", "") == "2011-12"
    for bad in (("2011", "day", ""), ("2011-12-16", "day", "17:00"), ("2011-02-30", "", ""), ("16.12.2011", "", ""),
                ("", "day", ""), ("2011-12-16", "hour", "")):
        with pytest.raises(ValueError):
            parse_date_cells(*bad)


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'=x", "'plain", "plain", ""])
def test_formula_guard_is_exact(cell: str) -> None:
    guarded = guard(cell)
    assert not guarded.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert unguard(guarded) == cell


# --- import: what the CSV lacks, and hostile files -----------------------------------------------

def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([header, *rows])
    path.write_text(out.getvalue(), encoding="utf-8")


def _import(main_csv: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["uwazi", "import", str(main_csv), "-o", str(out), "--quiet"])
    return code, capsys.readouterr().err


def _minimal(tmp: Path, title: str = "A case", case_id: str = "kz-2020-x", timezone: str = "Asia/Almaty") -> Path:
    _write(tmp / "c.csv", ["title", "case_id", "jurisdiction", "timezone", "case_status", "subject"],
           [[title, case_id, "KZ", timezone, "draft", "p1"]])
    _write(tmp / "c.people.csv", ["title", "case_id", "person_id", "role", "name_known", "consent_decision",
                                  "pseudonym", "consent_basis"],
           [["XX", case_id, "p1", "detainee", "no", "pseudonym_only", "XX", "consent_given"]])
    _write(tmp / "c.sources.csv", ["title", "case_id", "source_id", "kind", "connection", "reliability",
                                   "credibility"], [["Interview", case_id, "s1", "victim_testimony", "victim", "B",
                                                     "2"]])
    return tmp / "c.csv"


def test_import_invents_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _import(_minimal(tmp_path), tmp_path / "out", capsys)
    assert code == 0, err
    case = load(str(tmp_path / "out" / "kz-2020-x.yaml")).case
    assert case is not None and case.episodes == [] and case.complaints == []
    person = case.people[0]
    assert person.sex == "unknown" and person.age is None and person.name is None
    assert case.sources[0].read is None and case.sources[0].date is None


def test_what_the_model_requires_is_a_located_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main_csv = _minimal(tmp_path, timezone="")
    _write(tmp_path / "c.people.csv", ["case_id", "person_id", "role", "name_known", "consent_decision",
                                       "consent_basis"],
           [["kz-2020-x", "p1", "detainee", "no", "pseudonym_only", "consent_given"]])
    (tmp_path / "c.sources.csv").unlink()
    code, err = _import(main_csv, tmp_path / "out", capsys)
    assert code == 2
    assert f"{main_csv}:2:4: error[uwazi-invalid]: case kz-2020-x: timezone:" in err
    assert f"{main_csv}:2:2: error[uwazi-invalid]: case kz-2020-x: no sources (a case file needs at least one) " \
           "(hint: add the case's sources to c.sources.csv)" in err
    assert not (tmp_path / "out" / "kz-2020-x.yaml").exists()


def test_consent_the_csv_lacks_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main_csv = _minimal(tmp_path)
    _write(tmp_path / "c.people.csv", ["case_id", "person_id", "role", "consent_decision", "consent_basis"],
           [["kz-2020-x", "p1", "detainee", "pseudonym_only", "consent_given"],
            ["kz-2020-x", "p2", "witness", "", ""]])
    code, err = _import(main_csv, tmp_path / "out", capsys)
    assert code == 2
    assert f"{tmp_path / 'c.people.csv'}:3:4: error[uwazi-invalid]: case kz-2020-x: people.1.consent: Field " \
           "required" in err
    _write(tmp_path / "c.people.csv", ["case_id", "person_id", "role", "consent_decision", "consent_basis"],
           [["kz-2020-x", "p1", "detainee", "pseudonym_only", "consent_given"]])
    code, err = _import(main_csv, tmp_path / "out", capsys)
    assert code == 2 and f"{main_csv}:2:2: error[" in err and "pseudonym" in err
    assert not (tmp_path / "out" / "kz-2020-x.yaml").exists()


def test_hostile_cells(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main_csv = _minimal(tmp_path, title="=HYPERLINK(\"http://x\")")
    with (tmp_path / "c.csv").open("a", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows([
            ["!!python/object/apply:os.system ['ls']", "../../etc/passwd", "KZ", "Asia/Almaty", "draft", "p1"],
            ["x" * 200_000, "kz-2020-y", "KZ", "Asia/Almaty", "draft", "p1"],
            ["Another", "kz-2020-x", "KZ", "Mars/Base", "draft", "p1"]])
    code, err = _import(main_csv, tmp_path / "out", capsys)
    assert code == 2
    assert f"{main_csv}:3:2: error[uwazi-unknown-case]" not in err
    assert "error[uwazi-invalid]: case ../../etc/passwd: id" in err  # refused, not a path
    assert f"{main_csv}:4:1: error[csv-cell-too-long]" in err
    assert f"{main_csv}:5:2: error[uwazi-duplicate-case]" in err
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["kz-2020-x.yaml"]
    written = (tmp_path / "out" / "kz-2020-x.yaml").read_text(encoding="utf-8")
    case = load(str(tmp_path / "out" / "kz-2020-x.yaml")).case
    assert case is not None and case.title == '=HYPERLINK("http://x")'
    assert "!!python" not in written
    out = tmp_path / "again.csv"
    assert _export([str(tmp_path / "out")], out, "--audience", "internal") == 0
    assert _rows(out)[0]["title"] == "'=HYPERLINK(\"http://x\")"  # guarded for spreadsheets


@pytest.mark.parametrize(("raw", "code", "where"), [
    (b"title,case_id\r\nok,kz-1\r\nbad \xff,kz-2\r\n", "not-utf8", ":3:5:"),
    (b"title,case_id\r\nok,kz\x00-1\r\n", "nul-byte", ":2:6:"),
    (b"", "csv-empty", ":1:1:"),
    (b"title,jurisdiction\r\nok,KZ\r\n", "csv-missing-column", ":1:3:"),
])
def test_unreadable_files_are_located(tmp_path: Path, capsys: pytest.CaptureFixture[str], raw: bytes, code: str,
                                      where: str) -> None:
    (tmp_path / "c.csv").write_bytes(raw)
    status, err = _import(tmp_path / "c.csv", tmp_path / "out", capsys)
    assert status == 2 and f"{tmp_path / 'c.csv'}{where} error[{code}]" in err, err
    assert "Traceback" not in err


def test_cells_of_the_wrong_kind_are_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main_csv = _minimal(tmp_path)
    _write(tmp_path / "c.events.csv", ["case_id", "episode_id", "event_type", "status", "date", "date_precision",
                                       "methods", "lawyer_present"],
           [["kz-2020-x", "ep-1", "apprehension", "happened", "2020-03-01", "month", "", ""],
            ["kz-2020-x", "ep-1", "ill_treatment", "maybe", "2020-03-01", "", "beating|flogging", ""],
            ["kz-2020-x", "ep-1", "release", "happened", "", "", "", "yes"]])
    code, err = _import(main_csv, tmp_path / "out", capsys)
    events = tmp_path / "c.events.csv"
    assert code == 2
    assert f"{events}:3:4: error[uwazi-cell]: 'maybe' is not a value of the thesaurus Status" in err
    assert f"{events}:3:7: error[uwazi-cell]: 'flogging' is not a value of the thesaurus Method" in err
    assert f"{events}:4:8: error[uwazi-field-not-of-type]" in err
    assert not (tmp_path / "out" / "kz-2020-x.yaml").exists()


def test_uwazi_own_export_columns_are_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main_csv = _minimal(tmp_path)
    text = main_csv.read_text(encoding="utf-8").splitlines()
    text[0] = "Title,Case id,Jurisdiction,Timezone,Case status,Subject,Date added,Template,title__ru"
    text[1] += ",2024-01-01,Case,Дело"
    main_csv.write_text("\r\n".join(text) + "\r\n", encoding="utf-8")
    code, err = _import(main_csv, tmp_path / "out", capsys)
    assert code == 0, err
    assert "column 'title__ru' is a translation column, not read" in err
    assert "date_added" not in err


def test_the_templates_have_unique_columns() -> None:
    for template in TEMPLATES:
        headers = template.headers()
        assert len(headers) == len(set(headers)), template.name
        assert all(re.fullmatch(r"[a-z0-9_]+", h) for h in headers)  # Uwazi's own names of its properties
