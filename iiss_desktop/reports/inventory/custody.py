"""Custody prints: the verbali of affidamento and riconsegna (art. 35, two copies), the
prospetto of the sub-consegnatario (art. 30 c.3) and the maintenance log of a good."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer

from ...domain.dates import format_date
from ...domain.errors import DomainError
from ...domain.inventory import registers as inv
from ...domain.money import format_cents, format_money
from ...queries.inventory.custody import (
    Prospetto,
    Verbale,
    custodian_of,
    find_item,
    maintenance_of,
    prospetto_data,
    verbale_data,
)
from ...queries.school import get_heading, get_school_values
from ..base import RestartPageNumbers, body_width, build_pdf, protocol_of
from ..styles import get_styles
from ..tables import chunked_table, keep_with_signatures, key_value_table, signature_block
from ..wording import BLANK_NAME, dsga_on, lower_first, with_article

if TYPE_CHECKING:
    from ...db.engine import Database


COPIES = ("Copia per il DSGA", "Copia per l'affidatario")
LAW = "D.I. 28 agosto 2018, n. 129"


def _place(db: Database) -> str:
    return get_school_values(db)[0].get("comune") or ""


def _copy_mark(text: str):
    st = get_styles()
    return Paragraph(f"<b>{escape(text.upper())}</b>", st.heading)


def _two_copies(make_copy) -> list:
    """The same verbale twice, each copy on its own pages and marked (art. 35: "in duplice
    esemplare"): one stays with the DSGA, one with the affidatario."""
    story = []
    for i, mark in enumerate(COPIES):
        if i:
            story += [PageBreak(), RestartPageNumbers()]
        story += make_copy(mark)
    return story


def _goods_table(v: Verbale, *, with_return: bool) -> list:
    w = body_width()
    if with_return:
        header = ["N. inventario", "Descrizione", "Stato alla consegna", "Stato alla riconsegna",
                  "Valore"]
        widths = [34 * mm, 0, 27 * mm, 29 * mm, 24 * mm]
        rows = [[ln.label, ln.description, ln.state_out, ln.state_back or "",
                 format_cents(ln.value_cents)] for ln in v.lines]
        money = (4,)
    else:
        header = ["N. inventario", "Descrizione", "Stato", "Valore"]
        widths = [34 * mm, 0, 24 * mm, 24 * mm]
        rows = [[ln.label, ln.description, ln.state_out, format_cents(ln.value_cents)]
                for ln in v.lines]
        money = (3,)
    widths[1] = w - sum(widths)
    return chunked_table(header, rows, widths, money_columns=money,
                         fixed_columns=(len(header) - 1,))


def _verbale_story(db: Database, v: Verbale, mark: str) -> list:
    st = get_styles()
    heading = get_heading(db)
    # The consegnatario on the day of the verbale (blank if none recorded for that day).
    dsga = v.consegnatario or dsga_on(db, v.day, heading.dsga)
    dsga_text = f"<b>{escape(dsga)}</b>" if dsga else BLANK_NAME
    where = (f"nel locale «{escape(v.room)}» del plesso {escape(v.site)}" if v.site
             else f"nel locale «{escape(v.room)}»")
    n = len(v.lines)
    goods = "1 bene" if n == 1 else f"{n} beni"
    role = escape(v.assignee_role.lower())
    story = [_copy_mark(mark)]
    if v.kind == "affidamento":
        text = (f"Il giorno {format_date(v.day)}, {where}, il Direttore dei servizi generali e "
                f"amministrativi {dsga_text}, consegnatario dei beni (art. 30 del {LAW}), su "
                f"indicazione vincolante del Dirigente Scolastico ({escape(v.ds_indication)}), "
                f"affida {_person(v.assignee_name, 'a')}, {role}, il materiale didattico, "
                f"tecnico e scientifico descritto nell'elenco che segue ({goods}), ai sensi "
                f"dell'art. 35 del {LAW}.")
        after = ("L'affidatario assume la responsabilità della custodia e della conservazione "
                 "dei beni affidati fino alla loro riconsegna al DSGA, che avverrà con le stesse "
                 "modalità e porrà fine all'affidamento.")
    else:
        text = (f"Il giorno {format_date(v.day)}, {where}, {_person(v.assignee_name)}, {role}, "
                f"riconsegna al Direttore dei servizi generali e amministrativi {dsga_text} il "
                f"materiale ricevuto con verbale di affidamento n. {v.first_number}/"
                f"{v.first_year} del {format_date(v.first_day)} (art. 35 del {LAW}). I beni "
                "sono stati verificati in contraddittorio: lo stato di ciascuno è indicato "
                "nell'elenco descrittivo che segue.")
        after = ("Con la presente riconsegna cessa l'affidamento e la responsabilità "
                 "dell'affidatario per la custodia dei beni elencati.")
    story += [Paragraph(text, st.normal), Spacer(1, 2 * mm),
              Paragraph("<b>Elenco descrittivo dei beni</b>", st.heading)]
    story += _goods_table(v, with_return=v.kind == "riconsegna")
    closing = [Spacer(1, 2 * mm), Paragraph(
        f"<b>Beni: {n} – valore d'inventario complessivo "
        f"{escape(format_cents(v.total_cents))}</b>", st.normal)]
    if v.notes:
        closing.append(Paragraph(f"<b>Osservazioni:</b> {escape(lower_first(v.notes))}",
                                 st.normal))
    closing.append(Paragraph(after, st.normal))
    story += keep_with_signatures(closing, signature_block(
        ["Il DSGA consegnatario", "L'affidatario"], place=_place(db), when=v.day,
        names=[dsga, v.assignee_name], width=body_width()))
    return story


def _person(name: str, preposition: str = "") -> str:
    """"alla <b>Prof.ssa Giulia Serra</b>", "a <b>Tomáš Dvořák</b>"."""
    plain = with_article(name, preposition)
    head = plain[:len(plain) - len(name)] if name and plain.endswith(name) else ""
    return f"{escape(head)}<b>{escape(name)}</b>" if head or name else ""


def _build_verbale(db: Database, out: Path, anno: int, numero: int, kind: str) -> Path:
    v = verbale_data(db, int(anno), int(numero), kind)
    title = f"Verbale di {kind} n. {v.number}/{v.year}"
    subtitle = (f"Art. 35 del {LAW} – {v.assignee_name}, {v.assignee_role.lower()} – "
                f"{format_date(v.day)}")
    return build_pdf(out, protocol=protocol_of(db, f"verbale-{kind}", anno, numero),
                     heading=get_heading(db), title=title, subtitle=subtitle,
                     story=_two_copies(lambda mark: _verbale_story(db, v, mark)),
                     footer_text=f"Verbale di {kind} {v.number}/{v.year}")


def build_verbale_affidamento(db: Database, out: Path, anno: int, numero: int) -> Path:
    return _build_verbale(db, out, anno, numero, "affidamento")


def build_verbale_riconsegna(db: Database, out: Path, anno: int, numero: int) -> Path:
    return _build_verbale(db, out, anno, numero, "riconsegna")


# --- Prospetto of the sub-consegnatario ------------------------------------------------------
def _n_and_value(n: int, cents: int) -> list[str]:
    return [str(n), format_cents(cents)]


def prospetto_as_of(year: int, today: date | None = None) -> date:
    """The day the prospetto's closing consistenza is as of: 31 December of a past year, the
    print's day during the year (a prospetto printed on 02/12 does not speak of 31 December)."""
    return min(date(year, 12, 31), today or date.today())


def _prospetto_story(db: Database, p: Prospetto) -> list:
    st = get_styles()
    end = prospetto_as_of(p.year)
    end_short = format_date(end)[:5]
    end_long = (f"31 dicembre {p.year}" if end == date(p.year, 12, 31)
                else format_date(end))
    w = body_width(landscape=True)
    story = [Paragraph(
        f"Prospetto delle variazioni intervenute nell'esercizio finanziario {p.year} nei beni "
        f"del plesso <b>{escape(p.site_name)}</b> ({escape(p.site_code)}), "
        + (f"affidati al sub-consegnatario <b>{escape(p.sub_consegnatario)}</b>"
           if p.sub_consegnatario else "per il quale non risulta nominato un sub-consegnatario")
        + f", trasmesso al DSGA consegnatario ai sensi dell'art. 30, comma 3, del {LAW}.",
        st.normal),
        Paragraph("<b>Consistenza e variazioni per inventario</b>", st.heading)]
    header = ["Inventario", "N. al 1/1", "Valore al 1/1", "N. aum.", "Aumenti",
              "N. dim.", "Diminuzioni", f"N. al {end_short}", f"Valore al {end_short}"]
    widths = [0] + [20 * mm, 30 * mm] * 4
    widths[0] = w - sum(widths)

    def cells(title: str, t) -> list[str]:
        return ([title] + _n_and_value(t.start_n, t.start_cents)
                + _n_and_value(t.plus_n, t.plus_cents) + _n_and_value(t.minus_n, t.minus_cents)
                + _n_and_value(t.end_n, t.end_cents))

    rows = [cells(t.title, t) for t in p.registers if t.in_patrimony]
    total = p.total()
    rows.append([Paragraph(f"<b>{escape(c)}</b>", st.cell_right if i else st.cell)
                 for i, c in enumerate(cells("Totale beni dell'istituto", total))])
    apart = [t for t in p.registers if not t.in_patrimony]
    rows += [cells(f"{t.title} (*)", t) for t in apart]
    story += chunked_table(header, rows, widths, money_columns=range(1, 9), landscape=True)
    story.append(Paragraph(
        f"<b>Consistenza al 1° gennaio {p.year}: {total.start_n} beni, "
        f"{escape(format_cents(total.start_cents))} – aumenti {total.plus_n} "
        f"({escape(format_cents(total.plus_cents))}) – diminuzioni {total.minus_n} "
        f"({escape(format_cents(total.minus_cents))}) – consistenza al {end_long}: "
        f"{total.end_n} beni, {escape(format_cents(total.end_cents))}</b>", st.normal))
    if apart:
        story.append(Paragraph("(*) I beni di terzi e quelli del registro dei beni durevoli "
                               "sono indicati per la custodia: non fanno parte del patrimonio "
                               "dell'istituto e non entrano nel totale.", st.small))
    story.append(Paragraph("<b>Elenco delle variazioni dell'esercizio</b>", st.heading))
    if p.variations:
        header = ["Data", "Operazione", "N. inventario", "Descrizione", "Estremi", "Aumento",
                  "Diminuzione"]
        widths = [20 * mm, 40 * mm, 32 * mm, 0, 62 * mm, 26 * mm, 26 * mm]
        widths[3] = w - sum(widths)
        rows = [[format_date(v.day), v.operation, v.label, v.description, v.detail,
                 format_cents(v.cents) if v.sign > 0 else "",
                 format_cents(v.cents) if v.sign < 0 else ""] for v in p.variations]
        story += chunked_table(header, rows, widths, money_columns=(5, 6),
                               fixed_columns=(0, 5, 6), landscape=True)
    else:
        story.append(Paragraph("Nessuna variazione nell'esercizio.", st.normal))
    story += signature_block(["Il sub-consegnatario", "Il DSGA consegnatario"], place=_place(db),
                             names=[p.sub_consegnatario, p.consegnatario], width=w)
    return story


def build_prospetto_subconsegnatario(db: Database, out: Path, plesso: str | int,
                                     anno: int) -> Path:
    p = prospetto_data(db, plesso, int(anno))
    return build_pdf(out, heading=get_heading(db), landscape=True,
                     title=f"Prospetto del sub-consegnatario – esercizio {p.year}",
                     subtitle=f"{p.site_name} ({p.site_code}) – art. 30 c.3 del {LAW} – "
                              f"situazione al {format_date(prospetto_as_of(p.year))}",
                     story=_prospetto_story(db, p),
                     footer_text=f"Prospetto {p.site_code} {p.year}")


# --- Maintenance log of one good -------------------------------------------------------------
def build_scheda_manutenzioni(db: Database, out: Path, inventario: str, numero: int) -> Path:
    if inventario not in inv.SHORT_NAMES:
        raise DomainError(f"Inventario «{inventario}» sconosciuto.")
    item = find_item(db, inventario, int(numero))
    log = maintenance_of(db, item.id)
    custodian = custodian_of(db, item.id)
    st = get_styles()
    w = body_width()
    made = " ".join(x for x in (item.brand, item.model) if x)
    story = [key_value_table([
        ("Bene", f"{item.label} – {item.description}"),
        ("Marca e modello", made or "—"),
        ("Numero di serie", item.serial_number or "—"),
        ("Carico", f"{format_date(item.carico_date)}, valore {format_money(item.value)}"),
        ("Collocazione", " – ".join(p for p in (item.site, item.room) if p) or "—"),
        ("Stato di conservazione", item.state or "—"),
        ("Situazione", item.status or "—"),
        ("Custode", f"{custodian.person_name} – {custodian.title}" if custodian else "—"),
    ], width=w * 0.8), Paragraph("<b>Interventi</b>", st.heading)]
    if log:
        header = ["Data", "Tipo", "Descrizione", "Eseguito da", "Costo", "Garanzia fino al"]
        widths = [20 * mm, 28 * mm, 0, 36 * mm, 22 * mm, 22 * mm]
        widths[2] = w - sum(widths)
        rows = [[format_date(r.done_on), r.kind_title, r.description, r.done_by,
                 format_money(r.cost) if r.cost is not None else "",
                 format_date(r.warranty_until)] for r in log]
        story += chunked_table(header, rows, widths, money_columns=(4,), fixed_columns=(0, 4, 5))
        spent = sum((r.cost for r in log if r.cost is not None), Decimal(0))
        story += [Spacer(1, 2 * mm)]
        story.append(Paragraph(f"<b>Interventi: {len(log)} – costo complessivo "
                               f"{escape(format_money(spent))}</b>", st.normal))
    else:
        story.append(Paragraph("Nessun intervento registrato.", st.normal))
    return build_pdf(out, heading=get_heading(db), title=f"Scheda delle manutenzioni – "
                     f"{item.label}", subtitle=item.description,
                     story=story, footer_text=f"Manutenzioni {item.label}")
