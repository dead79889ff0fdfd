"""Use cases of the Personale e turni area, one module per job (``registry``: persons,
contracts over time, incarichi specifici)."""
