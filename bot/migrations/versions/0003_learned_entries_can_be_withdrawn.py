"""learned entries can be withdrawn: when and by whom

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 13:30:00.000000

A withdrawn entry keeps its row (the dashboard shows what was said and who took it back); the bot stops using it.
One entry in use per ticket: a unique index over the rows not withdrawn.
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('learned_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('withdrawn_by', sa.String(length=80), nullable=True))
    # Two entries made from one ticket at the same moment (possible before this revision): the later ones are
    # withdrawn, so the index below can be made and the first entry stays in use.
    op.execute(sa.text(
        "UPDATE learned_entries SET withdrawn_at = CURRENT_TIMESTAMP, withdrawn_by = 'upgrade 0003' "
        "WHERE source_ticket_id IS NOT NULL AND id NOT IN "
        "(SELECT min(id) FROM learned_entries WHERE source_ticket_id IS NOT NULL GROUP BY source_ticket_id)"
    ))
    op.create_index(
        'uq_learned_entries_active_ticket', 'learned_entries', ['source_ticket_id'], unique=True,
        sqlite_where=sa.text('withdrawn_at IS NULL'), postgresql_where=sa.text('withdrawn_at IS NULL'),
    )


def downgrade() -> None:
    op.drop_index('uq_learned_entries_active_ticket', table_name='learned_entries')
    with op.batch_alter_table('learned_entries', schema=None) as batch_op:
        batch_op.drop_column('withdrawn_by')
        batch_op.drop_column('withdrawn_at')
