"""The programme beyond the cases: product photos, points of sale and fairs with their products (the public
catalogue), the public document library, training sessions and attendees, support to producers, and the
product survey's inventory

Revision ID: 0018_programme
Revises: 0017_decisions
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018_programme'
down_revision = '0017_decisions'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('fairs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=500), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_fairs_created_by_id_users')),
    sa.ForeignKeyConstraint(['unit_id'], ['administrative_units.id'], name=op.f('fk_fairs_unit_id_administrative_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fairs'))
    )
    with op.batch_alter_table('fairs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fairs_starts_on'), ['starts_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_fairs_unit_id'), ['unit_id'], unique=False)

    op.create_table('points_of_sale',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('address', sa.String(length=500), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('phone', sa.String(length=50), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_points_of_sale_created_by_id_users')),
    sa.ForeignKeyConstraint(['unit_id'], ['administrative_units.id'], name=op.f('fk_points_of_sale_unit_id_administrative_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_points_of_sale'))
    )
    with op.batch_alter_table('points_of_sale', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_points_of_sale_unit_id'), ['unit_id'], unique=False)

    op.create_table('product_photos',
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('storage_name', sa.String(length=64), nullable=False),
    sa.Column('content_type', sa.String(length=120), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_photos_product_id_products')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_product_photos_uploaded_by_id_users')),
    sa.PrimaryKeyConstraint('product_id', name=op.f('pk_product_photos'))
    )
    op.create_table('programme_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('number', sa.String(length=100), nullable=True),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=120), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('storage_name', sa.String(length=64), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['administrative_units.id'], name=op.f('fk_programme_documents_unit_id_administrative_units')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_programme_documents_uploaded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_documents'))
    )
    with op.batch_alter_table('programme_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_documents_issued_on'), ['issued_on'], unique=False)

    op.create_table('training_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('topic', sa.String(length=500), nullable=False),
    sa.Column('trainer', sa.String(length=300), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_training_sessions_created_by_id_users')),
    sa.ForeignKeyConstraint(['unit_id'], ['administrative_units.id'], name=op.f('fk_training_sessions_unit_id_administrative_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_sessions'))
    )
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_sessions_held_on'), ['held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_sessions_unit_id'), ['unit_id'], unique=False)

    op.create_table('fair_products',
    sa.Column('fair_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['fair_id'], ['fairs.id'], name=op.f('fk_fair_products_fair_id_fairs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_fair_products_product_id_products')),
    sa.PrimaryKeyConstraint('fair_id', 'product_id', name=op.f('pk_fair_products'))
    )
    with op.batch_alter_table('fair_products', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fair_products_product_id'), ['product_id'], unique=False)

    op.create_table('point_of_sale_products',
    sa.Column('point_of_sale_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['point_of_sale_id'], ['points_of_sale.id'], name=op.f('fk_point_of_sale_products_point_of_sale_id_points_of_sale'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_point_of_sale_products_product_id_products')),
    sa.PrimaryKeyConstraint('point_of_sale_id', 'product_id', name=op.f('pk_point_of_sale_products'))
    )
    with op.batch_alter_table('point_of_sale_products', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_point_of_sale_products_product_id'), ['product_id'], unique=False)

    op.create_table('training_attendees',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.CheckConstraint('(user_id IS NULL) <> (entity_id IS NULL)', name=op.f('ck_training_attendees_user_or_entity')),
    sa.ForeignKeyConstraint(['entity_id'], ['producing_entities.id'], name=op.f('fk_training_attendees_entity_id_producing_entities')),
    sa.ForeignKeyConstraint(['session_id'], ['training_sessions.id'], name=op.f('fk_training_attendees_session_id_training_sessions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_training_attendees_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_attendees')),
    sa.UniqueConstraint('session_id', 'entity_id', name=op.f('uq_training_attendees_session_id_entity_id')),
    sa.UniqueConstraint('session_id', 'user_id', name=op.f('uq_training_attendees_session_id_user_id'))
    )
    with op.batch_alter_table('training_attendees', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_attendees_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_attendees_user_id'), ['user_id'], unique=False)

    op.create_table('support_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('source', sa.String(length=30), nullable=False),
    sa.Column('amount_vnd', sa.BigInteger(), nullable=False),
    sa.Column('given_on', sa.Date(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_support_records_case_id_cases')),
    sa.ForeignKeyConstraint(['entity_id'], ['producing_entities.id'], name=op.f('fk_support_records_entity_id_producing_entities')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_support_records_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_support_records'))
    )
    with op.batch_alter_table('support_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_support_records_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_records_entity_id'), ['entity_id'], unique=False)

    op.create_table('survey_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('commune_id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.Column('product_name', sa.String(length=300), nullable=False),
    sa.Column('group_code', sa.String(length=50), nullable=True),
    sa.Column('producer_name', sa.String(length=300), nullable=False),
    sa.Column('entity_type', sa.String(length=30), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_survey_items_case_id_cases')),
    sa.ForeignKeyConstraint(['commune_id'], ['administrative_units.id'], name=op.f('fk_survey_items_commune_id_administrative_units')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_survey_items_created_by_id_users')),
    sa.ForeignKeyConstraint(['district_id'], ['administrative_units.id'], name=op.f('fk_survey_items_district_id_administrative_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_items')),
    sa.UniqueConstraint('case_id', name=op.f('uq_survey_items_case_id'))
    )
    with op.batch_alter_table('survey_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_items_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_items_year'), ['year'], unique=False)




def downgrade():

    with op.batch_alter_table('survey_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_items_year'))
        batch_op.drop_index(batch_op.f('ix_survey_items_district_id'))

    op.drop_table('survey_items')
    with op.batch_alter_table('support_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_support_records_entity_id'))
        batch_op.drop_index(batch_op.f('ix_support_records_case_id'))

    op.drop_table('support_records')
    with op.batch_alter_table('training_attendees', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_attendees_user_id'))
        batch_op.drop_index(batch_op.f('ix_training_attendees_entity_id'))

    op.drop_table('training_attendees')
    with op.batch_alter_table('point_of_sale_products', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_point_of_sale_products_product_id'))

    op.drop_table('point_of_sale_products')
    with op.batch_alter_table('fair_products', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fair_products_product_id'))

    op.drop_table('fair_products')
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_sessions_unit_id'))
        batch_op.drop_index(batch_op.f('ix_training_sessions_held_on'))

    op.drop_table('training_sessions')
    with op.batch_alter_table('programme_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_programme_documents_issued_on'))

    op.drop_table('programme_documents')
    op.drop_table('product_photos')
    with op.batch_alter_table('points_of_sale', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_points_of_sale_unit_id'))

    op.drop_table('points_of_sale')
    with op.batch_alter_table('fairs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fairs_unit_id'))
        batch_op.drop_index(batch_op.f('ix_fairs_starts_on'))

    op.drop_table('fairs')
