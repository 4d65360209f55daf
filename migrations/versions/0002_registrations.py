"""registrations: users.registration_status

Revision ID: 0002_registrations
Revises: eacd25d6df42
"""
from alembic import op
import sqlalchemy as sa


revision = '0002_registrations'
down_revision = 'eacd25d6df42'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('registration_status', sa.String(length=20),
                                      nullable=False, server_default='none'))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('registration_status')
