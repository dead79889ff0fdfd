"""The acts on the Programma Annuale after its delibera, from the «Programma Annuale» menu of
the Fondi tab: a variation (Mod. F/G: decree of the dirigente, delibera of the Consiglio,
storno, prelievo from the fondo di riserva) with its lines typed one a line; a finanziamento
vincolato taken into the budget by decree (its variation written with it); an activity or
project of the school (third level, «A03/1»)."""
from __future__ import annotations

from datetime import date

from ...domain.errors import ValidationError
from ...domain.funds.rules import VARIATION_KINDS
from ...domain.funds.variation_lines import parse_lines
from ...queries.funds_lists import chart_choices
from ...services.funds.programme import (
    EarmarkedInput,
    VariationInput,
    VariationLineInput,
    record_earmarked_fund,
    record_variation,
    save_own_destination,
)
from ..common.dialogs import report_errors
from ..common.form import FieldSpec, FormDialog
from ..common.status import confirm
from .tab import default_day

LINES_HELP = ("Una riga per voce. Entrate: la voce e l'importo («03/06 12.480,35»). Spese: la "
              "destinazione, il tipo di spesa e l'importo («A01 02 12.480,35»). Le riduzioni "
              "con il segno meno («A02 03 -600,00»).")


def spending_types(text: str, known: list[str]) -> list[str]:
    """«02, 3; 06» -> ["02", "03", "06"]; an unknown code is named on its field."""
    out = []
    for part in text.replace(";", ",").replace(" ", ",").split(","):
        if not part:
            continue
        code = part.zfill(2) if part.isdigit() else part
        if code not in known:
            raise ValidationError({"spending_types": f"«{part}» non è un tipo di spesa del "
                                                     "piano dei conti."})
        if code not in out:
            out.append(code)
    return out


def _done(tab, text: str) -> None:
    tab.events.data_changed.emit(tab.area)
    confirm(tab, text)


@report_errors
def new_variation(tab, *_args) -> None:
    year = tab.year()
    specs = [FieldSpec("kind", "Tipo di variazione", kind="choice", required=True,
                       choices=list(VARIATION_KINDS.items())),
             FieldSpec("decided_on", "Data dell'atto", kind="date", required=True),
             FieldSpec("act_ref", "Estremi dell'atto", max_length=120,
                       placeholder="Decreto n. … / Delibera del Consiglio n. …"),
             FieldSpec("reason", "Motivazione", kind="multiline", max_length=1000,
                       help="Obbligatoria a dicembre (art. 10: solo casi eccezionali e "
                            "motivati)"),
             FieldSpec("lines", "Righe della variazione", kind="multiline", required=True,
                       max_length=4000)]

    def save(v):
        lines = [VariationLineInput(t.amount, t.revenue, t.destination, t.spending_type)
                 for t in parse_lines(v["lines"])]
        return record_variation(tab.db, VariationInput(
            year, v["kind"] or "", v["decided_on"], lines, v["reason"], v["act_ref"]))

    vid = FormDialog.ask(tab, f"Variazione al Programma Annuale {year}", specs,
                         {"decided_on": default_day(year)}, on_submit=save,
                         intro="La variazione modifica le previsioni definitive: il Programma "
                               "Annuale resta in equilibrio e nessuna destinazione scende "
                               "sotto quanto già impegnato (D.I. 129/2018 art. 10).<br>"
                               + LINES_HELP)
    if vid is not None:
        _done(tab, f"Variazione al Programma Annuale {year} registrata.")


@report_errors
def new_earmarked_fund(tab, *_args) -> None:
    year = tab.year()
    chart = chart_choices(tab.db)
    types = [c for c, _label in chart.spending_types]
    specs = [FieldSpec("name", "Finanziamento", required=True, max_length=200,
                       placeholder="es. Risorse ex art. 31, comma 1, DL 41/2021"),
             FieldSpec("legal_basis", "Base normativa e nota di assegnazione", required=True,
                       max_length=200, placeholder="es. DL 41/2021 art. 31 c.1; nota 453/2021"),
             FieldSpec("amount", "Importo assegnato", kind="money", required=True),
             FieldSpec("assigned_on", "Data di assegnazione", kind="date", required=True),
             FieldSpec("revenue", "Voce di entrata", kind="choice", required=True,
                       choices=chart.revenue),
             FieldSpec("destination", "Destinazione di imputazione", kind="choice",
                       required=True, choices=chart.destinations,
                       help="Attività o progetto su cui si impegnerà (es. A01, A03/1)"),
             FieldSpec("spending_types", "Tipi di spesa ammessi", required=True, max_length=60,
                       placeholder="es. 02, 03, 06",
                       help="I codici separati da virgole: " + "; ".join(
                           label for _c, label in chart.spending_types)),
             FieldSpec("use_by", "Termine per l'utilizzo", kind="date", required=True),
             FieldSpec("report_by", "Termine per la rendicontazione", kind="date"),
             FieldSpec("note", "Note", max_length=500)]

    def save(v):
        return record_earmarked_fund(tab.db, EarmarkedInput(
            year, v["name"], v["legal_basis"], v["amount"], v["assigned_on"],
            v["destination"] or "", spending_types(v["spending_types"], types), v["use_by"],
            v["report_by"], v["revenue"] or "", v["note"]))

    done = FormDialog.ask(tab, f"Finanziamento vincolato – esercizio {year}", specs,
                          {"assigned_on": default_day(year), "revenue": "03/06",
                           "use_by": date(year, 12, 31)},
                          on_submit=save,
                          intro="Il finanziamento entra nel Programma Annuale con il decreto "
                                "di variazione del dirigente (art. 10 c.5), registrato insieme; "
                                "gli impegni su di esso sono controllati per tipo di spesa e "
                                "termine.<br>Tipi di spesa: " + ", ".join(
                                    label for _c, label in chart.spending_types) + ".")
    if done is not None:
        _done(tab, "Finanziamento vincolato registrato, con il suo decreto di variazione.")


@report_errors
def new_own_destination(tab, *_args) -> None:
    specs = [FieldSpec("code", "Codice", required=True, max_length=10,
                       placeholder="es. A03/1 o P02/4",
                       help="La destinazione del piano ministeriale e un numero"),
             FieldSpec("name", "Denominazione", required=True, max_length=200)]
    done = FormDialog.ask(tab, "Attività o progetto della scuola", specs,
                          on_submit=lambda v: save_own_destination(tab.db, v["code"],
                                                                   v["name"]))
    if done is not None:
        _done(tab, "Attività o progetto della scuola registrato.")
