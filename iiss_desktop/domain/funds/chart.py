"""The chart of accounts of the Programma Annuale (D.I. 129/2018 art. 4-5; piano dei conti and
piano delle destinazioni of nota MIUR 25674 del 20/12/2018): entrate by aggregato and voce,
spese by destination (attività A, progetti P, gestioni economiche G, fondo di riserva R98,
disavanzo D100, disponibilità da programmare Z01) and tipi di spesa.

Only some codes and names are confirmed (domain.md §3.4-3.5): every default carries
``confirmed``; the unconfirmed ones [U] are shipped as editable defaults, labelled as such on
screen and in prints («da verificare»). The school adds its own third level under the
activities, projects and gestioni (``A03/1``, ``P02/4``: SNALS Bari, 2019 plan [C-3p]).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ValidationError

UNCONFIRMED_NOTE = "voce predefinita da verificare (denominazione non confermata)"


@dataclass(frozen=True)
class Account:
    code: str          # "03/06" (aggregato/voce), "03" (aggregato), "A01", "A03/1", "02"
    name: str
    confirmed: bool = False


# --- entrate: aggregati and voci (domain.md §3.4) -----------------------------------------
AGGREGATES: tuple[Account, ...] = (
    Account("01", "Avanzo di amministrazione presunto", True),
    Account("02", "Finanziamenti dall'Unione Europea"),
    Account("03", "Finanziamenti dello Stato", True),
    Account("04", "Finanziamenti dalla Regione"),
    Account("05", "Finanziamenti da Enti locali o da altre istituzioni pubbliche"),
    Account("06", "Contributi da privati", True),
    Account("07", "Proventi da gestioni economiche"),
    Account("08", "Rimborsi e restituzione somme"),
    Account("09", "Alienazione di beni materiali"),
    Account("10", "Alienazione di beni immateriali"),
    Account("11", "Sponsor e utilizzo locali"),
    Account("12", "Altre entrate", True),
    Account("13", "Mutui"),
    Account("99", "Partite di giro", True),
)

REVENUE_ITEMS: tuple[Account, ...] = (
    Account("01/01", "Non vincolato", True),
    Account("01/02", "Vincolato", True),
    Account("02/01", "Fondo sociale europeo (FSE)"),
    Account("02/02", "Fondo europeo di sviluppo regionale (FESR)"),
    Account("02/03", "Altri finanziamenti dell'Unione Europea"),
    Account("03/01", "Dotazione ordinaria", True),
    Account("03/02", "Dotazione perequativa"),
    Account("03/03", "Altri finanziamenti non vincolati dallo Stato"),
    # 03/04 and 03/05 exist but are not identified (domain.md §3.4): not shipped.
    Account("03/06", "Altri finanziamenti vincolati dallo Stato"),
    Account("04/01", "Dotazione ordinaria"),
    Account("04/02", "Dotazione perequativa"),
    Account("04/03", "Altri finanziamenti non vincolati"),
    Account("04/04", "Altri finanziamenti vincolati"),
    Account("05/01", "Provincia non vincolati"),
    Account("05/02", "Provincia vincolati"),
    Account("05/03", "Comune non vincolati"),
    Account("05/04", "Comune vincolati"),
    Account("05/05", "Altre istituzioni non vincolati"),
    Account("05/06", "Altre istituzioni vincolati"),
    Account("06/01", "Contributi volontari da famiglie", True),
    Account("06/02", "Contributi per iscrizione alunni"),
    Account("06/03", "Contributi per mensa scolastica"),
    Account("06/04", "Contributi per visite, viaggi e programmi di studio all'estero"),
    Account("06/05", "Contributi per copertura assicurativa degli alunni"),
    Account("06/06", "Contributi per copertura assicurativa personale"),
    Account("06/07", "Altri contributi da famiglie non vincolati"),
    Account("06/08", "Contributi da imprese non vincolati"),
    Account("06/09", "Contributi da Istituzioni sociali private non vincolati"),
    Account("06/10", "Altri contributi da famiglie vincolati"),   # code [C-3p], name [U]
    Account("06/11", "Contributi da imprese vincolati"),
    Account("06/12", "Contributi da Istituzioni sociali private vincolati"),
    Account("07/01", "Azienda agraria"),
    Account("07/02", "Azienda speciale"),
    Account("07/03", "Attività per conto terzi"),
    Account("07/04", "Attività convittuale"),
    Account("08/01", "Rimborsi e restituzione somme"),
    Account("09/01", "Alienazione di beni materiali"),
    Account("10/01", "Alienazione di beni immateriali"),
    Account("11/01", "Sponsor"),
    Account("11/02", "Utilizzo locali da parte di terzi"),
    Account("12/01", "Interessi"),
    Account("12/02", "Interessi attivi"),                 # code [C-3p], name [U]
    Account("12/03", "Altre entrate non altrimenti classificate"),   # code [C-3p], name [U]
    Account("13/01", "Mutui"),
    Account("99/01", "Reintegro anticipo al DSGA (fondo economale)"),  # code [C-3p], name [U]
)
# The revenue the fondo di riserva is measured on (art. 8 c.?, 10 % [U]): the dotazione
# ordinaria of the State.
ORDINARY_ALLOCATION = "03/01"
# Earmarked State funds (the emergency funds of DL 41/2021 art. 31 and the like) [U].
EARMARKED_STATE = "03/06"

# --- spese: destinations (domain.md §3.5) ------------------------------------------------
DESTINATIONS: tuple[Account, ...] = (
    Account("A01", "Funzionamento generale e decoro della Scuola", True),
    Account("A02", "Funzionamento amministrativo", True),
    Account("A03", "Didattica"),
    Account("A04", "Alternanza scuola-lavoro / PCTO"),
    Account("A05", "Visite, viaggi e programmi di studio all'estero"),
    Account("A06", "Attività di orientamento"),
    Account("P01", "Progetti in ambito \"Scientifico, tecnico e professionale\"", True),
    Account("P02", "Progetti in ambito \"Umanistico e sociale\"", True),
    Account("P03", "Progetti per \"Certificazioni e corsi professionali\""),
    Account("P04", "Progetti per \"Formazione / aggiornamento del personale\""),
    Account("P05", "Progetti per \"Gare e concorsi\""),
    Account("G01", "Azienda agraria"),
    Account("G02", "Azienda speciale"),
    Account("G03", "Attività per conto terzi"),
    Account("G04", "Attività convittuale"),
    Account("R98", "Fondo di riserva", True),
    Account("D100", "Disavanzo di amministrazione presunto"),
    Account("Z01", "Disponibilità finanziaria da programmare"),
)
RESERVE = "R98"
DEFICIT = "D100"
TO_BE_PROGRAMMED = "Z01"
# Destinations on which nothing is committed or paid: the fondo di riserva is spent only by
# a prelievo into another destination (no mandati on it: D.I. 44/2001 [C], D.I. 129 [U]);
# the disavanzo and the disponibilità da programmare are not appropriations.
NOT_SPENDABLE = frozenset({RESERVE, DEFICIT, TO_BE_PROGRAMMED})
# The groups under which the school adds its own activities and projects (third level).
WITH_THIRD_LEVEL = frozenset({"A", "P", "G"})

# --- tipi di spesa (piano dei conti, level 1): the legacy D.M. 21/2007 list, all [U] -------
SPENDING_TYPES: tuple[Account, ...] = (
    Account("01", "Personale"),
    Account("02", "Beni di consumo"),
    Account("03", "Acquisto di servizi ed utilizzo di beni di terzi"),
    Account("04", "Altre spese"),
    Account("05", "Oneri straordinari e da contenzioso"),
    Account("06", "Beni d'investimento"),
    Account("07", "Oneri finanziari"),
    Account("08", "Rimborsi e poste correttive"),
    Account("99", "Partite di giro"),
)

_REVENUE = re.compile(r"^(0[1-9]|1[0-3]|99)/\d{2}$")
_THIRD_LEVEL = re.compile(r"^([APG]\d{2})/(\d{1,2})$")
_TOP = {d.code for d in DESTINATIONS}


def aggregate_of(revenue_code: str) -> str:
    return revenue_code.partition("/")[0]


def group_of(destination_code: str) -> str:
    """"A", "P", "G", "R", "D" or "Z"."""
    return destination_code[0]


def parent_of(destination_code: str) -> str | None:
    """``"A03"`` for ``"A03/1"``; None for a destination of the ministry's plan."""
    m = _THIRD_LEVEL.match(destination_code)
    return m.group(1) if m else None


def check_revenue_code(code: str) -> str:
    code = (code or "").strip()
    if not _REVENUE.match(code) or aggregate_of(code) not in {a.code for a in AGGREGATES}:
        raise ValidationError({"code": f"«{code}» non è una voce di entrata valida: indicare "
                                       "aggregato e voce, ad esempio 03/06."})
    return code


def check_third_level(code: str) -> str:
    """A school's own activity or project under an A, P or G destination: ``A03/1``."""
    code = (code or "").strip().upper()
    m = _THIRD_LEVEL.match(code)
    if not m or m.group(1) not in _TOP or int(m.group(2)) == 0:
        raise ValidationError({"code": f"«{code}» non è un codice valido per un'attività o un "
                                       "progetto della scuola: indicare la destinazione e un "
                                       "numero, ad esempio A03/1 o P02/4."})
    return code


def is_spendable(destination_code: str) -> bool:
    return destination_code not in NOT_SPENDABLE
