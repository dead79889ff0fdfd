"""document_protocol: the protocol number and date given to each printed document, recorded
back from the protocol office and printed in its "Prot. n. … del …" field (issue 12 item 8)

Revision ID: 0014_document_protocol
Revises: 0013_check_scans_loan_parent
Create Date: 2026-12-03 08:00:00
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import Protection, install, uninstall

revision = '0014_document_protocol'
down_revision = '0013_check_scans_loan_parent'
branch_labels = None
depends_on = None

PROTECTIONS = (Protection(
    "document_protocol",
    forbid_delete="Il protocollo di un documento non si cancella: si corregge indicando il "
                  "motivo.",
    freeze_all=True, frozen_message="Il protocollo di un documento non si modifica: si "
                                    "corregge indicando il motivo."),)


def upgrade() -> None:
    op.create_table(
        'document_protocol',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('report', sa.String(length=40), nullable=False),
        sa.Column('entry_id', sa.Integer(), nullable=False),
        sa.Column('protocol_number', sa.String(length=40), nullable=False),
        sa.Column('protocol_date', sa.Date(), nullable=False),
        sa.Column('replaces_id', sa.Integer(), nullable=True),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), nullable=False),
        sa.CheckConstraint('replaces_id IS NULL OR reason IS NOT NULL',
                           name=op.f('ck_document_protocol_correction_has_reason')),
        sa.ForeignKeyConstraint(['entry_id'], ['register_entry.id'],
                                name=op.f('fk_document_protocol_entry_id_register_entry')),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['app_user.id'],
                                name=op.f('fk_document_protocol_recorded_by_id_app_user')),
        sa.ForeignKeyConstraint(['replaces_id'], ['document_protocol.id'],
                                name=op.f('fk_document_protocol_replaces_id_document_protocol')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_document_protocol')),
        sa.UniqueConstraint('replaces_id', name=op.f('uq_document_protocol_replaces_id')))
    op.create_index(op.f('ix_document_protocol_entry_id'), 'document_protocol', ['entry_id'])
    install(op, PROTECTIONS)


def downgrade() -> None:
    uninstall(op, PROTECTIONS)
    op.drop_index(op.f('ix_document_protocol_entry_id'), 'document_protocol')
    op.drop_table('document_protocol')
