"""Alembic environment, run in code by iiss_desktop.db.schema (never from a shell)."""
from alembic import context

from iiss_desktop.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,          # SQLite has no real ALTER TABLE
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
