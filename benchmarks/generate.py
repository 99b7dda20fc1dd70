"""Synthetic but realistic case files, shaped like the bundled ones, from a seed.

Each case has one to three custody episodes with 10-40 events in all, times of
mixed precision (exact, to the day, to the month, approximate), 2-6 sources,
and sometimes contested facts, complaints, investigations, reprisals, redress
and trials, so that every outcome occurs across a corpus. Every generated file
validates.

    python benchmarks/generate.py --count 1000 --seed 1 --out /tmp/corpus-1k
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeDumper as Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as Dumper  # type: ignore[assignment]

CONTEXTS = [("zhanaozen-2011", "Asia/Aqtau", "Mangystau Region", "Zhanaozen", 2011),
            ("january-2022", "Asia/Almaty", "Almaty", "Almaty", 2022),
            ("almaty-2017", "Asia/Almaty", "Almaty", "Almaty", 2017),
            ("kostanay-2007", "Asia/Qostanay", "Kostanay Region", "Kostanay", 2007)]
KINDS = ["victim_testimony", "witness_testimony", "lawyer", "relative", "medical_record", "court_record",
         "official_statement", "ngo_report", "media"]
CONNECTION = {"victim_testimony": "victim", "witness_testimony": "witness", "lawyer": "lawyer",
              "relative": "relative", "medical_record": "medical", "court_record": "official",
              "official_statement": "official", "ngo_report": "ngo", "media": "reporter"}
METHODS = ["beating", "kicking", "beating_with_objects", "asphyxiation", "stress_position", "threats",
           "threats_to_family", "deprivation_of_food", "cold", "stripping", "electric_shock"]
PURPOSES = ["confession", "information", "punishment", "intimidation", "unknown"]
FIRST = ["Aidos", "Yerlan", "Nurlan", "Dauren", "Askar", "Marat", "Bakhyt", "Zhanna", "Aigerim", "Gulnara", "Saule",
         "Dinara", "Maxim", "Sergei", "Olga", "Irina", "Rustam", "Timur", "Azamat", "Roza", "Galym", "Madina"]
LAST = ["Serikbayev", "Akhmetov", "Nurpeisov", "Zhaksylykov", "Ibraimov", "Kaliyev", "Sultanov", "Omarov", "Bekov",
        "Ivanov", "Petrov", "Kim", "Tsoi", "Abenov", "Mukhamedov", "Sadykov", "Yesenov", "Utegenov", "Dosmagambetov"]
STEPS = ["arrival", "registration", "rights_information", "interrogation", "lawyer_request", "lawyer_access",
         "family_notification", "medical_examination", "ill_treatment", "confession", "court_appearance",
         "conditions", "contact_denied", "monitoring_visit", "medical_request", "transfer"]


def _time(rnd: random.Random, base_hour: float, year: int) -> tuple[str, bool]:
    """A time ``base_hour`` hours into the year's custody window, at a random precision."""
    day = 1 + int(base_hour // 24)
    month = 1 + min(11, day // 28)
    dom = 1 + day % 28
    hour = int(base_hour % 24)
    minute = int((base_hour % 1) * 60)
    roll = rnd.random()
    if roll < 0.55:
        return f"{year}-{month:02d}-{dom:02d}T{hour:02d}:{minute:02d}", rnd.random() < 0.2
    if roll < 0.9:
        return f"{year}-{month:02d}-{dom:02d}", False
    return f"{year}-{month:02d}", False


def _event(rnd: random.Random, kind: str, at: str | None, approx: bool, sources: list[str],
           places: list[str]) -> dict[str, Any]:
    status = rnd.choices(["happened", "not_happened", "unknown"], [0.8, 0.12, 0.08])[0]
    ev: dict[str, Any] = {"type": kind, "status": status}
    if at and status == "happened":
        ev["at"] = at
        if approx:
            ev["approximate"] = True
    if places and rnd.random() < 0.5:
        ev["place"] = rnd.choice(places)
    if kind == "interrogation":
        ev["lawyer_present"] = rnd.choice([True, False, None])
        ev["recorded"] = rnd.choice(["full", "partial", "none", "unknown"])
        if rnd.random() < 0.3:
            ev["officials_count"] = rnd.randint(1, 6)
    elif kind == "ill_treatment":
        ev["methods"] = rnd.sample(METHODS, rnd.randint(1, 3))
        ev["purpose"] = [rnd.choice(PURPOSES)]
        ev["involvement"] = rnd.choice(["direct", "instigation", "unknown", "none"])
        if rnd.random() < 0.5:
            ev["injuries"] = "Bruises and abrasions."
    elif kind == "medical_examination":
        ev["examiner"] = rnd.choice(["independent", "facility", "ambulance", "state_forensic", "unknown"])
        ev["officers_present"] = rnd.choice([True, False, None])
        ev["injuries_found"] = rnd.choice([True, False, None])
    elif kind == "court_appearance":
        ev["allegation_raised"] = rnd.choice([True, False, None])
        ev["judge_response"] = rnd.choice(["ignored", "ordered_medical_exam", "unknown"])
    elif kind == "conditions":
        ev["deprivations"] = rnd.sample(["food", "water", "sleep", "heating"], rnd.randint(1, 2))
        ev["hours"] = rnd.randint(2, 48)
    elif kind == "contact_denied":
        ev["contact"] = rnd.choice(["family", "lawyer", "communications", "any"])
    elif kind == "confession":
        ev["under_duress"] = rnd.choice([True, False, None])
    elif kind == "medical_request":
        ev["response"] = rnd.choice(["granted", "refused", "ignored"])
    elif kind == "monitoring_visit":
        ev["independent"] = rnd.choice([True, False, None])
        ev["private_interview"] = rnd.choice([True, False, None])
    elif kind == "lawyer_access":
        ev["lawyer_type"] = rnd.choice(["chosen", "state_appointed", "unknown"])
    ev["sources"] = rnd.sample(sources, rnd.randint(1, min(2, len(sources))))
    return ev


def generate_case(seed: int, index: int) -> dict[str, Any]:
    """One case file as data; the same (seed, index) always gives the same case."""
    rnd = random.Random(seed * 1_000_003 + index)
    context, tz, region, locality, year = rnd.choice(CONTEXTS)
    cid = f"gen-{seed}-{index:06d}"
    n_sources = rnd.randint(2, 6)
    name, mother = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}", f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
    sources = []
    for i in range(n_sources):
        kind = rnd.choice(KINDS)
        # Testimony is often filed under the witness's name: the names redaction must catch.
        title = f"Interview with {name}" if kind == "victim_testimony" and rnd.random() < 0.5 else \
            f"Source {i} on case {index}"
        sources.append({"id": f"s{i}", "kind": kind, "title": title,
                        "publisher": rnd.choice(["NGO A", "NGO B", "Newspaper C", "Court", "Ministry"]),
                        "date": f"{year}-{rnd.randint(1, 12):02d}", "connection": CONNECTION[kind],
                        "reliability": {"source": rnd.choice("ABCDEF"), "information": rnd.randint(1, 6)}})
    ids = [s["id"] for s in sources]
    decision = rnd.choices(["publish_name", "pseudonym_only", "confidential"], [0.4, 0.45, 0.15])[0]
    consent: dict[str, Any] = {"decision": decision,
                               "basis": "consent_given" if decision != "confidential" else "no_consent"}
    if decision == "pseudonym_only":
        consent["pseudonym"] = f"X{index}"
    people = [{"id": "p0", "role": "detainee", "name": name,
               "sex": rnd.choice(["male", "female", "unknown"]), "age": rnd.randint(17, 70),
               "nationality": rnd.choice(["KZ", "KZ", "KZ", "KG"]), "consent": consent, "sources": ids},
              {"id": "p1", "role": "relative", "relation": "mother", "name": mother,
               "consent": {"decision": "pseudonym_only", "pseudonym": f"R{index}", "basis": "consent_given"}}]
    total = rnd.randint(10, 40)
    n_episodes = rnd.randint(1, 3)
    per = max(3, total // n_episodes)
    episodes = []
    start = rnd.uniform(0, 200)
    for e in range(n_episodes):
        places = [{"id": f"pl{e}{k}", "name": f"Place {k}", "type": rnd.choice(["police_station", "unofficial_place",
                                                                                   "temporary_detention_facility"]),
                   "official": rnd.choice([True, False, None]), "locality": locality} for k in range(rnd.randint(1, 2))]
        place_ids = [p["id"] for p in places]
        at, approx = _time(rnd, start, year)
        events = [{"type": "apprehension", "status": "happened", "at": at, "sources": [rnd.choice(ids)]}]
        hour = start
        for _ in range(per - 2):
            hour += rnd.uniform(0.2, 12)
            at, approx = _time(rnd, hour, year)
            events.append(_event(rnd, rnd.choice(STEPS), at, approx, ids, place_ids))
        hour += rnd.uniform(1, 30)
        at, _ = _time(rnd, hour, year)
        events.append({"type": "release", "status": "happened", "at": at, "charged": rnd.choice([True, False, None]),
                       "sources": [rnd.choice(ids)]})
        for k, ev in enumerate(events):
            if ev["type"] == "ill_treatment":
                ev["id"] = f"ev{e}-{k}"
        episodes.append({"id": f"ep{e}", "authority": "Police", "places": places, "events": events})
        start = hour + rnd.uniform(24, 500)
    case: dict[str, Any] = {
        "schema_version": 2, "id": cid, "title": f"Generated case {index}", "jurisdiction": "KZ", "timezone": tz,
        "context": context, "region": region, "status": "draft", "subject": "p0", "people": people,
        "sources": sources, "episodes": episodes,
    }
    complaint_at, _ = _time(rnd, start + 100, year)
    if rnd.random() < 0.6:
        case["complaints"] = [{"id": "c1", "by": "p0", "to": "Prosecutor", "body_kind": rnd.choice(
            ["prosecutor", "same_unit", "un_committee"]), "at": complaint_at, "about": ["ep0"], "sources": ids[:1]}]
        if rnd.random() < 0.7:
            opened, _ = _time(rnd, start + 100 + rnd.uniform(24, 900), year)
            case["investigations"] = [{"id": "i1", "body": "Prosecutor", "relation": rnd.choice(
                ["same_unit", "independent", "unknown", "ordering_prosecutors"]), "opened_at": opened,
                "triggered_by": ["c1"], "outcome": rnd.choice(["closed_no_charges", "charges_brought", "unknown"]),
                "sources": ids[:1]}]
        if rnd.random() < 0.3:
            case["reprisals"] = [{"id": "r1", "kind": rnd.choice(["intimidation", "forced_withdrawal"]),
                                  "follows": ["c1"], "against": ["p0"], "sources": ids[:1]}]
    if rnd.random() < 0.3:
        case["redress"] = [{"id": "rd1", "kind": "compensation", "status": rnd.choice(["happened", "not_happened"]),
                            "sources": ids[:1]}]
    if rnd.random() < 0.25:
        case["proceedings"] = [{"id": "pr1", "kind": "trial_of_detainee", "torture_alleged": True,
                                "confession_used": rnd.choice([True, False, None]), "sources": ids[:1]}]
    targets = [ev["id"] for ep in episodes for ev in ep["events"] if "id" in ev]
    if targets and rnd.random() < 0.2 and len(ids) >= 2:
        case["contested"] = [{"id": "k1", "about": "Whether the ill-treatment happened",
                              "target": {"record": targets[0], "field": "status"},
                              "versions": [{"value": "happened", "sources": [ids[0]]},
                                           {"value": "not_happened", "sources": [ids[1]]}]}]
    return case


def dump(case: dict[str, Any]) -> str:
    """The case as YAML text, with the schema line editors use."""
    body = yaml.dump(case, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=120)
    return "# yaml-language-server: $schema=../safeguards/schemas/case.schema.json\n" + body


def write_corpus(out: Path, count: int, seed: int) -> list[Path]:
    """Write ``count`` case files under ``out`` (in subfolders of 1000)."""
    paths = []
    for i in range(count):
        folder = out / f"{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"case-{i:06d}.yaml"
        path.write_text(dump(generate_case(seed, i)), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    write_corpus(args.out, args.count, args.seed)
    print(f"wrote {args.count} case files to {args.out}")


if __name__ == "__main__":
    main()
