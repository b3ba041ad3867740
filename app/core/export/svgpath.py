"""The shapes of a typeset formula, read from the SVG that ziamath writes, so a formula can be
drawn without an SVG renderer: as a PNG with Pillow (mathpng.py), or as vector paths on a
Qt painter (app/export/pdf.py, where QtSvg's output through QPdfWriter comes out bold).

ziamath (with ``svg2=False``, see app/core/render/mathsvg.py) writes only ``<path>`` with
absolute M/L/Q/C/Z commands, ``<rect>`` and plain ``<g>`` groups, filled, never stroked.
Anything else (a transform, a relative command) raises ValueError: the caller falls back.

Pure functions over immutable data; any thread.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

Command = tuple[str, tuple[float, ...]]  # ("M", (x, y)), ("Q", (cx, cy, x, y)), ("Z", ())
_ARITY = {"M": 2, "L": 2, "Q": 4, "C": 6, "Z": 0, "H": 1, "V": 1}
_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


@dataclass(frozen=True)
class Shape:
    """One filled outline: its colour (as written: "#1f2328", "red") and its commands."""

    fill: str
    commands: tuple[Command, ...]


@dataclass(frozen=True)
class Formula:
    """Pixel size, the viewBox (x, y, width, height) it maps from, and the shapes."""

    width: float
    height: float
    view: tuple[float, float, float, float]
    shapes: tuple[Shape, ...]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse_path(d: str) -> tuple[Command, ...]:
    """Absolute SVG path data as commands (H and V become L)."""
    tokens = d.split()  # ziamath separates every token with a space
    if any(len(t) > 1 and t[0].isalpha() for t in tokens[:4]):
        tokens = _TOKEN.findall(d)  # "M0 0L1 1": packed, as other writers do
    out: list[Command] = []
    i, command = 0, ""
    x = y = 0.0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command not in _ARITY:
                raise ValueError(f"unsupported path command {command!r}")
            if command == "Z":
                out.append(("Z", ()))
                continue
        elif not command or command == "Z":
            raise ValueError("a number where a path command belongs")
        count = _ARITY[command]
        values = tuple(float(v) for v in tokens[i:i + count])
        if len(values) < count:
            raise ValueError("a path command is missing numbers")
        i += count
        if command == "H":
            command_out, values = "L", (values[0], y)
        elif command == "V":
            command_out, values = "L", (x, values[0])
        else:
            command_out = command
        x, y = values[-2], values[-1]
        out.append((command_out, values))
        if command == "M":
            command = "L"  # further pairs after M are lines
    return tuple(out)


def parse_formula(svg: bytes) -> Formula:
    """The formula's shapes; ValueError for SVG this reader does not take."""
    root = ET.fromstring(svg)
    if _local(root.tag) != "svg":
        raise ValueError("not an SVG document")
    width, height = float(root.attrib["width"]), float(root.attrib["height"])
    view = tuple(float(v) for v in root.attrib.get(
        "viewBox", f"0 0 {width} {height}").replace(",", " ").split())
    if len(view) != 4:
        raise ValueError("bad viewBox")
    shapes: list[Shape] = []
    for element in root.iter():
        if "transform" in element.attrib:
            raise ValueError("transforms are not supported")
        name = _local(element.tag)
        fill = element.attrib.get("fill", "#000000")
        if name == "path":
            shapes.append(Shape(fill, parse_path(element.attrib.get("d", ""))))
        elif name == "rect":
            x0, y0 = float(element.attrib.get("x", 0)), float(element.attrib.get("y", 0))
            x1 = x0 + float(element.attrib["width"])
            y1 = y0 + float(element.attrib["height"])
            shapes.append(Shape(fill, (("M", (x0, y0)), ("L", (x1, y0)), ("L", (x1, y1)),
                                       ("L", (x0, y1)), ("Z", ()))))
        elif name not in ("svg", "g"):
            raise ValueError(f"unsupported SVG element <{name}>")
    return Formula(width, height, (view[0], view[1], view[2], view[3]), tuple(shapes))


def polygons(commands: tuple[Command, ...], steps: int = 8) -> list[list[tuple[float, float]]]:
    """The outline as closed polygons, curves flattened into ``steps`` segments each."""
    result: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    for command, values in commands:
        if command == "M":
            if len(current) > 2:
                result.append(current)
            current = [(values[0], values[1])]
        elif command == "L":
            current.append((values[0], values[1]))
        elif command in ("Q", "C") and current:
            x0, y0 = current[-1]
            for step in range(1, steps + 1):
                t = step / steps
                u = 1 - t
                if command == "Q":
                    cx, cy, x, y = values
                    current.append((u * u * x0 + 2 * u * t * cx + t * t * x,
                                    u * u * y0 + 2 * u * t * cy + t * t * y))
                else:
                    c1x, c1y, c2x, c2y, x, y = values
                    current.append((u ** 3 * x0 + 3 * u * u * t * c1x + 3 * u * t * t * c2x
                                    + t ** 3 * x,
                                    u ** 3 * y0 + 3 * u * u * t * c1y + 3 * u * t * t * c2y
                                    + t ** 3 * y))
        elif command == "Z":
            if len(current) > 2:
                result.append(current)
            current = [current[0]] if current else []
    if len(current) > 2:
        result.append(current)
    return result
