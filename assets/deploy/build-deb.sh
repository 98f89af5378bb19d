#!/usr/bin/env bash
# Build the kiosk's Debian package: the kiosk in its own Python environment under /opt/hegang-kiosk
# (dh-virtualenv), a system user, settings in /etc/hegang-kiosk, and a cage kiosk session.
#
#   bash assets/deploy/build-deb.sh                 # writes dist/hegang-kiosk_<version>_<arch>.deb
#   bash assets/deploy/build-deb.sh --bundle DIR    # also writes DIR: the .deb and every package it
#                                                   # needs that a fresh Debian 12 lacks, for
#                                                   # `apt install ./*.deb` on an offline PC
#   --version V     package version (default: the version in pyproject.toml)
#   --out DIR       where the .deb goes (default: dist)
#
# Needs a Debian 12 (or newer) machine with network access to Debian's and PyPI's package
# servers; installs its own build tools with apt-get (sudo when not run as root).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"

out=dist bundle="" version=""
while (($#)); do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --bundle) bundle=$2; shift 2 ;;
    --version) version=$2; shift 2 ;;
    *) echo "build-deb.sh: unknown option $1 (see the comment at the top of the script)" >&2; exit 2 ;;
  esac
done

sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
build_deps=(dh-virtualenv debhelper build-essential python3 python3-venv python3-dev dpkg-dev)
if ! dpkg -s "${build_deps[@]}" >/dev/null 2>&1; then
  $sudo apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${build_deps[@]}"
fi

[[ -n $version ]] || version=$(/usr/bin/python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
arch=$(dpkg --print-architecture)

# A scratch copy of the tree (what git tracks, plus new files not ignored), with debian/ beside it:
# the top level of the repository stays as the project keeps it.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
src="$scratch/hegang-kiosk-$version"
mkdir -p "$src"
git ls-files -z --cached --others --exclude-standard | xargs -0 -I{} cp --parents -P "{}" "$src/" 2>/dev/null || true
cp -a assets/deploy/debian "$src/debian"

# Files generated from their one source: the settings file with Debian's log folder, the PAM file.
gen="$src/debian/generated/etc"
mkdir -p "$gen/hegang-kiosk" "$gen/pam.d"
sed -e 's|^log_dir = ""|log_dir = "/var/log/hegang-kiosk"|' \
    -e 's|^# Copy this file to where the kiosk looks for it.*|# The settings of the kiosk installed by the Debian package (a conffile: upgrades keep your changes).|' \
    assets/deploy/kiosk.example.toml > "$gen/hegang-kiosk/kiosk.toml"
grep -q '^log_dir = "/var/log/hegang-kiosk"' "$gen/hegang-kiosk/kiosk.toml"
cp assets/deploy/appliance/pam-hegang-kiosk "$gen/pam.d/hegang-kiosk"

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
cat > "$src/debian/changelog" <<CHANGELOG
hegang-kiosk ($version) stable; urgency=medium

  * Built from commit $commit.

 -- Hegang Coal Heritage Kiosk team <kiosk@hegang-museum.invalid>  $(date -R)
CHANGELOG

(cd "$src" && dpkg-buildpackage -b -us -uc --no-sign -a"$arch" >"$scratch/build.log" 2>&1) || {
  tail -n 60 "$scratch/build.log" >&2
  echo "build-deb.sh: the package build failed (the end of its log is above)" >&2
  exit 1
}
mkdir -p "$out"
deb="hegang-kiosk_${version}_${arch}.deb"
mv "$scratch/$deb" "$out/$deb"
echo "built $out/$deb ($(du -h "$out/$deb" | cut -f1))"

if [[ -n $bundle ]]; then
  bash assets/deploy/offline-bundle.sh "$out/$deb" "$bundle"
fi
