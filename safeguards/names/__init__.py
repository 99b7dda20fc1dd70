"""Recognising withheld names however they are written: inflected, transliterated, disguised or glued.

``name_variants`` lists the forms of one full name, ``skeleton`` reduces a text to a key that does not
depend on script, romanisation, case or disguise, and ``NameMatcher`` finds and replaces every form of
many names at once. See docs/security.md, "How names are recognised".
"""

from safeguards.names.matcher import NameMatcher
from safeguards.names.skeleton import skeleton
from safeguards.names.variants import name_variants

__all__ = ["NameMatcher", "name_variants", "skeleton"]
