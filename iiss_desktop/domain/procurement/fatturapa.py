"""Reading a FatturaPA file (tracciato 1.2, FPA12 and FPR12) into plain invoices.

One file may carry several invoices (a «lotto»: several FatturaElettronicaBody under one
header): each body is its own invoice. Real files are not always perfect: a file that breaks
the official schema is still read, its findings travel with each invoice (``schema_problems``)
and the caller decides (the clerk confirms, or ``--accept-schema-errors``). A file that cannot
be read as an invoice at all raises ``FatturaPAError``: not XML, another root element, no
body, a body without number or date, an amount that is not a number in the FatturaPA format
(digits, a point, the decimals: «1234.50»).

The amounts are read exactly as written (Decimal); the document total is ImportoTotale-
Documento when the file gives it, else taxable plus tax of the IVA summary (plus the rounding).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from lxml import etree

from ..errors import DomainError
from ..money import format_money
from ..procurement_codes import CIG_LENGTH, CUP_LENGTH
from .schema_check import SchemaProblem, safe_parser, schema_problems

NAMESPACE = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2"
FORMATS = {"FPA12": "verso la PA", "FPR12": "tra privati"}

# Tipo documento (specifiche tecniche 1.8): the ones a school receives, in words.
DOCUMENT_TYPES = {
    "TD01": "Fattura", "TD02": "Acconto/anticipo su fattura", "TD03": "Acconto/anticipo su "
    "parcella", "TD04": "Nota di credito", "TD05": "Nota di debito", "TD06": "Parcella",
    "TD16": "Integrazione fattura reverse charge interno", "TD17": "Integrazione/autofattura "
    "per acquisto servizi dall'estero", "TD18": "Integrazione per acquisto di beni "
    "intracomunitari", "TD19": "Integrazione/autofattura per acquisto di beni ex art. 17 c.2 "
    "DPR 633/72", "TD20": "Autofattura per regolarizzazione", "TD24": "Fattura differita "
    "(beni con DDT o servizi)", "TD25": "Fattura differita (triangolazione interna)",
    "TD26": "Cessione di beni ammortizzabili e passaggi interni", "TD27": "Fattura per "
    "autoconsumo o cessioni gratuite senza rivalsa",
}
# EsigibilitaIVA: S is the scissione dei pagamenti (split payment, art. 17-ter DPR 633/72):
# the school pays the IVA to the Erario, the supplier gets the taxable amount.
ESIGIBILITA = {"I": "immediata", "D": "differita", "S": "scissione dei pagamenti"}
CREDIT_NOTE = "TD04"

_AMOUNT = re.compile(r"-?\d+(\.\d+)?")


class FatturaPAError(DomainError):
    """The file cannot be read as a FatturaPA: nothing of it may be stored."""


@dataclass(frozen=True)
class Party:
    name: str
    vat: str = ""         # "IT01234567890": IdPaese + IdCodice
    tax_code: str = ""    # CodiceFiscale
    address: str = ""


@dataclass(frozen=True)
class InvoiceLine:
    number: int
    description: str
    quantity: Decimal | None
    unit: str
    unit_price: Decimal
    total: Decimal
    vat_rate: Decimal
    nature: str = ""      # Natura of a line without IVA (N1…N7)


@dataclass(frozen=True)
class VatSummary:
    rate: Decimal
    taxable: Decimal
    tax: Decimal
    esigibilita: str = ""   # I, D, S (or "" when the file says nothing: immediata)
    nature: str = ""
    rounding: Decimal = Decimal("0")


@dataclass(frozen=True)
class Payment:
    method: str               # MP05 bonifico, MP01 contanti…
    amount: Decimal
    due: date | None = None
    iban: str = ""
    beneficiary: str = ""


@dataclass(frozen=True)
class Reference:
    """A document the invoice refers to: an order, a contract, a convention, a receipt."""

    kind: str                 # "ordine" | "contratto" | "convenzione" | "ricezione" | "fattura"
    document_id: str
    on: date | None = None
    cig: str = ""
    cup: str = ""
    lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class Invoice:
    file: str
    body: int                 # 1 for the first FatturaElettronicaBody of the file
    transmission_format: str  # FPA12 | FPR12
    supplier: Party
    customer: Party
    office_code: str          # CodiceDestinatario: the school's codice univoco ufficio
    document_type: str
    currency: str
    number: str
    on: date
    causale: str
    lines: tuple[InvoiceLine, ...]
    vat: tuple[VatSummary, ...]
    payments: tuple[Payment, ...]
    references: tuple[Reference, ...]
    stated_total: Decimal | None      # ImportoTotaleDocumento, when given
    payment_terms: str = ""           # TP01 a rate, TP02 completo, TP03 anticipo
    schema_problems: tuple[SchemaProblem, ...] = field(default=(), compare=False)

    @property
    def document_label(self) -> str:
        return DOCUMENT_TYPES.get(self.document_type, self.document_type)

    @property
    def taxable(self) -> Decimal:
        return sum((v.taxable for v in self.vat), Decimal("0.00"))

    @property
    def tax(self) -> Decimal:
        return sum((v.tax for v in self.vat), Decimal("0.00"))

    @property
    def total(self) -> Decimal:
        if self.stated_total is not None:
            return self.stated_total
        return self.taxable + self.tax + sum((v.rounding for v in self.vat), Decimal("0"))

    @property
    def split_payment(self) -> bool:
        return any(v.esigibilita == "S" for v in self.vat)

    @property
    def payable_to_supplier(self) -> Decimal:
        """What the school pays the supplier: the total, less the IVA it pays to the Erario
        itself under split payment."""
        split_tax = sum((v.tax for v in self.vat if v.esigibilita == "S"), Decimal("0.00"))
        return self.total - split_tax

    @property
    def cig(self) -> str:
        return next((r.cig for r in self.references if r.cig), "")

    @property
    def cup(self) -> str:
        return next((r.cup for r in self.references if r.cup), "")

    @property
    def iban(self) -> str:
        return next((p.iban for p in self.payments if p.iban), "")

    @property
    def key(self) -> tuple[str, str, str, int, Decimal]:
        """What makes an invoice the same invoice received twice: supplier, document type,
        number and year (SdI's own duplicate check, 00404) and the total. The total is in
        the key because SdI's sample files reuse «123» for different invoices; the same
        number with another total is a clash the service shows, not a silent duplicate."""
        return (self.supplier.vat or self.supplier.tax_code, self.document_type,
                self.number.strip().upper(), self.on.year, self.total)


def parse_xml(data: bytes, file: str):
    try:
        tree = etree.fromstring(data, safe_parser()).getroottree()
    except etree.XMLSyntaxError as exc:
        raise FatturaPAError(f"«{file}» non è un file XML leggibile (riga {exc.lineno}): "
                             "non è una fattura elettronica.") from None
    # The schema of the FatturaPA has no DTD: a DOCTYPE only serves to declare entities
    # (external files, «billion laughs»), which are never expanded and refuse the file.
    if tree.docinfo.doctype:
        raise FatturaPAError(f"«{file}» contiene una dichiarazione DOCTYPE, che una fattura "
                             "elettronica non può avere: file rifiutato.")
    return tree


def read_fatturapa(data: bytes, file: str) -> list[Invoice]:
    """The invoices of one FatturaPA XML file, each with the file's schema findings."""
    tree = parse_xml(data, file)
    root = tree.getroot()
    if etree.QName(root).localname != "FatturaElettronica" or \
            etree.QName(root).namespace != NAMESPACE:
        raise FatturaPAError(f"«{file}» è un XML ma non una fattura elettronica (FatturaPA "
                             f"1.2): l'elemento principale è «{etree.QName(root).localname}».")
    problems = schema_problems(tree)
    header = _child(root, "FatturaElettronicaHeader")
    if header is None:
        raise FatturaPAError(f"«{file}»: manca l'intestazione (FatturaElettronicaHeader).")
    bodies = _children(root, "FatturaElettronicaBody")
    if not bodies:
        raise FatturaPAError(f"«{file}»: nessun corpo di fattura (FatturaElettronicaBody): "
                             "il file non contiene fatture.")
    reader = _Reader(file)
    supplier = reader.party(_child(header, "CedentePrestatore"), "CedentePrestatore")
    customer = reader.party(_child(header, "CessionarioCommittente"),
                            "CessionarioCommittente")
    transmission = _child(header, "DatiTrasmissione")
    office = _text(transmission, "CodiceDestinatario")
    version = root.get("versione") or _text(transmission, "FormatoTrasmissione")
    return [reader.invoice(body, n, version, supplier, customer, office, problems)
            for n, body in enumerate(bodies, start=1)]


def _children(node, name: str) -> list:
    if node is None:
        return []
    return [c for c in node if isinstance(c.tag, str) and etree.QName(c).localname == name]


def _child(node, name: str):
    found = _children(node, name)
    return found[0] if found else None


def _text(node, *path: str) -> str:
    for name in path:
        node = _child(node, name)
        if node is None:
            return ""
    return (node.text or "").strip()


class _Reader:
    def __init__(self, file: str):
        self.file = file
        self.where = ""

    def fail(self, text: str):
        raise FatturaPAError(f"«{self.file}»{self.where}: {text}")

    def amount(self, node, name: str, *, required: bool = True) -> Decimal | None:
        text = _text(node, name)
        if not text:
            if required:
                self.fail(f"manca l'importo «{name}».")
            return None
        if not _AMOUNT.fullmatch(text):
            self.fail(f"l'importo «{name}» vale «{text}», che non è un numero nel formato "
                      "della fattura elettronica (cifre, il punto per i decimali, senza "
                      "separatore delle migliaia: 1234.50).")
        return Decimal(text)

    def day(self, node, name: str, *, required: bool = False) -> date | None:
        text = _text(node, name)
        if not text:
            if required:
                self.fail(f"manca la data «{name}».")
            return None
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            self.fail(f"la data «{name}» vale «{text}», attesa nella forma AAAA-MM-GG.")

    def party(self, node, what: str) -> Party:
        if node is None:
            self.fail(f"manca «{what}».")
        data = _child(node, "DatiAnagrafici")
        vat_id = _child(data, "IdFiscaleIVA")
        vat = (_text(vat_id, "IdPaese") + _text(vat_id, "IdCodice")) if vat_id is not None \
            else ""
        registry = _child(data, "Anagrafica")
        name = _text(registry, "Denominazione") or " ".join(
            p for p in (_text(registry, "Nome"), _text(registry, "Cognome")) if p)
        seat = _child(node, "Sede")
        address = " ".join(p for p in (_text(seat, "Indirizzo"), _text(seat, "NumeroCivico"),
                                       _text(seat, "CAP"), _text(seat, "Comune"),
                                       f"({_text(seat, 'Provincia')})"
                                       if _text(seat, "Provincia") else "") if p)
        return Party(name=name, vat=vat, tax_code=_text(data, "CodiceFiscale"),
                     address=address)

    def invoice(self, body, n: int, version: str, supplier: Party, customer: Party,
                office: str, problems) -> Invoice:
        self.where = f", fattura n. {n} del file"
        general = _child(_child(body, "DatiGenerali"), "DatiGeneraliDocumento")
        if general is None:
            self.fail("mancano i dati generali del documento (DatiGeneraliDocumento).")
        number = _text(general, "Numero")
        if not number:
            self.fail("manca il numero della fattura (Numero).")
        on = self.day(general, "Data", required=True)
        self.where = f", fattura n. {number} del {on:%d/%m/%Y}"
        goods = _child(body, "DatiBeniServizi")
        return Invoice(
            file=self.file, body=n, transmission_format=version, supplier=supplier,
            customer=customer, office_code=office,
            document_type=_text(general, "TipoDocumento"),
            currency=_text(general, "Divisa") or "EUR", number=number, on=on,
            causale=" ".join(c.text.strip() for c in _children(general, "Causale")
                             if c.text),
            lines=tuple(self.line(node) for node in _children(goods, "DettaglioLinee")),
            vat=tuple(self.summary(node) for node in _children(goods, "DatiRiepilogo")),
            payments=tuple(p for node in _children(body, "DatiPagamento")
                           for p in self.payments(node)),
            references=self.references(_child(body, "DatiGenerali")),
            stated_total=self.amount(general, "ImportoTotaleDocumento", required=False),
            payment_terms=_text(_child(body, "DatiPagamento"), "CondizioniPagamento"),
            schema_problems=problems)

    def line(self, node) -> InvoiceLine:
        number = _text(node, "NumeroLinea")
        return InvoiceLine(
            number=int(number) if number.isdigit() else 0,
            description=_text(node, "Descrizione"),
            quantity=self.amount(node, "Quantita", required=False),
            unit=_text(node, "UnitaMisura"),
            unit_price=self.amount(node, "PrezzoUnitario"),
            total=self.amount(node, "PrezzoTotale"),
            vat_rate=self.amount(node, "AliquotaIVA"),
            nature=_text(node, "Natura"))

    def summary(self, node) -> VatSummary:
        return VatSummary(
            rate=self.amount(node, "AliquotaIVA"), taxable=self.amount(node, "ImponibileImporto"),
            tax=self.amount(node, "Imposta"), esigibilita=_text(node, "EsigibilitaIVA"),
            nature=_text(node, "Natura"),
            rounding=self.amount(node, "Arrotondamento", required=False) or Decimal("0"))

    def payments(self, node) -> list[Payment]:
        return [Payment(method=_text(d, "ModalitaPagamento"),
                        amount=self.amount(d, "ImportoPagamento"),
                        due=self.day(d, "DataScadenzaPagamento"),
                        iban=_text(d, "IBAN").replace(" ", "").upper(),
                        beneficiary=_text(d, "Beneficiario"))
                for d in _children(node, "DettaglioPagamento")]

    def references(self, general) -> tuple[Reference, ...]:
        kinds = (("DatiOrdineAcquisto", "ordine"), ("DatiContratto", "contratto"),
                 ("DatiConvenzione", "convenzione"), ("DatiRicezione", "ricezione"),
                 ("DatiFattureCollegate", "fattura"))
        found = []
        for element, kind in kinds:
            for node in _children(general, element):
                lines = tuple(int(c.text) for c in _children(node, "RiferimentoNumeroLinea")
                              if (c.text or "").strip().isdigit())
                found.append(Reference(kind, _text(node, "IdDocumento"), self.day(node, "Data"),
                                       _text(node, "CodiceCIG"), _text(node, "CodiceCUP"),
                                       lines))
        return tuple(found)


# SdI's own tolerance on the summary (controlli 00421 and 00422 of the specifiche tecniche):
# the taxable amount of a rate may differ from the sum of its lines, and the tax from taxable
# times rate, by up to one euro.
SDI_TOLERANCE = Decimal("1.00")


def arithmetic_problems(invoice: Invoice) -> tuple[str, ...]:
    """What does not add up in the invoice, in words (SdI would have refused most of it;
    a file received by other channels may still carry it)."""
    found: list[str] = []
    for summary in invoice.vat:
        lines = sum((ln.total for ln in invoice.lines if ln.vat_rate == summary.rate and
                     ln.nature == summary.nature), Decimal("0.00"))
        rate = f"aliquota {summary.rate.normalize():f}%"
        if abs(lines + summary.rounding - summary.taxable) > SDI_TOLERANCE:
            found.append(f"{rate}: la somma delle righe ({_euro(lines)}) non corrisponde "
                         f"all'imponibile del riepilogo ({_euro(summary.taxable)}).")
        expected = (summary.taxable * summary.rate / 100).quantize(Decimal("0.01"))
        if abs(expected - summary.tax) > SDI_TOLERANCE:
            found.append(f"{rate}: l'imposta {_euro(summary.tax)} non è l'aliquota "
                         f"dell'imponibile ({_euro(expected)}).")
    if invoice.payments and invoice.document_type != CREDIT_NOTE:
        paid = sum((p.amount for p in invoice.payments), Decimal("0.00"))
        expected = invoice.payable_to_supplier
        if paid != expected and paid != invoice.total:
            found.append(f"le rate di pagamento sommano {_euro(paid)}, ma da pagare al "
                         f"fornitore risultano {_euro(expected)}.")
    return tuple(found)


def code_problems(invoice: Invoice) -> tuple[str, ...]:
    """A CIG or CUP the file carries that is not in the format of ANAC or DIPE: kept as
    written (it is what the supplier wrote), shown to the clerk."""
    found = []
    for code, name, length in ((invoice.cig, "CIG", CIG_LENGTH), (invoice.cup, "CUP",
                                                                   CUP_LENGTH)):
        if code and not (len(code) == length and code.isascii() and code.isalnum()):
            found.append(f"il {name} «{code}» indicato nella fattura non ha il formato "
                         f"previsto ({length} caratteri tra lettere e cifre).")
    return tuple(found)


def _euro(value: Decimal) -> str:
    return format_money(value)
