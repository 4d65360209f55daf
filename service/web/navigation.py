"""The entries of the top bar, by role.

An entry shows when its endpoint exists (the page's blueprint is registered) and the signed-in
user holds one of its roles (`None`: everyone signed in). A new area of the web application
adds its entry here under the endpoint it registers; until then the entry stays hidden.
An entry may carry a count shown beside its label when it is not zero (unread notifications,
registrations waiting for a commune officer): `count(user)` gives the SELECT of one count (or None: nothing to
count for this user), and the counts of a page's entries are read together, in one statement. Entries of a `group` (the programme's pages, administration) fold
into one drop-down of the top bar on a wide screen, so that the bar keeps one row at 1280 px for every role;
on a phone, behind the menu button, they are listed like the others. A group the user sees one entry of
shows it as a plain entry.
"""
from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from ..extensions import db
from ..notifications.queries import unread_count_query
from ..portal.registration import pending_count_query
from ..recognition.operations import waiting_count_query
from . import bp

STAFF = ("commune_officer", "district_officer", "district_council", "district_chair", "province_officer",
         "province_council", "province_chair", "national_officer", "national_council", "admin")


@dataclass(frozen=True)
class NavEntry:
    endpoint: str
    label: str
    roles: tuple | None = None
    count: Callable | None = None
    group: str | None = None


PROGRAMME, ADMINISTRATION = _l("Chương trình"), _l("Quản trị")


NAVIGATION = [
    NavEntry("workspace.inbox", _l("Hộp việc"), ("producer", *STAFF)),
    NavEntry("portal.cases", _l("Hồ sơ của tôi"), ("producer",)),
    NavEntry("portal.cases", _l("Hồ sơ"), STAFF),
    NavEntry("portal.new_case", _l("Gửi ý tưởng"), ("producer",)),
    NavEntry("portal.registrations", _l("Đăng ký chờ duyệt"), ("commune_officer",), count=pending_count_query),
    NavEntry("recognition_pages.index", _l("Công nhận sản phẩm"),
             ("district_officer", "province_officer", "national_officer"), count=waiting_count_query),
    NavEntry("reports.index", _l("Báo cáo"), ("district_officer", "district_chair", "province_officer", "province_chair",
                                             "national_officer", "admin")),
    NavEntry("notifications.index", _l("Thông báo"), count=unread_count_query),
    NavEntry("dashboard.index", _l("Tổng quan"), group=PROGRAMME),
    NavEntry("steering.index", _l("Bộ máy chỉ đạo"), ("province_officer", "district_officer", "admin"),
             group=PROGRAMME),
    NavEntry("training_pages.index", _l("Tập huấn"), ("province_officer", "district_officer"), group=PROGRAMME),
    NavEntry("survey_pages.index", _l("Khảo sát sản phẩm"), ("district_officer", "province_officer", "admin"),
             group=PROGRAMME),
    NavEntry("imports.index", _l("Nhập dữ liệu"), ("district_officer", "province_officer", "admin"),
             group=PROGRAMME),
    NavEntry("catalogue.points_of_sale", _l("Điểm bán"), ("province_officer", "district_officer", "admin"),
             group=PROGRAMME),
    NavEntry("catalogue.fairs", _l("Hội chợ"), ("province_officer", "district_officer", "admin"), group=PROGRAMME),
    NavEntry("library.index", _l("Văn bản chương trình"), ("province_officer", "district_officer", "admin"),
             group=PROGRAMME),
    NavEntry("admin.users", _l("Người dùng"), ("admin",), group=ADMINISTRATION),
    NavEntry("admin.process_models", _l("Quy trình"), ("admin",), group=ADMINISTRATION),
    NavEntry("admin.criteria_sheets", _l("Phiếu tiêu chí"), ("admin",), group=ADMINISTRATION),
    NavEntry("admin.rule_sets", _l("Bộ quy định đánh giá"), ("admin",), group=ADMINISTRATION),
    NavEntry("admin.audit", _l("Nhật ký"), ("admin",), group=ADMINISTRATION),
]


def entries_for(user):
    if not user.is_authenticated:
        return []
    return [entry for entry in NAVIGATION
            if entry.endpoint in current_app.view_functions
            and (entry.roles is None or any(user.has_role(role) for role in entry.roles))]


def counts_of(entries, user):
    """{endpoint: its entry's count} for the entries that count something for this user, read in one statement."""
    queries = {entry.endpoint: entry.count(user) for entry in entries if entry.count}
    queries = {endpoint: query for endpoint, query in queries.items() if query is not None}
    if not queries:
        return {}
    row = db.session.execute(select(*(query.scalar_subquery() for query in queries.values()))).one()
    return dict(zip(queries, row))


@bp.app_context_processor
def navigation():
    """`navigation`: the top bar's items in order, each an entry or a group {"label", "entries", "current"}."""
    entries = entries_for(current_user)
    counts = counts_of(entries, current_user)
    # groups by identity: comparing or hashing a lazy label would translate it
    sizes = {id(group): sum(entry.group is group for entry in entries) for group in (PROGRAMME, ADMINISTRATION)}
    items, groups = [], {}
    for entry in entries:
        shown = {"url": url_for(entry.endpoint), "label": entry.label, "current": request.endpoint == entry.endpoint,
                 "count": counts.get(entry.endpoint, 0)}
        if entry.group is None or sizes[id(entry.group)] < 2:
            items.append(shown)
        elif id(entry.group) in groups:
            groups[id(entry.group)]["entries"].append(shown)
        else:
            groups[id(entry.group)] = {"label": entry.group, "entries": [shown]}
            items.append(groups[id(entry.group)])
    for group in groups.values():
        group["current"] = any(entry["current"] for entry in group["entries"])
    return {"navigation": items}
