"""Demo of the albo fornitori: the suppliers of the 2021 invoices (demo/procurement.py) with
their data completed (valid partite IVA: demo/funds.py CREDITORS), a conto dedicato declared
a week before their first award, a DURC before their first payment and a recent one for all
but one (Tecnoservizi: its DURC is the 2021 one, scaduto) and none for the psychologist (a
professional without employees) but the one the award of her procedure needs (the award
checks the DURC: demo/procurement_procedures.award), a self-declaration before the first
award, the random check of the a.s. 2020/21 (10 %, one supplier drawn, checked with a
positive outcome) and the awards matching the 2021 impegni, each in its CPV sector (three
under 5,000 EUR to the outgoing supplier of their sector: the derogation of art. 49 c.6 is
recorded).

Every date is an office day (tests/demo/test_plausible.py), a DURC's expiry too.
"""
from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from ..db.engine import Database
from ..domain.procurement.suppliers import durc_expiry
from ..queries.procurement_suppliers import supplier_id_of
from ..services.procurement import suppliers as svc
from .days import is_office_day, office_day
from .funds import COMMITMENTS, CREDITORS, demo_cig
from .staff import demo_codice_fiscale
from .users import DEMO_DIRIGENTE, acting_as

D = Decimal
# who -> address, PEC, telephone, (surname, name, sex, born) of the legale rappresentante,
# bank of the conto dedicato
DETAILS = {
    "rossi": ("Via Sparano da Bari 45, 70121 Bari", "cartoleriarossi@pec.it", "080 5211345",
              ("Rossi", "Giovanni", "M", date(1962, 5, 14)), "BPER Banca"),
    "tecno": ("Viale Japigia 188, 70126 Bari", "tecnoservizibari@legalmail.it",
              "080 5534120", ("Lorusso", "Nicola", "M", date(1971, 3, 2)), "Intesa Sanpaolo"),
    "didattica": ("Via Giovanni Amendola 172, 70126 Bari", "didatticascientifica@pec.it",
                  "080 5481200", ("De Santis", "Anna", "F", date(1975, 11, 21)),
                  "UniCredit"),
    "info": ("Corso Cavour 60, 70122 Bari", "informaticadidattica@pec.it", "080 5240077",
             ("Amoruso", "Vito", "M", date(1968, 7, 9)), "Banca Popolare di Bari"),
    "igiene": ("Via Napoli 329, 70132 Bari", "igienescuolasud@pec.it", "080 5342910",
               ("Lamanna", "Rosa", "F", date(1980, 1, 30)), "Poste Italiane"),
    "psicologa": ("Via Dante Alighieri 12, 00049 Velletri", "laura.bianchi@pec.ordinepsicologi"
                  "lazio.it", "06 9632411", None, "Banca Popolare del Lazio"),
    "ausili": ("Via Giuseppe Fanelli 206, 70125 Bari", "ausiliinclusione@pec.it",
               "080 5018822", ("Cassano", "Pietro", "M", date(1973, 9, 17)), "BPER Banca"),
}
# Ausili Inclusione declares its own account (its 2021 invoice gave another IBAN: the scheda
# warns to pay on the conto dedicato). Check digits 58 computed by mod 97.
OWN_IBAN = {"ausili": "IT58X0306904013100000009876"}
RECENT_DURC_MISSING = {"tecno"}          # its latest DURC is the 2021 one: scaduto
NO_DURC = {"psicologa"}
# The CPV of each 2021 impegno, in the order of COMMITMENTS.
SECTORS = ("30192000-1", "50720000-8", "39162000-5", "80500000-9", "39830000-9",
           "85121270-6", "72267000-4", "30213100-6", "33196200-2", "80500000-9",
           "39830000-9", "30125100-2", "39162000-5")
DRAW_SEED = 20210906
CHECK_FROM, CHECK_TO = date(2020, 9, 1), date(2021, 8, 31)   # the a.s. 2020/21


def _net(total: Decimal, exempt: bool) -> Decimal:
    return total if exempt else (total / D("1.22")).quantize(D("0.01"), rounding=ROUND_HALF_UP)


def _durc_day(day: date) -> date:
    """The first office day from ``day`` whose DURC expires on an office day too."""
    while not (is_office_day(day) and is_office_day(durc_expiry(day))):
        day += timedelta(days=1)
    return day


def register_suppliers(db: Database) -> None:
    """Each supplier of DETAILS in the albo (name, partita IVA, codice fiscale), before the
    procedures invite them and their invoices arrive (the import finds them by partita IVA);
    generate_suppliers completes them."""
    from ..domain.errors import DomainError
    from .procurement import PROFESSIONAL_VAT

    for who in DETAILS:
        creditor = CREDITORS[who]
        vat = creditor.vat_number or PROFESSIONAL_VAT
        try:
            supplier_id_of(db, vat)
        except DomainError:
            svc.save_supplier(db, {"name": creditor.name, "vat": vat,
                                   "tax_code": creditor.tax_code, "active": True})


def generate_suppliers(db: Database, today: date | None = None, procedures=None) -> None:
    """``procedures``: the procedure files open for some purchases
    (demo/procurement_procedures.py), whose award their procedure records."""
    from .procurement import EXEMPT, PROFESSIONAL_VAT

    today = today or date.today()
    first_award: dict[str, date] = {}
    for commitment in COMMITMENTS:
        day, who = commitment[0], commitment[4]
        first_award.setdefault(who, day)
    ids = {}
    for n, (who, (address, pec, phone, person, bank)) in enumerate(DETAILS.items(), start=1):
        creditor = CREDITORS[who]
        vat = creditor.vat_number or PROFESSIONAL_VAT
        sid = ids[who] = supplier_id_of(db, vat)
        svc.save_supplier(db, {"name": creditor.name, "vat": vat,
                               "tax_code": creditor.tax_code, "address": address, "pec": pec,
                               "phone": phone, "active": True}, sid)
        start = first_award[who]
        svc.record_declaration(db, sid, kind="dgue" if n % 2 else "dichiarazione_sostitutiva",
                               received_on=office_day(start - timedelta(days=10)),
                               protocol=f"{100 + n}/2021")
        if person is None:   # a professional: she operates on her own account
            delegate = svc.Delegate("Laura Bianchi", creditor.tax_code, "titolare")
        else:
            surname, name, sex, born = person
            delegate = svc.Delegate(f"{name} {surname}",
                                    demo_codice_fiscale(surname, name, sex, born),
                                    "legale rappresentante")
        svc.record_bank_account(db, sid, iban=OWN_IBAN.get(who, creditor.iban), bank=bank,
                                declared_on=office_day(start - timedelta(days=7)),
                                delegates=[delegate], protocol=f"{120 + n}/2021")
        if who in NO_DURC:
            continue
        svc.record_durc(db, sid, issued_on=_durc_day(start + timedelta(days=14)),
                        protocol=f"INAIL_{26_410_000 + n * 137}")
        if who not in RECENT_DURC_MISSING:
            svc.record_durc(db, sid, issued_on=_durc_day(today - timedelta(days=50 + n)),
                            protocol=f"INPS_{43_870_000 + n * 211}")
    with acting_as(db, DEMO_DIRIGENTE):   # the determine di affidamento
        for n, (day, _dest, _kind, amount, who, text, *_flags) in enumerate(COMMITMENTS,
                                                                           start=1):
            if procedures and n in procedures:
                from .procurement_procedures import award

                award(db, n, procedures, office_day(day))
                continue
            svc.record_award(db, ids[who], awarded_on=office_day(day), object=text,
                             sector=SECTORS[n - 1], amount=_net(D(amount), who in EXEMPT),
                             cig=demo_cig(n))
    result = svc.draw_random_checks(db, period_from=CHECK_FROM, period_to=CHECK_TO,
                                    seed=DRAW_SEED, drawn_on=office_day(date(2021, 9, 6)))
    for drawn in result.drawn:
        svc.record_check_outcome(
            db, drawn.declaration_id, outcome="positivo",
            checked_on=office_day(date(2021, 10, 4)),
            note="Casellario giudiziale, regolarità fiscale (Agenzia delle entrate) e "
                 "annotazioni ANAC: nulla da rilevare")
