"""Builders for privacy tests: a small valid case file with a withheld witness, written to disk."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
BASE: dict[str, Any] = yaml.safe_load((ROOT / "rules" / "fixtures" / "base.yaml").read_text(encoding="utf-8"))


def case_data(case_id: str = "kz-2022-001", witness: str = "Иван Петров", **changes: Any) -> dict[str, Any]:
    """A case whose detainee is pseudonymised and whose witness ``witness`` is withheld (pseudonym_only)."""
    data = copy.deepcopy(BASE)
    data["id"] = case_id
    data["people"][0]["name"] = "Timur Bekov"
    data["people"][0].pop("name_known", None)
    data["people"].append({"id": "p2", "role": "witness", "name": witness, "sex": "male",
                           "consent": {"decision": "confidential", "basis": "no_consent"}})
    data["episodes"] = [{"id": "ep-1", "places": [{"id": "pl-1", "type": "police_station", "name": "City police",
                                                    "sources": ["s1"]}],
                         "events": [{"type": "apprehension", "status": "happened", "at": "2022-01-05T10:00",
                                     "place": "pl-1", "sources": ["s1"]},
                                    {"type": "ill_treatment", "status": "happened", "at": "2022-01-05T12:00",
                                     "methods": ["beating"], "injuries": "bruises", "sources": ["s1"]}]}]
    data.update(changes)
    return data


def write(folder: Path, data: dict[str, Any], name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"{data['id']}.yaml")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def outputs_text(folder: Path) -> str:
    """Every output under ``folder`` as text (a Word file's parts joined)."""
    import zipfile

    chunks = []
    for p in sorted(folder.rglob("*")):
        if not p.is_file():
            continue
        if p.suffix == ".docx":
            with zipfile.ZipFile(p) as z:
                chunks += [z.read(n).decode("utf-8", "replace") for n in z.namelist()]
        else:
            chunks.append(p.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(chunks)
