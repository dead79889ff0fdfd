"""Use cases of the documents from templates (areas/office.py, domain/office_documents.py):
save a template (always a new version: a version never changes), make a document from the
current version of a template (the next number of the register «documenti», the values as
typed and the school's data as they are today), annul a document with its reason (an
annulment entry of the register). One transaction each; a refusal is a ValidationError
naming the field, and nothing is saved.
"""
from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select

from ..areas.office import DOCUMENTS, TEMPLATES
from ..db.access import requires
from ..db.engine import Database
from ..db.locking import lock_rows
from ..db.uow import unit_of_work
from ..domain import office_documents as rules
from ..domain.errors import ValidationError
from ..models.office import OfficeDocument, OfficeTemplate, OfficeTemplateVersion
from ..models.school import School
from .registers import add_entry, annul_in, entry_date_as


def _fields(fields) -> list[rules.FieldDecl]:
    if isinstance(fields, str):
        return rules.parse_field_lines(fields)
    return list(fields)


def seed_templates_in(s) -> None:
    """Version 1 of the program's templates (domain/office_templates_seed.py), once: in an
    archive with no template yet (under the write gate: two PCs do not both add them). The
    office edits them afterwards; a template installed is never installed again."""
    if s.scalar(select(OfficeTemplate.id).limit(1)) is not None:
        return
    from ..domain.office_templates_seed import SEED

    for code, title, kind, body, fields in SEED:
        template = OfficeTemplate(code=code, title=title, kind=kind, current_version=1,
                                  active=True)
        s.add(template)
        s.flush()
        s.add(OfficeTemplateVersion(template_id=template.id, number=1, title=title,
                                    body=body.strip(), fields_json=rules.fields_to_json(fields),
                                    note="Modello iniziale del programma",
                                    recorded_by_id=s.info["user"].id))
    s.flush()


@requires(DOCUMENTS)
def install_templates(db: Database) -> None:
    """The program's templates in an archive that has none yet (the page «Documenti» asks for
    them the first time it is shown)."""
    with unit_of_work(db, reason="Ufficio: modelli iniziali dei documenti") as s:
        seed_templates_in(s)
        s.commit()


@requires(TEMPLATES)
def save_template(db: Database, *, template_id: int | None = None, code: str = "",
                  title: str, kind: str, body: str, fields, note: str = "") -> tuple[int, int]:
    """A new template (``template_id`` None) or a new version of one: (template id, version
    number). ``fields``: the declarations, or their lines «nome | Etichetta | tipo». A text
    using a field neither declared nor automatic is refused naming it."""
    decls = _fields(fields)
    note = " ".join((note or "").split())[:300]
    with unit_of_work(db, reason="Ufficio: modello di documento") as s:
        seed_templates_in(s)
        if template_id is not None:
            rows = lock_rows(s, OfficeTemplate, [template_id])
            if not rows:
                raise ValidationError({"title": "Modello inesistente."})
            template = rows[0]
            code = template.code
        code, title, body = rules.check_template(code=code, title=title, kind=kind,
                                                 body=body, fields=decls)
        if template_id is None:
            if s.scalar(select(OfficeTemplate.id).where(OfficeTemplate.code == code)):
                raise ValidationError({"code": f"Esiste già un modello con il codice «{code}»."})
            template = OfficeTemplate(code=code, title=title, kind=kind, current_version=0,
                                      active=True)
            s.add(template)
            s.flush()
        else:
            last = s.scalars(select(OfficeTemplateVersion).where(
                OfficeTemplateVersion.template_id == template.id).order_by(
                OfficeTemplateVersion.number.desc())).first()
            if (last is not None and last.title == title and last.body == body
                    and last.fields_json == rules.fields_to_json(decls)
                    and template.kind == kind):
                raise ValidationError({"body": "Nessuna modifica rispetto alla versione "
                                               f"{last.number}: nulla da salvare."})
        number = (template.current_version or 0) + 1
        s.add(OfficeTemplateVersion(template_id=template.id, number=number, title=title,
                                    body=body, fields_json=rules.fields_to_json(decls),
                                    note=note, recorded_by_id=s.info["user"].id))
        template.title, template.kind, template.current_version = title, kind, number
        s.flush()
        s.commit()
        return template.id, number


def _automatic(s, issued_on: date) -> dict[str, str]:
    school = s.get(School, 1)
    get = (lambda name: getattr(school, name, "") or "") if school else (lambda name: "")
    comune = get("comune")
    address = " ".join(p for p in (get("indirizzo"), "–" if get("indirizzo") else "",
                                   get("cap"), comune) if p)
    return {"scuola": get("denominazione"), "codice_meccanografico": get("codice_meccanografico"),
            "codice_fiscale": get("codice_fiscale"), "indirizzo": address, "comune": comune,
            "dirigente": get("dirigente"), "dsga": get("dsga"),
            "anno_scolastico": rules.school_year(issued_on),
            "data": rules.format_date(issued_on)}


@requires(DOCUMENTS)
def make_document(db: Database, *, template_id: int, subject: str, values: dict,
                  issued_on: date | None = None) -> tuple[int, int, int]:
    """A document from the current version of a template: (document id, year, number).
    A declared field left empty is refused naming it; nothing is saved."""
    when = issued_on or date.today()
    subject = rules.check_subject(subject)
    with unit_of_work(db, reason="Ufficio: documento da modello") as s:
        template = s.get(OfficeTemplate, template_id)
        if template is None or not template.active:
            raise ValidationError({"template_id": "Scegliere il modello del documento."})
        version = s.scalars(select(OfficeTemplateVersion).where(
            OfficeTemplateVersion.template_id == template.id,
            OfficeTemplateVersion.number == template.current_version)).one()
        typed = rules.check_values(rules.fields_from_json(version.fields_json), values)
        filled = {**_automatic(s, when), **typed}
        try:
            ref = add_entry(s.connection(), spec=rules.DOCUMENTI, entry_date=when,
                            description=f"{rules.KINDS[template.kind]}: {subject}"[:500],
                            user=s.info["user"], reference=template.code)
        except ValidationError as exc:
            raise entry_date_as(exc, "issued_on", "Data del documento: ") from None
        row = OfficeDocument(entry_id=ref.id, version_id=version.id, year=ref.year,
                             number=ref.number, issued_on=when, subject=subject,
                             values_json=json.dumps(filled, ensure_ascii=False),
                             recorded_by_id=s.info["user"].id)
        s.add(row)
        s.flush()
        s.commit()
        return row.id, ref.year, ref.number


@requires(DOCUMENTS)
def annul_document(db: Database, document_id: int, reason: str,
                   on: date | None = None) -> int:
    """Annul a document: an annulment entry of the register «documenti» with the reason (the
    document stays, marked annulled). The annulment's number."""
    with unit_of_work(db, reason="Ufficio: annullamento di un documento") as s:
        doc = s.get(OfficeDocument, document_id)
        if doc is None:
            raise ValidationError({"document_id": "Documento inesistente."})
        ref = annul_in(s.connection(), entry_id=doc.entry_id, reason=reason, entry_date=on,
                       user=s.info["user"])
        s.commit()
        return ref.number

