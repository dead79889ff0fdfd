"""staff_health: the fragile worker's status (art. 15 DL 41/2021): the giudizio of the medico
competente, the measure, the prescriptions for the employer and the period, apart from the
general record of the person and never with a diagnosis. Never deleted nor changed: a wrong
row is annulled with its reason.

Revision ID: 0033_staff_health
Revises: 0032_deadline_extensions
Create Date: 2026-12-07 07:20:00
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import Protection, install, uninstall

revision = '0033_staff_health'
down_revision = '0032_deadline_extensions'
branch_labels = None
depends_on = None

NO_DELETE = ("Lavoratori fragili: i dati registrati non si cancellano; un dato errato si "
             "annulla con il motivo.")
FROZEN = ("Lavoratori fragili: il giudizio registrato non si modifica; si annulla e se ne "
          "registra uno nuovo.")
PROTECTIONS = (
    Protection("staff_fragile_status", forbid_delete=NO_DELETE,
               frozen_columns=("employee_id", "checked_on", "outcome", "measure",
                               "prescriptions", "legal_basis", "valid_from", "valid_to",
                               "protocol"),
               frozen_message=FROZEN),
)


def upgrade() -> None:
    op.create_table('staff_fragile_status',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('checked_on', sa.Date(), nullable=False),
    sa.Column('outcome', sa.String(length=30), nullable=False),
    sa.Column('measure', sa.String(length=30), nullable=False),
    sa.Column('prescriptions', sa.Text(), nullable=False),
    sa.Column('legal_basis', sa.String(length=20), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('protocol', sa.String(length=60), nullable=False),
    sa.Column('annulled_on', sa.Date(), nullable=True),
    sa.Column('annul_reason', sa.String(length=300), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'],
                            name=op.f('fk_staff_fragile_status_employee_id_employee')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_fragile_status'))
    )
    with op.batch_alter_table('staff_fragile_status', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_fragile_status_employee_id'), ['employee_id'],
                              unique=False)

    install(op, PROTECTIONS)


def downgrade() -> None:
    uninstall(op, PROTECTIONS)
    with op.batch_alter_table('staff_fragile_status', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_fragile_status_employee_id'))

    op.drop_table('staff_fragile_status')
