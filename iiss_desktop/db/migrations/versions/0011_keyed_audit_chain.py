"""keyed_audit_chain: the archive's identity and where its change log starts being keyed
with a secret kept outside the file (issue 11; db/chain_key.py). The key itself is created
when the archive is next opened for writing.

Revision ID: 0011_keyed_audit_chain
Revises: 0010_dirigente_terms
Create Date: 2026-12-03 05:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0011_keyed_audit_chain'
down_revision = '0010_dirigente_terms'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no table copy): the triggers on audit_head stay as they are.
    op.add_column('audit_head', sa.Column('archive_id', sa.String(length=36), nullable=True))
    op.add_column('audit_head', sa.Column('keyed_from', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('audit_head') as batch:
        batch.drop_column('keyed_from')
        batch.drop_column('archive_id')
