"""staff_leave: the absence causes as data, the absences of the staff and the leave ledger
(issue 16 items 1 and 2), the requests of an absence and their decision (item 4)

Self-contained. Nothing is deleted: a cause is made inactive, an absence is annulled with its
reason, and a ledger row never changes (a correction is a new row with its reason), so every
balance stays the sum of its rows.

Revision ID: 0031_staff_leave
Revises: 0030_procurement_procedures
Create Date: 2026-12-07 02:57:55
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import Protection, install, uninstall

revision = '0031_staff_leave'
down_revision = '0030_procurement_procedures'
branch_labels = None
depends_on = None

NO_DELETE_CAUSE = ("Cause di assenza: non si cancellano; una causa non più usata si rende "
                   "inattiva.")
FROZEN_CAUSE = "Cause di assenza: codice e unità di misura non si modificano."
NO_DELETE_ABSENCE = ("Assenze del personale: non si cancellano; un'assenza errata si annulla "
                     "con il motivo.")
FROZEN_ABSENCE = ("Assenze del personale: persona, causa, date e durata non si modificano; si "
                  "annulla l'assenza e se ne registra una nuova.")
FROZEN_LEDGER = ("Saldo ferie e permessi: i movimenti non si modificano né si cancellano; un "
                 "errore si corregge con una rettifica motivata.")
NO_DELETE_REQUEST = ("Richieste di assenza: non si cancellano; una richiesta si rifiuta o si "
                     "annulla con il motivo.")
FROZEN_REQUEST = ("Richieste di assenza: persona, causa, date e durata non si modificano; si "
                  "annulla la richiesta e se ne registra una nuova.")
PROTECTIONS = (
    Protection("staff_absence_cause", forbid_delete=NO_DELETE_CAUSE,
               frozen_columns=("code", "unit"), frozen_message=FROZEN_CAUSE),
    Protection("staff_absence", forbid_delete=NO_DELETE_ABSENCE,
               frozen_columns=("employee_id", "cause_id", "starts_on", "ends_on", "minutes"),
               frozen_message=FROZEN_ABSENCE),
    Protection("staff_leave_entry", forbid_delete=FROZEN_LEDGER, freeze_all=True,
               frozen_message=FROZEN_LEDGER),
    Protection("staff_absence_request", forbid_delete=NO_DELETE_REQUEST,
               frozen_columns=("employee_id", "cause_id", "starts_on", "ends_on", "minutes",
                               "requested_on"),
               frozen_message=FROZEN_REQUEST),
)


def upgrade() -> None:
    op.create_table('staff_absence_cause',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.String(length=10), nullable=False),
    sa.Column('paid_percent', sa.Integer(), nullable=False),
    sa.Column('pay_rule', sa.String(length=300), nullable=False),
    sa.Column('counts_towards', sa.String(length=30), nullable=False),
    sa.Column('allowance', sa.Integer(), nullable=True),
    sa.Column('period', sa.String(length=10), nullable=False),
    sa.Column('counting', sa.String(length=12), nullable=False),
    sa.Column('half_day_max', sa.Boolean(), nullable=False),
    sa.Column('profiles', sa.String(length=60), nullable=False),
    sa.Column('document', sa.String(length=200), nullable=False),
    sa.Column('confidential', sa.Boolean(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('confidence', sa.String(length=4), nullable=False),
    sa.Column('edited', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_absence_cause')),
    sa.UniqueConstraint('code', name=op.f('uq_staff_absence_cause_code'))
    )
    op.create_table('staff_absence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('cause_id', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=True),
    sa.Column('document_ref', sa.String(length=200), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('annulled_on', sa.Date(), nullable=True),
    sa.Column('annul_reason', sa.String(length=300), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['cause_id'], ['staff_absence_cause.id'], name=op.f('fk_staff_absence_cause_id_staff_absence_cause')),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_staff_absence_employee_id_employee')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_absence'))
    )
    with op.batch_alter_table('staff_absence', schema=None) as batch_op:
        batch_op.create_index('ix_staff_absence_person', ['employee_id', 'starts_on'], unique=False)

    op.create_table('staff_leave_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('account', sa.String(length=30), nullable=False),
    sa.Column('school_year', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('entry_date', sa.Date(), nullable=False),
    sa.Column('absence_id', sa.Integer(), nullable=True),
    sa.Column('corrects_id', sa.Integer(), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('reason', sa.String(length=1000), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['absence_id'], ['staff_absence.id'], name=op.f('fk_staff_leave_entry_absence_id_staff_absence')),
    sa.ForeignKeyConstraint(['corrects_id'], ['staff_leave_entry.id'], name=op.f('fk_staff_leave_entry_corrects_id_staff_leave_entry')),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_staff_leave_entry_employee_id_employee')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_leave_entry'))
    )
    with op.batch_alter_table('staff_leave_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_leave_entry_absence_id'), ['absence_id'], unique=False)
        batch_op.create_index('ix_staff_leave_entry_account', ['employee_id', 'account', 'school_year'], unique=False)

    op.create_table('staff_absence_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('cause_id', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('requested_on', sa.Date(), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decision_reason', sa.String(length=300), nullable=False),
    sa.Column('absence_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['absence_id'], ['staff_absence.id'], name=op.f('fk_staff_absence_request_absence_id_staff_absence')),
    sa.ForeignKeyConstraint(['cause_id'], ['staff_absence_cause.id'], name=op.f('fk_staff_absence_request_cause_id_staff_absence_cause')),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_staff_absence_request_employee_id_employee')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_absence_request'))
    )
    with op.batch_alter_table('staff_absence_request', schema=None) as batch_op:
        batch_op.create_index('ix_staff_absence_request_person', ['employee_id', 'starts_on'], unique=False)

    install(op, PROTECTIONS)


def downgrade() -> None:
    uninstall(op, PROTECTIONS)
    with op.batch_alter_table('staff_absence_request', schema=None) as batch_op:
        batch_op.drop_index('ix_staff_absence_request_person')

    op.drop_table('staff_absence_request')
    with op.batch_alter_table('staff_leave_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_staff_leave_entry_account')
        batch_op.drop_index(batch_op.f('ix_staff_leave_entry_absence_id'))

    op.drop_table('staff_leave_entry')
    with op.batch_alter_table('staff_absence', schema=None) as batch_op:
        batch_op.drop_index('ix_staff_absence_person')

    op.drop_table('staff_absence')
    op.drop_table('staff_absence_cause')
