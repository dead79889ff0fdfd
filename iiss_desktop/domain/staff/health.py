"""The fragile worker (lavoratore fragile) during the emergency (art. 15 DL 41/2021, seed deck;
the earlier art. 26 c.2-bis DL 18/2020 and the sorveglianza sanitaria eccezionale of art. 83
DL 34/2020 [U]): what the employer needs to know and nothing more (Reg. UE 2016/679 art. 9;
D.Lgs. 81/2008 art. 41 c.6: the employer receives the giudizio of the medico competente, not
the diagnosis). Kept apart from the general record, read only by the dirigente and the DSGA,
every read written to the change log."""
from __future__ import annotations

from datetime import date

from ..dates import format_date
from ..errors import ValidationError

OUTCOMES = {
    "fragile": "Lavoratore fragile: tutela riconosciuta",
    "idoneo_prescrizioni": "Idoneo con prescrizioni",
    "inidoneo_temporaneo": "Temporaneamente non idoneo alla mansione",
    "non_fragile": "Condizione di fragilità non riconosciuta",
}
MEASURES = {
    "lavoro_agile": "Lavoro agile",
    "mansione_diversa": "Mansione diversa della stessa area, senza contatto con il pubblico",
    "postazione": "Postazione e dispositivi di protezione adeguati",
    "nessuna": "Nessuna misura",
}
LEGAL_BASES = {
    "dl41_art15": "art. 15 DL 41/2021",
    "dl18_art26": "art. 26 c.2-bis DL 18/2020 [da verificare]",
    "dl34_art83": "art. 83 DL 34/2020, sorveglianza sanitaria eccezionale [da verificare]",
    "dlgs81_art41": "art. 41 D.Lgs. 81/2008, sorveglianza sanitaria",
}
# The columns of staff_fragile_status the change log records as «(valore riservato)».
SECRET_COLUMNS = ("outcome", "measure", "prescriptions", "legal_basis", "checked_on",
                  "valid_from", "valid_to", "protocol")


def check_period(checked_on: date, valid_from: date, valid_to: date | None) -> None:
    if valid_from < checked_on:
        raise ValidationError({"valid_from": (
            f"La tutela decorre dal giudizio del medico competente del "
            f"{format_date(checked_on)} o dopo.")})
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError({"valid_to": "La fine della tutela precede il suo inizio."})
