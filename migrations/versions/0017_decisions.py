"""recognitions and recognition_decisions: approved results wait for a recognition decision (number,
date, signer) of the competent authority, prepared by its office and published; certificates are issued
from the published decision

Certificates issued before this revision keep no decision; the results approved from now on wait for one.

Revision ID: 0017_decisions
Revises: 0016_reports
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa

revision = "0017_decisions"
down_revision = "0016_reports"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "recognition_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("issuer", sa.String(length=20), nullable=False),
        sa.Column("number", sa.String(length=100), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("signer_name", sa.String(length=200), nullable=False),
        sa.Column("signer_title", sa.String(length=200), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["administrative_units.id"],
                                name=op.f("fk_recognition_decisions_unit_id_administrative_units")),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=op.f("fk_recognition_decisions_created_by_id_users")),
        sa.ForeignKeyConstraint(["published_by_id"], ["users.id"],
                                name=op.f("fk_recognition_decisions_published_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recognition_decisions")),
        sa.UniqueConstraint("issuer", "number", name=op.f("uq_recognition_decisions_issuer_number")),
    )
    with op.batch_alter_table("recognition_decisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recognition_decisions_unit_id"), ["unit_id"], unique=False)
    op.create_table(
        "recognitions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("stars", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("potential_five", sa.Boolean(), nullable=False),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.Column("certificate_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_recognitions_case_id_cases")),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], name=op.f("fk_recognitions_product_id_products")),
        sa.ForeignKeyConstraint(["unit_id"], ["administrative_units.id"],
                                name=op.f("fk_recognitions_unit_id_administrative_units")),
        sa.ForeignKeyConstraint(["decision_id"], ["recognition_decisions.id"],
                                name=op.f("fk_recognitions_decision_id_recognition_decisions")),
        sa.ForeignKeyConstraint(["certificate_id"], ["certificates.id"],
                                name=op.f("fk_recognitions_certificate_id_certificates")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recognitions")),
        sa.UniqueConstraint("case_id", "level", name=op.f("uq_recognitions_case_id_level")),
        sa.UniqueConstraint("certificate_id", name=op.f("uq_recognitions_certificate_id")),
    )
    with op.batch_alter_table("recognitions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recognitions_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_recognitions_product_id"), ["product_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_recognitions_unit_id"), ["unit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_recognitions_decision_id"), ["decision_id"], unique=False)


def downgrade():
    with op.batch_alter_table("recognitions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recognitions_decision_id"))
        batch_op.drop_index(batch_op.f("ix_recognitions_unit_id"))
        batch_op.drop_index(batch_op.f("ix_recognitions_product_id"))
        batch_op.drop_index(batch_op.f("ix_recognitions_case_id"))
    op.drop_table("recognitions")
    with op.batch_alter_table("recognition_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recognition_decisions_unit_id"))
    op.drop_table("recognition_decisions")
