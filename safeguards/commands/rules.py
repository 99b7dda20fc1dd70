"""``safeguards rules list|show|test``."""

from __future__ import annotations

import argparse
import sys

from safeguards.docgen import fixture_comment_problems, fixture_docs
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


def _list(rules: RuleSet) -> None:
    header = ("rule", "safeguard", "arts", "severity", "scope", "law", "role", "fixtures")
    rows = [(r.rule.id, r.rule.safeguard, ", ".join(r.rule.articles), r.rule.severity, r.rule.scope,
             _law(r.rule), r.rule.role, str(len(fixture_files(rules, r)))) for r in rules.rules]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        sys.stdout.write("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() + "\n")
    sys.stdout.write(f"{len(rules.rules)} rules, {len({r.rule.safeguard for r in rules.rules})} safeguards; "
                     f"rule set {rules.digest[:12]} ({rules.origin})\n")


def _show(rules: RuleSet, rule_id: str) -> int:
    compiled = rules.by_id(rule_id)
    if compiled is None:
        sys.stderr.write(f"safeguards: no rule {rule_id!r} (see 'safeguards rules list')\n")
        return 2
    r = compiled.rule
    out = [f"{r.id}: {r.title}", f"  file:       {compiled.path}", f"  safeguard:  {r.safeguard}",
           f"  articles:   CAT art {', '.join(r.articles)}", f"  severity:   {r.severity} (weight {r.weight})",
           f"  scope:      {r.scope}; law: {r.law}{' (' + r.profile + ')' if r.profile else ''}; role: {r.role}",
           "", "  " + r.description.strip(), "",
           "  sources:"]
    out += [f"    - {_citation(c)}" + (f" - {c.note}" if c.note else "") for c in r.sources]
    for prof in rules.profiles.values():
        if r.id in prof.recommendations.by_rule:
            out.append(f"  recommendation ({prof.id}): {prof.recommendations.by_rule[r.id]}")
    for name, p in r.params.items():
        out.append(f"  param {name}: {p.description}")
        out.append(f"    {_law(r) if r.law == 'national' else 'convention'}: {p.value} ({p.source})")
        out += [f"    {prof.id}: {prof.params[r.id][name].value} ({prof.params[r.id][name].source})"
                for prof in rules.profiles.values() if name in prof.params.get(r.id, {})]
    out += ["", f"  applies: {r.applies or '(always)'}", f"  breach:  {r.breach}", f"  met:     {r.met}"]
    reads = sorted({v for vs in compiled.reads.values() for v in vs})
    out.append(f"  facts read (missing ones make the finding 'insufficient information'): {', '.join(reads)}")
    out += ["", "  fixtures:"]
    docs = fixture_docs(rules, compiled)
    current = None
    for doc in docs:
        if doc.outcome(compiled) != current:
            current = doc.outcome(compiled)
            out.append(f"    {current}:")
        comment = doc.comment or "(no comment: start the fixture with a '#' line)"
        profiles = f" [{doc.expectation(compiled)}]" if doc.per_profile else ""
        out.append(f"      {doc.name}{profiles}: {comment}")
    if not docs:
        out.append(f"    (none: add {compiled.rule.id}/<outcome>.yaml under fixtures/ beside the rule)")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def _test(rules: RuleSet) -> int:
    from safeguards.rules.fixtures import run_all

    results, problems = run_all(rules)
    problems += fixture_comment_problems(rules)
    failed = [r for r in results if not r.passed]
    for r in failed:
        sys.stdout.write(f"FAIL {r.rule_id} {r.fixture} [{r.profile}]: expected {r.expected}, got {r.actual}"
                         f" - {r.detail}\n")
    for p in problems:
        sys.stdout.write(p.render() + "\n")
    sys.stdout.write(f"{len(results) - len(failed)} passed, {len(failed)} failed "
                     f"({len(rules.rules)} rules, {len(problems)} fixture problems)\n")
    return 1 if failed or problems else 0


def run(args: argparse.Namespace) -> int:
    """Dispatch a ``rules`` action; 2 when the rule set cannot be loaded."""
    try:
        rules = load_rules(args.rules)
    except RuleError as exc:
        sys.stderr.write(str(exc) + "\n")
        return 2
    action = args.rules_command or "list"
    if action == "list":
        _list(rules)
        return 0
    if action == "show":
        return _show(rules, args.rule_id)
    return _test(rules)
