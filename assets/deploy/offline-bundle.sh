#!/usr/bin/env bash
# Write a folder for an offline kiosk PC: the kiosk's .deb and every Debian package it needs that a
# fresh Debian 12 lacks. On the kiosk PC:   cd FOLDER && sudo apt install ./*.deb
#
#   bash assets/deploy/offline-bundle.sh dist/hegang-kiosk_<version>_<arch>.deb FOLDER
# (build-deb.sh --bundle FOLDER runs this for you). Run it as root (or with sudo) on a Debian machine
# with network access to Debian's package servers.
#
# What "a fresh Debian 12 lacks" is found, not guessed: debootstrap lays out a fresh Debian 12 in a
# scratch folder, apt inside it downloads what the package needs, and then the bundle is installed
# there with the network cut off (unshare -n), which proves the bundle is complete.
set -euo pipefail
deb=$(realpath "$1")
mkdir -p "$2"
dest=$(realpath "$2")
suite=${DEBIAN_SUITE:-bookworm}

sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
command -v debootstrap >/dev/null || $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap

root=$(mktemp -d)
cleanup() { $sudo umount "$root/proc" 2>/dev/null || true; $sudo rm -rf "$root"; }
trap cleanup EXIT
echo "laying out a fresh Debian ($suite) to find what the kiosk needs …"
$sudo debootstrap --arch "$(dpkg --print-architecture)" "$suite" "$root" >"$dest.debootstrap.log" 2>&1 || {
  tail -n 20 "$dest.debootstrap.log" >&2; echo "offline-bundle.sh: debootstrap failed" >&2; exit 1; }
rm -f "$dest.debootstrap.log"
$sudo mount --bind /proc "$root/proc"
$sudo cp "$deb" "$root/tmp/"
$sudo chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --download-only "/tmp/$(basename "$deb")" >/dev/null

rm -f "$dest"/*.deb
cp "$deb" "$dest/"
cp "$root"/var/cache/apt/archives/*.deb "$dest/"

# The proof: install the bundle into that fresh Debian with no network at all.
$sudo rm -f "$root"/var/cache/apt/archives/*.deb
$sudo mkdir -p "$root/bundle"
$sudo cp "$dest"/*.deb "$root/bundle/"
$sudo unshare -n chroot "$root" sh -c 'cd /bundle && DEBIAN_FRONTEND=noninteractive apt-get install -y -q ./*.deb' >"$dest.install-check.log" 2>&1 || {
  tail -n 20 "$dest.install-check.log" >&2
  echo "offline-bundle.sh: the bundle does not install offline on a fresh Debian ($dest.install-check.log)" >&2; exit 1; }
$sudo chroot "$root" /usr/bin/hegang-kiosk validate >/dev/null
rm -f "$dest.install-check.log"

count=$(ls "$dest"/*.deb | wc -l)
size=$(du -sh "$dest" | cut -f1)
cat > "$dest/INSTALL.txt" <<TXT
Hegang Coal Heritage Kiosk: offline installation on Debian ($suite, $(dpkg --print-architecture))

  cd $(basename "$dest")
  sudo apt install ./*.deb
  sudo hegang-kiosk set-pin
  sudo systemctl enable --now hegang-kiosk.service
  sudo systemctl set-default graphical.target

$count packages, $size. Checked by installing them into a fresh Debian ($suite) with no network.
Settings: /etc/hegang-kiosk/kiosk.toml. See README.md, "Deploying on a kiosk PC".
TXT
echo "bundle $dest: $count packages, $size (installs offline on a fresh Debian $suite)"
