"""``python -m safeguards.i18n check|compile``: the catalogue checks for a translator, and compiling.

``check [LANG...]`` reports, as ``file:line:col: level[code]: message``, every message of a catalogue
that is missing from the template or from the catalogue, untranslated (an error in a language that
must be complete, a warning where a fallback reads it), fuzzy, or with placeholders unlike its
msgid's; exit 1 when there is an error. ``compile [DIR]`` writes the ``.mo`` files (beside the
``.po`` files by default).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from safeguards.i18n import LANGS
from safeguards.i18n import catalog as cat
from safeguards.i18n.compile import compile_catalogs
from safeguards.i18n.translator import LOCALE_DIR
from safeguards.problems import Level, Problem


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def check(lang: str, locale_dir: Path = LOCALE_DIR) -> list[Problem]:
    """The problems of one language's catalogue against the template."""
    path = cat.po_path(lang, locale_dir)
    where = _shown(path)
    if not path.is_file():
        return [Problem(where, 0, 0, Level.ERROR, "no-catalogue", "no catalogue for this language",
                        "create it with pybabel init (docs/i18n.md)")]
    po = cat.read(path, lang)
    template = cat.keys(cat.read(locale_dir / cat.TEMPLATE.name))
    out = []
    for key in sorted(template - cat.keys(po), key=str):
        out.append(Problem(where, 0, 0, Level.ERROR, "not-in-catalogue",
                           f"{key[0]}: {key[1]!r} is not in the catalogue", "run pybabel update (docs/i18n.md)"))
    untranslated = {id(m) for m in cat.untranslated(po)}
    mismatched = {id(m) for m in cat.placeholder_mismatches(po)}
    for m in po:
        if not m.id:
            continue
        text = cat.msgid(m)
        line, label = m.lineno or 0, f"{m.context}: {text[:60]!r}" + ("..." if len(text) > 60 else "")
        if (m.context, cat.msgid(m)) not in template:
            out.append(Problem(where, line, 1, Level.ERROR, "obsolete", f"{label} is no longer in the template",
                               "run pybabel update (docs/i18n.md)"))
        elif m.fuzzy:
            out.append(Problem(where, line, 1, Level.ERROR, "fuzzy", f"{label} has a fuzzy translation",
                               "check the translation and remove the fuzzy flag"))
        elif id(m) in untranslated:
            level = Level.ERROR if lang in cat.COMPLETE else Level.WARNING
            out.append(Problem(where, line, 1, level, "untranslated", f"{label} is not translated",
                               "translate it" if lang in cat.COMPLETE else "it is read in the fallback language"))
        if id(m) in mismatched:
            out.append(Problem(where, line, 1, Level.ERROR, "placeholders", f"{label}: the translation's "
                               "placeholders differ from the msgid's", "keep every {name} of the msgid, and no other"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m safeguards.i18n", description="Check or compile the catalogues.")
    sub = parser.add_subparsers(dest="command", required=True)
    p_check = sub.add_parser("check", help="check catalogues against the template")
    p_check.add_argument("langs", nargs="*", metavar="LANG", help="languages to check (default: every one but en)")
    p_check.add_argument("--warnings", action="store_true", help="also list untranslated messages that fall back")
    p_compile = sub.add_parser("compile", help="write the .mo files")
    p_compile.add_argument("dir", nargs="?", type=Path, default=LOCALE_DIR)
    args = parser.parse_args(argv)
    if args.command == "compile":
        for path in compile_catalogs(LOCALE_DIR, args.dir):
            print(path)
        return 0
    langs = args.langs or [lang for lang in LANGS if lang != "en"]
    unknown = [lang for lang in langs if lang not in LANGS or lang == "en"]
    if unknown:
        parser.error(f"no catalogue language {unknown[0]!r} (choose from {', '.join(LANGS[1:])})")
    problems = [p for lang in langs for p in check(lang)]
    shown = [p for p in problems if args.warnings or p.level is Level.ERROR]
    for p in shown:
        print(p.render())
    errors = sum(p.level is Level.ERROR for p in problems)
    print(f"{errors} error(s), {len(problems) - errors} warning(s)", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
