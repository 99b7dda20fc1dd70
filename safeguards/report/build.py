"""The report of one case: built by the publication step (:mod:`safeguards.publish.report`)."""

from __future__ import annotations

from safeguards.publish.report import EVENT_LABELS, publish_report

build_report = publish_report

__all__ = ["EVENT_LABELS", "build_report"]
