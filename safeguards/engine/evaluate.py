"""Apply a compiled rule set to a case: one finding per rule and scope instance.

Outcomes are decided in one place (:mod:`safeguards.engine.decide`). Article conclusions are
reached on the Convention standard alone; a national profile adds national-law findings beside
them (:mod:`safeguards.rules.profiles`).

Contested facts (:mod:`safeguards.engine.contested`) are evaluated under every combination of
versions, in an order that does not depend on how the file lists them; a finding whose outcome
differs between versions is "contested" and shows each version's outcome and sources.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from safeguards.engine.contested import Variant, set_aside_denials, variants
from safeguards.engine.context import CONTEXT_FACTS, with_context
from safeguards.engine.decide import decide
from safeguards.engine.derive import Fact, Instance, derive
from safeguards.engine.facts import BY_NAME, decl_of_variable
from safeguards.engine.proof import NOT_ASSESSED, Grade, grade_case_finding
from safeguards.model.case import Case
from safeguards.problems import Level, Problem, RuleError
from safeguards.results import (
    FactUse,
    Finding,
    Law,
    LegalBasis,
    Location,
    Missing,
    Outcome,
    Text,
    Timing,
    VersionOutcome,
)
from safeguards.rules.compile import CompiledRule, RuleSet
from safeguards.rules.profiles import CONVENTION, Profile, check_profile_name
from safeguards.yamlsource import Document


@dataclass(frozen=True)
class _Raw:
    outcome: Outcome
    message: Text
    used: tuple[str, ...]
    missing: tuple[Missing, ...]


@dataclass(frozen=True)
class _Task:
    """One rule to evaluate with one set of parameter values, under the Convention or a national law."""

    rule: CompiledRule
    params: Mapping[str, Any]
    law: Law
    compare: bool  # a national reading of a Convention rule: show the Convention outcome beside it

    @property
    def key(self) -> str:
        return f"{self.law}:{self.rule.rule.id}"


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


def param_value(name: str, facts: Mapping[str, Fact], params: Mapping[str, Any]) -> Any:
    """A fact or parameter as plain data for a message (see :class:`safeguards.results.Text`); None: unknown."""
    if name in params:
        return params[name]
    fact = facts.get(name)
    decl = BY_NAME.get(name)
    if fact is None or decl is None:
        return None
    if decl.type in ("hours", "days"):
        lo, hi = fact.value
        return {"h" if decl.type == "hours" else "d": [float(lo), float(hi)]}
    if isinstance(fact.value, (list, tuple)):
        return [str(x) for x in fact.value]
    return fact.value


_TEMPLATE = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_NAMES: dict[str, tuple[str, ...]] = {}


def _message(key: str, template: str, facts: Mapping[str, Fact], params: Mapping[str, Any]) -> Text:
    """The message ``key`` with the values its template inserts."""
    names = _NAMES.get(template)
    if names is None:
        names = _NAMES[template] = tuple(dict.fromkeys(_TEMPLATE.findall(template)))
    return Text.assemble(key=key, params={n: param_value(n, facts, params) for n in names})


class Evaluator:
    """Evaluates one rule set: the Convention always, and a national profile's law where it applies."""

    def __init__(self, rules: RuleSet, profile: str = CONVENTION, strict: bool = False) -> None:
        profiles = rules.profiles
        if profiles:
            try:
                check_profile_name(profile, profiles)
            except Exception as exc:
                raise RuleError(exc.problem) from None  # type: ignore[attr-defined]
        elif profile != CONVENTION:
            raise RuleError(Problem("--profile", 0, 0, Level.ERROR, "unknown-profile",
                                    f"unknown profile {profile!r}", f"use {CONVENTION}"))
        self.ruleset = rules
        self.strict = strict  # also refuse a rule whose met and breach both hold on these facts
        self.profile: Profile | None = profiles.get(profile)
        self.profile_id = profile
        self.convention = [r for r in rules.rules if r.rule.law == "convention"]
        self.base_params = {r.rule.id: {k: p.value for k, p in r.rule.params.items()} for r in rules.rules}
        self._tasks: dict[bool, list[_Task]] = {}

    @property
    def rules(self) -> list[CompiledRule]:
        """The Convention rules (what article conclusions rest on)."""
        return self.convention

    def national_applies(self, jurisdiction: str) -> bool:
        """Whether the selected profile is a national one that covers ``jurisdiction``."""
        p = self.profile
        return p is not None and p.kind == "national" and p.applies_to(jurisdiction)

    def tasks(self, jurisdiction: str) -> list[_Task]:
        """What to evaluate for a case of ``jurisdiction``: Convention rules, then national readings."""
        national = self.national_applies(jurisdiction)
        if national not in self._tasks:
            out = [_Task(r, self.base_params[r.rule.id], "convention", False) for r in self.convention]
            if national:
                assert self.profile is not None
                for r in self.ruleset.rules:
                    # A national value equal to the Convention's adds nothing: no second reading.
                    overrides = {k: v for k, v in self.profile.params.get(r.rule.id, {}).items()
                                 if k not in r.rule.params or v.value != r.rule.params[k].value}
                    own = r.rule.law == "national" and r.rule.profile == self.profile.id
                    if own or (r.rule.law == "convention" and overrides):
                        params = {**self.base_params[r.rule.id], **{k: v.value for k, v in overrides.items()}}
                        out.append(_Task(r, params, "national", not own))
            self._tasks[national] = out
        return self._tasks[national]

    @staticmethod
    def _run(rule: CompiledRule, key: str, act: dict[str, Any], inst: Instance) -> bool | None:
        program = rule.programs.get(key)
        if program is None:
            return True
        try:
            value = program.eval(data=act)
        except Exception as exc:  # the binding raises for unknown variables it could not absorb
            if "No value with name" in str(exc):
                return None
            raise _error(rule, key, inst, str(exc)) from None
        if value.type().name() == "ERROR":
            text = str(value.value())
            if "No value with name" in text:
                return None
            raise _error(rule, key, inst, text)
        return bool(value.value())

    def evaluate_instance(self, rule: CompiledRule, inst: Instance, base: dict[str, Any] | None = None,
                          params: Mapping[str, Any] | None = None) -> _Raw:
        """One rule on one instance; ``base`` is the instance's activation, when the caller keeps it."""
        params = self.base_params[rule.rule.id] if params is None else params
        act = base if base is not None else activation(inst.facts)
        names = _reads(rule)
        memo_key = None
        if not self.strict:
            memo_key = (rule.path, rule.rule.id, _params_key(params),
                        tuple(_frozen(act.get(n, _ABSENT)) for n in names))
        got = _VERDICTS.get(memo_key) if memo_key is not None else None
        if got is not None:
            applies, breach, met, raw = got
            if raw is not None:
                return raw
        else:
            # Only the variables the rule reads are passed to CEL: converting a whole activation costs more
            # than evaluating the expression.
            data = {n: act[n] for n in names if n in act}
            data.update(params)
            applies = self._run(rule, "applies", data, inst)
            breach = met = None
            if applies:
                breach = self._run(rule, "breach", data, inst)
                # A decided breach settles the outcome; `met` is still evaluated when checking rules (fixtures).
                met = self._run(rule, "met", data, inst) if breach is not True or self.strict else None
            if memo_key is not None:
                if len(_VERDICTS) > MEMO_LIMIT:
                    _VERDICTS.clear()
                _VERDICTS[memo_key] = (applies, breach, met, None)
        if breach is True and met is True:
            # The loader samples activations; a case can still find the overlap: refuse, located at the rule.
            line, col = rule.locate("met")
            raise RuleError(Problem(rule.path, line, col, Level.ERROR, "rule-contradiction",
                                    f"rule {rule.rule.id}: met and breach are both true on {inst.label}",
                                    "make the met condition imply that the breach condition is false"))
        raw = self._raw(rule, inst, params, applies, breach, met)
        if memo_key is not None and _message_follows(rule, raw.message):
            # Used facts, missing facts and the message are functions of the same values: kept with them.
            _VERDICTS[memo_key] = (applies, breach, met, raw)
        return raw

    @staticmethod
    def _raw(rule: CompiledRule, inst: Instance, params: Mapping[str, Any], applies: bool | None,
             breach: bool | None, met: bool | None) -> _Raw:
        msgs = rule.rule.messages
        outcome, stage = decide(applies, breach, met)
        rid = rule.rule.id
        if outcome == "not_applicable":
            text = msgs.not_applicable or ""
            return _Raw(outcome, _message(f"rule:{rid}:not_applicable" if text else "engine.not_applicable", text,
                                         inst.facts, params), _used(rule, ("applies",), inst), ())
        if outcome == "breach":
            return _Raw(outcome, _message(f"rule:{rid}:breach", msgs.breach, inst.facts, params),
                        _used(rule, ("applies", "breach"), inst), ())
        if outcome == "met":
            return _Raw(outcome, _message(f"rule:{rid}:met", msgs.met, inst.facts, params),
                        _used(rule, ("applies", "breach", "met"), inst), ())
        keys = ("applies",) if stage == "applies" else ("applies", "breach", "met")
        missing = _missing(rule, inst, keys)
        if stage == "applies":
            # The precondition is open: say so, and never show a message that presumes it.
            head = Text.assemble(key="engine.applies_open", params={})
        elif msgs.insufficient:
            head = _message(f"rule:{rid}:insufficient", msgs.insufficient, inst.facts, params)
        else:
            head = Text.assemble(key="engine.insufficient", params={})
        return _Raw(outcome, head, _used(rule, keys, inst), missing)


# The three verdicts of a rule depend only on the values of the variables it reads and on its parameters:
# cases share them often (every case with no removal recorded gives the same verdicts for the removal rules),
# so they are computed once per distinct set of values.
MEMO_LIMIT = 200_000
_VERDICTS: dict[tuple[Any, ...], tuple[bool | None, bool | None, bool | None, _Raw | None]] = {}


def _message_follows(rule: CompiledRule, message: Text) -> bool:
    """Whether ``message`` depends only on what the verdicts' key holds: parameters and the facts the rule reads,
    none of them a number whose written form could differ (3 and 3.0 share a key)."""
    reads = _DECLS.get(rule.path + rule.rule.id)
    if reads is None:
        reads = _DECLS[rule.path + rule.rule.id] = frozenset(
            d.name for d in (decl_of_variable(v) for vs in rule.reads.values() for v in vs)
            if d is not None and d.type != "double")
    return all(name in reads or name in rule.rule.params for name in message.params)


_DECLS: dict[str, frozenset[str]] = {}
_READS: dict[tuple[str | None, ...], tuple[str, ...]] = {}


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _reads(rule: CompiledRule) -> tuple[str, ...]:
    """Every fact variable any expression of ``rule`` reads, sorted (what its verdicts depend on)."""
    ident = (rule.path, rule.rule.id, rule.rule.applies, rule.rule.breach, rule.rule.met)
    names = _READS.get(ident)
    if names is None:
        names = _READS[ident] = tuple(sorted({v for vs in rule.reads.values() for v in vs}))
    return names


_PARAMS: dict[int, tuple[Mapping[str, Any], tuple[Any, ...]]] = {}


def _params_key(params: Mapping[str, Any]) -> tuple[Any, ...]:
    """``params`` as a hashable key; computed once per parameter mapping (tasks keep theirs)."""
    got = _PARAMS.get(id(params))
    if got is not None and got[0] is params:
        return got[1]
    key = tuple(sorted(params.items()))
    if len(_PARAMS) > MEMO_LIMIT:  # callers that build a new mapping per call (fixtures) must not grow it
        _PARAMS.clear()
    _PARAMS[id(params)] = (params, key)
    return key


_ABSENT = object()


def _error(rule: CompiledRule, key: str, inst: Instance, text: str) -> RuleError:
    line, col = rule.locate(key)
    return RuleError(Problem(rule.path, line, col, Level.ERROR, "rule-runtime",
                             f"rule {rule.rule.id}: {key} failed on {inst.label}: {text}",
                             "guard the expression (e.g. check a value before dividing by it)"))


def _used(rule: CompiledRule, keys: Sequence[str], inst: Instance) -> tuple[str, ...]:
    names = set()
    for k in keys:
        for var in rule.reads.get(k, ()):
            decl = decl_of_variable(var)
            if decl is not None and decl.name in inst.facts:
                names.add(decl.name)
    return tuple(sorted(names))


_MISSING: dict[str, Missing] = {}
_NOT_RECORDED = Text.assemble(key="missing.not_recorded", params={})


def _missing(rule: CompiledRule, inst: Instance, keys: Sequence[str]) -> tuple[Missing, ...]:
    out: dict[str, Missing] = {}
    for key in keys:
        for var in sorted(rule.reads.get(key, ())):
            decl = decl_of_variable(var)
            if decl is None or decl.name in out:
                continue
            fact = inst.facts.get(decl.name)
            if fact is None:
                if decl.name not in _MISSING:  # the same for every case: built once
                    _MISSING[decl.name] = Missing.assemble(fact=decl.name, reason=_NOT_RECORDED)
                out[decl.name] = _MISSING[decl.name]
            elif decl.type in ("hours", "days"):
                lo, hi = fact.value
                if hi - lo >= 0.05:
                    unit = "h" if decl.type == "hours" else "d"
                    out[decl.name] = Missing.assemble(fact=decl.name, reason=Text(
                        key="missing.range", params={"range": {unit: [float(lo), float(hi)]}}))
    return tuple(out.values())


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
            loc = Location.assemble(path=".".join(str(p) for p in key) or "(case)", line=line, column=col)
            self.memo[key] = loc
        return loc


def facts_date(case: Case) -> str | None:
    """The date of the earliest dated event of the case (what 'the time of the facts' means for citations)."""
    times = [e.at for ep in case.episodes for e in ep.events if e.at]
    return min(times)[:10] if times else None


def timing(applies_from: str | None, facts: str | None) -> Timing:
    """Whether an instrument applied at the time of the facts (ISO dates of any precision compared by prefix)."""
    if applies_from is None or facts is None:
        return "undated" if applies_from is not None else "in_force"
    n = min(len(applies_from), len(facts))
    return "later" if applies_from[:n] > facts[:n] else "in_force"


@dataclass(frozen=True)
class _Evaluated:
    variant: Variant
    instances: dict[tuple[str, str], Instance]
    raws: dict[tuple[str, str, str], _Raw]


def _evaluate_variant(ev: Evaluator, variant: Variant, tasks: Sequence[_Task]) -> _Evaluated:
    instances = with_context(variant.case, derive(variant.case), ev.ruleset.profiles.get(CONVENTION))
    acts = [activation(inst.facts) for inst in instances]
    raws: dict[tuple[str, str, str], _Raw] = {}
    for task in tasks:
        for inst, act in zip(instances, acts, strict=True):
            if inst.scope == task.rule.rule.scope:
                raws[(task.key, inst.scope, inst.key)] = ev.evaluate_instance(task.rule, inst, act, task.params)
    return _Evaluated(variant, {(i.scope, i.key): i for i in instances}, raws)


def evaluate_case(case: Case, rules: RuleSet, profile: str = CONVENTION, doc: Document | None = None,
                  evaluator: Evaluator | None = None) -> list[Finding]:
    """Every finding for ``case``: Convention findings in rule order then instance order, then national ones."""
    ev = evaluator or _evaluator(rules, profile)
    tasks = ev.tasks(case.jurisdiction)
    plan = variants(case, doc)
    evaluated = [_evaluate_variant(ev, v, tasks) for v in plan.variants]
    aside = set_aside_denials(case, evaluated[0].instances.get(("case", case.id)), plan)
    builder = _Builder(case, rules, doc, plan.total, len(plan.variants))
    findings: list[Finding] = []
    convention: dict[tuple[str, str, str], Outcome] = {}
    for task in tasks:
        scope = task.rule.rule.scope
        keys: list[tuple[str, str]] = []
        for e in evaluated:  # the union of instances over every variant, first seen first
            for k in e.instances:
                if k[0] == scope and k not in keys:
                    keys.append(k)
        for k in keys:
            finding = builder.finding(task, k, evaluated, aside, ev)
            if finding is None:
                continue
            if task.law == "convention":
                convention[(task.rule.rule.id, *k)] = finding.outcome
            elif task.compare:
                finding = finding.model_copy(update={"convention_outcome": convention.get((task.rule.rule.id, *k))})
            findings.append(finding)
    return findings


_EVALUATORS: dict[tuple[int, str], tuple[RuleSet, Evaluator]] = {}


def _evaluator(rules: RuleSet, profile: str) -> Evaluator:
    """The evaluator of ``rules`` under ``profile``, built once per rule set (it holds no case data)."""
    got = _EVALUATORS.get((id(rules), profile))
    if got is not None and got[0] is rules:
        return got[1]
    if len(_EVALUATORS) > 16:
        _EVALUATORS.clear()
    ev = Evaluator(rules, profile)
    _EVALUATORS[(id(rules), profile)] = (rules, ev)
    return ev


_LEGAL: dict[tuple[str, str, str | None], list[LegalBasis]] = {}


class _Builder:
    """Turns the raw outcomes of every variant into complete, frozen findings."""

    def __init__(self, case: Case, rules: RuleSet, doc: Document | None, total: int, evaluated: int) -> None:
        self.case = case
        self.sources = {s.id: s for s in case.sources}
        self.location = _Locations(doc)
        self.uses: dict[tuple[str, str, str], FactUse] = {}
        self.facts_date = facts_date(case)
        self.total, self.evaluated = total, evaluated
        self.recommendations: dict[str, str] = {}
        for p in rules.profiles.values():
            if p.kind == "national" and case.jurisdiction in p.states:
                for rid, text in p.recommendations.by_rule.items():
                    self.recommendations.setdefault(rid, text)
        self.legal: dict[str, list[LegalBasis]] = {}
        self.grades: dict[tuple[int, tuple[str, ...]], Grade] = {}

    def _legal(self, rule: CompiledRule) -> list[LegalBasis]:
        rid = rule.rule.id
        if rid not in self.legal:
            key = (rule.path, rid, self.facts_date)
            if key not in _LEGAL:  # frozen and shared: the same for every case dated alike
                timings = tuple(timing(c.applies_from, self.facts_date) for c in rule.rule.sources)
                if len(_LEGAL) > MEMO_LIMIT:
                    _LEGAL.clear()
                _LEGAL[key] = [LegalBasis.model_construct(
                    instrument=c.instrument, provision=c.provision, status=c.status, applies_from=c.applies_from,
                    timing=t, note=c.note) for c, t in zip(rule.rule.sources, timings, strict=True)]
            self.legal[rid] = _LEGAL[key]
        return self.legal[rid]

    def finding(self, task: _Task, key: tuple[str, str], evaluated: Sequence[_Evaluated],
                aside: frozenset[tuple[str, int]], ev: Evaluator) -> Finding | None:
        rk = (task.key, *key)
        per: list[tuple[_Evaluated, _Raw | None]] = [(e, e.raws.get(rk)) for e in evaluated]
        weighed = [(e, r) for e, r in per if not (aside & set(e.variant.choice))]
        if not weighed:
            weighed = per
        outcomes = {r.outcome if r is not None else "not_applicable" for _, r in weighed}
        first = next((e, r) for e, r in weighed if r is not None) if any(r for _, r in weighed) else None
        if first is None:
            return None
        e0, raw = first
        inst = e0.instances[key]
        outcome: Outcome = raw.outcome
        message = raw.message
        missing = list(raw.missing)
        versions: list[VersionOutcome] = []
        if len(outcomes) > 1 and outcomes <= {"insufficient_information", "not_applicable"}:
            # The versions differ only in what cannot be decided: nothing is contested.
            e0, raw = next((e, r) for e, r in weighed if r is not None and r.outcome == "insufficient_information")
            inst, outcome, message, missing = e0.instances[key], raw.outcome, raw.message, list(raw.missing)
        elif len(outcomes) > 1:
            outcome = "contested"
            versions = _versions(self.case, weighed)
            message = Text.assemble(key="engine.contested", params={})  # the versions are listed beside it
        if self.evaluated < self.total and outcome != "contested":
            outcome = "insufficient_information"
            message = Text.assemble(key="engine.too_many_combinations", params={
                "total": self.total, "evaluated": self.evaluated, "outcome": raw.outcome})
            missing = [Missing.assemble(fact="contested", reason=Text.assemble(key="missing.combinations", params={}))]
        set_aside = _set_aside(self.case, per, weighed, aside)
        return self._assemble(task, inst, raw, outcome, message, missing, versions, set_aside)

    def _assemble(self, task: _Task, inst: Instance, raw: _Raw, outcome: Outcome, message: Text,
                  missing: list[Missing], versions: list[VersionOutcome],
                  set_aside: list[VersionOutcome]) -> Finding:
        r = task.rule.rule
        used = [inst.facts[n] for n in raw.used if n in inst.facts]
        fact_uses = []
        for n in raw.used:
            if n not in inst.facts:
                continue
            use = self.uses.get((inst.scope, inst.key, n))
            if use is None:
                use = self.uses[(inst.scope, inst.key, n)] = FactUse.assemble(
                    name=n, value=param_value(n, inst.facts, {}), sources=list(inst.facts[n].sources),
                    locations=[self.location(p) for p in inst.facts[n].paths])
            fact_uses.append(use)
        cited = sorted({s for f in used for s in f.sources})
        grade = self._proof(outcome, inst, raw, r.presumption)
        first = inst.facts.get(raw.used[0]) if raw.used else None
        loc_path = first.paths[0] if first is not None and first.paths else inst.path
        # Results are built from the engine's own checked data: constructed without re-validation
        # (the report built from them is validated against its schema by the test suite).
        return Finding.assemble(
            rule_id=r.id, safeguard=r.safeguard, articles=list(r.articles), severity=r.severity,
            weight=float(r.weight), scope=r.scope, instance=inst.key,
            outcome=outcome, message=message, standard_of_proof=grade.label, proof_reason=grade.reason,
            allegations_only=grade.allegations_only, legal_basis=self._legal(task.rule),
            role=r.role, law=task.law, profile=None if task.law == "convention" else r.profile or None,
            convention_outcome=None, recommendation=self.recommendations.get(r.id) if task.law == "convention"
            else None, facts=fact_uses, sources=cited, missing=missing, versions=versions, set_aside=set_aside,
            location=self.location(loc_path))

    def _proof(self, outcome: Outcome, inst: Instance, raw: _Raw, presumption: bool) -> Grade:
        if outcome not in ("breach", "met"):
            return NOT_ASSESSED
        # Context facts (what the file records, the State's declarations) come from the structure of the file
        # and the profile's data, not from a source: they are not graded.
        names = tuple(n for n in raw.used if n in inst.facts and n not in CONTEXT_FACTS)
        memo = (id(inst), names)  # instances live as long as the builder; each variant has its own
        grade = self.grades.get(memo)
        if grade is None:  # findings on the same facts of one instance are graded alike
            grade = self.grades[memo] = grade_case_finding(self.case, {n: inst.facts[n] for n in names}, self.sources)
        if outcome == "breach" and presumption:
            # The breach is the State's failure to rebut: what the sources show of the injuries is in the reason.
            params = grade.reason.params if grade.reason is not None else {}
            return Grade("burden_not_discharged", Text.assemble(key="proof.burden", params=dict(params)),
                         grade.allegations_only)
        return grade


def _versions(case: Case, weighed: Sequence[tuple[_Evaluated, _Raw | None]]) -> list[VersionOutcome]:
    """For each contested item that changes this finding: the outcome under each of its versions."""
    out: list[VersionOutcome] = []
    ids = sorted({cid for e, _ in weighed for cid, _ in e.variant.choice})
    canonical = weighed[0][0].variant.versions
    for cid in ids:
        by_version: dict[int, set[Outcome]] = {}
        messages: dict[int, Text] = {}
        for e, r in weighed:
            k = dict(e.variant.choice)[cid]
            by_version.setdefault(k, set()).add(r.outcome if r is not None else "not_applicable")
            if r is not None:
                messages.setdefault(k, r.message)
        if len({frozenset(v) for v in by_version.values()}) <= 1:
            continue  # this item does not change the finding
        for k in sorted(by_version):
            version = canonical[cid][k]
            outs = by_version[k]
            oc: Outcome = next(iter(outs)) if len(outs) == 1 else "contested"
            out.append(VersionOutcome(contested=cid, version=k, value=_show(version.value),
                                      sources=list(version.sources), outcome=oc,
                                      message=messages.get(k, _NOT_APPLICABLE)))
    return out


def _set_aside(case: Case, per: Sequence[tuple[_Evaluated, _Raw | None]],
               weighed: Sequence[tuple[_Evaluated, _Raw | None]], aside: frozenset[tuple[str, int]]
               ) -> list[VersionOutcome]:
    """The State's denials that would have changed this finding had they been weighed."""
    if not aside or len(weighed) == len(per):
        return []
    kept = {r.outcome if r else "not_applicable" for _, r in weighed}
    out = []
    for e, r in per:
        for cid, k in e.variant.choice:
            if (cid, k) in aside and (r.outcome if r else "not_applicable") not in kept:
                version = e.variant.versions[cid][k]
                v = VersionOutcome(contested=cid, version=k, value=_show(version.value),
                                   sources=list(version.sources), outcome=r.outcome if r else "not_applicable",
                                   message=Text.assemble(key="engine.denial_set_aside", params={}))
                if v not in out:
                    out.append(v)
    return out


_NOT_APPLICABLE = Text.assemble(key="engine.not_applicable_version", params={})


def _show(value: Any) -> Any:
    """A contested version's value as plain data (the publication step decides whether it may be shown)."""
    return value
