"""funds_residui: the accertamento di entrata apart from the reversale (D.I. 129/2018 art.
13-14), the residui attivi and passivi carried from one financial year to the next with
their radiations (riaccertamento), the fondo di cassa at 1 January (issue 15)

New tables: funds_assessment (entries of the yearly register «fondi-accertamenti»),
funds_residue_carry (one per closed year), funds_residue, funds_residue_radiation. Every
reversale now collects an accertamento (``assessment_id``, NOT NULL): each reversale already
in the archive gets one accertamento of its own amount, voce, debtor and date, numbered in
«fondi-accertamenti» in the order of the reversali of its year, with its image in the change
log; the reversale's amount is then all collected, as it was read before. Liquidazioni,
mandati and reversali get ``residue_id`` (in conto residui). Amounts are BigInteger cents;
nothing is deleted, radiation is a row of its own.

Revision ID: 0029_funds_residui
Revises: 0028_procurement_suppliers
Create Date: 2026-12-07 03:00:00
"""
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import NO_DELETE_REGISTER, Protection, install, uninstall

revision = '0029_funds_residui'
down_revision = '0028_procurement_suppliers'
branch_labels = None
depends_on = None

NO_DELETE_RESIDUE = ("Residui: non si cancellano; un residuo che non è più dovuto si radia "
                     "con il riaccertamento, che resta registrato con il suo motivo.")
FROZEN_RESIDUE = ("Residui: provenienza, voce, debitore o creditore e importo riportato non si "
                  "modificano.")
PROTECTIONS = (
    Protection("funds_assessment", forbid_delete=NO_DELETE_REGISTER, freeze_all=True),
    Protection("funds_residue_carry", forbid_delete=NO_DELETE_RESIDUE, freeze_all=True,
               frozen_message=FROZEN_RESIDUE),
    Protection("funds_residue", forbid_delete=NO_DELETE_RESIDUE,
               frozen_columns=("carry_id", "year", "origin_year", "kind", "assessment_id",
                               "commitment_id", "revenue_item_id", "destination_id",
                               "spending_type_id", "counterpart", "amount", "previous_id"),
               frozen_message=FROZEN_RESIDUE),
    Protection("funds_residue_radiation", forbid_delete=NO_DELETE_RESIDUE, freeze_all=True,
               frozen_message=NO_DELETE_RESIDUE),
)
# The protections of 0016 on the tables rebuilt by batch mode here (the same definitions).
REBUILT = (
    Protection("funds_liquidation", forbid_delete=NO_DELETE_REGISTER,
               frozen_columns=("entry_id", "year", "number", "liquidated_on",
                               "commitment_id", "amount")),
    Protection("funds_payment_order", forbid_delete=NO_DELETE_REGISTER, freeze_all=True),
    Protection("funds_receipt_order", forbid_delete=NO_DELETE_REGISTER, freeze_all=True),
)
REGISTER = "fondi-accertamenti"

_entry = sa.table("register_entry", sa.column("id", sa.Integer), sa.column("register"),
                  sa.column("year", sa.Integer), sa.column("number", sa.Integer),
                  sa.column("entry_date", sa.Date), sa.column("kind"),
                  sa.column("description"), sa.column("amount", sa.BigInteger),
                  sa.column("reference"), sa.column("annuls_id", sa.Integer),
                  sa.column("reason"), sa.column("recorded_at", sa.DateTime),
                  sa.column("recorded_by_id", sa.Integer))
_assessment = sa.table("funds_assessment", sa.column("id", sa.Integer),
                       sa.column("entry_id", sa.Integer), sa.column("year", sa.Integer),
                       sa.column("number", sa.Integer), sa.column("assessed_on", sa.Date),
                       sa.column("programme_id", sa.Integer),
                       sa.column("revenue_item_id", sa.Integer),
                       sa.column("earmarked_id", sa.Integer),
                       sa.column("amount", sa.BigInteger), sa.column("debtor"),
                       sa.column("description"), sa.column("document_ref"),
                       sa.column("document_date", sa.Date),
                       sa.column("recorded_by_id", sa.Integer))


def _day(value):
    from datetime import date

    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _assess_old_receipts(conn) -> None:
    """One accertamento for each reversale already issued, with its image in the change log
    (written with this PC's key of the archive, as every change is)."""
    from decimal import Decimal

    from iiss_desktop.db.audit import SYSTEM_USER, AuditRecord, append_sql
    from iiss_desktop.db.driver_sql import DriverSQL

    rows = conn.execute(sa.text(
        "SELECT r.id, r.year, r.number, r.issued_on, r.programme_id, r.revenue_item_id, "
        "r.amount, r.debtor, r.causale, r.recorded_by_id, i.code FROM funds_receipt_order r "
        "JOIN funds_revenue_item i ON i.id = r.revenue_item_id "
        "ORDER BY r.year, r.issued_on, r.number")).all()
    if not rows:
        return
    _attach_key(conn)
    records, numbers = [], {}
    now = datetime.now(UTC).replace(tzinfo=None)
    for rid, year, number, issued_on, programme_id, item_id, cents, debtor, causale, \
            user_id, code in rows:
        n = numbers[year] = numbers.get(year, 0) + 1
        day = _day(issued_on)
        amount = Decimal(int(cents)) / 100
        entry = {"register": REGISTER, "year": year, "number": n, "entry_date": day,
                 "kind": "entry", "description": f"{code} – {debtor} – {causale}"[:500],
                 "amount": int(cents), "reference": None, "annuls_id": None, "reason": None,
                 "recorded_at": now, "recorded_by_id": user_id}
        entry_id = conn.execute(_entry.insert().values(**entry).returning(_entry.c.id)).scalar()
        records.append(AuditRecord("insert", "register_entry", entry_id,
                                   after={"id": entry_id, **entry, "amount": amount}))
        assessment = {"entry_id": entry_id, "year": year, "number": n, "assessed_on": day,
                      "programme_id": programme_id, "revenue_item_id": item_id,
                      "earmarked_id": None, "amount": int(cents), "debtor": debtor,
                      "description": causale,
                      "document_ref": f"Reversale n. {number}/{year} (accertata alla riscossione)",
                      "document_date": day, "recorded_by_id": user_id}
        aid = conn.execute(_assessment.insert().values(**assessment)
                           .returning(_assessment.c.id)).scalar()
        records.append(AuditRecord("insert", "funds_assessment", aid,
                                   after={"id": aid, **assessment, "amount": amount}))
        conn.execute(sa.text("UPDATE funds_receipt_order SET assessment_id = :a WHERE id = :r"),
                     {"a": aid, "r": rid})
        records.append(AuditRecord("update", "funds_receipt_order", rid,
                                   before={"assessment_id": None}, after={"assessment_id": aid}))
    for year, last in numbers.items():
        conn.execute(sa.text("INSERT INTO counter (register, year, value) VALUES (:r, :y, :v)"),
                     {"r": REGISTER, "y": year, "v": last})
    with DriverSQL(conn) as sql:
        append_sql(sql, records, SYSTEM_USER, "Aggiornamento dell'archivio: un accertamento "
                                              "per ogni reversale già emessa")


def _attach_key(conn) -> None:
    """The archive's key, when it has one and this PC keeps it: the engine is not attached to
    it yet while the program migrates (db/schema.open_database)."""
    from iiss_desktop.db.chain_key import head_identity, load_key

    if getattr(conn.engine, "iiss_chain_key", None) is not None:
        return
    archive_id, keyed_from = head_identity(conn)
    if keyed_from is None or archive_id is None:
        return
    key = load_key(archive_id)
    if key is not None:
        conn.engine.iiss_chain_key = key
    # Without the key append_sql refuses with the message that says how to import it.


def upgrade() -> None:
    op.create_table('funds_residue_carry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('from_year', sa.Integer(), nullable=False),
    sa.Column('carried_on', sa.Date(), nullable=False),
    sa.Column('active_total', sa.BigInteger(), nullable=False),
    sa.Column('passive_total', sa.BigInteger(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_funds_residue_carry')),
    sa.UniqueConstraint('from_year', name=op.f('uq_funds_residue_carry_from_year'))
    )
    op.create_table('funds_assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('assessed_on', sa.Date(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('revenue_item_id', sa.Integer(), nullable=False),
    sa.Column('earmarked_id', sa.Integer(), nullable=True),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('debtor', sa.String(length=200), nullable=False),
    sa.Column('description', sa.String(length=500), nullable=False),
    sa.Column('document_ref', sa.String(length=120), nullable=False),
    sa.Column('document_date', sa.Date(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['earmarked_id'], ['funds_earmarked.id'], name=op.f('fk_funds_assessment_earmarked_id_funds_earmarked')),
    sa.ForeignKeyConstraint(['entry_id'], ['register_entry.id'], name=op.f('fk_funds_assessment_entry_id_register_entry')),
    sa.ForeignKeyConstraint(['programme_id'], ['funds_programme.id'], name=op.f('fk_funds_assessment_programme_id_funds_programme')),
    sa.ForeignKeyConstraint(['revenue_item_id'], ['funds_revenue_item.id'], name=op.f('fk_funds_assessment_revenue_item_id_funds_revenue_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_funds_assessment')),
    sa.UniqueConstraint('entry_id', name=op.f('uq_funds_assessment_entry_id')),
    sa.UniqueConstraint('year', 'number', name='uq_funds_assessment_number')
    )
    with op.batch_alter_table('funds_assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_funds_assessment_revenue_item_id'), ['revenue_item_id'], unique=False)

    op.create_table('funds_residue',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('carry_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('origin_year', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=1), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=True),
    sa.Column('commitment_id', sa.Integer(), nullable=True),
    sa.Column('revenue_item_id', sa.Integer(), nullable=True),
    sa.Column('destination_id', sa.Integer(), nullable=True),
    sa.Column('spending_type_id', sa.Integer(), nullable=True),
    sa.Column('counterpart', sa.String(length=200), nullable=False),
    sa.Column('description', sa.String(length=500), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('remaining', sa.BigInteger(), nullable=False),
    sa.Column('previous_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['assessment_id'], ['funds_assessment.id'], name=op.f('fk_funds_residue_assessment_id_funds_assessment')),
    sa.ForeignKeyConstraint(['carry_id'], ['funds_residue_carry.id'], name=op.f('fk_funds_residue_carry_id_funds_residue_carry')),
    sa.ForeignKeyConstraint(['commitment_id'], ['funds_commitment.id'], name=op.f('fk_funds_residue_commitment_id_funds_commitment')),
    sa.ForeignKeyConstraint(['destination_id'], ['funds_destination.id'], name=op.f('fk_funds_residue_destination_id_funds_destination')),
    sa.ForeignKeyConstraint(['previous_id'], ['funds_residue.id'], name=op.f('fk_funds_residue_previous_id_funds_residue')),
    sa.ForeignKeyConstraint(['revenue_item_id'], ['funds_revenue_item.id'], name=op.f('fk_funds_residue_revenue_item_id_funds_revenue_item')),
    sa.ForeignKeyConstraint(['spending_type_id'], ['funds_spending_type.id'], name=op.f('fk_funds_residue_spending_type_id_funds_spending_type')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_funds_residue')),
    sa.UniqueConstraint('year', 'assessment_id', name='uq_funds_residue_assessment'),
    sa.UniqueConstraint('year', 'commitment_id', name='uq_funds_residue_commitment')
    )
    with op.batch_alter_table('funds_residue', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_funds_residue_carry_id'), ['carry_id'], unique=False)
        batch_op.create_index('ix_funds_residue_year', ['year', 'kind'], unique=False)

    op.create_table('funds_residue_radiation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('residue_id', sa.Integer(), nullable=False),
    sa.Column('radiated_on', sa.Date(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('act_ref', sa.String(length=120), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['residue_id'], ['funds_residue.id'], name=op.f('fk_funds_residue_radiation_residue_id_funds_residue')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_funds_residue_radiation'))
    )
    with op.batch_alter_table('funds_residue_radiation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_funds_residue_radiation_residue_id'), ['residue_id'], unique=False)

    # Batch mode rebuilds these tables on SQLite: their triggers of 0016 go with the old
    # table and are installed again below.
    uninstall(op, REBUILT)
    with op.batch_alter_table('funds_liquidation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('residue_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_funds_liquidation_residue_id'), ['residue_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_funds_liquidation_residue_id_funds_residue'), 'funds_residue', ['residue_id'], ['id'])

    with op.batch_alter_table('funds_payment_order', schema=None) as batch_op:
        batch_op.add_column(sa.Column('residue_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_funds_payment_order_residue_id'), ['residue_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_funds_payment_order_residue_id_funds_residue'), 'funds_residue', ['residue_id'], ['id'])

    with op.batch_alter_table('funds_programme', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cash_opening', sa.BigInteger(), nullable=True))

    with op.batch_alter_table('funds_receipt_order', schema=None) as batch_op:
        batch_op.add_column(sa.Column('assessment_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('residue_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_funds_receipt_order_assessment_id'), ['assessment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_funds_receipt_order_residue_id'), ['residue_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_funds_receipt_order_residue_id_funds_residue'), 'funds_residue', ['residue_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_funds_receipt_order_assessment_id_funds_assessment'), 'funds_assessment', ['assessment_id'], ['id'])

    _assess_old_receipts(op.get_bind())
    with op.batch_alter_table('funds_receipt_order', schema=None) as batch_op:
        batch_op.alter_column('assessment_id', existing_type=sa.Integer(), nullable=False)
    install(op, REBUILT + PROTECTIONS)


def downgrade() -> None:
    uninstall(op, PROTECTIONS + REBUILT)

    with op.batch_alter_table('funds_receipt_order', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_funds_receipt_order_assessment_id_funds_assessment'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_funds_receipt_order_residue_id_funds_residue'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_funds_receipt_order_residue_id'))
        batch_op.drop_index(batch_op.f('ix_funds_receipt_order_assessment_id'))
        batch_op.drop_column('residue_id')
        batch_op.drop_column('assessment_id')

    with op.batch_alter_table('funds_programme', schema=None) as batch_op:
        batch_op.drop_column('cash_opening')

    with op.batch_alter_table('funds_payment_order', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_funds_payment_order_residue_id_funds_residue'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_funds_payment_order_residue_id'))
        batch_op.drop_column('residue_id')

    with op.batch_alter_table('funds_liquidation', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_funds_liquidation_residue_id_funds_residue'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_funds_liquidation_residue_id'))
        batch_op.drop_column('residue_id')

    with op.batch_alter_table('funds_residue_radiation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_funds_residue_radiation_residue_id'))

    op.drop_table('funds_residue_radiation')
    with op.batch_alter_table('funds_residue', schema=None) as batch_op:
        batch_op.drop_index('ix_funds_residue_year')
        batch_op.drop_index(batch_op.f('ix_funds_residue_carry_id'))

    op.drop_table('funds_residue')
    with op.batch_alter_table('funds_assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_funds_assessment_revenue_item_id'))

    op.drop_table('funds_assessment')
    op.drop_table('funds_residue_carry')
    install(op, REBUILT)
