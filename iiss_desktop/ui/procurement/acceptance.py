"""Acquisti: the acceptance of an order («Consegne e collaudo…», Ctrl+Shift+K in «Procedure
d'acquisto»): the deliveries with their DDT and state, and under the list, each with its
mnemonic: Nuova consegna (the quantities delivered, line by line), Verbale (verifica di
conformità or certificato di regolare esecuzione), Carico (the proposal line by line, over
200 EUR IVA included to Inventario, else to Magazzino, a service to neither, confirmed by the
clerk; a warehouse line with its lot, expiry and units per ordered unit), the
annulments with their reason, Stampa il verbale."""
from __future__ import annotations

from datetime import date

from ...areas.procurement import PREPARE
from ...domain.dates import format_date
from ...domain.errors import DomainError
from ...domain.inventory.registers import REGISTERS
from ...domain.money import format_money
from ...domain.procurement import acceptance as rules
from ...domain.procurement.fields import DELIVERY, VERIFICATION
from ...queries.procurement_acceptance import acceptance_file
from ...queries.school import list_rooms
from ...queries.warehouse import list_article_rows, list_storerooms
from ...services.procurement import acceptance as svc
from ..common.dialogs import report_errors
from ..common.form import FieldSpec, FormDialog, spec_of
from ..common.list_dialog import ListAction, ListDialog
from ..common.table_model import Column, date_column


class AcceptanceDialog(ListDialog):
    """The deliveries of one order, their verbale and carico."""

    default_size = (1100, 460)
    columns = (date_column("delivered", "Consegna del"), Column("ddt", "DDT"),
               Column("received_by", "Ricevuta da", max_width=220),
               Column("lines", "Righe consegnate", max_width=300),
               Column("verbale", "Verbale", max_width=220),
               Column("state", "Stato"), Column("carico", "Carico", max_width=320))
    stretch_column = 6

    def __init__(self, parent, db, order_id: int):
        self.order_id = order_id
        self.file = acceptance_file(db, order_id)
        super().__init__(parent, db)

    def window_title(self) -> str:
        return (f"Consegne e collaudo – ordine n. {self.file.order_number}/"
                f"{self.file.order_year} a {self.file.supplier}")

    def intro_text(self) -> str:
        ordered = "; ".join(f"{x.line_no}. {x.description}: {x.delivered} di {x.quantity} "
                            f"{x.unit}".strip() for x in self.file.lines)
        return (f"{self.file.object}. Consegnato: {ordered}. Si carica in inventario un bene "
                "di prezzo unitario oltre 200,00 € IVA inclusa, il resto in magazzino, un "
                "servizio in nessuno dei due; prima serve il verbale di verifica.")

    def load(self):
        self.file = acceptance_file(self.db, self.order_id)
        return self.file.deliveries

    def key_of(self, d):
        return d.id

    def row_of(self, d):
        v = d.verbale
        lines = ", ".join(f"{x.line_no}: {x.quantity}" for x in d.lines)
        verbale = (f"n. {v.number}/{v.year} – {rules.OUTCOMES.get(v.outcome, v.outcome)}"
                   if v else "—")
        carico = "; ".join(f"{x.line_no}: {x.carico}" for x in d.lines if x.carico)
        state = d.state + (f" ({d.annul_reason})" if d.annulled_on else "")
        return (d.delivered_on, f"n. {d.ddt_number} del {format_date(d.ddt_date)}",
                d.received_by, lines, verbale, state, carico)

    def actions(self):
        live = lambda d: d.annulled_on is None  # noqa: E731
        return [ListAction("deliver", "&Nuova consegna…", self.new_delivery,
                           permission=PREPARE.code),
                ListAction("verify", "&Verbale…", self.new_verbale, default=True,
                           enabled_if=lambda d: live(d) and d.verbale is None,
                           permission=PREPARE.code),
                ListAction("carico", "&Carico…", self.carico,
                           enabled_if=lambda d: d.state == "da caricare",
                           permission=PREPARE.code),
                ListAction("annul_verbale", "Annulla il v&erbale…", self.annul_verbale,
                           enabled_if=lambda d: d.verbale is not None and not d.stocked,
                           permission=PREPARE.code),
                ListAction("annul", "Annulla la c&onsegna…", self.annul_delivery,
                           enabled_if=lambda d: live(d) and not d.stocked,
                           permission=PREPARE.code),
                ListAction("print", "S&tampa il verbale", self.print_verbale,
                           enabled_if=lambda d: bool(d.verbali))]

    # --- actions -----------------------------------------------------------------------------
    @report_errors
    def new_delivery(self) -> None:
        left = [x for x in self.file.lines if x.delivered != x.quantity]
        if not left:
            raise DomainError("L'ordine è già consegnato per intero.")
        specs = [spec_of(DELIVERY[n]) for n in ("delivered_on", "ddt_number", "ddt_date",
                                                "received_by")]
        for x in self.file.lines:
            specs.append(FieldSpec(f"q{x.id}", f"Riga {x.line_no} – {x.description[:50]}",
                                   max_length=30,
                                   help=f"ordinati {x.quantity} {x.unit}, già consegnati "
                                        f"{x.delivered}".strip()))
        specs.append(spec_of(DELIVERY["notes"]))
        values = {"delivered_on": date.today(), "ddt_date": date.today()}
        for x in self.file.lines:
            values[f"q{x.id}"] = _left(x.quantity, x.delivered)

        def save(v):
            return svc.record_delivery(self.db, svc.DeliveryInput(
                self.order_id, v["delivered_on"], v["ddt_number"], v["ddt_date"],
                v["received_by"], {x.id: v[f"q{x.id}"] or "0" for x in self.file.lines},
                v["notes"]))

        new_id = FormDialog.ask(self, "Nuova consegna con DDT", specs, values, on_submit=save)
        if new_id is not None:
            self.after_change()
            self.select(new_id)

    @report_errors
    def new_verbale(self) -> None:
        d = self.selected()
        if d is None:
            return
        specs = [spec_of(VERIFICATION[n]) for n in ("kind", "verified_on", "verified_by",
                                                    "outcome", "notes")]
        done = FormDialog.ask(
            self, f"Verbale della consegna – DDT n. {d.ddt_number}", specs,
            {"kind": "conformita", "verified_on": date.today(), "outcome": rules.CONFORME},
            on_submit=lambda v: svc.record_verification(self.db, svc.VerificationInput(
                d.id, v["verified_on"], v["verified_by"], v["outcome"] or "",
                v["kind"] or "", v["notes"])))
        if done is not None:
            self.after_change()
            self.footer_label.setText(f"Verbale n. {done.number}/{done.year} registrato.")
            self.footer_label.show()

    @report_errors
    def carico(self) -> None:
        d = self.selected()
        if d is None or d.state != "da caricare":
            return
        rooms = [(r.id, f"{r.site_name} – {r.name}") for r in list_rooms(self.db) if r.active]
        stores = [(r.id, f"{r.name} ({r.site_name})") for r in list_storerooms(self.db)
                  if r.active]
        articles = [(a.id, f"{a.code} – {a.description} ({a.unit})")
                    for a in list_article_rows(self.db) if a.active]
        specs = [FieldSpec("entry_date", "Data del carico", kind="date", required=True)]
        values = {"entry_date": date.today()}
        for x in d.lines:
            specs.append(FieldSpec(f"dest{x.id}", f"Riga {x.line_no} – {x.description[:50]} "
                                                  f"({x.quantity} {x.unit})".strip(),
                                   kind="choice", required=True,
                                   choices=list(rules.DESTINATIONS.items()),
                                   help=f"Proposta: {x.proposed_reason}"))
            values[f"dest{x.id}"] = x.proposed
            specs.append(FieldSpec(f"art{x.id}", f"Articolo di magazzino della riga "
                                                 f"{x.line_no}", kind="choice",
                                   choices=articles,
                                   help="Solo per una riga caricata in magazzino"))
            if x.proposed == rules.WAREHOUSE:   # what the warehouse needs of the article
                specs += _stock_specs(x.line_no)
        specs += [FieldSpec("category_register", "Inventario dei beni", kind="choice",
                            choices=list(REGISTERS.items())),
                  FieldSpec("room_id", "Locale dei beni inventariati", kind="choice",
                            choices=rooms),
                  FieldSpec("storeroom_id", "Magazzino del materiale di consumo",
                            kind="choice", choices=stores)]
        values["category_register"] = "inv-mobili"

        def save(v):
            lines = [svc.LineCarico(x.id, v[f"dest{x.id}"] or "",
                                    category_register=v["category_register"] or "inv-mobili",
                                    room_id=v["room_id"], article_id=v.get(f"art{x.id}"),
                                    lot=v.get(f"lot{x.line_no}") or "",
                                    expiry=v.get(f"exp{x.line_no}"),
                                    per_unit=v.get(f"per{x.line_no}") or None)
                     for x in d.lines]
            return svc.confirm_carico(self.db, svc.CaricoInput(
                d.id, v["entry_date"], lines, storeroom_id=v["storeroom_id"]))

        gross = "; ".join(f"riga {x.line_no} {format_money(x.gross_unit_price)}"
                          for x in d.lines)
        done = FormDialog.ask(self, f"Carico della consegna – DDT n. {d.ddt_number}", specs,
                              values, on_submit=save,
                              intro=f"Prezzi unitari IVA inclusa: {gross}. Confermare o "
                                    "cambiare la destinazione di ogni riga.")
        if done is not None:
            self.after_change()
            self.footer_label.setText("Caricato: " + "; ".join(
                f"riga {x.line_no}: {x.text}" for x in done.lines))
            self.footer_label.show()

    @report_errors
    def annul_verbale(self) -> None:
        d = self.selected()
        if d is None or d.verbale is None:
            return
        v = d.verbale
        done = FormDialog.ask(self, f"Annulla il verbale n. {v.number}/{v.year}", [
            FieldSpec("annulled_on", "Data dell'annullamento", kind="date", required=True),
            FieldSpec("reason", "Motivo dell'annullamento", required=True, max_length=500)],
            {"annulled_on": date.today()},
            on_submit=lambda x: svc.annul_verification(
                self.db, v.id, reason=x["reason"], annulled_on=x["annulled_on"]) or True)
        if done is not None:
            self.after_change()

    @report_errors
    def annul_delivery(self) -> None:
        d = self.selected()
        if d is None:
            return
        done = FormDialog.ask(self, f"Annulla la consegna – DDT n. {d.ddt_number}", [
            FieldSpec("annulled_on", "Data dell'annullamento", kind="date", required=True),
            FieldSpec("reason", "Motivo dell'annullamento", required=True, max_length=500)],
            {"annulled_on": date.today()},
            on_submit=lambda x: svc.annul_delivery(
                self.db, d.id, reason=x["reason"], annulled_on=x["annulled_on"]) or True)
        if done is not None:
            self.after_change()

    def print_verbale(self) -> None:
        from ..common.printing import print_report

        d = self.selected()
        if d is not None and d.verbali:
            v = d.verbali[0]
            self.last_job = print_report(self, self.db, "verbale-collaudo", anno=v.year,
                                         numero=v.number)


def _stock_specs(line_no: int) -> list[FieldSpec]:
    """Lot, expiry and units per ordered unit of a line loaded in the warehouse, named by the
    order line as the carico's errors are (lot{n}, per{n})."""
    only = "Solo per una riga caricata in magazzino"
    return [FieldSpec(f"lot{line_no}", f"Lotto della riga {line_no}", max_length=svc.LOT_LENGTH,
                      help=f"{only}: obbligatorio per un articolo gestito a lotti (DPI, "
                           "igienizzanti)"),
            FieldSpec(f"exp{line_no}", f"Scadenza del lotto, riga {line_no}", kind="date",
                      help=f"{only}: la scadenza del lotto, se ne ha una"),
            FieldSpec(f"per{line_no}", f"Unità per unità ordinata, riga {line_no}",
                      max_length=12, placeholder="1",
                      help=f"{only}: unità dell'articolo per unità ordinata, ad esempio 50 "
                           "per scatole da 50 pezzi con l'articolo contato a pezzi (vuoto: "
                           "1); il valore della riga non cambia")]


def _left(ordered: str, delivered: str) -> str:
    from decimal import Decimal

    left = Decimal(ordered.replace(",", ".")) - Decimal(delivered.replace(",", "."))
    text = str(int(left)) if left == left.to_integral() else format(left.normalize(), "f")
    return text.replace(".", ",")
