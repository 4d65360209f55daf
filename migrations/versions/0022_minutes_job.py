"""council_minutes written by a background job after the chair's approval commits: the approval keeps
what the minutes record (`proceedings`), the job writes the PDF (`content`, `size`, `sha256`,
`written_at`), which stay empty until then

Minutes written before were written at the approval: their `written_at` is their `created_at`.

Revision ID: 0022_minutes_job
Revises: 0021_rulesets
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = "0022_minutes_job"
down_revision = "0021_rulesets"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("council_minutes", schema=None, reflect_kwargs={"resolve_fks": False}) as batch_op:
        batch_op.add_column(sa.Column("proceedings", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("written_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.alter_column("content", existing_type=sa.LargeBinary(), nullable=True)
        batch_op.alter_column("size", existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column("sha256", existing_type=sa.String(length=64), nullable=True)
    op.execute("UPDATE council_minutes SET written_at = created_at")


def downgrade():
    op.execute("DELETE FROM council_minutes WHERE content IS NULL")
    with op.batch_alter_table("council_minutes", schema=None, reflect_kwargs={"resolve_fks": False}) as batch_op:
        batch_op.alter_column("sha256", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column("size", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("content", existing_type=sa.LargeBinary(), nullable=False)
        batch_op.drop_column("written_at")
        batch_op.drop_column("proceedings")
