"""comodato

Revision ID: 0004_comodato
Revises: 0003_discharge
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import NO_DELETE_REGISTER, Protection, install, uninstall

# Contracts and their goods are kept: a return is recorded, never a deletion.
PROTECTIONS = (
    Protection("loan", forbid_delete=NO_DELETE_REGISTER,
               frozen_columns=("entry_id", "parent_cf", "student_name", "start")),
    Protection("loan_item", forbid_delete=NO_DELETE_REGISTER,
               frozen_columns=("loan_id", "item_id", "condition_out")),
)


revision = '0004_comodato'
down_revision = '0003_discharge'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('loan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('parent_name', sa.String(length=160), nullable=False),
    sa.Column('parent_cf', sa.String(length=16), nullable=False),
    sa.Column('id_document', sa.String(length=120), nullable=False),
    sa.Column('contacts', sa.String(length=200), nullable=False),
    sa.Column('student_name', sa.String(length=160), nullable=False),
    sa.Column('class_name', sa.String(length=20), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('due', sa.Date(), nullable=False),
    sa.Column('criteria', sa.String(length=300), nullable=False),
    sa.Column('returned_on', sa.Date(), nullable=True),
    sa.Column('return_notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['register_entry.id'], name=op.f('fk_loan_entry_id_register_entry')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loan')),
    sa.UniqueConstraint('entry_id', name=op.f('uq_loan_entry_id'))
    )
    op.create_table('loan_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('loan_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('condition_out', sa.String(length=20), nullable=False),
    sa.Column('condition_back', sa.String(length=20), nullable=True),
    sa.ForeignKeyConstraint(['item_id'], ['inventory_item.id'], name=op.f('fk_loan_item_item_id_inventory_item')),
    sa.ForeignKeyConstraint(['loan_id'], ['loan.id'], name=op.f('fk_loan_item_loan_id_loan')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loan_item'))
    )
    with op.batch_alter_table('loan_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_loan_item_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_loan_item_loan_id'), ['loan_id'], unique=False)

    install(op, PROTECTIONS)


def downgrade() -> None:
    uninstall(op, PROTECTIONS)
    with op.batch_alter_table('loan_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_loan_item_loan_id'))
        batch_op.drop_index(batch_op.f('ix_loan_item_item_id'))

    op.drop_table('loan_item')
    op.drop_table('loan')
