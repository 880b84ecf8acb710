"""Goals with milestones, excuses, comments and motivation scores; technique notes; races
(reviewed by hand).

Goals and milestones keep their target in the columns of their kind; states are checked by
constraints so no code path can write an unknown state.

Revision ID: 964e46243ed3
Revises: 69d4da7566e9
Create Date: 2026-11-27 20:31:05.004610

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '964e46243ed3'
down_revision = '69d4da7566e9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('motivation_scores',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('answered_by_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('answered_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], name=op.f('fk_motivation_scores_answered_by_id_users')),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_motivation_scores_client_id_clients')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_motivation_scores'))
    )
    with op.batch_alter_table('motivation_scores', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_motivation_scores_client_id'), ['client_id'], unique=False)

    op.create_table('races',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('distance_m', sa.Double(), nullable=False),
    sa.Column('priority', sa.String(length=1), nullable=False),
    sa.Column('goal_time_s', sa.Integer(), nullable=True),
    sa.Column('location', sa.String(length=120), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('strategy', sa.String(length=12), nullable=False),
    sa.Column('strategy_percent', sa.Double(), nullable=False),
    sa.Column('result_time_s', sa.Integer(), nullable=True),
    sa.Column('taper_applied_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("priority IN ('A', 'B', 'C')", name=op.f('ck_races_priority')),
    sa.CheckConstraint("strategy IN ('even', 'negative', 'conservative')", name=op.f('ck_races_strategy')),
    sa.CheckConstraint('distance_m > 0', name=op.f('ck_races_distance')),
    sa.CheckConstraint('strategy_percent BETWEEN 0 AND 20', name=op.f('ck_races_strategy_percent')),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_races_client_id_clients')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_races'))
    )
    with op.batch_alter_table('races', schema=None) as batch_op:
        batch_op.create_index('ix_races_client_on', ['client_id', 'on'], unique=False)

    op.create_table('technique_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('area', sa.String(length=12), nullable=False),
    sa.Column('observation', sa.Text(), nullable=False),
    sa.Column('cue', sa.String(length=200), nullable=False),
    sa.Column('drill', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('shared', sa.Boolean(), nullable=False),
    sa.Column('tone', sa.String(length=6), nullable=False),
    sa.Column('measure_value', sa.Double(), nullable=True),
    sa.Column('measure_unit', sa.String(length=20), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("area IN ('cadence', 'foot_strike', 'posture', 'arm_swing', 'breathing', 'mindset', 'other')", name=op.f('ck_technique_notes_area')),
    sa.CheckConstraint("status IN ('open', 'improving', 'resolved')", name=op.f('ck_technique_notes_status')),
    sa.CheckConstraint("tone IN ('praise', 'push')", name=op.f('ck_technique_notes_tone')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_technique_notes_author_id_users')),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_technique_notes_client_id_clients')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_technique_notes'))
    )
    with op.batch_alter_table('technique_notes', schema=None) as batch_op:
        batch_op.create_index('ix_technique_notes_client_on', ['client_id', 'on'], unique=False)

    op.create_table('goals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=14), nullable=False),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('distance_m', sa.Double(), nullable=True),
    sa.Column('time_s', sa.Integer(), nullable=True),
    sa.Column('weeks', sa.Integer(), nullable=True),
    sa.Column('runs_per_week', sa.Integer(), nullable=True),
    sa.Column('race_id', sa.Integer(), nullable=True),
    sa.Column('reward', sa.Text(), nullable=False),
    sa.Column('consequence', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('proposed_by_id', sa.Integer(), nullable=False),
    sa.Column('proposed_at', sa.DateTime(), nullable=False),
    sa.Column('accepted_at', sa.DateTime(), nullable=True),
    sa.Column('settled_on', sa.Date(), nullable=True),
    sa.Column('settled_by_activity_id', sa.Integer(), nullable=True),
    sa.Column('reward_given_at', sa.DateTime(), nullable=True),
    sa.Column('consequence_done_at', sa.DateTime(), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("kind IN ('distance', 'time', 'weekly_volume', 'consistency', 'race')", name=op.f('ck_goals_kind')),
    sa.CheckConstraint("state IN ('proposed', 'accepted', 'achieved', 'missed', 'excused', 'cancelled')", name=op.f('ck_goals_state')),
    sa.CheckConstraint('due_on >= start_on', name=op.f('ck_goals_dates')),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_goals_client_id_clients')),
    sa.ForeignKeyConstraint(['proposed_by_id'], ['users.id'], name=op.f('fk_goals_proposed_by_id_users')),
    sa.ForeignKeyConstraint(['race_id'], ['races.id'], name=op.f('fk_goals_race_id_races')),
    sa.ForeignKeyConstraint(['settled_by_activity_id'], ['activities.id'], name=op.f('fk_goals_settled_by_activity_id_activities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goals'))
    )
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.create_index('ix_goals_client_state', ['client_id', 'state'], unique=False)

    op.create_table('goal_comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('tone', sa.String(length=6), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("tone IS NULL OR tone IN ('praise', 'push')", name=op.f('ck_goal_comments_tone')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_goal_comments_author_id_users')),
    sa.ForeignKeyConstraint(['goal_id'], ['goals.id'], name=op.f('fk_goal_comments_goal_id_goals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goal_comments'))
    )
    with op.batch_alter_table('goal_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goal_comments_goal_id'), ['goal_id'], unique=False)

    op.create_table('milestones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('distance_m', sa.Double(), nullable=True),
    sa.Column('time_s', sa.Integer(), nullable=True),
    sa.Column('weeks', sa.Integer(), nullable=True),
    sa.Column('runs_per_week', sa.Integer(), nullable=True),
    sa.Column('reward', sa.Text(), nullable=False),
    sa.Column('consequence', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('settled_on', sa.Date(), nullable=True),
    sa.Column('settled_by_activity_id', sa.Integer(), nullable=True),
    sa.Column('reward_given_at', sa.DateTime(), nullable=True),
    sa.Column('consequence_done_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("state IN ('proposed', 'accepted', 'achieved', 'missed', 'excused', 'cancelled')", name=op.f('ck_milestones_state')),
    sa.ForeignKeyConstraint(['goal_id'], ['goals.id'], name=op.f('fk_milestones_goal_id_goals')),
    sa.ForeignKeyConstraint(['settled_by_activity_id'], ['activities.id'], name=op.f('fk_milestones_settled_by_activity_id_activities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestones'))
    )
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestones_goal_id'), ['goal_id'], unique=False)

    op.create_table('excuses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.Column('milestone_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=10), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=False),
    sa.Column('requested_at', sa.DateTime(), nullable=False),
    sa.Column('decision', sa.String(length=8), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("decision IS NULL OR decision IN ('granted', 'refused')", name=op.f('ck_excuses_decision')),
    sa.CheckConstraint("reason IN ('illness', 'injury', 'other')", name=op.f('ck_excuses_reason')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_excuses_decided_by_id_users')),
    sa.ForeignKeyConstraint(['goal_id'], ['goals.id'], name=op.f('fk_excuses_goal_id_goals')),
    sa.ForeignKeyConstraint(['milestone_id'], ['milestones.id'], name=op.f('fk_excuses_milestone_id_milestones')),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_excuses_requested_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_excuses'))
    )
    with op.batch_alter_table('excuses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_excuses_goal_id'), ['goal_id'], unique=False)



def downgrade():
    with op.batch_alter_table('excuses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_excuses_goal_id'))

    op.drop_table('excuses')
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_milestones_goal_id'))

    op.drop_table('milestones')
    with op.batch_alter_table('goal_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goal_comments_goal_id'))

    op.drop_table('goal_comments')
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.drop_index('ix_goals_client_state')

    op.drop_table('goals')
    with op.batch_alter_table('technique_notes', schema=None) as batch_op:
        batch_op.drop_index('ix_technique_notes_client_on')

    op.drop_table('technique_notes')
    with op.batch_alter_table('races', schema=None) as batch_op:
        batch_op.drop_index('ix_races_client_on')

    op.drop_table('races')
    with op.batch_alter_table('motivation_scores', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_motivation_scores_client_id'))

    op.drop_table('motivation_scores')
