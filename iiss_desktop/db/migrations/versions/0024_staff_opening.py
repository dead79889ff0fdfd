"""staff_opening: the opening hours of each plesso per weekday and school year, with the
people they need at once (issue 14 item 4, «plesso scoperto»; item 9, needs as data)

Self-contained. Rows are never deleted: a change supersedes the plesso's rows of the year.

Revision ID: 0024_staff_opening
Revises: 0023_staff_plan
Create Date: 2026-12-03 18:20:00
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import Protection, install, uninstall

revision = '0024_staff_opening'
down_revision = '0023_staff_plan'
branch_labels = None
depends_on = None

NO_DELETE = ("Orari di apertura dei plessi: non si cancellano; un orario cambiato sostituisce "
             "il precedente, che resta nella storia.")
PROTECTIONS = (
    Protection("staff_opening", forbid_delete=NO_DELETE,
               frozen_columns=("school_year", "plesso", "weekday", "start", "end", "staff",
                               "profile"), frozen_message=NO_DELETE),
)


def upgrade() -> None:
    op.create_table('staff_opening',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('school_year', sa.Integer(), nullable=False),
    sa.Column('plesso', sa.String(length=20), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('staff', sa.Integer(), nullable=False),
    sa.Column('profile', sa.String(length=10), nullable=True),
    sa.Column('superseded_on', sa.Date(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_opening'))
    )
    with op.batch_alter_table('staff_opening', schema=None) as batch_op:
        batch_op.create_index('ix_staff_opening_year', ['school_year', 'plesso'], unique=False)

    install(op, PROTECTIONS)


def downgrade() -> None:
    uninstall(op, PROTECTIONS)
    with op.batch_alter_table('staff_opening', schema=None) as batch_op:
        batch_op.drop_index('ix_staff_opening_year')

    op.drop_table('staff_opening')
