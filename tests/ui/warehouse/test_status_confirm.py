"""After Richiesta, Approva and Prelievo the status bar says which number was recorded, and
after Prelievo offers the buono di prelevamento (issue 13 item 4); the approval table shows the
storeroom's stock beside each line."""
from __future__ import annotations

from datetime import date

from iiss_desktop.queries import warehouse as q
from iiss_desktop.services.warehouse import requests as svc
from iiss_desktop.ui.common import printing
from iiss_desktop.ui.warehouse.request_dialogs import ApprovalDialog, WithdrawalDialog
from tests.helpers.pdf import pdf_text


def _plain_article_in_stock(db):
    from tests.ui.warehouse.test_tab import _plain_articles_in_stock

    store, (article,) = _plain_articles_in_stock(db, 1)
    return store, article, q.stock_of(db, article.id, store)


def test_approve_then_withdraw_confirms_and_offers_the_buono(qtbot, main_window, demo_db,
                                                             monkeypatch):
    opened = []
    monkeypatch.setattr(printing, "open_pdf", lambda path: opened.append(path) or True)
    store, article, have = _plain_article_in_stock(demo_db)
    rid = svc.create_request(demo_db, svc.RequestInput(
        requested_on=date.today(), requester="Maria Bianchi", destination_kind="ufficio",
        destination="Segreteria didattica", lines=[(article.id, 2)], storeroom_id=store))
    ref = q.request_ref(demo_db, rid)
    main_window.tabs.setCurrentIndex(next(i for i in range(main_window.tabs.count())
                                          if main_window.tabs.tabText(i) == "Magazzino"))
    tab = main_window.tabs.currentWidget()

    def approve(dialog: ApprovalDialog):
        dialog.show()
        combo = dialog.form.editors["request_id"]
        combo.setCurrentIndex(combo._values.index(rid))
        # Richiesta 2, Giacenza what the storeroom holds (independent: the stock query).
        assert dialog.table.lines[0].shown == (2_000, have)
        dialog.approve_button.click()
        return dialog.result()

    monkeypatch.setattr(ApprovalDialog, "exec", approve)
    tab.decide()
    bar = main_window.statusBar()
    assert bar.currentMessage() == (f"Richiesta di materiale n. {ref} approvata: si evade con "
                                    "«Prelievo…».")

    def withdraw(dialog: WithdrawalDialog):
        dialog.show()
        combo = dialog.form.editors["request_id"]
        combo.setCurrentIndex(combo._values.index(rid))
        dialog.form.editors["received_by"].setText("Maria Bianchi")
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(WithdrawalDialog, "exec", withdraw)
    tab.new_withdrawal()
    movement = tab.last_movement
    assert bar.currentMessage() == (f"Buono di prelevamento n. {movement.number}/"
                                    f"{movement.year} registrato.")
    button = next(w for w in bar.children() if w.objectName() == "statusAction")
    assert button.text() == "&Stampa il buono"
    button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=30000)
    assert f"n. {movement.number}/{movement.year}" in pdf_text(opened[0], page=1)
