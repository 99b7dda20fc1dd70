"""Compare the two compiled CEL implementations on what matters to rules: speed, import time, checking.

Run: ``pip install common-expression-language && python benchmarks/cel_compare.py``. The second
package is not a dependency of the project; the script reports it as missing when it is not installed.
"""

from __future__ import annotations

import subprocess
import sys
import time

EXPR = "lawyer_access == false || (hours_to_court_min > limit_hours && court_appearance)"
DATA = {"lawyer_access": True, "hours_to_court_min": 60.0, "limit_hours": 48.0, "court_appearance": True}
N = 100_000


def _import_ms(module: str) -> float:
    code = f"import time; t=time.perf_counter(); import {module}; print((time.perf_counter()-t)*1000)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout)


def google() -> dict[str, str]:
    from cel_expr_python import cel

    env = cel.NewEnv(variables={"lawyer_access": cel.Type.BOOL, "hours_to_court_min": cel.Type.DOUBLE,
                                "limit_hours": cel.Type.DOUBLE, "court_appearance": cel.Type.BOOL})
    program = env.compile(EXPR)
    start = time.perf_counter()
    for _ in range(N):
        program.eval(data=DATA)
    per = (time.perf_counter() - start) / N * 1e6
    try:
        env.compile("lawyer_acess == false")
        typo = "compiles (not caught)"
    except RuntimeError as exc:
        typo = "compile error: " + str(exc).splitlines()[0][:70]
    return {"eval": f"{per:.2f} us", "import": f"{_import_ms('cel_expr_python.cel'):.1f} ms", "typo": typo}


def rust() -> dict[str, str]:
    try:
        import cel
    except ImportError:
        return {"eval": "not installed", "import": "-", "typo": "-"}
    program = cel.compile(EXPR)
    start = time.perf_counter()
    for _ in range(N):
        program.execute(DATA)
    per = (time.perf_counter() - start) / N * 1e6
    try:
        cel.compile("lawyer_acess == false")
        typo = "compiles (not caught until evaluated)"
    except Exception as exc:
        typo = f"compile error: {exc}"[:80]
    return {"eval": f"{per:.2f} us", "import": f"{_import_ms('cel'):.1f} ms", "typo": typo}


def main() -> None:
    rows = {"cel-expr-python": google(), "common-expression-language": rust()}
    for name, row in rows.items():
        print(f"{name:28} eval {row['eval']:>12}  import {row['import']:>9}  misspelled variable: {row['typo']}")


if __name__ == "__main__":
    main()
