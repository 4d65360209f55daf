"""safe submissions and certificate numbers: cases.submission_key (idempotent retries), certificate_counters

Revision ID: 0005_case_safety
Revises: 0004_task_assignee_index
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa

revision = "0005_case_safety"
down_revision = "0004_task_assignee_index"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("submission_key", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("submission_digest", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_cases_created_by_id_submission_key"),
                                          ["created_by_id", "submission_key"])
    op.create_table(
        "certificate_counters",
        sa.Column("issuer", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("issuer", "year", name=op.f("pk_certificate_counters")),
    )
    # Certificates issued before the counter existed: numbering continues after the highest one.
    connection = op.get_bind()
    last = {}
    for (number,) in connection.execute(sa.text("SELECT number FROM certificates")):
        parts = number.split("-")  # OCOP-<issuer>-<year>-<sequence>
        if len(parts) == 4 and parts[2].isdigit() and parts[3].isdigit():
            key = (parts[1], int(parts[2]))
            last[key] = max(last.get(key, 0), int(parts[3]))
    for (issuer, year), number in last.items():
        connection.execute(sa.text("INSERT INTO certificate_counters (issuer, year, last_number) "
                                   "VALUES (:issuer, :year, :number)"),
                           {"issuer": issuer, "year": year, "number": number})


def downgrade():
    op.drop_table("certificate_counters")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_cases_created_by_id_submission_key"), type_="unique")
        batch_op.drop_column("submission_digest")
        batch_op.drop_column("submission_key")
