"""The official FatturaPA schema (v1.2.2), checked offline, its findings in Italian.

The schema imports the W3C xmldsig schema by URL and the office often has no network: a local
copy of that schema (the one the xmlschema package ships, DTD commented out) is given to
libxml2 instead, and the network is never used. libxml2 speaks English: the usual findings
are put in Italian words; the element path and the line always come from libxml2 itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from lxml import etree

SCHEMA_FILE = "Schema_del_file_xml_FatturaPA_v1.2.2.xsd"
XMLDSIG_FILE = "xmldsig-core-schema.xsd"


@dataclass(frozen=True)
class SchemaProblem:
    path: str      # the element as libxml2 names it: "/p:FatturaElettronica/…/Numero"
    line: int
    text: str      # in Italian

    def __str__(self) -> str:
        return f"{self.path} (riga {self.line}): {self.text}"


class _LocalSchemas(etree.Resolver):
    def resolve(self, url, pubid, context):
        if url and url.endswith(XMLDSIG_FILE):
            return self.resolve_string(_schema_bytes(XMLDSIG_FILE), context)
        return None


def _schema_bytes(name: str) -> bytes:
    return resources.files(__package__).joinpath("schema", name).read_bytes()


def safe_parser(**options) -> etree.XMLParser:
    """No entity expansion, no DTD or file fetched, no network: an invoice comes from outside."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, **options)


@lru_cache(maxsize=1)
def fatturapa_schema() -> etree.XMLSchema:
    parser = safe_parser()
    parser.resolvers.add(_LocalSchemas())
    return etree.XMLSchema(etree.fromstring(_schema_bytes(SCHEMA_FILE), parser))


def _element(name: str) -> str:
    return name.rsplit("}", 1)[-1]


# libxml2's wording -> Italian (the common findings on real invoices; the rest keeps libxml2's
# own words after an Italian lead-in).
_RULES: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(r"Element '([^']+)': This element is not expected\. Expected is "
                r"(?:one of )?\( ?([^)]*?) ?\)\."),
     "l'elemento «{0}» non è previsto in questa posizione (atteso: {1})."),
    (re.compile(r"Element '([^']+)': This element is not expected\."),
     "l'elemento «{0}» non è previsto in questa posizione o è ripetuto."),
    (re.compile(r"Element '([^']+)': Missing child element\(s\)\. Expected is "
                r"(?:one of )?\( ?([^)]*?) ?\)\."),
     "nell'elemento «{0}» manca «{1}»."),
    (re.compile(r"Element '([^']+)': \[facet '(\w+)'\] The value '([^']*)'"),
     "il valore «{2}» di «{0}» non rispetta il formato previsto."),
    (re.compile(r"Element '([^']+)': '([^']*)' is not a valid value"),
     "il valore «{1}» di «{0}» non è valido."),
    (re.compile(r"Element '([^']+)': The attribute '([^']+)' is required but missing\."),
     "nell'elemento «{0}» manca l'attributo «{1}»."),
)


def italian(message: str) -> str:
    for pattern, text in _RULES:
        found = pattern.search(message)
        if found:
            return text.format(*(_names(g) for g in found.groups()))
    return f"non conforme allo schema ({message.strip()})."


def _names(group: str) -> str:
    return ", ".join(_element(part.strip()) for part in group.split(","))


def schema_problems(document) -> tuple[SchemaProblem, ...]:
    """Every finding of the official schema on a parsed invoice, first to last."""
    schema = fatturapa_schema()
    try:
        if schema.validate(document):
            return ()
    except etree.XMLSchemaValidateError:
        return (SchemaProblem("/", 0, "il controllo sullo schema ufficiale non ha potuto "
                                      "essere completato su questo file."),)
    return tuple(SchemaProblem(e.path or "/", e.line, italian(e.message))
                 for e in schema.error_log)
