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

Before D.Lgs 36/2023 took effect (1 July 2023) the bands of D.Lgs 50/2016 art. 36 were
derogated by DL 76/2020 art. 1 c.2 (from 17 July 2020) [C]: affidamento diretto for works
under 150,000 EUR and goods and services under 75,000 EUR; negoziata with 5 operators for
goods and services from 75,000 EUR to the EU threshold and works from 150,000 to under
350,000 EUR, 10 operators for works from 350,000 to under 1,000,000 EUR, 15 operators from
1,000,000 EUR. DL 77/2021 art. 51 (from 1 June 2021, until 30 June 2023) [C]: goods and
services directly under 139,000 EUR; works with 5 operators from 150,000 to under 1,000,000
EUR, 10 operators from 1,000,000 EUR to the EU threshold. EU thresholds 2020-2021: works
5,350,000, goods and services 139,000 / 214,000; 2022-2023: 5,382,000, 140,000 / 215,000 [C].
Dates before 17 July 2020 (the ordinary art. 36) are not handled.
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
NEGOTIATED_15 = "negoziata_15"
ABOVE_EU = "sopra_soglia"
PROCEDURES = {
    DIRECT: "Affidamento diretto (art. 50 c.1 lett. a-b D.Lgs 36/2023)",
    NEGOTIATED_5: "Procedura negoziata senza bando, almeno 5 operatori (art. 50 c.1 lett. c-e)",
    NEGOTIATED_10: "Procedura negoziata senza bando, almeno 10 operatori (art. 50 c.1 lett. d)",
    NEGOTIATED_15: "Procedura negoziata senza bando, almeno 15 operatori (art. 1 c.2 lett. b "
                   "DL 76/2020, testo originario)",
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
    EUThresholds(date(2020, 1, 1), Decimal("5350000"), Decimal("139000"), Decimal("214000")),
    EUThresholds(date(2022, 1, 1), Decimal("5382000"), Decimal("140000"), Decimal("215000")),
    EUThresholds(date(2024, 1, 1), Decimal("5538000"), Decimal("143000"), Decimal("221000")),
    EUThresholds(date(2026, 1, 1), Decimal("5404000"), Decimal("140000"), Decimal("216000")),
)
# From the most restrictive to the least: a clerk may always choose a procedure further on
# in this order than the one proposed; an earlier one only with its motivation.
STRICTNESS = (DIRECT, NEGOTIATED_5, NEGOTIATED_10, NEGOTIATED_15, ABOVE_EU)


@dataclass(frozen=True)
class Regime:
    """The bands of the procedures from ``valid_from``: the affidamento diretto under
    ``direct`` (per kind), then for works the procedure from each lower bound."""

    valid_from: date
    law: str
    direct: dict
    works_bands: tuple[tuple[Decimal, str], ...]
    code_36: bool = True     # D.Lgs 36/2023 (rotation art. 49, checks art. 52)


REGIMES = (
    Regime(date(2020, 7, 17), "DL 76/2020 art. 1 c.2",
           {WORKS: Decimal("150000"), SUPPLIES: Decimal("75000")},
           ((Decimal("150000"), NEGOTIATED_5), (Decimal("350000"), NEGOTIATED_10),
            (Decimal("1000000"), NEGOTIATED_15)), code_36=False),
    Regime(date(2021, 6, 1), "DL 76/2020 art. 1 c.2, come modificato dal DL 77/2021 art. 51",
           {WORKS: Decimal("150000"), SUPPLIES: Decimal("139000")},
           ((Decimal("150000"), NEGOTIATED_5), (Decimal("1000000"), NEGOTIATED_10)),
           code_36=False),
    Regime(date(2023, 7, 1), "D.Lgs 36/2023 art. 50 c.1",
           {WORKS: Decimal("150000"), SUPPLIES: Decimal("140000")},
           ((Decimal("150000"), NEGOTIATED_5), (Decimal("1000000"), NEGOTIATED_10))),
)
DIRECT_LIMIT = dict(REGIMES[-1].direct)
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
    law: str = REGIMES[-1].law   # the rule that sets the bands on that day

    @property
    def label(self) -> str:
        return procedure_label(self.procedure, self.law)


# Above the EU threshold before D.Lgs 36/2023: the ordinary procedures of D.Lgs 50/2016 (art.
# 35 the thresholds), through a centrale di committenza (art. 37) [C-3p].
ABOVE_EU_CODE_50 = ("Procedura ordinaria sopra la soglia europea (art. 35 D.Lgs 50/2016), "
                    "tramite una centrale di committenza (art. 37)")


def procedure_label(procedure: str, law: str = REGIMES[-1].law) -> str:
    """The procedure's name, citing the rule of the day: D.Lgs 36/2023 art. 50 from 1 July
    2023; before, DL 76/2020 art. 1 c.2 (conv. L. 120/2020), lett. a for the affidamento
    diretto and lett. b for the procedura negoziata, as DL 77/2021 art. 51 amended it from
    1 June 2021."""
    if law == REGIMES[-1].law or procedure == NEGOTIATED_15:
        return PROCEDURES.get(procedure, procedure)
    if procedure == ABOVE_EU:
        return ABOVE_EU_CODE_50
    if procedure not in PROCEDURES:
        return procedure
    name = PROCEDURES[procedure].split(" (")[0]
    base, _sep, amended = law.partition(", ")
    letter = "lett. a" if procedure == DIRECT else "lett. b"
    return f"{name} ({base} {letter}" + (f", {amended}" if amended else "") + ")"


def procedure_label_on(procedure: str, day: date) -> str:
    """procedure_label with the rule in force on ``day`` (the determina's)."""
    try:
        return procedure_label(procedure, regime_on(day).law)
    except ValidationError:          # before 17 July 2020: not handled, named as today
        return procedure_label(procedure)


def stricter_or_equal(chosen: str, proposed: str) -> bool:
    """Whether ``chosen`` asks at least as much as ``proposed`` (STRICTNESS)."""
    return STRICTNESS.index(chosen) >= STRICTNESS.index(proposed)


def regime_on(day: date) -> Regime:
    found = [r for r in REGIMES if r.valid_from <= day]
    if not found:
        raise ValidationError({"data": "Le soglie degli affidamenti sono previste dal 17 luglio "
                                       "2020 (DL 76/2020): per una data precedente si "
                                       "applicava l'art. 36 del D.Lgs 50/2016, non gestito."})
    return found[-1]


def eu_thresholds_on(day: date) -> EUThresholds:
    regime_on(day)
    return [t for t in EU_THRESHOLDS if t.valid_from <= day][-1]


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
    regime = regime_on(day)
    eu = eu_thresholds_on(day)
    threshold = eu.works if kind == WORKS else (eu.central if central else eu.sub_central)
    if amount >= threshold:
        procedure = ABOVE_EU
    elif amount < regime.direct[kind]:
        procedure = DIRECT
    elif kind == WORKS:
        procedure = [p for bound, p in regime.works_bands if amount >= bound][-1]
    else:
        procedure = NEGOTIATED_5
    notes = []
    euro = format_money
    if procedure == DIRECT and not regime.code_36:
        notes.append("Principio di rotazione degli affidamenti e degli inviti (art. 36 c.1 "
                     "D.Lgs 50/2016).")
    elif procedure == DIRECT and amount < ROTATION_WAIVER_UNDER:
        notes.append(f"Sotto {euro(ROTATION_WAIVER_UNDER)}: si può derogare al principio di "
                     "rotazione (art. 49 c.6).")
    elif procedure == DIRECT:
        notes.append("Principio di rotazione (art. 49): non si affida di nuovo al contraente "
                     "uscente se non motivando.")
    if procedure == DIRECT and regime.code_36 and amount < SIMPLIFIED_CHECKS_UNDER:
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
    return Proposal(procedure, threshold, tuple(notes), regime.law)
