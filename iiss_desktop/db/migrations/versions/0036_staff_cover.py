"""staff_cover: the substitution of absent ATA staff (issue 16 item 5): the motivated
derogation that lets a supplente serve from the first day (staff_cover_derogation) and the
internal cover of an absence with ore eccedenti, day by day (staff_cover). Never deleted nor
changed: a wrong row is annulled with its reason.

Revision ID: 0036_staff_cover
Revises: 0035_funds_restitution_steps
Create Date: 2026-12-07 10:50:00
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import Protection, install, uninstall

revision = '0036_staff_cover'
down_revision = '0035_funds_restitution_steps'
branch_labels = None
depends_on = None

NO_DELETE = ("Sostituzioni del personale: non si cancellano; una registrazione errata si "
             "annulla con il motivo.")
FROZEN = ("Sostituzioni del personale: la registrazione non si modifica; si annulla e se ne "
          "registra una nuova.")
PROTECTIONS = (
    Protection("staff_cover_derogation", forbid_delete=NO_DELETE,
               frozen_columns=("absence_id", "ground", "reason", "decided_on"),
               frozen_message=FROZEN),
    Protection("staff_cover", forbid_delete=NO_DELETE,
               frozen_columns=("absence_id", "day", "employee_id", "minutes", "note"),
               frozen_message=FROZEN),
)


def upgrade() -> None:
    op.create_table('staff_cover_derogation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('absence_id', sa.Integer(), nullable=False),
    sa.Column('ground', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.String(length=1000), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('annulled_on', sa.Date(), nullable=True),
    sa.Column('annul_reason', sa.String(length=300), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['absence_id'], ['staff_absence.id'],
                            name=op.f('fk_staff_cover_derogation_absence_id_staff_absence')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_cover_derogation'))
    )
    with op.batch_alter_table('staff_cover_derogation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_cover_derogation_absence_id'),
                              ['absence_id'], unique=False)

    op.create_table('staff_cover',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('absence_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('annulled_on', sa.Date(), nullable=True),
    sa.Column('annul_reason', sa.String(length=300), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['absence_id'], ['staff_absence.id'],
                            name=op.f('fk_staff_cover_absence_id_staff_absence')),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'],
                            name=op.f('fk_staff_cover_employee_id_employee')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_cover'))
    )
    with op.batch_alter_table('staff_cover', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_cover_absence_id'), ['absence_id'],
                              unique=False)
        batch_op.create_index('ix_staff_cover_day', ['day', 'employee_id'], unique=False)

    install(op, PROTECTIONS)


def downgrade() -> None:
    uninstall(op, PROTECTIONS)
    with op.batch_alter_table('staff_cover', schema=None) as batch_op:
        batch_op.drop_index('ix_staff_cover_day')
        batch_op.drop_index(batch_op.f('ix_staff_cover_absence_id'))
    op.drop_table('staff_cover')
    with op.batch_alter_table('staff_cover_derogation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_cover_derogation_absence_id'))
    op.drop_table('staff_cover_derogation')
