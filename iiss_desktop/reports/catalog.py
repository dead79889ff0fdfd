"""Every printable report of the application, by name (``iiss-desktop print --list``).

Each area declares its reports (``iiss_desktop.areas``); this catalogue lists them. It
imports neither ReportLab nor Qt: the builder of a report is imported only when that report
is printed.
"""
from __future__ import annotations

from ..areas import all_reports, load_registers, report_permission
from ..areas.base import YEAR, ReportOption, ReportSpec
from ..domain.errors import DomainError

__all__ = ["REPORTS", "YEAR", "ReportOption", "ReportSpec", "add_report", "get_report",
           "report_permission"]

load_registers()   # a report names its register: every register is defined before printing
REPORTS: list[ReportSpec] = list(all_reports())


def add_report(spec: ReportSpec) -> None:
    if any(r.name == spec.name for r in REPORTS):
        raise ValueError(f"Stampa «{spec.name}» già definita")
    REPORTS.append(spec)


def get_report(name: str) -> ReportSpec:
    for r in REPORTS:
        if r.name == name:
            return r
    names = ", ".join(r.name for r in REPORTS)
    raise DomainError(f"Stampa «{name}» sconosciuta. Stampe disponibili: {names}.")
