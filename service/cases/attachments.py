"""Dossier documents: PDFs, images and office files, sniffed, checksummed, stored on disk.

The content decides the type, not the file name: an upload whose bytes are not one of the
accepted kinds is refused. Files are written under OCOP_ATTACHMENT_FOLDER with a random name,
then moved into place; the row records the original name, type, size and SHA-256, and the item of
the dossier's checklist the file is filed under (cases/checklist.py).

A file belongs to its transaction: when the transaction ends without a commit (rolled back,
or the session closed after an error), the files it wrote are removed (`listen`). A process
killed between the write and the commit may leave a file without a row, never a row without
its file.
"""
import hashlib
import os
import uuid
from pathlib import Path

import filetype
from flask import current_app
from sqlalchemy import event

from .. import clock
from ..audit.log import record
from ..errors import ServiceError, Unprocessable
from ..extensions import db
from .checklist import item_for
from .models import Attachment

ACCEPTED = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg", "png": "image/png", "webp": "image/webp", "heic": "image/heic",
    "doc": "application/msword", "xls": "application/vnd.ms-excel", "ppt": "application/vnd.ms-powerpoint",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text", "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
CHUNK = 1 << 16
UNCOMMITTED = "ocop_uncommitted_files"


def folder():
    path = Path(current_app.config["OCOP_ATTACHMENT_FOLDER"])
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_upload(upload, accepted=ACCEPTED, limit=None, refused=None):
    """Write an uploaded file (werkzeug FileStorage) under the folder with a random name, kept only if the
    transaction commits. Its content must be one of `accepted` ({extension: type}) and at most `limit`
    bytes (OCOP_MAX_ATTACHMENT_BYTES by default). Returns (filename, storage_name, content_type, size, sha256)."""
    limit = limit or current_app.config["OCOP_MAX_ATTACHMENT_BYTES"]
    filename = os.path.basename(upload.filename or "").strip()[:255]
    if not filename:
        raise Unprocessable("invalid_file", "Thiếu tên tệp / The file has no name")
    storage_name = uuid.uuid4().hex
    temporary = folder() / f".{storage_name}.part"
    digest, size, head = hashlib.sha256(), 0, b""
    try:
        with temporary.open("wb") as out:
            while chunk := upload.stream.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise ServiceError(413, "file_too_large", f"Tệp vượt quá {limit / (1 << 20):g} MB / "
                                                              f"The file is larger than {limit / (1 << 20):g} MB")
                if len(head) < 8192:
                    head += chunk[: 8192 - len(head)]
                digest.update(chunk)
                out.write(chunk)
        kind = filetype.guess(head)
        if size == 0 or kind is None or kind.extension not in accepted:
            raise Unprocessable("file_type_refused", refused or "Chỉ nhận PDF, ảnh và tệp văn phòng / Only PDF, "
                                                                "image and office documents are accepted",
                                details={"detected": kind.mime if kind else None})
        temporary.replace(folder() / storage_name)
        db.session.info.setdefault(UNCOMMITTED, []).append(folder() / storage_name)
    finally:
        temporary.unlink(missing_ok=True)
    return filename, storage_name, accepted[kind.extension], size, digest.hexdigest()


def store(case, user, upload, item=None):
    """Save an uploaded file (werkzeug FileStorage) as an attachment of the case, filed under the checklist
    item `item` (a code of the case's rule set; none given: other documents)."""
    item = item_for(case, item)
    filename, storage_name, content_type, size, sha256 = write_upload(upload)
    attachment = Attachment(case_id=case.id, uploaded_by_id=user.id, filename=filename, content_type=content_type,
                            size=size, sha256=sha256, storage_name=storage_name, requirement_code=item,
                            created_at=clock.now())
    db.session.add(attachment)
    db.session.flush()
    record("attachment.added", case=case, user=user, attachment_id=attachment.id, filename=filename,
           size=size, sha256=attachment.sha256, item=item)
    return attachment


def path_of(stored):
    """Where a stored file (anything with a `storage_name`) lies on disk."""
    return folder() / stored.storage_name


def keep_files(session):
    session.info.pop(UNCOMMITTED, None)


def remove_uncommitted_files(session, transaction):
    if transaction.parent is None:
        for path in session.info.pop(UNCOMMITTED, []):
            path.unlink(missing_ok=True)


LISTENERS = {"after_commit": keep_files, "after_transaction_end": remove_uncommitted_files}


def listen():
    """Attach the listeners to the service's session (once, however many applications there are)."""
    for name, listener in LISTENERS.items():
        if not event.contains(db.session, name, listener):
            event.listen(db.session, name, listener)
