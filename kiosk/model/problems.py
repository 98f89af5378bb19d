"""Problems found in content, worded for curators rather than programmers."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        kind = "" if self.severity is Severity.ERROR else "warning: "
        text = f"{self.file}:{self.line}:{self.column}: {self.field}: {kind}{self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR
