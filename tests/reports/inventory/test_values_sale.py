"""Decreto di discarico, buono di scarico, avviso di vendita, valori and rinnovo prints."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from iiss_desktop.domain.errors import DomainError
from iiss_desktop.queries.inventory.sale import list_sales
from iiss_desktop.reports.catalog import get_report
from iiss_desktop.services.inventory.carico import CaricoInput, carico
from iiss_desktop.services.inventory.discharge import discharge_items
from iiss_desktop.services.inventory.renewal import renew
from iiss_desktop.services.school import save_room, save_site
from tests.helpers.pdf import pdf_flat

D = Decimal

def test_decree_of_the_demo_sale_cites_art_33_lists_goods_and_total(demo_db, tmp_path):
    awarded = next(r for r in list_sales(demo_db) if r.status == "aggiudicata")
    out = get_report("decreto-discarico").build(demo_db, tmp_path / "d.pdf",
                                                id=awarded.discharge_id)
    text = pdf_flat(out)
    assert "IL DIRIGENTE SCOLASTICO" in text and "DECRETA" in text
    assert "D.I. 28 agosto 2018, n. 129" in text and "art. 33" in text
    # Demo: two laptops of 650,00 € each, sold for 120,00 € (better of two offers).
    assert "valore d'inventario complessivo di 1.300,00 €" in text
    assert "Totale: 1.300,00 €" in text
    assert "Informatica Usata Srl per 120,00 €" in text
    assert "non è dovuto alcun reintegro" in text
    assert "Il Dirigente Scolastico" in text and "pag. 1 di 1" in text


@pytest.fixture
def theft(db):
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    room = save_room(db, {"site_id": site, "name": "Aula 1A"})
    carico(db, CaricoInput(description="Notebook", category="Hardware", unit_value=D("780.00"),
                           quantity=2, entry_date=date(2023, 10, 2), room_id=room))
    return discharge_items(db, item_ids=[1, 2], decree_number="77", decree_date=date(2024, 5, 6),
                           cause="furto", motivation="Furto nell'aula, porta forzata",
                           attachments="Denuncia ai Carabinieri del 04/05/2024",
                           reintegro=True, reintegro_amount=D("300.00"),
                           responsible="Ditta Vigilanza Sicura Srl")


def test_decree_of_a_theft_with_reintegro_by_number_and_date(db, theft, tmp_path):
    out = get_report("decreto-discarico").build(db, tmp_path / "d.pdf", numero="77",
                                                data=date(2024, 5, 6))
    text = pdf_flat(out)
    assert "Decreto di discarico n. 77 del 06/05/2024" in text
    assert "denuncia di furto" in text and "relazione del DSGA" in text
    assert "Totale: 1.560,00 €" in text                          # 2 x 780,00
    assert "Ditta Vigilanza Sicura Srl è tenuto al reintegro di 300,00 €" in text
    with pytest.raises(DomainError):
        get_report("decreto-discarico").build(db, tmp_path / "x.pdf", numero="78",
                                              data=date(2024, 5, 6))


def test_buono_di_scarico_with_both_signatures(db, theft, tmp_path):
    year = date.today().year
    out = get_report("buono-scarico").build(db, tmp_path / "b.pdf", anno=year, numero=1)
    text = pdf_flat(out)
    assert f"Buono di scarico n. 1/{year}" in text
    assert "Beni scaricati: 2 – valore complessivo 1.560,00 €" in text
    assert "Il DSGA consegnatario" in text and "Il Dirigente Scolastico" in text


def test_avviso_lists_the_base_price_of_each_good_and_the_total(demo_db, tmp_path):
    deserted = next(r for r in list_sales(demo_db) if r.kind == "vendita"
                    and r.status == "conclusa")
    out = get_report("avviso-vendita").build(demo_db, tmp_path / "a.pdf", numero=deserted.id)
    text = pdf_flat(out)
    # Demo: three chairs of 45,00 € (Mobili e arredi, 10 % = 4,50 a year) taken in charge on
    # 15 October five years before the current year, valued at the decree (60 days ago): 4 full
    # years (27,00 each) unless the decree falls on or after this year's 15 October (5: 22,50).
    decree = date.today() - timedelta(days=60)
    each, total = (("27,00 €", "81,00 €") if decree < date(date.today().year, 10, 15)
                   else ("22,50 €", "67,50 €"))
    assert text.count(each) == 3 and f"Prezzo base complessivo: {total}" in text
    assert "migliore offerta" in text and "entro il" in text
    cession = next(r for r in list_sales(demo_db) if r.kind == "cessione_ente")
    with pytest.raises(DomainError):
        get_report("avviso-vendita").build(demo_db, tmp_path / "x.pdf", numero=cession.id)


def test_values_and_rinnovo_prints(db, theft, tmp_path):
    site_room = 1
    carico(db, CaricoInput(description="Armadio", category="Mobili e arredi",
                           unit_value=D("400.00"), entry_date=date(2023, 10, 2),
                           room_id=site_room))
    out = get_report("valori-inventario").build(db, tmp_path / "v.pdf", data=date(2025, 10, 2))
    text = pdf_flat(out)
    # Armadio 400,00 at 10 %, 2 full years: 320,00 (the stolen notebooks are out).
    assert "Valori degli inventari al 02/10/2025" in text
    assert "400,00 € 320,00 € 80,00 €" in text
    renew(db, "inv-mobili", date(2025, 10, 2), "12", date(2025, 9, 1), "Rossi, Bianchi, Verdi")
    out = get_report("rinnovo").build(db, tmp_path / "r.pdf", registro="inv-mobili.2025")
    text = pdf_flat(out)
    assert "Rinnovo dell'inventario dei beni mobili" in text
    assert "3 Armadio 400,00 € 1 320,00 €" in text
    assert "Beni riportati: 1 – valore precedente 400,00 €, nuovo valore 320,00 €" in text
    # Each of the three members signs, with the DSGA and the Dirigente.
    flat_ = " ".join(text.split())
    assert flat_.count("Componente della commissione") == 3
    assert "Il DSGA consegnatario" in flat_ and "Il Dirigente Scolastico" in flat_
