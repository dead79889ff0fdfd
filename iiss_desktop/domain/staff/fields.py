"""The fields of the staff registry, declared once (domain/fields.py): a person (the
``employee`` table, extended by migration 0017), a contract period and an incarico specifico.
The labels name the fields in every refusal; the model test checks the ORM against them."""
from __future__ import annotations

from decimal import Decimal

from ..fields import Field, Record
from .profiles import AREAS_2007, AREAS_2024, ATA_ROLES, ROLES
from .registry import CONTRACT_KINDS, FULL_TIME_BP, INCARICO_SOURCES, POSIZIONI_ECONOMICHE

EMPLOYEE = Record("employee", alias="e", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("surname", "Cognome", max_length=80, required=True, entered=True),
    Field("name", "Nome", max_length=80, required=True, entered=True),
    Field("codice_fiscale", "Codice fiscale", max_length=16, upper=True, nullable=True,
          required=True, entered=True),
    # The codes of domain/staff/profiles.ROLES (DS and DOC too: the list of employees is older
    # than the registry, which accepts only the ATA profiles).
    Field("role", "Profilo", kind="choice", max_length=10, required=True, entered=True,
          choices=tuple((code, ROLES[code]) for code in ROLES)),
    Field("contract", "Contratto", max_length=30, default="tempo indeterminato"),
    Field("site_id", "Plesso di servizio", kind="ref", nullable=True, entered=True),
    Field("email", "E-mail", max_length=120, entered=True),
    Field("phone", "Telefono", max_length=40, entered=True),
    Field("hired_on", "Data di assunzione", kind="date", nullable=True, entered=True),
    Field("active", "In servizio", kind="bool", default=True),
    Field("area_2007", "Area (CCNL 2007)", kind="choice", max_length=4, entered=True,
          choices=(("", "Nessuna"),) + tuple(AREAS_2007.items())),
    Field("area_2024", "Area (CCNL 2019-21)", kind="choice", max_length=20, entered=True,
          choices=(("", "Nessuna"),) + tuple(AREAS_2024.items())),
    Field("posizione_economica", "Posizione economica", kind="choice", max_length=10,
          entered=True, choices=tuple(POSIZIONI_ECONOMICHE.items())),
    Field("service_since", "Anzianità di servizio dal", kind="date", nullable=True,
          past_only=True, entered=True),
))
ATA_PROFILES = tuple((code, ROLES[code]) for code in ATA_ROLES)

CONTRACT = Record("staff_contract", alias="c", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("employee_id", "Dipendente", kind="ref"),
    Field("kind", "Tipo di contratto", kind="choice", max_length=20, required=True,
          entered=True, choices=tuple(CONTRACT_KINDS.items())),
    Field("starts_on", "Inizio del contratto", kind="date", required=True, entered=True),
    Field("ends_on", "Fine del contratto", kind="date", nullable=True, entered=True),
    Field("part_time_bp", "Percentuale di part-time", kind="int", default=FULL_TIME_BP,
          entered=True),
    Field("assigned_school", "Istituto comprensivo di assegnazione", max_length=200,
          entered=True),
    Field("follows_id", "Periodo precedente", kind="ref", nullable=True),
    Field("note", "Note al contratto", max_length=300, entered=True),
    Field("closed_on", "Chiuso il", kind="date", nullable=True),
    Field("close_reason", "Motivo della chiusura", max_length=300),
    Field("annulled_on", "Annullato il", kind="date", nullable=True),
    Field("annul_reason", "Motivo dell'annullamento", max_length=300),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))

INCARICO = Record("staff_incarico", alias="i", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("employee_id", "Dipendente", kind="ref"),
    Field("school_year", "Anno scolastico (anno di inizio)", kind="int", entered=True),
    Field("description", "Incarico specifico", max_length=300, required=True, entered=True),
    Field("source", "Fonte del compenso", kind="choice", max_length=30, required=True,
          entered=True, choices=tuple(INCARICO_SOURCES.items())),
    Field("amount", "Compenso", kind="money", default=Decimal("0.00"), entered=True),
    Field("annulled_on", "Annullato il", kind="date", nullable=True),
    Field("annul_reason", "Motivo dell'annullamento", max_length=300),
))
