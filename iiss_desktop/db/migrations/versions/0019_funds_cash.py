"""funds_cash: the fondo economale per le minute spese (D.I. 129/2018 art. 21): the fund of a
financial year with the Consiglio's limits, its register of minute spese, the reintegri
(issue 15 item 9)

Expenses and reintegri are never deleted; what identifies an expense (number, date, amount,
fund) never changes: a wrong one is annulled by an annulment entry with its reason.

Revision ID: 0019_funds_cash
Revises: 0017_staff_registry
Create Date: 2026-12-03 14:00:00
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import NO_DELETE_REGISTER, Protection, install, uninstall

revision = '0019_funds_cash'
down_revision = '0017_staff_registry'
branch_labels = None
depends_on = None

NO_DELETE_FUND = ("Fondo economale: non si cancella; a fine esercizio si chiude con la "
                  "reversale della cassa residua.")
FROZEN_FUND = ("Fondo economale: l'anno e l'anticipo non si modificano una volta "
               "registrati.")
PROTECTIONS = (
    Protection("funds_cash_fund", forbid_delete=NO_DELETE_FUND,
               frozen_columns=("year", "programme_id"), frozen_message=FROZEN_FUND),
    Protection("funds_cash_expense", forbid_delete=NO_DELETE_REGISTER,
               frozen_columns=("entry_id", "fund_id", "year", "number", "spent_on", "amount",
                               "destination_id", "spending_type_id")),
    Protection("funds_cash_reimbursement", forbid_delete=NO_DELETE_REGISTER, freeze_all=True),
    Protection("funds_restitution", forbid_delete=NO_DELETE_REGISTER, freeze_all=True),
)


def upgrade() -> None:
    op.create_table('funds_cash_fund',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('max_expense', sa.BigInteger(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('decision_ref', sa.String(length=120), nullable=False),
    sa.Column('destination_id', sa.Integer(), nullable=False),
    sa.Column('advance_order_id', sa.Integer(), nullable=True),
    sa.Column('advance', sa.BigInteger(), nullable=False),
    sa.Column('cash', sa.BigInteger(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('closing_receipt_id', sa.Integer(), nullable=True),
    sa.Column('closing_amount', sa.BigInteger(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['advance_order_id'], ['funds_payment_order.id'], name=op.f('fk_funds_cash_fund_advance_order_id_funds_payment_order')),
    sa.ForeignKeyConstraint(['closing_receipt_id'], ['funds_receipt_order.id'], name=op.f('fk_funds_cash_fund_closing_receipt_id_funds_receipt_order')),
    sa.ForeignKeyConstraint(['destination_id'], ['funds_destination.id'], name=op.f('fk_funds_cash_fund_destination_id_funds_destination')),
    sa.ForeignKeyConstraint(['programme_id'], ['funds_programme.id'], name=op.f('fk_funds_cash_fund_programme_id_funds_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_funds_cash_fund')),
    sa.UniqueConstraint('year', name=op.f('uq_funds_cash_fund_year'))
    )
    op.create_table('funds_cash_reimbursement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fund_id', sa.Integer(), nullable=False),
    sa.Column('presented_on', sa.Date(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('orders', sa.String(length=200), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['fund_id'], ['funds_cash_fund.id'], name=op.f('fk_funds_cash_reimbursement_fund_id_funds_cash_fund')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_funds_cash_reimbursement'))
    )
    op.create_index(op.f('ix_funds_cash_reimbursement_fund_id'), 'funds_cash_reimbursement', ['fund_id'], unique=False)
    op.create_table('funds_cash_expense',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('fund_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('spent_on', sa.Date(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('creditor_name', sa.String(length=200), nullable=False),
    sa.Column('document_ref', sa.String(length=120), nullable=False),
    sa.Column('destination_id', sa.Integer(), nullable=False),
    sa.Column('spending_type_id', sa.Integer(), nullable=False),
    sa.Column('reimbursement_id', sa.Integer(), nullable=True),
    sa.Column('annulled', sa.Boolean(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['destination_id'], ['funds_destination.id'], name=op.f('fk_funds_cash_expense_destination_id_funds_destination')),
    sa.ForeignKeyConstraint(['entry_id'], ['register_entry.id'], name=op.f('fk_funds_cash_expense_entry_id_register_entry')),
    sa.ForeignKeyConstraint(['fund_id'], ['funds_cash_fund.id'], name=op.f('fk_funds_cash_expense_fund_id_funds_cash_fund')),
    sa.ForeignKeyConstraint(['reimbursement_id'], ['funds_cash_reimbursement.id'], name=op.f('fk_funds_cash_expense_reimbursement_id_funds_cash_reimbursement')),
    sa.ForeignKeyConstraint(['spending_type_id'], ['funds_spending_type.id'], name=op.f('fk_funds_cash_expense_spending_type_id_funds_spending_type')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_funds_cash_expense')),
    sa.UniqueConstraint('entry_id', name=op.f('uq_funds_cash_expense_entry_id'))
    )
    op.create_index(op.f('ix_funds_cash_expense_fund_id'), 'funds_cash_expense', ['fund_id'], unique=False)
    op.create_table('funds_restitution',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('earmarked_id', sa.Integer(), nullable=False),
    sa.Column('payment_order_id', sa.Integer(), nullable=False),
    sa.Column('restituted_on', sa.Date(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['earmarked_id'], ['funds_earmarked.id'], name=op.f('fk_funds_restitution_earmarked_id_funds_earmarked')),
    sa.ForeignKeyConstraint(['payment_order_id'], ['funds_payment_order.id'], name=op.f('fk_funds_restitution_payment_order_id_funds_payment_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_funds_restitution'))
    )
    op.create_index(op.f('ix_funds_restitution_earmarked_id'), 'funds_restitution', ['earmarked_id'], unique=False)
    install(op, PROTECTIONS)


def downgrade() -> None:
    uninstall(op, PROTECTIONS)
    op.drop_index(op.f('ix_funds_restitution_earmarked_id'), table_name='funds_restitution')
    op.drop_table('funds_restitution')
    op.drop_index(op.f('ix_funds_cash_expense_fund_id'), table_name='funds_cash_expense')
    op.drop_table('funds_cash_expense')
    op.drop_index(op.f('ix_funds_cash_reimbursement_fund_id'), table_name='funds_cash_reimbursement')
    op.drop_table('funds_cash_reimbursement')
    op.drop_table('funds_cash_fund')
