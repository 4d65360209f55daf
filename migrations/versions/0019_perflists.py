"""the inbox's indexes at 100,000 cases: one per branch of its tabs (lane and unit, assignee, holder, and the
escalated branch, which had none), each ending with the inbox's order (overdue first, then by due date, undated
last) so that a page is read from the index without sorting every match; the case list's default order

Revision ID: 0019_perflists
Revises: 0018_programme
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa

revision = "0019_perflists"
down_revision = "0018_programme"
branch_labels = None
depends_on = None

ORDER = [sa.text("(due_at IS NULL)"), "due_at", "id"]
BRANCHES = {
    "ix_human_tasks_inbox_lane": ["status", "lane", "unit_id"],
    "ix_human_tasks_inbox_assignee": ["status", "assignee_id"],
    "ix_human_tasks_inbox_claimed": ["status", "claimed_by_id"],
}
BEFORE = {
    "ix_human_tasks_inbox_lane": ["status", "lane", "unit_id", "due_at"],
    "ix_human_tasks_inbox_assignee": ["status", "assignee_id"],
    "ix_human_tasks_inbox_claimed": ["status", "claimed_by_id"],
}


def upgrade():
    for name, columns in BRANCHES.items():
        op.drop_index(name, table_name="human_tasks")
        op.create_index(name, "human_tasks", columns + ORDER)
    op.create_index("ix_human_tasks_inbox_escalated", "human_tasks", ["status", "escalated_to"] + ORDER)
    op.create_index("ix_human_tasks_inbox_order", "human_tasks", ["status"] + ORDER)
    op.create_index("ix_cases_created_at", "cases", ["created_at", "id"])


def downgrade():
    op.drop_index("ix_cases_created_at", table_name="cases")
    op.drop_index("ix_human_tasks_inbox_order", table_name="human_tasks")
    op.drop_index("ix_human_tasks_inbox_escalated", table_name="human_tasks")
    for name, columns in BEFORE.items():
        op.drop_index(name, table_name="human_tasks")
        op.create_index(name, "human_tasks", columns)
