"""Every public service checks the permission the law gives to the role, before it writes.

The matrix test calls each guarded function (services and protected queries) with each of the
seven roles, on a copy of the demo archive, as a fresh user holding only that role: the check
runs before the arguments are used, so placeholders are enough. The hand-written cases then
act with real data as the demo's users: the assistente amministrativo, the collaboratore
(limited to the SEDE), the assistente tecnico (limited to PRIM), the revisore (sola lettura),
the dirigente and the DSGA.
"""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import sqlite3
from datetime import date
from decimal import Decimal

import pytest

import iiss_desktop.queries
import iiss_desktop.services
from iiss_desktop.db.access import GUARDED, UNGUARDED
from iiss_desktop.domain.access import ROLES, SOLA_LETTURA, PermissionDenied
from iiss_desktop.services.users import act_as
from tests.helpers.ui import table_snapshot
from tests.helpers.users import act_as_office


def _modules(package) -> list:
    return [importlib.import_module(m.name)
            for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]


SERVICE_MODULES = _modules(iiss_desktop.services)
QUERY_MODULES = _modules(iiss_desktop.queries)
CHECKED = sorted((g for g in GUARDED if g.name.startswith("iiss_desktop.")),
                 key=lambda g: g.name)
SERVICES = "iiss_desktop.services."

# What an office expects (D.I. 129/2018 and the areas' declarations), written by hand.
EXPECTED = {
    "archive.backup_archive": "school.backup",
    "archive.verify_archive": "school.verify",
    "backups.backup_now": "school.backup",
    "backups.backup_settings_of": "school.backup",
    "backups.describe_backup": "school.backup",
    "backups.list_encrypted_backups": "school.backup",
    "backups.restore_backup": "school.backup",
    "backups.save_backup_settings": "school.backup",
    "backups.scheduled_backup": "school.backup",
    "backups.set_passphrase": "school.backup",
    "backups.unlock_backups": "school.backup",
    "registers.register_entry": "school.registers",
    "protocol.record_protocol": "school.protocol",
    "protocol.correct_protocol": "school.protocol",
    "registers.annul_entry": "school.registers",
    "school.save_school": "school.settings",
    "school.extend_deadline": "school.settings",
    "school.remove_extension": "school.settings",
    "school.set_idle_lock_minutes": "school.settings",
    "school.save_site": "school.settings",
    "school.save_room": "school.settings",
    "school.seed_calendar": "school.settings",
    "school.save_calendar_day": "school.settings",
    "school.remove_calendar_day": "school.settings",
    "users.save_user": "school.users",
    "users.set_roles": "school.users",
    "users.deactivate_user": "school.users",
    "users.reactivate_user": "school.users",
    "inventory.carico.carico": "inventory.carico",
    "inventory.carico.annul_carico": "inventory.carico",
    "inventory.ricognizione.carico_found": "inventory.carico",
    "inventory.ricognizione.record_check": "inventory.prepare",
    "inventory.movements.move_item": "inventory.prepare",
    "inventory.movements.move_items": "inventory.prepare",
    "inventory.custody.add_maintenance": "inventory.prepare",
    "inventory.custody.appoint": "inventory.custody",
    "inventory.custody.end_role": "inventory.custody",
    "inventory.custody.assign": "inventory.assign",          # the DSGA, on the DS's word
    "inventory.custody.riconsegna": "inventory.carico",      # back to the DSGA (art. 35)
    "inventory.discharge.discharge_items": "inventory.discharge",
    "inventory.sale.open_sale": "inventory.discharge",
    "inventory.sale.publish": "inventory.discharge",
    "inventory.sale.award": "inventory.discharge",
    "inventory.sale.declare_deserted": "inventory.discharge",
    "inventory.sale.conclude_deserted": "inventory.discharge",
    "inventory.sale.conclude_cession": "inventory.discharge",
    "inventory.sale.add_offer": "inventory.prepare",
    "inventory.loans.lend": "inventory.loans",
    "inventory.loans.return_loan": "inventory.prepare",
    "inventory.handover.record_handover": "inventory.handover",
    "inventory.renewal.renew": "inventory.renewal",
    "inventory.valuation.set_rate": "inventory.renewal",
    "inventory.valuation.reset_rate": "inventory.renewal",
    "inventory.valuation.rates": "inventory.read",
    "inventory.valuation.rate_map": "inventory.read",
    "inventory.import_.load_context": "inventory.import",
    "inventory.import_.dry_run": "inventory.import",
    "inventory.import_.import_file": "inventory.import",
    "inventory.import_.export_rows": "inventory.export",
    "inventory.import_.export_inventory": "inventory.export",
    "warehouse.requests.create_request": "warehouse.request",
    "warehouse.requests.decide_request": "warehouse.approve",
    "warehouse.movements.carico": "warehouse.movements",
    "warehouse.movements.withdraw": "warehouse.movements",
    "warehouse.movements.transfer": "warehouse.movements",
    "warehouse.movements.stocktake": "warehouse.movements",
    "warehouse.movements.distribute_dpi": "warehouse.movements",
    "warehouse.movements.annul_movement": "warehouse.movements",
    "warehouse.master_data.save_storeroom": "warehouse.master_data",
    "warehouse.master_data.save_article": "warehouse.master_data",
    # D.I. 129/2018 art. 5: the dirigente with the DSGA prepares the Programma Annuale.
    "funds.programme.create_programme": "funds.programme",
    "funds.programme.set_forecasts": "funds.programme",
    "funds.programme.advance_programme": "funds.programme",
    "funds.programme_import.check_programme_file": "funds.programme",
    "funds.programme_import.import_programme": "funds.programme",
    "funds.residui_import.check_residui_file": "funds.programme",
    "funds.residui_import.import_residui": "funds.programme",
    "funds.programme.save_own_destination": "funds.programme",
    "funds.programme.rename_default": "funds.programme",
    # Art. 10: variations recorded; those by decree need the dirigente (checked inside too).
    "funds.programme.record_variation": "funds.vary",
    "funds.programme.record_earmarked_fund": "funds.decree",
    "funds.spending.commit_spending": "funds.commit",           # art. 15: the dirigente
    "funds.spending.liquidate": "funds.liquidate",              # art. 16: the DSGA
    "funds.spending.issue_payment_order": "funds.liquidate",    # art. 17
    "funds.cash.open_fund": "funds.liquidate",                  # art. 21: the DSGA's cash
    "funds.cash.record_expense": "funds.liquidate",
    "funds.cash.annul_expense": "funds.liquidate",
    "funds.cash.reimburse": "funds.liquidate",
    "funds.cash.close_fund": "funds.liquidate",
    "funds.restitution.commit_restitution": "funds.commit",
    "funds.restitution.pay_restitution": "funds.liquidate",
    "funds.revenue.issue_receipt_order": "funds.collect",       # art. 12: the DSGA
    "funds.revenue.record_assessment": "funds.collect",         # art. 13-14: the DSGA
    "funds.revenue.assess_and_collect": "funds.collect",
    # Residui: carried by the dirigente or the DSGA, radiated by the dirigente.
    "funds.residui.carry_residui": "funds.programme",
    "funds.residui.set_cash_opening": "funds.programme",
    "funds.residui.radiate_residue": "funds.decree",
    "inventory.scheda.edit_item": "inventory.prepare",
    "inventory.scheda.attach": "inventory.prepare",
    "inventory.scheda.withdraw_attachment": "inventory.prepare",
    "inventory.scheda.attach_to_loan": "inventory.loan_documents",
    "inventory.scheda.withdraw_loan_attachment": "inventory.loan_documents",
    "warehouse.attachments.attach_to_article": "warehouse.master_data",
    "warehouse.attachments.withdraw_article_attachment": "warehouse.master_data",
    "warehouse.attachments.attach_to_request": "warehouse.request",
    "warehouse.attachments.withdraw_request_attachment": "warehouse.request",
    # The staff registry: the personnel office (DSGA and assistenti amministrativi).
    "staff.registry.save_person": "staff.registry",
    "staff.health.record_fragile_status": "staff.health",
    "staff.health.annul_fragile_status": "staff.health",
    "staff.health.read_fragile_status": "staff.health",
    "staff.registry.add_contract": "staff.registry",
    "staff.registry.extend_contract": "staff.registry",
    "staff.registry.change_working_time": "staff.registry",
    "staff.registry.close_contract": "staff.registry",
    "staff.registry.annul_contract": "staff.registry",
    "staff.registry.add_incarico": "staff.registry",
    "staff.art55.grant_art55": "staff.registry",
    "staff.art55.annul_art55": "staff.registry",
    "staff.agile.sign_agreement": "staff.registry",
    "staff.agile.annul_agreement": "staff.registry",
    # The import from the old program and the export in the same format (personal data).
    "staff.import_.dry_run": "staff.registry",
    "staff.import_.import_staff": "staff.registry",
    "staff.import_.export_rows": "staff.registry",
    "staff.import_.export_staff": "staff.registry",
    # Working time and the roster: the DSGA and the assistenti who prepare it.
    "staff.roster.save_pattern": "staff.prepare",
    "staff.roster.annul_pattern": "staff.prepare",
    "staff.roster.replace_pattern": "staff.prepare",
    "staff.roster.set_roster_days": "staff.prepare",
    "staff.roster.copy_week": "staff.prepare",
    "staff.roster.set_opening_hours": "staff.prepare",
    "staff.proposal.propose_roster": "staff.prepare",
    "staff.proposal.accept_proposal": "staff.prepare",
    # The Piano delle attività: drafted by the DSGA's office, adopted by the dirigente.
    "staff.plan.create_plan": "staff.prepare",
    "staff.plan.save_section": "staff.prepare",
    "staff.plan.set_staffing": "staff.prepare",
    "staff.plan.set_assignments": "staff.prepare",
    "staff.plan.new_version": "staff.prepare",
    "staff.plan.adopt_plan": "staff.approve",
    "staff.plan.save_draft": "staff.prepare",
    "staff.plan.set_front_desk": "staff.prepare",
    # The emergency: the organico Covid budget and the training, by the personnel office;
    # the register of cleaning, by the collaboratori too.
    "staff.emergency.add_budget_row": "staff.registry",
    "staff.emergency.annul_budget_row": "staff.registry",
    "staff.emergency.set_daily_cost": "staff.registry",
    "staff.emergency.charge_substitution": "staff.registry",
    "staff.emergency.annul_substitution": "staff.registry",
    "staff.training.add_training": "staff.registry",
    "staff.training.annul_training": "staff.registry",
    "staff.cleaning.record_cleaning": "staff.cleaning",
    "staff.cleaning.annul_cleaning": "staff.cleaning",
    # Absences and the leave ledger: the office; the causes (who may read health data) by the
    # DSGA and the dirigente.
    "staff.leave.update_cause": "staff.health",
    "staff.leave.allocate_year": "staff.prepare",
    "staff.leave.record_absence": "staff.prepare",
    "staff.leave.annul_absence": "staff.prepare",
    "staff.leave.correct_balance": "staff.prepare",
    "staff.leave.carry_over": "staff.prepare",
    "staff.leave.expire_carried": "staff.prepare",
    **{f"staff.attendance.{n}": "staff.prepare" for n in (
        "add_punch", "annul_punch", "check_punch_file", "import_punches", "add_hour_entry",
        "annul_hour_entry", "update_attendance_settings")},
    # Requests of an absence: recorded and withdrawn by the office, decided by the DSGA or the
    # dirigente.
    "staff.absence_requests.record_request": "staff.prepare",
    "staff.absence_requests.approve_request": "staff.leave_decide",
    "staff.absence_requests.refuse_request": "staff.leave_decide",
    "staff.absence_requests.cancel_request": "staff.prepare",
    "staff.cover.record_derogation": "staff.leave_decide",
    "staff.cover.annul_derogation": "staff.leave_decide",
    "staff.cover.record_cover": "staff.prepare", "staff.cover.annul_cover": "staff.prepare",
    "staff.leave_import.check_leave_file": "staff.prepare",
    "staff.leave_import.import_leave_file": "staff.prepare",
    # The invoices received and their register: the office.
    "procurement.invoices.import_invoice_files": "procurement.invoices",
    "procurement.settlement.settle_invoice": "procurement.invoices",
    "procurement.matching.match_invoice": "procurement.invoices",
    "procurement.liquidation.liquidate_invoice": "funds.liquidate",
    "procurement.attachments.attach_to_invoice": "procurement.invoices",
    "procurement.attachments.withdraw_invoice_attachment": "procurement.invoices",
    # The albo fornitori: the office keeps it; the award (determina di affidamento) and the
    # yearly modality of the random checks (art. 52 c.1) are the dirigente's.
    "procurement.suppliers.save_supplier": "procurement.prepare",
    "procurement.suppliers.record_bank_account": "procurement.prepare",
    "procurement.suppliers.revoke_bank_account": "procurement.prepare",
    "procurement.suppliers.record_durc": "procurement.prepare",
    "procurement.suppliers.record_declaration": "procurement.prepare",
    "procurement.suppliers.draw_random_checks": "procurement.prepare",
    "procurement.suppliers.record_check_outcome": "procurement.prepare",
    "procurement.suppliers.set_check_percent": "procurement.sign",
    "procurement.suppliers.record_award": "procurement.sign",
    "procurement.supplier_import.check_supplier_file": "procurement.prepare",
    "procurement.supplier_import.import_suppliers": "procurement.prepare",
    # The procedure file: the office prepares, the DSGA or the dirigente decide on a
    # request, the dirigente adopts the determina (with the DSGA's coverage) and awards.
    "procurement.procedures.submit_request": "procurement.prepare",
    "procurement.procedures.decide_request": "procurement.approve",
    "procurement.procedures.adopt_determina": "procurement.sign",
    "procurement.procedures.invite_operators": "procurement.prepare",
    "procurement.procedures.record_offer": "procurement.prepare",
    "procurement.procedures.choose_offer": "procurement.sign",
    "procurement.procedures.issue_order": "procurement.prepare",
    "procurement.procedures.set_dirigente_limit": "procurement.sign",
    "procurement.procedures.set_payment_days": "school.settings",
    # The acceptance: the office records deliveries, verbali and the carico (which checks
    # inventory.carico and warehouse.movements on the plessi it loads into).
    "procurement.acceptance.record_delivery": "procurement.prepare",
    "procurement.acceptance.annul_delivery": "procurement.prepare",
    "procurement.acceptance.record_verification": "procurement.prepare",
    "procurement.acceptance.annul_verification": "procurement.prepare",
    "procurement.acceptance.confirm_carico": "procurement.prepare",
    # the front desk: appointments and the register of visitors
    **{f"office.{n}": "office.visitors" for n in (
        "book_appointment", "cancel_appointment", "record_arrival", "record_exit",
        "set_retention_days", "purge_expired")},
    # the office's communications with outside bodies, referenti Covid and monitoraggi
    **{f"office_comms.{n}": "office.communications" for n in (
        "add_referent", "end_referent", "record_communication", "annul_communication",
        "create_survey", "gather_survey", "correct_figure", "verify_survey", "reopen_survey",
        "send_survey")},
    # documents from templates: the office makes them, the dirigente and the DSGA write the
    # templates
    "office_documents.make_document": "office.documents",
    "office_documents.annul_document": "office.documents",
    "office_documents.install_templates": "office.documents",
    "office_documents.save_template": "office.templates",
}
EXPECTED_QUERIES = {
    "inventory.loans.list_loans": "inventory.loan_documents",
    "inventory.loans.loan_document": "inventory.loan_documents",
    "inventory.items.open_loans": "inventory.loan_documents",
    "audit.fetch_year": "school.audit",
    "audit.list_audit": "school.audit",
    "staff.list_employees": "staff.read",
    "staff.staff_list": "staff.read",
    "staff.in_service_on": "staff.read",
    "staff.contract_history": "staff.read",
    "staff_roster.roster": "staff.read",
    "staff_roster.patterns_of": "staff.read",
    "staff_roster.opening_hours": "staff.read",
    "staff_fairness.staff_fairness": "staff.read",
    "staff_scheda.person_scheda": "staff.read",
    "staff_plan.plan_view": "staff.read",
    "staff_agile.agreements_of": "staff.read",
    "staff_agile.agreement_document": "staff.read",
    "staff_order.service_order": "staff.read",
    "staff_plan.plan_versions": "staff.read",
    "funds_programme_view.programme_model_a": "funds.read",
    "funds_programme_view.programme_schede": "funds.read",
    "funds_programme_view.variation_decree": "funds.read",
    "funds_programme_view.variations_summary": "funds.read",
    "funds_programme_view.earmarked_reports": "funds.read",
    "procurement_suppliers.list_suppliers": "procurement.read",
    "procurement_suppliers.supplier_scheda": "procurement.read",
    "procurement_procedures.list_procedures": "procurement.read",
    "procurement_procedures.procedure_file": "procurement.read",
    "procurement_acceptance.acceptance_file": "procurement.read",
    "procurement_matching.order_choices": "procurement.read",
    "procurement_monitoring.monitoring": "procurement.read",
    "funds_movements.payment_order_documents": "funds.read",
    "funds_movements.receipt_order_documents": "funds.read",
    "funds_movements.distinta": "funds.read",
    "funds_movements.cash_journal": "funds.read",
    "funds_movements.financial_account": "funds.read",
    "funds_movements.ledgers": "funds.read",
    "staff_emergency.covid_budget": "staff.read",
    "staff_emergency.covid_years": "staff.read",
    "staff_emergency.simulate_covid_hire": "staff.read",
    "staff_emergency.covid_substitution_choices": "staff.read",
    "staff_training.training_list": "staff.read",
    "staff_cleaning.cleaning_log": "staff.cleaning_read",
    "staff_cleaning.cleaning_staff": "staff.cleaning_read",
    "staff_leave.absence_causes": "staff.read",
    "staff_leave.leave_statement": "staff.read",
    "staff_leave.leave_years": "staff.read",
    "staff_leave.people_with_leave": "staff.read",
    "staff_leave.leave_statements": "staff.read",
    "staff_leave.absence_requests": "staff.read",
    "staff_absences.summer_plan": "staff.read",
    "staff_absences.monthly_absences": "staff.read",
    "staff_absences.absence_decree": "staff.read",
    "staff_cover.absence_substitution": "staff.read",
    "staff_leave.leave_balances": "staff.read",
    **{f"staff_attendance.{n}": "staff.read" for n in (
        "attendance_settings", "attendance_month", "people_with_attendance", "cartellini")},
    "funds_movements.list_receipt_orders": "funds.read",
    "funds_residui.list_assessments": "funds.read",
    "funds_residui.collectable": "funds.read",
    "funds_residui.residui": "funds.read",
    "funds_residui.liquidable_residui": "funds.read",
    "funds_residui.administrative_situation": "funds.read",
    **{f"office.{n}": "office.visitors" for n in (
        "appointments_of_day", "visits_of_day", "retention", "purges", "opening_hours")},
    "office.extract_visits": "office.visitors_extract",
    **{f"office_comms.{n}": "office.communications" for n in (
        "referents", "site_choices", "communications", "surveys", "survey",
        "gather_figures")},
    **{f"office_documents.{n}": "office.documents" for n in (
        "list_templates", "template_versions", "list_documents", "document_view")},
}


def _public_db_functions(modules) -> list[tuple[str, object]]:
    """Functions defined in the module, not private, whose first parameter is ``db``."""
    found = []
    for module in modules:
        for name, fn in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(fn):
                continue
            if inspect.unwrap(fn).__module__ != module.__name__:
                continue
            params = list(inspect.signature(fn).parameters)
            if params and params[0] == "db":
                found.append((f"{module.__name__}.{name}", fn))
    return found


def test_every_public_service_is_guarded_or_says_why_not():
    public = _public_db_functions(SERVICE_MODULES)
    assert len(public) == len(EXPECTED) + len(UNGUARDED)
    forgotten = [name for name, fn in public
                 if not hasattr(fn, "permission") and name not in UNGUARDED]
    assert forgotten == []


def test_each_service_needs_the_permission_an_office_expects():
    guarded = {name.removeprefix(SERVICES): fn.permission.code
               for name, fn in _public_db_functions(SERVICE_MODULES) if hasattr(fn, "permission")}
    assert guarded == EXPECTED


def test_personal_data_are_read_only_with_their_permission():
    guarded = {name.removeprefix("iiss_desktop.queries."): fn.permission.code
               for name, fn in _public_db_functions(QUERY_MODULES) if hasattr(fn, "permission")}
    assert guarded == EXPECTED_QUERIES


def test_open_services_are_only_those_of_the_login():
    # The archive key is imported before the login (which is recorded and needs the key).
    # The start page's bookkeeping writes only the logged-in user's own rows.
    assert sorted(UNGUARDED) == ["iiss_desktop.services.archive.import_archive_key"] + [
        "iiss_desktop.services.home." + n for n in ("dismiss_since_lines", "record_start")] + [
        "iiss_desktop.services.users." + n for n in (
            "act_as", "authenticate", "create_first_user", "has_configured_users",
            "is_demo_archive", "login", "logout", "new_user_recovery_code", "provision_user",
            "reset_with_recovery_code", "set_password")]


# --- the matrix: every guarded function x every role ------------------------------------

def _placeholders(fn) -> tuple[list, dict]:
    """None for every argument after ``db`` that has no default."""
    args, kwargs = [], {}
    for p in list(inspect.signature(fn).parameters.values())[1:]:
        if p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        if p.kind == p.KEYWORD_ONLY:
            kwargs[p.name] = None
        else:
            args.append(None)
    return args, kwargs


def _written(path) -> tuple[int, int]:
    with sqlite3.connect(path) as con:
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("audit_log", "register_entry"))


@pytest.fixture(scope="module")
def role_archives(demo_template, tmp_path_factory):
    """One copy of the demo archive per role, each with a fresh user holding only that role."""
    from iiss_desktop.db.backup import backup_file
    from iiss_desktop.db.schema import open_database

    opened = {}

    def archive(role: str):
        if role not in opened:
            path = tmp_path_factory.mktemp(f"ruolo-{role}") / "demo.db"
            backup_file(demo_template, path)
            db = open_database(path)
            act_as_office(db, f"solo-{role.replace('_', '-')}", roles=(role,))
            opened[role] = (db, path)
        return opened[role]

    yield archive
    for db, _path in opened.values():
        db.dispose()


def test_the_matrix_covers_every_guarded_function():
    # 224 services and 81 queries, each called with 7 roles.
    assert len(CHECKED) == len(EXPECTED) + len(EXPECTED_QUERIES) == 305
    assert len(ROLES) == 7


# The placeholders make the allowed calls look up rows by a None id: SQLAlchemy warns.
@pytest.mark.filterwarnings("ignore:fully NULL primary key identity")
@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("guarded", CHECKED, ids=lambda g: g.name.removeprefix("iiss_desktop."))
def test_a_role_does_what_its_permissions_allow(guarded, role, role_archives):
    db, path = role_archives(role)
    permission = guarded.permission
    args, kwargs = _placeholders(guarded.function)
    before = _written(path)
    if role in permission.roles:
        try:
            guarded.function(db, *args, **kwargs)
        except PermissionDenied as refused:
            pytest.fail(f"{ROLES[role]} rifiutato: {refused.message}")
        except Exception:   # the placeholders are not real arguments: any other error is fine
            pass
    else:
        with pytest.raises(PermissionDenied) as refused:
            guarded.function(db, *args, **kwargs)
        assert refused.value.permission is permission
        assert f"«{permission.label}»" in refused.value.message
        assert ROLES[role] in refused.value.message
        assert _written(path) == before


# --- hand-written cases from the law ---------------------------------------------------

def _ids(path, sql: str, *params) -> list[int]:
    with sqlite3.connect(path) as con:
        return [r[0] for r in con.execute(sql, params)]


def _goods_in(path, site_code: str) -> list[int]:
    return _ids(path, "SELECT i.id FROM inventory_item i JOIN site s ON s.id = i.site_id "
                      "WHERE s.code = ? AND i.status = 'in uso' AND NOT EXISTS (SELECT 1 "
                      "FROM inventory_assignment_item x JOIN inventory_assignment a "
                      "ON a.id = x.assignment_id WHERE x.item_id = i.id AND a.ended_on IS NULL) "
                      "ORDER BY i.id", site_code)


def _room(path, site_code: str, name: str) -> int:
    return _ids(path, "SELECT r.id FROM room r JOIN site s ON s.id = r.site_id "
                      "WHERE s.code = ? AND r.name = ?", site_code, name)[0]


WRITTEN_TABLES = ("audit_log", "register_entry", "inventory_item", "inventory_movement",
                  "inventory_discharge", "warehouse_request", "warehouse_movement")


def test_an_assistente_amministrativo_cannot_sign_a_decree_of_discharge(demo_db, demo_path):
    from iiss_desktop.services.inventory.discharge import discharge_items

    goods = _goods_in(demo_path, "SEDE")[:2]
    act_as(demo_db, "amministrativo")
    before = table_snapshot(demo_path, WRITTEN_TABLES)
    with pytest.raises(PermissionDenied) as refused:
        discharge_items(demo_db, item_ids=goods, decree_number="501",
                        decree_date=date.today(), cause="inservibilita",
                        motivation="Guasti non riparabili, verbale del tecnico.")
    assert refused.value.message == (
        "Operazione non consentita: serve il permesso «Decreti di discarico, vendita e "
        "cessione». L'utente «amministrativo» ha il ruolo: Assistente amministrativo.")
    assert table_snapshot(demo_path, WRITTEN_TABLES) == before


def _request_for(db, path, site_code: str) -> int:
    from iiss_desktop.services.warehouse.requests import RequestInput, create_request

    site = _ids(path, "SELECT id FROM site WHERE code = ?", site_code)[0]
    paper = _ids(path, "SELECT id FROM warehouse_article WHERE code = 'CARTA-A4-80'")[0]
    return create_request(db, RequestInput(
        requested_on=date.today(), requester="Rosaria Bianchi", destination_kind="plesso",
        destination="Piano terra", destination_site_id=site, lines=[(paper, "5")]))


def test_the_dsga_approves_a_material_request_and_the_dirigente_cannot(demo_db, demo_path):
    from iiss_desktop.services.warehouse.requests import decide_request

    act_as(demo_db, "collaboratore")
    request_id = _request_for(demo_db, demo_path, "SEDE")
    act_as(demo_db, "dirigente")
    before = table_snapshot(demo_path, WRITTEN_TABLES)
    with pytest.raises(PermissionDenied) as refused:
        decide_request(demo_db, request_id=request_id, approve=True, decided_on=date.today())
    assert "«Approvazione delle richieste di materiale»" in refused.value.message
    assert "Dirigente scolastico" in refused.value.message
    assert table_snapshot(demo_path, WRITTEN_TABLES) == before
    act_as(demo_db, "dsga")
    decide_request(demo_db, request_id=request_id, approve=True, decided_on=date.today())
    assert _ids(demo_path, "SELECT count(*) FROM warehouse_request WHERE id = ? AND "
                           "status = 'approvata' AND decided_by = 'Alessandro Ferri'",
                request_id) == [1]


def test_a_collaboratore_asks_for_material_but_cannot_post_a_carico(demo_db, demo_path):
    from iiss_desktop.services.inventory.carico import CaricoInput, carico
    from iiss_desktop.services.warehouse.movements import CaricoInput as StockIn
    from iiss_desktop.services.warehouse.movements import carico as stock_in
    from iiss_desktop.services.warehouse.posting import ItemInput

    act_as(demo_db, "collaboratore")
    request_id = _request_for(demo_db, demo_path, "SEDE")
    assert _ids(demo_path, "SELECT status FROM warehouse_request WHERE id = ?",
                request_id) == ["presentata"]
    # Material for another plesso than the one where the collaboratore works: refused.
    with pytest.raises(PermissionDenied, match="solo per altri plessi, non per il plesso "
                                               "«Scuola primaria «Carlo Collodi»»"):
        _request_for(demo_db, demo_path, "PRIM")
    before = table_snapshot(demo_path, WRITTEN_TABLES)
    paper = _ids(demo_path, "SELECT id FROM warehouse_article WHERE code = 'CARTA-A4-80'")[0]
    with pytest.raises(PermissionDenied) as refused:
        stock_in(demo_db, StockIn(storeroom_id=1, entry_date=date.today(), supplier="Cartoleria",
                                  lines=[ItemInput(paper, "10", Decimal("3.50"))]))
    assert "«Carichi, prelevamenti, trasferimenti, inventario fisico e DPI»" in \
        refused.value.message
    with pytest.raises(PermissionDenied) as refused:
        carico(demo_db, CaricoInput(description="Armadio metallico", unit_value=Decimal("300"),
                                    room_id=_room(demo_path, "SEDE", "Archivio")))
    assert "«Carico dei beni (buoni di carico)»" in refused.value.message
    assert "Collaboratore scolastico" in refused.value.message
    assert table_snapshot(demo_path, WRITTEN_TABLES) == before


def test_the_assistente_tecnico_of_prim_moves_goods_only_there(demo_db, demo_path):
    from iiss_desktop.services.inventory.movements import move_items

    sede_good, prim_good = _goods_in(demo_path, "SEDE")[0], _goods_in(demo_path, "PRIM")[0]
    act_as(demo_db, "tecnico")
    before = table_snapshot(demo_path, WRITTEN_TABLES)
    with pytest.raises(PermissionDenied) as refused:
        move_items(demo_db, item_ids=[sede_good], to_room_id=_room(demo_path, "PRIM", "Aula 1A"))
    assert refused.value.message == (
        "Operazione non consentita: l'utente «tecnico» ha il permesso «Movimenti, manutenzioni "
        "e ricognizioni dei beni» solo per altri plessi, non per il plesso «Scuola secondaria "
        "di I grado «Gianni Rodari»».")
    # Nor out of PRIM into another plesso.
    with pytest.raises(PermissionDenied, match="«Scuola secondaria di I grado"):
        move_items(demo_db, item_ids=[prim_good], to_room_id=_room(demo_path, "SEDE", "Archivio"))
    assert table_snapshot(demo_path, WRITTEN_TABLES) == before
    here = _ids(demo_path, "SELECT room_id FROM inventory_item WHERE id = ?", prim_good)[0]
    target = _room(demo_path, "PRIM", "Aula 1A" if here != _room(demo_path, "PRIM", "Aula 1A")
                   else "Aula 1B")
    assert move_items(demo_db, item_ids=[prim_good], to_room_id=target,
                      reason="Nuova disposizione delle aule") == 1
    assert _ids(demo_path, "SELECT room_id FROM inventory_item WHERE id = ?",
                prim_good) == [target]


def test_the_sola_lettura_user_cannot_write_anything(demo_db, demo_path):
    from iiss_desktop.services.inventory.carico import CaricoInput, carico
    from iiss_desktop.services.inventory.movements import move_items
    from iiss_desktop.services.school import save_site

    act_as(demo_db, "revisore")
    before = table_snapshot(demo_path, WRITTEN_TABLES + ("site",))
    attempts = [
        lambda: carico(demo_db, CaricoInput(description="Armadio", unit_value=Decimal("300"),
                                            room_id=_room(demo_path, "SEDE", "Archivio"))),
        lambda: move_items(demo_db, item_ids=_goods_in(demo_path, "SEDE")[:1],
                           to_room_id=_room(demo_path, "SEDE", "Archivio")),
        lambda: _request_for(demo_db, demo_path, "SEDE"),
        lambda: save_site(demo_db, {"code": "NUOVO", "name": "Nuovo plesso"}),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied, match="ha il ruolo: Sola lettura"):
            attempt()
    assert table_snapshot(demo_path, WRITTEN_TABLES + ("site",)) == before
    # What the role holds among the services only reads (the export writes a file, not
    # the archive): nothing else opens to it.
    held = {fn.permission.code for _name, fn in _public_db_functions(SERVICE_MODULES)
            if hasattr(fn, "permission") and SOLA_LETTURA in fn.permission.roles}
    assert held == {"inventory.read", "inventory.export"}


# --- the audit names the real user --------------------------------------------------------

def _new_audit_users(path, since: int) -> set[str]:
    with sqlite3.connect(path) as con:
        return {r[0] for r in con.execute("SELECT DISTINCT username FROM audit_log WHERE id > ?",
                                          (since,))}


def _last_audit(path) -> int:
    with sqlite3.connect(path) as con:
        return con.execute("SELECT max(id) FROM audit_log").fetchone()[0]


def test_the_audit_names_the_user_who_acted_in_each_area(demo_db, demo_path):
    from iiss_desktop.services.inventory.carico import CaricoInput, carico
    from iiss_desktop.services.school import save_room

    act_as(demo_db, "dsga")
    mark = _last_audit(demo_path)
    carico(demo_db, CaricoInput(description="Armadio metallico", unit_value=Decimal("300.00"),
                                room_id=_room(demo_path, "SEDE", "Archivio")))
    assert _new_audit_users(demo_path, mark) == {"dsga"}

    act_as(demo_db, "collaboratore")
    mark = _last_audit(demo_path)
    _request_for(demo_db, demo_path, "SEDE")
    assert _new_audit_users(demo_path, mark) == {"collaboratore"}

    act_as(demo_db, "dirigente")
    mark = _last_audit(demo_path)
    save_room(demo_db, {"site_id": 1, "name": "Aula polifunzionale"})
    assert _new_audit_users(demo_path, mark) == {"dirigente"}


def test_the_demo_records_the_dirigente_s_acts_as_the_dirigente(demo_path):
    with sqlite3.connect(demo_path) as con:
        by_reason = dict(con.execute(
            "SELECT reason, group_concat(DISTINCT username) FROM audit_log "
            "WHERE reason IN ('Discarico, decreto n. 114', 'Nomina: Sub-consegnatario', "
            "'Affidamento dei beni (art. 35)', 'Comodato d''uso', "
            "'Riconsegna dei beni affidati (art. 35)', 'Offerta per la vendita di beni fuori "
            "uso', 'Carico inventariale') GROUP BY reason").fetchall())
    assert by_reason == {
        "Discarico, decreto n. 114": "dirigente",
        "Nomina: Sub-consegnatario": "dirigente",
        "Affidamento dei beni (art. 35)": "dsga",   # on the dirigente's indication
        "Comodato d'uso": "dirigente",
        "Riconsegna dei beni affidati (art. 35)": "dsga",
        "Offerta per la vendita di beni fuori uso": "dsga",
        "Carico inventariale": "dsga",
    }


def test_a_collaboratore_cannot_read_nor_write_the_register_of_visitors(demo_db, demo_path):
    from iiss_desktop.queries.office import visits_of_day
    from iiss_desktop.services.office import VisitInput, record_arrival

    act_as(demo_db, "collaboratore")
    before = table_snapshot(demo_path, ("audit_log", "office_visit"))
    with pytest.raises(PermissionDenied) as refused:
        record_arrival(demo_db, VisitInput("Qualcuno"))
    assert "«Appuntamenti e registro dei visitatori»" in refused.value.message
    with pytest.raises(PermissionDenied):
        visits_of_day(demo_db, date.today())
    assert table_snapshot(demo_path, ("audit_log", "office_visit")) == before


def test_only_the_dirigente_and_the_dsga_extract_the_register_for_the_asl(demo_db):
    from iiss_desktop.queries.office import extract_visits

    act_as(demo_db, "amministrativo")
    with pytest.raises(PermissionDenied) as refused:
        extract_visits(demo_db, date.today(), date.today())
    assert "«Estratto del registro visitatori per l'ASL»" in refused.value.message
    act_as(demo_db, "dirigente")
    assert extract_visits(demo_db, date.today(), date.today()) is not None
