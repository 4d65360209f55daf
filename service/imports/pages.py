"""The import pages: the templates to download, the upload, the latest imports; an import's progress bar
(polling its state) and, once done, what it created and each refused row's problems."""
from io import BytesIO

from flask import redirect, render_template, request, send_file, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from ..errors import Unprocessable
from ..extensions import db
from . import bp, operations
from .template import COLUMNS, MIMETYPE, TITLES

KIND_TITLES = {"certificates": _l("Sản phẩm đã được chứng nhận trước khi có hệ thống"),
               "survey": _l("Khảo sát sản phẩm tiềm năng")}


@bp.route("/imports", methods=["GET", "POST"])
@login_required
def index():
    operations.require_importer(current_user)
    errors, kind = {}, request.form.get("kind", "certificates")
    if request.method == "POST":
        try:
            import_job = operations.start(current_user, operations.kind_of(kind), request.files.get("file"))
        except Unprocessable as error:
            db.session.rollback()
            errors = error.details or {"file": [error.message]}
        else:
            db.session.commit()
            return redirect(url_for("imports.show", job_id=import_job.id))
    return render_template("imports/index.html", kinds=KIND_TITLES, columns=COLUMNS, kind=kind, errors=errors,
                           jobs=operations.recent_jobs(current_user)), 422 if errors else 200


@bp.get("/imports/<kind>/template.xlsx")
@login_required
def template(kind):
    operations.require_importer(current_user)
    kind = operations.kind_of(kind)
    return send_file(BytesIO(operations.template_of(kind, current_user)), as_attachment=True,
                     download_name=TITLES[kind], mimetype=MIMETYPE)


@bp.get("/imports/<int:job_id>")
@login_required
def show(job_id):
    import_job = operations.get_job(job_id, current_user)
    return render_template("imports/job.html", job=import_job, status=operations.status_of(import_job),
                           title=KIND_TITLES[import_job.kind])
