"""Two real Syncthing instances on this machine carry a release from the curators' PC to a kiosk.

The curators share their releases folder send-only; the kiosk receives it receive-only as its
inbox. Both run on 127.0.0.1 with their own homes, no discovery, relays, NAT or LAN announcements,
and know each other only by device ID and loopback address, as on an isolated museum LAN.
Skipped only where the `syncthing` binary is missing outside CI; in CI it must run.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import time
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from releases_support import Gallery

SYNCTHING = shutil.which("syncthing")
FOLDER_ID = "hegang-releases"
ARRIVAL_LIMIT_S = 120

pytestmark = pytest.mark.skipif(SYNCTHING is None and not os.environ.get("CI"), reason="syncthing is not installed (apt-get install syncthing)")

OFF = {
    "globalAnnounceEnabled": "false", "localAnnounceEnabled": "false", "relaysEnabled": "false", "natEnabled": "false",
    "startBrowser": "false", "urAccepted": "-1", "autoUpgradeIntervalH": "0", "crashReportingEnabled": "false",
    "announceLANAddresses": "false", "reconnectionIntervalS": "1",
}


def free_ports(count: int) -> list[int]:
    """Distinct free loopback ports (all held open while choosing, so none is handed out twice)."""
    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]
    finally:
        for probe in probes:
            probe.close()


class Syncthing:
    """One Syncthing instance with its own home folder, listening and serving its REST API on loopback only."""

    def __init__(self, home: Path, name: str, ports: list[int]) -> None:
        assert SYNCTHING, "the syncthing binary is required in CI (setup.sh --test installs it)"
        self.home, self.name = home, name
        self.gui_port, self.sync_port = ports
        self.api_key = secrets.token_urlsafe(24)
        self.process: subprocess.Popen | None = None
        subprocess.run([SYNCTHING, "generate", f"--home={home}", "--no-default-folder", "--skip-port-probing"],
                       check=True, capture_output=True, env=self._env())
        self.config = ET.parse(home / "config.xml")
        self.device_id = self.config.getroot().find("device").get("id")
        options = self.config.getroot().find("options")
        for key, value in {**OFF, "listenAddress": f"tcp://127.0.0.1:{self.sync_port}"}.items():
            options.find(key).text = value
        gui = self.config.getroot().find("gui")
        gui.find("address").text = f"127.0.0.1:{self.gui_port}"
        gui.find("apikey").text = self.api_key

    def _env(self) -> dict[str, str]:
        return {**os.environ, "STNOUPGRADE": "1", "STNODEFAULTFOLDER": "1", "HOME": str(self.home)}

    def share(self, other: Syncthing, folder: Path, kind: str, dial: bool) -> None:
        """Know `other` by ID (and address, if this side `dial`s it), and share `folder` with it as
        `kind` (sendonly or receiveonly). One side dials: two that dial each other every second
        keep crossing connections and dropping both (Syncthing 1.19: "Failed to exchange Hello")."""
        root = self.config.getroot()
        device = ET.SubElement(root, "device", id=other.device_id, name=other.name, compression="metadata", introducer="false")
        ET.SubElement(device, "address").text = f"tcp://127.0.0.1:{other.sync_port}" if dial else "dynamic"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / ".stfolder").mkdir(exist_ok=True)
        shared = ET.Element("folder", id=FOLDER_ID, label="Hegang releases", path=str(folder), type=kind,
                            rescanIntervalS="60", fsWatcherEnabled="true", fsWatcherDelayS="1")
        for member in (self.device_id, other.device_id):
            ET.SubElement(shared, "device", id=member)
        root.insert(0, shared)

    def start(self, log: Path) -> None:
        self.config.write(self.home / "config.xml")
        self.log = log
        with log.open("wb") as output:  # the child keeps its own copy of the descriptor
            self.process = subprocess.Popen(
                [SYNCTHING, "serve", f"--home={self.home}", "--no-browser", "--no-restart", "--no-upgrade", "--logflags=0"],
                stdout=output, stderr=subprocess.STDOUT, env=self._env(),
            )

    def rest(self, method: str, path: str) -> object:
        request = urllib.request.Request(f"http://127.0.0.1:{self.gui_port}{path}", method=method, headers={"X-API-Key": self.api_key})
        with urllib.request.urlopen(request, timeout=5) as response:
            body = response.read()
        return json.loads(body) if body else None

    def wait_ready(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text(errors="replace")
            try:
                if self.rest("GET", "/rest/system/ping") == {"ping": "pong"}:
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"{self.name} did not answer on its REST API:\n{self.log.read_text(errors='replace')}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            self.rest("POST", "/rest/system/shutdown")
            self.process.wait(15)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()


@pytest.fixture
def curators_and_kiosk(tmp_path: Path):
    gallery = Gallery(tmp_path)
    gallery.inbox.rmdir()  # Syncthing owns it from here
    ports = free_ports(4)
    curators = Syncthing(tmp_path / "syncthing-curators", "curators-pc", ports[:2])
    kiosk = Syncthing(tmp_path / "syncthing-kiosk", "kiosk-hall-1", ports[2:])
    curators.share(kiosk, gallery.published, "sendonly", dial=False)  # with no discovery, it waits for the kiosk
    kiosk.share(curators, gallery.inbox, "receiveonly", dial=True)  # each kiosk dials the curators' PC
    try:
        yield gallery, curators, kiosk
    finally:
        for instance in (curators, kiosk):
            instance.stop()


def test_a_release_published_on_the_curators_pc_arrives_by_syncthing_and_the_kiosk_installs_it(curators_and_kiosk):
    gallery, curators, kiosk = curators_and_kiosk
    for instance in (curators, kiosk):
        instance.start(gallery.root / f"{instance.name}.log")
    deadline = time.monotonic() + ARRIVAL_LIMIT_S
    for instance in (curators, kiosk):
        instance.wait_ready(deadline)
    release = gallery.publish("Arrived by Syncthing", note="first release over the LAN")
    curators.rest("POST", f"/rest/db/scan?folder={FOLDER_ID}")
    seen: set[str] = set()
    while time.monotonic() < deadline:
        result = gallery.pull()
        seen.update(verdict.code for verdict in result.verdicts)
        if result.installed:
            break
        time.sleep(0.25)
    else:
        logs = "\n".join(path.read_text(errors="replace")[-3000:] for path in gallery.root.glob("*.log"))
        raise AssertionError(f"no release installed within {ARRIVAL_LIMIT_S} s; verdicts seen: {seen}\n{logs}")
    assert result.installed == release.name
    assert gallery.shown_title() == "Arrived by Syncthing"
    assert set(seen) <= {"installed", "no-manifest", "no-signature", "missing-files", "syncing"}, "nothing was refused on the way"
    status = kiosk.rest("GET", f"/rest/db/status?folder={FOLDER_ID}")
    assert status["receiveOnlyChangedFiles"] == 0, "the kiosk's pass never writes into its inbox"
