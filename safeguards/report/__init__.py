"""Findings reports: building the report document, and writing it in each format."""
