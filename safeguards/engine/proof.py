"""Standard of proof of a finding: what the cited sources establish about the facts it rests on.

The grade follows what each source does with a fact, not the kind of document: a UN decision or a
judgment recites the complainant's allegations as well as the body's findings (standards.md F.2).
Each citation has a role (``finding``, ``uncontested``, ``record``, ``allegation``), stated in the case
file or taken from the source's kind (:func:`default_role`). Only a source the analyst read can give
more than an allegation, and only a source graded A-D for reliability.

One fact reaches (strongest first):

* finding_of_competent_body: a court, UN treaty body or official inquiry found it;
* not_contested_by_state: the source states that the State did not contest it;
* corroborated: a contemporaneous record of it, or at least two independent accounts (different
  origins once relayed stories are traced to their original) graded A-D, information not improbable
  (5), neither of them a source marked as not read;
* single_account: one account, or accounts that share one origin;
* no_source_cited: nothing is cited for it.

A finding is as strong as the weakest fact it needs. ``burden_not_discharged`` is assigned by the
engine, not from citations: injuries or a death in custody that the State has not explained.

These labels describe what the sources in the case file establish; they are not judicial findings,
and every report defines them (:data:`PROOF_TEXT`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from safeguards.model.case import Case, Source, Sourced
from safeguards.model.vocab import CitationRole, SourceKind
from safeguards.results import Proof, Text

ORDER: dict[Proof, int] = {
    "not_assessed": 0, "no_source_cited": 1, "single_account": 2, "corroborated": 3, "not_contested_by_state": 4,
    "burden_not_discharged": 5, "finding_of_competent_body": 6,
}

PROOF_TEXT: dict[Proof, str] = {
    "finding_of_competent_body": "every fact the finding needs is a finding of a court, UN treaty body or official "
                                 "inquiry, in a source the analyst read",
    "burden_not_discharged": "injuries or a death in custody are shown and the State has not given a satisfactory "
                             "explanation, so the burden of proof it bears is not discharged",
    "not_contested_by_state": "every fact the finding needs is at least stated, in a source the analyst read, to be "
                              "uncontested by the State",
    "corroborated": "every fact the finding needs rests at least on a contemporaneous medical or official record, or "
                    "on two or more independent sources graded A-D (sources relaying one original count once)",
    "single_account": "some fact the finding needs rests on one account only (or on accounts sharing one origin); "
                      "an allegation, not shown to be more",
    "no_source_cited": "some fact the finding needs cites no source (e.g. a flag set by the analyst)",
    "not_assessed": "not graded: only breach and met findings, and articles with a violation indicated, are graded",
}
LEGEND_NOTE = ("Standards of proof describe what the sources recorded in the case file establish about the facts "
               "each finding rests on; they are not judicial findings, and a stronger label is not a ruling.")

ROLE_TEXT: dict[CitationRole, str] = {
    "finding": "finding", "uncontested": "not contested by the State", "record": "record", "allegation": "allegation",
}
# Kinds whose plain citation is a contemporaneous record. UN decisions and court records recite
# allegations as well as findings, so a plain citation of one is an allegation until the file says more.
_RECORD_KINDS: frozenset[str] = frozenset({"medical_record"})
_GRADED = frozenset("ABCD")


def default_role(kind: SourceKind) -> CitationRole:
    """The role of a plain-id citation of a source of this kind."""
    return "record" if kind in _RECORD_KINDS else "allegation"


@dataclass(frozen=True)
class Cited:
    """One source cited for a fact, with the role it counts for and why, if it counts for less than stated."""

    source: Source
    role: CitationRole
    stated: CitationRole
    caveat: str | None = None

    def describe(self) -> dict[str, Any]:
        """The citation as plain data for a message: source id, role counted, role stated, caveat."""
        out: dict[str, Any] = {"source": self.source.id, "role": self.role}
        if self.stated != self.role:
            out["stated"] = self.stated
        if self.caveat:
            out["caveat"] = self.caveat
            if self.caveat == "weak_grade":
                out["grade"] = f"{self.source.reliability.source}{self.source.reliability.information}"
        return out


def cite(source: Source, stated: CitationRole | None) -> Cited:
    """The role a citation counts for: the stated role (or the kind's default), lowered to an allegation
    when the source was not read or is graded E/F."""
    role = stated or default_role(source.kind)
    if source.read is False:
        return Cited(source, "allegation", role, "not_read")
    if role == "allegation":
        weak = source.reliability.source not in _GRADED or source.reliability.information == 5
        return Cited(source, role, role, "weak_grade" if weak else None)
    if source.read is None:
        return Cited(source, "allegation", role, "read_not_stated")
    if source.reliability.source not in _GRADED:
        return Cited(source, "allegation", role, "weak_grade")
    return Cited(source, role, role)


class FactLike(Protocol):
    """What the grading needs of an engine fact: its source ids and the case-file paths it comes from."""

    @property
    def sources(self) -> Sequence[str]: ...

    @property
    def paths(self) -> Sequence[tuple[str | int, ...]]: ...


def _at(case: Case, path: Sequence[str | int]) -> Any:
    node: Any = case
    for item in path:
        try:
            node = node[item] if isinstance(item, int) else getattr(node, item)
        except (AttributeError, IndexError, TypeError):
            return None
    return node


_STRENGTH: dict[CitationRole, int] = {"allegation": 0, "record": 1, "uncontested": 2, "finding": 3}


def citations_of(case: Case, fact: FactLike, sources: Mapping[str, Source] | None = None) -> list[Cited]:
    """The citations a fact rests on: each source id of the fact with the role the records it is derived from
    give it (the strongest, when several records cite the same source)."""
    by_id = sources if sources is not None else {s.id: s for s in case.sources}
    stated: dict[str, CitationRole | None] = {sid: None for sid in fact.sources if sid in by_id}
    for path in fact.paths:
        rec = _at(case, path)
        if not isinstance(rec, Sourced):
            continue
        for sid, role in rec.citations():
            if sid in stated and role is not None:
                prev = stated[sid]
                if prev is None or _STRENGTH[role] > _STRENGTH[prev]:
                    stated[sid] = role
    return [cite(by_id[sid], role) for sid, role in stated.items()]


def _origin(source: Source, by_id: Mapping[str, Source]) -> str:
    """The original a source relays, following chains; the source itself when it relays nothing."""
    seen = {source.id}
    cur = source
    while cur.relays is not None:
        if cur.relays not in by_id:
            return cur.relays
        if cur.relays in seen:
            return min(seen)  # a cycle (validate reports it): one origin for all its members
        seen.add(cur.relays)
        cur = by_id[cur.relays]
    return cur.id


def _corroborates(source: Source) -> bool:
    # A source not read is known only through another source, so it is not independent of it.
    return (source.read is not False and source.reliability.source in _GRADED
            and source.reliability.information != 5)


@dataclass(frozen=True)
class FactGrade:
    label: Proof
    reason: dict[str, Any]  # cites (each citation's data) and, for several accounts, independent origins
    allegations_only: bool


def grade_fact(citations: Sequence[Cited], origins: Mapping[str, Source] | None = None) -> FactGrade:
    """The standard one fact reaches with these citations. ``origins`` resolves ``relays`` (default: the
    cited sources themselves)."""
    if not citations:
        return FactGrade("no_source_cited", {"cites": []}, True)
    by_id = origins if origins is not None else {c.source.id: c.source for c in citations}
    listed: dict[str, Any] = {"cites": [c.describe() for c in citations]}
    only_allegations = all(c.role == "allegation" for c in citations)
    ranked: tuple[tuple[CitationRole, Proof], ...] = (
        ("finding", "finding_of_competent_body"), ("uncontested", "not_contested_by_state"), ("record", "corroborated"))
    for role, label in ranked:
        if any(c.role == role for c in citations):
            return FactGrade(label, listed, only_allegations)
    independent = {_origin(c.source, by_id) for c in citations if _corroborates(c.source)}
    if len(independent) >= 2:
        return FactGrade("corroborated", {**listed, "origins": len(independent)}, only_allegations)
    if len(citations) > 1:
        return FactGrade("single_account", {**listed, "origins": len(independent)}, only_allegations)
    return FactGrade("single_account", listed, only_allegations)


@dataclass(frozen=True)
class Grade:
    """The standard of proof of one finding, the reason for it, and whether it rests on allegations alone."""

    label: Proof
    reason: Text | None
    allegations_only: bool


NOT_ASSESSED = Grade("not_assessed", None, False)


def grade_finding(facts: Mapping[str, Sequence[Cited]], origins: Mapping[str, Source] | None = None) -> Grade:
    """Grade a finding from the citations of each fact it needs (fact name -> citations).

    The finding takes the weakest fact's grade; the reason names that fact and its sources.
    ``allegations_only`` is true when no needed fact rests on more than allegations (or on nothing).
    """
    if not facts:
        return Grade("no_source_cited", Text.assemble(key="proof.no_fact", params={}), True)
    graded = {name: grade_fact(cites, origins) for name, cites in facts.items()}
    name, worst = min(graded.items(), key=lambda kv: ORDER[kv[1].label])
    return Grade(worst.label, Text.assemble(key="proof.weakest", params={"fact": name, **worst.reason}),
                 all(g.allegations_only for g in graded.values()))


def grade_case_finding(case: Case, facts: Mapping[str, FactLike],
                       sources: Mapping[str, Source] | None = None) -> Grade:
    """:func:`grade_finding` for engine facts of ``case`` (the engine's entry point)."""
    by_id = sources if sources is not None else {s.id: s for s in case.sources}
    return grade_finding({n: citations_of(case, f, by_id) for n, f in facts.items()}, by_id)


def strongest(standards: Iterable[Proof]) -> Proof:
    """The strongest of several standards (not assessed when there are none)."""
    items = list(standards)
    if not items:
        return "not_assessed"
    return max(items, key=lambda p: ORDER[p])

