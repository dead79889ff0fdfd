"""plan_front_desk: the front desk's opening hours in the Piano delle attività, by weekday,
for the public or the school's staff (issue 19 item 1: appointments within them)

Self-contained: it creates only its own table and triggers. As every part of a version of
the Piano, a row is never deleted (a draft marks it removed) nor moved to another version.

Revision ID: 0042_plan_front_desk
Revises: 0041_office_visitors
Create Date: 2026-12-08 02:40:00
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import Protection, install, uninstall

revision = '0042_plan_front_desk'
down_revision = '0041_office_visitors'
branch_labels = None
depends_on = None

PROTECTIONS = (
    Protection("staff_plan_front_desk",
               forbid_delete=("Piano delle attività: le parti di una versione non si "
                              "cancellano; nella bozza si modificano, un Piano adottato si "
                              "cambia con una nuova versione."),
               frozen_columns=("plan_id",),
               frozen_message="Piano delle attività: una parte del Piano non passa a un'altra "
                              "versione."),
)


def upgrade() -> None:
    op.create_table('staff_plan_front_desk',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('audience', sa.String(length=20), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('removed', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['staff_plan.id'],
                            name=op.f('fk_staff_plan_front_desk_plan_id_staff_plan')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_plan_front_desk'))
    )
    op.create_index(op.f('ix_staff_plan_front_desk_plan_id'), 'staff_plan_front_desk',
                    ['plan_id'], unique=False)
    install(op, PROTECTIONS)


def downgrade() -> None:
    uninstall(op, PROTECTIONS)
    op.drop_index(op.f('ix_staff_plan_front_desk_plan_id'), table_name='staff_plan_front_desk')
    op.drop_table('staff_plan_front_desk')
