"""The cash documents of the Fondi as printed (mandato, reversale, distinta, giornale di cassa,
partitari, Mod. H): the text of the real PDF read back (tests/helpers/pdf.py), the figures
checked against raw sqlite3 SQL written here, the amounts in words against Italian written by
hand. Two archives: a small one built through the services (the three amounts of the words)
and the demo (financial year 2021, with the split payment of its invoices)."""
from __future__ import annotations

import re
import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from iiss_desktop.areas import all_reports
from iiss_desktop.domain.errors import DomainError
from iiss_desktop.domain.funds.creditor import Creditor
from iiss_desktop.services.funds.spending import (
    CommitmentInput,
    LiquidationInput,
    PaymentOrderInput,
    commit_spending,
    issue_payment_order,
    liquidate,
)
from tests.helpers.pdf import pdf_flat, pdf_pages
from tests.reports.test_print_fit import _internal_keys, recorder  # noqa: F401 - fixture
from tests.services.funds.helpers import (
    GOOD_CF,
    GOOD_IBAN,
    GOOD_VAT,
    YEAR,
    approved_programme,
    collect,
)

D = Decimal
DAY = date(YEAR, 3, 10)
DEMO_YEAR = 2021
# The three amounts of a mandato and their words, written by hand (euro in one word, the
# cents in figures after a slash).
WORDS = [(D("0.50"), "zero/50"), (D("1000.00"), "mille/00"),
         (D("1234567.89"), "unmilioneduecentotrentaquattromilacinquecentosessantasette/89")]
CIG = "Z1A2B3C4D5"
CUP = "J11H21000010001"


def _print(db, tmp_path, name: str, **options):
    spec = next(r for r in all_reports() if r.name == name)
    return spec.build(db, tmp_path / f"{name}.pdf", **options)


def _euro(cents: int) -> str:
    """Cents as the print writes them, formatted here by hand: «1.234,50 €»."""
    sign = "-" if cents < 0 else ""
    units, rest = divmod(abs(cents), 100)
    return f"{sign}{units:,}".replace(",", ".") + f",{rest:02d} €"


def _small_archive(db) -> None:
    """Mandati 1-3 of 0,50, 1.000,00 (ritenute 200,00) and 1.234.567,89 on A03/02, with CIG
    and CUP on the impegni; one reversale of 2.500,00 on 06/01 (in the Programma Annuale:
    an accertamento needs its voce there)."""
    big = D("2000000.00")
    approved_programme(db, revenue={"03/01": big - D("2500.00"), "06/01": D("2500.00")},
                       spending={("A03", "02"): big})
    for amount, _words in WORDS:
        c = commit_spending(db, CommitmentInput(YEAR, DAY, "A03", "02", amount,
                                                "Materiale didattico", "Cartoleria Rossi Srl",
                                                cig=CIG, cup=CUP))
        liq = liquidate(db, LiquidationInput(c.id, DAY, amount, "Verbale di regolare fornitura",
                                             "Fattura n. 7"))
        issue_payment_order(db, PaymentOrderInput(
            liq.id, DAY, "Acquisto di materiale didattico",
            Creditor("Mario Rossi", tax_code=GOOD_CF, vat_number=GOOD_VAT, iban=GOOD_IBAN),
            withholdings=D("200.00") if amount == D("1000.00") else D("0.00")))
    collect(db, YEAR, DAY, "06/01", D("2500.00"), "Famiglie degli alunni",
            "Contributi volontari")


# --- mandato -------------------------------------------------------------------------------------

def test_the_mandati_print_one_per_page_with_the_amount_in_words(db, tmp_path):
    _small_archive(db)
    pages = pdf_pages(_print(db, tmp_path, "mandato", anno=YEAR, numero=1, ultimo=3))
    assert len(pages) == 3
    for page, (n, (amount, words)) in zip(pages, enumerate(WORDS, 1), strict=True):
        assert f"Mandato n. {n} del 10/03/{YEAR}" in page
        assert f"euro {words}" in page
        assert f"Importo in cifre {_euro(int(amount * 100))}" in page
        assert f"pag. {n} di 3" in page


def test_a_mandato_carries_every_content_of_art_17(db, tmp_path):
    _small_archive(db)
    text = pdf_flat(_print(db, tmp_path, "mandato", anno=YEAR, numero=2), layout=False)
    for expected in (
            "Mandato di pagamento n. 2/2026", "All'Istituto cassiere: si dispone il pagamento",
            "Esercizio finanziario 2026", "Mandato n. 2 del 10/03/2026",
            "Importo in cifre 1.000,00 €", "Importo in lettere euro mille/00",
            "Causale Acquisto di materiale didattico", "Creditore Mario Rossi",
            f"Codice fiscale {GOOD_CF}", f"Partita IVA {GOOD_VAT}", f"IBAN {GOOD_IBAN}",
            "Destinazione (attività / progetto) A03 – Didattica",
            "Tipo di spesa (conto) 02 – Beni di consumo",
            "Impegno n. 2/2026 del 10/03/2026 di 1.000,00 €",
            "Liquidazione n. 2/2026 del 10/03/2026 – Verbale di regolare fornitura; Fattura n. 7",
            f"CIG {CIG}", f"CUP {CUP}",
            # lett. g: the withholdings and the net: 1.000,00 − 200,00 = 800,00
            "Ritenute − 200,00 €", "Netto da pagare al creditore 800,00 €",
            "Il Direttore dei servizi generali e amministrativi", "Il Dirigente scolastico",
            "Prot. n."):
        assert expected in text, expected
    assert "scissione dei pagamenti" not in text     # no invoice under split payment


def test_the_default_mandato_is_the_last_of_the_year(db, tmp_path):
    _small_archive(db)
    text = pdf_flat(_print(db, tmp_path, "mandato", anno=YEAR), layout=False)
    assert "Mandato di pagamento n. 3/2026" in text and WORDS[2][1] in text
    with pytest.raises(DomainError, match="Nessun mandato n. 9 nell'esercizio 2026"):
        _print(db, tmp_path, "mandato", anno=YEAR, numero=9)


def test_a_mandato_under_split_payment_pays_the_taxable_part(demo_db, demo_path, tmp_path):
    con = sqlite3.connect(demo_path)
    number, amount, tax, address = con.execute(
        "SELECT m.number, m.amount, i.tax, s.address FROM funds_payment_order m "
        "JOIN procurement_invoice i ON i.liquidation_id = m.liquidation_id "
        "JOIN procurement_supplier s ON s.id = i.supplier_id "
        "WHERE m.year = ? AND i.split_payment AND i.total = m.amount "
        "ORDER BY m.number LIMIT 1", (DEMO_YEAR,)).fetchone()
    con.close()
    text = pdf_flat(_print(demo_db, tmp_path, "mandato", anno=DEMO_YEAR, numero=number),
                    layout=False)
    assert f"Importo lordo del mandato {_euro(amount)}" in text
    assert (f"IVA versata all'Erario (scissione dei pagamenti, art. 17-ter DPR 633/1972) − "
            f"{_euro(tax)}") in text
    assert f"Imponibile da pagare al fornitore {_euro(amount - tax)}" in text
    assert f"Indirizzo {address}" in text
    assert "Fattura elettronica n. " in text


# --- reversale and distinta ----------------------------------------------------------------------

def test_a_reversale_has_its_voce_debtor_and_words(demo_db, demo_path, tmp_path):
    con = sqlite3.connect(demo_path)
    number, cents = con.execute(
        "SELECT r.number, r.amount FROM funds_receipt_order r JOIN funds_revenue_item i "
        "ON i.id = r.revenue_item_id WHERE r.year = ? AND i.code = '03/06' "
        "ORDER BY r.amount DESC LIMIT 1", (DEMO_YEAR,)).fetchone()
    con.close()
    assert cents == 1248035          # the DL 41/2021 fund, 12.480,35
    text = pdf_flat(_print(demo_db, tmp_path, "reversale", anno=DEMO_YEAR, numero=number),
                    layout=False)
    for expected in (f"Reversale d'incasso n. {number}/2021", "Importo in cifre 12.480,35 €",
                     "Importo in lettere euro dodicimilaquattrocentottanta/35",
                     "Debitore (versante) Ministero dell'Istruzione",
                     "Aggregato di entrata 03 – Finanziamenti dello Stato",
                     "Voce di entrata 03/06 – Altri finanziamenti vincolati dallo Stato",
                     "Il Dirigente scolastico"):
        assert expected in text, expected


def test_the_distinta_totals_a_range_and_the_progressive_total(demo_db, demo_path, tmp_path):
    con = sqlite3.connect(demo_path)

    def total(table: str, where: str) -> int:
        return con.execute(f"SELECT SUM(amount) FROM {table} WHERE year = ? AND {where}",
                           (DEMO_YEAR,)).fetchone()[0]

    listed, before = total("funds_payment_order", "number BETWEEN 3 AND 7"), \
        total("funds_payment_order", "number < 3")
    r_listed = total("funds_receipt_order", "number BETWEEN 3 AND 7")
    r_before = total("funds_receipt_order", "number < 3")
    con.close()
    text = pdf_flat(_print(demo_db, tmp_path, "distinta", anno=DEMO_YEAR, primo=3, ultimo=7),
                    layout=False)
    assert text.count("Totale della distinta (5 documenti)") == 2
    assert (f"Totale della distinta {_euro(listed)} Totale dei documenti precedenti "
            f"dell'esercizio {_euro(before)} Totale progressivo dell'esercizio "
            f"{_euro(before + listed)}") in text
    assert f"Totale progressivo dell'esercizio {_euro(r_before + r_listed)}" in text


# --- giornale di cassa ---------------------------------------------------------------------------

def _cash_rows(path, since: str = "0000-00-00") -> list[tuple[str, int, int]]:
    """(document, number, signed cents) in the giornale's order: date, reversali first."""
    con = sqlite3.connect(path)
    rows = con.execute(
        "SELECT issued_on, 0, number, amount FROM funds_receipt_order WHERE year = ? "
        "AND issued_on >= ? UNION ALL SELECT issued_on, 1, number, -amount "
        "FROM funds_payment_order WHERE year = ? AND issued_on >= ? ORDER BY 1, 2, 3",
        (DEMO_YEAR, since, DEMO_YEAR, since)).fetchall()
    con.close()
    return [("Mandato" if kind else "Reversale", n, cents) for _d, kind, n, cents in rows]


DEMO_OPENING = 600000    # the fondo di cassa at 1/1/2021 of the demo: 6.000,00 (funds_revenue.py)


def test_the_giornale_di_cassa_runs_its_balance_from_the_fondo_di_cassa(demo_db, demo_path,
                                                                         tmp_path):
    rows = _cash_rows(demo_path)
    out = _print(demo_db, tmp_path, "giornale-cassa", anno=DEMO_YEAR)
    text = pdf_flat(out)        # row by row, as printed
    assert "Fondo di cassa al 1° gennaio 2021: 6.000,00 €." in text
    assert "Saldo al 01/01/2021 6.000,00 €" in text
    balance, at = DEMO_OPENING, 0
    for document, number, cents in rows:      # each row in order, ending with its balance
        balance += cents
        found = re.compile(rf"{document} n\. {number} (?:(?!Reversale n\.|Mandato n\.).)*? "
                           rf"{re.escape(_euro(balance))}").search(text, at)
        assert found, (document, number, balance)
        at = found.start() + 1
    receipts = sum(c for _d, _n, c in rows if c > 0)
    assert f"+ Riscossioni (reversali) {_euro(receipts)}" in text
    assert f"Saldo di cassa al 31/12/2021 {_euro(balance)}" in text
    assert balance > 0       # the demo's reversali come in before its mandati go out


def test_a_period_of_the_giornale_carries_the_earlier_balance(demo_db, demo_path, tmp_path):
    earlier = DEMO_OPENING + sum(c for _d, _n, c in _cash_rows(demo_path)) - \
        sum(c for _d, _n, c in _cash_rows(demo_path, "2021-05-01"))
    text = pdf_flat(_print(demo_db, tmp_path, "giornale-cassa", anno=DEMO_YEAR,
                           dal=date(2021, 5, 1)), layout=False)
    assert (f"Saldo al 01/05/2021 (fondo di cassa e movimenti precedenti): {_euro(earlier)}"
            in text)


# --- partitari and Mod. H ------------------------------------------------------------------------

def _sql_account(path) -> dict[str, int]:
    """The totals of the year by raw SQL: forecasts + variations of both sides, reversali,
    impegni, mandati."""
    con = sqlite3.connect(path)
    pid = con.execute("SELECT id FROM funds_programme WHERE year = ?", (DEMO_YEAR,)).fetchone()[0]
    one = {
        "revenue": "SELECT (SELECT SUM(amount) FROM funds_revenue_forecast WHERE programme_id = "
                   ":p) + (SELECT COALESCE(SUM(l.amount), 0) FROM funds_variation_line l JOIN "
                   "funds_variation v ON v.id = l.variation_id WHERE v.programme_id = :p "
                   "AND l.side = 'E')",
        "spending": "SELECT (SELECT SUM(amount) FROM funds_spending_forecast WHERE programme_id "
                    "= :p) + (SELECT COALESCE(SUM(l.amount), 0) FROM funds_variation_line l "
                    "JOIN funds_variation v ON v.id = l.variation_id WHERE v.programme_id = :p "
                    "AND l.side = 'U')",
        "assessed": "SELECT SUM(amount) FROM funds_assessment WHERE year = :y",
        "collected": "SELECT SUM(amount) FROM funds_receipt_order WHERE year = :y",
        "committed": "SELECT SUM(amount) FROM funds_commitment WHERE programme_id = :p",
        "paid": "SELECT SUM(amount) FROM funds_payment_order WHERE year = :y",
    }
    out = {k: con.execute(q, {"p": pid, "y": DEMO_YEAR}).fetchone()[0] for k, q in one.items()}
    con.close()
    return out


def test_mod_h_totals_are_the_sums_of_the_movements(demo_db, demo_path, tmp_path):
    t = _sql_account(demo_path)
    text = pdf_flat(_print(demo_db, tmp_path, "mod-h", anno=DEMO_YEAR))   # row by row
    assert "Conto finanziario (Mod. H) – esercizio 2021" in text
    # programmazione definitiva, accertate, riscosse, da riscuotere, differenza
    assert (f"Totale entrate {_euro(t['revenue'])} {_euro(t['assessed'])} "
            f"{_euro(t['collected'])} {_euro(t['assessed'] - t['collected'])} "
            f"{_euro(t['assessed'] - t['revenue'])}") in text
    # By hand (demo/funds_revenue.py): accertati 39.830,35 + 481,50 of the fondo economale's
    # closing = 40.311,85; riscossi 39.480,35 + 481,50 = 39.961,85; 350,00 to collect.
    assert (t["assessed"], t["collected"]) == (4031185, 3996185)
    assert (f"Totale spese {_euro(t['spending'])} {_euro(t['committed'])} {_euro(t['paid'])} "
            f"{_euro(t['committed'] - t['paid'])} {_euro(t['spending'] - t['committed'])}"
            in text)
    result = t["assessed"] - t["committed"]
    label = "Avanzo di competenza" if result >= 0 else "Disavanzo di competenza"
    assert f"{label} {_euro(result)}" in text
    assert "Il Dirigente scolastico" in text


def test_the_partitari_follow_each_voce_and_destination(demo_db, demo_path, tmp_path):
    con = sqlite3.connect(demo_path)
    (got,) = con.execute("SELECT SUM(r.amount) FROM funds_receipt_order r JOIN funds_revenue_item "
                         "i ON i.id = r.revenue_item_id WHERE r.year = ? AND i.code = '06/01'",
                         (DEMO_YEAR,)).fetchone()
    committed, paid = con.execute(
        "SELECT (SELECT SUM(c.amount) FROM funds_commitment c JOIN funds_destination d "
        "ON d.id = c.destination_id WHERE c.year = ? AND d.code = 'A02'), "
        "(SELECT SUM(m.amount) FROM funds_payment_order m JOIN funds_destination d "
        "ON d.id = m.destination_id WHERE m.year = ? AND d.code = 'A02')",
        (DEMO_YEAR, DEMO_YEAR)).fetchone()
    reversali = con.execute("SELECT count(*) FROM funds_receipt_order r JOIN funds_revenue_item "
                            "i ON i.id = r.revenue_item_id WHERE i.code = '06/01'").fetchone()[0]
    con.close()
    text = pdf_flat(_print(demo_db, tmp_path, "partitari", anno=DEMO_YEAR, voce="06/01"))
    assert "Entrata 06/01 – Contributi volontari da famiglie" in text
    assert "Destinazione" not in text
    assert text.count("Reversale n. ") == reversali
    # forecast 9.000,00 + 1.500,00; accertati 3.850 + 4.920 + 1.230 + 350 (December's notices)
    assert f"Totali 10.500,00 € 10.350,00 € {_euro(got)}" in text
    assert got == 1000000       # the 350,00 of December not collected
    text = pdf_flat(_print(demo_db, tmp_path, "partitari", anno=DEMO_YEAR))
    assert "Partitari delle entrate" in text and "Partitari delle spese" in text
    assert re.search(rf"Destinazione A02 – Funzionamento amministrativo .*? Totali "
                     rf"[\d.,]+ € {re.escape(_euro(committed))} {re.escape(_euro(paid))}", text)


def test_a_year_without_a_programme_says_which_years_have_one(demo_db, tmp_path):
    for name in ("mod-h", "giornale-cassa", "partitari", "distinta"):
        text = pdf_flat(_print(demo_db, tmp_path, name, anno=2030), layout=False)
        assert "Nell'archivio non c'è il Programma Annuale 2030. Esercizi con un Programma " \
               "Annuale: 2021 (--anno)." in text, name


# --- read as an auditor reads them ---------------------------------------------------------------

PRINTS = [("mandato", {"numero": 1, "ultimo": 16}), ("reversale", {"numero": 1, "ultimo": 8}),
          ("distinta", {}), ("giornale-cassa", {}), ("partitari", {}), ("mod-h", {})]


def test_the_prints_of_2021_fit_their_cells_and_show_no_internal_key(demo_db, tmp_path,
                                                                     recorder):  # noqa: F811
    keys = _internal_keys(demo_db)
    for name, options in PRINTS:
        before = len(recorder.overflows)
        out = _print(demo_db, tmp_path, name, anno=DEMO_YEAR, **options)
        assert recorder.overflows[before:] == [], name
        words = set(re.findall(r"[a-z]+(?:_[a-z]+)+", pdf_flat(out, layout=False)))
        assert not words & keys, (name, words & keys)
