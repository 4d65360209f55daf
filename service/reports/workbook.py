"""A report as an Excel workbook (openpyxl), ready to attach to an official report: one sheet per table,
each headed by the report's title, the issuing unit, the unit covered, the period and the day it was
made, then the table with its header row frozen, a totals row, and the rows kept out of the totals.
Always in Vietnamese, the language of the reports to the People's Committee and the Ministry."""
from datetime import date
from io import BytesIO

from flask_babel import force_locale
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ..certificates.lifecycle import today
from . import figures
from .scope import unit_name

HEADER_ROW = 8
DATE_FORMAT = "DD/MM/YYYY"
MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
THIN = Side(style="thin", color="9E9E9E")


def _day(value):
    return value.strftime("%d/%m/%Y")


def heading(name, scope, issuer):
    """The header lines of every sheet."""
    return [figures.title_of(name).upper(),
            _("Đơn vị báo cáo: %(issuer)s", issuer=issuer),
            _("Phạm vi: %(unit)s", unit=unit_name(scope) or _("Toàn quốc")),
            _("Kỳ báo cáo: từ ngày %(start)s đến ngày %(end)s", start=_day(scope.start), end=_day(scope.end)),
            _("Ngày lập: %(day)s", day=_day(today()))]


def _write_table(sheet, table, lines):
    for row, line in enumerate(lines, start=1):
        sheet.cell(row=row, column=1, value=line).font = Font(bold=row == 1, size=14 if row == 1 else 11)
    sheet.cell(row=len(lines) + 1, column=1, value=table.title).font = Font(bold=True, size=12)
    if table.note:
        sheet.cell(row=len(lines) + 2, column=1, value=table.note).font = Font(italic=True)
    headers = [("label", table.label), *table.columns]
    fill = PatternFill("solid", fgColor="E8F5E9")
    for column, (_key, header) in enumerate(headers, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=column, value=header)
        cell.font, cell.fill, cell.border = Font(bold=True), fill, Border(THIN, THIN, THIN, THIN)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[get_column_letter(column)].width = 34 if column == 1 else max(12, min(40, len(header) + 4))
    row = HEADER_ROW
    total = table.total()
    body = [(values, False) for values in table.rows]
    if total is not None:
        body.append(({"label": _("Tổng cộng"), **total}, True))
    body += [(values, False) for values in table.extra]
    for values, bold in body:
        row += 1
        for column, (key, _header) in enumerate(headers, start=1):
            cell = sheet.cell(row=row, column=column, value=values.get(key))
            cell.border = Border(THIN, THIN, THIN, THIN)
            cell.font = Font(bold=bold)
            if isinstance(values.get(key), date):
                cell.number_format = DATE_FORMAT
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=2)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1


def write(name, scope, issuer, tables):
    """The workbook's bytes: a sheet per table."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    lines = heading(name, scope, issuer)
    for table in tables:
        _write_table(workbook.create_sheet(table.sheet[:31]), table, lines)
    workbook.properties.title = lines[0]
    workbook.properties.creator = issuer
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def build(name, scope, issuer, progress=None):
    """Build the report's tables and write them, in Vietnamese; `progress(done, total)` after each table."""
    with force_locale("vi"):
        return write(name, scope, issuer, figures.tables(name, scope, progress))


def filename_of(name, scope):
    return f"bao-cao-ocop-{name}-{scope.start.isoformat()}-{scope.end.isoformat()}.xlsx"
