"""Indexes on (state, due date) of goals and milestones: page views look for overdue open
contracts to settle, and there are few of them whatever the history (reviewed by hand).

Revision ID: 7d698f2f2e24
Revises: 0ff384d7e7f3
Create Date: 2026-11-27 21:26:57.200755

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7d698f2f2e24'
down_revision = '0ff384d7e7f3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.create_index('ix_goals_state_due', ['state', 'due_on'], unique=False)

    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.create_index('ix_milestones_state_due', ['state', 'due_on'], unique=False)



def downgrade():
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.drop_index('ix_milestones_state_due')

    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.drop_index('ix_goals_state_due')

