"""office_visitors: the front desk's appointments, the register of visitors, the logs of its
daily purges and of the extracts for the ASL, the area's setting (issue 19 item 1)

Appointments and visits are deleted when their retention ends (services/office.py): no
trigger forbids it. The logs hold no personal data.

Revision ID: 0041_office_visitors
Revises: 0040_home_since
Create Date: 2026-12-07 23:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0041_office_visitors'
down_revision = '0040_home_since'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('office_appointment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('office', sa.String(length=80), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('slot_start', sa.Integer(), nullable=False),
    sa.Column('slot_end', sa.Integer(), nullable=False),
    sa.Column('visitor_name', sa.String(length=120), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('purpose', sa.String(length=200), nullable=False),
    sa.Column('person_to_meet', sa.String(length=120), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('state_key', sa.String(length=20), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_office_appointment')),
    sa.UniqueConstraint('office', 'day', 'slot_start', 'state_key',
                        name=op.f('uq_office_appointment_office_day_slot_start_state_key'))
    )
    op.create_index(op.f('ix_office_appointment_day'), 'office_appointment', ['day'],
                    unique=False)
    op.create_table('office_visit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('visitor_name', sa.String(length=120), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('residence', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('time_in', sa.Integer(), nullable=False),
    sa.Column('time_out', sa.Integer(), nullable=True),
    sa.Column('purpose', sa.String(length=200), nullable=False),
    sa.Column('person_visited', sa.String(length=120), nullable=False),
    sa.Column('office', sa.String(length=80), nullable=False),
    sa.Column('appointment_id', sa.Integer(), nullable=True),
    sa.Column('privacy_notice', sa.Boolean(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['appointment_id'], ['office_appointment.id'],
                            name=op.f('fk_office_visit_appointment_id_office_appointment'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_office_visit'))
    )
    op.create_index('ix_office_visit_day', 'office_visit', ['day'], unique=False)
    op.create_table('office_purge',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('purged_at', sa.DateTime(), nullable=False),
    sa.Column('through_day', sa.Date(), nullable=False),
    sa.Column('visits', sa.Integer(), nullable=False),
    sa.Column('appointments', sa.Integer(), nullable=False),
    sa.Column('retention_days', sa.Integer(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_office_purge'))
    )
    op.create_table('office_extract',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('extracted_at', sa.DateTime(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('by_name', sa.String(length=120), nullable=False),
    sa.Column('date_from', sa.Date(), nullable=False),
    sa.Column('date_to', sa.Date(), nullable=False),
    sa.Column('visits', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_office_extract'))
    )
    op.create_table('office_setting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('retention_days', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_office_setting'))
    )


def downgrade() -> None:
    op.drop_table('office_setting')
    op.drop_table('office_extract')
    op.drop_table('office_purge')
    op.drop_index('ix_office_visit_day', table_name='office_visit')
    op.drop_table('office_visit')
    op.drop_index(op.f('ix_office_appointment_day'), table_name='office_appointment')
    op.drop_table('office_appointment')
