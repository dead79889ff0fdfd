"""The first printed reports: scheda dell'istituto, calendario, personale, registri, modifiche.

Real PDFs on real databases, read back with pdftotext (poppler) and pypdf.
"""
from __future__ import annotations

import re
import subprocess
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import text as sql

from iiss_desktop.domain.errors import DomainError
from iiss_desktop.domain.money import NBSP
from iiss_desktop.queries.audit import detail
from iiss_desktop.reports.audit import build_audit_log
from iiss_desktop.reports.catalog import REPORTS
from iiss_desktop.reports.registers import build_register
from iiss_desktop.reports.school import build_calendar, build_school_sheet
from iiss_desktop.reports.staff import build_staff_list
from iiss_desktop.services.registers import LineInput, annul_entry, register_entry
from iiss_desktop.services.school import (
    remove_calendar_day,
    save_calendar_day,
    save_school,
    save_site,
    seed_calendar,
)

from ..conftest import python_exe
from ..helpers.pdf import pdf_flat, pdf_text
from .demo_prints import DOCUMENT_QUERIES

DEMO_SCHOOL = "Istituto Comprensivo «Gianni Rodari»"
ROOT = Path(__file__).resolve().parents[2]


def pages(path: Path) -> int:
    return len(PdfReader(str(path)).pages)


def audit_head(db) -> str:
    with db.read_engine.connect() as conn:
        return conn.execute(sql("SELECT hash FROM audit_head WHERE id = 1")).scalar_one()


def assert_page_numbers(path: Path) -> int:
    n = pages(path)
    for p in range(1, n + 1):
        assert f"pag. {p} di {n}" in pdf_text(path, layout=False, page=p)
    return n


SCHOOL = {
    "denominazione": "Istituto di Istruzione Secondaria Superiore «Galileo Galilei»",
    "codice_meccanografico": "RMIS01200X", "codice_fiscale": "", "indirizzo": "Via Roma, 1",
    "cap": "00100", "comune": "Roma", "provincia": "RM", "telefono": "06 1111",
    "dirigente": "Prof.ssa Maria Rossi", "dsga": "Dott. Ștefan Țurcanu",
}


# -- scheda dell'istituto --------------------------------------------------------------------

def test_school_sheet_on_the_demo_lists_school_sites_and_rooms(demo_db, tmp_path):
    out = build_school_sheet(demo_db, tmp_path / "istituto.pdf")
    assert out == tmp_path / "istituto.pdf"
    text = pdf_flat(out, layout=False)
    assert "Scheda dell'istituto, plessi e locali" in text
    assert DEMO_SCHOOL in text
    for expected in ("RMIC86400X", "97123450583", "UFA7QZ", "00049 Velletri (RM)",
                     "Prof.ssa Maria Grazia Colonna", "Dott. Alessandro Ferri",
                     "rmic86400x@pec.istruzione.it"):
        assert expected in text
    # The three plessi with their codes, and rooms grouped under each plesso.
    for code in ("RMMM86401Y", "RMEE86402Z", "RMAA86403T"):
        assert code in text
    assert "Scuola primaria «Carlo Collodi» (PRIM) – 15 locali" in text
    assert "Scuola dell'infanzia «Il Girasole» (INF) – 6 locali" in text
    assert "Scuola secondaria di I grado «Gianni Rodari» (SEDE) – 21 locali" in text
    assert "Laboratorio di informatica" in text
    # Sede centrale first in the table of plessi, then by name.
    layout = pdf_text(out, page=1)
    assert layout.index("RMMM86401Y") < layout.index("RMAA86403T") < layout.index("RMEE86402Z")
    assert re.search(r"Locali\s+42\b", layout)
    assert assert_page_numbers(out) >= 2


def test_school_sheet_of_an_unconfigured_school_still_prints(db, tmp_path):
    out = build_school_sheet(db, tmp_path / "vuota.pdf")
    text = pdf_flat(out, layout=False)
    assert "Istituto non configurato" in text
    assert "Nessun plesso registrato." in text
    assert "Nessun locale registrato." in text
    assert "pag. 1 di 1" in text


# -- calendario ------------------------------------------------------------------------------

def test_calendar_rows_labels_and_closed_days(db, tmp_path):
    seed_calendar(db, 2026)
    save_calendar_day(db, date(2026, 11, 23), "patrono", "San Clemente, patrono di Velletri")
    save_calendar_day(db, date(2026, 12, 24), "chiusura", "Chiusura prefestiva degli uffici")
    save_calendar_day(db, date(2026, 2, 16), "sospensione", "Carnevale: sospensione delle lezioni")
    save_calendar_day(db, date(2027, 1, 2), "chiusura", "Chiusura dell'anno dopo")

    out = build_calendar(db, tmp_path / "calendario.pdf", anno=2026)
    text = pdf_flat(out, layout=False)
    layout = pdf_text(out)
    assert "Calendario dell'istituto – anno 2026" in text
    assert "pag. 1 di 1" in text
    assert re.search(r"01/01/2026\s+Giovedì\s+Festività nazionale\s+Capodanno\s+"
                     r"Festività di legge", layout)
    # 4 October is a national holiday again from 2026 (L. 151/2025).
    assert re.search(r"04/10/2026\s+Domenica\s+Festività nazionale\s+Festa nazionale di San",
                     layout)
    assert re.search(r"23/11/2026\s+Lunedì\s+Santo patrono\s+San Clemente, patrono di Velletri"
                     r"\s+Stabilito dall'istituto", layout)
    assert re.search(r"24/12/2026\s+Giovedì\s+Chiusura degli uffici", layout)
    assert re.search(r"16/02/2026\s+Lunedì\s+Sospensione delle lezioni", layout)
    assert "02/01/2027" not in text
    # Closed: 13 national holidays of 2026 + the patron + one closure; the suspension of
    # lessons does not close the office.
    assert "Giorni di chiusura degli uffici nell'anno 2026: 15" in text
    assert ("Festività nazionale: 13 · Santo patrono: 1 · Chiusura degli uffici: 1 · "
            "Sospensione delle lezioni: 1") in text


def test_calendar_of_an_empty_year(db, tmp_path):
    out = build_calendar(db, tmp_path / "vuoto.pdf", 2031)
    text = pdf_flat(out, layout=False)
    assert "Nessun giorno registrato nel calendario per l'anno 2031." in text
    assert "Giorni di chiusura degli uffici nell'anno 2031: 0" in text


# -- personale -------------------------------------------------------------------------------

def test_staff_list_of_the_demo_with_totals_per_profile(demo_db, tmp_path):
    out = build_staff_list(demo_db, tmp_path / "personale.pdf")
    text = pdf_flat(out, layout=False)
    assert "Elenco del personale" in text
    assert DEMO_SCHOOL in text
    for name in ("Dvořák", "Tomáš", "Ștefan", "Łucja", "Țurcanu", "D'Angelo", "Nicolò"):
        assert name in text
    assert "Direttore dei servizi generali e amministrativi" in text
    assert "tempo determinato" in text and "tempo indeterminato" in text
    reader = PdfReader(str(out))
    box = reader.pages[0].mediabox
    assert box.width > box.height            # landscape
    n = assert_page_numbers(out)
    last = pdf_text(out, page=n)
    # Counted by hand on the demo's staff (iiss_desktop/demo/staff.py: 12 collaboratori, and
    # the one hired from 1/12 in demo/staff_plan.py).
    for label, count in (("Dirigente scolastico", 1),
                         ("Direttore dei servizi generali e amministrativi", 1),
                         ("Assistente amministrativo", 6), ("Assistente tecnico", 3),
                         ("Collaboratore scolastico", 13), ("Totale", 24)):
        assert re.search(rf"^\s*{label}\s+{count}\s*$", last, re.M), label
    layout1 = pdf_text(out, page=1)
    assert re.search(r"Ferri\s+Alessandro\s+Direttore dei servizi generali e amministrativi"
                     r"\s+tempo indeterminato\s+Scuola secondaria di I grado", layout1)


def test_staff_list_without_staff(db, tmp_path):
    text = pdf_flat(build_staff_list(db, tmp_path / "p.pdf"), layout=False)
    assert "Nessun dipendente in servizio." in text
    assert "Totale 0" in text


# -- registri --------------------------------------------------------------------------------

def _three_entries(db, day: date):
    first = register_entry(db, register="prova", entry_date=day,
                           description="Acquisto di cancelleria: penne, matite e quaderni",
                           amount=Decimal("10.00"), reference="Prot. n. 1234",
                           lines=(LineInput("Penne a sfera", 20, Decimal("6.00")),
                                  LineInput("Quaderni a righe", 8, Decimal("4.00"))))
    second = register_entry(db, register="prova", entry_date=day,
                            description="Rimborso spese di viaggio – sig.ra Łucja Nowak",
                            amount=Decimal("20.50"))
    third = register_entry(db, register="prova", entry_date=day,
                           description="Marche da bollo", amount=Decimal("5.25"))
    return first, second, third


def test_register_totals_annulment_attestation_and_impronta(demo_db, tmp_path):
    day = date.today()
    _first, second, _third = _three_entries(demo_db, day)
    annul_entry(demo_db, entry_id=second.id, reason="Importo errato: fattura duplicata")

    out = build_register(demo_db, tmp_path / "registro.pdf", registro="prova", anno=day.year)
    text = pdf_flat(out, layout=False)
    d = day.strftime("%d/%m/%Y")
    assert "Registro di prova" in text
    assert f"Anno {day.year}" in text
    assert DEMO_SCHOOL in text
    assert "pag. 1 di 1" in text
    assert "Rimborso spese di viaggio – sig.ra Łucja Nowak" in text
    # Detail lines under the description, amounts formatted in euro.
    assert "1. Penne a sfera – q.tà 20 – 6,00 €" in text
    assert "2. Quaderni a righe – q.tà 8 – 4,00 €" in text
    assert "Rif.: Prot. n. 1234" in text
    assert f"Annullata con n. 4 del {d} – motivo: Importo errato: fattura duplicata" in text
    assert "Annulla n. 2: Importo errato: fattura duplicata" in text
    assert f"Annullamento della registrazione n. 2 del {d}" in text
    # 10,00 + 20,50 + 5,25 with the 20,50 annulled.
    assert "Totale degli importi delle registrazioni valide 15,25 €" in text
    layout = pdf_text(out)
    assert re.search(r"^\s*Registrazioni\s+4\s*$", layout, re.M)
    assert re.search(r"^\s*di cui annullate\s+1\s*$", layout, re.M)
    assert re.search(r"^\s*di cui annullamenti\s+1\s*$", layout, re.M)
    assert re.search(r"^\s*Registrazioni valide\s+2\s*$", layout, re.M)
    # Amounts right-aligned: the three amounts end in the same column.
    ends = [m.end() for line in layout.splitlines()
            for m in [re.match(r"^\s*\d\s+\d\d/\d\d/\d{4}\s.*?(10,00|20,50|5,25) €", line)]
            if m]
    assert len(ends) == 3 and len(set(ends)) == 1
    assert ("Il presente registro si compone di 1 pagina e contiene le registrazioni "
            "dal n. 1 al n. 4.") in text
    assert "Il DSGA" in text and "Il Dirigente Scolastico" in text
    assert "Dott. Alessandro Ferri" in text and "Prof.ssa Maria Grazia Colonna" in text
    assert ("Impronta del registro delle modifiche alla data di stampa: "
            + audit_head(demo_db)) in text


def test_register_on_many_pages_states_its_page_count(db, tmp_path):
    day = date.today()
    for i in range(1, 151):
        register_entry(db, register="prova", entry_date=day,
                       description=f"Registrazione di prova numero {i} con àèìòù",
                       amount=Decimal(i))
    out = build_register(db, tmp_path / "lungo.pdf", "prova", day.year)
    n = assert_page_numbers(out)
    assert n >= 3
    text = pdf_flat(out, layout=False)
    assert (f"Il presente registro si compone di {n} pagine e contiene le registrazioni "
            "dal n. 1 al n. 150.") in text
    # The attestazione is on the last page, with the signatures.
    last = pdf_flat(out, layout=False, page=n)
    assert f"si compone di {n} pagine" in last and "Il Dirigente Scolastico" in last
    # 1 + 2 + ... + 150 = 11.325
    assert "Totale degli importi delle registrazioni valide 11.325,00 €" in text
    assert "àèìòù" in text
    # The header row is repeated on every page.
    for p in range(1, n):
        page = pdf_text(out, page=p)
        assert re.search(r"N\.\s+Data\s+Descrizione\s+Importo\s+Annotazioni", page)


def test_register_of_another_year_is_empty(db, tmp_path):
    register_entry(db, register="prova", entry_date=date.today(), description="Una",
                   amount=Decimal("1.00"))
    text = pdf_flat(build_register(db, tmp_path / "r.pdf", "prova", 1999), layout=False)
    assert "Anno 1999" in text
    assert "Il registro non contiene registrazioni per l'anno 1999." in text
    assert "si compone di 1 pagina e non contiene registrazioni" in text
    assert "Totale degli importi delle registrazioni valide 0,00 €" in text


def test_permanent_register_prints_every_entry_whatever_the_year(db, tmp_path):
    day = date.today()
    register_entry(db, register="prova-perm", entry_date=day, description="Banco di lavoro",
                   amount=Decimal("1234.56"))
    register_entry(db, register="prova-perm", entry_date=day, description="Armadio metallico")
    text = pdf_flat(build_register(db, tmp_path / "inv.pdf", "prova-perm", 1999), layout=False)
    assert "Registro di prova senza rinnovo annuale" in text
    assert "Registro a numerazione continua" in text
    assert "Banco di lavoro" in text and "Armadio metallico" in text
    assert "Totale degli importi delle registrazioni valide 1.234,56 €" in text
    assert "dal n. 1 al n. 2." in text


def test_unknown_register_raises_domain_error_and_writes_nothing(db, tmp_path):
    out = tmp_path / "x.pdf"
    with pytest.raises(DomainError, match="Registro «inesistente» sconosciuto"):
        build_register(db, out, "inesistente", 2026)
    assert not out.exists()


# -- registro delle modifiche ----------------------------------------------------------------

def test_audit_log_lists_inserts_updates_deletes_with_impronta(db, tmp_path):
    save_school(db, SCHOOL)
    save_school(db, {**SCHOOL, "telefono": "06 2222"})
    save_site(db, {"code": "sede", "name": "Sede centrale", "is_main": True})
    save_calendar_day(db, date(2026, 12, 24), "chiusura", "Chiusura prefestiva")
    remove_calendar_day(db, date(2026, 12, 24))
    entry = register_entry(db, register="prova", entry_date=date.today(),
                           description="Acquisto di toner", amount=Decimal("45.50"))
    annul_entry(db, entry_id=entry.id, reason="Registrata per errore")

    year = date.today().year
    out = build_audit_log(db, tmp_path / "modifiche.pdf", anno=year)
    text = pdf_flat(out, layout=False)
    assert f"Registro delle modifiche – anno {year}" in text
    assert "Istituto di Istruzione Secondaria Superiore «Galileo Galilei»" in text
    box = PdfReader(str(out)).pages[0].mediabox
    assert box.width > box.height            # landscape
    assert_page_numbers(out)
    layout = pdf_text(out)
    assert re.search(r"Inserimento\s+Istituto 1\s+denominazione: Istituto di Istruzione", layout)
    assert re.search(r"Modifica\s+Istituto 1\s+telefono: 06 1111 → 06 2222\s+Dati dell'istituto",
                     layout)
    assert re.search(r"Inserimento\s+Plesso 1\s+codice del plesso: SEDE; nome del plesso: "
                     r"Sede centrale", layout)
    assert re.search(r"Eliminazione\s+Calendario 2026-12-24\s+descrizione: Chiusura prefestiva; "
                     r"giorno: 24/12/2026", layout)
    assert re.search(r"Inserimento\s+Registrazione 1\s+registro: Registro di prova; anno: "
                     + str(year), layout)
    assert "importo: 45,50 €" in text
    assert "Registrata per errore" in text
    assert "mrossi" in text
    with db.read_engine.connect() as conn:
        n_rows = conn.execute(sql("SELECT count(*) FROM audit_log")).scalar_one()
    assert n_rows >= 8
    assert f"Righe stampate: {n_rows} (dalla n. 1 alla n. {n_rows})" in text
    assert ("Impronta della catena del registro delle modifiche alla data di stampa: "
            + audit_head(db)) in text


def test_audit_log_of_a_year_without_changes(db, tmp_path):
    text = pdf_flat(build_audit_log(db, tmp_path / "m.pdf", 1999), layout=False)
    assert "Nessuna modifica registrata nell'anno 1999." in text
    assert "Righe stampate: 0" in text


def test_the_change_log_of_the_demo_speaks_italian_in_the_units_of_a_person(demo_db, demo_path,
                                                                              tmp_path):
    """Every table and every column the demo's log records has an Italian name of its own
    (never the database's), and stored units are shown as a person reads them."""
    import json
    import sqlite3

    from iiss_desktop.models.base import Base
    from iiss_desktop.queries.audit import entity_label, labelled

    with sqlite3.connect(demo_path) as con:
        logged = con.execute("SELECT entity, before, after FROM audit_log").fetchall()
    columns = {(entity, key) for entity, before, after in logged for blob in (before, after)
               if blob for key in json.loads(blob)}
    tables = {entity for entity, _key in columns}
    assert len(tables) >= 30                                  # every area wrote to the log
    assert [t for t in sorted(tables) if entity_label(t) == t] == []
    hidden = {"id", "created_at", "recorded_at", "recorded_by_id", "logo_png"}
    assert sorted(c for c in columns if c[1] not in hidden and not labelled(c[1], c[0])) == []
    audited = {t.name for m in Base.registry.mappers if getattr(m.class_, "__audit__", False)
               for t in [m.local_table]}
    assert sorted(t for t in audited if entity_label(t) == t) == []

    year = max(int(y) for (y,) in sqlite3.connect(demo_path).execute(
        "SELECT DISTINCT substr(at, 1, 4) FROM audit_log"))
    text = pdf_flat(build_audit_log(demo_db, tmp_path / "m.pdf", anno=year), layout=False)
    # Whole words: «site» must not be found inside «visite». A list of the names found, not
    # a diff of the whole log's text (pytest's diff of a long text takes minutes).
    found = [raw for raw in sorted(tables) + ["value cents", "value_cents", "handed by",
                                              "decree date"]
             if re.search(rf"\b{re.escape(raw)}\b", text)]
    assert found == []


def test_warehouse_quantities_and_values_in_the_log_are_in_pieces_and_euro():
    line = ('{"article_id":1,"quantity":36000,"value_cents":17388,"priced":true,'
            '"storeroom_id":1}')
    assert detail("insert", None, line, "warehouse_movement_line").replace(NBSP, " ") == (
        "articolo (id): 1; quantità: 36; valore: 173,88 €; valorizzata: sì; magazzino (id): 1")
    assert detail("update", '{"requested":2500}', '{"requested":2000}',
                  "warehouse_request_line") == "quantità richiesta: 2,5 → 2"
    assert detail("insert", None, '{"category":"Mobili","rate_hundredths":1250}',
                  "depreciation_rate") == "categoria: Mobili; aliquota: 12,5 %"


def test_audit_detail_is_short_and_readable():
    long_after = '{"description":"' + "x" * 500 + '","amount":"12.30","active":true}'
    assert len(detail("insert", None, long_after)) <= 200
    assert detail("insert", None, long_after).endswith("…")
    assert detail("update", '{"active":true}', '{"active":false}') == "attivo: sì → no"
    assert detail("update", '{"amount":"1.00"}', '{"amount":"1234.50"}',
                  "register_entry").replace(NBSP, " ") == \
        "importo: 1,00 € → 1.234,50 €"
    assert detail("update", '{"note":null}', '{"note":"ok"}') == "note: — → ok"
    assert detail("delete", '{"id":3,"name":"Aula 1A","floor":"1"}', None, "room") == \
        "nome del locale: Aula 1A; piano: 1"


# -- command line ----------------------------------------------------------------------------

# Registers are defined by the areas; the tests' register "prova" is defined in the child too.
BOOT = ("import runpy, sys; "
        "from iiss_desktop.domain.registers import RegisterSpec, define_register; "
        "define_register(RegisterSpec('prova', 'Registro di prova', 'Test')); "
        "sys.argv = ['iiss-desktop'] + sys.argv[1:]; "
        "runpy.run_module('iiss_desktop', run_name='__main__')")

TITLES = {"istituto": "Scheda dell'istituto, plessi e locali",
          "calendario": "Calendario dell'istituto – anno",
          "personale": "Elenco del personale",
          "registro": "Registro di prova",
          "modifiche": "Registro delle modifiche – anno",
          "buono-carico": "Buono di carico n. 1/"}


def run_cli(*args: str, boot: bool = False) -> subprocess.CompletedProcess:
    cmd = [python_exe()] + (["-c", BOOT] if boot else ["-m", "iiss_desktop"]) + list(args)
    return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", cwd=ROOT,
                          timeout=300)


# Options each document needs on the demo archive (labels are sheets, tested on their own).
EXTRA_ARGS: dict[str, list[str]] = {}
EXTRA_ARGS["prospetto-subconsegnatario"] = ["--plesso", "PRIM"]            # custody
EXTRA_ARGS["scheda-manutenzioni"] = ["--inventario", "inv-mobili", "--numero", "1"]
EXTRA_ARGS["scheda-fornitore"] = ["--fornitore", "04123450720"]          # procurement
# office: the visits the register still holds, the last 14 days (the retention by default)
EXTRA_ARGS["estratto-visitatori"] = [
    "--dal", (date.today() - timedelta(days=13)).strftime("%d/%m/%Y"),
    "--al", date.today().strftime("%d/%m/%Y")]
EXTRA_ARGS["registro-comunicazioni"] = ["--dal", "01/09/2020", "--al", "31/08/2021"]
EXTRA_QUERIES = {   # options read from the demo: (SQL giving the values, option names)
    "decreto-discarico": ("SELECT decree_number, decree_date FROM inventory_discharge "
                          "ORDER BY id LIMIT 1", ("--numero", "--data")),
    "avviso-vendita": ("SELECT id FROM inventory_sale WHERE kind = 'vendita' ORDER BY id "
                       "LIMIT 1", ("--numero",)),
    "scheda-monitoraggio": ("SELECT id FROM office_survey ORDER BY id LIMIT 1", ("--numero",)),
    "ordine-servizio": ("SELECT codice_fiscale FROM employee WHERE surname = 'Nowak'",
                        ("--persona",)),
}


def _args_for(spec, demo_path) -> list[str]:
    import sqlite3

    if spec.name in EXTRA_QUERIES:
        query, names = EXTRA_QUERIES[spec.name]
        with sqlite3.connect(demo_path) as conn:
            row = conn.execute(query).fetchone()
        values = [date.fromisoformat(v).strftime("%d/%m/%Y") if n == "--data" else str(v)
                  for n, v in zip(names, row)]
        return [x for pair in zip(names, values) for x in pair]
    if not spec.numbered:
        return EXTRA_ARGS.get(spec.name, [])
    own = spec.name in DOCUMENT_QUERIES
    query = DOCUMENT_QUERIES[spec.name] if own else (
        "SELECT year, number FROM register_entry WHERE register = ? "
        "AND annuls_id IS NULL ORDER BY id LIMIT 1")
    with sqlite3.connect(demo_path) as conn:
        row = conn.execute(query, () if own else (spec.numbered,)).fetchone()
    assert row is not None, f"la demo non ha documenti del registro {spec.numbered}"
    return ["--anno", str(row[0]), "--numero", str(row[1])]


# Labels and the rinnovo map have their own tests (the demo has no rinnovo: its goods are
# younger than ten years).
@pytest.mark.parametrize("name", [r.name for r in REPORTS if r.name not in ("etichette",
                                                                            "rinnovo")])
def test_cli_prints_every_report(name, demo_path, tmp_path):
    spec = next(r for r in REPORTS if r.name == name)
    out = tmp_path / f"{name}.pdf"
    args = ["print", name, "--db", str(demo_path), "--out", str(out)] + _args_for(spec, demo_path)
    for opt in spec.options:
        if opt.name == "registro":
            args += ["--registro", "prova"]
    result = run_cli(*args, boot=True)
    assert result.returncode == 0, result.stderr
    assert f"Stampa creata: {out}" in result.stdout
    text = pdf_flat(out, layout=False)
    assert DEMO_SCHOOL in text
    assert "pag. 1 di " in text
    assert TITLES.get(name, DEMO_SCHOOL) in text


def test_cli_prints_label_sheets(demo_path, tmp_path):
    out = tmp_path / "etichette.pdf"
    result = run_cli("print", "etichette", "--registro", "inv-libri", "--layout", "3x7",
                     "--db", str(demo_path), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "RMIC86400X-LIB-000001" in pdf_flat(out, layout=False)


def test_cli_prints_a_register_with_entries(demo_db, demo_path, tmp_path):
    _three_entries(demo_db, date.today())
    out = tmp_path / "registro.pdf"
    result = run_cli("print", "registro", "--registro", "prova", "--anno",
                     str(date.today().year), "--db", str(demo_path), "--out", str(out), boot=True)
    assert result.returncode == 0, result.stderr
    assert "Totale degli importi delle registrazioni valide 35,75 €" in pdf_flat(out, layout=False)


def test_cli_print_list_names_every_report():
    result = run_cli("print", "--list")
    assert result.returncode == 0, result.stderr
    for spec in REPORTS:
        assert re.search(rf"^{re.escape(spec.name)}\s+{re.escape(spec.title)}", result.stdout,
                         re.M)
    assert "--registro" in result.stdout


def test_cli_unknown_register_fails_with_an_italian_message(demo_path, tmp_path):
    out = tmp_path / "x.pdf"
    result = run_cli("print", "registro", "--registro", "inesistente", "--db", str(demo_path),
                     "--out", str(out))
    # A value that names nothing is a usage error (code 2) listing the registers' codes.
    assert result.returncode == 2
    assert ("Errore: La stampa «registro» con --registro inesistente non trova nulla"
            in result.stderr)
    assert "  --registro inv-mobili    inv-mobili – Inventario dei beni mobili" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
