"""Context facts: the kinds of record the file holds, and the State's declarations.

They are derived in :mod:`safeguards.engine.context`, because the declarations come from the
Convention profile's data rather than from the case file.
"""

from __future__ import annotations

from safeguards.facts.registry import ALL, declare

declare("recorded", "list", ALL, "the kinds of record the file holds for this instance, whatever their status "
        "(event types, 'place', 'injury', and for the case 'complaint', 'investigation', 'removal'...): a rule "
        "triggered by an event is not applicable when no such record exists", "the records themselves")
declare("art22_declaration", "bool", ("case", "complaint"), "the State had recognised the Committee's "
        "competence to receive individual communications (art 22 declaration)",
        "the case's jurisdiction; the declarations are listed in rules/profiles/international.yaml")
