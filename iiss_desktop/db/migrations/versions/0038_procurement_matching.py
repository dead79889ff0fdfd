"""procurement_matching: each invoice received matched to the order it bills, with how the
match was made, and the inventory numbers of the goods it paid for (D.I. 129/2018 art. 17
c.3); each order's invoiced amount, derived from its matched invoices and rebuilt by verify
(issue 17 items 5 and 6)

The order stays frozen but for its invoiced amount: its trigger is replaced by one that
freezes every other column. The invoice's trigger is re-installed after the columns.

Revision ID: 0038_procurement_matching
Revises: 0037_staff_attendance
Create Date: 2026-12-07 11:00:00
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import NO_DELETE_REGISTER, Protection, install, uninstall

revision = '0038_procurement_matching'
down_revision = '0037_staff_attendance'
branch_labels = None
depends_on = None

NO_DELETE = ("Procedure d'acquisto: richieste, determine, preventivi e ordini non si "
             "cancellano.")
FROZEN_ORDER = "Lettera d'ordine: l'ordine emesso e le sue righe non si modificano."
FROZEN_INVOICE = ("Fattura ricevuta: i dati letti dal file e la registrazione non si modificano; "
                  "una fattura errata si rifiuta.")
ORDER_COLUMNS = ("procedure_id", "entry_id", "year", "number", "ordered_on", "supplier_id",
                 "delivery_place", "delivery_terms", "delivery_by", "taxable", "tax", "total",
                 "recorded_by_id")
INVOICE_FROZEN = ("entry_id", "year", "number", "received_on", "file_id", "body", "supplier_id",
                  "transmission_format", "office_code", "document_type", "invoice_number",
                  "invoice_date", "currency", "causale", "taxable", "tax", "total", "payable",
                  "split_payment", "due_on", "iban", "cig", "cup", "order_reference",
                  "warnings", "duplicate_key")
OLD = (
    Protection("procurement_order", forbid_delete=NO_DELETE, freeze_all=True,
               frozen_message=FROZEN_ORDER),
    Protection("procurement_invoice", forbid_delete=NO_DELETE_REGISTER,
               frozen_columns=INVOICE_FROZEN, frozen_message=FROZEN_INVOICE),
)
NEW = (
    Protection("procurement_order", forbid_delete=NO_DELETE, frozen_columns=ORDER_COLUMNS,
               frozen_message=FROZEN_ORDER),
    Protection("procurement_invoice", forbid_delete=NO_DELETE_REGISTER,
               frozen_columns=INVOICE_FROZEN, frozen_message=FROZEN_INVOICE),
)


def upgrade() -> None:
    uninstall(op, OLD)
    with op.batch_alter_table('procurement_invoice', schema=None) as batch_op:
        batch_op.add_column(sa.Column('order_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('match_kind', sa.String(length=10), server_default='',
                                      nullable=False))
        batch_op.add_column(sa.Column('inventory_note', sa.Text(), server_default='',
                                      nullable=False))
        batch_op.create_index(batch_op.f('ix_procurement_invoice_order_id'), ['order_id'],
                              unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_procurement_invoice_order_id_procurement_order'),
            'procurement_order', ['order_id'], ['id'])
    with op.batch_alter_table('procurement_order', schema=None) as batch_op:
        batch_op.add_column(sa.Column('invoiced', sa.BigInteger(), server_default='0',
                                      nullable=False))
    install(op, NEW)


def downgrade() -> None:
    uninstall(op, NEW)
    with op.batch_alter_table('procurement_order', schema=None) as batch_op:
        batch_op.drop_column('invoiced')
    with op.batch_alter_table('procurement_invoice', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_procurement_invoice_order_id_procurement_order'),
            type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_procurement_invoice_order_id'))
        batch_op.drop_column('inventory_note')
        batch_op.drop_column('match_kind')
        batch_op.drop_column('order_id')
    install(op, OLD)
