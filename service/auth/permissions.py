"""Role checks shared by the operations and routes of every area."""
from ..errors import Forbidden

ADMIN_ONLY = "Chỉ quản trị viên được làm việc này / Only administrators may do this"


def require_admin(user):
    if not user.has_role("admin"):
        raise Forbidden("admin_only", ADMIN_ONLY)
