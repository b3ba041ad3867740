"""A typeset formula as a PNG, drawn with Pillow from ziamath's SVG (no SVG renderer, no Qt):
for Word when a formula cannot become an equation, and for the clipboard's rich text.

Outlines are filled even-odd at 4× and scaled down, which antialiases them; glyph contours do
not overlap, so even-odd fills them as the font's non-zero rule would. The background is
transparent.

Pure function; Pillow releases the GIL while drawing, so a worker thread may call it.
"""

from __future__ import annotations

import io

from app.core.export.svgpath import parse_formula, polygons

SUPERSAMPLE = 4


def svg_to_png(svg: bytes, scale: float = 2.0) -> tuple[bytes, int, int]:
    """PNG bytes of the formula at ``scale`` × its pixel size, and that pixel size (for the
    width and height a document shows it at). ValueError for SVG the reader does not take."""
    from PIL import Image, ImageChops, ImageColor, ImageDraw  # Pillow only when drawing

    formula = parse_formula(svg)
    out_w = max(1, round(formula.width * scale))
    out_h = max(1, round(formula.height * scale))
    big = (out_w * SUPERSAMPLE, out_h * SUPERSAMPLE)
    vx, vy, vw, vh = formula.view
    sx, sy = big[0] / (vw or 1), big[1] / (vh or 1)
    picture = Image.new("RGBA", (out_w, out_h), (0, 0, 0, 0))
    for shape in formula.shapes:
        mask = Image.new("1", big, 0)
        for polygon in polygons(shape.commands):
            layer = Image.new("1", big, 0)
            ImageDraw.Draw(layer).polygon([((x - vx) * sx, (y - vy) * sy) for x, y in polygon],
                                          fill=1)
            mask = ImageChops.logical_xor(mask, layer)
        alpha = mask.convert("L").resize((out_w, out_h), Image.Resampling.BOX)
        try:
            rgb = ImageColor.getrgb(shape.fill)[:3]
        except ValueError:
            rgb = (0, 0, 0)
        ink = Image.new("RGBA", (out_w, out_h), (*rgb, 255))
        ink.putalpha(alpha)
        picture = Image.alpha_composite(picture, ink)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=False)
    return buffer.getvalue(), round(formula.width), round(formula.height)
