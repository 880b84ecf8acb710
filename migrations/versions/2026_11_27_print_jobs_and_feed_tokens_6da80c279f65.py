"""Print jobs (batch PDFs made in the background) and calendar feed tokens (reviewed by hand).

A print job is found again by (trainer, request key), so the same batch asked twice is one row;
its state, progress and heartbeat live here so any worker process can answer a reload. A feed
token keeps only the SHA-256 of the secret in the subscription URL; revoking sets revoked_at.

Revision ID: 6da80c279f65
Revises: 890a7bc0f4e0
Create Date: 2026-11-27 20:44:47.359175

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6da80c279f65'
down_revision = '890a7bc0f4e0'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('print_jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trainer_id', sa.Integer(), nullable=False),
    sa.Column('request_key', sa.String(length=64), nullable=False),
    sa.Column('client_ids', sa.JSON(), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('months', sa.Integer(), nullable=False),
    sa.Column('paper', sa.String(length=10), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('pages_done', sa.Integer(), nullable=False),
    sa.Column('pages_total', sa.Integer(), nullable=False),
    sa.Column('content_key', sa.String(length=64), nullable=True),
    sa.Column('error', sa.String(length=300), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('heartbeat_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("paper IN ('a4', 'letter')", name=op.f('ck_print_jobs_paper')),
    sa.CheckConstraint("state IN ('queued', 'running', 'done', 'failed')", name=op.f('ck_print_jobs_state')),
    sa.CheckConstraint('months BETWEEN 1 AND 12', name=op.f('ck_print_jobs_months')),
    sa.ForeignKeyConstraint(['trainer_id'], ['users.id'], name=op.f('fk_print_jobs_trainer_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_print_jobs')),
    sa.UniqueConstraint('trainer_id', 'request_key', name=op.f('uq_print_jobs_trainer_id'))
    )
    op.create_table('feed_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('secret_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_feed_tokens_client_id_clients')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_feed_tokens_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feed_tokens')),
    sa.UniqueConstraint('secret_hash', name=op.f('uq_feed_tokens_secret_hash'))
    )
    with op.batch_alter_table('feed_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feed_tokens_client_id'), ['client_id'], unique=False)
        batch_op.create_index('ix_feed_tokens_user_client', ['user_id', 'client_id'], unique=False)


def downgrade():
    with op.batch_alter_table('feed_tokens', schema=None) as batch_op:
        batch_op.drop_index('ix_feed_tokens_user_client')
        batch_op.drop_index(batch_op.f('ix_feed_tokens_client_id'))

    op.drop_table('feed_tokens')
    op.drop_table('print_jobs')
