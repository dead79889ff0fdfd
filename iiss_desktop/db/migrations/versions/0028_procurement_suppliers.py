"""procurement_suppliers: the suppliers registry (albo fornitori): the supplier's telephone,
the declarations of the conto corrente dedicato with the persons delegated on it (L. 136/2010
art. 3), the DURC over time, the self-declarations of the requirements with the random
checks drawn (D.Lgs. 36/2023 art. 52), the awards the rotation principle reads (art. 49) and
the area's settings (Acquisti issue, item 1)

Self-contained: it adds one column to ``procurement_supplier`` (with its default: the
suppliers created by the invoices keep every value) and creates its own tables and triggers.
Amounts are BigInteger cents. Nothing is ever deleted; a declaration of the conto dedicato is
revoked with its reason, never changed.

Revision ID: 0028_procurement_suppliers
Revises: 0027_staff_emergency
Create Date: 2026-12-07 00:27:41.045763
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import Protection, install, uninstall

revision = '0028_procurement_suppliers'
down_revision = '0027_staff_emergency'
branch_labels = None
depends_on = None

NO_DELETE = ("Albo dei fornitori: conti dedicati, DURC, dichiarazioni, sorteggi e affidamenti "
             "non si cancellano; un conto dedicato non più valido si revoca indicando il "
             "motivo.")
FROZEN_ACCOUNT = ("Conto dedicato: la dichiarazione registrata non si modifica; un conto "
                  "cambiato è una nuova dichiarazione, quello non più valido si revoca.")
FROZEN = ("Albo dei fornitori: DURC, sorteggi, affidamenti e persone delegate registrati non "
          "si modificano.")
FROZEN_DECLARATION = ("Dichiarazione dei requisiti: fornitore, tipo, data e protocollo non si "
                      "modificano.")
PROTECTIONS = (
    Protection("procurement_bank_account", forbid_delete=NO_DELETE,
               frozen_columns=("supplier_id", "iban", "bank", "declared_on", "protocol"),
               frozen_message=FROZEN_ACCOUNT),
    Protection("procurement_bank_delegate", forbid_delete=NO_DELETE, freeze_all=True,
               frozen_message=FROZEN),
    Protection("procurement_durc", forbid_delete=NO_DELETE, freeze_all=True,
               frozen_message=FROZEN),
    Protection("procurement_declaration", forbid_delete=NO_DELETE,
               frozen_columns=("supplier_id", "kind", "received_on", "protocol"),
               frozen_message=FROZEN_DECLARATION),
    Protection("procurement_check_draw", forbid_delete=NO_DELETE, freeze_all=True,
               frozen_message=FROZEN),
    Protection("procurement_award", forbid_delete=NO_DELETE, freeze_all=True,
               frozen_message=FROZEN),
    Protection("procurement_setting", forbid_delete=NO_DELETE),
)


def upgrade() -> None:
    op.create_table('procurement_check_draw',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('drawn_on', sa.Date(), nullable=False),
    sa.Column('period_from', sa.Date(), nullable=False),
    sa.Column('period_to', sa.Date(), nullable=False),
    sa.Column('percent', sa.Integer(), nullable=False),
    sa.Column('seed', sa.Integer(), nullable=False),
    sa.Column('candidates', sa.Integer(), nullable=False),
    sa.Column('drawn', sa.Integer(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procurement_check_draw'))
    )
    op.create_table('procurement_setting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('check_percent', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procurement_setting'))
    )
    op.create_table('procurement_award',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('supplier_id', sa.Integer(), nullable=False),
    sa.Column('awarded_on', sa.Date(), nullable=False),
    sa.Column('object', sa.String(length=300), nullable=False),
    sa.Column('sector', sa.String(length=20), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('cig', sa.String(length=10), nullable=False),
    sa.Column('rotation_exception', sa.String(length=20), nullable=False),
    sa.Column('motivation', sa.String(length=500), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['supplier_id'], ['procurement_supplier.id'], name=op.f('fk_procurement_award_supplier_id_procurement_supplier')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procurement_award'))
    )
    with op.batch_alter_table('procurement_award', schema=None) as batch_op:
        batch_op.create_index('ix_procurement_award_sector', ['sector', 'awarded_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_procurement_award_supplier_id'), ['supplier_id'], unique=False)

    op.create_table('procurement_bank_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('supplier_id', sa.Integer(), nullable=False),
    sa.Column('iban', sa.String(length=34), nullable=False),
    sa.Column('bank', sa.String(length=200), nullable=False),
    sa.Column('declared_on', sa.Date(), nullable=False),
    sa.Column('protocol', sa.String(length=60), nullable=False),
    sa.Column('revoked_on', sa.Date(), nullable=True),
    sa.Column('revoke_reason', sa.String(length=300), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['supplier_id'], ['procurement_supplier.id'], name=op.f('fk_procurement_bank_account_supplier_id_procurement_supplier')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procurement_bank_account'))
    )
    with op.batch_alter_table('procurement_bank_account', schema=None) as batch_op:
        batch_op.create_index('ix_procurement_bank_account_supplier', ['supplier_id', 'declared_on'], unique=False)

    op.create_table('procurement_declaration',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('supplier_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('protocol', sa.String(length=60), nullable=False),
    sa.Column('draw_id', sa.Integer(), nullable=True),
    sa.Column('drawn', sa.Boolean(), nullable=False),
    sa.Column('check_outcome', sa.String(length=20), nullable=False),
    sa.Column('checked_on', sa.Date(), nullable=True),
    sa.Column('check_note', sa.String(length=300), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['draw_id'], ['procurement_check_draw.id'], name=op.f('fk_procurement_declaration_draw_id_procurement_check_draw')),
    sa.ForeignKeyConstraint(['supplier_id'], ['procurement_supplier.id'], name=op.f('fk_procurement_declaration_supplier_id_procurement_supplier')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procurement_declaration'))
    )
    with op.batch_alter_table('procurement_declaration', schema=None) as batch_op:
        batch_op.create_index('ix_procurement_declaration_received', ['received_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_procurement_declaration_supplier_id'), ['supplier_id'], unique=False)

    op.create_table('procurement_durc',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('supplier_id', sa.Integer(), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('protocol', sa.String(length=60), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['supplier_id'], ['procurement_supplier.id'], name=op.f('fk_procurement_durc_supplier_id_procurement_supplier')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procurement_durc'))
    )
    with op.batch_alter_table('procurement_durc', schema=None) as batch_op:
        batch_op.create_index('ix_procurement_durc_supplier', ['supplier_id', 'issued_on'], unique=False)

    op.create_table('procurement_bank_delegate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('tax_code', sa.String(length=16), nullable=False),
    sa.Column('role', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['procurement_bank_account.id'], name=op.f('fk_procurement_bank_delegate_account_id_procurement_bank_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procurement_bank_delegate'))
    )
    with op.batch_alter_table('procurement_bank_delegate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_procurement_bank_delegate_account_id'), ['account_id'], unique=False)

    with op.batch_alter_table('procurement_supplier', schema=None) as batch_op:
        batch_op.add_column(sa.Column('phone', sa.String(length=40), server_default='', nullable=False))
    install(op, PROTECTIONS)


def downgrade() -> None:
    uninstall(op, PROTECTIONS)
    with op.batch_alter_table('procurement_supplier', schema=None) as batch_op:
        batch_op.drop_column('phone')

    with op.batch_alter_table('procurement_bank_delegate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_procurement_bank_delegate_account_id'))

    op.drop_table('procurement_bank_delegate')
    with op.batch_alter_table('procurement_durc', schema=None) as batch_op:
        batch_op.drop_index('ix_procurement_durc_supplier')

    op.drop_table('procurement_durc')
    with op.batch_alter_table('procurement_declaration', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_procurement_declaration_supplier_id'))
        batch_op.drop_index('ix_procurement_declaration_received')

    op.drop_table('procurement_declaration')
    with op.batch_alter_table('procurement_bank_account', schema=None) as batch_op:
        batch_op.drop_index('ix_procurement_bank_account_supplier')

    op.drop_table('procurement_bank_account')
    with op.batch_alter_table('procurement_award', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_procurement_award_supplier_id'))
        batch_op.drop_index('ix_procurement_award_sector')

    op.drop_table('procurement_award')
    op.drop_table('procurement_setting')
    op.drop_table('procurement_check_draw')
