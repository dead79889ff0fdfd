"""office_documents: documents from templates (issue 19 item 3): the templates of the office's
acts, their versions (never changed nor deleted: a new version on each edit) and the
documents made from them (entries of the register «documenti», never deleted: annulled).
The program's templates (domain/office_templates_seed.py) are installed by the services,
audited, in the first transaction that needs them (services/office_documents.py).

Revision ID: 0044_office_documents
Revises: 0043_office_communications
Create Date: 2026-12-08 02:50:00
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import Protection, install, uninstall

revision = '0044_office_documents'
down_revision = '0043_office_communications'
branch_labels = None
depends_on = None

NO_DELETE_VERSION = ("Modelli dei documenti: una versione non si cancella né si modifica; "
                     "modificando il modello se ne salva una nuova.")
NO_DELETE_DOCUMENT = ("Documenti dell'ufficio: un documento non si cancella; si annulla con "
                      "il motivo.")
FROZEN_DOCUMENT = ("Documenti dell'ufficio: il documento non si modifica; si annulla e se ne "
                   "fa uno nuovo.")
PROTECTIONS = (
    Protection("office_template_version", forbid_delete=NO_DELETE_VERSION, freeze_all=True,
               frozen_message=NO_DELETE_VERSION),
    Protection("office_document", forbid_delete=NO_DELETE_DOCUMENT, freeze_all=True,
               frozen_message=FROZEN_DOCUMENT),
)


def upgrade() -> None:
    op.create_table('office_template',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('current_version', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_office_template')),
    sa.UniqueConstraint('code', name=op.f('uq_office_template_code'))
    )
    op.create_table('office_template_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('template_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('fields_json', sa.Text(), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['template_id'], ['office_template.id'],
                            name=op.f('fk_office_template_version_template_id_office_template')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_office_template_version')),
    sa.UniqueConstraint('template_id', 'number',
                        name=op.f('uq_office_template_version_template_id_number'))
    )
    op.create_index(op.f('ix_office_template_version_template_id'), 'office_template_version',
                    ['template_id'], unique=False)
    op.create_table('office_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('values_json', sa.Text(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['entry_id'], ['register_entry.id'],
                            name=op.f('fk_office_document_entry_id_register_entry')),
    sa.ForeignKeyConstraint(['version_id'], ['office_template_version.id'],
                            name=op.f('fk_office_document_version_id_office_template_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_office_document')),
    sa.UniqueConstraint('entry_id', name=op.f('uq_office_document_entry_id'))
    )
    op.create_index(op.f('ix_office_document_version_id'), 'office_document', ['version_id'],
                    unique=False)
    install(op, PROTECTIONS)


def downgrade() -> None:
    uninstall(op, PROTECTIONS)
    op.drop_index(op.f('ix_office_document_version_id'), table_name='office_document')
    op.drop_table('office_document')
    op.drop_index(op.f('ix_office_template_version_template_id'),
                  table_name='office_template_version')
    op.drop_table('office_template_version')
    op.drop_table('office_template')
