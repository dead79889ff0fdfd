"""Rows of the documents from templates (areas/office.py): the templates with their current
version, a template's versions, the documents of the register «documenti» with their
protocol and state, and one document as it prints (the text of the version it was made from,
filled with its values)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ..areas.office import DOCUMENTS
from ..db.access import requires
from ..db.engine import Database
from ..db.uow import read_session
from ..domain import office_documents as rules
from ..domain.errors import DomainError
from ..domain.protocol import ProtocolMark
from ..models.core import DocumentProtocol, RegisterEntry
from ..models.office import OfficeDocument, OfficeTemplate, OfficeTemplateVersion

REPORT = "documento"


@dataclass(frozen=True)
class TemplateRow:
    id: int
    code: str
    title: str
    kind: str
    version: int
    body: str
    fields: tuple[rules.FieldDecl, ...]

    @property
    def kind_label(self) -> str:
        return rules.KINDS.get(self.kind, self.kind)


@dataclass(frozen=True)
class VersionRow:
    number: int
    title: str
    body: str
    fields: tuple[rules.FieldDecl, ...]
    note: str
    recorded_at: object
    documents: int


@dataclass(frozen=True)
class DocumentRow:
    id: int
    year: int
    number: int
    issued_on: date
    template: str
    version: int
    subject: str
    protocol: ProtocolMark | None
    annulled_reason: str | None

    @property
    def state(self) -> str:
        return "annullato" if self.annulled_reason is not None else "valido"

    @property
    def protocol_text(self) -> str:
        return self.protocol.text.removeprefix("Prot. ") if self.protocol else ""


@dataclass(frozen=True)
class DocumentView:
    year: int
    number: int
    issued_on: date
    kind: str
    template_title: str
    version: int
    subject: str
    text: str               # the filled text
    annulled_reason: str | None

    @property
    def blocks(self) -> list[rules.Block]:
        return rules.blocks(self.text)


@requires(DOCUMENTS)
def list_templates(db: Database) -> list[TemplateRow]:
    with read_session(db) as s:
        rows = s.execute(select(OfficeTemplate, OfficeTemplateVersion).join(
            OfficeTemplateVersion, (OfficeTemplateVersion.template_id == OfficeTemplate.id)
            & (OfficeTemplateVersion.number == OfficeTemplate.current_version)).where(
            OfficeTemplate.active.is_(True)).order_by(OfficeTemplate.kind,
                                                      OfficeTemplate.title)).all()
        return [TemplateRow(t.id, t.code, t.title, t.kind, v.number, v.body,
                            tuple(rules.fields_from_json(v.fields_json))) for t, v in rows]


@requires(DOCUMENTS)
def template_versions(db: Database, template_id: int) -> list[VersionRow]:
    """A template's versions, newest first, with how many documents each made."""
    with read_session(db) as s:
        versions = s.scalars(select(OfficeTemplateVersion).where(
            OfficeTemplateVersion.template_id == template_id).order_by(
            OfficeTemplateVersion.number.desc())).all()
        used: dict[int, int] = {}
        for (vid,) in s.execute(select(OfficeDocument.version_id).where(
                OfficeDocument.version_id.in_([v.id for v in versions]))):
            used[vid] = used.get(vid, 0) + 1
        return [VersionRow(v.number, v.title, v.body, tuple(rules.fields_from_json(
            v.fields_json)), v.note, v.recorded_at, used.get(v.id, 0)) for v in versions]


def _annulments(s, entry_ids) -> dict[int, str]:
    rows = s.execute(select(RegisterEntry.annuls_id, RegisterEntry.reason).where(
        RegisterEntry.annuls_id.in_(list(entry_ids)))).all()
    return {a: r or "" for a, r in rows}


def _protocols(s, entry_ids) -> dict[int, ProtocolMark]:
    replaced = select(DocumentProtocol.replaces_id).where(
        DocumentProtocol.replaces_id.is_not(None))
    rows = s.execute(select(DocumentProtocol.entry_id, DocumentProtocol.protocol_number,
                            DocumentProtocol.protocol_date).where(
        DocumentProtocol.report == REPORT, DocumentProtocol.entry_id.in_(list(entry_ids)),
        DocumentProtocol.id.not_in(replaced))).all()
    return {e: ProtocolMark(n, d) for e, n, d in rows}


@requires(DOCUMENTS)
def list_documents(db: Database, year: int | None = None) -> list[DocumentRow]:
    """The documents of the register, newest first (of ``year``, or every year)."""
    with read_session(db) as s:
        query = select(OfficeDocument, OfficeTemplateVersion).join(
            OfficeTemplateVersion, OfficeTemplateVersion.id == OfficeDocument.version_id)
        if year is not None:
            query = query.where(OfficeDocument.year == year)
        rows = s.execute(query.order_by(OfficeDocument.year.desc(),
                                        OfficeDocument.number.desc())).all()
        entries = [d.entry_id for d, _v in rows]
        annulled, protocols = _annulments(s, entries), _protocols(s, entries)
        return [DocumentRow(d.id, d.year, d.number, d.issued_on, v.title, v.number,
                            d.subject, protocols.get(d.entry_id), annulled.get(d.entry_id))
                for d, v in rows]


@requires(DOCUMENTS)
def document_view(db: Database, year: int, number: int) -> DocumentView:
    """Document ``number``/``year`` as it prints: the text of its version, filled."""
    with read_session(db) as s:
        row = s.execute(select(OfficeDocument, OfficeTemplateVersion, OfficeTemplate).join(
            OfficeTemplateVersion, OfficeTemplateVersion.id == OfficeDocument.version_id).join(
            OfficeTemplate, OfficeTemplate.id == OfficeTemplateVersion.template_id).where(
            OfficeDocument.year == year, OfficeDocument.number == number)).first()
        if row is None:
            raise DomainError(f"Documento n. {number}/{year} inesistente.", "numero")
        doc, version, template = row
        values = json.loads(doc.values_json)
        return DocumentView(doc.year, doc.number, doc.issued_on, template.kind, version.title,
                            version.number, doc.subject, rules.fill(version.body, values),
                            _annulments(s, [doc.entry_id]).get(doc.entry_id))
