"""Opening the database and writing what ``check --db`` learns of each case file into it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from safeguards.db.schema import SCHEMA, VERSION
from safeguards.message import N_
from safeguards.problems import Level, Problem, SafeguardsError

AUDIENCES = ("public", "committee", "internal")
BATCH = 500  # cases written per transaction


class DatabaseError(SafeguardsError):
    """A database file that cannot be used, named with what to do."""


# SQLite's own reasons, translatable (another reason is printed as SQLite gives it).
SQLITE_REASONS = {
    "file is not a database": N_("file is not a database"),
    "unable to open database file": N_("unable to open database file"),
    "database disk image is malformed": N_("database disk image is malformed"),
    "database is locked": N_("database is locked"),
    "attempt to write a readonly database": N_("attempt to write a readonly database"),
}


def bad_database(path: str, message: str, hint: str) -> DatabaseError:
    return DatabaseError(Problem(path, 0, 0, Level.ERROR, "bad-database", message, hint))


def connect(path: str, create: bool) -> sqlite3.Connection:
    """The database at ``path`` (created with the schema when ``create`` and it does not exist), checked to be
    a safeguards database of this schema version."""
    p = Path(path)
    if not p.exists() and not create:
        raise bad_database(path, N_("no such database"), N_("run 'safeguards check CASES... --db FILE' to make it"))
    if p.exists() and not p.is_file():
        raise bad_database(path, N_("not a regular file"), N_("give the path of a database file"))
    if not p.exists() and not p.parent.is_dir():
        raise bad_database(path, N_("the folder {folder} does not exist", folder=str(p.parent)),
                           N_("make the folder first (the database is a file in it), or give another path"))
    new = not p.exists() or p.stat().st_size == 0
    try:
        con = sqlite3.connect(path, isolation_level=None)  # transactions are begun and committed explicitly
        con.execute("PRAGMA foreign_keys = ON")
        version = con.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if new and create:
            con.execute("PRAGMA journal_mode = WAL")
            con.executescript(f"BEGIN; {SCHEMA} PRAGMA user_version = {VERSION}; COMMIT;")
        elif "files" not in tables or version == 0:
            con.close()
            raise bad_database(path, N_("not a safeguards database (an SQLite file with other tables)"),
                               N_("give a file made by 'safeguards check --db', or a new file name"))
        elif version != VERSION:
            con.close()
            raise bad_database(path, N_("database schema version {version}, this safeguards reads version {known}",
                                  version=version, known=VERSION),
                               N_("make a new database with 'safeguards check CASES... --db NEW-FILE'"))
        con.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as exc:
        raise bad_database(path, N_("not an SQLite database ({reason})", reason=SQLITE_REASONS.get(str(exc), str(exc))),
                           N_("give a file made by 'safeguards check --db', or a new file name")) from None
    return con


def meta(con: sqlite3.Connection) -> dict[str, str]:
    return dict(con.execute("SELECT key, value FROM meta").fetchall())


@dataclass
class Record:
    """Everything the database keeps of one case file, made where the case was evaluated."""

    path: str
    sha256: str
    content: bytes
    problems: int = 0
    case: dict[str, Any] | None = None  # the cases row
    findings: list[tuple[Any, ...]] = field(default_factory=list)
    conclusions: list[tuple[str, str, str]] = field(default_factory=list)
    annex_outcomes: list[tuple[str, str, str]] = field(default_factory=list)
    annex_rows: list[tuple[str, str, str]] = field(default_factory=list)  # audience, row JSON, sources JSON
    withheld: list[tuple[str, str, int, str, str]] = field(default_factory=list)  # kind, audience, seq, name, label


def record_case(path: str, raw: bytes, loaded: Any, result: Any, rules: Any, lang: str = "en") -> Record:
    """The record of a valid, evaluated case: the annex's summary of it for every audience (written in ``lang``)
    among the rest."""
    from safeguards.annex.build import _apprehension, summarise
    from safeguards.facts import derive
    from safeguards.publish.withheld import withheld_in_file, withheld_names

    case = loaded.case
    summaries = {a: summarise(loaded, result, rules, a, lang) for a in AUDIENCES}  # type: ignore[arg-type]
    first = summaries["public"]
    when = _apprehension(case)[0]
    facts = derive(case)[0].facts

    def tri(name: str) -> int | None:
        fact = facts.get(name)
        return None if fact is None or not isinstance(fact.value, bool) else int(fact.value)

    counts = result.score.counts
    q = first.quasi
    row = {"case_id": case.id, "path": path, "title": case.title, "jurisdiction": case.jurisdiction,
           "context": case.context, "region": case.region, "apprehended_at": when, "apprehended": q.day,
           "locality": q.locality, "place": first.row.place, "sex": first.row.sex, "age": q.age,
           "age_group": first.row.age_group, "confidential": int(first.row.confidential),
           "pseudonymised": int(q.pseudonymised), "treatment": first.treatment,
           "complaint_made": tri("complaint_made"), "investigation_opened": tri("investigation_opened"),
           "prosecution": tri("prosecution"),
           **{k: counts.get(k, 0) for k in ("breach", "contested", "insufficient_information", "met",
                                            "not_applicable")},
           "shown_met": result.score.shown_met, "completeness": result.score.completeness}
    findings = [(case.id, f.law, f.rule_id, f.instance, f.safeguard, json.dumps(f.articles), f.severity, f.outcome,
                 f.standard_of_proof) for f in [*result.findings, *result.national]]
    in_file = withheld_in_file(path, "public")  # what check withholds from every report of a run
    withheld = [("file", "public", i, n, label) for i, (n, label) in enumerate(in_file.items())]
    for audience in AUDIENCES:
        names = withheld_names(case.people, audience)  # type: ignore[arg-type]
        withheld += [("case", audience, i, n, label) for i, (n, label) in enumerate(names.items())]
    return Record(
        path=path, sha256=loaded.digest, content=raw, case=row, findings=findings,
        conclusions=[(a.article, a.outcome, a.standard_of_proof) for a in result.articles],
        annex_outcomes=[(art, sg, outcome) for (art, sg), outcome in sorted(first.by_article_safeguard.items())],
        annex_rows=[(a, s.row.model_dump_json(), json.dumps(s.sources, ensure_ascii=False))
                    for a, s in summaries.items()],
        withheld=withheld)


def record_invalid(path: str, raw: bytes, sha256: str, problems: Sequence[Problem]) -> Record:
    """The record of a file that did not validate: its digest, how many errors, and the names it withholds."""
    from safeguards.publish.withheld import withheld_in_file

    withheld = []
    for audience in AUDIENCES:
        names = withheld_in_file(path, audience)  # type: ignore[arg-type]
        withheld += [("file", audience, i, n, label) for i, (n, label) in enumerate(names.items())]
    return Record(path=path, sha256=sha256, content=raw, problems=max(1, len(problems)), withheld=withheld)


class Writer:
    """Writes records in batches, each batch one transaction: a case's old rows go and its new rows come in the
    same transaction, so a reader never sees half a case."""

    def __init__(self, con: sqlite3.Connection, run_key: str) -> None:
        self.con, self.run_key = con, run_key
        self.pending: list[Record] = []

    def add(self, record: Record) -> None:
        self.pending.append(record)
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        con = self.con
        con.execute("BEGIN IMMEDIATE")
        try:
            for r in self.pending:
                self._put(r)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        self.pending = []

    def _put(self, r: Record) -> None:
        con = self.con
        case_id = r.case["case_id"] if r.case else None
        con.execute("DELETE FROM files WHERE path = ?", (r.path,))
        if case_id is not None:  # the case moved to another file: the newer file holds it now
            con.execute("DELETE FROM files WHERE case_id = ?", (case_id,))
        con.execute("INSERT INTO files (path, sha256, run_key, case_id, problems, content) VALUES (?, ?, ?, ?, ?, ?)",
                    (r.path, r.sha256, self.run_key, case_id, r.problems, r.content))
        if r.case is not None:
            cols = ", ".join(r.case)
            con.execute(f"INSERT INTO cases ({cols}) VALUES ({', '.join('?' * len(r.case))})",
                        tuple(r.case.values()))
            con.executemany("INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", r.findings)
            con.executemany("INSERT INTO article_conclusions VALUES (?, ?, ?, ?)",
                            [(case_id, *c) for c in r.conclusions])
            con.executemany("INSERT INTO annex_outcomes VALUES (?, ?, ?, ?)",
                            [(case_id, *o) for o in r.annex_outcomes])
            con.executemany("INSERT INTO annex_rows VALUES (?, ?, ?, ?)", [(case_id, *a) for a in r.annex_rows])
        con.executemany("INSERT INTO withheld VALUES (?, ?, ?, ?, ?, ?)", [(r.path, *w) for w in r.withheld])

    def set_meta(self, values: dict[str, str]) -> None:
        self.flush()
        self.con.execute("BEGIN IMMEDIATE")
        self.con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", sorted(values.items()))
        self.con.execute("COMMIT")

    def prune(self, keep: Iterable[str]) -> int:
        """Remove every file not in ``keep`` (with all its rows); the number removed."""
        self.flush()
        con = self.con
        con.execute("CREATE TEMP TABLE IF NOT EXISTS keep (path TEXT PRIMARY KEY)")
        con.execute("BEGIN IMMEDIATE")
        try:
            con.execute("DELETE FROM temp.keep")
            con.executemany("INSERT OR IGNORE INTO temp.keep VALUES (?)", ((p,) for p in keep))
            gone = con.execute("DELETE FROM files WHERE path NOT IN (SELECT path FROM temp.keep)").rowcount
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return int(gone)
