"""The prints of the emergency staffing, built from service calls and read back from the real
PDF: «budget-covid» with days × daily cost = cost, the substitutions, total and residual
worked out by hand; «registro-pulizie» with an annulled entry struck and its reason, the
plesso and locale filters; «formazione» with the hours per person. And the demo's three."""
from __future__ import annotations

from datetime import date

import pytest

from iiss_desktop.areas import all_reports
from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.services.staff import cleaning, emergency, training
from tests.helpers.pdf import pdf_flat
from tests.services.staff.test_emergency import _entry, _person, sites, year_2020  # noqa: F401

NBSP = "\u00a0"


def _print(db, tmp_path, name, **options) -> str:
    spec = next(r for r in all_reports() if r.name == name)
    return pdf_flat(spec.build(db, tmp_path / f"{name}.pdf", **options))


def test_the_budget_print_shows_each_cost_the_total_and_the_residual(db, year_2020, tmp_path):
    emergency.charge_substitution(db, year_2020["sub"], year_2020["covid"])
    text = _print(db, tmp_path, "budget-covid").replace(NBSP, " ")
    assert "Budget dell'organico Covid – a.s. 2020/21" in text
    assert "AOODRLA 21456" in text and "20.000,00 €" in text and "2.000,00 €" in text
    assert "Budget dell'anno" in text and "22.000,00 €" in text
    # Bianchi 92 gg × 62,90 × 50 % = 2.893,40; Rossi 269 × 56,48 = 15.193,12 (total 18.086,52)
    assert "92 62,90 € 50 % 2.893,40 €" in text
    assert "269 56,48 € 100 % 15.193,12 €" in text
    assert "Totale 361 18.086,52 €" in text
    # Verdi for Rossi: 19 × 56,48 = 1.073,12
    assert "sostituisce Rossi Maria" in text and "19 56,48 € 100 % 1.073,12 €" in text
    assert "Totale dei costi 19.159,64 €" in text and "Residuo 2.840,36 €" in text
    assert "giorni di calendario del periodo" in text


def test_a_budget_exceeded_and_a_missing_daily_cost_are_said(db, sites, tmp_path):  # noqa: F811
    from iiss_desktop.services.staff import registry

    rossi = _person(db, sites["SEDE"], "Rossi", "Maria")
    registry.add_contract(db, rossi, kind="covid", starts_on=date(2020, 9, 14),
                          ends_on=date(2021, 6, 9))
    emergency.add_budget_row(db, 2020, kind="assegnazione", amount=100,
                             note_number="AOODRLA 1", note_date=date(2020, 9, 2))
    text = _print(db, tmp_path, "budget-covid", anno=2020).replace(NBSP, " ")
    assert "manca il costo giornaliero di: Collaboratore scolastico" in text
    assert "mancante" in text
    emergency.set_daily_cost(db, 2020, "CS", 56)
    text = _print(db, tmp_path, "budget-covid", anno=2020).replace(NBSP, " ")
    # 269 × 56,00 = 15.064,00 against 100,00: -14.964,00
    assert "Residuo -14.964,00 € – BUDGET SUPERATO" in text


def test_the_register_of_cleaning_prints_annulled_entries_struck_with_their_reason(
        db, sites, tmp_path):  # noqa: F811
    rossi = _person(db, sites["SEDE"], "Rossi", "Maria")
    first = cleaning.record_cleaning(db, _entry(sites["SEDE"], rossi))
    cleaning.record_cleaning(db, _entry(sites["PRIM"], rossi, place="Mensa",
                                        action="pulizia_ordinaria", product="", time="13:40"))
    cleaning.annul_cleaning(db, first, reason="Locale sbagliato")
    text = _print(db, tmp_path, "registro-pulizie", dal=date(2026, 11, 30),
                  al=date(2026, 11, 30))
    assert "Registro delle pulizie e sanificazioni" in text
    assert "tutti i plessi · dal 30/11/2026 al 30/11/2026" in text
    assert "30/11/2026 13:40 PRIM Mensa Pulizia ordinaria" in text
    assert "ANNULLATA il" in text and "Locale sbagliato" in text
    assert "Riepilogo per intervento Intervento Numero Pulizia ordinaria 1 Totale 1" in text
    only = _print(db, tmp_path, "registro-pulizie", dal=date(2026, 11, 30),
                  al=date(2026, 11, 30), plesso="sede", locale="servizi")
    assert "SEDE – Sede centrale · locale «servizi»" in only and "Mensa" not in only
    with pytest.raises(ValidationError) as refused:
        _print(db, tmp_path, "registro-pulizie", plesso="XYZ")
    assert "Plesso «XYZ» inesistente" in refused.value.errors["plesso"]


def test_the_training_print_gives_the_hours_of_each_person(db, sites, tmp_path):  # noqa: F811
    rossi = _person(db, sites["SEDE"], "Rossi", "Maria")
    for hours, day in (("1,5", date(2020, 9, 10)), ("4", date(2020, 10, 5))):
        training.add_training(db, rossi, course="Prevenzione", kind="emergenza_igiene",
                              hours=hours, day=day, provider="RSPP")
    text = _print(db, tmp_path, "formazione", anno=2020)
    assert "Formazione del personale – a.s. 2020/21" in text
    assert "1 dipendente · 2 corsi" in text
    assert "Rossi Maria Prevenzione Formazione emergenza: igiene e 10/09/2020 1,5 RSPP" in text
    # 1 h 30 + 4 h = 5 h 30 = «5,5»
    assert "Rossi Maria Collaboratore scolastico 2 5,5" in text
    assert "Nessuna formazione registrata nell'a.s. 2021/22" in _print(
        db, tmp_path, "formazione", anno=2021)


def test_the_demo_prints_its_budget_register_and_training(demo_db, tmp_path):
    budget = _print(demo_db, tmp_path, "budget-covid").replace(NBSP, " ")
    # demo/staff_emergency.py: 39.713,60 of 42.000,00
    assert "a.s. 2020/21" in budget and "Residuo 2.286,40 €" in budget
    assert "Țurcanu Elena" in budget and "sostituisce Țurcanu Elena" in budget
    register = _print(demo_db, tmp_path, "registro-pulizie")
    assert "Sanificazione" in register and "Servizi igienici" in register
    trained = _print(demo_db, tmp_path, "formazione")
    assert "Formazione emergenza: igiene e" in trained and "Sicurezza sul lavoro" in trained
