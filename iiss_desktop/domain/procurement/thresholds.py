"""Which procedure a purchase needs, from its estimated value and the day it is decided.

D.Lgs 36/2023 art. 50 c.1 (amounts net of IVA, estimated per art. 14):
- affidamento diretto: works under 150,000 EUR, goods and services under 140,000 EUR;
- procedura negoziata senza bando with at least 5 operators: works from 150,000 to under
  1,000,000 EUR, goods and services from 140,000 EUR to under the EU threshold;
- procedura negoziata with at least 10 operators (or an open procedure): works from 1,000,000
  EUR to under the EU threshold;
- from the EU threshold: the ordinary procedures of the Code (art. 14), through a qualified
  stazione appaltante (artt. 62-63: a school is not one).

EU thresholds (art. 14, updated by the Commission's delegated regulations): 2024-2025 works
5,538,000, goods and services 143,000 (central authorities) or 221,000 (sub-central); from
1 January 2026 works 5,404,000, goods and services 140,000 or 216,000. Whether a school counts
as a central authority is disputed [U]: central is the default, a school setting changes it.

Alongside the procedure, what the law attaches to the amount:
- L. 296/2006 c.450: from 5,000 EUR and under the EU threshold, the MePA or another electronic
  market (a certified platform counts) [C-3p; its reach to schools is debated, U];
  DL 137/2020 art. 21 purchases (devices for the didattica digitale integrata) could be made in
  derogation, failing the c.449-450 tools [C];
- art. 49 c.6: the rotation principle may be set aside for affidamenti diretti under 5,000 EUR;
- art. 52: affidamenti diretti under 40,000 EUR: the supplier's self-declaration, checked on a
  random sample;
- D.I. 129/2018 art. 45 c.2 lett. a): above 10,000 EUR the dirigente awards within the criteria
  and limits the Consiglio d'istituto set (a school setting, ``dirigente_limit``); art. 45
  c.1 lett. i): above the EU threshold the Consiglio deliberates on the determina first;
- L. 296/2006 c.449: the Consip convenzione comes first; buying outside it needs its reason.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..errors import ValidationError
from ..money import format_money

WORKS = "lavori"
SUPPLIES = "forniture_servizi"
KINDS = {WORKS: "Lavori", SUPPLIES: "Forniture e servizi"}

DIRECT = "affidamento_diretto"
NEGOTIATED_5 = "negoziata_5"
NEGOTIATED_10 = "negoziata_10"
ABOVE_EU = "sopra_soglia"
PROCEDURES = {
    DIRECT: "Affidamento diretto (art. 50 c.1 lett. a-b D.Lgs 36/2023)",
    NEGOTIATED_5: "Procedura negoziata senza bando, almeno 5 operatori (art. 50 c.1 lett. c-e)",
    NEGOTIATED_10: "Procedura negoziata senza bando, almeno 10 operatori (art. 50 c.1 lett. d)",
    ABOVE_EU: "Procedura ordinaria sopra la soglia europea (art. 14), tramite una stazione "
              "appaltante qualificata (artt. 62-63)",
}


@dataclass(frozen=True)
class EUThresholds:
    valid_from: date
    works: Decimal
    central: Decimal       # goods and services, central government authorities
    sub_central: Decimal   # goods and services, sub-central contracting authorities


EU_THRESHOLDS = (
    EUThresholds(date(2024, 1, 1), Decimal("5538000"), Decimal("143000"), Decimal("221000")),
    EUThresholds(date(2026, 1, 1), Decimal("5404000"), Decimal("140000"), Decimal("216000")),
)
DIRECT_LIMIT = {WORKS: Decimal("150000"), SUPPLIES: Decimal("140000")}
WORKS_TEN_OPERATORS = Decimal("1000000")
MEPA_FROM = Decimal("5000")
ROTATION_WAIVER_UNDER = Decimal("5000")
SIMPLIFIED_CHECKS_UNDER = Decimal("40000")
COUNCIL_CRITERIA_ABOVE = Decimal("10000")


@dataclass(frozen=True)
class Proposal:
    procedure: str
    eu_threshold: Decimal
    notes: tuple[str, ...]       # what the law attaches to this amount, in words

    @property
    def label(self) -> str:
        return PROCEDURES[self.procedure]


def eu_thresholds_on(day: date) -> EUThresholds:
    found = [t for t in EU_THRESHOLDS if t.valid_from <= day]
    if not found:
        raise ValidationError({"data": "Le soglie del Codice dei contratti (D.Lgs 36/2023) "
                                       "valgono dal 1° gennaio 2024: per una data precedente "
                                       "si applicava il D.Lgs 50/2016."})
    return found[-1]


def propose_procedure(kind: str, amount: Decimal, day: date, *, central: bool = True,
                      dirigente_limit: Decimal | None = None, ddi_devices: bool = False,
                      ) -> Proposal:
    """The procedure for ``amount`` (net of IVA) decided on ``day``, with what comes with it.

    ``dirigente_limit``: the limit the Consiglio d'istituto set for the dirigente's
    affidamenti (art. 45 c.2 lett. a), None when it set none; ``ddi_devices``: a purchase of
    DL 137/2020 art. 21.
    """
    if kind not in KINDS:
        raise ValidationError({"tipo": "Indicare se l'acquisto riguarda lavori o forniture e "
                                       "servizi."})
    if amount is None or amount <= 0:
        raise ValidationError({"importo": "L'importo stimato, al netto dell'IVA, deve essere "
                                          "maggiore di zero."})
    eu = eu_thresholds_on(day)
    threshold = eu.works if kind == WORKS else (eu.central if central else eu.sub_central)
    if amount >= threshold:
        procedure = ABOVE_EU
    elif amount < DIRECT_LIMIT[kind]:
        procedure = DIRECT
    elif kind == WORKS and amount >= WORKS_TEN_OPERATORS:
        procedure = NEGOTIATED_10
    else:
        procedure = NEGOTIATED_5
    notes = []
    euro = format_money
    if procedure == DIRECT and amount < ROTATION_WAIVER_UNDER:
        notes.append(f"Sotto {euro(ROTATION_WAIVER_UNDER)}: si può derogare al principio di "
                     "rotazione (art. 49 c.6).")
    elif procedure == DIRECT:
        notes.append("Principio di rotazione (art. 49): non si affida di nuovo al contraente "
                     "uscente se non motivando.")
    if procedure == DIRECT and amount < SIMPLIFIED_CHECKS_UNDER:
        notes.append(f"Sotto {euro(SIMPLIFIED_CHECKS_UNDER)}: basta l'autodichiarazione dei "
                     "requisiti, verificata a campione (art. 52).")
    if MEPA_FROM <= amount < threshold:
        if ddi_devices:
            notes.append("Acquisto DL 137/2020 art. 21: con gli strumenti Consip/MePA o, in "
                         "mancanza, in deroga al codice dei contratti.")
        else:
            notes.append(f"Da {euro(MEPA_FROM)}: obbligo del mercato elettronico (MePA o "
                         "piattaforma certificata; L. 296/2006 c.450).")
    notes.append("Verificare prima le convenzioni Consip attive; fuori convenzione motivare "
                 "(L. 296/2006 c.449).")
    if amount > COUNCIL_CRITERIA_ABOVE:
        if dirigente_limit is None:
            notes.append(f"Oltre {euro(COUNCIL_CRITERIA_ABOVE)} il dirigente affida entro i "
                         "criteri e limiti del Consiglio d'istituto (D.I. 129/2018 art. 45 c.2 "
                         "lett. a): indicarli nelle impostazioni.")
        elif amount > dirigente_limit:
            notes.append(f"Oltre il limite di {euro(dirigente_limit)} fissato dal Consiglio "
                         "d'istituto per il dirigente: serve una sua delibera (art. 45 c.2 "
                         "lett. a).")
    if procedure == ABOVE_EU:
        notes.append("Sopra soglia il Consiglio d'istituto delibera sulla determina prima "
                     "della pubblicazione (D.I. 129/2018 art. 45 c.1 lett. i).")
    return Proposal(procedure, threshold, tuple(notes))
