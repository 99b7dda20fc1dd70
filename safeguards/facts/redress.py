"""Redress: compensation (its amount, adequacy and payment) and rehabilitation, each judged on its own.

Any payment is not redress: compensation counts only when an assessment cited for it finds it fair and adequate
and it was actually paid; rehabilitation only when it is found as full as possible. A record of unknown status, or
an adequacy judgment without a source for it, decides nothing.
"""

from __future__ import annotations

from safeguards.facts.context import CaseCtx, case_facts
from safeguards.facts.registry import CASE, Facts, Instance, Rec, declare, records, rfact
from safeguards.model.case import Redress


def _adequate(r: Redress) -> bool | None:
    """Adequacy as assessed by a cited source; None when not assessed or the assessment has no source."""
    return r.adequate if r.adequacy_source is not None else None


def _outcome(recs: list[Rec[Redress]], f: Facts, name: str, paid_needed: bool) -> None:
    """True if a provided record is adequate (and paid); False if none was provided or each provided one is
    inadequate (or unpaid); else absent."""
    known = [r for r in recs if r.record.status != "unknown"]
    given = [r for r in known if r.record.status == "happened"]
    good = [r for r in given if _adequate(r.record) is True and (not paid_needed or r.record.paid is True)]
    if good:
        f.put(name, rfact(good, True))
        return
    if any(r.record.status == "unknown" for r in recs):
        return  # a record of unknown status may be the redress given
    if given:
        bad = [r for r in given if _adequate(r.record) is False or (paid_needed and r.record.paid is False)]
        if len(bad) == len(given):
            f.put(name, rfact(bad, False))
    elif known:
        f.put(name, rfact(known, False))


declare("compensation_effective", "bool", CASE, "fair and adequate compensation was awarded and actually paid "
        "(false when none was provided, or each award is assessed as inadequate, e.g. a token sum, or was not paid)",
        "redress[] of kind compensation: status, adequate with adequacy_source, paid")
declare("rehabilitation_effective", "bool", CASE, "rehabilitation as full as possible was provided (false when "
        "none was provided or what was provided is assessed as inadequate)",
        "redress[] of kind rehabilitation: status, adequate with adequacy_source")
declare("compensation_amount", "string", CASE, "the amount of compensation awarded, as recorded",
        "redress[].amount")
declare("redress_as_of", "string", CASE, "the date the redress information is current to (the latest as_of, or "
        "else the latest date, of the redress records)", "redress[].as_of and at")


declare("compensation_lapsed", "bool", CASE, "a source records a time up to which no compensation had been "
        "provided (false when every compensation record shows compensation provided)",
        "redress[] of kind compensation: status and as_of")
declare("compensation_denied_as_of", "string", CASE, "the date up to which a source records that no compensation "
        "had been provided (a compensation record not_happened with as_of): a failure that occurred, whatever came "
        "later", "redress[] of kind compensation, status not_happened, as_of")


@case_facts
def _denied(ctx: CaseCtx, episodes: list[Instance], f: Facts) -> None:
    rows = [r for r in records(ctx.case.redress, "redress") if r.record.kind == "compensation"
            and r.record.status == "not_happened" and r.record.as_of and r.record.source_ids()]
    comp = [r for r in records(ctx.case.redress, "redress") if r.record.kind == "compensation"]
    if rows:
        first = min(rows, key=lambda r: str(r.record.as_of))
        f.put("compensation_denied_as_of", rfact([first], first.record.as_of))
        f.put("compensation_lapsed", rfact(rows, True))
    elif comp and all(r.record.status == "happened" and r.record.source_ids() for r in comp):
        f.put("compensation_lapsed", rfact(comp, False))


@case_facts
def _redress(ctx: CaseCtx, episodes: list[Instance], f: Facts) -> None:
    rows = records(ctx.case.redress, "redress")
    comp = [r for r in rows if r.record.kind == "compensation"]
    rehab = [r for r in rows if r.record.kind == "rehabilitation"]
    _outcome(comp, f, "compensation_effective", paid_needed=True)
    _outcome(rehab, f, "rehabilitation_effective", paid_needed=False)
    amounts = [r for r in comp if r.record.status == "happened" and r.record.amount]
    if amounts:
        f.put("compensation_amount", rfact(amounts, "; ".join(str(r.record.amount) for r in amounts)))
    dated = [(d, r) for r in rows if (d := r.record.as_of or r.record.at) is not None]
    if dated:
        latest = max(d for d, _ in dated)
        f.put("redress_as_of", rfact([r for d, r in dated if d == latest], latest))
