"""How the change log ("Registro delle modifiche") names what it records: the log stores the
database's own table and column names and stored values (cents, thousandths, codes); each
area declares here, once, the Italian words and units a person reads instead.

An area's descriptor names its ``AuditLabels`` (``Area.audit_labels``, "module:attr"); the
read side of the log (queries.audit) merges them on first use.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# How a stored value is shown: integer cents, a decimal amount in euro, integer thousandths
# of the article's unit, a hundredth of a percent.
FORMATS = ("cents", "money", "milli", "hundredths_percent", "clock", "weekday")  # clock: minutes


@dataclass(frozen=True)
class AuditLabels:
    entities: Mapping[str, str] = field(default_factory=dict)      # table -> "Bene inventariato"
    # column -> "data del decreto": only for columns no table declares a label of its own
    # (domain.fields, domain/labels.py), which wins; tests/queries/test_audit_labels.py
    # fails for an entry that a declared label hides everywhere.
    fields: Mapping[str, str] = field(default_factory=dict)
    # table -> column -> label, where a column means something else in that table
    table_fields: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # column (or "table.column") -> stored code -> words
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # "table.column" or column -> one of FORMATS
    formats: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        bad = [f for f in self.formats.values() if f not in FORMATS]
        if bad:
            raise ValueError(f"Formati sconosciuti: {bad}")
