"""The import templates (openpyxl): one worksheet of data whose first row names each column in Vietnamese,
the second in English, the third an example that is never imported; a worksheet of the lists that the
data validation of the stars, levels, entity types, product groups and districts offers. Reading checks
the two header rows and gives the data rows with their Excel row numbers."""
import math
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from ..errors import Unprocessable

DATA_SHEET = "Dữ liệu"
LISTS_SHEET = "Danh mục"
FIRST_ROW = 4  # rows 1-2: the headers, row 3: the example
MAX_ROWS = 5000
MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    key: str
    vi: str
    en: str
    required: bool = False
    choices: str | None = None  # the list of the Lists sheet it takes its values from
    example: object = None


LEVELS = {"huyện": "district", "tỉnh": "province", "trung ương": "national"}
ENTITY_TYPES = {"doanh nghiệp": "enterprise", "hợp tác xã": "cooperative", "tổ hợp tác": "cooperative_group",
                "hộ sản xuất": "household"}

CERTIFICATE_COLUMNS = (
    Column("number", "Số giấy chứng nhận", "Certificate number", True, example="LC-2019-0001"),
    Column("level", "Cấp công nhận", "Recognising level", True, "levels", "Tỉnh"),
    Column("stars", "Số sao", "Stars", True, "stars", 4),
    Column("score", "Điểm", "Score", example=78.5),
    Column("decision_number", "Số quyết định công nhận", "Recognition decision number", True,
           example="1234/QĐ-UBND"),
    Column("decided_on", "Ngày quyết định (ngày cấp)", "Decision date (issue date)", True, example=date(2019, 12, 20)),
    Column("valid_until", "Hiệu lực đến (để trống: 36 tháng)", "Valid until (empty: 36 months)",
           example=date(2022, 12, 20)),
    Column("signer_name", "Người ký", "Signer", example="Nguyễn Văn A"),
    Column("signer_title", "Chức vụ người ký", "Signer's title", example="Phó Chủ tịch UBND tỉnh"),
    Column("product_name", "Tên sản phẩm", "Product name", True, example="Chè Shan tuyết Tà Xùa"),
    Column("subgroup_code", "Mã phân nhóm sản phẩm", "Product sub-group code", True, "subgroups",
           "do_uong_khong_con"),
    Column("producer_name", "Tên chủ thể", "Producer", True, example="HTX Chè Bình Lư"),
    Column("entity_type", "Loại hình chủ thể", "Type of producer", True, "entity_types", "Hợp tác xã"),
    Column("tax_code", "Mã số thuế / số đăng ký kinh doanh", "Tax code / business registration number",
           example="6200123456"),
    Column("district", "Huyện", "District", True, "districts", "Tam Đường"),
    Column("commune", "Xã", "Commune", True, example="Bình Lư"),
)
SURVEY_COLUMNS = (
    Column("year", "Năm khảo sát", "Survey year", True, example=2020),
    Column("district", "Huyện", "District", True, "districts", "Tam Đường"),
    Column("commune", "Xã", "Commune", True, example="Bình Lư"),
    Column("product_name", "Tên sản phẩm tiềm năng", "Potential product", True, example="Miến dong"),
    Column("group_code", "Mã nhóm sản phẩm", "Product group code", False, "groups", "thuc_pham"),
    Column("producer_name", "Tên chủ thể", "Producer", True, example="Hộ ông Lò Văn B"),
    Column("entity_type", "Loại hình chủ thể", "Type of producer", False, "entity_types", "Hộ sản xuất"),
    Column("note", "Ghi chú", "Note", example="Có cơ sở sản xuất, chưa đăng ký kinh doanh"),
)
COLUMNS = {"certificates": CERTIFICATE_COLUMNS, "survey": SURVEY_COLUMNS}
TITLES = {"certificates": "mau-nhap-giay-chung-nhan.xlsx", "survey": "mau-nhap-khao-sat.xlsx"}


def write_template(kind, groups, subgroups, districts):
    """The empty template of `kind` as .xlsx bytes; `groups` and `subgroups` [(code, name)], `districts` [name]
    fill the lists."""
    columns = COLUMNS[kind]
    book = Workbook()
    sheet = book.active
    sheet.title = DATA_SHEET
    sheet.append([column.vi + (" *" if column.required else "") for column in columns])
    sheet.append([column.en for column in columns])
    sheet.append([column.example for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet[2]:
        cell.font = Font(italic=True)
    for cell in sheet[3]:
        cell.font, cell.fill = Font(italic=True, color="777777"), PatternFill("solid", fgColor="EEEEEE")
        if isinstance(cell.value, date):
            cell.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = f"A{FIRST_ROW}"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(14, min(40, len(column.vi) + 4))
    lists = book.create_sheet(LISTS_SHEET)
    values = {"levels": ["Huyện", "Tỉnh", "Trung ương"], "stars": [3, 4, 5],
              "entity_types": ["Doanh nghiệp", "Hợp tác xã", "Tổ hợp tác", "Hộ sản xuất"],
              "groups": [code for code, _name in groups], "subgroups": [code for code, _name in subgroups],
              "districts": list(districts)}
    for index, (name, items) in enumerate(values.items(), start=1):
        letter = get_column_letter(index)
        lists.cell(row=1, column=index, value=name)
        for row, item in enumerate(items, start=2):
            lists.cell(row=row, column=index, value=item)
        for offset, (named, titled) in enumerate((("groups", groups), ("subgroups", subgroups)), start=1):
            if name == named:
                lists.cell(row=1, column=len(values) + offset, value=f"{named}: tên / name")
                for row, (_code, title) in enumerate(titled, start=2):
                    lists.cell(row=row, column=len(values) + offset, value=title)
        for position, column in enumerate(columns, start=1):
            if column.choices == name and items:
                validation = DataValidation(type="list", allow_blank=not column.required,
                                            formula1=f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(items) + 1}")
                validation.error = "Chọn một giá trị trong danh sách / Choose a value from the list"
                sheet.add_data_validation(validation)
                target = get_column_letter(position)
                validation.add(f"{target}{FIRST_ROW}:{target}{FIRST_ROW + MAX_ROWS}")
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _empty(value):
    return value is None or (isinstance(value, str) and not value.strip())


def read_rows(path, kind):
    """[(Excel row number, {key: value})] of the data rows in the file at `path`; 422 `invalid_workbook` when it
    is not the template of `kind` (another file, or its header rows changed)."""
    try:
        book = load_workbook(BytesIO(path.read_bytes()), read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError, InvalidFileException):
        raise Unprocessable("invalid_workbook", "Tệp không phải là tệp Excel (.xlsx) / The file is not an Excel "
                                                "workbook (.xlsx)") from None
    try:
        if DATA_SHEET not in book.sheetnames:
            raise Unprocessable("invalid_workbook", f"Thiếu trang tính “{DATA_SHEET}” của mẫu / The template's "
                                                    f"worksheet “{DATA_SHEET}” is missing")
        columns = COLUMNS[kind]
        rows = book[DATA_SHEET].iter_rows(values_only=True)
        english = [None, None]
        for index in range(2):
            english[index] = [str(value).strip() if value is not None else "" for value in next(rows, ())]
        expected = [column.en for column in columns]
        if english[1][:len(expected)] != expected:
            raise Unprocessable("invalid_workbook", "Hàng tiêu đề không đúng mẫu: hãy tải mẫu mới và chép dữ liệu "
                                                    "vào / The header rows are not the template's: download the "
                                                    "template again and copy the data into it",
                                details={"expected": expected})
        next(rows, None)  # the example
        found = []
        for number, values in enumerate(rows, start=FIRST_ROW):
            values = list(values)[:len(columns)] + [None] * max(0, len(columns) - len(values))
            if all(_empty(value) for value in values):
                continue
            found.append((number, {column.key: value for column, value in zip(columns, values, strict=True)}))
            if len(found) > MAX_ROWS:
                raise Unprocessable("invalid_workbook", f"Tối đa {MAX_ROWS} dòng một tệp / At most {MAX_ROWS} "
                                                        "rows per file")
        return found
    finally:
        book.close()


class RowRefused(Exception):
    """The row's problems: [(column key, "Tiếng Việt / English")]."""

    def __init__(self, problems):
        super().__init__(problems)
        self.problems = problems


def label_of(kind, key):
    """"Vietnamese / English" header of a column."""
    column = next(column for column in COLUMNS[kind] if column.key == key)
    return f"{column.vi} / {column.en}"


class Cells:
    """Reads a row's cells into values, collecting each cell's problem instead of stopping at the first."""

    def __init__(self, kind, values):
        self.kind, self.values, self.problems = kind, values, []
        self.required = {column.key for column in COLUMNS[kind] if column.required}

    def refuse(self, key, message):
        self.problems.append((key, message))

    def text(self, key, limit=300):
        value = self.values.get(key)
        if _empty(value):
            if key in self.required:
                self.refuse(key, "Bắt buộc phải nhập / Required")
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = " ".join(str(value).split())
        if len(text) > limit:
            self.refuse(key, f"Dài quá {limit} ký tự / Longer than {limit} characters")
            return None
        return text

    def choice(self, key, choices):
        text = self.text(key, 50)
        if text is None:
            return None
        lowered = text.lower()
        if lowered in choices.values():
            return lowered
        if lowered not in choices:
            self.refuse(key, f"Không thuộc danh sách ({', '.join(choices)}) / Not one of the list "
                             f"({', '.join(choices.values())})")
            return None
        return choices[lowered]

    def number(self, key, minimum, maximum, whole=False):
        value = self.values.get(key)
        if _empty(value):
            if key in self.required:
                self.refuse(key, "Bắt buộc phải nhập / Required")
            return None
        try:
            number = float(str(value).replace(",", ".")) if isinstance(value, str) else float(value)
        except (TypeError, ValueError):
            number = None
        if number is None or math.isnan(number) or not minimum <= number <= maximum or (whole and not number.is_integer()):
            kind = "số nguyên" if whole else "số"
            self.refuse(key, f"Cần {kind} từ {minimum} đến {maximum} / Needs a "
                             f"{'whole ' if whole else ''}number from {minimum} to {maximum}")
            return None
        return int(number) if whole else number

    def day(self, key):
        value = self.values.get(key)
        if _empty(value):
            if key in self.required:
                self.refuse(key, "Bắt buộc phải nhập / Required")
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value).strip()
        for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
            try:
                return datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        self.refuse(key, "Ngày không hợp lệ (dd/mm/yyyy) / Not a date (dd/mm/yyyy)")
        return None
