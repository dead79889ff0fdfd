"""staff_attendance: badge punches (imported or entered by hand) and the manual rows of the
hour balance (corrections, extra hours paid or turned into riposi, riposi used), with the
school's tolerance, flexibility and the columns of the terminal's file (issue 16 item 3).

Self-contained. Punches and rows are never deleted nor changed: a wrong one is annulled with
its reason. The balance is never stored: the sum of the day results and of the rows.

Revision ID: 0037_staff_attendance
Revises: 0036_staff_cover
Create Date: 2026-12-07 11:03:49
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import Protection, install, uninstall

revision = '0037_staff_attendance'
down_revision = '0036_staff_cover'
branch_labels = None
depends_on = None

NO_DELETE = ("Timbrature e saldo orario: non si cancellano; una riga errata si annulla con il "
             "motivo.")
FROZEN = ("Timbrature e saldo orario: una riga registrata non si modifica; si annulla con il "
          "motivo e se ne registra una nuova.")
PROTECTIONS = (
    Protection("staff_punch", forbid_delete=NO_DELETE,
               frozen_columns=("employee_id", "day", "minute", "direction", "source", "batch"),
               frozen_message=FROZEN),
    Protection("staff_hour_entry", forbid_delete=NO_DELETE,
               frozen_columns=("employee_id", "day", "kind", "minutes", "reason"),
               frozen_message=FROZEN),
)


def upgrade() -> None:
    op.create_table('staff_attendance_setting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tolerance', sa.Integer(), nullable=False),
    sa.Column('flex', sa.Integer(), nullable=False),
    sa.Column('person_column', sa.String(length=60), nullable=False),
    sa.Column('person_key', sa.String(length=20), nullable=False),
    sa.Column('date_column', sa.String(length=60), nullable=False),
    sa.Column('time_column', sa.String(length=60), nullable=False),
    sa.Column('direction_column', sa.String(length=60), nullable=False),
    sa.Column('date_format', sa.String(length=20), nullable=False),
    sa.Column('edited', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_attendance_setting'))
    )
    op.create_table('staff_hour_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.Column('annulled_on', sa.Date(), nullable=True),
    sa.Column('annul_reason', sa.String(length=300), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], 
                            name=op.f('fk_staff_hour_entry_employee_id_employee')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_hour_entry'))
    )
    with op.batch_alter_table('staff_hour_entry', schema=None) as batch_op:
        batch_op.create_index('ix_staff_hour_entry_person', ['employee_id', 'day'], unique=False)

    op.create_table('staff_punch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('minute', sa.Integer(), nullable=False),
    sa.Column('direction', sa.String(length=1), nullable=False),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.Column('batch', sa.String(length=200), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('annulled_on', sa.Date(), nullable=True),
    sa.Column('annul_reason', sa.String(length=300), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], 
                            name=op.f('fk_staff_punch_employee_id_employee')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_punch'))
    )
    with op.batch_alter_table('staff_punch', schema=None) as batch_op:
        batch_op.create_index('ix_staff_punch_person', ['employee_id', 'day'], unique=False)

    install(op, PROTECTIONS)



def downgrade() -> None:
    uninstall(op, PROTECTIONS)
    with op.batch_alter_table('staff_punch', schema=None) as batch_op:
        batch_op.drop_index('ix_staff_punch_person')

    op.drop_table('staff_punch')
    with op.batch_alter_table('staff_hour_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_staff_hour_entry_person')

    op.drop_table('staff_hour_entry')
    op.drop_table('staff_attendance_setting')
