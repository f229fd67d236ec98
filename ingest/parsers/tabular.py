"""CSV exports (one paper per row, a header row naming the fields).

Headers are matched as in :mod:`ingest.parsers.fields` (case, spaces, underscores and
hyphens ignored). The delimiter is ',' unless the header line holds more ';' or tabs.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from assistant.types import Paper
from ingest.errors import SourceError
from ingest.parsers.fields import ALIASES, clean, norm_key, paper_from_mapping


def parse_csv(path: str | Path, text: str) -> list[Paper]:
    """Parse a CSV file into papers; ``line`` is the row's first line in the file.

    Raises:
        SourceError: at line 1 when no column holds the title (listing the columns found and
        the accepted names), or naming the line of a malformed row, a row without a title or
        with a bad value.
    """
    columns, rows = _read(path, text)
    title_names = {norm_key(name) for name in ALIASES["title"]}
    if not any(norm_key(c) in title_names for c in columns):
        raise SourceError(
            str(path), f"no title column; found columns {', '.join(map(repr, columns)) or 'none'}; "
            f"name one of: {', '.join(ALIASES['title'])} (case, spaces, '_' and '-' are ignored)", line=1)
    if not rows:
        raise SourceError(str(path), "the CSV has a header but no paper rows", line=1)
    return [paper_from_mapping(path, row, line=line) for line, row in rows]


def _read(path: str | Path, text: str) -> tuple[list[str], list[tuple[int, dict]]]:
    """(column names, [(first line, row) for each non-blank row]); malformed quoting -> SourceError."""
    delimiter = max(",;\t", key=text.split("\n", 1)[0].count)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows, after = [], 0
    try:
        columns = [clean(c) for c in reader.fieldnames or []]
        after = reader.line_num
        for row in reader:
            cells = [v for v in row.values() if isinstance(v, str)]
            if any(v.strip() for v in cells):
                # DictReader skips blank lines, so count back from the row's last line.
                first = reader.line_num - sum(v.count("\n") for v in cells)
                rows.append((first, {k: v for k, v in row.items() if k is not None}))
            after = reader.line_num
    except csv.Error as error:
        raise SourceError(str(path), f"malformed CSV: {error} (is a quote left unclosed?)", line=after + 1) from None
    return columns, rows
