"""LaTeX maths typeset to SVG with ziamath, cached, and referenced from HTML by key.

The HTML carries ``<img src="parley-math:KEY" width=W height=H>``; the UI's
``QTextBrowser.loadResource`` asks ``MathCache.resource(url)`` for the SVG bytes. Keys are a
hash of (source, display, colour, size), so the same formula always gets the same key: keys
stay stable while an answer streams, and two answers share renders.

Inline maths is padded so its baseline sits a little below the image's vertical centre: Qt's
``vertical-align: middle`` puts an inline image's centre a quarter of the font's x-height
above the text baseline (measured: ascent = height / 2 + xHeight / 4), so the formula's
baseline is placed that far below its centre (:data:`MIDDLE_LIFT`, in ems) and lines up with
the text's. (Centring the baseline instead raised a lone ``$F$`` by ~2 px.)

Threading: one lock guards the cache and every ziamath call (ziamath keeps global state), so a
MathCache may be shared by renderers on different threads. Rendering never raises: bad LaTeX
gives a MathImage with ``error`` set.
"""

from __future__ import annotations

import hashlib
import math
import re
import threading
import warnings
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from app.core.render.lru import MIB, ByteLRU

MATH_SCHEME = "parley-math"
# A quarter of a sans font's x-height (DejaVu Sans 0.545 em, Noto Sans 0.536 em), in ems.
MIDDLE_LIFT = 0.136
SVG_BUDGET = 4 * MIB  # ~400 typical formulas (~10 KB); typesetting one again: 5–12 ms
MAX_SOURCE = 4000  # longer "formulas" are almost surely runaway output; don't spend seconds on them


@dataclass(frozen=True)
class MathImage:
    """One typeset formula: its key and pixel size, or why it could not be typeset."""

    key: str
    width: int
    height: int
    error: str | None = None

    @property
    def url(self) -> str:
        return f"{MATH_SCHEME}:{self.key}"


def math_key(source: str, display: bool, colour: str, size: float) -> str:
    raw = f"{int(display)}\0{colour}\0{size:g}\0{source}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(raw).hexdigest()[:24]


# Integral signs (∫ ∬ ∭ ∮ ∯ ∰ ⨌) as latex2mathml writes them.
_INTEGRALS = re.compile(r"<mo>(&#x0222[B-F];|&#x02230;|&#x02A0C;)</mo>")


def _text_style(source: str, colour: str) -> ET.Element:
    """Inline LaTeX as MathML in which an integral keeps the size of the text: ziamath
    stretches a ∫ with limits to the height of its limits, to display size in a line."""
    from ziamath.tex import tex2mml

    mathml = _INTEGRALS.sub(r'<mo stretchy="false">\1</mo>', tex2mml(source, inline=True))
    root = ET.fromstring(mathml)
    root.attrib["mathcolor"] = colour
    return root


def _typeset(source: str, display: bool, colour: str, size: float) -> tuple[bytes, int, int]:
    """SVG bytes and integer pixel size; raises on anything ziamath cannot typeset."""
    if not source.strip():
        raise ValueError("empty formula")
    if len(source) > MAX_SOURCE:
        raise ValueError("formula too long")
    with warnings.catch_warnings():
        # ziamath warns (pkg_resources deprecation) on import and on odd input; not ours to show.
        warnings.simplefilter("ignore")
        import ziamath  # deferred: loading its fonts costs ~0.1 s; many answers have no maths

        # Plain paths instead of SVG2 <symbol>/<use>: QtSvg implements SVG Tiny, not SVG 2.
        ziamath.config.svg2 = False
        formula: ziamath.Math
        if display or "\\tag" in source:
            formula = ziamath.Latex(source, size=size, color=colour, inline=not display)
        else:
            formula = ziamath.Math(_text_style(source, colour), size=size)
        svg = formula.svgxml()
    if getattr(formula, "eqnumber", None) is not None:
        # \tag{…}: ziamath lays the number out on a page-wide line; keep its own geometry.
        width = math.ceil(float(svg.attrib["width"]))
        height = math.ceil(float(svg.attrib["height"]))
        svg.attrib.update(width=str(width), height=str(height))
        return ET.tostring(svg, encoding="utf-8"), width, height
    box = formula.node.bbox
    margin = formula.margin
    left = box.xmin - margin
    width = math.ceil(box.xmax - box.xmin + 2 * margin)
    if display:
        top = -box.ymax - margin
        height = math.ceil(box.ymax - box.ymin + 2 * margin)
    else:
        # Centred MIDDLE_LIFT above the baseline (y = 0): see the module docstring.
        lift = MIDDLE_LIFT * size
        half = max(box.ymax - lift, -box.ymin + lift) + margin
        height = math.ceil(2 * half)
        top = -lift - height / 2
    svg.attrib.update(width=str(width), height=str(height),
                      viewBox=f"{left:.3f} {top:.3f} {width} {height}")
    return ET.tostring(svg, encoding="utf-8"), width, height


class MathCache:
    """Typeset formulas on demand; keep the most recently used SVGs within ``budget_bytes``.

    Bounded by bytes, not formulas: an SVG weighs from 1.4 KB (``x``) to 25 KB and more (a
    display formula), so 1,000 of them were anywhere between 1.4 and 25 MB. The UI keeps the
    images it drew from them, so an SVG is asked for again only when a formula is first
    shown, or shown after its image was dropped too.

    The parameters of every key ever handed out are kept (a few hundred bytes each), so an
    SVG that fell out of the cache is typeset again when the UI asks for it: a URL in the
    HTML never dies.
    """

    def __init__(self, budget_bytes: int = SVG_BUDGET) -> None:
        self._lock = threading.Lock()
        self._svgs: ByteLRU[str, bytes] = ByteLRU(budget_bytes)
        self._images: dict[str, MathImage] = {}
        self._params: dict[str, tuple[str, bool, str, float]] = {}

    def image(self, source: str, display: bool, colour: str, size: float) -> MathImage:
        """The typeset formula (rendering it now if new). Never raises."""
        key = math_key(source, display, colour, size)
        with self._lock:
            found = self._images.get(key)
            if found is not None:
                return found
            self._params[key] = (source, display, colour, size)
            return self._render(key)[0]

    def warm(self) -> None:
        """Load the maths fonts now (ziamath's first formula costs ~300 ms). Call it on a
        worker thread at start-up so the first formula of an answer does not stall the UI."""
        self.image("x^2", False, "#000000", 16.0)

    def resource(self, url: str) -> bytes | None:
        """SVG bytes for a ``parley-math:KEY`` URL, or None if it is not one of ours."""
        prefix = MATH_SCHEME + ":"
        if not isinstance(url, str) or not url.startswith(prefix):
            return None
        key = url[len(prefix):]
        with self._lock:
            svg = self._svgs.get(key)
            if svg is not None:
                return svg
            if key not in self._params:
                return None
            return self._render(key)[1]

    @property
    def svg_bytes(self) -> int:
        """What the SVGs held weigh now (at most the budget)."""
        with self._lock:
            return self._svgs.nbytes

    def _render(self, key: str) -> tuple[MathImage, bytes | None]:
        """Typeset the formula of ``key``; the caller holds the lock."""
        source, display, colour, size = self._params[key]
        svg: bytes | None = None
        try:
            svg, width, height = _typeset(source, display, colour, size)
        except Exception as exc:  # ziamath/latex2mathml raise many types on bad input
            image = MathImage(key, 0, 0, error=f"{type(exc).__name__}: {exc}".strip(": "))
        else:
            image = MathImage(key, width, height)
            self._svgs.put(key, svg)
        self._images[key] = image
        return image, svg


# One cache for the whole app, so every answer's renderer can resolve any formula URL.
shared_cache = MathCache()
