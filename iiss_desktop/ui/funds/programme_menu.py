"""The «Programma Annuale» menu of the Fondi tab: a new proposal for a year, its iter (parere
dei revisori, delibera del Consiglio d'istituto with its dates and reference), the import of
its forecasts from the program used before (ui/funds/programme_import.py), the acts after the
delibera (ui/funds/budget_acts.py) and the deadlines with their extensions."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import partial

from ...areas.funds import COMMIT, DECREE, LIQUIDATE, PROGRAMME, VARY
from ...domain.funds.rules import RESERVE_LIMIT_PERCENT
from ...services.funds.programme import advance_programme, create_programme
from ..common.dialogs import report_errors
from ..common.form import FieldSpec, FormDialog
from ..common.status import confirm

MENU = "Programma Annuale"


def add_programme_menu(tab) -> None:
    from .programme_import import open_import, open_residui_import

    tab.add_action("Nuovo Programma Annuale…", partial(new_programme, tab), menu=MENU,
                   permission=PROGRAMME,
                   tooltip="La proposta del Programma Annuale di un esercizio, con il piano dei "
                           "conti")
    tab.add_action("Importa il Programma Annuale…", partial(open_import, tab), menu=MENU,
                   shortcut="Ctrl+I", permission=PROGRAMME,
                   tooltip="Le previsioni dell'anno da un file CSV o Excel del programma usato "
                           "in precedenza, controllate prima di importare")
    tab.add_action("Importa i residui…", partial(open_residui_import, tab), menu=MENU,
                   permission=PROGRAMME,
                   tooltip="I residui attivi e passivi dell'esercizio dal programma usato in "
                           "precedenza, controllati prima di importare")
    tab.add_action("Parere dei revisori…", partial(record_opinion, tab), menu=MENU,
                   permission=PROGRAMME,
                   tooltip="La data del parere dei revisori dei conti sul Programma Annuale "
                           "dell'esercizio mostrato")
    tab.add_action("Delibera del Consiglio d'istituto…", partial(record_approval, tab),
                   menu=MENU, permission=PROGRAMME,
                   tooltip="L'approvazione del Programma Annuale dell'esercizio mostrato: "
                           "data ed estremi della delibera")
    from .budget_acts import new_earmarked_fund, new_own_destination, new_variation

    tab.add_action("Variazione…", partial(new_variation, tab), menu=MENU,
                   shortcut="Ctrl+Shift+V", permission=VARY,
                   tooltip="Decreto, delibera, storno o prelievo dal fondo di riserva (Mod. "
                           "F/G), con le sue righe")
    tab.add_action("Finanziamento vincolato…", partial(new_earmarked_fund, tab), menu=MENU,
                   shortcut="Ctrl+Shift+F", permission=DECREE,
                   tooltip="Un finanziamento con la sua norma, i tipi di spesa ammessi e i "
                           "termini, assunto in bilancio con decreto del dirigente")
    from .restitution import new_restitution, pay

    tab.add_action("Impegno di restituzione…", partial(new_restitution, tab), menu=MENU,
                   shortcut="Ctrl+Shift+O", permission=COMMIT,
                   tooltip="Il dirigente impegna la restituzione al Ministero della parte non "
                           "utilizzata di un finanziamento vincolato")
    tab.add_action("Mandato di restituzione…", partial(pay, tab), menu=MENU,
                   shortcut="Ctrl+Shift+J", permission=LIQUIDATE,
                   tooltip="Il DSGA liquida e paga la restituzione impegnata, sul conto indicato "
                           "dal Ministero")
    tab.add_action("Attività o progetto della scuola…", partial(new_own_destination, tab),
                   menu=MENU, permission=PROGRAMME,
                   tooltip="Una destinazione di terzo livello (A03/1, P02/4)")
    tab.add_action("Scadenze e proroghe…", partial(open_deadlines, tab), menu=MENU,
                   permission="school.settings",
                   tooltip="Le scadenze del Programma Annuale e del conto consuntivo, con le "
                           "proroghe disposte dal Ministero")


def open_deadlines(tab, *_args) -> None:
    from ..settings.dialog import SettingsDialog

    SettingsDialog.ask(tab, tab.db, page="deadlines_page")


def _show_year(tab, year: int) -> None:
    tab._fill_years()
    tab.set_year(year)
    tab.events.data_changed.emit(tab.area)


@report_errors
def new_programme(tab, *_args) -> None:
    today = date.today()
    next_year = today.year + 1 if today.month >= 9 else today.year
    specs = [FieldSpec("year", "Esercizio finanziario", kind="int", required=True,
                       help="L'anno solare del Programma Annuale"),
             FieldSpec("proposed_on", "Proposta della Giunta esecutiva", kind="date",
                       help="Entro il 30 novembre dell'anno precedente (D.I. 129/2018 art. 5)"),
             FieldSpec("reserve_limit", "Limite del fondo di riserva (%)", kind="int",
                       required=True,
                       help="Percentuale della dotazione ordinaria [da verificare: 10 %]"),
             FieldSpec("notes", "Note", kind="multiline", max_length=2000)]

    def save(v):
        create_programme(tab.db, v["year"], proposed_on=v["proposed_on"],
                         reserve_limit_percent=Decimal(v["reserve_limit"]), notes=v["notes"] or "")
        return v["year"]

    year = FormDialog.ask(tab, "Nuovo Programma Annuale", specs,
                          {"year": next_year, "reserve_limit": int(RESERVE_LIMIT_PERCENT)},
                          on_submit=save,
                          intro="Le previsioni si inseriscono poi con «Importa il Programma "
                                "Annuale…»; finché è una proposta si possono reimportare.")
    if year is not None:
        _show_year(tab, year)
        confirm(tab, f"Programma Annuale {year} predisposto come proposta.")


def _advance(tab, target: str, title: str, specs: list[FieldSpec], done_text: str,
             intro: str = "") -> None:
    """A step of the iter of the year shown: the form, then the year shown again."""
    year = tab.year()
    done = FormDialog.ask(
        tab, f"{title} {year}", specs, {"on": date.today()},
        on_submit=lambda v: advance_programme(tab.db, year, target, v["on"],
                                              reference=v.get("reference", "")) or True,
        intro=intro)
    if done is not None:
        _show_year(tab, year)
        confirm(tab, done_text.format(year=year))


@report_errors
def record_opinion(tab, *_args) -> None:
    _advance(tab, "parere", "Parere dei revisori – Programma Annuale",
             [FieldSpec("on", "Data del parere", kind="date", required=True)],
             "Parere dei revisori sul Programma Annuale {year} registrato.")


@report_errors
def record_approval(tab, *_args) -> None:
    _advance(tab, "deliberato", "Delibera del Programma Annuale",
             [FieldSpec("on", "Data della delibera", kind="date", required=True),
              FieldSpec("reference", "Estremi della delibera", required=True, max_length=120,
                        placeholder="Delibera del Consiglio d'istituto n. …")],
             "Programma Annuale {year} deliberato.",
             intro="Il Programma Annuale deliberato non si modifica più: le previsioni "
                   "cambiano solo con le variazioni (D.I. 129/2018 art. 10).")
