"""tickets count the tries to tell the staff LINE group of them

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 23:20:00.000000

A notice LINE did not take is tried again on the schedule of staff answers (bot/handoff.py, RETRY_AFTER), which
needs to know how many tries there were.
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notice_attempts', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.drop_column('notice_attempts')
