"""The areas of the office, each declared once; the shared places iterate ``AREAS``.

Adding an area is its own modules in each layer plus one line here.
"""
from __future__ import annotations

from ..domain.access import Permission
from . import funds, inventory, procurement, school, staff, warehouse
from .base import Area

AREAS: tuple[Area, ...] = (school.AREA, staff.AREA, funds.AREA, procurement.AREA,
                           inventory.AREA, warehouse.AREA)


def area(name: str) -> Area:
    for a in AREAS:
        if a.name == name:
            return a
    raise KeyError(name)


def all_permissions() -> tuple[Permission, ...]:
    return tuple(p for a in AREAS for p in a.permissions)


def permission(code: str) -> Permission:
    return area(code.partition(".")[0]).permission(code)
