"""A presenter's storyboard: an ordered list of views ("slides"), saved as a JSON file.

A slide is a URL query string (the one source of truth for a view, see DESIGN.md) plus a
title and a speaker note. Storyboards are immutable: editing returns a new one, so a
callback can keep the old one in a store and undo is trivial.

File format (version 1)::

    {"version": 1, "title": "...", "slides": [{"query": "?ind=gdp_pc&year=2010", "title": "...", "note": "..."}]}

Unknown keys are rejected, not ignored: a hand-edited "notes" or "titel" would otherwise be
dropped silently and a presenter would lose text without noticing. A later format bumps
``version``, which this reader rejects with a message saying which versions it reads.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any, Final
from urllib.parse import parse_qsl

from dashboard.data.errors import DataError, Location

FORMAT_VERSION: Final = 1
SUPPORTED_VERSIONS: Final = (1,)
MAX_FILE_BYTES: Final = 256 * 1024
MAX_SLIDES: Final = 200
MAX_QUERY_CHARS: Final = 2_000
MAX_TITLE_CHARS: Final = 300
MAX_NOTE_CHARS: Final = 10_000
DEFAULT_FILE_NAME: Final = "storyboard.json"

_BOARD_KEYS: Final = frozenset({"version", "title", "slides"})
_SLIDE_KEYS: Final = frozenset({"query", "title", "note"})


def query_problem(query: str) -> str | None:
    """Why ``query`` is not a view's URL query string, or None when it is one.

    Only the shape is checked (``?key=value&...``): which keys a view understands is the
    URL parser's business, and an old storyboard must still load after a key is renamed.
    """
    if not query.startswith("?"):
        return "must start with '?' (a URL query string such as '?ind=gdp_pc&year=2010')"
    if len(query) > MAX_QUERY_CHARS:
        return f"is longer than {MAX_QUERY_CHARS} characters"
    if any(character.isspace() for character in query):
        return "must not contain spaces or line breaks (URL-encode them)"
    body = query[1:]
    if body:
        try:
            parse_qsl(body, keep_blank_values=True, strict_parsing=True)
        except ValueError:
            return "is not a valid query string (expected key=value pairs joined by '&')"
    return None


def _text_problem(value: str, limit: int) -> str | None:
    return f"is longer than {limit} characters" if len(value) > limit else None


@dataclass(frozen=True)
class Slide:
    """One view of the storyboard: where to go (``query``), what to call it, what to say."""

    query: str
    title: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        problems = {
            "query": query_problem(self.query),
            "title": _text_problem(self.title, MAX_TITLE_CHARS),
            "note": _text_problem(self.note, MAX_NOTE_CHARS),
        }
        for key, problem in problems.items():
            if problem:
                raise ValueError(f"slide '{key}' {problem}")


@dataclass(frozen=True)
class Storyboard:
    """An ordered, immutable sequence of slides with a title and a file-format version."""

    title: str
    slides: tuple[Slide, ...] = field(default_factory=tuple)
    version: int = FORMAT_VERSION

    def __post_init__(self) -> None:
        # Accept any sequence but store a tuple, so a storyboard can never be mutated in place.
        object.__setattr__(self, "slides", tuple(self.slides))
        if len(self.slides) > MAX_SLIDES:
            raise ValueError(f"a storyboard holds at most {MAX_SLIDES} slides, not {len(self.slides)}")
        if self.version not in SUPPORTED_VERSIONS:
            raise ValueError(f"storyboard version {self.version} is not one of {SUPPORTED_VERSIONS}")
        if problem := _text_problem(self.title, MAX_TITLE_CHARS):
            raise ValueError(f"storyboard title {problem}")

    def _index(self, index: int) -> int:
        if not 0 <= index < len(self.slides):
            raise IndexError(f"slide index {index} is out of range for {len(self.slides)} slides")
        return index

    def add(self, slide: Slide, index: int | None = None) -> Storyboard:
        """A storyboard with ``slide`` inserted before ``index`` (appended when None)."""
        position = len(self.slides) if index is None else max(0, min(index, len(self.slides)))
        return replace(self, slides=(*self.slides[:position], slide, *self.slides[position:]))

    def move(self, index: int, delta: int) -> Storyboard:
        """A storyboard with slide ``index`` moved ``delta`` places (negative: earlier).

        A move past either end stops at that end, so "up" on the first slide does nothing.
        """
        self._index(index)
        target = max(0, min(index + delta, len(self.slides) - 1))
        slides = list(self.slides)
        slides.insert(target, slides.pop(index))
        return replace(self, slides=tuple(slides))

    def delete(self, index: int) -> Storyboard:
        """A storyboard without slide ``index``."""
        self._index(index)
        return replace(self, slides=self.slides[:index] + self.slides[index + 1 :])

    def update(self, index: int, slide: Slide) -> Storyboard:
        """A storyboard with slide ``index`` replaced, e.g. after editing its note."""
        self._index(index)
        return replace(self, slides=(*self.slides[:index], slide, *self.slides[index + 1 :]))


def to_json(storyboard: Storyboard) -> str:
    """The storyboard as a readable UTF-8 JSON document (Chinese kept as characters)."""
    document = {
        "version": storyboard.version,
        "title": storyboard.title,
        "slides": [{"query": s.query, "title": s.title, "note": s.note} for s in storyboard.slides],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _fail(source_name: str, message: str, row: int | None = None) -> DataError:
    return DataError(Location(source_name, row=row), message)


def _unknown_keys(found: dict[str, Any], allowed: frozenset[str]) -> str | None:
    unknown = sorted(set(found) - allowed)
    if not unknown:
        return None
    return f"unknown key(s) {', '.join(repr(key) for key in unknown)}; expected only {sorted(allowed)}"


def _text(container: dict[str, Any], key: str, where: str, source_name: str, *, required: bool) -> str:
    if key not in container:
        if required:
            raise _fail(source_name, f"{where}: '{key}' missing")
        return ""
    value = container[key]
    if not isinstance(value, str):
        raise _fail(source_name, f"{where}: '{key}' must be text, not {type(value).__name__}")
    return value


def _slide(raw: Any, number: int, source_name: str) -> Slide:
    where = f"slide {number}"
    if not isinstance(raw, dict):
        raise _fail(source_name, f"{where}: must be an object with 'query', 'title' and 'note'")
    if problem := _unknown_keys(raw, _SLIDE_KEYS):
        raise _fail(source_name, f"{where}: {problem}")
    query = _text(raw, "query", where, source_name, required=True)
    title = _text(raw, "title", where, source_name, required=False)
    note = _text(raw, "note", where, source_name, required=False)
    for key, problem in (
        ("query", query_problem(query)),
        ("title", _text_problem(title, MAX_TITLE_CHARS)),
        ("note", _text_problem(note, MAX_NOTE_CHARS)),
    ):
        if problem:
            raise _fail(source_name, f"{where}: '{key}' {problem}")
    return Slide(query=query, title=title, note=note)


def from_json(text: str, *, source_name: str = DEFAULT_FILE_NAME) -> Storyboard:
    """Read a storyboard file, or raise ``DataError`` saying what is wrong and where.

    ``source_name`` is the uploaded file's name, used in error locations. Slides are
    numbered from 1 in messages, as a presenter counts them.
    """
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_FILE_BYTES:
        raise _fail(source_name, f"file is {size:,} bytes; a storyboard may be at most {MAX_FILE_BYTES:,} bytes")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise _fail(source_name, f"not valid JSON: {error.msg} (column {error.colno})", row=error.lineno) from None
    except RecursionError:
        raise _fail(source_name, "not valid JSON: nested too deeply") from None
    if not isinstance(document, dict):
        raise _fail(source_name, "must be a JSON object with 'version', 'title' and 'slides'")
    if problem := _unknown_keys(document, _BOARD_KEYS):
        raise _fail(source_name, problem)
    if "version" not in document:
        raise _fail(source_name, "'version' missing")
    version = document["version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise _fail(source_name, f"'version' must be a whole number, not {type(version).__name__}")
    if version not in SUPPORTED_VERSIONS:
        raise _fail(
            source_name,
            f"storyboard version {version} is not supported; this dashboard reads version(s) {SUPPORTED_VERSIONS}",
        )
    title = _text(document, "title", "storyboard", source_name, required=True)
    if problem := _text_problem(title, MAX_TITLE_CHARS):
        raise _fail(source_name, f"storyboard: 'title' {problem}")
    if "slides" not in document:
        raise _fail(source_name, "'slides' missing")
    raw_slides = document["slides"]
    if not isinstance(raw_slides, list):
        raise _fail(source_name, f"'slides' must be a list, not {type(raw_slides).__name__}")
    if len(raw_slides) > MAX_SLIDES:
        raise _fail(source_name, f"{len(raw_slides)} slides; a storyboard holds at most {MAX_SLIDES}")
    slides = tuple(_slide(raw, number, source_name) for number, raw in enumerate(raw_slides, start=1))
    return Storyboard(title=title, slides=slides, version=version)
