"""``safeguards uwazi export|import``: exchange case files with Uwazi through its CSV import."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from safeguards.atomic import confined, safe_name, write_atomic
from safeguards.i18n import lang_from
from safeguards.message import N_, localize, message_of
from safeguards.problems import Level, Problem, sort_problems
from safeguards.uwazi.template import TEMPLATES, Template

EXIT_OK, EXIT_ERROR = 0, 2


def companion(main: Path, template: Template) -> Path:
    """The file of ``template`` beside the case file ``main`` (``cases.csv``: ``cases.people.csv``)."""
    base = main.name[:-4] if main.name.lower().endswith(".csv") else main.name
    return main.with_name(f"{base}{template.suffix}.csv")


def _lang(args: argparse.Namespace) -> str:
    return lang_from(getattr(args, "lang", None), getattr(args, "language", None))


def _report(problems: list[Problem], lang: str) -> None:
    for p in sort_problems(problems):
        sys.stderr.write(p.render(lang) + "\n")


def export(args: argparse.Namespace) -> int:
    """Write the CSV files of the cases under ``args.paths``; 2 when a case file was invalid or left out."""
    from safeguards.casefile import load
    from safeguards.discovery import discover
    from safeguards.model.case import Case
    from safeguards.uwazi.export import Tables, add_case, csv_bytes

    lang = _lang(args)
    files, problems = discover(args.paths)
    cases: list[tuple[str, Case]] = []
    for path in files:
        loaded = load(path)
        problems.extend(p for p in loaded.problems if p.level is Level.ERROR)
        if loaded.ok and loaded.case is not None:
            cases.append((path, loaded.case))
    tables, seen, titles = Tables(), dict[str, str](), dict[str, str]()
    for path, case in sorted(cases, key=lambda pc: pc[1].id):
        if case.id in seen:
            problems.append(Problem(path, 0, 0, Level.ERROR, "uwazi-duplicate-case",
                                    N_("case id {id!r} is also the id of {path}", id=case.id, path=seen[case.id]),
                                    N_("give each case its own id")))
            continue
        seen[case.id] = path
        before = {name: len(rows) for name, rows in tables.rows.items()}
        try:
            add_case(tables, case, args.audience)
        except ValueError as exc:
            for name, count in before.items():
                del tables.rows[name][count:]
            problems.append(Problem(path, 0, 0, Level.ERROR, "uwazi-separator", message_of(exc),
                                    N_("write the values without '|'")))
            continue
        rows = tables.rows[TEMPLATES[0].name]
        if len(rows) > before[TEMPLATES[0].name]:
            title = rows[-1][0]
            if title in titles:
                problems.append(Problem(path, 0, 0, Level.ERROR, "uwazi-duplicate-title",
                                        N_("the title {title!r} is also the title of {path}; Uwazi links people, "
                                           "sources and events to a case by its title", title=title,
                                           path=titles[title]),
                                        N_("give each case its own title")))
            titles[title] = path
    if not files and not problems:
        from safeguards.commands.validate import NO_CASE_FILES

        sys.stderr.write(localize(NO_CASE_FILES, lang) + "\n")
        return EXIT_ERROR
    if any(p.level is Level.ERROR and p.code == "uwazi-duplicate-title" for p in problems):
        _report(problems, lang)
        return EXIT_ERROR
    out = Path(args.output)
    written = []
    for template in TEMPLATES:
        target = companion(out, template)
        write_atomic(target, csv_bytes(template, tables.rows[template.name], args.bom))
        written.append(str(target))
    _report(problems, lang)
    if not args.quiet:
        count = len(tables.rows[TEMPLATES[0].name])
        sys.stdout.write(localize(N_("uwazi export ({audience}): {count} case(s), {withheld} withheld as confidential; "
                                     "written: {files}", audience=args.audience, count=count,
                                     withheld=tables.withheld, files=", ".join(written)), lang) + "\n")
    return EXIT_ERROR if any(p.level is Level.ERROR for p in problems) else EXIT_OK


def import_(args: argparse.Namespace) -> int:
    """Write a case file for each valid case of the CSV files; 2 when a row could not be imported."""
    from safeguards.uwazi.assemble import assemble, check
    from safeguards.uwazi.reader import read_table

    lang = _lang(args)
    main = Path(args.file)
    problems: list[Problem] = []
    if not main.is_file():
        problems.append(Problem(str(main), 0, 0, Level.ERROR, "not-found", N_("no such file"), N_("check the path")))
        _report(problems, lang)
        return EXIT_ERROR
    tables = {}
    for template in TEMPLATES:
        path = main if template is TEMPLATES[0] else companion(main, template)
        tables[template.name] = read_table(path, template, problems)
        if not tables[template.name].found:
            problems.append(Problem(str(path), 0, 0, Level.WARNING, "uwazi-no-file",
                                    N_("no {template} file beside {file}; its records are absent",
                                       template=template.name.lower(), file=main.name),
                                    N_("export the {template} entities to {file}", template=template.name,
                                       file=path.name)))
    built = assemble(tables, problems) if not any(p.level is Level.ERROR and p.line <= 1 for p in problems) else []
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for case in built:
        target = confined(out, safe_name(str(case.data["id"])) + ".yaml")
        raw, found = check(case, str(target))
        problems.extend(found)
        if raw is not None:
            write_atomic(target, raw)
            written += 1
    _report(problems, lang)
    if not args.quiet:
        failed = len(built) - written
        sys.stdout.write(localize(N_("uwazi import: {written} case file(s) written to {path}, {failed} not imported",
                                     written=written, path=str(out), failed=failed), lang) + "\n")
    return EXIT_ERROR if any(p.level is Level.ERROR for p in problems) else EXIT_OK


def run(args: argparse.Namespace) -> int:
    if args.uwazi_command == "export":
        return export(args)
    if args.uwazi_command == "import":
        return import_(args)
    sys.stderr.write(localize(N_("safeguards: uwazi needs an action: export or import"), _lang(args)) + "\n")
    return EXIT_ERROR
