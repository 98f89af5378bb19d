#!/usr/bin/env bash
# Write a folder for an offline kiosk PC: the kiosk's .deb and every Debian package it needs that a
# fresh Debian 12 lacks (everything outside the "required" and "important" priorities, which every
# Debian installation has). On the kiosk PC:   cd FOLDER && sudo apt install ./*.deb
#
#   bash assets/deploy/offline-bundle.sh dist/hegang-kiosk_<version>_<arch>.deb FOLDER
# (build-deb.sh --bundle FOLDER runs this for you). Run it on a Debian 12 machine like the kiosk
# PCs (same release and architecture) with network access to Debian's package servers.
set -euo pipefail
deb=$(realpath "$1")
dest=$2
mkdir -p "$dest"
dest=$(realpath "$dest")

# The package's own dependencies, first of each alternative, without version constraints.
mapfile -t direct < <(dpkg-deb -f "$deb" Depends Pre-Depends | tr ',' '\n' | sed -e 's/|.*//' -e 's/(.*)//' -e 's/[[:space:]]//g' | grep -v '^$' | grep -v '^\${' | sort -u)

# Their whole dependency tree, as real package names of this architecture.
mapfile -t tree < <(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
    --no-replaces --no-enhances "${direct[@]}" | grep -E '^[a-z0-9]' | grep -v ':' | sort -u)

# What every Debian 12 installation already has.
mapfile -t base < <(apt-cache dumpavail | awk '/^Package:/ {p=$2} /^Priority: (required|important)$/ {print p}' | sort -u)

mapfile -t wanted < <(comm -23 <(printf '%s\n' "${tree[@]}") <(printf '%s\n' "${base[@]}"))

rm -f "$dest"/*.deb
cp "$deb" "$dest/"
# apt-get download drops privileges to _apt: give it a folder it may write to.
tmp=$(mktemp -d)
chmod 0777 "$tmp"
(cd "$tmp" && apt-get download -q "${wanted[@]}" >/dev/null)
mv "$tmp"/*.deb "$dest/"
rmdir "$tmp"

cat > "$dest/INSTALL.txt" <<TXT
Hegang Coal Heritage Kiosk: offline installation on Debian 12 ($(dpkg --print-architecture))

  cd $(basename "$dest")
  sudo apt install ./*.deb
  sudo hegang-kiosk set-pin
  sudo systemctl enable --now hegang-kiosk.service
  sudo systemctl set-default graphical.target

$(ls "$dest"/*.deb | wc -l) packages, $(du -sh "$dest" | cut -f1). Settings: /etc/hegang-kiosk/kiosk.toml.
TXT
echo "bundle $dest: $(ls "$dest"/*.deb | wc -l) packages, $(du -sh "$dest" | cut -f1)"
