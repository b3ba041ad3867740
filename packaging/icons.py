"""Render the app icon (resources/icons/parley.svg) for the platforms' own formats.

    python packaging/icons.py OUT_DIR

Writes ``parley-<N>.png`` (16…512 px), ``parley.ico`` (Windows, 16…256 px) and
``parley.icns`` (macOS, 16…1024 px) into OUT_DIR. QtSvg draws the SVG (so every size is drawn
from the vector, not scaled from a bitmap); Pillow writes the .ico and .icns containers.
Run by packaging/build.py; nothing it writes is committed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SVG = Path(__file__).resolve().parent.parent / "resources" / "icons" / "parley.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_pngs(out: Path) -> dict[int, Path]:
    """Draw the SVG at each size into ``parley-<N>.png``; returns size → file."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])  # painting needs one
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"icons: cannot read {SVG}")
    files = {}
    for size in PNG_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        files[size] = out / f"parley-{size}.png"
        if not image.save(str(files[size])):
            raise SystemExit(f"icons: cannot write {files[size]}")
    return files


def write_containers(pngs: dict[int, Path], out: Path) -> None:
    """parley.ico and parley.icns from the drawn PNGs (each size drawn, not resampled)."""
    from PIL import Image

    images = {size: Image.open(path).convert("RGBA") for size, path in pngs.items()}
    largest = images[max(ICO_SIZES)]
    largest.save(out / "parley.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)])
    biggest = images[max(PNG_SIZES)]
    biggest.save(out / "parley.icns", format="ICNS",
                 append_images=[images[s] for s in PNG_SIZES if s != max(PNG_SIZES)])


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    write_containers(render_pngs(out), out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
