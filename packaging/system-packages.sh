#!/bin/sh
# The system packages Parley needs beside Python: Qt's libraries, the fonts that show Chinese
# and emoji, and the X tools the tests use (packaging/apt-packages.txt); with --build also
# what building the app bundle needs (packaging/apt-build-packages.txt); with --screenshots
# the window manager and screen grabber for looking at the window under Xvfb
# (packaging/apt-screenshot-packages.txt).
# Debian and Ubuntu only (apt-get); elsewhere it says so and does nothing. Uses sudo when not
# run as root. Used by the README's set-up commands and by .ci/run, so both install the same.
set -eu
here=$(dirname "$0")
lists="$here/apt-packages.txt"
for option in "$@"; do
    case "$option" in
        --build) lists="$lists $here/apt-build-packages.txt" ;;
        --screenshots) lists="$lists $here/apt-screenshot-packages.txt" ;;
        *) echo "system-packages: unknown option $option (--build, --screenshots)" >&2; exit 2 ;;
    esac
done
if ! command -v apt-get >/dev/null 2>&1; then
    echo "system-packages: no apt-get here; see README 'Set up' for other systems" >&2
    exit 0
fi
as_root=""
[ "$(id -u)" -eq 0 ] || as_root="sudo"
# shellcheck disable=SC2086
packages=$(grep -hv '^#' $lists | sort -u | tr '\n' ' ')
export DEBIAN_FRONTEND=noninteractive
$as_root apt-get update -qq
# shellcheck disable=SC2086
$as_root apt-get install -y -qq --no-install-recommends $packages >/dev/null
echo "system-packages: installed or already present: $packages"
