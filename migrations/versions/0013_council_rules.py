"""councils: the founding decision (number, date) and the term it gives the council

A unit may have had several councils over the years; the council of a case is the one whose term
covers the day it convenes. Councils recorded before keep no decision and an open term.

Revision ID: 0013_council_rules
Revises: 0012_criteria_sheets
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa

revision = "0013_council_rules"
down_revision = "0012_criteria_sheets"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("councils") as batch:
        batch.add_column(sa.Column("decision_number", sa.String(length=50), nullable=True))
        batch.add_column(sa.Column("decision_date", sa.Date(), nullable=True))
        batch.add_column(sa.Column("term_from", sa.Date(), nullable=True))
        batch.add_column(sa.Column("term_until", sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table("councils") as batch:
        batch.drop_column("term_until")
        batch.drop_column("term_from")
        batch.drop_column("decision_date")
        batch.drop_column("decision_number")
