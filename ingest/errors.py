"""The one error type ingest raises for bad input: it always names the file and the place in it."""

from __future__ import annotations


class SourceError(ValueError):
    """A source file that cannot be ingested.

    Args:
        path: the file.
        message: what was wrong and what was expected.
        line: 1-based line number, when the problem has one.
        record: 1-based record number (JSON array item, CSV row, BibTeX entry), when that is clearer.
    """

    def __init__(self, path: str, message: str, *, line: int | None = None, record: int | None = None):
        self.path = str(path)
        self.line = line
        self.record = record
        self.message = message
        where = self.path
        if line is not None:
            where += f", line {line}"
        if record is not None:
            where += f", record {record}"
        super().__init__(f"{where}: {message}")
