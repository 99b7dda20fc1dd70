"""The derived view: a case file turned, once, into the facts rules read.

Every fact keeps the sources and the case-file paths it rests on, so a
finding can cite them and point at the line. A fact the file does not decide
is simply absent (see :mod:`safeguards.engine.facts`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from safeguards.engine.facts import BY_NAME, Scope
from safeguards.model.case import Case, Episode, Event, Investigation
from safeguards.model.timepoint import interval

YamlPath = tuple[str | int, ...]
HOUR = 3600.0
DAY = 86400.0

# Methods that by their nature inflict severe pain or suffering. A documented project
# classification (docs/scoring.md), used only to say that torture is *indicated*.
SEVERE_METHODS = frozenset({"asphyxiation", "electric_shock", "falanga", "suspension", "sexual_violence",
                            "burning", "mock_execution", "beating_with_objects"})
PROHIBITED_PURPOSES = frozenset({"confession", "information", "punishment", "intimidation", "coercion",
                                 "discrimination"})
OFFICIAL = frozenset({"direct", "instigation", "consent_or_acquiescence"})
RELATED = frozenset({"same_unit", "same_agency", "ordering_prosecutors", "supervising_prosecutors",
                     "same_ministry"})
UN_BODIES = frozenset({"un_committee", "un_special_procedure"})
OUTSIDE_EXAMINERS = frozenset({"independent", "ambulance"})


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


@dataclass(frozen=True)
class _Item:
    """An event with its position and resolved time bounds (epoch seconds; None when unknown)."""

    event: Any
    path: YamlPath
    lo: float | None
    hi: float | None

    @property
    def happened(self) -> bool:
        return bool(self.event.status == "happened")


def _merge(*facts: Fact | None) -> tuple[tuple[str, ...], tuple[YamlPath, ...]]:
    sources: list[str] = []
    paths: list[YamlPath] = []
    for f in facts:
        if f is None:
            continue
        sources.extend(s for s in f.sources if s not in sources)
        paths.extend(p for p in f.paths if p not in paths)
    return tuple(sources), tuple(paths)


def _of(items: Iterable[_Item], value: Any) -> Fact:
    sources: list[str] = []
    paths: list[YamlPath] = []
    for it in items:
        sources.extend(s for s in it.event.sources if s not in sources)
        paths.append(it.path)
    return Fact(value, tuple(sources), tuple(paths))


@dataclass
class _Facts:
    values: dict[str, Fact] = field(default_factory=dict)

    def put(self, name: str, fact: Fact | None) -> None:
        assert name in BY_NAME, name  # every fact a derivation gives must be declared
        if fact is not None:
            self.values[name] = fact


class Deriver:
    """Computes every scope instance of one case (one version of it, if facts are contested)."""

    def __init__(self, case: Case) -> None:
        self.case = case
        self.tz = case.timezone
        subject = case.person(case.subject)
        self.subject_facts: dict[str, Fact] = {}
        if subject is not None and subject.nationality is not None:
            where = ("people", case.people.index(subject), "nationality")
            self.subject_facts["foreign_national"] = Fact(subject.nationality != case.jurisdiction,
                                                          tuple(subject.sources), (where,))
        self.episode_items = [self._items(i, ep) for i, ep in enumerate(case.episodes)]

    # --- time helpers

    def _bounds(self, text: str | None, approximate: bool) -> tuple[float | None, float | None]:
        if text is None:
            return None, None
        iv = interval(text, self.tz, approximate)
        return iv.start, (iv.start if iv.exact else iv.end)

    def _items(self, i: int, ep: Episode) -> list[_Item]:
        out = []
        for j, ev in enumerate(ep.events):
            lo, hi = self._bounds(ev.at, ev.approximate)
            out.append(_Item(ev, ("episodes", i, "events", j), lo, hi))
        return out

    # --- generic event helpers

    @staticmethod
    def _status(items: list[_Item], kind: str, pred: Any = None) -> Fact | None:
        """True if any event of ``kind`` (matching ``pred``) happened, False if recorded as not happened."""
        chosen = [it for it in items if it.event.type == kind and (pred is None or pred(it.event))]
        happened = [it for it in chosen if it.happened]
        if happened:
            return _of(happened, True)
        negative = [it for it in chosen if it.event.status == "not_happened"]
        if negative:
            return _of(negative, False)
        return None

    @staticmethod
    def _first(items: list[_Item], kind: str | tuple[str, ...], pred: Any = None
               ) -> tuple[float | None, float | None, list[_Item]]:
        """Bounds on the time of the first happened event of ``kind``; lo is None when it may be any earlier."""
        kinds = (kind,) if isinstance(kind, str) else kind
        chosen = [it for it in items if it.event.type in kinds and it.happened and (pred is None or pred(it.event))]
        if not chosen:
            return None, None, []
        his = [it.hi for it in chosen if it.hi is not None]
        los = [it.lo for it in chosen]
        hi = min(his) if his else None
        lo = None if any(x is None for x in los) else min(x for x in los if x is not None)
        used = sorted(chosen, key=lambda it: it.lo if it.lo is not None else float("-inf"))[:1]
        return lo, hi, used

    @staticmethod
    def _span(a_lo: float | None, a_hi: float | None, b_lo: float | None, b_hi: float | None,
              unit: float) -> tuple[float, float] | None:
        """Bounds on (b - a) in ``unit``; an unknown lower bound of b counts as 'as early as a'."""
        if a_lo is None or a_hi is None or b_hi is None:
            return None
        low = 0.0 if b_lo is None else max(0.0, (b_lo - a_hi) / unit)
        high = max(0.0, (b_hi - a_lo) / unit)
        return (round(low, 2), round(high, 2))

    @staticmethod
    def _before(a_lo: float | None, a_hi: float | None, b_lo: float | None, b_hi: float | None) -> bool | None:
        if a_hi is not None and b_lo is not None and a_hi <= b_lo:
            return True
        if a_lo is not None and b_hi is not None and a_lo > b_hi:
            return False
        return None

    # --- episode

    def episode(self, i: int, ep: Episode) -> Instance:
        items = self.episode_items[i]
        f = _Facts(dict(self.subject_facts))
        appr = [it for it in items if it.event.type == "apprehension" and it.happened]
        a = appr[0] if appr else None
        a_lo, a_hi = (a.lo, a.hi) if a else (None, None)
        a_fact = _of([a], True) if a else None
        f.put("apprehended", self._status(items, "apprehension"))
        if a is not None and a.event.status_label != "unknown":
            f.put("status_label", _of([a], a.event.status_label))
        rel_lo, rel_hi, rel = self._first(items, ("release", "death"))
        f.put("released", self._status(items, "release"))

        def hours(name: str, lo: float | None, hi: float | None, used: list[_Item], start: Fact | None = a_fact,
                  s_lo: float | None = a_lo, s_hi: float | None = a_hi) -> None:
            span = self._span(s_lo, s_hi, lo, hi, HOUR)
            if span is not None:
                srcs, paths = _merge(start, _of(used, None))
                f.put(name, Fact(span, srcs, paths))

        hours("held_hours", rel_lo, rel_hi, rel)
        end_hi = rel_hi
        f.put("registered", self._status(items, "registration"))
        r_lo, r_hi, reg = self._first(items, "registration")
        hours("hours_to_registration", r_lo, r_hi, reg)
        d_lo, d_hi, arr = self._first(items, "arrival")
        if arr:
            hours("hours_delivery_to_registration", r_lo, r_hi, reg, _of(arr, None), d_lo, d_hi)
        elif reg and a is not None:
            # Delivery is not recorded: the delay from apprehension bounds it from above.
            span = self._span(a_lo, a_hi, r_lo, r_hi, HOUR)
            if span is not None:
                srcs, paths = _merge(a_fact, _of(reg, None))
                f.put("hours_delivery_to_registration", Fact((0.0, span[1]), srcs, paths))
        if reg and reg[0].event.recorded_start is not None:
            rs_lo, rs_hi = self._bounds(reg[0].event.recorded_start, False)
            hours("record_understates_hours", rs_lo, rs_hi, reg)
        places = ep.places
        unofficial = [p for p in places if p.official is False]
        if unofficial:
            paths = tuple(("episodes", i, "places", ep.places.index(p)) for p in unofficial)
            f.put("unofficial_place", Fact(True, (), paths))
            f.put("unofficial_place_name", Fact(unofficial[0].name, (), paths))
        elif places and all(p.official is True for p in places):
            f.put("unofficial_place", Fact(False, (), (("episodes", i, "places"),)))
        f.put("acknowledgement_refused", self._status(items, "acknowledgement_refused"))
        # rights and questioning
        f.put("rights_informed", self._status(items, "rights_information"))
        q_lo, q_hi, qs = self._first(items, "interrogation")
        f.put("questioned", self._status(items, "interrogation"))
        hours("hours_to_questioning", q_lo, q_hi, qs)
        ri_lo, ri_hi, ri = self._first(items, "rights_information")
        rights = self._status(items, "rights_information")
        if qs:
            if rights is not None and rights.value is False:
                f.put("rights_before_questioning", Fact(False, *_merge(rights, _of(qs, None))))
            elif ri:
                before = self._before(ri_lo, ri_hi, q_lo, q_hi)
                if before is not None:
                    f.put("rights_before_questioning", Fact(before, *_merge(_of(ri, None), _of(qs, None))))
        info = [it for it in items if it.event.type == "rights_information" and it.happened]
        if info:
            understood = [it.event.language_understood for it in info]
            if any(x is False for x in understood) and not any(it.event.interpreter for it in info):
                f.put("rights_in_understood_language", _of(info, False))
            elif any(x is True for x in understood) or any(it.event.interpreter for it in info):
                f.put("rights_in_understood_language", _of(info, True))
        # lawyer (a lay defender is outside contact, not counsel)
        def counsel(ev: Any) -> bool:
            return bool(ev.lawyer_type != "lay_defender")

        f.put("lawyer_requested", self._status(items, "lawyer_request"))
        f.put("lawyer_denied", self._status(items, "lawyer_denied"))
        la = self._status(items, "lawyer_access", counsel)
        f.put("lawyer_access", la)
        l_lo, l_hi, law = self._first(items, "lawyer_access", counsel)
        hours("hours_to_lawyer", l_lo, l_hi, law)
        interrogations = [it for it in items if it.event.type == "interrogation" and it.happened]
        absent = [it for it in interrogations if it.event.lawyer_present is False]
        if absent:
            f.put("lawyer_before_questioning", _of(absent, False))
        elif qs and la is not None and la.value is False:
            f.put("lawyer_before_questioning", Fact(False, *_merge(la, _of(qs, None))))
        elif qs and law and self._before(l_lo, l_hi, q_lo, q_hi) is False:
            # The lawyer came only after a recorded questioning: a breach whatever happened earlier.
            f.put("lawyer_before_questioning", Fact(False, *_merge(_of(law, None), _of(qs, None))))
        elif interrogations and all(it.event.lawyer_present is True for it in interrogations):
            # Only presence at every recorded questioning shows compliance: the first recorded
            # questioning need not be the first one that took place.
            f.put("lawyer_before_questioning", _of(interrogations, True))
        # medical
        def in_custody(ev: Any) -> bool:
            lo, _ = self._bounds(ev.at, ev.approximate)
            return not (lo is not None and end_hi is not None and lo >= end_hi)

        def is_exam(ev: Any) -> bool:
            return bool(ev.examiner != "monitor_visual" and in_custody(ev))

        f.put("medical_exam", self._status(items, "medical_examination", is_exam))
        exams = [it for it in items if it.event.type == "medical_examination" and it.happened and is_exam(it.event)]
        if exams:
            if any(it.event.examiner == "independent" for it in exams):
                f.put("independent_exam", _of([it for it in exams if it.event.examiner == "independent"], True))
            elif all(it.event.examiner not in ("unknown", "independent") for it in exams):
                f.put("independent_exam", _of(exams, False))
            present = [it.event.officers_present for it in exams]
            if any(x is True for x in present):
                f.put("exam_with_officers_present", _of([it for it in exams if it.event.officers_present], True))
            elif all(x is False for x in present):
                f.put("exam_with_officers_present", _of(exams, False))
        else:
            none = self._status(items, "medical_examination", is_exam)
            if none is not None and none.value is False:
                f.put("independent_exam", none)
        m_lo, m_hi, med = self._first(items, "medical_examination", is_exam)
        hours("hours_to_medical_exam", m_lo, m_hi, med)
        reqs = [it for it in items if it.event.type == "medical_request" and it.happened]
        refused = [it for it in reqs if it.event.response in ("refused", "ignored", "delayed")]
        if refused:
            f.put("medical_request_refused", _of(refused, True))
        elif reqs and all(it.event.response == "granted" for it in reqs):
            f.put("medical_request_refused", _of(reqs, False))
        injury_items = [it for it in items if it.happened and (
            (it.event.type == "ill_treatment" and it.event.injuries)
            or (it.event.type == "medical_examination" and it.event.injuries_found)
            or (it.event.type == "monitoring_visit" and it.event.injuries_seen)
            or (it.event.type == "medical_care" and it.event.hospitalised))]
        if injury_items:
            f.put("injured", _of(injury_items, True))
        care = [it for it in items if it.happened and it.event.type == "medical_care" and it.event.in_custody]
        if care or exams:
            f.put("care_in_custody", _of(care or exams, True))
        elif refused:
            f.put("care_in_custody", _of(refused, False))
        after = [it for it in items if it.happened and it.event.type == "medical_care"
                 and it.event.in_custody is False and it.event.hospitalised]
        if after:
            f.put("hospitalised_after_release", _of(after, True))
        # family
        f.put("family_notified", self._status(items, "family_notification"))
        fam_lo, fam_hi, fam = self._first(items, "family_notification")
        hours("hours_to_family", fam_lo, fam_hi, fam)
        # court
        f.put("court_appearance", self._status(items, "court_appearance"))
        c_lo, c_hi, court = self._first(items, "court_appearance")
        hours("hours_to_court", c_lo, c_hi, court)
        if court and court[0].event.physically_present is not None:
            f.put("court_in_person", _of(court, court[0].event.physically_present))
        hearings = [it for it in items if it.event.type == "court_appearance" and it.happened]
        raised = [it for it in hearings if it.event.allegation_raised]
        if raised:
            ignored = [it for it in raised if it.event.judge_response in ("ignored", "dismissed")]
            acted = [it for it in raised if it.event.judge_response in ("ordered_investigation", "ordered_medical_exam",
                                                                         "excluded_evidence", "removed_detainee")]
            if ignored:
                f.put("judge_ignored_allegation", _of(ignored, True))
            elif acted:
                f.put("judge_ignored_allegation", _of(acted, False))
        # interrogation recording and interviewers
        unrec = [it for it in interrogations if it.event.recorded in ("none", "partial")]
        if unrec:
            f.put("interrogation_unrecorded", _of(unrec, True))
        elif interrogations and all(it.event.recorded == "full" for it in interrogations):
            f.put("interrogation_unrecorded", _of(interrogations, False))
        counts = [it for it in interrogations if it.event.officials_count is not None]
        if counts:
            top = max(counts, key=lambda it: it.event.officials_count)
            f.put("max_interviewers", _of([top], int(top.event.officials_count)))
        # confession
        f.put("confession", self._status(items, "confession"))
        conf = [it for it in items if it.event.type == "confession" and it.happened]
        duress = [it for it in conf if it.event.under_duress]
        if duress:
            f.put("confession_under_duress", _of(duress, True))
        elif conf and all(it.event.under_duress is False for it in conf):
            f.put("confession_under_duress", _of(conf, False))
        shown = [it for it in conf if it.event.broadcast]
        if shown:
            f.put("confession_broadcast", _of(shown, True))
        # ill-treatment and the elements of art 1
        f.put("ill_treatment", self._status(items, "ill_treatment"))
        acts = [it for it in items if it.event.type == "ill_treatment" and it.happened]
        if acts:
            methods = sorted({m for it in acts for m in it.event.methods})
            if methods:
                f.put("methods", _of(acts, methods))
            severe = [it for it in acts if SEVERE_METHODS.intersection(it.event.methods) or it.event.severe]
            if severe:
                f.put("severe_methods", _of(severe, True))
            purposeful = [it for it in acts if PROHIBITED_PURPOSES.intersection(it.event.purpose)]
            if purposeful:
                f.put("prohibited_purpose", _of(purposeful, True))
            elif all(it.event.purpose == ["none_apparent"] for it in acts):
                f.put("prohibited_purpose", _of(acts, False))
            official = [it for it in acts if it.event.involvement in OFFICIAL]
            if official:
                f.put("official_involvement", _of(official, True))
            elif all(it.event.involvement == "none" for it in acts):
                f.put("official_involvement", _of(acts, False))
        # conditions, solitary, contact
        conds = [it for it in items if it.event.type == "conditions" and it.happened and it.event.deprivations]
        f.put("deprivation", self._status(items, "conditions", lambda e: bool(e.deprivations)))
        spans = []
        for it in conds:
            if it.event.hours is not None:
                spans.append(((float(it.event.hours), float(it.event.hours)), it))
            elif it.event.until is not None:
                u_lo, u_hi = self._bounds(it.event.until, it.event.approximate)
                s = self._span(it.lo, it.hi, u_lo, u_hi, HOUR)
                if s is not None:
                    spans.append((s, it))
        if spans:
            best = max(spans, key=lambda x: x[0][0])
            f.put("deprivation_hours", _of([best[1]], best[0]))
        f.put("solitary", self._status(items, "solitary_confinement"))
        sol = []
        for it in items:
            if it.event.type == "solitary_confinement" and it.happened and it.event.until is not None:
                u_lo, u_hi = self._bounds(it.event.until, it.event.approximate)
                s = self._span(it.lo, it.hi, u_lo, u_hi, DAY)
                if s is not None:
                    sol.append((s, it))
        if sol:
            best = max(sol, key=lambda x: x[0][0])
            f.put("solitary_days", _of([best[1]], best[0]))
        f.put("contact_denied", self._status(items, "contact_denied"))
        o_lo, o_hi, outside = self._first(items, ("lawyer_access", "family_notification"))
        ext = [it for it in items if it.happened and it.event.type == "medical_examination"
               and it.event.examiner in OUTSIDE_EXAMINERS]
        if ext:
            e_lo, e_hi, e_used = self._first(ext, "medical_examination")
            if o_hi is None or (e_hi is not None and e_hi < o_hi):
                o_lo, o_hi, outside = e_lo, e_hi, e_used
        if outside:
            hours("hours_without_contact", o_lo, o_hi, outside)
        elif rel and self._status(items, "lawyer_access") is not None and \
                self._status(items, "family_notification") is not None:
            # Both kinds of contact are recorded as not having happened: the gap is the whole custody.
            hours("hours_without_contact", rel_lo, rel_hi, rel)
        # monitoring
        f.put("monitoring_visit", self._status(items, "monitoring_visit"))
        visits = [it for it in items if it.event.type == "monitoring_visit" and it.happened]
        if visits:
            indep = [it for it in visits if it.event.independent and it.event.private_interview]
            if indep:
                f.put("monitor_independent", _of(indep, True))
            elif all(it.event.independent is False or it.event.private_interview is False for it in visits):
                f.put("monitor_independent", _of(visits, False))
            missed = [it for it in visits if it.event.injuries_seen is False]
            if missed and injury_items:
                f.put("monitor_missed_injuries", _of(missed + injury_items, True))
        return Instance("episode", ep.id, f"episode {ep.id}", ("episodes", i), dict(f.values))

    # --- case

    def _case_wide(self, f: _Facts, episodes: list[Instance]) -> None:
        def any_of(name: str) -> Fact | None:
            got = [e.facts[name] for e in episodes if name in e.facts]
            true = [x for x in got if x.value is True]
            if true:
                return Fact(True, *_merge(*true))
            if episodes and len(got) == len(episodes) and all(x.value is False for x in got):
                return Fact(False, *_merge(*got))
            return None

        f.put("ill_treatment_alleged", any_of("ill_treatment"))
        torture = []
        for e in episodes:
            parts = [e.facts.get(n) for n in ("severe_methods", "prohibited_purpose", "official_involvement")]
            if all(p is not None and p.value is True for p in parts):
                torture.append(Fact(True, *_merge(*parts)))
        if torture:
            f.put("torture_indicated", Fact(True, *_merge(*torture)))
        else:
            it = any_of("ill_treatment")
            if it is not None and it.value is False:
                f.put("torture_indicated", it)
            elif episodes and all(
                    e.facts.get("official_involvement", Fact(None)).value is False
                    or e.facts.get("prohibited_purpose", Fact(None)).value is False
                    or e.facts.get("ill_treatment", Fact(None)).value is False for e in episodes):
                f.put("torture_indicated", Fact(False, *_merge(*(
                    e.facts.get(n) for e in episodes for n in ("official_involvement", "prohibited_purpose")))))

    def _records(self, name: str, records: list[Any], pred: Any = None) -> tuple[list[Any], list[Any]]:
        """(happened, recorded as not happened) records of a top-level list, with their paths."""
        yes, no = [], []
        for i, rec in enumerate(records):
            if pred is not None and not pred(rec):
                continue
            status = getattr(rec, "status", "happened")
            if status == "happened":
                yes.append((rec, (name, i)))
            elif status == "not_happened":
                no.append((rec, (name, i)))
        return yes, no

    @staticmethod
    def _rfact(pairs: list[Any], value: Any) -> Fact:
        sources: list[str] = []
        for rec, _ in pairs:
            sources.extend(s for s in rec.sources if s not in sources)
        return Fact(value, tuple(sources), tuple(p for _, p in pairs))

    def _tristate(self, name: str, records: list[Any], pred: Any = None) -> Fact | None:
        yes, no = self._records(name, records, pred)
        if yes:
            return self._rfact(yes, True)
        if no:
            return self._rfact(no, False)
        return None

    def case_instance(self, episodes: list[Instance]) -> Instance:
        c = self.case
        f = _Facts(dict(self.subject_facts))
        self._case_wide(f, episodes)
        f.put("complaint_made", self._tristate("complaints", c.complaints))
        if c.complaints:
            f.put("complained_to_un", self._tristate("complaints", c.complaints, lambda r: r.body_kind in UN_BODIES)
                  or self._rfact([(r, ("complaints", i)) for i, r in enumerate(c.complaints)], False))
        ill = [(r, ("investigations", i)) for i, r in enumerate(c.investigations) if r.subject == "ill_treatment"]
        opened = [(r, p) for r, p in ill if r.status == "happened" and r.outcome != "refused_to_open"]
        refused = [(r, p) for r, p in ill if r.status == "not_happened" or r.outcome == "refused_to_open"]
        if opened:
            f.put("investigation_opened", self._rfact(opened, True))
        elif refused:
            f.put("investigation_opened", self._rfact(refused, False))
        notice = self._first_notice(episodes)
        if notice is not None and opened:
            times = [(self._bounds(r.opened_at, r.approximate), (r, p)) for r, p in opened if r.opened_at]
            if times:
                (o_lo, o_hi), pair = min(times, key=lambda x: x[0][0] if x[0][0] is not None else 0)
                n_lo, n_hi, n_fact = notice
                span = self._span(n_lo, n_hi, o_lo, o_hi, DAY)
                if span is not None:
                    f.put("days_to_investigation", Fact(span, *_merge(n_fact, self._rfact([pair], None))))
        if notice is not None:
            heard = [(self._bounds(r.victim_heard_at, r.approximate), (r, p)) for r, p in opened if r.victim_heard_at]
            if heard:
                (h_lo, h_hi), pair = min(heard, key=lambda x: x[0][0] if x[0][0] is not None else 0)
                span = self._span(notice[0], notice[1], h_lo, h_hi, DAY)
                if span is not None:
                    f.put("days_to_victim_heard", Fact(span, *_merge(notice[2], self._rfact([pair], None))))
        related = [(r, p) for r, p in ill if r.relation in RELATED]
        if related:
            f.put("investigator_related", self._rfact(related, True))
        elif ill and all(r.relation == "independent" for r, _ in ill):
            f.put("investigator_related", self._rfact(ill, False))
        charged: list[tuple[Any, YamlPath]] = [(r, p) for r, p in ill
                                               if r.outcome in ("charges_brought", "conviction", "acquittal")]
        charged += [(r, ("proceedings", i)) for i, r in enumerate(c.proceedings)
                    if r.kind == "prosecution_of_perpetrators"]
        no_charge = [(r, p) for r, p in ill if r.outcome in ("closed_no_charges", "refused_to_open")]
        if charged:
            f.put("prosecution", self._rfact(charged, True))
        elif no_charge:
            f.put("prosecution", self._rfact(no_charge, False))
        convicted = [(r, p) for r, p in ill if r.outcome == "conviction"]
        if convicted:
            f.put("conviction", self._rfact(convicted, True))
        elif no_charge or [(r, p) for r, p in ill if r.outcome == "acquittal"]:
            f.put("conviction", self._rfact(no_charge or ill, False))
        self._reprisals(f)
        f.put("redress_provided", self._tristate("redress", c.redress,
                                                 lambda r: r.kind in ("compensation", "rehabilitation")))
        trials = [(r, ("proceedings", i)) for i, r in enumerate(c.proceedings) if r.kind == "trial_of_detainee"]
        if trials:
            f.put("tried", self._rfact(trials, True))
        else:
            releases = [it for items in self.episode_items for it in items
                        if it.event.type == "release" and it.happened]
            if releases and all(it.event.charged is False for it in releases) and not c.proceedings:
                f.put("tried", _of(releases, False))
        used = [(r, p) for r, p in trials if r.confession_used and r.torture_alleged]
        if used:
            f.put("coerced_statement_used", self._rfact(used, True))
        elif trials and all(r.confession_used is False for r, _ in trials):
            f.put("coerced_statement_used", self._rfact(trials, False))
        verified = [(r, p) for r, p in trials if r.court_response in ("verified_and_excluded", "verified_and_rejected")]
        unverified = [(r, p) for r, p in trials if r.court_response in ("dismissed_without_verification", "ignored")]
        if unverified:
            f.put("court_verified_allegation", self._rfact(unverified, False))
        elif verified:
            f.put("court_verified_allegation", self._rfact(verified, True))
        f.put("removal", self._tristate("removals", c.removals))
        rem = [(r, ("removals", i)) for i, r in enumerate(c.removals) if r.status == "happened"]
        for name, attr in (("removal_risk_claimed", "risk_claimed"), ("risk_assessed", "risk_assessed"),
                           ("interim_measures_ignored", "interim_measures_ignored")):
            vals = [(r, p) for r, p in rem if getattr(r, attr) is not None]
            if vals:
                value = any(getattr(r, attr) for r, _ in vals) if attr != "risk_assessed" else \
                    all(getattr(r, attr) for r, _ in vals)
                f.put(name, self._rfact(vals, value))
        return Instance("case", c.id, "case", (), dict(f.values))

    def _first_notice(self, episodes: list[Instance]) -> tuple[float | None, float | None, Fact] | None:
        """The earliest moment the authorities had reason to know: a complaint or a recorded injury."""
        best: tuple[float | None, float | None, Fact] | None = None
        for i, comp in enumerate(self.case.complaints):
            if comp.status == "happened" and comp.at and comp.body_kind not in UN_BODIES:
                lo, hi = self._bounds(comp.at, comp.approximate)
                if lo is not None and (best is None or (best[0] is not None and lo < best[0])):
                    best = (lo, hi, self._rfact([(comp, ("complaints", i))], None))
        for items in self.episode_items:
            for it in items:
                if it.happened and it.event.type == "medical_examination" and it.event.injuries_found \
                        and it.lo is not None and (best is None or (best[0] is not None and it.lo < best[0])):
                    best = (it.lo, it.hi, _of([it], None))
        return best

    def _reprisals(self, f: _Facts) -> None:
        c = self.case
        f.put("reprisal", self._tristate("reprisals", c.reprisals))
        yes, _ = self._records("reprisals", c.reprisals)
        if yes:
            f.put("reprisal_kinds", self._rfact(yes, sorted({r.kind for r, _ in yes})))
            after = [(r, p) for r, p in yes if r.follows]
            if after:
                f.put("reprisal_after_complaint", self._rfact(after, True))
            un_ids = {comp.id for comp in c.complaints if comp.body_kind in UN_BODIES}
            un = [(r, p) for r, p in yes if un_ids.intersection(r.follows)]
            if un:
                f.put("reprisal_after_un_complaint", self._rfact(un, True))
        elif c.reprisals and all(r.status == "not_happened" for r in c.reprisals):
            no = self._rfact([(r, ("reprisals", i)) for i, r in enumerate(c.reprisals)], False)
            for name in ("reprisal_after_complaint", "reprisal_after_un_complaint"):
                f.put(name, no)

    # --- complaints, investigations, deaths

    def complaint(self, i: int, case_facts: Mapping[str, Fact]) -> Instance:
        comp = self.case.complaints[i]
        path: YamlPath = ("complaints", i)
        f = _Facts({k: v for k, v in case_facts.items() if k in ("foreign_national", "ill_treatment_alleged",
                                                                 "torture_indicated")})
        own = Fact(None, tuple(comp.sources), (path,))
        triggered = [(inv, ("investigations", j)) for j, inv in enumerate(self.case.investigations)
                     if comp.id in inv.triggered_by]
        related = [(inv, p) for inv, p in triggered if inv.relation in RELATED]
        if comp.body_kind == "same_unit":
            f.put("complaint_to_related_body", Fact(True, own.sources, own.paths))
        elif related:
            f.put("complaint_to_related_body", self._rfact(related, True))
        elif triggered and all(inv.relation == "independent" for inv, _ in triggered):
            f.put("complaint_to_related_body", self._rfact(triggered, False))
        if related:
            f.put("investigator_related", self._rfact(related, True))
        elif triggered and all(inv.relation == "independent" for inv, _ in triggered):
            f.put("investigator_related", self._rfact(triggered, False))
        if comp.registered is not None:
            f.put("complaint_registered", Fact(comp.registered, own.sources, own.paths))
        if comp.answered is not None:
            f.put("complaint_answered", Fact(comp.answered, own.sources, own.paths))
        examined = [(inv, p) for inv, p in triggered if inv.status == "happened" and inv.outcome != "refused_to_open"]
        if examined:
            f.put("complaint_examined", self._rfact(examined, True))
        elif triggered or comp.answered is False:
            f.put("complaint_examined", self._rfact(triggered, False) if triggered
                  else Fact(False, own.sources, own.paths))
        f.put("to_un", Fact(comp.body_kind in UN_BODIES, own.sources, own.paths))
        label = f"complaint {comp.id} ({comp.to or 'body unknown'})"
        return Instance("complaint", comp.id, label, path, dict(f.values))

    def investigation(self, i: int, case_facts: Mapping[str, Fact]) -> Instance:
        inv: Investigation = self.case.investigations[i]
        path: YamlPath = ("investigations", i)
        f = _Facts({k: v for k, v in case_facts.items() if k in ("foreign_national", "ill_treatment_alleged",
                                                                 "torture_indicated")})
        own = Fact(None, tuple(inv.sources), (path,))

        def put(name: str, value: Any) -> None:
            if value is not None:
                f.put(name, Fact(value, own.sources, own.paths))

        put("opened", {"happened": True, "not_happened": False}.get(inv.status) if inv.outcome != "refused_to_open"
            else False)
        if inv.relation != "unknown":
            put("investigator_related", inv.relation in RELATED)
        if inv.outcome != "unknown":
            put("outcome", inv.outcome)
        put("forensic_exam", inv.forensic_exam)
        put("suspects_suspended", inv.suspects_suspended)
        if inv.opened_at:
            o_lo, o_hi = self._bounds(inv.opened_at, inv.approximate)
            starts = []
            for j, comp in enumerate(self.case.complaints):
                if comp.id in inv.triggered_by and comp.at:
                    lo, hi = self._bounds(comp.at, comp.approximate)
                    starts.append((lo, hi, self._rfact([(comp, ("complaints", j))], None)))
            if starts:
                lo, hi, src = min(starts, key=lambda x: x[0] if x[0] is not None else 0)
                span = self._span(lo, hi, o_lo, o_hi, DAY)
                if span is not None:
                    f.put("days_notice_to_opening", Fact(span, *_merge(src, own)))
        return Instance("investigation", inv.id, f"investigation {inv.id} ({inv.body})", path, dict(f.values))

    def deaths(self) -> list[Instance]:
        out = []
        for items in self.episode_items:
            for it in items:
                if it.event.type != "death" or not it.happened:
                    continue
                f = _Facts(dict(self.subject_facts))
                death = _of([it], True)
                rel_lo, rel_hi, rel = self._first(items, "release")
                if rel:
                    span = self._span(rel_lo, rel_hi, it.lo, it.hi, DAY)
                    before = self._before(it.lo, it.hi, rel_lo, rel_hi)
                    if before is not None:
                        f.put("death_in_custody", Fact(before, *_merge(death, _of(rel, None))))
                    if span is not None and before is False:
                        f.put("days_after_release", Fact(span, *_merge(death, _of(rel, None))))
                else:
                    released = self._status(items, "release")
                    if released is not None and released.value is False:
                        f.put("death_in_custody", Fact(True, *_merge(death, released)))
                if it.event.autopsy != "unknown":
                    f.put("autopsy_independent", _of([it], it.event.autopsy == "independent"))
                if it.event.family_access_to_body is not None:
                    f.put("family_access_to_body", _of([it], it.event.family_access_to_body))
                invs = [(inv, ("investigations", j)) for j, inv in enumerate(self.case.investigations)
                        if inv.subject == "death"]
                opened = [(r, p) for r, p in invs if r.status == "happened" and r.outcome != "refused_to_open"]
                if opened:
                    f.put("investigation_opened", self._rfact(opened, True))
                elif invs:
                    f.put("investigation_opened", self._rfact(invs, False))
                related = [(r, p) for r, p in invs if r.relation in RELATED]
                if related:
                    f.put("investigator_related", self._rfact(related, True))
                elif invs and all(r.relation == "independent" for r, _ in invs):
                    f.put("investigator_related", self._rfact(invs, False))
                key = it.event.id or f"death-{it.path[1]}-{it.path[3]}"
                out.append(Instance("death", key, f"death ({key})", it.path, dict(f.values)))
        return out


def derive(case: Case) -> list[Instance]:
    """Every instance of every scope, case first, in file order."""
    d = Deriver(case)
    episodes = [d.episode(i, ep) for i, ep in enumerate(case.episodes)]
    whole = d.case_instance(episodes)
    complaints = [d.complaint(i, whole.facts) for i in range(len(case.complaints))]
    investigations = [d.investigation(i, whole.facts) for i in range(len(case.investigations))]
    return [whole, *episodes, *complaints, *investigations, *d.deaths()]


def event_of(case: Case, path: YamlPath) -> Event | None:
    """The event at ``path`` (``("episodes", i, "events", j)``), if there is one."""
    if len(path) >= 4 and path[0] == "episodes" and path[2] == "events":
        i, j = path[1], path[3]
        if isinstance(i, int) and isinstance(j, int) and i < len(case.episodes) and j < len(case.episodes[i].events):
            return case.episodes[i].events[j]
    return None
