"""inventory discharges

Revision ID: 0003_discharge
Revises: 0002_inventory
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import NO_DELETE_REGISTER, Protection, install, uninstall

# A decree of discharge and its list of goods are part of the register's history.
PROTECTIONS = (
    Protection("inventory_discharge", forbid_delete=NO_DELETE_REGISTER, freeze_all=True),
    Protection("inventory_discharge_item", forbid_delete=NO_DELETE_REGISTER, freeze_all=True),
)


revision = '0003_discharge'
down_revision = '0002_inventory'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('inventory_discharge',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('decree_number', sa.String(length=40), nullable=False),
    sa.Column('decree_date', sa.Date(), nullable=False),
    sa.Column('cause', sa.String(length=20), nullable=False),
    sa.Column('motivation', sa.Text(), nullable=False),
    sa.Column('reintegro', sa.Boolean(), nullable=False),
    sa.Column('attachments', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inventory_discharge'))
    )
    op.create_table('inventory_discharge_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('discharge_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['discharge_id'], ['inventory_discharge.id'], name=op.f('fk_inventory_discharge_item_discharge_id_inventory_discharge')),
    sa.ForeignKeyConstraint(['item_id'], ['inventory_item.id'], name=op.f('fk_inventory_discharge_item_item_id_inventory_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inventory_discharge_item')),
    sa.UniqueConstraint('item_id', name=op.f('uq_inventory_discharge_item_item_id'))
    )
    with op.batch_alter_table('inventory_discharge_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inventory_discharge_item_discharge_id'), ['discharge_id'], unique=False)

    install(op, PROTECTIONS)


def downgrade() -> None:
    uninstall(op, PROTECTIONS)
    with op.batch_alter_table('inventory_discharge_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inventory_discharge_item_discharge_id'))

    op.drop_table('inventory_discharge_item')
    op.drop_table('inventory_discharge')
