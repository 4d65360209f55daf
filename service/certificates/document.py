"""The certificate as a PDF: A4 landscape, in Vietnamese, with a QR code to its verification page.

fpdf2 writes the PDF and embeds a subset of a TrueType font that has the Vietnamese letters
(DejaVu Serif, from the folder `OCOP_CERTIFICATE_FONTS`), with a Unicode map, so the text can be
read and searched as typed. The QR code (segno) is drawn as vector squares and is also a link, so
the certificate is checked by scanning the paper or clicking the file. The PDF shows the status on
the day it is made: a revoked, superseded or expired certificate says so across the page.
"""
import segno
from fpdf import FPDF

from .. import clock
from .fonts import FONT, add_fonts
from .lifecycle import status_of, today, verify_url

LEVELS = {"district": "cấp huyện", "province": "cấp tỉnh", "national": "cấp quốc gia"}
STATUS_NOTES = {"expired": "HẾT HIỆU LỰC", "revoked": "ĐÃ THU HỒI", "superseded": "ĐÃ ĐƯỢC THAY THẾ"}
QR_SIZE = 38  # mm
RED = (170, 20, 20)


def _date(day):
    return day.strftime("%d/%m/%Y")


def issuer_name(certificate):
    if certificate.level == "national":
        return "BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN"
    case = certificate.case
    if certificate.level == "district" and case.district is not None:
        return f"ỦY BAN NHÂN DÂN {case.district.name.upper()}"
    return f"ỦY BAN NHÂN DÂN TỈNH {case.province.name.upper()}"


def _pdf():
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    add_fonts(pdf)
    pdf.set_auto_page_break(False)
    pdf.set_margins(20, 16, 20)
    pdf.set_creation_date(clock.now())
    return pdf


def _line(pdf, text, size, style="", height=None, align="C", colour=(0, 0, 0)):
    pdf.set_font(FONT, style, size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, height or size * 0.5, text, align=align, new_x="LMARGIN", new_y="NEXT")


def _stars(pdf, count, radius=4.5, gap=3):
    """`count` golden five-pointed stars, centred on a line of their own."""
    width = count * 2 * radius + (count - 1) * gap
    left, y = (pdf.w - width) / 2 + radius, pdf.get_y() + radius + 1
    pdf.set_fill_color(215, 160, 0)
    for index in range(count):
        pdf.star(left + index * (2 * radius + gap), y, radius * 0.45, radius, corners=5, rotate_degrees=90,
                 style="F")
    pdf.set_y(y + radius + 3)


def _qr_code(pdf, url, x, y, size):
    """The QR code of `url` as vector squares in a `size` mm square at (x, y), which links to `url`."""
    code = segno.make(url, error="m")
    rows = list(code.matrix_iter(scale=1, border=2))
    module = size / len(rows)
    pdf.set_fill_color(0, 0, 0)
    for row_index, row in enumerate(rows):
        for column_index, dark in enumerate(row):
            if dark:
                pdf.rect(x + column_index * module, y + row_index * module, module, module, style="F")
    pdf.link(x, y, size, size, url)


def certificate_pdf(certificate):
    """The PDF of a certificate (bytes)."""
    case, product = certificate.case, certificate.product
    status = status_of(certificate)
    url = verify_url(certificate)
    pdf = _pdf()
    pdf.set_title(f"Giấy chứng nhận sản phẩm OCOP {certificate.number}")
    pdf.set_author(issuer_name(certificate))
    pdf.add_page()
    pdf.set_draw_color(150, 110, 20)
    pdf.set_line_width(1.2)
    pdf.rect(8, 8, 281, 194)
    pdf.set_line_width(0.3)
    pdf.rect(11, 11, 275, 188)

    top = pdf.get_y()
    pdf.set_font(FONT, "B", 11)
    pdf.set_xy(20, top)
    pdf.multi_cell(120, 6, issuer_name(certificate), align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_font(FONT, "", 11)
    pdf.multi_cell(120, 6, f"Số: {certificate.number}", align="C")
    pdf.set_xy(150, top)
    pdf.set_font(FONT, "B", 11)
    pdf.multi_cell(127, 6, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align="C", new_x="LEFT", new_y="NEXT")
    pdf.multi_cell(127, 6, "Độc lập - Tự do - Hạnh phúc", align="C")

    pdf.set_y(top + 24)
    _line(pdf, "GIẤY CHỨNG NHẬN", 26, "B", 12, colour=RED)
    recognition = certificate.recognition
    potential = " (TIỀM NĂNG 5 SAO)" if recognition is not None and recognition.potential_five else ""
    _line(pdf, f"SẢN PHẨM OCOP ĐẠT HẠNG {certificate.stars} SAO{potential}", 16, "B", 9, colour=RED)
    _stars(pdf, certificate.stars)
    _line(pdf, "Chứng nhận sản phẩm", 12, "", 8)
    _line(pdf, product.name, 20, "B", 11)
    place = ", ".join(unit.name for unit in (case.commune, case.district, case.province) if unit is not None)
    details = [f"Chủ thể sản xuất: {case.entity.name}", f"Địa chỉ: {place}",
               f"Đạt {certificate.stars} sao {LEVELS.get(certificate.level, certificate.level)}"
               + (f", {certificate.score:g} điểm" if certificate.score is not None else ""),
               f"Ngày cấp: {_date(certificate.issued_on)}    Có hiệu lực đến: {_date(certificate.valid_until)}"]
    if recognition is not None:
        decision = recognition.decision
        details.append(f"Theo Quyết định số {decision.number} ngày {_date(decision.decided_on)}; "
                       f"người ký: {decision.signer_title} {decision.signer_name}")
    for text in details:
        _line(pdf, text, 12, "", 7)

    if status != "valid":
        pdf.ln(2)
        note = f"{STATUS_NOTES[status]} (ngày {_date(today())})"
        if status == "revoked":
            note += (f": Quyết định số {certificate.revocation_decision} ngày "
                     f"{_date(certificate.revocation_date)}; lý do: {certificate.revocation_reason}")
        elif status == "superseded":
            note += f": thay bằng giấy chứng nhận số {certificate.superseded_by.number}"
        pdf.set_x(50)
        pdf.set_font(FONT, "B", 12)
        pdf.set_text_color(*RED)
        pdf.multi_cell(197, 6, note, align="C")

    x, y = 297 - 20 - QR_SIZE, 210 - 18 - QR_SIZE - 8
    _qr_code(pdf, url, x, y, QR_SIZE)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, "", 8)
    pdf.set_xy(20, y + QR_SIZE - 10)
    pdf.multi_cell(x - 26, 4, "Kiểm tra giấy chứng nhận: quét mã QR hoặc mở địa chỉ", align="R",
                   new_x="LEFT", new_y="NEXT")
    pdf.multi_cell(x - 26, 4, url, align="R", link=url)
    return bytes(pdf.output())
