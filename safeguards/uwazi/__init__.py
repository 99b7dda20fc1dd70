"""Exchange with Uwazi (HURIDOCS): case files to CSV files its import accepts, and such CSV files back to case files.

See ``docs/uwazi.md`` for the template, its thesauri and what the CSV cannot carry.
"""
