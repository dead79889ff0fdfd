"""The prints of the albo fornitori render what the registry holds."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from iiss_desktop.reports.catalog import get_report
from iiss_desktop.services.procurement import suppliers as svc
from tests.helpers.pdf import pdf_flat


def _registry(db) -> int:
    rossi = svc.save_supplier(db, {"name": "Cartoleria Rossi Srl", "vat": "04123450720",
                                   "pec": "rossi@pec.it"})
    svc.save_supplier(db, {"name": "Tecnoservizi Bari Srl", "vat": "05678910729"})
    svc.record_bank_account(db, rossi, iban="IT60X0542811101000000123456",
                            declared_on=date(2026, 1, 10), protocol="55/2026",
                            delegates=[svc.Delegate("Mario Rossi", "RSSMRA80A01H501U")])
    svc.record_durc(db, rossi, issued_on=date(2026, 1, 10), protocol="INAIL_9")
    svc.record_declaration(db, rossi, kind="dgue", received_on=date(2026, 1, 8))
    svc.record_award(db, rossi, awarded_on=date(2026, 1, 12), object="Carta per gli uffici",
                     sector="30192000-1", amount=Decimal("412.50"), cig="Z0A1B2C3D4")
    return rossi


def test_the_albo_lists_durc_conto_and_last_award(db, tmp_path):
    _registry(db)
    out = get_report("fornitori").build(db, tmp_path / "albo.pdf", oggi=date(2026, 6, 1))
    text = pdf_flat(out, layout=False)
    for expected in ("Albo dei fornitori", "Cartoleria Rossi Srl", "04123450720",
                     "DURC scaduto il 10/05/2026", "IT60 X054 2811 1010 0000 0123 456",
                     "12/01/2026 – Carta per gli uffici (412,50", "Tecnoservizi Bari Srl",
                     "DURC non acquisito", "non dichiarato", "dichiarazione del 08/01/2026",
                     "Fornitori: 2", "senza conto dedicato: 1", "pag. 1 di 1"):
        assert expected in text, expected


def test_the_scheda_by_partita_iva_shows_every_table(db, tmp_path):
    _registry(db)
    out = get_report("scheda-fornitore").build(db, tmp_path / "s.pdf", fornitore="04123450720",
                                               oggi=date(2026, 3, 1))
    text = pdf_flat(out, layout=False)
    for expected in ("Scheda del fornitore Cartoleria Rossi Srl – P. IVA 04123450720",
                     "DURC regolare fino al 10/05/2026", "Mario Rossi (C.F. RSSMRA80A01H501U)",
                     "55/2026", "INAIL_9", "DGUE", "30192000-1 (CPV 301)", "Z0A1B2C3D4",
                     "Nessuna fattura ricevuta."):
        assert expected in text, expected
