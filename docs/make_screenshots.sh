#!/usr/bin/env bash
# `make screenshots`: drive the app under a virtual X server (Xvfb) and save a PNG of each
# step in docs/screenshots/ (the default window size) and docs/screenshots/small/ (1024x700),
# checking each picture for texts that do not fit (see docs/screenshots.py). Exits 1 when
# some text is cut; the pictures are written all the same.
#
# Needs Debian's xvfb plus the xcb libraries Qt's X11 platform plugin loads (without
# libxcb-cursor0, libxcb-icccm4 and libxcb-keysyms1 the "xcb" plugin fails to load).
# Installs them itself when they are missing and it runs as root; otherwise it says what to do.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
python="${PYTHON:-$root/.venv/bin/python}"
packages=(xvfb libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if ((${#missing[@]})); then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        echo "Installing what the screenshots need: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "The screenshots need these packages, which are not installed: ${missing[*]}" >&2
        echo "Install them with:  sudo apt-get install -y ${missing[*]}" >&2
        echo "then run 'make screenshots' again." >&2
        exit 1
    fi
fi

if [[ ! -x "$python" ]]; then
    echo "The project's Python ($python) is missing; run 'make run' or 'make test' once first." >&2
    exit 1
fi

mkdir -p "$root/docs/screenshots/small"
cd "$root"
# -a: pick a free display number; 24-bit colour so the pictures look like a real desktop
status=0
QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1440x900x24 -nolisten tcp" \
    "$python" "$here/screenshots.py" || status=$?
exit "$status"
