"""funds_restitution_steps: the restitution of an earmarked fund's unused part in the two acts
of the two people who sign them (D.I. 129/2018 artt. 15-17): the dirigente's impegno, which
records the restitution and lowers the unused part at once, then the DSGA's liquidazione and
mandato. ``commitment_id`` (NOT NULL, filled from the mandato of the rows already in) is
added; ``payment_order_id`` becomes nullable until the mandato is issued, the only column
that may still change (once, from empty).

Revision ID: 0035_funds_restitution_steps
Revises: 0034_funds_residue_settlement
Create Date: 2026-12-07 11:20:00
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import NO_DELETE_REGISTER, Protection, install, uninstall

revision = '0035_funds_restitution_steps'
down_revision = '0034_funds_residue_settlement'
branch_labels = None
depends_on = None

OLD = (Protection("funds_restitution", forbid_delete=NO_DELETE_REGISTER, freeze_all=True),)
NEW = (Protection("funds_restitution", forbid_delete=NO_DELETE_REGISTER,
                  frozen_columns=("earmarked_id", "commitment_id", "restituted_on", "amount",
                                  "recorded_by_id")),)


def upgrade() -> None:
    uninstall(op, OLD)
    with op.batch_alter_table('funds_restitution', schema=None) as batch_op:
        batch_op.add_column(sa.Column('commitment_id', sa.Integer(), nullable=True))
    op.execute("UPDATE funds_restitution SET commitment_id = (SELECT m.commitment_id FROM "
               "funds_payment_order m WHERE m.id = funds_restitution.payment_order_id)")
    with op.batch_alter_table('funds_restitution', schema=None) as batch_op:
        batch_op.alter_column('commitment_id', existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column('payment_order_id', existing_type=sa.Integer(), nullable=True)
        batch_op.create_index(batch_op.f('ix_funds_restitution_commitment_id'),
                              ['commitment_id'], unique=True)
        batch_op.create_foreign_key(
            batch_op.f('fk_funds_restitution_commitment_id_funds_commitment'),
            'funds_commitment', ['commitment_id'], ['id'])
    install(op, NEW)


def downgrade() -> None:
    uninstall(op, NEW)
    with op.batch_alter_table('funds_restitution', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_funds_restitution_commitment_id_funds_commitment'),
            type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_funds_restitution_commitment_id'))
        batch_op.alter_column('payment_order_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('commitment_id')
    install(op, OLD)
