"""the inbox's lane branch (a role's tasks in a unit, given to nobody in particular) reads an index of those tasks
alone: a partial index WHERE assignee_id IS NULL, so that a council member's lane, whose tasks are each given to a
member, costs nothing to count instead of reading every sheet of the unit

Revision ID: 0024_inboxlane
Revises: 0023_inboxcounts
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = "0024_inboxlane"
down_revision = "0023_inboxcounts"
branch_labels = None
depends_on = None

NAME = "ix_human_tasks_inbox_lane"
ORDER = [sa.text("(due_at IS NULL)"), "due_at", "id"]
UNASSIGNED = sa.text("assignee_id IS NULL")


def upgrade():
    op.drop_index(NAME, table_name="human_tasks")
    op.create_index(NAME, "human_tasks", ["status", "lane", "unit_id"] + ORDER + ["claimed_by_id"],
                    sqlite_where=UNASSIGNED, postgresql_where=UNASSIGNED)


def downgrade():
    op.drop_index(NAME, table_name="human_tasks")
    op.create_index(NAME, "human_tasks", ["status", "lane", "unit_id"] + ORDER + ["assignee_id", "claimed_by_id"])
