"""Check that the apt lists name every Debian package Parley's Qt needs on a fresh machine.

    python packaging/check_system_packages.py BASE_IMAGE_LIST [--bundle DIR] [--lists FILE...]

Why: a CI machine keeps what an earlier manual ``apt-get install`` left, so a green run can
hide a package no list names (it happened: Qt's Wayland plugins need libwayland-cursor.so.0
of libwayland-cursor0, which the fresh image lacks). This compares the packages the libraries
come from with what a fresh machine gets: BASE_IMAGE_LIST (one name a line, or
``apt<TAB>name[:arch]<TAB>version`` rows), the --lists (default: packaging/apt-*.txt) and
their dependencies.

It runs ``ldd`` on every shared library in the venv's site-packages (PySide6 and shiboken6
with Qt's plugins, Pillow, ...) and, with --bundle, in the app bundle; ``dpkg -S`` finds the
owners of the system libraries they load; ``fc-list`` a font for Chinese and one for emoji.
Run it in the project's venv once the lists are installed. Not Debian/Ubuntu: it exits 0.

One line per problem, then ``system packages: N needed, N missing from the lists``; exit 1 on
any problem. ldd's "not found" and missing packages are problems for what Parley loads (all
but Qt's plugins/ and qml/, and the plugins named by CRITICAL_*), warnings for the rest.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from importlib.util import find_spec
from pathlib import Path

LISTS = [Path(__file__).resolve().parent / f"apt-{n}.txt" for n in ("packages", "build-packages")]
# Plugin folders (and platforms/ plugins) whose libraries Parley loads on Linux.
CRITICAL_PLUGINS = ("xcbglintegrations", "imageformats", "iconengines")
CRITICAL_PLATFORMS = ("xcb", "offscreen", "wayland")


def read_names(path: Path) -> set[str]:
    """Package names from a list: ``name`` lines, or ``apt<TAB>name:arch<TAB>...`` rows."""
    names = set()
    for line in path.read_text().splitlines():
        tabbed = "\t" in line
        fields = line.split("\t") if tabbed else line.split()
        if fields and not fields[0].startswith("#") and (not tabbed or fields[0] == "apt"):
            names.add(fields[tabbed].split(":")[0])
    return names


def package_names(field: str) -> set[str]:
    """The names in a dpkg relation field: ``a (>= 1), b:any | c`` → {a, b, c}."""
    return {part.split()[0].split(":")[0] for part in re.split(r"[,|]", field) if part.strip()}


def with_dependencies(names: set[str]) -> set[str]:
    """The names plus what they pull in on this machine: installed packages' Pre-Depends and
    Depends, and the packages that Provide them (no Recommends, as .ci/run installs)."""
    out = subprocess.run(["dpkg-query", "-W", "-f", "${Package}\t${Provides}\t${Pre-Depends}, "
                          "${Depends}\n"], capture_output=True, text=True, check=False).stdout
    provided_by: dict[str, set[str]] = defaultdict(set)
    depends: dict[str, set[str]] = {}
    for row in out.splitlines():
        package, provides, needs = row.split("\t")
        for name in package_names(provides) | {package}:
            provided_by[name].add(package)
        depends[package] = package_names(needs)
    seen, todo = set(names), list(names)
    while todo:
        for dep in depends.get(todo.pop(), ()):
            for package in provided_by.get(dep, set()) | {dep}:
                if package not in seen:
                    seen.add(package)
                    todo.append(package)
    return seen


def package_dir(name: str) -> Path | None:
    """Where an installed package is, found without importing it (nor Qt)."""
    spec = find_spec(name)
    locations = spec.submodule_search_locations if spec else None
    return Path(next(iter(locations))) if locations else None


def shared_libraries(bundle: Path | None) -> dict[Path, Path]:
    """Every ELF ``*.so*`` to check, each with the folder it is shown relative to."""
    roots = {Path(sysconfig.get_path(key)) for key in ("platlib", "purelib")} | (
        {bundle} if bundle else set()) | {d.parent for n in ("PySide6", "shiboken6")
                                          if (d := package_dir(n))}
    roots = {root.resolve() for root in roots}
    found: dict[Path, Path] = {}
    for root in sorted(roots):
        files = root.rglob("*") if root == bundle else root.rglob("*.so*")
        for path in files:
            if path.is_file() and not path.is_symlink() and path.resolve() not in found:
                with path.open("rb") as f:
                    if f.read(4) == b"\x7fELF":
                        found[path.resolve()] = root
    return found


def ldd(path: Path, env: dict[str, str] | None) -> list[tuple[str, str]]:
    """(name, resolved path or "not found") for each library ``path`` loads (a bundle's:
    with LD_LIBRARY_PATH=_internal, as PyInstaller's bootloader and build.py's check)."""
    out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env,
                         check=False).stdout
    rows = [line.strip().partition(" => ") for line in out.splitlines()]  # name => where (0x..)
    deps = [(n.split(" (0x")[0], (w if a else n).split(" (0x")[0].strip()) for n, a, w in rows]
    return [(name, where) for name, where in deps if where == "not found" or where[:1] == "/"]


def critical(relative: Path) -> bool:
    """Whether Parley loads this library on Linux (see CRITICAL_PLUGINS)."""
    parts = relative.parts[:-1]
    qt = parts[parts.index("Qt") + 1:] if "Qt" in parts else ()  # PySide6/Qt/...
    if qt[:1] == ("qml",):  # QML plugins: Parley's UI is widgets
        return False
    if qt[:1] != ("plugins",) or len(qt) < 2:
        return True
    folder = qt[1]
    if folder == "platforms":
        return any(relative.name.startswith(f"libq{p}") for p in CRITICAL_PLATFORMS)
    return folder.startswith("wayland") or folder in CRITICAL_PLUGINS


def owners(paths: set[str]) -> dict[str, set[str]]:
    """Debian packages owning each path, by ``dpkg -S`` of the path, its target and their
    /lib ⇄ /usr/lib twins (merged /usr registers either)."""
    forms = {}
    for path in paths:
        for p in {path, os.path.realpath(path)}:
            twin = p[4:] if p.startswith("/usr/lib/") else "/usr" + p if p.startswith("/lib") else p
            forms.update({p: path, twin: path})
    found: dict[str, set[str]] = defaultdict(set)
    names = sorted(forms)
    for i in range(0, len(names), 200):
        out = subprocess.run(["dpkg", "-S", *names[i:i + 200]], capture_output=True, text=True,
                             check=False).stdout
        for line in out.splitlines():
            packages, sep, where = line.partition(": ")
            if sep and not line.startswith(("diversion ", "local diversion")) and where in forms:
                found[forms[where]] |= {p.split(":")[0] for p in packages.split(", ")}
    return found


def font_files(pattern: str, family: str = "") -> set[str]:
    """Files of the fonts fc-list finds for ``pattern`` (whose family contains ``family``)."""
    out = subprocess.run(["fc-list", "-f", "%{family}\t%{file}\n", pattern],
                         capture_output=True, text=True, check=False).stdout
    return {line.split("\t")[1] for line in out.splitlines()
            if "\t" in line and family.lower() in line.split("\t")[0].lower()}


def listed(package: str, known: set[str]) -> bool:
    # Ubuntu's 64-bit time_t renames (libglib2.0-0t64) stand for the names the lists use.
    return package in known or package.removesuffix("t64") in known


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("base", type=Path, help="the fresh machine image's package list")
    parser.add_argument("--bundle", type=Path, help="also check this app bundle (dist/parley)")
    parser.add_argument("--lists", type=Path, nargs="+", default=LISTS,
                        help="apt lists CI installs (default: packaging/apt-*.txt)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every needed package")
    args = parser.parse_args(argv)
    if not shutil.which("dpkg") or not shutil.which("ldd"):
        print("check_system_packages: not a Debian/Ubuntu system (no dpkg or ldd): skipped")
        return 0
    known = with_dependencies(set().union(*map(read_names, [args.base, *args.lists])))
    bundle = args.bundle.resolve() if args.bundle else None
    libraries = shared_libraries(bundle)
    roots = set(libraries.values())  # site-packages, the bundle
    inside = tuple(str(root) + os.sep for root in roots)
    shipped = {(root, p.name) for root in roots for p in root.rglob("*.so*") if p.exists()}
    env = {**os.environ, "LD_LIBRARY_PATH": str(bundle / "_internal")} if bundle else None
    with ThreadPoolExecutor(max_workers=8) as pool:
        found = pool.map(lambda p: ldd(p, env if libraries[p] == bundle else None), libraries)
        results = dict(zip(libraries, found, strict=True))

    users: dict[str, list[tuple[bool, str]]] = defaultdict(list)  # dependency → (critical, user)
    for library, deps in results.items():
        relative = library.relative_to(libraries[library])
        for name, where in deps:
            if where == "not found":  # unless it lies beside: whatever loads this loads it first
                key, keep = f"{name} => not found", (libraries[library], name) not in shipped
            else:
                key = os.path.normpath(where)
                keep = not (os.path.realpath(key).startswith(inside) or key.startswith(inside))
            if keep:
                users[key].append((critical(relative), str(relative)))

    problems: list[str] = []
    warnings: list[str] = []
    needed: dict[str, list[str]] = defaultdict(list)  # package → what needs it (critical)
    optional: dict[str, list[str]] = defaultdict(list)
    owner = owners({k for k in users if k.startswith("/")})
    addons: list[str] = []
    for key, who in sorted(users.items()):
        if key.endswith("not found") and key.startswith("libQt6") and not (
                (package_dir("PySide6") or Path()) / "Qt/lib" / key.split(" ")[0]).exists():
            addons.append(key.split(" ")[0])  # from PySide6-Addons, not a system package
            continue
        vital = [user for is_critical, user in who if is_critical]
        shown = sorted(vital or [user for _, user in who])
        by = f"needed by {shown[0]}" + (f" and {len(shown) - 1} more" if len(shown) > 1 else "")
        out = problems if vital else warnings
        if key.endswith("not found"):
            out.append(f"not found: {key.split(' ')[0]}, {by}")
        elif not owner.get(key):
            out.append(f"no Debian package owns {key}, {by}")
        for package in owner.get(key, ()):
            (needed if vital else optional)[package].append(f"{os.path.basename(key)}, {by}")

    warnings += [f"not found: {len(addons)} Qt libraries of PySide6-Addons, which optional"
                 f" plugins link: {', '.join(addons)}"] if addons else []
    if shutil.which("fc-list"):
        fonts = {"a Chinese font (fc-list ':lang=zh-hk' or ':lang=zh-tw')":
                 font_files(":lang=zh-hk") | font_files(":lang=zh-tw"),
                 "an emoji font (fc-list ':charset=1f600', family *Emoji*)":
                 font_files(":charset=1f600", "emoji")}
        font_owner = owners(set().union(*fonts.values()))
        for what, files in fonts.items():
            providers = set().union(set(), *(font_owner.get(f, set()) for f in files))
            if not files:
                problems.append(f"not found: {what}")
            elif not any(listed(p, known) for p in providers):
                problems.append(f"missing: {what}: {', '.join(sorted(providers)) or 'no package'}"
                                " provides it, none is in the lists")
            for package in sorted(p for p in providers if listed(p, known)):
                needed[package].append(what)
    else:
        problems.append("fc-list not found (Debian: fontconfig): fonts not checked")

    missing = sorted(p for p in needed if not listed(p, known))
    problems += [f"missing: {p} ({needed[p][0]})" for p in missing]
    warnings += [f"missing: {p} ({optional[p][0]}) (optional plugin)"
                 for p in sorted(optional) if p not in needed and not listed(p, known)]
    count = sum(line.startswith("missing: ") for line in problems)  # fonts included
    print("\n".join([f"needed: {p} ({needed[p][0]})" for p in sorted(needed) if args.verbose]
                    + [f"warning: {line}" for line in warnings] + problems
                    + [f"system packages: {len(needed)} needed, {count} missing from the lists"]))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
