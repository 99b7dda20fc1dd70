"""The summary paragraph of a case, written in whole sentences of one language from the recorded facts.

No free text of the case file is copied into it, only names the file gives (the person's label, the
authority, the place, the investigating body), each in a slot of its own, so a language that inflects
need not decline them. Sentences about the person agree with their recorded sex (context
``annex:male``, ``annex:female``); when it is not recorded, ``annex:person`` gives a construction that
needs no gender ("Задержание: 12 марта 2022 г."). Fragments that continue a sentence begin with
their own separator (a space, or "; "), so that a language may attach them differently.
"""

from __future__ import annotations

from collections.abc import Sequence

from safeguards.annex.texts import safeguard_label
from safeguards.i18n import Translator
from safeguards.model.case import Case
from safeguards.results import CaseResult

_ARTICLES = ("A", "An", "The", "Place")  # English articles lowercased inside a sentence
_UNNAMED = ("not named", "unknown", "unnamed")


def gender(sex: str | None) -> str:
    """The grammatical context of a person of recorded ``sex``: ``male``, ``female`` or ``person``."""
    return sex if sex in ("male", "female") else "person"


def _date_forms(t: Translator, after_noun: bool) -> dict[str, str]:
    """How a sentence continues with a date of each precision: after a verb ("was detained on ...") or, for a
    construction without gender, after a noun."""
    if after_noun:
        return {"day": t.pgettext("annex:date-label", " on {date}"),
                "about day": t.pgettext("annex:date-label", " on about {date}"),
                "month": t.pgettext("annex:date-label:month", " in {date}"),
                "about month": t.pgettext("annex:date-label:month", " in about {date}"),
                "year": t.pgettext("annex:date-label:year", " in {date}"),
                "about year": t.pgettext("annex:date-label:year", " in about {date}")}
    return {"day": t.pgettext("annex:date", " on {date}"),
            "about day": t.pgettext("annex:date", " on about {date}"),
            "month": t.pgettext("annex:date:month", " in {date}"),
            "about month": t.pgettext("annex:date:month", " in about {date}"),
            "year": t.pgettext("annex:date:year", " in {date}"),
            "about year": t.pgettext("annex:date:year", " in about {date}")}


def date_phrase(t: Translator, when: str, approximate: bool = False, after_noun: bool = False) -> str:
    """``2022-01-05T10:00`` as a sentence continues with it: `` on 5 January 2022`` (`` in January 2022``,
    `` in 2022``; `` on about ...``), at the precision the text gives (the time is not said)."""
    from safeguards.model.timepoint import parse_time

    forms = _date_forms(t, after_noun)
    about = "about " if approximate else ""
    try:
        parsed = parse_time(when)
    except ValueError:
        return forms["day"].format(date=when)
    if parsed.month is None:
        return forms[about + "year"].format(date=t.format_date(f"{parsed.year:04d}", "year"))
    if parsed.day is None:
        return forms[about + "month"].format(date=t.format_date(f"{parsed.year:04d}-{parsed.month:02d}", "month"))
    date = t.format_date(f"{parsed.year:04d}-{parsed.month:02d}-{parsed.day:02d}", "day")
    return forms[about + "day"].format(date=date)


def spoken_date(when: str, approximate: bool = False, t: Translator | None = None) -> str:
    """``2022-01-05T10:00`` as an English sentence says it: ``on 5 January 2022`` (``in January 2022``)."""
    from safeguards.i18n import translator

    return date_phrase(t or translator("en"), when, approximate).strip()


def join_words(items: Sequence[str], t: Translator | None = None) -> str:
    """``a``, ``a and b``, ``a, b and c`` (as ``t``'s language joins a list)."""
    from safeguards.i18n import translator

    return (t or translator("en")).format_list(list(items)) if items else ""


def _methods(t: Translator) -> dict[str, str]:
    return {"beating_with_objects": t.pgettext("annex:method", "beating with objects"),
            "asphyxiation": t.pgettext("annex:method", "asphyxiation"),
            "stress_position": t.pgettext("annex:method", "stress positions"),
            "electric_shock": t.pgettext("annex:method", "electric shocks"),
            "dousing_with_water": t.pgettext("annex:method", "dousing with water"),
            "denial_of_medical_care": t.pgettext("annex:method", "denial of medical care"),
            "denial_of_toilet": t.pgettext("annex:method", "denial of the toilet"),
            "mock_execution": t.pgettext("annex:method", "mock execution"),
            "violence_by_cellmates": t.pgettext("annex:method", "violence by cellmates"),
            "cold": t.pgettext("annex:method", "exposure to cold")}


def _examiners(t: Translator) -> dict[str, str]:
    """Who examined the person, as the examination sentence names them (Russian: the instrumental case)."""
    return {"independent": t.pgettext("annex:examiner", "an independent doctor"),
            "facility": t.pgettext("annex:examiner", "the facility's doctor"),
            "police_medical": t.pgettext("annex:examiner", "a police doctor"),
            "state_forensic": t.pgettext("annex:examiner", "a State forensic expert"),
            "ambulance": t.pgettext("annex:examiner", "an ambulance crew"),
            "prison": t.pgettext("annex:examiner", "the prison doctor")}


def _investigation_outcomes(t: Translator) -> dict[str, str]:
    """How an investigation ended, as "and ended in ..." continues (Russian: the instrumental case)."""
    return {"refused_to_open": t.pgettext("annex:investigation-outcome", "a refusal to open a criminal case"),
            "closed_no_charges": t.pgettext("annex:investigation-outcome", "closure without charges"),
            "charges_brought": t.pgettext("annex:investigation-outcome", "charges against officials"),
            "conviction": t.pgettext("annex:investigation-outcome", "a conviction"),
            "acquittal": t.pgettext("annex:investigation-outcome", "an acquittal")}


def _who(t: Translator, case: Case, label: str) -> str:
    """The person as the custody sentence introduces them: ``AA, a 34-year-old man,``."""
    subject = case.person(case.subject)
    if subject is None:
        return label
    g = gender(subject.sex)
    if subject.age is None:
        if g == "male":
            return t.pgettext("annex:male", "{label}, a man,").format(label=label)
        if g == "female":
            return t.pgettext("annex:female", "{label}, a woman,").format(label=label)
        return label
    age = subject.age
    an = str(age).startswith("8") or age in (11, 18)  # "an 18-year-old", "an 80-year-old"
    if g == "male":
        text = (t.npgettext("annex:male", "{label}, an {age}-year-old man,", "{label}, an {age}-year-old man,", age)
                if an else
                t.npgettext("annex:male", "{label}, a {age}-year-old man,", "{label}, a {age}-year-old man,", age))
    elif g == "female":
        text = (t.npgettext("annex:female", "{label}, an {age}-year-old woman,", "{label}, an {age}-year-old woman,",
                            age) if an else
                t.npgettext("annex:female", "{label}, a {age}-year-old woman,", "{label}, a {age}-year-old woman,",
                            age))
    else:
        text = (t.npgettext("annex:person", "{label}, an {age}-year-old person,",
                            "{label}, an {age}-year-old person,", age) if an else
                t.npgettext("annex:person", "{label}, a {age}-year-old person,", "{label}, a {age}-year-old person,",
                            age))
    return text.format(label=label, age=age)


def custody_sentence(t: Translator, case: Case, label: str, when: str | None, place: str | None) -> str:
    """When, by whom and where the person was deprived of liberty."""
    subject = case.person(case.subject)
    g = gender(subject.sex if subject else None)
    who = _who(t, case, label)
    if g == "male":
        text = t.pgettext("annex:male", "{who} was deprived of liberty").format(who=who)
    elif g == "female":
        text = t.pgettext("annex:female", "{who} was deprived of liberty").format(who=who)
    else:
        text = t.pgettext("annex:person", "{who} was deprived of liberty").format(who=who)
    apprehension = next((ev for ep in case.episodes for ev in ep.events
                         if ev.type == "apprehension" and ev.status == "happened"), None)
    authority = next((ep.authority for ep in case.episodes if ep.authority), None)
    if when:
        text += date_phrase(t, when, bool(apprehension and apprehension.approximate), after_noun=g == "person")
    if authority:
        text += t.pgettext("annex:custody", " by {authority}").format(authority=authority)
    if place:
        first, _, rest = place.partition(" ")
        if t.lang == "en" and first in _ARTICLES:  # "held at the police station"
            place = first.lower() + (" " + rest if rest else "")
        text += t.pgettext("annex:custody", " and held at {place}").format(place=place)
    return _one_stop(text + ".")


def _by_gender(t: Translator, g: str, male: str, female: str, person: str) -> str:
    """The translation of the message for a person of grammatical gender ``g`` (the three msgids are written out
    at the call, so extraction finds them)."""
    return male if g == "male" else female if g == "female" else person


def event_sentences(t: Translator, case: Case, g: str) -> list[str]:
    """What the recorded events say happened in custody, one sentence per kind of event."""
    events = [ev for ep in case.episodes for ev in ep.events]
    out: list[str] = []
    methods: list[str] = []
    table = _methods(t)
    for ev in events:
        if ev.type == "ill_treatment" and ev.status == "happened":
            for m in ev.methods:
                if m not in ("other", "unknown"):
                    text = table.get(m) or t.vocab("Method", m)
                    if text not in methods:
                        methods.append(text)
    if methods:
        out.append(t.pgettext("annex", "The file records ill-treatment in custody: {methods}.").format(
            methods=join_words(methods, t)))
    elif any(ev.type == "ill_treatment" and ev.status == "happened" for ev in events):
        out.append(t.pgettext("annex", "The file records ill-treatment in custody."))
    questioned = [ev for ev in events if ev.type == "interrogation" and ev.status == "happened"]
    if any(ev.lawyer_present is False for ev in questioned if ev.type == "interrogation"):
        out.append(_by_gender(t, g, t.pgettext("annex:male", "He was questioned without a lawyer."),
                              t.pgettext("annex:female", "She was questioned without a lawyer."),
                              t.pgettext("annex:person", "The person was questioned without a lawyer.")))
    exams = [ev for ev in events if ev.type == "medical_examination" and ev.status == "happened"]
    if exams:
        ex = exams[0]
        doctor = t.pgettext("annex:examiner", "a doctor")
        by = _examiners(t).get(ex.examiner, doctor) if ex.type == "medical_examination" else doctor
        found = ""
        if ex.type == "medical_examination" and ex.injuries_found is True:
            found = t.pgettext("annex:examination", ", who recorded injuries")
        elif ex.type == "medical_examination" and ex.injuries_found is False:
            found = t.pgettext("annex:examination", ", who recorded no injuries")
        date = date_phrase(t, ex.at, ex.approximate) if ex.at else ""
        sentence = _by_gender(t, g, t.pgettext("annex:male", "He was examined{date} by {examiner}{found}."),
                              t.pgettext("annex:female", "She was examined{date} by {examiner}{found}."),
                              t.pgettext("annex:person", "The person was examined{date} by {examiner}{found}."))
        out.append(sentence.format(date=date, examiner=by, found=found))
    elif any(ev.type == "medical_examination" and ev.status == "not_happened" for ev in events):
        out.append(_by_gender(t, g, t.pgettext("annex:male", "He was not medically examined."),
                              t.pgettext("annex:female", "She was not medically examined."),
                              t.pgettext("annex:person", "The person was not medically examined.")))
    if any(ev.type == "death" and ev.status == "happened" for ev in events):
        out.append(_by_gender(t, g, t.pgettext("annex:male", "He died in custody."),
                              t.pgettext("annex:female", "She died in custody."),
                              t.pgettext("annex:person", "The person died in custody.")))
    return out


def investigation_sentence(t: Translator, case: Case) -> str:
    """The complaint, and what became of the investigation of ill-treatment or death."""
    made = any(c.status == "happened" for c in case.complaints)
    inv = next((i for i in case.investigations if i.subject in ("ill_treatment", "death")), None)
    if inv is None:
        return t.pgettext("annex", "A complaint was made; no investigation is recorded.") if made else ""
    unnamed = inv.body.lower().startswith(_UNNAMED)
    if inv.status == "happened":
        clause = t.pgettext("annex:investigation", "an investigation was opened")
        if not unnamed:
            clause += t.pgettext("annex:investigation", " by {body}").format(body=inv.body)
        if inv.opened_at:
            clause += date_phrase(t, inv.opened_at, inv.approximate)
        outcomes = _investigation_outcomes(t)
        if inv.outcome in outcomes:
            clause += t.pgettext("annex:investigation", " and ended in {outcome}").format(
                outcome=outcomes[inv.outcome])
        elif inv.outcome == "ongoing":
            clause += t.pgettext("annex:investigation", " and is recorded as ongoing")
    elif inv.status == "not_happened":
        clause = (t.pgettext("annex:investigation", "no investigation was opened") if unnamed else
                  t.pgettext("annex:investigation", "{body} did not open an investigation").format(body=inv.body))
        if inv.outcome == "refused_to_open":
            clause += t.pgettext("annex:investigation", " and refused to open a criminal case")
    else:
        return t.pgettext("annex", "A complaint was made.") if made else ""
    if made:
        return t.pgettext("annex", "A complaint was made and {clause}.").format(clause=clause)
    return clause[0].upper() + clause[1:] + "."


def _first_lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def summary_paragraph(t: Translator, case: Case, label: str, result: CaseResult, breached: Sequence[str],
                      when: str | None, place: str | None) -> str:
    """A paragraph of whole sentences from the recorded facts and the findings (``breached``: safeguard ids)."""
    subject = case.person(case.subject)
    g = gender(subject.sex if subject else None)
    sentences = [custody_sentence(t, case, label, when, place), *event_sentences(t, case, g)]
    investigation = investigation_sentence(t, case)
    if investigation:
        sentences.append(investigation)
    labels = sorted(safeguard_label(t, sg) for sg in breached)
    names = list(dict.fromkeys(_first_lower(label) for label in labels))
    arts = [a.article for a in result.articles if a.outcome == "violation_indicated"]
    if names:
        finding = t.pgettext("annex", "On the recorded facts, the rules indicate breaches of the safeguards of "
                                      "{safeguards}").format(safeguards=join_words(names, t))
        if arts:
            finding += t.npgettext("annex", ", bearing on article {articles} of the Convention",
                                   ", bearing on articles {articles} of the Convention",
                                   len(arts)).format(articles=join_words(arts, t))
        sentences.append(finding + ".")
    else:
        sentences.append(t.pgettext("annex", "The recorded facts show no breach of a safeguard."))
    contested = [a.article for a in result.articles if a.outcome == "contested"]
    if contested:
        sentences.append(t.npgettext("annex", "Sources disagree on facts decisive under article {articles}.",
                                     "Sources disagree on facts decisive under articles {articles}.",
                                     len(contested)).format(articles=join_words(contested, t)))
    missing = result.score.counts["insufficient_information"]
    if missing:
        sentences.append(t.npgettext("annex", "For {n} other finding the file does not record the facts needed.",
                                     "For {n} other findings the file does not record the facts needed.",
                                     missing).format(n=missing))
    return " ".join(_one_stop(s) for s in sentences)


def _one_stop(sentence: str) -> str:
    """A sentence whose last word ends in a full stop of its own (``2022 г.``, ``Inc.``) ends with that one."""
    return sentence[:-1] if sentence.endswith("..") and not sentence.endswith("...") else sentence
