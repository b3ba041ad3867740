#!/bin/sh
# Put Parley in your desktop's application menu (for you only, no root needed):
#     ./install-desktop.sh            from the built bundle's folder
#     ./install-desktop.sh --remove   takes it out again
# Writes ~/.local/share/applications/parley.desktop (Exec = this folder's parley) and the
# icon into ~/.local/share/icons/hicolor/. Moving the folder later needs a re-run.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
desktop="$data/applications/parley.desktop"
icons="$data/icons/hicolor"

if [ "${1:-}" = "--remove" ]; then
    rm -f "$desktop" "$icons/scalable/apps/parley.svg" "$icons/256x256/apps/parley.png"
    echo "Removed Parley from the menu."
    exit 0
fi

res="$here/_internal/app/resources"
[ -x "$here/parley" ] && [ -f "$res/parley.desktop" ] || {
    echo "install-desktop.sh: run me from the built Parley folder (parley and _internal/ beside me)" >&2
    exit 1
}
mkdir -p "$data/applications" "$icons/scalable/apps" "$icons/256x256/apps"
cp "$res/icons/parley.svg" "$icons/scalable/apps/parley.svg"
cp "$res/icons/parley.png" "$icons/256x256/apps/parley.png"
# Exec: the absolute path, quoted as the Desktop Entry spec asks (spaces in the folder).
exec_line=$(printf '%s' "$here/parley" | sed 's/[\\"`$]/\\\\&/g')
{ grep -v '^Exec=' "$res/parley.desktop"; printf 'Exec="%s"\n' "$exec_line"; } > "$desktop.tmp"
mv "$desktop.tmp" "$desktop"
chmod 644 "$desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" || true
echo "Parley is in your application menu ($desktop)."
