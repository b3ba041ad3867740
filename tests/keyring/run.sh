#!/bin/sh
# The key paths against a real Secret Service: a private D-Bus session with gnome-keyring
# (unlocked with a throw-away password, as a desktop login would), then
# tests/core/config/test_real_keyring.py. Never touches the user's own keyring: the session
# and its keyring folder are new and removed afterwards. Used by .ci/run.
# Needs: dbus-run-session (dbus-daemon) and gnome-keyring (packaging/apt-packages.txt).
set -eu
cd "$(dirname "$0")/../.."
for tool in dbus-run-session gnome-keyring-daemon; do
    command -v "$tool" >/dev/null || { echo "real keyring: $tool missing (packaging/apt-packages.txt)"; exit 1; }
done
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkdir -m 700 "$home/run"
HOME="$home" XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home/run" \
    dbus-run-session -- sh -c '
        printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
        PARLEY_REAL_KEYRING=1 python -m pytest -q -p no:cacheprovider "$@" \
            tests/core/config/test_real_keyring.py
        echo $? >"$HOME/status"' real-keyring "$@" 2>&1 \
    | grep -v -e "^dbus-daemon\[" -e "Gtk-WARNING" -e "gcr-prompter" -e "system prompt" -e '^$' || true
status=$(cat "$home/status" 2>/dev/null || echo 1)
exit "$status"
