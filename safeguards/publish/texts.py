"""Write :class:`~safeguards.results.Text` messages for a reader: the one place results become prose.

A :class:`Writer` is built per case, audience and language. It takes the message templates from the
rule set (rule messages) and :mod:`safeguards.publish.catalog` (the engine's), formats each parameter
(numbers, yes/no, durations, vocabulary tokens, references to findings and citations) and passes
every string taken from the case through the case's redaction, once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from safeguards.i18n import Translator, translator
from safeguards.publish.catalog import CAVEATS, ENGINE, FINDING_OUTCOMES, ROLES, WORDS
from safeguards.results import Text
from safeguards.rules.compile import RuleSet

_FIELD = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


@lru_cache(maxsize=1)
def vocab_kinds() -> dict[str, tuple[str, ...]]:
    """Each vocabulary token of the case model and the results -> the vocabularies that hold it."""
    import typing

    from safeguards import results
    from safeguards.model import vocab

    found: dict[str, list[str]] = {}
    for module in (vocab, results):
        for name, value in vars(module).items():
            if typing.get_origin(value) is typing.Literal:
                for item in typing.get_args(value):
                    if isinstance(item, str) and not item.isupper():
                        found.setdefault(item, []).append(name)
    return {k: tuple(v) for k, v in found.items()}


def _identity(text: str) -> str:
    return text


def num(x: float) -> str:
    """A number as a reader sees it: whole numbers without decimals, others to one decimal."""
    return f"{x:.0f}" if abs(x - round(x)) < 0.05 else f"{x:.1f}"


class Writer:
    """Writes messages of one case for one reader, in the language of ``language`` (English by default)."""

    def __init__(self, rules: RuleSet | None = None, redact: Callable[[str], str] = _identity,
                 language: str = "en", labels: Mapping[str, str] | None = None) -> None:
        self.rules = rules
        self.redact = redact
        self.t: Translator = translator(language)
        self._ = self.t.gettext
        self.labels: Mapping[str, str] = labels or {}

    def num(self, x: float) -> str:
        """A number in the reader's language: whole numbers without decimals, others to one decimal."""
        if self.t.lang == "en":
            return num(x)
        return self.t.format_number(x, 0 if abs(x - round(x)) < 0.05 else 1)

    def rule_text(self, rule_id: str, text: str) -> str:
        """A rule's own text (title, description, message) in the reader's language."""
        return self.t.pgettext(f"rule:{rule_id}", text)

    def title(self, rule_id: str) -> str:
        """The rule's title in the reader's language, or its id when the rule set does not have it."""
        compiled = self.rules.by_id(rule_id) if self.rules is not None else None
        return self.rule_text(rule_id, compiled.rule.title) if compiled is not None else rule_id

    def outcome(self, outcome: str) -> str:
        """A finding's outcome in words that fit a rule title naming a safeguard ("not respected")."""
        return self._(FINDING_OUTCOMES.get(outcome, outcome))

    def fill(self, template: str, values: Mapping[str, str]) -> str:
        """``template`` (already translated) with each ``{name}`` replaced; an unknown name stays visible."""
        return _FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), template)

    def template(self, key: str) -> str:
        if key.startswith("rule:"):
            _, rid, slot = key.split(":", 2)
            compiled = self.rules.by_id(rid) if self.rules is not None else None
            msgs = compiled.rule.messages if compiled is not None else None
            text = getattr(msgs, slot, None) if msgs is not None else None
            return self.rule_text(rid, text) if text else self._(ENGINE["engine.insufficient"])
        return self._(ENGINE.get(key, key))

    def text(self, t: Text | None) -> str:
        """The message in the reader's language."""
        if t is None:
            return ""
        values = {k: self.param(k, v) for k, v in t.params.items()}
        if "cites" in values and t.params.get("origins") is not None:
            values["cites"] = self.fill(self.template("proof.origins"), {
                "cites": values["cites"], "origins": str(t.params["origins"])})
        return self.fill(self.template(t.key), values)

    def text_key(self, key: str, **values: str) -> str:
        """The engine message ``key`` filled with ready-written values."""
        return self.fill(self.template(key), values)

    def word(self, key: str, **values: str) -> str:
        return self.fill(self._(WORDS[key]), values)

    def value(self, v: Any) -> str:
        """One plain-data value: a number, yes/no, a duration, a vocabulary token or a list of them."""
        if v is None:
            return self.word("unknown")
        if isinstance(v, bool):
            return self.word("yes" if v else "no")
        if isinstance(v, (int, float)):
            return self.num(float(v))
        if isinstance(v, dict) and len(v) == 1 and next(iter(v)) in ("h", "d"):
            unit, (lo, hi) = next(iter(v.items()))
            kind = "hours" if unit == "h" else "days"
            if abs(hi - lo) < 0.05:
                return self.word(kind, n=self.num(lo))
            return self.word(f"{kind}_range", lo=self.num(lo), hi=self.num(hi))
        if isinstance(v, (list, tuple)):
            return ", ".join(self.value(x) for x in v) or self.word("none")
        return self.redact(self.token(str(v)))

    def token(self, text: str) -> str:
        """A vocabulary token (``state_forensic``) as its label in the reader's language; other text as written,
        underscores read as spaces."""
        if self.t.lang == "en":
            return text.replace("_", " ")
        from safeguards.publish.report import EVENT_LABELS

        if text in EVENT_LABELS:  # an event type (a list of the kinds of events recorded, say)
            return self.t.pgettext("event", EVENT_LABELS[text])
        labels = {self.t.vocab(kind, text) for kind in vocab_kinds().get(text, ())}
        return labels.pop() if len(labels) == 1 else text.replace("_", " ")

    def param(self, name: str, v: Any) -> str:
        if name == "findings":
            return "; ".join(self.finding_ref(ref) for ref in v)
        if name == "cites":
            return ", ".join(self.cite(c) for c in v) or self._("no source cited")
        if name == "then" and isinstance(v, dict):
            return self.text(Text.model_validate(v))
        if name == "form":
            return self.article_form(str(v))
        if name in ("fact", "profile", "jurisdiction"):
            return str(v)  # identifiers and codes, written as they are
        if name in ("states", "sources"):
            return ", ".join(str(x) for x in v)
        if name == "outcome":
            return self.outcome(str(v))
        return self.value(v)

    def article_form(self, form: str) -> str:
        """An article's form (``art 2(1), read with art 1``) in the reader's language."""
        from safeguards.engine.articles import ARTICLES

        for number, info in ARTICLES.items():
            if info.form == form:
                return self.t.pgettext(f"article:{number}", form)
        return form

    def cite(self, c: Mapping[str, Any]) -> str:
        role = self._(ROLES.get(c["role"], c["role"]))
        caveat = self.fill(self._(CAVEATS[c["caveat"]]), {"grade": str(c.get("grade", ""))}) if c.get(
            "caveat") in CAVEATS else ""
        if "stated" in c:
            stated = self._(ROLES.get(c["stated"], c["stated"]))
            return f"{c['source']} ({self.word('cited_as')} {stated}, {self.word('counts_as')} {role}: {caveat})"
        return f"{c['source']} ({role}" + (f"; {caveat})" if caveat else ")")

    def finding_ref(self, ref: Sequence[str]) -> str:
        title = self.title(ref[0])
        if len(ref) < 2:
            return title
        label = self.labels.get(ref[1])
        return f"{title} ({label})" if label else title
