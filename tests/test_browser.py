"""The HTML report and annex in a real browser: they load with no console errors and the findings show."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from safeguards.cli import main
from tests.conftest import CASES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0"]


def _chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp / 'profile'}", *args], capture_output=True,
                          text=True, timeout=120, check=False)


def render(html: Path, png: Path, tmp: Path, height: int = 2400) -> tuple[str, str]:
    """Screenshot ``html`` into ``png``; return the DOM and the browser's log."""
    shot = _chromium(tmp, f"--screenshot={png}", f"--window-size=1200,{height}", html.as_uri())
    dom = _chromium(tmp, "--dump-dom", html.as_uri())
    return dom.stdout, shot.stderr + dom.stderr


def _console_errors(log: str) -> list[str]:
    return [line for line in log.splitlines() if "CONSOLE" in line or "Refused to" in line]


def test_report_renders_with_findings_visible(tmp_path: Path) -> None:
    main(["check", str(CASES / "kz-2007-gerasimov.yaml"), "-o", str(tmp_path), "--format", "html", "--quiet",
          "--no-timestamp", "--no-cache"])
    html = tmp_path / "international" / "kz-2007-gerasimov.html"
    dom, log = render(html, tmp_path / "report.png", tmp_path)
    assert _console_errors(log) == []
    assert "Findings by safeguard" in dom and "Freedom from torture (art 1, one act or course of conduct)" in dom
    image = Image.open(tmp_path / "report.png").convert("RGB")
    colours = {c for _, c in image.getcolors(maxcolors=1 << 20) or []}
    assert (0xB0, 0x00, 0x20) in colours  # the breach badges are painted


def test_annex_renders(tmp_path: Path) -> None:
    main(["annex", str(CASES), "-o", str(tmp_path), "--format", "html", "--quiet"])
    dom, log = render(tmp_path / "annex.html", tmp_path / "annex.png", tmp_path)
    assert _console_errors(log) == []
    assert "Case table" in dom and "<svg" in dom
