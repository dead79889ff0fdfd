"""staff_plan: the Piano delle attività of the ATA staff by school year and version, with its
text sections, the dotazione organica and the assignments of the persons (issue 14 item 2)

Self-contained: it creates only its own tables and triggers. Nothing is deleted: a version is
superseded by the next one adopted; a draft's rows are rewritten in place (a row dropped from
the draft is marked removed). Year, number and draft date of a version never change, nor the
version a row belongs to.

Revision ID: 0023_staff_plan
Revises: 0022_staff_roster
Create Date: 2026-12-03 17:39:58
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import Protection, install, uninstall

revision = '0023_staff_plan'
down_revision = '0022_staff_roster'
branch_labels = None
depends_on = None

NO_DELETE_PLAN = ("Piano delle attività: una versione non si cancella; un Piano adottato è "
                  "sostituito da una nuova versione.")
FROZEN_PLAN = ("Piano delle attività: anno scolastico, numero e data della bozza di una "
               "versione non si modificano.")
NO_DELETE_ROWS = ("Piano delle attività: le parti di una versione non si cancellano; nella "
                  "bozza si modificano, un Piano adottato si cambia con una nuova versione.")
FROZEN_ROWS = ("Piano delle attività: una parte del Piano non passa a un'altra versione.")
PROTECTIONS = (
    Protection("staff_plan", forbid_delete=NO_DELETE_PLAN,
               frozen_columns=("school_year", "version", "drafted_on"),
               frozen_message=FROZEN_PLAN),
    Protection("staff_plan_section", forbid_delete=NO_DELETE_ROWS,
               frozen_columns=("plan_id", "key"), frozen_message=FROZEN_ROWS),
    Protection("staff_plan_staffing", forbid_delete=NO_DELETE_ROWS,
               frozen_columns=("plan_id",), frozen_message=FROZEN_ROWS),
    Protection("staff_plan_assignment", forbid_delete=NO_DELETE_ROWS,
               frozen_columns=("plan_id",), frozen_message=FROZEN_ROWS),
)


def upgrade() -> None:
    op.create_table('staff_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('school_year', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('drafted_on', sa.Date(), nullable=False),
    sa.Column('drafted_by_id', sa.Integer(), nullable=True),
    sa.Column('adopted_on', sa.Date(), nullable=True),
    sa.Column('protocol', sa.String(length=60), nullable=False),
    sa.Column('adopted_by_id', sa.Integer(), nullable=True),
    sa.Column('superseded_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_plan')),
    sa.UniqueConstraint('school_year', 'version', name=op.f('uq_staff_plan_school_year_version'))
    )
    op.create_table('staff_plan_section',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['staff_plan.id'], name=op.f('fk_staff_plan_section_plan_id_staff_plan')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_plan_section')),
    sa.UniqueConstraint('plan_id', 'key', name=op.f('uq_staff_plan_section_plan_id_key'))
    )
    op.create_table('staff_plan_staffing',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('profile', sa.String(length=10), nullable=False),
    sa.Column('site_code', sa.String(length=20), nullable=False),
    sa.Column('posts', sa.Integer(), nullable=False),
    sa.Column('need_note', sa.String(length=300), nullable=False),
    sa.Column('removed', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['staff_plan.id'], name=op.f('fk_staff_plan_staffing_plan_id_staff_plan')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_plan_staffing'))
    )
    with op.batch_alter_table('staff_plan_staffing', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_plan_staffing_plan_id'), ['plan_id'], unique=False)

    op.create_table('staff_plan_assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('place_kind', sa.String(length=20), nullable=False),
    sa.Column('place', sa.String(length=120), nullable=False),
    sa.Column('site_code', sa.String(length=20), nullable=False),
    sa.Column('duties', sa.String(length=1000), nullable=False),
    sa.Column('removed', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_staff_plan_assignment_employee_id_employee')),
    sa.ForeignKeyConstraint(['plan_id'], ['staff_plan.id'], name=op.f('fk_staff_plan_assignment_plan_id_staff_plan')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_plan_assignment'))
    )
    with op.batch_alter_table('staff_plan_assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_plan_assignment_employee_id'), ['employee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_plan_assignment_plan_id'), ['plan_id'], unique=False)

    install(op, PROTECTIONS)


def downgrade() -> None:
    uninstall(op, PROTECTIONS)
    with op.batch_alter_table('staff_plan_assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_plan_assignment_plan_id'))
        batch_op.drop_index(batch_op.f('ix_staff_plan_assignment_employee_id'))

    op.drop_table('staff_plan_assignment')
    with op.batch_alter_table('staff_plan_staffing', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_plan_staffing_plan_id'))

    op.drop_table('staff_plan_staffing')
    op.drop_table('staff_plan_section')
    op.drop_table('staff_plan')
