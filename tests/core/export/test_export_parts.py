"""The pieces under the writers: LaTeX to Word equations, formulas drawn without Qt, Qt's PDF
text map mended, file names."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from app.core.export.document import file_stem, format_of
from app.core.export.mathpng import svg_to_png
from app.core.export.omml import M_NS, latex_to_omml
from app.core.export.pdffix import fix_tounicode
from app.core.export.svgpath import parse_formula, parse_path, polygons
from app.core.render.mathsvg import MathCache

M = f"{{{M_NS}}}"


def tags(omml: str) -> list[str]:
    return [e.tag.removeprefix(M) for e in ET.fromstring(omml).iter() if e.tag.startswith(M)]


@pytest.mark.parametrize("latex, expected", [
    (r"\frac{a}{b}", ["f", "num", "den"]),
    (r"\sqrt{x}", ["rad", "degHide", "deg", "e"]),
    (r"\sqrt[3]{x}", ["rad", "deg", "e"]),
    (r"x^2", ["sSup", "e", "sup"]),
    (r"a_i", ["sSub", "e", "sub"]),
    (r"\sum_{i=1}^n a_i", ["nary", "chr", "sub", "sup", "e"]),
    (r"\int_0^1 x^2\,dx", ["nary", "chr", "limLoc", "sub", "sup", "e", "sSup"]),
    (r"\lim_{x\to 0} x", ["limLow", "e", "lim"]),
    (r"\hat{x}", ["acc", "chr", "e"]),
    (r"\overline{ab}", ["bar", "pos", "e"]),
    (r"\left(\frac12\right)", ["d", "begChr", "endChr", "e", "f"]),
    (r"\begin{matrix}1&2\\3&4\end{matrix}", ["m", "mr", "e", "mr"]),
    (r"\binom{n}{k}", ["f", "type"]),
])
def test_latex_becomes_word_equation_structures(latex, expected):
    found = tags(latex_to_omml(latex))
    assert found[0] == "oMath"
    position = 0
    for tag in expected:  # in this order, other tags between
        position = found.index(tag, position) + 1


def test_display_maths_is_an_equation_paragraph_with_the_text_kept():
    omml = latex_to_omml(r"\text{面積} = \frac{1}{3}", display=True)
    root = ET.fromstring(omml)
    assert root.tag == f"{M}oMathPara" and root[0].tag == f"{M}oMath"
    assert "面積" in "".join(root.itertext()) and "<m:nor/>" in omml


def test_unreadable_latex_is_a_value_error():
    with pytest.raises(ValueError):
        latex_to_omml(r"\frac{")


def test_formula_outlines_and_png_without_qt():
    cache = MathCache()
    image = cache.image(r"\int_0^1 x^2\,dx", False, "#1f2328", 17.0)
    svg = cache.resource(image.url)
    formula = parse_formula(svg)
    assert (formula.width, formula.height) == (image.width, image.height)
    assert len(formula.shapes) >= 5 and all(s.fill == "#1f2328" for s in formula.shapes)
    png, width, height = svg_to_png(svg, 2.0)
    picture = Image.open(io.BytesIO(png))
    assert picture.size == (2 * image.width, 2 * image.height) and (width, height) == (
        image.width, image.height)
    alpha = picture.getchannel("A")
    inked = sum(alpha.histogram()[129:])
    assert 0.03 < inked / (picture.width * picture.height) < 0.5  # ink, not a blot
    assert picture.getpixel((0, 0))[3] == 0  # transparent around it


def test_path_reader_takes_absolute_commands_and_refuses_others():
    commands = parse_path("M 0 0 L 10 0 Q 10 10 0 10 H 5 V 2 Z")
    assert [c for c, _ in commands] == ["M", "L", "Q", "L", "L", "Z"]
    assert commands[3][1] == (5.0, 10.0) and commands[4][1] == (5.0, 2.0)
    assert len(polygons(commands, steps=4)[0]) == 1 + 1 + 4 + 2
    with pytest.raises(ValueError):
        parse_path("m 0 0 l 1 1")
    with pytest.raises(ValueError):
        parse_formula(b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1">'
                      b'<circle r="1"/></svg>')


CMAP = (b"%PDF-1.4\n5 0 obj\n<< /Length 200 >>\nstream\nbegincmap\n"
        b"2 beginbfrange\n<0000> <0000> <0000>\n<0001> <0003> [<2F00> <4E2D> <2F42>]\n"
        b"endbfrange\n1 beginbfchar\n<2F08> <2F08>\nendbfchar\nendcmap\nendstream\n")


def test_qt_pdf_text_map_names_ideographs_not_radicals():
    fixed = fix_tounicode(CMAP)
    assert len(fixed) == len(CMAP)
    assert b"[<4E00> <4E2D> <6587>]" in fixed  # ⼀ → 一, ⽂ → 文
    assert b"<2F08> <4EBA>" in fixed  # the source (a glyph id) is left alone; ⼈ → 人
    assert fix_tounicode(b"%PDF-1.4 nothing to do") == b"%PDF-1.4 nothing to do"


def test_file_names_and_formats():
    assert file_stem('微積分: "定積分"?') == "微積分 定積分"
    assert file_stem("   ") == "Parley chat"
    assert format_of("notes.MD") == "md" and format_of("x.htm") == "html"
    assert format_of("x.pdf", "docx") == "docx" and format_of("x.txt") is None


@pytest.mark.parametrize("meta, expected", [
    ({"unit": "page", "count": 4, "pages": "1-4", "image_pages": ""}, "4 pages"),
    ({"unit": "page", "count": 1, "pages": "1", "image_pages": "1"},
     "1 page · page 1 as an image"),
    ({"unit": "page", "count": 300, "pages": "1-5,9", "image_pages": ""},
     "pages 1-5,9 of 300"),
    ({"unit": "slide", "count": 12, "pages": "1-12", "image_pages": "3,7"},
     "12 slides · slides 3, 7 as images"),
    ({}, ""),
])
def test_what_a_stored_document_says_was_sent(meta, expected):
    from app.core.documents.model import describe_sent

    assert describe_sent(meta) == expected


def test_attached_documents_are_named_in_every_format_never_embedded():
    from app.core.export.document import ExportDocument, ExportFile, ExportMessage
    from app.core.export.docx_out import docx_bytes
    from app.core.export.html_out import document_html
    from app.core.export.markdown_out import markdown_export

    files = (ExportFile("lecture.pdf", "4 pages"), ExportFile("筆記.docx", ""))
    doc = ExportDocument("t", 0.0, "m", (ExportMessage(1, "user", "Read these", "", 0.0,
                                                       files=files),))
    line = "Attached: lecture.pdf (4 pages)"
    assert f"*{line}*" in markdown_export(doc).text
    assert "Attached: 筆記.docx\n" in markdown_export(doc).text.replace("*", "")
    assert line in document_html(doc)
    from docx import Document

    word = Document(io.BytesIO(docx_bytes(doc)))
    assert line in [p.text for p in word.paragraphs] and not word.inline_shapes
