"""Rule sets side by side: the day a process version takes effect, versions numbered per key and rule
set, the rule set each province applies from a given day (rule_set_adoptions), and the ministry
responsible for a product set (product_groups.ministry)

Revision ID: 0021_rulesets
Revises: 0020_imports
Create Date: 2026-12-02
"""
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0021_rulesets"
down_revision = "0020_imports"
branch_labels = None
depends_on = None

EFFECTIVE = {"2019": date(2019, 8, 21), "2023": date(2023, 2, 24), "2025": date(2025, 7, 6)}


def upgrade():
    with op.batch_alter_table("process_models", schema=None) as batch_op:
        batch_op.add_column(sa.Column("effective_from", sa.Date(), nullable=True))
        batch_op.drop_constraint("uq_process_models_key_version", type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_process_models_key_rule_set_version"),
                                          ["key", "rule_set", "version"])
    for rule_set, day in EFFECTIVE.items():
        op.execute(sa.text("UPDATE process_models SET effective_from = :day WHERE rule_set = :rule_set")
                   .bindparams(sa.bindparam("day", day, type_=sa.Date()), rule_set=rule_set))
    with op.batch_alter_table("product_groups", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ministry", sa.String(length=300), nullable=True))
    op.create_table(
        "rule_set_adoptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("province_id", sa.Integer(), nullable=False),
        sa.Column("rule_set", sa.String(length=10), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("decision", sa.String(length=300), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["province_id"], ["administrative_units.id"],
                                name=op.f("fk_rule_set_adoptions_province_id_administrative_units")),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=op.f("fk_rule_set_adoptions_created_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule_set_adoptions")),
        sa.UniqueConstraint("province_id", "effective_from", name=op.f("uq_rule_set_adoptions_province_id_effective_from")),
    )
    with op.batch_alter_table("rule_set_adoptions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rule_set_adoptions_province_id"), ["province_id"], unique=False)


def downgrade():
    with op.batch_alter_table("rule_set_adoptions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rule_set_adoptions_province_id"))
    op.drop_table("rule_set_adoptions")
    with op.batch_alter_table("process_models", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_process_models_key_rule_set_version"), type_="unique")
        batch_op.create_unique_constraint("uq_process_models_key_version", ["key", "version"])
        batch_op.drop_column("effective_from")
    with op.batch_alter_table("product_groups", schema=None) as batch_op:
        batch_op.drop_column("ministry")
