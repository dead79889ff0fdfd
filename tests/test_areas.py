"""Every area is declared once, and the shared places take what they need from it."""
from __future__ import annotations

import importlib

from iiss_desktop.areas import AREAS, all_reports, area, in_dependency_order, resolve
from iiss_desktop.domain.registers import all_registers


def test_every_name_in_a_descriptor_resolves():
    for a in AREAS:
        for target in (a.tab, a.demo, a.demo_late, a.home):
            if target and not target.startswith("iiss_desktop.ui."):
                assert callable(resolve(target)), target
        for module in a.registers + a.models:
            importlib.import_module(module)
        for other in a.depends_on:
            area(other)


def test_reports_are_filed_under_their_area_and_named_once():
    names = [r.name for r in all_reports()]
    assert len(names) == len(set(names))
    for a in AREAS:
        for r in a.reports:
            assert r.area == a.label, r.name
            module, _, func = r.builder.partition(":")
            assert module.startswith("iiss_desktop.reports.") and func.startswith("build_")


def test_the_registers_of_an_area_carry_its_name():
    from iiss_desktop.areas import load_registers

    load_registers()
    declared = {r.code: r.area for r in all_registers()}
    assert declared["inv-buoni-carico"] == "inventory"
    assert declared["mag-giornale"] == "warehouse"
    assert declared["inv-affidamenti"] == "inventory"


def test_an_area_comes_after_those_it_depends_on():
    order = [a.name for a in in_dependency_order()]
    for a in AREAS:
        for other in a.depends_on:
            assert order.index(other) < order.index(a.name)
    assert order[0] == "school"


def test_the_tables_of_every_area_are_on_the_metadata():
    from iiss_desktop.models import Base

    tables = set(Base.metadata.tables)
    assert {"app_user", "site", "employee", "inventory_item", "warehouse_article"} <= tables
