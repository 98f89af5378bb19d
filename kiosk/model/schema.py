"""The published JSON Schema, and its errors reworded for curators."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

from kiosk.model.dates import DATE_FORMS

if TYPE_CHECKING:
    from jsonschema import ValidationError
from kiosk.model.locate import field_of
from kiosk.paths import SCHEMA_PATH

_TYPE_WORDS = {
    "object": "a group in curly braces { }",
    "array": "a list in square brackets [ ]",
    "string": "text in double quotes",
    "number": "a number",
    "integer": "a whole number",
    "null": "null",
    "boolean": "true or false",
}
_PATTERN_HINTS = {
    "date": f"Write {DATE_FORMS}.",
    "id": "Use lower-case letters, digits and hyphens only, e.g. \"railway-1926\".",
    "color": "Write a colour as # and six hex digits, e.g. \"#c8963e\".",
    "path": "Name an image file ending in .svg, .png, .jpg or .webp, e.g. \"assets/illustrations/era-decline.svg\".",
    "sources": "Cite a source by its id in sources.json, e.g. \"seed-000\".",
    "file": "Name a file in the seeds folder, e.g. \"000_ca414db864f0f112.txt\".",
    "url": "Write the whole address, starting with https:// or http://, without spaces.",
    "accessed": "Write the day you read the page as YYYY-MM-DD, e.g. \"2026-11-28\".",
}


@lru_cache(maxsize=4)
def _schema(schema_path: Path) -> dict:
    return json.loads(schema_path.read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def _quick_check(schema_path: Path):
    return fastjsonschema.compile(_schema(schema_path))


def schema_errors(document: Any, schema_path: Path = SCHEMA_PATH) -> Iterator[tuple[list, str, str]]:
    """Yield (path, message, hint) for each schema problem, most specific first.

    A compiled validator answers "all fine" in milliseconds for 10,000 events; only a file
    with a problem pays for jsonschema, which finds every problem, not just the first.
    """
    try:
        _quick_check(schema_path)(document)
        return
    except fastjsonschema.JsonSchemaException:
        pass
    from jsonschema import Draft202012Validator

    for error in Draft202012Validator(_schema(schema_path)).iter_errors(document):
        for leaf in _leaves(error):
            yield _explain(leaf)


def _leaves(error: ValidationError) -> list[ValidationError]:
    """For anyOf/oneOf, report the branch that came closest rather than a vague summary."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        deepest = max(len(e.absolute_path) for e in error.context)
        if deepest > len(error.absolute_path):
            return [e for e in error.context if len(e.absolute_path) == deepest][:1]
    return [error]


def _def_name(error: ValidationError) -> str:
    path = [p for p in error.absolute_path if isinstance(p, str)]
    if path and path[-1] in ("file", "url", "accessed"):
        return path[-1]
    ref_parts = [p for p in error.absolute_schema_path if isinstance(p, str)]
    for part in reversed(ref_parts):
        if part in _PATTERN_HINTS:
            return part
    if path and path[-1] in ("date", "start", "end"):
        return "date"
    if path and path[-1] in ("id", "era"):
        return "id"
    if path and path[-1] == "illustration":
        return "path"
    return path[-1] if path else ""


def _explain(error: ValidationError) -> tuple[list, str, str]:
    path = list(error.absolute_path)
    kind = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    instance = error.instance
    if kind == "required":
        missing = str(error.message).split("'")[1]
        described = schema.get("properties", {}).get(missing, {}).get("description", "") or _PATTERN_HINTS.get(missing, "")
        return path + [missing], f"'{missing}' is missing", described or f"Add a \"{missing}\" field here."
    if kind == "additionalProperties":
        allowed = ", ".join(schema.get("properties", {}))
        extra = sorted(set(instance) - set(schema.get("properties", {})))
        name = extra[0] if extra else "?"
        return path + [name], f"'{name}' is not a field the kiosk knows", f"Check the spelling; allowed here: {allowed}."
    if kind == "minLength":
        language = {"zh": "Chinese", "en": "English"}.get(str(path[-1]) if path else "", "")
        what = f"the {language} text" if language else "this text"
        return path, f"{what} is empty", f"Write {what}; visitors switch languages at any time."
    if kind == "type":
        expected = schema.get("type")
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in (expected if isinstance(expected, list) else [expected]))
        return path, f"should be {words}, but is {_describe(instance)}", ""
    if kind == "pattern":
        hint = _PATTERN_HINTS.get(_def_name(error), "")
        return path, f"'{instance}' is not written the way the kiosk expects", hint
    if kind == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        return path, f"'{instance}' is not one of the choices", f"Use one of: {options}."
    if kind == "minItems":
        return path, "the list is empty", "Add at least one entry."
    if kind == "uniqueItems":
        return path, "the list names the same entry twice", "Remove the repeated entry."
    if kind in ("maxLength", "maxItems"):
        return path, "is too long", f"Keep it to at most {error.validator_value}."
    if kind in ("minimum", "maximum"):
        return path, f"{instance} is out of range", f"Use a value {'from' if kind == 'minimum' else 'up to'} {error.validator_value}."
    if kind == "not" and "file" in str(error.validator_value):
        return path + ["file"], "only a seed document names a file", "Remove \"file\", or give the source the kind \"seed\"."
    if kind == "oneOf" and isinstance(instance, str) and instance.endswith(".txt") and "sources" in path:
        return path, f"'{instance}' is a file name, not a source id", "Cite the source by its id in sources.json; the seed files are seed-000, seed-001 and seed-002."
    if kind in ("anyOf", "oneOf"):
        if "label" in str(error.schema) and "year" in str(error.schema):
            return path, "needs a 'label' or a 'year'", "Give each point a bilingual label, or the year it belongs to."
        return path, "is not written in any of the accepted forms", schema.get("description", "")
    return path, f"{field_of(path)} {error.message}", ""


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text \"{value[:40]}\""
    return _TYPE_WORDS["array" if isinstance(value, list) else "object"]
