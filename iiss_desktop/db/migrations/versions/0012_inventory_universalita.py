"""inventory_universalita: which goods form one universalità, and the warning a good
imported against art. 31 c.5-6 keeps (issue 12 items 2 and 4)

``universalita_key`` names the set of goods bought together (art. 31 c.5): the goods of one
carico «acquistati insieme» get the buono's reference, the rows of an imported file with the
same «Universalità» the key written there. ``carico_warning`` keeps, on the good, why a
good taken in charge before D.I. 129/2018 came into force (17/11/2018) was imported in a
register the rule of today would not give it. Both NOT NULL with the server default '' (the
raw inserts of the import and of the benchmark keep working).

Goods of a universalità taken in charge before (``universalita_value`` set, key '') are
not rewritten: the register groups them by their buono di carico, as they were loaded.

Revision ID: 0012_inventory_universalita
Revises: 0011_keyed_audit_chain
Create Date: 2026-12-03 05:45:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0012_inventory_universalita'
down_revision = '0011_keyed_audit_chain'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN only (no table rebuild): the triggers protecting inventory_item stay.
    with op.batch_alter_table('inventory_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('universalita_key', sa.String(length=80), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('carico_warning', sa.String(length=500), nullable=False,
                                      server_default=''))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite >= 3.35, PostgreSQL): a batch rebuild would lose the triggers.
    for name in ('carico_warning', 'universalita_key'):
        op.execute(f"ALTER TABLE inventory_item DROP COLUMN {name}")
