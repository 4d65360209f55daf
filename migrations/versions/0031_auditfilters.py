"""the audit log's filters read by index: an action's entries and a user's, newest first, instead of walking the
whole log (the largest table) by date until a page of them is found

Revision ID: 0031_auditfilters
Revises: 0030_unitindexes
Create Date: 2026-12-01
"""
from alembic import op

revision = "0031_auditfilters"
down_revision = "0030_unitindexes"
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_audit_log_action_created", "audit_log", ["action", "created_at", "id"]),
    ("ix_audit_log_user_created", "audit_log", ["user_id", "created_at", "id"]),
]


def upgrade():
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade():
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
