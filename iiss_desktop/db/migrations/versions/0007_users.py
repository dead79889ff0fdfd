"""users: passwords (Argon2id), failed attempts, recovery code, role grants, idle lock

Existing ``app_user`` rows keep their id, name and every audit reference; they get no password
and no role, so nobody can log in with them until the first user (or whoever manages users)
gives them a role and a password. The legacy ``role`` column is dropped: no version ever set
it (every row holds its default, "segreteria"), so it says nothing about the person; the roles
are now the rows of ``user_role_grant``.

Revision ID: 0007_users
Revises: 0006_warehouse
Create Date: 2026-12-02 10:00:00
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import Protection, install, uninstall

NO_DELETE_USER = ("Utenti: un utente non si cancella perché il registro delle modifiche e i "
                  "registri lo citano; per toglierlo, disattivarlo.")
NO_RENAME_USER = ("Utenti: il nome utente non si modifica perché il registro delle modifiche lo "
                  "cita; creare un nuovo utente e disattivare il vecchio.")
PROTECTIONS = (
    Protection("app_user", forbid_delete=NO_DELETE_USER, frozen_columns=("username",),
               frozen_message=NO_RENAME_USER),
)

revision = '0007_users'
down_revision = '0006_warehouse'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('password_hash', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('password_changed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('failed_attempts', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('last_failed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('recovery_hash', sa.String(length=200), nullable=True))
        batch_op.create_check_constraint('failed_not_negative', 'failed_attempts >= 0')
        batch_op.drop_column('role')

    op.create_table('user_role_grant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['site_id'], ['site.id'], name=op.f('fk_user_role_grant_site_id_site')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_user_role_grant_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_role_grant'))
    )
    with op.batch_alter_table('user_role_grant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_role_grant_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('school', schema=None) as batch_op:
        batch_op.add_column(sa.Column('idle_lock_minutes', sa.Integer(), nullable=False,
                                      server_default='15'))
    install(op, PROTECTIONS)


def downgrade() -> None:
    uninstall(op, PROTECTIONS)
    with op.batch_alter_table('school', schema=None) as batch_op:
        batch_op.drop_column('idle_lock_minutes')
    with op.batch_alter_table('user_role_grant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_role_grant_user_id'))
    op.drop_table('user_role_grant')
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('role', sa.String(length=30), nullable=False,
                                      server_default='segreteria'))
        batch_op.drop_constraint('failed_not_negative', type_='check')
        batch_op.drop_column('recovery_hash')
        batch_op.drop_column('last_failed_at')
        batch_op.drop_column('failed_attempts')
        batch_op.drop_column('password_changed_at')
        batch_op.drop_column('password_hash')
