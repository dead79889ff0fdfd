"""Verbale di passaggio di consegne between DSGAs (D.I. 129/2018 art. 30 c.5; domain.md §1.11).

The totals per register are those stored with the verbale (the consistenza at the date of the
handover); the annex lists the goods of that consistenza, register by register, as page-sized
tables (a school may hand over tens of thousands of goods).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    HRFlowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ...domain.dates import format_date, format_date_long
from ...domain.inventory import handover as rules
from ...domain.inventory.custody import ASSIGNEE_ROLES
from ...domain.money import format_cents
from ...queries.inventory.consistenza import TERZI, base_of, register_title
from ...queries.inventory.handover import HandoverDoc, Snapshot, handover_document, snapshot
from ...queries.school import get_heading, get_school_values
from ..base import FONT, body_width, build_pdf, protocol_of
from ..styles import STRIKE_COLOR, get_styles
from ..tables import chunked_table, key_value_table
from ..wording import lower_after_semicolons, lower_first

if TYPE_CHECKING:
    from ...db.engine import Database


_ANNEX_HEADING = ParagraphStyle("iiss-annex-heading", parent=get_styles().heading,
                                keepWithNext=0)
SIGNERS = ("Il DSGA cessante", "Il DSGA subentrante", "Il Dirigente Scolastico",
           "Il Presidente del Consiglio d'istituto")


def _e(text: str) -> str:
    return escape(text or "")


def _plural(n: int) -> str:
    return f"{n} {'bene' if n == 1 else 'beni'}"


def _signatures(doc: HandoverDoc, place: str) -> list:
    """Four signatures, two per row (the names are long), kept together with the place."""
    st = get_styles()
    w = body_width()
    names = [doc.outgoing_dsga, doc.incoming_dsga, doc.dirigente, doc.presidente_ci]
    cells = []
    for label, name in zip(SIGNERS, names):
        extra = " (assente)" if label == SIGNERS[0] and doc.outgoing_absent else ""
        cells.append([Paragraph(escape(label) + extra, st.signature),
                      Paragraph(f"<i>{escape(name)}</i>", st.signature), Spacer(1, 13 * mm),
                      HRFlowable(width="80%", thickness=0.5, color=STRIKE_COLOR,
                                 hAlign="CENTER", spaceBefore=0, spaceAfter=0)])
    table = Table([cells[0:2], cells[2:4]], colWidths=[w / 2, w / 2], hAlign="CENTER")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("FONTNAME", (0, 0), (-1, -1), FONT),
                               ("TOPPADDING", (0, 0), (-1, -1), 6),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 12)]))
    where = place or "_" * 22
    return [KeepTogether([Spacer(1, 6 * mm),
                          Paragraph(f"{_e(where)}, {format_date(doc.handover_date)}", st.normal),
                          Spacer(1, 4 * mm), table])]


def _registers_table(doc: HandoverDoc) -> list:
    st = get_styles()
    w = body_width()
    rows, own_n, own_v = [], 0, 0
    terzi = []
    for code, items, cents in doc.stored:
        if base_of(code) == TERZI:
            terzi.append((code, items, cents))
            continue
        own_n += items
        own_v += cents
        rows.append([register_title(code), str(items), format_cents(cents)])
    rows.append([Paragraph("<b>Totale del patrimonio dell'istituto</b>", st.cell),
                 Paragraph(f"<b>{own_n}</b>", st.cell_right),
                 Paragraph(f"<b>{escape(format_cents(own_v))}</b>", st.cell_right)])
    for code, items, cents in terzi:
        rows.append([register_title(code) + " (non fanno parte del patrimonio)", str(items),
                     format_cents(cents)])
    widths = [0, 22 * mm, 34 * mm]
    widths[0] = w - sum(widths)
    return chunked_table(["Inventario", "Beni",
                          f"Valore al {format_date(doc.handover_date)}"], rows, widths,
                         money_columns=(1, 2))


def _section(title: str) -> Paragraph:
    return Paragraph(escape(title), get_styles().heading)


def _list_or_none(header, rows, widths, none_text: str, money=()) -> list:
    if not rows:
        return [Paragraph(escape(none_text), get_styles().normal)]
    w = body_width()
    widths = list(widths)
    widths[widths.index(0)] = w - sum(widths)
    return chunked_table(header, rows, widths, money_columns=money)


def _body(doc: HandoverDoc, snap: Snapshot, heading, place: str) -> list:
    st = get_styles()
    story: list = []
    if doc.annulled:
        story.append(Paragraph("<b>VERBALE ANNULLATO</b> (vedere il registro dei verbali di "
                               "passaggio di consegne).", st.normal))
    where = "la sede dell'istituto" + (f" ({_e(doc.place)})" if doc.place else "")
    story.append(Paragraph(
        f"Il giorno {format_date_long(doc.handover_date)}, presso {where}, a seguito della "
        f"cessazione dal servizio del DSGA <b>{_e(doc.outgoing_dsga)}</b> in data "
        f"{format_date(doc.cessation_date)}, si procede al passaggio di consegne dei beni "
        "dell'istituto al DSGA subentrante, consegnatario ai sensi dell'art. 30 del D.I. "
        "129/2018, mediante ricognizione materiale dei beni in contraddittorio, alla presenza "
        "del Dirigente Scolastico e del Presidente del Consiglio d'istituto.", st.normal))
    people = [("DSGA cessante", doc.outgoing_dsga + (" – assente" if doc.outgoing_absent
                                                       else "")),
              ("DSGA subentrante", doc.incoming_dsga),
              ("Dirigente Scolastico", doc.dirigente),
              ("Presidente del Consiglio d'istituto", doc.presidente_ci)]
    if doc.witnesses:
        people.append(("Altri presenti / testimoni", doc.witnesses))
    story += [_section("Sono presenti"), key_value_table(people, label_ratio=0.36)]
    if doc.outgoing_absent:
        story.append(Spacer(1, 2 * mm))
        story.append(Paragraph(
            f"Il DSGA cessante non è presente. Motivo: "
            f"{_e(lower_first(doc.absence_reason.rstrip('.')))}. Si procede "
            "senza di lui alla presenza del Dirigente Scolastico, del DSGA subentrante e del "
            "Presidente del Consiglio d'istituto, che sottoscrivono il verbale.", st.normal))
    story += [_section("1. Termine per il passaggio di consegne"),
              Paragraph(escape(rules.late_note(doc.cessation_date, doc.handover_date)),
                        st.normal)]
    story += [_section("2. Inventari consegnati e loro consistenza alla data")]
    story += _registers_table(doc)
    story.append(Paragraph("L'elenco dei beni di ciascun inventario è allegato al presente "
                           "verbale («Allegato: elenco dei beni»).", st.small))
    # Differences since the last ricognizione.
    story.append(_section("3. Differenze rispetto all'ultima ricognizione"))
    if snap.last_check is None:
        story.append(Paragraph("Non risultano ricognizioni registrate: la ricognizione di "
                               "questo passaggio di consegne vale come prima ricognizione.",
                               st.normal))
    else:
        story.append(Paragraph(f"Ultima ricognizione registrata: {format_date(snap.last_check)}."
                               , st.normal))
        story += _list_or_none(
            ["Data", "Origine", "Bene o atto", "Esito o variazione"],
            [[format_date(d.when) if d.when else "", d.kind, d.what,
              lower_after_semicolons(d.detail)] for d in snap.differences],
            [19 * mm, 22 * mm, 0, 70 * mm],
            "Nessuna differenza: la ricognizione ha confermato i beni e da allora non vi sono "
            "stati carichi né scarichi.")
    story.append(_section("4. Beni di terzi in consegna (art. 31 c.4)"))
    story += _list_or_none(["Proprietario", "Titolo della concessione", "Beni", "Valore"],
                           [[t.owner, t.title, str(t.count), format_cents(t.total)]
                            for t in snap.terzi],
                           [55 * mm, 0, 14 * mm, 28 * mm],
                           "Nessun bene di terzi in consegna.", money=(2, 3))
    story.append(_section("5. Sostituti e sub-consegnatari in carica (art. 30 c.2-3)"))
    story += _list_or_none(["Incarico", "Nominativo", "Plesso", "Nomina", "Dal"],
                           [[c.role, c.person, c.site, c.decree, format_date(c.since)]
                            for c in snap.custody],
                           [36 * mm, 0, 34 * mm, 40 * mm, 19 * mm],
                           "Nessun sostituto né sub-consegnatario in carica.")
    story.append(_section("6. Affidamenti di laboratorio in corso (art. 35)"))
    story += _list_or_none(["Verbale", "Affidatario", "Qualifica", "Locale", "Dal", "Beni"],
                           [[a.number, a.assignee,
                             ASSIGNEE_ROLES.get(a.assignee_role, a.assignee_role), a.room,
                             format_date(a.since), str(a.items)] for a in snap.assignments],
                           [17 * mm, 0, 30 * mm, 40 * mm, 19 * mm, 12 * mm],
                           "Nessun affidamento in corso.", money=(5,))
    story.append(_section("7. Beni in comodato d'uso"))
    story += _list_or_none(["Contratto", "Alunno", "Classe", "Comodatario", "Scadenza", "Beni"],
                           [[lo.number, lo.student, lo.class_name, lo.parent,
                             format_date(lo.due), str(lo.items)] for lo in snap.loans],
                           [19 * mm, 0, 14 * mm, 48 * mm, 19 * mm, 12 * mm],
                           "Nessun bene in comodato d'uso alla data.", money=(5,))
    story += [_section("8. Esito della ricognizione in contraddittorio"),
              Paragraph("Modalità: " + escape(lower_first(
                  rules.CHECK_MODES.get(doc.check_mode, doc.check_mode))) + ".", st.normal),
              Paragraph(_e(doc.outcome) or "Nessuna osservazione: i beni corrispondono alle "
                                          "scritture inventariali.", st.normal),
              Paragraph(f"Con la sottoscrizione del presente verbale il DSGA "
                        f"<b>{_e(doc.incoming_dsga)}</b> assume la qualità di consegnatario dei "
                        "beni sopra indicati. Letto, confermato e sottoscritto.", st.normal)]
    story += _signatures(doc, place)
    return story


def _annex(doc: HandoverDoc, snap: Snapshot, place: str = "") -> list:
    st = get_styles()
    w = body_width()
    widths = [15 * mm, 19 * mm, 0, 48 * mm, 17 * mm, 24 * mm]
    widths[2] = w - sum(widths)
    story: list = [PageBreak(), Paragraph("Allegato: elenco dei beni", st.title),
                   Paragraph(f"Beni in consistenza al {format_date(doc.handover_date)}, per "
                             "inventario, con numero d'inventario, data di carico, "
                             "collocazione, stato di conservazione e valore.", st.normal)]
    stored = {code: (items, cents) for code, items, cents in doc.stored}
    changed = False
    for reg in snap.registers:
        if not reg.goods:
            continue
        # Not "keep with next": kept with a page-long table, the title would push it (and
        # leave a blank page); the conditional break keeps it from ending a page alone.
        story += [CondPageBreak(30 * mm),
                  Paragraph(f"{escape(reg.title)} – {_plural(reg.count)}, "
                            f"{escape(format_cents(reg.total))}", _ANNEX_HEADING)]
        rows = [[str(g.number), format_date(g.entry_date), g.description, g.place, g.state,
                 format_cents(g.value)] for g in reg.goods]
        story += chunked_table(["N.", "Carico", "Descrizione", "Collocazione", "Stato", "Valore"],
                               rows, widths, money_columns=(5,), fixed_columns=(0, 1, 4, 5))
        changed = changed or stored.get(reg.code) != (reg.count, reg.total)
    if changed:
        story.append(Spacer(1, 3 * mm))
        story.append(Paragraph("Nota: dopo la redazione del verbale sono state registrate "
                               "variazioni con data anteriore al passaggio di consegne; "
                               "l'elenco le comprende, i totali del verbale no.", st.small))
    listed = [reg for reg in snap.registers if reg.goods]
    # "comprende i beni dei seguenti inventari: inventario dei beni mobili (95 beni, …)": the
    # titles in lowercase after the colon, each total in parentheses after its inventory.
    contents = "; ".join(f"{escape(lower_first(reg.title))} ({_plural(reg.count)}, "
                         f"{escape(format_cents(reg.total))})" for reg in listed)
    closing = Paragraph(
        f"Il presente elenco è parte integrante del verbale di passaggio di consegne "
        f"n. {doc.number}/{doc.year} e comprende i beni dei seguenti inventari: {contents}."
        if listed else
        "Nessun bene in consistenza alla data del passaggio di consegne.", st.normal)
    # The annex is signed like the verbale; its closing line stays with the signatures (the
    # content of the signatures' KeepTogether: nested ones always break the page).
    [signatures] = _signatures(doc, place)
    story.append(KeepTogether([Spacer(1, 4 * mm), closing, *signatures._content]))
    return story


def build_verbale_passaggio(db: Database, out: Path, anno: int, numero: int) -> Path:
    """Verbale di passaggio di consegne n. numero/anno, with the annex of the goods."""
    doc = handover_document(db, anno, numero)
    snap = snapshot(db, doc.handover_date)
    heading = get_heading(db)
    place = get_school_values(db)[0].get("comune") or ""   # of the "luogo, data" line
    story = _body(doc, snap, heading, place) + _annex(doc, snap, place)
    return build_pdf(out, protocol=protocol_of(db, "verbale-passaggio", anno, numero),
                     heading=heading,
                     title=f"Verbale di passaggio di consegne n. {numero}/{anno}",
                     subtitle=f"D.I. 129/2018, art. 30 c. 5 – dal DSGA {doc.outgoing_dsga} al "
                              f"DSGA {doc.incoming_dsga}",
                     story=story, footer_text=f"Passaggio di consegne {numero}/{anno}")
