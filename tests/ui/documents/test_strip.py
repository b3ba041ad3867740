"""The attachment strip: a chip that turns to the warning colour is brought into view, so
its warning and "Choose pages…" are never scrolled off to the side."""

from app.ui.documents.chip import ChipState
from app.ui.images.attachment_strip import AttachmentStrip


def test_a_chip_that_stops_fitting_scrolls_into_view(qtbot):
    strip = AttachmentStrip()
    qtbot.addWidget(strip)
    strip.resize(520, 90)
    strip.show()
    for key, name in enumerate(("a.pdf", "b.pptx", "c.pdf")):
        strip.add_document(key, name, f"/tmp/{name}")
        strip.set_document(key, ChipState("pdf", "3 pages · ~900 tokens"))
    qtbot.wait(20)
    assert strip.horizontalScrollBar().value() == 0
    chip = strip.chips[2]
    assert chip.mapTo(strip.viewport(), chip.rect().topRight()).x() > strip.viewport().width()

    strip.set_document(2, ChipState("pdf", "300 pages · ~343,000 tokens", "More than m takes",
                                    warning=True, choose=True))
    qtbot.waitUntil(lambda: strip.horizontalScrollBar().value() > 0)
    right = chip.mapTo(strip.viewport(), chip.rect().topRight()).x()
    assert right <= strip.viewport().width()
    assert chip.choose.isVisible()
