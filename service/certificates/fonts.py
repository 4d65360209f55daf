"""The DejaVu fonts of the service's PDFs (certificates, council minutes), parsed once per process.

fpdf2's `add_font` reads a TrueType file with fontTools and works out its character map, widths and
glyph ids every time, about 13 ms a font, and its `output` subsets the font's fontTools object in place.
So each process parses each font once (`_parsed`) and gives every PDF a copy that shares what
writing never changes (the character map, widths, glyph ids, descriptor) and owns what it does:
the characters it used (`subset`, `missing_glyphs`) and a fontTools object of its own, opened
lazily from the file's bytes kept in memory, for `output` to subset.
"""
import copy
from io import BytesIO
from pathlib import Path

from flask import current_app
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import SubsetMap

FONT = "DejaVuSerif"
FONT_FILES = {"": "DejaVuSerif.ttf", "B": "DejaVuSerif-Bold.ttf"}
_PARSED = {}  # path -> (fpdf2's parsed font, the file's bytes)


def _parsed(path, style):
    if path not in _PARSED:
        reader = FPDF()
        reader.add_font(FONT, style, path)
        _PARSED[path] = (next(iter(reader.fonts.values())), Path(path).read_bytes())
    return _PARSED[path]


def add_fonts(pdf):
    """Make the DejaVu fonts (FONT, regular and "B") available to `pdf`, as `pdf.add_font` would."""
    folder = Path(current_app.config["OCOP_CERTIFICATE_FONTS"])
    for style, name in FONT_FILES.items():
        parsed, content = _parsed(str(folder / name), style)
        font = copy.copy(parsed)
        font.i = len(pdf.fonts) + 1
        font.ttfont = TTFont(BytesIO(content), recalcTimestamp=False, lazy=True)
        font.missing_glyphs, font.biggest_size_pt, font._hbfont = [], 0, None
        font.subset = SubsetMap(font)
        pdf.fonts[font.fontkey] = font
