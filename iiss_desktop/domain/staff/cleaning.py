"""The register of cleaning and sanitisation of the rooms (issue 14 item 7): who did what,
where and when, with which product. The safety protocol of the school (Protocollo d'intesa
MI-OO.SS. 6/8/2020, the DS's directive to the DSGA on «pulizia approfondita, igienizzazione
di luoghi e attrezzature e aerazione frequente»; seed deck) asks for it to be kept and shown.

The kinds of intervention follow the words of the ISS reports on cleaning during the emergency
(Rapporto ISS COVID-19 n. 19/2020 and n. 12/2021: pulizia, disinfezione, sanificazione,
igienizzazione) [U: the report numbers are not in domain.md]. The register is append-only: a
wrong entry is annulled with its reason and stays visible, marked.

[U] readings of ours: a disinfection, a sanitisation or an igienizzazione names the product
used (a detergent-disinfectant, a PMC or biocide); ordinary cleaning and airing need not.
"""
from __future__ import annotations

PULIZIA_ORDINARIA = "pulizia_ordinaria"
PULIZIA_APPROFONDITA = "pulizia_approfondita"
IGIENIZZAZIONE = "igienizzazione"
DISINFEZIONE = "disinfezione"
SANIFICAZIONE = "sanificazione"
SANIFICAZIONE_STRAORDINARIA = "sanificazione_straordinaria"
AERAZIONE = "aerazione"

CLEANING_ACTIONS = {
    PULIZIA_ORDINARIA: "Pulizia ordinaria",
    PULIZIA_APPROFONDITA: "Pulizia approfondita",
    IGIENIZZAZIONE: "Igienizzazione di superfici e oggetti di uso frequente",
    DISINFEZIONE: "Disinfezione",
    SANIFICAZIONE: "Sanificazione",
    SANIFICAZIONE_STRAORDINARIA: "Sanificazione straordinaria (caso sospetto o confermato)",
    AERAZIONE: "Aerazione dei locali",
}
NEEDS_PRODUCT = frozenset({IGIENIZZAZIONE, DISINFEZIONE, SANIFICAZIONE,
                           SANIFICAZIONE_STRAORDINARIA})


def action_label(code: str) -> str:
    return CLEANING_ACTIONS.get(code, code)
