"""a search of the case list (`q`) looks its matches up instead of reading every case: cases read by their
product (an index of cases.product_id) and, on PostgreSQL, the reference, product and producer names read through
trigram indexes (pg_trgm, which serves ILIKE '%text%')

Revision ID: 0028_casesearch
Revises: 0027_lanecases
Create Date: 2026-12-01
"""
from alembic import op

revision = "0028_casesearch"
down_revision = "0027_lanecases"
branch_labels = None
depends_on = None

# (index, table, column) searched by a substring
TRIGRAMS = [("ix_cases_reference_trigrams", "cases", "reference"),
            ("ix_products_name_trigrams", "products", "name"),
            ("ix_producing_entities_name_trigrams", "producing_entities", "name")]


def upgrade():
    op.create_index("ix_cases_product_id", "cases", ["product_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, table, column in TRIGRAMS:
            op.create_index(name, table, [column], postgresql_using="gin", postgresql_ops={column: "gin_trgm_ops"})


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for name, table, _column in TRIGRAMS:
            op.drop_index(name, table_name=table)
    op.drop_index("ix_cases_product_id", table_name="cases")
