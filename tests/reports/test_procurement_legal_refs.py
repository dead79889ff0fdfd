"""The rules a print or an export cites are those in force on the day of the act (issue 17
item 3; domain.md 4.1-4.2). D.Lgs 36/2023 came into force on 1 April 2023 and applies from 1
July 2023; the demo's procedures of 2021 fall under D.Lgs 50/2016 with DL 76/2020 art. 1 c.2
(conv. L. 120/2020: lett. a the affidamento diretto, lett. b the procedura negoziata), as DL
77/2021 art. 51 amended it from 1 June 2021, and the notebooks under the derogation of DL
137/2020 art. 21.

The demo's determine (demo/procurement_procedures.py): n. 1 of 05/01/2021 (paper), n. 2 of
09/04 (DPI), n. 3 of 22/04 (psychologist), n. 4 of 27/05 (notebooks, in derogation), all
before 1 June 2021; n. 5 of 05/11/2021 (toner), after it. The verbale n. 1/2021 of 30/01/2021:
D.Lgs 50/2016 art. 102, not D.Lgs 36/2023 art. 116."""
from __future__ import annotations

from datetime import date

from iiss_desktop.domain.procurement.thresholds import (
    ABOVE_EU,
    DIRECT,
    NEGOTIATED_5,
    procedure_label_on,
)
from iiss_desktop.queries.procurement_monitoring import transparency_rows
from iiss_desktop.reports.catalog import get_report
from tests.helpers.pdf import pdf_flat

DIRECT_2021 = "Affidamento diretto (DL 76/2020 art. 1 c.2 lett. a)"
DIRECT_2021_AMENDED = ("Affidamento diretto (DL 76/2020 art. 1 c.2 lett. a, come modificato "
                       "dal DL 77/2021 art. 51)")


def test_the_labels_follow_the_day_of_the_procedure():
    assert procedure_label_on(DIRECT, date(2021, 5, 31)) == DIRECT_2021
    assert procedure_label_on(DIRECT, date(2021, 6, 1)) == DIRECT_2021_AMENDED
    assert procedure_label_on(NEGOTIATED_5, date(2021, 3, 1)) == (
        "Procedura negoziata senza bando, almeno 5 operatori (DL 76/2020 art. 1 c.2 lett. b)")
    assert procedure_label_on(ABOVE_EU, date(2022, 5, 2)) == (
        "Procedura ordinaria sopra la soglia europea (art. 35 D.Lgs 50/2016), tramite una "
        "centrale di committenza (art. 37)")
    # 30 June 2023 still under the old rules; 1 July 2023 under D.Lgs 36/2023.
    assert "36/2023" not in procedure_label_on(DIRECT, date(2023, 6, 30))
    assert procedure_label_on(DIRECT, date(2023, 7, 1)) == (
        "Affidamento diretto (art. 50 c.1 lett. a-b D.Lgs 36/2023)")


def test_the_transparency_export_of_2021_cites_the_rules_of_2021(demo_db):
    rows = transparency_rows(demo_db, 2021, "IC Rodari", date(2026, 12, 7))
    assert [r[3] for r in rows] == [
        DIRECT_2021, DIRECT_2021, DIRECT_2021,
        DIRECT_2021 + " – in deroga, DL 137/2020 art. 21",
        DIRECT_2021_AMENDED, DIRECT_2021_AMENDED]     # the sanitisation and the toner
    assert not any("36/2023" in cell for r in rows for cell in r)


def test_the_determina_of_2021_cites_the_rules_of_2021(demo_db, tmp_path):
    build = get_report("determina").build
    first = pdf_flat(build(demo_db, tmp_path / "d1.pdf", anno=2021, numero=1), layout=False)
    assert "Visti il D.Lgs 50/2016 (art. 32 c.2 e art. 36) e il DL 76/2020 (art. 1 c.2)" \
        in first
    assert DIRECT_2021 in first
    assert "Responsabile unico del procedimento (art. 31 D.Lgs 50/2016)" in first
    assert "36/2023" not in first
    fifth = pdf_flat(build(demo_db, tmp_path / "d5.pdf", anno=2021, numero=5), layout=False)
    assert "DL 77/2021 art. 51" in fifth and "36/2023" not in fifth


def test_the_verbale_of_2021_cites_the_rules_of_2021(demo_db, tmp_path):
    text = pdf_flat(get_report("verbale-collaudo").build(demo_db, tmp_path / "v.pdf",
                                                         anno=2021, numero=1), layout=False)
    assert "D.Lgs 50/2016 art. 102" in text and "36/2023" not in text


def test_the_certificate_of_a_service_speaks_of_execution_not_of_goods(demo_db, tmp_path):
    """The demo's certificato n. 3/2021 closes the psychological support service: its
    document is the register of the meetings, not a DDT."""
    text = pdf_flat(get_report("verbale-collaudo").build(demo_db, tmp_path / "c.pdf",
                                                         anno=2021, numero=3), layout=False)
    assert "Certificato di regolare esecuzione n. 3/2021" in text
    assert "ha accertato la regolare esecuzione" in text
    assert "DDT" not in text and "Merce" not in text and "Verbale di certificato" not in text
    goods = pdf_flat(get_report("verbale-collaudo").build(demo_db, tmp_path / "v4.pdf",
                                                          anno=2021, numero=4), layout=False)
    # the notebooks' verbale n. 4/2021 is a verifica di conformità of goods, with its DDT
    assert "Verbale di verifica di conformità n. 4/2021" in goods
    assert "ha eseguito la verifica di conformità della fornitura" in goods and "DDT n." in goods
