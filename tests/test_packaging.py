"""Install anywhere: bundled rules, the pre-commit hook, duplicate case ids, configuration, terminal output."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from safeguards import config
from safeguards.cli import main
from safeguards.problems import InputError
from safeguards.rules.compile import load_rules
from safeguards.rules.files import default_rules_dir
from safeguards.terminal import paint, progress
from tests.conftest import CASES, ROOT, RULES

CASE = CASES / "kz-2007-gerasimov.yaml"
WORKFLOW = "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps: [{run: echo}]\n"


# --- bundled rules ---------------------------------------------------------------------------------


def test_a_rules_folder_in_the_current_directory_is_not_picked_up(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "rules").mkdir()  # an empty, untrusted rule folder where the tool is run
    monkeypatch.chdir(tmp_path)
    assert default_rules_dir().resolve() != (tmp_path / "rules").resolve()
    assert load_rules().origin == "bundled"


def test_rules_list_names_the_rule_set_origin(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("(bundled)")
    assert main(["rules", "list", "--rules", str(RULES)]) == 0
    assert capsys.readouterr().out.rstrip().endswith(f"({RULES})")


def test_python_api_works_from_another_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from safeguards import evaluate, load_case
    from safeguards import load_rules as api_load_rules

    monkeypatch.chdir(tmp_path)
    result = evaluate(load_case(CASE), api_load_rules(), "international")
    assert "1" in [a.article for a in result.articles if a.outcome == "violation_indicated"]


def test_the_build_step_copies_the_rules_into_the_package() -> None:
    text = (ROOT / "setup.py").read_text(encoding="utf-8")
    assert '"safeguards" / "_rules"' in text and 'ROOT / "rules"' in text
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "data/*" not in pyproject  # the stale package data is gone
    assert "bash .ci/wheel-smoke" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


# --- duplicate case ids ----------------------------------------------------------------------------


def _two_copies(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "a" / "case.yaml", tmp_path / "b" / "copy.yaml"
    first.parent.mkdir()
    second.parent.mkdir()
    shutil.copy(CASE, first)
    second.write_text(re.sub(r"(?m)^title: .*$", "title: a copy", CASE.read_text(encoding="utf-8")), "utf-8")
    return first, second


def test_validate_reports_a_duplicate_id_at_the_second_file(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    first, second = _two_copies(tmp_path)
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    id_line = CASE.read_text(encoding="utf-8").splitlines().index("id: kz-2007-gerasimov") + 1
    assert f"{second}:{id_line}:5: error[duplicate-case-id]" in out
    assert f"also used by {first} (line {id_line})" in out


@pytest.mark.parametrize("command", ["check", "annex"])
def test_check_and_annex_refuse_duplicate_ids_and_write_nothing(tmp_path: Path, command: str,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    first, second = _two_copies(tmp_path)
    out = tmp_path / "out"
    assert main([command, str(first), str(second), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{second}:3:5: error[duplicate-case-id]" in err and str(first) in err
    assert not out.exists()


def test_distinct_ids_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(CASES)]) == 0
    assert "0 error(s)" in capsys.readouterr().out


# --- the pre-commit hook ---------------------------------------------------------------------------


def _scratch_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "ci.yml").write_text(WORKFLOW, encoding="utf-8")
    (repo / "cases").mkdir()
    shutil.copy(CASE, repo / "cases" / "gerasimov.yaml")
    (repo / "cases" / "notes.yaml").write_text("reviewers: [a, b]\n", encoding="utf-8")  # not a case file
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{
        "repo": str(ROOT), "rev": "HEAD", "hooks": [{"id": "safeguards-validate"}]}]}), encoding="utf-8")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    return repo


def _break(repo: Path) -> None:
    case = repo / "cases" / "gerasimov.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("schema_version: 2", "schema_version: 2\nbogus: 1"),
                    encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)


def _hook_entry(repo: Path) -> int:
    """Run the hook as pre-commit does: its entry, with every tracked file that ``files`` and ``types`` match."""
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    tracked = subprocess.run(["git", "ls-files"], cwd=repo, check=True, capture_output=True, text=True).stdout
    files = [f for f in tracked.split() if re.search(hook["files"], f)]
    args = hook["entry"].split()
    assert args[0] == "safeguards"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "safeguards", *args[1:], *files], cwd=repo, env=env,
                          capture_output=True, text=True).returncode


def test_hook_entry_passes_beside_other_yaml_and_fails_on_a_broken_case(tmp_path: Path) -> None:
    repo = _scratch_repo(tmp_path)
    assert _hook_entry(repo) == 0
    _break(repo)
    assert _hook_entry(repo) == 1


def test_hook_entry_skips_other_yaml_even_when_files_matches_everything(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    repo = _scratch_repo(tmp_path)
    paths = [str(p) for p in sorted(repo.rglob("*.y*ml"))]
    assert main(["validate", "--only-case-files", "--quiet", *paths]) == 0
    assert capsys.readouterr().out == ""
    assert main(["validate", "--only-case-files", str(repo / ".pre-commit-config.yaml")]) == 0
    (repo / "cases" / "broken.yaml").write_text("schema_version: 2\npeople: [\n", encoding="utf-8")
    assert main(["validate", "--only-case-files", "--quiet", str(repo / "cases" / "broken.yaml")]) == 1


@pytest.mark.skipif(shutil.which("pre-commit") is None or shutil.which("git") is None,
                    reason="pre-commit is not installed (it is in the test extras)")
def test_pre_commit_run_all_files_in_a_scratch_repository(tmp_path: Path) -> None:
    """The real pre-commit, installing the hook from this checkout's working tree (``try-repo``)."""
    repo = _scratch_repo(tmp_path)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(["pre-commit", "try-repo", str(ROOT), "safeguards-validate", "--all-files"],
                              cwd=repo, env=env, capture_output=True, text=True, timeout=600)

    passed = run()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    _break(repo)
    failed = run()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "cases/gerasimov.yaml" in failed.stdout and "bogus" in failed.stdout


# --- configuration ---------------------------------------------------------------------------------


def test_pyproject_table_gives_the_defaults_and_the_command_line_wins(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.safeguards]\nprofile = "kz"\n'
                                             'format = ["md", "sarif"]\noutput = "out"\nfail-on = "never"\n'
                                             'language = "ru"\n', encoding="utf-8")
    inner = tmp_path / "sub"
    inner.mkdir()
    monkeypatch.chdir(inner)  # found in a parent folder
    assert main(["check", str(CASE), "--no-timestamp", "--quiet"]) == 0  # fail-on never
    assert sorted(p.name for p in (tmp_path / "out" / "kz").iterdir()) == ["kz-2007-gerasimov.md",
                                                                          "safeguards.sarif"]
    assert main(["check", str(CASE), "--no-timestamp", "--quiet", "--format", "json", "--fail-on", "breach",
                 "-o", str(tmp_path / "cli"), "--profile", "international"]) == 1
    assert [p.name for p in (tmp_path / "cli" / "international").iterdir()] == ["kz-2007-gerasimov.json"]
    assert config.load().language == "ru"


def test_safeguards_toml_comes_before_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.safeguards]\nprofile = "kz"\n', encoding="utf-8")
    (tmp_path / "safeguards.toml").write_text('rules = "my-rules"\ncache = ".cache"\n', encoding="utf-8")
    found = config.load(tmp_path)
    assert found.profile is None
    assert found.rules == str(tmp_path / "my-rules") and found.cache == str(tmp_path / ".cache")


@pytest.mark.parametrize(("text", "line", "code", "words"), [
    ('profile = "kz"\nformats = "md"\n', 2, "config-key", "unknown key 'formats'"),
    ('fail-on = "sometimes"\n', 1, "config-value", "'sometimes' is not a level"),
    ('format = ["md", "pdf"]\n', 1, "config-value", "unknown format pdf"),
    ('language = "Russian"\n', 1, "config-value", "not a language tag"),
    ("output = 3\n", 1, "config-value", "a text value is expected"),
    ('profile = "kz\n', 1, "config-syntax", "not valid TOML"),
])
def test_bad_configuration_is_a_located_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str], text: str, line: int,
                                              code: str, words: str) -> None:
    path = tmp_path / "safeguards.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        config.read(path)
    assert (caught.value.problem.line, caught.value.problem.code) == (line, code)
    assert words in caught.value.problem.message
    monkeypatch.chdir(tmp_path)
    assert main(["rules", "list"]) == 2
    assert f"{path}:{line}:" in capsys.readouterr().err


def test_unknown_key_in_pyproject_is_located_under_its_table(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\nlanguage = "x"\n\n[tool.safeguards]\nlanguage = "en"\nlangauge = "kk"\n',
                    encoding="utf-8")
    with pytest.raises(InputError) as caught:
        config.read(path)
    assert caught.value.problem.line == 7 and "langauge" in caught.value.problem.message


# --- terminal output -------------------------------------------------------------------------------


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_for_large_runs() -> None:
    items = list(range(25))
    pipe, tty = io.StringIO(), _Tty()
    assert list(progress(iter(items), 25, "check", pipe, quiet=False)) == items
    assert pipe.getvalue() == ""
    assert list(progress(iter(items), 25, "check", tty, quiet=True)) == items
    assert tty.getvalue() == ""
    assert list(progress(iter(items[:5]), 5, "check", tty, quiet=False)) == items[:5]
    assert tty.getvalue() == ""
    assert list(progress(iter(items), 25, "check", tty, quiet=False)) == items
    assert "check:" in tty.getvalue() and "/25" in tty.getvalue()


def test_errors_in_colour_unless_disabled() -> None:
    line = "a.yaml:1:1: error[x]: bad\nb.yaml:2:1: warning[y]: odd"
    assert paint(line, False) == line
    painted = paint(line, True)
    assert "\x1b[31merror\x1b[0m[x]" in painted and "\x1b[33mwarning\x1b[0m[y]" in painted


def test_no_color_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    from safeguards.terminal import colour_enabled

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert colour_enabled(_Tty()) and not colour_enabled(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not colour_enabled(_Tty())


# --- docs/ci.md and action.yml ---------------------------------------------------------------------


def _ci_blocks(lang: str) -> list[str]:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    return [body for kind, body in re.findall(r"```(\w*)\n(.*?)```", text, re.DOTALL) if kind == lang]


def test_ci_docs_configuration_example_is_accepted(tmp_path: Path) -> None:
    (example,) = _ci_blocks("toml")
    (tmp_path / "pyproject.toml").write_text(example, encoding="utf-8")
    found = config.load(tmp_path)
    assert found.profile == "kz" and found.format == "md,sarif" and found.fail_on == "high"
    assert sorted(config.config_keys()) == sorted(re.findall(r"(?m)^([\w-]+) =", example))


def test_ci_docs_pre_commit_pattern_is_the_hooks(tmp_path: Path) -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    assert f"`files: {hook['files']}`" in text and f"`{hook['entry']}`" in text
    snippet = yaml.safe_load(_ci_blocks("yaml")[0])
    assert snippet["repos"][0]["hooks"][0]["id"] == hook["id"]


def test_ci_docs_action_and_gitlab_examples_match_the_tool() -> None:
    from safeguards.cli import _parser

    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    uses = [s.get("uses", "") for s in action["runs"]["steps"]]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    workflow, gitlab = (yaml.safe_load(b) for b in _ci_blocks("yaml")[1:3])
    (step,) = [s for s in workflow["jobs"]["safeguards"]["steps"] if "with" in s]
    assert set(step["with"]) <= set(action["inputs"])
    commands = [line for line in gitlab["safeguards"]["script"] if line.startswith("safeguards ")]
    assert len(commands) == 2
    for line in commands:
        _parser().parse_args(line.split()[1:])  # exits (failing the test) on an unknown option
