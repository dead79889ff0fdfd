"""The prints of the office's communications on the demo: the register of a period (the
annulled struck with their reason) and the sheet of a survey with its figures and steps."""
from __future__ import annotations

from datetime import date

from iiss_desktop.queries.office_comms import survey, surveys
from iiss_desktop.reports.catalog import get_report
from iiss_desktop.services import office_comms as svc
from tests.helpers.pdf import pdf_flat


def test_the_register_of_a_period_lists_the_communications(demo_db, tmp_path):
    text = pdf_flat(get_report("registro-comunicazioni").build(
        demo_db, tmp_path / "r.pdf", dal=date(2020, 9, 1), al=date(2021, 8, 31)))
    assert "Registro delle comunicazioni con gli enti" in text
    assert "Dal 01/09/2020 al 31/08/2021: 13 comunicazioni, 1 annullate" in text
    assert "nessun dato sanitario di persone identificate" in text
    assert "Richiesta dei contatti scolastici di una classe della primaria" in text
    assert "4870/2020" in text
    assert "Registrata due volte" in text
    assert "Monitoraggio: Rilevazione dei DPI distribuiti al personale" in text
    assert "10/07/2026" not in text                     # outside the period


def test_the_survey_sheet_shows_figures_corrections_and_who(demo_db, tmp_path):
    (dpi,) = [s for s in surveys(demo_db) if s.kind == "dpi"]
    text = pdf_flat(get_report("scheda-monitoraggio").build(demo_db, tmp_path / "s.pdf",
                                                            numero=dpi.id))
    assert "Monitoraggio: Rilevazione dei DPI distribuiti al personale" in text
    assert "Periodo di riferimento: 01/05/2021 – 30/06/2021" in text
    assert "Stato: Inviata" in text and "Inviato il 09/07/2021 (Piattaforma, prot. 2873/2021)" \
        in text
    assert "DPI-CHIR Mascherine" in text and "15.000 pz" in text
    assert "Ricevute di consegna DPI" in text
    (pending,) = [s for s in surveys(demo_db) if s.kind == "assenze"]
    first = survey(demo_db, pending.id).figures[0]
    svc.correct_figure(demo_db, first.id, "4", "Un'assenza registrata in ritardo")
    text = pdf_flat(get_report("scheda-monitoraggio").build(demo_db, tmp_path / "t.pdf",
                                                            numero=pending.id))
    assert f"da {first.gathered_text}: Un'assenza registrata in ritardo" in text
    assert "1 dati corretti a mano" in text
