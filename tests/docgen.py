"""Documents the tests (and bench/) make for themselves: PDFs drawn with PDFium (pypdfium2's
raw API: text objects in a standard font or an embedded CJK font, image objects), and
.docx/.pptx/.xlsx written with python-docx, python-pptx and openpyxl — the libraries made
for those formats — so Parley's own readers are checked against what they write.

CJK text in a PDF needs a CJK font: :data:`CJK_FONT` (Debian's fonts-noto-cjk);
:func:`cjk_font` returns None when it is absent and tests skip.
"""

from __future__ import annotations

import ctypes
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw

CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CHINESE = "香港教育大學的學生正在學習機器學習，並以中文撰寫報告。"
FORMULA = "E = mc^2, a^2 + b^2 = c^2, sum(i, 1..n) = n(n+1)/2"
TABLE = [["Item", "Qty", "Price"], ["Pens", "12", "3.50"], ["Paper", "500", "42.00"]]
A4 = (595.0, 842.0)


def cjk_font() -> Path | None:
    return CJK_FONT if CJK_FONT.is_file() else None


@dataclass
class Page:
    """A PDF page: lines of text from the top (CJK lines need ``cjk=True``), or a picture
    covering the page (a scan: no text layer)."""

    lines: Sequence[str] = ()
    cjk: bool = False
    picture: Image.Image | None = None
    size: tuple[float, float] = A4
    extra: list[str] = field(default_factory=list)


def scan_picture(text: str = "SCANNED HANDOUT", size: tuple[int, int] = (1240, 1754)) -> Image.Image:
    """A greyscale page photo with big lettering: what a scanner makes."""
    image = Image.new("L", size, 235)
    draw = ImageDraw.Draw(image)
    for y in range(120, size[1] - 120, 60):
        draw.line((100, y, size[0] - 100, y), fill=60, width=6)
    draw.rectangle((100, 40, size[0] - 100, 110), fill=20)
    draw.text((120, 60), text, fill=255)
    return image


def make_pdf(path: Path, pages: Sequence[Page]) -> Path:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument.new()
    latin = raw.FPDFText_LoadStandardFont(pdf, b"Helvetica")
    cjk = None
    keep: list[object] = []
    for spec in pages:
        width, height = spec.size
        page = pdf.new_page(width, height)
        if spec.lines and spec.cjk and cjk is None:
            font = cjk_font()
            if font is None:
                raise RuntimeError("no CJK font installed")
            data = font.read_bytes()
            buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
            keep.append(buffer)
            cjk = raw.FPDFText_LoadFont(pdf, buffer, len(data), raw.FPDF_FONT_TRUETYPE, True)
        for row, line in enumerate(spec.lines):
            font = cjk if spec.cjk and any(ord(ch) > 0x2E80 for ch in line) else latin
            obj = raw.FPDFPageObj_CreateTextObj(pdf, font, 11.0)
            text = ctypes.create_string_buffer((line + "\x00").encode("utf-16-le"))
            raw.FPDFText_SetText(obj, ctypes.cast(text, ctypes.POINTER(raw.FPDF_WCHAR)))
            raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 56, height - 60 - 16 * row)
            raw.FPDFPage_InsertObject(page, obj)
        if spec.picture is not None:
            image = pdfium.PdfImage.new(pdf)
            bitmap = pdfium.PdfBitmap.from_pil(spec.picture.convert("RGB"))
            image.set_bitmap(bitmap)
            image.set_matrix(pdfium.PdfMatrix().scale(width, height))
            page.insert_obj(image)
        page.gen_content()
        keep.append(page)
    pdf.save(str(path))
    pdf.close()
    return path


def sample_pdf(path: Path) -> Path:
    """Four pages: Chinese text, a formula-like line and a table, then a scanned page
    (image only), then plain English text."""
    pages = [
        Page(["Chapter 1: Introduction", CHINESE, "第二行：學習評估與回饋。"], cjk=True),
        Page(["Formulas and a table", FORMULA,
              *["   ".join(row) for row in TABLE]]),
        Page(picture=scan_picture()),
        Page([f"Summary line {i}: the quick brown fox jumps over the lazy dog." for i in
              range(1, 6)]),
    ]
    return make_pdf(path, pages)


def text_pdf(path: Path, pages: int, lines: int = 40) -> Path:
    """A long text-only PDF (the bench's 300 pages)."""
    return make_pdf(path, [Page([f"Page {p} line {i}: The lecture covers sorting, hashing "
                                 f"and graphs; complexity O(n log n) for case {i}." for i in
                                 range(1, lines + 1)]) for p in range(1, pages + 1)])


def encrypted_pdf(path: Path, password: str = "secret") -> Path:
    """A PDF that needs ``password`` (pypdf writes the encryption)."""
    from pypdf import PdfReader, PdfWriter

    plain = io.BytesIO()
    make_pdf(path, [Page(["Confidential minutes of the meeting."])])
    writer = PdfWriter(clone_from=PdfReader(path))
    writer.encrypt(password, algorithm="AES-128")
    writer.write(plain)
    path.write_bytes(plain.getvalue())
    return path


def sample_docx(path: Path, paragraphs: int = 3, page_breaks: bool = False) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("Project report", level=1)
    document.add_paragraph(CHINESE)
    for i in range(paragraphs):
        document.add_paragraph(f"Paragraph {i + 1} talks about results.")
        if page_breaks:
            document.add_page_break()
    table = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    for r, row in enumerate(TABLE):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("First point", style="List Bullet")
    document.save(str(path))
    return path


def sample_pptx(path: Path, slides: int = 3, picture_slides: Sequence[int] = (2,)) -> Path:
    """Text slides with notes; the slides in ``picture_slides`` hold one full-slide photo."""
    from pptx import Presentation
    from pptx.util import Emu

    deck = Presentation()
    for number in range(1, slides + 1):
        if number in picture_slides:
            slide = deck.slides.add_slide(deck.slide_layouts[6])  # blank
            stream = io.BytesIO()
            scan_picture(f"WHITEBOARD {number}", (1600, 1200)).convert("RGB").save(stream, "JPEG")
            stream.seek(0)
            slide.shapes.add_picture(stream, Emu(0), Emu(0), deck.slide_width, deck.slide_height)
            continue
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = f"Slide {number} title"
        slide.placeholders[1].text = f"Point A of slide {number}\n{CHINESE}"
        slide.notes_slide.notes_text_frame.text = f"Say hello on slide {number}."
    deck.save(str(path))
    return path


def sample_xlsx(path: Path) -> Path:
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Budget"
    for row in TABLE:
        sheet.append([float(v) if v.replace(".", "").isdigit() else v for v in row])
    sheet.append(["Total", None, "=C2+C3"])
    other = book.create_sheet("日程")
    other.append(["日期", "事項"])
    other.append([dt.date(2025, 3, 1), "開學"])
    book.save(str(path))
    return path
