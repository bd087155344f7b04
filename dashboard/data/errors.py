"""Located errors: every problem with a file names the file, row and column.

A DataError may carry several problems (an upload is checked whole, so the user can fix every
cell at once); its own location and message are those of the first. Each problem may name a
catalogue key (`datasrc.problem.<what>`) with parameters, so the UI can say it in the user's
language; the English message is always there for the log and the command line.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# More problems than this in one file are counted, not listed: the file is then plainly not
# what the importer expects, and the first ones say why.
MAX_PROBLEMS = 50


@dataclass(frozen=True)
class Location:
    """Where in a file a problem is. Rows are 1-based as a spreadsheet shows them."""

    file: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column '{self.column}'")
        return ", ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or, as a warning, doubtful) in a file: where, what, and how to fix it."""

    location: Location
    message: str  # English
    key: str | None = None  # catalogue key of the same text in other languages
    params: Mapping[str, object] = field(default_factory=dict)


class DataError(ValueError):
    """A problem in input data, with its location and a message a user can act on."""

    def __init__(
        self,
        location: Location,
        message: str,
        *,
        key: str | None = None,
        params: Mapping[str, object] | None = None,
        problems: Iterable[Problem] = (),
        more: int = 0,
    ) -> None:
        self.location = location
        self.message = message
        self.key = key
        self.params = dict(params or {})
        self.problems: tuple[Problem, ...] = tuple(problems) or (Problem(location, message, key, self.params),)
        self.more = more  # problems found beyond MAX_PROBLEMS, counted only
        super().__init__(f"{location}: {message}")

    @classmethod
    def of(cls, problems: Iterable[Problem | DataError]) -> DataError:
        """One error for several problems (at least one): located at the first."""
        found: list[Problem] = []
        for item in problems:
            found.extend(item.problems if isinstance(item, DataError) else (item,))
        if not found:
            raise ValueError("DataError.of needs at least one problem")
        listed, more = found[:MAX_PROBLEMS], max(len(found) - MAX_PROBLEMS, 0)
        first = listed[0]
        message = first.message if len(found) == 1 else f"{first.message} (and {len(found) - 1} more problem(s))"
        return cls(first.location, message, key=first.key, params=first.params, problems=listed, more=more)

    def lines(self) -> list[str]:
        """Every problem as 'location: message', for the command line and logs."""
        lines = [f"{p.location}: {p.message}" for p in self.problems]
        if self.more:
            lines.append(f"... and {self.more} more problem(s)")
        return lines


class Notice(str):
    """What an importer tells the user about how it read a file ("read as NBS export (CSV)").

    It is its English text, so the command line prints it and tests compare it as text, and it
    carries the catalogue key (`datasrc.notice.<what>`) and parameters to say it in the UI's
    language, as a Problem does."""

    key: str | None
    params: Mapping[str, object]

    def __new__(cls, message: str, key: str | None = None, **params: object) -> Notice:
        notice = super().__new__(cls, message)
        notice.key = key
        notice.params = params
        return notice
