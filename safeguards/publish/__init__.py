"""The publication step: results, the case and an audience in; what every writer renders out."""
