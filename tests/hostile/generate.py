"""Regenerate the hostile corpus: ``python tests/hostile/generate.py``.

Text files start with ``# expect: CODE`` (``ok`` for files that must validate) and mark the
offending line with a trailing ``#<``. Files that cannot carry a comment (binary, other encodings)
are listed in ``expected.yaml``.
"""

from __future__ import annotations

from pathlib import Path

import yaml

HERE = Path(__file__).parent
HEAD = """schema_version: 1
id: hostile-case
title: Hostile fixture
jurisdiction: KZ
timezone: Asia/Almaty
status: draft
subject: p1
sources:
  - id: s1
    kind: media
    title: A report
    connection: reporter
    reliability: {source: C, information: 3}
people:
  - id: p1
    role: detainee
    name_known: false
    consent: {decision: pseudonym_only, pseudonym: AA, basis: consent_given}
"""


def event(extra: str = "", at: str = "2020-05-02T10:00", kind: str = "apprehension") -> str:
    return (f"episodes:\n  - id: e1\n    events:\n      - type: {kind}\n        status: happened\n"
            f"        at: {at}\n        sources: [s1]\n{extra}")


def person(extra: str) -> str:
    return HEAD + f"  - id: p2\n    role: witness\n    consent: {{decision: confidential, basis: no_consent}}\n{extra}"


def laughs(levels: int, width: int) -> str:
    lines = ['a: &a ["lol"' + ', "lol"' * (width - 1) + "]"]
    for i in range(1, levels):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * width) + "]")
    # No line marker: the refusal happens wherever the expansion crosses the limit.
    return "\n".join(lines) + "\n"


TEXT: dict[str, tuple[str, str]] = {}
# --- parsing
TEXT["billion-laughs"] = ("too-many-nodes", laughs(9, 9))
TEXT["laughs-wide"] = ("too-many-nodes", laughs(4, 60))
TEXT["laughs-deep"] = ("too-many-nodes", laughs(20, 2))
TEXT["deep-list"] = ("too-deep", "a: " + "[" * 80 + "]" * 80 + " #<\n")
TEXT["deep-map"] = ("too-deep", "a: " + "{b: " * 80 + "1" + "}" * 80 + " #<\n")
TEXT["python-object"] = ("yaml-tag", "a: !!python/object:os.system x #<\n")
TEXT["python-apply"] = ("yaml-tag", "a: !!python/object/apply:os.system ['true'] #<\n")
TEXT["python-name"] = ("yaml-tag", "a: !!python/name:os.system #<\n")
TEXT["python-module"] = ("yaml-tag", "a: !!python/module:os #<\n")
TEXT["custom-tag"] = ("yaml-tag", "a: !secret value #<\n")
TEXT["binary-tag"] = ("yaml-tag", "a: !!binary aGVsbG8= #<\n")
TEXT["set-tag"] = ("yaml-tag", "a: !!set {x: null} #<\n")
TEXT["merge-key"] = ("yaml-merge-key", "base: &b {a: 1}\nother:\n  <<: *b #<\n")
TEXT["two-documents"] = ("multiple-documents", "a: 1\n---\nb: 2 #<\n")
TEXT["tab-indent"] = ("yaml-syntax", "a:\n\t- b #<\n")
TEXT["unclosed-quote"] = ("yaml-syntax", 'a: "never closed\nb: 1\n')
TEXT["unclosed-flow"] = ("yaml-syntax", "a: [1, 2\nb: 3 #<\n")
TEXT["bad-indent"] = ("yaml-syntax", "a:\n  b: 1\n c: 2 #<\n")
TEXT["undefined-alias"] = ("yaml-syntax", "a: *nowhere #<\n")
TEXT["complex-key"] = ("yaml-key", "? [a, b] #<\n: c\n")
TEXT["dup-top"] = ("duplicate-key", HEAD + "title: Again #<\n")
TEXT["dup-nested"] = ("duplicate-key", HEAD + "  - id: p2\n    role: witness\n    role: relative #<\n"
                      "    consent: {decision: confidential, basis: no_consent}\n")
TEXT["dup-flow"] = ("duplicate-key", HEAD.replace("{source: C, information: 3}", "{source: C, source: D, information: 3} #<"))
TEXT["dup-event"] = ("duplicate-key", HEAD + event("        status: unknown #<\n"))
TEXT["empty"] = ("not-a-mapping", "\n")
TEXT["scalar-doc"] = ("not-a-mapping", "just text #<\n")
TEXT["list-doc"] = ("not-a-mapping", "- id: x #<\n")
# --- times
for name, at in [("feb-30", "2020-02-30"), ("feb-29-non-leap", "2019-02-29"), ("month-13", "2020-13-01"),
                 ("day-00", "2020-05-00"), ("april-31", "2021-04-31"), ("hour-24", "2020-05-02T24:00"),
                 ("minute-60", "2020-05-02T23:60"), ("time-24-61", "2020-02-03T24:61"),
                 ("second-60", "2020-05-02T10:00:60"), ("offset-plus-15", "2020-05-02T10:00+15:00"),
                 ("offset-minus-15", "2020-05-02T10:00-15:00"), ("offset-60-min", "2020-05-02T10:00+05:60"),
                 ("offset-14-30", "2020-05-02T10:00+14:30"), ("year-1800", "1800-01-01"),
                 ("words", "'last tuesday'"), ("slashes", "02/05/2020"), ("year-only-short", "'20'"),
                 ("iso-week", "2020-W10"), ("time-only", "'10:00'"), ("spaces", "'2020 - 05 - 02'")]:
    TEXT[f"time-{name}"] = ("invalid-value", HEAD + event(at=at + " #<"))
for name, at in [("far", "2999-01-01"), ("next-century", "2199-12-31T10:00"), ("month", "2990-05")]:
    TEXT[f"future-{name}"] = ("future-date", HEAD + event(at=at + " #<"))
TEXT["future-complaint"] = ("future-date", HEAD + "complaints:\n  - id: c1\n    to: x\n    at: 2999-01-01 #<\n"
                            "    sources: [s1]\n")
TEXT["future-opened"] = ("future-date", HEAD + "investigations:\n  - id: i1\n    body: x\n    opened_at: 2999-01-01 #<\n"
                         "    sources: [s1]\n")
# --- values and types
TEXT["age-negative"] = ("invalid-value", person("    age: -3 #<\n"))
TEXT["age-200"] = ("invalid-value", person("    age: 200 #<\n"))
TEXT["age-float"] = ("wrong-type", person("    age: 30.5 #<\n"))
TEXT["age-text"] = ("wrong-type", person("    age: thirty #<\n"))
TEXT["age-quoted"] = ("wrong-type", person("    age: '30' #<\n"))
TEXT["long-note"] = ("invalid-value", person("    relation: " + "x" * 400 + " #<\n"))
TEXT["long-title"] = ("invalid-value", HEAD.replace("title: Hostile fixture", "title: " + "t" * 20_001 + " #<"))
TEXT["long-id"] = ("invalid-format", HEAD.replace("id: hostile-case", "id: " + "a" * 90 + " #<"))
TEXT["id-upper"] = ("invalid-format", HEAD.replace("id: hostile-case", "id: Hostile-Case #<"))
TEXT["id-space"] = ("invalid-format", HEAD.replace("id: hostile-case", "id: hostile case #<"))
TEXT["id-traversal"] = ("invalid-format", HEAD.replace("id: hostile-case", "id: ../../etc/passwd #<"))
TEXT["id-absolute"] = ("invalid-format", HEAD.replace("id: hostile-case", "id: /etc/passwd #<"))
TEXT["id-number"] = ("wrong-type", HEAD.replace("id: hostile-case", "id: 12345 #<"))
TEXT["enum-role"] = ("invalid-value", HEAD.replace("role: detainee", "role: prisoner #<"))
for field, bad in [("sex", "x"), ("nationality", "Kazakh")]:
    code = "invalid-format" if field == "nationality" else "invalid-value"
    TEXT[f"enum-{field}"] = (code, person(f"    {field}: {bad} #<\n"))
TEXT["enum-decision"] = ("invalid-value", HEAD.replace("decision: pseudonym_only", "decision: maybe").replace(
    "basis: consent_given}", "basis: consent_given} #<"))
TEXT["enum-kind"] = ("invalid-value", HEAD.replace("kind: media", "kind: rumour #<"))
TEXT["enum-connection"] = ("invalid-value", HEAD.replace("connection: reporter", "connection: friend #<"))
TEXT["enum-reliability-g"] = ("invalid-value", HEAD.replace("{source: C, information: 3}", "{source: G, information: 3} #<"))
TEXT["enum-information-7"] = ("invalid-value", HEAD.replace("{source: C, information: 3}", "{source: C, information: 7} #<"))
TEXT["enum-status-case"] = ("invalid-value", HEAD.replace("status: draft", "status: final #<"))
for kind, field, bad in [("ill_treatment", "methods", "[tickling]"), ("ill_treatment", "purpose", "[fun]"),
                         ("ill_treatment", "involvement", "maybe"), ("medical_examination", "examiner", "friend"),
                         ("interrogation", "recorded", "yes"), ("court_appearance", "judge_response", "smiled"),
                         ("contact_denied", "contact", "pigeon"), ("conditions", "deprivations", "[wifi]"),
                         ("rights_information", "form", "telepathic"), ("lawyer_access", "lawyer_type", "cousin")]:

    body = (f"      - type: {kind}\n        status: happened\n        {field}: {bad} #<\n"
            + ("        contact: any\n" if kind == "contact_denied" and field != "contact" else "")
            + "        sources: [s1]\n")
    TEXT[f"enum-{kind}-{field}"] = ("invalid-value", HEAD + event(body))
TEXT["enum-event-status"] = ("invalid-value", HEAD + "episodes:\n  - id: e1\n    events:\n      - type: release\n"
                             "        status: maybe #<\n")
TEXT["enum-event-type"] = ("unknown-type", HEAD + "episodes:\n  - id: e1\n    events:\n      - type: arest #<\n"
                           "        status: happened\n")
TEXT["enum-place-type"] = ("invalid-value", HEAD + "episodes:\n  - id: e1\n    places:\n      - {id: x, name: y, type: "
                           "castle} #<\n")
TEXT["enum-relation"] = ("invalid-value", HEAD + "investigations:\n  - id: i1\n    body: x\n    relation: cousins #<\n"
                         "    sources: [s1]\n")
TEXT["enum-reprisal"] = ("invalid-value", HEAD + "reprisals:\n  - id: r1\n    kind: tickling #<\n    sources: [s1]\n")
TEXT["enum-redress"] = ("invalid-value", HEAD + "redress:\n  - id: r1\n    kind: apology_cake #<\n    status: happened\n"
                        "    sources: [s1]\n")
TEXT["type-people-map"] = ("wrong-type", HEAD.split("people:")[0] + "people: {p1: x} #<\n")
TEXT["type-sources-string"] = ("wrong-type", HEAD.replace("sources:\n  - id: s1", "sources: s1 #<\nxsources:\n  - id: s1"))
TEXT["type-episodes-int"] = ("wrong-type", HEAD + "episodes: 3 #<\n")
TEXT["type-events-map"] = ("wrong-type", HEAD + "episodes:\n  - id: e1\n    events: {a: 1} #<\n")
TEXT["type-event-string"] = ("wrong-type", HEAD + "episodes:\n  - id: e1\n    events:\n      - apprehension #<\n")
TEXT["type-bool-yes"] = ("wrong-type", HEAD + event("      - type: release\n        status: happened\n"
                                                    "        charged: yes #<\n        sources: [s1]\n"))
TEXT["type-bool-on"] = ("wrong-type", HEAD + event("      - type: interrogation\n        status: happened\n"
                                                   "        lawyer_present: on #<\n        sources: [s1]\n"))
TEXT["type-sources-ints"] = ("wrong-type", HEAD + event().replace("sources: [s1]", "sources: [1] #<"))
TEXT["type-title-map"] = ("wrong-type", HEAD.replace("title: Hostile fixture", "title: {a: 1} #<"))
TEXT["type-title-number"] = ("wrong-type", HEAD.replace("title: Hostile fixture", "title: 12.5 #<"))
TEXT["type-null-required"] = ("wrong-type", HEAD.replace("subject: p1", "subject: null #<"))
TEXT["type-schema-version"] = ("invalid-value", HEAD.replace("schema_version: 1", "schema_version: '1' #<"))
TEXT["type-hours-text"] = ("wrong-type", HEAD + event("      - type: conditions\n        status: happened\n"
                                                      "        hours: long #<\n        sources: [s1]\n"))
TEXT["type-approximate"] = ("wrong-type", HEAD + event("        approximate: sometimes #<\n"))
TEXT["unknown-field-top"] = ("unknown-field", HEAD + "victim: x #<\n")
TEXT["unknown-field-person"] = ("unknown-field", person("    nickname: x #<\n"))
TEXT["unknown-field-event"] = ("unknown-field", HEAD + event("        weather: cold #<\n"))
TEXT["missing-consent"] = ("missing-field", HEAD + "  - id: p2 #<\n    role: witness\n")
TEXT["missing-people"] = ("missing-field", HEAD.split("people:")[0].replace("schema_version: 1", "schema_version: 1 #<"))
TEXT["missing-source-title"] = ("missing-field", HEAD.replace("    title: A report\n", "").replace(
    "  - id: s1\n", "  - id: s1 #<\n"))
# --- semantics
TEXT["dangling-source"] = ("dangling-reference", HEAD + event().replace("sources: [s1]", "sources: [s9] #<"))
TEXT["dangling-person"] = ("dangling-reference", HEAD + event("        people: [p9] #<\n"))
TEXT["dangling-place"] = ("dangling-reference", HEAD + event("        place: nowhere #<\n"))
TEXT["dangling-subject"] = ("dangling-reference", HEAD.replace("subject: p1", "subject: p9 #<"))
TEXT["dangling-about"] = ("dangling-reference", HEAD + "complaints:\n  - id: c1\n    about: [e9] #<\n    sources: [s1]\n")
TEXT["dangling-follows"] = ("dangling-reference", HEAD + "reprisals:\n  - id: r1\n    kind: intimidation\n"
                            "    follows: [c9] #<\n    sources: [s1]\n")
TEXT["dangling-contested"] = ("dangling-reference", HEAD + "contested:\n  - id: k1\n    about: x\n"
                              "    target: {record: nothing, field: status} #<\n    versions:\n"
                              "      - {value: a, sources: [s1]}\n      - {value: b, sources: [s1]}\n")
TEXT["wrong-reference"] = ("wrong-reference", HEAD + event().replace("sources: [s1]", "sources: [p1] #<"))
TEXT["dup-id-kinds"] = ("duplicate-id", HEAD + "complaints:\n  - id: s1 #<\n    sources: [s1]\n")
TEXT["dup-id-people"] = ("duplicate-id", HEAD + "  - id: p1 #<\n    role: witness\n"
                         "    consent: {decision: confidential, basis: no_consent}\n")
TEXT["release-before"] = ("chronology", HEAD + event("      - type: release\n        status: happened\n"
                                                     "        at: 2020-05-01 #<\n        sources: [s1]\n"))
TEXT["court-before"] = ("chronology", HEAD + event("      - type: court_appearance\n        status: happened\n"
                                                   "        at: 2020-04-01T10:00 #<\n        sources: [s1]\n"))
TEXT["until-before"] = ("chronology", HEAD + event("      - type: solitary_confinement\n        status: happened\n"
                                                   "        at: 2020-06-01\n        until: 2020-05-10 #<\n"
                                                   "        sources: [s1]\n"))
TEXT["closed-before-opened"] = ("chronology", HEAD + "investigations:\n  - id: i1\n    body: x\n    opened_at: 2020-06-01\n"
                                "    closed_at: 2020-05-01 #<\n    sources: [s1]\n")
TEXT["complaint-before"] = ("chronology", HEAD + event() + "complaints:\n  - id: c1\n    at: 2020-01-01 #<\n"
                           "    about: [e1]\n    sources: [s1]\n")
TEXT["reprisal-before"] = ("chronology", HEAD + "complaints:\n  - id: c1\n    at: 2020-04-01\n    sources: [s1]\n"
                           "reprisals:\n  - id: r1\n    kind: intimidation\n    at: 2020-03-01 #<\n    follows: [c1]\n"
                           "    sources: [s1]\n")
TEXT["pseudonym-missing"] = ("consent-pseudonym-missing", HEAD + "  - id: p2\n    role: witness\n"
                             "    consent: {decision: pseudonym_only, basis: consent_given} #<\n")
TEXT["publish-no-basis"] = ("consent-basis", HEAD + "  - id: p2\n    role: witness\n    name: X Y\n"
                            "    consent: {decision: publish_name, basis: no_consent} #<\n")
TEXT["contested-bad-field"] = ("unknown-field", HEAD + "episodes:\n  - id: e1\n    events:\n      - id: ev1\n"
                               "        type: apprehension\n        status: happened\n        sources: [s1]\n"
                               "contested:\n  - id: k1\n    about: x\n    target: {record: ev1, field: colour} #<\n"
                               "    versions:\n      - {value: a, sources: [s1]}\n      - {value: b, sources: [s1]}\n")
TEXT["contested-one-version"] = ("invalid-value", HEAD + "contested:\n  - id: k1\n    about: x\n"
                                 "    target: {record: p1, field: role}\n    versions:\n"
                                 "      - {value: a, sources: [s1]} #<\n")
TEXT["contested-bad-value"] = ("contested-value", HEAD + "episodes:\n  - id: e1\n    events:\n      - id: ev1\n"
                               "        type: apprehension\n        status: happened\n        sources: [s1]\n"
                               "contested:\n  - id: k1\n    about: x\n    target: {record: ev1, field: status}\n"
                               "    versions:\n      - {value: happened, sources: [s1]}\n"
                               "      - value: banana #<\n        sources: [s1]\n")
# --- YAML 1.1 surprises that must be handled deliberately, and pass
OK = HEAD + event()
TEXT["ok-norway"] = ("ok", OK.replace("jurisdiction: KZ", "jurisdiction: NO #<").replace("Asia/Almaty", "Europe/Oslo"))
TEXT["ok-pseudonym-on"] = ("ok", OK.replace("pseudonym: AA", "pseudonym: on").replace("consent_given}", "consent_given} #<"))
TEXT["ok-pseudonym-no"] = ("ok", OK.replace("pseudonym: AA", "pseudonym: NO").replace("consent_given}", "consent_given} #<"))
TEXT["ok-title-yes"] = ("ok", OK.replace("title: Hostile fixture", "title: yes #<"))
TEXT["ok-unquoted-date"] = ("ok", HEAD + event(at="2020-05-02 #<"))
TEXT["ok-unquoted-time"] = ("ok", HEAD + event(at="2020-05-02T10:30 #<"))
TEXT["ok-offset"] = ("ok", HEAD + event(at="2020-05-02T10:30+06:00 #<"))
TEXT["ok-zulu"] = ("ok", HEAD + event(at="2020-05-02T04:30Z #<"))
TEXT["ok-bom"] = ("ok", OK.replace("title: Hostile fixture", "title: BOM first #<"))
TEXT["ok-unicode-names"] = ("ok", OK.replace("pseudonym: AA", "pseudonym: Жанар").replace("consent_given}",
                                                                                          "consent_given} #<"))
TEXT["ok-crlf"] = ("ok", OK.replace("title: Hostile fixture", "title: CRLF line endings #<").replace("\n", "\r\n"))
TEXT["ok-html-in-note"] = ("ok", HEAD + event("        note: \"<script>alert(1)</script>\" #<\n"))
TEXT["ok-formula-in-title"] = ("ok", OK.replace("title: Hostile fixture", "title: '=HYPERLINK(\"http://x\")' #<"))
# --- round two (issue 14): inputs that crashed, passed, or were located at 1:1
# Device names Windows reserves, as the case id, a person id and a source id.
RESERVED = ["con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))]
for name in RESERVED:
    TEXT[f"reserved-case-{name}"] = ("invalid-value", HEAD.replace("id: hostile-case", f"id: {name} #<"))
    TEXT[f"reserved-person-{name}"] = ("invalid-value", HEAD + f"  - id: {name} #<\n    role: witness\n"
                                       "    consent: {decision: confidential, basis: no_consent}\n")
    TEXT[f"reserved-source-{name}"] = ("invalid-value", HEAD.replace("  - id: s1\n    kind", f"  - id: {name} #<\n    kind"))
for name in ["con.txt", "nul.yaml", "com1.report", "lpt9.x.y", "aux.", "prn.md"]:
    TEXT[f"reserved-dotted-{name.replace('.', '_')}"] = ("invalid-value", HEAD.replace(
        "id: hostile-case", f"id: '{name}' #<"))
# Years past what a time can be computed in: a crash of validate, or a crash of check after validate passed.
for name, at in [("9999-12-31", "9999-12-31"), ("9999-year", "'9999'"), ("9999-month", "9999-12"),
                 ("9999-minute", "9999-12-31T23:59"), ("9999-offset", "'9999-12-31T23:59+14:00'"),
                 ("9999-approx", "9999-06-01\n        approximate: true")]:
    TEXT[f"year-{name}"] = ("invalid-value", HEAD + event(at=at.replace("\n", " #<\n", 1) if "\n" in at
                                                          else at + " #<"))
TEXT["year-9999-complaint"] = ("invalid-value", HEAD + "complaints:\n  - id: c1\n    at: 9999-12-31 #<\n"
                               "    sources: [s1]\n")
TEXT["year-9999-closed"] = ("invalid-value", HEAD + "investigations:\n  - id: i1\n    body: x\n"
                            "    closed_at: '9999' #<\n    sources: [s1]\n")
# A tzdata folder is not a time zone (it crashed the whole run without naming the file).
for folder in ["Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Brazil", "Canada",
               "Chile", "Etc", "Europe", "Indian", "Mexico", "Pacific", "US"]:
    TEXT[f"timezone-folder-{folder.lower()}"] = ("invalid-value", HEAD.replace(
        "timezone: Asia/Almaty", f"timezone: {folder} #<"))
# Characters YAML does not allow, raw in the text: located where they are, not at 1:1.
for code in [*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x80, 0x9F, 0xFFFE, 0xFFFF]:
    TEXT[f"char-{code:04x}"] = ("yaml-character", HEAD.replace("title: Hostile fixture",
                                                               f"title: Hostile{chr(code)}fixture #<"))

BINARY: dict[str, tuple[bytes, str]] = {
    "binary-png.yaml": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary-file"),
    "binary-nul.yaml": (b"schema_version: 1\x00\x00\nid: x\n", "binary-file"),
    "latin1.yaml": ("title: caf\xe9\n".encode("latin-1"), "not-utf8"),
    "utf16.yaml": ("title: x\n".encode("utf-16"), "binary-file"),
    "bad-continuation.yaml": (b"title: \xc3\x28\n", "not-utf8"),
    "overlong.yaml": (b"title: \xc0\xaf\n", "not-utf8"),
}


def main() -> None:
    for old in (HERE / "cases").glob("*"):
        old.unlink()
    for name, (code, body) in TEXT.items():
        bom = "\ufeff" if name == "ok-bom" else ""
        (HERE / "cases" / f"{name}.yaml").write_bytes(f"{bom}# expect: {code}\n{body}".encode())
    manifest = {}
    for name, (raw, code) in BINARY.items():
        (HERE / "cases" / name).write_bytes(raw)
        manifest[name] = code
    (HERE / "expected.yaml").write_text(yaml.safe_dump(manifest, sort_keys=True))
    print(f"{len(TEXT) + len(BINARY)} hostile case files")


if __name__ == "__main__":
    main()
