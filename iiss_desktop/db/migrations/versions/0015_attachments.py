"""attachments: PDF and image files attached to a record (a good, an article…), with their
SHA-256, size, name, who and when; the bytes kept apart, keyed by checksum; withdrawn with a
reason, never deleted; the school's size limit (issue 13 item 3)

Revision ID: 0015_attachments
Revises: 0014_document_protocol
Create Date: 2026-12-03 08:10:00
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import Protection, install, uninstall

revision = '0015_attachments'
down_revision = '0014_document_protocol'
branch_labels = None
depends_on = None

_KEPT = "Gli allegati non si cancellano: un allegato errato si ritira indicando il motivo."
_FROZEN = "Gli allegati non si modificano: un allegato errato si ritira indicando il motivo."
PROTECTIONS = tuple(Protection(table, forbid_delete=_KEPT, freeze_all=True,
                               frozen_message=_FROZEN)
                    for table in ("attachment_content", "attachment", "attachment_withdrawal"))


def upgrade() -> None:
    op.add_column('school', sa.Column('attachment_limit_mb', sa.Integer(), nullable=False,
                                      server_default='10'))
    op.create_table(
        'attachment_content',
        sa.Column('checksum', sa.String(length=64), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint('checksum', name=op.f('pk_attachment_content')))
    op.create_table(
        'attachment',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('record_kind', sa.String(length=40), nullable=False),
        sa.Column('record_id', sa.Integer(), nullable=False),
        sa.Column('file_name', sa.String(length=255), nullable=False),
        sa.Column('media_type', sa.String(length=40), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('checksum', sa.String(length=64), nullable=False),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['checksum'], ['attachment_content.checksum'],
                                name=op.f('fk_attachment_checksum_attachment_content')),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['app_user.id'],
                                name=op.f('fk_attachment_recorded_by_id_app_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment')))
    op.create_index('ix_attachment_record', 'attachment', ['record_kind', 'record_id'])
    op.create_table(
        'attachment_withdrawal',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('attachment_id', sa.Integer(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['attachment_id'], ['attachment.id'],
                                name=op.f('fk_attachment_withdrawal_attachment_id_attachment')),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['app_user.id'],
                                name=op.f('fk_attachment_withdrawal_recorded_by_id_app_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment_withdrawal')),
        sa.UniqueConstraint('attachment_id',
                            name=op.f('uq_attachment_withdrawal_attachment_id')))
    install(op, PROTECTIONS)


def downgrade() -> None:
    uninstall(op, PROTECTIONS)
    op.drop_table('attachment_withdrawal')
    op.drop_index('ix_attachment_record', 'attachment')
    op.drop_table('attachment')
    op.drop_table('attachment_content')
    with op.batch_alter_table('school') as batch:
        batch.drop_column('attachment_limit_mb')
