"""criteria sheets: versions of the score sheet per rule set and product group, their criteria and options;
the sheet a case is scored on; each council sheet's criteria sheet and "không đạt" (not achieved)

Revision ID: 0012_criteria_sheets
Revises: 0010_certificates
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa

revision = "0012_criteria_sheets"
down_revision = "0010_certificates"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "criteria_sheets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule_set", sa.String(length=10), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("group_codes", sa.JSON(), nullable=False),
        sa.Column("parts", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=op.f("fk_criteria_sheets_created_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_criteria_sheets")),
        sa.UniqueConstraint("rule_set", "code", "version", name=op.f("uq_criteria_sheets_rule_set_code_version")),
    )
    op.create_index(op.f("ix_criteria_sheets_rule_set"), "criteria_sheets", ["rule_set"])
    op.create_table(
        "criteria",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sheet_id", sa.Integer(), nullable=False),
        sa.Column("part", sa.String(length=10), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("text_vi", sa.Text(), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=True),
        sa.Column("mandatory", sa.Boolean(), nullable=False),
        sa.Column("bonus", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["sheet_id"], ["criteria_sheets.id"], name=op.f("fk_criteria_sheet_id_criteria_sheets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_criteria")),
        sa.UniqueConstraint("sheet_id", "code", name=op.f("uq_criteria_sheet_id_code")),
    )
    op.create_index(op.f("ix_criteria_sheet_id"), "criteria", ["sheet_id"])
    op.create_table(
        "criterion_options",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text_vi", sa.Text(), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=True),
        sa.Column("points", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["criterion_id"], ["criteria.id"],
                                name=op.f("fk_criterion_options_criterion_id_criteria")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_criterion_options")),
    )
    op.create_index(op.f("ix_criterion_options_criterion_id"), "criterion_options", ["criterion_id"])
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("criteria_sheet_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_cases_criteria_sheet_id_criteria_sheets"), "criteria_sheets",
                                 ["criteria_sheet_id"], ["id"])
    with op.batch_alter_table("council_scores") as batch:
        batch.add_column(sa.Column("sheet_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("not_achieved", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.create_foreign_key(op.f("fk_council_scores_sheet_id_criteria_sheets"), "criteria_sheets",
                                 ["sheet_id"], ["id"])


def downgrade():
    with op.batch_alter_table("council_scores") as batch:
        batch.drop_constraint(op.f("fk_council_scores_sheet_id_criteria_sheets"), type_="foreignkey")
        batch.drop_column("not_achieved")
        batch.drop_column("sheet_id")
    with op.batch_alter_table("cases") as batch:
        batch.drop_constraint(op.f("fk_cases_criteria_sheet_id_criteria_sheets"), type_="foreignkey")
        batch.drop_column("criteria_sheet_id")
    op.drop_index(op.f("ix_criterion_options_criterion_id"), table_name="criterion_options")
    op.drop_table("criterion_options")
    op.drop_index(op.f("ix_criteria_sheet_id"), table_name="criteria")
    op.drop_table("criteria")
    op.drop_index(op.f("ix_criteria_sheets_rule_set"), table_name="criteria_sheets")
    op.drop_table("criteria_sheets")
