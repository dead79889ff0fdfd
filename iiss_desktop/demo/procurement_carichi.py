"""Demo Acquisti: the carico of the 2021 deliveries, confirmed line by line as the clerk
confirms it in the acceptance (services/procurement/acceptance.confirm_carico), on the day of
the verbale, and then what the Magazzino gave out of them that year.

- Paper and pens (order 1) go to the Magazzino of the sede and to the offices in February.
- The DPI (order 2): masks by the piece (a box holds 50: 300 boxes, 15.000 masks) and the gel
  each in its lot with its expiry; the surface disinfectant by the litre (5 l a can). The
  DPI go to the three plessi in two tranches with their dated receipts, the disinfectant to
  the collaboratori scolastici.
- The notebooks (order 4) go to the Inventario, four numbers, in the laboratory of the
  Collodi that asked for them (they are lent from there, DL 137/2020 art. 21).
- The sanitisation products of November (order 5) to the Magazzino, then to the plessi.
- The transport lines and the psychologist's service: «nessun carico». The toner's delivery
  (order 6) is left to load: the work list shows it.

Everything loaded is given out within 2021, so that the Magazzino demo's year (which starts
from an empty storeroom, demo/warehouse.py) finds the balances it counts on. The Inventario
demo loads its goods of 2021 and after once this has run (``Area.demo_late``).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from ..db.engine import Database
from ..db.uow import read_session, unit_of_work
from ..domain.procurement import acceptance as rules
from ..models.school import Room, Site
from ..models.warehouse import Article, Storeroom
from ..queries.procurement_acceptance import acceptance_file
from ..services.procurement.acceptance import CaricoInput, LineCarico, confirm_carico
from ..services.warehouse.movements import (
    DpiDelivery,
    WithdrawalInput,
    distribute_dpi_in,
    withdraw_in,
)
from ..services.warehouse.posting import ItemInput
from ..services.warehouse.requests import RequestInput, create_request_in, decide_request_in
from .days import office_day
from .users import DEMO_DSGA, acting_as

D = Decimal
DSGA_2021 = "Dott.ssa Paola Neri (DSGA)"


@dataclass(frozen=True)
class Stock:
    """Where a delivered line goes in the Magazzino."""
    article: str                 # article code
    per_unit: int = 1            # pieces (litres) of the article per unit ordered
    lot: str = ""
    expiry: date | None = None


# n of COMMITMENTS -> by line number: Stock, "inventario" or nothing (no carico)
CARICHI = {
    1: {1: Stock("CARTA-A4-80"), 2: Stock("PENNA-BLU")},
    5: {1: Stock("DPI-CHIR", 50, "MC-2104-17", date(2024, 4, 30)),
        2: Stock("DPI-GEL", 1, "GEL-2104-03", date(2023, 4, 30)),
        3: Stock("DISINF-SUP", 5)},
    6: {},
    8: {1: "inventario"},
    11: {1: Stock("DISINF-SUP", 5), 2: Stock("DISINF-SUP", 1), 3: Stock("PANNI-MICRO", 10)},
}
NOTEBOOKS_ROOM = ("PRIM", "Laboratorio di informatica")


def load_deliveries(db: Database, orders: dict[int, int], verified: dict[int, date]) -> None:
    """The carico of each accepted delivery of CARICHI, and what the year gave out of it."""
    with read_session(db) as s:
        articles = dict(s.execute(select(Article.code, Article.id)).all())
        sede = s.scalar(select(Storeroom.id).where(Storeroom.code == "MAG-SEDE"))
        room = s.scalar(select(Room.id).join(Site, Site.id == Room.site_id).where(
            Site.code == NOTEBOOKS_ROOM[0], Room.name == NOTEBOOKS_ROOM[1]))
        sites = {code: (sid, name) for code, sid, name in s.execute(
            select(Site.code, Site.id, Site.name))}
    with acting_as(db, DEMO_DSGA):
        for n in sorted(CARICHI, key=lambda k: verified[k]):
            on = verified[n]
            delivery = acceptance_file(db, orders[n]).deliveries[0]
            lines = []
            for dl in delivery.lines:
                target = CARICHI[n].get(dl.line_no)
                if target == "inventario":
                    lines.append(LineCarico(dl.id, rules.INVENTORY, room_id=room))
                elif isinstance(target, Stock):
                    lines.append(LineCarico(dl.id, rules.WAREHOUSE,
                                            article_id=articles[target.article],
                                            lot=target.lot, expiry=target.expiry,
                                            per_unit=D(target.per_unit)))
                else:
                    lines.append(LineCarico(dl.id, rules.NONE))
            confirm_carico(db, CaricoInput(delivery.id, on, lines, storeroom_id=sede))
            given = GIVEN_OUT.get(n)
            if given:
                given(db, on, sede, articles, sites)


def _request_and_withdraw(s, on: date, store: int, requester: str, kind: str, where: str,
                          lines: list[tuple[int, int]], site_id: int | None = None) -> None:
    """A request, approved the day after and collected whole the day after that."""
    asked = office_day(on + timedelta(days=1))
    rid = create_request_in(s, RequestInput(
        requested_on=asked, requester=requester, destination_kind=kind, destination=where,
        destination_site_id=site_id, storeroom_id=store, lines=[(a, D(q)) for a, q in lines]))
    decided = office_day(asked + timedelta(days=1))
    decide_request_in(s, request_id=rid, approve=True, decided_on=decided, approved={},
                      decided_by=DSGA_2021)
    withdraw_in(s, WithdrawalInput(
        request_id=rid, storeroom_id=store, entry_date=office_day(decided + timedelta(days=1)),
        lines=[ItemInput(a, D(q)) for a, q in lines], handed_by=DSGA_2021,
        received_by=requester))


def _paper(db, on, store, art, sites) -> None:
    """60 risme and 200 pens: half to the offices, half to the teachers of the sede."""
    with unit_of_work(db, reason="Archivio dimostrativo: magazzino 2021") as s:
        _request_and_withdraw(s, on, store, "Sig.ra Anna Ferri", "ufficio",
                              "Segreteria didattica",
                              [(art["CARTA-A4-80"], 30), (art["PENNA-BLU"], 100)],
                              sites["SEDE"][0])
        _request_and_withdraw(s, office_day(on + timedelta(days=3)), store,
                              "Prof.ssa Carla Russo", "ufficio", "Aula docenti della sede",
                              [(art["CARTA-A4-80"], 30), (art["PENNA-BLU"], 100)],
                              sites["SEDE"][0])
        s.commit()


PLESSI = ("SEDE", "PRIM", "INF")


def _dpi(db, on, store, art, sites) -> None:
    """15.000 masks and 160 gels to the plessi in two tranches (7.500 and 120 now, the rest
    after two weeks); the 200 l of disinfectant to the collaboratori scolastici."""
    tranches = ((office_day(on + timedelta(days=7)), (2500, 2500, 2500), (40, 40, 40)),
                (office_day(on + timedelta(days=14)), (2500, 2500, 2500), (14, 13, 13)))
    with unit_of_work(db, reason="Archivio dimostrativo: magazzino 2021") as s:
        _request_and_withdraw(s, on, store, "Sig. Mario Rinaldi (collaboratore scolastico)",
                              "ufficio", "Collaboratori scolastici sede",
                              [(art["DISINF-SUP"], 200)], sites["SEDE"][0])
        for day, masks, gels in tranches:
            distribute_dpi_in(s, storeroom_id=store, entry_date=day, handed_by=DSGA_2021,
                              deliveries=[DpiDelivery(
                                  f"Referente Covid – {sites[code][1]}", "plesso",
                                  sites[code][1], [ItemInput(art["DPI-CHIR"], D(m)),
                                                   ItemInput(art["DPI-GEL"], D(g))],
                                  sites[code][0])
                                  for code, m, g in zip(PLESSI, masks, gels)])
        s.commit()


def _sanitisation(db, on, store, art, sites) -> None:
    """400 l of disinfectant and 400 cloths: to each plesso for its collaboratori."""
    shares = ((140, 140), (140, 140), (120, 120))
    with unit_of_work(db, reason="Archivio dimostrativo: magazzino 2021") as s:
        for code, (litres, cloths) in zip(PLESSI, shares):
            sid, name = sites[code]
            _request_and_withdraw(s, on, store, f"Referente Covid – {name}", "plesso", name,
                                  [(art["DISINF-SUP"], litres), (art["PANNI-MICRO"], cloths)],
                                  sid)
        s.commit()


GIVEN_OUT = {1: _paper, 5: _dpi, 11: _sanitisation}
