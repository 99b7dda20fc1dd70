"""Corpus mode: ``check --db``, ``report --db`` and ``annex --db`` against the same commands on case files."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from safeguards.cli import main
from safeguards.db.schema import VERSION
from tests.conftest import CASES, ROOT

AUDIENCES = ("public", "committee", "internal")
COVER = ["--organisation", "Org", "--state", "Kazakhstan", "--session", "84th session"]


def _check_db(paths: list[str], db: Path, *extra: str) -> int:
    return main(["check", *paths, "--db", str(db), "--quiet", "--fail-on", "never", "--no-cache", *extra])


@pytest.fixture(scope="module")
def bundled_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("db") / "cases.sqlite"
    assert _check_db([str(CASES)], db) == 0
    return db


def _rows(db: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as con:
        return con.execute(sql, params).fetchall()


def test_schema_is_versioned_and_documented(bundled_db: Path) -> None:
    assert _rows(bundled_db, "PRAGMA user_version") == [(VERSION,)]
    assert _rows(bundled_db, "PRAGMA journal_mode") == [("wal",)]
    tables = {t for (t,) in _rows(bundled_db, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"meta", "files", "cases", "findings", "article_conclusions", "annex_outcomes", "annex_rows",
                      "withheld"}
    doc = (ROOT / "docs" / "database.md").read_text(encoding="utf-8")
    for table in tables:
        for (column,) in _rows(bundled_db, f"SELECT name FROM pragma_table_info('{table}')"):
            assert f"`{column}`" in doc, (table, column)
    assert _rows(bundled_db, "SELECT count(*) FROM cases") == [(13,)]
    assert _rows(bundled_db, "SELECT count(DISTINCT case_id) FROM annex_rows") == [(13,)]


def test_unchanged_cases_are_skipped_changed_ones_replaced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "cases"
    shutil.copytree(CASES, corpus)
    db = tmp_path / "c.sqlite"
    assert _check_db([str(corpus)], db) == 0
    findings = _rows(db, "SELECT count(*) FROM findings")[0][0]
    capsys.readouterr()
    assert main(["check", str(corpus), "--db", str(db), "--fail-on", "never"]) == 0
    assert "0 file(s) evaluated, 13 unchanged and skipped" in capsys.readouterr().out

    target = corpus / "kz-2022-abishev.yaml"
    text = target.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    target.write_text(text.replace(title, "title: Retitled case"), encoding="utf-8")
    assert main(["check", str(corpus), "--db", str(db), "--fail-on", "never"]) == 0
    assert "1 file(s) evaluated, 12 unchanged and skipped" in capsys.readouterr().out
    assert _rows(db, "SELECT title FROM cases WHERE case_id = 'kz-2022-abishev'") == [("Retitled case",)]
    assert _rows(db, "SELECT count(*) FROM findings")[0][0] == findings  # replaced, not added
    assert _rows(db, "SELECT count(*) FROM cases") == [(13,)]

    (corpus / "kz-2012-tuletaeva.yaml").unlink()
    assert _check_db([str(corpus)], db) == 0
    assert _rows(db, "SELECT count(*) FROM cases") == [(13,)]  # kept without --prune
    assert _check_db([str(corpus)], db, "--prune") == 0
    assert _rows(db, "SELECT count(*) FROM cases") == [(12,)]
    assert _rows(db, "SELECT count(*) FROM findings WHERE case_id = 'kz-2012-tuletaeva'") == [(0,)]
    assert _rows(db, "SELECT count(*) FROM withheld WHERE path LIKE '%tuletaeva%'") == [(0,)]


def test_invalid_file_is_recorded_and_the_annex_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "cases"
    shutil.copytree(CASES, corpus)
    (corpus / "broken.yaml").write_text("schema_version: 2\npeople: [\n", encoding="utf-8")
    db = tmp_path / "c.sqlite"
    assert _check_db([str(corpus)], db) == 2
    assert _rows(db, "SELECT case_id, problems > 0 FROM files WHERE path LIKE '%broken.yaml'") == [(None, 1)]
    assert _check_db([str(corpus)], db) == 2  # unchanged and still invalid: reported again
    capsys.readouterr()
    assert main(["annex", "--db", str(db), "-o", str(tmp_path / "annex"), "--quiet"]) == 2
    assert "did not validate" in capsys.readouterr().err
    assert not (tmp_path / "annex").exists()


def test_report_from_db_is_byte_identical_to_check(tmp_path: Path, bundled_db: Path) -> None:
    checked, rendered = tmp_path / "check", tmp_path / "report"
    assert main(["check", str(CASES), "-o", str(checked), "--no-timestamp", "--no-cache", "--quiet",
                 "--fail-on", "never"]) == 0
    ids = [p.stem for p in sorted(CASES.glob("*.yaml"))]
    assert main(["report", "--db", str(bundled_db), *ids, "-o", str(rendered), "--no-timestamp", "--quiet"]) == 0
    files = sorted(p.relative_to(checked) for p in checked.rglob("*") if p.is_file())
    assert files and files == sorted(p.relative_to(rendered) for p in rendered.rglob("*") if p.is_file())
    for name in files:
        assert (checked / name).read_bytes() == (rendered / name).read_bytes(), name


def test_report_of_an_unknown_case_writes_nothing(tmp_path: Path, bundled_db: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--db", str(bundled_db), "kz-2022-abishev", "no-such-case", "-o", str(tmp_path)]) == 2
    assert "no case no-such-case" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def _annex_both(tmp_path: Path, corpus: Path, db: Path, audience: str,
                capsys: pytest.CaptureFixture[str], *extra: str) -> None:
    capsys.readouterr()
    files_out, db_out = tmp_path / f"files-{audience}", tmp_path / f"db-{audience}"
    code = main(["annex", str(corpus), "--audience", audience, "-o", str(files_out), *COVER, *extra])
    from_files = capsys.readouterr()
    assert main(["annex", "--db", str(db), "--audience", audience, "-o", str(db_out), *COVER, *extra]) == code
    from_db = capsys.readouterr()
    assert from_db.out.replace(str(db_out), "OUT") == from_files.out.replace(str(files_out), "OUT")
    assert from_db.err == from_files.err  # the re-identification warnings, in the same order
    names = sorted(p.name for p in files_out.iterdir()) if files_out.exists() else []
    assert names == (sorted(p.name for p in db_out.iterdir()) if db_out.exists() else [])
    for name in names:
        assert (files_out / name).read_bytes() == (db_out / name).read_bytes(), (audience, name)
    if code == 0:
        assert names == ["annex.csv", "annex.docx", "annex.html", "annex.json", "annex.md"]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_annex_from_db_is_byte_identical_to_annex_from_files(tmp_path: Path, bundled_db: Path, audience: str,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    _annex_both(tmp_path, CASES, bundled_db, audience, capsys)


def test_annex_from_db_filters_as_annex_does(tmp_path: Path, bundled_db: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    _annex_both(tmp_path, CASES, bundled_db, "public", capsys, "--context", "zhanaozen-2011", "--csv-bom")
    _annex_both(tmp_path / "dates", CASES, bundled_db, "committee", capsys, "--from", "2011-12", "--to", "2022")


@pytest.fixture(scope="module")
def russian_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("db-ru") / "cases.sqlite"
    assert _check_db([str(CASES)], db, "--lang", "ru") == 0
    return db


@pytest.mark.parametrize("audience", ["public", "committee"])
def test_russian_annex_from_db_is_byte_identical_to_annex_from_files(tmp_path: Path, russian_db: Path, audience: str,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    _annex_both(tmp_path, CASES, russian_db, audience, capsys, "--lang", "ru")
    text = (tmp_path / f"db-{audience}" / "annex.md").read_text(encoding="utf-8")
    assert "\n## Методология\n" in text and "\n## Methodology\n" not in text
    assert '"language": "ru"' in (tmp_path / f"db-{audience}" / "annex.json").read_text(encoding="utf-8")


def test_annex_from_db_in_another_language_than_checked_is_refused(tmp_path: Path, bundled_db: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["annex", "--db", str(bundled_db), "--lang", "ru", "-o", str(tmp_path / "annex"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "языком" in err and "--lang" in err  # in the language asked for, which the database was not checked in
    assert not (tmp_path / "annex").exists()


def test_checking_again_in_another_language_evaluates_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "c.sqlite"
    assert _check_db([str(CASES)], db) == 0
    capsys.readouterr()
    assert main(["check", str(CASES), "--db", str(db), "--fail-on", "never", "--lang", "ru"]) == 0
    assert "файлов проверено: 13, без изменений и пропущено: 0" in capsys.readouterr().out
    assert _rows(db, "SELECT value FROM meta WHERE key = 'language'") == [("ru",)]


def test_russian_report_from_db_is_byte_identical_to_check(tmp_path: Path, bundled_db: Path) -> None:
    checked, rendered = tmp_path / "check", tmp_path / "report"
    case = CASES / "kz-2022-abishev.yaml"
    assert main(["check", str(case), "-o", str(checked), "--no-timestamp", "--no-cache", "--quiet",
                 "--fail-on", "never", "--lang", "ru"]) == 0
    assert main(["report", "--db", str(bundled_db), case.stem, "-o", str(rendered), "--no-timestamp", "--quiet",
                 "--lang", "ru"]) == 0
    files = sorted(p.relative_to(checked) for p in checked.rglob("*") if p.is_file())
    assert files and files == sorted(p.relative_to(rendered) for p in rendered.rglob("*") if p.is_file())
    for name in files:
        assert (checked / name).read_bytes() == (rendered / name).read_bytes(), name
    assert '"language":"ru"' in next(rendered.rglob("*.json")).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("generated")
    corpus = base / "corpus"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--count", "60", "--seed", "7",
                    "--out", str(corpus)], check=True, capture_output=True)
    db = base / "g.sqlite"
    assert _check_db([str(corpus)], db, "--jobs", "1") == 0
    return corpus, db


@pytest.mark.parametrize("audience", AUDIENCES)
def test_annex_from_db_of_a_generated_corpus_is_byte_identical(tmp_path: Path, generated: tuple[Path, Path],
                                                               audience: str,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    corpus, db = generated
    _annex_both(tmp_path, corpus, db, audience, capsys, "--jobs", "1")


def _clone(db: Path, copies: int, out: Path) -> Path:
    """A database holding ``copies`` copies of every case of ``db`` under new ids (for memory measurements)."""
    shutil.copy(db, out)
    con = sqlite3.connect(out)
    con.execute("PRAGMA foreign_keys = OFF")
    tables = {"files": "path || :s, sha256, run_key, case_id || :s, problems, content",
              "cases": "case_id || :s, path || :s, " + ", ".join(
                  c for (c,) in con.execute("SELECT name FROM pragma_table_info('cases')")
                  if c not in ("case_id", "path")),
              "findings": "case_id || :s, law, rule_id, instance, safeguard, articles, severity, outcome, "
                          "standard_of_proof",
              "article_conclusions": "case_id || :s, article, outcome, standard_of_proof",
              "annex_outcomes": "case_id || :s, article, safeguard, outcome",
              "annex_rows": "case_id || :s, audience, row, sources",
              "withheld": "path || :s, kind, audience, seq, name, label"}
    for table in tables:
        con.execute(f"CREATE TEMP TABLE o_{table} AS SELECT * FROM {table}")
    for n in range(1, copies):
        for table, columns in tables.items():
            con.execute(f"INSERT INTO {table} SELECT {columns} FROM temp.o_{table}", {"s": f"-{n}"})
    con.commit()
    con.close()
    return out


def _annex_peak(db: Path, out: Path) -> int:
    tracemalloc.start()
    try:
        assert main(["annex", "--db", str(db), "--audience", "committee", "-o", str(out), "--quiet"]) == 0
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_annex_memory_does_not_grow_with_the_corpus(tmp_path: Path, generated: tuple[Path, Path]) -> None:
    _, db = generated
    # About 300 and 1,500 cases in CI; 1,000 and 5,000 with SAFEGUARDS_LONG_PROPERTIES=1.
    low, high = (1000, 5000) if os.environ.get("SAFEGUARDS_LONG_PROPERTIES") else (300, 1500)
    small = _clone(db, low // 60 + 1, tmp_path / "small.sqlite")
    large = _clone(db, high // 60 + 1, tmp_path / "large.sqlite")
    assert _rows(large, "SELECT count(*) FROM cases")[0][0] >= high
    _annex_peak(small, tmp_path / "warm")  # imports and caches are paid once, before measuring
    peak_small = _annex_peak(small, tmp_path / "a")
    peak_large = _annex_peak(large, tmp_path / "b")
    # Five times the cases: the peak may grow by what is kept per distinct source text (the Word footnotes'
    # short forms) but not in proportion to the cases (the annex from files grows by about 36 kB a case).
    assert peak_large < peak_small * 1.5 + 8 * 2**20, (peak_small, peak_large)
    assert (tmp_path / "b" / "annex.json").stat().st_size > 4 * (tmp_path / "a" / "annex.json").stat().st_size


@pytest.mark.parametrize("content, says", [
    (b"just some text, not a database\n" * 100, "not an SQLite database"),
    (None, "not a safeguards database"),
    ("future", "schema version 99"),
])
def test_bad_database_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: object,
                                       says: str) -> None:
    db = tmp_path / "x.sqlite"
    if isinstance(content, bytes):
        db.write_bytes(content)
    else:
        con = sqlite3.connect(db)
        if content is None:
            con.execute("CREATE TABLE other (x)")
        else:
            con.executescript(__import__("safeguards.db.schema", fromlist=["SCHEMA"]).SCHEMA)
            con.execute("PRAGMA user_version = 99")
        con.commit()
        con.close()
    before = db.read_bytes()
    for argv in (["check", str(CASES / "kz-2022-abishev.yaml"), "--db", str(db), "--fail-on", "never"],
                 ["annex", "--db", str(db), "-o", str(tmp_path / "annex")],
                 ["report", "--db", str(db), "kz-2022-abishev", "-o", str(tmp_path / "r")]):
        capsys.readouterr()
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert f"{db}:0:0: error[bad-database]:" in err and says in err and "Traceback" not in err, err
    assert db.read_bytes() == before
    assert not (tmp_path / "annex").exists() and not (tmp_path / "r").exists()


def test_missing_database_for_annex_and_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "none.sqlite"
    assert main(["annex", "--db", str(db), "-o", str(tmp_path / "a")]) == 2
    assert "no such database" in capsys.readouterr().err
    assert not db.exists()


def test_streamed_text_is_audited_across_blocks_and_long_lines() -> None:
    import io

    from safeguards.annex.stream import AuditedText
    from safeguards.publish.withheld import Withheld

    text = "line\n" * 100 + "x " * 150 + "Timur Bekov" + " y" * 150 + "\nend\n"
    out = io.BytesIO()
    sink = AuditedText("annex.md", out, Withheld({"Timur Bekov": "[detainee]"}))
    sink.BLOCK = 64  # many small blocks: the name is cut across two of them
    for i in range(0, len(text), 7):
        sink.write(text[i:i + 7])
    sink.close()
    assert out.getvalue().decode() == text
    assert sink.leaks and {leak.where for leak in sink.leaks} == {"line 101"}
