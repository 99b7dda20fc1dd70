"""The fact registry: every fact is declared here by the module that derives it, next to its derivation.

A fact is either known (a :class:`Fact`: value, source ids and case-file paths) or absent. Rule expressions
are CEL; absent facts are left out of the CEL activation, and CEL's commutative ``&&``/``||`` then decide an
expression only when the known facts decide it. Durations are intervals: ``hours_to_court`` gives
``hours_to_court_min`` and ``hours_to_court_max``.

Events are selected by class (``events(items, LawyerAccess)``), so a misspelled event field is a type error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

from safeguards.facts.intervals import When
from safeguards.model.case import EventBase, Sourced

FactType = Literal["bool", "string", "double", "int", "list", "hours", "days"]
Scope = Literal["case", "episode", "complaint", "investigation", "death"]
SCOPES: tuple[Scope, ...] = ("case", "episode", "complaint", "investigation", "death")
YamlPath = tuple[str | int, ...]

EPISODE: tuple[Scope, ...] = ("episode",)
CASE: tuple[Scope, ...] = ("case",)
ALL: tuple[Scope, ...] = SCOPES


@dataclass(frozen=True)
class FactDecl:
    """A fact: its name, type, the scopes that have it, what it means and what to record to know it."""

    name: str
    type: FactType
    scopes: tuple[Scope, ...]
    meaning: str
    record: str

    def variables(self) -> dict[str, str]:
        """CEL variable names and CEL types this fact provides."""
        if self.type in ("hours", "days"):
            return {f"{self.name}_min": "double", f"{self.name}_max": "double"}
        return {self.name: self.type}


_DECLS: dict[str, FactDecl] = {}


def declare(name: str, type: FactType, scopes: tuple[Scope, ...], meaning: str, record: str) -> str:
    """Declare a fact (once); returns its name, for ``Facts.put``."""
    assert name not in _DECLS, f"fact {name!r} declared twice"
    _DECLS[name] = FactDecl(name, type, scopes, meaning, record)
    return name


def declared() -> tuple[FactDecl, ...]:
    """Every declared fact, in declaration order."""
    return tuple(_DECLS.values())


@dataclass(frozen=True)
class Fact:
    """A known fact: its value and what it rests on."""

    value: Any
    sources: tuple[str, ...] = ()
    paths: tuple[YamlPath, ...] = ()


@dataclass(frozen=True)
class Instance:
    """One thing a rule is evaluated over: the case, an episode, a complaint, an investigation or a death."""

    scope: Scope
    key: str
    label: str
    path: YamlPath
    facts: Mapping[str, Fact]


@dataclass
class Facts:
    """The facts of one instance while they are derived."""

    values: dict[str, Fact] = field(default_factory=dict)

    def put(self, name: str, fact: Fact | None) -> None:
        assert name in _DECLS, name  # every fact a derivation gives must be declared
        if fact is not None:
            self.values[name] = fact

    def get(self, name: str) -> Fact | None:
        return self.values.get(name)


# --- events --------------------------------------------------------------------------------

E = TypeVar("E", bound=EventBase)
R = TypeVar("R", bound=Sourced)
T = TypeVar("T", bound=EventBase, covariant=True)
S = TypeVar("S", bound=Sourced, covariant=True)


@dataclass(frozen=True)
class Item:
    """An event with its position in the file and its time bounds."""

    event: EventBase
    path: YamlPath
    when: When

    @property
    def happened(self) -> bool:
        return self.event.status == "happened"


@dataclass(frozen=True)
class Ev(Generic[T]):
    """A typed view of an item: ``ev.event`` has the event's own class."""

    event: T
    path: YamlPath
    when: When

    @property
    def happened(self) -> bool:
        return self.event.status == "happened"


def events(items: Iterable[Item | Ev[Any]], kind: type[E], pred: Callable[[E], bool] | None = None,
           *, happened: bool = False) -> list[Ev[E]]:
    """The items whose event is a ``kind`` (and matches ``pred``; and happened, if asked), typed."""
    out: list[Ev[E]] = []
    for it in items:
        ev = it.event
        if isinstance(ev, kind) and (pred is None or pred(ev)) and (not happened or ev.status == "happened"):
            out.append(Ev(ev, it.path, it.when))
    return out


def merge(*facts: Fact | None) -> tuple[tuple[str, ...], tuple[YamlPath, ...]]:
    """The union of the sources and paths of ``facts``, in order."""
    sources: list[str] = []
    paths: list[YamlPath] = []
    for f in facts:
        if f is None:
            continue
        sources.extend(s for s in f.sources if s not in sources)
        paths.extend(p for p in f.paths if p not in paths)
    return tuple(sources), tuple(paths)


def joined(value: Any, *facts: Fact | None) -> Fact:
    """A fact of ``value`` resting on everything ``facts`` rest on."""
    return Fact(value, *merge(*facts))


def of(items: Iterable[Ev[Any]], value: Any) -> Fact:
    """A fact of ``value`` resting on the sources and paths of ``items``."""
    sources: list[str] = []
    paths: list[YamlPath] = []
    for it in items:
        sources.extend(s for s in it.event.source_ids() if s not in sources)
        paths.append(it.path)
    return Fact(value, tuple(sources), tuple(paths))


def status(items: Sequence[Ev[E]]) -> Fact | None:
    """True if any of ``items`` happened, False if recorded as not happened and none is of unknown status.

    A record of unknown status may be the one that happened, so it blocks a "did not happen" conclusion.
    """
    yes = [it for it in items if it.happened]
    if yes:
        return of(yes, True)
    if any(it.event.status == "unknown" for it in items):
        return None
    no = [it for it in items if it.event.status == "not_happened"]
    return of(no, False) if no else None


def some_all(items: Sequence[Ev[E]], value: Callable[[E], bool | None]) -> Fact | None:
    """True if ``value`` is true for some item; False if it is false for every item; else absent.

    The three-valued pattern "some show it, all recorded as not, else unknown", written once.
    """
    yes = [it for it in items if value(it.event) is True]
    if yes:
        return of(yes, True)
    if items and all(value(it.event) is False for it in items):
        return of(items, False)
    return None


# --- top-level records -----------------------------------------------------------------------


@dataclass(frozen=True)
class Rec(Generic[S]):
    """A top-level record (complaint, investigation...) with its path."""

    record: S
    path: YamlPath


def records(rows: Sequence[R], section: str) -> list[Rec[R]]:
    """Every record of a section with its path."""
    return [Rec(r, (section, i)) for i, r in enumerate(rows)]


def known(rec: Rec[Any]) -> bool:
    """A record the file decides: its status is recorded (not unknown) and it cites a source."""
    return getattr(rec.record, "status", "unknown") != "unknown" and bool(rec.record.source_ids())


def rfact(recs: Iterable[Rec[Any]], value: Any) -> Fact:
    """A fact of ``value`` resting on the sources and paths of ``recs``."""
    sources: list[str] = []
    paths: list[YamlPath] = []
    for r in recs:
        sources.extend(s for s in r.record.source_ids() if s not in sources)
        paths.append(r.path)
    return Fact(value, tuple(sources), tuple(paths))


def rsome_all(recs: Sequence[Rec[S]], value: Callable[[S], bool | None]) -> Fact | None:
    """``some_all`` for records: True if ``value`` is true for some record, False if false for every one."""
    yes = [r for r in recs if value(r.record) is True]
    if yes:
        return rfact(yes, True)
    if recs and all(value(r.record) is False for r in recs):
        return rfact(recs, False)
    return None


def revery(recs: Sequence[Rec[S]], value: Callable[[S], bool | None]) -> Fact | None:
    """The dual: False if ``value`` is false for some record, True if true for every one, else absent."""
    no = [r for r in recs if value(r.record) is False]
    if no:
        return rfact(no, False)
    if recs and all(value(r.record) is True for r in recs):
        return rfact(recs, True)
    return None


def sourced(rec: Rec[Any]) -> bool:
    return bool(rec.record.source_ids())


def rstatus(recs: Sequence[Rec[Any]], need_source: bool = True) -> Fact | None:
    """True if a known record happened, False if known records say it did not, else absent."""
    ok = [r for r in recs if known(r) or (not need_source and r.record.status != "unknown")]
    yes = [r for r in ok if r.record.status == "happened"]
    if yes:
        return rfact(yes, True)
    if len(ok) < len(recs):  # a record of unknown status (or unsourced) may be the one that happened
        return None
    no = [r for r in ok if r.record.status == "not_happened"]
    return rfact(no, False) if no else None
