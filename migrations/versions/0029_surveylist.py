"""the survey's inventory read a page at a time: an index in the list's order (district, producer, id), which also
serves what the one on district_id served

Revision ID: 0029_surveylist
Revises: 0028_casesearch
Create Date: 2026-12-01
"""
from alembic import op

revision = "0029_surveylist"
down_revision = "0028_casesearch"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_survey_items_listing", "survey_items", ["district_id", "producer_name", "id"])
    op.drop_index("ix_survey_items_district_id", table_name="survey_items")


def downgrade():
    op.create_index("ix_survey_items_district_id", "survey_items", ["district_id"])
    op.drop_index("ix_survey_items_listing", table_name="survey_items")
