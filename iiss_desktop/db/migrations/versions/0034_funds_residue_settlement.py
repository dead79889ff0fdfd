"""funds_residue_settlement: a residuo imported from the program used before has no
accertamento or impegno in this archive (services/funds/residui_import.py); its reversale,
liquidazione and mandato name the residuo alone. ``assessment_id`` of funds_receipt_order and
``commitment_id`` of funds_liquidation and funds_payment_order become nullable; every row
still names one of the two (the services check it). No row changes.

Revision ID: 0034_funds_residue_settlement
Revises: 0033_staff_health
Create Date: 2026-12-07 11:00:00
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import NO_DELETE_REGISTER, Protection, install, uninstall

revision = '0034_funds_residue_settlement'
down_revision = '0033_staff_health'
branch_labels = None
depends_on = None

# The protections of 0016 on the tables rebuilt by batch mode here (the same definitions).
REBUILT = (
    Protection("funds_liquidation", forbid_delete=NO_DELETE_REGISTER,
               frozen_columns=("entry_id", "year", "number", "liquidated_on",
                               "commitment_id", "amount")),
    Protection("funds_payment_order", forbid_delete=NO_DELETE_REGISTER, freeze_all=True),
    Protection("funds_receipt_order", forbid_delete=NO_DELETE_REGISTER, freeze_all=True),
)
COLUMNS = (("funds_receipt_order", "assessment_id"), ("funds_liquidation", "commitment_id"),
           ("funds_payment_order", "commitment_id"))


def _nullable(value: bool) -> None:
    uninstall(op, REBUILT)
    for table, column in COLUMNS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(column, existing_type=sa.Integer(), nullable=value)
    install(op, REBUILT)


def upgrade() -> None:
    _nullable(True)


def downgrade() -> None:
    # Refused by the database if a row names a residuo alone: such rows cannot go back.
    _nullable(False)
