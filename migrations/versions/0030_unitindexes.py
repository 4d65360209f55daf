"""the rows of one unit without reading the country's: a unit's holders of a role, an entity's accounts, a commune's
entities, an entity by its registration number, a commune's survey rows of a year

Revision ID: 0030_unitindexes
Revises: 0029_surveylist
Create Date: 2026-12-01
"""
from alembic import op

revision = "0030_unitindexes"
down_revision = "0029_surveylist"
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_role_assignments_unit_role", "role_assignments", ["unit_id", "role_code"]),
    ("ix_users_entity_id", "users", ["entity_id"]),
    ("ix_producing_entities_commune_id", "producing_entities", ["commune_id"]),
    ("ix_producing_entities_business_registration_no", "producing_entities", ["business_registration_no"]),
    ("ix_survey_items_commune_year", "survey_items", ["commune_id", "year"]),
]


def upgrade():
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade():
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
