"""Load a case file and check it: syntax, schema, references, chronology, consent, sourcing.

All problems in a file are collected in one pass. A file with schema errors
is still checked for references and chronology: the records that failed the
schema are set aside (their ids still count as defined) and the rest is
checked, so one run shows everything an analyst has to fix.
"""

from __future__ import annotations

import copy
import re
import time as _time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from safeguards.discovery import discover as discover  # re-exported: commands and tests import it from here
from safeguards.discovery import read_bounded
from safeguards.message import N_, Message, parse
from safeguards.model.case import (
    EVENT_TYPES,
    SCHEMA_VERSION,
    Case,
    Death,
    IllTreatment,
    Person,
    Source,
    Sourced,
    newer_fields,
)
from safeguards.model.timepoint import Interval, interval
from safeguards.problems import InputError, Level, Problem, sort_problems
from safeguards.schema_errors import field_names, pydantic_message, to_problems
from safeguards.yamlsource import Document, PathItem, load_file

YamlPath = tuple[PathItem, ...]
KNOWN_FIELDS = field_names([Case])
# An act of force at the apprehension may be dated this much before the recorded apprehension (project choice: the
# apprehension is the first restraint, so force used to make it comes at most minutes earlier; two hours absorb
# the imprecision of the times that sources give).
AT_APPREHENSION_TOLERANCE = 2 * 3600.0


@dataclass(frozen=True)
class Loaded:
    """The outcome of loading one case file."""

    path: str
    problems: tuple[Problem, ...]
    case: Case | None = None
    document: Document | None = None
    digest: str = ""

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.level is Level.ERROR)

    @property
    def ok(self) -> bool:
        return self.case is not None and not self.errors


def load(path: str, raw: bytes | None = None) -> Loaded:
    """Read, parse and check the case file at ``path`` (``raw`` when the bytes are already read)."""
    import hashlib

    if raw is None:
        try:
            raw = read_bounded(path)
        except InputError as exc:
            return Loaded(path, (exc.problem,))
    digest = hashlib.sha256(raw).hexdigest()
    try:
        doc = load_file(path, raw)
    except InputError as exc:
        return Loaded(path, (exc.problem,), digest=digest)
    return check_document(doc, digest)


def check_document(doc: Document, digest: str = "") -> Loaded:
    """Schema and semantic checks on a parsed document."""
    if not isinstance(doc.data, dict):
        line, col = doc.locate(())
        what = N_("empty") if doc.data is None else N_("a {type}", type=type(doc.data).__name__)
        return Loaded(doc.path, (Problem(doc.path, line, col, Level.ERROR, "not-a-mapping",
                                         N_("a case file must be a mapping of fields, this is {what}", what=what),
                                         N_("start from docs/case-files.md or an example in cases/")),),
                      None, doc, digest)
    problems: list[Problem] = list(doc.problems)
    case: Case | None = None
    checked: Case | None = None
    translate = _identity
    pruned_ids: set[str] = set()
    try:
        case = Case.model_validate(doc.data)
        checked = case
    except ValidationError as exc:
        problems.extend(to_problems(doc, exc, KNOWN_FIELDS))
        checked, translate, pruned_ids = _best_effort(doc.data, exc)
    if checked is not None:
        problems.extend(_Semantics(doc, checked, translate, pruned_ids).run())
    if any(p.level is Level.ERROR for p in doc.problems):
        case = None  # a file with a duplicate key must be fixed before it is used
    return Loaded(doc.path, tuple(sort_problems(problems)), case, doc, digest)


# --- best-effort model for files with schema errors ------------------------------------------


def _identity(p: YamlPath) -> YamlPath:
    return p


def _best_effort(data: dict[str, Any], exc: ValidationError) -> tuple[Case | None, Any, set[str]]:
    """Drop the records that failed the schema and validate the rest, keeping a path translation."""
    removals: set[YamlPath] = set()
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden":
            removals.add(loc)
            continue
        cut = None
        for i in range(len(loc) - 1, -1, -1):
            if isinstance(loc[i], int):
                cut = loc[: i + 1]
                break
        if cut is None:
            return None, _identity, set()
        removals.add(cut)
    pruned = copy.deepcopy(data)
    index_maps: dict[YamlPath, list[int]] = {}
    pruned_ids: set[str] = set()
    # Remove deepest paths first so that indices of outer lists stay valid.
    for loc in sorted(removals, key=len, reverse=True):
        parent: Any = pruned
        ok = True
        for item in _strip_tags(loc[:-1], data):
            try:
                parent = parent[item]
            except (KeyError, IndexError, TypeError):
                ok = False
                break
        last = loc[-1]
        if not ok:
            continue
        if isinstance(parent, list) and isinstance(last, int) and last < len(parent):
            item = parent[last]
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                pruned_ids.add(item["id"])
            key = _strip_tags(loc[:-1], data)
            index_maps.setdefault(key, list(range(len(parent))))
            parent[last] = _REMOVED
        elif isinstance(parent, dict) and isinstance(last, str):
            parent.pop(last, None)
    _compact(pruned)
    try:
        case = Case.model_validate(pruned)
    except ValidationError:
        return None, _identity, set()
    for key, indices in index_maps.items():
        index_maps[key] = [i for i in indices if _get(data, key + (i,)) is not None]
    removed: dict[YamlPath, set[int]] = {k: set() for k in index_maps}
    for loc in removals:
        stripped = _strip_tags(loc, data)
        if isinstance(stripped[-1], int) and stripped[:-1] in removed:
            removed[stripped[:-1]].add(stripped[-1])
    kept = {k: [i for i in range(len(_get(data, k) or [])) if i not in removed[k]] for k in index_maps}

    def translate(path: YamlPath) -> YamlPath:
        out: list[PathItem] = []
        for item in path:
            key = tuple(out)
            if isinstance(item, int) and key in kept and item < len(kept[key]):
                out.append(kept[key][item])
            else:
                out.append(item)
        return tuple(out)

    return case, translate, pruned_ids


class _Removed:
    pass


_REMOVED = _Removed()


def _compact(node: Any) -> None:
    if isinstance(node, dict):
        for value in node.values():
            _compact(value)
    elif isinstance(node, list):
        node[:] = [x for x in node if x is not _REMOVED]
        for value in node:
            _compact(value)


def _get(data: Any, path: YamlPath) -> Any:
    for item in path:
        try:
            data = data[item]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _strip_tags(loc: YamlPath, data: Any) -> YamlPath:
    """Remove union tags (e.g. the event type) that pydantic inserts into error locations."""
    out: list[PathItem] = []
    node = data
    for item in loc:
        if isinstance(node, dict) and isinstance(item, str) and item not in node and item in EVENT_TYPES:
            continue
        out.append(item)
        try:
            node = node[item]
        except (KeyError, IndexError, TypeError):
            node = None
    return tuple(out)


# --- semantic checks ----------------------------------------------------------------------------


@dataclass
class _Semantics:
    doc: Document
    case: Case
    translate: Any
    pruned_ids: set[str]
    problems: list[Problem] = field(default_factory=list)
    now: float = field(default_factory=_time.time)

    def add(self, path: YamlPath, code: str, message: Message, hint: Message, level: Level = Level.ERROR,
            key: bool = False) -> None:
        line, col = self.doc.locate(self.translate(path), key=key)
        self.problems.append(Problem(self.doc.path, line, col, level, code, message, hint))

    def run(self) -> list[Problem]:
        self._version()
        ids = self._ids()
        self._references(ids)
        self._consent()
        self._chronology()
        self._contested(ids)
        self._sourcing()
        return self.problems

    # schema version

    def _version(self) -> None:
        version = self.case.schema_version
        if version < SCHEMA_VERSION:
            self.add(("schema_version",), "schema-outdated",
                     N_("schema_version {version} is an earlier version of the case-file format (current: "
                        "{current}); it is still read, with the same meaning", version=version, current=SCHEMA_VERSION),
                     N_("run 'safeguards migrate --in-place {path}' to upgrade it", path=self.doc.path), Level.WARNING)
        for path, what in newer_fields(self.case, version):
            self.add(path, "schema-version-field",
                     N_("{what} is new in schema version {current}; this file says schema_version: {version}",
                        what=parse(what, _NEWER), current=SCHEMA_VERSION, version=version),
                     N_("run 'safeguards migrate --in-place {path}' first, or remove it", path=self.doc.path), key=True)

    # ids and references

    def _records(self) -> Iterator[tuple[YamlPath, BaseModel, str]]:
        c = self.case
        for i, person in enumerate(c.people):
            yield ("people", i), person, "person"
        for i, source in enumerate(c.sources):
            yield ("sources", i), source, "source"
        for i, ep in enumerate(c.episodes):
            yield ("episodes", i), ep, "episode"
            for j, place in enumerate(ep.places):
                yield ("episodes", i, "places", j), place, "place"
            for j, phase in enumerate(ep.phases):
                yield ("episodes", i, "phases", j), phase, "phase"
            for j, ev in enumerate(ep.events):
                yield ("episodes", i, "events", j), ev, "event"
                if isinstance(ev, Death):
                    for k, exam in enumerate(ev.body_examinations):
                        yield ("episodes", i, "events", j, "body_examinations", k), exam, "body_examination"
        for name in ("complaints", "investigations", "proceedings", "reprisals", "redress", "official_responses",
                     "removals", "notices", "contested"):
            for i, rec in enumerate(getattr(c, name)):
                yield (name, i), rec, name
        for i, inv in enumerate(c.investigations):
            if inv.independence is not None:
                yield ("investigations", i, "independence"), inv.independence, "independence"
        if c.committee is not None:
            yield ("committee",), c.committee, "committee"

    def _ids(self) -> dict[str, str]:
        kinds: dict[str, str] = {}
        for path, rec, kind in self._records():
            rid = getattr(rec, "id", None)
            if rid is None:
                continue
            if rid in kinds:
                self.add(path + ("id",), "duplicate-id",
                         N_("id {id!r} is already used by a {kind}", id=rid, kind=_kind(kinds[rid])),
                         N_("ids must be unique within a case file"))
            else:
                kinds[rid] = kind
        for rid in self.pruned_ids:
            kinds.setdefault(rid, "record")
        return kinds

    def _ref(self, ids: dict[str, str], path: YamlPath, value: str, wanted: tuple[str, ...], what: Message) -> None:
        kind = ids.get(value)
        if kind is None:
            self.add(path, "dangling-reference", N_("{what} {value!r} is not defined in this file", what=what,
                                                    value=value), _define_under(wanted[0]))
        elif "record" not in wanted and kind not in wanted and kind != "record":
            self.add(path, "wrong-reference",
                     N_("{what} {value!r} is a {kind}, not a {wanted}", what=what, value=value, kind=_kind(kind),
                        wanted=_either(wanted)),
                     N_("point at the right kind of record"))

    def _refs(self, ids: dict[str, str], path: YamlPath, values: list[str], wanted: tuple[str, ...],
              what: Message) -> None:
        for k, value in enumerate(values):
            self._ref(ids, path + (k,), value, wanted, what)

    def _references(self, ids: dict[str, str]) -> None:
        c = self.case
        self._ref(ids, ("subject",), c.subject, ("person",), N_("subject"))
        subject = c.person(c.subject)
        if subject is not None and subject.role != "detainee":
            self.add(("subject",), "subject-not-detainee",
                     N_("subject {subject!r} has role {role!r}", subject=c.subject, role=subject.role),
                     N_("the subject of a case file is the detainee"), Level.WARNING)
        for path, rec, kind in self._records():
            if isinstance(rec, Sourced):
                for k, item in enumerate(rec.cited):
                    # A citation's id is the item itself (plain form) or its `source` key (mapping form).
                    where = path + ("sources", k) + (() if isinstance(item, str) else ("source",))
                    self._ref(ids, where, item if isinstance(item, str) else item.source, ("source",), N_("source"))
            elif isinstance(rec, Person):
                self._refs(ids, path + ("sources",), rec.sources, ("source",), N_("source"))
            people = getattr(rec, "people", None)
            if isinstance(people, list) and kind == "event":
                self._refs(ids, path + ("people",), people, ("person",), N_("person"))
        for i, ep in enumerate(c.episodes):
            places = {p.id for p in ep.places}
            located = [(("episodes", i, "events", j, "place"), ev.place) for j, ev in enumerate(ep.events)]
            located += [(("episodes", i, "phases", j, "place"), ph.place) for j, ph in enumerate(ep.phases)]
            for where, place in located:
                if place is not None and place not in places:
                    self.add(where, "dangling-reference",
                             N_("place {place!r} is not one of this episode's places", place=place),
                             N_("add it under episodes[{i}].places or use one of: {places}", i=i,
                                places=", ".join(sorted(places)) or N_("none")))
        for i, person in enumerate(c.people):
            if person.nationality is not None and person.nationalities \
                    and person.nationalities[0] != person.nationality:
                self.add(("people", i, "nationalities", 0), "nationality-mismatch",
                         N_("{person}: nationality is {nationality} but nationalities starts with {first}",
                            person=person.id, nationality=person.nationality, first=person.nationalities[0]),
                         N_("list the nationality given in 'nationality' first"))
        for i, inv in enumerate(c.investigations):
            ind = inv.independence
            if ind is not None and (ind.independent is False or ind.impartial is False) and not ind.reason:
                self.add(("investigations", i, "independence"), "independence-reason",
                         N_("investigation {id} is recorded as not independent or not impartial without a reason",
                            id=inv.id),
                         N_("add 'reason:' as the source states it"), key=True)
        com = c.committee
        if com is not None and com.interim_measures_requested is False and com.interim_measures_respected is not None:
            self.add(("committee", "interim_measures_respected"), "interim-measures-not-requested",
                     N_("interim measures are said to be respected or not, but none were requested"),
                     N_("set interim_measures_requested: true, or leave interim_measures_respected out"), Level.WARNING)
        for i, comp in enumerate(c.complaints):
            if comp.by is not None:
                self._ref(ids, ("complaints", i, "by"), comp.by, ("person",), N_("person"))
            self._refs(ids, ("complaints", i, "about"), comp.about, ("episode", "event"), N_("episode or event"))
        for i, inv in enumerate(c.investigations):
            self._refs(ids, ("investigations", i, "triggered_by"), inv.triggered_by, ("complaints",), N_("complaint"))
        for i, rep in enumerate(c.reprisals):
            self._refs(ids, ("reprisals", i, "against"), rep.against, ("person",), N_("person"))
            self._refs(ids, ("reprisals", i, "follows"), rep.follows, ("complaints",), N_("complaint"))
        for i, proc in enumerate(c.proceedings):
            self._refs(ids, ("proceedings", i, "defendants"), proc.defendants, ("person",), N_("person"))
        for i, red in enumerate(c.redress):
            if red.adequacy_source is not None:
                self._ref(ids, ("redress", i, "adequacy_source"), red.adequacy_source, ("source",), N_("source"))
        for i, resp in enumerate(c.official_responses):
            self._refs(ids, ("official_responses", i, "evidence"), resp.evidence, ("source",), N_("source"))
        for i, ep in enumerate(c.episodes):
            for j, ev in enumerate(ep.events):
                during = getattr(ev, "during", None)
                if isinstance(during, str):
                    self._ref(ids, ("episodes", i, "events", j, "during"), during, ("event",), N_("event"))
        self._relays(ids)

    def _relays(self, ids: dict[str, str]) -> None:
        by_id = {s.id: s for s in self.case.sources}
        for i, src in enumerate(self.case.sources):
            if src.relays is None:
                continue
            self._ref(ids, ("sources", i, "relays"), src.relays, ("source",), N_("source"))
            seen = [src.id]
            cur: str | None = src.relays
            while cur is not None and cur in by_id and cur not in seen:
                seen.append(cur)
                cur = by_id[cur].relays
            if cur == src.id:
                self.add(("sources", i, "relays"), "relay-cycle",
                         N_("source {id!r} relays itself through {relays!r}", id=src.id, relays=src.relays),
                         N_("'relays' names the original the source quotes; it cannot lead back to the source"))

    # consent

    def _consent(self) -> None:
        for i, person in enumerate(self.case.people):
            consent = person.consent
            if consent.decision == "pseudonym_only" and not consent.pseudonym:
                self.add(("people", i, "consent"), "consent-pseudonym-missing",
                         N_("{person}: decision is pseudonym_only but no pseudonym is given", person=person.id),
                         N_("add consent.pseudonym (e.g. 'AA')"))
            if consent.decision == "publish_name" and consent.basis in ("no_consent", "unknown"):
                self.add(("people", i, "consent", "basis"), "consent-basis",
                         N_("{person}: name published with basis {basis!r}", person=person.id, basis=consent.basis),
                         N_("publish a name only with consent or when it is already public record"))
            if consent.decision == "publish_name" and not person.name:
                self.add(("people", i, "consent"), "consent-no-name",
                         N_("{person}: decision is publish_name but no name is recorded", person=person.id),
                         N_("add the name, or use pseudonym_only"), Level.WARNING)
            if consent.decision != "publish_name" and not person.name and not person.aliases \
                    and person.name_known is not False:
                self.add(("people", i), "withheld-name-unknown",
                         N_("{person}: withheld from publication, but the file does not record the name, so "
                            "nothing can recognise it where a source title or a note spells it", person=person.id),
                         N_("record the name (it never leaves the tool without consent), or state "
                            "'name_known: false' if the name is not known"))
        self._spelled()
        self._titles()

    def _spelled(self) -> None:
        """Ids, contexts, regions and place names that spell a withheld name (they are published as they are)."""
        from safeguards.publish.withheld import Withheld

        hidden = Withheld.for_case(self.case, "public")
        if not hidden:
            return
        c = self.case
        spots: list[tuple[YamlPath, str, Message]] = [(("id",), c.id, N_("the case id"))]
        spots += [(("context",), c.context, N_("the context"))] if c.context else []
        spots += [(("region",), c.region, N_("the region"))] if c.region else []
        for path, rec, kind in self._records():
            rid = getattr(rec, "id", None)
            if isinstance(rid, str):
                spots.append(((*path, "id"), rid, N_("the {kind} id", kind=_kind(kind))))
            if kind == "place":
                for name in ("name", "locality", "region"):
                    value = getattr(rec, name, None)
                    if value:
                        spots.append(((*path, name), value, N_("a place's {field}", field=name)))
        for path, value, what in spots:
            if hidden.hits(value):
                # The value is not echoed: validation output goes to consoles and CI logs, which may be public.
                self.add(path, "spells-withheld-name",
                         N_("{what} contains the name of a person who is not to be named; it is published as it is "
                            "(ids name report files and footnotes)", what=what),
                         N_("use a neutral value, e.g. an id such as kz-2022-001 or p-2"))

    def _titles(self) -> None:
        """A source title or citation that looks like it names a pseudonymised or confidential subject."""
        subject = self.case.person(self.case.subject)
        if subject is None or subject.consent.decision == "publish_name":
            return
        for i, source in enumerate(self.case.sources):
            for name in ("title", "citation"):
                text = getattr(source, name, None) or ""
                if _NAMES_A_PARTY.search(text):
                    self.add(("sources", i, name), "title-may-name-subject",
                             N_("{source}: the {field} looks like a case name or UN document symbol "
                                "('X v. State', 'CAT/C/../D/..') that identifies the pseudonymised subject",
                                source=source.id, field=name),
                             N_("cite the source by a neutral description, and keep the symbol out of published "
                                "fields"), Level.WARNING)

    # chronology

    def _when(self, text: str | None, approximate: bool = False) -> Interval | None:
        if text is None:
            return None
        try:
            return interval(text, self.case.timezone, approximate)
        except ValueError:
            return None

    def _future(self, path: YamlPath, iv: Interval | None) -> None:
        if iv is not None and iv.start > self.now:
            self.add(path, "future-date", N_("this time is in the future"), N_("check the year"))

    def _chronology(self) -> None:
        c = self.case
        starts: dict[str, Interval] = {}
        for i, ep in enumerate(c.episodes):
            appr = None
            for ev in ep.events:
                if ev.type == "apprehension" and ev.status == "happened":
                    appr = self._when(ev.at, ev.approximate)
                    break
            if appr is not None:
                starts[ep.id] = appr
            for j, ev in enumerate(ep.events):
                at = self._when(ev.at, ev.approximate)
                until = self._when(ev.until, ev.approximate)
                base = ("episodes", i, "events", j)
                self._future(base + ("at",), at)
                self._future(base + ("until",), until)
                if ev.id is not None and at is not None:
                    starts[ev.id] = at
                if at is not None and until is not None and until.end <= at.start:
                    self.add(base + ("until",), "chronology", N_("{type} ends before it starts", type=ev.type),
                             N_("check the 'at' and 'until' times"))
                if isinstance(ev, Death):
                    self._after(base, at, ev.autopsy_at, "autopsy_at", N_("the autopsy"))
                    for k, exam in enumerate(ev.body_examinations):
                        self._after(base, at, exam.at, ("body_examinations", k, "at"),
                                    N_("the examination of the body"))
                if ev.status != "happened" or at is None or appr is None or ev.type in ("apprehension", "death"):
                    continue
                if isinstance(ev, IllTreatment) and ev.at_apprehension is True:
                    if at.end + AT_APPREHENSION_TOLERANCE <= appr.start:
                        self.add(base + ("at",), "chronology",
                                 N_("force at the apprehension dated {at}, more than two hours before the "
                                    "apprehension", at=ev.at),
                                 N_("correct one of the two times, or the at_apprehension flag"))
                    continue
                if at.end <= appr.start:
                    self.add(base + ("at",), "chronology",
                             N_("{type} at {at} is before the apprehension", type=ev.type.replace("_", " "), at=ev.at),
                             N_("times count from the actual apprehension; correct one of the two times"))
            for j, ph in enumerate(ep.phases):
                base = ("episodes", i, "phases", j)
                start = self._when(ph.start, ph.approximate)
                until = self._when(ph.until, ph.approximate)
                self._future(base + ("from",), start)
                self._future(base + ("until",), until)
                if start is not None and until is not None and until.end <= start.start:
                    self.add(base + ("until",), "chronology",
                             N_("{status} period ends before it starts", status=ph.status.replace("_", " ")),
                             N_("check the 'from' and 'until' times"))
        for i, comp in enumerate(c.complaints):
            at = self._when(comp.at, comp.approximate)
            self._future(("complaints", i, "at"), at)
            for ref in comp.about:
                start = starts.get(ref)
                if at is not None and start is not None and at.end <= start.start:
                    self.add(("complaints", i, "at"), "chronology",
                             N_("complaint {id} is dated before the events it complains of ({ref})", id=comp.id,
                                ref=ref),
                             N_("correct the complaint date or what it is about"))
        complaint_at = {comp.id: self._when(comp.at, comp.approximate) for comp in c.complaints}
        for i, inv in enumerate(c.investigations):
            opened = self._when(inv.opened_at, inv.approximate)
            closed = self._when(inv.closed_at, inv.approximate)
            self._future(("investigations", i, "opened_at"), opened)
            self._future(("investigations", i, "closed_at"), closed)
            if opened is not None and closed is not None and closed.end <= opened.start:
                self.add(("investigations", i, "closed_at"), "chronology",
                         N_("investigation {id} is closed before it was opened", id=inv.id), N_("check both dates"))
        for i, rep in enumerate(c.reprisals):
            at = self._when(rep.at, rep.approximate)
            self._future(("reprisals", i, "at"), at)
            for ref in rep.follows:
                before = complaint_at.get(ref)
                if at is not None and before is not None and at.end <= before.start:
                    self.add(("reprisals", i, "at"), "chronology",
                             N_("reprisal {id} is dated before the complaint {ref} it is said to follow", id=rep.id,
                                ref=ref),
                             N_("correct the date or the 'follows' link"))
        for name in ("proceedings", "redress", "official_responses", "removals", "notices"):
            for i, rec in enumerate(getattr(c, name)):
                self._future((name, i, "at"), self._when(getattr(rec, "at", None)))
        if c.committee is not None:
            for key in ("submitted_at", "decision_at"):
                self._future(("committee", key), self._when(getattr(c.committee, key)))

    def _after(self, base: YamlPath, death: Interval | None, text: str | None, key: str | YamlPath,
               what: Message) -> None:
        """``text`` (a time of the death event at ``base``/``key``) must not be before the death."""
        got = self._when(text)
        where = base + ((key,) if isinstance(key, str) else key)
        self._future(where, got)
        if got is not None and death is not None and got.end <= death.start:
            self.add(where, "chronology", N_("{what} is dated before the death", what=what), N_("check both times"))

    # contested facts

    def _contested(self, ids: dict[str, str]) -> None:
        records = {getattr(rec, "id", None): rec for _, rec, _ in self._records()}
        for i, item in enumerate(self.case.contested):
            self._ref(ids, ("contested", i, "target", "record"), item.target.record, ("record",), N_("record"))
            rec = records.get(item.target.record)
            if rec is not None and item.target.field not in type(rec).model_fields:
                self.add(("contested", i, "target", "field"), "unknown-field",
                         N_("{record!r} has no field {field!r}", record=item.target.record, field=item.target.field),
                         N_("use one of: {fields}", fields=", ".join(sorted(type(rec).model_fields))))
            elif rec is not None:
                # Each version must be a value the field can hold, or the engine could not evaluate it.
                for k, version in enumerate(item.versions):
                    try:
                        type(rec).model_validate({**rec.model_dump(exclude_unset=True),
                                                  item.target.field: version.value})
                    except ValidationError as exc:
                        reason = pydantic_message(exc.errors(include_url=False)[0])
                        self.add(("contested", i, "versions", k, "value"), "contested-value",
                                 N_("version {n} does not fit {record}.{field}: {reason}", n=k + 1,
                                    record=item.target.record, field=item.target.field, reason=reason),
                                 N_("give a value the field accepts"))
            for k, version in enumerate(item.versions):
                self._refs(ids, ("contested", i, "versions", k, "sources"), version.sources, ("source",), N_("source"))

    # sourcing

    def _sourcing(self) -> None:
        used: set[str] = set()
        by_id = {s.id: s for s in self.case.sources}
        for path, rec, kind in self._records():
            srcs = rec.source_ids() if isinstance(rec, Sourced) else ()
            used.update(srcs)
            if isinstance(rec, Sourced):
                self._unread(path, rec, by_id)
            if kind in ("event", "complaints", "investigations", "proceedings", "reprisals", "redress",
                        "official_responses", "removals", "notices", "phase", "independence", "committee",
                        "body_examination") and not srcs:
                status = getattr(rec, "status", "happened")
                if status != "unknown":
                    self.add(path, "unsourced-fact", N_("{record} cites no source", record=_label(rec, kind)),
                             N_("add 'sources: [id]'; every fact needs a source"), Level.WARNING)
        for item in self.case.contested:
            for version in item.versions:
                used.update(version.sources)
        for person in self.case.people:
            used.update(person.sources)
        for resp in self.case.official_responses:
            used.update(resp.evidence)
        # The original of a relayed story is used through the sources that relay it.
        used.update(s.relays for s in self.case.sources if s.relays is not None and s.id in used)
        for i, src in enumerate(self.case.sources):
            if src.id not in used:
                self.add(("sources", i, "id"), "unused-source",
                         N_("source {id!r} is not cited by any fact", id=src.id), N_("cite it or remove it"),
                         Level.WARNING)


    def _unread(self, path: YamlPath, rec: Sourced, by_id: dict[str, Source]) -> None:
        for k, (sid, role) in enumerate(rec.citations()):
            src = by_id.get(sid)
            # read: false with a stronger role is deliberate (the report says "cited, not read"); an
            # unstated read is more likely an omission.
            if role in (None, "allegation") or src is None or src.read is not None:
                continue
            self.add(path + ("sources", k, "as"), "read-not-stated",
                     N_("source {id!r} is cited as {role!r} but does not say whether it was read: it counts as "
                        "an allegation", id=sid, role=role),
                     N_("set 'read: true' on the source once you have read it"), Level.WARNING)


_SECTIONS = {"person": "people", "source": "sources", "episode": "episodes", "complaints": "complaints"}
# What a reader is told a record is, by the kind ``_records`` gives it (English as the kinds are written).
_KINDS = {
    "person": N_("person"), "source": N_("source"), "episode": N_("episode"), "place": N_("place"),
    "phase": N_("phase"), "event": N_("event"), "body_examination": N_("body_examination"),
    "complaints": N_("complaints"), "investigations": N_("investigations"), "proceedings": N_("proceedings"),
    "reprisals": N_("reprisals"), "redress": N_("redress"), "official_responses": N_("official_responses"),
    "removals": N_("removals"), "notices": N_("notices"), "contested": N_("contested"),
    "independence": N_("independence"), "committee": N_("committee"), "record": N_("record"),
}
# A record without a type of its own, as an unsourced-fact warning names it.
_LABELS = {
    "complaints": N_("complaint"), "investigations": N_("investigation"), "proceedings": N_("proceeding"),
    "reprisals": N_("reprisal"), "redress": N_("redres"), "official_responses": N_("official_response"),
    "removals": N_("removal"), "notices": N_("notice"), "phase": N_("phase"), "independence": N_("independence"),
    "committee": N_("committee"), "body_examination": N_("body_examination"), "event": N_("event"),
}
_NEWER = (N_("field {key}"), N_("value {value} of {key}"))


def _kind(kind: str) -> Message:
    return _KINDS.get(kind) or Message(kind)


def _either(kinds: tuple[str, ...]) -> Message:
    """``person``, or ``episode or event``."""
    out = _kind(kinds[0])
    for other in kinds[1:]:
        out = N_("{first} or {second}", first=out, second=_kind(other))
    return out


def _define_under(kind: str) -> Message:
    section = _SECTIONS.get(kind)
    if section is not None:
        return N_("define it under {section} or correct the id", section=section)
    if kind == "event":
        return N_("define it under an episode's events or correct the id")
    return N_("define it under the records or correct the id")


_NAMES_A_PARTY = re.compile(r"\b[A-Z][\w'-]+\s+v(?:s)?\.?\s+[A-Z]|\b(?:CAT|CCPR)/C/\d+/D/\d+/\d+|\bv\. [A-Z]")


def _label(rec: BaseModel, kind: str) -> str:
    rid = getattr(rec, "id", None)
    typ = getattr(rec, "type", None)  # an event's type is a case-file value, printed as written
    what: str = str(typ) if typ else _LABELS.get(kind) or _kind(kind)
    return N_("{what} {id}", what=what, id=rid) if rid else what
