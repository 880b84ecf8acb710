"""Club invites, challenges, running partnerships and cheers (reviewed by hand).

A club invite waits on an existing trainer's clubs page (no secret) or travels as a link (only
the SHA-256 of its secret is kept); the membership row exists only once it is accepted, so no
query on memberships ever sees a pending club. A challenge's end is never before its start. A
partnership stores its pair lower client id first and is unique while it lasts (a partial index
WHERE ended_at IS NULL, on SQLite and PostgreSQL alike); a mentor, when there is one, is one of
the pair. A cheer hangs off the partnership it was left through, on a goal or one of its
milestones.

Revision ID: 0ff384d7e7f3
Revises: e56e97741c97
Create Date: 2026-11-27 20:50:05.714867

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0ff384d7e7f3'
down_revision = 'e56e97741c97'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('challenges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('club_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('metric', sa.String(length=8), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("metric IN ('distance', 'runs')", name=op.f('ck_challenges_metric')),
    sa.CheckConstraint('ends_on >= starts_on', name=op.f('ck_challenges_dates')),
    sa.ForeignKeyConstraint(['club_id'], ['clubs.id'], name=op.f('fk_challenges_club_id_clubs')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_challenges_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_challenges'))
    )
    with op.batch_alter_table('challenges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_challenges_club_id'), ['club_id'], unique=False)

    op.create_table('club_invites',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('club_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=False),
    sa.Column('secret_hash', sa.String(length=64), nullable=True),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('accepted_at', sa.DateTime(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("role IN ('owner', 'trainer')", name=op.f('ck_club_invites_role')),
    sa.ForeignKeyConstraint(['club_id'], ['clubs.id'], name=op.f('fk_club_invites_club_id_clubs')),
    sa.ForeignKeyConstraint(['invited_by_id'], ['users.id'], name=op.f('fk_club_invites_invited_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_club_invites')),
    sa.UniqueConstraint('secret_hash', name=op.f('uq_club_invites_secret_hash'))
    )
    with op.batch_alter_table('club_invites', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_club_invites_club_id'), ['club_id'], unique=False)
        batch_op.create_index('ix_club_invites_email', ['email'], unique=False)

    op.create_table('partnerships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('club_id', sa.Integer(), nullable=False),
    sa.Column('client_a_id', sa.Integer(), nullable=False),
    sa.Column('client_b_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('mentor_client_id', sa.Integer(), nullable=True),
    sa.Column('confirmed_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("(kind = 'partners' AND mentor_client_id IS NULL) OR "
                       "(kind = 'mentor' AND mentor_client_id IN (client_a_id, client_b_id))",
                       name=op.f('ck_partnerships_mentor')),
    sa.CheckConstraint("kind IN ('partners', 'mentor')", name=op.f('ck_partnerships_kind')),
    sa.CheckConstraint('client_a_id < client_b_id', name=op.f('ck_partnerships_pair_order')),
    sa.ForeignKeyConstraint(['client_a_id'], ['clients.id'], name=op.f('fk_partnerships_client_a_id_clients')),
    sa.ForeignKeyConstraint(['client_b_id'], ['clients.id'], name=op.f('fk_partnerships_client_b_id_clients')),
    sa.ForeignKeyConstraint(['club_id'], ['clubs.id'], name=op.f('fk_partnerships_club_id_clubs')),
    sa.ForeignKeyConstraint(['confirmed_by_id'], ['users.id'], name=op.f('fk_partnerships_confirmed_by_id_users')),
    sa.ForeignKeyConstraint(['mentor_client_id'], ['clients.id'], name=op.f('fk_partnerships_mentor_client_id_clients')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partnerships'))
    )
    with op.batch_alter_table('partnerships', schema=None) as batch_op:
        batch_op.create_index('ix_partnerships_client_b_id', ['client_b_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partnerships_club_id'), ['club_id'], unique=False)
        batch_op.create_index('uq_partnerships_open_pair', ['client_a_id', 'client_b_id'], unique=True,
                              sqlite_where=sa.text('ended_at IS NULL'), postgresql_where=sa.text('ended_at IS NULL'))

    op.create_table('cheers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partnership_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.Column('milestone_id', sa.Integer(), nullable=True),
    sa.Column('message', sa.String(length=280), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_cheers_author_id_users')),
    sa.ForeignKeyConstraint(['goal_id'], ['goals.id'], name=op.f('fk_cheers_goal_id_goals')),
    sa.ForeignKeyConstraint(['milestone_id'], ['milestones.id'], name=op.f('fk_cheers_milestone_id_milestones')),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'], name=op.f('fk_cheers_partnership_id_partnerships')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cheers'))
    )
    with op.batch_alter_table('cheers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cheers_goal_id'), ['goal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cheers_partnership_id'), ['partnership_id'], unique=False)


def downgrade():
    with op.batch_alter_table('cheers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cheers_partnership_id'))
        batch_op.drop_index(batch_op.f('ix_cheers_goal_id'))

    op.drop_table('cheers')
    with op.batch_alter_table('partnerships', schema=None) as batch_op:
        batch_op.drop_index('uq_partnerships_open_pair')
        batch_op.drop_index(batch_op.f('ix_partnerships_club_id'))
        batch_op.drop_index('ix_partnerships_client_b_id')

    op.drop_table('partnerships')
    with op.batch_alter_table('club_invites', schema=None) as batch_op:
        batch_op.drop_index('ix_club_invites_email')
        batch_op.drop_index(batch_op.f('ix_club_invites_club_id'))

    op.drop_table('club_invites')
    with op.batch_alter_table('challenges', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_challenges_club_id'))

    op.drop_table('challenges')
