"""The books of the financial year (D.I. 129/2018 Titolo I): the «Giornale di cassa» (every
reversale and mandato in date order with the running balance), the «Partitari» (one per voce
di entrata and one per destination, with the forecast, the variations and the movements) and
the «Conto finanziario» (Mod. H: entrate per aggregato and voce, spese per destination, the
avanzo or disavanzo di competenza). Landscape, read from queries/funds_movements.py.

A year without a Programma Annuale prints one page saying which years have one (the command
line's default year is the current one, the demo's is 2021).
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, Spacer

from ..domain.dates import format_date
from ..domain.funds import chart
from ..domain.money import format_money
from ..queries.funds_lists import programme_years
from ..queries.funds_movements import (
    FinancialAccount,
    cash_journal,
    financial_account,
    ledgers,
)
from ..queries.school import get_heading, get_school_values
from .base import body_width, build_pdf
from .styles import get_styles
from .tables import chunked_table, keep_with_signatures, signature_block
from .wording import dirigente_on, dsga_on

if TYPE_CHECKING:
    from ..db.engine import Database

ZERO = Decimal("0.00")
GROUPS = {"A": "Attività", "P": "Progetti", "G": "Gestioni economiche",
          "R": "Fondo di riserva", "D": "Disavanzo di amministrazione",
          "Z": "Disponibilità finanziaria da programmare"}
NO_ASSESSMENTS = ("Somme accertate: gli accertamenti dell'esercizio (artt. 13-14); somme "
                  "riscosse: le reversali in conto competenza. Le riscossioni e i pagamenti in "
                  "conto residui sono nell'elenco dei residui e nella situazione "
                  "amministrativa.")


def default_year(db: Database, anno: int | None) -> int:
    """``anno``, else the latest year with a Programma Annuale, else this year."""
    if anno:
        return anno
    years = programme_years(db)
    return years[0][0] if years else date.today().year


def no_programme_pdf(db: Database, out: Path, year: int, title: str, *,
                     landscape: bool = True) -> Path:
    """The one page of a year without a Programma Annuale, naming the years that have one."""
    years = ", ".join(str(y) for y, _ in sorted(programme_years(db))) or "nessuno"
    text = (f"Nell'archivio non c'è il Programma Annuale {year}. Esercizi con un Programma "
            f"Annuale: {years} (--anno).")
    return build_pdf(out, heading=get_heading(db), title=title,
                     story=[Paragraph(escape(text), get_styles().normal)],
                     landscape=landscape, footer_text=title)


def money(value: Decimal) -> str:
    return format_money(value)


def signatures(db: Database, day: date | None, *, landscape: bool = True) -> list:
    """«Il DSGA» and «Il Dirigente scolastico», with the names of those in office on ``day``
    (today's when None), the place of the school; the date left blank when ``day`` is None."""
    heading = get_heading(db)
    on = day or date.today()
    place = get_school_values(db)[0].get("comune") or ""
    return signature_block(["Il Direttore dei servizi generali e amministrativi",
                            "Il Dirigente scolastico"], place=place, when=day,
                           names=[dsga_on(db, on, heading.dsga),
                                  dirigente_on(db, on, heading.dirigente)],
                           width=body_width(landscape))


def _bold(text: str, st, right: bool = False) -> Paragraph:
    return Paragraph(escape(text), st.cell_header_right if right else st.cell_bold)


def _widths(total: float, fixed: list) -> list[float]:
    """``fixed`` widths with None for the columns sharing what is left, equally."""
    free = total - sum(w for w in fixed if w)
    share = free / max(sum(1 for w in fixed if not w), 1)
    return [w or share for w in fixed]


# --- giornale di cassa -------------------------------------------------------------------------

def build_cash_journal(db: Database, out: Path, anno: int | None = None,
                       dal: date | None = None, al: date | None = None) -> Path:
    year = default_year(db, anno)
    title = f"Giornale di cassa {year}"
    if year not in {y for y, _ in programme_years(db)}:
        return no_programme_pdf(db, out, year, title)
    j = cash_journal(db, year, dal, al)
    st = get_styles()
    w = body_width(True)
    story: list = []
    if j.opening_stored is None:
        story.append(Paragraph(escape(
            f"Fondo di cassa al 1° gennaio {year}: non registrato nell'archivio; il saldo parte "
            f"da {money(ZERO)}."), st.normal))
    else:
        story.append(Paragraph(escape(f"Fondo di cassa al 1° gennaio {year}: "
                                      f"{money(j.opening_stored)}."), st.normal))
    if j.start > date(year, 1, 1):
        story.append(Paragraph(escape(
            f"Saldo al {format_date(j.start)} (fondo di cassa e movimenti precedenti): "
            f"{money(j.carried)}."), st.normal))
    story.append(Spacer(1, 2 * mm))
    widths = _widths(w, [11 * mm, 19 * mm, 25 * mm, None, None, 20 * mm, 25 * mm, 25 * mm,
                         27 * mm])
    balance = j.carried
    rows = []
    for n, m in enumerate(j.moves, 1):
        balance += m.amount if m.is_receipt else -m.amount
        rows.append([str(n), format_date(m.day),
                     f"{'Reversale' if m.is_receipt else 'Mandato'} n. {m.number}",
                     m.counterpart, m.causale, m.account,
                     money(m.amount) if m.is_receipt else "",
                     "" if m.is_receipt else money(m.amount), money(balance)])
    if not rows:
        story.append(Paragraph("Nessuna reversale e nessun mandato nel periodo.", st.normal))
    story += chunked_table(["N.", "Data", "Documento", "Debitore / creditore", "Causale",
                            "Imputaz.", "Riscossioni", "Pagamenti", "Saldo"], rows, widths,
                           money_columns=(6, 7, 8), fixed_columns=(0, 1, 2, 5, 6, 7, 8),
                           landscape=True)
    summary = [[f"Saldo al {format_date(j.start)}", money(j.carried)],
               ["+ Riscossioni (reversali)", money(j.receipts)],
               ["− Pagamenti (mandati)", money(j.payments)],
               [_bold(f"Saldo di cassa al {format_date(j.end)}", st),
                _bold(money(j.closing), st, True)]]
    story += keep_with_signatures(
        [Spacer(1, 4 * mm), Paragraph("Riepilogo", st.heading),
         *chunked_table(["Voce", "Importo"], summary, [100 * mm, 36 * mm], money_columns=(1,),
                        landscape=True)],
        signatures(db, None))
    period = f"dal {format_date(j.start)} al {format_date(j.end)}"
    return build_pdf(out, heading=get_heading(db), title=title, story=story, landscape=True,
                     subtitle=f"Reversali e mandati {period} – D.I. 129/2018", footer_text=title)


# --- partitari -----------------------------------------------------------------------------------

def _figures_table(header: list[str], values: list[Decimal]) -> list:
    w = body_width(True)
    return chunked_table(header, [[money(v) for v in values]], [w / len(header)] * len(header),
                         money_columns=range(len(header)), landscape=True)


def build_ledgers(db: Database, out: Path, anno: int | None = None,
                  voce: str | None = None) -> Path:
    """``voce``: a voce di entrata («03/01») or a destination («A01»); default: all."""
    year = default_year(db, anno)
    title = f"Partitari {year}"
    view = ledgers(db, year, voce)
    if view is None:
        return no_programme_pdf(db, out, year, title)
    st = get_styles()
    w = body_width(True)
    story: list = []
    if voce and not view.revenue and not view.spending:
        story.append(Paragraph(escape(
            f"Nessuna voce di entrata e nessuna destinazione «{voce}» con previsioni o "
            f"movimenti nel {year}."), st.normal))
    if view.revenue:
        story.append(Paragraph("Partitari delle entrate", st.title))
    for led in view.revenue:
        line = led.line
        story += [CondPageBreak(50 * mm), Paragraph(escape(
            f"Entrata {line.code} – {line.name} (aggregato {line.aggregate})"), st.heading)]
        story += _figures_table(["Previsione iniziale", "Variazioni", "Previsione definitiva",
                                 "Accertato", "Riscosso", "Da riscuotere"],
                                [line.forecast, line.variations, line.definitive,
                                 line.assessed, line.collected, line.to_collect])
        story.append(Spacer(1, 2 * mm))
        rows = [[format_date(m.day), m.document, m.description,
                 money(m.varied) if m.varied else "", money(m.booked) if m.booked else "",
                 money(m.settled) if m.settled else ""] for m in led.moves]
        rows.append(["", "", _bold("Totali", st),
                     _bold(money(line.definitive), st, True),
                     _bold(money(line.assessed), st, True),
                     _bold(money(line.collected), st, True)])
        story += chunked_table(["Data", "Documento", "Descrizione", "Previsione e variazioni",
                                "Accertato", "Riscosso"], rows,
                               _widths(w, [20 * mm, 45 * mm, None, 34 * mm, 28 * mm, 28 * mm]),
                               money_columns=(3, 4, 5), fixed_columns=(0,),
                               landscape=True)
    if view.revenue:
        story.append(Paragraph(escape(NO_ASSESSMENTS), st.small))
    if view.spending:
        story.append(Paragraph("Partitari delle spese", st.title))
    for led in view.spending:
        line = led.line
        story += [CondPageBreak(50 * mm), Paragraph(escape(
            f"Destinazione {line.code} – {line.name}"), st.heading)]
        story += _figures_table(["Previsione iniziale", "Variazioni", "Previsione definitiva",
                                 "Impegnato", "Pagato", "Da pagare"],
                                [line.forecast, line.variations, line.definitive,
                                 line.committed, line.paid, line.to_pay])
        story.append(Spacer(1, 2 * mm))
        rows = [[format_date(m.day), m.document, m.spending_type, m.description,
                 money(m.varied) if m.varied else "", money(m.booked) if m.booked else "",
                 money(m.settled) if m.settled else ""] for m in led.moves]
        rows.append(["", "", "", _bold("Totali", st),
                     _bold(money(line.definitive), st, True),
                     _bold(money(line.committed), st, True),
                     _bold(money(line.paid), st, True)])
        story += chunked_table(["Data", "Documento", "Tipo", "Descrizione",
                                "Previsione e variazioni", "Impegnato", "Pagato"], rows,
                               _widths(w, [20 * mm, 40 * mm, 11 * mm, None, 34 * mm, 28 * mm,
                                           28 * mm]),
                               money_columns=(4, 5, 6), fixed_columns=(0, 2),
                               landscape=True)
    subtitle = (f"Voce {voce}" if voce else "Entrate per voce, spese per destinazione") \
        + " – D.I. 129/2018"
    return build_pdf(out, heading=get_heading(db), title=title, story=story, landscape=True,
                     subtitle=subtitle, footer_text=title)


# --- conto finanziario (Mod. H) ------------------------------------------------------------------

def _revenue_rows(acc: FinancialAccount, st) -> list:
    names = {a.code: a.name for a in chart.AGGREGATES}
    rows: list = []
    by_aggregate: dict[str, list] = {}
    for line in acc.revenue:
        by_aggregate.setdefault(line.aggregate, []).append(line)
    for aggregate, lines in by_aggregate.items():
        sums = [sum((getattr(x, a) for x in lines), ZERO)
                for a in ("definitive", "assessed", "collected", "to_collect")]
        rows.append([_bold(aggregate, st), _bold(names.get(aggregate, ""), st),
                     *(_bold(money(v), st, True) for v in sums),
                     _bold(money(sums[1] - sums[0]), st, True)])
        rows += [[line.code, line.name, money(line.definitive), money(line.assessed),
                  money(line.collected), money(line.to_collect),
                  money(line.assessed - line.definitive)] for line in lines]
    total = [acc.revenue_total(a) for a in ("definitive", "assessed", "collected",
                                            "to_collect")]
    rows.append(["", _bold("Totale entrate", st), *(_bold(money(v), st, True) for v in total),
                 _bold(money(total[1] - total[0]), st, True)])
    return rows


def _spending_rows(acc: FinancialAccount, st) -> list:
    rows: list = []
    by_group: dict[str, list] = {}
    for line in acc.spending:
        by_group.setdefault(line.group, []).append(line)
    for group, lines in by_group.items():
        sums = [sum((getattr(x, a) for x in lines), ZERO)
                for a in ("definitive", "committed", "paid", "to_pay")]
        rows.append([_bold(group, st), _bold(GROUPS.get(group, ""), st),
                     *(_bold(money(v), st, True) for v in sums),
                     _bold(money(sums[0] - sums[1]), st, True)])
        rows += [[line.code, line.name, money(line.definitive), money(line.committed),
                  money(line.paid), money(line.to_pay), money(line.definitive - line.committed)]
                 for line in lines]
    total = [acc.spending_total(a) for a in ("definitive", "committed", "paid", "to_pay")]
    rows.append(["", _bold("Totale spese", st), *(_bold(money(v), st, True) for v in total),
                 _bold(money(total[0] - total[1]), st, True)])
    return rows


def build_financial_account(db: Database, out: Path, anno: int | None = None) -> Path:
    year = default_year(db, anno)
    title = f"Conto finanziario (Mod. H) – esercizio {year}"
    acc = financial_account(db, year)
    if acc is None:
        return no_programme_pdf(db, out, year, title)
    st = get_styles()
    w = body_width(True)
    widths = _widths(w, [20 * mm, None, 31 * mm, 31 * mm, 31 * mm, 31 * mm, 31 * mm])
    story: list = [Paragraph("Entrate", st.heading)]
    story += chunked_table(["Aggr./voce", "Denominazione", "Programmazione definitiva",
                            "Somme accertate", "Somme riscosse", "Rimaste da riscuotere",
                            "Differenza (accertate − programmate)"],
                           _revenue_rows(acc, st), widths, money_columns=(2, 3, 4, 5, 6),
                           landscape=True)
    story.append(Paragraph(escape(NO_ASSESSMENTS), st.small))
    story += [Spacer(1, 3 * mm), Paragraph("Spese", st.heading)]
    story += chunked_table(["Destinaz.", "Denominazione", "Programmazione definitiva",
                            "Somme impegnate", "Somme pagate", "Rimaste da pagare",
                            "Economie (programmate − impegnate)"],
                           _spending_rows(acc, st), widths, money_columns=(2, 3, 4, 5, 6),
                           landscape=True)
    result = acc.competence_result
    assessed, committed = acc.revenue_total("assessed"), acc.spending_total("committed")
    collected, paid = acc.revenue_total("collected"), acc.spending_total("paid")
    summary = [["Somme accertate (entrate di competenza)", money(assessed)],
               ["− Somme impegnate (spese di competenza)", money(committed)],
               [_bold("Avanzo di competenza" if result >= 0 else "Disavanzo di competenza",
                      st), _bold(money(result), st, True)],
               ["Somme riscosse in conto competenza", money(collected)],
               ["− Somme pagate in conto competenza", money(paid)],
               ["Differenza tra riscossioni e pagamenti", money(collected - paid)],
               ["Rimaste da riscuotere (residui attivi)", money(acc.revenue_total("to_collect"))],
               ["Rimaste da pagare (residui passivi)", money(acc.spending_total("to_pay"))]]
    story += keep_with_signatures(
        [Spacer(1, 4 * mm), Paragraph("Riepilogo della gestione di competenza", st.heading),
         *chunked_table(["Voce", "Importo"], summary, [120 * mm, 36 * mm], money_columns=(1,),
                        landscape=True),
         Paragraph(escape("La programmazione definitiva delle entrate comprende l'avanzo di "
                          "amministrazione applicato (aggregato 01), che non è un accertamento."),
                   st.small)],
        signatures(db, None))
    state = "" if acc.state == "deliberato" else f" – Programma Annuale {acc.state}"
    return build_pdf(out, heading=get_heading(db), title=title, story=story, landscape=True,
                     subtitle=f"D.I. 129/2018 art. 23{state}", footer_text=title)
