"""The shape every area of the office declares once (see ``iiss_desktop.areas``)."""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.access import Permission, check


def resolve(target: str):
    """The object named by ``"package.module:attribute"``, imported now."""
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)


@dataclass(frozen=True)
class ReportOption:
    name: str           # command-line option without dashes, e.g. "anno"
    help: str
    kind: str = "str"   # "str" | "int" | "date"
    required: bool = False


@dataclass(frozen=True)
class ReportSpec:
    name: str
    title: str
    area: str           # the label of the area that declares it, as on its tab
    builder: str        # "module:function"; function(db, out: Path, **options) -> Path
    description: str = ""
    options: tuple[ReportOption, ...] = field(default_factory=tuple)
    # A numbered document (options anno + numero) of this register: the print dialog offers
    # the recorded documents to choose from instead of asking for a number.
    numbered: str = ""
    # The permission code needed to print it (e.g. "school.audit"); empty: the read
    # permission of the report's area (``Area.read_permission``).
    permission: str = ""
    # Printing it records that it was printed (the extract of the register of visitors for
    # the ASL): the command line opens the archive for writing, not read-only.
    records: bool = False

    def build(self, db, out: Path, **options) -> Path:
        """Build the PDF for the current user of ``db``, if they may read what it shows."""
        from . import report_permission

        check(getattr(db, "current_user", None), report_permission(self))
        return resolve(self.builder)(db, Path(out), **options)


YEAR = ReportOption("anno", "anno (predefinito: l'anno in corso)", "int")


@dataclass(frozen=True)
class Area:
    """One area of the office: what the shared places (main window, print catalogue, demo,
    start page, schema, permission matrix) need to know of it. Code is named by
    ``"module:attr"`` strings and imported only when used, so declaring an area costs nothing
    at start-up (no Qt, no ReportLab, no area module is imported by this declaration)."""

    name: str                 # the same name in every layer: services/<name>, ui/<name>…
    label: str                # Italian, as on the tab and in the print catalogue
    permissions: tuple[Permission, ...] = ()
    tab: str = ""             # "iiss_desktop.ui.<name>.tab:Class"; empty: no tab of its own
    reports: tuple[ReportSpec, ...] = ()
    registers: tuple[str, ...] = ()   # domain modules whose import defines the area's registers
    models: tuple[str, ...] = ()      # ORM modules: importing them puts the tables on Base.metadata
    demo: str = ""            # "module:function(db, rng, size)" adding the area's demo data
    # "module:function(db, rng, size)" run after every area's ``demo``: the part of the demo
    # that must follow what later areas record (registers run in order of date: the
    # Inventario's goods of 2021 come after the Acquisti demo's carichi of that year)
    demo_late: str = ""
    home: str = ""            # "module:function(db, today) -> list[HomeItem]" for the start page
    depends_on: tuple[str, ...] = ()  # areas whose data this area shows or builds on
    # "module:attr" of the domain.audit_labels.AuditLabels naming the area's tables, columns
    # and units in the change log
    audit_labels: str = ""
    # What the tab shows instead to a user who may not read the area but holds one of these
    # permissions: ("permission code", "module:Class(db, events)"), the first held wins.
    limited_tabs: tuple[tuple[str, str], ...] = ()
    # "module:function(s, days, on)" run in the transaction that changes the school calendar
    # (the days added, changed or removed), so the area corrects what it counted on them.
    calendar_changed: str = ""
    # The code of the permission that opens the area (its tab, start page and prints);
    # empty: "<name>.read".
    read: str = ""

    @property
    def read_permission(self) -> Permission:
        return self.permission(self.read or f"{self.name}.read")

    def permission(self, code: str) -> Permission:
        for p in self.permissions:
            if p.code == code:
                return p
        raise KeyError(code)
