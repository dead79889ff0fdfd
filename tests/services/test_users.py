"""Users, login and roles on a real SQLite archive (production Argon2 cost where a password is
checked: a handful of hashes per test)."""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta

import pytest

from iiss_desktop.areas.school import USERS
from iiss_desktop.db.schema import open_database
from iiss_desktop.db.verify import verify
from iiss_desktop.domain.access import (
    AMMINISTRATORE_TECNICO,
    ASSISTENTE_AMMINISTRATIVO,
    ASSISTENTE_TECNICO,
    DIRIGENTE,
    DSGA,
    SOLA_LETTURA,
    Grant,
    PermissionDenied,
)
from iiss_desktop.domain.errors import DomainError, ValidationError
from iiss_desktop.domain.users import LOGIN_FAILED, LoginDelayed, LoginFailed
from iiss_desktop.queries.users import list_users
from iiss_desktop.services import passwords
from iiss_desktop.services import users as U
from iiss_desktop.services.school import save_school, save_site

PW = "cavallo batteria graffetta"
PW2 = "una seconda password"
T0 = datetime(2026, 3, 2, 9, 0, 0)


@pytest.fixture
def archive(db_path):
    """A new real archive: nobody logged in, nobody with a password."""
    database = open_database(db_path, create=True)
    yield database
    database.dispose()


def _count(db_path, table: str) -> int:
    with sqlite3.connect(db_path) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _counts(db_path) -> tuple[int, int, int]:
    return (_count(db_path, "app_user"), _count(db_path, "user_role_grant"),
            _count(db_path, "audit_log"))


def _first(archive, role=DIRIGENTE, username="mcolonna"):
    code = U.create_first_user(archive, username, "Maria Grazia Colonna", role, PW)
    U.login(archive, username, PW)
    return code


def _site(archive, code="PRIM") -> int:
    return save_site(archive, {"code": code, "name": f"Plesso {code}"})


# -- first user ------------------------------------------------------------------------------

def test_first_user_dirigente_manages_users_and_gets_a_recovery_code(archive, db_path):
    code = U.create_first_user(archive, " MColonna ", "Maria Grazia Colonna", DIRIGENTE, PW)
    assert len(code) == 24 and code.count("-") == 4
    principal = U.login(archive, "mcolonna", PW)
    assert principal.roles == (DIRIGENTE,)
    assert archive.current_user == principal
    (row,) = list_users(archive)
    assert (row.username, row.full_name, row.active, row.has_password) == (
        "mcolonna", "Maria Grazia Colonna", True, True)
    with sqlite3.connect(db_path) as con:
        stored, recovery = con.execute("SELECT password_hash, recovery_hash FROM app_user"
                                       ).fetchone()
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=2$") and PW not in stored
    assert recovery.startswith("$argon2id$") and code not in recovery


def test_first_user_dsga_also_gets_the_technical_administrator_role(archive):
    U.create_first_user(archive, "aferri", "Alessandro Ferri", DSGA, PW)
    principal = U.login(archive, "aferri", PW)
    assert principal.roles == (DSGA, AMMINISTRATORE_TECNICO)
    assert principal.roles_label == "DSGA, Amministratore tecnico"


def test_first_user_only_once_and_only_dirigente_or_dsga(archive, db_path):
    before = _counts(db_path)
    with pytest.raises(ValidationError) as info:
        U.create_first_user(archive, "pdesantis", "Paola De Santis", ASSISTENTE_AMMINISTRATIVO,
                            PW)
    assert info.value.errors == {"role": "Il primo utente è il dirigente scolastico o il DSGA."}
    assert _counts(db_path) == before
    U.create_first_user(archive, "aferri", "Alessandro Ferri", DSGA, PW)
    after = _counts(db_path)
    with pytest.raises(DomainError) as info:
        U.create_first_user(archive, "mcolonna", "Maria Grazia Colonna", DIRIGENTE, PW)
    assert "si crea una sola volta" in info.value.message
    assert _counts(db_path) == after


def test_first_user_takes_over_a_user_row_left_by_an_older_version(db, db_path):
    """The `db` fixture acts as "mrossi" without a password (as an archive from 0.x)."""
    user_id = db.current_user.id
    U.create_first_user(db, "mrossi", "Mario Rossi", DSGA, PW)
    assert U.login(db, "mrossi", PW).id == user_id
    assert [u.username for u in list_users(db)] == ["mrossi"]


# -- login -----------------------------------------------------------------------------------

def test_wrong_password_waits_longer_each_time(archive):
    _first(archive)
    now = T0
    waits = []
    for _attempt in range(1, 9):
        try:
            U.authenticate(archive, "mcolonna", "sbagliata sbagliata", now=now)
        except LoginDelayed:
            pytest.fail("the test waits the time it is told")
        except LoginFailed as exc:
            assert exc.message.startswith(LOGIN_FAILED)
            waits.append(exc.wait_seconds)
        # Straight away, the next attempt is refused until the wait is over.
        if waits[-1]:
            with pytest.raises(LoginDelayed) as info:
                U.authenticate(archive, "mcolonna", PW, now=now)
            assert info.value.delay == waits[-1]
            assert f"attendere {waits[-1]} second" in info.value.message
            now += timedelta(seconds=waits[-1])
    assert waits == [0, 0, 0, 0, 1, 2, 4, 8]
    # Once the wait is over the right password works and the count starts again.
    assert U.authenticate(archive, "mcolonna", PW, now=now).username == "mcolonna"
    with pytest.raises(LoginFailed) as info:
        U.authenticate(archive, "mcolonna", "sbagliata sbagliata", now=now)
    assert info.value.wait_seconds == 0


def test_the_wait_stops_growing_at_five_minutes(archive, db_path):
    _first(archive)
    with sqlite3.connect(db_path) as con:  # as after a long night of guesses
        con.execute("UPDATE app_user SET failed_attempts = 40, last_failed_at = ?",
                    (T0.isoformat(sep=" "),))
    with pytest.raises(LoginDelayed) as info:
        U.authenticate(archive, "mcolonna", PW, now=T0 + timedelta(seconds=10))
    assert info.value.delay == 300 and info.value.wait_seconds == 290
    assert "5 minuti" in info.value.message
    assert U.authenticate(archive, "mcolonna", PW, now=T0 + timedelta(seconds=300)).id


def test_unknown_user_gets_the_same_message_and_the_same_delays(archive):
    _first(archive)
    messages = {}
    for name in ("mcolonna", "nessuno"):
        now, seen = T0, []
        for _ in range(7):
            with pytest.raises(LoginFailed) as info:
                U.authenticate(archive, name, "sbagliata sbagliata", now=now)
            seen.append((info.value.message, info.value.wait_seconds))
            now += timedelta(seconds=info.value.wait_seconds)
        messages[name] = seen
    assert messages["nessuno"] == messages["mcolonna"]
    assert messages["nessuno"][-1] == (LOGIN_FAILED + " Troppi tentativi: il prossimo sarà "
                                       "possibile tra 4 secondi.", 4)


def test_unknown_user_costs_a_full_argon2_check(archive):
    """An unknown name is checked against a dummy hash of the same parameters."""
    _first(archive)
    used = passwords._dummy_hash.cache_info()
    with pytest.raises(LoginFailed):
        U.authenticate(archive, "nessuno", "sbagliata sbagliata", now=T0)
    after = passwords._dummy_hash.cache_info()
    assert after.hits + after.misses == used.hits + used.misses + 1
    assert passwords._dummy_hash().startswith("$argon2id$v=19$m=65536,t=3,p=2$")


def test_login_rehashes_a_password_stored_with_older_parameters(archive, db_path):
    from argon2 import PasswordHasher

    _first(archive)
    old = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PW)
    with sqlite3.connect(db_path) as con:
        con.execute("UPDATE app_user SET password_hash = ?", (old,))
    U.login(archive, "mcolonna", PW)
    with sqlite3.connect(db_path) as con:
        stored = con.execute("SELECT password_hash FROM app_user").fetchone()[0]
    assert stored != old and not passwords.needs_rehash(stored)
    assert U.login(archive, "mcolonna", PW).username == "mcolonna"


def test_deactivated_user_cannot_log_in(archive):
    _first(archive)
    uid = U.save_user(archive, {"username": "pdesantis", "full_name": "Paola De Santis",
                                "password": PW2, "grants": [Grant(ASSISTENTE_AMMINISTRATIVO)]})
    U.deactivate_user(archive, uid)
    with pytest.raises(DomainError) as info:
        U.authenticate(archive, "pdesantis", PW2)
    assert "disattivato" in info.value.message
    with pytest.raises(LoginFailed):  # with a wrong password it says nothing more
        U.authenticate(archive, "pdesantis", "sbagliata sbagliata")


def test_a_role_taken_away_is_recorded_in_the_log_and_verify_agrees(archive, db_path):
    import sqlite3

    from iiss_desktop.db.verify import verify

    _first(archive)
    uid = U.save_user(archive, {"username": "pdesantis", "full_name": "Paola De Santis",
                                "password": PW2, "grants": [Grant(ASSISTENTE_AMMINISTRATIVO)]})
    U.save_user(archive, {"full_name": "Paola De Santis", "grants": [Grant(SOLA_LETTURA)]}, uid)
    with sqlite3.connect(db_path) as con:
        deleted = con.execute("SELECT before FROM audit_log WHERE entity = 'user_role_grant' "
                              "AND action = 'delete'").fetchall()
    assert len(deleted) == 1 and '"role":"assistente_amministrativo"' in deleted[0][0]
    assert verify(archive).ok, verify(archive).problems


def test_act_as_refuses_users_with_a_password(archive):
    _first(archive)
    with pytest.raises(DomainError) as info:
        U.act_as(archive, "mcolonna")
    assert "accedere con la password" in info.value.message
    with pytest.raises(DomainError):
        U.provision_user(archive, "intruso", "", [Grant(DIRIGENTE)])


# -- recovery --------------------------------------------------------------------------------

def test_recovery_code_sets_a_new_password_and_is_used_up(archive):
    code = _first(archive)
    U.logout(archive)
    fresh = U.reset_with_recovery_code(archive, "mcolonna", code.lower().replace("-", " "), PW2,
                                       now=T0)
    assert fresh != code
    with pytest.raises(LoginFailed):
        U.authenticate(archive, "mcolonna", PW)
    assert U.authenticate(archive, "mcolonna", PW2).username == "mcolonna"
    with pytest.raises(LoginFailed) as info:  # the old code no longer works
        U.reset_with_recovery_code(archive, "mcolonna", code, "ancora un'altra password",
                                   now=T0)
    assert info.value.message == "Nome utente o codice di recupero non corretti."
    assert info.value.field == "code"
    U.reset_with_recovery_code(archive, "mcolonna", fresh, "ancora un'altra password", now=T0)


def test_wrong_recovery_codes_are_delayed_like_passwords(archive):
    _first(archive)
    now = T0
    for _ in range(5):
        with pytest.raises(LoginFailed) as info:
            U.reset_with_recovery_code(archive, "mcolonna", "AAAA-AAAA-AAAA-AAAA-AAAA", PW2,
                                       now=now)
    assert info.value.wait_seconds == 1
    with pytest.raises(LoginDelayed):
        U.reset_with_recovery_code(archive, "mcolonna", "AAAA-AAAA-AAAA-AAAA-AAAA", PW2, now=now)


# -- bad input: refused, nothing saved -------------------------------------------------------

@pytest.mark.parametrize("password, message", [
    ("", "Indicare la password."),
    ("   ", "Indicare la password."),
    ("corta", "La password è troppo corta: almeno 10 caratteri (anche una frase di più "
              "parole)."),
    ("PDeSantis1", None),    # 10 characters: accepted length…
    ("pdesantis1", None),
])
def test_new_user_password_rules(archive, db_path, password, message):
    _first(archive)
    before = _counts(db_path)
    values = {"username": "pdesantis", "full_name": "Paola De Santis", "password": password,
              "grants": [Grant(ASSISTENTE_AMMINISTRATIVO)]}
    if message is None:
        U.save_user(archive, values)
        assert _count(db_path, "app_user") == before[0] + 1
        return
    with pytest.raises(ValidationError) as info:
        U.save_user(archive, values)
    assert info.value.errors == {"password": message}
    assert _counts(db_path) == before


def test_password_equal_to_the_username_is_refused(archive, db_path):
    _first(archive)
    before = _counts(db_path)
    with pytest.raises(ValidationError) as info:
        U.save_user(archive, {"username": "marco.bianchi", "full_name": "Marco Bianchi",
                              "password": "Marco.Bianchi", "grants": [Grant(SOLA_LETTURA)]})
    assert info.value.errors == {"password": "La password non può essere uguale al nome utente."}
    assert _counts(db_path) == before


def test_user_without_roles_duplicate_name_and_missing_plesso_are_refused(archive, db_path):
    _first(archive)
    base = {"username": "pdesantis", "full_name": "Paola De Santis", "password": PW2}
    before = _counts(db_path)
    with pytest.raises(ValidationError) as info:
        U.save_user(archive, {**base, "grants": []})
    assert info.value.errors == {"grants": "Dare all'utente almeno un ruolo."}
    with pytest.raises(ValidationError) as info:
        U.save_user(archive, {**base, "grants": [Grant(ASSISTENTE_TECNICO, frozenset({999}))]})
    assert info.value.errors == {"grants": "Plesso inesistente: forse è stato modificato da "
                                           "un'altra postazione."}
    with pytest.raises(ValidationError) as info:
        U.save_user(archive, {**base, "username": "MColonna",
                              "grants": [Grant(SOLA_LETTURA)]})
    assert info.value.errors == {"username": "Esiste già l'utente «mcolonna» (anche se "
                                             "disattivato): scegliere un altro nome."}
    with pytest.raises(ValidationError) as info:
        U.save_user(archive, {**base, "username": "paola de santis",
                              "grants": [Grant(SOLA_LETTURA)]})
    assert set(info.value.errors) == {"username"}
    assert _counts(db_path) == before
    uid = U.save_user(archive, {**base, "grants": [Grant(SOLA_LETTURA)]})
    before = _counts(db_path)
    with pytest.raises(ValidationError):
        U.set_roles(archive, uid, [])
    assert _counts(db_path) == before


def test_the_last_administrator_cannot_be_removed(archive, db_path):
    _first(archive, role=DSGA, username="aferri")   # DSGA + amministratore tecnico
    me = archive.current_user.id
    before = _counts(db_path)
    with pytest.raises(ValidationError) as info:
        U.set_roles(archive, me, [Grant(DSGA)])
    assert info.value.errors == {"grants": (
        "Non è possibile: «aferri» è l'ultimo amministratore, cioè l'ultimo utente attivo che "
        "può gestire gli utenti (dirigente scolastico o amministratore tecnico). Dare prima "
        "questo ruolo a un altro utente.")}
    with pytest.raises(ValidationError) as info:
        U.save_user(archive, {"full_name": "Alessandro Ferri", "grants": [Grant(DSGA)]}, me)
    assert "l'ultimo amministratore" in info.value.message
    with pytest.raises(ValidationError) as info:
        U.deactivate_user(archive, me)
    assert info.value.errors == {"active": "Non è possibile disattivare l'utente con cui si è "
                                           "collegati."}
    assert _counts(db_path) == before
    # With a dirigente in place the DSGA may give up the technical role…
    uid = U.save_user(archive, {"username": "mcolonna", "full_name": "Maria Grazia Colonna",
                                "password": PW2, "grants": [Grant(DIRIGENTE)]})
    U.set_roles(archive, me, [Grant(DSGA)])
    assert archive.current_user.roles == (DSGA,)
    # …and another administrator may deactivate a user; the row stays.
    U.login(archive, "mcolonna", PW2)
    U.deactivate_user(archive, me)
    assert [(u.username, u.active) for u in list_users(archive)] == [
        ("mcolonna", True), ("aferri", False)]
    assert archive.current_user.id == uid


def test_nobody_gives_themselves_new_roles(archive):
    _first(archive, role=DSGA, username="aferri")
    with pytest.raises(ValidationError) as info:
        U.set_roles(archive, archive.current_user.id,
                    [Grant(DSGA), Grant(AMMINISTRATORE_TECNICO), Grant(DIRIGENTE)])
    assert "a sé stessi" in info.value.errors["grants"]


def test_roles_limited_to_plessi(archive):
    _first(archive)
    save_school(archive, {"denominazione": "IC Rodari", "codice_meccanografico": "RMIC86400X"})
    prim, inf = _site(archive, "PRIM"), _site(archive, "INF")
    uid = U.save_user(archive, {"username": "srinaldi", "full_name": "Simona Rinaldi",
                                "password": PW2,
                                "grants": [Grant(ASSISTENTE_TECNICO, frozenset({prim, inf}))]})
    principal = U.login(archive, "srinaldi", PW2)
    assert principal.grants == (Grant(ASSISTENTE_TECNICO, frozenset({prim, inf})),)
    row = next(u for u in list_users(archive) if u.id == uid)
    assert row.roles_text == "Assistente tecnico (Plesso INF, Plesso PRIM)"


# -- permissions -----------------------------------------------------------------------------

def test_user_management_needs_the_users_permission(archive, db_path):
    _first(archive)
    uid = U.save_user(archive, {"username": "aferri", "full_name": "Alessandro Ferri",
                                "password": PW2, "grants": [Grant(DSGA)]})
    U.login(archive, "aferri", PW2)
    before = _counts(db_path)
    for call in (lambda: U.save_user(archive, {"username": "x1", "full_name": "X",
                                               "password": PW2, "grants": [Grant(DSGA)]}),
                 lambda: U.set_roles(archive, uid, [Grant(DIRIGENTE)]),
                 lambda: U.deactivate_user(archive, 1),
                 lambda: U.set_password(archive, 1, "password rubata!!"),
                 lambda: U.new_user_recovery_code(archive, 1)):
        with pytest.raises(PermissionDenied) as info:
            call()
        assert info.value.permission is USERS
        assert "«Gestione degli utenti e dei ruoli»" in info.value.message
    assert _counts(db_path) == before
    # One's own password: with the current one.
    with pytest.raises(ValidationError) as info:
        U.set_password(archive, uid, "nuova password!!", current_password="sbagliata")
    assert info.value.errors == {"current_password": "La password attuale non è corretta."}
    U.set_password(archive, uid, "nuova password!!", current_password=PW2)
    assert U.authenticate(archive, "aferri", "nuova password!!").id == uid


def test_school_settings_need_the_settings_permission(archive):
    _first(archive)
    U.save_user(archive, {"username": "pdesantis", "full_name": "Paola De Santis",
                          "password": PW2, "grants": [Grant(ASSISTENTE_AMMINISTRATIVO)]})
    U.login(archive, "pdesantis", PW2)
    with pytest.raises(PermissionDenied) as info:
        save_school(archive, {"denominazione": "IC", "codice_meccanografico": "RMIC86400X"})
    assert "Impostazioni dell'istituto" in info.value.message
    U.logout(archive)
    with pytest.raises(PermissionDenied) as info:
        _site(archive)
    assert "nessun utente collegato" in info.value.message


# -- audit -----------------------------------------------------------------------------------

def test_audit_names_the_real_user_and_never_a_hash(archive, db_path):
    _first(archive)
    uid = U.save_user(archive, {"username": "pdesantis", "full_name": "Paola De Santis",
                                "password": PW2, "grants": [Grant(ASSISTENTE_AMMINISTRATIVO)]})
    U.set_password(archive, uid, "password reimpostata")
    U.login(archive, "pdesantis", "password reimpostata")
    save_site_refused = pytest.raises(PermissionDenied)
    with save_site_refused:
        _site(archive)
    with sqlite3.connect(db_path) as con:
        rows = con.execute("SELECT user_id, username, action, entity, before, after, reason "
                           "FROM audit_log ORDER BY id").fetchall()
        text = " ".join(str(v) for r in rows for v in r)
    assert "$argon2" not in text and PW not in text and PW2 not in text
    first_user = [r for r in rows if r[6] == "Primo utente dell'archivio"]
    assert {r[1] for r in first_user} == {"mcolonna"}
    created = [r for r in rows if r[3] == "app_user" and r[2] == "insert"
               and json.loads(r[5])["username"] == "pdesantis"]
    assert [(r[1], json.loads(r[5])["password_hash"]) for r in created] == [
        ("mcolonna", "(valore riservato)")]
    reset = [r for r in rows if r[6] == "Password reimpostata"]
    assert [(r[1], json.loads(r[4])["password_hash"], json.loads(r[5])["password_hash"])
            for r in reset] == [("mcolonna", "(valore riservato)", "(valore riservato)")]
    logins = [(r[1], r[6]) for r in rows if r[2] == "accesso"]
    assert logins == [("mcolonna", "Accesso: «mcolonna»"), ("pdesantis", "Accesso: «pdesantis»")]
    assert verify(archive).ok


def test_app_users_are_never_deleted_nor_renamed(archive, db_path):
    _first(archive)
    con = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.IntegrityError) as info:
            con.execute("DELETE FROM app_user")
        assert "disattivarlo" in str(info.value)
        with pytest.raises(sqlite3.IntegrityError) as info:
            con.execute("UPDATE app_user SET username = 'altro'")
        assert "nome utente non si modifica" in str(info.value)
    finally:
        con.close()


def test_demo_has_one_user_per_role_without_passwords(demo_db):
    users = {u.username: u for u in list_users(demo_db)}
    assert {u: [g.role for g in users[u].grants] for u in (
        "dirigente", "dsga", "amministrativo", "tecnico", "collaboratore", "revisore",
        "tecnico-informatico")} == {
        "dirigente": [DIRIGENTE], "dsga": [DSGA], "amministrativo": [ASSISTENTE_AMMINISTRATIVO],
        "tecnico": [ASSISTENTE_TECNICO], "collaboratore": ["collaboratore_scolastico"],
        "revisore": [SOLA_LETTURA], "tecnico-informatico": [AMMINISTRATORE_TECNICO]}
    assert users["dsga"].full_name == "Alessandro Ferri"
    assert users["tecnico"].roles_text == "Assistente tecnico (Scuola primaria «Carlo Collodi»)"
    assert not any(u.has_password for u in users.values())
    assert U.is_demo_archive(demo_db)
    assert U.act_as(demo_db, "revisore").roles == (SOLA_LETTURA,)
