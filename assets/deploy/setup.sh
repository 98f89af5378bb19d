#!/usr/bin/env bash
# Set up a fresh Debian/Ubuntu machine from a clean clone: the system libraries Qt needs,
# a virtual environment in .venv and the kiosk in it. `--test` adds the test tools.
# Safe to run again; it only adds what is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

extras="" test_packages=""
# The tests also photograph the installed appliance under cage (grim).
[[ "${1:-}" == "--test" ]] && extras="[test]" test_packages="grim"

if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    python3 python3-venv xvfb xauth libegl1 libgl1 libfontconfig1 libglib2.0-0 libdbus-1-3 \
    libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
    libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 $test_packages
fi

python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed" >&2; exit 1; }
[[ -x .venv/bin/python ]] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".${extras}"
