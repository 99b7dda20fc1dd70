"""Long fuzzing of the report and annex writers: ``python fuzz/fuzz_writers.py [-max_total_time=600]``.

Uses atheris when it is installed (coverage-guided), else hypothesis with many examples. Every output
of check and annex for a case file carrying the fuzzed text in every free-text field must be well formed
(``fuzz/writer_outputs.py``).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fuzz.writer_outputs import check_outputs, run_all
from tests.privacy.conftest import case_data


def one(text: str) -> None:
    """Place ``text`` in every free-text field of a case, run both commands, check every output."""
    data = case_data(witness="Ivan Petrov")
    data["title"] = text or "x"
    data["sources"][1].update(title=text or "x", publisher=text or None, citation=text or None)
    data["episodes"][0]["places"][0]["name"] = text or "x"
    data["complaints"] = [{"id": "c1", "status": "happened", "to": text or None, "sources": ["s1"]}]
    with tempfile.TemporaryDirectory() as tmp:
        outputs = run_all(Path(tmp), data)
        if outputs:
            check_outputs(outputs)


def main() -> None:
    try:
        import atheris  # type: ignore[import-not-found]
    except ImportError:
        from hypothesis import given, settings
        from hypothesis import strategies as st

        given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=80))(
            settings(max_examples=int(sys.argv[1]) if len(sys.argv) > 1 else 300, deadline=None)(one))()
        return

    def target(data: bytes) -> None:
        one(atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(80))

    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
