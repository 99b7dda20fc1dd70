"""The one place an outcome is decided, from the three-valued results of a rule's conditions.

Each condition is ``True``, ``False`` or ``None`` (undecided: it needs a fact the file does not
record, or records too imprecisely). The rule:

* ``applies`` false: not applicable; undecided: insufficient information, naming what decides it;
* ``breach`` true: breach;
* ``met`` true **and** ``breach`` false: met;
* anything else: insufficient information.

So an unknown never becomes a decision, and no message is shown whose premise is not established.
"""

from __future__ import annotations

from typing import Literal

Tri = bool | None
Decision = Literal["breach", "met", "insufficient_information", "not_applicable"]
Stage = Literal["applies", "verdict"]


def decide(applies: Tri, breach: Tri, met: Tri) -> tuple[Decision, Stage]:
    """The outcome and the stage that left it open (``applies`` when the precondition is undecided)."""
    if applies is False:
        return "not_applicable", "applies"
    if applies is None:
        return "insufficient_information", "applies"
    if breach is True:
        return "breach", "verdict"
    if met is True and breach is False:
        return "met", "verdict"
    return "insufficient_information", "verdict"
