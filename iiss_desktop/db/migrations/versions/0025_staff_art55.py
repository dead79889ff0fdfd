"""staff_art55: the 35-hour week granted to a person for a period (art. 55 CCNL 29/11/2007),
with the school and staff conditions recorded (issue 14 item 3)

Self-contained. Rows are never deleted and their substance never changes: a wrong grant is
annulled with its reason.

Revision ID: 0025_staff_art55
Revises: 0024_staff_opening
Create Date: 2026-12-06 23:12:30.132654
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import Protection, install, uninstall

revision = '0025_staff_art55'
down_revision = '0024_staff_opening'
branch_labels = None
depends_on = None

NO_DELETE = ("Settimane di 35 ore (art. 55): non si cancellano; una registrazione errata si "
             "annulla indicando il motivo.")
PROTECTIONS = (
    Protection("staff_art55", forbid_delete=NO_DELETE,
               frozen_columns=("employee_id", "valid_from", "valid_to", "istituzione_educativa",
                               "azienda_agraria", "apertura_oltre_10_ore", "turni",
                               "oscillazioni", "decided_on", "reference"),
               frozen_message=NO_DELETE),
)


def upgrade() -> None:
    op.create_table('staff_art55',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=False),
    sa.Column('istituzione_educativa', sa.Boolean(), nullable=False),
    sa.Column('azienda_agraria', sa.Boolean(), nullable=False),
    sa.Column('apertura_oltre_10_ore', sa.Boolean(), nullable=False),
    sa.Column('turni', sa.Boolean(), nullable=False),
    sa.Column('oscillazioni', sa.Boolean(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('reference', sa.String(length=200), nullable=False),
    sa.Column('annulled_on', sa.Date(), nullable=True),
    sa.Column('annul_reason', sa.String(length=300), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_staff_art55_employee_id_employee')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_art55'))
    )
    with op.batch_alter_table('staff_art55', schema=None) as batch_op:
        batch_op.create_index('ix_staff_art55_person', ['employee_id', 'valid_from'], unique=False)

    install(op, PROTECTIONS)


def downgrade() -> None:
    uninstall(op, PROTECTIONS)
    with op.batch_alter_table('staff_art55', schema=None) as batch_op:
        batch_op.drop_index('ix_staff_art55_person')

    op.drop_table('staff_art55')
