"""Who may be named, and how each person is shown to each audience.

Audiences:

* ``public``: only people whose decision is ``publish_name`` appear by name;
  ``pseudonym_only`` people by their pseudonym; ``confidential`` people by a
  neutral label, and a confidential *subject* keeps their case out of public
  outputs altogether (the annex counts such cases, it does not show them).
* ``committee``: as public for names, but cases of confidential subjects appear, marked and unnamed.
* ``internal``: every name but a confidential person's, for the analyst's own use.

A confidential person's name is never printed, for any audience. Redaction of the names an audience may
not see, in every form, is the publication step's (:mod:`safeguards.publish.withheld`, with
:mod:`safeguards.names`).
"""

from __future__ import annotations

import re
from typing import Literal

from safeguards.model.case import Case, Person

Audience = Literal["public", "committee", "internal"]
AUDIENCES: tuple[Audience, ...] = ("public", "committee", "internal")
MIN_PART = 3


def label_for(person: Person, audience: Audience) -> str:
    """How ``person`` is shown to ``audience``."""
    decision = person.consent.decision
    if audience == "internal" and person.name and decision != "confidential":
        return person.name
    if decision == "publish_name" and person.name:
        return person.name
    if decision == "pseudonym_only" and person.consent.pseudonym:
        return person.consent.pseudonym
    # Confidential means not even the Committee: no audience sees the name.
    return f"[{person.role} {person.id}]"


def name_terms(person: Person) -> list[str]:
    """A person's name, aliases and their parts of three letters or more (the plain spellings; the matcher of
    :mod:`safeguards.names` finds every other form)."""
    terms: list[str] = []
    for full in [person.name, *person.aliases]:
        if not full:
            continue
        terms.append(full)
        terms.extend(part for part in re.split(r"[\s,.\-]+", full) if len(part) >= MIN_PART)
    return terms


def subject_label(case: Case, audience: Audience) -> str:
    """The subject as ``audience`` may see them; the case code when they may not be shown at all."""
    subject = case.person(case.subject)
    if subject is None:
        return case.id
    shown = label_for(subject, audience)
    return case.id if shown.startswith("[") else shown


def is_confidential(case: Case) -> bool:
    """The subject asked that not even the Committee see their case."""
    subject = case.person(case.subject)
    return subject is not None and subject.consent.decision == "confidential"
