"""Issue 12 item 8: the giacenze reconcile, the prospetto says the day it is as of. Expected
figures come from plain SQL on the demo."""
from __future__ import annotations

from datetime import date, timedelta

from iiss_desktop.domain.dates import format_date
from iiss_desktop.domain.money import format_cents
from iiss_desktop.reports.catalog import get_report
from tests.helpers.pdf import pdf_flat


def _eur(cents: int) -> str:
    return format_cents(cents).replace("\xa0", " ")


def test_giacenze_reconcile_opening_carichi_scarichi_and_closing(demo_db, tmp_path):
    today = date.today()
    start = date(today.year, 1, 1)
    with demo_db.read_engine.connect() as conn:
        store_id, name = conn.exec_driver_sql(
            "SELECT id, name FROM warehouse_storeroom ORDER BY id LIMIT 1").first()
        lines = conn.exec_driver_sql(
            "SELECT movement_date, value_cents FROM warehouse_movement_line "
            "WHERE storeroom_id = ?", (store_id,)).fetchall()
    days = [(date.fromisoformat(str(d)[:10]), int(v)) for d, v in lines]
    opening = sum(v for d, v in days if d < start)
    plus = sum(v for d, v in days if start <= d <= today and v > 0)
    minus = -sum(v for d, v in days if start <= d <= today and v < 0)
    closing = sum(v for d, v in days if d <= today)
    assert opening + plus - minus == closing and plus and minus
    out = get_report("giacenze-magazzino").build(demo_db, tmp_path / "g.pdf")
    text = pdf_flat(out, layout=False)
    section = text[text.index(name):]
    assert f"Esistenza iniziale al {format_date(start - timedelta(days=1))} {_eur(opening)}" \
        in section
    assert _eur(plus) in section and _eur(minus) in section
    assert f"= Esistenza finale al {format_date(today)} {_eur(closing)}" in section
    assert "esistenza iniziale + carichi − scarichi = esistenza finale" in section


def test_prospetto_of_the_current_year_is_as_of_today_a_past_one_as_of_31_december(demo_db,
                                                                                 tmp_path):
    today = date.today()
    spec = get_report("prospetto-subconsegnatario")
    now = pdf_flat(spec.build(demo_db, tmp_path / "p.pdf", plesso="PRIM", anno=today.year),
                   layout=False)
    assert f"consistenza al {format_date(today)}" in now
    assert f"situazione al {format_date(today)}" in now
    if today != date(today.year, 12, 31):
        assert "31 dicembre" not in now
    past = pdf_flat(spec.build(demo_db, tmp_path / "q.pdf", plesso="PRIM", anno=today.year - 1),
                    layout=False)
    assert f"consistenza al 31 dicembre {today.year - 1}" in past


def test_labels_carry_the_school_name_and_start_at_the_first_free_label(demo_db, tmp_path):
    import pytest

    from iiss_desktop.domain.errors import DomainError
    from tests.helpers.pdf import pdf_pages

    with demo_db.read_engine.connect() as conn:
        (school,) = conn.exec_driver_sql(
            "SELECT denominazione FROM school").first()
    spec = get_report("etichette")
    full = pdf_pages(spec.build(demo_db, tmp_path / "a.pdf", registro="inv-mobili"))
    assert school[:20] in full[0]
    # The last label of a 3x8 sheet: one label on the first page, the next on a new sheet.
    late = pdf_pages(spec.build(demo_db, tmp_path / "b.pdf", registro="inv-mobili",
                                inizio=24))
    assert "N. 1 " in late[0] + " " and "N. 2 " not in late[0] + " "
    assert "N. 2 " in late[1]
    with pytest.raises(DomainError, match="da 1 a 24"):
        spec.build(demo_db, tmp_path / "c.pdf", registro="inv-mobili", inizio=25)


PROTOCOL_PRINTS = {"buono-carico", "verbale-affidamento", "verbale-riconsegna",
                   "decreto-discarico", "buono-scarico", "avviso-vendita", "contratto-comodato",
                   "verbale-consegna-comodato", "verbale-restituzione-comodato",
                   "verbale-passaggio", "buono-versamento", "buono-prelevamento"}


def test_every_document_for_the_protocol_has_the_prot_field_and_registers_do_not(demo_db,
                                                                                 tmp_path):
    from tests.reports.demo_prints import demo_print_options

    seen = set()
    for label, name, options in demo_print_options(demo_db):
        if name not in PROTOCOL_PRINTS and name not in ("registro", "giacenze-magazzino"):
            continue
        path = get_report(name).build(demo_db, tmp_path / f"{len(seen)}.pdf", **options)
        first = pdf_flat(path, layout=False)[:1500]
        has = "Prot. n. ______________ del ____/____/________" in first
        assert has == (name in PROTOCOL_PRINTS), label
        seen.add(name)
    assert PROTOCOL_PRINTS <= seen


def test_riepilogo_counts_inventory_values_and_states_the_rules_with_their_source(demo_db,
                                                                                tmp_path):
    """The conto del patrimonio takes the valore di inventario (art. 32, updated only by the
    rinnovo), not the value net of ammortamento; a discharged good leaves at its decree."""
    with demo_db.read_engine.connect() as conn:
        (closing,) = conn.exec_driver_sql(
            "SELECT SUM(i.value) FROM inventory_item i JOIN register_entry e "
            "ON e.id = i.entry_id WHERE i.register NOT IN ('inv-terzi', 'inv-durevoli') "
            "AND e.entry_date <= date('now') AND NOT EXISTS (SELECT 1 FROM register_entry a "
            "WHERE a.annuls_id = e.id) AND NOT EXISTS (SELECT 1 FROM inventory_discharge_item x "
            "JOIN inventory_discharge d ON d.id = x.discharge_id WHERE x.item_id = i.id "
            "AND d.decree_date <= date('now'))").first()
    year = date.today().year
    text = pdf_flat(get_report("riepilogo-inventari").build(demo_db, tmp_path / "r.pdf",
                                                            anno=year), layout=False)
    assert "Totale del patrimonio" in text
    assert _eur(closing) in text
    assert "valore di inventario, cioè al valore di carico dell'art. 32 del D.I. 129/2018" in text
    assert "non entra nel conto del patrimonio" in text
    assert "Nota M.I. 4083/2021" in text and "rinnovo degli inventari" in text
    assert "alla data del decreto di discarico del Dirigente Scolastico (art. 33 c.1" in text
    assert "non alla data del buono di scarico" in text
