"""A roster stamp on each user (coachsite.stamps): a trainer's changes with anything of any client
on their roster, and the roster's kept page and goals panel are keyed by it, read with the
trainer's own row instead of summing every client's stamp on each view. Existing rows start at 0,
which no memo holds yet after the upgrade restarts the site (reviewed by hand).

Revision ID: c92acfc43612
Revises: eef8e3eac0ad
Create Date: 2026-11-28 02:02:27.509741

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c92acfc43612'
down_revision = 'eef8e3eac0ad'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('roster_stamp', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('roster_stamp')
