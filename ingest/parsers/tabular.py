"""CSV exports (one paper per row, a header row naming the fields), Zotero's included.

Headers are matched as in :mod:`ingest.parsers.fields` (case, spaces, underscores and
hyphens ignored). The delimiter is ',' unless the header line holds more ';' or tabs.
Zotero writes "Author" as ``Last, First; Last, First``, "Item Type" and "Key" columns, and
its "Date" as entered, next to a "Publication Year". Web of Science's tab-delimited export (a .txt
opening "PT<tab>" or "Publication Type<tab>") writes "Article Title", "Author Full Names" and its
sources in capitals beside their "Journal ISO Abbreviation"; its classic form names its columns by Web of Science
field tags ("PT", "AU", "AF", "TI", "SO", ...), as does a bibliometrix data frame saved as CSV: such a row is read as
a record of the plain-text export is.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from rispy.config import WOK_LIST_TYPE_TAGS, WOK_TAG_KEY_MAPPING

from assistant.types import Paper
from ingest.errors import Problems, SourceError
from ingest.parsers.fields import ALIASES, SCOPUS_ID, clean, norm_key, paper_from_mapping, uncapitalised_venue
from ingest.parsers.names import short_name, uncapitalised_name
from ingest.parsers.ris import wos_mapping


def parse_csv(path: str | Path, text: str, problems: Problems) -> list[Paper]:
    """Parse a CSV file into papers; ``line`` is the row's first line in the file. A bad row is skipped
    and reported.

    Raises:
        SourceError: at line 1 when no column holds the title (listing the columns found and
        the accepted names), or when the header has no row under it.
    """
    columns, rows = _read(path, text, problems)
    title_names = {norm_key(name) for name in ALIASES["title"]}

    def titled(names: list[str]) -> bool:
        return field_tagged(names) or any(norm_key(c) in title_names for c in names)

    if not titled(columns) and "\n" in text:
        # a line above the header row, as Dimensions writes one ("About the data: Exported on ..."): the header is
        # the next line when that one names a title column
        below = Problems()
        header, under = _read(path, text.split("\n", 1)[1], below)
        if titled(header):
            problems.warnings.append(SourceError(str(path), "the line above the header row was left out", line=1))
            problems.skipped += [SourceError(e.path, e.message, line=e.line and e.line + 1, hint=e.hint)
                                 for e in below.skipped]
            columns, rows = header, [(line + 1, row) for line, row in under]
    tagged = field_tagged(columns)
    if not titled(columns):
        raise SourceError(
            str(path), f"no title column; found columns {', '.join(map(repr, columns)) or 'none'}; "
            f"name one of: {', '.join(ALIASES['title'])} (case, spaces, '_' and '-' are ignored)", line=1)
    if not rows and not problems.skipped:
        raise SourceError(str(path), "the CSV has a header but no paper rows", line=1)
    papers = []
    # Web of Science's tab-delimited export writes its sources in capitals, with an ISO abbreviation beside them
    iso = next((c for c in columns if norm_key(c) in ("journalisoabbreviation", "ji")), None)
    for line, row in rows:
        first = next(iter(row.values()), "")
        if isinstance(first, str) and first.lstrip().startswith("#"):  # a row the file's author commented out
            problems.warnings.append(SourceError(str(path), "a row commented out with '#': left out", line=line))
            continue
        try:
            paper = paper_from_mapping(path, wos_mapping(tag_entry(row)) if tagged else row, line=line,
                                       warnings=problems.warnings)
        except SourceError as error:
            problems.skipped.append(error)
            continue
        if iso is not None:
            paper.venue = uncapitalised_venue(paper.venue, clean(row.get(iso) or ""))
        papers.append(paper)
    return papers


def field_tagged(columns: list[str]) -> bool:
    """Whether the columns are Web of Science field tags: "TI" and four more of them, one of them a tag RIS does not
    share ("SO", "DI", "DT", "UT", "AF"), and no RIS "TY"."""
    return "TI" in columns and "TY" not in columns and sum(c in WOK_TAG_KEY_MAPPING for c in columns) >= 5 \
        and any(c in columns for c in ("SO", "DI", "DT", "UT", "AF"))


def tag_entry(row: dict) -> dict:
    """A row whose columns are field tags as the plain-text export's record reads: each tag by its name, the
    lists (authors, "Smith, J; Doe, A" or bibliometrix's "SMITH J;DOE A" and "WU, DIHUA (57210377164)", read
    "J. Smith" and "Dihua Wu") split at their semicolons."""
    entry = {}
    for tag, value in row.items():
        if tag in WOK_TAG_KEY_MAPPING and isinstance(value, str) and value.strip() not in ("", "NA"):  # (R's none)
            entry[WOK_TAG_KEY_MAPPING[tag]] = [v.strip() for v in value.split(";") if v.strip()] \
                if tag in WOK_LIST_TYPE_TAGS else value
    for field in ("authors", "author_full_name"):  # (Scopus's author ids after the names of a table built from it)
        entry[field] = [short_name(uncapitalised_name(SCOPUS_ID.sub("", name))) for name in entry.get(field, [])]
    return entry


def _read(path: str | Path, text: str, problems: Problems) -> tuple[list[str], list[tuple[int, dict]]]:
    """(column names, [(first line, row) for each non-blank row]). Malformed quoting ends the readable
    part of the file: the rest is reported as skipped. A file that writes a quote inside a cell as \\" (R's
    `write.table`, as bibliometrix saves its tables) is read so when it reads whole that way only, its other
    backslashes kept."""
    delimiter = max(",;\t", key=text.split("\n", 1)[0].count)
    columns, rows, failed = _rows(text, delimiter)
    if failed and '\\"' in text:  # read again with each \" written as CSV writes a quote in a cell, ""
        escaped = _rows(text.replace('\\"', '""'), delimiter)
        if not escaped[2]:
            return escaped[0], escaped[1]
    if failed:
        error, line = failed
        if not columns:
            raise SourceError(str(path), f"malformed CSV: {error}", line=line)
        problems.skipped.append(SourceError(
            str(path), f"malformed CSV: {error}; this row and the rest of the file were not read", line=line,
            hint="close the quote left open (a quote inside a cell is written twice: \"\")"))
    return columns, rows


def _rows(text: str, delimiter: str) -> tuple[list[str], list[tuple[int, dict]], tuple[csv.Error, int] | None]:
    """(column names, rows read, and (the error, its line) where malformed quoting stopped the reading, or None)."""
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows, after = [], 0
    columns: list[str] = []
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
        return columns, rows, (error, after + 1)
    return columns, rows, None
