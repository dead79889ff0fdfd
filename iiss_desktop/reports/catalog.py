"""Every printable report of the application, by name (``iiss-desktop print --list``).

This module imports neither ReportLab nor Qt: the builder of a report is
imported only when that report is printed. Areas append their ReportSpec.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.errors import DomainError


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
    area: str
    builder: str        # "module:function"; function(db, out: Path, **options) -> Path
    description: str = ""
    options: tuple[ReportOption, ...] = field(default_factory=tuple)

    def build(self, db, out: Path, **options) -> Path:
        module, _, func = self.builder.partition(":")
        return getattr(importlib.import_module(module), func)(db, Path(out), **options)


YEAR = ReportOption("anno", "anno (predefinito: l'anno in corso)", "int")

REPORTS: list[ReportSpec] = [
    ReportSpec("istituto", "Scheda dell'istituto, plessi e locali", "Istituto",
               "iiss_desktop.reports.school:build_school_sheet",
               "Dati anagrafici dell'istituto, elenco dei plessi e dei locali."),
    ReportSpec("calendario", "Calendario dell'istituto", "Istituto",
               "iiss_desktop.reports.school:build_calendar",
               "Festività, santo patrono e chiusure degli uffici dell'anno.", (YEAR,)),
    ReportSpec("personale", "Elenco del personale", "Personale e turni",
               "iiss_desktop.reports.staff:build_staff_list",
               "Personale in servizio con profilo, contratto e plesso."),
    ReportSpec("registro", "Registro legale", "Istituto",
               "iiss_desktop.reports.registers:build_register",
               "Stampa di un registro numerato, con gli annullamenti.",
               (ReportOption("registro", "codice del registro", required=True), YEAR)),
    ReportSpec("modifiche", "Registro delle modifiche", "Istituto",
               "iiss_desktop.reports.audit:build_audit_log",
               "Chi ha modificato che cosa e quando, con l'impronta della catena.", (YEAR,)),
]


REPORTS += [
    ReportSpec("etichette", "Etichette d'inventario", "Inventario",
               "iiss_desktop.reports.inventory:build_labels",
               "Fogli A4 di etichette con numero d'inventario e codice QR (3x8, 3x7, 2x7).",
               (ReportOption("registro", "inventario (es. inv-mobili); tutti se omesso"),
                ReportOption("layout", "formato del foglio: 3x8, 3x7, 2x7"))),
    ReportSpec("buono-carico", "Buono di carico", "Inventario",
               "iiss_desktop.reports.inventory:build_buono_carico",
               "Beni presi in carico con un buono, con numeri d'inventario e valore.",
               (YEAR, ReportOption("numero", "numero del buono", "int", required=True))),
]


# --- reports: custody ---
# --- reports: ricognizione ---
# --- reports: values-sale ---
# --- reports: comodato-handover ---
# --- reports: import ---
# --- reports: warehouse ---


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
