"""What every derivation reads: the case, its episodes' events with time bounds, and the custody bounds."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from safeguards.facts.intervals import UNKNOWN, When, earliest, when
from safeguards.facts.registry import Ev, Fact, Facts, Instance, Item, events, of
from safeguards.model.case import (
    Apprehension,
    Case,
    Death,
    Episode,
    EventBase,
    IllTreatment,
    MedicalCare,
    MedicalExamination,
    MonitoringVisit,
    Release,
)


def first(items: Sequence[Ev[EventBase]], possible: Sequence[Ev[EventBase]] = ()) -> tuple[When, list[Ev[EventBase]]]:
    """Bounds on the time of the first of ``items`` (which happened), and the item used.

    ``possible`` are events of unknown status: any of them may have been the first, so they can only lower
    the lower bound (an unknown never makes a delay look longer than the file shows).
    """
    chosen: list[Ev[EventBase]] = list(items)
    if not chosen:
        return UNKNOWN, []
    used = sorted(chosen, key=lambda it: it.when.lo if it.when.lo is not None else float("-inf"))[:1]
    got = earliest([it.when for it in chosen])
    if possible:
        got = When(earliest([got, *(it.when for it in possible)]).lo, got.hi)
    return got, used


@dataclass
class EpisodeCtx:
    """One custody episode: its events with time bounds, and when custody began and ended."""

    index: int
    episode: Episode
    items: list[Item]
    tz: str
    vulnerable: Fact | None = None
    nationalities: tuple[str, ...] = ()  # the subject's, for custody in another State (``Episode.state``)

    @property
    def path(self) -> tuple[str | int, ...]:
        return ("episodes", self.index)

    @cached_property
    def apprehension(self) -> Ev[Apprehension] | None:
        got = events(self.items, Apprehension, happened=True)
        return got[0] if got else None

    @property
    def start(self) -> When:
        a = self.apprehension
        return a.when if a is not None else UNKNOWN

    @cached_property
    def start_fact(self) -> Fact | None:
        a = self.apprehension
        return of([a], True) if a is not None else None

    @cached_property
    def end(self) -> tuple[When, list[Ev[EventBase]]]:
        """The first release or death."""
        ends: list[Ev[EventBase]] = [*events(self.items, Release, happened=True),
                                     *events(self.items, Death, happened=True)]
        return first(ends)

    def in_custody(self, it: Ev[EventBase]) -> bool | None:
        """Whether an event took place while the person was held: None when its time is not recorded."""
        if it.when.lo is None:
            return None
        end = self.end[0]
        return not (end.hi is not None and it.when.lo >= end.hi)

    def dated_in_custody(self, it: Ev[EventBase]) -> bool:
        return self.in_custody(it) is True

    @cached_property
    def injury_records(self) -> list[Ev[EventBase]]:
        """Events recording injuries (by anyone) in or just after this custody."""
        acts: list[Ev[IllTreatment]] = events(self.items, IllTreatment, lambda e: bool(e.injuries), happened=True)
        found: list[Ev[MedicalExamination]] = events(self.items, MedicalExamination,
                                                     lambda e: e.injuries_found is True, happened=True)
        seen: list[Ev[MonitoringVisit]] = events(self.items, MonitoringVisit, lambda e: e.injuries_seen is True,
                                                 happened=True)
        care: list[Ev[MedicalCare]] = events(self.items, MedicalCare, lambda e: e.hospitalised is True,
                                             happened=True)
        out: list[Ev[EventBase]] = [*acts, *found, *seen, *care]
        return sorted(out, key=lambda it: it.path)


@dataclass
class CaseCtx:
    """The case being derived, its subject facts and its episodes."""

    case: Case
    subject: dict[str, Fact] = field(default_factory=dict)
    episodes: list[EpisodeCtx] = field(default_factory=list)

    @property
    def tz(self) -> str:
        return self.case.timezone

    def when(self, text: str | None, approximate: bool = False) -> When:
        return when(text, self.tz, approximate)

    def facts(self, keep: tuple[str, ...] | None = None, source: dict[str, Fact] | None = None) -> Facts:
        """A fresh fact set, seeded with the subject facts (or with ``keep`` taken from ``source``)."""
        base = self.subject if source is None else source
        return Facts({k: v for k, v in base.items() if keep is None or k in keep})


EpisodeDeriver = Callable[[EpisodeCtx, Facts], None]
CaseDeriver = Callable[[CaseCtx, list[Instance], Facts], None]
RecordDeriver = Callable[[CaseCtx, int, Facts], None]
DeathDeriver = Callable[[CaseCtx, EpisodeCtx, Ev[Death], Facts], None]

EPISODE_DERIVERS: list[EpisodeDeriver] = []
CASE_DERIVERS: list[CaseDeriver] = []
COMPLAINT_DERIVERS: list[RecordDeriver] = []
INVESTIGATION_DERIVERS: list[RecordDeriver] = []
DEATH_DERIVERS: list[DeathDeriver] = []


def episode_facts(fn: EpisodeDeriver) -> EpisodeDeriver:
    """Register a derivation of episode facts."""
    EPISODE_DERIVERS.append(fn)
    return fn


def case_facts(fn: CaseDeriver) -> CaseDeriver:
    """Register a derivation of case facts (it sees the episode instances)."""
    CASE_DERIVERS.append(fn)
    return fn


def complaint_facts(fn: RecordDeriver) -> RecordDeriver:
    COMPLAINT_DERIVERS.append(fn)
    return fn


def investigation_facts(fn: RecordDeriver) -> RecordDeriver:
    INVESTIGATION_DERIVERS.append(fn)
    return fn


def death_facts(fn: DeathDeriver) -> DeathDeriver:
    DEATH_DERIVERS.append(fn)
    return fn
