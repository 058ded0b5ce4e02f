"""durable LINE inbox: event payload and handled/claimed state; messages keep their LINE event id

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 09:00:00.000000

Rows recorded before this revision were acted on when they were recorded: they become handled (at the time
they were received), so the recovery sweep leaves them alone and prunes them in a few days.
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('processed_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('payload', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('claim', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('attempts', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('handled_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_processed_events_handled_at'), ['handled_at'], unique=False)

    op.execute(sa.text('UPDATE processed_events SET handled_at = received_at, attempts = 1'))

    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('event_id', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint('uq_messages_event_id_author', ['event_id', 'author'])


def downgrade() -> None:
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_constraint('uq_messages_event_id_author', type_='unique')
        batch_op.drop_column('event_id')

    with op.batch_alter_table('processed_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_processed_events_handled_at'))
        batch_op.drop_column('handled_at')
        batch_op.drop_column('attempts')
        batch_op.drop_column('claim')
        batch_op.drop_column('claimed_at')
        batch_op.drop_column('payload')
