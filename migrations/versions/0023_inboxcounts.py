"""the inbox at 100,000 cases: human_tasks.escalated_unit_id, the unit an overdue task was escalated to (the case's
commune, district or province for the supervisor's role), so that the escalated branch has an index of its own
instead of reading every case of the unit; each branch's index holds every column the branch tests, those tested
for NULL after the inbox's order (counts read the index alone, pages in order); the cases someone sees through their tasks read from (assignee_id, case_id) and those cases'
tasks from (case_id, status, assignee_id, due_at), which replace the one-column indexes

Revision ID: 0023_inboxcounts
Revises: 0022_minutes_job
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = "0023_inboxcounts"
down_revision = "0022_minutes_job"
branch_labels = None
depends_on = None

ORDER = [sa.text("(due_at IS NULL)"), "due_at", "id"]
BEFORE = {
    "ix_human_tasks_inbox_lane": ["status", "lane", "unit_id"] + ORDER,
    "ix_human_tasks_inbox_assignee": ["status", "assignee_id"] + ORDER,
    "ix_human_tasks_inbox_claimed": ["status", "claimed_by_id"] + ORDER,
    "ix_human_tasks_inbox_escalated": ["status", "escalated_to"] + ORDER,
    "ix_human_tasks_inbox_order": ["status"] + ORDER,
    "ix_human_tasks_case_id": ["case_id"],
    "ix_human_tasks_assignee_id": ["assignee_id"],
}
AFTER = {
    "ix_human_tasks_inbox_lane": ["status", "lane", "unit_id"] + ORDER + ["assignee_id", "claimed_by_id"],
    "ix_human_tasks_inbox_assignee": ["status", "assignee_id"] + ORDER + ["claimed_by_id"],
    "ix_human_tasks_inbox_claimed": ["status", "claimed_by_id"] + ORDER,
    "ix_human_tasks_inbox_escalated": ["status", "escalated_to", "escalated_unit_id"] + ORDER + ["claimed_by_id"],
    "ix_human_tasks_inbox_order": ["status"] + ORDER,
    "ix_human_tasks_assignee_case": ["assignee_id", "case_id"],
    "ix_human_tasks_case_status": ["case_id", "status", "assignee_id", "due_at"],
}
FOREIGN_KEY = "fk_human_tasks_escalated_unit_id_administrative_units"


# SQLite copies the table to add a foreign key, and the copy would lose the expression indexes: every index of the
# table but its unique constraint is dropped before and created after
def _replace_indexes(old, new, change):
    for name in old:
        op.drop_index(name, table_name="human_tasks")
    change()
    for name, columns in new.items():
        op.create_index(name, "human_tasks", columns)


def _add_column():
    with op.batch_alter_table("human_tasks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("escalated_unit_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f(FOREIGN_KEY), "administrative_units", ["escalated_unit_id"], ["id"])
    op.execute(sa.text(
        "UPDATE human_tasks SET escalated_unit_id = (SELECT CASE roles.level WHEN 'commune' THEN cases.commune_id "
        "WHEN 'district' THEN cases.district_id WHEN 'province' THEN cases.province_id END FROM cases, roles "
        "WHERE cases.id = human_tasks.case_id AND roles.code = human_tasks.escalated_to) "
        "WHERE escalated_to IS NOT NULL"))


def _drop_column():
    with op.batch_alter_table("human_tasks", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f(FOREIGN_KEY), type_="foreignkey")
        batch_op.drop_column("escalated_unit_id")


def upgrade():
    _replace_indexes(BEFORE, AFTER, _add_column)


def downgrade():
    _replace_indexes(AFTER, BEFORE, _drop_column)
