"""The rows every scheda shows, whatever the record (a good, an article; later a loan, a
request, a decree): a line of its history, a document it appears in (with the print that
prints it), a field with its label. Plain frozen dataclasses: the UI never sees the ORM."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.access import allowed


@dataclass(frozen=True, slots=True)
class HistoryRow:
    day: date
    kind: str              # «Carico», «Spostamento», «Affidamento»…
    description: str
    document: str = ""     # «Buono di carico n. 3/2025», or ""
    order: int = 0         # same day: the order the facts happened in (carico first)
    seq: int = 0           # then the order they were recorded in
    link: tuple = ()       # (kind, id) of the record that has its own scheda, e.g. ("loan", 3)


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """A printed document the record appears in: ``report`` is a ReportSpec name and
    ``options`` what its builder takes (anno, numero…)."""

    report: str
    title: str
    day: date | None
    options: tuple[tuple[str, object], ...] = ()

    @property
    def kwargs(self) -> dict:
        return dict(self.options)


@dataclass(frozen=True, slots=True)
class FieldLine:
    name: str
    label: str
    text: str


def in_date_order(rows) -> list[HistoryRow]:
    return sorted(rows, key=lambda r: (r.day, r.order, r.seq))


def printable(db, documents, specs) -> list[DocumentRef]:
    """The documents whose print the current user may make (the comodato's contract needs
    the personal-data permission), each once, in date order. ``specs``: name -> ReportSpec."""
    from ..areas import report_permission

    user, seen, out = getattr(db, "current_user", None), set(), []
    for doc in sorted(documents, key=lambda d: (d.day or date.min, d.title)):
        key = (doc.report, doc.options)
        spec = specs.get(doc.report)
        if key in seen or spec is None or not allowed(user, report_permission(spec)):
            continue
        seen.add(key)
        out.append(doc)
    return out
