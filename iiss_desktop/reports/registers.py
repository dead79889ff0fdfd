"""Printing of a legal register: numbered entries, annulments, totals and the attestazione.

Registers can hold tens of thousands of rows: they are read as plain tuples (two queries
in all, :func:`queries.registers.register_print_rows`), turned into rows of strings and
printed with :func:`chunked_table`. The closing attestazione states the number of pages:
it is drawn on the last page, when the page count is the current page number.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from ..domain.dates import format_date
from ..domain.money import ZERO, format_cents, format_money
from ..domain.registers import register_spec
from ..queries.registers import register_print_rows
from ..queries.school import get_heading, get_school_values
from .base import FONT, FONT_ITALIC, body_width, build_pdf
from .styles import CELL_LEADING, CELL_PAD_H, CELL_SIZE, STRIKE_COLOR, get_styles
from .tables import chunked_table, key_value_table, signature_block, split_lines
from .wording import dirigente_on, dsga_on

if TYPE_CHECKING:
    from ..db.engine import Database


HEADER = ["N.", "Data", "Descrizione", "Importo", "Annotazioni"]


class _PageCountParagraph(Flowable):
    """A paragraph whose text depends on the page it is drawn on (the last page).

    ``make_text(page_number)`` returns the paragraph's markup. The height is measured on
    the text with a large page number, so the real text always fits.
    """

    def __init__(self, make_text, style):
        super().__init__()
        self._make_text = make_text
        self._style = style
        self._para: Paragraph | None = None

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        self._avail = availWidth
        probe = Paragraph(self._make_text(99999), self._style)
        self.width, self.height = probe.wrap(availWidth, availHeight)
        return self.width, self.height

    def draw(self):
        para = Paragraph(self._make_text(self.canv.getPageNumber()), self._style)
        _w, h = para.wrap(self._avail, self.height)
        para.drawOn(self.canv, 0, self.height - h)


class _DescriptionCell(Flowable):
    """A description with smaller detail lines under it, split once into lines and drawn with
    plain canvas calls: a Paragraph per row (markup parsed, words re-measured at every wrap)
    made a 20,000-good inventory print five times slower than its canvas baseline."""

    NOTE_SIZE, NOTE_LEADING = 7, 8.4

    def __init__(self, lines: list[str], notes: list[str], struck: bool):
        super().__init__()
        self._lines, self._notes, self._struck = lines, notes, struck
        self.height = len(lines) * CELL_LEADING + len(notes) * self.NOTE_LEADING

    @classmethod
    def maker(cls, column_width: float):
        avail = column_width - 2 * CELL_PAD_H

        @lru_cache(maxsize=4096)   # descriptions and their detail lines repeat in batches
        def split(text: str, size: float) -> tuple[str, ...]:
            return tuple(split_lines(text, FONT, size, avail)) or ("",)

        def make(description: str, notes: list[str], struck: bool) -> _DescriptionCell:
            return cls(list(split(description, CELL_SIZE)),
                       [ln for n in notes for ln in split(n, cls.NOTE_SIZE)], struck)
        return make

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        self.width = availWidth
        return availWidth, self.height

    def draw(self):
        c = self.canv
        font = FONT_ITALIC if self._struck else FONT
        if self._struck:
            c.setFillColor(STRIKE_COLOR)
        y = self.height - CELL_SIZE
        c.setFont(font, CELL_SIZE)
        for line in self._lines:
            c.drawString(0, y, line)
            y -= CELL_LEADING
        c.setFont(font, self.NOTE_SIZE)
        y += CELL_LEADING - self.NOTE_LEADING
        for line in self._notes:
            c.drawString(0, y, line)
            y -= self.NOTE_LEADING


# Areas annotate the entries of their registers (discharges of goods...): "module:function",
# function(db, register) -> {entry id: [notes]}; imported only when such a register prints.
NOTE_PROVIDERS = {"inv-": "iiss_desktop.queries.inventory.items:register_notes"}
# Registers whose lines carry more than a description and an amount (the inventories of
# art. 31 c.2: provenienza, luogo, stato): function(db, register) -> {entry id: (identification
# and state under the description, provenienza, luogo)}. Those registers print in landscape.
DETAIL_PROVIDERS = {"inv-": "iiss_desktop.queries.inventory.items:register_details"}
# The universalità of art. 31 c.5 (sets bought together, each good of 200 € or less): function
# (db, register) -> [(name, numbers, goods, total cents)], summarized after the entries.
UNIVERSALITA_PROVIDERS = {"inv-": "iiss_desktop.queries.inventory.items:register_universalita"}
DETAIL_HEADER = ["N.", "Data", "Descrizione", "Provenienza", "Luogo", "Valore",
                 "Annotazioni"]
# Registers whose entries do not store the value they move (the warehouse's withdrawals are
# valued at the weighted average cost of their lines): function(db, register) -> {entry id:
# (kind, cents)}. The print shows every value and totals them by kind (a carico and a
# scarico do not add up), under a title of its own: the "Giornale di magazzino" is the
# print of the movements with their articles (reports/warehouse.py).
VALUE_PROVIDERS = {"mag-": "iiss_desktop.queries.warehouse:register_values"}
PRINT_TITLES = {"mag-giornale": "Registro dei buoni di magazzino (versamenti e prelevamenti)"}


def _provided(providers: dict[str, str], db: Database, code: str, **kwargs) -> dict | None:
    import importlib

    for prefix, target in providers.items():
        if code.startswith(prefix):
            module, _, func = target.partition(":")
            return getattr(importlib.import_module(module), func)(db, code, **kwargs)
    return None


def _area_notes(db: Database, code: str, at: date | None = None) -> dict[int, list[str]]:
    """``at``: only the variations up to that day (an inventory printed as at 31/12)."""
    kwargs = {} if at is None else {"at": at}
    return _provided(NOTE_PROVIDERS, db, code, **kwargs) or {}


def _is_inventory(code: str) -> bool:
    """Inventories of art. 31 (their series too) and the beni durevoli: their closing totals
    are a consistenza, not a sum of entries (buoni, comodati and verbali keep the generic one)."""
    from ..queries.inventory.consistenza import is_inventory_register

    return is_inventory_register(code)


def _inventory_closing(db: Database, code: str, at: date) -> list[tuple[str, str]]:
    """Goods loaded, those that left (discharge decree, rinnovo) and the consistenza at
    ``at``."""
    from ..domain.money import format_cents
    from ..queries.inventory.consistenza import register_consistenza

    c = register_consistenza(db, code, at)

    def goods(n: int, cents: int) -> str:
        return f"{n} {'bene' if n == 1 else 'beni'} – {format_cents(cents)}"

    rows = [("Beni caricati (registrazioni valide)", goods(c.loaded, c.loaded_value)),
            ("di cui scaricati (decreto del Dirigente, art. 33)",
             goods(c.discharged, c.discharged_value))]
    if c.renewed:
        rows.append(("di cui chiusi per rinnovo dell'inventario",
                     goods(c.renewed, c.renewed_value)))
    rows.append((f"Consistenza al {format_date(c.at)}", goods(c.count, c.value)))
    return rows


def _value_rows(values: dict[int, tuple[str, int]], entries, rows: list[list],
                strike: set[int], money: int) -> list[tuple[str, str]]:
    """Puts the value of each movement in its row (where the entry stores none) and returns
    the totals by kind of the valid movements (annulled ones and storni left out)."""
    from ..domain.warehouse import KINDS

    totals: dict[str, tuple[int, int]] = {}
    for i, e in enumerate(entries):
        kind, cents = values.get(e.id, (None, None))
        if kind is None:
            continue
        if e.amount is None:
            rows[i][money] = format_cents(cents)
        if i in strike or e.kind == "annulment" or kind == "storno":
            continue
        n, v = totals.get(kind, (0, 0))
        totals[kind] = (n + 1, v + cents)
    out = []
    for kind, label in KINDS.items():
        if kind in totals:
            n, v = totals[kind]
            out.append((f"{label}: valore ({n} {'movimento' if n == 1 else 'movimenti'})",
                        format_cents(v)))
    return out


def _line_text(line_no: int, description: str, quantity: int | None,
               amount: Decimal | None) -> str:
    parts = [f"{line_no}. {description}"]
    if quantity is not None:
        parts.append(f"q.tà {quantity}")
    if amount is not None:
        parts.append(format_money(amount))
    return " – ".join(parts)


def _universalita_section(sets, w: float, landscape: bool, st) -> list:
    """Art. 31 c.5: the goods that form each universalità and its total value, so that the
    reader sees why goods of 200 € or less are in the inventory."""
    from ..domain.money import format_cents

    widths = [0, 110 * mm if landscape else 70 * mm, 16 * mm, 32 * mm]
    widths[0] = w - sum(widths)
    rows = [[name, numbers, str(count), format_cents(total)]
            for name, numbers, count, total in sets]
    return [Spacer(1, 5 * mm),
            Paragraph("Universalità di beni (art. 31 c.5)", st.heading),
            Paragraph("Beni acquistati insieme come un'unica universalità: si inventariano "
                      "ciascuno con il suo numero anche se di valore non superiore a 200,00 € "
                      "IVA compresa, perché l'universalità supera tale valore.", st.small),
            Spacer(1, 2 * mm),
            *chunked_table(["Universalità", "Numeri d'inventario", "Beni",
                            "Valore complessivo"], rows, widths, money_columns=(3,),
                           fixed_columns=(2, 3), landscape=landscape)]


def build_register(db: Database, out: Path, registro: str, anno: int | None = None) -> Path:
    """Print register ``registro`` for year ``anno``.

    A register that never restarts prints every year; an inventory (art. 31) prints as it
    stood at the end of ``anno`` (today for the current year): the entries recorded up to
    31/12, the variations (discharges, rinnovo) annotated up to that day, the consistenza
    at that day and the numbers entered during the year.
    Raises :class:`DomainError` (``RegisterError``) for an unknown register code.
    """
    spec = register_spec(registro)
    today = date.today()
    if anno is None:
        anno = today.year
    inventory = not spec.yearly and _is_inventory(spec.code)
    at = min(date(anno, 12, 31), today) if inventory else None
    st = get_styles()
    heading = get_heading(db)
    entries, lines, audit_hash = register_print_rows(db, spec.code, anno if spec.yearly else 0,
                                                     at)

    area_notes = _area_notes(db, spec.code, at)
    details = _provided(DETAIL_PROVIDERS, db, spec.code) if _is_inventory(spec.code) else None
    landscape = details is not None
    w = body_width(landscape)
    if landscape:
        header, money, widths = DETAIL_HEADER, 5, [13 * mm, 19 * mm, 0, 62 * mm, 50 * mm,
                                                   24 * mm, 48 * mm]
    else:
        header, money, widths = HEADER, 3, [13 * mm, 19 * mm, 0, 25 * mm, 52 * mm]
    widths[2] = w - sum(widths)
    describe = _DescriptionCell.maker(widths[2])
    by_entry: dict[int, list[str]] = {}
    for ln in lines:
        by_entry.setdefault(ln.entry_id, []).append(
            _line_text(ln.line_no, ln.description, ln.quantity, ln.amount))

    rows: list[list] = []
    strike: set[int] = set()
    total = ZERO
    annulled = annulments = 0
    for i, e in enumerate(entries):
        text_: str | Paragraph = e.description
        notes = []
        if e.kind == "annulment":
            annulments += 1
            target = f"n. {e.target_number}" if e.target_number is not None else "registrazione"
            if spec.yearly and e.target_year is not None and e.target_year != anno:
                target += f"/{e.target_year}"
            notes.append(f"Annulla {target}: {e.reason}" if e.reason else f"Annulla {target}")
        if e.by_number is not None:
            annulled += 1
            strike.add(i)
            by = f"n. {e.by_number}"
            if spec.yearly and e.by_year is not None and e.by_year != anno:
                by += f"/{e.by_year}"
            notes.append(f"Annullata con {by} del {format_date(e.by_date)} – "
                         f"motivo: {e.by_reason or ''}")
        elif e.kind != "annulment" and e.amount is not None:
            total += e.amount
        detail = details.get(e.id) if details is not None else None
        if e.reference and detail is None:   # an inventory shows its invoice as provenienza
            notes.append(f"Rif.: {e.reference}")
        notes.extend(area_notes.get(e.id, []))
        under = by_entry.get(e.id, []) + ([detail[0]] if detail and detail[0] else [])
        if under:   # detail lines, smaller, under the description
            text_ = describe(e.description, under, i in strike)
        row = [str(e.number), format_date(e.entry_date), text_, format_money(e.amount),
               "\n".join(notes)]
        if details is not None:
            row[3:3] = list(detail[1:]) if detail else ["", ""]
        rows.append(row)

    values = _provided(VALUE_PROVIDERS, db, spec.code) or {}
    kind_totals = _value_rows(values, entries, rows, strike, money) if values else None

    story: list = []
    if not rows:
        story.append(Paragraph("Il registro non contiene registrazioni"
                               + (f" per l'anno {anno}." if spec.yearly else "."), st.normal))
    # "Totale pagina" and "Riporto" at the foot of each page (from page 2), for a register
    # whose entries carry amounts: the amounts that count in the register's total (valid
    # entries: not annulled, not annulments).
    with_amounts = not values and any(e.amount is not None for e in entries)
    row_amounts = ([None if i in strike or e.kind == "annulment" else e.amount
                    for i, e in enumerate(entries)] if with_amounts else None)
    # Number, date and amount always fit their columns: no need to measure them.
    story += chunked_table(header, rows, widths, money_columns=(money,), strike_rows=strike,
                           fixed_columns=(0, 1, money), landscape=landscape,
                           row_amounts=row_amounts)

    sets = _provided(UNIVERSALITA_PROVIDERS, db, spec.code) if _is_inventory(spec.code) else None
    if sets:
        story += _universalita_section(sets, w, landscape, st)

    valid = len(rows) - annulled - annulments
    story.append(Spacer(1, 5 * mm))
    story.append(Paragraph("Riepilogo", st.heading))
    summary = [
        ("Registrazioni", str(len(rows))),
        ("di cui annullate", str(annulled)),
        ("di cui annullamenti", str(annulments)),
        ("Registrazioni valide", str(valid)),
    ]
    # A register whose entries carry no amount (contratti di comodato, verbali) gets no
    # "0,00 €" total: it would read as entries worth nothing.
    if kind_totals is not None:
        summary += kind_totals
    elif not entries or any(e.amount is not None for e in entries):
        summary.append(("Totale degli importi delle registrazioni valide", format_money(total)))
    ratio = 0.7
    if inventory:
        of_year = [e.number for e in entries if e.entry_date.year == anno]
        summary, ratio = summary[:4] + [(
            f"Registrazioni dell'anno {anno}",
            f"dal n. {of_year[0]} al n. {of_year[-1]} ({len(of_year)})" if of_year
            else "nessuna")] + _inventory_closing(db, spec.code, at), 0.58
    elif _is_inventory(spec.code):
        summary, ratio = summary[:4] + _inventory_closing(db, spec.code, today), 0.58
    story.append(key_value_table(summary, width=w * 0.62, label_ratio=ratio))
    story.append(Spacer(1, 3 * mm))
    story.append(Paragraph(
        "Impronta del registro delle modifiche alla data di stampa: "
        f"<font size=7>{escape(audit_hash or 'nessuna modifica registrata')}</font>", st.small))

    first = entries[0][1] if entries else None
    last = entries[-1][1] if entries else None

    def attestation(pages: int) -> str:
        noun = "pagina" if pages == 1 else "pagine"
        if first is None:
            return (f"<b>Attestazione.</b> Il presente registro si compone di {pages} {noun} "
                    "e non contiene registrazioni.")
        return (f"<b>Attestazione.</b> Il presente registro si compone di {pages} {noun} "
                f"e contiene le registrazioni dal n. {first} al n. {last}.")

    values, _logo = get_school_values(db)
    # The DSGA who closes the register: the one in office at its date (31/12 of a past year).
    signed_on = at or min(date(anno, 12, 31), today)
    signatures: list[Flowable] = []
    for f in signature_block(["Il DSGA", "Il Dirigente Scolastico"],
                             place=values.get("comune") or "",
                             names=[dsga_on(db, signed_on, heading.dsga),
                                    dirigente_on(db, signed_on, heading.dirigente)],
                             width=w):
        # A KeepTogether inside a KeepTogether always reports "too tall" and forces a page
        # break: keep the signature block's content, not its wrapper.
        signatures.extend(f._content if isinstance(f, KeepTogether) else [f])
    # Attestazione and signatures on the same, last page: the page number drawn there is
    # the page count.
    story.append(KeepTogether([Spacer(1, 4 * mm), _PageCountParagraph(attestation, st.normal),
                               *signatures]))
    title = PRINT_TITLES.get(spec.code, spec.title)
    if spec.yearly:
        subtitle = f"Anno {anno}"
        footer = f"{title.partition(' (')[0]} – anno {anno}"
    elif inventory:
        subtitle = (f"Registro a numerazione continua (non rinnovata ogni anno) · situazione "
                    f"al {format_date(at)}")
        footer = f"{spec.title} al {format_date(at)}"
    else:
        subtitle = "Registro a numerazione continua (non rinnovata ogni anno)"
        footer = title
    subtitle += f" · codice «{spec.code}»"
    return build_pdf(out, heading=heading, title=title, story=story, subtitle=subtitle,
                     footer_text=footer, landscape=landscape,
                     page_totals=format_money if with_amounts else None)
