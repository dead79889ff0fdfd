"""«Registro del fondo economale»: built from the service calls of test_cash.py's sequence,
the text of the real PDF read back (tests/helpers/pdf.py)."""
from __future__ import annotations

from datetime import date

from iiss_desktop.areas import all_reports
from iiss_desktop.services.funds.cash import annul_expense, reimburse
from tests.helpers.pdf import pdf_text
from tests.services.funds.helpers import YEAR
from tests.services.funds.test_cash import DSGA, _open, _spend


def test_the_register_lists_the_expenses_and_the_cash(db, tmp_path):
    _open(db)
    _spend(db, "12,50")
    wrong, _ = _spend(db, "40,00", creditor="Cartoleria Rossi")
    annul_expense(db, wrong, "Importo registrato per errore", date(YEAR, 2, 4))
    _spend(db, "7,35", day=date(YEAR, 2, 5))
    reimburse(db, YEAR, date(YEAR, 2, 6), DSGA)
    spec = next(r for r in all_reports() if r.name == "fondo-economale")
    text = pdf_text(spec.build(db, tmp_path / "fe.pdf", anno=YEAR))
    assert "Registro del fondo economale 2026" in text
    assert "limite per singola spesa 50,00" in text
    assert "annullata" in text and "reintegrata" in text
    # 100,00 − (12,50 + 7,35 = 19,85, the 40,00 annulled) + reintegro 19,85 = 100,00
    assert "− 19,85" in text and "+ 19,85" in text
    assert "pag. 1 di" in text


def test_a_year_without_a_fund_says_which_years_have_one(db, tmp_path):
    _open(db)
    spec = next(r for r in all_reports() if r.name == "fondo-economale")
    text = pdf_text(spec.build(db, tmp_path / "fe.pdf", anno=YEAR + 1))
    assert "Il fondo economale 2027 non è costituito" in text
    assert "Esercizi con fondo economale: 2026" in text
