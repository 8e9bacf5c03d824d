"""The one way the API reads JSON: the standard parser, plus refusals of what is valid JSON but
cannot be stored or shown safely, each as a field error in the API's error shape:

- text with an unpaired surrogate (`"\\ud800"`: it cannot be written as UTF-8, so it could
  neither be encrypted nor echoed back) or a NUL character (PostgreSQL refuses it in text);
- numbers of more than 30 digits (Python refuses past 4,300; no field needs more than 30);
- nesting deeper than 32 levels (the report's deepest is 3).
"""

import json
from collections.abc import Mapping
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser

MAX_DEPTH = 32
MAX_DIGITS = 30


class JsonRefused(Exception):
    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors


def printable_path(parts: list[str]) -> str:
    """A field path safe to echo: a bad character in a key is shown as its escape."""
    return ".".join(part.encode("utf-8", "backslashreplace").decode("utf-8") for part in parts)


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise JsonRefused({"": [f"Numbers must have {MAX_DIGITS} digits or fewer"]})
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > MAX_DIGITS * 2:
        raise JsonRefused({"": [f"Numbers must have {MAX_DIGITS} digits or fewer"]})
    return float(text)


def _text_problem(text: str) -> str | None:
    if "\x00" in text:
        return "Must not contain the NUL character"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "Must be valid text (it holds an unpaired surrogate character)"
    return None


def _check(value: Any, parts: list[str], errors: dict[str, list[str]], depth: int) -> None:
    if depth > MAX_DEPTH:
        raise JsonRefused({"": [f"The body must not be nested more than {MAX_DEPTH} levels deep"]})
    if isinstance(value, str):
        problem = _text_problem(value)
        if problem:
            errors.setdefault(printable_path(parts), [problem])
    elif isinstance(value, dict):
        for key, item in value.items():
            problem = _text_problem(key)
            if problem:
                errors.setdefault(
                    printable_path([*parts, key]), [f"The name of this field: {problem.lower()}"]
                )
            _check(item, [*parts, key], errors, depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check(item, [*parts, str(index)], errors, depth + 1)


def loads(raw: bytes) -> Any:
    """Parse a JSON body; JsonRefused with field errors when it is not JSON the API can take."""
    try:
        data = json.loads(raw.decode("utf-8"), parse_int=_parse_int, parse_float=_parse_float)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise JsonRefused({"": ["The body must be valid JSON"]}) from None
    errors: dict[str, list[str]] = {}
    _check(data, [], errors, 0)
    if errors:
        raise JsonRefused(errors)
    return data


class JSONParser(BaseParser):
    """DRF's parser for every API view, reading with `loads`, at most
    DATA_UPLOAD_MAX_MEMORY_SIZE bytes (more is a 413, as on the pages)."""

    media_type = "application/json"

    def parse(
        self,
        stream: IO[bytes] | None,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise RequestDataTooBig("The body is larger than DATA_UPLOAD_MAX_MEMORY_SIZE")
        try:
            return loads(raw)
        except JsonRefused as refused:
            raise ParseError(refused.errors) from None
