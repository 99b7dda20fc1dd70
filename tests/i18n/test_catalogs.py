"""The catalogues: complete in Russian, placeholders kept, up to date with the extraction, Kazakh partial."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from safeguards.engine.articles import ARTICLES
from safeguards.engine.proof import LEGEND_NOTE, PROOF_TEXT
from safeguards.facts.registry import declared
from safeguards.i18n import catalog as cat
from safeguards.i18n.extract import vocab_msgid
from safeguards.report.build import EVENT_LABELS
from safeguards.results import ArticleOutcome, Outcome, Proof
from safeguards.rules.compile import RuleSet
from safeguards.rules.profiles import load_profiles
from tests.conftest import ROOT, RULES


@pytest.fixture(scope="module")
def template() -> Catalog:
    return cat.read(cat.TEMPLATE)


@pytest.fixture(scope="module")
def ru() -> Catalog:
    return cat.read(cat.po_path("ru"), "ru")


@pytest.fixture(scope="module")
def kk() -> Catalog:
    return cat.read(cat.po_path("kk"), "kk")


def _show(messages: list[object]) -> str:
    return "\n".join(f"  {m.context}: {m.id!r}" for m in messages[:20])  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", cat.COMPLETE)
def test_every_message_has_a_translation(lang: str) -> None:
    missing = cat.untranslated(cat.read(cat.po_path(lang), lang))
    assert not missing, f"{len(missing)} messages untranslated or fuzzy in {lang}:\n{_show(missing)}"


def test_the_check_catches_a_missing_and_a_fuzzy_translation() -> None:
    c = Catalog(locale="ru")
    c.add("met", "соблюдено", context="vocab:Outcome")
    c.add("breach", "", context="vocab:Outcome")
    c.add("contested", "оспаривается", context="vocab:Outcome", flags=["fuzzy"])
    assert sorted(m.id for m in cat.untranslated(c)) == ["breach", "contested"]


def test_catalogues_hold_exactly_the_template_messages(template: Catalog, ru: Catalog, kk: Catalog) -> None:
    want = cat.keys(template)
    for name, c in (("ru", ru), ("kk", kk)):
        assert cat.keys(c) - want == set(), f"{name} has messages the code no longer has (run pybabel update)"
        assert want - cat.keys(c) == set(), f"{name} lacks messages of the template (run pybabel update)"


def test_template_is_up_to_date_with_the_extraction(template: Catalog) -> None:
    fresh = cat.keys(cat.extract(ROOT))
    assert fresh - cat.keys(template) == set(), "new messages: re-extract (docs/i18n.md)"
    assert cat.keys(template) - fresh == set(), "messages no longer in the code: re-extract (docs/i18n.md)"


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_placeholders_are_kept(lang: str, ru: Catalog, kk: Catalog) -> None:
    bad = cat.placeholder_mismatches(ru if lang == "ru" else kk)
    assert not bad, f"placeholders differ from the msgid:\n{_show(bad)}"
    for m in ru if lang == "ru" else kk:
        if m.id and m.string and isinstance(m.id, str):
            assert m.string.endswith("\n") == m.id.endswith("\n"), m.id


def test_the_placeholder_check_catches_a_renamed_or_dropped_field() -> None:
    c = Catalog(locale="ru")
    c.add("Held {held_hours}; limit {limit_hours} h.", "Содержался {held}; предел {limit_hours} ч.", context="r")
    c.add("Told {hours} later.", "Уведомлена позднее.", context="r")
    c.add("Kept {n} h.", "Содержался {n} ч.", context="r")
    assert [m.id for m in cat.placeholder_mismatches(c)] == ["Held {held_hours}; limit {limit_hours} h.",
                                                             "Told {hours} later."]


def test_extraction_covers_the_data_as_the_program_loads_it(template: Catalog, rules: RuleSet) -> None:
    """Each text a reader sees, read from the loaded rules, profiles and modules, is a template message."""
    have = cat.keys(template)
    want: set[cat.Key] = set()
    for r in (c.rule for c in rules.rules):
        want |= {(f"rule:{r.id}", r.title), (f"rule:{r.id}", r.messages.breach), (f"rule:{r.id}", r.messages.met)}
        want |= {(f"rule:{r.id}", t) for t in (r.description, r.messages.not_applicable, r.messages.insufficient) if t}
    for p in load_profiles(RULES).values():
        want |= {(f"profile:{p.id}", p.title), (f"profile:{p.id}", p.description)}
        want |= {(f"profile:{p.id}", t.label) for t in p.timeline}
        want |= {(f"profile:{p.id}", t) for t in p.recommendations.by_rule.values()}
    for d in declared():
        want |= {(f"fact:{d.name}", d.meaning), (f"fact:{d.name}", d.record)}
    for number, info in ARTICLES.items():
        want |= {(f"article:{number}", info.title), (f"article:{number}", info.form)}
    want |= {(f"proof:{k}", v) for k, v in PROOF_TEXT.items()} | {("proof", LEGEND_NOTE)}
    want |= {("event", v) for v in EVENT_LABELS.values()}
    for name, alias in (("Outcome", Outcome), ("ArticleOutcome", ArticleOutcome), ("Proof", Proof)):
        want |= {(f"vocab:{name}", vocab_msgid(v)) for v in alias.__args__}
    assert want - have == set()
    assert len(declared()) > 100 and len(rules.rules) > 50  # the registries were really read


def test_kazakh_has_its_core_terms(kk: Catalog) -> None:
    translated = {(m.context or "").split(":")[0] + ":" + (m.context or "").split(":")[-1]
                  for m in kk if m.id and m.string}
    for name in ("Outcome", "ArticleOutcome", "Proof"):
        assert f"vocab:{name}" in translated
    assert {f"article:{n}" for n in ARTICLES} <= translated
    for m in kk:
        if m.context in ("vocab:Outcome", "vocab:ArticleOutcome", "vocab:Proof") or (m.context or "").startswith(
                "article:"):
            assert m.string, f"kk lacks {m.context}: {m.id}"


def test_msgids_keep_the_text_of_the_rule_files(rules: RuleSet) -> None:
    """A folded description keeps its final newline, as the loader reads it, so lookups match."""
    folded = [c.rule for c in rules.rules if c.rule.description and c.rule.description.endswith("\n")]
    assert folded
    template = cat.read(cat.TEMPLATE)
    assert (f"rule:{folded[0].id}", folded[0].description) in cat.keys(template)


def test_extractors_skip_files_that_are_not_rules(tmp_path: Path) -> None:
    from io import BytesIO

    from safeguards.i18n.extract import extract_profiles, extract_rules

    assert list(extract_rules(BytesIO(b"cases: [a]\n"), [], [], {})) == []
    assert list(extract_rules(BytesIO(b"id: x\n: [\n"), [], [], {})) == []
    got = list(extract_rules(BytesIO(b"id: r\nsafeguard: s\ntitle: T\nmessages: {breach: B, met: M}\n"), [], [], {}))
    assert [(line, ctx, text, c) for line, _f, (ctx, text), c in got] == [
        (3, "rule:r", "T", ["title"]), (4, "rule:r", "B", ["messages.breach"]), (4, "rule:r", "M", ["messages.met"])]
    assert list(extract_profiles(BytesIO(b"title: no id\n"), [], [], {})) == []


def test_extraction_reads_templates_and_code_marked_for_translation(tmp_path: Path) -> None:
    (tmp_path / "babel.cfg").write_text((ROOT / "babel.cfg").read_text(encoding="utf-8"), encoding="utf-8")
    templates = tmp_path / "safeguards" / "templates"
    templates.mkdir(parents=True)
    (templates / "page.html.j2").write_text(
        "<h1>{{ _('Findings') }}</h1>\n{% trans n=held %}\n  Held for {{ n }} h\n{% endtrans %}\n"
        "{{ pgettext('heading', 'Sources') }}\n", encoding="utf-8")
    (tmp_path / "safeguards" / "console.py").write_text(
        "from x import _, N_, ngettext\n_('No case files found')\nN_('rule')\nngettext('{n} case', '{n} cases', 2)\n",
        encoding="utf-8")
    assert cat.keys(cat.extract(tmp_path)) == {
        (None, "Findings"), (None, "Held for %(n)s h"), ("heading", "Sources"),
        (None, "No case files found"), (None, "rule"), (None, "{n} case")}
