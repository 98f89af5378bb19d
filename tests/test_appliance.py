"""Museum IT installs the Debian package and the PC becomes a kiosk appliance.

These stories install a built package into this machine with apt, so they run where
`HEGANG_APPLIANCE_DEB` names a .deb built by `assets/deploy/build-deb.sh` and the tests run as
root: CI does both (`.ci/run`). Elsewhere they are skipped, and in CI a missing package fails.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

DEB = os.environ.get("HEGANG_APPLIANCE_DEB", "")
KIOSK = "/usr/bin/hegang-kiosk"
SETTINGS = Path("/etc/hegang-kiosk/kiosk.toml")
UNIT = Path("/lib/systemd/system/hegang-kiosk.service")
LOG_DIR = Path("/var/log/hegang-kiosk")
STATE_DIR = Path("/var/lib/hegang-kiosk")

if not DEB and os.environ.get("CI"):
    pytest.fail("CI must build the Debian package and name it in HEGANG_APPLIANCE_DEB (.ci/run)", pytrace=False)
pytestmark = [
    pytest.mark.appliance,
    pytest.mark.skipif(not DEB, reason="no built package: set HEGANG_APPLIANCE_DEB (CI does)"),
    pytest.mark.skipif(os.geteuid() != 0, reason="installs a package: needs root"),
]


def run(*command: str, timeout: float = 300, check: bool = True, **kwargs) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "XDG_"))}
    env |= {"DEBIAN_FRONTEND": "noninteractive"} | kwargs.pop("env", {})
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, check=False, **kwargs)
    if check:
        assert done.returncode == 0, f"{' '.join(command)} exited {done.returncode}:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


def apt_install(deb: Path) -> None:
    """How museum IT (or unattended upgrades) installs: keep the museum's changed settings."""
    run("apt-get", "install", "-y", "-q", "-o", "Dpkg::Options::=--force-confold", str(deb.resolve()), timeout=900)


@pytest.fixture(scope="module")
def installed() -> Path:
    apt_install(Path(DEB))
    return Path(DEB)


def test_the_installed_kiosk_lives_under_opt_with_its_settings_in_etc(installed):
    assert Path("/opt/hegang-kiosk/bin/hegang-kiosk").is_file()
    assert "pin_hash" in SETTINGS.read_text(encoding="utf-8")
    assert 'log_dir = "/var/log/hegang-kiosk"' in SETTINGS.read_text(encoding="utf-8")
    user = run("getent", "passwd", "hegang-kiosk").stdout.split(":")
    assert user[5] == str(STATE_DIR) and user[6].strip().endswith("nologin")
    assert run("dpkg-query", "-W", "-f=${Conffiles}", "hegang-kiosk").stdout.count("/etc/hegang-kiosk/kiosk.toml") == 1


def test_the_installed_kiosk_validates_its_exhibition(installed):
    done = run(KIOSK, "validate")
    assert "0 errors" in done.stdout


def test_the_installed_kiosk_measures_itself(installed):
    done = run(KIOSK, "bench", "--runs", "1", timeout=900)
    last = done.stdout.strip().splitlines()[-1]
    assert '"cold_start_ms"' in last and '"peak_rss_mb"' in last


def test_systemd_accepts_the_kiosk_session_unit(installed):
    done = run("systemd-analyze", "verify", str(UNIT), check=False)
    problems = [line for line in (done.stdout + done.stderr).splitlines() if "hegang-kiosk" in line]
    assert done.returncode == 0 and not problems, done.stdout + done.stderr


def test_the_kiosk_session_shows_the_exhibition_under_cage(installed, tmp_path: Path):
    """The unit's own session script, as the kiosk user, on cage's headless backend; grim photographs it.

    The screen is hung in portrait (HEGANG_KIOSK_ROTATION=90), so cage composes every frame. A
    landscape screen would show the kiosk's own buffer directly (scan-out), and on the headless
    backend wlroots 0.15 then hands grim a frame it never drew: black, though the kiosk shows.
    """
    # The kiosk user's own runtime folder, as logind would make it (pytest's folders are root's alone).
    # Only the unit's environment, as systemd gives it: nothing of the tests' own (their Qt platform, state folders).
    runtime = Path(tempfile.mkdtemp(prefix="hegang-runtime-"))
    shutil.chown(runtime, "hegang-kiosk", "hegang-kiosk")
    env = {
        "XDG_RUNTIME_DIR": str(runtime), "RUNTIME_DIRECTORY": str(runtime),
        "WLR_BACKENDS": "headless", "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1",
        "WLR_HEADLESS_OUTPUTS": "1", "WLR_NO_HARDWARE_CURSORS": "1", "HOME": str(STATE_DIR),
        "PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HEGANG_KIOSK_ROTATION": "90",
    } | unit_environment()
    log_files = set(LOG_DIR.glob("*.log*"))
    started_at = time.time()
    output = tmp_path / "session.txt"
    with output.open("w") as sink:
        session = subprocess.Popen(
            ["runuser", "-u", "hegang-kiosk", "--", "env", "-i", *(f"{k}={v}" for k, v in env.items()), "/usr/lib/hegang-kiosk/hegang-kiosk-session"],
            stdout=sink, stderr=subprocess.STDOUT, start_new_session=True,
        )
    shot = runtime / "cage-home.png"
    try:
        deadline = time.monotonic() + 90
        started = False
        while time.monotonic() < deadline and session.poll() is None and not started:
            time.sleep(0.5)
            logs = [p for p in LOG_DIR.glob("*.log*") if p not in log_files or p.stat().st_mtime >= started_at]
            started = any("kiosk started" in p.read_text(encoding="utf-8", errors="replace") for p in logs)
        assert started, f"the kiosk never logged 'started' under cage:\n{output.read_text()}"
        sockets = sorted(p.name for p in runtime.glob("wayland-*") if not p.name.endswith(".lock"))
        assert sockets, "cage made no Wayland socket"
        deadline = time.monotonic() + 60
        while True:  # until the home screen is painted
            assert session.poll() is None, "the kiosk session ended by itself"
            run("runuser", "-u", "hegang-kiosk", "--", "env", f"XDG_RUNTIME_DIR={runtime}", f"WAYLAND_DISPLAY={sockets[0]}", "grim", str(shot))
            if distinct_colours(shot) > 20 or time.monotonic() > deadline:
                break
            time.sleep(1)
        shots = Path(os.environ.get("KIOSK_SCREENSHOT_DIR", tmp_path))
        shots.mkdir(parents=True, exist_ok=True)
        shot = Path(shutil.copy(shot, shots / shot.name))
    finally:
        if session.poll() is None:
            os.killpg(session.pid, signal.SIGTERM)
            session.wait(timeout=30)
        shutil.rmtree(runtime, ignore_errors=True)
    assert distinct_colours(shot) > 20, f"the screenshot under cage is blank:\n{output.read_text()[-3000:]}"
    picture = QImage(str(shot))
    assert picture.height() > picture.width(), "cage did not turn the screen for HEGANG_KIOSK_ROTATION=90"


def unit_environment() -> dict[str, str]:
    """The Environment= lines of the installed unit, so the session runs as systemd would run it."""
    pairs = (line.removeprefix("Environment=").split("=", 1) for line in UNIT.read_text(encoding="utf-8").splitlines() if line.startswith("Environment="))
    return dict(pairs)


def distinct_colours(png: Path) -> int:
    image = QImage(str(png))
    step_x, step_y = max(1, image.width() // 40), max(1, image.height() // 30)
    return len({image.pixel(x, y) for x in range(0, image.width(), step_x) for y in range(0, image.height(), step_y)})


def repackaged(deb: Path, out: Path, version_suffix: str, settings_comment: str) -> Path:
    """The next build of the package: a newer version whose packaged settings file also changed."""
    tree = out / "tree"
    run("dpkg-deb", "-R", str(deb), str(tree))
    control = tree / "DEBIAN" / "control"
    lines = control.read_text(encoding="utf-8").splitlines()
    lines = [f"{line}{version_suffix}" if line.startswith("Version:") else line for line in lines]
    control.write_text("\n".join(lines) + "\n", encoding="utf-8")
    packaged = tree / "etc/hegang-kiosk/kiosk.toml"
    packaged.write_text(packaged.read_text(encoding="utf-8") + f"\n# {settings_comment}\n", encoding="utf-8")
    md5sums = tree / "DEBIAN" / "md5sums"
    if md5sums.exists():
        run("sh", "-c", f"cd {tree} && find . -type f ! -path './DEBIAN/*' -printf '%P\\0' | xargs -0 md5sum > DEBIAN/md5sums")
    newer = out / "next.deb"
    run("dpkg-deb", "-Zgzip", "-b", str(tree), str(newer), timeout=900)
    return newer


def test_an_upgrade_keeps_the_museums_settings_pin_and_state(installed, tmp_path: Path):
    run("sh", "-c", f"echo 246810 | {KIOSK} set-pin --pin-stdin")
    text = SETTINGS.read_text(encoding="utf-8").replace("idle_seconds = 90", "idle_seconds = 120")
    SETTINGS.write_text(text, encoding="utf-8")
    pin_line = next(line for line in text.splitlines() if line.startswith("pin_hash"))
    assert pin_line != 'pin_hash = ""'
    remembered = STATE_DIR / "upgrade-story.marker"
    remembered.write_text("last-good content and analytics live here", encoding="utf-8")
    before = run("dpkg-query", "-W", "-f=${Version}", "hegang-kiosk").stdout

    apt_install(repackaged(installed, tmp_path, "+next", "a setting added by the next build"))

    assert run("dpkg-query", "-W", "-f=${Version}", "hegang-kiosk").stdout == before + "+next"
    kept = SETTINGS.read_text(encoding="utf-8")
    assert pin_line in kept.splitlines() and "idle_seconds = 120" in kept
    assert "a setting added by the next build" in Path(f"{SETTINGS}.dpkg-dist").read_text(encoding="utf-8")
    assert remembered.read_text(encoding="utf-8").startswith("last-good")
    assert run(KIOSK, "validate").returncode == 0


def test_purging_removes_the_package_but_never_the_museums_content(installed, tmp_path: Path):
    museum = Path("/srv/hegang-museum-content-test")
    shutil.copytree("/opt/hegang-kiosk/lib/python3.11/site-packages/kiosk/_bundled/content", museum, dirs_exist_ok=True)
    try:
        run("apt-get", "purge", "-y", "-q", "hegang-kiosk", timeout=600)
        assert not Path("/opt/hegang-kiosk").exists()
        assert not STATE_DIR.exists() and not SETTINGS.exists() and not LOG_DIR.exists()
        assert run("getent", "passwd", "hegang-kiosk", check=False).returncode != 0
        assert (museum / "events.json").is_file()
    finally:
        shutil.rmtree(museum, ignore_errors=True)
