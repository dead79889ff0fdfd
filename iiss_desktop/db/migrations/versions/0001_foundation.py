"""foundation: users, registers, audit, school, staff

Revision ID: 0001_foundation
Revises: 
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import CORE_PROTECTIONS, install, uninstall

revision = '0001_foundation'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('app_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('full_name', sa.String(length=120), nullable=False),
    sa.Column('role', sa.String(length=30), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
    sa.UniqueConstraint('username', name=op.f('uq_app_user_username'))
    )
    op.create_table('audit_head',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_head'))
    )
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('at', sa.String(length=32), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('action', sa.String(length=12), nullable=False),
    sa.Column('entity', sa.String(length=60), nullable=False),
    sa.Column('entity_id', sa.String(length=60), nullable=False),
    sa.Column('before', sa.Text(), nullable=True),
    sa.Column('after', sa.Text(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    op.create_table('calendar_day',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('description', sa.String(length=200), nullable=False),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_calendar_day'))
    )
    op.create_table('counter',
    sa.Column('register', sa.String(length=40), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.CheckConstraint('value >= 0', name=op.f('ck_counter_value_not_negative')),
    sa.PrimaryKeyConstraint('register', 'year', name=op.f('pk_counter'))
    )
    op.create_table('school',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('denominazione', sa.String(length=200), nullable=False),
    sa.Column('codice_meccanografico', sa.String(length=10), nullable=False),
    sa.Column('codice_fiscale', sa.String(length=16), nullable=False),
    sa.Column('codice_univoco', sa.String(length=6), nullable=False),
    sa.Column('indirizzo', sa.String(length=200), nullable=False),
    sa.Column('cap', sa.String(length=5), nullable=False),
    sa.Column('comune', sa.String(length=80), nullable=False),
    sa.Column('provincia', sa.String(length=2), nullable=False),
    sa.Column('telefono', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=120), nullable=False),
    sa.Column('pec', sa.String(length=120), nullable=False),
    sa.Column('dirigente', sa.String(length=120), nullable=False),
    sa.Column('dsga', sa.String(length=120), nullable=False),
    sa.Column('logo_png', sa.LargeBinary(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_school'))
    )
    op.create_table('site',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('codice_meccanografico', sa.String(length=10), nullable=False),
    sa.Column('indirizzo', sa.String(length=200), nullable=False),
    sa.Column('comune', sa.String(length=80), nullable=False),
    sa.Column('is_main', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_site')),
    sa.UniqueConstraint('code', name=op.f('uq_site_code'))
    )
    op.create_table('employee',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('surname', sa.String(length=80), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('codice_fiscale', sa.String(length=16), nullable=True),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('contract', sa.String(length=30), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=True),
    sa.Column('email', sa.String(length=120), nullable=False),
    sa.Column('hired_on', sa.Date(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['site_id'], ['site.id'], name=op.f('fk_employee_site_id_site')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employee')),
    sa.UniqueConstraint('codice_fiscale', name=op.f('uq_employee_codice_fiscale'))
    )
    with op.batch_alter_table('employee', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_employee_site_id'), ['site_id'], unique=False)

    op.create_table('register_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('register', sa.String(length=40), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('entry_date', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('description', sa.String(length=500), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=True),
    sa.Column('reference', sa.String(length=120), nullable=True),
    sa.Column('annuls_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.CheckConstraint("(kind = 'annulment') = (annuls_id IS NOT NULL)", name=op.f('ck_register_entry_annulment_has_target')),
    sa.CheckConstraint("kind = 'entry' OR reason IS NOT NULL", name=op.f('ck_register_entry_annulment_has_reason')),
    sa.CheckConstraint("kind IN ('entry', 'annulment')", name=op.f('ck_register_entry_kind_known')),
    sa.CheckConstraint('number > 0', name=op.f('ck_register_entry_number_positive')),
    sa.ForeignKeyConstraint(['annuls_id'], ['register_entry.id'], name=op.f('fk_register_entry_annuls_id_register_entry')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['app_user.id'], name=op.f('fk_register_entry_recorded_by_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_register_entry')),
    sa.UniqueConstraint('annuls_id', name=op.f('uq_register_entry_annuls_id')),
    sa.UniqueConstraint('register', 'year', 'number', name='uq_register_entry_number')
    )
    op.create_table('room',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('floor', sa.String(length=20), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['site_id'], ['site.id'], name=op.f('fk_room_site_id_site')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_room')),
    sa.UniqueConstraint('site_id', 'name', name='uq_room_site_name')
    )
    with op.batch_alter_table('room', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_room_site_id'), ['site_id'], unique=False)

    op.create_table('register_entry_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(length=500), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('amount', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['entry_id'], ['register_entry.id'], name=op.f('fk_register_entry_line_entry_id_register_entry')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_register_entry_line')),
    sa.UniqueConstraint('entry_id', 'line_no', name='uq_register_entry_line_no')
    )
    with op.batch_alter_table('register_entry_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_register_entry_line_entry_id'), ['entry_id'], unique=False)

    op.create_table('db_protection',
    sa.Column('trigger_name', sa.String(length=80), nullable=False),
    sa.Column('table_name', sa.String(length=60), nullable=False),
    sa.PrimaryKeyConstraint('trigger_name', name=op.f('pk_db_protection'))
    )

    # Registers and the audit log: no DELETE, no renumbering (triggers, both backends),
    # recorded in db_protection for verify.
    install(op, CORE_PROTECTIONS)
    # The start of the audit chain: every later row hashes back to it.
    op.execute("INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '" + "0" * 64 + "')")


def downgrade() -> None:
    uninstall(op, reversed(CORE_PROTECTIONS))  # db_protection's own triggers last
    op.drop_table('db_protection')
    with op.batch_alter_table('register_entry_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_register_entry_line_entry_id'))

    op.drop_table('register_entry_line')
    with op.batch_alter_table('room', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_room_site_id'))

    op.drop_table('room')
    op.drop_table('register_entry')
    with op.batch_alter_table('employee', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_employee_site_id'))

    op.drop_table('employee')
    op.drop_table('site')
    op.drop_table('school')
    op.drop_table('counter')
    op.drop_table('calendar_day')
    op.drop_table('audit_log')
    op.drop_table('audit_head')
    op.drop_table('app_user')
