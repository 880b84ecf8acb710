"""Planned sessions remember their distance before a race taper scaled it (reviewed by hand).

Nullable: None means no taper is applied to the session. Undoing a taper copies the value back
and clears it.

Revision ID: 890a7bc0f4e0
Revises: 964e46243ed3
Create Date: 2026-11-27 20:33:45.515300

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '890a7bc0f4e0'
down_revision = '964e46243ed3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('planned_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('distance_before_taper_m', sa.Double(), nullable=True))


def downgrade():
    with op.batch_alter_table('planned_sessions', schema=None) as batch_op:
        batch_op.drop_column('distance_before_taper_m')
