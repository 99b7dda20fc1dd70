"""Apply a compiled rule set to a case: one finding per rule and scope instance.

Outcome logic for one rule on one instance (see docs/scoring.md):

1. ``applies`` is false: not applicable. Undecided: go on (the facts below may still decide).
2. ``breach`` true: breach (it takes precedence). Otherwise ``met`` true: met.
3. Neither: insufficient information, listing the facts the expressions read that are not recorded, or
   whose recorded precision leaves the answer open.

Contested facts are evaluated once per version; when the versions lead to
different outcomes the finding is "contested" and shows each one.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from safeguards.engine.derive import Fact, Instance, derive
from safeguards.engine.facts import BY_NAME, decl_of_variable
from safeguards.engine.proof import NOT_ASSESSED, grade_case_finding
from safeguards.model.case import Case
from safeguards.problems import InputError, Level, Problem, RuleError
from safeguards.results import FactUse, Finding, Location, Missing, Outcome, VersionOutcome
from safeguards.rules.compile import CompiledRule, RuleSet
from safeguards.yamlsource import Document

MAX_VARIANTS = 64


@dataclass(frozen=True)
class _Raw:
    outcome: Outcome
    message: str
    used: tuple[str, ...]
    missing: tuple[Missing, ...]


def activation(facts: Mapping[str, Fact]) -> dict[str, Any]:
    """CEL variables for the known facts; unknown facts are left out on purpose."""
    act: dict[str, Any] = {}
    for name, fact in facts.items():
        decl = BY_NAME[name]
        if decl.type in ("hours", "days"):
            lo, hi = fact.value
            act[f"{name}_min"] = float(lo)
            act[f"{name}_max"] = float(hi)
        elif decl.type == "double":
            act[name] = float(fact.value)
        else:
            act[name] = fact.value
    return act


def _num(x: float) -> str:
    return f"{x:.0f}" if abs(x - round(x)) < 0.05 else f"{x:.1f}"


def render_value(name: str, facts: Mapping[str, Fact], params: Mapping[str, Any]) -> str:
    """A fact or parameter as a reader should see it in a message."""
    if name in params:
        v = params[name]
        return _num(v) if isinstance(v, float) else str(v)
    fact = facts.get(name)
    decl = BY_NAME.get(name)
    if fact is None or decl is None:
        return "unknown"
    if decl.type in ("hours", "days"):
        lo, hi = fact.value
        unit = "h" if decl.type == "hours" else "days"
        return f"{_num(lo)} {unit}" if abs(hi - lo) < 0.05 else f"between {_num(lo)} and {_num(hi)} {unit}"
    if isinstance(fact.value, bool):
        return "yes" if fact.value else "no"
    if isinstance(fact.value, list):
        return ", ".join(str(x).replace("_", " ") for x in fact.value) or "none"
    return str(fact.value).replace("_", " ")


def _fill(template: str, facts: Mapping[str, Fact], params: Mapping[str, Any]) -> str:
    import re

    return re.sub(r"\{([a-z_][a-z0-9_]*)\}", lambda m: render_value(m.group(1), facts, params), template)


class Evaluator:
    """Evaluates one rule set under one profile."""

    def __init__(self, rules: RuleSet, profile: str) -> None:
        if profile not in ("international", "kz"):
            raise RuleError(Problem("--profile", 0, 0, Level.ERROR, "unknown-profile",
                                    f"unknown profile {profile!r}", "use international or kz"))
        self.rules = [r for r in rules.rules if profile in r.rule.profiles]
        self.profile = profile
        self.params = {r.rule.id: {k: p.values[profile].value for k, p in r.rule.params.items()}  # type: ignore[index]
                       for r in self.rules}

    def _run(self, rule: CompiledRule, key: str, act: dict[str, Any], inst: Instance) -> bool | None:
        program = rule.programs.get(key)
        if program is None:
            return True
        try:
            value = program.eval(data=act)
        except Exception as exc:  # the binding raises for unknown variables it could not absorb
            if "No value with name" in str(exc):
                return None
            raise self._error(rule, key, inst, str(exc)) from None
        if value.type().name() == "ERROR":
            text = str(value.value())
            if "No value with name" in text:
                return None
            raise self._error(rule, key, inst, text)
        return bool(value.value())

    @staticmethod
    def _error(rule: CompiledRule, key: str, inst: Instance, text: str) -> RuleError:
        line, col = rule.locate(key)
        return RuleError(Problem(rule.path, line, col, Level.ERROR, "rule-runtime",
                                 f"rule {rule.rule.id}: {key} failed on {inst.label}: {text}",
                                 "guard the expression (e.g. check a value before dividing by it)"))

    def evaluate_instance(self, rule: CompiledRule, inst: Instance, base: dict[str, Any] | None = None) -> _Raw:
        """One rule on one instance; ``base`` is the instance's activation, when the caller keeps it."""
        params = self.params[rule.rule.id]
        act = dict(base) if base is not None else activation(inst.facts)
        act.update(params)
        msgs = rule.rule.messages
        applies = self._run(rule, "applies", act, inst)
        if applies is None and rule.rule.triggered:
            applies = False
        if applies is False:
            text = msgs.not_applicable or "The rule does not apply to these facts."
            return _Raw("not_applicable", _fill(text, inst.facts, params), tuple(sorted(rule.reads.get("applies", ()))),
                        ())
        breach = self._run(rule, "breach", act, inst)
        # A breach takes precedence: once any breach condition is shown, compliance
        # elsewhere in the same rule cannot outweigh it, so `met` is not consulted.
        met = None if breach else self._run(rule, "met", act, inst)
        if breach:
            return _Raw("breach", _fill(msgs.breach, inst.facts, params), self._used(rule, "breach", inst), ())
        if met:
            return _Raw("met", _fill(msgs.met, inst.facts, params), self._used(rule, "met", inst), ())
        missing = self._missing(rule, inst)
        head = msgs.insufficient or "The recorded facts do not decide this safeguard."
        need = "; ".join(f"{m.fact} ({m.reason})" for m in missing)
        text = _fill(head, inst.facts, params) + (f" Needed: {need}." if need else "")
        used = tuple(sorted(n for k in rule.reads for n in rule.reads[k] if self._known(n, inst)))
        return _Raw("insufficient_information", text, used, missing)

    @staticmethod
    def _known(var: str, inst: Instance) -> bool:
        decl = decl_of_variable(var)
        return decl is not None and decl.name in inst.facts

    def _used(self, rule: CompiledRule, key: str, inst: Instance) -> tuple[str, ...]:
        names = set()
        for k in ("applies", key):
            for var in rule.reads.get(k, ()):
                decl = decl_of_variable(var)
                if decl is not None and decl.name in inst.facts:
                    names.add(decl.name)
        return tuple(sorted(names))

    @staticmethod
    def _missing(rule: CompiledRule, inst: Instance) -> tuple[Missing, ...]:
        out: dict[str, Missing] = {}
        memo = _MISSING
        for key in ("applies", "breach", "met"):
            for var in sorted(rule.reads.get(key, ())):
                decl = decl_of_variable(var)
                if decl is None or decl.name in out:
                    continue
                fact = inst.facts.get(decl.name)
                if fact is None:
                    if decl.name not in memo:  # the same for every case: built once
                        memo[decl.name] = Missing(fact=decl.name, meaning=decl.meaning, record=decl.record,
                                                  reason="not recorded")
                    out[decl.name] = memo[decl.name]
                elif decl.type in ("hours", "days"):
                    lo, hi = fact.value
                    if hi - lo >= 0.05:
                        unit = "h" if decl.type == "hours" else "days"
                        out[decl.name] = Missing(
                            fact=decl.name, meaning=decl.meaning, record=decl.record + " (more precisely)",
                            reason=f"recorded precision leaves it between {_num(lo)} and {_num(hi)} {unit}")
        return tuple(out.values())


_MISSING: dict[str, Missing] = {}


def _variants(case: Case, doc: Document | None) -> list[tuple[Case, tuple[tuple[str, int], ...]]]:
    """The case under every combination of contested versions (the case itself when nothing is contested)."""
    if not case.contested:
        return [(case, ())]
    base = case.model_dump(mode="python")
    choices = [[(item.id, k) for k in range(len(item.versions))] for item in case.contested]
    combos = list(itertools.islice(itertools.product(*choices), MAX_VARIANTS))
    out = []
    for combo in combos:
        data = _copy(base)
        for cid, k in combo:
            item = next(x for x in case.contested if x.id == cid)
            _set_field(data, item.target.record, item.target.field, item.versions[k].value)
        try:
            out.append((Case.model_validate(data), tuple(combo)))
        except ValidationError as exc:
            i = next(n for n, x in enumerate(case.contested) if x.id == combo[0][0])
            line, col = doc.locate(("contested", i)) if doc else (0, 0)
            raise InputError(Problem(doc.path if doc else case.id, line, col, Level.ERROR, "contested-value",
                                     f"a version of contested fact does not fit its field: "
                                     f"{exc.errors()[0]['msg']}", "give a value of the field's type")) from None
    return out


def _copy(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _copy(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_copy(v) for v in data]
    return data


def _set_field(data: Any, record: str, field: str, value: Any) -> bool:
    if isinstance(data, dict):
        if data.get("id") == record and field in data:
            data[field] = value
            return True
        return any(_set_field(v, record, field, value) for v in data.values())
    if isinstance(data, list):
        return any(_set_field(v, record, field, value) for v in data)
    return False


class _Locations:
    """File positions of record paths, each built once per case (findings share them)."""

    def __init__(self, doc: Document | None) -> None:
        self.doc = doc
        self.memo: dict[tuple[str | int, ...], Location] = {}

    def __call__(self, path: Sequence[str | int]) -> Location:
        key = tuple(path)
        loc = self.memo.get(key)
        if loc is None:
            line, col = self.doc.locate(key) if self.doc is not None else (0, 0)
            loc = Location.model_construct(path=".".join(str(p) for p in key) or "(case)", line=line, column=col)
            self.memo[key] = loc
        return loc


def evaluate_case(case: Case, rules: RuleSet, profile: str, doc: Document | None = None) -> list[Finding]:
    """Every finding for ``case``, in rule order then instance order."""
    ev = Evaluator(rules, profile)
    variants = _variants(case, doc)
    per_variant: list[tuple[tuple[tuple[str, int], ...], dict[str, Instance],
                            dict[tuple[str, str], _Raw]]] = []
    for variant, combo in variants:
        instances = derive(variant)
        acts = [activation(inst.facts) for inst in instances]
        raws: dict[tuple[str, str], _Raw] = {}
        for rule in ev.rules:
            for inst, act in zip(instances, acts, strict=True):
                if inst.scope == rule.rule.scope:
                    raws[(rule.rule.id, inst.key)] = ev.evaluate_instance(rule, inst, act)
        per_variant.append((combo, {i.key + "/" + i.scope: i for i in instances}, raws))
    sources = {s.id: s for s in case.sources}
    location = _Locations(doc)
    uses: dict[tuple[str, str, str], FactUse] = {}
    findings: list[Finding] = []
    _, first_instances, first_raws = per_variant[0]
    for rule in ev.rules:
        r = rule.rule
        for inst in first_instances.values():
            if inst.scope != r.scope:
                continue
            key = (r.id, inst.key)
            raw = first_raws[key]
            outcomes = {pv[2][key].outcome for pv in per_variant if key in pv[2]}
            versions: list[VersionOutcome] = []
            outcome: Outcome = raw.outcome
            message = raw.message
            if len(outcomes) > 1 and outcomes <= {"insufficient_information", "not_applicable"}:
                # The versions differ only in what cannot be decided: nothing is contested.
                raw = next(pv[2][key] for pv in per_variant if pv[2][key].outcome == "insufficient_information")
                outcome, message = raw.outcome, raw.message
            elif len(outcomes) > 1:
                outcome = "contested"
                for combo, _, raws in per_variant:
                    for cid, k in combo:
                        item = next(x for x in case.contested if x.id == cid)
                        vraw = raws[key]
                        versions.append(VersionOutcome(contested=cid, version=k,
                                                       value=_show(item.versions[k].value),
                                                       sources=list(item.versions[k].sources),
                                                       outcome=vraw.outcome, message=vraw.message))
                versions = _dedupe(versions)
                message = "Sources disagree on a fact this safeguard depends on: " + "; ".join(
                    f"on the account of {', '.join(v.sources)} ({v.contested} = {v.value}) the outcome is "
                    f"{v.outcome.replace('_', ' ')}" for v in versions) + "."
            used = [inst.facts[n] for n in raw.used if n in inst.facts]
            # Results are built from the engine's own checked data: constructed without re-validation
            # (the report built from them is validated against its schema by the test suite).
            fact_uses = []
            for n in raw.used:
                if n not in inst.facts:
                    continue
                use = uses.get((inst.scope, inst.key, n))
                if use is None:
                    use = uses[(inst.scope, inst.key, n)] = FactUse.model_construct(
                        name=n, value=render_value(n, inst.facts, {}), sources=list(inst.facts[n].sources),
                        locations=[location(p) for p in inst.facts[n].paths])
                fact_uses.append(use)
            cited = sorted({s for f in used for s in f.sources})
            grade = grade_case_finding(case, {n: inst.facts[n] for n in raw.used if n in inst.facts}, sources) \
                if outcome in ("breach", "met") else NOT_ASSESSED
            loc_path = inst.facts[raw.used[0]].paths[0] if raw.used and inst.facts.get(raw.used[0]) and \
                inst.facts[raw.used[0]].paths else inst.path
            findings.append(Finding.model_construct(
                rule_id=r.id, title=r.title, safeguard=r.safeguard, articles=list(r.articles), severity=r.severity,
                weight=float(r.weight), scope=r.scope, instance=inst.key, instance_label=inst.label,
                outcome=outcome, message=message, standard_of_proof=grade.label, proof_reason=grade.reason,
                allegations_only=grade.allegations_only, legal_basis=list(r.sources),
                kz_recommendation=r.kz_recommendation, facts=fact_uses, sources=cited, missing=list(raw.missing),
                versions=versions, location=location(loc_path)))
    return findings


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "unknown" if value is None else str(value)


def _dedupe(versions: list[VersionOutcome]) -> list[VersionOutcome]:
    seen: set[tuple[str, int]] = set()
    out = []
    for v in versions:
        if (v.contested, v.version) not in seen:
            seen.add((v.contested, v.version))
            out.append(v)
    return out
