"""Generated parts of the documentation: the rule catalogue and the fact list.

``python -m safeguards.docgen`` rewrites the text between the markers in
``docs/rules.md`` and ``docs/facts.md``; ``tests/test_docs.py`` fails when
either is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

from safeguards.facts import DECLS
from safeguards.rules.compile import RuleSet, load_rules

BEGIN, END = "<!-- generated:begin -->", "<!-- generated:end -->"


def rules_table(rules: RuleSet) -> str:
    lines = []
    current = None
    for compiled in rules.rules:
        r = compiled.rule
        if r.safeguard != current:
            current = r.safeguard
            lines += ["", f"### {current}", "", "| rule | CAT arts | severity | scope | law | sources |",
                      "|---|---|---|---|---|---|"]
        sources = "; ".join(f"{c.instrument}{', ' + c.provision if c.provision else ''} [{c.status}]"
                            for c in r.sources)
        lines.append(f"| `{r.id}`: {r.title} | {', '.join(r.articles)} | {r.severity} ({r.weight:g}) | {r.scope} "
                     f"| {r.profile or r.law} | {sources.replace('|', '/')} |")
    return "\n".join(lines).strip() + "\n"


def facts_table() -> str:
    lines = ["| fact | type | scopes | meaning | record |", "|---|---|---|---|---|"]
    for d in DECLS:
        name = f"`{d.name}_min`, `{d.name}_max`" if d.type in ("hours", "days") else f"`{d.name}`"
        typ = {"hours": "hours (bounds)", "days": "days (bounds)", "list": "list of strings"}.get(d.type, d.type)
        lines.append(f"| {name} | {typ} | {', '.join(d.scopes)} | {d.meaning} | {d.record} |")
    return "\n".join(lines) + "\n"


def splice(text: str, generated: str) -> str:
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{generated}{END}{tail}"


def targets(root: Path) -> dict[Path, str]:
    rules = load_rules(root / "rules")
    return {root / "docs" / "rules.md": rules_table(rules), root / "docs" / "facts.md": facts_table()}


def main() -> int:
    root = Path.cwd()
    for path, generated in targets(root).items():
        path.write_text(splice(path.read_text(encoding="utf-8"), generated), encoding="utf-8")
        sys.stdout.write(f"updated {path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
