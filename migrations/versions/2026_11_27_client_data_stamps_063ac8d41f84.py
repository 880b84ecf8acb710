"""A data stamp on each client (coachsite.stamps): it changes with anything of the client's, and
memoized figures are keyed by it. Existing rows start at 0, which no memo holds yet after the
upgrade restarts the site. The index lets the roster sum its clients' stamps without reading
the table (reviewed by hand).

Revision ID: 063ac8d41f84
Revises: 7d698f2f2e24
Create Date: 2026-11-27 22:58:36.239010

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '063ac8d41f84'
down_revision = '7d698f2f2e24'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.add_column(sa.Column('data_stamp', sa.Integer(), server_default='0', nullable=False))
        batch_op.create_index('ix_clients_trainer_archived_stamp', ['trainer_id', 'archived_at', 'data_stamp'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.drop_index('ix_clients_trainer_archived_stamp')
        batch_op.drop_column('data_stamp')
