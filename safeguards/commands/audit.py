"""``safeguards audit DIR --cases PATH…``: search every file under DIR for every withheld name of the cases.

The same audit ``check`` and ``annex`` run on their own outputs, for any folder (a report set about to be
published, an export, a shared drive). Exit 2 if a withheld name is found (the file and field are named,
the name is not printed), 0 if none is.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from safeguards.discovery import discover, os_reason
from safeguards.i18n import lang_from
from safeguards.message import N_, localize, parse
from safeguards.publish.audit import WHERE


def run(args: argparse.Namespace) -> int:
    from safeguards.casefile import load
    from safeguards.publish.audit import audit_file
    from safeguards.publish.withheld import Withheld, withheld_in_file, withheld_names

    lang = lang_from(getattr(args, "lang", None), getattr(args, "language", None))
    root = Path(args.directory)
    if not root.is_dir():
        sys.stderr.write(localize(N_("safeguards: {path}: not a folder; give the folder of outputs to audit",
                                     path=str(root)), lang) + "\n")
        return 2
    files, missing = discover(args.cases)
    for p in missing:
        sys.stderr.write(p.render(lang) + "\n")
    names: dict[str, str] = {}
    for path in files:
        loaded = load(path)
        found = withheld_names(loaded.case.people, args.audience) if loaded.case is not None else \
            withheld_in_file(path, args.audience)
        for k, v in found.items():
            names.setdefault(k, v)
    hidden = Withheld(names)
    outputs = sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())
    leaks = []
    for out in outputs:
        try:
            leaks += audit_file(out, hidden)
        except OSError as exc:
            sys.stderr.write(localize(N_("safeguards: {path}: cannot be read ({reason})", path=str(out),
                                         reason=os_reason(exc)), lang) + "\n")
            return 2
    error = localize(N_("error"), lang)
    for leak in leaks:
        sys.stderr.write(f"{error}[name-leak]: " + localize(
            N_("{file}: {where}: a withheld name appears ({n} characters; not printed)", file=str(leak.file),
               where=parse(leak.where, WHERE), n=len(leak.form)), lang) + "\n")
    sys.stdout.write(localize(N_("audit: {outputs} file(s) searched for {names} withheld name(s) of {files} case "
                                 "file(s): {leaks} leak(s)", outputs=len(outputs), names=len(names), files=len(files),
                                 leaks=len(leaks)), lang) + "\n")
    return 2 if leaks or missing else 0
