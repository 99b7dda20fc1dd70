"""Output writers: one module per family of outputs, each with a name-to-writer mapping."""
