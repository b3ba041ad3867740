# The type checker's view of the package ``app.resources``, which lives in the top-level
# ``resources/`` folder (design card) and is installed under ``app`` by pyproject.toml's
# package-dir. Nothing imports this file at run time.
from pathlib import Path

def path(*parts: str) -> Path: ...
