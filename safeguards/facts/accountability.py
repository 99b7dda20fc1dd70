"""Accountability of perpetrators (CAT art 4): the offence charged, the penalty, and what barred punishment.

Art 4 requires torture to be an offence punished by penalties that reflect its grave nature. Charging a
lesser offence (abuse of power, exceeding authority), suspended sentences and fines, pardons, amnesties
and statutes of limitation defeat it (CAT art 4; GC2 para 5). The facts read prosecutions of
perpetrators (``proceedings[]`` of kind ``prosecution_of_perpetrators``) and, for what barred the case,
the investigations into the treatment.
"""

from __future__ import annotations

from safeguards.facts.context import CaseCtx, case_facts
from safeguards.facts.investigations import into_treatment
from safeguards.facts.registry import CASE, Facts, Instance, Rec, declare, known, records, rfact, sourced
from safeguards.model.case import Investigation, Proceeding

CUSTODIAL = frozenset({"imprisonment"})
LENIENT = frozenset({"suspended", "fine", "restriction_of_liberty", "ban_from_office", "none"})
BARS = frozenset({"pardon", "amnesty", "limitation"})
SANCTIONS = frozenset({"dismissed", "suspended", "demoted", "reprimand"})

declare("charged_with_torture", "bool", CASE, "a perpetrator was charged with the torture offence (false when every "
        "prosecution recorded charged a lesser offence)", "proceedings[].torture_offence")
declare("offences_charged", "list", CASE, "the offences the perpetrators were charged with, as recorded",
        "proceedings[].offence")
declare("perpetrators_convicted", "bool", CASE, "a perpetrator was convicted (false when every prosecution ended "
        "without a conviction, or every investigation ended without charges and no prosecution is recorded)",
        "proceedings[].convicted or sentence; investigations[].outcome")
declare("penalty_custodial", "bool", CASE, "every convicted perpetrator was sentenced to imprisonment that was "
        "not suspended (false when one received a suspended sentence, a fine or another non-custodial penalty)",
        "proceedings[].sentence")
declare("sentences", "list", CASE, "the penalties imposed, with their length in months where recorded",
        "proceedings[].sentence, sentence_months")
declare("impunity_measure", "bool", CASE, "a pardon, amnesty or statute of limitations ended the investigation, the "
        "prosecution or the punishment (false when every investigation and prosecution recorded says none did)",
        "investigations[].impunity, proceedings[].impunity")
declare("impunity_measures", "list", CASE, "which of pardon, amnesty, limitation applied",
        "investigations[].impunity, proceedings[].impunity")
declare("superiors_unprosecuted", "bool", CASE, "only junior officers were prosecuted although the sources implicate "
        "superiors (false when superiors were prosecuted too, or none is implicated)",
        "proceedings[].defendants_rank, superiors_implicated")
declare("officials_disciplined", "bool", CASE, "disciplinary action was taken against the officers implicated "
        "(false when every investigation recorded says none was)", "investigations[].disciplinary")


def prosecutions(ctx: CaseCtx) -> list[Rec[Proceeding]]:
    return [r for r in records(ctx.case.proceedings, "proceedings") if r.record.kind == "prosecution_of_perpetrators"]


def _sentence(p: Proceeding) -> str:
    return p.sentence if p.sentence_months is None else f"{p.sentence} ({p.sentence_months} months)"


def _convicted(p: Proceeding) -> bool | None:
    if p.convicted is not None:
        return p.convicted
    return True if p.sentence not in ("unknown", "none") else None


NO_CHARGE = frozenset({"closed_no_charges", "refused_to_open", "suspended"})


@case_facts
def _accountability(ctx: CaseCtx, episodes: list[Instance], f: Facts) -> None:
    pros = prosecutions(ctx)
    invs: list[Rec[Investigation]] = [r for r in into_treatment(ctx) if known(r) or r.record.outcome != "unknown"]
    _bars(f, pros, [r for r in invs if known(r)])
    sanctioned = [r for r in invs if known(r) and r.record.disciplinary in SANCTIONS]
    if sanctioned:
        f.put("officials_disciplined", rfact(sanctioned, True))
    elif invs and all(known(r) and r.record.disciplinary == "none" for r in invs):
        f.put("officials_disciplined", rfact(invs, False))
    convicted = [r for r in pros if _convicted(r.record) is True]
    by_inv = [r for r in invs if known(r) and r.record.outcome == "conviction"]
    if convicted or by_inv:
        f.put("perpetrators_convicted", rfact([*convicted, *by_inv], True))
    elif pros and all(_convicted(r.record) is False for r in pros):
        f.put("perpetrators_convicted", rfact(pros, False))
    elif not pros and invs and all(r.record.outcome in NO_CHARGE for r in invs) \
            and all(sourced(r) for r in invs):
        f.put("perpetrators_convicted", rfact(invs, False))
    if not pros:
        return
    torture = [r for r in pros if r.record.torture_offence is True]
    if torture:
        f.put("charged_with_torture", rfact(torture, True))
    elif all(r.record.torture_offence is False for r in pros):
        f.put("charged_with_torture", rfact(pros, False))
    named = [r for r in pros if r.record.offence]
    if named:
        f.put("offences_charged", rfact(named, [r.record.offence for r in named]))
    lenient = [r for r in convicted if r.record.sentence in LENIENT]
    # A prosecution whose conviction is unknown may still have ended in a lenient penalty.
    possible = [r for r in pros if _convicted(r.record) is not False]
    if lenient:
        f.put("penalty_custodial", rfact(lenient, False))
    elif convicted and all(r.record.sentence in CUSTODIAL for r in possible):
        f.put("penalty_custodial", rfact(possible, True))
    given = [r for r in convicted if r.record.sentence != "unknown"]
    if given:
        f.put("sentences", rfact(given, [_sentence(r.record) for r in given]))
    junior = [r for r in pros if r.record.defendants_rank == "junior_only" and r.record.superiors_implicated is True]
    if junior:
        f.put("superiors_unprosecuted", rfact(junior, True))
    elif all(r.record.defendants_rank == "includes_superiors" or r.record.superiors_implicated is False
             for r in pros):
        f.put("superiors_unprosecuted", rfact(pros, False))


def _bars(f: Facts, pros: list[Rec[Proceeding]], invs: list[Rec[Investigation]]) -> None:
    recs: list[Rec[Proceeding] | Rec[Investigation]] = [*invs, *pros]
    barred = [r for r in recs if r.record.impunity in BARS]
    if barred:
        f.put("impunity_measure", rfact(barred, True))
        f.put("impunity_measures", rfact(barred, sorted({r.record.impunity for r in barred})))
    elif recs and all(r.record.impunity == "none" for r in recs):
        f.put("impunity_measure", rfact(recs, False))
