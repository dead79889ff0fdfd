"""Values of the inventories (ammortamento) and the map of a rinnovo."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ...domain.dates import format_date
from ...domain.errors import DomainError
from ...domain.inventory import valuation as rules
from ...domain.inventory.registers import base_of, register_title, short_name
from ...domain.money import format_cents
from ...queries.inventory.renewal import renewal_map
from ...queries.inventory.valuation import item_values, register_values
from ...queries.school import get_heading, get_school_values
from ..base import body_width, build_pdf
from ..styles import get_styles
from ..tables import chunked_table, key_value_table, signature_block
from ..wording import dirigente_on, dsga_on, lower_first

if TYPE_CHECKING:
    from ...db.engine import Database


METHOD = ("Ammortamento a quote costanti: l'aliquota annua della categoria si applica al valore "
          "di carico per ogni anno intero trascorso dalla data di carico, fino a zero. Non si "
          "ammortizzano i beni di terzi, i valori mobiliari, gli immobili e i beni di valore "
          "storico-artistico; i beni di una categoria senza aliquota restano al valore di "
          "carico. Il valore attuale è informativo: registri e conto del patrimonio riportano "
          "il valore di inventario, aggiornato con il rinnovo degli inventari (art. 31 D.I. "
          "129/2018; Linee guida, Nota M.I. 4083/2021).")


def build_values(db: Database, out: Path, data: date | None = None,
                 registro: str | None = None) -> Path:
    """Per register: goods, value of carico and current value at ``data``; then the goods
    (of ``registro`` only, if given) with rate, years and current value."""
    at = data or date.today()
    st = get_styles()
    heading = get_heading(db)
    w = body_width()
    registers = register_values(db, at)
    if registro:
        registers = [r for r in registers if r.code == registro]
        if not registers:
            raise DomainError(f"Nessun bene nell'inventario «{short_name(registro)}» al "
                              f"{format_date(at)}.")
    widths = [0, 18 * mm, 30 * mm, 30 * mm, 36 * mm]
    widths[0] = w - sum(widths)
    # Why a register is not depreciated goes in a numbered note under the table: in the cell,
    # "Inventario dei beni di terzi (beni di terzi: non fanno parte…)" said it twice.
    notes: list[str] = []

    def marked(r) -> str:
        title = r.title
        if r.note:
            if r.note not in notes:
                notes.append(r.note)
            title += f" ({notes.index(r.note) + 1})"
        if r.without_rate:
            title += f" – {r.without_rate} senza aliquota"
        return title

    rows = [[marked(r), str(r.count), format_cents(r.value), format_cents(r.current),
             format_cents(r.value - r.current)] for r in registers]
    story = [Paragraph(escape(METHOD), st.small), Spacer(1, 2 * mm)]
    story += chunked_table(["Inventario", "N. beni", "Valore di carico", "Valore attuale",
                            "Ammortamento"], rows, widths, money_columns=(1, 2, 3, 4),
                           fixed_columns=(1, 2, 3, 4))
    for k, note in enumerate(notes, start=1):
        story.append(Paragraph(f"({k}) Non ammortizzati – {escape(note)}.", st.small))
    patrimony = [r for r in registers if r.code.partition(".")[0] != "inv-terzi"]
    story.append(Spacer(1, 2 * mm))
    story.append(Paragraph(
        f"<b>Totale del patrimonio dell'istituto (esclusi i beni di terzi): valore di carico "
        f"{escape(format_cents(sum(r.value for r in patrimony)))}, valore attuale "
        f"{escape(format_cents(sum(r.current for r in patrimony)))}</b>", st.normal))
    dw = [14 * mm, 0, 34 * mm, 18 * mm, 12 * mm, 24 * mm, 24 * mm]
    dw[1] = w - sum(dw)
    for reg in registers:
        goods = item_values(db, reg.code, at)
        story.append(Paragraph(escape(reg.title), st.heading))
        story += chunked_table(
            ["N.", "Descrizione", "Categoria", "Aliquota", "Anni", "Carico", "Attuale"],
            [[str(g.number), g.description, g.category or "—",
              rules.format_rate(g.rate) if g.rate is not None else "—",
              str(g.years), format_cents(g.value), format_cents(g.current)] for g in goods],
            dw, money_columns=(3, 4, 5, 6), fixed_columns=(0, 3, 4, 5, 6))
    title = f"Valori degli inventari al {format_date(at)}"
    return build_pdf(out, heading=heading, title=title, story=story,
                     subtitle="Valore di carico e valore attuale al netto dell'ammortamento",
                     footer_text=title)


def build_renewal(db: Database, out: Path, registro: str) -> Path:
    """The rinnovo of an inventory: old number -> new number, old and new values, totals."""
    m = renewal_map(db, registro)
    st = get_styles()
    heading = get_heading(db)
    w = body_width()
    story = [key_value_table([
        ("Inventario chiuso", f"{register_title(m.old_code)}, codice «{m.old_code}»"),
        ("Nuovo inventario", f"{register_title(m.new_code)}, codice «{m.new_code}»"),
        ("Data del rinnovo", format_date(m.renewed_on)),
        ("Commissione", f"{m.commission} – nominata con decreto n. {m.decree_number} del "
                        f"{format_date(m.decree_date)}"),
        ("Criterio dei nuovi valori", "valore attribuito dalla commissione (rivalutazione) "
                                      "o, in mancanza, valore al netto dell'ammortamento"),
    ], width=w), Spacer(1, 4 * mm)]
    widths = [21 * mm, 0, 26 * mm, 19 * mm, 26 * mm]
    widths[1] = w - sum(widths)
    rows = [[str(x.old_number), x.description, format_cents(x.old_value), str(x.new_number),
             format_cents(x.new_value)] for x in m.lines]
    story += chunked_table(["Vecchio n.", "Descrizione", "Vecchio valore", "Nuovo n.",
                            "Nuovo valore"], rows, widths, money_columns=(2, 4),
                           fixed_columns=(0, 2, 3, 4))
    story += [Spacer(1, 3 * mm), Paragraph(
        f"<b>Beni riportati: {len(m.lines)} – valore precedente "
        f"{escape(format_cents(m.old_total))}, nuovo valore "
        f"{escape(format_cents(m.new_total))}</b>", st.normal)]
    place = get_school_values(db)[0].get("comune") or ""
    # Every member of the commission signs; the DSGA is the one of the day of the rinnovo.
    from .ricognizione import _members

    members = _members(m.commission)
    if len(members) == 1 and "," in members[0]:   # "Prof. Neri (presidente), Sig.ra Bruno"
        members = [x.strip() for x in members[0].split(",") if x.strip()]
    story += signature_block(["Componente della commissione"] * len(members)
                             + ["Il DSGA consegnatario", "Il Dirigente Scolastico"],
                             place=place, when=m.renewed_on,
                             names=members + [dsga_on(db, m.renewed_on, heading.dsga),
                                              dirigente_on(db, m.renewed_on,
                                                           heading.dirigente)], width=w)
    # "Rinnovo dell'inventario dei beni di valore storico-artistico" (not "dei storico-
    # artistici", the short name of the grid).
    name = lower_first(register_title(base_of(m.old_code)))
    title = ("Rinnovo dell'" if name[:1] in "aeiou" else "Rinnovo del ") + name
    return build_pdf(out, heading=heading, title=title, story=story,
                     subtitle=f"Prospetto di raccordo: vecchio numero → nuovo numero "
                              f"({format_date(m.renewed_on)})",
                     footer_text=title)
