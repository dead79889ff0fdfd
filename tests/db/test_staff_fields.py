"""The declared fields of the staff registry (domain/staff/fields.py) agree with the ORM
models: a field declared once cannot drift."""
from __future__ import annotations

import pytest
from sqlalchemy import BigInteger, Boolean, Date, Integer, String, Text

from iiss_desktop.domain.fields import column_label
from iiss_desktop.domain.staff.fields import (
    ABSENCE,
    ABSENCE_CAUSE,
    ABSENCE_REQUEST,
    AGILE,
    ATTENDANCE_SETTING,
    CLEANING,
    CONTRACT,
    COVER,
    COVER_DEROGATION,
    COVID_BUDGET,
    COVID_RATE,
    COVID_SUBSTITUTION,
    EMPLOYEE,
    FRAGILE,
    HOUR_ENTRY,
    INCARICO,
    LEAVE_ENTRY,
    PUNCH,
    TRAINING,
)
from iiss_desktop.models.staff import Employee, StaffContract, StaffIncarico
from iiss_desktop.models.staff_agile import StaffAgileAgreement
from iiss_desktop.models.staff_attendance import (
    StaffAttendanceSetting,
    StaffHourEntry,
    StaffPunch,
)
from iiss_desktop.models.staff_cover import StaffCover, StaffCoverDerogation
from iiss_desktop.models.staff_emergency import (
    StaffCleaning,
    StaffCovidBudget,
    StaffCovidRate,
    StaffCovidSubstitution,
    StaffTraining,
)
from iiss_desktop.models.staff_health import StaffFragileStatus
from iiss_desktop.models.staff_leave import (
    AbsenceCause,
    StaffAbsence,
    StaffAbsenceRequest,
    StaffLeaveEntry,
)
from iiss_desktop.models.types import Cents

_TYPES = {"text": String, "choice": String, "multiline": Text, "money": Cents, "date": Date,
          "int": Integer, "ref": Integer, "bool": Boolean}
PAIRS = [(EMPLOYEE, Employee.__table__), (CONTRACT, StaffContract.__table__),
         (INCARICO, StaffIncarico.__table__), (AGILE, StaffAgileAgreement.__table__),
         (COVID_BUDGET, StaffCovidBudget.__table__),
         (COVID_RATE, StaffCovidRate.__table__),
         (COVID_SUBSTITUTION, StaffCovidSubstitution.__table__),
         (CLEANING, StaffCleaning.__table__), (TRAINING, StaffTraining.__table__),
         (FRAGILE, StaffFragileStatus.__table__),
         (ABSENCE_CAUSE, AbsenceCause.__table__), (ABSENCE, StaffAbsence.__table__),
         (LEAVE_ENTRY, StaffLeaveEntry.__table__),
         (ABSENCE_REQUEST, StaffAbsenceRequest.__table__),
         (COVER_DEROGATION, StaffCoverDerogation.__table__), (COVER, StaffCover.__table__),
         (PUNCH, StaffPunch.__table__), (HOUR_ENTRY, StaffHourEntry.__table__),
         (ATTENDANCE_SETTING, StaffAttendanceSetting.__table__)]


@pytest.mark.parametrize(("record", "table"), PAIRS, ids=lambda x: getattr(x, "name", ""))
def test_every_column_is_declared_with_its_type_length_nullability_and_default(record, table):
    assert {f.name for f in record.columns} == {c.name for c in table.columns}
    for field in record.columns:
        column = table.columns[field.name]
        assert isinstance(column.type, _TYPES[field.kind]), field.name
        if field.kind == "money":
            assert isinstance(column.type.impl_instance, BigInteger)
        if field.kind in ("text", "choice"):
            assert column.type.length == field.max_length, field.name
        if field.name != "id":
            assert column.nullable == field.nullable, field.name
        if not column.nullable and column.default is not None:
            assert column.default.arg == field.default, field.name


def test_the_registry_names_its_fields_in_italian():
    assert column_label("employee", "codice_fiscale") == "Codice fiscale"
    assert column_label("staff_contract", "part_time_bp") == "Percentuale di part-time"
    assert column_label("staff_incarico", "source") == "Fonte del compenso"
