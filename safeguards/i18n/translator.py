"""One language's messages and formats: gettext catalogues with a fallback chain, and Babel formatting."""

from __future__ import annotations

import gettext
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.lists import format_list

from safeguards.i18n import formats
from safeguards.i18n.compile import mo_bytes

DOMAIN = "safeguards"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
# The Babel (CLDR) locale each language is formatted in: English as written in the UN and the UK
# ("12 March 2022", 24-hour clock).
BABEL_LOCALES = {"en": "en_GB", "ru": "ru", "kk": "kk"}
# Where a language without a message of its own looks next, before the English text itself.
FALLBACKS = {"kk": ("ru",)}




def load(lang: str, locale_dir: Path = LOCALE_DIR) -> gettext.NullTranslations:
    """The catalogue of ``lang``: its ``.mo`` if present and not older than the ``.po``, else the ``.po``
    compiled in memory (an editable checkout), else no translations (English)."""
    po = locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    mo = po.with_suffix(".mo")
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        data = mo.read_bytes()
    elif po.is_file():
        data = mo_bytes(po, lang)
    else:
        return gettext.NullTranslations()
    return gettext.GNUTranslations(BytesIO(data))


class Translator:
    """Messages and formats of one language; every method returns text ready to print."""

    def __init__(self, lang: str, locale_dir: Path = LOCALE_DIR) -> None:
        self.lang = lang
        self.locale = Locale.parse(BABEL_LOCALES.get(lang, lang))
        self._t = load(lang, locale_dir) if lang != "en" else gettext.NullTranslations()
        for other in FALLBACKS.get(lang, ()):
            self._t.add_fallback(load(other, locale_dir))

    def gettext(self, msg: str) -> str:
        return self._t.gettext(msg)

    def pgettext(self, ctx: str, msg: str) -> str:
        return self._t.pgettext(ctx, msg)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._t.ngettext(singular, plural, n)

    def npgettext(self, ctx: str, singular: str, plural: str, n: int) -> str:
        return self._t.npgettext(ctx, singular, plural, n)

    def vocab(self, kind: str, value: str) -> str:
        """The label of a vocabulary value: ``vocab("Outcome", "met")``, ``vocab("Method", "falanga")``."""
        return self._t.pgettext(f"vocab:{kind}", value.replace("_", " "))

    def format_date(self, iso: str, precision: str) -> str:
        """``format_date("2022-03-12", "day")`` -> "12 March 2022" / "12 марта 2022 г."."""
        return formats.format_date(iso, precision, self.locale)

    def format_number(self, x: float, digits: int = 0) -> str:
        """``format_number(48.25, 1)`` -> "48.2" / "48,2"; thousands grouped as the locale groups them."""
        return formats.format_number(x, digits, self.locale)

    def format_hours(self, lo: float, hi: float, digits: int | None = None) -> str:
        """An interval of hours: "between 3 and 5 h" / "от 3 до 5 ч", or "3 h" when both ends read the same.

        ``digits`` defaults to none from 10 h up and one below; zero decimals are not printed.
        """
        if digits is None:
            digits = 0 if max(abs(lo), abs(hi)) >= 10 else 1
        a = formats.format_number(lo, digits, self.locale, trim=True)
        b = formats.format_number(hi, digits, self.locale, trim=True)
        if a == b:
            return self.pgettext("hours", "{n} h").format(n=a)
        return self.pgettext("hours", "between {lo} and {hi} h").format(lo=a, hi=b)

    def format_days(self, lo: float, hi: float) -> str:
        """An interval of days: "between 3 and 5 days" / "от 3 до 5 дн.", or "1 day" when both ends read the same."""
        a = formats.format_number(lo, 1, self.locale, trim=True)
        b = formats.format_number(hi, 1, self.locale, trim=True)
        if a == b:
            count = int(lo) if float(lo).is_integer() else 2  # a fraction takes the plural in English
            return self.npgettext("days", "{n} day", "{n} days", count).format(n=a)
        return self.pgettext("days", "between {lo} and {hi} days").format(lo=a, hi=b)

    def format_bool(self, value: bool | None) -> str:
        """A yes/no fact as a reader sees it: "yes" / "да"; ``None`` (not known) is "unknown" / "неизвестно"."""
        if value is None:
            return self.pgettext("value", "unknown")
        return self.pgettext("value", "yes") if value else self.pgettext("value", "no")

    def format_list(self, items: list[str]) -> str:
        """Items joined as the language joins a list ("a, b and c" / "a, b и c"); "none" / "нет" when empty."""
        if not items:
            return self.pgettext("value", "none")
        return str(format_list(items, locale=self.locale))
