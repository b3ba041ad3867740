"""The wheel's explicit package list names every package under app/, and resources ship; the
app bundle's build scripts (packaging/) keep what Parley uses and describe it correctly."""

import configparser
import importlib.util
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

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


# ----- the app bundle (packaging/): what it keeps, its metadata, the Linux menu entry ---------


@pytest.fixture
def packaging(monkeypatch):
    """The build scripts, loaded from their files (build.py finds its neighbours on sys.path,
    as when it runs as a script)."""
    monkeypatch.syspath_prepend(str(ROOT / "packaging"))
    modules = {}
    for name in ("build", "trim", "shrink_icu"):
        spec = importlib.util.spec_from_file_location(f"packaging_{name}",
                                                      ROOT / "packaging" / f"{name}.py")
        modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(modules[name])
    return modules


@pytest.mark.parametrize("dest, kept", [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
    ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
    ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
    ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
    ("PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so", False),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    ("PySide6/Qt/translations/qtbase_zh_TW.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6\\plugins\\platforms\\qwindows.dll", True),      # Windows wheel layout
    ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
    ("PySide6\\plugins\\platforms\\qdirect2d.dll", False),
    ("PySide6\\opengl32sw.dll", False),
    ("PySide6/Qt/lib/libQt6Core.so.6", True),
    ("app/resources/i18n/parley_zh_HK.qm", True),
    ("docx/templates/default.docx", True),                    # Word export's template
    ("docx/templates/default-styles.xml", True),
    ("docx/templates/default-docx-template/word/styles.xml", False),
])
def test_bundle_keeps_what_parley_uses(packaging, dest, kept):
    assert packaging["trim"].keep_file(dest) is kept


def test_libraries_only_dropped_files_needed_are_pruned(packaging):
    trim = packaging["trim"]
    links = {"/s/QtGui.abi3.so": ["libQt6Gui.so.6"], "/s/libQt6Gui.so.6": ["libQt6Core.so.6"],
             "/s/libqxcb.so": ["libQt6XcbQpa.so.6"], "/s/libQt6XcbQpa.so.6": ["libxcb-cursor.so.0"]}
    binaries = [
        ("PySide6/QtGui.abi3.so", "/s/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/s/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/s/libQt6Core.so.6", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/s/libqxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/s/libQt6XcbQpa.so.6", "BINARY"),
        ("libxcb-cursor.so.0", "/s/libxcb-cursor.so.0", "BINARY"),
        ("libpython3.11.so.1.0", "/s/libpython3.11.so.1.0", "BINARY"),
        ("PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6", "/s/egl", "BINARY"),  # its plugin went
        ("libgtk-3.so.0", "/s/libgtk-3.so.0", "BINARY"),
        ("pypdfium2_raw/libpdfium.so", "/s/libpdfium.so", "BINARY"),  # ctypes loads it
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6EglFSDeviceIntegration.so.6", "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6",
         "SYMLINK"),
    ]
    kept = trim.prune_unreachable(binaries, lambda src: links.get(src, []))
    names = {dest for dest, _, kind in kept if kind != "SYMLINK"}
    assert "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6" not in names
    assert "libgtk-3.so.0" not in names
    assert {"PySide6/Qt/lib/libQt6Core.so.6", "libxcb-cursor.so.0",
            "libpython3.11.so.1.0", "pypdfium2_raw/libpdfium.so"} <= names
    links_left = trim.drop_dangling_links(kept, names)
    assert [d for d, _, k in links_left if k == "SYMLINK"] == ["libQt6Core.so.6"]


def test_icu_keeps_what_qt_reads(packaging):
    dropped = packaging["shrink_icu"].dropped
    assert dropped("curr/en.res") and dropped("lang/zh_Hant.res") and dropped("gb18030.cnv")
    assert not dropped("coll/zh.res") and not dropped("brkitr/char.brk")
    assert not dropped("zone/zh_Hant.res") and not dropped("root.res")


def test_icu_keeps_the_sort_orders_and_zone_names_of_parleys_languages_only(packaging):
    dropped = packaging["shrink_icu"].dropped
    for kept in ("coll/root.res", "coll/en.res", "coll/zh_Hant.res", "coll/yue.res",
                 "coll/ja.res", "coll/ko.res", "zone/en_GB.res", "zone/root.res",
                 "zone/tzdbNames.res", "coll/ucadata.icu", "brkitr/thaidict.dict", "fr.res"):
        assert not dropped(kept), kept
    for gone in ("coll/fr.res", "coll/sr_Latn.res", "zone/de.res"):
        assert dropped(gone), gone


def test_windows_version_resource_carries_the_package_version(packaging):
    build = packaging["build"]
    text = build.windows_version_info("0.1.0")
    seen = {}

    def record(name):
        return lambda *args, **kwargs: seen.setdefault(name, []).append((args, kwargs)) or name

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable",
             "StringStruct", "VarFileInfo", "VarStruct")
    eval(text, {name: record(name) for name in names})  # the form PyInstaller reads
    assert seen["FixedFileInfo"][0][1]["filevers"] == (0, 1, 0, 0)
    strings = dict(args for args, _ in seen["StringStruct"])
    assert strings["ProductVersion"] == "0.1.0" and strings["OriginalFilename"] == "parley.exe"
    assert build.version() == __import__("app").__version__


def test_minimum_macos_comes_from_the_qt_wheel(packaging):
    minimum = packaging["build"].minimum_macos
    wheel = "Tag: cp39-abi3-macosx_13_0_universal2\nTag: cp39-abi3-macosx_13_0_x86_64\n"
    assert minimum(wheel) == "13.0"
    assert minimum("Tag: cp39-abi3-manylinux_2_28_x86_64\n") == "12.0"


def test_stage_lays_out_resources_as_the_wheel_does(packaging, tmp_path):
    packaging["build"].stage(tmp_path)
    resources = tmp_path / "app" / "resources"
    for name in ("__init__.py", "i18n/parley_zh_HK.qm", "icons/parley.svg", "parley.desktop"):
        assert (resources / name).is_file(), name
    from app.ui.runtime.icons import NAMES  # the buttons' icons ship too (package-data)
    assert NAMES and all((resources / "icons" / f"{name}.svg").is_file() for name in NAMES)
    assert not list(resources.rglob("*.ts")) and (tmp_path / "app" / "cli" / "parser.py").is_file()


def test_desktop_entry_names_the_command_and_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(ROOT / "resources" / "parley.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Exec"] == "parley"
    assert section["Icon"] == "parley" and section["StartupWMClass"] == "parley"
    assert section["Terminal"] == "false" and section["Categories"].endswith(";")


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")
def test_install_desktop_script_points_the_menu_at_the_bundle(tmp_path):
    bundle = tmp_path / "My Apps" / "parley"  # a space: Exec must quote the path
    resources = bundle / "_internal" / "app" / "resources"
    (resources / "icons").mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "parley.desktop", resources)
    shutil.copy(ROOT / "resources" / "icons" / "parley.svg", resources / "icons")
    (resources / "icons" / "parley.png").write_bytes(b"png")
    (bundle / "parley").write_text("#!/bin/sh\n")
    (bundle / "parley").chmod(0o755)
    script = bundle / "install-desktop.sh"
    shutil.copy(ROOT / "packaging" / "linux" / "install-desktop.sh", script)
    data = tmp_path / "data"
    env = {**os.environ, "XDG_DATA_HOME": str(data), "PATH": "/usr/bin:/bin"}
    subprocess.run(["sh", str(script)], check=True, env=env, capture_output=True)
    entry = (data / "applications" / "parley.desktop").read_text(encoding="utf-8")
    assert f'Exec="{bundle}/parley"' in entry.splitlines()
    assert "Icon=parley" in entry and "Name=Parley" in entry
    assert (data / "icons/hicolor/scalable/apps/parley.svg").is_file()
    assert (data / "icons/hicolor/256x256/apps/parley.png").is_file()
    subprocess.run(["sh", str(script), "--remove"], check=True, env=env, capture_output=True)
    assert not (data / "applications" / "parley.desktop").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which("ldd"),
                    reason="ELF libraries and ldd")
def test_a_library_left_on_the_build_machine_is_reported(packaging, tmp_path):
    import _ssl  # an extension module that links the system's OpenSSL

    pytest.importorskip("PyInstaller")
    links = subprocess.run(["ldd", _ssl.__file__], capture_output=True, text=True,
                           check=True).stdout
    openssl = {name: where.split(" (")[0] for name, _, where in
               (line.strip().partition(" => ") for line in links.splitlines())
               if name.startswith(("libssl", "libcrypto")) and where.startswith("/")}
    if not openssl:
        pytest.skip("this Python's ssl module has OpenSSL built in")
    internal = tmp_path / "parley" / "_internal"
    internal.mkdir(parents=True)
    shutil.copy(_ssl.__file__, internal / Path(_ssl.__file__).name)
    unbundled = packaging["build"].unbundled_libraries
    assert {line.split(": ")[1].split(" ")[0] for line in unbundled(tmp_path / "parley")} \
        == set(openssl)
    for name, where in openssl.items():  # bundled: nothing left to report
        shutil.copy(where, internal / name)
    assert unbundled(tmp_path / "parley") == []
