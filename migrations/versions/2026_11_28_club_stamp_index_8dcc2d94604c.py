"""A club's clients with their data stamps in one index, replacing the index on club_id alone: the
runner's club panel is kept by the club's stamp (count and sum of its clients' stamps), summed from
this index without reading the table. The new index is made before the old one goes, so club
queries always have one (reviewed by hand).

Revision ID: 8dcc2d94604c
Revises: eef8e3eac0ad
Create Date: 2026-11-28 01:11:48.378930

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '8dcc2d94604c'
down_revision = 'eef8e3eac0ad'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.create_index('ix_clients_club', ['club_id', 'data_stamp'], unique=False)
        batch_op.drop_index('ix_clients_club_id')


def downgrade():
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.create_index('ix_clients_club_id', ['club_id'], unique=False)
        batch_op.drop_index('ix_clients_club')
