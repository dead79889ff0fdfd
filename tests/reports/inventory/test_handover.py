"""The verbale di passaggio di consegne: participants, totals per register at the date, the
four signatures, the annex of the goods, the 60-day note."""
from __future__ import annotations

import subprocess
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from iiss_desktop.domain.errors import DomainError
from iiss_desktop.domain.money import format_cents
from iiss_desktop.queries.inventory.handover import handover_document
from iiss_desktop.queries.inventory.items import list_items
from iiss_desktop.reports.inventory.handover import build_verbale_passaggio
from iiss_desktop.services.inventory.carico import CaricoInput, carico
from iiss_desktop.services.inventory.discharge import discharge_items
from iiss_desktop.services.inventory.handover import HandoverInput, record_handover
from iiss_desktop.services.school import save_room, save_site
from tests.conftest import tool
from tests.helpers.pdf import pdf_flat


def money(cents: int) -> str:
    return format_cents(cents).replace("\u00a0", " ")

def test_demo_verbale_has_signatures_stored_totals_and_annex(demo_db, tmp_path):
    year = date.today().year - 2            # the demo's handover of two years ago
    out = build_verbale_passaggio(demo_db, tmp_path / "verbale.pdf", year, 1)
    text = pdf_flat(out, layout=False)
    assert f"Verbale di passaggio di consegne n. 1/{year}" in text
    for role in ("Il DSGA cessante", "Il DSGA subentrante", "Il Dirigente Scolastico",
                 "Il Presidente del Consiglio d'istituto"):
        assert role in text, role
    stored = {code: (n, cents) for code, n, cents in handover_document(demo_db, year, 1).stored}
    n, cents = stored["inv-mobili"]
    assert f"Inventario dei beni mobili {n} {money(cents)}" in text
    assert f"Inventario dei beni mobili – {n} beni, {money(cents)}" in text   # annex
    own = [v for code, v in stored.items() if code != "inv-terzi"]
    # the table read in its columns (the raw reading order of a three-digit count differs)
    assert (f"Totale del patrimonio dell'istituto {sum(v[0] for v in own)} "
            f"{money(sum(v[1] for v in own))}") in pdf_flat(out)
    assert f"scadenza 30/10/{year}" in text and "entro il termine di 60 giorni" in text
    assert "Allegato: elenco dei beni" in text
    pages = len(PdfReader(str(out)).pages)
    assert "pag. 1 di" in text and f"pag. {pages} di {pages}" in text


def test_late_verbale_with_the_outgoing_dsga_absent(db, tmp_path):
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    room = save_room(db, {"site_id": site, "name": "Segreteria"})

    def load(day, what, value, qty=1, **kw):
        carico(db, CaricoInput(description=what, quantity=qty, unit_value=Decimal(value),
                               entry_date=day, room_id=room, **kw))

    load(date(2025, 1, 10), "Fotocopiatrice", "650.00", 2)
    load(date(2025, 1, 11), "Atlante storico", "300.00", category_register="inv-libri")
    load(date(2025, 1, 12), "Banco", "100.00", 2, category_register="inv-terzi",
         owner="Comune di Velletri", grant_title="Comodato del Comune")
    first = list_items(db)[1][0]
    discharge_items(db, item_ids=[first], decree_number="4", decree_date=date(2025, 2, 1),
                    cause="inservibilita", motivation="Guasto non riparabile (verbale).")
    load(date(2025, 4, 15), "Lavagna interattiva", "1450.00")     # after the handover
    res = record_handover(db, HandoverInput(
        cessation_date=date(2025, 1, 31), handover_date=date(2025, 4, 10),
        outgoing_dsga="Dott.ssa Paola Neri", incoming_dsga="Dott. Marco Bruni",
        dirigente="Prof.ssa Maria Colonna", presidente_ci="Sig. Luigi Verdi",
        outgoing_absent=True, absence_reason="Non si è presentato senza giustificazione",
        check_mode="campione", outcome="Verificati 3 beni su 5 a campione."))
    out = build_verbale_passaggio(db, tmp_path / "v.pdf", res.year, res.number)
    text = pdf_flat(out, layout=False)
    # 31/01 + 60 days = 01/04/2025; the 10/04 is 9 days late.
    assert "scadenza 01/04/2025, ritardo di 9 giorni" in text
    assert "Il DSGA cessante (assente)" in text
    for role, name in (("Il DSGA subentrante", "Dott. Marco Bruni"),
                       ("Il Dirigente Scolastico", "Prof.ssa Maria Colonna"),
                       ("Il Presidente del Consiglio d'istituto", "Sig. Luigi Verdi")):
        assert f"{role} {name}" in text, role
    assert "Motivo: non si è presentato senza giustificazione." in text
    assert "Modalità: ricognizione a campione" in text
    # At 10/04: one photocopier (the other discharged on 01/02; the LIM comes on 15/04),
    # the atlas; 650 + 300 = 950,00 € for 2 goods; the Comune's banchi apart (2 x 100).
    assert "Inventario dei beni mobili 1 650,00 €" in text
    assert "Inventario dei libri e del materiale bibliografico 1 300,00 €" in text
    assert "Totale del patrimonio dell'istituto 2 950,00 €" in text
    assert "Inventario dei beni di terzi (non fanno parte del patrimonio) 2 200,00 €" in text
    assert ("Proprietario Titolo della concessione Comune di Velletri Comodato del Comune "
            "Beni Valore 2 200,00 € 5. Sostituti") in text
    assert "Lavagna interattiva" not in text
    pages = len(PdfReader(str(out)).pages)
    assert pages >= 2 and f"pag. 1 di {pages}" in text     # the annex starts its own page
    last = subprocess.run([tool("pdftotext"), "-f", str(pages), "-l", str(pages), str(out), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Atlante storico" in last and f"pag. {pages} di {pages}" in last
    with pytest.raises(DomainError):
        build_verbale_passaggio(db, tmp_path / "no.pdf", 2025, 7)


def test_the_verbale_names_the_parents_of_loans_so_only_the_office_prints_it(demo_db, tmp_path):
    # The annex lists the comodati in force with the parent and the student (personal data):
    # the assistente tecnico reads the inventory but may not print it; the DSGA may.
    from iiss_desktop.domain.access import ASSISTENTE_TECNICO, DSGA, PermissionDenied
    from iiss_desktop.reports.catalog import get_report
    from tests.helpers.users import act_as_office

    year = date.today().year - 2
    spec = get_report("verbale-passaggio")
    act_as_office(demo_db, "tecnico-prova", roles=(ASSISTENTE_TECNICO,))
    with pytest.raises(PermissionDenied, match="contratti di comodato"):
        spec.build(demo_db, tmp_path / "no.pdf", anno=year, numero=1)
    assert not (tmp_path / "no.pdf").exists()
    act_as_office(demo_db, "dsga", roles=(DSGA,))
    assert spec.build(demo_db, tmp_path / "si.pdf", anno=year, numero=1).exists()
