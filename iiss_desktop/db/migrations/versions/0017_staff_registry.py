"""staff_registry: the person's registry fields on ``employee`` (telefono, areas under both
classifications, posizione economica, anzianità), the contract periods over time and the
incarichi specifici (issue 14 item 1)

Contracts and incarichi are the history of a person's service: never deleted; what identifies
a period (person, kind, dates, working time, the period it follows) never changes. A wrong
period is closed or annulled with its reason.

Revision ID: 0017_staff_registry
Revises: 0016_funds_core
Create Date: 2026-12-03 09:00:00
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import Protection, install, uninstall

revision = '0017_staff_registry'
down_revision = '0016_funds_core'
branch_labels = None
depends_on = None

NO_DELETE_CONTRACT = ("Contratti del personale: sono la storia del servizio e non si "
                      "cancellano; un contratto errato si chiude o si annulla con il motivo.")
FROZEN_CONTRACT = ("Contratti del personale: persona, tipo, date e percentuale di un periodo "
                   "non si modificano; una proroga o un cambio di orario è un nuovo periodo, "
                   "un contratto errato si annulla con il motivo.")
NO_DELETE_INCARICO = ("Incarichi specifici: non si cancellano; un incarico errato si annulla "
                      "con il motivo.")
PROTECTIONS = (
    Protection("staff_contract", forbid_delete=NO_DELETE_CONTRACT,
               frozen_columns=("employee_id", "kind", "starts_on", "ends_on", "part_time_bp",
                               "follows_id"),
               frozen_message=FROZEN_CONTRACT),
    Protection("staff_incarico", forbid_delete=NO_DELETE_INCARICO,
               frozen_columns=("employee_id", "school_year", "source", "amount")),
)


def upgrade() -> None:
    with op.batch_alter_table('employee', schema=None) as batch_op:
        batch_op.add_column(sa.Column('phone', sa.String(length=40), server_default='', nullable=False))
        batch_op.add_column(sa.Column('area_2007', sa.String(length=4), server_default='', nullable=False))
        batch_op.add_column(sa.Column('area_2024', sa.String(length=20), server_default='', nullable=False))
        batch_op.add_column(sa.Column('posizione_economica', sa.String(length=10), server_default='', nullable=False))
        batch_op.add_column(sa.Column('service_since', sa.Date(), nullable=True))
    op.create_table('staff_contract',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('part_time_bp', sa.Integer(), nullable=False),
    sa.Column('assigned_school', sa.String(length=200), nullable=False),
    sa.Column('follows_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('close_reason', sa.String(length=300), nullable=False),
    sa.Column('annulled_on', sa.Date(), nullable=True),
    sa.Column('annul_reason', sa.String(length=300), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_staff_contract_employee_id_employee')),
    sa.ForeignKeyConstraint(['follows_id'], ['staff_contract.id'], name=op.f('fk_staff_contract_follows_id_staff_contract')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_contract'))
    )
    op.create_index('ix_staff_contract_period', 'staff_contract', ['employee_id', 'starts_on'], unique=False)
    op.create_table('staff_incarico',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('school_year', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('source', sa.String(length=30), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('annulled_on', sa.Date(), nullable=True),
    sa.Column('annul_reason', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_staff_incarico_employee_id_employee')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_incarico'))
    )
    op.create_index(op.f('ix_staff_incarico_employee_id'), 'staff_incarico', ['employee_id'], unique=False)
    install(op, PROTECTIONS)


def downgrade() -> None:
    uninstall(op, PROTECTIONS)
    op.drop_index(op.f('ix_staff_incarico_employee_id'), table_name='staff_incarico')
    op.drop_table('staff_incarico')
    op.drop_index('ix_staff_contract_period', table_name='staff_contract')
    op.drop_table('staff_contract')
    with op.batch_alter_table('employee', schema=None) as batch_op:
        batch_op.drop_column('service_since')
        batch_op.drop_column('posizione_economica')
        batch_op.drop_column('area_2024')
        batch_op.drop_column('area_2007')
        batch_op.drop_column('phone')
