"""The wheel's explicit package list names every package under app/, and resources ship."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_is_listed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "app").rglob("__init__.py")}
    assert found - listed == set(), "add these to [tool.setuptools] packages"
    assert config["package-dir"]["app.resources"] == "resources"
    assert (ROOT / "resources" / "i18n" / "parley_zh_HK.qm").exists()


def test_resources_resolve():
    from app import resources
    assert resources.path("i18n", "parley_zh_HK.qm").is_file()
