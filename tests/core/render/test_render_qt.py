"""The HTML in a real QTextBrowser (offscreen): the text a user sees, the maths images Qt asks
for, the links it knows, the code background. The renderer itself never imports Qt."""

import re

import pytest

from app.core.render import DARK, LIGHT, IncrementalRenderer, MarkdownRenderer

QtCore = pytest.importorskip("PySide6.QtCore")
QtGui = pytest.importorskip("PySide6.QtGui")
QtSvg = pytest.importorskip("PySide6.QtSvg")
QtWidgets = pytest.importorskip("PySide6.QtWidgets")


def make_browser(renderer):
    class Browser(QtWidgets.QTextBrowser):
        """Resolves parley-math: URLs the way the UI will: SVG bytes → QSvgRenderer → QImage."""

        def __init__(self):
            super().__init__()
            self.requested: list[str] = []
            self.resolved: list[str] = []

        def loadResource(self, kind, url):
            name = url.toString()
            self.requested.append(name)
            data = renderer.resource(name)
            if data is None:
                return None
            svg = QtSvg.QSvgRenderer(QtCore.QByteArray(data))
            assert svg.isValid(), name
            image = QtGui.QImage(svg.defaultSize(), QtGui.QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(0)
            painter = QtGui.QPainter(image)
            svg.render(painter)
            painter.end()
            assert not image.isNull()
            self.resolved.append(name)
            return image

    browser = Browser()
    browser.setOpenLinks(False)
    return browser


def anchors_and_cell_colours(document):
    anchors, colours = set(), set()
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().isAnchor():
                anchors.add(fragment.charFormat().anchorHref())
            it += 1
        cursor = QtGui.QTextCursor(block)
        table = cursor.currentTable()
        if table is not None:
            cell = table.cellAt(cursor)
            colours.add(cell.format().background().color().name())
        block = block.next()
    return anchors, colours


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=lambda t: t.name)
def test_qtextbrowser_shows_the_answer_and_loads_our_maths(qtbot, rich_sample, theme):
    renderer = MarkdownRenderer(theme)
    html = renderer.render(rich_sample)
    browser = make_browser(renderer)
    qtbot.addWidget(browser)  # closed and deleted after the test
    browser.resize(800, 600)
    browser.setHtml(html)
    browser.grab()  # lays out and paints: Qt loads images now

    text = browser.toPlainText()
    for expected in ("Quadratic equations 二次方程", "Steps", "two real roots", "nested item",
                     "☐ todo item", "☑ done item", "Formula", "配方法", "def roots(a, b, c):",
                     "# < & >", "graph TD; A-->B", "A quote with emphasis and a link.",
                     "學生常見錯誤：注意：判別式必須先計算。這是「重點」內容（全形標點），Mixed English 與中文。",
                     "🖼 whiteboard photo — click to load", "<script>alert(1)</script>",
                     "[bad](javascript:alert(1))", "The price is $5 and $10.", "Copy", "python",
                     "mermaid", "Done wrong right."):
        assert expected in text, expected
    assert "$ax^2" not in text and "\\frac" not in text  # maths is typeset, not shown as source

    maths = sorted({name for name in browser.requested if name.startswith("parley-math:")})
    assert maths == sorted(set(re.findall(r'src="(parley-math:[0-9a-f]+)"', html)))
    assert len(maths) == 5  # three inline formulas, two display blocks
    assert sorted(set(browser.resolved)) == maths
    assert not [name for name in browser.requested if not name.startswith("parley-math:")]

    anchors, colours = anchors_and_cell_colours(browser.document())
    assert {"parley-copy:0", "parley-copy:1", "https://example.com/notes"} <= anchors
    assert any(a.startswith("parley-image:https%3A%2F%2Fexample.com") for a in anchors)
    assert not [a for a in anchors if a.startswith(("javascript", "file", "data"))]
    assert {theme.code_background, theme.code_header, theme.table_header_background} <= colours
    assert renderer.copy_text("parley-copy:0").startswith("def roots(a, b, c):")


def test_streamed_html_shows_the_same_text_in_qt(qapp, rich_sample):
    renderer = IncrementalRenderer()
    for cut in range(0, len(rich_sample), 50):
        renderer.update(rich_sample[:cut])
    renderer.finish(rich_sample)
    streamed, whole = QtGui.QTextDocument(), QtGui.QTextDocument()
    streamed.setHtml(renderer.html())
    whole.setHtml(MarkdownRenderer().render(rich_sample))
    assert streamed.toPlainText() == whole.toPlainText()
