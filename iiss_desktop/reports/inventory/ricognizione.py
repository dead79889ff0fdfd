"""Verbale di ricognizione dei beni of one room: summary table per outcome, the goods of each
outcome, what follows, and the signatures (domain.md §1.8; Linee guida, Nota M.I. 4083/2021)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, Spacer

from ...domain.dates import format_date
from ...domain.inventory import ricognizione as rules
from ...domain.money import format_cents
from ...queries.inventory.ricognizione import CheckDetail, CheckLine, check_detail
from ...queries.school import get_heading, get_school_values
from ..base import body_width, build_pdf, protocol_of
from ..styles import get_styles
from ..tables import chunked_table, key_value_table, signature_block
from ..wording import dirigente_on, dsga_on, lower_first, with_article

if TYPE_CHECKING:
    from ...db.engine import Database


def _members(commission: str) -> list[str]:
    """"Prof. Bianchi, docente; Sig.ra Verdi" -> one signature per member (the comma may be
    part of a member's description, the semicolon or a new line separates them)."""
    return [m.strip() for m in re.split(r"[;\n]", commission or "") if m.strip()]


def _section(title: str, st) -> list:
    """A heading kept with the first rows of its table, without pushing a long table whole
    onto the next page (keepWithNext would)."""
    style = ParagraphStyle("ric-heading", parent=st.heading, keepWithNext=0)
    return [CondPageBreak(30 * mm), Paragraph(escape(title), style)]


def _summary(detail: CheckDetail, st) -> list:
    rows = [[t.title, str(t.goods), format_cents(t.value),
             rules.FOLLOW_UP[t.outcome] if t.goods and t.outcome != "confermato" else ""]
            for t in detail.summary]
    goods = sum(t.goods for t in detail.summary)
    value = sum(t.value for t in detail.summary)
    rows.append([Paragraph("<b>Totale dei beni esaminati</b>", st.cell), f"{goods}",
                 format_cents(value), ""])
    w = body_width()
    widths = [58 * mm, 14 * mm, 28 * mm, 0]
    widths[3] = w - sum(widths)
    return chunked_table(["Esito", "Beni", "Valore", "Seguito"], rows, widths,
                         money_columns=(1, 2), fixed_columns=(1, 2))


def _note(line: CheckLine) -> str:
    parts = []
    if line.registered_in:
        parts.append(f"registrato in: {line.registered_in}")
    if line.outcome == "non_registrato":
        parts.append("valore di stima")
        if line.new_item:
            parts.append(f"preso in carico: {line.new_item}")
    if line.reason:
        parts.append(lower_first(line.reason) if parts else line.reason)
    return "; ".join(parts)


def _state(line: CheckLine) -> str:
    """The state found; a good found without a new state keeps the registered one."""
    if line.state:
        return line.state
    return "invariato" if line.outcome in ("confermato", "spostato", "rettifica") else "—"


def _wrap(text: str, st) -> Paragraph:
    """A cell that wraps inside its column, a long code with no spaces included (a label code
    such as «RMIC8AB00X-MOB-000125» is broken, never drawn over the next column)."""
    return Paragraph(escape(text or ""), st.cell)


def _outcome_tables(detail: CheckDetail, st) -> list:
    story: list = []
    w = body_width()
    widths = [32 * mm, 0, 20 * mm, 24 * mm, 52 * mm]
    widths[1] = w - sum(widths)
    for outcome, title in rules.OUTCOMES.items():
        lines = detail.lines_of(outcome)
        if not lines:
            continue
        story += _section(f"{title} ({len(lines)})", st)
        rows = [[_wrap(line.label, st), line.description, _state(line),
                 format_cents(line.value), _note(line)] for line in lines]
        story += chunked_table(["N. inventario", "Descrizione", "Stato", "Valore",
                                "Note / motivo"], rows, widths, money_columns=(3,),
                               fixed_columns=(3,))
    ignored = detail.lines_of(rules.IGNORED)
    if ignored:
        story += _section(f"{rules.IGNORED_TITLE} ({len(ignored)})", st)
        widths = [44 * mm, 0, 70 * mm]
        widths[1] = w - sum(widths)
        rows = [[_wrap(line.label, st), line.description or "—", line.reason]
                for line in ignored]
        story += chunked_table(["Codice letto", "Descrizione", "Motivo"], rows, widths)
    return story


def _scans(detail: CheckDetail, st) -> list:
    """Every label read, in order, with what it was and why (ignored reads included)."""
    if not detail.scans:
        return []
    w = body_width()
    widths = [10 * mm, 44 * mm, 36 * mm, 0]
    widths[3] = w - sum(widths)
    ignored = {(line.code or line.label).upper() for line in detail.lines_of(rules.IGNORED)}
    rows = []
    for x in detail.scans:
        result = rules.SCAN_RESULTS.get(x.result, x.result)
        if x.result in ("sconosciuto", "altrove") and x.code.upper() in ignored:
            result += ", ignorato"
        rows.append([str(x.seq), _wrap(x.code, st), result, x.detail])
    return (_section(f"Letture effettuate ({len(detail.scans)})", st)
            + chunked_table(["N.", "Codice letto", "Esito della lettura", "Dettaglio"], rows,
                            widths, fixed_columns=(0,)))


def build_verbale_ricognizione(db: Database, out: Path, anno: int, numero: int) -> Path:
    detail = check_detail(db, anno, numero)
    heading = get_heading(db)
    st = get_styles()
    kind = "generale (quinquennale)" if detail.general else "parziale"
    story: list = [key_value_table([
        ("Data della ricognizione", format_date(detail.checked_on)),
        ("Plesso", detail.site or "—"),
        ("Locale", detail.room or "—"),
        ("Ricognizione", kind),
        ("Commissione e partecipanti", detail.commission or "il DSGA consegnatario, senza "
                                                            "commissione"),
    ], width=body_width() * 0.8), Spacer(1, 4 * mm)]
    # The DSGA of the day of the check: a verbale printed again later keeps its signatory.
    dsga = dsga_on(db, detail.checked_on, heading.dsga)
    members = _members(detail.commission)
    who = "il DSGA consegnatario dei beni" + (f", {escape(dsga)}," if dsga else "")
    if members:
        who += (" con la commissione composta "
                + "; ".join(escape(with_article(m, "da")) for m in members) + ",")
    where = f"nel locale «{escape(detail.room)}»" + (f" del plesso {escape(detail.site)}"
                                                    if detail.site else "")
    story.append(Paragraph(
        f"In data {format_date(detail.checked_on)}, {where}, {who} ha proceduto alla "
        "ricognizione materiale dei beni, confrontando le risultanze degli inventari con la "
        "situazione di fatto (esistenza, collocazione e stato di conservazione di ciascun "
        "bene). Il presente verbale riguarda tutti i beni registrati nel locale alla data "
        "della ricognizione.", st.normal))
    story += _section("Prospetto riepilogativo", st)
    story += _summary(detail, st)
    story += _outcome_tables(detail, st)
    story += _scans(detail, st)
    if detail.notes:
        story += _section("Note", st) + [Paragraph(escape(detail.notes), st.normal)]
    proposed = [t for t in detail.summary if t.goods and t.outcome in rules.PROPOSE_DISCHARGE]
    if proposed:
        story += [Spacer(1, 3 * mm), Paragraph(
            "I beni mancanti e quelli inservibili sono proposti al Dirigente Scolastico per il "
            "provvedimento di discarico (art. 33 D.I. 129/2018), con la relazione del DSGA e, in "
            "caso di furto, la copia della denuncia; i beni inservibili previa valutazione della "
            "commissione interna (art. 34).", st.normal)]
    labels = ["Il DSGA consegnatario"] + ["Componente della commissione"] * len(members) + \
        ["Il Dirigente Scolastico"]
    names = [dsga] + members + [dirigente_on(db, detail.checked_on, heading.dirigente)]
    place = get_school_values(db)[0].get("comune") or ""
    story += signature_block(labels, names=names, place=place, when=detail.checked_on)
    subtitle = "Ricognizione " + kind + (" – VERBALE ANNULLATO" if detail.annulled else "")
    return build_pdf(out, protocol=protocol_of(db, "verbale-ricognizione", anno, numero),
                     heading=heading, title=f"Verbale di ricognizione dei beni n. {numero}/{anno}",
                     story=story, subtitle=subtitle,
                     footer_text=f"Verbale di ricognizione {numero}/{anno}")
