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
    try:
        with open(path, "rb") as fh:
            data = fh.read(8 * 1024 * 1024)
    except OSError:
        return {}
    return withheld_in_bytes(data, audience)


def withheld_in_bytes(data: bytes, audience: Audience) -> dict[str, str]:
    """:func:`withheld_in_file` of a file's bytes."""
    import yaml

    people: Any = None
    try:
        # the C loader where PyYAML has it: the same data as safe_load, faster
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(data)
        try:
            root = loader.get_single_node()  # composed in C; only the people are built as Python data
            if isinstance(root, yaml.MappingNode):
                for key, value in root.value:
                    if isinstance(key, yaml.ScalarNode) and key.value == "people":
                        people = loader.construct_document(value)
        finally:
            loader.dispose()
    except Exception:
        return {}
    out: dict[str, str] = {}
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


def _matcher(names: Mapping[str, str], light: bool = False) -> Any:
    return _cached(tuple(sorted(names.items())), light)


@lru_cache(maxsize=64)
def _cached(items: tuple[tuple[str, str], ...], light: bool) -> Any:
    """One matcher per set of withheld names (the reports of one case, or reruns, share it)."""
    from safeguards.names import NameMatcher

    return NameMatcher(dict(items), light=light)


@dataclass
class Withheld:
    """The withheld names of one case (or of every input of a run) for one audience.

    ``shared`` holds the names withheld in the other inputs of a run: one object for the whole run, so its
    matcher is built once (rebuilding it for each case would make a run's cost grow with the square of its
    size). The case's own names are replaced first, with the case's labels; then every shared name.
    """

    names: dict[str, str]
    shared: Withheld | None = None
    light: bool = False  # the names of many inputs: matched by their parts' forms (``NameMatcher(light=True)``)
    _m: Any = field(default=None, repr=False)
    _seen: dict[str, str] = field(default_factory=dict, repr=False)  # text -> redacted (one report repeats values)
    _clean: set[str] = field(default_factory=set, repr=False)  # texts found to hold no name (outputs repeat lines)

    @classmethod
    def for_case(cls, case: Case, audience: Audience, also: Withheld | Mapping[str, str] | None = None) -> Withheld:
        names = withheld_names(case.people, audience)
        if isinstance(also, Withheld):
            return cls(names, also if also else None)
        for k, v in (also or {}).items():
            names.setdefault(k, v)
        return cls(names)

    @property
    def matcher(self) -> Any:
        if self._m is None:
            self._m = _matcher(self.names, self.light)
        return self._m

    def every_name(self) -> dict[str, str]:
        """Every withheld name, the case's own labels first."""
        out = dict(self.names)
        for k, v in (self.shared.every_name() if self.shared is not None else {}).items():
            out.setdefault(k, v)
        return out

    def __bool__(self) -> bool:
        return bool(self.names) or bool(self.shared)

    def redact(self, text: str | None) -> str:
        """``text`` with every form of every withheld name replaced."""
        if not text or not self:
            return text or ""
        done = self._seen.get(text)
        if done is None:
            if len(self._seen) > 10_000:
                self._seen.clear()
            done = str(self.matcher.redact(text)) if self.names else text
            if self.shared is not None:
                done = self.shared.redact(done)
            self._seen[text] = done
        return done

    def hits(self, text: str) -> list[str]:
        """The forms of withheld names found in ``text`` (for the audit)."""
        found = self.own_hits(text)
        if self.shared is not None:
            found += [h for h in self.shared.hits(text) if h not in found]
        return found

    def own_hits(self, text: str) -> list[str]:
        """The forms of this case's own withheld names (not the shared ones) found in ``text``."""
        return list(self.matcher.hits(text)) if text and self.names else []

    def hits_in(self, texts: list[str]) -> list[tuple[int, str]]:
        """(index, form) of the withheld names found in each of ``texts``, read in one pass: the texts not yet
        found clean in this run are joined with a line holding a digit, which no form of a name crosses."""
        memo = (self.shared or self)._clean
        todo = [i for i, t in enumerate(texts) if t and t not in memo]
        if not todo:
            return []
        if not self.hits(_JOIN.join(texts[i] for i in todo)):
            if len(memo) > 50_000:  # at most about 50 MB (pieces of at most 1,024 characters)
                memo.clear()
            memo.update(texts[i] for i in todo if len(texts[i]) < 1024)
            return []
        return [(i, h) for i in todo for h in self.hits(texts[i])]


_JOIN = "\n0\n"


_RUNS: dict[int, tuple[tuple[tuple[str, str], ...], Withheld]] = {}


def for_run(names: tuple[tuple[str, str], ...]) -> Withheld:
    """The one :class:`Withheld` of a run's shared names (keyed by the tuple itself, which a run keeps)."""
    got = _RUNS.get(id(names))
    if got is not None and got[0] is names:
        return got[1]
    if len(_RUNS) > 8:
        _RUNS.clear()
    made = Withheld(dict(names), light=True)
    _RUNS[id(names)] = (names, made)
    return made
