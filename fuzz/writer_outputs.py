"""Run ``check`` and ``annex`` on a case file and check that every output is well formed (shared with tests)."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import yaml

from safeguards.cli import main

FORMULA = ("=", "+", "-", "@")


def run_all(tmp: Path, data: dict[str, Any]) -> dict[str, bytes]:
    """Every output of check (all formats) and of annex (all formats, public and committee); {} if refused."""
    case = tmp / "in" / "case.yaml"
    case.parent.mkdir(parents=True, exist_ok=True)
    case.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if main(["check", str(case), "-o", str(tmp / "out"), "--no-timestamp", "--no-cache", "--fail-on", "never",
             "--format", "md,html,json,sarif,junit,jsonl", "--quiet"]) != 0:
        return {}
    for audience in ("public", "committee"):
        main(["annex", str(case.parent), "-o", str(tmp / "annex" / audience), "--audience", audience, "--quiet"])
    return {str(p.relative_to(tmp)): p.read_bytes() for p in sorted(tmp.rglob("*")) if p.is_file()
            and "in" not in p.relative_to(tmp).parts[:1]}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed"):
            self.bad.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"{tag} {name}")
            if name in ("href", "src") and value and not re.match(r"^(https?://|#|data:image/)", value):
                self.bad.append(f"{tag} {name}={value[:40]}")


def check_outputs(outputs: dict[str, bytes]) -> None:
    """Raise AssertionError naming the output that is not well formed."""
    for name, data in outputs.items():
        if name.endswith(".html"):
            parser = _Tags()
            parser.feed(data.decode("utf-8"))
            assert not parser.bad, (name, parser.bad)
        elif name.endswith((".json", ".sarif")):
            json.loads(data)
        elif name.endswith(".jsonl"):
            for line in data.decode("utf-8").splitlines():
                json.loads(line)
        elif name.endswith(".xml"):
            ElementTree.fromstring(data)
        elif name.endswith(".docx"):
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                for part in z.namelist():
                    if part.endswith((".xml", ".rels")):
                        ElementTree.fromstring(z.read(part))
        elif name.endswith(".md"):
            text = data.decode("utf-8")
            raw = [m.group(0) for m in re.finditer(r"<(?!https?://)[A-Za-z!/?]", text)]
            assert not raw, (name, raw[:3])
        elif name.endswith(".csv"):
            for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))):
                for cell in row:
                    stripped = cell.lstrip(" \r\n\t")
                    assert not (stripped.startswith(FORMULA) or cell.startswith(("\t", "\r"))), (name, cell[:30])
