"""dirigente_terms: the dated history of the dirigenti scolastici, so that a document is
signed by the dirigente in office on its date (issue 12)

The dirigente already in the school's data gets one term with no start (since before
anything the archive records), so that every document printed before keeps the name it had.
Rows written by migrations without an image in the change log get one.

Revision ID: 0010_dirigente_terms
Revises: 0008_inventory_art31_fields
Create Date: 2026-12-02 23:00:00
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import Protection, install, uninstall

revision = '0010_dirigente_terms'
down_revision = '0008_inventory_art31_fields'
branch_labels = None
depends_on = None

PROTECTIONS = (Protection(
    "dirigente_term",
    forbid_delete="La storia dei dirigenti scolastici non si cancella: chi firma un documento "
                  "resta quello in carica alla sua data."),)


def upgrade() -> None:
    op.create_table(
        'dirigente_term',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_name', sa.String(length=120), nullable=False),
        sa.Column('started_on', sa.Date(), nullable=True),
        sa.Column('ended_on', sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_dirigente_term')))
    op.execute(
        "INSERT INTO dirigente_term (person_name) "
        "SELECT dirigente FROM school WHERE id = 1 AND dirigente <> ''")
    install(op, PROTECTIONS)
    # verify compares every row with its image in the change log (db/verify_images.py): the
    # rows earlier migrations wrote without one (the users of 0007, the dirigente above) get
    # it now.
    from iiss_desktop.db.verify_images import log_unlogged_rows

    log_unlogged_rows(op.get_bind(), "Aggiornamento dell'archivio: righe prese in carico "
                                     "dal registro delle modifiche")


def downgrade() -> None:
    uninstall(op, PROTECTIONS)
    op.drop_table('dirigente_term')
