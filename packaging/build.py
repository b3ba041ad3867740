"""Build the Parley desktop app with PyInstaller: one folder, double-click to start.

    python packaging/build.py [--dist DIR] [--work DIR] [--max-mb N]

Lands in DIR/parley/ (Linux: the ``parley`` program, ``install-desktop.sh`` for the menu;
Windows: ``parley.exe``) or DIR/Parley.app (macOS). DIR defaults to ``dist`` in the checkout.
Steps: stage the sources as the wheel lays them out (resources/ → app/resources), draw the
icons, write the version resource, run PyInstaller on packaging/parley.spec, then report the
size and fail when a Linux bundle is over the limit (150 MB unpacked, see the README).
Needs the ``build`` extra: ``pip install -e ".[build]"``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from importlib.util import find_spec
from pathlib import Path

import shrink_icu as shrink_icu_data  # packaging/, beside this script

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "packaging"
LINUX_LIMIT_MB = 150


def version() -> str:
    """The package version, as pyproject.toml gives it."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def resource_patterns() -> list[str]:
    """The files of resources/ the wheel installs (pyproject's package-data): the same ship
    in the bundle."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    return ["__init__.py", *config["package-data"]["app.resources"]]


def stage(out: Path) -> None:
    """app/ and resources/ arranged as ``pip install`` arranges them (package-dir)."""
    shutil.copytree(ROOT / "app", out / "app",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    target = out / "app" / "resources"
    for pattern in resource_patterns():
        for source in (ROOT / "resources").glob(pattern):
            dest = target / source.relative_to(ROOT / "resources")
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest)


def windows_version_info(text: str) -> str:
    """A PyInstaller version file (VSVersionInfo) for parley.exe's version resource."""
    numbers = [int(n) for n in re.findall(r"\d+", text)[:4]]
    numbers += [0] * (4 - len(numbers))
    fixed = tuple(numbers)
    strings = {
        "CompanyName": "The Parley team",
        "FileDescription": "Parley",
        "FileVersion": text,
        "InternalName": "parley",
        "LegalCopyright": "MIT License",
        "OriginalFilename": "parley.exe",
        "ProductName": "Parley",
        "ProductVersion": text,
    }
    table = ",\n".join(f"          StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={fixed}, prodvers={fixed}, mask=0x3f, flags=0x0,
                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('040904B0', [
{table}
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def minimum_macos(wheel_text: str, fallback: str = "12.0") -> str:
    """The oldest macOS the Qt wheel supports, from its WHEEL tags (macosx_13_0_... → 13.0)."""
    found = re.findall(r"macosx_(\d+)_(\d+)", wheel_text)
    return max((f"{a}.{b}" for a, b in found), key=lambda v: tuple(map(int, v.split("."))),
               default=fallback)


def prepare(prep: Path) -> None:
    if prep.exists():
        shutil.rmtree(prep)
    (prep / "stage").mkdir(parents=True)
    stage(prep / "stage")
    subprocess.run([sys.executable, str(HERE / "icons.py"), str(prep / "icons")], check=True)
    shutil.copy2(prep / "icons" / "parley-256.png",
                 prep / "stage" / "app" / "resources" / "icons" / "parley.png")
    (prep / "version.txt").write_text(version())
    (prep / "version_info.txt").write_text(windows_version_info(version()))
    if sys.platform.startswith("linux"):
        shrink_icu(prep / "icu")
    if sys.platform == "darwin":
        from importlib.metadata import distribution

        wheel = distribution("PySide6-Essentials").read_text("WHEEL") or ""
        (prep / "macos_min.txt").write_text(minimum_macos(wheel))


def shrink_icu(out: Path) -> None:
    """Qt's ICU data without what Qt does not read (see shrink_icu.py); skipped, with a
    warning, when icupkg, readelf or cc is missing: the bundle is then ~17 MB larger."""
    qt_lib = Path(find_spec("PySide6").submodule_search_locations[0]) / "Qt" / "lib"
    libraries = sorted(qt_lib.glob("libicudata.so.*"))
    missing = shrink_icu_data.missing_tools()
    if libraries and missing:
        print(f"build.py: ICU data not shrunk: {', '.join(missing)} not found "
              "(Debian: apt-get install icu-devtools binutils gcc)", file=sys.stderr)
    elif libraries:
        shrink_icu_data.build(libraries[0], out)


def unbundled_libraries(app: Path) -> list[str]:
    """Linux: libraries the bundle links to but does not carry, other than those PyInstaller
    leaves to the system on purpose (glibc, libxcb, OpenGL, Wayland client). The bootloader
    puts _internal/ on the library path; ldd is told the same."""
    from PyInstaller.depend.dylib import include_library

    app = app.resolve()
    internal = app / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    found = set()
    for path in [app / "parley", *internal.rglob("*.so*")]:
        if path.is_symlink() or not path.is_file():
            continue
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env,
                             check=False).stdout
        for line in out.splitlines():
            name, _, where = line.strip().partition(" => ")
            where = os.path.normpath(where.split(" (")[0]) if where.startswith("/") else where
            inside = where.startswith(str(internal) + os.sep)
            if "not found" in where or (where.startswith("/") and not inside
                                        and include_library(name)):
                found.add(f"{path.relative_to(app)}: {name} ({where})")
    return sorted(found)


def bundle_size(path: Path) -> tuple[int, list[tuple[int, str]]]:
    """Bytes on disk as unpacked (symlinks not followed) and the largest files."""
    files = [(p.lstat().st_size, str(p.relative_to(path))) for p in path.rglob("*")
             if p.is_file() and not p.is_symlink()]
    return sum(size for size, _ in files), sorted(files, reverse=True)[:12]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python packaging/build.py",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the app lands")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="scratch folder")
    parser.add_argument("--max-mb", type=float, default=LINUX_LIMIT_MB,
                        help="fail when the Linux bundle is larger (MB, unpacked)")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    started = time.monotonic()
    prepare(work / "prep")
    env = {**os.environ, "PARLEY_PREP": str(work / "prep")}
    subprocess.run([sys.executable, "-m", "PyInstaller", str(HERE / "parley.spec"),
                    "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(dist), "--workpath", str(work / "pyinstaller")],
                   check=True, env=env, cwd=ROOT)
    app = dist / ("Parley.app" if sys.platform == "darwin" else "parley")
    if sys.platform.startswith("linux"):
        shutil.copy2(HERE / "linux" / "install-desktop.sh", app / "install-desktop.sh")
        missing = unbundled_libraries(app)
        if missing:
            print("build.py: the bundle lacks libraries:\n  " + "\n  ".join(missing),
                  file=sys.stderr)
            return 1
    total, largest = bundle_size(app)
    mb = total / 1e6
    print(f"\nbuilt {app} in {time.monotonic() - started:.0f} s: {mb:.1f} MB unpacked")
    for size, name in largest:
        print(f"  {size / 1e6:6.1f} MB  {name}")
    if sys.platform.startswith("linux") and mb > args.max_mb:
        print(f"build.py: the bundle is {mb:.1f} MB, over the {args.max_mb:g} MB limit",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
