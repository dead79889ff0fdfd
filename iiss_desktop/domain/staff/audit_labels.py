"""How the change log names the Personale tables and the columns their labels do not cover."""
from __future__ import annotations

from ..audit_labels import AuditLabels
from .agile import TOOLS
from .attendance import DIRECTIONS, PERSON_KEYS, SOURCES
from .attendance import ENTRY_KINDS as HOUR_KINDS
from .cleaning import CLEANING_ACTIONS
from .covid_budget import BUDGET_KINDS
from .leave import (
    ACCOUNTS,
    CONFIDENCE,
    COUNTING,
    COUNTS_TOWARDS,
    DEFAULT_CAUSES,
    ENTRY_KINDS,
    PERIODS,
    REQUEST_STATES,
    UNITS,
)
from .plan import AUDIENCES, PLACES, PLAN, SECTIONS
from .profiles import ROLES
from .registry import CONTRACT_KINDS
from .substitutions import DEROGATION_GROUNDS
from .times import BAND_KINDS
from .training import TRAINING_KINDS

# The text columns are named by domain/staff/plan_labels.py.
_PLAN_ROW = {"plan_id": "versione del Piano", "position": "ordine", "removed": "tolta dalla bozza"}

LABELS = AuditLabels(
    entities={"staff_contract": "Contratto del personale",
              "staff_incarico": "Incarico specifico del personale",
              "staff_pattern": "Orario settimanale del personale",
              "staff_pattern_band": "Fascia dell'orario settimanale",
              "staff_roster_day": "Giornata di servizio modificata",
              "staff_roster_band": "Fascia della giornata di servizio",
              "staff_opening": "Orario di apertura del plesso",
              "staff_art55": "Settimana di 35 ore (art. 55 CCNL 2007)",
              "staff_agile_agreement": "Accordo individuale di lavoro agile",
              "staff_plan": "Piano delle attività del personale ATA",
              "staff_plan_section": "Sezione del Piano delle attività",
              "staff_plan_staffing": "Dotazione organica del Piano delle attività",
              "staff_plan_assignment": "Assegnazione del Piano delle attività",
              "staff_plan_front_desk": "Orario dello sportello del Piano delle attività",
              "staff_covid_budget": "Budget dell'organico Covid (nota dell'USR)",
              "staff_covid_rate": "Costo giornaliero dell'organico Covid",
              "staff_covid_substitution": "Supplenza su posto dell'organico Covid",
              "staff_cleaning": "Registro delle pulizie e sanificazioni",
              "staff_training": "Formazione del personale",
              "staff_fragile_status": "Lavoratore fragile (dati riservati)",
              "staff_absence_cause": "Causa di assenza del personale",
              "staff_absence": "Assenza del personale",
              "staff_leave_entry": "Movimento del saldo ferie e permessi",
              "staff_absence_request": "Richiesta di assenza del personale",
              "staff_cover_derogation": "Deroga motivata per il supplente",
              "staff_cover": "Copertura di un'assenza con ore eccedenti",
              "staff_punch": "Timbratura del personale",
              "staff_hour_entry": "Movimento del saldo orario",
              "staff_attendance_setting": "Impostazioni delle presenze"},
    table_fields={
        "staff_plan": {"school_year": "anno scolastico (anno di inizio)", "version": "versione",
                       "drafted_on": "data della bozza",
                       "drafted_by_id": "redatto da", "adopted_on": "data di adozione",
                       "adopted_by_id": "adottato da",
                       "superseded_on": "sostituito il"},
        "staff_plan_section": {"plan_id": "versione del Piano"},
        "staff_plan_staffing": {**_PLAN_ROW, "posts": "posti"},
        "staff_plan_assignment": {**_PLAN_ROW, "employee_id": "dipendente"},
        "staff_plan_front_desk": {**_PLAN_ROW, "weekday": "giorno", "start": "dalle",
                                  "end": "alle"},
    },
    values={"staff_contract.kind": CONTRACT_KINDS, "staff_pattern_band.kind": BAND_KINDS,
            "staff_roster_band.kind": BAND_KINDS, "staff_agile_agreement.tools": TOOLS,
            "staff_plan.state": dict(PLAN.labels),
            "staff_plan_section.key": SECTIONS,
            "staff_plan_staffing.profile": ROLES, "staff_plan_assignment.place_kind": PLACES,
            "staff_plan_front_desk.audience": AUDIENCES,
            "staff_covid_budget.kind": BUDGET_KINDS, "staff_covid_rate.profile": ROLES,
            "staff_cleaning.action": CLEANING_ACTIONS, "staff_training.kind": TRAINING_KINDS,
            "staff_absence_cause.code": {c.code: c.name for c in DEFAULT_CAUSES},
            "staff_absence_cause.unit": UNITS,
            "staff_absence_cause.counts_towards": COUNTS_TOWARDS,
            "staff_absence_cause.period": PERIODS, "staff_absence_cause.counting": COUNTING,
            "staff_absence_cause.confidence": CONFIDENCE,
            "staff_leave_entry.account": {k: v[0] for k, v in ACCOUNTS.items()},
            "staff_leave_entry.kind": ENTRY_KINDS,
            "staff_absence_request.state": REQUEST_STATES,
            "staff_cover_derogation.ground": DEROGATION_GROUNDS,
            "staff_punch.direction": DIRECTIONS, "staff_punch.source": SOURCES,
            "staff_hour_entry.kind": HOUR_KINDS,
            "staff_attendance_setting.person_key": PERSON_KEYS},
    formats={"staff_covid_rate.daily_cost": "money", "staff_plan_front_desk.start": "clock",
             "staff_plan_front_desk.end": "clock", "staff_plan_front_desk.weekday": "weekday"},
)
