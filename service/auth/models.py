"""Accounts and roles. A user holds roles, each for an administrative unit (or everywhere)."""
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from .. import clock
from ..extensions import db

if TYPE_CHECKING:
    from ..directory.models import AdministrativeUnit, ProducingEntity

MIN_PASSWORD_LENGTH = 8


class Role(db.Model):
    """A role code is also a lane name in the diagrams (docs/architecture.md)."""

    __tablename__ = "roles"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_vi: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(20))  # entity|commune|district|province|national|system


def roles_by_code():
    """{code: (code, name_vi, name_en, level)}: the roles' names, which pages show for lanes and people, read once
    per database session (the roles are the programme's, seeded, never edited in the service)."""
    info = db.session.info
    if "roles_by_code" not in info:
        info["roles_by_code"] = {role.code: role for role in db.session.execute(
            select(Role.code, Role.name_vi, Role.name_en, Role.level))}
    return info["roles_by_code"]


class RoleHolder:
    """`has_role` for anything with `role_assignments` (each with a `role_code`): a User, and the inbox's Reader."""

    def has_role(self, code):
        return any(assignment.role_code == code for assignment in self.role_assignments)


class User(RoleHolder, UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    full_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    is_active: Mapped[bool] = mapped_column(default=True)
    is_demo: Mapped[bool] = mapped_column(default=False)
    # A producer's self-registration: none (created by an administrator), pending, approved, refused.
    registration_status: Mapped[str] = mapped_column(String(20), default="none", server_default="none")
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("producing_entities.id"), index=True)
    # Part of the session's user id: signing out or changing the password increments it, which
    # ends every copy of every session cookie of this user.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    entity: Mapped["ProducingEntity | None"] = relationship()
    role_assignments: Mapped[list["RoleAssignment"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="RoleAssignment.id")

    def set_password(self, password):
        self.password_hash = generate_password_hash(password, method=current_app.config["OCOP_PASSWORD_HASH"])

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    def password_hash_is_current(self):
        """Whether the stored hash uses the configured method and cost (else it is replaced at sign-in)."""
        return self.password_hash.split("$", 1)[0] == _hash_method(current_app.config["OCOP_PASSWORD_HASH"])

    def end_sessions(self):
        """Every session cookie of this user, copies included, stops being accepted."""
        self.session_version += 1

    def get_id(self):
        """What flask-login keeps in the session: the id and the session version (see `auth.signin.load_user`)."""
        return f"{self.id}:{self.session_version}"

    def units_for(self, role_code):
        """Ids of the units this user holds the role for; None when the role covers everything."""
        assignments = [a for a in self.role_assignments if a.role_code == role_code]
        if any(a.role.level in ("national", "system") for a in assignments):
            return None
        return [a.unit_id for a in assignments if a.unit_id is not None]

    def __repr__(self):
        return f"<User {self.username}>"


def check_password_of_nobody(password):
    """Verify `password` against a hash of the configured method and cost, for a username that
    does not exist: an unknown name then takes as long to refuse as a wrong password."""
    check_password_hash(_dummy_hash(current_app.config["OCOP_PASSWORD_HASH"]), password)
    return False


@cache
def _dummy_hash(method):
    return generate_password_hash("no account has this password", method=method)


def _hash_method(method):
    """The method as it is written in a hash ("scrypt" is stored as "scrypt:32768:8:1")."""
    return _dummy_hash(method).split("$", 1)[0]


class RoleAssignment(db.Model):
    __tablename__ = "role_assignments"
    # a unit's holders of a role (a task's candidates, a commune's officers) without reading the country's
    __table_args__ = (UniqueConstraint("user_id", "role_code", "unit_id"),
                      Index("ix_role_assignments_unit_role", "unit_id", "role_code"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    role_code: Mapped[str] = mapped_column(ForeignKey("roles.code"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("administrative_units.id"))

    user: Mapped[User] = relationship(back_populates="role_assignments")
    role: Mapped[Role] = relationship()
    unit: Mapped["AdministrativeUnit | None"] = relationship()
