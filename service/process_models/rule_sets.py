"""Rule sets side by side: which rule set, and which of its process versions, a new case starts on.

A rule set is a Prime Minister's decision on the OCOP criteria and procedure. Each took effect on the
day it was signed ("có hiệu lực kể từ ngày ký"). A province applies one from a day it records
(`RuleSetAdoption`, e.g. Lai Châu's 2020 plan applies 1048): a case submitted that day or later starts
on that rule set, until the province's next adoption. A province that recorded none follows the
latest decision in force nationally. Within the rule set, the case starts on its latest active
version already in force (`ProcessModel.effective_from`). Running cases finish on their version.
"""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ..audit.log import record
from ..errors import NotFound, Unprocessable
from ..extensions import db
from .models import ProcessModel, RuleSetAdoption


@dataclass(frozen=True)
class RuleSet:
    code: str
    decision: str
    effective_from: date
    title_vi: str
    title_en: str


RULE_SETS = {rule_set.code: rule_set for rule_set in (
    RuleSet("2019", "1048/QĐ-TTg", date(2019, 8, 21),
            "Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP (Quyết định 1048/QĐ-TTg ngày 21/08/2019, sửa đổi bởi 781/QĐ-TTg)",
            "OCOP criteria and ranking (Decision 1048/QĐ-TTg of 21/08/2019, amended by 781/QĐ-TTg)"),
    RuleSet("2023", "148/QĐ-TTg", date(2023, 2, 24),
            "Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm OCOP (Quyết định 148/QĐ-TTg ngày 24/02/2023)",
            "OCOP criteria and evaluation procedure (Decision 148/QĐ-TTg of 24/02/2023)"),
    RuleSet("2025", "1489/QĐ-TTg", date(2025, 7, 6),
            "Quy trình đánh giá, phân hạng sản phẩm OCOP hai cấp (Quyết định 1489/QĐ-TTg ngày 06/07/2025)",
            "Two-level OCOP evaluation procedure (Decision 1489/QĐ-TTg of 06/07/2025)"),
)}


def national_rule_set(day):
    """The latest rule set whose decision was in force nationally on `day` (the first one before them all)."""
    in_force = [rule_set for rule_set in RULE_SETS.values() if rule_set.effective_from <= day]
    return max(in_force, key=lambda rule_set: rule_set.effective_from) if in_force else RULE_SETS["2019"]


def adoption_on(province_id, day):
    """The province's adoption in force on `day`, or None."""
    return db.session.scalar(select(RuleSetAdoption).where(RuleSetAdoption.province_id == province_id,
                                                           RuleSetAdoption.effective_from <= day)
                             .order_by(RuleSetAdoption.effective_from.desc()).limit(1))


def rule_set_in_force(province_id, day):
    """(rule set, adoption or None): what a case submitted in the province on `day` is evaluated by."""
    adoption = adoption_on(province_id, day) if province_id is not None else None
    return _rule_set_of(adoption, day), adoption


def rule_set_among(adoptions, day):
    """The rule set in force on `day` in a province whose adoptions (any order) are already read: what
    `rule_set_in_force` asks the database, for a page that lists every province with its adoptions."""
    adopted = [adoption for adoption in adoptions if adoption.effective_from <= day]
    return _rule_set_of(max(adopted, key=lambda adoption: adoption.effective_from, default=None), day)


def _rule_set_of(adoption, day):
    return RULE_SETS[adoption.rule_set] if adoption is not None else national_rule_set(day)


def version_of_rule_set(key, rule_set, day):
    """The latest active version of `key` under `rule_set` in force on `day`, or None."""
    return db.session.scalar(select(ProcessModel).where(
        ProcessModel.key == key, ProcessModel.rule_set == rule_set, ProcessModel.is_active,
        (ProcessModel.effective_from.is_(None)) | (ProcessModel.effective_from <= day))
        .order_by(ProcessModel.version.desc()).limit(1))


def version_in_force(key, province_id, day):
    """The version a case submitted in the province on `day` starts on (422 when its rule set has none)."""
    rule_set, _adoption = rule_set_in_force(province_id, day)
    model = version_of_rule_set(key, rule_set.code, day)
    if model is None:
        raise Unprocessable("no_process_model",
                            f"Chưa có quy trình nào theo bộ quy định {rule_set.code} ({rule_set.decision}) được triển "
                            f"khai / No process under the {rule_set.code} rule set ({rule_set.decision}) is deployed")
    return model


def adopt(province, rule_set, effective_from, decision=None, user=None):
    """Record that `province` applies `rule_set` from `effective_from` (replacing an adoption of that day)."""
    if province is None or province.level != "province":
        raise Unprocessable("invalid_request", "Dữ liệu không hợp lệ / Invalid request",
                            details={"province_id": ["Không phải một tỉnh / Not a province"]})
    if rule_set not in RULE_SETS:
        raise Unprocessable("invalid_request", "Dữ liệu không hợp lệ / Invalid request",
                            details={"rule_set": [(f"Bộ quy định phải là một trong {', '.join(RULE_SETS)} / "
                                                   f"The rule set must be one of {', '.join(RULE_SETS)}")]})
    if effective_from < RULE_SETS[rule_set].effective_from:
        decision, day = RULE_SETS[rule_set].decision, RULE_SETS[rule_set].effective_from
        raise Unprocessable("invalid_request", "Dữ liệu không hợp lệ / Invalid request", details={"effective_from": [
            f"Quyết định {decision} có hiệu lực từ {day:%d/%m/%Y} / Decision {decision} took effect on {day:%d/%m/%Y}"]})
    adoption = db.session.scalar(select(RuleSetAdoption).where(RuleSetAdoption.province_id == province.id,
                                                               RuleSetAdoption.effective_from == effective_from))
    if adoption is None:
        adoption = RuleSetAdoption(province_id=province.id, effective_from=effective_from)
        db.session.add(adoption)
    adoption.rule_set, adoption.decision, adoption.created_by = rule_set, decision, user
    db.session.flush()
    record("rule_set.adopted", user=user, province_id=province.id, rule_set=rule_set,
           effective_from=effective_from.isoformat(), decision=decision)
    return adoption


def withdraw(adoption_id, user=None):
    """Remove a recorded adoption (a mistaken one): cases already started keep their version."""
    adoption = db.session.get(RuleSetAdoption, adoption_id)
    if adoption is None:
        raise NotFound("adoption_not_found", "Không tìm thấy quyết định áp dụng / Adoption not found")
    record("rule_set.withdrawn", user=user, province_id=adoption.province_id, rule_set=adoption.rule_set,
           effective_from=adoption.effective_from.isoformat())
    db.session.delete(adoption)
    db.session.flush()
