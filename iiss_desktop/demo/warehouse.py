"""Demo magazzino: about 150 articles in three storerooms, a school year of carichi, requests
in every state, withdrawals, transfers, a stocktake and DPI lots with expiry dates.

Everything goes through the service functions, inside ONE unit of work: a year of movements
in one transaction keeps `iiss-desktop demo` within a few seconds (one fsync, not hundreds).
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from ..db.engine import Database
from ..db.uow import unit_of_work
from ..models.warehouse import Balance
from ..queries.school import list_rooms, list_sites
from ..services.warehouse.master_data import save_article, save_storeroom
from ..services.warehouse.movements import (
    CaricoInput,
    DpiDelivery,
    WithdrawalInput,
    annul_movement_in,
    carico_in,
    distribute_dpi_in,
    stocktake_in,
    transfer_in,
    withdraw_in,
)
from ..services.warehouse.posting import ItemInput
from ..services.warehouse.requests import RequestInput, create_request_in, decide_request_in
from .days import office_day, office_day_before

D = Decimal
# (category, unit, price per unit IVA incl., supplier, items (code, description)); an
# article whose price is not the line's has it in PRICES.
CATALOGUE = [
    ("Cancelleria", "risma", D("4.20"), "Cartoleria Rossi Srl",
     [("CARTA-A4-80", "Carta A4 80 g/m² bianca"), ("CARTA-A4-100", "Carta A4 100 g/m² bianca"),
      ("CARTA-A3-80", "Carta A3 80 g/m² bianca"), ("CARTA-A4-RIC", "Carta A4 riciclata"),
      ("CARTA-A4-COL", "Carta A4 colorata assortita")]),
    ("Cancelleria", "pz", D("0.45"), "Cartoleria Rossi Srl",
     [(f"PENNA-{c}", f"Penna a sfera {n}") for c, n in (("BLU", "blu"), ("NER", "nera"),
                                                           ("ROS", "rossa"), ("VER", "verde"))]
     + [(f"MATITA-{h}", f"Matita grafite {h}") for h in ("HB", "2B", "H")]
     + [(f"EVID-{c}", f"Evidenziatore {n}") for c, n in (("GIA", "giallo"), ("VER", "verde"),
                                                           ("ARA", "arancio"), ("ROS", "rosa"))]
     + [("GOMMA", "Gomma bianca"), ("TEMPERINO", "Temperamatite con serbatoio"),
        ("COLLA-STICK", "Colla stick 20 g"), ("COLLA-VIN", "Colla vinilica 250 g"),
        ("FORBICI", "Forbici a punta arrotondata"), ("RIGHELLO", "Righello 30 cm"),
        ("NASTRO-ADES", "Nastro adesivo 19 mm"), ("CORRETTORE", "Correttore a nastro"),
        ("PUNTI-6", "Punti metallici 24/6 (conf. 1000)"), ("GRAFFETTE", "Fermagli n. 3"),
        ("POST-IT", "Foglietti adesivi 76×76"), ("CUCITRICE", "Cucitrice da tavolo"),
        ("PERFORATORE", "Perforatore 2 fori"), ("TIMBRO-INK", "Inchiostro per timbri"),
        ("INDEL-NER", "Pennarello indelebile nero"), ("INDEL-BLU", "Pennarello indelebile blu"),
        ("CUTTER", "Cutter con lama a scatto"), ("LEVAPUNTI", "Levapunti"),
        ("SPILLATRICE", "Spillatrice a pinza"), ("PORTAPENNE", "Portapenne da scrivania"),
        ("CALCOLATRICE", "Calcolatrice da tavolo"), ("ELASTICI", "Elastici assortiti")]),
    ("Cancelleria", "conf", D("3.80"), "Ufficio Facile Srl",
     [("BUSTE-C5", "Buste C5 bianche (conf. 50)"), ("BUSTE-C4", "Buste C4 a sacco (conf. 50)"),
      ("BUSTE-TRASP", "Buste trasparenti a foratura universale (conf. 50)"),
      ("CARTELLINE", "Cartelline in cartoncino (conf. 25)"),
      ("FALDONI", "Faldoni d'archivio dorso 8 (conf. 10)"),
      ("RACCOGLITORI", "Raccoglitori ad anelli dorso 5 (conf. 6)"),
      ("ETICHETTE", "Etichette adesive A4 3×8 (conf. 100 fogli)"),
      ("CARTONCINO", "Cartoncino colorato 50×70 (conf. 10)"),
      ("QUADERNI-R", "Quaderni a righe (conf. 10)"),
      ("QUADERNI-Q", "Quaderni a quadretti (conf. 10)")]),
    ("Materiale didattico", "conf", D("6.50"), "Didattica Scientifica Srl",
     [("TEMPERE", "Tempere 12 colori"), ("PENNARELLI", "Pennarelli 24 colori"),
      ("PASTELLI", "Pastelli 24 colori"), ("PLASTILINA", "Plastilina 10 panetti"),
      ("GESSI-BIAN", "Gessetti bianchi (conf. 100)"),
      ("GESSI-COL", "Gessetti colorati (conf. 100)"),
      ("PENNARELLI-LIM", "Pennarelli per lavagna bianca (conf. 4)"),
      ("CANCELLINI", "Cancellini per lavagna (conf. 5)"), ("PENNELLI", "Pennelli assortiti"),
      ("DAS", "Pasta modellabile 1 kg"), ("CARTA-CREP", "Carta crespa (conf. 10)"),
      ("GLITTER", "Glitter assortiti"), ("COMPASSI", "Compassi (conf. 5)"),
      ("CARTA-PACCHI", "Carta da pacchi (rotolo)"), ("CARTELLONI", "Cartelloni 70×100 (conf. 10)"),
      ("COLORI-DITA", "Colori a dita 6 vasetti"), ("ACQUERELLI", "Acquerelli 12 colori"),
      ("PASTELLI-CERA", "Pastelli a cera 12 colori"), ("MATITE-COL", "Matite colorate 12"),
      ("FORBICI-SX", "Forbici per mancini (conf. 5)"), ("SQUADRE", "Squadre 45° e 60°"),
      ("GONIOMETRI", "Goniometri (conf. 10)"),
      ("LAVAGNETTE", "Lavagnette cancellabili (conf. 5)")]),
    ("Stampati", "pz", D("2.90"), "Tipografia Velletrana",
     [("REG-CLASSE", "Registro di classe cartaceo"), ("REG-PROT", "Registro di protocollo"),
      ("MOD-ASSENZE", "Libretto delle giustificazioni"), ("MOD-PERMESSI", "Blocco moduli permessi"),
      ("MOD-FERIE", "Blocco moduli ferie"), ("VERBALI", "Registro dei verbali"),
      ("PAGELLE", "Cartelline per documenti di valutazione"), ("DIPLOMI", "Diplomi di licenza"),
      ("REG-ATA", "Registro presenze personale ATA"), ("REG-MAG", "Registro di carico e scarico"),
      ("BUONI-PREL", "Blocco buoni di prelevamento"), ("MOD-INFORT", "Moduli denuncia infortuni")]),
    ("Materiale informatico", "pz", D("48.00"), "Informatica Srl",
     [(f"TONER-{m.replace(' ', '')}", f"Toner per stampante {m}")
      for m in ("HP 59A", "HP 26X", "Brother TN2420", "Kyocera TK-1170", "Samsung D111S",
                "Canon 052", "Epson T664", "HP 410A", "Ricoh SP 150", "Lexmark 502")]
     + [(f"CART-{c}", f"Cartuccia inkjet {n}") for c, n in (("NER", "nera"), ("CIA", "ciano"),
                                                            ("MAG", "magenta"), ("GIA", "gialla"))]
     + [("USB-32", "Chiavetta USB 32 GB"), ("USB-64", "Chiavetta USB 64 GB"),
        ("BATT-AA", "Batterie stilo AA (conf. 4)"),
        ("BATT-AAA", "Batterie ministilo AAA (conf. 4)"),
        ("MOUSE", "Mouse USB"), ("TASTIERA", "Tastiera USB"), ("CAVO-HDMI", "Cavo HDMI 3 m"),
        ("CUFFIE", "Cuffie con microfono"), ("CD-R", "CD-R (conf. 10)"),
        ("HUB-USB", "Hub USB 4 porte"), ("ADATT-USBC", "Adattatore USB-C/HDMI"),
        ("CIABATTA", "Multipresa 6 posti con interruttore"), ("MOUSEPAD", "Tappetino per mouse")]),
    ("Pulizia e igiene", "l", D("2.60"), "Igiene Castelli Srl",
     [("DET-PAV", "Detergente pavimenti"), ("DET-VETRI", "Detergente vetri"),
      ("DET-BAGNI", "Disincrostante bagni"), ("CANDEGGINA", "Candeggina"),
      ("SAPONE-LIQ", "Sapone liquido mani"), ("SGRASSATORE", "Sgrassatore universale"),
      ("ALCOOL", "Alcool denaturato"), ("CERA", "Cera per pavimenti"),
      ("DISINF-SUP", "Disinfettante per superfici"), ("DET-STOV", "Detergente lavastoviglie"),
      ("AMMONIACA", "Ammoniaca profumata")]),
    ("Pulizia e igiene", "rotolo", D("0.85"), "Igiene Castelli Srl",
     [("CARTA-IGIEN", "Carta igienica"), ("ASCIUGAMANI", "Asciugamani di carta"),
      ("CARTA-MULTI", "Carta multiuso"), ("SACCHI-NERI", "Sacchi nettezza 70×110 (rotolo)"),
      ("SACCHI-PIC", "Sacchetti 50×60 (rotolo)")]),
    ("Pulizia e igiene", "pz", D("3.40"), "Igiene Castelli Srl",
     [("SCOPA", "Scopa per interni"), ("MOCIO", "Mocio in cotone"),
      ("SECCHIO", "Secchio con strizzatore"),
      ("PANNI-MICRO", "Panni in microfibra"), ("SPUGNE", "Spugne abrasive"),
      ("PALETTA", "Paletta con manico"), ("SPRUZZINO", "Spruzzino 750 ml"),
      ("TERGIVETRO", "Tergivetro 35 cm"), ("SPOLVERINO", "Piumino spolverino")]),
    ("Pulizia e igiene", "paio", D("1.20"), "Igiene Castelli Srl",
     [("GUANTI-GOM-M", "Guanti in gomma taglia M"), ("GUANTI-GOM-L", "Guanti in gomma taglia L")]),
    ("Primo soccorso", "pz", D("4.50"), "Farmacia Comunale",
     [("CEROTTI", "Cerotti assortiti"), ("GARZE", "Garze sterili"),
      ("GHIACCIO", "Ghiaccio istantaneo"),
      ("DISINF-CUT", "Disinfettante cutaneo"), ("BENDE", "Bende elastiche"),
      ("CASSETTA-PS", "Reintegro cassetta di pronto soccorso")]),
]
# Prices IVA included as on a 2025 supplier's list (MePA / Consip catalogues of stationery and
# consumables): a calculator is not 0,45 € nor a pack of batteries 48 €.
PRICES = {
    "CARTA-A4-100": D("5.60"), "CARTA-A3-80": D("8.90"), "CARTA-A4-COL": D("6.80"),
    "MATITA-HB": D("0.35"), "MATITA-2B": D("0.35"), "MATITA-H": D("0.35"),
    "EVID-GIA": D("0.90"), "EVID-VER": D("0.90"), "EVID-ARA": D("0.90"), "EVID-ROS": D("0.90"),
    "GOMMA": D("0.40"), "TEMPERINO": D("1.20"), "COLLA-STICK": D("1.10"),
    "COLLA-VIN": D("2.40"), "FORBICI": D("1.60"), "RIGHELLO": D("0.80"),
    "NASTRO-ADES": D("0.95"), "CORRETTORE": D("1.70"), "PUNTI-6": D("0.90"),
    "GRAFFETTE": D("0.70"), "POST-IT": D("1.30"), "CUCITRICE": D("8.50"),
    "PERFORATORE": D("7.90"), "TIMBRO-INK": D("3.20"), "INDEL-NER": D("1.10"),
    "INDEL-BLU": D("1.10"), "CUTTER": D("1.90"), "LEVAPUNTI": D("1.20"),
    "SPILLATRICE": D("9.80"), "PORTAPENNE": D("3.50"), "CALCOLATRICE": D("12.90"),
    "ELASTICI": D("1.50"),
    "BUSTE-C4": D("5.90"), "FALDONI": D("14.50"), "RACCOGLITORI": D("11.90"),
    "ETICHETTE": D("18.50"), "CARTONCINO": D("6.20"), "QUADERNI-R": D("7.90"),
    "QUADERNI-Q": D("7.90"),
    "GESSI-BIAN": D("3.90"), "GESSI-COL": D("4.50"), "PENNARELLI-LIM": D("4.90"),
    "CANCELLINI": D("5.50"), "CARTA-PACCHI": D("4.80"), "CARTELLONI": D("8.90"),
    "GONIOMETRI": D("5.90"), "LAVAGNETTE": D("12.50"), "SQUADRE": D("2.20"),
    "REG-CLASSE": D("6.50"), "REG-PROT": D("18.00"), "VERBALI": D("9.50"),
    "DIPLOMI": D("1.20"), "REG-ATA": D("8.50"), "REG-MAG": D("12.00"),
    "TONER-HP59A": D("89.00"), "TONER-HP26X": D("119.00"), "TONER-BrotherTN2420": D("62.00"),
    "TONER-KyoceraTK-1170": D("78.00"), "TONER-SamsungD111S": D("58.00"),
    "TONER-Canon052": D("84.00"), "TONER-EpsonT664": D("9.90"), "TONER-HP410A": D("95.00"),
    "TONER-RicohSP150": D("52.00"), "TONER-Lexmark502": D("69.00"),
    "CART-NER": D("22.00"), "CART-CIA": D("16.50"), "CART-MAG": D("16.50"),
    "CART-GIA": D("16.50"), "USB-32": D("7.90"), "USB-64": D("11.90"),
    "BATT-AA": D("4.90"), "BATT-AAA": D("4.90"), "MOUSE": D("8.90"), "TASTIERA": D("14.90"),
    "CAVO-HDMI": D("7.50"), "CUFFIE": D("19.90"), "CD-R": D("6.50"), "HUB-USB": D("12.90"),
    "ADATT-USBC": D("16.90"), "CIABATTA": D("12.50"), "MOUSEPAD": D("3.20"),
    "CERA": D("4.20"), "DISINF-SUP": D("3.80"), "DET-STOV": D("3.90"), "ALCOOL": D("2.10"),
    "SCOPA": D("4.50"), "MOCIO": D("2.90"), "SECCHIO": D("12.90"), "PANNI-MICRO": D("1.20"),
    "SPUGNE": D("0.60"), "PALETTA": D("2.80"), "SPRUZZINO": D("1.50"), "TERGIVETRO": D("6.90"),
    "CEROTTI": D("3.20"), "GARZE": D("2.80"), "GHIACCIO": D("1.90"), "DISINF-CUT": D("4.90"),
    "BENDE": D("2.40"), "CASSETTA-PS": D("39.00"),
}
# Quantities bought at once by value: a school orders a few toners and boxes of paper by the
# hundred (the random count of the generator is scaled by the unit price).
def _scaled(n: int, price: Decimal, central: bool = True) -> int:
    """``central``: the sede's storeroom, bought for the whole school (the plessi's small
    storerooms keep the generator's counts of cheap articles)."""
    if price >= 40:
        return max(1, n // 10)
    if price >= 10:
        return max(2, n // 4)
    if price >= 3 and central:
        return max(2, n // 2)
    return n


# DPI: unit, price, lots tracked (distributed with a dated receipt).
DPI = [
    ("DPI-CHIR", "Mascherine chirurgiche monouso", "pz", D("0.08")),
    ("DPI-FFP2", "Mascherine FFP2", "pz", D("0.55")),
    ("DPI-GEL", "Gel igienizzante mani 500 ml", "flacone", D("3.90")),
    ("DPI-NITR-M", "Guanti in nitrile taglia M (conf. 100)", "conf", D("7.50")),
    ("DPI-NITR-L", "Guanti in nitrile taglia L (conf. 100)", "conf", D("7.50")),
    ("DPI-VISIERA", "Visiera protettiva", "pz", D("2.20")),
    ("DPI-CAMICI", "Camici monouso", "pz", D("1.10")),
    ("DPI-TERMO", "Termometro a infrarossi", "pz", D("29.00")),
]
OFFICES = ["Segreteria didattica", "Segreteria del personale", "Ufficio protocollo",
           "Ufficio DSGA", "Presidenza", "Laboratorio di informatica", "Laboratorio di scienze",
           "Collaboratori scolastici sede", "Biblioteca"]
PEOPLE = ["Maria Bianchi", "Luca Verdi", "Giulia Russo", "Paolo Esposito", "Anna Romano",
          "Marco Colombo", "Sara Ricci", "Francesca Marino", "Davide Greco", "Elena Bruno"]
NEGLECTED = ("TONER-CANON052", "CARTA-A3-80", "DET-VETRI", "BATT-AAA", "MOD-FERIE", "DPI-TERMO")


def generate_warehouse(db: Database, rng: random.Random, size: str) -> None:
    today = date.today()
    start = today - timedelta(days=365)
    sites = {s.code: s for s in list_sites(db)}
    stores_rooms = {r.site_code: r.id for r in list_rooms(db) if r.name == "Magazzino"}
    stores = {}
    for code, site, name in (("MAG-SEDE", "SEDE", "Magazzino centrale (sede)"),
                             ("MAG-PRIM", "PRIM", "Magazzino primaria Collodi"),
                             ("MAG-INF", "INF", "Magazzino infanzia Il Girasole")):
        stores[site] = save_storeroom(db, {"code": code, "name": name,
                                           "site_id": sites[site].id,
                                           "room_id": stores_rooms.get(site)})
    articles = {}   # code -> (id, unit, price, supplier, min milli)
    for category, unit, price, supplier, items in CATALOGUE:
        for code, text in items:
            minimum = _scaled(rng.choice((5, 10, 20)), PRICES.get(code, price)) * 1000
            aid = save_article(db, {"code": code, "description": text, "unit": unit,
                                    "category": category, "supplier": supplier,
                                    "min_stock": D(minimum) / 1000})
            listed = PRICES.get(code, price)
            articles[code.upper()] = (aid, unit, (listed * D(rng.choice((95, 100, 105))) / 100
                                                  ).quantize(D("0.01")), supplier, minimum)
    for code, text, unit, price in DPI:
        aid = save_article(db, {"code": code, "description": text, "unit": unit,
                                "category": "DPI", "supplier": "Struttura commissariale",
                                "min_stock": D(50 if unit == "pz" else 5),
                                "is_dpi": True, "tracks_lots": True})
        articles[code] = (aid, unit, price, "Struttura commissariale",
                          (50 if unit == "pz" else 5) * 1000)
    _LATER[id(db)] = (today, start, stores, sites, articles)


# The storerooms and articles first (the Acquisti demo loads its 2021 deliveries into them
# and gives them out that year), then the last year of the office's work, after it.
_LATER: dict[int, tuple] = {}     # id(db) -> what generate_warehouse_late works on


def generate_warehouse_late(db: Database, rng: random.Random, size: str) -> None:
    del size
    today, start, stores, sites, articles = _LATER.pop(id(db))
    _Year(db, rng, today, start, stores, sites, articles).run()


class _Year:
    """A year of the office's work, in date order (the giornale numbers never go back)."""

    def __init__(self, db, rng, today, start, stores, sites, articles):
        self.db, self.rng, self.today, self.start = db, rng, today, start
        self.stores, self.sites, self.articles = stores, sites, articles
        self.stock: dict[tuple[str, int], int] = {}
        self.plain = [c for c in articles if not c.startswith("DPI-")]

    def _d(self, day: date) -> date:
        """The day the office records it: never a Sunday, a holiday or after today."""
        return office_day(day, not_after=self.today)

    def run(self) -> None:
        with unit_of_work(self.db, reason="Archivio dimostrativo: magazzino") as s:
            self.s = s
            self._opening()
            day = self.start + timedelta(days=7)
            week = 0
            pending = []
            while day <= self.today - timedelta(days=2):
                week += 1
                pending = self._week(day, week, pending)   # noqa: F841 - carried to next week
                day += timedelta(days=7)
            # The last week's requests stay "presentata": the start page shows them waiting.
            self._one_waiting_for_collection()
            self._stocktake(min(day, self.today))
            s.commit()

    waiting = False   # a request approved and not yet collected exists

    def _one_waiting_for_collection(self) -> None:
        """The office always has a request approved and waiting to be collected (the tab
        shows it to fulfil): one of the last days if chance left none."""
        if self.waiting:
            return
        day = office_day_before(self.today)   # after every other request: numbers in order
        req = self._request(day, "SEDE", 2)
        if req is not None:
            decide_request_in(self.s, request_id=req[0], approve=True, decided_on=self._d(day),
                              approved={}, decided_by="Dott. Alessandro Ferri")
            self.waiting = True

    def _carico(self, day, store_site, codes, qty_range, doc="ddt", supplier=None):
        lines = []
        for code in codes:
            aid, unit, price, sup, _m = self.articles[code]
            n = _scaled(self.rng.randint(*qty_range), price, store_site == "SEDE")
            lines.append(ItemInput(aid, D(n), (price * n).quantize(D("0.01"))))
            key = (code, self.stores[store_site])
            self.stock[key] = self.stock.get(key, 0) + n * 1000
        sup = supplier or self.articles[codes[0]][3]
        return carico_in(self.s, CaricoInput(
            storeroom_id=self.stores[store_site], entry_date=self._d(day), lines=lines,
            document_kind=doc, document_ref=f"{self.rng.randint(100, 9999)}/{day.year}",
            document_date=office_day_before(
                self._d(day) - timedelta(days=self.rng.randint(0, 3))), supplier=sup,
            funding="A02 Funzionamento amministrativo" if store_site == "SEDE" else
            "A03 Didattica", handed_by="Corriere del fornitore",
            received_by="Dott. Alessandro Ferri"))

    def _opening(self) -> None:
        day = self.start
        by_supplier: dict[str, list[str]] = {}
        for code in self.plain:
            by_supplier.setdefault(self.articles[code][3], []).append(code)
        for _supplier, codes in by_supplier.items():
            self._carico(day, "SEDE", codes, (15, 60))
            few = [c for c in codes if self.rng.random() < 0.35 and c not in NEGLECTED]
            if few:
                self._carico(day, self.rng.choice(("PRIM", "INF")), few, (5, 25))
        # DPI from the Commissario straordinario: free supplies, lots with expiry dates.
        lots = [("DPI-CHIR", 3000, -40), ("DPI-CHIR", 2000, 400), ("DPI-FFP2", 800, 20),
                ("DPI-FFP2", 600, 500), ("DPI-GEL", 60, 12), ("DPI-GEL", 80, 300),
                ("DPI-NITR-M", 40, 600), ("DPI-NITR-L", 30, 600), ("DPI-VISIERA", 50, 900),
                ("DPI-CAMICI", 200, 25), ("DPI-TERMO", 3, 1500)]
        lines = []
        for n, (code, qty, expires_in) in enumerate(lots, start=1):
            aid, _unit, price, _s, _m = self.articles[code]
            estimate = (price * qty).quantize(D("0.01")) if n % 3 else D("0")
            lines.append(ItemInput(aid, D(qty), estimate, lot=f"L{day.year}-{n:03d}",
                                   expiry=self.today + timedelta(days=expires_in)))
            key = (code, self.stores["SEDE"])  # noqa: E501
            self.stock[key] = self.stock.get(key, 0) + qty * 1000
        carico_in(self.s, CaricoInput(
            storeroom_id=self.stores["SEDE"], entry_date=self._d(day), lines=lines,
            document_kind="gratuita", document_ref="Distribuzione n. 14",
            supplier="Commissario straordinario per l'emergenza",
            handed_by="Protezione civile – COC Velletri", received_by="Dott. Alessandro Ferri",
            notes="Fornitura gratuita a valore stimato (zero dove non indicato)"))

    def _request(self, day, site_code, n_lines):
        store = self.stores[site_code]
        candidates = [c for c in self.plain if self.stock.get((c, store), 0) >= 3000]
        if not candidates:
            return None
        codes = self.rng.sample(candidates, min(n_lines, len(candidates)))
        office = self.rng.choice(OFFICES) if site_code == "SEDE" else \
            self.sites[site_code].name
        kind = "ufficio" if site_code == "SEDE" and "Lab" not in office else \
            "laboratorio" if "Lab" in office else "plesso"
        lines = [(self.articles[c][0], D(self.rng.randint(1, max(1, min(
            10, self.stock[(c, store)] // 1000 // 2))))) for c in codes]
        rid = create_request_in(self.s, RequestInput(
            requested_on=self._d(day), requester=self.rng.choice(PEOPLE), destination_kind=kind,
            destination=office, destination_site_id=self.sites[site_code].id,
            storeroom_id=store, lines=lines))
        return rid, store, dict(zip(codes, (q for _a, q in lines)))

    def _week(self, monday, week, pending):
        rng = self.rng
        tuesday = min(monday + timedelta(days=1), self.today)
        later = []   # withdrawals: done after every decision, in date order
        # decisions and withdrawals of last week's requests
        for rid, store, wanted in pending:
            fate = rng.random()
            if fate < 0.08:
                decide_request_in(self.s, request_id=rid, approve=False,
                                  decided_on=self._d(tuesday),
                                  note="Materiale non necessario: già disponibile in ufficio",
                                  decided_by="Dott. Alessandro Ferri")
                continue
            cut = {}
            if fate < 0.25:
                code = next(iter(wanted))
                cut[self.articles[code][0]] = max(D(1), wanted[code] // 2)
            decide_request_in(self.s, request_id=rid, approve=True, decided_on=self._d(tuesday),
                              approved=cut, decided_by="Dott. Alessandro Ferri")
            if fate > 0.93 and monday > self.today - timedelta(days=30):
                self.waiting = True
                continue          # approved, not yet collected
            parts = 2 if fate > 0.8 else 1
            recent = monday > self.today - timedelta(days=21)
            for part in range(1 if parts == 2 and recent else parts):
                later.append((part, rid, store, wanted, cut, parts))   # recent: "in evasione"
        later.sort(key=lambda op: op[0])
        for part, rid, store, wanted, cut, parts in later:
            lines = []
            for code, q in wanted.items():
                aid = self.articles[code][0]
                q = cut.get(aid, q)
                take = q if parts == 1 else (q // 2 if part == 0 else q - q // 2)
                take = min(take, self.stock.get((code, store), 0) // 1000)
                if take > 0:
                    lines.append(ItemInput(aid, D(take)))
                    self.stock[(code, store)] -= int(take) * 1000
            if lines:
                withdraw_in(self.s, WithdrawalInput(
                    request_id=rid, storeroom_id=store,
                    entry_date=self._d(min(tuesday + timedelta(days=1 + part * 2), self.today)),
                    lines=lines, handed_by="Dott. Alessandro Ferri",
                    received_by=self.rng.choice(PEOPLE)))
        friday = monday + timedelta(days=4)
        if friday >= self.today:
            friday = self.today
        # restock what runs low (not the neglected ones: they show under minimum)
        low = [c for c in self.plain if c not in NEGLECTED and
               self.stock.get((c, self.stores["SEDE"]), 0) < self.articles[c][4] * 2]
        by_supplier: dict[str, list[str]] = {}
        for c in low:
            by_supplier.setdefault(self.articles[c][3], []).append(c)
        for _supplier, codes in sorted(by_supplier.items()):
            self._carico(friday, "SEDE", codes, (20, 50), doc=rng.choice(("ddt", "fattura")))
        if week == 8:
            self._twice(friday)
        if week % 6 == 0:
            self._transfer(friday)
        if week % 5 == 0:
            self._dpi(friday)
        new = []
        next_monday = monday + timedelta(days=7)
        for _ in range(rng.randint(2, 4)):
            site = rng.choice(("SEDE", "SEDE", "PRIM", "INF"))
            req = self._request(min(next_monday, self.today), site, rng.randint(1, 4))
            if req:
                new.append(req)
        return new

    def _twice(self, day):
        """A DDT recorded twice by mistake and the storno of the copy: the giornale keeps
        both, struck through on paper."""
        codes = [c for c in self.plain if c not in NEGLECTED][:3]
        before = dict(self.stock)
        ref = self._carico(day, "SEDE", codes, (10, 10), doc="ddt")
        self.stock = before
        annul_movement_in(self.s, movement_id=ref.movement_id, entry_date=self._d(day),
                          reason="DDT registrato due volte: si storna la copia")

    def _stocktake(self, day):
        """End of the year at the infanzia: a shelf counted, two differences found."""
        store = self.stores["INF"]
        held = self.s.execute(select(Balance).where(Balance.storeroom_id == store,
                                                    Balance.quantity >= 3000)
                              .order_by(Balance.article_id)).scalars().all()[:6]
        codes = {v[0]: c for c, v in self.articles.items()}
        counts = {}
        for n, bal in enumerate(held):
            units = bal.quantity // 1000
            counts[codes[bal.article_id]] = D(units - 1 if n == 1 else units + 2 if n == 3
                                              else units)
        if counts:
            stocktake_in(self.s, storeroom_id=store, entry_date=self._d(day), counts=counts,
                         reason="Inventario fisico di fine anno")

    def _transfer(self, day):
        dest = self.rng.choice(("PRIM", "INF"))
        src = self.stores["SEDE"]
        codes = [c for c in self.rng.sample(self.plain, 6) if self.stock.get((c, src), 0) >= 10_000]
        if not codes:
            return
        lines = []
        for c in codes:
            q = 5
            lines.append(ItemInput(self.articles[c][0], D(q)))
            self.stock[(c, src)] -= q * 1000
            to = (c, self.stores[dest])
            self.stock[to] = self.stock.get(to, 0) + q * 1000
        transfer_in(self.s, from_storeroom_id=src, to_storeroom_id=self.stores[dest],
                    entry_date=self._d(day), lines=lines, reason="Fabbisogno del plesso")

    def _dpi(self, day):
        src = self.stores["SEDE"]
        deliveries = []
        for site_code in ("SEDE", "PRIM", "INF"):
            site = self.sites[site_code]
            lines = []
            for code, q in (("DPI-CHIR", 50), ("DPI-GEL", 2), ("DPI-FFP2", 10)):
                if self.stock.get((code, src), 0) >= (q + 10) * 1000:
                    lines.append(ItemInput(self.articles[code][0], D(q)))
                    self.stock[(code, src)] -= q * 1000
            if lines:
                deliveries.append(DpiDelivery(f"Referente di plesso – {site.name}", "plesso",
                                              site.name, lines, site.id))
        person = self.rng.choice(PEOPLE)
        if self.stock.get(("DPI-NITR-M", src), 0) >= 2000:
            deliveries.append(DpiDelivery(person, "persona", "Collaboratori scolastici",
                                          [ItemInput(self.articles["DPI-NITR-M"][0], D(1))],
                                          self.sites["SEDE"].id))
            self.stock[("DPI-NITR-M", src)] -= 1000
        if deliveries:
            distribute_dpi_in(self.s, storeroom_id=src, entry_date=self._d(day),
                              deliveries=deliveries, handed_by="Dott. Alessandro Ferri")
