"""staff_emergency: the organico Covid budget of each school year (the USR's notes, the daily
cost per profile typed from NoiPA's figures, the supplenze charged to a Covid post), the
register of cleaning and sanitisation of the rooms, the training of each person (issue 14
item 7)

Self-contained: it creates only its own tables and triggers. Nothing is deleted and nothing
recorded changes: a wrong row is annulled with its reason (only ``annulled_on`` and
``annul_reason`` may be set), a daily cost is superseded by a new one (only ``superseded_on``).

Revision ID: 0027_staff_emergency
Revises: 0026_staff_agile
Create Date: 2026-12-06 23:19:17
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import Protection, install, uninstall

revision = '0027_staff_emergency'
down_revision = '0026_staff_agile'
branch_labels = None
depends_on = None

NO_DELETE_BUDGET = ("Budget dell'organico Covid: le righe non si cancellano né si modificano; "
                    "una riga errata si annulla con il motivo e se ne registra una nuova.")
NO_DELETE_RATE = ("Costi giornalieri dell'organico Covid: non si cancellano né si modificano; "
                  "un nuovo importo sostituisce il precedente, che resta nella storia.")
NO_DELETE_SUBSTITUTION = ("Supplenze su posti Covid: non si cancellano né si modificano; una "
                          "supplenza attribuita per errore si annulla con il motivo.")
NO_DELETE_CLEANING = ("Registro delle pulizie: le registrazioni non si cancellano né si "
                      "modificano; una registrazione errata si annulla con il motivo.")
NO_DELETE_TRAINING = ("Formazione del personale: le registrazioni non si cancellano né si "
                      "modificano; una registrazione errata si annulla con il motivo.")
PROTECTIONS = (
    Protection("staff_covid_budget", forbid_delete=NO_DELETE_BUDGET,
               frozen_columns=("school_year", "kind", "amount", "note_number", "note_date",
                               "description", "recorded_by_id"),
               frozen_message=NO_DELETE_BUDGET),
    Protection("staff_covid_rate", forbid_delete=NO_DELETE_RATE,
               frozen_columns=("school_year", "profile", "daily_cost", "source",
                               "recorded_by_id"),
               frozen_message=NO_DELETE_RATE),
    Protection("staff_covid_substitution", forbid_delete=NO_DELETE_SUBSTITUTION,
               frozen_columns=("contract_id", "replaces_contract_id", "note",
                               "recorded_by_id"),
               frozen_message=NO_DELETE_SUBSTITUTION),
    Protection("staff_cleaning", forbid_delete=NO_DELETE_CLEANING,
               frozen_columns=("employee_id", "day", "at_minutes", "site_id", "room_id",
                               "place", "action", "product", "note", "recorded_by_id"),
               frozen_message=NO_DELETE_CLEANING),
    Protection("staff_training", forbid_delete=NO_DELETE_TRAINING,
               frozen_columns=("employee_id", "course", "kind", "minutes", "day", "provider",
                               "certificate", "note", "recorded_by_id"),
               frozen_message=NO_DELETE_TRAINING),
)


def upgrade() -> None:
    op.create_table('staff_covid_budget',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('school_year', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('note_number', sa.String(length=60), nullable=False),
    sa.Column('note_date', sa.Date(), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('annulled_on', sa.Date(), nullable=True),
    sa.Column('annul_reason', sa.String(length=300), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_covid_budget'))
    )
    with op.batch_alter_table('staff_covid_budget', schema=None) as batch_op:
        batch_op.create_index('ix_staff_covid_budget_year', ['school_year'], unique=False)

    op.create_table('staff_covid_rate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('school_year', sa.Integer(), nullable=False),
    sa.Column('profile', sa.String(length=10), nullable=False),
    sa.Column('daily_cost', sa.BigInteger(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('superseded_on', sa.Date(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_covid_rate'))
    )
    with op.batch_alter_table('staff_covid_rate', schema=None) as batch_op:
        batch_op.create_index('ix_staff_covid_rate_year', ['school_year', 'profile'], unique=False)

    op.create_table('staff_cleaning',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('at_minutes', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=True),
    sa.Column('place', sa.String(length=120), nullable=False),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('product', sa.String(length=200), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('annulled_on', sa.Date(), nullable=True),
    sa.Column('annul_reason', sa.String(length=300), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_staff_cleaning_employee_id_employee')),
    sa.ForeignKeyConstraint(['room_id'], ['room.id'], name=op.f('fk_staff_cleaning_room_id_room')),
    sa.ForeignKeyConstraint(['site_id'], ['site.id'], name=op.f('fk_staff_cleaning_site_id_site')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_cleaning'))
    )
    with op.batch_alter_table('staff_cleaning', schema=None) as batch_op:
        batch_op.create_index('ix_staff_cleaning_day', ['day', 'site_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_cleaning_employee_id'), ['employee_id'], unique=False)

    op.create_table('staff_training',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('course', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('provider', sa.String(length=200), nullable=False),
    sa.Column('certificate', sa.String(length=120), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('annulled_on', sa.Date(), nullable=True),
    sa.Column('annul_reason', sa.String(length=300), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_staff_training_employee_id_employee')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_training'))
    )
    with op.batch_alter_table('staff_training', schema=None) as batch_op:
        batch_op.create_index('ix_staff_training_person', ['employee_id', 'day'], unique=False)

    op.create_table('staff_covid_substitution',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contract_id', sa.Integer(), nullable=False),
    sa.Column('replaces_contract_id', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('annulled_on', sa.Date(), nullable=True),
    sa.Column('annul_reason', sa.String(length=300), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['contract_id'], ['staff_contract.id'], name=op.f('fk_staff_covid_substitution_contract_id_staff_contract')),
    sa.ForeignKeyConstraint(['replaces_contract_id'], ['staff_contract.id'], name=op.f('fk_staff_covid_substitution_replaces_contract_id_staff_contract')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_covid_substitution'))
    )
    with op.batch_alter_table('staff_covid_substitution', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_covid_substitution_contract_id'), ['contract_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_covid_substitution_replaces_contract_id'), ['replaces_contract_id'], unique=False)

    install(op, PROTECTIONS)


def downgrade() -> None:
    uninstall(op, PROTECTIONS)
    with op.batch_alter_table('staff_covid_substitution', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_covid_substitution_replaces_contract_id'))
        batch_op.drop_index(batch_op.f('ix_staff_covid_substitution_contract_id'))

    op.drop_table('staff_covid_substitution')
    with op.batch_alter_table('staff_training', schema=None) as batch_op:
        batch_op.drop_index('ix_staff_training_person')

    op.drop_table('staff_training')
    with op.batch_alter_table('staff_cleaning', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_cleaning_employee_id'))
        batch_op.drop_index('ix_staff_cleaning_day')

    op.drop_table('staff_cleaning')
    with op.batch_alter_table('staff_covid_rate', schema=None) as batch_op:
        batch_op.drop_index('ix_staff_covid_rate_year')

    op.drop_table('staff_covid_rate')
    with op.batch_alter_table('staff_covid_budget', schema=None) as batch_op:
        batch_op.drop_index('ix_staff_covid_budget_year')

    op.drop_table('staff_covid_budget')
