"""Inline maths sits on the text's baseline: Qt places a vertical-align:middle image's centre
a quarter x-height above the baseline, and core/render/mathsvg.py lifts each inline formula's
centre by MIDDLE_LIFT ems to match — true for the fonts the transcript uses."""

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QTextDocument

from app.core.render.mathsvg import MIDDLE_LIFT


@pytest.mark.parametrize("pixels", [13, 16, 28])
def test_a_middle_image_is_lifted_as_much_as_inline_maths_expects(qapp, pixels):
    font = QFont()
    font.setPixelSize(pixels)
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    image = QImage(10, 80, QImage.Format.Format_ARGB32)
    image.fill(0)
    document.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl("m"), image)
    document.setHtml('<p>Hx<img src="m" width="10" height="80" '
                     'style="vertical-align: middle;"></p>')
    document.setTextWidth(400)
    document.size()
    line = document.begin().layout().lineAt(0)
    centre_above_baseline = line.ascent() - 40  # the image (taller than the font): its centre
    assert centre_above_baseline == pytest.approx(QFontMetricsF(font).xHeight() / 4, abs=0.3)
    assert centre_above_baseline == pytest.approx(MIDDLE_LIFT * pixels, abs=0.8)
