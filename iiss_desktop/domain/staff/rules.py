"""The schedule rules, declared once: code, Italian title, source and how sure domain.md is of
it ([C] confirmed, [C-3p] confirmed by a third party only, [U] unconfirmed or domain.md silent:
a choice of ours, as a DSGA would expect it).

A check returns :class:`Problem` rows: the rule, the person, the day and cell it concerns and an
Italian explanation naming day, figures and source, ready to show next to the roster cell.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    source: str
    confidence: str          # "C", "C-3p" or "U"


RULES: dict[str, Rule] = {r.code: r for r in (
    Rule("max_giornaliero", "Massimo 9 ore al giorno, comprese le prestazioni aggiuntive",
         "art. 51 CCNL 29/11/2007", "C"),
    Rule("pausa_obbligatoria", "Pausa di almeno 30 minuti oltre 7 h 12 min continuative",
         "art. 51 CCNL 29/11/2007", "C"),
    Rule("pausa_richiesta", "Pausa di almeno 30 minuti, richiesta dal dipendente, oltre 6 ore "
         "continuative", "art. 51 CCNL 29/11/2007", "C"),
    Rule("plurisettimanale_42", "Orario plurisettimanale: al massimo 42 ore settimanali",
         "art. 53 CCNL 29/11/2007", "C-3p"),
    Rule("plurisettimanale_consecutive", "Orario plurisettimanale: non più di 3 settimane "
         "consecutive", "art. 53 CCNL 29/11/2007", "C-3p"),
    Rule("plurisettimanale_anno", "Orario plurisettimanale: al massimo 13 settimane nell'anno "
         "scolastico", "art. 53 CCNL 29/11/2007", "C-3p"),
    Rule("plurisettimanale_recupero", "Orario plurisettimanale: ore in più recuperate con "
         "giornate più brevi o meno giorni lavorativi", "art. 53 CCNL 29/11/2007", "C-3p"),
    Rule("ore_contratto", "Ore settimanali pari a quelle del contratto (36, 35 con l'art. 55, "
         "o la percentuale del part-time)", "artt. 51 e 55 CCNL 29/11/2007", "C"),
    Rule("art55_apertura", "35 ore per l'apertura oltre 10 ore al giorno: almeno 3 giorni a "
         "settimana", "art. 55 CCNL 29/11/2007", "C"),
    Rule("turno_serale", "Turni oltre le 20:00 solo per specifiche esigenze didattiche o "
         "funzionali, indicate", "art. 53 CCNL 29/11/2007 (turnazione)", "C-3p"),
    Rule("fuori_contratto", "Servizio solo nei giorni di un contratto in corso",
         "contratto individuale di lavoro (CCNL 2019-21 art. 7)", "U"),
    Rule("copertura_plesso", "Plesso coperto in tutto il suo orario di apertura",
         "Piano delle attività, art. 53 c.1 CCNL 29/11/2007 (orario funzionale all'apertura)",
         "U"),
    Rule("agile_profilo", "Lavoro agile solo per assistenti amministrativi, assistenti tecnici "
         "e DSGA", "CCNL 2019-21 artt. 10-16", "C-3p"),
    Rule("agile_accordo", "Lavoro agile solo nei giorni dell'accordo individuale",
         "CCNL 2019-21 art. 13", "C"),
    Rule("agile_istituti", "Nel giorno di lavoro agile niente straordinario, riposi "
         "compensativi o permessi brevi", "Circolare Funzione pubblica n. 2 dell'1/4/2020", "U"),
)}


@dataclass(frozen=True)
class Problem:
    """One rule broken, where: ``day`` (None for a rule over the year), ``cell`` a short label
    of the roster cell or band ("08:00–15:30", "settimana dal 14/09/2026"), ``message`` the
    Italian explanation, already naming the rule's source."""

    rule: str
    person_id: int | str | None
    day: date | None
    cell: str
    message: str

    @property
    def source(self) -> str:
        return RULES[self.rule].source

    @property
    def confidence(self) -> str:
        return RULES[self.rule].confidence


def problem(rule: str, person_id, day: date | None, cell: str, text: str) -> Problem:
    """``text`` says what is wrong; the rule's source is appended in parentheses."""
    return Problem(rule, person_id, day, cell, f"{text} ({RULES[rule].source}).")
