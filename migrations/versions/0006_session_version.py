"""users.session_version: signing out or changing the password ends every copy of the session

Revision ID: 0006_session_version
Revises: 0005_case_safety
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_session_version"
down_revision = "0005_case_safety"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("session_version", sa.Integer(), nullable=False, server_default="0"))


def downgrade():
    with op.batch_alter_table("users") as batch:
        batch.drop_column("session_version")
