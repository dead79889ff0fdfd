"""home_since: the start page «Dalla tua ultima apertura» (issue 19 item 5): each user's
previous and current start of the program (home_start) and the lines the user hid
(home_dismissed), both per user.

Revision ID: 0040_home_since
Revises: 0039_procurement_payment_term
Create Date: 2026-12-07 23:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0040_home_since'
down_revision = '0039_procurement_payment_term'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('home_start',
    sa.Column('user_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('previous_start', sa.String(length=32), nullable=True),
    sa.Column('current_start', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'],
                            name=op.f('fk_home_start_user_id_app_user')),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_home_start'))
    )
    op.create_table('home_dismissed',
    sa.Column('user_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('line_key', sa.String(length=120), nullable=False),
    sa.Column('dismissed_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'],
                            name=op.f('fk_home_dismissed_user_id_app_user')),
    sa.PrimaryKeyConstraint('user_id', 'line_key', name=op.f('pk_home_dismissed'))
    )


def downgrade() -> None:
    op.drop_table('home_dismissed')
    op.drop_table('home_start')
