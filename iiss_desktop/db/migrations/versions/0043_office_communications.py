"""office_communications: the referenti Covid per plesso, the register of the office's
communications with outside bodies (ASL, USR, Ministero…), the surveys (monitoraggi) and the
figures gathered for each (issue 19 item 2)

The communications hold the fact of an exchange, never health data of named persons. They
are never deleted nor rewritten (an error is annulled with its reason); a referente's row is
ended, not deleted.

Revision ID: 0043_office_communications
Revises: 0042_plan_front_desk
Create Date: 2026-12-08 02:30:00
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import Protection, install, uninstall

revision = '0043_office_communications'
down_revision = '0042_plan_front_desk'
branch_labels = None
depends_on = None

NO_DELETE_COMMUNICATION = ("Registro delle comunicazioni: le registrazioni non si cancellano né "
                           "si modificano; una registrazione errata si annulla con il motivo.")
NO_DELETE_REFERENT = ("Referenti Covid: gli incarichi non si cancellano; un incarico finisce "
                      "con il suo ultimo giorno e resta nello storico.")
PROTECTIONS = (
    Protection("office_communication", forbid_delete=NO_DELETE_COMMUNICATION,
               frozen_columns=("day", "direction", "body", "channel", "subject", "summary",
                               "protocol", "survey_id", "recorded_at", "recorded_by_id",
                               "recorded_by"),
               frozen_message=NO_DELETE_COMMUNICATION),
    Protection("office_covid_referent", forbid_delete=NO_DELETE_REFERENT,
               frozen_columns=("site_id", "role", "person_name", "valid_from",
                               "recorded_by_id"),
               frozen_message=NO_DELETE_REFERENT),
)


def upgrade() -> None:
    op.create_table('office_survey',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.String(length=60), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('period_from', sa.Date(), nullable=False),
    sa.Column('period_to', sa.Date(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('reference', sa.String(length=200), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('gathered_at', sa.DateTime(), nullable=True),
    sa.Column('gathered_by', sa.String(length=120), nullable=False),
    sa.Column('verified_at', sa.DateTime(), nullable=True),
    sa.Column('verified_by', sa.String(length=120), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=True),
    sa.Column('sent_channel', sa.String(length=20), nullable=False),
    sa.Column('sent_protocol', sa.String(length=40), nullable=False),
    sa.Column('sent_by', sa.String(length=120), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_office_survey'))
    )
    op.create_index(op.f('ix_office_survey_deadline'), 'office_survey', ['deadline'], unique=False)
    op.create_table('office_communication',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('direction', sa.String(length=10), nullable=False),
    sa.Column('body', sa.String(length=60), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('protocol', sa.String(length=40), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by', sa.String(length=120), nullable=False),
    sa.Column('annulled_at', sa.DateTime(), nullable=True),
    sa.Column('annulled_by', sa.String(length=120), nullable=False),
    sa.Column('annul_reason', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['survey_id'], ['office_survey.id'], name=op.f('fk_office_communication_survey_id_office_survey')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_office_communication'))
    )
    op.create_index('ix_office_communication_day', 'office_communication', ['day'], unique=False)
    op.create_table('office_covid_referent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('person_name', sa.String(length=120), nullable=False),
    sa.Column('staff_role', sa.String(length=80), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=120), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['site_id'], ['site.id'], name=op.f('fk_office_covid_referent_site_id_site')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_office_covid_referent'))
    )
    op.create_index(op.f('ix_office_covid_referent_site_id'), 'office_covid_referent', ['site_id'], unique=False)
    op.create_table('office_survey_figure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('section', sa.String(length=300), nullable=False),
    sa.Column('label', sa.String(length=300), nullable=False),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('scale', sa.Integer(), nullable=False),
    sa.Column('gathered', sa.BigInteger(), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['survey_id'], ['office_survey.id'], name=op.f('fk_office_survey_figure_survey_id_office_survey'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_office_survey_figure'))
    )
    op.create_index('ix_office_survey_figure_survey', 'office_survey_figure', ['survey_id', 'line_no'], unique=False)

    install(op, PROTECTIONS)


def downgrade() -> None:
    uninstall(op, PROTECTIONS)
    op.drop_index('ix_office_survey_figure_survey', table_name='office_survey_figure')
    op.drop_table('office_survey_figure')
    op.drop_index(op.f('ix_office_covid_referent_site_id'), table_name='office_covid_referent')
    op.drop_table('office_covid_referent')
    op.drop_index('ix_office_communication_day', table_name='office_communication')
    op.drop_table('office_communication')
    op.drop_index(op.f('ix_office_survey_deadline'), table_name='office_survey')
    op.drop_table('office_survey')
