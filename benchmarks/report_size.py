"""The size of the JSON report of each bundled case, and what it is made of.

    python benchmarks/report_size.py [--cases cases/] [--json]

Checks the case files with ``--format json`` for the Convention and the ``kz`` profile into a
temporary folder, then prints the median and largest report and, for the median report, the bytes of
each top-level section (compact JSON, as written).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _size(value: Any) -> int:
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def measure(cases: Path) -> dict[str, Any]:
    """Median and largest report size over both profiles, and the median report's sections."""
    with tempfile.TemporaryDirectory() as tmp:
        for profile in ("international", "kz"):
            subprocess.run([sys.executable, "-m", "safeguards", "check", str(cases), "-o", tmp, "--format", "json",
                            "--profile", profile, "--no-cache", "--no-timestamp", "--fail-on", "never", "--quiet"],
                           check=True, cwd=ROOT)
        reports = sorted(Path(tmp).rglob("*.json"), key=lambda p: (p.stat().st_size, str(p)))
        sizes = [p.stat().st_size for p in reports]
        middle = reports[(len(reports) - 1) // 2]
        doc = json.loads(middle.read_text(encoding="utf-8"))
        return {"reports": len(sizes), "median_bytes": statistics.median(sizes), "largest_bytes": max(sizes),
                "median_report": f"{middle.parent.name}/{middle.name}",
                "sections": {k: _size(v) for k, v in doc.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cases", type=Path, default=ROOT / "cases")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    got = measure(args.cases.resolve())
    if args.json:
        print(json.dumps(got, indent=2))
        return
    print(f"{got['reports']} reports: median {got['median_bytes'] / 1024:.1f} KiB ({got['median_bytes']:.0f} bytes), "
          f"largest {got['largest_bytes'] / 1024:.1f} KiB")
    print(f"sections of {got['median_report']}:")
    for name, size in sorted(got["sections"].items(), key=lambda x: -x[1]):
        print(f"  {name:<16} {size:>7,} bytes")


if __name__ == "__main__":
    main()
