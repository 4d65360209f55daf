"""index human tasks by assignee: which cases a council member was given, without a scan

Revision ID: 0004_task_assignee_index
Revises: 0003_notifications
Create Date: 2026-11-29
"""
from alembic import op

revision = "0004_task_assignee_index"
down_revision = "0003_notifications"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_human_tasks_assignee_id", "human_tasks", ["assignee_id"])


def downgrade():
    op.drop_index("ix_human_tasks_assignee_id", table_name="human_tasks")
