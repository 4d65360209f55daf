"""plan_targets and leading_products: the yearly plan's targets per unit, and the leading products
(sản phẩm chủ lực) a district or the province selects for a plan year

The targets themselves are reference data, loaded with the rest of it (service/demo/seed.py).

Revision ID: 0014_plan_counts
Revises: 0013_council_rules
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa

revision = "0014_plan_counts"
down_revision = "0013_council_rules"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "plan_targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=30), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(["unit_id"], ["administrative_units.id"],
                                name=op.f("fk_plan_targets_unit_id_administrative_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_targets")),
        sa.UniqueConstraint("year", "unit_id", "measure", name=op.f("uq_plan_targets_year_unit_id_measure")),
    )
    with op.batch_alter_table("plan_targets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_targets_year"), ["year"], unique=False)
    op.create_table(
        "leading_products",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("selected_by_id", sa.Integer(), nullable=False),
        sa.Column("selected_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], name=op.f("fk_leading_products_product_id_products")),
        sa.ForeignKeyConstraint(["unit_id"], ["administrative_units.id"],
                                name=op.f("fk_leading_products_unit_id_administrative_units")),
        sa.ForeignKeyConstraint(["selected_by_id"], ["users.id"], name=op.f("fk_leading_products_selected_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leading_products")),
        sa.UniqueConstraint("product_id", "year", "level", name=op.f("uq_leading_products_product_id_year_level")),
    )
    with op.batch_alter_table("leading_products", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_leading_products_product_id"), ["product_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_leading_products_year"), ["year"], unique=False)


def downgrade():
    with op.batch_alter_table("leading_products", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_leading_products_year"))
        batch_op.drop_index(batch_op.f("ix_leading_products_product_id"))
    op.drop_table("leading_products")
    with op.batch_alter_table("plan_targets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_targets_year"))
    op.drop_table("plan_targets")
