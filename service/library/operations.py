"""Publishing the programme's texts: the OCOP office of the unit (province or district) or an administrator."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from .. import clock
from ..audit.log import record
from ..auth.permissions import manages
from ..cases.attachments import write_upload
from ..catalogue.operations import unit_managed
from ..errors import Forbidden, NotFound
from ..extensions import db
from ..paging import paginate
from .models import ProgrammeDocument

KINDS = {"decision": _l("Quyết định"), "plan": _l("Kế hoạch"), "guide": _l("Hướng dẫn"), "form": _l("Biểu mẫu"),
         "other": _l("Văn bản khác")}


def documents(page, per_page, kind=None):
    """A page of the programme's texts, newest first (a `paging.paginate` pagination: a country's provinces and
    districts publish theirs over the years), each with its issuing unit, read in the same statements whatever the
    page's size."""
    query = (select(ProgrammeDocument).options(joinedload(ProgrammeDocument.unit))
             .order_by(ProgrammeDocument.issued_on.desc(), ProgrammeDocument.id.desc()))
    if kind:
        query = query.where(ProgrammeDocument.kind == kind)
    return paginate(query, page, per_page)


def get_document(document_id):
    document = db.session.get(ProgrammeDocument, document_id)
    if document is None:
        raise NotFound("document_not_found", "Không tìm thấy văn bản / Document not found")
    return document


def publish(user, values, upload):
    """Store the file and its description (title, number, date, kind, the issuing unit)."""
    unit_managed(values["unit_id"], user)
    filename, storage_name, content_type, size, sha256 = write_upload(upload)
    document = ProgrammeDocument(**values, filename=filename, storage_name=storage_name, content_type=content_type,
                                 size=size, sha256=sha256, uploaded_by_id=user.id, uploaded_at=clock.now())
    db.session.add(document)
    db.session.flush()
    record("document.published", user=user, document_id=document.id, title=document.title, number=document.number)
    return document


def withdraw(user, document):
    if not manages(user, document.unit):
        raise Forbidden("not_unit_office", "Chỉ cơ quan đã đăng văn bản được gỡ / Only the publishing office may "
                                           "remove it")
    record("document.withdrawn", user=user, document_id=document.id, title=document.title, number=document.number)
    db.session.delete(document)
    db.session.flush()


def may_publish(user):
    return user.is_authenticated and (user.has_role("admin") or user.has_role("province_officer")
                                      or user.has_role("district_officer"))
