"""document_requirements: the dossier's checklist per rule set; attachments.requirement_code files an upload under an item

Revision ID: 0009_dossier_checklist
Revises: 0008_case_file
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa

revision = "0009_dossier_checklist"
down_revision = "0008_case_file"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "document_requirements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule_set", sa.String(length=10), nullable=False),
        sa.Column("code", sa.String(length=50), nullable=False),
        sa.Column("name_vi", sa.String(length=300), nullable=False),
        sa.Column("name_en", sa.String(length=300), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("condition", sa.String(length=30), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_requirements")),
        sa.UniqueConstraint("rule_set", "code", name=op.f("uq_document_requirements_rule_set_code")),
    )
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("requirement_code", sa.String(length=50), nullable=True))


def downgrade():
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.drop_column("requirement_code")
    op.drop_table("document_requirements")
