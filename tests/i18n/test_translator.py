"""Translators: fallbacks, formats, the language of a run, the Jinja2 hook and compiled catalogues."""

from __future__ import annotations

import gettext
import os
import re
from pathlib import Path

import jinja2
import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from safeguards.i18n import LANGS, Translator, install, lang_from, translator
from safeguards.i18n.compile import compile_catalogs
from safeguards.i18n.translator import load
from safeguards.problems import InputError
from safeguards.rules.compile import RuleSet
from tests.conftest import ROOT

TITLE = ("rule:lawyer-refused", "Lawyer given when asked for")


def test_russian_translates_rules_and_vocabulary(rules: RuleSet) -> None:
    ru = translator("ru")
    assert ru.pgettext(*TITLE) == "Предоставление защитника по просьбе"
    assert ru.vocab("Outcome", "insufficient_information") == "недостаточно информации"
    assert ru.pgettext("article:16", "Other cruel, inhuman or degrading treatment") == (
        "Другие акты жестокого, бесчеловечного или унижающего достоинство обращения")
    for r in (c.rule for c in rules.rules):  # every rule text, as loaded, has its Russian
        for text in (r.title, r.description, r.messages.breach, r.messages.met):
            if text:
                assert ru.pgettext(f"rule:{r.id}", text) != text, (r.id, text)


def test_a_rule_message_in_russian_formats_with_its_params() -> None:
    ru = translator("ru")
    msg = "Released within {limit_hours} h, with no lawyer and no questioning recorded."
    text = ru.pgettext("rule:lawyer-not-from-outset", msg).format(limit_hours=ru.format_number(3))
    assert text == "Лицо освобождено в течение 3 ч; защитник и допрос не зафиксированы."


def test_kazakh_falls_back_to_russian_then_english() -> None:
    kk = translator("kk")
    assert kk.vocab("Outcome", "met") == "сақталды"  # its own
    assert kk.pgettext(*TITLE) == translator("ru").pgettext(*TITLE)  # Russian
    assert kk.gettext("a message in no catalogue") == "a message in no catalogue"  # English


def test_english_is_the_source_text() -> None:
    assert translator("en").pgettext(*TITLE) == TITLE[1]
    assert translator("en") is translator("en")  # cached


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="expected one of en, ru, kk"):
        translator("de")


@pytest.mark.parametrize(("lang", "iso", "precision", "want"), [
    ("en", "2022-03-12", "day", "12 March 2022"),
    ("ru", "2022-03-12", "day", "12 марта 2022\u202fг."),  # CLDR keeps "г." with the year
    ("en", "2022-03", "month", "March 2022"),
    ("ru", "2022-03-12T14:30", "month", "март 2022\u202fг."),
    ("en", "2007", "year", "2007"),
    ("en", "2022-03-12T14:30", "minute", "12 March 2022, 14:30"),
    ("ru", "2022-03-12T09:05+06:00", "minute", "12 марта 2022\u202fг., 09:05"),
    ("kk", "2022-03-12", "day", "2022\u202fж. 12 наурыз"),
])
def test_dates_as_each_locale_writes_them(lang: str, iso: str, precision: str, want: str) -> None:
    assert translator(lang).format_date(iso, precision) == want


def test_a_date_is_never_given_more_precision_than_it_has() -> None:
    with pytest.raises(ValueError, match="does not give a day"):
        translator("ru").format_date("2022-03", "day")
    with pytest.raises(ValueError, match="does not give a minute"):
        translator("en").format_date("2022-03-12", "minute")
    with pytest.raises(ValueError, match="unknown precision"):
        translator("en").format_date("2022-03-12", "week")


def test_numbers_and_hours_per_locale() -> None:
    en, ru = translator("en"), translator("ru")
    assert en.format_number(1234.5, 1) == "1,234.5"
    assert ru.format_number(1234.5, 1) == "1\xa0234,5"
    assert en.format_number(48.0) == "48"
    assert en.format_hours(3, 5) == "between 3 and 5 h"
    assert ru.format_hours(3, 5) == "от 3 до 5 ч"
    assert ru.format_hours(2.5, 4.25) == "от 2,5 до 4,2 ч"
    assert ru.format_hours(75, 103) == "от 75 до 103 ч"
    assert en.format_hours(12, 12.2) == "12 h"  # both ends read the same at this precision
    assert ru.format_hours(1, 1.5, digits=2) == "от 1 до 1,5 ч"


def test_days_yes_no_and_lists_per_locale() -> None:
    en, ru, kk = translator("en"), translator("ru"), translator("kk")
    assert en.format_days(1, 1) == "1 day"
    assert en.format_days(4, 4) == "4 days"
    assert en.format_days(1.5, 1.5) == "1.5 days"
    assert en.format_days(3, 5) == "between 3 and 5 days"
    assert ru.format_days(21, 21) == "21 дн."
    assert ru.format_days(2, 3.5) == "от 2 до 3,5 дн."
    assert kk.format_days(2, 3) == "2–3 күн"
    assert [ru.format_bool(v) for v in (True, False, None)] == ["да", "нет", "неизвестно"]
    assert en.format_list(["beating", "asphyxiation", "threats"]) == "beating, asphyxiation and threats"
    assert ru.format_list(["избиение", "удушение", "угрозы"]) == "избиение, удушение и угрозы"
    assert ru.format_list([]) == "нет" and en.format_list([]) == "none"


def test_language_of_a_run() -> None:
    assert lang_from("ru", "kk", {"SAFEGUARDS_LANG": "en"}) == "ru"
    assert lang_from(None, "kk", {"SAFEGUARDS_LANG": "en"}) == "kk"
    assert lang_from(None, None, {"SAFEGUARDS_LANG": "RU", "LANG": "kk_KZ.UTF-8"}) == "ru"
    assert lang_from(None, None, {"LANGUAGE": "de:kk:ru", "LANG": "ru_RU.UTF-8"}) == "kk"
    assert lang_from(None, None, {"LANG": "ru_RU.UTF-8"}) == "ru"
    assert lang_from(None, None, {"LANG": "de_DE.UTF-8"}) == "en"
    assert lang_from(None, None, {"LANG": "C.UTF-8"}) == "en"
    assert lang_from(None, None, {}) == "en"


def test_an_unknown_language_given_to_the_tool_is_a_located_error() -> None:
    with pytest.raises(InputError) as exc:
        lang_from("fr", None, {})
    assert str(exc.value) == "--lang:0:0: error[unknown-language]: unknown language 'fr' (hint: use one of en, ru, kk)"
    with pytest.raises(InputError, match=r"^safeguards.toml:0:0: .*'de'"):
        lang_from(None, "de", {}, config_path="safeguards.toml")
    with pytest.raises(InputError, match=r"^SAFEGUARDS_LANG:"):
        lang_from(None, None, {"SAFEGUARDS_LANG": "xx"})


def test_jinja_templates_translate_with_trans_and_underscore() -> None:
    env = jinja2.Environment(autoescape=True)
    install(env, "ru")
    source = ("{% trans %}Torture{% endtrans %}|{{ pgettext('vocab:Outcome', 'met') }}|{{ _('Name: %(n)s', n='<b>') }}|"
              "{{ '2022-03-12' | format_date('day') }}|{{ 3 | format_hours(5) }}|{{ lang }}")
    assert env.from_string(source).render() == "Torture|соблюдено|Name: &lt;b&gt;|12 марта 2022\u202fг.|от 3 до 5 ч|ru"
    assert env.from_string("{{ pgettext('article:1', 'Torture') }}").render() == "Пытки"


def _po(path: Path, lang: str, entries: list[tuple[str, str, bool]]) -> None:
    c = Catalog(locale=lang, domain="safeguards", fuzzy=False)
    for msgid, msgstr, fuzzy in entries:
        c.add(msgid, msgstr, context="t", flags=["fuzzy"] if fuzzy else [])
    path.parent.mkdir(parents=True)
    with path.open("wb") as fh:
        write_po(fh, c)


def test_compile_writes_mo_files_that_gettext_reads(tmp_path: Path) -> None:
    src, dst = tmp_path / "src", tmp_path / "dst"
    entries = [("met", "соблюдено", False), ("breach", "нарушение", True)]
    _po(src / "ru" / "LC_MESSAGES" / "safeguards.po", "ru", entries)
    written = compile_catalogs(src, dst)
    assert written == [dst / "ru" / "LC_MESSAGES" / "safeguards.mo"]
    with written[0].open("rb") as fh:
        t = gettext.GNUTranslations(fh)
    assert t.pgettext("t", "met") == "соблюдено"
    assert t.pgettext("t", "breach") == "breach"  # fuzzy entries are not compiled
    first = written[0].read_bytes()
    compile_catalogs(src, dst)
    assert written[0].read_bytes() == first


def test_the_bundled_catalogues_compile(tmp_path: Path) -> None:
    written = compile_catalogs(ROOT / "safeguards" / "locale", tmp_path)
    assert sorted(p.parent.parent.name for p in written) == ["kk", "ru"]
    with (tmp_path / "ru" / "LC_MESSAGES" / "safeguards.mo").open("rb") as fh:
        assert gettext.GNUTranslations(fh).pgettext(*TITLE) == "Предоставление защитника по просьбе"


def test_translator_loads_a_mo_and_falls_back_to_the_po(tmp_path: Path) -> None:
    po = tmp_path / "ru" / "LC_MESSAGES" / "safeguards.po"
    _po(po, "ru", [("met", "из po", False)])
    assert load("ru", tmp_path).pgettext("t", "met") == "из po"  # no .mo: compiled in memory
    compile_catalogs(tmp_path, tmp_path)
    mo = po.with_suffix(".mo")
    po.unlink()
    assert load("ru", tmp_path).pgettext("t", "met") == "из po"  # the .mo alone
    _po(po.parent / "new" / "x.po", "ru", [])  # (a stray file is ignored)
    po.write_bytes((po.parent / "new" / "x.po").read_bytes().replace(b'msgid ""', b'msgctxt "t"\nmsgid "met"\n'
                                                                     b'msgstr "new"\n\nmsgid ""', 1))
    os.utime(mo, (1, 1))  # the .mo is older than the edited .po: the .po wins
    assert load("ru", tmp_path).pgettext("t", "met") == "new"
    assert Translator("kk", tmp_path).pgettext("t", "met") == "new"  # kk (absent) falls back to ru
    assert isinstance(load("kk", tmp_path), gettext.NullTranslations)


def test_docs_examples_run() -> None:
    text = (ROOT / "docs" / "i18n.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    assert blocks
    for code in blocks:
        exec(compile(code, "docs/i18n.md", "exec"), {})


def test_langs() -> None:
    assert LANGS == ("en", "ru", "kk")
