"""The audit log's actions in words (Vietnamese, English in the catalogue), for the case timeline
and the administrators' audit log. An action not listed here shows as its code."""
from flask_babel import lazy_gettext as _l

ACTIONS = {
    "case.submitted": _l("Gửi ý tưởng sản phẩm"),
    "case.progressed": _l("Quy trình kết thúc"),
    "case.incident": _l("Quy trình gặp sự cố"),
    "incident.retried": _l("Chạy lại bước gặp sự cố"),
    "task.created": _l("Giao nhiệm vụ"),
    "task.completed": _l("Hoàn thành nhiệm vụ"),
    "task.claimed": _l("Nhận xử lý"),
    "task.unclaimed": _l("Trả lại nhiệm vụ"),
    "task.cancelled": _l("Huỷ nhiệm vụ"),
    "task.escalated": _l("Quá hạn, báo lên cấp trên"),
    "task.reassigned": _l("Giao lại nhiệm vụ"),
    "task.reminded": _l("Nhắc việc quá hạn"),
    "comment.added": _l("Thêm ý kiến"),
    "attachment.added": _l("Tải lên tài liệu"),
    "certificate.issued": _l("Cấp giấy chứng nhận"),
    "certificate.revoked": _l("Thu hồi giấy chứng nhận"),
    "certificate.superseded": _l("Giấy chứng nhận được thay thế"),
    "case.reevaluation_opened": _l("Mở hồ sơ đánh giá lại trước khi giấy chứng nhận hết hạn"),
    "product.leading_selected": _l("Chọn là sản phẩm chủ lực"),
    "product.leading_dropped": _l("Bỏ chọn sản phẩm chủ lực"),
    "process_model.deployed": _l("Triển khai phiên bản quy trình"),
    "rule_set.adopted": _l("Ghi nhận tỉnh áp dụng bộ quy định"),
    "rule_set.withdrawn": _l("Bỏ quyết định áp dụng bộ quy định"),
    "criteria_sheet.added": _l("Thêm phiên bản phiếu tiêu chí"),
    "case.criteria_sheet_fixed": _l("Áp dụng phiếu tiêu chí cho hồ sơ"),
    "registration.submitted": _l("Đăng ký tài khoản chủ thể"),
    "registration.approved": _l("Duyệt đăng ký tài khoản"),
    "registration.refused": _l("Từ chối đăng ký tài khoản"),
    "user.created": _l("Tạo người dùng"),
    "user.activated": _l("Mở khoá tài khoản"),
    "user.deactivated": _l("Khoá tài khoản"),
    "user.role_assigned": _l("Giao vai trò"),
    "user.role_removed": _l("Bỏ vai trò"),
    "user.signed_in": _l("Đăng nhập"),
    "user.signed_out": _l("Đăng xuất"),
    "user.sign_in_failed": _l("Đăng nhập không thành công"),
    "user.password_changed": _l("Đổi mật khẩu"),
    "user.password_change_failed": _l("Đổi mật khẩu không thành công"),
    "council.member_set": _l("Cập nhật thành viên hội đồng"),
    "council.member_removed": _l("Bỏ thành viên hội đồng"),
    "council.absence_recorded": _l("Ghi nhận thành viên hội đồng vắng mặt"),
    "council.conflict_declared": _l("Thành viên hội đồng khai báo xung đột lợi ích"),
    "council.spread_rescore": _l("Tổng điểm chênh lệch quá mức: thành viên lệch điểm chấm lại"),
    "council.below_quorum": _l("Hội đồng không đủ túc số"),
}


def action_label(action):
    """The action in words, in the current language."""
    label = ACTIONS.get(action)
    return str(label) if label is not None else action
