"""Demo of the procedure files: the 2021 purchases of the Acquisti issue, each from its
request to its order, tied to the impegno the Fondi demo took for it (demo/funds.py
COMMITMENTS; the Fondi totals do not change):

- office supplies from the school's own funds (A02/02): paper in January, toner in November;
- DPI and hygiene material on the earmarked fund of DL 41/2021 art. 31 c.1 lett. a (A01/02);
- the psychological support service, lett. b of the same fund (A01/03, exempt from IVA);
- notebooks for the didattica digitale integrata and the comodato to the students (A03/06),
  in derogation under DL 137/2020 art. 21;
- a request for sanitisation products (DL 34/2020 art. 231) refused by the DSGA in March: the
  2020 resources left were not yet in the budget (the avanzo vincolato is entered once the
  Conto consuntivo fixes it) and the DPI supply of April covered the need;
- the sanitisation products bought in November, when the contagions rose again in autumn,
  on the DL 34/2020 art. 231 fund entered in May (avanzo vincolato 2020, A01/02).

Dates: request, approval, determina, invitations and offers before the award, which is the
day of the impegno (the award of demo/procurement_suppliers.py); the order the same day. The
winning offer is the award's amount net of IVA; the other operators asked more.
"""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from ..db.engine import Database
from ..domain.procurement import acceptance as acc_rules
from ..domain.procurement.thresholds import DIRECT, SUPPLIES
from ..queries.funds_lists import list_commitments
from ..queries.procurement_procedures import earmarked_choices
from ..queries.procurement_suppliers import supplier_id_of
from ..services.procurement import procedures as svc
from .days import office_day, office_day_before
from .funds import COMMITMENTS, CREDITORS, FUNDS, YEAR, demo_cig
from .users import DEMO_DIRIGENTE, DEMO_DSGA, acting_as

D = Decimal
RUP = "Dott.ssa Maria Grazia Esposito"
NO_CONSIP = "Nessuna convenzione Consip attiva per la categoria alla data della determina"
# n of COMMITMENTS -> (unit kind, unit, requested by, reason, other operators invited,
# their offers in % above the winner's, lines (description, quantity, unit, unit price net of
# IVA), DDI, MePA). What the lines leave of the award is the line «Trasporto e consegna»
# (a service: no carico); the notebooks and the service have none.
PURCHASES = {
    1: ("ufficio", "Ufficio di segreteria", "Sig.ra Anna Ferri (assistente amministrativa)",
        "Scorte di carta e cancelleria esaurite per il secondo quadrimestre",
        ("didattica",), (8,), (("Risme di carta A4 80 g", "60", "risme", "3.40"),
                               ("Penne a sfera blu", "200", "pz", "0.42")), False, False),
    5: ("plesso", "Tutti i plessi (referente Covid)", "Prof. Luca Marino (referente Covid)",
        "Mascherine, guanti, gel igienizzante e materiale per l'igiene degli ambienti per "
        "la ripresa delle lezioni in presenza", ("rossi", "ausili"), (6, 11),
        (("Mascherine chirurgiche (conf. da 50)", "300", "conf", "7.50"),
         ("Gel igienizzante mani 500 ml", "160", "pz", "4.75"),
         ("Detergente disinfettante per superfici 5 l", "40", "pz", "22.00")), False, False),
    6: ("ufficio", "Dirigenza – sportello d'ascolto", "Prof.ssa Carla Russo (funzione "
        "strumentale benessere)", "Sportello di supporto psicologico per studenti, famiglie "
        "e personale (nota MI 453/2021)", (), (), (("Ore di sportello d'ascolto", "40",
                                                      "ore", "40.00"),), False, False),
    8: ("laboratorio", "Laboratorio di informatica – plesso Collodi", "Prof. Paolo Greco "
        "(animatore digitale)", "Notebook da concedere in comodato d'uso agli studenti "
        "meno abbienti per la didattica digitale integrata", ("tecno", "didattica"), (4, 9),
        (("Notebook 14\" con sistema operativo e garanzia 24 mesi", "4", "pz", "487.50"),),
        True, False),
    12: ("ufficio", "Ufficio di segreteria", "Sig.ra Anna Ferri (assistente amministrativa)",
         "Toner per le stampanti degli uffici e materiale informatico di consumo",
         ("info",), (12,), (("Toner per stampanti laser degli uffici", "6", "pz", "38.00"),
                            ("Chiavette USB 32 GB", "4", "pz", "7.50")), False, False),
    11: ("plesso", "Tutti i plessi (referente Covid)", "Prof. Luca Marino (referente Covid)",
         "Sanificazione straordinaria delle aule, dei laboratori e delle palestre dopo i casi "
         "di positività di ottobre (ripresa dei contagi in autunno)", ("rossi", "ausili"), (7, 13),
         (("Disinfettante virucida per superfici 5 l (PMC)", "60", "pz", "14.50"),
          ("Soluzione igienizzante per nebulizzatori 1 l", "100", "pz", "2.80"),
          ("Panni in microfibra monouso (conf. da 10)", "40", "conf", "3.00")), False, False),
}
TRANSPORT = "Trasporto e consegna al piano"
REFUSED = ("plesso", "Plesso Rodari – scuola dell'infanzia", "Ins. Giulia Conti",
           "Prodotti per la sanificazione straordinaria dei locali (DL 34/2020 art. 231)",
           "Sanificazione straordinaria delle aule prima del rientro dopo le vacanze di "
           "Pasqua", D("1800.00"), date(2021, 3, 22), date(2021, 3, 25),
           "Le risorse residue dell'art. 231 DL 34/2020 non sono ancora iscritte in bilancio "
           "(avanzo vincolato da accertare con il Conto consuntivo 2020); la fornitura di "
           "DPI e materiale per l'igiene di aprile copre il fabbisogno")


def _net(total: Decimal, exempt: bool) -> Decimal:
    from .procurement_suppliers import _net

    return _net(total, exempt)


def _unit_prices(net: Decimal, lines) -> list[svc.OrderLineInput]:
    """The priced lines, and the transport for what they leave of ``net`` (the award)."""
    out = [svc.OrderLineInput(text, qty, D(price), unit) for text, qty, unit, price in lines]
    left = net - sum(D(line.quantity) * line.unit_price for line in out)
    if left < 0:
        raise ValueError(f"Le righe superano l'affidamento di {-left}")
    if left:
        out.append(svc.OrderLineInput(TRANSPORT, "1", left, "servizio"))
    return out


def open_procedures(db: Database) -> dict[int, tuple[int, int]]:
    """Requests, decisions, determine, invitations and offers of the 2021 purchases:
    ``{n: (procedure id, winning quote id)}``, awarded later in the award loop."""
    from ..queries.school import get_heading
    from .procurement import EXEMPT

    rup = get_heading(db).dirigente or RUP     # the dirigente is the RUP of the purchases
    commitments = {c.number: c for c in list_commitments(db, YEAR)}
    funds = {f.name: f.id for f in earmarked_choices(db, YEAR)}
    r_kind, r_unit, r_by, r_object, r_reason, r_amount, r_day, r_decided, r_note = REFUSED
    r_day, r_decided = office_day(r_day), office_day(r_decided)
    opened = {}
    plan = []
    for n in PURCHASES:
        day = COMMITMENTS[n - 1][0]
        plan.append((office_day_before(day - timedelta(days=18)), n))
    plan.append((r_day, 0))
    for requested, n in sorted(plan):
        if n == 0:
            rid = svc.submit_request(db, svc.RequestInput(r_day, r_kind, r_unit, r_by,
                                                          r_object, r_reason, r_amount))
            svc.decide_request(db, rid, approve=False, decided_on=r_decided, note=r_note)
            continue
        kind, unit, by, reason, others, above, _lines, ddi, mepa = PURCHASES[n]
        day, dest, stype, amount, who, text, fund, *_ = COMMITMENTS[n - 1]
        total, exempt = D(amount), who in EXEMPT
        net = _net(total, exempt)
        rid = svc.submit_request(db, svc.RequestInput(requested, kind, unit, by, text,
                                                      reason, total))
        approved = office_day(requested + timedelta(days=2))
        svc.decide_request(db, rid, approve=True, decided_on=approved)
        decided = office_day(approved + timedelta(days=3))
        with acting_as(db, DEMO_DIRIGENTE):
            adopted = svc.adopt_determina(db, svc.DeterminaInput(
                rid, decided, text, SUPPLIES, _sector(n), net, DIRECT, rup, dest, stype,
                vat_rate="0" if exempt else "22", via_mepa=mepa,
                consip_motivation="" if ddi else NO_CONSIP, ddi_derogation=ddi,
                cig=demo_cig(n), earmarked_id=funds[FUNDS[fund]] if fund else None,
                commitment_id=commitments[n].id))
        invited = office_day(decided + timedelta(days=1))
        ids = [supplier_id_of(db, _vat(who))] + [supplier_id_of(db, _vat(o)) for o in others]
        quotes = svc.invite_operators(db, adopted.id, ids, invited_on=invited)
        for k, (qid, pct) in enumerate(zip(quotes, (0, *above))):
            offer = (net * (100 + pct) / 100).quantize(D("0.01"))
            svc.record_offer(db, qid, received_on=office_day(invited + timedelta(days=3 + k)),
                             amount=offer,
                             notes="" if pct else "Offerta valida 60 giorni")
        opened[n] = (adopted.id, quotes[0])
    return opened


def award(db: Database, n: int, opened, awarded_on: date) -> None:
    """The award of purchase ``n`` (as the dirigente, in the awards' order of the demo)."""
    from ..db.uow import read_session
    from ..models.procurement import Quote, Supplier
    from ..services.procurement.liquidation import durc_refusal_in
    from ..services.procurement.suppliers import record_durc
    from .procurement_suppliers import _durc_day

    pid, quote = opened[n]
    with read_session(db) as s:        # the DURC acquired before the award (art. 16-bis)
        supplier = s.get(Supplier, s.get(Quote, quote).supplier_id)
        missing = durc_refusal_in(s, supplier, awarded_on, "l'affidamento")
        sid = supplier.id
    if missing:
        issued = _durc_day(office_day_before(awarded_on - timedelta(days=12)))
        with acting_as(db, DEMO_DSGA):
            record_durc(db, sid, issued_on=min(issued, awarded_on),
                        protocol=f"INAIL_{26_500_000 + n * 173}")
    svc.choose_offer(db, pid, quote, awarded_on=awarded_on)


def order_lines(n: int) -> list[svc.OrderLineInput]:
    """The lines of purchase ``n``'s order letter (its invoice bills the same)."""
    from .procurement import EXEMPT

    _day, _dest, _stype, amount, who, *_ = COMMITMENTS[n - 1]
    lines = _unit_prices(_net(D(amount), who in EXEMPT), PURCHASES[n][6])
    if who in EXEMPT:
        for line in lines:
            line.vat_rate = "0"
    return lines


def issue_orders(db: Database, opened) -> dict[int, int]:
    """The order letters, in the impegni's order: ``{n: order id}``."""
    from .procurement import EXEMPT

    issued = {}
    for n, (pid, _quote) in sorted(opened.items(), key=lambda x: COMMITMENTS[x[0] - 1][0]):
        day, _dest, _stype, amount, who, *_ = COMMITMENTS[n - 1]
        lines = order_lines(n)
        issued[n] = svc.issue_order(db, svc.OrderInput(
            pid, office_day(day), "Sede centrale, via dei Glicini 12 – Velletri (RM)"
            if PURCHASES[n][0] != "plesso" else "Plessi dell'istituto, secondo il piano di "
            "distribuzione allegato", lines,
            delivery_terms="Franco destino, consegna al piano, entro 15 giorni dall'ordine"
            if who not in EXEMPT else "Calendario degli incontri concordato con il dirigente",
            delivery_by=office_day(day + timedelta(days=15)))).id
    return issued


# n -> (who verified, outcome, notes): the goods delivered with their DDT and verified, the
# service with its certificato di regolare esecuzione (SERVICES); their carico follows
# (demo/procurement_carichi.py).
VERIFIED = {
    1: ("Sig.ra Anna Ferri (assistente amministrativa) e il DSGA", acc_rules.CONFORME, ""),
    5: ("Prof. Luca Marino (referente Covid)", acc_rules.WITH_RESERVE,
        "Due confezioni di mascherine con l'imballo danneggiato, sostituite dal fornitore il "
        "giorno dopo."),
    8: ("Prof. Paolo Greco (animatore digitale)", acc_rules.CONFORME,
        "Notebook accesi e provati uno per uno: sistema operativo attivato, garanzia "
        "registrata."),
    6: ("Il dirigente scolastico, sentita la funzione strumentale benessere",
        acc_rules.CONFORME, "Le 40 ore di sportello d'ascolto sono state svolte secondo il "
        "calendario concordato (registro degli incontri firmato dalla professionista); "
        "relazione finale acquisita agli atti."),
    12: ("Sig.ra Anna Ferri (assistente amministrativa)", acc_rules.CONFORME, ""),
    11: ("Prof. Luca Marino (referente Covid) e il DSGA", acc_rules.CONFORME,
         "Prodotti conformi all'ordine, con schede di sicurezza e registrazione PMC del "
         "Ministero della salute per il disinfettante."),
}
# n -> the document of the service's execution, in place of a DDT (a service has none): the
# verbale is a certificato di regolare esecuzione (D.Lgs 50/2016 art. 102 c.2).
SERVICES = {6: "Registro degli incontri"}


def accept_deliveries(db: Database, orders: dict[int, int]) -> dict[int, date]:
    """Each order of goods delivered in full ten days later with its DDT (dated the day
    before) and verified two working days after, a service done by then with its
    certificato di regolare esecuzione: ``{n: day of the verbale}``."""
    from ..services.procurement import acceptance as acc

    verified = {}
    for n, order_id in sorted(orders.items(), key=lambda x: COMMITMENTS[x[0] - 1][0]):
        if n not in VERIFIED:
            continue
        who, outcome, notes = VERIFIED[n]
        delivered = office_day(COMMITMENTS[n - 1][0] + timedelta(days=10))
        document = f"{100 + 7 * n}/{YEAR % 100}"
        if n in SERVICES:
            document = f"{SERVICES[n]} {document}"
        delivery = acc.record_delivery(db, acc.DeliveryInput(
            order_id, delivered, document,
            office_day_before(delivered - timedelta(days=1)), PURCHASES[n][2]))
        verified[n] = office_day(delivered + timedelta(days=2))
        acc.record_verification(db, acc.VerificationInput(
            delivery, verified[n], who, outcome, notes=notes,
            kind="regolare_esecuzione" if n in SERVICES else "conformita"))
    return verified


def _vat(who: str) -> str:
    from .procurement import PROFESSIONAL_VAT

    return CREDITORS[who].vat_number or PROFESSIONAL_VAT


def _sector(n: int) -> str:
    from .procurement_suppliers import SECTORS

    return SECTORS[n - 1]
