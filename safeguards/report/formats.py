"""The report formats ``check`` writes, and their file extensions (no heavy imports)."""

from __future__ import annotations

EXTENSIONS = {"md": "md", "html": "html", "json": "json", "sarif": "sarif", "junit": "junit.xml"}
FORMATS = tuple(EXTENSIONS)
