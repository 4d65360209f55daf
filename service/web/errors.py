"""Error pages outside /api/: every error a page meets answers as a page (under /api/ it stays JSON).

`service.errors` describes every error as a `Problem`; `error_page` renders it in the site's
layout, in the visitor's language, with the right status, a plain message and a way back, and
never the exception's text, an engine element or JSON. A page view may `abort(404)` or let an
operation raise `NotFound`, `Forbidden`, `Unprocessable`...: the message an operation wrote for
the user is shown (in the visitor's language); other errors show the text of their status.
"""
from urllib.parse import urlsplit

from flask import make_response, render_template, request
from flask_babel import lazy_gettext as _l

from .i18n import bilingual
from .security import safe_next

PAGES = {
    400: (_l("Yêu cầu không hợp lệ"), _l("Trang không hiểu được yêu cầu này. Hãy quay lại và thử lại.")),
    401: (_l("Chưa đăng nhập"), _l("Vui lòng đăng nhập để tiếp tục.")),
    403: (_l("Không có quyền truy cập"), _l("Bạn không có quyền xem trang này.")),
    404: (_l("Không tìm thấy trang"),
          _l("Trang bạn tìm không tồn tại hoặc đã được chuyển đi. Hãy kiểm tra lại địa chỉ.")),
    405: (_l("Thao tác không được hỗ trợ"), _l("Trang này không nhận thao tác đó. Hãy quay lại và dùng các nút "
                                                "trên trang.")),
    409: (_l("Dữ liệu vừa thay đổi"), _l("Người khác vừa thay đổi dữ liệu này. Hãy tải lại trang và thử lại.")),
    413: (_l("Nội dung quá lớn"), _l("Nội dung gửi lên quá lớn. Hãy gửi tệp nhỏ hơn.")),
    422: (_l("Dữ liệu không hợp lệ"), _l("Dữ liệu gửi lên không hợp lệ. Hãy quay lại, sửa và gửi lại.")),
    500: (_l("Lỗi hệ thống"), _l("Đã có lỗi xảy ra; lỗi đã được ghi lại để xử lý. Hãy thử lại sau.")),
    503: (_l("Hệ thống tạm thời gián đoạn"), _l("Cơ sở dữ liệu tạm thời không truy cập được. Hãy thử lại sau "
                                                 "ít phút.")),
}
OTHER_REFUSAL = (_l("Không thực hiện được yêu cầu"), _l("Yêu cầu này không thực hiện được. Hãy quay lại và thử lại."))
# An incident's message names the engine's element: the page says what it means for the visitor instead.
INCIDENT = _l("Quy trình của hồ sơ đang tạm dừng và quản trị viên đã được báo để xử lý. Dữ liệu bạn gửi đã được "
              "ghi nhận; hãy xem lại hồ sơ sau.")


def _back():
    """The page the visitor came from, when it is another page of this site."""
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc != request.host or referrer.path == request.path:
        return None
    return safe_next(referrer.path + (f"?{referrer.query}" if referrer.query else ""))


def error_page(problem):
    title, text = PAGES.get(problem.status, PAGES[500] if problem.status >= 500 else OTHER_REFUSAL)
    if problem.code == "incident":
        text = INCIDENT
    elif problem.from_service:
        text = bilingual(problem.message)
    html = render_template("errors/page.html", status=problem.status, title=title, message=text, back=_back())
    return make_response(html, problem.status)
