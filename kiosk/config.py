"""The kiosk's settings file (`kiosk.toml`): where it lives, what it may hold, and reading it safely.

The file is plain TOML with top-level `name = value` lines (see `assets/deploy/kiosk.example.toml`).
Reading it never stops the exhibition: a syntax error, an unknown setting or a wrong value is
reported in plain words for museum IT and the kiosk carries on with the defaults for what is wrong.
Pure Python, no Qt.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import socket
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.pin_hash import PinHashError, parse_pin_hash

APP_NAME = "hegang-kiosk"
CONFIG_ENV = "HEGANG_KIOSK_CONFIG"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything museum IT can set in `kiosk.toml`, with the defaults used when it is silent."""

    idle_seconds: int = 90
    """Seconds without a touch before the "Still exploring?" countdown appears (10 to 3600)."""
    countdown_seconds: int = 10
    """Length of that countdown; when it runs out the kiosk resets to the home screen (3 to 120)."""
    attract_seconds: int = 180
    """Idle seconds before the attract loop starts; it starts after the reset, so it must be at least
    `idle_seconds` (10 to 86400)."""
    attract: bool = True
    """Whether to play the attract loop at all."""
    default_language: str = "zh"
    """The language the kiosk starts in and resets to: "zh" or "en"."""
    content_dir: str = ""
    """The content folder to show; empty means the content bundled with the kiosk."""
    hide_cursor: bool = True
    """Hide the mouse pointer (a touchscreen needs none)."""
    pin_hash: str = ""
    """The staff PIN as a salted hash, written by `hegang-kiosk set-pin`; empty means no PIN is set. A damaged
    hash is reported and kept as it is, so the PIN pad can tell staff it is damaged (see kiosk.pin_hash)."""
    log_dir: str = ""
    """Folder for the kiosk's log files; empty means the default (see `default_log_dir`)."""
    large_text_scale: float = 1.25
    """How much bigger text gets when a visitor chooses large text (1.0 to 2.0)."""
    analytics: bool = True
    """Record what visitors do (never who they are) in a local SQLite file; false writes nothing at all."""
    analytics_db: str = ""
    """The analytics file; empty means the default (see `default_analytics_db`)."""
    analytics_retention_days: int = 400
    """Days a row is kept (1 to 3650)."""
    analytics_max_mb: int = 200
    """Size cap of the analytics file in MB; the oldest rows go first (1 to 100000)."""
    inbox: str = ""
    """Folder that Syncthing, rsync or a USB stick fills with signed releases; empty means no releases."""
    trusted_keys: tuple[str, ...] = ()
    """Public keys (lines from `hegang-kiosk keygen`'s .pub file, or paths to .pub files) whose releases are installed."""
    releases_dir: str = ""
    """Where installed releases are kept; empty means the default (see `default_state_dir`)."""
    outbox: str = ""
    """Folder carried back to the curators: daily health lines go to <outbox>/<kiosk_name>/; empty means none."""
    kiosk_name: str = ""
    """This kiosk's name in the analytics rows and the outbox, so merged files tell kiosks apart; empty means the computer's name."""
    keypad_keys: tuple[str, ...] = ("Left", "Right", "Up", "Down", "Return", "Enter", "Escape", "Back", "F1", "F2", "F3")
    """The keys a tactile keypad (or keyboard) may use; lockdown swallows every other key. Their meanings
    are fixed (`KEYPAD_KEYS`); an empty list turns keypad navigation off."""
    story_url: str = ""
    """A web address for each story, e.g. "https://museum.example/hegang/{id}?lang={lang}": each story
    card then shows it as a QR code to take home. Empty: no code."""


KEYPAD_KEYS: dict[str, str] = {
    "Left": "the previous story, card story, picture or button",
    "Right": "the next story, card story, picture or button",
    "Up": "the row above: header, timeline, era chips and zoom, gallery (or the chart above)",
    "Down": "the row below",
    "Return": "open or press what has the focus ring",
    "Enter": "the same as Return (the keypad's own Enter)",
    "Escape": "close the open card; otherwise back to the timeline",
    "Back": "the same as Escape",
    "F1": "switch language (中文 / English)",
    "F2": "larger text on or off",
    "F3": "reach mode on or off: every control in the lower half of the screen",
}
"""Every key the keypad understands, with what it does (README and kiosk.example.toml say the same)."""


FIELDS: tuple[str, ...] = tuple(field.name for field in dataclasses.fields(Settings))
DEFAULTS = Settings()

_INT_RANGES: dict[str, tuple[int, int]] = {
    "idle_seconds": (10, 3600),
    "countdown_seconds": (3, 120),
    "attract_seconds": (10, 86400),
    "analytics_retention_days": (1, 3650),
    "analytics_max_mb": (1, 100_000),
}
_UNITS = {"analytics_retention_days": "days", "analytics_max_mb": "MB"}
_FLOAT_RANGES: dict[str, tuple[float, float]] = {"large_text_scale": (1.0, 2.0)}
_BOOLS = frozenset({"attract", "hide_cursor", "analytics"})
_TEXTS = frozenset({"content_dir", "log_dir", "analytics_db", "kiosk_name", "inbox", "releases_dir", "outbox", "story_url"})
_TEXT_LISTS = frozenset({"trusted_keys", "keypad_keys"})
_KIOSK_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,62}")
_LANGUAGES = ("zh", "en")


def _windows() -> bool:
    return sys.platform == "win32"


def _env_dir(name: str, fallback: Path) -> Path:
    """An XDG-style folder from the environment; empty or relative values are ignored, as the spec says."""
    value = os.environ.get(name, "")
    return Path(value) if value and Path(value).is_absolute() else fallback


def default_config_path() -> Path:
    """$HEGANG_KIOSK_CONFIG if set; else %APPDATA%\\hegang-kiosk\\kiosk.toml on Windows,
    else $XDG_CONFIG_HOME (default ~/.config)/hegang-kiosk/kiosk.toml."""
    override = os.environ.get(CONFIG_ENV, "")
    if override:
        return Path(override).expanduser()
    if _windows():
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    else:
        base = _env_dir("XDG_CONFIG_HOME", Path.home() / ".config")
    return base / APP_NAME / "kiosk.toml"


def default_state_dir() -> Path:
    """Where the kiosk keeps what it writes while running (logs, the PIN pad's lock-out):
    %LOCALAPPDATA%\\hegang-kiosk on Windows, else $XDG_STATE_HOME (default ~/.local/state)/hegang-kiosk."""
    if _windows():
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = _env_dir("XDG_STATE_HOME", Path.home() / ".local" / "state")
    return base / APP_NAME


def default_log_dir() -> Path:
    """The `logs` folder in `default_state_dir()`."""
    return default_state_dir() / "logs"


def default_analytics_db() -> Path:
    """analytics.db in the state folder, beside the logs: %LOCALAPPDATA%\\hegang-kiosk on Windows,
    else $XDG_STATE_HOME (default ~/.local/state)/hegang-kiosk."""
    return default_log_dir().parent / "analytics.db"


def analytics_db_path(settings: Settings) -> Path:
    return Path(settings.analytics_db).expanduser() if settings.analytics_db else default_analytics_db()


def kiosk_name(settings: Settings) -> str:
    """The configured name, or the computer's name cut to what the setting allows."""
    if settings.kiosk_name:
        return settings.kiosk_name
    host = re.sub(r"[^A-Za-z0-9._-]", "-", socket.gethostname()).strip("-.")[:63]
    return host if _KIOSK_NAME.fullmatch(host) else "kiosk"


def releases_dir(settings: Settings) -> Path:
    """Where installed releases live: the `releases_dir` setting, else <state dir>/releases."""
    return Path(settings.releases_dir).expanduser() if settings.releases_dir else default_state_dir() / "releases"


def load_settings(path: Path | None = None) -> tuple[Settings, list[str]]:
    """The settings in `path` (default: `default_config_path()`) and a message for each problem.

    Never raises. A missing file gives the defaults and no messages; a file that cannot be read or
    is not valid TOML gives the defaults and one message; an unknown setting is reported and ignored;
    a wrong value is reported and only that setting falls back to its default.
    """
    path = Path(path) if path is not None else default_config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return DEFAULTS, []
    except OSError as error:
        reason = error.strerror or str(error)
        return DEFAULTS, [f"{path}: the settings file could not be read ({reason}); every setting uses its default"]
    try:
        text = raw.decode("utf-8-sig")  # Notepad's "UTF-8 with BOM" is fine too
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return DEFAULTS, [
            f"{path}:{line}: the settings file is not saved as UTF-8 text; save it as UTF-8 and restart. "
            "Every setting uses its default"
        ]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return DEFAULTS, [_syntax_message(path, text, str(error))]
    return _settings_from(data, path, text)


def with_overrides(settings: Settings, **changes: Any) -> Settings:
    """`settings` with the given fields replaced, for command-line flags; None means "flag not given"."""
    given = {name: value for name, value in changes.items() if value is not None}
    return dataclasses.replace(settings, **given) if given else settings


# -- reading -------------------------------------------------------------------------------------

_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")
_PLAIN_WORDS: tuple[tuple[str, str], ...] = (
    ("Invalid value", "the value after '=' is not understood: text needs double quotes (\"like this\"), "
     "numbers and true/false do not"),
    ("Illegal character '\\n'", "a text value is missing its closing quote before the end of the line"),
    ("Unterminated string", "a text value is missing its closing quote"),
    ("Expected '=' after a key", "a setting name must be followed by '=' and a value"),
    ("Invalid initial character for a key", "this line is not of the form  name = value  (is a '#' missing before a comment?)"),
    ("Invalid statement", "this line is not of the form  name = value"),
    ("Cannot overwrite a value", "a setting is given twice; keep only one line for it"),
    ("Cannot declare", "a section is given twice"),
    ("Expected newline or end of document", "something follows the value on the same line; put one setting per line "
     "and start comments with '#'"),
    ("Unclosed array", "a list is missing its closing ']'"),
    ("Unclosed inline table", "a '{' is missing its closing '}'"),
    ("Unescaped '\\'", "a backslash in a text value must be doubled (\\\\) or the text put in 'single quotes', "
     "e.g. 'C:\\Exhibition\\content'"),
    ("Unescaped", "a backslash in a text value must be doubled (\\\\) or the text put in 'single quotes'"),
    ("Illegal character", "the line contains a character that is not allowed here"),
    ("Invalid date or datetime", "a date or time value is not valid"),
)


def _syntax_message(path: Path, text: str, detail: str) -> str:
    match = _POSITION.search(detail)
    what = detail[: match.start()] if match else detail
    if match and match.group(1):
        where = f"{path}:{match.group(1)}:{match.group(2)}"
    elif match:  # "at end of document": tomllib found a setting given twice only at the end
        where = f"{path}:{_second_time(text) or text.count(chr(10)) + 1}"
    else:
        where = str(path)
    plain = next((words for start, words in _PLAIN_WORDS if what.startswith(start)), what[:1].lower() + what[1:])
    return f"{where}: the settings file is not valid TOML: {plain} ({what}). Every setting uses its default until this is fixed"


def _second_time(text: str) -> int | None:
    """The line where a top-level name is given for the second time."""
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(r"[ \t]*\[", line):
            return None
        match = re.match(r"""[ \t]*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)[ \t]*=""", line)
        if match:
            name = match.group(1).strip("\"'")
            if name in seen:
                return number
            seen.add(name)
    return None


def _line_of(text: str, key: str) -> int | None:
    name = rf"""(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')"""
    pattern = rf"^[ \t]*(?:{name}[ \t]*[=.]|\[+[ \t]*{name}[ \t]*[].])"
    match = re.search(pattern, text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _settings_from(data: dict[str, Any], path: Path, text: str) -> tuple[Settings, list[str]]:
    messages: list[str] = []
    values: dict[str, Any] = {}

    def where(key: str) -> str:
        line = _line_of(text, key)
        return f"{path}, line {line}" if line else str(path)

    for key, value in data.items():
        if key not in FIELDS and isinstance(value, dict):
            inside = f" (it holds {', '.join(value)})" if value else ""
            messages.append(
                f"section [{key}] in {where(key)} is ignored{inside}: settings are plain name = value lines at the top of "
                "the file, before any [section]"
            )
            continue
        if key not in FIELDS:
            close = difflib.get_close_matches(key, FIELDS, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            messages.append(f"unknown setting '{key}' in {where(key)}; it is ignored; {hint}known settings: {', '.join(FIELDS)}")
            continue
        problem = _check(key, value)
        if problem and key == "pin_hash":
            # never copy what may be a PIN into a log; keep the value, so the PIN pad says it is damaged
            # instead of claiming that no PIN was ever set
            messages.append(
                f"pin_hash in {where(key)} {problem}. The staff PIN pad opens nothing until a new PIN is set with "
                "`hegang-kiosk set-pin`; the exhibition runs as usual"
            )
            values[key] = value if isinstance(value, str) else "damaged"
        elif problem:
            messages.append(f"{key} = {_show(value)} in {where(key)}: {problem}; using the default {_show(getattr(DEFAULTS, key))}")
        else:
            values[key] = float(value) if key in _FLOAT_RANGES else tuple(value) if key in _TEXT_LISTS else value
    idle = values.get("idle_seconds", DEFAULTS.idle_seconds)
    attract = values.get("attract_seconds", DEFAULTS.attract_seconds)
    if attract < idle:
        fallback = max(DEFAULTS.attract_seconds, idle)
        messages.append(
            f"attract_seconds = {attract} in {where('attract_seconds')} is less than idle_seconds = {idle}: the attract loop "
            f"starts only after the kiosk has reset, so it must be at least idle_seconds; using {fallback}"
        )
        values["attract_seconds"] = fallback
    return dataclasses.replace(DEFAULTS, **values), messages


def _check(key: str, value: Any) -> str:
    """What is wrong with `value` for setting `key`, in plain words; empty when it is fine."""
    if key in _INT_RANGES:
        low, high = _INT_RANGES[key]
        if isinstance(value, bool) or not isinstance(value, int):
            return f"must be a whole number of {_UNITS.get(key, 'seconds')} from {low} to {high}, written without quotes"
        if not low <= value <= high:
            return f"is {'below the minimum' if value < low else 'above the maximum'}; allowed are {low} to {high} {_UNITS.get(key, 'seconds')}"
    elif key in _FLOAT_RANGES:
        low, high = _FLOAT_RANGES[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"must be a number from {low} to {high}, written without quotes (e.g. 1.25)"
        if not low <= value <= high:
            return f"is out of range; allowed are {low} to {high}"
    elif key in _BOOLS:
        if not isinstance(value, bool):
            return "must be true or false, written in small letters without quotes"
    elif key == "default_language":
        if value not in _LANGUAGES:
            return 'must be "zh" (Chinese) or "en" (English)'
    elif key == "pin_hash":
        try:
            if value != "":
                parse_pin_hash(value)
        except PinHashError as error:
            return f"is not a PIN hash made by `hegang-kiosk set-pin`: {error}"
    elif key == "keypad_keys":
        if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
            return 'must be a list of key names in quotes, e.g. ["Left", "Right", "Return"]'
        unknown = [name for name in value if name not in KEYPAD_KEYS]
        if unknown:
            return f"does not know {', '.join(unknown)}; known keys are {', '.join(KEYPAD_KEYS)}"
    elif key in _TEXT_LISTS:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            return 'must be a list of texts in quotes, e.g. ["hegang-ed25519 AAAA… curators", "/etc/hegang-kiosk/curators.pub"]'
    elif key in _TEXTS and not isinstance(value, str):
        return 'must be text in quotes, e.g. "/srv/exhibition/content" or \'C:\\Exhibition\\content\''
    elif key == "kiosk_name" and value and not _KIOSK_NAME.fullmatch(value):
        return "must be a short name of letters, digits, '.', '_' or '-' (up to 63), e.g. \"hall-2-north\""
    elif key == "story_url":
        return _url_problem(value)
    return ""


def _url_problem(template: str) -> str:
    """What keeps a story address template from making a working link for every story; empty when fine."""
    if not template:
        return ""
    if not template.startswith(("https://", "http://")):
        return 'must start with https:// (or http://), e.g. "https://museum.example/hegang/{id}?lang={lang}"'
    if "{id}" not in template:
        return "must contain {id}, where the story's id goes"
    try:
        template.format(id="x", lang="zh")
    except (KeyError, IndexError, ValueError):
        return "may use only {id} and {lang} in braces"
    return ""


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_show(item) for item in value) + "]"
    return repr(value)
