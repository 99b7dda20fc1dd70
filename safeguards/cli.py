"""The ``safeguards`` command line: parse options, call the library, render, return an exit code.

Exit codes: 0 clean, 1 problems or findings at or above the threshold,
2 usage, input or I/O error. Heavy modules are imported inside the command
that needs them so that start-up stays fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

# Pydantic plugins are not loaded (see safeguards/__main__.py): set before any model is built, so that the
# console script, which enters here, gets it too.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from safeguards import __version__
from safeguards.config import Config
from safeguards.message import N_, Message, localize
from safeguards.problems import SafeguardsError
from safeguards.report import formats as check_formats

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
VALIDATE_FORMATS = ("text", "json", "github", "sarif", "junit")
SCHEMAS = ("case", "rule", "profile", "report", "annex")
JOBS_HELP = "processes to use (default 0: one per core when there are 200 files or more)"
# The languages of safeguards.i18n.LANGS, written out so that start-up does not import Babel (a test keeps them equal).
LANGS = ("en", "ru", "kk")
LANG_HELP = ("language of what the command writes: en (English), ru (Russian) or kk (Kazakh, partial: the rest in "
             "Russian); default: the configuration's language, else $SAFEGUARDS_LANG, else $LANGUAGE or $LANG, else en")


MAX_JOBS = 256  # and never more than JOBS_PER_CORE processes per usable core
JOBS_PER_CORE = 8
_parsing_in = "en"  # the language of the command line being parsed (set by ``_parse``)


def _jobs(text: str) -> int:
    """``--jobs N``: 0 (automatic) up to the smaller of 256 and 8 per usable core."""
    from safeguards.parallel import usable_cpus

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_say(N_("{text!r} is not a whole number; use 0 (one per core) or 1 to "
                                                 "{cores}", text=text, cores=usable_cpus()))) from None
    limit = min(MAX_JOBS, JOBS_PER_CORE * usable_cpus())
    if not 0 <= value <= limit:
        raise argparse.ArgumentTypeError(_say(N_("{value} processes is not possible here (at most {limit}: this "
                                                 "machine has {cores} usable core(s)); use 0 for one per core",
                                                 value=value, limit=limit, cores=usable_cpus())))
    return value


def _say(message: Message) -> str:
    """A message of an option's value checker, in the language the command line is being parsed in."""
    return localize(message, _parsing_in)


def _date(text: str) -> str:
    """``--from``/``--to``: a date as case files write it (YYYY, YYYY-MM or YYYY-MM-DD)."""
    import re

    from safeguards.model.timepoint import parse_time

    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        raise argparse.ArgumentTypeError(_say(N_("{text!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD",
                                                 text=text)))
    try:
        parse_time(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r}: {exc}") from None
    return text


def _positive(text: str) -> int:
    """``--k``: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(_say(N_("{text!r} is not a positive whole number; use 1 or more",
                                                 text=text)))
    return value


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse exits with 2 on usage errors, which is our code too; keep its message short.
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, argparse._("%(prog)s: error: %(message)s\n")  # type: ignore[attr-defined]
                  % {"prog": "safeguards", "message": message})


def _parser(cfg: Config | None = None) -> argparse.ArgumentParser:
    """The parser; option defaults come from the configuration file ``cfg`` where it sets them."""
    cfg = cfg or Config()
    p = _Parser(prog="safeguards", description="Check detention case files against the anti-torture safeguards "
                                               "of the UN Convention against Torture.")
    p.add_argument("--version", action="version", version=f"safeguards {__version__}")
    # Also before the command (``safeguards --lang ru check ...``); the command's own --lang wins.
    p.add_argument("--lang", dest="lang_before", default=None, choices=LANGS, help=LANG_HELP)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def lang(q: argparse.ArgumentParser) -> argparse.ArgumentParser:
        """Give a command ``--lang`` and the configuration's language (resolved with ``i18n.lang_from``)."""
        q.add_argument("--lang", default=None, choices=LANGS, help=LANG_HELP)
        q.set_defaults(language=cfg.language)
        return q

    v = sub.add_parser("validate", help="check case files: syntax, schema, references, chronology, consent")
    v.add_argument("paths", nargs="+", metavar="PATH", help="case files or directories (searched recursively)")
    v.add_argument("--format", choices=VALIDATE_FORMATS, default=None,
                   help="output format (default: github under GitHub Actions, else text)")
    v.add_argument("--strict", action="store_true", help="warnings fail the run too")
    v.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE instead of stdout")
    v.add_argument("--jobs", type=_jobs, default=0, metavar="N", help=JOBS_HELP)
    v.add_argument("--only-case-files", action="store_true",
                   help="skip YAML files that are not case files (no top-level schema_version, people or episodes), "
                        "as the pre-commit hook does")
    v.add_argument("--quiet", action="store_true", help="no progress bar, and no output when there is no problem")
    lang(v)

    s = sub.add_parser("schema", help="print a JSON Schema (case, rule, profile, report, annex)")
    s.add_argument("name", choices=SCHEMAS)
    lang(s)

    c = sub.add_parser("check", help="evaluate case files against the rules and write reports")
    c.add_argument("paths", nargs="+", metavar="PATH")
    c.add_argument("--profile", default=cfg.profile or "international",
                   help="law to read the case against: international (the Convention, always applied; the "
                        "default) or a national profile such as kz, whose findings are added beside the Convention's")
    c.add_argument("--format", default=None, help=check_formats.help_text() + "; with --db, per-case reports are "
                   "written only when --format is given")
    c.set_defaults(default_format=cfg.format or check_formats.DEFAULT)
    c.add_argument("--sarif-undecided", action="store_true",
                   help="also report contested and insufficient-information findings: as SARIF notes and as "
                        "github warnings (default: breaches only)")
    c.add_argument("-o", "--output", default=cfg.output or "reports", metavar="DIR",
                   help="output directory (default: reports)")
    c.add_argument("--fail-on", default=cfg.fail_on or "breach", metavar="LEVEL",
                   help="exit 1 when a finding reaches LEVEL: breach (any breach), critical, high, medium, low, "
                        "or never")
    c.add_argument("--jobs", type=_jobs, default=0, metavar="N", help=JOBS_HELP)
    c.add_argument("--rules", default=cfg.rules, metavar="DIR", help="rule directory (default: the bundled rules)")
    c.add_argument("--cache-dir", default=cfg.cache, metavar="DIR",
                   help="the result cache's folder (default: $SAFEGUARDS_CACHE_DIR, else the user's cache "
                        "directory, ~/.cache/safeguards); a folder inside a checkout is read only when named here")
    c.add_argument("--no-timestamp", action="store_true",
                   help="leave the time of the run out of reports, so reruns are byte-identical")
    c.add_argument("--quiet", action="store_true", help="print nothing but errors")
    c.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")
    c.add_argument("--db", default=None, metavar="FILE.sqlite",
                   help="keep cases, findings and what the annex needs in this SQLite database, incrementally: an "
                        "unchanged file is skipped, a changed one replaced (docs/database.md)")
    c.add_argument("--prune", action="store_true",
                   help="with --db: remove from the database every file not given in this run")
    lang(c)

    rp = sub.add_parser("report", help="write per-case reports from a database made by check --db")
    rp.add_argument("case_ids", nargs="+", metavar="CASE-ID", help="ids of the cases whose reports to write")
    rp.add_argument("--db", required=True, metavar="FILE.sqlite", help="the database (made by check --db)")
    rp.add_argument("--format", default="md,html,json", help="comma-separated: md,html,json (default: all three)")
    rp.add_argument("-o", "--output", default=cfg.output or "reports", metavar="DIR",
                    help="output directory (default: reports); reports go in DIR/PROFILE/ as check writes them")
    rp.add_argument("--audience", choices=("public", "committee", "internal"), default="public",
                    help="who may read them (default: public, as check writes them)")
    rp.add_argument("--rules", default=cfg.rules, metavar="DIR",
                    help="rule directory the database was checked with (default: the bundled rules)")
    rp.add_argument("--no-timestamp", action="store_true", help="leave the time out of reports (byte-identical reruns)")
    rp.add_argument("--quiet", action="store_true", help="print nothing but errors")
    lang(rp)

    r = sub.add_parser("rules", help="list, show or test the rules")
    rsub = r.add_subparsers(dest="rules_command", metavar="ACTION")
    rl = rsub.add_parser("list", help="list the rules with their safeguards and sources")
    rs = rsub.add_parser("show", help="show one rule")
    rs.add_argument("rule_id", metavar="ID")
    rt = rsub.add_parser("test", help="run every rule's fixture cases and report mismatches")
    for q in (rl, rs, rt):
        q.add_argument("--rules", default=cfg.rules, metavar="DIR", help="rule directory (default: the bundled rules)")
        lang(q)

    m = sub.add_parser("migrate", help="upgrade case files to the current schema version, keeping their meaning")
    m.add_argument("paths", nargs="+", metavar="PATH", help="case files or directories (searched recursively)")
    where = m.add_mutually_exclusive_group()
    where.add_argument("--in-place", action="store_true",
                       help="rewrite the files themselves (atomically); without it inputs are never modified")
    where.add_argument("-o", "--output", metavar="DIR",
                       help="write the upgraded files to DIR (a directory's files keep their relative paths)")
    where.add_argument("--check", action="store_true",
                       help="write nothing; exit 1 if a file is at an earlier version")
    lang(m)

    a = sub.add_parser("annex", help="build the case annex of a shadow report from many case files")
    a.add_argument("paths", nargs="*", metavar="PATH", help="case files or directories (or --db)")
    a.add_argument("--db", default=None, metavar="FILE.sqlite",
                   help="build the annex from this database (made by check --db) instead of case files")
    a.add_argument("--audience", choices=("public", "committee", "internal"), default="public",
                   help="who may read it: public (consent respected), committee (confidential marked), internal")
    a.add_argument("--profile", default=cfg.profile or "international")
    a.add_argument("--context", default=None, help="only cases of this context, e.g. zhanaozen-2011")
    a.add_argument("--from", dest="date_from", type=_date, default=None, metavar="DATE",
                   help="apprehended on or after DATE")
    a.add_argument("--to", dest="date_to", type=_date, default=None, metavar="DATE",
                   help="apprehended on or before DATE")
    a.add_argument("--format", default=cfg.annex_format or "md,html,docx,csv,json",
                   help="comma-separated: md,html,docx,csv,json")
    a.add_argument("-o", "--output", default=cfg.annex_output or "reports/annex", metavar="DIR")
    a.add_argument("--rules", default=cfg.rules, metavar="DIR", help="rule directory (default: the bundled rules)")
    a.add_argument("--k", type=_positive, default=2,
                   help="re-identification check: warn when fewer than K published cases share a pseudonymised "
                        "case's place, date, age, sex and context")
    a.add_argument("--jobs", type=_jobs, default=0, metavar="N", help=JOBS_HELP)
    a.add_argument("--quiet", action="store_true", help="print nothing but errors")
    lang(a)
    cover = a.add_argument_group("title page of the Word annex (a detail not given is left out)")
    cover.add_argument("--organisation", default=None, metavar="NAME", help="the submitting organisation")
    cover.add_argument("--state", default=None, metavar="NAME", help="the State party reviewed")
    cover.add_argument("--session", default=None, metavar="TEXT", help="the Committee session, e.g. '84th session'")
    cover.add_argument("--date", default=None, metavar="TEXT", help="the date of submission as it is to be printed")
    a.add_argument("--csv-bom", action="store_true",
                   help="start annex.csv with a byte order mark, so that Excel reads it as UTF-8")
    au = sub.add_parser("audit", help="search a folder of outputs for every withheld name of the given case files")
    au.add_argument("directory", metavar="DIR", help="folder of outputs (searched recursively)")
    au.add_argument("--cases", nargs="+", required=True, metavar="PATH",
                    help="case files or directories whose withheld names are looked for")
    au.add_argument("--audience", choices=("public", "committee", "internal"), default="public",
                    help="the audience the outputs were made for (default: public)")
    lang(au)

    u = sub.add_parser("uwazi", help="export case files to Uwazi's CSV import, or import such CSV files")
    usub = u.add_subparsers(dest="uwazi_command", metavar="ACTION")
    ue = usub.add_parser("export", help="write CSV files for the Uwazi template (docs/uwazi.md)")
    ue.add_argument("paths", nargs="+", metavar="PATH", help="case files or directories (searched recursively)")
    ue.add_argument("-o", "--output", required=True, metavar="FILE.csv",
                    help="the case file; people, sources and events go beside it (FILE.people.csv ...)")
    ue.add_argument("--audience", choices=("public", "committee", "internal"), default="public",
                    help="who may read it: public (consent respected; the default), committee, internal")
    ue.add_argument("--bom", action="store_true", help="start each file with a byte-order mark, for Excel")
    ue.add_argument("--quiet", action="store_true")
    lang(ue)
    ui = usub.add_parser("import", help="turn such CSV files into case files (schema version 2)")
    ui.add_argument("file", metavar="FILE.csv", help="the case file; FILE.people.csv ... are read beside it")
    ui.add_argument("-o", "--output", required=True, metavar="DIR", help="directory for the case files")
    ui.add_argument("--quiet", action="store_true")
    lang(ui)
    return p


def _language(cli_value: str | None, cfg: Config | None) -> str:
    """The language of the run (docs/i18n.md); raises InputError for an unknown configured value."""
    from safeguards.i18n import lang_from

    return lang_from(cli_value, cfg.language if cfg else None, config_path=(cfg.source if cfg else None) or
                     "configuration")


def _error_language(cli_value: str | None, cfg: Config | None) -> str:
    """The language errors are printed in: the run's, or English when that cannot be told."""
    try:
        return _language(cli_value, cfg)
    except SafeguardsError:
        return "en"


# argparse's own messages, so that usage lines and usage errors can be translated (argparse calls ``gettext``).
ARGPARSE_MESSAGES = (
    "usage: ", "positional arguments", "options", "show this help message and exit",
    "show program's version number and exit", "the following arguments are required: %s",
    "unrecognized arguments: %s", "expected one argument", "argument %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)", "invalid %(type)s value: %(value)r",
    "not allowed with argument %s", "ignored explicit argument %r", "one of the arguments %s is required",
    "%(prog)s: error: %(message)s\n",
)


def _walk(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from _walk(sub)


def help_texts(parser: argparse.ArgumentParser) -> list[str]:
    """Every help text, description and group title of ``parser`` and its sub-commands, in order, once."""
    out: dict[str, None] = {}
    for p in _walk(parser):
        for text in [p.description, *(g.title for g in p._action_groups)]:
            if text:
                out[text] = None
        for action in p._actions:
            choices = getattr(action, "_choices_actions", [])
            for item in [action, *choices]:
                if item.help and item.help != argparse.SUPPRESS:
                    out[item.help] = None
    return list(out)


def _lang_in(argv: Sequence[str]) -> str | None:
    """``--lang X`` or ``--lang=X`` in ``argv`` (read before parsing: help and usage errors use it)."""
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else arg[7:] if arg.startswith("--lang=") else None
        if value in LANGS:
            return value
    return None


@contextmanager
def _in_language(parser: argparse.ArgumentParser, lang: str) -> Iterator[None]:
    """Within it, ``parser``'s help texts and argparse's own messages are in ``lang``."""
    global _parsing_in
    if lang == "en":
        yield
        return
    from safeguards.i18n import translator

    t = translator(lang)
    for p in _walk(parser):
        p.description = t.pgettext("cli", p.description) if p.description else p.description
        for g in p._action_groups:
            g.title = t.pgettext("cli", g.title) if g.title else g.title
        for action in p._actions:
            for item in [action, *getattr(action, "_choices_actions", [])]:
                if item.help and item.help != argparse.SUPPRESS:
                    item.help = t.pgettext("cli", item.help)
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = t.gettext, t.ngettext  # type: ignore[attr-defined]
    _parsing_in = lang
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
        _parsing_in = "en"


def _parse(parser: argparse.ArgumentParser, argv: list[str], lang: str) -> argparse.Namespace:
    """``parser.parse_args(argv)`` with help texts and argparse's messages in ``lang``."""
    with _in_language(parser, lang):
        return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    from safeguards.config import load as load_config

    try:
        cfg = load_config()
    except SafeguardsError as exc:
        sys.stderr.write(exc.problem.render(_error_language(None, None)) + "\n")
        return EXIT_ERROR
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _parse(_parser(cfg), argv, _error_language(_lang_in(argv), cfg))
    if getattr(args, "lang", None) is None and getattr(args, "lang_before", None) is not None:
        args.lang = args.lang_before
    lang = _error_language(getattr(args, "lang", None), cfg)
    try:
        if args.command == "validate":
            from safeguards.commands.validate import run as run_validate

            return run_validate(args.paths, args.format, args.strict, args.output, max(0, args.jobs),
                                only_case_files=args.only_case_files, quiet=args.quiet,
                                lang=_language(args.lang, cfg))
        if args.command == "schema":
            from safeguards.schemas import schema_text

            sys.stdout.write(schema_text(args.name))
            return EXIT_OK
        if args.command == "check":
            from safeguards.commands.check import run as run_check

            return run_check(args)
        if args.command == "report":
            from safeguards.commands.report import run as run_report

            return run_report(args)
        if args.command == "rules":
            from safeguards.commands.rules import run as run_rules

            return run_rules(args)
        if args.command == "migrate":
            from safeguards.commands.migrate import run as run_migrate

            return run_migrate(args.paths, args.in_place, args.output, args.check, lang=_language(args.lang, cfg))
        if args.command == "audit":
            from safeguards.commands.audit import run as run_audit

            return run_audit(args)
        if args.command == "annex":
            from safeguards.commands.annex import run as run_annex

            return run_annex(args)
        if args.command == "uwazi":
            from safeguards.commands.uwazi import run as run_uwazi

            return run_uwazi(args)
    except KeyboardInterrupt:
        sys.stderr.write(localize(N_("safeguards: interrupted"), lang) + "\n")
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_ERROR
    except SafeguardsError as exc:
        sys.stderr.write(exc.problem.render(lang) + "\n")
        return EXIT_ERROR
    except OSError as exc:
        from safeguards.discovery import os_reason

        sys.stderr.write(f"safeguards: {exc.filename or ''}: {localize(os_reason(exc), lang)}\n")
        return EXIT_ERROR
    except Exception as exc:  # the last resort: a bug must not show a user a traceback
        sys.stderr.write(localize(N_("safeguards: internal error ({error}). This is a bug in safeguards, not in your "
                                     "input; please report it with the command you ran. Set SAFEGUARDS_DEBUG=1 to "
                                     "see the traceback.", error=f"{type(exc).__name__}: {str(exc)[:300]}"), lang)
                         + "\n")
        if os.environ.get("SAFEGUARDS_DEBUG"):
            raise
        return EXIT_ERROR
    parser = _parser(cfg)
    with _in_language(parser, lang):
        parser.print_help(sys.stderr)
    return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
