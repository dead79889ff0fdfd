"""inventory: goods and movements

Revision ID: 0002_inventory
Revises: 0001_foundation
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import NO_DELETE_REGISTER, Protection, install, uninstall

# Goods are never deleted nor moved to another number; movements are a log.
PROTECTIONS = (
    Protection("inventory_item", forbid_delete=NO_DELETE_REGISTER,
               frozen_columns=("entry_id", "register", "number")),
    Protection("inventory_movement", forbid_delete=NO_DELETE_REGISTER, freeze_all=True),
)


revision = '0002_inventory'
down_revision = '0001_foundation'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('inventory_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('register', sa.String(length=40), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=80), nullable=False),
    sa.Column('subcategory', sa.String(length=80), nullable=False),
    sa.Column('nature', sa.String(length=20), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=True),
    sa.Column('room_id', sa.Integer(), nullable=True),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.Column('valuation', sa.String(length=20), nullable=False),
    sa.Column('universalita_value', sa.BigInteger(), nullable=True),
    sa.Column('supplier', sa.String(length=200), nullable=False),
    sa.Column('invoice_number', sa.String(length=40), nullable=False),
    sa.Column('invoice_date', sa.Date(), nullable=True),
    sa.Column('cig', sa.String(length=10), nullable=False),
    sa.Column('cup', sa.String(length=15), nullable=False),
    sa.Column('funding', sa.String(length=120), nullable=False),
    sa.Column('brand', sa.String(length=80), nullable=False),
    sa.Column('model', sa.String(length=80), nullable=False),
    sa.Column('serial_number', sa.String(length=80), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('grant_title', sa.String(length=200), nullable=False),
    sa.Column('buono_entry_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['buono_entry_id'], ['register_entry.id'], name=op.f('fk_inventory_item_buono_entry_id_register_entry')),
    sa.ForeignKeyConstraint(['entry_id'], ['register_entry.id'], name=op.f('fk_inventory_item_entry_id_register_entry')),
    sa.ForeignKeyConstraint(['room_id'], ['room.id'], name=op.f('fk_inventory_item_room_id_room')),
    sa.ForeignKeyConstraint(['site_id'], ['site.id'], name=op.f('fk_inventory_item_site_id_site')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inventory_item')),
    sa.UniqueConstraint('register', 'number', name='uq_inventory_item_number'),
    sa.UniqueConstraint('entry_id', name=op.f('uq_inventory_item_entry_id')),
    sa.UniqueConstraint('serial_number', name=op.f('uq_inventory_item_serial_number'))
    )
    with op.batch_alter_table('inventory_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inventory_item_room_id'), ['room_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inventory_item_site_id'), ['site_id'], unique=False)

    op.create_table('inventory_movement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('moved_on', sa.Date(), nullable=False),
    sa.Column('from_room_id', sa.Integer(), nullable=True),
    sa.Column('to_room_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['from_room_id'], ['room.id'], name=op.f('fk_inventory_movement_from_room_id_room')),
    sa.ForeignKeyConstraint(['item_id'], ['inventory_item.id'], name=op.f('fk_inventory_movement_item_id_inventory_item')),
    sa.ForeignKeyConstraint(['to_room_id'], ['room.id'], name=op.f('fk_inventory_movement_to_room_id_room')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inventory_movement'))
    )
    with op.batch_alter_table('inventory_movement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inventory_movement_item_id'), ['item_id'], unique=False)

    install(op, PROTECTIONS)


def downgrade() -> None:
    uninstall(op, PROTECTIONS)
    with op.batch_alter_table('inventory_movement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inventory_movement_item_id'))

    op.drop_table('inventory_movement')
    with op.batch_alter_table('inventory_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inventory_item_site_id'))
        batch_op.drop_index(batch_op.f('ix_inventory_item_room_id'))

    op.drop_table('inventory_item')
