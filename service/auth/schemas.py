"""Request and response bodies of the auth endpoints."""
from marshmallow import Schema, fields, validate


class LoginInput(Schema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=80))
    password = fields.String(required=True, load_only=True, validate=validate.Length(min=1, max=200))


class ChangePasswordInput(Schema):
    current_password = fields.String(required=True, load_only=True, validate=validate.Length(min=1, max=200))
    new_password = fields.String(required=True, load_only=True, validate=validate.Length(min=1, max=200))


class UnitOutput(Schema):
    id = fields.Integer()
    name = fields.String()
    level = fields.String()
    code = fields.String(allow_none=True)


class RoleOutput(Schema):
    code = fields.String(attribute="role_code")
    name_vi = fields.String(attribute="role.name_vi")
    name_en = fields.String(attribute="role.name_en")
    level = fields.String(attribute="role.level")
    unit = fields.Nested(UnitOutput, allow_none=True, metadata={"description": "null for national and system roles"})


class EntityOutput(Schema):
    id = fields.Integer()
    name = fields.String()
    entity_type = fields.String()
    commune = fields.Nested(UnitOutput)


class MeOutput(Schema):
    id = fields.Integer()
    username = fields.String()
    full_name = fields.String()
    email = fields.String(allow_none=True)
    is_demo = fields.Boolean()
    roles = fields.List(fields.Nested(RoleOutput), attribute="role_assignments")
    entity = fields.Nested(EntityOutput, allow_none=True)
