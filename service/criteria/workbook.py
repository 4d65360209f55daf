"""The Excel template of a criteria sheet (openpyxl): written from a sheet version, read back as a definition.

Three worksheets, Vietnamese headers in the first row:
- `Phiếu` (the sheet): rows of key and value: rule set, code, title, source, product groups
  (codes separated by commas; empty for the rule set's fallback sheet).
- `Phần` (parts): code (A, B, C), title, maximum.
- `Tiêu chí` (criteria): one row per option. A row with a criterion code starts a criterion (part,
  code, text, English text, mandatory "x", bonus "x") and holds its first option; the rows below
  with the criterion columns empty add its further options (text, English text, points).

`read_workbook` gives a definition whose parts, criteria and options carry their place
(`"Tiêu chí!12"`), so that `operations.sheet_problems` reports each problem on its row.
"""
from io import BytesIO
from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from ..errors import Unprocessable

SHEET, PARTS, CRITERIA = "Phiếu", "Phần", "Tiêu chí"
SHEET_KEYS = [("rule_set", "Bộ quy định (2019, 2023, 2025)"), ("code", "Mã phiếu"), ("title", "Tên phiếu"),
              ("source", "Nguồn (văn bản, điều, phụ lục)"), ("group_codes", "Nhóm, phân nhóm sản phẩm (mã, cách nhau bởi dấu phẩy)")]
PART_COLUMNS = ["Phần", "Tên phần", "Điểm tối đa"]
CRITERION_COLUMNS = ["Phần", "Mã tiêu chí", "Nội dung tiêu chí", "Nội dung (tiếng Anh)", "Bắt buộc (x)", "Điểm cộng (x)",
                     "Phương án", "Phương án (tiếng Anh)", "Điểm"]
MAX_BYTES = 2 << 20
MAX_ROWS = 2000


def write_workbook(definition):
    """The template filled with `definition` (a sheet version's, or an empty one), as .xlsx bytes."""
    book = Workbook()
    about = book.active
    about.title = SHEET
    about.append(["Mục", "Giá trị", "Khoá"])
    for key, label in SHEET_KEYS:
        value = definition.get(key)
        about.append([label, ", ".join(value) if isinstance(value, list) else value, key])
    parts = book.create_sheet(PARTS)
    parts.append(PART_COLUMNS)
    for part in definition.get("parts", []):
        parts.append([part["code"], part["title"], part["maximum"]])
    criteria = book.create_sheet(CRITERIA)
    criteria.append(CRITERION_COLUMNS)
    for criterion in definition.get("criteria", []):
        for index, option in enumerate(criterion["options"]):
            head = [criterion["part"], criterion["code"], criterion["text_vi"], criterion.get("text_en"),
                    "x" if criterion.get("mandatory") else None, "x" if criterion.get("bonus") else None] \
                if index == 0 else [None] * 6
            criteria.append([*head, option["text_vi"], option.get("text_en"), option["points"]])
    for worksheet, widths in ((about, (45, 80, 12)), (parts, (8, 60, 12)),
                              (criteria, (8, 12, 60, 40, 12, 12, 40, 30, 8))):
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
        for column, width in zip("ABCDEFGHI", widths):
            worksheet.column_dimensions[column].width = width
        worksheet.freeze_panes = "A2"
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def read_workbook(content):
    """The definition in an uploaded template; 422 `invalid_workbook` when it is not one."""
    if len(content) > MAX_BYTES:
        raise Unprocessable("invalid_workbook", f"Tệp quá lớn (tối đa {MAX_BYTES >> 20} MB) / The file is too large "
                                                f"(at most {MAX_BYTES >> 20} MB)")
    try:
        book = load_workbook(BytesIO(content), read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError):
        raise Unprocessable("invalid_workbook", "Tệp không phải là tệp Excel (.xlsx) / The file is not an Excel "
                                                "workbook (.xlsx)") from None
    missing = [name for name in (SHEET, PARTS, CRITERIA) if name not in book.sheetnames]
    if missing:
        raise Unprocessable("invalid_workbook", f"Thiếu trang tính {', '.join(missing)} của mẫu / The template's "
                                                f"worksheet(s) {', '.join(missing)} are missing")
    definition = {"parts": [], "criteria": []}
    for row in _rows(book[SHEET]):
        key = _text(row.values[2]) if len(row.values) > 2 else None
        if key in dict(SHEET_KEYS):
            value = row.values[1]
            if key == "group_codes":
                definition[key] = [code.strip() for code in str(value or "").split(",") if code.strip()]
            else:
                definition[key] = _text(value)
    for row in _rows(book[PARTS]):
        code, title, maximum = (list(row.values) + [None] * 3)[:3]
        definition["parts"].append({"at": row.at, "code": _text(code), "title": _text(title), "maximum": _number(maximum)})
    criterion = None
    for row in _rows(book[CRITERIA]):
        part, code, text_vi, text_en, mandatory, bonus, option_vi, option_en, points = (list(row.values) + [None] * 9)[:9]
        option = {"at": row.at, "text_vi": _text(option_vi), "text_en": _text(option_en), "points": _number(points)}
        if _text(code) or _text(part) or _text(text_vi):
            criterion = {"at": row.at, "part": _text(part), "code": _text(code), "text_vi": _text(text_vi),
                         "text_en": _text(text_en), "mandatory": bool(_text(mandatory)), "bonus": bool(_text(bonus)),
                         "options": []}
            definition["criteria"].append(criterion)
        if criterion is None:
            criterion = {"at": row.at, "options": []}
            definition["criteria"].append(criterion)
        criterion["options"].append(option)
    return definition


class _Row:
    def __init__(self, at, values):
        self.at, self.values = at, values


def _rows(worksheet):
    """The worksheet's non-empty rows after the header, each with its place ("Tiêu chí!12")."""
    for number, values in enumerate(worksheet.iter_rows(min_row=2, max_row=MAX_ROWS + 1, values_only=True), 2):
        if any(value not in (None, "") for value in values):
            yield _Row(f"{worksheet.title}!{number}", list(values))


def _text(value):
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _number(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    try:
        return float(str(value).replace(",", ".")) if value not in (None, "") else None
    except ValueError:
        return value
