"""Who is withheld from an audience, and the one redaction of text taken from case files.

The names of every person not published to the audience (their name and aliases) are looked for in
every known form (:mod:`safeguards.names`: inflected, transliterated, disguised) and replaced by the
label the audience may see. A matcher is built once per case, or once for every input of an annex.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from safeguards.model.case import Case, Person
from safeguards.privacy import Audience, label_for


def withheld_names(people: Iterable[Person], audience: Audience) -> dict[str, str]:
    """Each name and alias the audience may not see, with what replaces it."""
    out: dict[str, str] = {}
    for person in people:
        shown = label_for(person, audience)
        if person.name and shown == person.name:
            continue  # published by name, with every other spelling of it
        for full in [person.name, *person.aliases]:
            if full:
                out.setdefault(full, shown if not shown.startswith("[") else f"[{person.role}]")
    return out


def withheld_in_file(path: str, audience: Audience) -> dict[str, str]:
    """The names a case file withholds from ``audience``, read as far as its YAML allows, valid or not (best
    effort: labelled as :func:`withheld_names` labels them)."""
    import yaml

    try:
        with open(path, "rb") as fh:  # the C loader where PyYAML has it: the same data as safe_load, faster
            data = yaml.load(fh.read(8 * 1024 * 1024), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except Exception:
        return {}
    out: dict[str, str] = {}
    people = data.get("people") if isinstance(data, dict) else None
    for p in people if isinstance(people, list) else []:
        if not isinstance(p, dict):
            continue
        got = p.get("consent")
        consent: dict[str, Any] = got if isinstance(got, dict) else {}
        decision = consent.get("decision")
        if (decision == "publish_name" and audience != "internal") or (audience == "internal" and
                                                                        decision != "confidential"):
            continue
        pseudonym = consent.get("pseudonym")
        label = pseudonym if decision == "pseudonym_only" and isinstance(pseudonym, str) and pseudonym \
            else f"[{p.get('role', 'person')}]"  # as withheld_names labels the valid file's people
        for full in [p.get("name"), *(p.get("aliases") or [])]:
            if isinstance(full, str) and full.strip():
                out.setdefault(full, label)
    return out


def _matcher(names: Mapping[str, str]) -> Any:
    return _cached(tuple(sorted(names.items())))


@lru_cache(maxsize=512)
def _cached(items: tuple[tuple[str, str], ...]) -> Any:
    """One compiled matcher per set of withheld names (the reports of one case, or reruns, share it)."""
    from safeguards.names import NameMatcher

    return NameMatcher(dict(items))


@dataclass
class Withheld:
    """The withheld names of one case (or of every input of a run) for one audience."""

    names: dict[str, str]
    _m: Any = field(default=None, repr=False)

    @classmethod
    def for_case(cls, case: Case, audience: Audience, also: Mapping[str, str] | None = None) -> Withheld:
        names = withheld_names(case.people, audience)
        for k, v in (also or {}).items():
            names.setdefault(k, v)
        return cls(names)

    @property
    def matcher(self) -> Any:
        if self._m is None:
            self._m = _matcher(self.names)
        return self._m

    def __bool__(self) -> bool:
        return bool(self.names)

    def redact(self, text: str | None) -> str:
        """``text`` with every form of every withheld name replaced."""
        if not text or not self.names:
            return text or ""
        return str(self.matcher.redact(text))

    def hits(self, text: str) -> list[str]:
        """The forms of withheld names found in ``text`` (for the audit)."""
        if not text or not self.names:
            return []
        return list(self.matcher.hits(text))
