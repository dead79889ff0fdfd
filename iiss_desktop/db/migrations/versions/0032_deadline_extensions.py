"""deadline_extensions: the office's deadlines moved by the Ministry (the conto consuntivo, the
Programma Annuale and its assestamento, D.I. 129/2018 artt. 5, 10, 23), one row per year and
deadline with the new date and the act that moves it. Changed and removed freely (audited):
the start page shows the date in force.

Revision ID: 0032_deadline_extensions
Revises: 0031_staff_leave
Create Date: 2026-12-07 07:05:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0032_deadline_extensions'
down_revision = '0031_staff_leave'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('deadline_extension',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('due', sa.Date(), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deadline_extension')),
    sa.UniqueConstraint('year', 'key', name='uq_deadline_extension_year_key')
    )


def downgrade() -> None:
    op.drop_table('deadline_extension')
