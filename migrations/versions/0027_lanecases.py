"""the cases of a national lane read by an index of human_tasks (lane, case_id): the Ministry's office and council
see the cases that reached them, which their case list, inbox and years read from their lanes' tasks instead of
testing every case

Revision ID: 0027_lanecases
Revises: 0026_unitparents
Create Date: 2026-12-01
"""
from alembic import op

revision = "0027_lanecases"
down_revision = "0026_unitparents"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_human_tasks_lane_case", "human_tasks", ["lane", "case_id"])


def downgrade():
    op.drop_index("ix_human_tasks_lane_case", table_name="human_tasks")
