"""A data stamp on each client (coachsite.stamps): it changes with anything of the client's, and
memoized figures are keyed by it. Existing rows start at 0, which no memo holds yet after the
upgrade restarts the site.

The roster index grows to hold every column a roster page sorts, counts or sums by (name, last
run, data stamp), so that a 10,000-client roster is sorted and stamped from the index alone
(reviewed by hand).

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
        batch_op.drop_index('ix_clients_trainer_archived_name')
        batch_op.create_index('ix_clients_roster', ['trainer_id', 'archived_at', 'name', 'last_activity_on',
                                                    'data_stamp'], unique=False)


def downgrade():
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.drop_index('ix_clients_roster')
        batch_op.create_index('ix_clients_trainer_archived_name', ['trainer_id', 'archived_at', 'name'], unique=False)
        batch_op.drop_column('data_stamp')
