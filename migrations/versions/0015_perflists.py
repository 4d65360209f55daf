"""indexes for the inbox and the case list at 100,000 cases: the escalated branch of the claimable tab, the
inbox's order (overdue first, then by due date), the case list's default order (newest first)

Revision ID: 0015_perflists
Revises: 0014_plan_counts
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa

revision = "0015_perflists"
down_revision = "0014_plan_counts"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_human_tasks_inbox_escalated", "human_tasks", ["status", "escalated_to"])
    op.create_index("ix_human_tasks_inbox_order", "human_tasks",
                    ["status", sa.text("(due_at IS NULL)"), "due_at", "id"])
    op.create_index("ix_cases_created_at", "cases", ["created_at", "id"])


def downgrade():
    op.drop_index("ix_cases_created_at", table_name="cases")
    op.drop_index("ix_human_tasks_inbox_order", table_name="human_tasks")
    op.drop_index("ix_human_tasks_inbox_escalated", table_name="human_tasks")
