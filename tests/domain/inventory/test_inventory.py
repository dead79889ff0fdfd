"""Inventory rules computed by hand from art. 31 c.5-6 D.I. 129/2018 and the Linee guida."""
from decimal import Decimal

import pytest

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.domain.inventory.carico import destination, value_with_vat
from iiss_desktop.domain.inventory.registers import DURABLE_REGISTER
from iiss_desktop.domain.inventory.valuation import residual_value

D = Decimal


def test_a_good_worth_more_than_200_euro_is_inventoried():
    dest = destination(category_register="inv-mobili", nature="bene", unit_value=D("200.01"))
    assert dest.register == "inv-mobili" and dest.inventoried


def test_200_euro_exactly_goes_to_the_durable_register():
    # "beni di valore pari o inferiore a 200 euro, IVA compresa": 200,00 is not inventoried.
    dest = destination(category_register="inv-mobili", nature="bene", unit_value=D("200.00"))
    assert dest.register == DURABLE_REGISTER and not dest.inventoried


def test_chairs_bought_together_form_a_universalita():
    # 24 chairs at 45,00 € = 1.080,00 € > 200 € as a set: each chair is inventoried.
    dest = destination(category_register="inv-mobili", nature="bene", unit_value=D("45.00"),
                       universalita_value=D("45.00") * 24)
    assert dest.register == "inv-mobili"
    # Four of them (180,00 €) are not a universalità above the threshold.
    small = destination(category_register="inv-mobili", nature="bene", unit_value=D("45.00"),
                        universalita_value=D("180.00"))
    assert small.register == DURABLE_REGISTER


@pytest.mark.parametrize("nature", ["consumo", "periodico", "biblioteca_classe", "licenza"])
def test_goods_the_law_excludes_are_not_recorded_whatever_their_value(nature):
    dest = destination(category_register="inv-mobili", nature=nature, unit_value=D("5000"))
    assert dest.register is None and "non si inventaria" in dest.reason


def test_third_party_goods_always_go_to_their_register():
    dest = destination(category_register="inv-terzi", nature="bene", unit_value=D("50"))
    assert dest.register == "inv-terzi"


def test_unknown_register_or_nature_is_refused():
    with pytest.raises(ValidationError):
        destination(category_register="inv-boh", nature="bene", unit_value=D("500"))
    with pytest.raises(ValidationError):
        destination(category_register="inv-mobili", nature="boh", unit_value=D("500"))


def test_value_includes_vat_for_institutional_purchases():
    assert value_with_vat(D("100.00"), D("22"), commercial=False) == D("122.00")
    # 163,93 × 1,22 = 199,9946 → 199,99 €: still not above the 200 € threshold.
    assert value_with_vat(D("163.93"), D("22"), commercial=False) == D("199.99")
    assert value_with_vat(D("163.93"), D("22"), commercial=True) == D("163.93")


def test_straight_line_ammortamento():
    # Hardware 25 %: 1.000 € after 1 year 750, after 3 years 250, after 5 years 0 (not negative).
    assert residual_value(D("1000"), D("25"), 1) == D("750.00")
    assert residual_value(D("1000"), D("25"), 3) == D("250.00")
    assert residual_value(D("1000"), D("25"), 5) == D("0.00")
    assert residual_value(D("1000"), D("25"), 0) == D("1000.00")


def test_label_codes_round_trip_and_foreign_labels_are_refused():
    from iiss_desktop.domain.inventory.labels import label_code, parse_label

    code = label_code("rmic86400x", "inv-mobili", 12)
    assert code == "RMIC86400X-MOB-000012"
    assert parse_label(" rmic86400x-mob-000012 ", "RMIC86400X") == ("inv-mobili", 12)
    with pytest.raises(ValidationError) as info:
        parse_label("RMIC99900Z-MOB-000012", "RMIC86400X")
    assert "altro istituto" in info.value.errors["label"]
    for bad in ("8001234567890", "RMIC86400X-XYZ-000001", "RMIC86400X-MOB-12A", ""):
        with pytest.raises(ValidationError):
            parse_label(bad, "RMIC86400X")


def test_room_check_classifies_a_scanned_sequence():
    from iiss_desktop.domain.inventory.ricognizione import RicognizioneScan

    school = "RMIC86400X"
    check = RicognizioneScan.start(7, expected={("inv-mobili", 1): "PC", ("inv-mobili", 2): "PC",
                                         ("inv-mobili", 3): "LIM"},
                            elsewhere={("inv-mobili", 9): "Stampante (Segreteria)"})
    results = [check.scan(s, school) for s in (
        "RMIC86400X-MOB-000001", "RMIC86400X-MOB-000001",   # read twice by the scanner
        "RMIC86400X-MOB-000009",                            # registered in another room
        "RMIC86400X-MOB-000077",                            # ours, but not in the registers
        "4006381333931",                                    # a product barcode, not ours
        "RMIC86400X-MOB-000003")]
    assert results == ["trovato", "ripetuto", "altrove", "sconosciuto", "sconosciuto",
                       "trovato"]
    assert check.found == [("inv-mobili", 1), ("inv-mobili", 3)]
    assert check.found_elsewhere == [("inv-mobili", 9)]
    assert check.missing == [("inv-mobili", 2)]
    assert check.unknown == ["RMIC86400X-MOB-000077", "4006381333931"]


def test_good_ref_reads_after_the_word_bene_without_nested_parentheses():
    from iiss_desktop.domain.inventory.registers import good_ref, item_label

    assert good_ref("inv-mobili", 40) == "n. 40 (beni mobili)"
    assert good_ref("inv-terzi", 3) == "n. 3 (beni di terzi)"
    assert good_ref("inv-mobili.2026", 40) == "n. 40 (beni mobili, rinnovo 2026)"
    assert good_ref("inv-durevoli", 7) == "n. 7 (beni durevoli)"
    # item_label stays the name of the good on its own (lists, contracts, PDFs).
    assert item_label("inv-mobili.2026", 40) == "beni mobili (rinnovo 2026) n. 40"


def test_the_cause_of_a_discarico_reads_well_inside_a_sentence_and_old_labels_still_import():
    from iiss_desktop.domain.inventory.discharge import cause_phrase
    from iiss_desktop.domain.inventory.import_ import cause_from_text

    # "Scaricato con decreto n. 12 del 10/01/2024 (inservibilità)": no nested parentheses.
    assert [cause_phrase(c) for c in ("furto", "inservibilita", "cessione")] == [
        "furto", "inservibilità", "cessione"]
    # A direct cession (art. 34 c.4) may be for a price: the cause is no longer "gratuita",
    # but files exported with the old label are still read.
    assert cause_from_text("Cessione (art. 34)") == "cessione"
    assert cause_from_text("cessione  GRATUITA") == "cessione"
