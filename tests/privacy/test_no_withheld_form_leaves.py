"""Property: a withheld person's name, written in any form and placed in any field, leaves no output.

People are generated with names in Latin and Cyrillic script (Kazakh letters included); their name is
placed inflected, transliterated or disguised in free-text and structured fields of a case file; then
``check`` (every format) and ``annex`` (every format, every audience) run, and no output may contain
any of the forms placed. The oracle is independent of the matcher: it looks for the exact strings the
test placed, after folding only what a reader cannot see (compatibility forms, invisible characters,
case). A short profile runs in CI; ``SAFEGUARDS_LONG_PROPERTIES=1`` runs the long one (docs/security.md).
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safeguards.cli import main
from tests.privacy.conftest import case_data, outputs_text, write

LONG = os.environ.get("SAFEGUARDS_LONG_PROPERTIES") == "1"

CYR_FIRST = ["Ерлан", "Айгүл", "Нұрлан", "Әсел", "Ғалым", "Қанат", "Сергей", "Ольга", "Төлеген", "Мәдина"]
CYR_LAST = ["Бекмұхамедов", "Жақыпов", "Сәрсенбаев", "Кузнецов", "Оразбекова", "Тұрсынов", "Ілиясов", "Петрова"]
LAT_FIRST = ["Yerlan", "Aigul", "Nurlan", "Assel", "Galym", "Kanat", "Timur", "Olga", "Madina"]
LAT_LAST = ["Bekmukhamedov", "Zhakypov", "Sarsenbayev", "Kuznetsov", "Orazbekova", "Tursynov", "Iliyasov"]
TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
                    ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
                     "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "a", "g", "k", "n",
                     "o", "u", "u", "h", "i"], strict=True))


def _latin(text: str) -> str:
    out = "".join(TRANSLIT.get(ch.lower(), ch) if ch.isalpha() else ch for ch in text)
    return " ".join(w.capitalize() for w in out.split(" "))


def _inflect(surname: str) -> list[str]:
    """Oblique forms a Russian text gives a surname (the oracle's own short list)."""
    if surname.endswith(("ова", "ева")):
        return [surname[:-1] + "ой", surname[:-1] + "у"]
    if surname.endswith(("ов", "ев", "ин")):
        return [surname + "а", surname + "у", surname + "ым", surname + "е"]
    return [surname + "а", surname + "у", surname + "ом"]


DISGUISES = [
    lambda s: s.upper(),
    lambda s: s[:2] + "\u200b" + s[2:],
    lambda s: s[:3] + "\u00ad" + s[3:],
    lambda s: "#Free" + s.replace(" ", ""),
    lambda s: "kz_2020_" + s.split(" ")[-1].lower(),
    lambda s: unicodedata.normalize("NFD", s),
    lambda s: "".join(chr(ord(c) + 0xFEE0) if "A" <= c <= "z" and c.isalpha() else c for c in s),
]
FIELDS = ["title", "source_title", "unpublished_title", "publisher", "citation", "note", "complaint_to",
          "investigation_body", "contested_value", "contested_note", "authority", "place"]


@st.composite
def placements(draw: st.DrawFn) -> tuple[str, list[tuple[str, str]], str]:
    cyr = draw(st.booleans())
    first = draw(st.sampled_from(CYR_FIRST if cyr else LAT_FIRST))
    last = draw(st.sampled_from(CYR_LAST if cyr else LAT_LAST))
    name = f"{first} {last}"
    forms = [name, last]
    if cyr:
        forms += _inflect(last) + [_latin(name), _latin(last)]
    forms += [d(name) for d in DISGUISES]
    chosen = draw(st.lists(st.tuples(st.sampled_from(FIELDS), st.sampled_from(forms)), min_size=1, max_size=6))
    decision = draw(st.sampled_from(["confidential", "pseudonym_only"]))
    return name, chosen, decision


def _place(data: dict[str, Any], field: str, form: str) -> None:
    text = f"see {form} here"
    if field == "title":
        data["title"] = text
    elif field == "source_title":
        data["sources"][1]["title"] = text
    elif field == "unpublished_title":
        data["sources"][0]["title"] = text
    elif field == "publisher":
        data["sources"][1]["publisher"] = text
    elif field == "citation":
        data["sources"][1]["citation"] = text
    elif field == "note":
        data["sources"][1]["note"] = text
    elif field == "complaint_to":
        data.setdefault("complaints", []).append({"id": f"c{len(data.get('complaints', []))}", "status": "happened",
                                                  "to": text[:200], "sources": ["s1"]})
    elif field == "investigation_body":
        data.setdefault("investigations", []).append({"id": f"i{len(data.get('investigations', []))}",
                                                      "status": "happened", "body": text[:200], "sources": ["s2"]})
    elif field in ("contested_value", "contested_note"):
        version = {"value": text if field == "contested_value" else "nobody", "sources": ["s1"]}
        if field == "contested_note":
            version["note"] = text
        data["contested"] = [{"id": "c-x", "about": "who was there", "target": {"record": "ep-1", "field": "authority"},
                              "versions": [version, {"value": "somebody", "sources": ["s2"]}]}]
    elif field == "authority":
        data["episodes"][0]["authority"] = text[:200]
    elif field == "place":
        data["episodes"][0]["places"][0]["name"] = text[:200]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Mn") and ch != "\u00ad")
    return text.casefold()


@settings(max_examples=200 if LONG else 12, deadline=None, derandomize=not LONG,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(placements())
def test_no_withheld_form_leaves_any_output(tmp_path_factory: Any, example: tuple[str, list[tuple[str, str]], str]
                                            ) -> None:
    name, chosen, decision = example
    tmp: Path = tmp_path_factory.mktemp("leak")
    data = case_data(witness=name)
    data["people"][1]["consent"] = {"decision": decision, "basis": "no_consent"} if decision == "confidential" \
        else {"decision": "pseudonym_only", "pseudonym": "W1", "basis": "consent_given"}
    for field, form in chosen:
        _place(data, field, form)
    write(tmp / "in", data)
    main(["check", str(tmp / "in"), "-o", str(tmp / "out"), "--no-timestamp", "--no-cache", "--fail-on", "never",
          "--format", "md,html,json,sarif,junit", "--quiet"])
    for audience in ("public", "committee", "internal"):
        main(["annex", str(tmp / "in"), "-o", str(tmp / "annex" / audience), "--audience", audience, "--quiet"])
    # A pseudonymised person may be named to the analyst (internal); a confidential one to no one.
    audiences = ["public", "committee"] + (["internal"] if decision == "confidential" else [])
    text = _fold(outputs_text(tmp / "out") + "".join(outputs_text(tmp / "annex" / a) for a in audiences))
    last = name.split(" ")[-1]
    for form in [last, *(f for _, f in chosen)]:
        needle = _fold(form).split(" ")[-1]
        assert len(needle) < 4 or needle not in text, (form, field_of(chosen, form))


def field_of(chosen: list[tuple[str, str]], form: str) -> str:
    return next((f for f, x in chosen if x == form), "surname")
