"""The verbale di ricognizione as printed: summary per outcome with totals computed by hand."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from iiss_desktop.domain.errors import DomainError
from iiss_desktop.queries.inventory.items import list_items
from iiss_desktop.queries.inventory.ricognizione import list_checks
from iiss_desktop.reports.catalog import get_report
from iiss_desktop.reports.inventory.ricognizione import build_verbale_ricognizione
from iiss_desktop.services.inventory.carico import CaricoInput, carico
from iiss_desktop.services.inventory.ricognizione import OutcomeInput, record_check
from iiss_desktop.services.school import save_room, save_site
from tests.helpers.pdf import pdf_lines


@pytest.fixture
def verbale(db):
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    lab = save_room(db, {"site_id": site, "name": "Laboratorio di informatica"})
    aula = save_room(db, {"site_id": site, "name": "Aula 1A"})
    day = date(2025, 9, 15)
    carico(db, CaricoInput(description="Personal computer portatile", quantity=3,
                           unit_value=Decimal("650.00"), entry_date=day, room_id=lab))
    carico(db, CaricoInput(description="Lavagna interattiva multimediale",
                           unit_value=Decimal("1450.00"), entry_date=day, room_id=aula))
    pc1, pc2, pc3, lim = list_items(db)[1]
    record_check(db, lab, date(2025, 10, 1), [
        OutcomeInput("confermato", item_id=pc1),
        OutcomeInput("confermato", item_id=pc2, state="discreto"),
        OutcomeInput("mancante", item_id=pc3, reason="Non trovato dopo il trasloco"),
        OutcomeInput("spostato", item_id=lim),
        OutcomeInput("non_registrato", code="X-1", description="Armadio metallico",
                     estimated_value=Decimal("250.00")),
    ], commission="Prof. Carlo Fabbri, docente; Sig.ra Anna Moretti", notes="Nessuna")
    return db


def test_summary_table_totals_and_lists(verbale, tmp_path):
    out = build_verbale_ricognizione(verbale, tmp_path / "v.pdf", 2025, 1)
    text = "\n".join(pdf_lines(out))
    assert "Verbale di ricognizione dei beni n. 1/2025" in text
    assert "Ricognizione generale (quinquennale)" in text
    assert "01/10/2025" in text and "Laboratorio di informatica" in text
    # By hand: 2 PCs at 650,00 = 1.300,00; the LIM 1.450,00; 1 PC missing 650,00; the
    # cupboard found, stima 250,00. Total: 5 goods, 1.300 + 1.450 + 650 + 250 = 3.650,00 €.
    assert "Presente e regolarmente registrato 2 1.300,00 €" in text
    assert re.search(r"Presente in un locale diverso da quello 1 1\.450,00 €", text)
    assert "Mancante 1 650,00 € Proposta di discarico (art. 33)" in text
    assert "Presente ma non registrato 1 250,00 €" in text
    assert "Inservibile o fuori uso 0 0,00 €" in text
    assert "Totale dei beni esaminati 5 3.650,00 €" in text
    # Lists per outcome, with the motive and where the moved good was registered.
    assert "Presente e regolarmente registrato (2)" in text
    assert "beni mobili n. 2 Personal computer portatile discreto 650,00 €" in text
    # Confirmed without a new state: the registered one stands; a missing good has none.
    assert "beni mobili n. 1 Personal computer portatile invariato 650,00 €" in text
    assert "beni mobili n. 3 Personal computer portatile — 650,00 €" in text
    assert "Non trovato dopo il trasloco" in text
    assert "registrato in: Aula 1A" in text
    assert "X-1 Armadio metallico buono 250,00 € valore di stima" in text
    # Signatures: the DSGA, each member of the commission, the Dirigente.
    assert "Il DSGA" in text and "Il Dirigente Scolastico" in text
    assert text.count("Componente della commissione") == 2
    assert "Prof. Carlo Fabbri, docente" in text
    assert re.search(r"pag\. 1 di \d", text)


def test_registered_in_the_catalog_and_unknown_number_refused(verbale, tmp_path):
    spec = get_report("verbale-ricognizione")
    out = spec.build(verbale, tmp_path / "c.pdf", anno=2025, numero=1)
    assert out.exists()
    with pytest.raises(DomainError):
        build_verbale_ricognizione(verbale, tmp_path / "no.pdf", 2025, 7)
    assert not (tmp_path / "no.pdf").exists()
    [row] = list_checks(verbale)
    assert (row.ref, row.goods, row.differences) == ("1/2025", 5, "1 spostato, 1 mancante, "
                                                                   "1 non registrato")
