"""The verbale di ricognizione keeps everything it saw: every label read, in order, with its
outcome and why; reads ignored (a discharged good still in the room, a stray code) with the
reason typed for them; "sconosciuto" says why (issue 12 item 7)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.domain.inventory.labels import label_code
from iiss_desktop.domain.inventory.ricognizione import RicognizioneScan
from iiss_desktop.queries.inventory.items import list_items
from iiss_desktop.queries.inventory.ricognizione import check_detail, list_checks, why_unknown
from iiss_desktop.reports.inventory.ricognizione import build_verbale_ricognizione
from iiss_desktop.services.inventory.carico import CaricoInput, carico
from iiss_desktop.services.inventory.discharge import discharge_items
from iiss_desktop.services.inventory.ricognizione import OutcomeInput, ScanInput, record_check
from iiss_desktop.services.school import save_room, save_site
from tests.helpers.pdf import pdf_lines

SCHOOL = "RMIC86400X"


@pytest.fixture
def lab(db):
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    room = save_room(db, {"site_id": site, "name": "Laboratorio di informatica"})
    day = date(2025, 9, 15)
    carico(db, CaricoInput(description="Personal computer portatile", quantity=2,
                           unit_value=Decimal("650.00"), entry_date=day, room_id=room))
    carico(db, CaricoInput(description="Stampante laser", unit_value=Decimal("320.00"),
                           entry_date=day, room_id=room))
    pc1, pc2, printer = list_items(db)[1]
    discharge_items(db, item_ids=[printer], decree_number="12", decree_date=date(2025, 10, 1),
                    cause="inservibilita", motivation="Guasto non riparabile, verbale n. 2")
    return db, room, (pc1, pc2, printer)


def test_unknown_says_why(lab):
    db, _room, _ids = lab
    # The printer is n. 3 of the beni mobili, discharged by decree 12 of 01/10/2025.
    assert why_unknown(db, "inv-mobili", 3, date(2025, 11, 3)) == (
        "beni mobili n. 3: bene scaricato con decreto n. 12 del 01/10/2025 (era registrato "
        "in: Sede centrale – Laboratorio di informatica)")
    assert why_unknown(db, "inv-mobili", 77) == (
        "nessun bene registrato come «beni mobili n. 77» negli inventari")
    # Before the decree the good was held: taken in charge later is said so.
    assert "dopo la data della ricognizione" in why_unknown(db, "inv-mobili", 1,
                                                             date(2025, 9, 1))


def test_every_read_and_the_ignored_ones_go_on_the_verbale(lab, tmp_path):
    db, room, (pc1, pc2, printer) = lab
    scan = RicognizioneScan.start(room, {("inv-mobili", 1): "PC", ("inv-mobili", 2): "PC"}, {})
    reads = [label_code(SCHOOL, "inv-mobili", 1), label_code(SCHOOL, "inv-mobili", 1),
             label_code(SCHOOL, "inv-mobili", 3), "4006381333931",
             label_code(SCHOOL, "inv-mobili", 2)]
    assert [scan.scan(r, SCHOOL) for r in reads] == [
        "trovato", "ripetuto", "sconosciuto", "sconosciuto", "trovato"]
    assert [row[:2] for row in scan.log] == [[r.upper(), res] for r, res in zip(
        reads, ["trovato", "ripetuto", "sconosciuto", "sconosciuto", "trovato"])]
    discharged = label_code(SCHOOL, "inv-mobili", 3)
    scans = [ScanInput(reads[0], "trovato"), ScanInput(reads[1], "ripetuto", "lettura ripetuta"),
             ScanInput(discharged, "sconosciuto", why_unknown(db, "inv-mobili", 3)),
             ScanInput("4006381333931", "sconosciuto", "non è un'etichetta d'inventario"),
             ScanInput(reads[4], "trovato")]
    record_check(db, room, date(2025, 11, 3), [
        OutcomeInput("confermato", item_id=pc1), OutcomeInput("confermato", item_id=pc2),
        OutcomeInput("ignorato", code=discharged, description="Stampante laser",
                     reason="Bene già scaricato, in attesa del ritiro per lo smaltimento"),
        OutcomeInput("ignorato", code="4006381333931",
                     reason="Codice a barre di una risma di carta, letto per errore"),
    ], scans=scans)
    detail = check_detail(db, 2025, 1)
    assert [(x.seq, x.result) for x in detail.scans] == [
        (1, "trovato"), (2, "ripetuto"), (3, "sconosciuto"), (4, "sconosciuto"),
        (5, "trovato")]
    # The ignored reads are no goods: 2 goods examined, 2 x 650,00 = 1.300,00 €.
    assert sum(t.goods for t in detail.summary) == 2
    assert sum(t.value for t in detail.summary) == 130000
    row = list_checks(db)[0]
    assert row.goods == 2 and row.differences == "2 letture ignorate"
    lines = pdf_lines(build_verbale_ricognizione(db, tmp_path / "v.pdf", 2025, 1))
    text = " ".join(" ".join(lines).split())     # a wrapped cell read as one line
    assert "Totale dei beni esaminati 2 1.300,00 €" in text
    assert "Letture ignorate (lette per errore o non pertinenti) (2)" in text
    assert "Bene già scaricato, in attesa del ritiro per lo smaltimento" in text
    assert "Codice a barre di una risma di carta, letto per errore" in text
    assert "Letture effettuate (5)" in text
    assert "bene scaricato con decreto n. 12 del 01/10/2025" in text
    assert "sconosciuto, ignorato" in text and "già letto" in text


def test_an_ignored_read_needs_its_reason_and_nothing_is_saved(lab):
    db, room, (pc1, pc2, _printer) = lab
    with pytest.raises(ValidationError) as exc:
        record_check(db, room, date(2025, 11, 3), [
            OutcomeInput("confermato", item_id=pc1), OutcomeInput("confermato", item_id=pc2),
            OutcomeInput("ignorato", code="X-1", reason="boh")])
    assert "Indicare perché la lettura è ignorata" in exc.value.message
    assert list_checks(db) == []
