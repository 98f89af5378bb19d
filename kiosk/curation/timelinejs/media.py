"""An event's picture: a local image next to the TimelineJS file, copied into the content folder's media/."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

from kiosk.curation.timelinejs.reading import Pair
from kiosk.curation.timelinejs.report import ImportReport
from kiosk.curation.timelinejs.text import shorten
from kiosk.model.checks import IMAGE_SUFFIXES, contained_path, image_file_problem


class MediaCopier:
    """Copies each slide's local image once into out_dir/media, under a unique name."""

    def __init__(self, report: ImportReport, zh_path: Path, en_path: Path, out_dir: Path) -> None:
        self.report = report
        self.zh_path, self.en_path, self.out_dir = zh_path, en_path, out_dir
        self.copied: dict[str, Path] = {}

    def illustration(self, pair: Pair, item: str) -> str | None:
        """The event's illustration as a path in the content folder, or None (with the reason in the report)."""
        urls = {}
        for language in ("en", "zh"):
            media = (pair.side(language) or {}).get("media")
            if isinstance(media, dict) and isinstance(media.get("url"), str) and media["url"].strip():
                urls[language] = media["url"].strip()
        if not urls:
            return None
        if len(set(urls.values())) > 1:
            self.report.warn(f"{item}: the two files show different media ({urls['en']} / {urls['zh']}); an event has one illustration, the English file's is used")
        language = "en" if "en" in urls else "zh"
        url = urls[language]
        base = (self.en_path if language == "en" else self.zh_path).parent
        parsed = urlparse(url)
        if parsed.netloc or len(parsed.scheme) > 1:
            self.report.not_mapped(
                f"media.url {shorten(url, 80)}",
                "online media (web images, YouTube, maps, tweets …) cannot be shown on an offline kiosk; save an image into the content folder and set \"illustration\"",
                item,
            )
            return None
        reference = unquote(parsed.path)
        if Path(reference).is_absolute() or len(parsed.scheme) == 1:
            self.report.not_mapped(f"media.url {url}", "an absolute path on another computer; put the image next to the TimelineJS file and write a relative path", item)
            return None
        if Path(reference).suffix.lower() not in IMAGE_SUFFIXES:
            self.report.not_mapped(f"media.url {url}", "the kiosk shows SVG, PNG, JPEG or WebP images only", item)
            return None
        # the loader's own rule: nothing from outside the folder, whether through '..' or a link
        source, message, hint = contained_path(reference, base, where=f"{base}, the TimelineJS file's folder")
        if source is not None:
            if not source.is_file():
                self.report.warn(f"event '{item}': the image {url} is not in {base}, the TimelineJS file's folder; it was left out")
                return None
            message, hint = image_file_problem(source, reference)
        if source is None or message:
            self.report.warn(f"event '{item}': media.url {url}: {message}" + (f" ({hint})" if hint else "") + "; it was left out")
            return None
        name = self._media_name(source)
        target = self.out_dir / "media" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.resolve() != source:
            shutil.copyfile(source, target)
        return f"media/{name}"

    def _media_name(self, source: Path) -> str:
        for name, known in self.copied.items():
            if known == source:
                return name
        stem = source.stem.strip() or "image"
        suffix = source.suffix.lower()
        name, number = f"{stem}{suffix}", 1
        while name in self.copied:
            number += 1
            name = f"{stem}-{number}{suffix}"
        self.copied[name] = source
        return name
