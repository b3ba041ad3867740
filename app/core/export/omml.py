"""LaTeX maths as a Word equation (OMML, Office Math Markup Language).

LaTeX → MathML with latex2mathml (which ziamath uses too), then MathML → OMML here. No
well-kept MathML → OMML converter exists in Python: Microsoft's MML2OMML.XSL ships with
Office and may not be redistributed, ``mathml2omml`` has had no release since 2019, and
its 2026 fork bundles speech and Braille engines. latex2mathml writes a small, regular part
of MathML (tokens, rows, scripts, fractions, roots, under/over, tables, fences), and that
is what this maps:

============================  ==============================================
MathML                        OMML
============================  ==============================================
mi mn mo mtext                m:r (multi-letter mi and mtext upright)
msup msub msubsup             m:sSup m:sSub m:sSubSup
∑ ∫ ∏ … with scripts          m:nary (the next element is its operand)
lim, max, … with a script     m:limLow
mover (accent) / munder       m:acc or m:bar / m:limUpp, m:limLow
mfrac (linethickness 0)       m:f (noBar)
msqrt mroot                   m:rad
mtable                        m:m
\\left( … \\right)              m:d
============================  ==============================================

Anything else gives its contents in sequence, so no formula is dropped. A formula
latex2mathml cannot read raises ValueError: the caller shows it another way.

Pure functions; any thread.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NARY = set("∑∏∐∫∬∭∮∯∰⋃⋂⋁⋀⨁⨂⨄")
_ACCENTS = {"^": "\u0302", "\u02c6": "\u0302", "~": "\u0303", "\u02dc": "\u0303",
            "\u02d9": "\u0307", ".": "\u0307", "\u00a8": "\u0308", "\u02c7": "\u030c",
            "\u00b4": "\u0301", "`": "\u0300", "\u02d8": "\u0306", "\u2192": "\u20d7",
            "\u20d7": "\u20d7"}
_BARS = {"\u00af", "\u203e", "\u2015", "\u2014", "_", "\u0305"}
_SPACE = "\u2009"
_FONT = '<w:rPr><w:rFonts w:ascii="Cambria Math" w:hAnsi="Cambria Math"/></w:rPr>'


def _tag(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _text(element: ET.Element) -> str:
    return "".join(element.itertext())


def _run(text: str, style: str = "") -> str:
    props = f"<m:rPr>{style}</m:rPr>" if style else ""
    return f'<m:r>{props}{_FONT}<m:t xml:space="preserve">{escape(text)}</m:t></m:r>'


def _prop(name: str, value: str) -> str:
    return f"<m:{name} m:val={quoteattr(value)}/>"


class _Converter:
    def convert(self, element: ET.Element) -> str:
        method = getattr(self, "_" + _tag(element), None)
        return method(element) if method is not None else self.row(list(element))

    def row(self, children: list[ET.Element]) -> str:
        out: list[str] = []
        i = 0
        while i < len(children):
            child = children[i]
            base = _base_operator(child)
            if base is not None and i + 1 < len(children) and not _is_relation(children[i + 1]):
                out.append(self.nary(child, base, children[i + 1]))
                i += 2
                continue
            out.append(self.convert(child))
            i += 1
        return "".join(out)

    def arg(self, element: ET.Element | None) -> str:
        return "" if element is None else self.convert(element)

    # --- tokens ---------------------------------------------------------------------------

    def _mi(self, e: ET.Element) -> str:
        text = _text(e)
        upright = len(text) > 1 or e.get("mathvariant") == "normal"
        return _run(text, _prop("sty", "p") if upright else "") if text else ""

    def _mn(self, e: ET.Element) -> str:
        return _run(_text(e)) if _text(e) else ""

    def _mo(self, e: ET.Element) -> str:
        text = _text(e)
        return _run(text, _prop("sty", "p") if text.isalpha() else "") if text else ""

    def _mtext(self, e: ET.Element) -> str:
        return _run(_text(e), "<m:nor/>") if _text(e) else ""

    _ms = _mtext

    def _mspace(self, e: ET.Element) -> str:
        return _run(_SPACE)

    def _mphantom(self, e: ET.Element) -> str:
        return ""

    def _semantics(self, e: ET.Element) -> str:
        return self.convert(e[0]) if len(e) else ""

    def _annotation(self, e: ET.Element) -> str:
        return ""

    # --- scripts and operators ------------------------------------------------------------

    def _msup(self, e: ET.Element) -> str:
        return (f"<m:sSup><m:e>{self.arg(_child(e, 0))}</m:e>"
                f"<m:sup>{self.arg(_child(e, 1))}</m:sup></m:sSup>")

    def _msub(self, e: ET.Element) -> str:
        if _is_limit_word(_child(e, 0)):
            return self._munder(e)
        return (f"<m:sSub><m:e>{self.arg(_child(e, 0))}</m:e>"
                f"<m:sub>{self.arg(_child(e, 1))}</m:sub></m:sSub>")

    def _msubsup(self, e: ET.Element) -> str:
        return (f"<m:sSubSup><m:e>{self.arg(_child(e, 0))}</m:e>"
                f"<m:sub>{self.arg(_child(e, 1))}</m:sub>"
                f"<m:sup>{self.arg(_child(e, 2))}</m:sup></m:sSubSup>")

    def nary(self, scripted: ET.Element, operator: str, operand: ET.Element) -> str:
        kind = _tag(scripted)
        under = kind in ("munder", "munderover") or operator not in "∫∬∭∮∯∰"
        sub = _child(scripted, 1) if kind != "msup" and kind != "mover" else None
        sup = (_child(scripted, 2) if kind in ("msubsup", "munderover")
               else _child(scripted, 1) if kind in ("msup", "mover") else None)
        props = [_prop("chr", operator), _prop("limLoc", "undOvr" if under else "subSup")]
        if sub is None:
            props.append(_prop("subHide", "1"))
        if sup is None:
            props.append(_prop("supHide", "1"))
        return (f"<m:nary><m:naryPr>{''.join(props)}</m:naryPr>"
                f"<m:sub>{self.arg(sub)}</m:sub><m:sup>{self.arg(sup)}</m:sup>"
                f"<m:e>{self.convert(operand)}</m:e></m:nary>")

    def _munder(self, e: ET.Element) -> str:
        return (f"<m:limLow><m:e>{self.arg(_child(e, 0))}</m:e>"
                f"<m:lim>{self.arg(_child(e, 1))}</m:lim></m:limLow>")

    def _mover(self, e: ET.Element) -> str:
        base, over = _child(e, 0), _child(e, 1)
        mark = _text(over).strip() if over is not None and _tag(over) == "mo" else None
        if mark in _BARS:
            return (f"<m:bar><m:barPr>{_prop('pos', 'top')}</m:barPr>"
                    f"<m:e>{self.arg(base)}</m:e></m:bar>")
        if mark in _ACCENTS:
            return (f"<m:acc><m:accPr>{_prop('chr', _ACCENTS[mark])}</m:accPr>"
                    f"<m:e>{self.arg(base)}</m:e></m:acc>")
        return (f"<m:limUpp><m:e>{self.arg(base)}</m:e>"
                f"<m:lim>{self.arg(over)}</m:lim></m:limUpp>")

    def _munderover(self, e: ET.Element) -> str:
        low = (f"<m:limLow><m:e>{self.arg(_child(e, 0))}</m:e>"
               f"<m:lim>{self.arg(_child(e, 1))}</m:lim></m:limLow>")
        return f"<m:limUpp><m:e>{low}</m:e><m:lim>{self.arg(_child(e, 2))}</m:lim></m:limUpp>"

    # --- layout ---------------------------------------------------------------------------

    def _mfrac(self, e: ET.Element) -> str:
        props = (f"<m:fPr>{_prop('type', 'noBar')}</m:fPr>"
                 if e.get("linethickness") in ("0", "0px", "0em") else "")
        return (f"<m:f>{props}<m:num>{self.arg(_child(e, 0))}</m:num>"
                f"<m:den>{self.arg(_child(e, 1))}</m:den></m:f>")

    def _msqrt(self, e: ET.Element) -> str:
        return (f"<m:rad><m:radPr>{_prop('degHide', '1')}</m:radPr><m:deg/>"
                f"<m:e>{self.row(list(e))}</m:e></m:rad>")

    def _mroot(self, e: ET.Element) -> str:
        return (f"<m:rad><m:deg>{self.arg(_child(e, 1))}</m:deg>"
                f"<m:e>{self.arg(_child(e, 0))}</m:e></m:rad>")

    def _mtable(self, e: ET.Element) -> str:
        rows = [r for r in e if _tag(r) in ("mtr", "mlabeledtr")]
        width = max((len(r) for r in rows), default=1) or 1
        out = []
        for r in rows:
            cells = [f"<m:e>{self.convert(c)}</m:e>" for c in r]
            cells += ["<m:e/>"] * (width - len(cells))
            out.append(f"<m:mr>{''.join(cells)}</m:mr>")
        return f"<m:m>{''.join(out)}</m:m>"

    def _mtd(self, e: ET.Element) -> str:
        return self.row(list(e))

    def _mfenced(self, e: ET.Element) -> str:
        return self.fenced(e.get("open", "("), e.get("close", ")"), self.row(list(e)))

    def _mrow(self, e: ET.Element) -> str:
        children = list(e)
        if len(children) >= 2 and _is_fence(children[0]) and _is_fence(children[-1]):
            return self.fenced(_text(children[0]), _text(children[-1]),
                               self.row(children[1:-1]))
        return self.row(children)

    def fenced(self, begin: str, end: str, inner: str) -> str:
        return (f"<m:d><m:dPr>{_prop('begChr', begin)}{_prop('endChr', end)}</m:dPr>"
                f"<m:e>{inner}</m:e></m:d>")


def _child(e: ET.Element, index: int) -> ET.Element | None:
    return e[index] if len(e) > index else None


def _is_fence(e: ET.Element) -> bool:
    return _tag(e) == "mo" and e.get("fence") == "true"


def _is_relation(e: ET.Element) -> bool:
    return _tag(e) == "mo" and _text(e).strip() in ("=", "<", ">", "≤", "≥", "≠", "≈", ",")


def _is_limit_word(e: ET.Element | None) -> bool:
    return e is not None and _tag(e) in ("mo", "mi") and len(_text(e)) > 1 \
        and _text(e).isalpha()


def _base_operator(e: ET.Element) -> str | None:
    """The large operator (∑, ∫, …) a scripted element is built on, else None."""
    if _tag(e) not in ("msub", "msup", "msubsup", "munder", "mover", "munderover") or not len(e):
        return None
    text = _text(e[0]).strip()
    return text if _tag(e[0]) == "mo" and text in _NARY else None


def mathml_to_omml(mathml: str, display: bool = False) -> str:
    """OMML for a MathML ``<math>`` document (``m:oMathPara`` around it when ``display``),
    with the m and w namespaces declared on the outer element."""
    root = ET.fromstring(mathml)
    body = _Converter().row(list(root))
    declare = f'xmlns:m="{M_NS}" xmlns:w="{W_NS}"'
    if display:
        return f"<m:oMathPara {declare}><m:oMath>{body}</m:oMath></m:oMathPara>"
    return f"<m:oMath {declare}>{body}</m:oMath>"


def latex_to_omml(source: str, display: bool = False) -> str:
    """OMML for LaTeX maths; ValueError when latex2mathml cannot read it."""
    import warnings

    from latex2mathml.converter import convert  # ziamath's own dependency

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            mathml = convert(source, display="block" if display else "inline")
    except Exception as exc:  # latex2mathml raises many types on bad input
        raise ValueError(f"cannot read the formula: {exc}") from exc
    return mathml_to_omml(mathml, display)
