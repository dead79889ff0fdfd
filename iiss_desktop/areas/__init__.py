"""The areas of the office, each declared once; the shared places iterate ``AREAS``.

The main window builds a tab for each area that has one, the print catalogue lists their
reports, the demo runs their generators, the start page asks each for its items, the ORM
metadata imports their models and the permission matrix unions their permissions. Adding an
area is its own modules in each layer plus one line here.
"""
from __future__ import annotations

import importlib

from ..domain.access import Permission
from . import funds, inventory, office, procurement, school, staff, warehouse
from .base import Area, ReportSpec, resolve

# In the order of the tabs (the demo runs them in dependency order: in_dependency_order).
AREAS: tuple[Area, ...] = (school.AREA, staff.AREA, funds.AREA, procurement.AREA,
                           inventory.AREA, warehouse.AREA, office.AREA)

__all__ = ["AREAS", "Area", "ReportSpec", "all_permissions", "all_reports", "area",
           "in_dependency_order",
           "load_models", "load_registers", "permission", "report_permission", "resolve"]


def area(name: str) -> Area:
    for a in AREAS:
        if a.name == name:
            return a
    raise KeyError(name)


def all_permissions() -> tuple[Permission, ...]:
    return tuple(p for a in AREAS for p in a.permissions)


def permission(code: str) -> Permission:
    return area(code.partition(".")[0]).permission(code)


def all_reports() -> tuple[ReportSpec, ...]:
    return tuple(r for a in AREAS for r in a.reports)


def load_registers() -> None:
    """Define every register of every area (registers come into being with their module)."""
    for a in AREAS:
        for module in a.registers:
            importlib.import_module(module)


def load_models() -> None:
    for a in AREAS:
        for module in a.models:
            importlib.import_module(module)


def in_dependency_order() -> list[Area]:
    """The areas, each after those it depends on (tab order otherwise)."""
    done: list[Area] = []

    def visit(a: Area, path: tuple[str, ...] = ()) -> None:
        if a in done:
            return
        if a.name in path:
            raise ValueError(f"Dipendenza circolare tra le aree: {' → '.join(path + (a.name,))}")
        for name in a.depends_on:
            visit(area(name), path + (a.name,))
        done.append(a)

    for a in AREAS:
        visit(a)
    return done


def report_permission(spec: ReportSpec) -> Permission:
    """The permission a report needs: its own, or the read permission of its area (the
    area is found by its Italian label, e.g. "Magazzino" -> warehouse.read)."""
    if spec.permission:
        return permission(spec.permission)
    for a in AREAS:
        if a.label == spec.area:
            return a.read_permission
    raise KeyError(f"Stampa «{spec.name}»: area «{spec.area}» sconosciuta")
