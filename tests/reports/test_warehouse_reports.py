"""Magazzino prints on the demo database and on small archives built by hand, checked on the
PDF text."""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from iiss_desktop.domain.errors import DomainError
from iiss_desktop.domain.money import format_cents
from iiss_desktop.domain.warehouse import format_quantity
from iiss_desktop.queries import warehouse as q
from iiss_desktop.reports.catalog import get_report
from iiss_desktop.reports.warehouse import chart_bars
from iiss_desktop.services.warehouse.movements import (
    CaricoInput,
    WithdrawalInput,
    annul_movement,
    carico,
    stocktake,
    withdraw,
)
from iiss_desktop.services.warehouse.posting import ItemInput
from tests.helpers.pdf import pdf_text
from tests.services.warehouse.test_warehouse import DAY, _approved_request, _carico, store  # noqa: F401

D = Decimal




def test_scheda_running_balance_equals_the_journal(demo_db, demo_path, tmp_path):
    con = sqlite3.connect(demo_path)
    article_id, code, unit, n = con.execute(
        "SELECT a.id, a.code, a.unit, count(*) FROM warehouse_movement_line l JOIN "
        "warehouse_article a ON a.id = l.article_id GROUP BY a.id ORDER BY 4 DESC, 2").fetchone()
    journal = con.execute("SELECT quantity, value_cents FROM warehouse_movement_line WHERE "
                          "article_id = ? ORDER BY movement_date, movement_id, line_no",
                          (article_id,)).fetchall()
    con.close()
    start, end = date(2000, 1, 1), date.today()
    scheda = q.scheda(demo_db, article_id, start, end)
    running, expected = 0, []
    for quantity, _value in journal:
        running += quantity
        expected.append(running)
    assert [r.balance for r in scheda.rows] == expected and len(expected) == n
    assert scheda.closing == (sum(j[0] for j in journal), sum(j[1] for j in journal))
    out = get_report("scheda-magazzino").build(demo_db, tmp_path / "scheda.pdf", articolo=code,
                                               dal=start, al=end)
    text = pdf_text(out)
    assert "Scheda di magazzino" in text and "Giacenza iniziale" in text
    final = next(line for line in text.splitlines() if "Giacenza finale" in line)
    assert format_quantity(scheda.closing[0], unit) in final
    assert format_cents(scheda.closing[1], symbol=False) + " €" in final


def test_buoni_have_both_signature_lines(demo_db, tmp_path):
    moves = q.list_movements(demo_db)
    for kind, report in (("carico", "buono-versamento"), ("scarico", "buono-prelevamento"),
                         ("dpi", "buono-prelevamento")):
        move = next(m for m in moves if m.kind == kind)
        number, year = move.number, move.year
        out = get_report(report).build(demo_db, tmp_path / f"{kind}.pdf", anno=year,
                                       numero=number)
        text = pdf_text(out)
        assert f"n. {number}/{year}" in text
        assert "Chi consegna" in text and "Chi riceve" in text
        detail = q.movement_by_number(demo_db, year, number)
        assert detail.recipient in text and detail.handed_by in text
        # Signature lines are drawn, not typed; the only blanks are the protocol field's.
        protocol = "Prot. n. ______________ del ____/____/________"
        assert text.count(protocol) == 1
        assert text.replace(protocol, "").count("_" * 5) == 0


def test_other_prints_build_with_their_totals(demo_db, tmp_path):
    year = date.today().year
    for name in ("giornale-magazzino", "giacenze-magazzino", "consumi-magazzino",
                 "riepilogo-dpi"):
        text = pdf_text(get_report(name).build(demo_db, tmp_path / f"{name}.pdf", anno=year))
        assert "pag. 1 di" in text and "Istituto Comprensivo" in text
    consumed = sum(r.value for r in q.consumption(demo_db, date(year, 1, 1), date.today()))
    text = pdf_text(get_report("consumi-magazzino").build(demo_db, tmp_path / "c.pdf", anno=year))
    assert f"Totale consumato: {format_cents(consumed, symbol=False)} €" in text


# --- on a small archive built by hand -------------------------------------------------------


def test_giornale_of_a_period_across_two_years_with_totals_and_annulments(db, store, tmp_path):
    # 2025: carico 40 risme for 110,00 € (n. 1), scarico 7 risme = 19,25 € (n. 2), a DDT
    # recorded twice (n. 3, 20,00 €) and its storno (n. 4). 2026: carico 10 for 30,00 €.
    # Carichi in force: 2, 140,00 €; scarichi: 1, 19,25 €; one annulled entry and its storno.
    _carico(db, store, "40", D("110.00"))
    rid = _approved_request(db, store, "7")
    withdraw(db, WithdrawalInput(request_id=rid, storeroom_id=store["a"], entry_date=DAY,
                                 lines=[ItemInput(store["carta"], "7")]))
    twice = _carico(db, store, "10", D("20.00"))
    annul_movement(db, movement_id=twice.movement_id, reason="DDT registrato due volte",
                   entry_date=DAY)
    _carico(db, store, "10", D("30.00"), when=date(2026, 1, 8))
    out = get_report("giornale-magazzino").build(db, tmp_path / "g.pdf", dal=date(2025, 9, 1),
                                                 al=date(2026, 8, 31))
    text = pdf_text(out)
    assert "dal 01/09/2025 al 31/08/2026" in text and "pag. 1 di 1" in text
    flat = " ".join(text.split())
    assert "[annullata con la registrazione n. 4/2025]" in flat
    assert "motivo: DDT registrato due volte" in flat
    totals = {line.split()[0]: line.split()[1:] for line in text.splitlines()
              if line.split()[:1] in (["Carico"], ["Scarico"]) and "€" in line
              and len(line.split()) == 4}
    assert totals == {"Carico": ["2", "140,00", "€"], "Scarico": ["1", "19,25", "€"]}
    assert "Movimenti annullati e relativi storni 2" in flat
    with pytest.raises(DomainError) as info:
        get_report("giornale-magazzino").build(db, tmp_path / "x.pdf", dal=date(2026, 9, 1),
                                               al=date(2026, 8, 31))
    assert "Periodo non valido" in info.value.message


def test_buono_di_versamento_gives_unit_price_order_and_impegno(db, store, tmp_path):
    # 40 risme for 110,00 €: 2,75 € each, IVA included.
    ref = carico(db, CaricoInput(storeroom_id=store["a"], entry_date=DAY, supplier="Rossi Srl",
                                 document_kind="fattura", document_ref="FT 88",
                                 order_ref="ODA 12/2025", impegno="IMP 45",
                                 lines=[ItemInput(store["carta"], "40", D("110.00"))]))
    text = pdf_text(get_report("buono-versamento").build(db, tmp_path / "v.pdf", anno=ref.year,
                                                        numero=ref.number))
    line = next(ln for ln in text.splitlines() if "CARTA-A4" in ln)
    assert line.split()[-6:] == ["40", "risme", "2,75", "€", "110,00", "€"]
    assert "ODA 12/2025" in text and "IMP 45" in text
    assert "Chi consegna" in text and "Chi riceve" in text


def test_verbale_di_rettifica_shows_signed_differences_and_the_net_value(db, store, tmp_path):
    # 10 risme for 20,00 €; counted 8: -2 risme at 2,00 € = -4,00 €.
    _carico(db, store, "10", D("20.00"))
    ref = stocktake(db, storeroom_id=store["a"], entry_date=DAY, counts={"CARTA-A4": "8"},
                    reason="Inventario fisico di fine anno")
    text = pdf_text(get_report("buono-prelevamento").build(db, tmp_path / "r.pdf",
                                                          anno=ref.year, numero=ref.number))
    line = next(ln for ln in text.splitlines() if "CARTA-A4" in ln)
    assert line.split()[-4:] == ["-2", "risme", "-4,00", "€"]
    assert "Variazione netta del valore: -4,00 €" in text
    assert "Chi ha eseguito il conteggio" in text and "Il consegnatario (DSGA)" in text


def test_giacenze_at_a_date_warn_of_expired_lots(db, store, tmp_path):
    # 5 flaconi of lot L9 expiring 16/10/2025 and 3 of L10 expiring in 2027; at 20/10/2025
    # all 8 are in stock, the 5 of L9 expired.
    carico(db, CaricoInput(storeroom_id=store["a"], entry_date=DAY, document_kind="gratuita",
                           lines=[ItemInput(store["gel"], "5", D("0"), lot="L9",
                                            expiry=date(2025, 10, 16)),
                                  ItemInput(store["gel"], "3", D("0"), lot="L10",
                                            expiry=date(2027, 1, 31))]))
    text = " ".join(pdf_text(get_report("giacenze-magazzino").build(
        db, tmp_path / "s.pdf", data=date(2025, 10, 20), magazzino="MAG-SEDE")).split())
    assert "al 20/10/2025" in text and "8 flaconi" in text
    assert ("Di cui in lotti scaduti, da non distribuire: GEL-500 lotto L9 (scaduto il "
            "16/10/2025): 5 flaconi.") in text
    assert "L10" not in text


def test_chart_bars_keep_the_total_with_an_altri_bar():
    rows = [q.ConsumptionRow(f"Ufficio {n:02d}", 1_000 * (20 - n), 1) for n in range(14)]
    bars = chart_bars(rows, top=12)
    # 11 bars of their own, then Ufficio 11, 12 and 13: 9,00 + 8,00 + 7,00 = 24,00 €
    assert len(bars) == 12 and bars[-1] == ("Altri (3)", 24_000)
    assert sum(c for _n, c in bars) == 20_000 * 14 - 1_000 * sum(range(14))   # 189,00 €
    assert chart_bars(rows[:12], top=12) == [(f"Ufficio {n:02d}", 1_000 * (20 - n))
                                             for n in range(12)]


def test_buono_di_prelevamento_says_what_is_still_due_as_at_that_movement(db, store, tmp_path):
    """10 risme approved; 4 delivered with the first buono, 6 with the second. By hand: the
    first says 4 delivered and 6 still due, the second 10 and nothing, and the first printed
    again after the second still says 6 (as at its movement, not today)."""
    _carico(db, store, "40", D("110.00"))
    rid = _approved_request(db, store, "10")
    first = withdraw(db, WithdrawalInput(request_id=rid, storeroom_id=store["a"], entry_date=DAY,
                                         lines=[ItemInput(store["carta"], "4")]))
    second = withdraw(db, WithdrawalInput(request_id=rid, storeroom_id=store["a"],
                                          entry_date=DAY, lines=[ItemInput(store["carta"], "6")]))

    def due_line(ref) -> list[str]:
        text = pdf_text(get_report("buono-prelevamento").build(
            db, tmp_path / f"p{ref.number}.pdf", anno=ref.year, numero=ref.number))
        block = text.split("situazione dopo questo buono", 1)[1]
        return next(ln for ln in block.splitlines() if "CARTA-A4" in ln).split()[-6:], block

    line, block = due_line(first)
    assert line == ["10", "risme", "4", "risme", "6", "risme"]
    assert "Restano da consegnare 1 articolo della richiesta." in block
    line, block = due_line(second)
    assert line[-5:] == ["10", "risme", "10", "risme", "—"]
    assert "Richiesta evasa per intero." in block
    assert due_line(first)[0] == ["10", "risme", "4", "risme", "6", "risme"]


def test_scheda_shows_the_lots_in_stock_with_expiry_and_quantity(db, store, tmp_path):
    # 5 flaconi of L9 (expiring 16/10/2025) and 3 of L10 (31/01/2027) loaded; on 31/12/2025
    # both are in stock: L9 expired, L10 not.
    carico(db, CaricoInput(storeroom_id=store["a"], entry_date=DAY, document_kind="gratuita",
                           lines=[ItemInput(store["gel"], "5", D("0"), lot="L9",
                                            expiry=date(2025, 10, 16)),
                                  ItemInput(store["gel"], "3", D("0"), lot="L10",
                                            expiry=date(2027, 1, 31))]))
    text = " ".join(pdf_text(get_report("scheda-magazzino").build(
        db, tmp_path / "s.pdf", articolo="GEL-500", anno=2025)).split())
    lots = text.split("Lotti in giacenza al 31/12/2025", 1)[1]
    assert "L9 16/10/2025 Magazzino sede 5 flaconi scaduto" in lots
    assert "L10 31/01/2027 Magazzino sede 3 flaconi" in lots
    assert lots.index("L9") < lots.index("L10")           # first expiring first
    # An article without lots shows no such table.
    _carico(db, store, "4", D("11.00"))
    plain = pdf_text(get_report("scheda-magazzino").build(db, tmp_path / "c.pdf",
                                                          articolo="CARTA-A4", anno=2025))
    assert "Lotti in giacenza" not in plain
