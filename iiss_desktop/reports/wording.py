"""The Italian of the printed documents: small helpers shared by the prints.

- :func:`lower_first` (from ``domain.text``): a free text typed by the clerk ("Furto nel
  laboratorio…") placed after a colon or a semicolon starts with a lowercase letter, unless it
  starts with a proper name ("Informatica Usata Srl") or an acronym ("PC", "DSGA").
- :func:`with_article`: "affida alla Prof.ssa Giulia Serra", "al Sig. Mario Bianchi", "a Tomáš
  Dvořák": the article a name with a title takes in a sentence.
- :func:`dsga_on`, :func:`dirigente_on`: the DSGA (consegnatario) and the dirigente
  scolastico in office on the day of a document, so that a document printed again years
  later keeps the signatories it had.
"""
from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from ..domain.text import lower_first  # the prints import it from here too

if TYPE_CHECKING:
    from ..db.engine import Database

# Title -> gender of the article ("f", "m", or "v" for a title starting with a vowel).
_TITLES = {
    "prof.ssa": "f", "dott.ssa": "f", "sig.ra": "f", "sig.na": "f", "maestra": "f",
    "prof.": "m", "dott.": "m", "sig.": "m", "maestro": "m", "dr.": "m",
    "ins.": "v", "ing.": "v", "avv.": "v", "arch.": "v", "on.": "v",
}
_ARTICLES = {
    # preposition: (feminine, masculine, before a vowel)
    "": ("la ", "il ", "l'"),
    "a": ("alla ", "al ", "all'"),
    "da": ("dalla ", "dal ", "dall'"),
    "di": ("della ", "del ", "dell'"),
    "con": ("con la ", "con il ", "con l'"),
}


_SEMICOLON = re.compile(r"(;\s+)(\S[^;]*)")


def lower_after_semicolons(text: str) -> str:
    """"stato: inservibile; Struttura spezzata" -> "stato: inservibile; struttura spezzata"."""
    return _SEMICOLON.sub(lambda m: m.group(1) + lower_first(m.group(2)), text or "")


def with_article(name: str, preposition: str = "") -> str:
    """``name`` with the article (joined to ``preposition``: "", "a", "da", "di", "con") that
    its title asks for; a name without a title takes none ("a Tomáš Dvořák")."""
    name = (name or "").strip()
    title = name.split(" ", 1)[0].casefold()
    kind = _TITLES.get(title)
    if kind is None:
        return f"{preposition} {name}".strip()
    fem, masc, vowel = _ARTICLES.get(preposition, _ARTICLES[""])
    return {"f": fem, "m": masc, "v": vowel}[kind] + name


def dsga_on(db: Database, day: date, fallback: str = "") -> str:
    """The consegnatario (DSGA) in office on ``day``.

    Without any consegnatario recorded (an archive where the appointments were never
    entered) the DSGA of the school's data (``fallback``); with appointments recorded but none
    covering ``day`` (a document older than the first recorded DSGA), "": the name is left
    blank rather than printing a DSGA who was not in office.
    """
    from ..queries.inventory.custody import list_roles

    roles = [r for r in list_roles(db) if r.role == "consegnatario"]
    if not roles:
        return fallback
    for r in roles:
        if r.started_on <= day and (r.ended_on is None or r.ended_on >= day):
            return r.person_name
    return ""


def dirigente_on(db: Database, day: date, fallback: str = "") -> str:
    """The dirigente scolastico in office on ``day`` (see queries.school.dirigente_on)."""
    from ..queries.school import dirigente_on as holder

    return holder(db, day, fallback)


BLANK_NAME = "_" * 24
