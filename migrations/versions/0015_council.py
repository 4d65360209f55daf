"""council_minutes, and councils.kind: the minutes a council chair's approval leaves in the case
file, and the bodies of a unit's steering structure (steering committee, evaluation council, help
team) in the one table of councils

Councils recorded before are evaluation councils (`kind` "council").

Revision ID: 0015_council
Revises: 0014_plan_counts
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa

revision = "0015_council"
down_revision = "0014_plan_counts"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("councils") as batch:
        batch.add_column(sa.Column("kind", sa.String(length=30), nullable=False, server_default="council"))
    op.create_table(
        "council_minutes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=True),
        sa.Column("human_task_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_council_minutes_case_id_cases")),
        sa.ForeignKeyConstraint(["council_id"], ["councils.id"], name=op.f("fk_council_minutes_council_id_councils")),
        sa.ForeignKeyConstraint(["human_task_id"], ["human_tasks.id"],
                                name=op.f("fk_council_minutes_human_task_id_human_tasks")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_minutes")),
        sa.UniqueConstraint("human_task_id", name=op.f("uq_council_minutes_human_task_id")),
    )
    with op.batch_alter_table("council_minutes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_council_minutes_case_id"), ["case_id"], unique=False)


def downgrade():
    with op.batch_alter_table("council_minutes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_council_minutes_case_id"))
    op.drop_table("council_minutes")
    with op.batch_alter_table("councils") as batch:
        batch.drop_column("kind")
