"""One PC of the office for the multi-PC tests: mixed calls through the real services.

    python tests/helpers/office_worker.py DB --user NAME --setup JSON --calls N --seed S
    python tests/helpers/office_worker.py DB --user NAME --first-start

Prints "attesa" once the archive is open and starts only when it reads a line, so that all
PCs start together. Mixed mode: inventory carichi, warehouse carichi, withdrawals against a
material request (request, approval, withdrawal), annulments of its own movements and goods.
A PC only takes out what it itself has put in and not yet taken out: any shortage would be a
lost update, never a legitimate refusal. ``--first-start``: the first start of a new PC on a
shared archive, i.e. the user is created if missing (8 PCs may do it at once).

Ends with one JSON line: {"calls", "services" (a withdrawal is 3), "errors", "messages",
"seconds", "retries"}.
Every DomainError is counted, never retried here: the test asserts none reaches the caller.
"""
from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from iiss_desktop.domain.errors import DomainError  # noqa: E402

DAY = date(2025, 10, 6)   # one fixed past day: dates never go backwards, never in the future
REASON = "Registrazione errata, ripetuta per prova"


class Worker:
    def __init__(self, db, setup: dict, rng: random.Random):
        self.db, self.ids, self.rng = db, setup, rng
        self.own: dict[tuple[int, int], int] = {}   # (article, storeroom) -> thousandths
        self.caricos: list[tuple[int, int, int, int]] = []   # movement, article, store, qty
        self.withdrawals: list[tuple[int, int, int, int]] = []
        self.goods: list[tuple[str, int]] = []    # (register, number) of inventory goods
        self.services = 0                          # service calls made (a withdrawal is 3)

    def _key(self):
        return self.rng.choice(self.ids["articles"]), self.rng.choice(self.ids["storerooms"])

    def warehouse_carico(self):
        from iiss_desktop.services.warehouse.movements import CaricoInput, carico
        from iiss_desktop.services.warehouse.posting import ItemInput

        art, store = self._key()
        qty = self.rng.randint(1, 5)
        value = Decimal(self.rng.randint(100, 5000)) / 100
        lot = "L2025" if art == self.ids["lot_article"] else ""
        self.services += 1
        ref = carico(self.db, CaricoInput(
            storeroom_id=store, entry_date=DAY, supplier="Cartoleria Rossi Srl",
            document_ref=f"DDT {self.rng.randint(1, 999)}",
            lines=[ItemInput(art, qty, value, lot=lot, expiry=date(2030, 12, 31) if lot
                             else None)]))
        self.own[art, store] = self.own.get((art, store), 0) + qty * 1000
        self.caricos.append((ref.movement_id, art, store, qty * 1000))

    def withdrawal(self):
        from iiss_desktop.services.warehouse.movements import WithdrawalInput, withdraw
        from iiss_desktop.services.warehouse.posting import ItemInput
        from iiss_desktop.services.warehouse.requests import (
            RequestInput,
            create_request,
            decide_request,
        )

        held = [k for k, q in self.own.items() if q >= 1000]
        if not held:
            return self.warehouse_carico()
        art, store = self.rng.choice(sorted(held))
        qty = self.rng.randint(1, self.own[art, store] // 1000)
        self.services += 3
        rid = create_request(self.db, RequestInput(
            requested_on=DAY, requester="Maria Bianchi", destination_kind="ufficio",
            destination="Segreteria didattica", lines=[(art, qty)]))
        decide_request(self.db, request_id=rid, approve=True, decided_on=DAY)
        ref = withdraw(self.db, WithdrawalInput(request_id=rid, storeroom_id=store,
                                                entry_date=DAY, lines=[ItemInput(art, qty)]))
        self.own[art, store] -= qty * 1000
        self.withdrawals.append((ref.movement_id, art, store, qty * 1000))

    def inventory_carico(self):
        from iiss_desktop.services.inventory.carico import CaricoInput, carico

        self.services += 1
        res = carico(self.db, CaricoInput(
            description="Personal computer portatile", quantity=1, entry_date=DAY,
            unit_value=Decimal("650.00"), room_id=self.ids["room"], supplier="Informatica Srl",
            invoice_number="FT 12/2025"))
        self.goods.append((res.register, res.numbers[0]))

    def annulment(self):
        from iiss_desktop.services.inventory.carico import annul_carico
        from iiss_desktop.services.warehouse.movements import annul_movement

        choice = self.rng.random()
        self.services += 1
        undo = [c for c in self.caricos if self.own.get((c[1], c[2]), 0) >= c[3]]
        if choice < 0.4 and self.withdrawals:
            mov, art, store, qty = self.withdrawals.pop(self.rng.randrange(len(self.withdrawals)))
            annul_movement(self.db, movement_id=mov, reason=REASON, entry_date=DAY)
            self.own[art, store] += qty
        elif choice < 0.8 and undo:
            mov, art, store, qty = undo[self.rng.randrange(len(undo))]
            self.caricos.remove((mov, art, store, qty))
            annul_movement(self.db, movement_id=mov, reason=REASON, entry_date=DAY)
            self.own[art, store] -= qty
        elif self.goods:
            register, number = self.goods.pop(self.rng.randrange(len(self.goods)))
            annul_carico(self.db, item_id=self._item_id(register, number), reason=REASON,
                         annulled_on=DAY)
        else:
            self.inventory_carico()

    def _item_id(self, register: str, number: int) -> int:
        from sqlalchemy import text

        with self.db.read_engine.connect() as conn:
            return conn.execute(text("SELECT id FROM inventory_item WHERE register = :r AND "
                                     "number = :n"), {"r": register, "n": number}).scalar_one()

    def one_call(self):
        r = self.rng.random()
        if r < 0.2:
            self.inventory_carico()
        elif r < 0.5:
            self.warehouse_carico()
        elif r < 0.8:
            self.withdrawal()
        else:
            self.annulment()


class _RetryCount(logging.Handler):
    """How many times db.retry ran an action again (reported, not asserted)."""

    count = 0

    def emit(self, record):
        if "ripetuto" in record.getMessage():
            self.count += 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--user", required=True)
    parser.add_argument("--setup", default="{}")
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--first-start", action="store_true")
    args = parser.parse_args(argv)

    from iiss_desktop.db.schema import open_database
    from tests.helpers.users import act_as_office

    retries = _RetryCount()
    logging.getLogger("iiss_desktop.db.retry").addHandler(retries)
    logging.getLogger("iiss_desktop.db.retry").setLevel(logging.INFO)
    db = open_database(args.db, create=args.first_start)
    if not args.first_start:
        act_as_office(db, args.user)
    print("attesa", flush=True)
    if not sys.stdin.readline():
        return 0
    calls = errors = 0
    messages: list[str] = []
    start = time.perf_counter()
    if args.first_start:
        jobs = [lambda: act_as_office(db, args.user)]
    else:
        worker = Worker(db, json.loads(args.setup), random.Random(args.seed))
        jobs = [worker.one_call] * args.calls
    for job in jobs:
        calls += 1
        try:
            job()
        except DomainError as exc:
            errors += 1
            if len(messages) < 5:
                messages.append(f"{type(exc).__name__}: {exc.message}")
    seconds = time.perf_counter() - start
    db.dispose()
    services = calls if args.first_start else worker.services
    print(json.dumps({"calls": calls, "services": services, "errors": errors,
                      "messages": messages, "seconds": seconds, "retries": retries.count}),
          flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
