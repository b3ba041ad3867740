"""Documents out, the Qt-free part: a conversation read from the history (document.py) and
written as Markdown (markdown_out.py), self-contained HTML and clipboard rich text
(html_out.py, html_rules.py) and Word (docx_out.py, docx_inline.py, omml.py); formulas as
PNG without Qt (mathpng.py, svgpath.py) and the fix for Qt's PDF text (pdffix.py).

The API the window and the command line call is app.export (it adds the PDF, which needs
Qt). Importing this package loads none of the writers.
"""
