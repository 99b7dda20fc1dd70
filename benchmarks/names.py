"""Speed and false positives of name matching (``safeguards.names``).

    python benchmarks/names.py [--annex 2000] [--repeat 5]

Speed: a matcher for one case (the names of a bundled case) and one for an annex (``--annex`` generated
Russian and Kazakh full names) scan a 100 KB text (bundled reports, English and Russian) for the median
of ``--repeat`` runs (process CPU time). False positives: a matcher with the names of every ``cases/*.yaml``
scans every ``reports/**/*.md``; a hit whose word does not begin with a form of the matched name is counted
as false ("Erlan" inside "Switzerland"), the others are the names the reports print.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST = ["Ivan", "Aigul", "Nurlan", "Yerlan", "Timur", "Asel", "Dana", "Marat", "Sergei", "Olga", "Zhanna",
         "Bakhyt", "Gulnara", "Daniyar", "Aizhan", "Rustam", "Saule", "Kairat", "Elena", "Askar", "Ерлан",
         "Айгүл", "Нұрлан", "Мария", "Дмитрий", "Ғалым", "Әсел", "Жандос", "Бақыт", "Сәуле"]
ROOTS = ["Bek", "Nur", "Erimbet", "Zhagipar", "Tulet", "Kenzheb", "Abish", "Sarsen", "Tokta", "Omar", "Iskak",
         "Baimukh", "Kasym", "Seit", "Zhum", "Petr", "Sidor", "Kuznets", "Morоz", "Әбіш", "Қасым", "Жұма", "Төле"]
ENDS = ["ov", "ova", "ev", "eva", "in", "ina", "uly", "ov", "ов", "ова", "ұлы", "қызы"]


def annex_names(count: int, seed: int = 11) -> dict[str, str]:
    """``count`` distinct generated full names (first name, surname), each with its label."""
    rng = random.Random(seed)
    names: dict[str, str] = {}
    while len(names) < count:
        first, root, end = rng.choice(FIRST), rng.choice(ROOTS), rng.choice(ENDS)
        names.setdefault(f"{first} {root}{rng.choice(['', 'a', 'i', 'el', 'an', 'ym'])}{end}", f"[p{len(names)}]")
    return names


def case_names() -> dict[str, dict[str, str]]:
    """The names and aliases of every person of every bundled case, by case file."""
    from safeguards.api import load_case

    out: dict[str, dict[str, str]] = {}
    for path in sorted((ROOT / "cases").glob("*.yaml")):
        case = load_case(path).case
        assert case is not None
        out[path.name] = {n: f"[{p.role} {p.id}]" for p in case.people for n in [p.name, *p.aliases] if n}
    return out


RUSSIAN = ("Задержанный был доставлен в отдел полиции, где его допрашивали без адвоката; жалоба в прокуратуру "
           "осталась без ответа. Свидетель показал, что видел следы побоев; Ерімбетовтың ісі қаралды. ")


def sample_text(size: int = 100_000) -> str:
    """About ``size`` characters of bundled reports with Russian prose in between."""
    russian = RUSSIAN
    parts, total = [], 0
    for path in sorted((ROOT / "reports").glob("**/*.md")):
        chunk = path.read_text(encoding="utf-8")[:20_000] + russian * 20
        parts.append(chunk)
        total += len(chunk)
        if total >= size:
            break
    return "".join(parts)[:size]


def cpu(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()  # type: ignore[operator]
        times.append(time.process_time() - start)
    return statistics.median(times)


def false_positives() -> tuple[int, int, list[str]]:
    """(genuine hits, false hits, examples of false hits) on the bundled reports."""
    from safeguards.names import NameMatcher
    from safeguards.names.matcher import term_key
    from safeguards.names.variants import parts, variant_terms

    every: dict[str, str] = {}
    for names in case_names().values():
        every.update(names)
    matcher = NameMatcher(every)
    stems: dict[str, set[str]] = {}
    for full, label in every.items():
        stems.setdefault(label, set()).update(
            term_key(t).replace(" ", "")[:4] for t in variant_terms(full) if len(term_key(t)) >= 3)
        stems[label] |= {term_key(p)[:3] for p in parts(full)}
    genuine, false, examples = 0, 0, []
    for path in sorted((ROOT / "reports").glob("**/*.md")):
        text = path.read_text(encoding="utf-8")
        for start, end, label in matcher.find(text):
            word_start = start
            while word_start > 0 and text[word_start - 1].isalpha():
                word_start -= 1
            word = term_key(text[word_start:end]).replace(" ", "")
            if any(word.startswith(s) for s in stems[label]):
                genuine += 1
            else:
                false += 1
                examples.append(text[max(0, start - 10) : end + 10].replace("\n", " "))
    return genuine, false, examples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--annex", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from safeguards.names import NameMatcher

    text = sample_text()
    one_case = case_names()["kz-2017-erimbetov.yaml"]
    start = time.process_time()
    case_matcher = NameMatcher(one_case)
    case_build = time.process_time() - start
    names = annex_names(args.annex)
    start = time.process_time()
    annex_matcher = NameMatcher(names)
    annex_build = time.process_time() - start
    russian = (RUSSIAN * (100_000 // len(RUSSIAN) + 1))[:100_000]
    print("| matcher | names | build (s) | text (100 KB) | find (ms) | redact (ms) |")
    print("| --- | ---: | ---: | --- | ---: | ---: |")
    for label, matcher, count, build in [("one case", case_matcher, len(one_case), case_build),
                                         ("annex", annex_matcher, len(names), annex_build)]:
        for kind, sample in [("reports", text), ("Russian", russian)]:
            found = cpu(lambda m=matcher, t=sample: m.find(t), args.repeat) * 1000
            redacted = cpu(lambda m=matcher, t=sample: m.redact(t), args.repeat) * 1000
            print(f"| {label} | {count} | {build:.2f} | {kind} | {found:.1f} | {redacted:.1f} |")
    genuine, false, examples = false_positives()
    print(f"\nbundled reports, names of cases/*.yaml: {genuine} hits of the names, {false} false positives")
    for example in examples[:20]:
        print(f"  false: ...{example}...")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
