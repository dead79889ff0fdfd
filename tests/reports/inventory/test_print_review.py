"""Defects found reviewing the inventory prints as a DSGA and an auditor would read them.

Each test names the defect it guards; the expected texts are written by hand.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from iiss_desktop.queries.inventory.sale import list_sales
from iiss_desktop.reports.base import FONT, register_fonts
from iiss_desktop.reports.catalog import get_report
from iiss_desktop.reports.tables import _wrapped, split_lines
from iiss_desktop.reports.wording import lower_after_semicolons, lower_first, with_article
from iiss_desktop.services.inventory.carico import CaricoInput, carico
from iiss_desktop.services.inventory.custody import appoint
from iiss_desktop.services.inventory.discharge import discharge_items
from iiss_desktop.services.inventory.renewal import renew
from iiss_desktop.services.school import save_room, save_school, save_site
from tests.helpers.pdf import pdf_flat, pdf_lines, pdf_pages

D = Decimal
TODAY = date.today()


def build(db, name: str, tmp_path, **options):
    return get_report(name).build(db, tmp_path / f"{name}.pdf", **options)


def first_entry(db, register: str, like: str = "%") -> tuple[int, int]:
    """(year, number) of the first entry of ``register`` whose description matches."""
    with db.read_engine.connect() as conn:
        return tuple(conn.exec_driver_sql(
            "SELECT year, number FROM register_entry WHERE register = ? AND description LIKE ? "
            "ORDER BY id LIMIT 1", (register, like)).first())


# --- Wording helpers ----------------------------------------------------------------------------

def test_lower_first_keeps_proper_names_and_acronyms():
    assert (lower_first("Bene non rinvenuto alla ricognizione")
            == "bene non rinvenuto alla ricognizione")
    assert lower_first("Graduatoria ISEE per la DDI") == "graduatoria ISEE per la DDI"
    assert lower_first("Informatica Usata Srl, migliore offerta") == \
        "Informatica Usata Srl, migliore offerta"
    assert lower_first("PC rubato") == "PC rubato"
    assert lower_first("L'aula era aperta") == "l'aula era aperta"
    assert lower_first("") == ""
    assert lower_after_semicolons("stato: inservibile; Struttura spezzata; PC guasto") == \
        "stato: inservibile; struttura spezzata; PC guasto"


def test_with_article_follows_the_title():
    assert with_article("Prof.ssa Giulia Serra", "a") == "alla Prof.ssa Giulia Serra"
    assert with_article("Prof. Carlo Fabbri", "da") == "dal Prof. Carlo Fabbri"
    assert with_article("Sig.ra Anna Moretti") == "la Sig.ra Anna Moretti"
    assert with_article("Ins. Rita Colasanti", "a") == "all'Ins. Rita Colasanti"
    assert with_article("Tomáš Dvořák", "a") == "a Tomáš Dvořák"
    assert with_article("Tomáš Dvořák") == "Tomáš Dvořák"


# --- "€" alone at the start of a line -----------------------------------------------------------

def test_wrapped_cell_keeps_the_amount_with_its_euro_sign():
    """ReportLab's simpleSplit breaks at the no-break space of "120,00 €": the register of the
    buoni di carico printed "… – 120,00" and "€" alone on the next line."""
    register_fonts()
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = "1. n. 41 – Tavolo per attività motorie – q.tà 1 – 120,00\u00a0€"
    avail = stringWidth(text.rsplit("\u00a0", 1)[0], FONT, 8) + 1   # room up to "120,00"
    lines = split_lines(text, FONT, 8, avail)
    assert lines == ["1. n. 41 – Tavolo per attività motorie – q.tà 1 –", "120,00\u00a0€"]
    assert _wrapped(text, FONT, avail).split("\n")[-1] == "120,00\u00a0€"


def test_register_of_buoni_keeps_amounts_whole(db, tmp_path):
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    room = save_room(db, {"site_id": site, "name": "Salone"})
    carico(db, CaricoInput(description="Tavolo per le attività motorie", quantity=6,
                           unit_value=D("120.00"), category="Mobili e arredi",
                           entry_date=date(TODAY.year, 1, 12), room_id=room))
    out = build(db, "registro", tmp_path, registro="inv-buoni-carico", anno=TODAY.year)
    lines = pdf_lines(out)
    assert "€" not in lines
    assert not any(line.endswith(" 120,00") for line in lines)


# --- The DSGA in office on the day of the document ----------------------------------------------

@pytest.fixture
def two_dsga(db):
    """Dott.ssa Neri consegnataria from 1/9/2020 to 31/8/2024, Dott. Ferri after her; goods
    taken in charge in 2019 (before any recorded DSGA), 2023 and 2025; one discharged in 2023."""
    save_school(db, {"denominazione": "Istituto Comprensivo «Gianni Rodari»",
                     "codice_meccanografico": "RMIC86400X", "comune": "Velletri",
                     "dirigente": "Prof.ssa Maria Grazia Colonna",
                     "dsga": "Dott. Alessandro Ferri"})
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    room = save_room(db, {"site_id": site, "name": "Aula 1A"})
    appoint(db, role="consegnatario", person_name="Dott.ssa Paola Neri",
            started_on=date(2020, 9, 1))
    appoint(db, role="consegnatario", person_name="Dott. Alessandro Ferri",
            started_on=date(2024, 9, 1))
    for year in (2019, 2023, 2025):
        carico(db, CaricoInput(description="Armadio metallico", unit_value=D("230.00"),
                               category="Mobili e arredi", entry_date=date(year, 10, 14),
                               room_id=room))
    discharge_items(db, item_ids=[2], decree_number="392", decree_date=date(2023, 12, 27),
                    cause="furto", motivation="Bene non rinvenuto", executed_on=date(2023, 12, 29))
    return db


def test_buoni_are_signed_by_the_dsga_of_their_date(two_dsga, tmp_path):
    """Every buono printed the current DSGA: a buono of 2023 named Dott. Ferri, in office
    only from 1/9/2024."""
    text = pdf_flat(build(two_dsga, "buono-carico", tmp_path, anno=2023, numero=1))
    assert "Il DSGA consegnatario Il Dirigente Scolastico Dott.ssa Paola Neri" in text
    assert "Ferri" not in text
    text = pdf_flat(build(two_dsga, "buono-carico", tmp_path, anno=2025, numero=1))
    assert "Dott. Alessandro Ferri" in text and "Neri" not in text
    # 2019: no DSGA recorded for that day: the name is left blank, not today's DSGA.
    text = pdf_flat(build(two_dsga, "buono-carico", tmp_path, anno=2019, numero=1))
    assert "Ferri" not in text and "Neri" not in text
    text = pdf_flat(build(two_dsga, "buono-scarico", tmp_path, anno=2023, numero=1))
    assert "Dott.ssa Paola Neri" in text and "Ferri" not in text


def test_yearly_summary_and_registers_of_a_past_year_signed_by_its_dsga(two_dsga, tmp_path):
    text = pdf_flat(build(two_dsga, "riepilogo-inventari", tmp_path, anno=2023))
    assert "Il DSGA Il Dirigente Scolastico Dott.ssa Paola Neri" in text
    assert "Ferri" not in text
    text = pdf_flat(build(two_dsga, "registro", tmp_path, registro="inv-buoni-scarico", anno=2023))
    assert "Dott.ssa Paola Neri" in text and "Ferri" not in text
    text = pdf_flat(build(two_dsga, "registro", tmp_path, registro="inv-mobili"))
    assert "Dott. Alessandro Ferri" in text          # the register as it stands today


def test_buono_total_stays_with_the_signatures(demo_db, tmp_path):
    """The 20 mice of the demo's buono 2: the signatures went alone to page 2, the total
    stayed on page 1."""
    year, number = first_entry(demo_db, "inv-buoni-carico", "%Mouse%")
    pages = pdf_pages(build(demo_db, "buono-carico", tmp_path, anno=year, numero=number))
    signed = [p for p in pages if "Il DSGA consegnatario" in p]
    assert len(signed) == 1
    assert "Beni presi in carico: 20 – valore complessivo 300,00 €" in signed[0]


# --- Buono di carico: subtitle and beni di terzi ------------------------------------------------

def test_buono_subtitle_has_no_double_parentheses_and_terzi_show_the_grant(demo_db, tmp_path):
    year, number = first_entry(demo_db, "inv-buoni-carico", "%Tablet%")
    text = pdf_flat(build(demo_db, "buono-carico", tmp_path, anno=year, numero=number))
    assert "Tablet 10\" con custodia (comodato d'uso agli alunni) – 30 beni, beni mobili" in text
    assert ") (30 beni" not in text
    year, number = first_entry(demo_db, "inv-buoni-carico", "%beni di terzi%")
    text = pdf_flat(build(demo_db, "buono-carico", tmp_path, anno=year, numero=number))
    assert "Concedente Comune di Velletri" in text
    assert "Titolo della concessione Concessione in uso, delibera della Giunta comunale" in text


# --- Decreto di discarico -----------------------------------------------------------------------

def test_decree_texts_after_a_colon_start_lowercase_and_one_good_is_singular(two_dsga, tmp_path):
    text = pdf_flat(build(two_dsga, "decreto-discarico", tmp_path, numero="392", anno=2023))
    assert "Considerato che: bene non rinvenuto;" in text
    assert "la sottrazione del bene (art. 33 c.3);" in text
    assert "sottrazione dei beni" not in text


def test_decrees_of_sale_and_cession_name_payment_and_cessionario(demo_db, tmp_path):
    sales = list_sales(demo_db)
    awarded = next(r for r in sales if r.status == "aggiudicata")
    text = pdf_flat(build(demo_db, "decreto-discarico", tmp_path, id=awarded.discharge_id))
    # Art. 34 c.2: the discarico is decreed once the price is paid.
    assert "Accertato il versamento del corrispettivo di 120,00 € all'istituto cassiere " \
           "(art. 34 c.2);" in text
    assert "Visti gli atti allegati: verbale della commissione; avviso di vendita;" in text
    assert "il corrispettivo è versato all'istituto cassiere prima del ritiro" not in text
    deserted = next(r for r in sales if r.kind == "vendita" and r.status == "conclusa")
    text = pdf_flat(build(demo_db, "decreto-discarico", tmp_path, id=deserted.discharge_id))
    assert "Art. 3 – i beni sono ceduti a titolo gratuito al cessionario Associazione di " \
           "volontariato «Il Ponte» di Velletri, dopo la vendita andata deserta " \
           "(art. 34 c.3)" in text
    # The motivation names the cessionario without a preposition it cannot inflect.
    assert "Cessione gratuita; destinatario: Associazione di volontariato «Il Ponte»" in text
    assert " a Associazione" not in text
    direct = next(r for r in sales if r.kind == "cessione_ente")
    text = pdf_flat(build(demo_db, "decreto-discarico", tmp_path, id=direct.discharge_id))
    assert "e che il cessionario, Istituto Comprensivo «Velletri Nord», ne ha accettato la " \
           "cessione (art. 34 c.4)" in text
    assert "e che Istituto Comprensivo" not in text
    assert "Art. 3 – i beni sono ceduti al cessionario Istituto Comprensivo «Velletri Nord», " \
           "a trattativa privata (art. 34 c.4)" in text


def test_avviso_di_vendita_agrees_visti_with_two_subjects(demo_db, tmp_path):
    sale = next(r for r in list_sales(demo_db) if r.status == "aggiudicata")
    text = pdf_flat(build(demo_db, "avviso-vendita", tmp_path, numero=sale.id))
    assert "Visti l'art. 34 del D.I. 28 agosto 2018, n. 129, e il decreto del Dirigente " \
           "Scolastico n. " in text
    assert "Visto l'art. 34" not in text


# --- Verbali: ricognizione, affidamento, riconsegna, passaggio ----------------------------------

def test_ricognizione_has_no_nested_quotes_and_names_the_dsga(demo_db, tmp_path):
    year, number = first_entry(demo_db, "inv-ricognizioni", "%Aula 2A%")
    text = pdf_flat(build(demo_db, "verbale-ricognizione", tmp_path, anno=year, numero=number))
    assert "«Scuola secondaria di I grado «Gianni Rodari»»" not in text
    assert "nel locale «Aula 2A» del plesso Scuola secondaria di I grado «Gianni Rodari», il " \
           "DSGA consegnatario dei beni, Dott.ssa Paola Neri, con la commissione composta " \
           "dalla Sig.ra Anna Moretti, assistente amministrativa; dal Prof. Carlo Fabbri, " \
           "docente; dal Sig. Tomáš Dvořák, assistente tecnico, ha proceduto" in text
    assert "registrato in: Aula 1A; installata" in text     # the note cell, first line


def test_affidamento_and_riconsegna_read_as_italian(demo_db, tmp_path):
    year = TODAY.year - 1       # the demo's verbali: 1 affidamento, 3 its riconsegna
    text = pdf_flat(build(demo_db, "verbale-affidamento", tmp_path, anno=year, numero=1))
    assert "nel locale «Laboratorio di scienze» del plesso Scuola secondaria di I grado " \
           "«Gianni Rodari», il Direttore" in text
    assert "affida alla Prof.ssa Giulia Serra, docente direttore di laboratorio, il materiale " \
           "didattico, tecnico e scientifico descritto nell'elenco che segue (4 beni)" in text
    assert "affida a Prof.ssa" not in text and "elencati nell'elenco" not in text
    text = pdf_flat(build(demo_db, "verbale-riconsegna", tmp_path, anno=year, numero=3))
    assert "«Gianni Rodari», la Prof.ssa Giulia Serra, docente direttore di laboratorio, " \
           "riconsegna al Direttore" in text


def test_passaggio_lowercase_after_colons_and_readable_annex_closing(demo_db, tmp_path):
    year = TODAY.year - 2
    text = pdf_flat(build(demo_db, "verbale-passaggio", tmp_path, anno=year, numero=1))
    assert "Modalità: ricognizione completa di tutti i beni." in text
    assert "; installata nell'aula 2A" in text
    # beni mobili: 95 goods, 38.770,00 €, and the 4 notebooks of 2021 at 487,50 + 22 % =
    # 594,75 € each (2.379,00 €): 99 goods, 41.149,00 €
    assert "e comprende i beni dei seguenti inventari: inventario dei beni mobili (99 beni, " \
           "41.149,00 €); inventario dei libri e del materiale bibliografico (1 bene, " \
           "450,00 €); inventario dei beni di terzi (40 beni, 3.560,00 €)." in text


# --- Comodato -----------------------------------------------------------------------------------

def test_comodato_parties_sign_as_comodante_and_comodatario(demo_db, tmp_path):
    year = TODAY.year - 1
    text = pdf_flat(build(demo_db, "contratto-comodato", tmp_path, anno=year, numero=1))
    assert "documento di riconoscimento: carta d'identità CA10000AB" in text
    assert "documento d'identità Carta d'identità" not in text
    assert "(criterio applicato: graduatoria ISEE per la didattica digitale integrata)" in text
    assert text.count("Il comodante – il Dirigente Scolastico") == 2
    text = pdf_flat(build(demo_db, "verbale-consegna-comodato", tmp_path, anno=year, numero=1))
    assert "Per il comodante – il DSGA consegnatario" in text


# --- Values, rinnovo, maintenance, registers ----------------------------------------------------

def test_values_explain_unamortised_registers_in_a_note(demo_db, tmp_path):
    text = pdf_flat(build(demo_db, "valori-inventario", tmp_path))
    assert "(beni di terzi: non fanno parte" not in text
    assert "Inventario dei beni di terzi (1)" in text
    assert "(1) Non ammortizzati – beni di terzi: non fanno parte del patrimonio " \
           "dell'istituto." in text


def test_rinnovo_title_names_the_inventory_in_full(db, tmp_path):
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    room = save_room(db, {"site_id": site, "name": "Presidenza"})
    carico(db, CaricoInput(description="Dipinto a olio", category_register="inv-storico",
                           unit_value=D("3000.00"), valuation="donazione",
                           entry_date=date(2015, 3, 2), room_id=room))
    renew(db, "inv-storico", date(2025, 10, 2), "12", date(2025, 9, 1), "Rossi; Bianchi; Verdi")
    text = pdf_flat(build(db, "rinnovo", tmp_path, registro="inv-storico.2025"))
    assert "Rinnovo dell'inventario dei beni di valore storico-artistico" in text
    assert "dei storico-artistici" not in text
    assert "(rinnovo 2025), codice «inv-storico.2025»" in text and ") (codice" not in text


def test_maintenance_sheet_separates_state_and_situation(demo_db, tmp_path):
    text = pdf_flat(build(demo_db, "scheda-manutenzioni", tmp_path, inventario="inv-mobili",
                      numero=120))
    assert "Stato di conservazione buono Situazione in uso" in text
    assert "buono (in uso)" not in text


def test_registers_wording(demo_db, tmp_path):
    text = pdf_flat(build(demo_db, "registro", tmp_path, registro="inv-storico"))
    assert "Il registro non contiene registrazioni." in text and "registrazioni ." not in text
    # Contracts carry no amount: no "0,00 €" total that would read as worthless entries.
    text = pdf_flat(build(demo_db, "registro", tmp_path, registro="inv-comodati",
                      anno=TODAY.year - 1))
    assert "Registrazioni valide 6" in text
    assert "Totale degli importi" not in text
    text = pdf_flat(build(demo_db, "registro", tmp_path, registro="inv-terzi"))
    assert "Concedente: Comune di Velletri –" in text     # the provenienza cell, first line
    assert "Di proprietà di Comune" not in text


@pytest.mark.parametrize("way, amount, article", [
    ("trattativa_privata", D("25.00"),
     "Art. 3 – il bene è venduto a trattativa privata all'acquirente Mario Bianchi, dopo la "
     "vendita andata deserta (art. 34 c.3); il ritiro avviene a cura e spese dell'acquirente."),
    ("smaltimento", None,
     "Art. 3 – il bene è avviato allo smaltimento nel rispetto della normativa ambientale, a "
     "cura della ditta Ecologia Castelli Srl (art. 34 c.3)."),
])
def test_decree_after_a_deserted_sale_says_where_the_good_goes(db, tmp_path, way, amount,
                                                                 article):
    """After a deserted sale the decree named nobody: the buyer at trattativa privata or the
    firm that disposes of the good appeared only in the free text."""
    from iiss_desktop.services.inventory import sale

    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    room = save_room(db, {"site_id": site, "name": "Laboratorio di informatica"})
    carico(db, CaricoInput(description="Personal computer", category="Hardware",
                           unit_value=D("1000.00"), entry_date=date(2019, 10, 1), room_id=room))
    sid = sale.open_sale(db, [1], "vendita", "mercato", {1: D("40.00")},
                         "Verbale n. 1 della commissione: PC obsoleti", "30", date(2025, 1, 10))
    sale.publish(db, sid, date(2025, 1, 15), date(2025, 1, 31))
    sale.declare_deserted(db, sid, date(2025, 2, 2))
    who = "Mario Bianchi" if way == "trattativa_privata" else "Ecologia Castelli Srl"
    did = sale.conclude_deserted(db, sid, way, who, amount, "33", date(2025, 2, 10))
    text = pdf_flat(build(db, "decreto-discarico", tmp_path, id=did))
    assert article in text


def test_rinnovo_refused_names_the_register_not_its_code(demo_db, tmp_path):
    from iiss_desktop.domain.errors import DomainError

    with pytest.raises(DomainError) as info:
        build(demo_db, "rinnovo", tmp_path, registro="inv-durevoli")
    assert info.value.message == "Nessun rinnovo registrato per l'inventario «beni durevoli»."


def test_prospetto_gives_the_buono_of_each_carico(demo_db, tmp_path):
    """The variations of the plesso: a carico had empty estremi (which buono took it in)."""
    year, number = first_entry(demo_db, "inv-buoni-carico", "%Tavolo per attività motorie%")
    text = pdf_flat(build(demo_db, "prospetto-subconsegnatario", tmp_path, plesso="INF",
                      anno=year))
    assert text.count(f"Tavolo per attività motorie buono di carico n. {number}/{year}") == 6
