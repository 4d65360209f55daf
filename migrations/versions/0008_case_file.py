"""section_versions: each submission of the producer is a version of its section of the case file

The cases already running get their versions from what was kept before: the idea from the product
and entity as submitted (revisions were not applied to the product then), then every completed
task of the bundled forms that fill a section, in order, each merged over the version before.

Revision ID: 0008_case_file
Revises: 0007_mail_outbox
Create Date: 2026-11-30
"""
import json

from alembic import op
import sqlalchemy as sa

revision = "0008_case_file"
down_revision = "0007_mail_outbox"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "section_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(length=20), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("form_name", sa.String(length=100), nullable=False),
        sa.Column("human_task_id", sa.Integer(), nullable=True),
        sa.Column("submitted_by_id", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_section_versions_case_id_cases")),
        sa.ForeignKeyConstraint(["human_task_id"], ["human_tasks.id"],
                                name=op.f("fk_section_versions_human_task_id_human_tasks")),
        sa.ForeignKeyConstraint(["submitted_by_id"], ["users.id"],
                                name=op.f("fk_section_versions_submitted_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_section_versions")),
        sa.UniqueConstraint("case_id", "section", "number", name=op.f("uq_section_versions_case_id_section_number")),
    )
    with op.batch_alter_table("section_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_section_versions_case_id"), ["case_id"], unique=False)
    _versions_of_running_cases()


FILLING_FORMS = {"revise_idea": "idea", "business_plan": "business_plan", "dossier": "dossier"}


def _versions_of_running_cases():
    connection = op.get_bind()
    versions = sa.table("section_versions", sa.column("data", sa.JSON), *(sa.column(name) for name in (
        "case_id", "section", "number", "answer", "form_name", "human_task_id", "submitted_by_id", "submitted_at")))
    ideas = connection.execute(sa.text(
        "SELECT cases.id, cases.created_by_id, cases.created_at, cases.commune_id, products.name, "
        "products.group_code, products.subgroup_code, products.description, producing_entities.name, "
        "producing_entities.entity_type FROM cases JOIN products ON products.id = cases.product_id "
        "JOIN producing_entities ON producing_entities.id = cases.entity_id ORDER BY cases.id"))
    current, rows = {}, []
    for case_id, user_id, at, commune_id, name, group, subgroup, description, entity, entity_type in ideas:
        data = {"product_name": name, "product_group": group, "product_subgroup": subgroup,
                "description": description, "entity_name": entity, "entity_type": entity_type,
                "commune_id": commune_id}
        current[(case_id, "idea")] = (1, data)
        rows.append({"case_id": case_id, "section": "idea", "number": 1, "data": data, "answer": None,
                     "form_name": "submit_idea", "human_task_id": None, "submitted_by_id": user_id,
                     "submitted_at": at})
    tasks = connection.execute(sa.text(
        "SELECT id, case_id, form_name, submitted_data, completed_by_id, completed_at FROM human_tasks "
        "WHERE status = 'completed' AND form_name IN ('revise_idea', 'business_plan', 'dossier') ORDER BY id"))
    for task_id, case_id, form_name, submitted, user_id, at in tasks:
        submitted = json.loads(submitted) if isinstance(submitted, str) else (submitted or {})
        section = FILLING_FORMS[form_name]
        number, before = current.get((case_id, section), (0, {}))
        content = {key: value for key, value in submitted.items() if key != "response" and value is not None}
        data = {**before, **content}
        current[(case_id, section)] = (number + 1, data)
        rows.append({"case_id": case_id, "section": section, "number": number + 1, "data": data,
                     "answer": submitted.get("response"), "form_name": form_name, "human_task_id": task_id,
                     "submitted_by_id": user_id, "submitted_at": at})
    if rows:
        op.bulk_insert(versions, rows)
    for (case_id, section), (number, data) in current.items():
        if section == "idea" and number > 1:  # a revised idea now names the product
            connection.execute(sa.text(
                "UPDATE products SET name = :name, group_code = :group, subgroup_code = :subgroup, "
                "description = :description WHERE id = (SELECT product_id FROM cases WHERE id = :case_id)"),
                {"name": data["product_name"], "group": data["product_group"], "subgroup": data["product_subgroup"],
                 "description": data["description"], "case_id": case_id})


def downgrade():
    with op.batch_alter_table("section_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_section_versions_case_id"))
    op.drop_table("section_versions")
