"""procurement_procedures: the procedure file of a purchase (Acquisti issue, item 2): the
purchase requests with their approval or refusal, the procedure opened by the determina a
contrarre (register «acquisti-determine») with its checks, the coverage attested with its
impegno and the award, the quotations of the operators invited, the order letter (register
«acquisti-ordini») with its lines; the dirigente's limit set by the Consiglio d'istituto and
the kind of EU threshold in the area's settings; the acceptance (item 4): deliveries with their
DDT and the lines delivered with the carico they made (inventory numbers, warehouse movement),
the verbali of the verifica di conformità (register «acquisti-collaudi»).

Self-contained: it creates its own tables and triggers and adds two columns to
``procurement_setting`` (with their defaults). Amounts are BigInteger cents. Nothing is ever
deleted; a determina, a quotation's invitation and an order are never changed once written.

Revision ID: 0030_procurement_procedures
Revises: 0029_funds_residui
Create Date: 2026-12-07 02:57:20.773698
"""
import sqlalchemy as sa
from alembic import op

from iiss_desktop.db.triggers import Protection, install, uninstall

revision = '0030_procurement_procedures'
down_revision = '0029_funds_residui'
branch_labels = None
depends_on = None

NO_DELETE = ("Procedure d'acquisto: richieste, determine, preventivi e ordini non si "
             "cancellano.")
FROZEN_REQUEST = ("Richiesta d'acquisto: data, richiedente, oggetto, motivo e importo non si "
                  "modificano; si decide con l'approvazione o il rifiuto.")
FROZEN_PROCEDURE = ("Determina a contrarre: numero, data, oggetto, importo, procedura e "
                    "verifiche registrati non si modificano.")
FROZEN_QUOTE = "Preventivo: operatore invitato e data dell'invito non si modificano."
FROZEN_ORDER = "Lettera d'ordine: l'ordine emesso e le sue righe non si modificano."
FROZEN_DELIVERY = ("Consegna: ordine, data, DDT e quantità consegnate non si modificano; una "
                   "consegna registrata per errore si annulla con il motivo.")
FROZEN_VERIFICATION = ("Verbale di verifica: numero, data, chi ha verificato, esito e note non "
                       "si modificano; un verbale errato si annulla con il motivo.")
PROTECTIONS = (
    Protection("procurement_request", forbid_delete=NO_DELETE,
               frozen_columns=("requested_on", "unit_kind", "unit", "requested_by", "object",
                               "reason", "amount"), frozen_message=FROZEN_REQUEST),
    Protection("procurement_procedure", forbid_delete=NO_DELETE,
               frozen_columns=("request_id", "entry_id", "year", "number", "decided_on",
                               "object", "kind", "amount", "proposed_procedure", "procedure",
                               "procedure_motivation", "council_deliberation", "via_consip",
                               "consip_motivation", "via_mepa", "mepa_motivation",
                               "ddi_derogation", "notes", "rup", "destination",
                               "spending_type", "earmarked_id"),
               frozen_message=FROZEN_PROCEDURE),
    Protection("procurement_quote", forbid_delete=NO_DELETE,
               frozen_columns=("procedure_id", "supplier_id", "invited_on"),
               frozen_message=FROZEN_QUOTE),
    Protection("procurement_order", forbid_delete=NO_DELETE, freeze_all=True,
               frozen_message=FROZEN_ORDER),
    Protection("procurement_order_line", forbid_delete=NO_DELETE, freeze_all=True,
               frozen_message=FROZEN_ORDER),
    Protection("procurement_delivery", forbid_delete=NO_DELETE,
               frozen_columns=("order_id", "delivered_on", "ddt_number", "ddt_date",
                               "received_by", "notes"), frozen_message=FROZEN_DELIVERY),
    Protection("procurement_delivery_line", forbid_delete=NO_DELETE,
               frozen_columns=("delivery_id", "order_line_id", "quantity"),
               frozen_message=FROZEN_DELIVERY),
    Protection("procurement_verification", forbid_delete=NO_DELETE,
               frozen_columns=("delivery_id", "entry_id", "year", "number", "kind",
                               "verified_on", "verified_by", "outcome", "notes"),
               frozen_message=FROZEN_VERIFICATION),
)


def upgrade() -> None:
    op.create_table('procurement_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('requested_on', sa.Date(), nullable=False),
    sa.Column('unit_kind', sa.String(length=20), nullable=False),
    sa.Column('unit', sa.String(length=120), nullable=False),
    sa.Column('requested_by', sa.String(length=120), nullable=False),
    sa.Column('object', sa.String(length=300), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('decided_as', sa.String(length=20), nullable=False),
    sa.Column('decision_note', sa.String(length=500), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procurement_request'))
    )
    with op.batch_alter_table('procurement_request', schema=None) as batch_op:
        batch_op.create_index('ix_procurement_request_day', ['requested_on'], unique=False)

    op.create_table('procurement_procedure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('object', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('sector', sa.String(length=20), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('vat_rate', sa.String(length=8), nullable=False),
    sa.Column('proposed_procedure', sa.String(length=30), nullable=False),
    sa.Column('procedure', sa.String(length=30), nullable=False),
    sa.Column('procedure_motivation', sa.String(length=500), nullable=False),
    sa.Column('council_deliberation', sa.String(length=200), nullable=False),
    sa.Column('via_consip', sa.Boolean(), nullable=False),
    sa.Column('consip_motivation', sa.String(length=500), nullable=False),
    sa.Column('via_mepa', sa.Boolean(), nullable=False),
    sa.Column('mepa_motivation', sa.String(length=500), nullable=False),
    sa.Column('ddi_derogation', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('cig', sa.String(length=10), nullable=False),
    sa.Column('cup', sa.String(length=15), nullable=False),
    sa.Column('rup', sa.String(length=120), nullable=False),
    sa.Column('destination', sa.String(length=20), nullable=False),
    sa.Column('spending_type', sa.String(length=4), nullable=False),
    sa.Column('earmarked_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('coverage_on', sa.Date(), nullable=True),
    sa.Column('coverage_by_id', sa.Integer(), nullable=True),
    sa.Column('commitment_id', sa.Integer(), nullable=True),
    sa.Column('criterion', sa.String(length=20), nullable=False),
    sa.Column('criterion_text', sa.String(length=300), nullable=False),
    sa.Column('award_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['award_id'], ['procurement_award.id'], name=op.f('fk_procurement_procedure_award_id_procurement_award')),
    sa.ForeignKeyConstraint(['commitment_id'], ['funds_commitment.id'], name=op.f('fk_procurement_procedure_commitment_id_funds_commitment')),
    sa.ForeignKeyConstraint(['earmarked_id'], ['funds_earmarked.id'], name=op.f('fk_procurement_procedure_earmarked_id_funds_earmarked')),
    sa.ForeignKeyConstraint(['entry_id'], ['register_entry.id'], name=op.f('fk_procurement_procedure_entry_id_register_entry')),
    sa.ForeignKeyConstraint(['request_id'], ['procurement_request.id'], name=op.f('fk_procurement_procedure_request_id_procurement_request')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procurement_procedure')),
    sa.UniqueConstraint('award_id', name=op.f('uq_procurement_procedure_award_id')),
    sa.UniqueConstraint('commitment_id', name=op.f('uq_procurement_procedure_commitment_id')),
    sa.UniqueConstraint('entry_id', name=op.f('uq_procurement_procedure_entry_id')),
    sa.UniqueConstraint('request_id', name=op.f('uq_procurement_procedure_request_id'))
    )
    op.create_table('procurement_order',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('ordered_on', sa.Date(), nullable=False),
    sa.Column('supplier_id', sa.Integer(), nullable=False),
    sa.Column('delivery_place', sa.String(length=200), nullable=False),
    sa.Column('delivery_terms', sa.String(length=300), nullable=False),
    sa.Column('delivery_by', sa.Date(), nullable=True),
    sa.Column('taxable', sa.BigInteger(), nullable=False),
    sa.Column('tax', sa.BigInteger(), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['entry_id'], ['register_entry.id'], name=op.f('fk_procurement_order_entry_id_register_entry')),
    sa.ForeignKeyConstraint(['procedure_id'], ['procurement_procedure.id'], name=op.f('fk_procurement_order_procedure_id_procurement_procedure')),
    sa.ForeignKeyConstraint(['supplier_id'], ['procurement_supplier.id'], name=op.f('fk_procurement_order_supplier_id_procurement_supplier')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procurement_order')),
    sa.UniqueConstraint('entry_id', name=op.f('uq_procurement_order_entry_id')),
    sa.UniqueConstraint('procedure_id', name=op.f('uq_procurement_order_procedure_id'))
    )
    with op.batch_alter_table('procurement_order', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_procurement_order_supplier_id'), ['supplier_id'], unique=False)

    op.create_table('procurement_quote',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('supplier_id', sa.Integer(), nullable=False),
    sa.Column('invited_on', sa.Date(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=True),
    sa.Column('amount', sa.BigInteger(), nullable=True),
    sa.Column('notes', sa.String(length=300), nullable=False),
    sa.Column('chosen', sa.Boolean(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['procedure_id'], ['procurement_procedure.id'], name=op.f('fk_procurement_quote_procedure_id_procurement_procedure')),
    sa.ForeignKeyConstraint(['supplier_id'], ['procurement_supplier.id'], name=op.f('fk_procurement_quote_supplier_id_procurement_supplier')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procurement_quote'))
    )
    with op.batch_alter_table('procurement_quote', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_procurement_quote_procedure_id'), ['procedure_id'], unique=False)

    op.create_table('procurement_order_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('quantity', sa.String(length=30), nullable=False),
    sa.Column('unit', sa.String(length=10), nullable=False),
    sa.Column('unit_price', sa.BigInteger(), nullable=False),
    sa.Column('vat_rate', sa.String(length=8), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['procurement_order.id'], name=op.f('fk_procurement_order_line_order_id_procurement_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procurement_order_line'))
    )
    with op.batch_alter_table('procurement_order_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_procurement_order_line_order_id'), ['order_id'], unique=False)

    op.create_table('procurement_delivery',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('delivered_on', sa.Date(), nullable=False),
    sa.Column('ddt_number', sa.String(length=40), nullable=False),
    sa.Column('ddt_date', sa.Date(), nullable=False),
    sa.Column('received_by', sa.String(length=120), nullable=False),
    sa.Column('notes', sa.String(length=500), nullable=False),
    sa.Column('annulled_on', sa.Date(), nullable=True),
    sa.Column('annul_reason', sa.String(length=500), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['procurement_order.id'], name=op.f('fk_procurement_delivery_order_id_procurement_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procurement_delivery'))
    )
    with op.batch_alter_table('procurement_delivery', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_procurement_delivery_order_id'), ['order_id'], unique=False)

    op.create_table('procurement_delivery_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('delivery_id', sa.Integer(), nullable=False),
    sa.Column('order_line_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.String(length=30), nullable=False),
    sa.Column('destination', sa.String(length=20), nullable=False),
    sa.Column('inventory_register', sa.String(length=40), nullable=False),
    sa.Column('inventory_numbers', sa.String(length=500), nullable=False),
    sa.Column('buono_entry_id', sa.Integer(), nullable=True),
    sa.Column('movement_id', sa.Integer(), nullable=True),
    sa.Column('loaded_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['buono_entry_id'], ['register_entry.id'], name=op.f('fk_procurement_delivery_line_buono_entry_id_register_entry')),
    sa.ForeignKeyConstraint(['delivery_id'], ['procurement_delivery.id'], name=op.f('fk_procurement_delivery_line_delivery_id_procurement_delivery')),
    sa.ForeignKeyConstraint(['movement_id'], ['warehouse_movement.id'], name=op.f('fk_procurement_delivery_line_movement_id_warehouse_movement')),
    sa.ForeignKeyConstraint(['order_line_id'], ['procurement_order_line.id'], name=op.f('fk_procurement_delivery_line_order_line_id_procurement_order_line')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procurement_delivery_line'))
    )
    with op.batch_alter_table('procurement_delivery_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_procurement_delivery_line_delivery_id'), ['delivery_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_procurement_delivery_line_order_line_id'), ['order_line_id'], unique=False)

    op.create_table('procurement_verification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('delivery_id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('verified_on', sa.Date(), nullable=False),
    sa.Column('verified_by', sa.String(length=200), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('annulled_on', sa.Date(), nullable=True),
    sa.Column('annul_reason', sa.String(length=500), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['delivery_id'], ['procurement_delivery.id'], name=op.f('fk_procurement_verification_delivery_id_procurement_delivery')),
    sa.ForeignKeyConstraint(['entry_id'], ['register_entry.id'], name=op.f('fk_procurement_verification_entry_id_register_entry')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procurement_verification')),
    sa.UniqueConstraint('entry_id', name=op.f('uq_procurement_verification_entry_id'))
    )
    with op.batch_alter_table('procurement_verification', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_procurement_verification_delivery_id'), ['delivery_id'], unique=False)

    # Plain ADD COLUMN (no batch copy of the table: its trigger of migration 0028 stays).
    op.add_column('procurement_setting', sa.Column('dirigente_limit', sa.BigInteger(),
                                                   nullable=True))
    op.add_column('procurement_setting', sa.Column('central_authority', sa.Boolean(),
                                                   server_default=sa.true(), nullable=False))
    install(op, PROTECTIONS)


def downgrade() -> None:
    uninstall(op, PROTECTIONS)
    with op.batch_alter_table('procurement_setting', schema=None) as batch_op:
        batch_op.drop_column('central_authority')
        batch_op.drop_column('dirigente_limit')

    with op.batch_alter_table('procurement_verification', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_procurement_verification_delivery_id'))

    op.drop_table('procurement_verification')
    with op.batch_alter_table('procurement_delivery_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_procurement_delivery_line_order_line_id'))
        batch_op.drop_index(batch_op.f('ix_procurement_delivery_line_delivery_id'))

    op.drop_table('procurement_delivery_line')
    with op.batch_alter_table('procurement_delivery', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_procurement_delivery_order_id'))

    op.drop_table('procurement_delivery')
    with op.batch_alter_table('procurement_order_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_procurement_order_line_order_id'))

    op.drop_table('procurement_order_line')
    with op.batch_alter_table('procurement_quote', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_procurement_quote_procedure_id'))

    op.drop_table('procurement_quote')
    with op.batch_alter_table('procurement_order', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_procurement_order_supplier_id'))

    op.drop_table('procurement_order')
    op.drop_table('procurement_procedure')
    with op.batch_alter_table('procurement_request', schema=None) as batch_op:
        batch_op.drop_index('ix_procurement_request_day')

    op.drop_table('procurement_request')
