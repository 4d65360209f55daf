"""notifications.mailed_at: each notification is e-mailed once, by one background job

Revision ID: 0007_mail_outbox
Revises: 0006_session_version
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa

revision = "0007_mail_outbox"
down_revision = "0006_session_version"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mailed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_column("mailed_at")
