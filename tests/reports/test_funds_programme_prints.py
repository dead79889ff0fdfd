"""The budget documents of the Fondi area (mod-a, mod-b, decreto-variazione, variazioni,
rendiconto-fondo), printed on the demo (financial year 2021) and on a fresh archive, the real
PDF read back (tests/helpers/pdf.py). Every printed total is compared with a sum written here
in plain SQL over the archive's tables (sqlite3), formatted by hand."""
from __future__ import annotations

import re
import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from iiss_desktop.reports.catalog import get_report
from tests.helpers.pdf import pdf_flat, pdf_lines, pdf_pages
from tests.reports.test_print_fit import recorder  # noqa: F401 - the overprint fixture

YEAR = 2021
D = Decimal


def eur(cents: int) -> str:
    """Integer cents as the prints write them: «12.480,35 €» (written here, not imported)."""
    sign = "-" if cents < 0 else ""
    units, rest = divmod(abs(cents), 100)
    return f"{sign}{units:,}".replace(",", ".") + f",{rest:02d} €"


def signed(cents: int) -> str:
    return ("+ " if cents > 0 else "− " if cents < 0 else "") + eur(abs(cents))


def rows(path, query: str, params=()) -> list[tuple]:
    with sqlite3.connect(path) as con:
        return con.execute(query, params).fetchall()


def one(path, query: str, params=()):
    return rows(path, query, params)[0][0]


def line(lines: list[str], start: str) -> str:
    found = [x for x in lines if x.startswith(start)]
    assert found, f"nessuna riga «{start}»"
    return found[0]


def build(db, tmp_path, name: str, **options):
    return get_report(name).build(db, tmp_path / f"{name}.pdf", **options)


def dmy(iso: str) -> str:
    y, m, d = iso[:10].split("-")
    return f"{d}/{m}/{y}"


# --- independent sums -------------------------------------------------------------------------

REVENUE_INITIAL = (
    "SELECT COALESCE(SUM(f.amount), 0) FROM funds_revenue_forecast f "
    "JOIN funds_revenue_item r ON r.id = f.revenue_item_id "
    "JOIN funds_programme p ON p.id = f.programme_id WHERE p.year = ? AND r.code LIKE ?")
REVENUE_VARIED = (
    "SELECT COALESCE(SUM(l.amount), 0) FROM funds_variation_line l "
    "JOIN funds_variation v ON v.id = l.variation_id "
    "JOIN funds_revenue_item r ON r.id = l.revenue_item_id "
    "WHERE v.year = ? AND l.side = 'E' AND r.code LIKE ?")
SPENDING_INITIAL = (
    "SELECT COALESCE(SUM(f.amount), 0) FROM funds_spending_forecast f "
    "JOIN funds_destination d ON d.id = f.destination_id "
    "JOIN funds_programme p ON p.id = f.programme_id "
    "WHERE p.year = ? AND d.code LIKE ? AND d.code <> 'Z01'")
SPENDING_VARIED = (
    "SELECT COALESCE(SUM(l.amount), 0) FROM funds_variation_line l "
    "JOIN funds_variation v ON v.id = l.variation_id "
    "JOIN funds_destination d ON d.id = l.destination_id "
    "WHERE v.year = ? AND l.side = 'U' AND d.code LIKE ? AND d.code <> 'Z01'")


def sums(path, year: int, like: str, *, revenue: bool) -> tuple[int, int]:
    initial, varied = (REVENUE_INITIAL, REVENUE_VARIED) if revenue else (SPENDING_INITIAL,
                                                                         SPENDING_VARIED)
    return one(path, initial, (year, like)), one(path, varied, (year, like))


# --- Mod. A -----------------------------------------------------------------------------------

def test_mod_a_prints_the_initial_forecasts_and_the_balance(demo_db, demo_path, tmp_path):
    out = build(demo_db, tmp_path, "mod-a", anno=YEAR)
    lines = pdf_lines(out)
    text = pdf_flat(out)
    assert "Programma Annuale 2021 – programmazione iniziale" in text
    assert "nota MIUR prot. 25674 del 20/12/2018" in text and "D.I. 129/2018" in text
    income, _ = sums(demo_path, YEAR, "%", revenue=True)
    spent, _ = sums(demo_path, YEAR, "%", revenue=False)
    assert line(lines, "Totale entrate ") == f"Totale entrate {eur(income)}"
    assert line(lines, "Totale spese ") == f"Totale spese {eur(spent)}"
    assert line(lines, "Z01 ") == f"Z01 Disponibilità finanziaria da programmare " \
                                   f"{eur(income - spent)}"
    assert line(lines, "Totale a pareggio") == f"Totale a pareggio {eur(income)}"
    assert (f"Totale entrate {eur(income)} = totale spese {eur(spent)} + Z01 disponibilità "
            f"da programmare {eur(income - spent)}.") in text
    # every aggregato and every voce with its forecast
    for (aggregate,) in rows(demo_path, "SELECT DISTINCT substr(code, 1, 2) FROM "
                                        "funds_revenue_item"):
        total, _ = sums(demo_path, YEAR, aggregate + "/%", revenue=True)
        assert line(lines, aggregate + " ").endswith(eur(total)), aggregate
    for code, amount in rows(demo_path, "SELECT r.code, f.amount FROM funds_revenue_forecast f "
                                        "JOIN funds_revenue_item r ON r.id = f.revenue_item_id"):
        assert line(lines, code + " ").endswith(eur(amount)), code
    for group in "APRD":
        total, _ = sums(demo_path, YEAR, group + "%", revenue=False)
        assert re.search(rf"^{group} \D+ {re.escape(eur(total))}$",
                         "\n".join(lines), re.M), group
    # the avanzo, both voci even when zero
    free = one(demo_path, REVENUE_INITIAL, (YEAR, "01/01"))
    assert f"Avanzo di amministrazione presunto non vincolato (01/01) {eur(free)}" in text
    assert "Avanzo di amministrazione presunto vincolato (01/02) 0,00 €" in text
    # the iter and the signatures
    proposed, opinion, approved, ref = rows(
        demo_path, "SELECT proposed_on, opinion_on, approved_on, approval_ref "
                   "FROM funds_programme WHERE year = ?", (YEAR,))[0]
    assert f"Proposta della Giunta esecutiva {dmy(proposed)}" in text
    assert f"Parere dei revisori dei conti {dmy(opinion)}" in text
    assert f"Delibera del Consiglio d'istituto {dmy(approved)} – {ref}" in text
    dirigente = one(demo_path, "SELECT person_name FROM dirigente_term ORDER BY id LIMIT 1")
    assert "Il DSGA" in text and "Il Dirigente scolastico" in text and dirigente in text
    assert "pag. 1 di 2" in text and "pag. 2 di 2" in text


def test_mod_a_definitive_adds_the_variations(demo_db, demo_path, tmp_path):
    out = build(demo_db, tmp_path, "mod-a", anno=YEAR, definitiva="sì")
    lines = pdf_lines(out)
    assert "programmazione definitiva" in pdf_flat(out)
    income, income_var = sums(demo_path, YEAR, "%", revenue=True)
    spent, spent_var = sums(demo_path, YEAR, "%", revenue=False)
    assert income_var and spent_var          # the demo has variations
    assert line(lines, "Totale entrate ") == (f"Totale entrate {eur(income)} "
                                              f"{signed(income_var)} {eur(income + income_var)}")
    assert line(lines, "Totale spese ") == (f"Totale spese {eur(spent)} {signed(spent_var)} "
                                            f"{eur(spent + spent_var)}")
    for (code,) in rows(demo_path, "SELECT DISTINCT d.code FROM funds_spending_forecast f "
                                   "JOIN funds_destination d ON d.id = f.destination_id "
                                   "WHERE d.parent_id IS NULL"):
        initial, varied = sums(demo_path, YEAR, code, revenue=False)
        assert line(lines, code + " ").endswith(
            f"{eur(initial)} {signed(varied) if varied else eur(0)} {eur(initial + varied)}")


def test_mod_a_of_a_year_without_programme_names_the_years(demo_db, tmp_path):
    text = pdf_flat(build(demo_db, tmp_path, "mod-a", anno=2026))
    assert "Il Programma Annuale 2026 non è stato predisposto" in text
    assert "Esercizi con Programma Annuale: 2021 (--anno)" in text


def test_definitiva_refuses_an_unknown_value(demo_db, tmp_path):
    from iiss_desktop.domain.errors import DomainError

    with pytest.raises(DomainError, match="--definitiva"):
        build(demo_db, tmp_path, "mod-a", anno=YEAR, definitiva="forse")


# --- Mod. B -----------------------------------------------------------------------------------

def test_mod_b_one_page_group_per_destination(demo_db, demo_path, tmp_path):
    out = build(demo_db, tmp_path, "mod-b", anno=YEAR, definitiva="sì")
    pages = pdf_pages(out)
    codes = [c for (c,) in rows(
        demo_path, "SELECT code FROM funds_destination d WHERE code <> 'Z01' AND ("
                   "EXISTS (SELECT 1 FROM funds_spending_forecast f WHERE f.destination_id = d.id)"
                   " OR EXISTS (SELECT 1 FROM funds_variation_line l "
                   "WHERE l.destination_id = d.id)) ORDER BY code")]
    starts = [p for p in pages if "Scheda illustrativa finanziaria – " in p]
    assert [re.search(r"Scheda illustrativa finanziaria – (\S+)", p).group(1)
            for p in starts] == codes
    assert all("pag. 1 di " in p for p in starts)   # each scheda numbered on its own
    for code in codes:
        page = next(p for p in starts if f"Scheda illustrativa finanziaria – {code} " in p)
        initial, varied = sums(demo_path, YEAR, code, revenue=False)
        assert f"Totale entrate {eur(initial + varied)} = totale spese " \
               f"{eur(initial + varied)}." in page, code
        assert f"Totale spese {eur(initial)} {signed(varied) if varied else eur(0)} " \
               f"{eur(initial + varied)}" in page, code


def test_mod_b_of_a_destination_with_its_variations(demo_db, demo_path, tmp_path):
    out = build(demo_db, tmp_path, "mod-b", anno=YEAR, destinazione="a03", definitiva="sì")
    text = pdf_flat(out)
    assert text.count("Scheda illustrativa finanziaria – ") == 1
    assert "A03 Didattica" in text
    lines = rows(demo_path, "SELECT v.number, v.year, v.kind, l.amount FROM funds_variation_line l "
                            "JOIN funds_variation v ON v.id = l.variation_id JOIN "
                            "funds_destination d ON d.id = l.destination_id WHERE d.code = 'A03' "
                            "ORDER BY v.number")
    assert lines
    for number, year, _kind, amount in lines:
        assert f"{number}/{year} " in text and signed(amount) in text
    total = sum(a for *_x, a in lines)
    assert f"Totale variazioni {signed(total)}" in text
    # the storno from A02 and the revenue of the delibera finance A03
    assert "Storno da A02" in text and "Entrata 06/01" in text
    assert "Variazioni alla scheda (Mod. G)" in text


def test_mod_b_initial_has_one_share_and_no_variations(demo_db, demo_path, tmp_path):
    out = build(demo_db, tmp_path, "mod-b", anno=YEAR, destinazione="A01")
    text = pdf_flat(out)
    initial, _ = sums(demo_path, YEAR, "A01", revenue=False)
    assert f"Entrate del Programma Annuale (previsione iniziale) Programma Annuale " \
           f"{eur(initial)}" in text
    assert f"Totale entrate {eur(initial)} = totale spese {eur(initial)}." in text
    assert "Variazioni alla scheda" not in text and "Decreto n." not in text


def test_mod_b_of_an_unknown_destination_lists_the_schede(demo_db, tmp_path):
    text = pdf_flat(build(demo_db, tmp_path, "mod-b", anno=YEAR, destinazione="Z99"))
    assert "La destinazione «Z99» non ha previsioni nel Programma Annuale 2021" in text
    assert "Destinazioni con scheda: A01, A02, A03" in text


# --- decreto-variazione -----------------------------------------------------------------------

def _variations(path) -> list[tuple]:
    return rows(path, "SELECT id, number, kind, decided_on, act_ref, earmarked_id "
                      "FROM funds_variation WHERE year = ? ORDER BY number", (YEAR,))


def test_every_variation_prints_its_lines_and_resulting_forecasts(demo_db, demo_path,
                                                                  tmp_path):
    variations = _variations(demo_path)
    assert {v[2] for v in variations} >= {"decreto", "storno", "delibera"}
    for vid, number, kind, decided, act, fund in variations:
        out = build(demo_db, tmp_path, "decreto-variazione", anno=YEAR, numero=number)
        text = pdf_flat(out)
        assert "VISTO il D.I. 28 agosto 2018, n. 129" in text and "art. 10" in text
        assert dmy(decided) in text and act in text
        lines = rows(demo_path, "SELECT l.side, COALESCE(r.code, d.code), t.code, l.amount "
                                "FROM funds_variation_line l "
                                "LEFT JOIN funds_revenue_item r ON r.id = l.revenue_item_id "
                                "LEFT JOIN funds_destination d ON d.id = l.destination_id "
                                "LEFT JOIN funds_spending_type t ON t.id = l.spending_type_id "
                                "WHERE l.variation_id = ? ORDER BY l.line_no", (vid,))
        revenue = sum(a for s, *_x, a in lines if s == "E")
        spending = sum(a for s, *_x, a in lines if s == "U")
        assert f"Totale entrate {signed(revenue) if revenue else eur(0)}" in text
        assert f"Totale spese {signed(spending) if spending else eur(0)}" in text
        for side, code, kind_code, amount in lines:
            # the forecast before: initial + the variations numbered before this one
            if side == "E":
                before = one(demo_path, REVENUE_INITIAL, (YEAR, code)) + one(
                    demo_path, REVENUE_VARIED.replace("WHERE v.year = ?",
                                                      "WHERE v.year = ? AND v.number < "
                                                      f"{number}"), (YEAR, code))
                key = code
            else:
                before = one(demo_path, SPENDING_INITIAL + " AND f.spending_type_id = "
                             "(SELECT id FROM funds_spending_type WHERE code = ?)",
                             (YEAR, code, kind_code)) + one(
                    demo_path, SPENDING_VARIED.replace("WHERE v.year = ?",
                                                       f"WHERE v.year = ? AND v.number < {number}")
                    + " AND l.spending_type_id = (SELECT id FROM funds_spending_type "
                      "WHERE code = ?)", (YEAR, code, kind_code))
                key = f"{code}/{kind_code}"
            assert re.search(rf"{re.escape(key)} .*?{re.escape(eur(before))} "
                             rf"{re.escape(signed(amount))} {re.escape(eur(before + amount))}",
                             text), (number, key)
        conoscenza = "da portare a conoscenza del Consiglio d'istituto" in text
        if kind == "delibera":
            assert not conoscenza and "Il Consiglio d'istituto ha deliberato il" in text
            assert f"Variazione al Programma Annuale n. {number}/{YEAR}" in text
        else:
            assert conoscenza and "IL DIRIGENTE SCOLASTICO" in text and "DECRETA" in text
            assert f"Decreto di variazione al Programma Annuale n. {number}/{YEAR}" in text
            assert "Prot. n." in text
        if fund is not None:
            name, basis, note = rows(demo_path, "SELECT name, legal_basis, note FROM "
                                                "funds_earmarked WHERE id = ?", (fund,))[0]
            assert f"«{name}»" in text and basis in text and note in text


def test_the_decree_defaults_to_the_last_variation_of_the_year(demo_db, demo_path, tmp_path):
    last = max(v[1] for v in _variations(demo_path))
    text = pdf_flat(build(demo_db, tmp_path, "decreto-variazione", anno=YEAR))
    assert f"n. {last}/{YEAR}" in text
    vid = next(v[0] for v in _variations(demo_path) if v[1] == 1)
    text = pdf_flat(build(demo_db, tmp_path, "decreto-variazione", id=vid))
    assert f"n. 1/{YEAR}" in text
    text = pdf_flat(build(demo_db, tmp_path, "decreto-variazione", anno=YEAR, numero=99))
    assert f"Nessuna variazione al Programma Annuale n. 99/{YEAR}" in text
    assert f"--anno {YEAR} --numero {last}" in text


# --- variazioni (Mod. F / G) ------------------------------------------------------------------

def test_the_variations_of_the_year_with_their_totals(demo_db, demo_path, tmp_path):
    out = build(demo_db, tmp_path, "variazioni", anno=YEAR)
    text = pdf_flat(out)
    n = len(_variations(demo_path))
    _, revenue = sums(demo_path, YEAR, "%", revenue=True)
    _, spending = sums(demo_path, YEAR, "%", revenue=False)
    assert f"Totale ({n} variazioni) {signed(revenue)} {signed(spending)}" in text
    for code, initial, varied in rows(
            demo_path, "SELECT r.code, (SELECT COALESCE(SUM(f.amount), 0) FROM "
                       "funds_revenue_forecast f WHERE f.revenue_item_id = r.id), "
                       "SUM(l.amount) FROM funds_variation_line l JOIN funds_revenue_item r "
                       "ON r.id = l.revenue_item_id GROUP BY r.code"):
        assert re.search(rf"{code} \D+ {re.escape(eur(initial))} {re.escape(signed(varied))} "
                         rf"{re.escape(eur(initial + varied))}", text), code
    for code, varied in rows(demo_path, "SELECT d.code, SUM(l.amount) FROM "
                                        "funds_variation_line l JOIN funds_destination d ON "
                                        "d.id = l.destination_id GROUP BY d.code"):
        initial, _ = sums(demo_path, YEAR, code, revenue=False)
        assert re.search(rf"{code} \D+ {re.escape(eur(initial))} {re.escape(signed(varied))} "
                         rf"{re.escape(eur(initial + varied))}", text), code
    assert "(Mod. F)" in text and "(Mod. G)" in text
    assert "il Programma Annuale resta in equilibrio" in text


# --- rendiconto-fondo -------------------------------------------------------------------------

def test_the_rendiconto_of_the_demo_fund(demo_db, demo_path, tmp_path):
    out = build(demo_db, tmp_path, "rendiconto-fondo", anno=YEAR)
    text = pdf_flat(out)
    fid, name, basis, note, amount, use_by = rows(
        demo_path, "SELECT id, name, legal_basis, note, amount, use_by FROM funds_earmarked")[0]
    assert f"Rendiconto del finanziamento «{name}»" in text
    assert f"Base normativa {basis}" in text and note in text
    assert f"Importo assegnato {eur(amount)}" in text
    per_type = rows(demo_path, "SELECT t.code, SUM(c.amount), "
                               "SUM((SELECT COALESCE(SUM(l.amount), 0) FROM funds_liquidation l "
                               "WHERE l.commitment_id = c.id)), "
                               "SUM((SELECT COALESCE(SUM(m.amount), 0) FROM funds_payment_order m"
                               " WHERE m.commitment_id = c.id)) FROM funds_commitment c "
                               "JOIN funds_spending_type t ON t.id = c.spending_type_id "
                               "WHERE c.earmarked_id = ? GROUP BY t.code", (fid,))
    for code, committed, liquidated, paid in per_type:
        assert re.search(rf"{code} \D+ sì {re.escape(eur(committed))} "
                         rf"{re.escape(eur(liquidated))} {re.escape(eur(paid))}", text), code
    committed = sum(r[1] for r in per_type)
    assert (f"Totale {eur(committed)} {eur(sum(r[2] for r in per_type))} "
            f"{eur(sum(r[3] for r in per_type))}") in text
    restituted, number, year, issued = rows(
        demo_path, "SELECT x.amount, m.number, m.year, m.issued_on FROM funds_restitution x "
                   "JOIN funds_payment_order m ON m.id = x.payment_order_id "
                   "WHERE x.earmarked_id = ?", (fid,))[0]
    assert f"n. {number}/{year} del {dmy(issued)}" in text
    assert f"Restituito {eur(restituted)}" in text
    assert f"Non utilizzato (assegnato − impegnato − restituito) " \
           f"{eur(amount - committed - restituted)}" in text
    assert f"Il termine per l'utilizzo ({dmy(use_by)}) è scaduto" in text
    assert "Tipi di spesa ammessi 02 Beni di consumo, 03 " in text


def test_the_rendiconto_by_fund_id_or_name(demo_db, demo_path, tmp_path):
    fid = one(demo_path, "SELECT id FROM funds_earmarked")
    assert "Rendiconto del finanziamento «" in pdf_flat(
        build(demo_db, tmp_path, "rendiconto-fondo", anno=YEAR, fondo=str(fid)))
    assert "Rendiconto del finanziamento «" in pdf_flat(
        build(demo_db, tmp_path, "rendiconto-fondo", anno=YEAR, fondo="dl 41"))
    text = pdf_flat(build(demo_db, tmp_path, "rendiconto-fondo", anno=YEAR, fondo="PON"))
    assert "Nessun finanziamento vincolato «PON» nel Programma Annuale 2021" in text


# --- a fresh archive: the school's own projects, a fund still open ---------------------------

def test_third_level_projects_and_an_open_fund(db, db_path, tmp_path):
    from iiss_desktop.services.funds.programme import (
        EarmarkedInput,
        record_earmarked_fund,
        save_own_destination,
    )
    from tests.services.funds.helpers import SPENDING, approved_programme
    from tests.services.funds.helpers import YEAR as FRESH

    save_own_destination(db, "A03/1", "Laboratorio teatrale")
    spending = {**SPENDING, ("A03", "02"): D("9000.00"), ("A03/1", "03"): D("1000.00")}
    approved_programme(db, spending=spending)
    record_earmarked_fund(db, EarmarkedInput(
        FRESH, "Fondi per il PNRR", "DM 170/2022", D("2500.00"), date(FRESH, 3, 2), "A03/1",
        ("03",), date(FRESH + 1, 6, 30), report_by=date(FRESH + 1, 9, 30)))
    lines = pdf_lines(build(db, tmp_path, "mod-a", anno=FRESH, definitiva="sì"))
    a03, a03_var = sums(db_path, FRESH, "A03%", revenue=False)
    own, own_var = sums(db_path, FRESH, "A03/1", revenue=False)
    assert line(lines, "A03 ").endswith(f"{eur(a03)} {signed(a03_var)} {eur(a03 + a03_var)}")
    assert line(lines, "A03/1 ") == (f"A03/1 Laboratorio teatrale {eur(own)} {signed(own_var)} "
                                     f"{eur(own + own_var)}")
    # Z01 has a forecast of its own in this archive: it is what is not programmed
    income, income_var = sums(db_path, FRESH, "%", revenue=True)
    spent, spent_var = sums(db_path, FRESH, "%", revenue=False)
    assert line(lines, "Z01 ").endswith(eur(income + income_var - spent - spent_var))
    text = pdf_flat(build(db, tmp_path, "rendiconto-fondo", anno=FRESH))
    assert "non è ancora scaduto" in text and f"restano da impegnare {eur(250000)}" in text
    assert "Nessun impegno sul finanziamento." in text
    assert "Nessuna restituzione registrata." in text
    scheda = pdf_flat(build(db, tmp_path, "mod-b", anno=FRESH, destinazione="A03/1",
                            definitiva="sì"))
    assert "Sotto la destinazione A03 Didattica" in scheda
    assert "Fondi per il PNRR (DM 170/2022)" in scheda


# --- every budget print of the demo fits its cells -------------------------------------------

PRINTS = [("mod-a", {}), ("mod-a", {"definitiva": "sì"}), ("mod-b", {}),
          ("mod-b", {"definitiva": "sì"}), ("decreto-variazione", {"numero": 1}),
          ("decreto-variazione", {"numero": 2}), ("decreto-variazione", {"numero": 3}),
          ("variazioni", {}), ("rendiconto-fondo", {})]


def test_every_budget_print_of_the_demo_fits(demo_db, tmp_path, recorder):  # noqa: F811
    found = {}
    for i, (name, options) in enumerate(PRINTS):
        before = len(recorder.overflows)
        get_report(name).build(demo_db, tmp_path / f"{i}.pdf", anno=YEAR, **options)
        if len(recorder.overflows) > before:
            found[(name, str(options))] = recorder.overflows[before:]
    assert not found, found
