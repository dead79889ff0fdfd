"""Text helpers: the accent-insensitive sort key and the first letter after a colon."""
from __future__ import annotations

from iiss_desktop.domain.text import fold, lower_first, sort_key
from iiss_desktop.reports import wording


def test_fold_and_sort_key_ignore_accents_and_case():
    assert fold("Țurcanu") == "turcanu" and fold("Città") == "citta"
    assert sorted(["Zeta", "Àlfa", "beta"], key=sort_key) == ["Àlfa", "beta", "Zeta"]


def test_lower_first_lowers_an_ordinary_word_only():
    # Service messages placed after "Riga 2: " or "Scorta minima: ".
    assert lower_first("La quantità deve essere maggiore di zero.") == \
        "la quantità deve essere maggiore di zero."
    assert lower_first("Il DSGA non è in servizio.") == "il DSGA non è in servizio."
    assert lower_first("L'articolo non esiste.") == "l'articolo non esiste."
    # Kept as typed: acronyms, a single capital, proper names, nothing at all.
    assert lower_first("DPI scaduti") == "DPI scaduti"
    assert lower_first("I beni") == "I beni"
    assert lower_first("Giulia Serra ha firmato") == "Giulia Serra ha firmato"
    assert lower_first("") == "" and lower_first(None) == ""


def test_the_prints_use_the_same_helper():
    assert wording.lower_first is lower_first
