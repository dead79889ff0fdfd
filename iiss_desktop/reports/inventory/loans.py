"""Comodato d'uso prints (domain.md §7; codice civile artt. 1803-1812): the contract in two
originals, the verbale of delivery and the verbale of return."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

from ...domain.dates import format_date
from ...domain.errors import DomainError
from ...domain.inventory.registers import item_label
from ...domain.money import format_cents
from ...queries.inventory.loans import LoanDoc, loan_document
from ...queries.school import get_heading, get_school_values
from ..base import FONT_BOLD, RestartPageNumbers, body_width, build_pdf, protocol_of
from ..styles import get_styles
from ..tables import chunked_table, signature_block
from ..wording import BLANK_NAME, dirigente_on, dsga_on, lower_first

if TYPE_CHECKING:
    from ...db.engine import Database


ORIGINALS = ("Originale per l'istituto", "Originale per il comodatario")
# Who signs for the school, the comodante (the contract: its legal representative; the
# verbali of delivery and return: the consegnatario of the goods).
COMODANTE_DS = "Il comodante – il Dirigente Scolastico"
COMODANTE_DSGA = "Per il comodante – il DSGA consegnatario"

# Clauses of a comodato d'uso (codice civile artt. 1803-1812), as school contracts word them.
CLAUSES = [
    ("Uso del bene (art. 1804 c.c.)",
     "Il comodatario custodisce e conserva il bene con la diligenza del buon padre di famiglia "
     "e lo fa utilizzare all'alunno esclusivamente per le attività di studio e didattiche "
     "proposte dalla scuola, senza modificarne la configurazione, i programmi installati o gli "
     "account forniti dall'istituto."),
    ("Divieto di cessione a terzi (art. 1804 c.c.)",
     "Il bene non può essere concesso in uso a terzi, né a titolo gratuito né a titolo oneroso, "
     "né venduto, dato in pegno o comunque ceduto. In caso di inadempimento il comodante può "
     "chiedere l'immediata restituzione del bene, oltre al risarcimento del danno."),
    ("Custodia e spese (artt. 1804 e 1808 c.c.)",
     "Il comodatario risponde della custodia del bene e sostiene le spese ordinarie per "
     "servirsene. Guasti e malfunzionamenti sono segnalati tempestivamente alla segreteria, "
     "che provvede; non sono ammessi interventi di riparazione da parte di terzi."),
    ("Restituzione (art. 1809 c.c.)",
     "Il bene, con gli accessori consegnati, è restituito alla scadenza indicata, o prima se "
     "l'alunno si trasferisce ad altra istituzione scolastica, nello stato in cui è stato "
     "ricevuto, salvo il normale deterioramento dovuto all'uso. Alla restituzione si redige un "
     "verbale con l'esito del controllo."),
    ("Responsabilità per perdita o danni (artt. 1805 e 1807 c.c.)",
     "Il comodatario risponde della perdita, del furto e del danneggiamento del bene non "
     "dovuti al normale uso, e ne rimborsa il costo di riparazione o, se il bene non è "
     "riparabile o non è restituito, il valore indicato all'art. 1. In caso di furto o "
     "smarrimento consegna alla scuola copia della denuncia presentata all'autorità di "
     "pubblica sicurezza."),
    ("Richiesta di restituzione anticipata (artt. 1804 e 1809 c.c.)",
     "Il comodante può chiedere la restituzione immediata del bene se sopravviene un urgente e "
     "imprevisto bisogno dell'istituto o se il comodatario non rispetta gli obblighi del "
     "presente contratto."),
    ("Trattamento dei dati personali",
     "I dati personali sono trattati dall'istituto, titolare del trattamento, per la sola "
     "gestione del presente contratto, secondo il Regolamento (UE) 2016/679."),
    ("Rinvio",
     "Per quanto non previsto si applicano gli articoli da 1803 a 1812 del codice civile."),
]


def _p(text: str, style) -> Paragraph:
    return Paragraph(text, style)


def _e(value: str) -> str:
    return escape(value or "")


def _marker(text: str) -> Table:
    """The framed label of an original, top right."""
    st = get_styles()
    table = Table([[Paragraph(f"<b>{escape(text.upper())}</b>", st.cell)]],
                  colWidths=[70 * mm], hAlign="RIGHT")
    table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                               ("FONTNAME", (0, 0), (-1, -1), FONT_BOLD),
                               ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                               ("TOPPADDING", (0, 0), (-1, -1), 3),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return table


def _goods_table(doc: LoanDoc, *, back: bool = False) -> list:
    w = body_width()
    rows = []
    for g in doc.goods:
        what = g.description
        extra = " ".join(p for p in (g.brand, g.model) if p)
        if extra:
            what += f" – {extra}"
        row = [item_label(g.register, g.number), what, g.serial_number or "—", g.condition_out]
        row += [g.condition_back or "—"] if back else [format_cents(g.value)]
        rows.append(row)
    if back:
        header = ["N. inventario", "Descrizione", "Matricola", "Stato alla consegna",
                  "Stato alla restituzione"]
        widths = [30 * mm, 0, 30 * mm, 24 * mm, 26 * mm]
        money = ()
    else:
        header = ["N. inventario", "Descrizione", "Matricola", "Stato alla consegna", "Valore"]
        widths = [30 * mm, 0, 30 * mm, 24 * mm, 24 * mm]
        money = (4,)
    widths[1] = w - sum(widths)
    return chunked_table(header, rows, widths, money_columns=money)


def _student(doc: LoanDoc) -> str:
    klass = f", classe {_e(doc.class_name)}" if doc.class_name else ""
    return f"<b>{_e(doc.student_name)}</b>{klass}"


def _parent(doc: LoanDoc) -> str:
    parts = [f"<b>{_e(doc.parent_name)}</b>"]
    # domain.md §7: the comodatario's birth data and residence (contracts recorded before
    # these fields existed print what they have).
    born = " ".join(x for x in (
        f"a {_e(doc.parent_birth_place)}" if doc.parent_birth_place else "",
        f"il {format_date(doc.parent_birth_date)}" if doc.parent_birth_date else "") if x)
    if born:
        parts.append(f"nato/a {born}")
    if doc.parent_residence:
        parts.append(f"residente in {_e(doc.parent_residence)}")
    parts.append(f"codice fiscale {_e(doc.parent_cf)}")
    if doc.id_document:
        # "Carta d'identità CA10000AB": the kind of document is part of what was typed.
        parts.append(f"documento di riconoscimento: {_e(lower_first(doc.id_document))}")
    if doc.contacts:
        parts.append(f"recapiti {_e(doc.contacts)}")
    return ", ".join(parts)


def _contract(doc: LoanDoc, heading, dirigente: str, place: str, original: str) -> list:
    """``dirigente``: the one in office when the comodato starts."""
    st = get_styles()
    school = (f"<b>{_e(heading.denominazione)}</b>"
              + (f", codice fiscale {_e(heading.codice_fiscale)}" if heading.codice_fiscale
                 else "")
              + (f", con sede in {_e(heading.address_line)}" if heading.address_line else ""))
    story = [_marker(original), Spacer(1, 3 * mm),
             _p("<b>TRA</b>", st.normal),
             _p(f"l'istituzione scolastica {school}, rappresentata legalmente dal Dirigente "
                f"Scolastico {_e(dirigente) or 'pro tempore'}, di seguito «comodante»,",
                st.normal),
             _p("<b>E</b>", st.normal),
             _p(f"{_parent(doc)}, in qualità di genitore o tutore esercente la responsabilità "
                f"genitoriale dell'alunno/a {_student(doc)}, di seguito «comodatario»,",
                st.normal),
             _p("<b>PREMESSO CHE</b>", st.normal),
             _p("– l'istituto concede in comodato d'uso gratuito beni del proprio patrimonio "
                "agli alunni, per le attività di studio, secondo i criteri deliberati dal "
                "Consiglio d'istituto" + (f" (criterio applicato: {_e(lower_first(doc.criteria))})"
                                          if doc.criteria else "") + ";", st.normal),
             _p("– il DSGA, consegnatario dei beni, ha individuato i beni che possono essere "
                "concessi senza pregiudizio per le attività istituzionali;", st.normal),
             _p("<b>SI CONVIENE E SI STIPULA QUANTO SEGUE</b>", st.normal),
             _p("<b>Art. 1 – Oggetto.</b> Il comodante concede in comodato d'uso gratuito al "
                "comodatario, che accetta, i beni seguenti, che restano iscritti "
                "nell'inventario dell'istituto:", st.normal)]
    story += _goods_table(doc)
    story += [Spacer(1, 2 * mm),
              _p(f"Valore complessivo dei beni: <b>{escape(format_cents(doc.total))}</b>.",
                 st.normal),
              _p(f"<b>Art. 2 – Durata.</b> Il comodato decorre dal {format_date(doc.start)} "
                 f"(consegna dei beni) e termina il <b>{format_date(doc.due)}</b>, data entro "
                 "la quale i beni sono restituiti.", st.normal)]
    for n, (title, text) in enumerate(CLAUSES, start=3):
        story.append(_p(f"<b>Art. {n} – {escape(title)}.</b> {escape(text)}", st.normal))
    story.append(_p("Letto, confermato e sottoscritto in due originali, uno per ciascuna "
                    "parte.", st.normal))
    story += signature_block([COMODANTE_DS, "Il comodatario"], place=place,
                             when=doc.start, names=[dirigente, doc.parent_name],
                             width=body_width())
    return story


def _load(db: Database, anno: int, numero: int):
    doc = loan_document(db, anno, numero)
    heading = get_heading(db)
    place = get_school_values(db)[0].get("comune") or ""
    return doc, heading, place


def build_contract(db: Database, out: Path, anno: int, numero: int) -> Path:
    """Contract of comodato d'uso n. numero/anno in two originals, each from a new page."""
    doc, heading, place = _load(db, anno, numero)
    story: list = []
    dirigente = dirigente_on(db, doc.start, heading.dirigente)
    for k, original in enumerate(ORIGINALS):
        if k:
            story += [PageBreak(), RestartPageNumbers()]
        story += _contract(doc, heading, dirigente, place, original)
    return build_pdf(out, protocol=protocol_of(db, "contratto-comodato", anno, numero),
                     heading=heading,
                     title=f"Contratto di comodato d'uso gratuito n. {numero}/{anno}",
                     subtitle=f"Alunno/a {doc.student_name}"
                              + (f", classe {doc.class_name}" if doc.class_name else "")
                              + " · artt. 1803-1812 del codice civile",
                     story=story, footer_text=f"Contratto di comodato n. {numero}/{anno}")


def build_delivery(db: Database, out: Path, anno: int, numero: int) -> Path:
    """Verbale of the delivery of the goods, with their condition."""
    doc, heading, place = _load(db, anno, numero)
    st = get_styles()
    dsga = dsga_on(db, doc.start, heading.dsga)
    story = [_p(f"Il giorno {format_date(doc.start)}, presso l'istituto, il DSGA consegnatario "
                f"dei beni {_e(dsga) or BLANK_NAME}, per il comodante, consegna a {_parent(doc)}, "
                "genitore o tutore "
                f"dell'alunno/a {_student(doc)}, in esecuzione del contratto di comodato "
                f"d'uso n. {numero}/{anno}, i beni seguenti:", st.normal)]
    story += _goods_table(doc)
    story += [Spacer(1, 2 * mm),
              _p("Il comodatario dichiara di aver ricevuto i beni nello stato di conservazione "
                 "indicato, funzionanti e completi degli accessori, e si impegna a restituirli "
                 f"entro il {format_date(doc.due)}.", st.normal)]
    story += signature_block([COMODANTE_DSGA, "Il comodatario"], place=place,
                             when=doc.start, names=[dsga, doc.parent_name],
                             width=body_width())
    return build_pdf(out, protocol=protocol_of(db, "verbale-consegna-comodato", anno, numero),
                     heading=heading,
                     title=f"Verbale di consegna – comodato d'uso n. {numero}/{anno}",
                     subtitle=f"Alunno/a {doc.student_name}", story=story,
                     footer_text=f"Verbale di consegna, comodato n. {numero}/{anno}")


def build_return(db: Database, out: Path, anno: int, numero: int) -> Path:
    """Verbale of the return: condition of each good and the outcome of the inspection."""
    doc, heading, place = _load(db, anno, numero)
    if doc.returned_on is None:
        raise DomainError(f"Il comodato n. {numero}/{anno} non è ancora stato restituito: "
                          "registrare prima la restituzione («Restituzione…»), poi stampare "
                          "il verbale.")
    st = get_styles()
    late = (doc.returned_on - doc.due).days
    dsga = dsga_on(db, doc.returned_on, heading.dsga)
    story = [_p(f"Il giorno {format_date(doc.returned_on)}, presso l'istituto, {_parent(doc)}, "
                f"genitore o tutore dell'alunno/a {_student(doc)}, restituisce al DSGA "
                f"consegnatario {_e(dsga) or BLANK_NAME}, per il comodante, i beni ricevuti il "
                f"{format_date(doc.start)} con il contratto di comodato d'uso n. "
                f"{numero}/{anno}" + (f", {late} giorni dopo la scadenza del "
                                      f"{format_date(doc.due)}" if late > 0 else "") + ".",
                st.normal)]
    story += _goods_table(doc, back=True)
    story += [Spacer(1, 2 * mm),
              _p("<b>Esito del controllo:</b> "
                 + (_e(lower_first(doc.return_notes))
                    or "i beni sono restituiti nello stato indicato, senza danni né mancanze."),
                 st.normal),
              _p("Con la firma del presente verbale il comodato si intende concluso"
                 + ("; restano salvi gli obblighi di rimborso per i danni e le mancanze sopra "
                    "indicati (art. 7 del contratto)." if doc.return_notes else "."),
                 st.normal)]
    story += signature_block([COMODANTE_DSGA, "Il comodatario"], place=place,
                             when=doc.returned_on, names=[dsga, doc.parent_name],
                             width=body_width())
    return build_pdf(out, protocol=protocol_of(db, "verbale-restituzione-comodato", anno, numero),
                     heading=heading,
                     title=f"Verbale di restituzione – comodato d'uso n. {numero}/{anno}",
                     subtitle=f"Alunno/a {doc.student_name}", story=story,
                     footer_text=f"Verbale di restituzione, comodato n. {numero}/{anno}")
