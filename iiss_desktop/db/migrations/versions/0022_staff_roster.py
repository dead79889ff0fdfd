"""staff_roster: the weekly working-time patterns of each person and period and the roster
days set by hand over them (issue 14 items 3, 5 and 9)

Self-contained: it creates only its own tables and triggers. Nothing is deleted: a pattern is
annulled with its reason, a roster day is replaced by a newer one; bands never change.

Revision ID: 0022_staff_roster
Revises: 0021_procurement_invoices
Create Date: 2026-12-03 17:35:24
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import Protection, install, uninstall

revision = '0022_staff_roster'
down_revision = '0021_procurement_invoices'
branch_labels = None
depends_on = None

NO_DELETE_PATTERN = ("Orari del personale: non si cancellano; un orario errato o superato si "
                     "annulla con il motivo e se ne registra uno nuovo.")
FROZEN_PATTERN = ("Orari del personale: persona e periodo di un orario non si modificano; "
                  "si annulla l'orario e se ne registra uno nuovo.")
NO_DELETE_DAY = ("Turni del personale: una giornata registrata non si cancella; si sostituisce "
                 "con una nuova registrazione.")
FROZEN_BANDS = "Fasce orarie: non si modificano; si registra un nuovo orario o una nuova giornata."
PROTECTIONS = (
    Protection("staff_pattern", forbid_delete=NO_DELETE_PATTERN,
               frozen_columns=("employee_id", "valid_from", "valid_to", "plurisettimanale",
                               "agile_weekdays"),
               frozen_message=FROZEN_PATTERN),
    Protection("staff_pattern_band", forbid_delete=FROZEN_BANDS, freeze_all=True,
               frozen_message=FROZEN_BANDS),
    Protection("staff_roster_day", forbid_delete=NO_DELETE_DAY,
               frozen_columns=("employee_id", "day", "lavoro_agile"),
               frozen_message=NO_DELETE_DAY),
    Protection("staff_roster_band", forbid_delete=FROZEN_BANDS, freeze_all=True,
               frozen_message=FROZEN_BANDS),
)


def upgrade() -> None:
    op.create_table('staff_pattern',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=False),
    sa.Column('plurisettimanale', sa.Boolean(), nullable=False),
    sa.Column('entry_from', sa.Integer(), nullable=True),
    sa.Column('entry_to', sa.Integer(), nullable=True),
    sa.Column('exit_from', sa.Integer(), nullable=True),
    sa.Column('exit_to', sa.Integer(), nullable=True),
    sa.Column('agile_weekdays', sa.String(length=14), nullable=False),
    sa.Column('weekly_minutes', sa.Integer(), nullable=False),
    sa.Column('annulled_on', sa.Date(), nullable=True),
    sa.Column('annul_reason', sa.String(length=300), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_staff_pattern_employee_id_employee')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_pattern'))
    )
    with op.batch_alter_table('staff_pattern', schema=None) as batch_op:
        batch_op.create_index('ix_staff_pattern_period', ['employee_id', 'valid_from'], unique=False)

    op.create_table('staff_roster_day',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('lavoro_agile', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('replaced_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_staff_roster_day_employee_id_employee')),
    sa.ForeignKeyConstraint(['replaced_by_id'], ['staff_roster_day.id'], name=op.f('fk_staff_roster_day_replaced_by_id_staff_roster_day')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_roster_day'))
    )
    with op.batch_alter_table('staff_roster_day', schema=None) as batch_op:
        batch_op.create_index('ix_staff_roster_day_person', ['employee_id', 'day'], unique=False)

    op.create_table('staff_pattern_band',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pattern_id', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('plesso', sa.String(length=20), nullable=True),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['pattern_id'], ['staff_pattern.id'], name=op.f('fk_staff_pattern_band_pattern_id_staff_pattern')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_pattern_band'))
    )
    with op.batch_alter_table('staff_pattern_band', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_pattern_band_pattern_id'), ['pattern_id'], unique=False)

    op.create_table('staff_roster_band',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('roster_day_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('plesso', sa.String(length=20), nullable=True),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['roster_day_id'], ['staff_roster_day.id'], name=op.f('fk_staff_roster_band_roster_day_id_staff_roster_day')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_roster_band'))
    )
    with op.batch_alter_table('staff_roster_band', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_roster_band_roster_day_id'), ['roster_day_id'], unique=False)

    install(op, PROTECTIONS)


def downgrade() -> None:
    uninstall(op, PROTECTIONS)
    with op.batch_alter_table('staff_roster_band', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_roster_band_roster_day_id'))

    op.drop_table('staff_roster_band')
    with op.batch_alter_table('staff_pattern_band', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_pattern_band_pattern_id'))

    op.drop_table('staff_pattern_band')
    with op.batch_alter_table('staff_roster_day', schema=None) as batch_op:
        batch_op.drop_index('ix_staff_roster_day_person')

    op.drop_table('staff_roster_day')
    with op.batch_alter_table('staff_pattern', schema=None) as batch_op:
        batch_op.drop_index('ix_staff_pattern_period')

    op.drop_table('staff_pattern')
