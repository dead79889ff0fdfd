"""Ufficio › «Documenti»: the documents made from templates (register «documenti»): Nuovo
documento da modello… Ctrl+N, Stampa (PDF/A) Ctrl+P, Protocollo… Ctrl+Shift+R, Annulla…
Ctrl+Shift+A, Modelli… Ctrl+M (view and edit the templates: each save a new version).
Shown to who holds «office.documents»; editing templates needs «office.templates»."""
from __future__ import annotations

from datetime import date

from ...areas.office import DOCUMENTS, TEMPLATES
from ...areas.school import PROTOCOL
from ...domain import office_documents as rules
from ...domain.access import allowed
from ...domain.dates import format_date
from ...queries import office_documents as q
from ...services import office_documents as svc
from ..common.dialogs import report_errors
from ..common.form import FieldSpec, FormDialog
from ..common.printing import print_report
from ..common.table_model import Column, date_column
from ..common.table_tab import TableTab

COLUMNS = (
    Column("number", "N.", "right", max_width=70),
    date_column("issued_on", "Data"),
    Column("template", "Modello", max_width=460),
    Column("subject", "Oggetto", max_width=460),
    Column("protocol", "Protocollo", max_width=260),
    Column("state", "Stato", max_width=90),
)
_FORM_KINDS = {"text": "text", "long": "multiline", "date": "date", "person": "text"}
NEW_TEMPLATE = 0
KIND_CHOICES = list(rules.KINDS.items())


def field_specs(fields) -> list[FieldSpec]:
    """The form of a document: the fields its template declares, as declared."""
    return [FieldSpec(f.name, f.label, _FORM_KINDS.get(f.kind, "text"), required=f.required,
                      max_length=rules.MAX_VALUE if f.kind != "long" else None,
                      placeholder="nome e cognome" if f.kind == "person" else "")
            for f in fields]


def template_specs(new: bool) -> list[FieldSpec]:
    specs = [FieldSpec("title", "Titolo", required=True, max_length=rules.MAX_TITLE),
             FieldSpec("kind", "Tipo di documento", "choice", required=True,
                       choices=KIND_CHOICES),
             FieldSpec("body", "Testo del modello", "multiline", required=True,
                       help="Riga vuota: nuovo paragrafo; «# » all'inizio: titolo; «- »: "
                            "elenco; **grassetto**; {nome_campo}: un campo."),
             FieldSpec("fields", "Campi del modello", "multiline",
                       help="Uno per riga: nome | Etichetta | tipo (testo, testo lungo, data, "
                            "persona; «facoltativo» se può restare vuoto). Compilati "
                            "automaticamente: " + ", ".join("{" + n + "}" for n in
                                                            rules.AUTOMATIC_FIELDS) + "."),
             FieldSpec("note", "Nota della modifica", max_length=300,
                       placeholder="cosa cambia rispetto alla versione precedente")]
    if new:
        specs.insert(0, FieldSpec("code", "Codice", required=True, max_length=40,
                                  placeholder="es. nomina-referente-covid"))
    return specs


class TemplateDialog(FormDialog):
    """The form of a template, wide and tall enough to read and write its text."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        body = self.form.editors.get("body")
        if body is not None:
            body.setMaximumHeight(16777215)
            body.setMinimumHeight(380)
            body.setMinimumWidth(760)
        fields = self.form.editors.get("fields")
        if fields is not None:
            fields.setMaximumHeight(16777215)
            fields.setMinimumHeight(120)
        for name in ("body", "fields"):
            spec = self.form.specs.get(name)
            if spec is not None and name in self.form.editors:
                self.form.editors[name].setToolTip(spec.help)


def history_text(versions) -> str:
    return "Versioni: " + "; ".join(
        f"v. {v.number} del {format_date(v.recorded_at.date())}"
        + (f" ({v.note})" if v.note else "")
        + (f", {v.documents} documenti" if v.documents else "") for v in versions[:6])


class DocumentsPage(TableTab):
    area = "office"
    page_of_area = True
    title = "Documenti"
    intro = ("Documenti da modello: direttive, decreti, circolari, ordini di servizio, "
             "numerati nel registro dei documenti; la stampa è in PDF/A per il protocollo e "
             "la conservazione.")
    empty_text = "Nessun documento: «Nuovo documento da modello…» (Ctrl+N)."
    columns = COLUMNS

    def setup_actions(self) -> None:
        self.add_action("Nuovo documento da modello…", self.new_document, shortcut="Ctrl+N",
                        permission=DOCUMENTS,
                        tooltip="Scegliere il modello e compilarne i campi")
        self.add_action("Stampa (PDF/A)", self.print_selected, shortcut="Ctrl+P",
                        needs_selection=True, permission=DOCUMENTS,
                        tooltip="Il documento in PDF/A-2b, con il protocollo se registrato")
        self.add_action("Protocollo…", self.protocol, shortcut="Ctrl+Shift+R",
                        needs_selection=True, permission=PROTOCOL,
                        tooltip="Registrare il numero e la data di protocollo ricevuti")
        self.add_action("Annulla…", self.annul, shortcut="Ctrl+Shift+A",
                        needs_selection=True, permission=DOCUMENTS,
                        tooltip="Annullare il documento indicando il motivo")
        self.add_action("Modelli…", self.templates, shortcut="Ctrl+M", permission=DOCUMENTS,
                        tooltip="Vedere e modificare i modelli (ogni modifica è una nuova "
                                "versione)")

    def refresh(self) -> None:
        if allowed(self.db.current_user, DOCUMENTS):
            super().refresh()

    def load_rows(self):
        self._rows = {d.id: d for d in q.list_documents(self.db)}
        rows = [(f"{d.number}/{d.year}", d.issued_on, f"{d.template} (v. {d.version})",
                 d.subject, d.protocol_text, d.state) for d in self._rows.values()]
        return rows, list(self._rows)

    def changed(self) -> None:
        self.events.data_changed.emit(self.area)

    def _templates(self):
        found = q.list_templates(self.db)
        if not found:
            svc.install_templates(self.db)
            found = q.list_templates(self.db)
        return found

    def selected_document(self):
        return self._rows.get(self.selected_id()) if hasattr(self, "_rows") else None

    @report_errors
    def new_document(self, template_code: str | None = None) -> int | None:
        templates = self._templates()
        chosen = next((t for t in templates if t.code == template_code), None)
        if chosen is None:
            got = FormDialog.ask(self, "Nuovo documento da modello",
                                 [FieldSpec("template_id", "Modello", "choice", required=True,
                                            choices=[(t.id, f"{t.kind_label} – {t.title}")
                                                     for t in templates])],
                                 confirm_close=False)
            if not got:
                return None
            chosen = next(t for t in templates if t.id == got["template_id"])
        specs = [FieldSpec("subject", "Oggetto", required=True, max_length=300),
                 FieldSpec("issued_on", "Data del documento", "date", required=True),
                 *field_specs(chosen.fields)]

        def submit(v):
            values = {k: v[k] for k in v if k not in ("subject", "issued_on")}
            return svc.make_document(self.db, template_id=chosen.id, subject=v["subject"],
                                     values=values, issued_on=v["issued_on"])

        made = FormDialog.ask(self, f"{chosen.kind_label}: {chosen.title}", specs,
                              {"issued_on": date.today(), "subject": chosen.title},
                              on_submit=submit,
                              intro=f"Modello versione {chosen.version}. I dati dell'istituto "
                                    "(denominazione, dirigente, DSGA, anno scolastico, data) "
                                    "sono inseriti automaticamente.")
        if made is not None:
            self.changed()
        return made

    def print_selected(self) -> None:
        d = self.selected_document()
        if d is not None:
            self.last_job = print_report(self, self.db, "documento", anno=d.year,
                                         numero=d.number)

    @report_errors
    def protocol(self) -> None:
        from ...services.protocol import record_protocol

        d = self.selected_document()
        if d is None:
            return
        got = FormDialog.ask(
            self, f"Protocollo del documento n. {d.number}/{d.year}",
            [FieldSpec("protocol_number", "Numero di protocollo", required=True, max_length=40,
                       placeholder="es. 0001234/VI.3"),
             FieldSpec("protocol_date", "Data del protocollo", "date", required=True)],
            {"protocol_date": date.today()},
            on_submit=lambda v: record_protocol(self.db, report=q.REPORT, year=d.year,
                                                number=d.number, **v),
            intro="Il numero e la data che il protocollo ha dato al documento: da ora sono "
                  "stampati nel campo «Prot. n. … del …».")
        if got is not None:
            self.changed()

    @report_errors
    def annul(self) -> None:
        d = self.selected_document()
        if d is None:
            return
        got = FormDialog.ask(self, f"Annulla il documento n. {d.number}/{d.year}",
                             [FieldSpec("reason", "Motivo dell'annullamento", "multiline",
                                        required=True)],
                             on_submit=lambda v: svc.annul_document(self.db, d.id,
                                                                    v["reason"]),
                             intro="Il documento resta nel registro, annullato, con il motivo.")
        if got is not None:
            self.changed()

    @report_errors
    def templates(self) -> None:
        templates = self._templates()
        may_edit = allowed(self.db.current_user, TEMPLATES)
        choices = [(t.id, f"{t.kind_label} – {t.title} (v. {t.version})") for t in templates]
        if may_edit:
            choices.append((NEW_TEMPLATE, "Nuovo modello…"))
        got = FormDialog.ask(self, "Modelli dei documenti",
                             [FieldSpec("template_id", "Modello", "choice", required=True,
                                        choices=choices)],
                             confirm_close=False,
                             intro="Ogni modifica salva una nuova versione; i documenti già "
                                   "fatti restano con la versione da cui sono nati."
                                   + ("" if may_edit else " Modificare i modelli spetta al "
                                                          "dirigente e al DSGA."))
        if not got:
            return
        self.edit_template(next((t for t in templates if t.id == got["template_id"]), None))

    @report_errors
    def edit_template(self, template) -> tuple[int, int] | None:
        new = template is None
        values = {"kind": "circolare"} if new else {
            "title": template.title, "kind": template.kind, "body": template.body,
            "fields": rules.field_lines(list(template.fields))}
        intro = ("Riga vuota: nuovo paragrafo; «# » all'inizio: titolo; «- »: elenco; "
                 "**grassetto**; {nome_campo}: un campo del modello o un dato dell'istituto.")
        if not new:
            intro = history_text(q.template_versions(self.db, template.id)) + ". " + intro

        def submit(v):
            return svc.save_template(self.db, template_id=None if new else template.id,
                                     code=v.get("code", ""), title=v["title"], kind=v["kind"],
                                     body=v["body"], fields=v["fields"], note=v["note"])

        if not allowed(self.db.current_user, TEMPLATES):
            TemplateDialog.ask(self, f"Modello: {template.title}", template_specs(False),
                               values, intro=intro + " (sola lettura)", confirm_close=False)
            return None
        return TemplateDialog.ask(self, "Nuovo modello" if new else f"Modello: {template.title}",
                              template_specs(new), values, on_submit=submit, intro=intro)
