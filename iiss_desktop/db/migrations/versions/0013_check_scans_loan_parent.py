"""check_scans_loan_parent: every label read at a ricognizione, with its outcome and
why (the verbale lists them, ignored reads included); the comodatario's birth data and
residence (domain.md §7: the parties of the comodato) (issue 12 items 7 and 10)

Revision ID: 0013_check_scans_loan_parent
Revises: 0012_inventory_universalita
Create Date: 2026-12-03 05:40:00
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import NO_DELETE_REGISTER, Protection, install, uninstall

revision = '0013_check_scans_loan_parent'
down_revision = '0012_inventory_universalita'
branch_labels = None
depends_on = None

PROTECTIONS = (Protection(
    "inventory_check_scan",
    forbid_delete="Le letture di una ricognizione fanno parte del verbale: non si cancellano.",
    freeze_all=True, frozen_message="Le letture di una ricognizione registrata non si "
                                    "modificano."),)
# The loan's own protections (0004), installed again after its table is rebuilt.
LOAN = Protection("loan", forbid_delete=NO_DELETE_REGISTER,
                  frozen_columns=("entry_id", "parent_cf", "student_name", "start"))


def upgrade() -> None:
    op.create_table(
        'inventory_check_scan',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('check_id', sa.Integer(), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=60), nullable=False),
        sa.Column('result', sa.String(length=20), nullable=False),
        sa.Column('detail', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['check_id'], ['inventory_check.id'],
                                name=op.f('fk_inventory_check_scan_check_id_inventory_check')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_inventory_check_scan')))
    op.create_index(op.f('ix_inventory_check_scan_check_id'), 'inventory_check_scan',
                    ['check_id'])
    # ADD COLUMN: the loan table is not rebuilt (its triggers stay as they are).
    op.add_column('loan', sa.Column('parent_birth_place', sa.String(length=120),
                                    nullable=False, server_default=''))
    op.add_column('loan', sa.Column('parent_birth_date', sa.Date(), nullable=True))
    op.add_column('loan', sa.Column('parent_residence', sa.String(length=200),
                                    nullable=False, server_default=''))
    install(op, PROTECTIONS)


def downgrade() -> None:
    uninstall(op, PROTECTIONS)
    uninstall(op, (LOAN,))
    with op.batch_alter_table('loan') as batch:
        batch.drop_column('parent_residence')
        batch.drop_column('parent_birth_date')
        batch.drop_column('parent_birth_place')
    install(op, (LOAN,))
    op.drop_index(op.f('ix_inventory_check_scan_check_id'), 'inventory_check_scan')
    op.drop_table('inventory_check_scan')
