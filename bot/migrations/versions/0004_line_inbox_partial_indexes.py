"""LINE inbox: the pending and the handled events each get an index of their own

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 19:30:00.000000

The recovery sweep claims pending events oldest first, and the prune deletes handled ones by age. The one index
on handled_at served both badly: SQLite claimed through it by walking and sorting every pending event.
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index('ix_processed_events_handled_at', table_name='processed_events')
    op.create_index(
        'ix_processed_events_pending', 'processed_events', ['received_at'],
        sqlite_where=sa.text('handled_at IS NULL'), postgresql_where=sa.text('handled_at IS NULL'),
    )
    op.create_index(
        'ix_processed_events_handled', 'processed_events', ['handled_at'],
        sqlite_where=sa.text('handled_at IS NOT NULL'), postgresql_where=sa.text('handled_at IS NOT NULL'),
    )


def downgrade() -> None:
    op.drop_index('ix_processed_events_handled', table_name='processed_events')
    op.drop_index('ix_processed_events_pending', table_name='processed_events')
    op.create_index('ix_processed_events_handled_at', 'processed_events', ['handled_at'])
