"""The one error type ingest raises for bad input: it always names the file and the place in it."""

from __future__ import annotations


class SourceError(ValueError):
    """A source file, or one entry of it, that cannot be ingested as it is.

    Raised for a file that cannot be read at all; collected (not raised) for one bad entry of a
    file, which a lenient ingest skips and reports while keeping the others.

    Args:
        path: the file.
        message: what was wrong and what was expected.
        line: 1-based line number, when the problem has one.
        record: 1-based record number (JSON array item, CSV row, BibTeX entry), when that is clearer.
        key: the entry's own key in the file (BibTeX key, RIS ID, Zotero key), when it has one.
        hint: what to change in the file to fix it.
    """

    def __init__(self, path: str, message: str, *, line: int | None = None, record: int | None = None,
                 key: str = "", hint: str = ""):
        self.path = str(path)
        self.line = line
        self.record = record
        self.message = message
        self.key = key
        self.hint = hint
        where = self.path
        if line is not None:
            where += f", line {line}"
        if record is not None:
            where += f", record {record}"
        if key:
            where += f" ({key})"
        super().__init__(f"{where}: {message}" + (f"; {hint}" if hint else ""))

    @classmethod
    def from_json(cls, data: dict) -> SourceError:
        return cls(data["file"], data["reason"], line=data.get("line"), record=data.get("record"),
                   key=data.get("key", ""), hint=data.get("hint", ""))

    def to_json(self) -> dict:
        """The shape of one item of the ingest report's ``skipped`` and ``warnings`` lists."""
        return {"file": self.path, "line": self.line, "record": self.record, "key": self.key,
                "reason": self.message, "hint": self.hint}


class Problems:
    """What a parser found wrong with single entries of a file it could read.

    ``skipped``: entries left out (no title, broken syntax); ``warnings``: entries kept without a field
    whose value could not be read, or with a repeated field's first value.
    """

    def __init__(self) -> None:
        self.skipped: list[SourceError] = []
        self.warnings: list[SourceError] = []

    def __bool__(self) -> bool:
        return bool(self.skipped or self.warnings)

    def all(self) -> list[SourceError]:
        return sorted(self.skipped + self.warnings, key=lambda e: (e.line or 0, e.record or 0))
