"""procurement_payment_term: the term for paying the invoices received, in days from their
receipt, a school setting (default 30, D.Lgs 231/2002 art. 4 [U]) used when the invoice
states no due date (issue 17 item 6)

Plain ADD COLUMN: the table is not copied, its trigger of migration 0028 stays.

Revision ID: 0039_procurement_payment_term
Revises: 0038_procurement_matching
Create Date: 2026-12-07 14:30:00
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import Protection, install, uninstall

revision = '0039_procurement_payment_term'
down_revision = '0038_procurement_matching'
branch_labels = None
depends_on = None

NO_DELETE = ("Albo dei fornitori: conti dedicati, DURC, dichiarazioni, sorteggi e affidamenti "
             "non si cancellano; un conto dedicato non più valido si revoca indicando il "
             "motivo.")             # as in 0028
SETTING = (Protection("procurement_setting", forbid_delete=NO_DELETE),)


def upgrade() -> None:
    op.add_column('procurement_setting', sa.Column('payment_days', sa.Integer(),
                                                   server_default='30', nullable=False))


def downgrade() -> None:
    uninstall(op, SETTING)
    with op.batch_alter_table('procurement_setting', schema=None) as batch_op:
        batch_op.drop_column('payment_days')
    install(op, SETTING)
