"""Training calendar and run log (reviewed by hand).

Planned sessions and activities are looked up by (client, date), hence the composite indexes;
activities carry an import fingerprint, unique per client.

Revision ID: 69d4da7566e9
Revises: 1649dd23af5f
Create Date: 2026-11-27 20:27:27.874133

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '69d4da7566e9'
down_revision = '1649dd23af5f'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('plan_templates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trainer_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('weeks', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['trainer_id'], ['users.id'], name=op.f('fk_plan_templates_trainer_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_templates'))
    )
    with op.batch_alter_table('plan_templates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_templates_trainer_id'), ['trainer_id'], unique=False)

    op.create_table('activities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('sport', sa.String(length=5), nullable=False),
    sa.Column('distance_m', sa.Double(), nullable=True),
    sa.Column('duration_s', sa.Integer(), nullable=True),
    sa.Column('effort', sa.Integer(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=6), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=True),
    sa.Column('logged_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("source IN ('manual', 'gpx', 'fit', 'csv')", name=op.f('ck_activities_source')),
    sa.CheckConstraint("sport IN ('run', 'cross')", name=op.f('ck_activities_sport')),
    sa.CheckConstraint('distance_m IS NULL OR distance_m >= 0', name=op.f('ck_activities_distance')),
    sa.CheckConstraint('duration_s IS NULL OR duration_s >= 0', name=op.f('ck_activities_duration')),
    sa.CheckConstraint('effort IS NULL OR effort BETWEEN 1 AND 10', name=op.f('ck_activities_effort')),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_activities_client_id_clients')),
    sa.ForeignKeyConstraint(['logged_by_id'], ['users.id'], name=op.f('fk_activities_logged_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activities')),
    sa.UniqueConstraint('client_id', 'fingerprint', name='client_fingerprint')
    )
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.create_index('ix_activities_client_on', ['client_id', 'on'], unique=False)

    op.create_table('planned_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('distance_m', sa.Double(), nullable=True),
    sa.Column('duration_s', sa.Integer(), nullable=True),
    sa.Column('pace_s_per_km', sa.Integer(), nullable=True),
    sa.Column('pace_zone', sa.String(length=12), nullable=True),
    sa.Column('effort', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('skipped_reason', sa.String(length=300), nullable=True),
    sa.Column('skipped_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('easy', 'long', 'tempo', 'intervals', 'hills', 'race', 'rest', 'cross')", name=op.f('ck_planned_sessions_kind')),
    sa.CheckConstraint('distance_m IS NULL OR distance_m > 0', name=op.f('ck_planned_sessions_distance')),
    sa.CheckConstraint('duration_s IS NULL OR duration_s > 0', name=op.f('ck_planned_sessions_duration')),
    sa.CheckConstraint('effort IS NULL OR effort BETWEEN 1 AND 10', name=op.f('ck_planned_sessions_effort')),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_planned_sessions_client_id_clients')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_planned_sessions'))
    )
    with op.batch_alter_table('planned_sessions', schema=None) as batch_op:
        batch_op.create_index('ix_planned_sessions_client_on', ['client_id', 'on'], unique=False)

    op.create_table('template_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('template_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('distance_m', sa.Double(), nullable=True),
    sa.Column('duration_s', sa.Integer(), nullable=True),
    sa.Column('pace_s_per_km', sa.Integer(), nullable=True),
    sa.Column('pace_zone', sa.String(length=12), nullable=True),
    sa.Column('effort', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.CheckConstraint("kind IN ('easy', 'long', 'tempo', 'intervals', 'hills', 'race', 'rest', 'cross')", name=op.f('ck_template_sessions_kind')),
    sa.ForeignKeyConstraint(['template_id'], ['plan_templates.id'], name=op.f('fk_template_sessions_template_id_plan_templates')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_template_sessions'))
    )
    with op.batch_alter_table('template_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_template_sessions_template_id'), ['template_id'], unique=False)



def downgrade():
    with op.batch_alter_table('template_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_template_sessions_template_id'))

    op.drop_table('template_sessions')
    with op.batch_alter_table('planned_sessions', schema=None) as batch_op:
        batch_op.drop_index('ix_planned_sessions_client_on')

    op.drop_table('planned_sessions')
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.drop_index('ix_activities_client_on')

    op.drop_table('activities')
    with op.batch_alter_table('plan_templates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_templates_trainer_id'))

    op.drop_table('plan_templates')
