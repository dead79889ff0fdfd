"""Documents from templates (issue 19 item 3): the acts the office writes every year
(the dirigente's directive to the DSGA, decrees of appointment, circulars, the ordine di
servizio), written from templates the office edits without touching code.

The template language, for a clerk:
- a blank line separates paragraphs; a line starting with «# » is a heading, «- » a list
  item; **text** prints in bold;
- ``{nome_campo}`` is a field: one of the school's data filled in automatically
  (AUTOMATIC_FIELDS) or one the template declares, with its label and kind, filled in when
  the document is made.

Templates are versioned: saving makes a new version, a version never changes, and a
document keeps the version it was made from (it prints the same text forever). Documents
are entries of the yearly register «documenti» (numbered gap-free), so the print is a
numbered document that receives the protocol number (services/protocol.py).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

from .dates import format_date, parse_date
from .errors import ValidationError
from .registers import RegisterSpec, define_register

DOCUMENTI = define_register(RegisterSpec("documenti", "Registro dei documenti dell'ufficio",
                                         "office", yearly=True))

KINDS = {"direttiva": "Direttiva", "decreto": "Decreto", "circolare": "Circolare",
         "ordine": "Ordine di servizio"}
FIELD_KINDS = {"text": "testo", "long": "testo lungo", "date": "data", "person": "persona"}

FIELD = re.compile(r"\{([^{}\n]*)\}")
_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")
MAX_TITLE = 200
MAX_BODY = 60_000
MAX_VALUE = 4000
MAX_FIELDS = 40

# The school's data every template may use, filled in when the document is made.
AUTOMATIC_FIELDS = {
    "scuola": "denominazione dell'istituto",
    "codice_meccanografico": "codice meccanografico",
    "codice_fiscale": "codice fiscale dell'istituto",
    "indirizzo": "indirizzo dell'istituto",
    "comune": "comune (luogo del documento)",
    "dirigente": "dirigente scolastico",
    "dsga": "direttore dei servizi generali e amministrativi",
    "anno_scolastico": "anno scolastico (es. 2026/2027)",
    "data": "data del documento",
}


@dataclass(frozen=True)
class FieldDecl:
    """A field a template declares: its name in the text, its label, its kind."""

    name: str
    label: str
    kind: str = "text"
    required: bool = True

    def as_dict(self) -> dict:
        return {"name": self.name, "label": self.label, "kind": self.kind,
                "required": self.required}


def school_year(day: date) -> str:
    """The school year a day falls in: from 1 September."""
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}/{start + 1}"


def fields_to_json(fields: list[FieldDecl]) -> str:
    return json.dumps([f.as_dict() for f in fields], ensure_ascii=False)


def fields_from_json(text: str) -> list[FieldDecl]:
    return [FieldDecl(d["name"], d["label"], d.get("kind", "text"), d.get("required", True))
            for d in json.loads(text or "[]")]


def parse_field_lines(text: str) -> list[FieldDecl]:
    """The declarations as the clerk writes them, one a line: «nome | Etichetta | tipo»
    (tipo: testo, testo lungo, data, persona; «facoltativo» after it: may stay empty)."""
    kinds = {v: k for k, v in FIELD_KINDS.items()} | {k: k for k in FIELD_KINDS}
    out: list[FieldDecl] = []
    for i, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        name = parts[0]
        label = parts[1] if len(parts) > 1 and parts[1] else name.replace("_", " ")
        kind_text = (parts[2] if len(parts) > 2 else "testo").lower()
        optional = "facoltativo" in kind_text
        kind_text = kind_text.replace("facoltativo", "").strip(" ,") or "testo"
        if not _NAME.fullmatch(name):
            raise ValidationError({"fields": (
                f"Riga {i}: «{name}» non è un nome di campo valido (lettere minuscole, cifre "
                "e «_», iniziando con una lettera: es. nome_sostituto).")})
        if kind_text not in kinds:
            raise ValidationError({"fields": (
                f"Riga {i}: il tipo «{kind_text}» non esiste: testo, testo lungo, data o "
                "persona.")})
        out.append(FieldDecl(name, label[:80], kinds[kind_text], not optional))
    return out


def field_lines(fields: list[FieldDecl]) -> str:
    return "\n".join(f"{f.name} | {f.label} | {FIELD_KINDS[f.kind]}"
                     + ("" if f.required else " facoltativo") for f in fields)


def used_fields(body: str) -> list[str]:
    """The names of the fields the text uses, in order of first use."""
    seen: list[str] = []
    for m in FIELD.finditer(body or ""):
        name = m.group(1).strip()
        if name not in seen:
            seen.append(name)
    return seen


def check_template(*, code: str, title: str, kind: str, body: str,
                   fields: list[FieldDecl]) -> tuple[str, str, str]:
    """The cleaned (code, title, body) of a template, or a ValidationError naming the field:
    a field used in the text that is neither automatic nor declared is refused by name."""
    code = (code or "").strip().lower()
    title = " ".join((title or "").split())
    body = (body or "").replace("\r\n", "\n").strip()
    if not _NAME.fullmatch(code.replace("-", "_")):
        raise ValidationError({"code": "Indicare il codice del modello (lettere minuscole, "
                                       "cifre, «-» o «_»: es. nomina-sostituto-dsga)."})
    if not title:
        raise ValidationError({"title": "Indicare il titolo del modello."})
    if len(title) > MAX_TITLE:
        raise ValidationError({"title": f"Il titolo supera i {MAX_TITLE} caratteri."})
    if kind not in KINDS:
        raise ValidationError({"kind": "Scegliere il tipo di documento."})
    if not body:
        raise ValidationError({"body": "Scrivere il testo del modello."})
    if len(body) > MAX_BODY:
        raise ValidationError({"body": f"Il testo supera i {MAX_BODY} caratteri."})
    if body.count("{") != body.count("}"):
        raise ValidationError({"body": "Il testo ha una parentesi graffa non chiusa: i campi "
                                       "si scrivono come {nome_campo}."})
    names = [f.name for f in fields]
    if len(names) > MAX_FIELDS:
        raise ValidationError({"fields": f"Al massimo {MAX_FIELDS} campi per modello."})
    for name in names:
        if names.count(name) > 1:
            raise ValidationError({"fields": f"Il campo «{name}» è dichiarato due volte."})
        if name in AUTOMATIC_FIELDS:
            raise ValidationError({"fields": (
                f"Il campo «{name}» è già un dato dell'istituto compilato automaticamente: "
                "non va dichiarato.")})
    known = set(names) | set(AUTOMATIC_FIELDS)
    for name in used_fields(body):
        if name not in known:
            raise ValidationError({"body": (
                f"Il campo «{{{name}}}» non è tra i campi del modello né tra i dati "
                "dell'istituto: dichiararlo tra i campi, o correggerne il nome. Campi "
                f"disponibili: {', '.join(sorted(known))}.")})
    return code, title, body


def check_values(fields: list[FieldDecl], values: dict) -> dict[str, str]:
    """The values typed for a document, as text; a required field left empty is refused,
    naming it by its label."""
    out: dict[str, str] = {}
    for f in fields:
        raw = values.get(f.name)
        if f.kind == "date" and raw not in (None, ""):
            day = raw if isinstance(raw, date) else parse_date(str(raw), f.name)
            text = format_date(day)
        else:
            text = str(raw or "").replace("\r\n", "\n").strip()
        if not text and f.required:
            raise ValidationError({f.name: f"Il campo «{f.label}» ({f.name}) è obbligatorio: "
                                           "il documento non è stato creato."})
        if len(text) > MAX_VALUE:
            raise ValidationError({f.name: f"«{f.label}» supera i {MAX_VALUE} caratteri."})
        out[f.name] = text
    return out


def fill(body: str, values: dict[str, str]) -> str:
    """The text with every field replaced by its value."""
    return FIELD.sub(lambda m: values.get(m.group(1).strip(), ""), body)


@dataclass(frozen=True)
class Block:
    kind: str       # "heading" | "item" | "para"
    text: str


def blocks(text: str) -> list[Block]:
    """The filled text as headings, list items and paragraphs (a paragraph keeps its lines:
    «VISTO …» one under the other, the signature under its title)."""
    out: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            out.append(Block("para", "\n".join(para)))
            para.clear()

    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("# "):
            flush()
            out.append(Block("heading", line[2:].strip()))
        elif line.startswith("- "):
            flush()
            out.append(Block("item", line[2:].strip()))
        else:
            para.append(line)
    flush()
    return out


def check_subject(subject: str) -> str:
    text = " ".join((subject or "").split())
    if not text:
        raise ValidationError({"subject": "Indicare l'oggetto del documento."})
    if len(text) > 300:
        raise ValidationError({"subject": "L'oggetto supera i 300 caratteri."})
    return text
