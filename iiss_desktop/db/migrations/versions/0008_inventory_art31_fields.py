"""inventory_art31_fields: the fields art. 31 c.2 of D.I. 129/2018 wants for beni immobili
(rendita annua, dati catastali, diritti reali di terzi, destinazione d'uso, utilizzo attuale)
and valori mobiliari (rendita, scadenza)

Text columns are NOT NULL with the server default '' (the raw inserts of the import and of
the benchmark keep working with or without them); rendita and scadenza are NULL when not
given ("eventuale rendita").

Revision ID: 0008_inventory_art31_fields
Revises: 0007_users
Create Date: 2026-12-02 20:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0008_inventory_art31_fields'
down_revision = '0007_users'
branch_labels = None
depends_on = None

_TEXT = (("cadastral_sheet", 20), ("cadastral_parcel", 20), ("cadastral_subunit", 20),
         ("cadastral_category", 5), ("third_party_rights", 300), ("intended_use", 200),
         ("current_use", 200))


def upgrade() -> None:
    # ADD COLUMN only (no table rebuild): the triggers protecting inventory_item stay.
    with op.batch_alter_table('inventory_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('annual_income', sa.BigInteger(), nullable=True))
        for name, length in _TEXT:
            batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=False,
                                          server_default=''))
        batch_op.add_column(sa.Column('maturity_date', sa.Date(), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite >= 3.35, PostgreSQL): a batch rebuild would lose the triggers.
    for name in ('maturity_date', *(n for n, _ in reversed(_TEXT)), 'annual_income'):
        op.execute(f"ALTER TABLE inventory_item DROP COLUMN {name}")
