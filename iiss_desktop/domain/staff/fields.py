"""The fields of the staff registry, declared once (domain/fields.py): a person (the
``employee`` table, extended by migration 0017), a contract period and an incarico specifico.
The labels name the fields in every refusal; the model test checks the ORM against them."""
from __future__ import annotations

from decimal import Decimal

from ..fields import Field, Record
from .agile import TOOLS as AGILE_TOOLS
from .attendance import DIRECTIONS, PERSON_KEYS, SOURCES
from .attendance import ENTRY_KINDS as HOUR_KINDS
from .cleaning import CLEANING_ACTIONS
from .contract import ART55_SCHOOL_CONDITIONS, ART55_STAFF_CONDITIONS
from .covid_budget import BUDGET_KINDS, RATE_SOURCE_DEFAULT
from .health import LEGAL_BASES as HEALTH_LEGAL_BASES
from .health import MEASURES as HEALTH_MEASURES
from .health import OUTCOMES as HEALTH_OUTCOMES
from .leave import (
    ACCOUNTS,
    CONFIDENCE,
    COUNTING,
    COUNTS_TOWARDS,
    ENTRY_KINDS,
    PERIODS,
    REQUEST_STATES,
    UNITS,
)
from .profiles import AREAS_2007, AREAS_2024, ATA_ROLES, ROLES
from .registry import CONTRACT_KINDS, FULL_TIME_BP, INCARICO_SOURCES, POSIZIONI_ECONOMICHE
from .substitutions import DEROGATION_GROUNDS
from .times import BAND_KINDS
from .training import TRAINING_KINDS

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

# Working time as data (models/staff_roster.py): patterns, their bands, roster days.
_BAND_KINDS = tuple(BAND_KINDS.items())
PATTERN = Record("staff_pattern", alias="o", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("employee_id", "Dipendente", kind="ref"),
    Field("name", "Descrizione dell'orario", max_length=80, entered=True),
    Field("valid_from", "Orario valido dal", kind="date", entered=True),
    Field("valid_to", "Orario valido al", kind="date", entered=True),
    Field("plurisettimanale", "Orario plurisettimanale", kind="bool", default=False,
          entered=True),
    Field("entry_from", "Ingresso flessibile dalle", kind="int", nullable=True),
    Field("entry_to", "Ingresso flessibile entro le", kind="int", nullable=True),
    Field("exit_from", "Uscita flessibile dalle", kind="int", nullable=True),
    Field("exit_to", "Uscita flessibile entro le", kind="int", nullable=True),
    Field("agile_weekdays", "Giorni di lavoro agile", max_length=14, entered=True),
    Field("weekly_minutes", "Minuti settimanali", kind="int", default=0),
    Field("annulled_on", "Annullato il", kind="date", nullable=True),
    Field("annul_reason", "Motivo dell'annullamento", max_length=300),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))
PATTERN_BAND = Record("staff_pattern_band", alias="ob", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("pattern_id", "Orario", kind="ref"),
    Field("weekday", "Giorno della settimana", kind="int"),
    Field("start", "Inizio della fascia", kind="int"),
    Field("end", "Fine della fascia", kind="int"),
    Field("kind", "Tipo di fascia", kind="choice", max_length=20, choices=_BAND_KINDS,
          default="servizio"),
    Field("plesso", "Plesso della fascia", max_length=20, nullable=True),
    Field("reason", "Motivo del turno", max_length=200),
))
ROSTER_DAY = Record("staff_roster_day", alias="g", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("employee_id", "Dipendente", kind="ref"),
    Field("day", "Giorno", kind="date", entered=True),
    Field("lavoro_agile", "Lavoro agile", kind="bool", default=False, entered=True),
    Field("note", "Nota o motivo", max_length=300, entered=True),
    Field("replaced_by_id", "Sostituita da", kind="ref", nullable=True),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))
ROSTER_BAND = Record("staff_roster_band", alias="gb", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("roster_day_id", "Giornata", kind="ref"),
    Field("start", "Inizio della fascia", kind="int"),
    Field("end", "Fine della fascia", kind="int"),
    Field("kind", "Tipo di fascia", kind="choice", max_length=20, choices=_BAND_KINDS,
          default="servizio"),
    Field("plesso", "Plesso della fascia", max_length=20, nullable=True),
    Field("reason", "Motivo del turno", max_length=200),
))
OPENING = Record("staff_opening", alias="ap", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("school_year", "Anno scolastico (anno di inizio)", kind="int"),
    Field("plesso", "Plesso", max_length=20, entered=True),
    Field("weekday", "Giorno della settimana", kind="int"),
    Field("start", "Apertura dalle", kind="int"),
    Field("end", "Apertura fino alle", kind="int"),
    Field("staff", "Persone necessarie", kind="int", default=1, entered=True),
    Field("profile", "Profilo necessario", max_length=10, nullable=True, default="CS"),
    Field("superseded_on", "Sostituito il", kind="date", nullable=True),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))
ART55 = Record("staff_art55", alias="t", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("employee_id", "Dipendente", kind="ref"),
    Field("valid_from", "35 ore dal", kind="date", required=True, entered=True),
    Field("valid_to", "35 ore fino al", kind="date", required=True, entered=True),
    *(Field(code, text, kind="bool", default=False, entered=True)
      for code, text in {**ART55_SCHOOL_CONDITIONS, **ART55_STAFF_CONDITIONS}.items()),
    Field("decided_on", "Data della decisione", kind="date", nullable=True, entered=True),
    Field("reference", "Riferimento della decisione", max_length=200, entered=True),
    Field("annulled_on", "Annullato il", kind="date", nullable=True),
    Field("annul_reason", "Motivo dell'annullamento", max_length=300),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))

# Lavoro agile (models/staff_agile.py): the individual agreement of a person.
AGILE = Record("staff_agile_agreement", alias="la", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("employee_id", "Dipendente", kind="ref"),
    Field("signed_on", "Sottoscritto il", kind="date", required=True, entered=True),
    Field("valid_from", "Lavoro agile dal", kind="date", required=True, entered=True),
    Field("valid_to", "Lavoro agile fino al", kind="date", required=True, entered=True),
    Field("weekdays", "Giorni di lavoro agile", max_length=14, required=True, entered=True,
          placeholder="es. mercoledì, venerdì"),
    Field("activities", "Attività da svolgere a distanza", kind="multiline", max_length=2000,
          required=True, entered=True, help="Una attività per riga."),
    Field("contact_band", "Fascia di contattabilità", max_length=40, required=True,
          entered=True, placeholder="es. 09:00-12:00"),
    Field("tools", "Strumenti di lavoro", kind="choice", max_length=20, required=True,
          entered=True, choices=tuple(AGILE_TOOLS.items())),
    Field("protocol", "Protocollo dell'accordo", max_length=60, entered=True,
          placeholder="es. 0004601/VII.1"),
    Field("annulled_on", "Annullato il", kind="date", nullable=True),
    Field("annul_reason", "Motivo dell'annullamento", max_length=300),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))

# The emergency (models/staff_emergency.py): the organico Covid budget, the register of
# cleaning and sanitisation, the training of each person. Nothing is deleted (migration
# 0026): a wrong row is annulled with its reason, a daily cost superseded by a new one.
_ANNUL = (Field("annulled_on", "Annullato il", kind="date", nullable=True),
          Field("annul_reason", "Motivo dell'annullamento", max_length=300),
          Field("recorded_by_id", "Registrato da", kind="int", nullable=True))
COVID_BUDGET = Record("staff_covid_budget", alias="cb", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("school_year", "Anno scolastico (anno di inizio)", kind="int", entered=True),
    Field("kind", "Tipo di assegnazione", kind="choice", max_length=20, required=True,
          entered=True, choices=tuple(BUDGET_KINDS.items())),
    Field("amount", "Importo", kind="money", default=Decimal("0.00"), entered=True),
    Field("note_number", "Numero della nota dell'USR", max_length=60, required=True,
          entered=True, placeholder="es. AOODRLA 31256"),
    Field("note_date", "Data della nota dell'USR", kind="date", required=True, past_only=True,
          entered=True),
    Field("description", "Descrizione", max_length=300, entered=True),
) + _ANNUL)
COVID_RATE = Record("staff_covid_rate", alias="cr", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("school_year", "Anno scolastico (anno di inizio)", kind="int", entered=True),
    Field("profile", "Profilo", kind="choice", max_length=10, required=True, entered=True,
          choices=ATA_PROFILES),
    Field("daily_cost", "Costo giornaliero", kind="money", default=Decimal("0.00"),
          entered=True, help="Il costo di un giorno di contratto del profilo, come lo "
                             "comunica l'USR dai dati NoiPA: lo digita l'ufficio."),
    Field("source", "Fonte dell'importo", max_length=200, default=RATE_SOURCE_DEFAULT,
          entered=True),
    Field("superseded_on", "Sostituito il", kind="date", nullable=True),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))
COVID_SUBSTITUTION = Record("staff_covid_substitution", alias="cs", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("contract_id", "Contratto del supplente", kind="ref", required=True, entered=True),
    Field("replaces_contract_id", "Contratto Covid sostituito", kind="ref", required=True,
          entered=True),
    Field("note", "Note alla supplenza", max_length=300, entered=True),
) + _ANNUL)
CLEANING = Record("staff_cleaning", alias="pl", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("employee_id", "Eseguito da", kind="ref", required=True, entered=True),
    Field("day", "Giorno", kind="date", required=True, past_only=True, entered=True),
    Field("at_minutes", "Ora", kind="int", default=0),
    Field("site_id", "Plesso", kind="ref", required=True, entered=True),
    Field("room_id", "Locale", kind="ref", nullable=True, entered=True),
    Field("place", "Altro locale", max_length=120, entered=True,
          placeholder="es. Servizi igienici piano terra"),
    Field("action", "Intervento", kind="choice", max_length=30, required=True, entered=True,
          choices=tuple(CLEANING_ACTIONS.items())),
    Field("product", "Prodotto utilizzato", max_length=200, entered=True,
          placeholder="es. Detergente disinfettante a base di cloro 0,1 %"),
    Field("note", "Note all'intervento", max_length=300, entered=True),
) + _ANNUL)
TRAINING = Record("staff_training", alias="fo", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("employee_id", "Dipendente", kind="ref", required=True, entered=True),
    Field("course", "Corso", max_length=200, required=True, entered=True),
    Field("kind", "Tipo di formazione", kind="choice", max_length=30, required=True,
          entered=True, choices=tuple(TRAINING_KINDS.items())),
    Field("minutes", "Durata in minuti", kind="int", default=0),
    Field("day", "Data del corso", kind="date", required=True, past_only=True, entered=True),
    Field("provider", "Ente formatore", max_length=200, required=True, entered=True),
    Field("certificate", "Attestato (numero o riferimento)", max_length=120, entered=True),
    Field("note", "Note alla formazione", max_length=300, entered=True),
) + _ANNUL)

# The fragile worker (models/staff_health.py): the giudizio of the medico competente and the
# measures, never a diagnosis. Read only with «staff.health», every read logged.
FRAGILE = Record("staff_fragile_status", alias="fs", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("employee_id", "Dipendente", kind="ref"),
    Field("checked_on", "Giudizio del medico competente del", kind="date", required=True,
          past_only=True, entered=True),
    Field("outcome", "Esito", kind="choice", max_length=30, required=True, entered=True,
          choices=tuple(HEALTH_OUTCOMES.items())),
    Field("measure", "Misura disposta", kind="choice", max_length=30, required=True,
          entered=True, choices=tuple(HEALTH_MEASURES.items())),
    Field("prescriptions", "Prescrizioni per il datore di lavoro", kind="multiline",
          max_length=1000, entered=True,
          help="Solo quanto serve a organizzare il lavoro (es. niente contatto con il "
               "pubblico): mai la diagnosi o la patologia."),
    Field("legal_basis", "Norma", kind="choice", max_length=20, required=True, entered=True,
          choices=tuple(HEALTH_LEGAL_BASES.items())),
    Field("valid_from", "Tutela dal", kind="date", required=True, entered=True),
    Field("valid_to", "Tutela fino al", kind="date", nullable=True, entered=True),
    Field("protocol", "Protocollo del giudizio", max_length=60, entered=True,
          placeholder="es. 0004601/VII.1"),
) + _ANNUL)
# Absences and the leave ledger (models/staff_leave.py): nothing is deleted (migration 0031).
ABSENCE_CAUSE = Record("staff_absence_cause", alias="ac", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("code", "Codice della causa", max_length=30, required=True),
    Field("name", "Causa di assenza", max_length=200, required=True, entered=True),
    Field("unit", "Unità di misura", kind="choice", max_length=10, required=True,
          choices=tuple(UNITS.items())),
    Field("paid_percent", "Retribuzione (%)", kind="int", default=100, entered=True),
    Field("pay_rule", "Regola della retribuzione", max_length=300, entered=True),
    Field("counts_towards", "Si conteggia in", kind="choice", max_length=30, entered=True,
          choices=tuple(COUNTS_TOWARDS.items())),
    Field("allowance", "Limite (centesimi di giorno o minuti)", kind="int", nullable=True,
          entered=True),
    Field("period", "Periodo del limite", kind="choice", max_length=10, entered=True,
          choices=tuple(PERIODS.items())),
    Field("counting", "Giorni conteggiati", kind="choice", max_length=12,
          default="lavorativi", entered=True, choices=tuple(COUNTING.items())),
    Field("half_day_max", "Al massimo metà dell'orario giornaliero", kind="bool",
          default=False, entered=True),
    Field("profiles", "Profili che possono usarla", max_length=60, entered=True,
          help="Codici dei profili separati da virgola; vuoto: tutto il personale ATA."),
    Field("document", "Documento richiesto", max_length=200, entered=True),
    Field("confidential", "Causa riservata (solo DSGA e dirigente)", kind="bool",
          default=False, entered=True),
    Field("source", "Fonte normativa", max_length=200, entered=True),
    Field("confidence", "Affidabilità della regola", kind="choice", max_length=4,
          default="U", choices=tuple(CONFIDENCE.items())),
    Field("edited", "Modificata dalla scuola", kind="bool", default=False),
    Field("active", "In uso", kind="bool", default=True, entered=True),
))
ABSENCE = Record("staff_absence", alias="ab", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("employee_id", "Dipendente", kind="ref", required=True),
    Field("cause_id", "Causa di assenza", kind="ref", required=True, entered=True),
    Field("starts_on", "Primo giorno di assenza", kind="date", required=True, entered=True),
    Field("ends_on", "Ultimo giorno di assenza", kind="date", required=True, entered=True),
    Field("minutes", "Durata in minuti", kind="int", nullable=True, entered=True),
    Field("document_ref", "Documento (protocollo o riferimento)", max_length=200,
          entered=True),
    Field("note", "Note all'assenza", max_length=300, entered=True),
) + _ANNUL)
ABSENCE_REQUEST = Record("staff_absence_request", alias="ar", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("employee_id", "Dipendente", kind="ref", required=True, entered=True),
    Field("cause_id", "Causa di assenza", kind="ref", required=True, entered=True),
    Field("starts_on", "Primo giorno di assenza", kind="date", required=True, entered=True),
    Field("ends_on", "Ultimo giorno di assenza", kind="date", required=True, entered=True),
    Field("minutes", "Durata in minuti", kind="int", nullable=True, entered=True),
    Field("note", "Note alla richiesta", max_length=300, entered=True),
    Field("requested_on", "Data della richiesta", kind="date", required=True, entered=True),
    Field("state", "Stato della richiesta", kind="choice", max_length=12, default="richiesta",
          choices=tuple(REQUEST_STATES.items())),
    Field("decided_on", "Data della decisione", kind="date", nullable=True),
    Field("decided_by_id", "Deciso da", kind="int", nullable=True),
    Field("decision_reason", "Motivo del rifiuto o dell'annullamento", max_length=300),
    Field("absence_id", "Assenza registrata", kind="ref", nullable=True),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))
LEAVE_ENTRY = Record("staff_leave_entry", alias="le", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("employee_id", "Dipendente", kind="ref"),
    Field("account", "Saldo", kind="choice", max_length=30,
          choices=tuple((code, label) for code, (label, _u) in ACCOUNTS.items())),
    Field("school_year", "Anno scolastico (anno di inizio)", kind="int"),
    Field("kind", "Movimento", kind="choice", max_length=20, choices=tuple(ENTRY_KINDS.items())),
    Field("amount", "Quantità (centesimi di giorno o minuti)", kind="int"),
    Field("entry_date", "Data del movimento", kind="date"),
    Field("absence_id", "Assenza", kind="ref", nullable=True),
    Field("corrects_id", "Movimento rettificato", kind="ref", nullable=True),
    Field("deadline", "Da fruire entro il", kind="date", nullable=True),
    Field("reason", "Calcolo o motivo", max_length=1000),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))
COVER_DEROGATION = Record("staff_cover_derogation", alias="sd", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("absence_id", "Assenza", kind="ref", required=True),
    Field("ground", "Motivo della deroga", kind="choice", max_length=20, required=True,
          entered=True, choices=tuple(DEROGATION_GROUNDS.items())),
    Field("reason", "Motivazione scritta della deroga", max_length=1000, required=True,
          entered=True),
    Field("decided_on", "Data della deroga", kind="date", required=True, entered=True),
) + _ANNUL)
COVER = Record("staff_cover", alias="sc", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("absence_id", "Assenza coperta", kind="ref", required=True),
    Field("day", "Giorno della copertura", kind="date", required=True, entered=True),
    Field("employee_id", "Dipendente che copre", kind="ref", required=True, entered=True),
    Field("minutes", "Ore eccedenti (minuti)", kind="int", required=True, entered=True),
    Field("note", "Note alla copertura", max_length=300, entered=True),
) + _ANNUL)
PUNCH = Record("staff_punch", alias="tb", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("employee_id", "Dipendente", kind="ref", required=True, entered=True),
    Field("day", "Giorno della timbratura", kind="date", required=True, entered=True),
    Field("minute", "Ora della timbratura (minuti dalla mezzanotte)", kind="int",
          required=True, entered=True),
    Field("direction", "Verso", kind="choice", max_length=1, required=True, entered=True,
          choices=tuple(DIRECTIONS.items())),
    Field("source", "Origine", kind="choice", max_length=10, default="manuale",
          choices=tuple(SOURCES.items())),
    Field("batch", "File importato", max_length=200),
    Field("note", "Note alla timbratura", max_length=300, entered=True),
) + _ANNUL)
HOUR_ENTRY = Record("staff_hour_entry", alias="he", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("employee_id", "Dipendente", kind="ref", required=True, entered=True),
    Field("day", "Giorno", kind="date", required=True, entered=True),
    Field("kind", "Movimento orario", kind="choice", max_length=20, required=True,
          entered=True, choices=tuple(HOUR_KINDS.items())),
    Field("minutes", "Minuti", kind="int", required=True, entered=True),
    Field("reason", "Motivo", max_length=300, entered=True),
) + _ANNUL)
ATTENDANCE_SETTING = Record("staff_attendance_setting", alias="ats", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("tolerance", "Tolleranza sull'entrata (minuti)", kind="int", default=10,
          entered=True),
    Field("flex", "Flessibilità sull'entrata (minuti)", kind="int", default=0, entered=True),
    Field("person_column", "Colonna del dipendente", max_length=60, default="codice fiscale",
          entered=True),
    Field("person_key", "Il dipendente è indicato con", kind="choice", max_length=20,
          default="codice_fiscale", entered=True, choices=tuple(PERSON_KEYS.items())),
    Field("date_column", "Colonna della data", max_length=60, default="data",
          entered=True),
    Field("time_column", "Colonna dell'ora", max_length=60, default="ora",
          entered=True),
    Field("direction_column", "Colonna del verso", max_length=60, default="verso",
          entered=True),
    Field("date_format", "Formato della data", max_length=20, default="%d/%m/%Y",
          entered=True),
    Field("edited", "Modificate dalla scuola", kind="bool", default=False),
))
