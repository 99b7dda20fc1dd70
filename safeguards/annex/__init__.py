"""The case annex of a shadow report: many cases, organised by article, with no one exposed."""
