"""The certificate's pages: the public verification page (no sign-in) and the revocation form."""
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..errors import Conflict, Unprocessable
from ..extensions import db
from .lifecycle import STATUSES, by_token, get_certificate, may_revoke, revoke, status_of

bp = Blueprint("certificate_pages", __name__, template_folder="templates", static_folder="static",
               static_url_path="/static/certificates")


@bp.get("/verify/<token>")
def verify(token):
    """What the QR code of a certificate opens: anyone may check it, signed in or not."""
    certificate = by_token(token)
    status = status_of(certificate)
    return render_template("certificates/verify.html", certificate=certificate, status=status,
                           status_label=STATUSES[status])


def _revocation_values():
    values = {name: request.form.get(name, "").strip() for name in ("decision", "decision_date", "reason")}
    errors = {}
    if not values["decision"]:
        errors["decision"] = [_("Nhập số quyết định thu hồi.")]
    elif len(values["decision"]) > 100:
        errors["decision"] = [_("Số quyết định dài tối đa %(count)s ký tự.", count=100)]
    try:
        decided_on = date.fromisoformat(values["decision_date"])
    except ValueError:
        decided_on = None
        errors["decision_date"] = [_("Nhập ngày của quyết định.")]
    if not values["reason"]:
        errors["reason"] = [_("Nhập lý do thu hồi.")]
    elif len(values["reason"]) > 2000:
        errors["reason"] = [_("Lý do dài tối đa %(count)s ký tự.", count=2000)]
    return values, decided_on, errors


@bp.route("/certificates/<int:certificate_id>/revoke", methods=["GET", "POST"])
@login_required
def revoke_form(certificate_id):
    """The revocation of a certificate: its decision (number, date) and the reason."""
    certificate = get_certificate(certificate_id, current_user)
    if not may_revoke(current_user, certificate):
        abort(403)
    values, errors = {}, {}
    if request.method == "POST":
        values, decided_on, errors = _revocation_values()
        if not errors:
            try:
                revoke(certificate, current_user, values["decision"], decided_on, values["reason"])
            except Unprocessable as error:
                db.session.rollback()
                errors = error.details
            except Conflict:
                db.session.rollback()
                errors = {"decision": [_("Giấy chứng nhận này đã bị thu hồi.")]}
            else:
                db.session.commit()
                flash(_("Đã thu hồi giấy chứng nhận số %(number)s.", number=certificate.number), "success")
                return redirect(url_for("portal.case", case_id=certificate.case_id))
    status = status_of(certificate)
    return render_template("certificates/revoke.html", certificate=certificate, status=status,
                           status_label=STATUSES[status], values=values, errors=errors), 422 if errors else 200


@bp.app_template_global("certificate_status")
def certificate_status(certificate):
    """valid | expired | revoked | superseded, for the pages that show certificates."""
    return status_of(certificate)


@bp.app_template_global("certificate_status_label")
def certificate_status_label(certificate):
    return STATUSES[status_of(certificate)]


@bp.app_template_global("certificate_revocable")
def certificate_revocable(certificate):
    """Whether the signed-in user may revoke the certificate now."""
    return (current_user.is_authenticated and certificate.revoked_at is None
            and may_revoke(current_user, certificate))
