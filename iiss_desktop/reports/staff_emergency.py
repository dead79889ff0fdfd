"""Prints of the emergency staffing (issue 14 item 7):

- «budget-covid»: the organico Covid budget of a school year: the USR's notes, the daily cost
  of each profile, every Covid contract and every supplenza on a Covid post with its days ×
  daily cost = cost, the total and the residual, for the DSGA and the revisori;
- «registro-pulizie»: the register of cleaning and sanitisation of a period, per plesso and
  locale, for the safety protocol (annulled entries printed struck, with their reason);
- «formazione»: the training of each person in a school year, with the hours per person.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..domain.dates import SchoolYear, format_date
from ..domain.errors import ValidationError
from ..domain.money import format_money
from ..domain.staff.cleaning import CLEANING_ACTIONS
from ..domain.staff.covid_budget import share_text
from ..domain.staff.training import hours_text
from ..queries.school import get_heading, get_school_values, list_sites
from ..queries.staff_cleaning import cleaning_log, default_period
from ..queries.staff_emergency import covid_budget, covid_years
from ..queries.staff_training import training_list
from .base import body_width, build_pdf
from .styles import get_styles
from .tables import chunked_table, keep_with_signatures, key_value_table, signature_block
from .wording import dirigente_on

if TYPE_CHECKING:
    from ..db.engine import Database

RULE_NOTE = ("Costo di un contratto = giorni di calendario del periodo (dal primo all'ultimo "
             "giorno, compresi) × costo giornaliero del profilo × percentuale dell'orario; "
             "arrotondato al centesimo. Costi giornalieri digitati dall'ufficio dai dati "
             "NoiPA comunicati dall'USR.")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _bold(text: str, st) -> Paragraph:
    return Paragraph(escape(text), st.cell_bold)


def _signatures(db: Database, heading, st, before: list) -> list:
    place = get_school_values(db)[0].get("comune") or ""
    names = [heading.dsga, dirigente_on(db, date.today(), heading.dirigente)]
    return keep_with_signatures(before, signature_block(
        ["Il DSGA", "Il Dirigente scolastico"], place=place, names=names))


# --- budget-covid -------------------------------------------------------------------------------
def build_covid_budget(db: Database, out: Path, anno: int | None = None) -> Path:
    """The organico Covid budget of the school year starting in ``anno`` (default: the
    latest year with a budget note or a Covid contract, else the current one)."""
    st = get_styles()
    if anno is None:
        years = covid_years(db)
        anno = years[0] if years else SchoolYear.of(date.today()).start_year
    view = covid_budget(db, anno)
    w = body_width()
    story: list = [Paragraph(
        "Personale ATA aggiuntivo per l'emergenza («organico Covid», art. 231-bis c. 1 "
        "lett. b) DL 34/2020; DL 104/2020 e DL 41/2021 per il 2020/21, art. 58 DL 73/2021 per "
        "il 2021/22) con contratti fino al termine delle lezioni, nei limiti delle risorse "
        "assegnate dall'USR.", st.small)]

    story.append(Paragraph("1. Assegnazioni dell'USR", st.heading))
    rows, struck = [], set()
    for i, n in enumerate(view.notes):
        text = n.description + ("" if n.in_force else
                                f" – ANNULLATA il {format_date(n.annulled_on)}: "
                                f"{n.annul_reason}")
        rows.append([n.kind_label, n.note_number, format_date(n.note_date), text,
                     format_money(n.signed)])
        if not n.in_force:
            struck.add(i)
    if not rows:
        story.append(Paragraph("<i>Nessuna nota dell'USR registrata per l'anno.</i>",
                               st.normal))
    rows.append([_bold("Budget dell'anno", st), "", "", "",
                 Paragraph(format_money(view.budget), st.cell_header_right)])
    story += chunked_table(["Tipo", "Nota USR prot.", "Data", "Descrizione", "Importo"], rows,
                           [34 * mm, 30 * mm, 20 * mm, w - 110 * mm, 26 * mm],
                           money_columns=(4,), strike_rows=struck)

    story.append(Paragraph("2. Costo giornaliero per profilo", st.heading))
    rate_rows = [[r.profile_label, format_money(r.daily_cost), r.source] for r in view.rates]
    if not rate_rows:
        story.append(Paragraph("<i>Nessun costo giornaliero inserito.</i>", st.normal))
    story += chunked_table(["Profilo", "Costo giornaliero", "Fonte (importo digitato "
                                                            "dall'ufficio)"],
                           rate_rows, [48 * mm, 28 * mm, w - 76 * mm], money_columns=(1,))

    def charges(title: str, first: str, items, with_replaced: bool) -> list:
        part: list = [Paragraph(title, st.heading)]
        lines = []
        for c in items:
            who = c.person + (f"\nsostituisce {c.replaces}" if with_replaced else "")
            lines.append([who, c.profile_label, c.period, str(c.days),
                          format_money(c.daily_cost) if c.daily_cost is not None
                          else "mancante", share_text(c.part_time_bp),
                          format_money(c.cost) if c.cost is not None else "–"])
        if not lines:
            part.append(Paragraph("<i>Nessuno.</i>", st.normal))
            return part
        total = sum((c.cost for c in items if c.cost is not None), start=0)
        lines.append([_bold("Totale", st), "", "", str(sum(c.days for c in items)), "", "",
                      Paragraph(format_money(total), st.cell_header_right)])
        part += chunked_table([first, "Profilo", "Periodo", "Giorni", "Costo giorn.", "Orario",
                               "Costo"], lines,
                              [w - 140 * mm, 32 * mm, 34 * mm, 14 * mm, 22 * mm, 14 * mm,
                               24 * mm], money_columns=(3, 4, 5, 6))
        return part

    story += charges("3. Contratti dell'organico Covid", "Dipendente", view.contracts, False)
    story += charges("4. Supplenze su posti dell'organico Covid", "Supplente",
                     view.substitutions, True)
    pairs = [("Budget assegnato", format_money(view.budget)),
             ("Contratti dell'organico Covid", format_money(view.spent_contracts)),
             ("Supplenze su posti Covid", format_money(view.spent_substitutions)),
             ("Totale dei costi", format_money(view.spent)),
             ("Residuo", format_money(view.residual)
              + (" – BUDGET SUPERATO" if view.residual < 0 else ""))]
    if view.missing_profiles:
        pairs.append(("Attenzione", "manca il costo giornaliero di: "
                      + ", ".join(view.missing_profiles) + " (costi non calcolati)"))
    heading = get_heading(db)
    closing = [Paragraph("5. Riepilogo", st.heading),
               key_value_table(pairs, width=110 * mm, label_ratio=0.5), Spacer(1, 2 * mm),
               Paragraph(RULE_NOTE, st.small)]
    story += _signatures(db, heading, st, closing)
    return build_pdf(out, heading=heading, story=story,
                     title=f"Budget dell'organico Covid – a.s. {view.year_label}",
                     subtitle=f"Budget {format_money(view.budget)} · costi "
                              f"{format_money(view.spent)} · residuo "
                              f"{format_money(view.residual)}",
                     footer_text=f"Budget dell'organico Covid {view.year_label}")


# --- registro-pulizie ---------------------------------------------------------------------------
def build_cleaning_log(db: Database, out: Path, dal: date | None = None, al: date | None = None,
                       plesso: str | None = None, locale: str | None = None) -> Path:
    """The register from ``dal`` to ``al`` (default: the last four weeks), of ``plesso`` (a
    code; default all) and of the locali whose name contains ``locale``."""
    start, end = default_period()
    dal, al = dal or start, al or end
    if al < dal:
        raise ValidationError({"al": "La data finale precede quella iniziale."})
    sites = {s.code: s.name for s in list_sites(db)}
    if plesso and plesso.upper() not in {c.upper() for c in sites}:
        raise ValidationError({"plesso": f"Plesso «{plesso}» inesistente: "
                                         + ", ".join(sorted(sites)) + "."})
    code = next((c for c in sites if plesso and c.upper() == plesso.upper()), None)
    rows = cleaning_log(db, dal, al, plesso=code, locale=locale)
    st = get_styles()
    w = body_width(landscape=True)
    story: list = [Paragraph(
        "Interventi di pulizia, igienizzazione e sanificazione dei locali registrati dal "
        "personale che li ha eseguiti (protocollo di sicurezza dell'istituto). Le "
        "registrazioni non si cancellano: quelle annullate sono stampate in corsivo grigio con "
        "il motivo.", st.small)]
    lines, struck = [], set()
    for i, r in enumerate(rows):
        note = r.note
        if r.annulled_on is not None:
            note = (note + " – " if note else "") + "ANNULLATA" + r.state.removeprefix("Annullata")
            struck.add(i)
        lines.append([format_date(r.day), r.time, r.site_code, r.place, r.action_label,
                      r.product, r.person, note])
    if not lines:
        story.append(Paragraph("Nessun intervento registrato nel periodo.", st.normal))
    story += chunked_table(["Data", "Ora", "Plesso", "Locale", "Intervento", "Prodotto",
                            "Eseguito da", "Note"], lines,
                           [19 * mm, 11 * mm, 14 * mm, 40 * mm, 46 * mm, 46 * mm, 34 * mm,
                            w - 210 * mm], strike_rows=struck, landscape=True,
                           fixed_columns=(0, 1))
    counted = Counter(r.action for r in rows if r.annulled_on is None)
    if counted:
        summary = [[label, str(counted[code_])] for code_, label in CLEANING_ACTIONS.items()
                   if counted.get(code_)]
        summary.append([_bold("Totale", st),
                        Paragraph(str(sum(counted.values())), st.cell_header_right)])
        story += [Spacer(1, 4 * mm), Paragraph("Riepilogo per intervento", st.heading)]
        story += chunked_table(["Intervento", "Numero"], summary, [110 * mm, 22 * mm],
                               money_columns=(1,), landscape=True)
    heading = get_heading(db)
    story += _signatures(db, heading, st, [])
    where = f"{code} – {sites[code]}" if code else "tutti i plessi"
    if locale:
        where += f" · locale «{locale}»"
    return build_pdf(out, heading=heading, story=story, landscape=True,
                     title="Registro delle pulizie e sanificazioni",
                     subtitle=f"{where} · dal {format_date(dal)} al {format_date(al)}",
                     footer_text="Registro delle pulizie e sanificazioni")


# --- formazione ---------------------------------------------------------------------------------
def build_training(db: Database, out: Path, anno: int | None = None) -> Path:
    """The training of the staff in the school year starting in ``anno`` (default: the
    current one), person by person, with the hours of each."""
    year = SchoolYear(anno) if anno is not None else SchoolYear.of(date.today())
    rows = training_list(db, year.start_year)
    st = get_styles()
    w = body_width(landscape=True)
    story: list = [Paragraph(
        "Corsi di formazione frequentati dal personale ATA: formazione per l'emergenza "
        "(igiene e prevenzione), sicurezza dei lavoratori (D.Lgs. 81/2008 art. 37), "
        "formazione del profilo prevista dal Piano delle attività.", st.small)]
    lines, struck = [], set()
    for i, r in enumerate(rows):
        certificate = r.certificate + ("" if r.annulled_on is None else
                                       (" – " if r.certificate else "") + r.state)
        lines.append([r.person, r.course, r.kind_label, format_date(r.day), r.hours,
                      r.provider, certificate])
        if r.annulled_on is not None:
            struck.add(i)
    if not lines:
        story.append(Paragraph(f"Nessuna formazione registrata nell'a.s. {year.label}.",
                               st.normal))
    story += chunked_table(["Dipendente", "Corso", "Tipo", "Data", "Ore", "Ente formatore",
                            "Attestato"], lines,
                           [38 * mm, 56 * mm, 50 * mm, 19 * mm, 11 * mm, 45 * mm,
                            w - 219 * mm], money_columns=(4,), strike_rows=struck,
                           landscape=True, fixed_columns=(3, 4))
    per_person: dict[str, list] = defaultdict(list)
    for r in rows:
        if r.annulled_on is None:
            per_person[r.person].append(r)
    if per_person:
        summary = [[name, items[0].profile_label, str(len(items)),
                    hours_text(sum(r.minutes for r in items))]
                   for name, items in per_person.items()]
        story += [Spacer(1, 4 * mm), Paragraph("Ore di formazione per dipendente", st.heading)]
        story += chunked_table(["Dipendente", "Profilo", "Corsi", "Ore"], summary,
                               [60 * mm, 60 * mm, 16 * mm, 18 * mm], money_columns=(2, 3),
                               landscape=True)
    heading = get_heading(db)
    return build_pdf(out, heading=heading, story=story, landscape=True,
                     title=f"Formazione del personale – a.s. {year.label}",
                     subtitle=_count(len(per_person), "dipendente", "dipendenti") + " · "
                     + _count(sum(len(v) for v in per_person.values()), "corso", "corsi"),
                     footer_text=f"Formazione del personale {year.label}")
