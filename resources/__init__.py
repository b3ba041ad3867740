"""Parley's bundled files (translations, icons), installed as the package ``app.resources``.

Find them with :func:`path`, which works from a source checkout, an installed wheel and a
PyInstaller bundle alike.
"""

from pathlib import Path


def path(*parts: str) -> Path:
    return Path(__file__).resolve().parent.joinpath(*parts)
