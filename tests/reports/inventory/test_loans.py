"""Comodato prints on the demo archive: the contract in two originals, delivery and return."""
from __future__ import annotations

import subprocess
from datetime import date

import pytest
from pypdf import PdfReader

from iiss_desktop.domain.errors import DomainError
from iiss_desktop.reports.inventory.loans import build_contract, build_delivery, build_return
from tests.conftest import tool

# The demo lends six tablets on 1 October of last year (contracts 1-6), the first four of
# them returned by 30 June of this year.
YEAR = date.today().year - 1


def page_texts(path) -> list[str]:
    pages = len(PdfReader(str(path)).pages)
    return [" ".join(subprocess.run([tool("pdftotext"), "-f", str(n), "-l", str(n), str(path),
                                     "-"], capture_output=True, text=True,
                                    check=True).stdout.split())
            for n in range(1, pages + 1)]


def test_contract_has_two_originals_each_from_a_new_page(demo_db, tmp_path):
    out = build_contract(demo_db, tmp_path / "contratto.pdf", YEAR, 1)
    pages = page_texts(out)
    firsts = [i for i, t in enumerate(pages) if "ORIGINALE PER L'ISTITUTO" in t]
    seconds = [i for i, t in enumerate(pages) if "ORIGINALE PER IL COMODATARIO" in t]
    assert firsts == [0] and len(seconds) == 1 and seconds[0] > 0
    second = pages[seconds[0]]
    # The second original starts its page: the marker comes before the parties.
    assert second.index("ORIGINALE PER IL COMODATARIO") < second.index(
        "TRA l'istituzione scolastica Istituto Comprensivo «Gianni Rodari»")
    # Each original is numbered on its own ("pag. 1 di N" again on its first page).
    per_original = seconds[0]
    assert len(pages) == 2 * per_original
    for k in range(per_original):
        assert f"pag. {k + 1} di {per_original}" in pages[k]
        assert f"pag. {k + 1} di {per_original}" in pages[per_original + k]
    assert "ORIGINALE PER L'ISTITUTO" not in " ".join(pages[seconds[0]:])
    whole = " ".join(pages)
    assert whole.count("SI CONVIENE E SI STIPULA") == 2
    assert whole.count("Il comodante – il Dirigente Scolastico Prof.ssa Maria Grazia "
                       "Colonna") >= 2
    assert whole.count("Il comodatario Marco Rossi") == 2
    assert f"Contratto di comodato d'uso gratuito n. 1/{YEAR}" in whole
    # The demo's first family (k = 0): born 10/01/1978 in Velletri, Via Roma 3 (domain.md §7).
    for text in ("Marco Rossi, nato/a a Velletri (RM) il 10/01/1978, residente in Via Roma 3, "
                 "00049 Velletri (RM), codice fiscale", "Giulia Rossi, classe 1A", "beni mobili n.",
                 "210,00 €", f"decorre dal 01/10/{YEAR}", "Divieto di cessione a terzi",
                 "Restituzione (art. 1809 c.c.)", "Responsabilità per perdita o danni",
                 "Richiesta di restituzione anticipata", "graduatoria ISEE",
                 "carta d'identità CA10000AB"):
        assert text in whole, text


def test_delivery_and_return_verbali(demo_db, tmp_path):
    delivery = " ".join(page_texts(build_delivery(demo_db, tmp_path / "c.pdf", YEAR, 1)))
    assert f"Verbale di consegna – comodato d'uso n. 1/{YEAR}" in delivery
    assert "Per il comodante – il DSGA consegnatario" in delivery
    assert "Stato alla consegna" in delivery
    back = " ".join(page_texts(build_return(demo_db, tmp_path / "r.pdf", YEAR, 1)))
    assert f"Verbale di restituzione – comodato d'uso n. 1/{YEAR}" in back
    assert "Stato alla restituzione" in back and "Esito del controllo" in back
    # Returned without damage: no reservation about damages "sopra indicati".
    assert "senza danni né mancanze" in back
    assert "il comodato si intende concluso." in back and "restano salvi" not in back


def test_return_verbale_refused_while_the_loan_is_open(demo_db, tmp_path):
    with pytest.raises(DomainError) as info:
        build_return(demo_db, tmp_path / "r.pdf", YEAR, 5)      # not returned (overdue)
    assert f"n. 5/{YEAR} non è ancora stato restituito" in info.value.message
    assert not (tmp_path / "r.pdf").exists()
    with pytest.raises(DomainError) as info:
        build_contract(demo_db, tmp_path / "x.pdf", YEAR, 99)
    assert "inesistente" in info.value.message
