"""``annex --db FILE``: the annex from the database, built from SQL aggregates and streamed to the writers.

The cases chosen (context, dates, audience) go into a temporary table in annex order; their rows are
redacted once, with the union of every file's withheld names, and numbered into a second temporary
table; counts, figures and the re-identification check are SQL aggregates; each writer then reads
the rows in order, so memory does not grow with the number of cases. The output is the same, byte
for byte, as ``annex`` on the same case files.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from safeguards.annex import texts
from safeguards.annex.build import Collected, _redacted, assemble
from safeguards.annex.model import Annex, ArticleSection, CaseRow, Figures, SourceEntry
from safeguards.annex.reid import COARSEN, COMBOS, warnings
from safeguards.annex.stream import AnnexStream, Entry
from safeguards.db.store import bad_database
from safeguards.i18n import Translator, translator
from safeguards.message import N_, Message
from safeguards.privacy import Audience
from safeguards.publish.withheld import Withheld
from safeguards.rules.compile import RuleSet

_CHOSEN = """
CREATE TEMP TABLE chosen AS
SELECT case_id, row_number() OVER (ORDER BY coalesce(apprehended, ''), case_id) AS pos
FROM cases
WHERE (:context IS NULL OR context = :context)
  AND ((:date_from IS NULL AND :date_to IS NULL) OR (apprehended_at IS NOT NULL
       AND (:date_from IS NULL OR substr(apprehended_at, 1, length(:date_from)) >= :date_from)
       AND (:date_to IS NULL OR substr(apprehended_at, 1, length(:date_to)) <= :date_to)))
  AND NOT (:public AND confidential)
"""
_LEFT_OUT = """
SELECT count(*) FROM cases
WHERE (:context IS NULL OR context = :context)
  AND ((:date_from IS NULL AND :date_to IS NULL) OR (apprehended_at IS NOT NULL
       AND (:date_from IS NULL OR substr(apprehended_at, 1, length(:date_from)) >= :date_from)
       AND (:date_to IS NULL OR substr(apprehended_at, 1, length(:date_to)) <= :date_to)))
  AND :public AND confidential
"""


@dataclass(frozen=True)
class FromDb:
    """An annex read from the database: the stream for the writers, and what the command reports."""

    stream: AnnexStream
    hidden: Withheld
    con: sqlite3.Connection
    k_alike: str  # the SQL of the re-identification counts

    def reid_warnings(self, k: int) -> list[Message]:
        """The re-identification warnings, case by case in annex order (for a public annex)."""
        rows = ((case, bool(pseud), {coarse: n for coarse, n in zip([frozenset(), *COMBOS], counts, strict=True)})
                for case, pseud, *counts in self.con.execute(self.k_alike))
        return list(warnings(rows, self.stream.count, k))


def refuse_stale(con: sqlite3.Connection, path: str, key: str) -> None:
    """Refuse a database holding invalid files, or results of another rule set, profile, language or version."""
    bad = con.execute("SELECT path, problems FROM files WHERE problems > 0 ORDER BY path LIMIT 20").fetchall()
    if bad:
        names = ", ".join(p for p, _ in bad)
        raise bad_database(path, N_("holds case files that did not validate ({names})", names=names),
                           N_("fix them and run 'check --db' again, or run it without them and with --prune"))
    other = con.execute("SELECT count(*) FROM files WHERE run_key <> ?", (key,)).fetchone()[0]
    if other:
        raise bad_database(path, N_("{count} case file(s) were checked with another rule set, profile, language or "
                                  "version (the annex's summaries are kept in the language of the check)", count=other),
                           N_("run 'safeguards check CASES... --db FILE' with the same --rules, --profile and "
                              "--lang first"))
    if not con.execute("SELECT count(*) FROM files").fetchone()[0]:
        raise bad_database(path, N_("holds no case files"), N_("run 'safeguards check CASES... --db FILE' first"))


def _everyone_withheld(con: sqlite3.Connection, audience: str) -> Withheld:
    """The names withheld in any file, the first file's label winning (files in path order, as a folder is read)."""
    names: dict[str, str] = {}
    for name, label in con.execute(
            "SELECT w.name, w.label FROM withheld w JOIN files f ON f.path = w.path WHERE w.audience = ? AND "
            "w.kind = CASE WHEN f.problems > 0 THEN 'file' ELSE 'case' END ORDER BY w.path, w.seq", (audience,)):
        names.setdefault(name, label)
    return Withheld(names, light=True)


def _redact_into_temp(con: sqlite3.Connection, audience: str, hidden: Withheld) -> None:
    """Each chosen case's row redacted and its sources numbered, into ``temp.annex_out`` in annex order."""
    con.execute("CREATE TEMP TABLE annex_out (pos INTEGER PRIMARY KEY, row TEXT NOT NULL, sources TEXT NOT NULL)")
    number = 0
    batch: list[tuple[int, str, str]] = []
    read = con.cursor()
    for pos, row_json, sources_json in read.execute(
            "SELECT c.pos, r.row, r.sources FROM temp.chosen c JOIN annex_rows r ON r.case_id = c.case_id AND "
            "r.audience = ? ORDER BY c.pos", (audience,)):
        entries = []
        for key, text in json.loads(sources_json):
            number += 1
            entries.append(SourceEntry(number=number, key=key, text=hidden.redact(text)).model_dump())
        row = _redacted(CaseRow.model_validate_json(row_json), hidden)
        row = row.model_copy(update={"sources": [e["number"] for e in entries]})
        batch.append((pos, row.model_dump_json(), json.dumps(entries, ensure_ascii=False)))
        if len(batch) >= 1000:
            con.executemany("INSERT INTO temp.annex_out VALUES (?, ?, ?)", batch)
            batch = []
    con.executemany("INSERT INTO temp.annex_out VALUES (?, ?, ?)", batch)


def _counts(con: sqlite3.Connection, sql: str) -> dict[str, int]:
    return {k: n for k, n in con.execute(sql)}


def _figures(con: sqlite3.Connection, t: Translator) -> Figures:
    chosen = "FROM cases JOIN temp.chosen USING (case_id)"
    breaches: Counter[str] = Counter()
    for sg, n in con.execute("SELECT f.safeguard, count(DISTINCT f.case_id) FROM findings f JOIN temp.chosen c "
                             "ON c.case_id = f.case_id WHERE f.law = 'convention' AND f.outcome = 'breach' "
                             "GROUP BY f.safeguard"):
        breaches[texts.safeguard_label(t, sg)] += n
    sums = con.execute(f"SELECT coalesce(sum(complaint_made = 1), 0), coalesce(sum(investigation_opened = 1), 0), "
                       f"coalesce(sum(prosecution = 1), 0) {chosen}").fetchone()
    return Figures(
        by_context=_counts(con, f"SELECT coalesce(nullif(context, ''), 'none') AS k, count(*) {chosen} "
                                "GROUP BY k ORDER BY k"),
        by_region=_counts(con, f"SELECT coalesce(nullif(region, ''), 'unknown') AS k, count(*) {chosen} "
                               "GROUP BY k ORDER BY k"),
        by_sex=_counts(con, f"SELECT sex AS k, count(*) {chosen} GROUP BY k ORDER BY k"),
        by_age_group=_counts(con, f"SELECT age_group AS k, count(*) {chosen} GROUP BY k ORDER BY k"),
        treatment=_counts(con, f"SELECT treatment AS k, count(*) {chosen} GROUP BY k ORDER BY k"),
        complaints_made=sums[0], investigations_opened=sums[1], prosecutions=sums[2],
        breaches_by_safeguard=dict(sorted(breaches.items(), key=lambda kv: (-kv[1], kv[0]))))


def _articles(con: sqlite3.Connection, empty: list[ArticleSection], t: Translator) -> list[ArticleSection]:
    """The by-article sections of ``assemble`` (made with no case) with the chosen cases counted."""
    counts: dict[tuple[str, str], Counter[str]] = {}
    for art, sg, outcome, n in con.execute("SELECT o.article, o.safeguard, o.outcome, count(*) FROM annex_outcomes o "
                                           "JOIN temp.chosen c ON c.case_id = o.case_id GROUP BY 1, 2, 3"):
        counts.setdefault((art, texts.safeguard_label(t, sg)), Counter())[outcome] += n
    violations = _counts(con, "SELECT a.article, count(*) FROM article_conclusions a JOIN temp.chosen c ON "
                              "c.case_id = a.case_id WHERE a.outcome = 'violation_indicated' GROUP BY a.article")
    out = []
    for section in empty:
        lines = []
        for line in section.safeguards:
            c = counts.get((section.article, line.safeguard), Counter())
            lines.append(line.model_copy(update={"breach": c["breach"], "met": c["met"], "contested": c["contested"],
                                                 "insufficient_information": c["insufficient_information"]}))
        out.append(section.model_copy(update={"safeguards": lines,
                                              "cases_with_violation": violations.get(section.article, 0)}))
    return out


def _k_alike_sql() -> str:
    """Per chosen case in annex order: id, pseudonymised, and how many chosen cases share its key under no
    coarsening and under each coarsening of ``annex.reid`` (NULLs are alike, as None is in Python)."""
    def key(coarse: frozenset[str]) -> str:
        place = "region" if "place" in coarse else "coalesce(nullif(locality, ''), region)"
        date = "substr(apprehended, 1, 7)" if "date" in coarse else "apprehended"
        age = "age_group" if "age" in coarse else "age"
        return f"{place}, {date}, {age}, sex, context"

    assert set(COARSEN) == {"date", "place", "age"}
    windows = ", ".join(f"count(*) OVER (PARTITION BY {key(c)})" for c in [frozenset(), *COMBOS])
    return (f"SELECT cases.case_id, pseudonymised, {windows} FROM cases JOIN temp.chosen USING (case_id) "
            "ORDER BY pos")


def from_db(con: sqlite3.Connection, rules: RuleSet, profile: str, audience: Audience, context: str | None,
            date_from: str | None, date_to: str | None, lang: str = "en") -> FromDb:
    """The annex of the database's cases for ``audience``, filtered as ``annex`` filters case files, in ``lang``
    (the language the database was checked in: its summaries are written in it)."""
    t = translator(lang)
    params = {"context": context, "date_from": date_from, "date_to": date_to, "public": audience == "public"}
    con.execute("DROP TABLE IF EXISTS temp.chosen")
    con.execute("DROP TABLE IF EXISTS temp.annex_out")
    con.execute(_CHOSEN, params)
    con.execute("CREATE INDEX temp.chosen_case ON chosen(case_id)")
    left_out = con.execute(_LEFT_OUT, params).fetchone()[0]
    hidden = _everyone_withheld(con, audience)
    _redact_into_temp(con, audience, hidden)
    count, confidential = con.execute("SELECT count(*), coalesce(sum(confidential), 0) FROM cases "
                                      "JOIN temp.chosen USING (case_id)").fetchone()
    first, last = con.execute("SELECT min(apprehended), max(apprehended) FROM cases JOIN temp.chosen "
                              "USING (case_id) WHERE apprehended IS NOT NULL AND apprehended <> ''").fetchone()
    empty = assemble(Collected([], left_out, [], lang=lang), rules, profile, audience)
    methodology: dict[str, Any] = {**empty.methodology, "cases": count,
                                   "period": texts.period_text(t, first[:10] if first else None,
                                                               last[:10] if last else None)}
    head = Annex.model_validate({**empty.model_dump(), "methodology": methodology,
                                 "articles": [a.model_dump() for a in _articles(con, empty.articles, t)],
                                 "figures": _figures(con, t).model_dump()})

    def entries() -> Iterator[Entry]:
        for row, sources in con.cursor().execute("SELECT row, sources FROM temp.annex_out ORDER BY pos"):
            yield CaseRow.model_validate_json(row), [SourceEntry.model_validate(s) for s in json.loads(sources)]

    def sources() -> Iterator[SourceEntry]:
        for (text,) in con.cursor().execute("SELECT sources FROM temp.annex_out ORDER BY pos"):
            yield from (SourceEntry.model_validate(s) for s in json.loads(text))

    stream = AnnexStream(head=head, entries=entries, sources=sources, count=count, confidential=confidential)
    return FromDb(stream, hidden, con, _k_alike_sql())
