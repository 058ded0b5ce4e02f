"""learned entries can be withdrawn: when and by whom

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 13:30:00.000000

A withdrawn entry keeps its row (the dashboard shows what was said and who took it back); the bot stops using it.
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


def downgrade() -> None:
    with op.batch_alter_table('learned_entries', schema=None) as batch_op:
        batch_op.drop_column('withdrawn_by')
        batch_op.drop_column('withdrawn_at')
