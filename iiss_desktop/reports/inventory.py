"""Inventory prints: label sheets (QR code) and the buono di carico."""
from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import Paragraph, Spacer

from ..db.driver_sql import DriverSQL
from ..db.engine import Database
from ..domain import inventory as rules
from ..domain.dates import format_date
from ..domain.errors import DomainError
from ..domain.money import format_cents
from ..queries.school import get_heading
from .base import FONT, FONT_BOLD, body_width, build_pdf, register_fonts
from .styles import get_styles
from .tables import chunked_table, keep_with_signatures, key_value_table, signature_block
from .wording import dsga_on

# Common A4 label sheets: columns, rows, label width and height, left and top margins (mm).
LAYOUTS = {
    "3x8": (3, 8, 70.0, 37.0, 0.0, 0.5),
    "3x7": (3, 7, 70.0, 42.3, 0.0, 0.45),
    "2x7": (2, 7, 99.1, 38.1, 4.65, 15.15),
}

_ITEMS = ("SELECT i.register, i.number, e.description, r.name FROM inventory_item i "
          "JOIN register_entry e ON e.id = i.entry_id LEFT JOIN room r ON r.id = i.room_id ")


def _label_rows(db: Database, registro: str | None, item_ids, room_id: int | None):
    where, params = [], []
    if registro:
        where.append("i.register = ?")
        params.append(registro)
    if room_id is not None:
        where.append("i.room_id = ?")
        params.append(room_id)
    if item_ids:
        ids = [int(i) for i in item_ids]
        where.append(f"i.id IN ({', '.join('?' * len(ids))})")
        params += ids
    else:   # a register or a room: the goods still there, not those discharged or annulled
        where.append("i.status NOT IN ('scaricato', 'rinnovato') AND NOT EXISTS "
                     "(SELECT 1 FROM register_entry a WHERE a.annuls_id = i.entry_id)")
    sql_text = _ITEMS + (("WHERE " + " AND ".join(where)) if where else "") + \
        " ORDER BY i.register, i.number"
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(sql_text, params)
        return sql.cursor.fetchall()


def _calibration(raw: str) -> tuple[float, float]:
    """"1,5/-0,5" -> (1.5, -0.5): horizontal and vertical offsets in mm ("1,5" alone moves
    only horizontally); at most 20 mm either way."""
    parts = [p.strip() for p in str(raw).split("/")]
    try:
        values = [float(p.replace(",", ".")) if p else 0.0 for p in parts]
    except ValueError:
        values = []
    if len(values) not in (1, 2) or any(abs(v) > 20 for v in values):
        raise DomainError(f"Calibrazione delle etichette «{raw}»: indicare lo spostamento "
                          "orizzontale e verticale in millimetri, da -20 a 20, separati da "
                          "«/» (es. 1,5/-0,5).")
    return values[0], (values[1] if len(values) == 2 else 0.0)


def build_labels(db: Database, out: Path, registro: str | None = None, item_ids=None,
                 room_id: int | None = None, layout: str | None = "3x8", offset_x: float = 0.0,
                 offset_y: float = 0.0, calibrazione: str | None = None) -> Path:
    """Label sheet: school code, register and number as text and as a QR code.

    ``offset_x``/``offset_y`` (mm; or ``calibrazione`` as typed, "1,5/-0,5") calibrate a
    printer that does not feed the sheet exactly: positive moves the print right and down.
    Without a selection (``item_ids``) the goods discharged, renewed or annulled get no label.
    """
    layout = layout or "3x8"
    if calibrazione:
        offset_x, offset_y = _calibration(calibrazione)
    if layout not in LAYOUTS:
        raise DomainError(f"Formato di etichette «{layout}» sconosciuto: "
                          f"{', '.join(LAYOUTS)}.")
    if registro and not rules.has_labels(registro):
        raise DomainError(f"Inventario «{registro}» sconosciuto.")
    rows = _label_rows(db, registro, item_ids, room_id)
    if not rows:
        raise DomainError("Nessun bene da etichettare con i criteri scelti.")
    register_fonts()
    school = get_heading(db).codice_meccanografico or "SCUOLA"
    cols, nrows, w, h, left, top = LAYOUTS[layout]
    out = Path(out)
    tmp = out.with_name(out.name + ".tmp")
    c = pdfcanvas.Canvas(str(tmp), pagesize=A4)
    c.setTitle("Etichette d'inventario")
    per_page = cols * nrows
    for i, (register, number, description, room) in enumerate(rows):
        if i and i % per_page == 0:
            c.showPage()
        slot = i % per_page
        col, row = slot % cols, slot // cols
        x = (left + offset_x + col * w) * mm
        y = A4[1] - (top + offset_y + (row + 1) * h) * mm
        code = rules.label_code(school, register, number)
        qr_size = (h - 6) * mm
        widget = QrCodeWidget(code, barLevel="M")
        bx0, by0, bx1, by1 = widget.getBounds()
        drawing = Drawing(qr_size, qr_size,
                          transform=[qr_size / (bx1 - bx0), 0, 0, qr_size / (by1 - by0), 0, 0])
        drawing.add(widget)
        renderPDF.draw(drawing, c, x + w * mm - qr_size - 2 * mm, y + 3 * mm)
        text_w = w * mm - qr_size - 6 * mm
        c.setFont(FONT, 6.5)
        top_line = simpleSplit(f"{school} · {rules.short_name(register)}", FONT, 6.5,
                               text_w)[0]   # never under the QR code
        c.drawString(x + 3 * mm, y + h * mm - 6 * mm, top_line)
        c.setFont(FONT_BOLD, 13)
        c.drawString(x + 3 * mm, y + h * mm - 12.5 * mm, f"N. {number}")
        c.setFont(FONT, 6.5)
        lines = simpleSplit(description, FONT, 6.5, text_w)[:3]
        for k, line in enumerate(lines):
            c.drawString(x + 3 * mm, y + h * mm - (17 + 3 * k) * mm, line)
        c.setFont(FONT, 5.5)
        c.drawString(x + 3 * mm, y + 3.5 * mm, code)
    c.save()
    tmp.replace(out)
    return out


# "… (40 beni, beni di terzi)": the count and register at the end of a buono's description.
_BUONO_TAIL = re.compile(r" \((\d+ beni?), ([^()]+)\)$")


def _buono_subtitle(description: str) -> str:
    """The description of the buono without the "Buono di carico – " prefix, its count and
    register after a dash: "Tablet (comodato agli alunni) – 30 beni, beni mobili" instead of
    "Tablet (comodato agli alunni) (30 beni, beni mobili)"."""
    text = (description or "").removeprefix("Buono di carico – ")
    return _BUONO_TAIL.sub(r" – \1, \2", text)


def build_buono_carico(db: Database, out: Path, anno: int, numero: int) -> Path:
    """Buono di carico n. numero/anno: the goods taken in charge, with their numbers."""
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        buono = sql.first("SELECT id, entry_date, description, amount FROM register_entry "
                          "WHERE register = ? AND year = ? AND number = ?",
                          (rules.BUONO_CARICO, anno, numero))
        if buono is None:
            raise DomainError(f"Buono di carico n. {numero}/{anno} inesistente.")
        sql.execute(
            "SELECT i.register, i.number, e.description, s.name, r.name, i.value, i.supplier, "
            "i.invoice_number, i.invoice_date, i.funding, i.owner, i.impegno, i.mandato, "
            "i.cig, i.cup, i.grant_title FROM inventory_item i "
            "JOIN register_entry e ON e.id = i.entry_id LEFT JOIN site s ON s.id = i.site_id "
            "LEFT JOIN room r ON r.id = i.room_id WHERE i.buono_entry_id = ? "
            "ORDER BY i.register, i.number", (buono[0],))
        items = sql.cursor.fetchall()
        to_date = sql.to_date
    st = get_styles()
    heading = get_heading(db)
    first = items[0] if items else None
    pairs = [("Data del carico", format_date(to_date(buono[1]))),
             ("Inventario", rules.register_title(first[0]) if first else "—")]
    if first and first[10]:
        # Beni di terzi (art. 31 c.4): the grantor and the title of the grant.
        pairs += [("Concedente", first[10]),
                  ("Titolo della concessione", first[15] or "—")]
    else:
        pairs.append(("Fornitore / provenienza", (first[6] or "—") if first else "—"))
    pairs += [
        ("Fattura", f"n. {first[7]} del {format_date(to_date(first[8]))}"
         if first and first[7] and first[8] else "—"),
        ("Fonte di finanziamento", (first[9] or "—") if first else "—"),
        ("Impegno / mandato", " / ".join(x or "—" for x in first[11:13])
         if first and (first[11] or first[12]) else "—"),
        ("CIG / CUP", " / ".join(x or "—" for x in first[13:15])
         if first and (first[13] or first[14]) else "—"),
    ]
    story = [key_value_table(pairs, width=body_width() * 0.75), Spacer(1, 4 * mm)]
    rows = [[str(n), text, " – ".join(p for p in (site, room) if p) or "—",
             format_cents(value)]
            for _reg, n, text, site, room, value, *_ in items]
    w = body_width()
    widths = [16 * mm, 0, 60 * mm, 26 * mm]
    widths[1] = w - sum(widths)
    story += chunked_table(["N. inv.", "Descrizione", "Collocazione", "Valore"], rows, widths,
                           money_columns=(3,), fixed_columns=(0, 3))
    total = sum(r[5] for r in items)   # cents
    from ..queries.school import get_school_values

    place = get_school_values(db)[0].get("comune") or ""
    day = to_date(buono[1])
    story.append(Spacer(1, 3 * mm))
    # The total stays on the page of the signatures: a page with the signatures alone would
    # not show what is being signed.
    story += keep_with_signatures(
        [Paragraph(f"<b>Beni presi in carico: {len(items)} – valore complessivo "
                   f"{escape(format_cents(total))}</b>", st.normal)],
        signature_block(["Il DSGA consegnatario", "Il Dirigente Scolastico"], place=place,
                        when=day, names=[dsga_on(db, day, heading.dsga), heading.dirigente],
                        width=w))
    return build_pdf(out, heading=heading, title=f"Buono di carico n. {numero}/{anno}",
                     story=story, subtitle=_buono_subtitle(buono[2]),
                     footer_text=f"Buono di carico {numero}/{anno}")
