"""procurement_invoices: suppliers, the FatturaPA files received and their invoices, entries
of the «Registro unico delle fatture» (issue 17 item 5; DL 66/2014 art. 42)

Self-contained: it creates only its own tables and triggers. Amounts are BigInteger cents.
Nothing is ever deleted; a file as received and what the register counted never change.

Revision ID: 0021_procurement_invoices
Revises: 0019_funds_cash
Create Date: 2026-12-03 13:15:25
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import NO_DELETE_REGISTER, Protection, install, uninstall

revision = '0021_procurement_invoices'
down_revision = '0019_funds_cash'
branch_labels = None
depends_on = None


NO_DELETE_SUPPLIER = ("Fornitori: un fornitore citato da fatture e ordini non si cancella; per "
                      "non usarlo più, disattivarlo.")
FROZEN_FILE = ("File di fattura elettronica: il file ricevuto si conserva com'è e non si "
               "modifica né si cancella.")
FROZEN_INVOICE = ("Fattura ricevuta: i dati letti dal file e la registrazione non si modificano; "
                  "una fattura errata si rifiuta.")
PROTECTIONS = (
    Protection("procurement_supplier", forbid_delete=NO_DELETE_SUPPLIER),
    Protection("procurement_invoice_file", forbid_delete=FROZEN_FILE, freeze_all=True,
               frozen_message=FROZEN_FILE),
    # Only the state (and nothing the file or the register fixed) changes after the entry.
    Protection("procurement_invoice", forbid_delete=NO_DELETE_REGISTER,
               frozen_columns=("entry_id", "year", "number", "received_on", "file_id", "body",
                               "supplier_id", "transmission_format", "office_code",
                               "document_type", "invoice_number", "invoice_date", "currency",
                               "causale", "taxable", "tax", "total", "payable",
                               "split_payment", "due_on", "iban", "cig", "cup",
                               "order_reference", "warnings", "duplicate_key"),
               frozen_message=FROZEN_INVOICE),
    Protection("procurement_invoice_line", forbid_delete=FROZEN_INVOICE, freeze_all=True,
               frozen_message=FROZEN_INVOICE),
    Protection("procurement_invoice_vat", forbid_delete=FROZEN_INVOICE, freeze_all=True,
               frozen_message=FROZEN_INVOICE),
)


def upgrade() -> None:
    op.create_table('procurement_invoice_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('schema_problems', sa.Text(), nullable=False),
    sa.Column('schema_accepted_by_id', sa.Integer(), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procurement_invoice_file')),
    sa.UniqueConstraint('sha256', name=op.f('uq_procurement_invoice_file_sha256'))
    )
    op.create_table('procurement_supplier',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('vat', sa.String(length=30), nullable=False),
    sa.Column('tax_code', sa.String(length=16), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('pec', sa.String(length=200), nullable=False),
    sa.Column('iban', sa.String(length=34), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procurement_supplier'))
    )
    with op.batch_alter_table('procurement_supplier', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_procurement_supplier_vat'), ['vat'], unique=False)

    op.create_table('procurement_invoice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Integer(), nullable=False),
    sa.Column('supplier_id', sa.Integer(), nullable=False),
    sa.Column('transmission_format', sa.String(length=5), nullable=False),
    sa.Column('office_code', sa.String(length=7), nullable=False),
    sa.Column('document_type', sa.String(length=4), nullable=False),
    sa.Column('invoice_number', sa.String(length=20), nullable=False),
    sa.Column('invoice_date', sa.Date(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('causale', sa.Text(), nullable=False),
    sa.Column('taxable', sa.BigInteger(), nullable=False),
    sa.Column('tax', sa.BigInteger(), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.Column('payable', sa.BigInteger(), nullable=False),
    sa.Column('split_payment', sa.Boolean(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('iban', sa.String(length=34), nullable=False),
    sa.Column('cig', sa.String(length=15), nullable=False),
    sa.Column('cup', sa.String(length=15), nullable=False),
    sa.Column('order_reference', sa.String(length=20), nullable=False),
    sa.Column('warnings', sa.Text(), nullable=False),
    sa.Column('duplicate_key', sa.String(length=120), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('liquidation_id', sa.Integer(), nullable=True),
    sa.Column('payment_order_id', sa.Integer(), nullable=True),
    sa.Column('paid_on', sa.Date(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['entry_id'], ['register_entry.id'], name=op.f('fk_procurement_invoice_entry_id_register_entry')),
    sa.ForeignKeyConstraint(['file_id'], ['procurement_invoice_file.id'], name=op.f('fk_procurement_invoice_file_id_procurement_invoice_file')),
    sa.ForeignKeyConstraint(['supplier_id'], ['procurement_supplier.id'], name=op.f('fk_procurement_invoice_supplier_id_procurement_supplier')),
    sa.ForeignKeyConstraint(['liquidation_id'], ['funds_liquidation.id'], name=op.f('fk_procurement_invoice_liquidation_id_funds_liquidation')),
    sa.ForeignKeyConstraint(['payment_order_id'], ['funds_payment_order.id'], name=op.f('fk_procurement_invoice_payment_order_id_funds_payment_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procurement_invoice')),
    sa.UniqueConstraint('liquidation_id', name=op.f('uq_procurement_invoice_liquidation_id')),
    sa.UniqueConstraint('duplicate_key', name=op.f('uq_procurement_invoice_duplicate_key')),
    sa.UniqueConstraint('entry_id', name=op.f('uq_procurement_invoice_entry_id'))
    )
    with op.batch_alter_table('procurement_invoice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_procurement_invoice_file_id'), ['file_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_procurement_invoice_supplier_id'), ['supplier_id'], unique=False)

    op.create_table('procurement_invoice_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invoice_id', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('quantity', sa.String(length=30), nullable=False),
    sa.Column('unit', sa.String(length=10), nullable=False),
    sa.Column('unit_price', sa.String(length=30), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.Column('vat_rate', sa.String(length=8), nullable=False),
    sa.Column('nature', sa.String(length=4), nullable=False),
    sa.ForeignKeyConstraint(['invoice_id'], ['procurement_invoice.id'], name=op.f('fk_procurement_invoice_line_invoice_id_procurement_invoice')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procurement_invoice_line'))
    )
    with op.batch_alter_table('procurement_invoice_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_procurement_invoice_line_invoice_id'), ['invoice_id'], unique=False)

    op.create_table('procurement_invoice_vat',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invoice_id', sa.Integer(), nullable=False),
    sa.Column('rate', sa.String(length=8), nullable=False),
    sa.Column('taxable', sa.BigInteger(), nullable=False),
    sa.Column('tax', sa.BigInteger(), nullable=False),
    sa.Column('esigibilita', sa.String(length=1), nullable=False),
    sa.Column('nature', sa.String(length=4), nullable=False),
    sa.ForeignKeyConstraint(['invoice_id'], ['procurement_invoice.id'], name=op.f('fk_procurement_invoice_vat_invoice_id_procurement_invoice')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procurement_invoice_vat'))
    )
    with op.batch_alter_table('procurement_invoice_vat', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_procurement_invoice_vat_invoice_id'), ['invoice_id'], unique=False)
    install(op, PROTECTIONS)


def downgrade() -> None:
    uninstall(op, PROTECTIONS)
    with op.batch_alter_table('procurement_invoice_vat', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_procurement_invoice_vat_invoice_id'))

    op.drop_table('procurement_invoice_vat')
    with op.batch_alter_table('procurement_invoice_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_procurement_invoice_line_invoice_id'))

    op.drop_table('procurement_invoice_line')
    with op.batch_alter_table('procurement_invoice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_procurement_invoice_supplier_id'))
        batch_op.drop_index(batch_op.f('ix_procurement_invoice_file_id'))

    op.drop_table('procurement_invoice')
    with op.batch_alter_table('procurement_supplier', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_procurement_supplier_vat'))

    op.drop_table('procurement_supplier')
    op.drop_table('procurement_invoice_file')
