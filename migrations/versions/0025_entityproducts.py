"""an entity's products read by an index of products.entity_id (the start form lists them; the existing product
a submission registers is looked up among them), instead of reading every product

Revision ID: 0025_entityproducts
Revises: 0024_inboxlane
Create Date: 2026-12-01
"""
from alembic import op

revision = "0025_entityproducts"
down_revision = "0024_inboxlane"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_products_entity_id", "products", ["entity_id"])


def downgrade():
    op.drop_index("ix_products_entity_id", table_name="products")
