"""Reading the official FatturaPA samples (Agenzia delle Entrate, tests/fixtures/fatturapa).

Every expected value below was read by eye from the XML files, not from the reader.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from iiss_desktop.domain.procurement.fatturapa import (
    FatturaPAError,
    arithmetic_problems,
    code_problems,
    read_fatturapa,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "fatturapa"


def read(name: str):
    path = FIXTURES / name
    return read_fatturapa(path.read_bytes(), path.name)


def test_fpa01_a_one_line_invoice_to_the_pa():
    [inv] = read("IT01234567890_FPA01.xml")
    assert inv.transmission_format == "FPA12"
    assert (inv.supplier.name, inv.supplier.vat) == ("ALPHA SRL", "IT01234567890")
    assert (inv.customer.name, inv.customer.tax_code) == ("AMMINISTRAZIONE BETA",
                                                          "09876543210")
    assert inv.office_code == "AAAAAA"
    assert (inv.document_type, inv.document_label) == ("TD01", "Fattura")
    assert (inv.number, inv.on) == ("123", date(2017, 1, 18))
    # one line: 5.00 x 1.00 = 5.00 at 22 %; summary 5.00 + 1.10 (5.00 x 22 % = 1.10) = 6.10
    [line] = inv.lines
    assert (line.number, line.quantity, line.unit_price, line.total, line.vat_rate) == (
        1, Decimal("5.00"), Decimal("1.00"), Decimal("5.00"), Decimal("22.00"))
    assert (inv.taxable, inv.tax, inv.total) == (Decimal("5.00"), Decimal("1.10"),
                                                 Decimal("6.10"))
    assert inv.vat[0].esigibilita == "I" and not inv.split_payment
    assert inv.payable_to_supplier == Decimal("6.10")
    # CIG and CUP as the file writes them (sample values, not in ANAC/DIPE format)
    assert (inv.cig, inv.cup) == ("456def", "123abc")
    order = next(r for r in inv.references if r.kind == "ordine")
    assert (order.document_id, order.lines) == ("66685", (1,))
    assert [r.kind for r in inv.references] == ["ordine", "contratto", "convenzione",
                                                "ricezione"]
    [payment] = inv.payments
    assert (payment.method, payment.amount, payment.due) == ("MP01", Decimal("6.10"),
                                                              date(2017, 2, 18))
    assert inv.schema_problems == ()
    assert arithmetic_problems(inv) == ()
    assert code_problems(inv) == (
        "il CIG «456def» indicato nella fattura non ha il formato previsto (10 caratteri tra "
        "lettere e cifre).",
        "il CUP «123abc» indicato nella fattura non ha il formato previsto (15 caratteri tra "
        "lettere e cifre).")


def test_fpa02_two_lines_and_deferred_vat():
    [inv] = read("IT01234567890_FPA02.xml")
    # 5 x 1.00 = 5.00 and 10 x 2.00 = 20.00: taxable 25.00, tax 25.00 x 22 % = 5.50,
    # total 30.50, paid in one instalment of 30.50
    assert [(ln.number, ln.total) for ln in inv.lines] == [(1, Decimal("5.00")),
                                                          (2, Decimal("20.00"))]
    assert (inv.taxable, inv.tax, inv.total) == (Decimal("25.00"), Decimal("5.50"),
                                                 Decimal("30.50"))
    assert inv.vat[0].esigibilita == "D"
    assert [p.amount for p in inv.payments] == [Decimal("30.50")]
    assert len(inv.causale) > 200   # two Causale elements, joined
    assert arithmetic_problems(inv) == ()


def test_fpr01_between_private_parties():
    [inv] = read("IT01234567890_FPR01.xml")
    assert inv.transmission_format == "FPR12"
    assert inv.supplier.name == "SOCIETA' ALPHA SRL"
    assert (inv.number, inv.on, inv.total) == ("123", date(2014, 12, 18), Decimal("6.10"))
    assert inv.office_code == "ABC1234"


def test_fpr02_out_of_schema_order_is_read_with_its_finding_and_its_wrong_sum():
    [inv] = read("IT01234567890_FPR02.xml")
    [problem] = inv.schema_problems
    assert problem.path.endswith("/DatiTrasmissione/ContattiTrasmittente")
    assert problem.line == 16
    assert "ContattiTrasmittente" in problem.text and "non è previsto" in problem.text
    # the lines add up to 5.00 + 20.00 = 25.00, the summary says 27.00 (tax 5.95, total 32.95)
    assert inv.taxable == Decimal("27.00") and inv.total == Decimal("32.95")
    [sum_problem] = arithmetic_problems(inv)
    assert "25,00" in sum_problem and "27,00" in sum_problem
    assert (inv.cig, inv.cup) == ("", "")


def test_a_file_without_body_is_refused():
    with pytest.raises(FatturaPAError, match="nessun corpo di fattura"):
        read("bad/IT01234567890_FPA01_no_body.xml")


def test_a_lotto_gives_one_invoice_per_body():
    text = (FIXTURES / "IT01234567890_FPA02.xml").read_text("utf-8")
    start = text.index("<FatturaElettronicaBody>")
    end = text.index("</FatturaElettronicaBody>") + len("</FatturaElettronicaBody>")
    second = text[start:end].replace("<Numero>123</Numero>", "<Numero>124</Numero>")
    lotto = (text[:end] + second + text[end:]).encode("utf-8")
    first, other = read_fatturapa(lotto, "lotto.xml")
    assert (first.body, first.number, other.body, other.number) == (1, "123", 2, "124")
    assert first.supplier == other.supplier
    assert first.key != other.key


def test_not_xml_and_not_fatturapa_are_refused_in_italian():
    with pytest.raises(FatturaPAError, match="non è un file XML leggibile"):
        read_fatturapa(b"%PDF-1.4 not an invoice", "fattura.xml")
    with pytest.raises(FatturaPAError, match="non una fattura elettronica.*«ordine»"):
        read_fatturapa(b"<?xml version='1.0'?><ordine><n>1</n></ordine>", "ordine.xml")


def test_an_amount_with_a_comma_names_the_element():
    text = (FIXTURES / "IT01234567890_FPA01.xml").read_text("utf-8")
    bad = text.replace("<ImportoPagamento>6.10</ImportoPagamento>",
                       "<ImportoPagamento>6,10</ImportoPagamento>").encode("utf-8")
    with pytest.raises(FatturaPAError) as caught:
        read_fatturapa(bad, "virgola.xml")
    assert "ImportoPagamento" in caught.value.message and "«6,10»" in caught.value.message
    assert "fattura n. 123 del 18/01/2017" in caught.value.message


def test_entities_are_never_expanded():
    # an external entity (XXE) in the supplier's name, pointing at a local file: never read
    text = (FIXTURES / "IT01234567890_FPA01.xml").read_text("utf-8")
    head, rest = text.split("\n", 1)
    evil = (head + "\n<!DOCTYPE p:FatturaElettronica [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>\n"
            + rest.replace("<Denominazione>ALPHA SRL</Denominazione>",
                           "<Denominazione>ALPHA &e;</Denominazione>")).encode("utf-8")
    with pytest.raises(FatturaPAError, match="DOCTYPE") as caught:
        read_fatturapa(evil, "xxe.xml")
    assert "root:" not in caught.value.message


def test_split_payment_leaves_the_tax_to_the_school():
    text = (FIXTURES / "IT01234567890_FPA02.xml").read_text("utf-8")
    split = text.replace("<EsigibilitaIVA>D</EsigibilitaIVA>",
                         "<EsigibilitaIVA>S</EsigibilitaIVA>").replace(
        "<ImportoPagamento>30.50</ImportoPagamento>",
        "<ImportoPagamento>25.00</ImportoPagamento>").encode("utf-8")
    [inv] = read_fatturapa(split, "split.xml")
    # total 30.50; the IVA 5.50 goes to the Erario: 30.50 - 5.50 = 25.00 to the supplier
    assert inv.split_payment
    assert (inv.total, inv.payable_to_supplier) == (Decimal("30.50"), Decimal("25.00"))
    assert arithmetic_problems(inv) == ()
