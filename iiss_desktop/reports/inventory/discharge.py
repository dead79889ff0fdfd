"""Discarico documents (art. 33): the decree of the dirigente and the buono di scarico."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ...domain.dates import format_date
from ...domain.errors import DomainError
from ...domain.inventory.discharge import DISCHARGE_CAUSES, cause_phrase
from ...domain.inventory.registers import short_name
from ...domain.money import format_cents
from ...queries.inventory.sale import DischargeDoc, discharge_doc
from ...queries.school import get_heading, get_school_values
from ..base import body_width, build_pdf, protocol_of
from ..styles import get_styles
from ..tables import chunked_table, keep_with_signatures, key_value_table, signature_block
from ..wording import dirigente_on, dsga_on, lower_first

if TYPE_CHECKING:
    from ...db.engine import Database


LAW = ("Visto il D.I. 28 agosto 2018, n. 129, «Regolamento recante istruzioni generali sulla "
       "gestione amministrativo-contabile delle istituzioni scolastiche», e in particolare "
       "l'art. 31 (inventari), l'art. 33 (eliminazione dei beni dall'inventario) e l'art. 34 "
       "(vendita di materiali fuori uso e di beni non più utilizzabili)")
GUIDELINES = ("Viste le Linee guida per la gestione del patrimonio e degli inventari delle "
              "istituzioni scolastiche (Nota M.I. prot. n. 4083 del 23 febbraio 2021)")
REGULATION = ("Visto il regolamento d'istituto per la gestione del patrimonio e degli "
              "inventari (art. 29 c.3)")
# Art. 33 c.3: what the decree rests on, per cause (plural; _PREMISES_ONE: one good).
PREMISES = {
    "furto": ["Vista la denuncia di furto presentata all'autorità di pubblica sicurezza, in "
              "copia agli atti (art. 33 c.3)",
              "Vista la relazione del DSGA sulle circostanze che hanno determinato la "
              "sottrazione dei beni (art. 33 c.3)"],
    "forza_maggiore": ["Vista la relazione del DSGA sulle circostanze dell'evento di forza "
                       "maggiore che ha determinato la perdita dei beni (art. 33 c.3)"],
    "inservibilita": ["Visto il verbale della commissione interna (art. 34) che ha dichiarato "
                      "i beni inservibili, fuori uso od obsoleti (art. 33 c.3)"],
    "vendita": ["Visto il verbale della commissione interna che ha determinato il valore dei "
                "beni fuori uso (art. 34 c.1)"],
    "cessione": ["Visto il verbale della commissione interna che ha determinato il valore dei "
                 "beni fuori uso (art. 34 c.1)"],
}
_PREMISES_ONE = {
    "furto": ["Vista la denuncia di furto presentata all'autorità di pubblica sicurezza, in "
              "copia agli atti (art. 33 c.3)",
              "Vista la relazione del DSGA sulle circostanze che hanno determinato la "
              "sottrazione del bene (art. 33 c.3)"],
    "forza_maggiore": ["Vista la relazione del DSGA sulle circostanze dell'evento di forza "
                       "maggiore che ha determinato la perdita del bene (art. 33 c.3)"],
    "inservibilita": ["Visto il verbale della commissione interna (art. 34) che ha dichiarato "
                      "il bene inservibile, fuori uso od obsoleto (art. 33 c.3)"],
    "vendita": ["Visto il verbale della commissione interna che ha determinato il valore del "
                "bene fuori uso (art. 34 c.1)"],
    "cessione": ["Visto il verbale della commissione interna che ha determinato il valore del "
                 "bene fuori uso (art. 34 c.1)"],
}


def _premises(doc: DischargeDoc) -> list[str]:
    table = _PREMISES_ONE if len(doc.goods) == 1 else PREMISES
    return table.get(doc.cause, [])


def _awarded(doc: DischargeDoc):
    sale = doc.sale
    if sale is None or sale.row.status != "aggiudicata":
        return None
    return next((o for o in sale.offers if o.id == sale.awarded_offer_id), None)


def _sale_premises(doc: DischargeDoc) -> list[str]:
    sale = doc.sale
    if sale is None:
        return []
    row = sale.row
    goods = "il bene è stato destinato" if len(doc.goods) == 1 else "i beni sono stati destinati"
    out = [f"Visto il proprio decreto n. {row.decree_number} del "
           f"{format_date(row.decree_date)} con cui {goods} alla "
           + ("vendita" if row.kind == "vendita" else "cessione diretta")]
    if row.published_on:
        out.append(f"Visto l'avviso di vendita pubblicato sul sito dell'istituto il "
                   f"{format_date(row.published_on)}, con termine per le offerte al "
                   f"{format_date(row.offers_deadline)} (art. 34 c.2)")
    if row.status == "aggiudicata":
        best = _awarded(doc)
        out.append(f"Viste le offerte pervenute entro il termine ({len(sale.offers)})")
        if best is not None:
            out.append(f"Considerato che la migliore offerta è quella di {best.bidder}, per "
                       f"{format_cents(best.amount)}, non inferiore al prezzo base di "
                       f"{format_cents(row.base_total)}")
            # Art. 34 c.2: the discarico follows the payment ("ricevuto il pagamento").
            out.append(f"Accertato il versamento del corrispettivo di "
                       f"{format_cents(best.amount)} all'istituto cassiere (art. 34 c.2)")
    elif row.published_on:
        out.append("Considerato che la vendita è andata deserta (art. 34 c.3)")
    elif row.kind == "cessione_ente":
        # "che Istituto Comprensivo … ne ha accettato": the name needs no article this way.
        what = ("il bene non è più utilizzabile" if len(doc.goods) == 1
                else "i beni non sono più utilizzabili")
        out.append(f"Considerato che {what} per i fini istituzionali e che il cessionario, "
                   f"{row.counterpart}, ne ha accettato la cessione (art. 34 c.4)")
    return out


def _liability(doc: DischargeDoc) -> str:
    if doc.reintegro:
        return (f"Accertata la responsabilità di {doc.responsible}, tenuto al reintegro del "
                f"danno (art. 33 c.2)")
    return ("Accertata l'assenza di responsabilità amministrativa a carico di dipendenti o di "
            "terzi (art. 33 c.2)")


def build_decree(db: Database, out: Path, numero: str | int | None = None,
                 anno: int | None = None, data: date | None = None, id: int | None = None
                 ) -> Path:
    """Decreto di discarico: by discharge ``id``, or by decree ``numero`` and ``data`` (or,
    from the command line, ``numero`` and ``anno``: the latest decree with that number)."""
    if id is None and not numero:
        raise DomainError("Indicare il numero del decreto di discarico (o il discarico).")
    number = None if numero is None else str(numero)
    doc = discharge_doc(db, id, number, data, year=anno if data is None else None)
    st = get_styles()
    heading = get_heading(db)
    center = ParagraphStyle("decree-center", parent=st.heading, alignment=TA_CENTER,
                            spaceBefore=6, spaceAfter=6)
    premises = [LAW, GUIDELINES, REGULATION, *_premises(doc), *_sale_premises(doc)]
    if doc.motivation.strip():
        premises.append(f"Considerato che: {lower_first(doc.motivation.strip().rstrip('.'))}")
    if doc.attachments:
        premises.append(f"Visti gli atti allegati: {lower_first(doc.attachments.rstrip('.'))}")
    premises.append(_liability(doc))
    story = [Paragraph("IL DIRIGENTE SCOLASTICO", center)]
    story += [Paragraph(escape(p) + ";", st.normal) for p in premises]
    story.append(Paragraph("DECRETA", center))
    cause = cause_phrase(doc.cause)
    n = len(doc.goods)
    story.append(Paragraph(
        f"<b>Art. 1</b> – il discarico dagli inventari dell'istituto, per {escape(cause)}, "
        f"{'del bene' if n == 1 else f'dei {n} beni'} di seguito "
        f"{'elencato' if n == 1 else 'elencati'}, per un valore d'inventario complessivo di "
        f"<b>{escape(format_cents(doc.total))}</b>:", st.normal))
    w = body_width()
    widths = [34 * mm, 14 * mm, 0, 20 * mm, 26 * mm]
    widths[2] = w - sum(widths)
    rows = [[short_name(g.register), str(g.number), g.description,
             format_date(g.carico_date), format_cents(g.value)] for g in doc.goods]
    story += chunked_table(["Inventario", "N. inv.", "Descrizione", "Carico", "Valore"], rows,
                           widths, money_columns=(4,), fixed_columns=(1, 3, 4))
    story.append(Paragraph(f"<b>Totale: {escape(format_cents(doc.total))}</b>",
                           ParagraphStyle("tot", parent=st.normal, alignment=2, spaceBefore=3)))
    if doc.reintegro:
        art2 = (f"<b>Art. 2</b> – {escape(doc.responsible)} è tenuto al reintegro di "
                f"<b>{escape(format_cents(doc.reintegro_amount))}</b>, da versare all'istituto "
                "cassiere.")
    else:
        art2 = ("<b>Art. 2</b> – accertata l'assenza di responsabilità amministrativa, non è "
                "dovuto alcun reintegro.")
    story.append(Paragraph(art2, st.normal))
    k = 3
    sale = doc.sale
    best = _awarded(doc)
    goods = "il bene è" if n == 1 else "i beni sono"
    if best is not None:
        story.append(Paragraph(
            f"<b>Art. {k}</b> – {goods} {'aggiudicato' if n == 1 else 'aggiudicati'} a "
            f"{escape(best.bidder)} per <b>{escape(format_cents(best.amount))}</b>; il ritiro "
            "avviene a cura e spese dell'aggiudicatario, nello stato di fatto in cui "
            f"{'si trova' if n == 1 else 'si trovano'}.", st.normal))
        k += 1
    elif sale is not None and sale.row.counterpart:
        # Who takes the goods (the name after a noun: "al cessionario Istituto …" needs no
        # article of its own). After a deserted sale (art. 34 c.3) the way is the cause.
        who = escape(sale.row.counterpart)
        text = None
        if sale.row.kind == "cessione_ente":
            text = (f"{goods} {'ceduto' if n == 1 else 'ceduti'} al cessionario {who}, a "
                    "trattativa privata (art. 34 c.4); il ritiro avviene a cura e spese del "
                    "cessionario.")
        elif doc.cause == "cessione":
            text = (f"{goods} {'ceduto' if n == 1 else 'ceduti'} a titolo gratuito al "
                    f"cessionario {who}, dopo la vendita andata deserta (art. 34 c.3); il "
                    "ritiro avviene a cura e spese del cessionario.")
        elif doc.cause == "vendita":
            text = (f"{goods} {'venduto' if n == 1 else 'venduti'} a trattativa privata "
                    f"all'acquirente {who}, dopo la vendita andata deserta (art. 34 c.3); il "
                    "ritiro avviene a cura e spese dell'acquirente.")
        elif doc.cause == "inservibilita":
            text = (f"{goods} {'avviato' if n == 1 else 'avviati'} allo smaltimento nel "
                    f"rispetto della normativa ambientale, a cura della ditta {who} (art. 34 "
                    "c.3).")
        if text:
            story.append(Paragraph(f"<b>Art. {k}</b> – {text}", st.normal))
            k += 1
    buono = (f" ed emettere il buono di scarico n. {doc.buono_number}/{doc.buono_year}"
             if doc.buono_number else "")
    story.append(Paragraph(
        f"<b>Art. {k}</b> – il DSGA, consegnatario dei beni, è incaricato di annotare il "
        f"discarico nei registri d'inventario (art. 31){buono}.", st.normal))
    place = get_school_values(db)[0].get("comune") or ""
    story += signature_block(["Il Dirigente Scolastico"], place=place, when=doc.decree_date,
                             names=[dirigente_on(db, doc.decree_date, heading.dirigente)],
                             width=w * 0.5)
    title = f"Decreto di discarico n. {doc.decree_number} del {format_date(doc.decree_date)}"
    return build_pdf(out, protocol=True, heading=heading, title=title, story=story,
                     subtitle="Eliminazione di beni dall'inventario (art. 33 D.I. 129/2018)",
                     footer_text=title)


def build_buono_scarico(db: Database, out: Path, anno: int, numero: int) -> Path:
    """Buono di scarico n. numero/anno: the goods that leave the inventories by a decree."""
    doc = discharge_doc(db, buono=(anno, numero))
    st = get_styles()
    heading = get_heading(db)
    w = body_width()
    story = [key_value_table([
        ("Data del buono", format_date(doc.buono_date)),
        ("Decreto di discarico", f"n. {doc.decree_number} del {format_date(doc.decree_date)}"),
        ("Causa", DISCHARGE_CAUSES.get(doc.cause, doc.cause)),
        ("Reintegro", f"{format_cents(doc.reintegro_amount)} a carico di {doc.responsible}"
         if doc.reintegro else "nessuno (accertata l'assenza di responsabilità)"),
    ], width=w * 0.75), Spacer(1, 4 * mm)]
    widths = [34 * mm, 14 * mm, 0, 26 * mm]
    widths[2] = w - sum(widths)
    rows = [[short_name(g.register), str(g.number), g.description, format_cents(g.value)]
            for g in doc.goods]
    story += chunked_table(["Inventario", "N. inv.", "Descrizione", "Valore"], rows, widths,
                           money_columns=(3,), fixed_columns=(1, 3))
    story.append(Spacer(1, 3 * mm))
    place = get_school_values(db)[0].get("comune") or ""
    story += keep_with_signatures([Paragraph(
        f"<b>Beni scaricati: {len(doc.goods)} – valore complessivo "
        f"{escape(format_cents(doc.total))}</b>", st.normal)], signature_block(
        ["Il DSGA consegnatario", "Il Dirigente Scolastico"], place=place, when=doc.buono_date,
        names=[dsga_on(db, doc.buono_date, heading.dsga),
               dirigente_on(db, doc.buono_date, heading.dirigente)], width=w))
    title = f"Buono di scarico n. {numero}/{anno}"
    return build_pdf(out, protocol=protocol_of(db, "buono-scarico", anno, numero),
                     heading=heading, title=title, story=story,
                     subtitle=f"In esecuzione del decreto di discarico n. {doc.decree_number} "
                              f"del {format_date(doc.decree_date)}",
                     footer_text=title)
