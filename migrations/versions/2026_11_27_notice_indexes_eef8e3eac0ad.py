"""Indexes for the home pages' notices and the roster's waiting excuses, each led by what makes
the rows few: goals and milestones settled lately, with a reward not given or a consequence not
done yet (by state), and excuses with no decision yet. The notices are found from these and then
matched to the roster, instead of walking every goal of every client on it (reviewed by hand).

Revision ID: eef8e3eac0ad
Revises: 063ac8d41f84
Create Date: 2026-11-27 23:07:56.125250

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'eef8e3eac0ad'
down_revision = '063ac8d41f84'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('excuses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_excuses_decision'), ['decision'], unique=False)

    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.create_index('ix_goals_state_consequence_done', ['state', 'consequence_done_at'], unique=False)
        batch_op.create_index('ix_goals_state_reward_given', ['state', 'reward_given_at'], unique=False)
        batch_op.create_index('ix_goals_state_settled', ['state', 'settled_on'], unique=False)

    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.create_index('ix_milestones_state_consequence_done', ['state', 'consequence_done_at'], unique=False)
        batch_op.create_index('ix_milestones_state_reward_given', ['state', 'reward_given_at'], unique=False)
        batch_op.create_index('ix_milestones_state_settled', ['state', 'settled_on'], unique=False)


def downgrade():
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.drop_index('ix_milestones_state_settled')
        batch_op.drop_index('ix_milestones_state_reward_given')
        batch_op.drop_index('ix_milestones_state_consequence_done')

    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.drop_index('ix_goals_state_settled')
        batch_op.drop_index('ix_goals_state_reward_given')
        batch_op.drop_index('ix_goals_state_consequence_done')

    with op.batch_alter_table('excuses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_excuses_decision'))
