"""``safeguards rules list|show|test``."""

from __future__ import annotations

import argparse
import sys

from safeguards.docgen import fixture_comment_problems, fixture_docs
from safeguards.i18n import lang_from, translator
from safeguards.message import N_, Message, localize
from safeguards.problems import RuleError
from safeguards.rules.compile import RuleSet, load_rules
from safeguards.rules.fixtures import fixture_files
from safeguards.rules.model import Rule


def _citation(c: object) -> str:
    instrument = getattr(c, "instrument", "")
    provision = getattr(c, "provision", None)
    status = getattr(c, "status", "")
    since = getattr(c, "applies_from", None)
    return f"{instrument}{', ' + provision if provision else ''} [{status}]" + (f" (from {since})" if since else "")


def _law(rule: Rule) -> str:
    """'convention', or the profile of a national-law rule."""
    return rule.profile or rule.law


HEADER = (N_("rule"), N_("safeguard"), N_("arts"), N_("severity"), N_("scope"), N_("law"), N_("role"),
          N_("fixtures"))


def _list(rules: RuleSet, lang: str = "en") -> None:
    header = tuple(localize(h, lang) for h in HEADER)
    rows = [(r.rule.id, r.rule.safeguard, ", ".join(r.rule.articles), r.rule.severity, r.rule.scope,
             _law(r.rule), r.rule.role, str(len(fixture_files(rules, r)))) for r in rules.rules]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        sys.stdout.write("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() + "\n")
    sys.stdout.write(localize(N_("{rules} rules, {safeguards} safeguards; rule set {digest} ({origin})",
                                 rules=len(rules.rules), safeguards=len({r.rule.safeguard for r in rules.rules}),
                                 digest=rules.digest[:12], origin=rules.origin), lang) + "\n")


def _show(rules: RuleSet, rule_id: str, lang: str = "en") -> int:
    t = translator(lang)

    def say(message: Message) -> str:
        return localize(message, lang)

    compiled = rules.by_id(rule_id)
    if compiled is None:
        sys.stderr.write(say(N_("safeguards: no rule {id!r} (see 'safeguards rules list')", id=rule_id)) + "\n")
        return 2
    r = compiled.rule
    ctx = f"rule:{r.id}"
    profile = f" ({r.profile})" if r.profile else ""
    out = [f"{r.id}: {t.pgettext(ctx, r.title)}", say(N_("  file:       {path}", path=str(compiled.path))),
           say(N_("  safeguard:  {safeguard}", safeguard=r.safeguard)),
           say(N_("  articles:   CAT art {articles}", articles=", ".join(r.articles))),
           say(N_("  severity:   {severity} (weight {weight})", severity=r.severity, weight=r.weight)),
           say(N_("  scope:      {scope}; law: {law}{profile}; role: {role}", scope=r.scope, law=r.law,
                  profile=profile, role=r.role)),
           "", "  " + t.pgettext(ctx, r.description).strip(), "",
           say(N_("  sources:"))]
    out += [f"    - {_citation(c)}" + (f" - {c.note}" if c.note else "") for c in r.sources]
    for prof in rules.profiles.values():
        if r.id in prof.recommendations.by_rule:
            text = t.pgettext(f"profile:{prof.id}", prof.recommendations.by_rule[r.id])
            out.append(say(N_("  recommendation ({profile}): {text}", profile=prof.id, text=text)))
    for name, p in r.params.items():
        out.append(say(N_("  param {name}: {description}", name=name, description=p.description)))
        out.append(f"    {_law(r) if r.law == 'national' else 'convention'}: {p.value} ({p.source})")
        out += [f"    {prof.id}: {prof.params[r.id][name].value} ({prof.params[r.id][name].source})"
                for prof in rules.profiles.values() if name in prof.params.get(r.id, {})]
    out += ["", say(N_("  applies: {expr}", expr=r.applies or N_("(always)"))),
            say(N_("  breach:  {expr}", expr=r.breach)), say(N_("  met:     {expr}", expr=r.met))]
    reads = sorted({v for vs in compiled.reads.values() for v in vs})
    out.append(say(N_("  facts read (missing ones make the finding 'insufficient information'): {facts}",
                   facts=", ".join(reads))))
    out += ["", say(N_("  fixtures:"))]
    docs = fixture_docs(rules, compiled)
    current = None
    for doc in docs:
        if doc.outcome(compiled) != current:
            current = doc.outcome(compiled)
            out.append(f"    {current}:")
        comment = doc.comment or say(N_("(no comment: start the fixture with a '#' line)"))
        profiles = f" [{doc.expectation(compiled)}]" if doc.per_profile else ""
        out.append(f"      {doc.name}{profiles}: {comment}")
    if not docs:
        out.append(say(N_("    (none: add {id}/<outcome>.yaml under fixtures/ beside the rule)", id=compiled.rule.id)))
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def _test(rules: RuleSet, lang: str = "en") -> int:
    from safeguards.rules.fixtures import run_all

    results, problems = run_all(rules)
    problems += fixture_comment_problems(rules)
    failed = [r for r in results if not r.passed]
    for r in failed:
        sys.stdout.write(localize(N_("FAIL {rule} {fixture} [{profile}]: expected {expected}, got {actual} - {detail}",
                                     rule=r.rule_id, fixture=r.fixture, profile=r.profile, expected=r.expected,
                                     actual=r.actual, detail=r.detail), lang) + "\n")
    for p in problems:
        sys.stdout.write(p.render(lang) + "\n")
    sys.stdout.write(localize(N_("{passed} passed, {failed} failed ({rules} rules, {problems} fixture problems)",
                                 passed=len(results) - len(failed), failed=len(failed), rules=len(rules.rules),
                                 problems=len(problems)), lang) + "\n")
    return 1 if failed or problems else 0


def run(args: argparse.Namespace) -> int:
    """Dispatch a ``rules`` action; 2 when the rule set cannot be loaded."""
    lang = lang_from(getattr(args, "lang", None), getattr(args, "language", None))
    try:
        rules = load_rules(args.rules)
    except RuleError as exc:
        sys.stderr.write(exc.problem.render(lang) + "\n")
        return 2
    action = args.rules_command or "list"
    if action == "list":
        _list(rules, lang)
        return 0
    if action == "show":
        return _show(rules, args.rule_id, lang)
    return _test(rules, lang)
