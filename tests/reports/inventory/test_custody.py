"""Custody prints on the demo archive: verbali in two copies, prospetto, maintenance log."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from iiss_desktop.domain.errors import DomainError
from iiss_desktop.reports.catalog import get_report
from tests.helpers.pdf import pdf_flat, pdf_pages

LAST_YEAR = date.today().year - 1    # the demo's verbali: 1 and 2 affidamenti, 3 riconsegna


def _check_two_copies(path) -> None:
    pages = pdf_pages(path)
    dsga = [i for i, t in enumerate(pages) if "COPIA PER IL DSGA" in t]
    other = [i for i, t in enumerate(pages) if "COPIA PER L'AFFIDATARIO" in t]
    assert dsga == [0] and len(other) == 1 and other[0] > 0
    # The second copy starts on a page of its own: nothing of the first copy on it.
    assert "COPIA PER IL DSGA" not in pages[other[0]]
    assert pages[other[0] - 1].count("L'affidatario") >= 1


def test_verbale_di_affidamento_two_copies_with_goods_signatures_and_total(demo_db, tmp_path):
    out = get_report("verbale-affidamento").build(demo_db, tmp_path / "aff.pdf",
                                                   anno=LAST_YEAR, numero=2)
    _check_two_copies(out)
    text = pdf_flat(out)
    assert f"Verbale di affidamento n. 2/{LAST_YEAR}" in text
    # Five laptops of 650,00 €: 3.250,00 € (by hand), once per copy.
    assert text.count("Beni: 5 – valore d'inventario complessivo 3.250,00 €") == 2
    assert text.count("Il DSGA consegnatario") == 2 and text.count("L'affidatario") >= 2
    assert text.count("Tomáš Dvořák") >= 4 and "Dott. Alessandro Ferri" in text
    assert "Elenco descrittivo dei beni" in text and "N. inventario" in text
    assert "art. 35" in text and "nota del DS prot. n. 3188" in text
    # Each copy is numbered on its own: a copy handed over alone is complete. One page each
    # (five rows), so both copies say "pag. 1 di 1" and none "di 2".
    assert [("pag. 1 di 1" in t) for t in pdf_pages(out)] == [True, True]
    assert "di 2" not in text


def test_verbale_di_riconsegna_lists_the_state_on_return(demo_db, tmp_path):
    out = get_report("verbale-riconsegna").build(demo_db, tmp_path / "ric.pdf",
                                                  anno=LAST_YEAR, numero=3)
    _check_two_copies(out)
    text = pdf_flat(out)
    assert f"Verbale di riconsegna n. 3/{LAST_YEAR}" in text
    assert f"verbale di affidamento n. 1/{LAST_YEAR}" in text
    assert text.count("Beni: 4 – valore d'inventario complessivo 1.520,00 €") == 2  # 4 x 380
    assert "discreto" in text and "manopola del fuoco" in text
    assert text.count("Prof.ssa Giulia Serra") >= 4


def test_a_verbale_of_the_other_kind_or_missing_is_refused(demo_db, tmp_path):
    with pytest.raises(DomainError) as info:
        get_report("verbale-affidamento").build(demo_db, tmp_path / "x.pdf",
                                                anno=LAST_YEAR, numero=3)
    assert "è un verbale di riconsegna" in info.value.message
    with pytest.raises(DomainError):
        get_report("verbale-riconsegna").build(demo_db, tmp_path / "x.pdf",
                                               anno=LAST_YEAR, numero=99)
    assert not (tmp_path / "x.pdf").exists()


def test_prospetto_of_the_primary_plesso(demo_db, tmp_path):
    year = date.today().year
    out = get_report("prospetto-subconsegnatario").build(demo_db, tmp_path / "p.pdf",
                                                         plesso="PRIM", anno=year)
    text = pdf_flat(out)
    # By hand: 20 chairs of 39,00 € (780,00) and the 4 notebooks Acquisti loaded in 2021 in
    # the laboratory, 487,50 + 22 % = 594,75 € each (2.379,00), on 1/1: 24 goods, 3.159,00;
    # a keyboard of 240,00 € moved in from the sede this year: 25 goods, 3.399,00 € today.
    # The Comune's 40 desks (89,00 €) apart. The current year is as of the day of the print
    # (issue 12 item 8), not «al 31 dicembre».
    today = date.today()
    as_of = (f"31 dicembre {year}" if today == date(year, 12, 31)
             else today.strftime("%d/%m/%Y"))
    assert (f"Consistenza al 1° gennaio {year}: 24 beni, 3.159,00 € – aumenti 1 (240,00 €) – "
            f"diminuzioni 0 (0,00 €) – consistenza al {as_of}: 25 beni, "
            "3.399,00 €") in text
    assert "Trasferimento in entrata" in text and "Tastiera musicale" in text
    assert "Inventario dei beni di terzi (*) 40 3.560,00 €" in text
    assert "non fanno parte del patrimonio" in text
    assert "Il sub-consegnatario" in text and "Il DSGA consegnatario" in text
    assert "Ins. Patrizia Valentini" in text


def test_scheda_manutenzioni_of_a_laptop(demo_db, demo_path, tmp_path):
    con = sqlite3.connect(demo_path)
    number = con.execute("SELECT i.number FROM inventory_maintenance m JOIN inventory_item i "
                         "ON i.id = m.item_id GROUP BY i.id HAVING count(*) = 2").fetchone()[0]
    con.close()
    out = get_report("scheda-manutenzioni").build(demo_db, tmp_path / "m.pdf",
                                                  inventario="inv-mobili", numero=number)
    text = pdf_flat(out)
    assert f"Scheda delle manutenzioni – beni mobili n. {number}" in text
    assert "Riparazione" in text and "Aggiornamento" in text
    assert "Interventi: 2 – costo complessivo 89,00 €" in text
    assert "Affidatario (verbale n. 2/" in text


def test_custody_reports_are_in_the_catalogue():
    names = {"verbale-affidamento", "verbale-riconsegna", "prospetto-subconsegnatario",
             "scheda-manutenzioni"}
    assert {get_report(n).area for n in names} == {"Inventario"}
