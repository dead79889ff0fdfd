"""The change log's words for a column are declared once: a column that its table labels
(domain.fields Record or domain/labels.py) is not labelled again in an AuditLabels or in
queries.audit, where the table's own label would hide it."""
from __future__ import annotations

import iiss_desktop.models  # noqa: F401 - every table
from iiss_desktop.areas import AREAS, resolve
from iiss_desktop.domain.fields import column_label
from iiss_desktop.models.base import Base
from iiss_desktop.queries import audit


def _tables_with(column: str) -> list[str]:
    return [t.name for t in Base.metadata.tables.values() if column in t.columns]


def _hidden(fields) -> list[str]:
    """Entries no table can show: every table with the column declares its own label."""
    return sorted(name for name in fields
                  if all(column_label(t, name) for t in _tables_with(name)))


def _unknown(fields) -> list[str]:
    return sorted(name for name in fields if not _tables_with(name))


def test_area_field_labels_only_name_columns_no_table_labels():
    for area in AREAS:
        if area.audit_labels:
            fields = resolve(area.audit_labels).fields
            assert (area.name, _hidden(fields), _unknown(fields)) == (area.name, [], [])


def test_core_field_labels_only_name_columns_no_table_labels():
    core = {k: v for k, v in audit.FIELD_LABELS.items()
            if not any(a.audit_labels and k in resolve(a.audit_labels).fields for a in AREAS)}
    assert (_hidden(core), _unknown(core)) == ([], [])


def test_a_labelled_column_reads_as_its_table_declares_it():
    # domain/labels.py: loan.parent_cf is «Codice fiscale del genitore».
    assert audit.field_label("parent_cf", "loan") == "codice fiscale del genitore"
    # No table label for inventory_discharge.decree_date: the area's AuditLabels speaks.
    assert audit.field_label("decree_date", "inventory_discharge") == "data del decreto"


def test_every_audited_table_and_column_has_italian_words():
    """The change log never shows a table or column by its database name (issue 12 item 6):
    every audited table has an entity label and every column (but the row id) a label."""
    unnamed_tables, unnamed_columns = [], []
    for mapper in Base.registry.mappers:
        if not getattr(mapper.class_, "__audit__", False):
            continue
        table = mapper.local_table.name
        if audit.entity_label(table) == table:
            unnamed_tables.append(table)
        unnamed_columns += [f"{table}.{c.name}" for c in mapper.local_table.columns
                            if c.name != "id" and not audit.labelled(c.name, table)]
    assert (sorted(unnamed_tables), sorted(unnamed_columns)) == ([], [])


def test_an_attachment_names_its_record_in_words():
    assert audit.entity_label("attachment") == "Allegato"
    assert audit.VALUE_LABELS["attachment.record_kind"]["inventory_item"] == \
        audit.entity_label("inventory_item").lower()


def test_the_front_desk_hours_are_logged_as_a_clerk_reads_them():
    """Minutes from midnight as hh:mm, the weekday by name (510 = 8 h 30, 1 = Tuesday)."""
    audit._load_area_labels()
    assert audit._value("start", 510, "staff_plan_front_desk") == "08:30"
    assert audit._value("end", 990, "staff_plan_front_desk") == "16:30"
    assert audit._value("weekday", 1, "staff_plan_front_desk") == "martedì"
    assert audit._value("audience", "personale", "staff_plan_front_desk") == \
        "Personale della scuola"
