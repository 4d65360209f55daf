"""section_versions: each submission of the producer is a version of its section of the case file

Revision ID: 0008_case_file
Revises: 0007_mail_outbox
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa

revision = "0008_case_file"
down_revision = "0007_mail_outbox"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "section_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(length=20), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("form_name", sa.String(length=100), nullable=False),
        sa.Column("human_task_id", sa.Integer(), nullable=True),
        sa.Column("submitted_by_id", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_section_versions_case_id_cases")),
        sa.ForeignKeyConstraint(["human_task_id"], ["human_tasks.id"],
                                name=op.f("fk_section_versions_human_task_id_human_tasks")),
        sa.ForeignKeyConstraint(["submitted_by_id"], ["users.id"],
                                name=op.f("fk_section_versions_submitted_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_section_versions")),
        sa.UniqueConstraint("case_id", "section", "number", name=op.f("uq_section_versions_case_id_section_number")),
    )
    with op.batch_alter_table("section_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_section_versions_case_id"), ["case_id"], unique=False)


def downgrade():
    with op.batch_alter_table("section_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_section_versions_case_id"))
    op.drop_table("section_versions")
