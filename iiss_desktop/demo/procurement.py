"""Demo Acquisti: the albo fornitori of the suppliers of the 2021 purchases the Fondi demo
commits (demo/procurement_suppliers.py), the procedure files of six of those purchases, from
the request to the order and the verbale of the delivery (demo/procurement_procedures.py), and
then the FatturaPA invoices, built here as the suppliers' software would (valid against the
official schema), signed in p7m for some, and imported as the office imports them
(services/procurement/invoices.py): the invoice of a purchase with an order names it (its
number and CIG) and is issued after the verbale, so that the import matches it to its order by
itself, as it does in the office.

Each invoice is for the amount of its impegno, IVA included (an impegno commits the gross
amount): taxable = total / 1.22 to the cent, IVA = total - taxable, under split payment
(esigibilità S, art. 17-ter DPR 633/72); the psychologist's service is exempt (Natura N4,
art. 10 n. 18 DPR 633/72).

Of the five invoices of an order, four agree with it to the cent; the paper's (1/2021) writes
the IVA as total less taxable (74,39 €) where the order computes 22 % of 338,11 € (74,38 €):
412,50 € against the order's 412,49 €, matched all the same, the difference shown in its
scheda (the anomaly the office checks before paying). The toner's order (n. 6/2021) has no
invoice: its impegno is not yet liquidated in Fondi (monitoring: «fattura non abbinata»).
The accepted goods are loaded (carico) on the day of their verbale (demo/procurement_carichi.py)
before the invoices come, so that each paid invoice names the inventory numbers it paid for.
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from xml.sax.saxutils import escape

from stdnum import luhn

from ..db.engine import Database
from ..domain.procurement.fatturapa import NAMESPACE
from ..queries.funds_lists import list_liquidations
from ..services.procurement.invoices import import_invoice_files
from ..services.procurement.procedures import set_dirigente_limit
from ..services.procurement.settlement import settle_invoice
from .days import office_day
from .funds import COMMITMENTS, CREDITORS, YEAR, demo_cig
from .users import DEMO_DIRIGENTE, DEMO_DSGA, acting_as

D = Decimal
SCHOOL_CF = "97123450583"
OFFICE_CODE = "UF1234"       # codice univoco ufficio of the demo school (IPA)
EXEMPT = {"psicologa"}
# A professional invoices with her own partita IVA (the Fondi demo knows only her codice
# fiscale): a number with a valid check digit.
PROFESSIONAL_VAT = "0912345072" + luhn.calc_check_digit("0912345072")   # Luhn, as P.IVA
SIGNED = {"info", "igiene"}  # these suppliers send signed p7m files


def _amounts(total: Decimal, exempt: bool) -> tuple[Decimal, Decimal, Decimal]:
    if exempt:
        return total, D("0.00"), D("0.00")
    taxable = (total / D("1.22")).quantize(D("0.01"), rounding=ROUND_HALF_UP)
    return taxable, total - taxable, D("22.00")


def _order_data(order: str, cig: str, contract: str = "") -> str:
    """DatiOrdineAcquisto, when the invoice names its order, else DatiContratto when it names
    the contract (the award) with its CIG (IdDocumento is required in both)."""
    element, document = ("DatiOrdineAcquisto", order) if order else ("DatiContratto", contract)
    if not document:
        return ""
    code = f"<CodiceCIG>{cig}</CodiceCIG>" if cig else ""
    return f"<{element}><IdDocumento>{escape(document)}</IdDocumento>{code}</{element}>"


def _detail_lines(text: str, taxable: Decimal, rate: Decimal, nature: str,
                  lines=None) -> str:
    """DettaglioLinee: the order's lines (description, quantity, unit, net unit price) when
    the invoice bills an order, else one line for the whole."""
    rows = [(text, D(1), "", taxable)] if not lines else \
        [(ln.description, D(ln.quantity), ln.unit, D(ln.unit_price)) for ln in lines]
    out = []
    for k, (what, qty, unit, price) in enumerate(rows, start=1):
        measure = f"<UnitaMisura>{escape(unit)}</UnitaMisura>" if unit else ""
        out.append(f"""<DettaglioLinee>
        <NumeroLinea>{k}</NumeroLinea><Descrizione>{escape(what)}</Descrizione>
        <Quantita>{qty:.2f}</Quantita>{measure}<PrezzoUnitario>{price:.2f}</PrezzoUnitario>
        <PrezzoTotale>{qty * price:.2f}</PrezzoTotale><AliquotaIVA>{rate:.2f}</AliquotaIVA>{nature}
      </DettaglioLinee>""")
    return "\n      ".join(out)


def fatturapa_xml(*, number: str, on: date, supplier, text: str, total: Decimal,
                  exempt: bool, order: str, progressive: int, cig: str,
                  contract: str = "", lines=None) -> bytes:
    taxable, tax, rate = _amounts(total, exempt)
    vat_id = supplier.vat_number or PROFESSIONAL_VAT
    tax_code = f"<CodiceFiscale>{supplier.tax_code}</CodiceFiscale>" \
        if supplier.tax_code and supplier.tax_code != supplier.vat_number else ""
    nature = "<Natura>N4</Natura>" if exempt else ""
    summary_nature = "<Natura>N4</Natura>" if exempt else ""
    esigibilita = "" if exempt else "<EsigibilitaIVA>S</EsigibilitaIVA>"
    reference = ("<RiferimentoNormativo>Esente art. 10 n. 18 DPR 633/72</RiferimentoNormativo>"
                 if exempt else "")
    due = office_day(on + timedelta(days=30))   # the supplier names an office day
    payable = taxable if not exempt else total
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<p:FatturaElettronica versione="FPA12" xmlns:p="{NAMESPACE}">
  <FatturaElettronicaHeader>
    <DatiTrasmissione>
      <IdTrasmittente><IdPaese>IT</IdPaese><IdCodice>{vat_id}</IdCodice></IdTrasmittente>
      <ProgressivoInvio>{progressive:05d}</ProgressivoInvio>
      <FormatoTrasmissione>FPA12</FormatoTrasmissione>
      <CodiceDestinatario>{OFFICE_CODE}</CodiceDestinatario>
    </DatiTrasmissione>
    <CedentePrestatore>
      <DatiAnagrafici>
        <IdFiscaleIVA><IdPaese>IT</IdPaese><IdCodice>{vat_id}</IdCodice></IdFiscaleIVA>
        {tax_code}
        <Anagrafica><Denominazione>{escape(supplier.name)}</Denominazione></Anagrafica>
        <RegimeFiscale>RF01</RegimeFiscale>
      </DatiAnagrafici>
      <Sede><Indirizzo>Via Roma 1</Indirizzo><CAP>70100</CAP><Comune>Bari</Comune>
        <Provincia>BA</Provincia><Nazione>IT</Nazione></Sede>
    </CedentePrestatore>
    <CessionarioCommittente>
      <DatiAnagrafici>
        <CodiceFiscale>{SCHOOL_CF}</CodiceFiscale>
        <Anagrafica><Denominazione>Istituto Comprensivo Gianni Rodari</Denominazione></Anagrafica>
      </DatiAnagrafici>
      <Sede><Indirizzo>Via dei Glicini 12</Indirizzo><CAP>00049</CAP><Comune>Velletri</Comune>
        <Provincia>RM</Provincia><Nazione>IT</Nazione></Sede>
    </CessionarioCommittente>
  </FatturaElettronicaHeader>
  <FatturaElettronicaBody>
    <DatiGenerali>
      <DatiGeneraliDocumento>
        <TipoDocumento>TD01</TipoDocumento><Divisa>EUR</Divisa>
        <Data>{on.isoformat()}</Data><Numero>{number}</Numero>
        <ImportoTotaleDocumento>{total:.2f}</ImportoTotaleDocumento>
        <Causale>{escape(text[:200])}</Causale>
      </DatiGeneraliDocumento>
      {_order_data(order, cig, contract)}
    </DatiGenerali>
    <DatiBeniServizi>
      {_detail_lines(text, taxable, rate, nature, lines)}
      <DatiRiepilogo>
        <AliquotaIVA>{rate:.2f}</AliquotaIVA>{summary_nature}
        <ImponibileImporto>{taxable:.2f}</ImponibileImporto><Imposta>{tax:.2f}</Imposta>
        {esigibilita}{reference}
      </DatiRiepilogo>
    </DatiBeniServizi>
    <DatiPagamento>
      <CondizioniPagamento>TP02</CondizioniPagamento>
      <DettaglioPagamento>
        <ModalitaPagamento>MP05</ModalitaPagamento>
        <DataScadenzaPagamento>{due.isoformat()}</DataScadenzaPagamento>
        <ImportoPagamento>{payable:.2f}</ImportoPagamento>
        <IBAN>{supplier.iban}</IBAN>
      </DettaglioPagamento>
    </DatiPagamento>
  </FatturaElettronicaBody>
</p:FatturaElettronica>
""".encode()


def _signed(content: bytes) -> bytes:
    """The envelope SdI delivers (the demo does not sign: the structure is what matters)."""
    from asn1crypto import cms

    return cms.ContentInfo({
        "content_type": "signed_data",
        "content": cms.SignedData({"version": "v1", "digest_algorithms": [],
                                   "encap_content_info": {"content_type": "data",
                                                          "content": content},
                                   "signer_infos": []}),
    }).dump()


def demo_invoices(orders: dict[int, tuple[int, date]] | None = None
                  ) -> list[tuple[date, str, bytes, int]]:
    """(receipt day, file name, bytes, impegno number) of every demo invoice, in order of
    receipt. ``orders``: impegno number -> (order number, day of its verbale or None) of the
    purchases with an order letter (demo/procurement_procedures.py): their invoice names that
    order (DatiOrdineAcquisto with its CIG) and is issued once the goods are verified; the
    others name no order (their CIG is in the impegno), so none is matched to an order."""
    from .procurement_procedures import PURCHASES, order_lines

    files = []
    for n, (day, _dest, _kind, amount, who, text, _fund, liquidated, _paid) in enumerate(
            COMMITMENTS, start=1):
        if not liquidated:
            continue
        supplier = CREDITORS[who]
        number, verified = (orders or {}).get(n, (None, None))
        issued = office_day(max(day + timedelta(days=9), verified or day))
        received = office_day(issued + timedelta(days=2))
        xml = fatturapa_xml(number=f"{n}/PA", on=issued, supplier=supplier, text=text,
                            total=D(amount), exempt=who in EXEMPT,
                            order=f"Ordine n. {number}/{YEAR}" if number else "",
                            contract=f"Affidamento {n}/{YEAR}", progressive=n,
                            cig=demo_cig(n),   # 10 characters, as ANAC issues them
                            lines=order_lines(n) if number and n in PURCHASES else None)
        vat = supplier.vat_number or PROFESSIONAL_VAT
        name = f"IT{vat}_{n:05d}.xml"
        if who in SIGNED:
            files.append((received, name + ".p7m", _signed(xml), n))
        else:
            files.append((received, name, xml, n))
    return sorted(files, key=lambda f: f[0])


def generate_procurement(db: Database, rng: random.Random, size: str) -> None:
    del rng, size       # fixed: the invoices of the Fondi demo's impegni
    from .procurement_procedures import accept_deliveries, issue_orders, open_procedures
    from .procurement_suppliers import generate_suppliers, register_suppliers

    register_suppliers(db)                # the albo's suppliers, before they are invited
    with acting_as(db, DEMO_DIRIGENTE):   # the Consiglio's limit for the dirigente
        set_dirigente_limit(db, D("40000.00"))
    procedures = open_procedures(db)      # requests, determine, quotations of 2021
    generate_suppliers(db, procedures=procedures)   # the albo fornitori, awards included
    orders = issue_orders(db, procedures)
    verified = accept_deliveries(db, orders)   # DDT and verbale of the goods
    from .procurement_carichi import load_deliveries

    load_deliveries(db, orders, verified)      # Inventario and Magazzino, then given out
    import_demo_invoices(db, {n: (order_number(db, oid), verified.get(n))
                              for n, oid in orders.items()})


def import_demo_invoices(db: Database, orders: dict[int, tuple[int, date | None]]) -> None:
    """Every demo invoice, in order of receipt, matched at import to its order when it has
    one, and paid by the liquidazione of its impegno (and its mandato, if issued)."""
    liquidations = {row.commitment: row.id for row in list_liquidations(db, YEAR)}
    with acting_as(db, DEMO_DSGA):
        for received, name, data, commitment in demo_invoices(orders):
            report = import_invoice_files(db, [(name, data)], received_on=received)
            if report.refused_count:      # the demo's own files must always import
                raise RuntimeError(f"{name}: {report.files[0].refused}")
            settle_invoice(db, report.invoices[0].id, liquidations[f"{commitment}/{YEAR}"])


def order_number(db: Database, order_id: int) -> int:
    from ..db.uow import read_session
    from ..models.procurement import PurchaseOrder

    with read_session(db) as s:
        return s.get(PurchaseOrder, order_id).number


def invoice_id_by_file(db: Database, name: str) -> int:
    from sqlalchemy import select

    from ..db.uow import read_session
    from ..models.procurement import Invoice, InvoiceFile

    with read_session(db) as s:
        return s.scalar(select(Invoice.id).join(InvoiceFile, InvoiceFile.id == Invoice.file_id)
                        .where(InvoiceFile.name == name))
