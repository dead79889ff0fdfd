"""Every action on a good, in every situation of a good, through the real services on a real
SQLite file, against what the law says: the table below is written by hand from D.I.
129/2018 artt. 31-35 and domain.md §1, NOT imported from domain/inventory/states.py.

One archive is built once with one good in each situation, each in its own inventory and
room (so that the rinnovo of one inventory concerns one good only); every case runs on a
private copy of it. Allowed: the action succeeds and shows its effect. Refused: a DomainError
naming the good and the reason, and not a single row of any table changed (counters and the
audit chain included), no PDF written. For the rinnovo a good that has left the inventory is
not refused but simply not carried ("left out")."""
from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from decimal import Decimal

import pytest

from iiss_desktop.domain.errors import DomainError
from tests.helpers.pdf import pdf_text

TODAY = date.today()
LOADED = date(TODAY.year - 2, 3, 1)          # every carico
FIRST_RENEWAL = date(TODAY.year - 1, 6, 1)   # the rinnovo that made the "renewed" good
EVENTS = date(TODAY.year - 1, 9, 15)         # comodato, affidamento, sale, discharge, annul
PARENT_CF = "RSSMRA80A01H501U"
SCHOOL = "SCUOLA"                           # no heading recorded: the labels say SCUOLA

# situation -> (inventory, the good's name in messages, description)
GOODS = {
    "held": ("inv-mobili", "n. 1 (beni mobili)", "Personal computer portatile"),
    "lent": ("inv-libri", "n. 1 (libri)", "Enciclopedia Treccani"),
    "entrusted": ("inv-storico", "n. 1 (storico-artistici)", "Microscopio d'epoca"),
    "in_sale": ("inv-veicoli", "n. 1 (veicoli e natanti)", "Pulmino per disabili"),
    "discharged": ("inv-valori", "n. 1 (valori mobiliari)", "Titoli di Stato"),
    "annulled": ("inv-immobili", "n. 1 (beni immobili)", "Aula prefabbricata"),
    "renewed": ("inv-terzi", "n. 1 (beni di terzi)", "Lavagna interattiva del Comune"),
}
SITUATIONS = list(GOODS)
OK, LEFT_OUT = "allowed", "left out"
# (action, situation) -> OK, LEFT_OUT, or a phrase the refusal must contain.
_GONE_D, _GONE_A = "è stato scaricato", "ha il carico annullato"
_GONE_R = "nuovo numero nel rinnovo"
LAW = {
    # Where a good is, is recorded for every good still held, whoever uses it (art. 31 c.2
    # "luogo"); a good discharged (art. 33), annulled or renewed is no longer there under this
    # number: nothing to move.
    "move": {"held": OK, "lent": OK, "entrusted": OK, "in_sale": OK,
             "discharged": _GONE_D, "annulled": _GONE_A, "renewed": _GONE_R},
    # Art. 35: the affidatario answers for the goods of his verbale until the riconsegna: one
    # good, one affidatario. A lent good is with the comodatario; a good in an open sale is
    # out of use, waiting to leave by the sale (art. 34); a renewed good lives on under its
    # NEW number, and that is the number a verbale must carry.
    "assign": {"held": OK, "lent": "in comodato", "entrusted": "già affidato",
               "in_sale": "vendita o cessione in corso",
               "discharged": _GONE_D, "annulled": _GONE_A, "renewed": _GONE_R},
    # Comodato d'uso (domain.md §7): a good held and free; not one entrusted (art. 35: the
    # affidatario answers for it), nor one waiting for its sale (art. 34), nor twice.
    "lend": {"held": OK, "lent": "già in comodato", "entrusted": "riconsegna",
             "in_sale": "vendita o cessione in corso",
             "discharged": _GONE_D, "annulled": _GONE_A, "renewed": _GONE_R},
    # Art. 34: goods out of use are put on sale by decree, one procedure at a time; an
    # entrusted good comes back with the riconsegna first (art. 35); a lent good first
    # comes back from the comodatario.
    "open_sale": {"held": OK, "lent": "in comodato", "entrusted": "riconsegna",
                  "in_sale": "già in una vendita",
                  "discharged": _GONE_D, "annulled": _GONE_A, "renewed": _GONE_R},
    # Art. 33: the decree of discarico takes out a good held. Art. 35: entrusted goods are
    # not discharged before the riconsegna (the verbale records what is missing). Art. 34: a
    # good in an open sale leaves only by the sale's conclusion. A good already discharged
    # has left; a renewed one is discharged under its new number.
    "discharge": {"held": OK, "lent": "in comodato", "entrusted": "riconsegna",
                  "in_sale": "si scarica con la sua conclusione",
                  "discharged": "già stato scaricato", "annulled": _GONE_A,
                  "renewed": _GONE_R},
    # A carico recorded by mistake is annulled (never deleted) while nobody holds the good by
    # a contract, a verbale or a sale; a good that has left keeps its carico, annotated.
    "annul": {"held": OK, "lent": "comodato", "entrusted": "riconsegna",
              "in_sale": "vendita o cessione in corso",
              "discharged": _GONE_D, "annulled": _GONE_A, "renewed": _GONE_R},
    # Rinnovo (domain.md §1.8): the goods of the consistenza get a new number; the documents
    # still open (comodato contract, verbale, sale) carry the old one and are closed first.
    # What has left the consistenza is not carried.
    "renew": {"held": OK, "lent": "Beni in comodato", "entrusted": "verbale non ancora chiuso",
              "in_sale": "vendita o cessione in corso",
              "discharged": LEFT_OUT, "annulled": LEFT_OUT, "renewed": LEFT_OUT},
    # Art. 31 c.3: each good held carries its number; a number that has left the inventory
    # must not be stuck on a good again (a renewed good gets the label of its new number).
    "label": {"held": OK, "lent": OK, "entrusted": OK, "in_sale": OK,
              "discharged": _GONE_D, "annulled": _GONE_A, "renewed": _GONE_R},
    # Art. 30 c.1: the consegnatario maintains the goods held, wherever they are used.
    "maintenance": {"held": OK, "lent": OK, "entrusted": OK, "in_sale": OK,
                    "discharged": _GONE_D, "annulled": _GONE_A, "renewed": _GONE_R},
    # Ricognizione (domain.md §1.8): the check covers the goods in consistenza; one that has
    # left is no longer checked.
    "ricognizione": {"held": OK, "lent": OK, "entrusted": OK, "in_sale": OK,
                     "discharged": _GONE_D, "annulled": _GONE_A, "renewed": _GONE_R},
}

# The comodatario's birth data and residence (domain.md §7), required by a contract.
PARENT_DATA = dict(parent_birth_place="Roma", parent_birth_date=date(1980, 1, 1),
                   parent_residence="Via Roma 1, 00100 Roma")


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """The archive with one good per situation: {situation: item id}, rooms, the new good."""
    from iiss_desktop.db.schema import open_database
    from iiss_desktop.services.inventory import sale
    from iiss_desktop.services.inventory.carico import CaricoInput, annul_carico, carico
    from iiss_desktop.services.inventory.custody import appoint, assign
    from iiss_desktop.services.inventory.discharge import discharge_items
    from iiss_desktop.services.inventory.loans import LoanInput, lend
    from iiss_desktop.services.inventory.renewal import renew
    from iiss_desktop.services.school import save_room, save_site
    from tests.helpers.users import act_as_office

    path = tmp_path_factory.mktemp("states") / "stati.db"
    db = open_database(path, create=True)
    act_as_office(db, "mrossi")
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    rooms = {name: save_room(db, {"site_id": site, "name": f"Locale {name}"})
             for name in [*GOODS, "spare"]}
    appoint(db, role="consegnatario", person_name="Dott.ssa Anna Verdi",
            started_on=date(2020, 9, 1))
    for name, (register, _ref, text) in GOODS.items():
        carico(db, CaricoInput(description=text, category_register=register,
                               unit_value=Decimal("900.00"), entry_date=LOADED,
                               room_id=rooms[name],
                               owner="Comune di Roma" if register == "inv-terzi" else ""))
    with sqlite3.connect(path) as conn:
        ids = {name: conn.execute("SELECT id FROM inventory_item WHERE register = ? AND "
                                  "number = 1", (register,)).fetchone()[0]
               for name, (register, _ref, _text) in GOODS.items()}
    renew(db, "inv-terzi", FIRST_RENEWAL, "5", FIRST_RENEWAL, "Rossi, Bianchi, Verdi")
    lend(db, LoanInput(parent_name="Mario Rossi", parent_cf=PARENT_CF,
                       student_name="Giulia Rossi", item_ids=[ids["lent"]], start=EVENTS,
                       due=EVENTS + timedelta(days=280), **PARENT_DATA))
    assign(db, item_ids=[ids["entrusted"]], assignee_name="Prof.ssa Giulia Serra",
           assignee_role="direttore_laboratorio", room_id=rooms["entrusted"], started_on=EVENTS,
           ds_indication="nota del DS prot. n. 3120 del 12/09")
    sale.open_sale(db, [ids["in_sale"]], "cessione_ente", "inventario", None,
                   "Verbale n. 1 della commissione: pulmino fuori uso", "30", EVENTS)
    discharge_items(db, item_ids=[ids["discharged"]], decree_number="31", decree_date=EVENTS,
                    cause="furto", motivation="Furto denunciato ai Carabinieri",
                    executed_on=EVENTS)
    annul_carico(db, item_id=ids["annulled"], reason="Carico registrato due volte",
                 annulled_on=EVENTS)
    with sqlite3.connect(path) as conn:
        successor = conn.execute("SELECT new_item_id FROM inventory_renewal_map "
                                 "WHERE old_item_id = ?", (ids["renewed"],)).fetchone()[0]
        statuses = dict(conn.execute("SELECT id, status FROM inventory_item").fetchall())
    db.dispose()
    # The archive is what the test says it is (stored statuses written by hand).
    assert [statuses[ids[n]] for n in SITUATIONS] == [
        "in uso", "in comodato", "in uso", "in uso", "scaricato", "annullato", "rinnovato"]
    assert statuses[successor] == "in uso"
    return path, ids, rooms, successor


@pytest.fixture
def archive(template, tmp_path):
    from iiss_desktop.db.backup import backup_file
    from iiss_desktop.db.schema import open_database
    from tests.helpers.users import act_as_office

    path, ids, rooms, successor = template
    copy = tmp_path / "copia.db"
    backup_file(path, copy)
    db = open_database(copy)
    act_as_office(db, "mrossi")
    yield db, copy, ids, rooms, successor
    db.dispose()


def _everything(path) -> dict:
    """Every row of every table: "nothing written" means this does not change."""
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}


def _one(path, sql, *args):
    with sqlite3.connect(path) as conn:
        row = conn.execute(sql, args).fetchone()
    return row[0] if row else None




def _act(action, db, path, tmp_path, item, room, rooms, successor):
    """Run ``action`` on the good through its real service; returns what it returned."""
    from iiss_desktop.reports.inventory.labels import build_labels
    from iiss_desktop.services.inventory import sale
    from iiss_desktop.services.inventory.carico import annul_carico
    from iiss_desktop.services.inventory.custody import add_maintenance, assign
    from iiss_desktop.services.inventory.discharge import discharge_items
    from iiss_desktop.services.inventory.loans import LoanInput, lend
    from iiss_desktop.services.inventory.movements import move_item
    from iiss_desktop.services.inventory.renewal import renew
    from iiss_desktop.services.inventory.ricognizione import OutcomeInput, record_check

    if action == "move":
        return move_item(db, item_id=item, to_room_id=rooms["spare"], moved_on=TODAY)
    if action == "assign":
        return assign(db, item_ids=[item], assignee_name="Prof. Luca Neri",
                      assignee_role="direttore_laboratorio", room_id=room, started_on=TODAY,
                      ds_indication="nota del DS prot. n. 77")
    if action == "lend":
        return lend(db, LoanInput(parent_name="Anna Bianchi", parent_cf=PARENT_CF,
                                  student_name="Luca Bianchi", item_ids=[item], start=TODAY,
                                  due=TODAY + timedelta(days=200), **PARENT_DATA))
    if action == "open_sale":
        return sale.open_sale(db, [item], "vendita", "inventario", None,
                              "Verbale n. 2 della commissione: beni fuori uso", "40", TODAY)
    if action == "discharge":
        return discharge_items(db, item_ids=[item], decree_number="41", decree_date=TODAY,
                               cause="inservibilita", motivation="Guasto non riparabile")
    if action == "annul":
        return annul_carico(db, item_id=item, reason="Carico registrato per errore",
                            annulled_on=TODAY)
    if action == "renew":
        base = _one(path, "SELECT register FROM inventory_item WHERE id = ?",
                    item).partition(".")[0]
        return renew(db, base, TODAY, "42", TODAY, "Rossi, Bianchi, Verdi")
    if action == "label":
        return build_labels(db, tmp_path / "etichette.pdf", item_ids=[item])
    if action == "maintenance":
        return add_maintenance(db, item_id=item, done_on=TODAY, kind="riparazione",
                               description="Sostituzione dell'alimentatore")
    if action == "ricognizione":
        # The verbale covers every good of the room: the good under its new number too.
        present = [item] + ([successor] if room == rooms["renewed"] else [])
        return record_check(db, room, TODAY,
                            [OutcomeInput("confermato", item_id=i) for i in present])
    raise AssertionError(action)


def _done(action, path, tmp_path, item, rooms, result) -> None:
    """The allowed action shows its effect in the archive (or the PDF)."""
    status = _one(path, "SELECT status FROM inventory_item WHERE id = ?", item)
    if action == "move":
        assert _one(path, "SELECT room_id FROM inventory_item WHERE id = ?", item) == \
            rooms["spare"]
    elif action == "assign":
        assert _one(path, "SELECT count(*) FROM inventory_assignment_item x JOIN "
                          "inventory_assignment a ON a.id = x.assignment_id WHERE "
                          "x.item_id = ? AND a.assignee_name = 'Prof. Luca Neri'", item) == 1
    elif action == "lend":
        assert status == "in comodato"
    elif action == "open_sale":
        assert _one(path, "SELECT sale_id FROM inventory_sale_item WHERE item_id = ? "
                          "ORDER BY id DESC", item) == result
    elif action == "discharge":
        assert status == "scaricato"
    elif action == "annul":
        assert status == "annullato"
    elif action == "renew":
        assert status == "rinnovato"
        assert _one(path, "SELECT count(*) FROM inventory_renewal_map WHERE old_item_id = ?",
                    item) == 1
    elif action == "label":
        register, number = (_one(path, "SELECT register FROM inventory_item WHERE id = ?", item),
                            _one(path, "SELECT number FROM inventory_item WHERE id = ?", item))
        tag = {"inv-mobili": "MOB", "inv-libri": "LIB", "inv-storico": "STO",
               "inv-veicoli": "VEI"}[register]
        assert f"{SCHOOL}-{tag}-{number:06d}" in pdf_text(result, layout=False)
    elif action == "maintenance":
        assert _one(path, "SELECT item_id FROM inventory_maintenance WHERE id = ?",
                    result) == item
    elif action == "ricognizione":
        assert _one(path, "SELECT outcome FROM inventory_check_line WHERE item_id = ?",
                    item) == "confermato"


CASES = [(a, s) for a in LAW for s in SITUATIONS]


@pytest.mark.parametrize("action,situation", CASES, ids=[f"{a}-{s}" for a, s in CASES])
def test_each_action_in_each_situation_follows_the_law(archive, tmp_path, action, situation):
    db, path, ids, rooms, successor = archive
    item, room = ids[situation], rooms[situation]
    expected = LAW[action][situation]
    before = _everything(path)
    if expected == OK:
        result = _act(action, db, path, tmp_path, item, room, rooms, successor)
        _done(action, path, tmp_path, item, rooms, result)
    elif expected == LEFT_OUT:
        # The rinnovo of its inventory does not carry it (it may have nothing else to carry).
        status = _one(path, "SELECT status FROM inventory_item WHERE id = ?", item)
        carried = _one(path, "SELECT count(*) FROM inventory_renewal_map WHERE old_item_id = ?",
                       item)
        try:
            _act(action, db, path, tmp_path, item, room, rooms, successor)
        except DomainError as exc:
            assert "niente da rinnovare" in exc.message
            assert _everything(path) == before
        assert _one(path, "SELECT status FROM inventory_item WHERE id = ?", item) == status
        assert _one(path, "SELECT count(*) FROM inventory_renewal_map WHERE old_item_id = ?",
                    item) == carried
    else:
        with pytest.raises(DomainError) as info:
            _act(action, db, path, tmp_path, item, room, rooms, successor)
        message = info.value.message
        assert expected in message
        good = GOODS[situation][1]
        if action == "renew":   # the list of goods names them "libri n. 1"
            assert f"{good.partition(' (')[2].rstrip(')')} n. 1" in message
        else:
            assert good in message
        assert _everything(path) == before          # no row, no counter, no audit record
        assert not (tmp_path / "etichette.pdf").exists()


def test_the_hand_table_covers_every_action_the_code_declares():
    """The same actions and situations in the law above and in the code's rule: a new action
    or situation must get its line here, written from the law."""
    from iiss_desktop.domain.inventory import states

    assert set(LAW) == set(states.ACTIONS)
    assert set(SITUATIONS) == set(states.SITUATIONS)
    for action, row in LAW.items():
        for situation, expected in row.items():
            assert states.allowed(action, situation) == (expected == OK), (action, situation)
