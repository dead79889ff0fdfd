"""CIG (10 letters and digits, ANAC) and CUP (15 letters and digits, DIPE) on a carico: the
messages are written by hand, as the clerk reads them next to the field."""
from __future__ import annotations

import pytest

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.domain.procurement_codes import normalize_cig, normalize_cup


@pytest.mark.parametrize("typed,stored", [
    ("Z1A2B3C4D5", "Z1A2B3C4D5"),
    ("  z1a2b3c4d5 ", "Z1A2B3C4D5"),      # trimmed and upper-cased
    ("7890123456", "7890123456"),          # digits only are letters-and-digits too
    ("", ""),                              # optional: a donation has no CIG
    ("   ", ""),
    (None, ""),
])
def test_a_cig_is_trimmed_and_upper_cased(typed, stored):
    assert normalize_cig(typed) == stored


@pytest.mark.parametrize("typed,stored", [
    ("B12C34000000001", "B12C34000000001"),
    (" b12c34000000001\t", "B12C34000000001"),
    ("", ""),
])
def test_a_cup_is_trimmed_and_upper_cased(typed, stored):
    assert normalize_cup(typed) == stored


@pytest.mark.parametrize("typed,message", [
    ("Z1A2B", "CIG: attesi 10 caratteri tra lettere e cifre, trovato «Z1A2B» (5 caratteri)."),
    ("Z1A2B3C4D5E",
     "CIG: attesi 10 caratteri tra lettere e cifre, trovato «Z1A2B3C4D5E» (11 caratteri)."),
    ("Z1A2B-C4D5", "CIG: attesi 10 caratteri tra lettere e cifre, trovato «Z1A2B-C4D5»."),
    ("Z1A2B C4D5", "CIG: attesi 10 caratteri tra lettere e cifre, trovato «Z1A2B C4D5»."),
    ("Z1A2BÀC4D5", "CIG: attesi 10 caratteri tra lettere e cifre, trovato «Z1A2BÀC4D5»."),
])
def test_a_wrong_cig_names_the_field_and_what_was_typed(typed, message):
    with pytest.raises(ValidationError) as info:
        normalize_cig(typed)
    assert info.value.errors == {"cig": message}


@pytest.mark.parametrize("typed,message", [
    ("B12C3400000000",
     "CUP: attesi 15 caratteri tra lettere e cifre, trovato «B12C3400000000» (14 caratteri)."),
    ("B12C34/00000001", "CUP: attesi 15 caratteri tra lettere e cifre, trovato "
                        "«B12C34/00000001»."),
    ("Z1A2B3C4D5", "CUP: attesi 15 caratteri tra lettere e cifre, trovato «Z1A2B3C4D5» "
                   "(10 caratteri)."),     # a CIG typed in the CUP field
])
def test_a_wrong_cup_names_the_field_and_what_was_typed(typed, message):
    with pytest.raises(ValidationError) as info:
        normalize_cup(typed)
    assert info.value.errors == {"cup": message}


def test_a_pasted_paragraph_is_shown_cut():
    with pytest.raises(ValidationError) as info:
        normalize_cig("x" * 60)
    assert info.value.errors["cig"] == ("CIG: attesi 10 caratteri tra lettere e cifre, trovato "
                                        f"«{'x' * 40}…» (60 caratteri).")
