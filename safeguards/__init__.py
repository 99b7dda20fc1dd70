"""safeguards: check case files of people deprived of liberty against the anti-torture safeguards of the
UN Convention against Torture, and write findings a lawyer can cite.

The public API is small: :func:`load_case` reads and checks a case file, :func:`load_rules` reads the
rule set, :func:`evaluate` applies it and returns typed, frozen results.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "evaluate", "load_case", "load_rules"]

if TYPE_CHECKING:  # pragma: no cover
    from safeguards.api import evaluate, load_case, load_rules


def __getattr__(name: str) -> Any:
    # Imported lazily so that `safeguards --version` does not pay for pydantic and CEL.
    if name in ("evaluate", "load_case", "load_rules"):
        from safeguards import api

        return getattr(api, name)
    raise AttributeError(name)
