"""staff_agile: the individual agreements of lavoro agile of the ATA staff (CCNL 2019-21
art. 13): person, signature date, period, days of the week, activities, fascia di
contattabilità, tools, protocol

Self-contained. Nothing is deleted and an agreement's content never changes: a wrong or ended
agreement is annulled with its reason (annulled_on, annul_reason) and a new one recorded.

Revision ID: 0026_staff_agile
Revises: 0025_staff_art55
Create Date: 2026-12-06 23:15:59
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import Protection, install, uninstall

revision = '0026_staff_agile'
down_revision = '0025_staff_art55'
branch_labels = None
depends_on = None

NO_DELETE = ("Accordi di lavoro agile: non si cancellano; un accordo errato o concluso si "
             "annulla con il motivo e resta nella storia del dipendente.")
FROZEN = ("Accordi di lavoro agile: il contenuto di un accordo sottoscritto non si modifica; "
          "si annulla l'accordo e se ne registra uno nuovo.")
PROTECTIONS = (
    Protection("staff_agile_agreement", forbid_delete=NO_DELETE,
               frozen_columns=("employee_id", "signed_on", "valid_from", "valid_to",
                               "weekdays", "activities", "contact_band", "tools", "protocol"),
               frozen_message=FROZEN),
)


def upgrade() -> None:
    op.create_table('staff_agile_agreement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=False),
    sa.Column('weekdays', sa.String(length=14), nullable=False),
    sa.Column('activities', sa.Text(), nullable=False),
    sa.Column('contact_band', sa.String(length=40), nullable=False),
    sa.Column('tools', sa.String(length=20), nullable=False),
    sa.Column('protocol', sa.String(length=60), nullable=False),
    sa.Column('annulled_on', sa.Date(), nullable=True),
    sa.Column('annul_reason', sa.String(length=300), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_staff_agile_agreement_employee_id_employee')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_agile_agreement'))
    )
    with op.batch_alter_table('staff_agile_agreement', schema=None) as batch_op:
        batch_op.create_index('ix_staff_agile_agreement_period', ['employee_id', 'valid_from'], unique=False)

    install(op, PROTECTIONS)


def downgrade() -> None:
    uninstall(op, PROTECTIONS)
    with op.batch_alter_table('staff_agile_agreement', schema=None) as batch_op:
        batch_op.drop_index('ix_staff_agile_agreement_period')

    op.drop_table('staff_agile_agreement')
