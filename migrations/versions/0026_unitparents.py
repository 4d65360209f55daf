"""a country's directory read by index: a unit's children (a province's districts, a district's communes) and the
provinces (the units without a parent), instead of reading some ten thousand communes

Revision ID: 0026_unitparents
Revises: 0025_entityproducts
Create Date: 2026-12-01
"""
from alembic import op

revision = "0026_unitparents"
down_revision = "0025_entityproducts"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_administrative_units_parent_id", "administrative_units", ["parent_id"])


def downgrade():
    op.drop_index("ix_administrative_units_parent_id", table_name="administrative_units")
