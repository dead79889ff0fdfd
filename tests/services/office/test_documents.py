"""Documents from templates: a text using an unknown field is refused naming it, a required
field left empty is refused naming it (nothing saved either time), editing a template makes a
new version while the old document keeps printing its own, numbering is gap-free, the
protocol recorded back is printed, and the print is a PDF/A-2b (XMP, output intent with an
ICC profile, fonts embedded, no encryption, /ID)."""
from __future__ import annotations

import re
import subprocess
from datetime import date

import pytest
from pypdf import PdfReader

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.queries import office_documents as q
from iiss_desktop.reports.office_documents import build_document
from iiss_desktop.services import office_documents as svc
from iiss_desktop.services.protocol import record_protocol
from tests.helpers.ui import table_snapshot
from tests.helpers.users import act_as_office

SUB = {"nome_subconsegnatario": "Prof. Luigi Verdi", "qualifica": "docente",
       "plesso": "PRIM", "decorrenza": date(2026, 12, 1)}


def _template(db, code):
    return next(t for t in q.list_templates(db) if t.code == code)


def _text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.fixture
def dsga(db):
    act_as_office(db, "dsga-doc", roles=("dsga",))
    svc.install_templates(db)
    return db


def test_the_seed_templates_are_installed_at_version_one(dsga):
    codes = {t.code: t.version for t in q.list_templates(dsga)}
    assert codes == {"direttiva-dsga": 1, "nomina-sostituto-dsga": 1,
                     "nomina-subconsegnatario": 1, "nomina-commissione": 1,
                     "circolare-personale": 1, "ordine-di-servizio": 1}
    direttiva = _template(dsga, "direttiva-dsga").body
    for words in ("art. 25, comma 5", "registro dei visitatori", "comunicazioni a distanza",
                  "referente scolastico Covid", "lavoro agile", "turnazioni", "igienizzazione",
                  "DPI"):
        assert words in direttiva


def test_a_template_with_an_unknown_field_is_refused_naming_it(dsga, db_path):
    t = _template(dsga, "circolare-personale")
    before = table_snapshot(db_path, ("office_template", "office_template_version"))
    with pytest.raises(ValidationError) as refused:
        svc.save_template(dsga, template_id=t.id, title=t.title, kind=t.kind,
                          body=t.body + "\nFirmato: {responsabile_procedimento}",
                          fields=t.fields, note="prova")
    message = refused.value.errors["body"]
    assert "«{responsabile_procedimento}»" in message and "non è tra i campi" in message
    with pytest.raises(ValidationError) as refused:
        svc.save_template(dsga, code="nuovo", title="Nuovo", kind="circolare",
                          body="Testo {xyz}", fields="")
    assert "«{xyz}»" in refused.value.errors["body"]
    assert table_snapshot(db_path, ("office_template", "office_template_version")) == before


def test_a_document_with_a_required_field_empty_is_refused_naming_it(dsga, db_path):
    t = _template(dsga, "nomina-subconsegnatario")
    before = table_snapshot(db_path, ("office_document", "register_entry", "counter"))
    with pytest.raises(ValidationError) as refused:
        svc.make_document(dsga, template_id=t.id, subject="Nomina",
                          values={**SUB, "plesso": "  "})
    assert "«Plesso o sede»" in refused.value.errors["plesso"]
    assert table_snapshot(db_path, ("office_document", "register_entry", "counter")) == before


def test_editing_makes_a_new_version_and_old_documents_keep_theirs(dsga, tmp_path):
    t = _template(dsga, "nomina-subconsegnatario")
    _id, year, first = svc.make_document(dsga, template_id=t.id, subject="Sub-consegnatario",
                                         values=SUB)
    fields = "\n".join(f"{f.name} | {f.label} | testo" for f in t.fields) + \
        "\nnote | Note | testo lungo facoltativo"
    assert svc.save_template(dsga, template_id=t.id, title=t.title, kind=t.kind,
                             body=t.body.replace("richiedono una custodia sul posto",
                                                 "richiedono una custodia diretta") + "\n{note}",
                             fields=fields, note="custodia diretta") == (t.id, 2)
    _id, _y, second = svc.make_document(dsga, template_id=t.id, subject="Altro",
                                        values={**SUB, "decorrenza": "02/12/2026"})
    assert (first, second) == (1, 2)           # gap-free, the refused one took no number
    assert [v.number for v in q.template_versions(dsga, t.id)] == [2, 1]
    old = _text(build_document(dsga, tmp_path / "old.pdf", anno=year, numero=first))
    new = _text(build_document(dsga, tmp_path / "new.pdf", anno=year, numero=second))
    assert "custodia sul posto" in old and "custodia diretta" not in old
    assert "custodia diretta" in new and "modello v. 2" in new


def test_the_protocol_recorded_is_printed_and_annulment_is_shown(dsga, tmp_path):
    t = _template(dsga, "circolare-personale")
    doc_id, year, number = svc.make_document(
        dsga, template_id=t.id, subject="Assemblea sindacale",
        values={"destinatari": "docente e ATA", "oggetto": "Assemblea sindacale",
                "testo": "Si comunica che **martedì** si terrà l'assemblea."})
    blank = _text(build_document(dsga, tmp_path / "a.pdf", anno=year, numero=number))
    assert "Prot. n. ______________" in blank
    record_protocol(dsga, report="documento", year=year, number=number,
                    protocol_number="0004321/II.10", protocol_date=date.today())
    printed = _text(build_document(dsga, tmp_path / "b.pdf", anno=year, numero=number))
    assert f"Prot. n. 0004321/II.10 del {date.today():%d/%m/%Y}" in printed
    assert [d.protocol_text for d in q.list_documents(dsga)][0].startswith("n. 0004321/II.10")
    with pytest.raises(ValidationError):
        svc.annul_document(dsga, doc_id, "no")          # a reason is needed
    svc.annul_document(dsga, doc_id, "Circolare sostituita dalla successiva")
    assert q.list_documents(dsga)[0].state == "annullato"


def test_the_print_meets_the_pdfa_2b_requirements(dsga, tmp_path):
    t = _template(dsga, "direttiva-dsga")
    _i, year, number = svc.make_document(dsga, template_id=t.id, subject="Direttiva",
                                         values={"riferimenti_emergenza": "il D.M. 87/2020",
                                                 "orario_sportello": "lun-ven 9-12",
                                                 "giorni_conservazione": "14",
                                                 "ufficio_comunicazioni": "di segreteria"})
    path = build_document(dsga, tmp_path / "d.pdf", anno=year, numero=number)
    raw = path.read_bytes()
    reader = PdfReader(str(path))
    assert not reader.is_encrypted and b"/Encrypt" not in raw
    assert len(reader.trailer["/ID"]) == 2
    root = reader.trailer["/Root"]
    metadata = root["/Metadata"].get_object()
    assert "/Filter" not in metadata            # the XMP stream is written uncompressed
    xmp = metadata.get_data().decode("utf-8")
    assert "<pdfaid:part>2</pdfaid:part>" in xmp and \
        "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    info = reader.metadata
    assert f">{info['/Title']}</rdf:li>" in xmp and f">{info['/Author']}</rdf:li>" in xmp
    assert f"<xmp:CreatorTool>{info['/Creator']}</xmp:CreatorTool>" in xmp
    assert f"<pdf:Producer>{info['/Producer']}</pdf:Producer>" in xmp
    # The dates of the Info dictionary and of the XMP say the same instant.
    m = re.match(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([+-]\d\d)'(\d\d)'",
                 info["/CreationDate"])
    y, mo, d, h, mi, s, tzh, tzm = m.groups()
    assert f"<xmp:CreateDate>{y}-{mo}-{d}T{h}:{mi}:{s}{tzh}:{tzm}</xmp:CreateDate>" in xmp
    intents = root["/OutputIntents"]
    assert len(intents) == 1
    intent = intents[0].get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    icc = intent["/DestOutputProfile"].get_object()
    profile = icc.get_data()
    assert icc["/N"] == 3 and profile[36:40] == b"acsp" and profile[16:20] == b"RGB "
    fonts = []
    for page in reader.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            fonts.append(font.get_object())
        for xobj in resources.get("/XObject", {}).values():
            for font in xobj.get_object().get("/Resources", {}).get("/Font", {}).values():
                fonts.append(font.get_object())
    assert fonts
    for font in fonts:
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]


def test_an_assistente_makes_documents_but_does_not_edit_templates(db):
    from iiss_desktop.domain.access import PermissionDenied

    act_as_office(db, "aa-doc", roles=("assistente_amministrativo",))
    svc.install_templates(db)
    t = _template(db, "nomina-subconsegnatario")
    assert svc.make_document(db, template_id=t.id, subject="Nomina", values=SUB)[2] == 1
    with pytest.raises(PermissionDenied):
        svc.save_template(db, template_id=t.id, title=t.title, kind=t.kind, body=t.body,
                          fields=t.fields)


def test_versions_and_documents_never_change_outside_the_program(dsga, db_path):
    import sqlite3

    t = _template(dsga, "nomina-subconsegnatario")
    svc.make_document(dsga, template_id=t.id, subject="Nomina", values=SUB)
    con = sqlite3.connect(db_path)
    try:
        for statement in ("UPDATE office_template_version SET body = 'altro'",
                          "DELETE FROM office_template_version",
                          "UPDATE office_document SET subject = 'altro'",
                          "DELETE FROM office_document"):
            with pytest.raises(sqlite3.DatabaseError, match="non si"):
                con.execute(statement)
    finally:
        con.close()


def test_a_new_template_with_its_declared_fields_makes_documents(dsga, tmp_path):
    tid, version = svc.save_template(
        dsga, code="nomina-referente-covid", title="Nomina del referente scolastico Covid",
        kind="decreto", body="# Nomina\n\nIL DIRIGENTE SCOLASTICO\n\nnomina {referente} "
                             "referente Covid per l'a.s. {anno_scolastico}.\n\n"
                             "- sede: {sede}\n\n{comune}, {data}",
        fields="referente | Referente | persona\nsede | Sede | testo facoltativo",
        note="nuovo")
    assert version == 1
    with pytest.raises(ValidationError) as refused:
        svc.save_template(dsga, code="nomina-referente-covid", title="Altro", kind="decreto",
                          body="x", fields="")
    assert "già un modello" in refused.value.errors["code"]
    _i, year, number = svc.make_document(dsga, template_id=tid, subject="Referente Covid",
                                         values={"referente": "Prof.ssa Anna Neri"})
    text = _text(build_document(dsga, tmp_path / "r.pdf", anno=year, numero=number))
    assert "nomina Prof.ssa Anna Neri referente Covid per l'a.s." in text
    assert "• sede:" in text
