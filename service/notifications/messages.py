"""The words of a notification, in the current language (Vietnamese unless the reader chose English)."""
from datetime import date, datetime

from flask_babel import lazy_gettext as _l

from ..web.i18n import bilingual, local_date

TITLES = {
    "task_assigned": _l("Nhiệm vụ được giao cho bạn"),
    "task_claimable": _l("Nhiệm vụ mới bạn có thể nhận"),
    "producer_task": _l("Việc của bạn"),
    "returned": _l("Hồ sơ được trả lại để bổ sung"),
    "decision": _l("Kết quả đánh giá hồ sơ"),
    "certificate": _l("Giấy chứng nhận OCOP"),
    "certificate_revoked": _l("Giấy chứng nhận OCOP bị thu hồi"),
    "reevaluation": _l("Đánh giá lại sản phẩm OCOP"),
    "overdue": _l("Nhiệm vụ quá hạn"),
    "reminder": _l("Lời nhắc việc"),
    "registration": _l("Đăng ký mới chờ duyệt"),
}

TEXTS = {
    "task_assigned": _l("Bạn được giao nhiệm vụ «%(step)s» của hồ sơ %(reference)s (%(product)s)."),
    "task_claimable": _l("Nhiệm vụ «%(step)s» của hồ sơ %(reference)s (%(product)s) đang chờ người nhận."),
    "producer_task": _l("Hồ sơ %(reference)s (%(product)s) cần bạn nộp «%(form)s»."),
    "returned": _l("Hồ sơ %(reference)s (%(product)s) được trả lại cho bạn: «%(form)s». Lý do: %(reason)s"),
    "decision_certified": _l("Hồ sơ %(reference)s (%(product)s) đạt %(stars)s sao; kết quả chờ quyết định công nhận."),
    "decision_five_stars_not_reached": _l("Hồ sơ %(reference)s (%(product)s) không đạt 5 sao quốc gia; sản phẩm giữ "
                                          "4 sao cấp tỉnh."),
    "decision_rated": _l("Hồ sơ %(reference)s (%(product)s) được đánh giá %(stars)s sao."),
    "decision_completed": _l("Hồ sơ %(reference)s (%(product)s) đã kết thúc."),
    "decision_rejected": _l("Hồ sơ %(reference)s (%(product)s) không được công nhận. Lý do: %(reason)s"),
    "certificate": _l("Đã cấp giấy chứng nhận OCOP số %(number)s (%(stars)s sao) cho %(product)s, "
                      "hiệu lực đến %(valid_until)s."),
    "certificate_revoked": _l("Giấy chứng nhận OCOP số %(number)s của %(product)s bị thu hồi theo quyết định "
                              "%(decision)s. Lý do: %(reason)s"),
    "reevaluation": _l("Giấy chứng nhận OCOP số %(number)s của %(product)s hết hiệu lực ngày %(valid_until)s: "
                       "hồ sơ đánh giá lại %(reference)s đã được mở."),
    "overdue": _l("Nhiệm vụ «%(step)s» của hồ sơ %(reference)s (%(product)s) đã quá hạn %(due)s."),
    "reminder": _l("%(by)s nhắc bạn hoàn thành «%(step)s» của hồ sơ %(reference)s (%(product)s), "
                   "hạn %(due)s."),
    "registration": _l("%(entity)s (xã %(commune)s) đăng ký tài khoản %(username)s (%(full_name)s) và chờ bạn "
                       "duyệt."),
}


def title(notification):
    return str(TITLES[notification.kind])


def text(notification):
    params = dict(notification.params)
    key = notification.kind
    if key == "decision":
        key = f"decision_{params['status']}"
    params["step"] = bilingual(params.get("step"))
    params["form"] = bilingual(params.get("form")) or params["step"]
    params["reason"] = params.get("reason") or "—"
    params["due"] = local_date(datetime.fromisoformat(params["due_at"])) if params.get("due_at") else "—"
    params["by"] = params.get("by") or "—"
    if params.get("valid_until"):
        params["valid_until"] = local_date(date.fromisoformat(params["valid_until"]))
    return TEXTS[key] % params
