"""Global search (Ctrl+K) on the small demo: words in any order, without accents, numbers and
codes first, only the areas the user may read, the index rebuilt after a change."""
from __future__ import annotations

import sqlite3

from iiss_desktop.queries.search import search, search_index
from iiss_desktop.services.procurement.suppliers import save_supplier
from iiss_desktop.services.users import act_as


def _titles(result, kind=None) -> list[str]:
    return [h.title for h in result.hits if kind is None or h.kind == kind]


def test_a_supplier_is_found_by_part_of_its_name_in_any_order(demo_db):
    result = search(demo_db, "scientifica DIDATTICA")
    assert _titles(result, "Fornitore") == ["Didattica Scientifica Srl"]
    hit = next(h for h in result.hits if h.kind == "Fornitore")
    assert hit.area == "Acquisti" and hit.key[0] == "supplier"
    assert "P. IVA" in hit.detail


def test_accents_do_not_matter_either_way(demo_db):
    # The demo's staff has «Nowak Łucja» and «Popescu Ștefan».
    assert _titles(search(demo_db, "lucja"), "Persona") == ["Nowak Łucja"]
    assert _titles(search(demo_db, "ștefan popescu"), "Persona") == ["Popescu Ștefan"]
    assert _titles(search(demo_db, "cartolerìa ròssi"), "Fornitore") == ["Cartoleria Rossi Srl"]


def test_a_person_is_found_by_surname_and_opens_the_person(demo_path, demo_db):
    with sqlite3.connect(demo_path) as con:
        person_id, surname, name = con.execute(
            "SELECT id, surname, name FROM employee ORDER BY id LIMIT 1").fetchone()
    hits = [h for h in search(demo_db, surname.lower()).hits if h.kind == "Persona"]
    assert [h.key for h in hits] == [("person", person_id)]
    assert hits[0].title == f"{surname} {name}" and hits[0].area == "Personale e turni"


def test_a_good_by_its_inventory_number_comes_first(demo_path, demo_db):
    with sqlite3.connect(demo_path) as con:
        expected = {i for (i,) in con.execute("SELECT id FROM inventory_item WHERE number = 12")}
    result = search(demo_db, "12")
    exact = [h for h in result.hits if h.exact]
    assert {h.key for h in exact if h.kind == "Bene"} == {("item", i) for i in expected}
    assert result.hits[:len(exact)] == tuple(exact)          # exact numbers rank first
    assert all(not h.exact for h in result.hits[len(exact):])
    assert any(h.title.startswith("beni mobili n. 12 – ") for h in exact)


def test_an_impegno_by_its_number_and_a_procedure_by_its_cig(demo_path, demo_db):
    with sqlite3.connect(demo_path) as con:
        cig, request_id = con.execute(
            "SELECT cig, request_id FROM procurement_procedure WHERE cig != '' "
            "ORDER BY id LIMIT 1").fetchone()
        c_id, year = con.execute("SELECT id, year FROM funds_commitment WHERE number = 1 "
                                 "ORDER BY year LIMIT 1").fetchone()
    hits = search(demo_db, cig.lower()).hits
    assert hits[0].exact and ("procedure", request_id) in {h.key for h in hits if h.exact}
    hits = search(demo_db, f"1/{year}").hits
    assert hits[0].exact and ("commitment", c_id) in {h.key for h in hits if h.kind == "Impegno"
                                                      and h.exact}


def test_a_user_sees_only_the_areas_they_may_read(demo_path, demo_db):
    everything = {h.area for h in search(demo_db, "cartoleria").hits}
    assert {"Fondi", "Acquisti", "Magazzino"} <= everything
    act_as(demo_db, "tecnico")   # assistente tecnico of one plesso: no staff, funds, purchases
    seen = search(demo_db, "cartoleria")
    assert {h.area for h in seen.hits} == {"Magazzino"}
    assert search(demo_db, "Nowak").hits == ()
    # Goods only of the plesso of the grant.
    (sites,) = {g.site_ids for g in demo_db.current_user.grants}
    goods = search(demo_db, "sedia", limit=1000).hits
    assert goods and {h.kind for h in goods} == {"Bene"}
    with sqlite3.connect(demo_path) as con:
        shown = {i for (i,) in con.execute(
            f"SELECT site_id FROM inventory_item WHERE id IN ({','.join('?' * len(goods))})",
            [h.key[1] for h in goods])}
        others = con.execute("SELECT count(*) FROM inventory_item i JOIN register_entry e "
                             "ON e.id = i.entry_id WHERE e.description LIKE '%sedia%'").fetchone()
    assert sites and shown <= set(sites) and others[0] > len(goods)


def test_the_index_follows_a_change_of_the_archive(demo_db):
    assert _titles(search(demo_db, "citta"), "Fornitore") == []
    index = search_index(demo_db)
    builds = index.builds
    search(demo_db, "citta")
    assert index.builds == builds            # nothing changed: nothing rebuilt
    save_supplier(demo_db, {"name": "Ferramenta Città di Bari Srl", "vat": "09123450786",
                            "tax_code": "", "address": "Via Sparano 3, 70121 Bari",
                            "pec": "ferramenta@pec.it"})
    assert _titles(search(demo_db, "citta bari"), "Fornitore") == ["Ferramenta Città di Bari Srl"]
    assert index.builds == builds + 2        # the suppliers and the invoices, naming them


def test_no_words_no_hits_and_many_hits_are_cut(demo_db):
    assert search(demo_db, "   ").hits == ()
    result = search(demo_db, "a", limit=3)
    assert "Bene" in result.more and len([h for h in result.hits if h.kind == "Bene"]) == 3


def test_documents_by_number_decrees_affidamenti_comodati_requests(demo_path, demo_db):
    with sqlite3.connect(demo_path) as con:
        decree_id, decree = con.execute("SELECT id, decree_number FROM inventory_discharge "
                                        "ORDER BY id LIMIT 1").fetchone()
        loan_id, year, number, student = con.execute(
            "SELECT l.id, e.year, e.number, l.student_name FROM loan l "
            "JOIN register_entry e ON e.id = l.entry_id ORDER BY l.id LIMIT 1").fetchone()
        request_id, r_year, r_number = con.execute(
            "SELECT id, year, number FROM warehouse_request ORDER BY id LIMIT 1").fetchone()
    assert ("discharge", decree_id) in {h.key for h in search(demo_db, decree).hits if h.exact}
    loans = [h for h in search(demo_db, f"comodato {student}").hits if h.kind == "Comodato"]
    assert [h.key for h in loans] == [("loan", loan_id)]
    assert loans[0].title.startswith(f"Comodato n. {number}/{year} – {student}")
    requests = search(demo_db, f"{r_number}/{r_year}").hits
    assert ("request", request_id) in {h.key for h in requests if h.exact}


def test_the_comodati_need_their_own_permission(demo_db):
    student = "comodato"
    assert any(h.kind == "Comodato" for h in search(demo_db, student).hits)
    act_as(demo_db, "revisore")     # sola lettura: the inventory, not the comodati's data
    hits = search(demo_db, student).hits
    assert not any(h.kind == "Comodato" for h in hits)
    assert any(h.area == "Inventario" for h in search(demo_db, "sedia").hits)


def test_the_office_documents_by_words_number_and_protocol(demo_path, demo_db):
    """The demo's emergency directive of 2020 (document 1/2020, prot. n. 0003412/II.10)."""
    with sqlite3.connect(demo_path) as con:
        doc_id, subject = con.execute(
            "SELECT id, subject FROM office_document WHERE year = 2020 AND number = 1"
        ).fetchone()
    hits = [h for h in search(demo_db, "direttiva emergenza").hits if h.kind == "Documento"]
    assert [h.key for h in hits] == [("document", doc_id)]
    assert hits[0].title == f"Documento n. 1/2020 – {subject}" and hits[0].area == "Ufficio"
    assert "prot. n. 0003412/II.10" in hits[0].detail
    by_protocol = search(demo_db, "0003412/II.10")
    assert [(h.key, h.exact) for h in by_protocol.hits] == [(("document", doc_id), True)]
    act_as(demo_db, "collaboratore")                    # no office.documents
    assert not [h for h in search(demo_db, "direttiva emergenza").hits
                if h.kind == "Documento"]
