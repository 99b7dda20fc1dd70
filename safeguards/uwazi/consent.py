"""What an audience may see of a case: the one place the Uwazi exchange asks ``safeguards.privacy``.

Every name, text and id that leaves the export goes through a ``View``; ``view_for`` is the only function that
calls ``label_for`` and ``Withheld``, so the exchange follows any change to how people are protected.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from safeguards.model.case import Case, Person
from safeguards.privacy import Audience, is_confidential, label_for
from safeguards.publish.withheld import Withheld


@dataclass
class View:
    """A case as ``audience`` may see it."""

    audience: Audience
    labels: dict[str, str]
    redactor: Withheld | None  # None: nothing is redacted
    _ids: dict[str, str] = field(default_factory=dict)

    def label(self, person: Person) -> str:
        """How the person is shown (name, pseudonym or neutral label)."""
        return self.labels[person.id]

    def name(self, person: Person) -> str | None:
        """The real name, only where the audience may see it."""
        return person.name if person.name and self.labels[person.id] == person.name else None

    def aliases(self, person: Person) -> list[str]:
        """Other spellings, only with the name."""
        return list(person.aliases) if self.name(person) else []

    def text(self, value: str | None) -> str | None:
        """Free text with every name the audience may not see replaced."""
        if value is None or self.redactor is None:
            return value
        return self.redactor.redact(value)

    def ident(self, value: str) -> str:
        """An id, or a neutral one in its place when it spells a withheld name (the same one each time)."""
        if self.redactor is None or not self.redactor.hits(value):
            return value
        return self._ids.setdefault(value, f"withheld-{len(self._ids) + 1}")


def view_for(case: Case, audience: Audience) -> View:
    """How ``audience`` sees ``case``: labels of its people and the redaction of its texts."""
    labels = {p.id: label_for(p, audience) for p in case.people}
    hidden = Withheld.for_case(case, audience)
    redactor = hidden if hidden else None  # internal: only confidential people are withheld
    return View(audience, labels, redactor)


def shown(case: Case, audience: Audience) -> bool:
    """Whether the case goes to ``audience`` at all: a confidential subject's case is not published."""
    return audience != "public" or not is_confidential(case)
