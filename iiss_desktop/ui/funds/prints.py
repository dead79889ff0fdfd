"""The «Stampe» menu of the Fondi tab: the budget documents of the year shown (Mod. A initial
and definitive, the schede Mod. B, the last decree of variation, the variations Mod. F/G, the
rendiconto of the earmarked funds), built off the GUI thread and opened when ready. Every
other option (a variation by number, a single fund) is in the program's Stampe dialog."""
from __future__ import annotations

from ..common.printing import print_report

MENU = "Stampe"


def add_budget_prints(tab) -> None:
    """The entries of the menu, on ``tab`` (a FundsTab: ``year()`` and the selected
    destination)."""
    def printing(name: str, **options):
        def run() -> None:
            tab.last_job = print_report(tab, tab.db, name, anno=tab.year(), **options)
        return run

    def scheda() -> None:
        code = tab._selected_code()
        options = {"destinazione": code} if code else {}
        tab.last_job = print_report(tab, tab.db, "mod-b", anno=tab.year(), definitiva="sì",
                                    **options)

    tab.add_action("Programma Annuale (Mod. A)…", printing("mod-a"), menu=MENU,
                   tooltip="Programmazione iniziale: entrate, spese, equilibrio, iter e firme")
    tab.add_action("Programma Annuale definitivo (Mod. A)…",
                   printing("mod-a", definitiva="sì"), menu=MENU,
                   tooltip="Previsioni iniziali, variazioni e previsioni definitive")
    tab.add_action("Schede illustrative finanziarie (Mod. B)…", scheda, menu=MENU,
                   on_rows=True,
                   tooltip="La scheda della destinazione selezionata (senza selezione: tutte), "
                           "con le variazioni")
    tab.add_action("Variazioni dell'anno (Mod. F/G)…", printing("variazioni"), menu=MENU,
                   tooltip="Le variazioni al Programma Annuale con i totali per voce e "
                           "destinazione")
    tab.add_action("Ultimo decreto di variazione…", printing("decreto-variazione"), menu=MENU,
                   tooltip="Il decreto (o la delibera) dell'ultima variazione dell'anno; le "
                           "altre dal menu Stampe del programma")
    tab.add_action("Situazione amministrativa (Mod. J)…", printing("situazione-amministrativa"),
                   menu=MENU,
                   tooltip="Fondo di cassa, residui attivi e passivi, avanzo o disavanzo di "
                           "amministrazione al 31 dicembre")
    tab.add_action("Elenco dei residui…", printing("residui"), menu=MENU,
                   tooltip="Residui attivi e passivi al 31 dicembre, per anno di provenienza")
    tab.add_action("Rendiconto dei finanziamenti vincolati…", printing("rendiconto-fondo"),
                   menu=MENU,
                   tooltip="Per finanziamento: impegnato, liquidato e pagato per tipo di spesa, "
                           "restituzione, termini")
