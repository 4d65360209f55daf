"""certificates: a verification token, revocation, supersession; cases: the certificate a case re-evaluates

Certificates issued before get a random token each, so that their PDFs carry a QR code too.

Revision ID: 0010_certificates
Revises: 0009_dossier_checklist
Create Date: 2026-12-01
"""
import secrets

from alembic import op
import sqlalchemy as sa


revision = "0010_certificates"
down_revision = "0009_dossier_checklist"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.add_column(sa.Column("token", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("revoked_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("revocation_decision", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("revocation_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("revocation_reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("superseded_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_certificates_revoked_by_id_users"), "users",
                                    ["revoked_by_id"], ["id"])
        batch_op.create_foreign_key(batch_op.f("fk_certificates_superseded_by_id_certificates"), "certificates",
                                    ["superseded_by_id"], ["id"])
    connection = op.get_bind()
    certificates = sa.table("certificates", sa.column("id", sa.Integer()), sa.column("token", sa.String()))
    for (certificate_id,) in connection.execute(sa.select(certificates.c.id)).all():
        connection.execute(certificates.update().where(certificates.c.id == certificate_id)
                           .values(token=secrets.token_urlsafe(16)))
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.alter_column("token", existing_type=sa.String(length=32), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_certificates_token"), ["token"])

    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("previous_certificate_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_cases_previous_certificate_id_certificates"), "certificates",
                                    ["previous_certificate_id"], ["id"], ondelete="SET NULL")
        batch_op.create_unique_constraint(batch_op.f("uq_cases_previous_certificate_id"), ["previous_certificate_id"])


def downgrade():
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_cases_previous_certificate_id"), type_="unique")
        batch_op.drop_constraint(batch_op.f("fk_cases_previous_certificate_id_certificates"), type_="foreignkey")
        batch_op.drop_column("previous_certificate_id")
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_certificates_token"), type_="unique")
        batch_op.drop_constraint(batch_op.f("fk_certificates_superseded_by_id_certificates"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_certificates_revoked_by_id_users"), type_="foreignkey")
        for column in ("superseded_by_id", "revocation_reason", "revocation_date", "revocation_decision",
                       "revoked_by_id", "revoked_at", "token"):
            batch_op.drop_column(column)
