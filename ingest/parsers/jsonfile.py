"""JSON (an array of paper objects, or an object holding one under "papers"/"data"/"items") and JSONL.

Field names are those of :mod:`ingest.parsers.fields`; records keep their first line in the file.
"""

from __future__ import annotations

import json
from pathlib import Path

from assistant.types import Paper
from ingest.errors import SourceError
from ingest.parsers.fields import paper_from_mapping

LIST_KEYS = ("papers", "data", "items")
_DECODER = json.JSONDecoder()


def parse_json(path: str | Path, text: str) -> list[Paper]:
    """Parse a JSON file of paper records.

    Raises:
        SourceError: on invalid JSON (naming the line), a top level that holds no list of
        records, or a record that is not an object or lacks a title (naming record and line).
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise SourceError(str(path), f"invalid JSON: {error.msg} (column {error.colno})", line=error.lineno) from None
    key = None
    if isinstance(data, dict):
        key = next((k for k in LIST_KEYS if isinstance(data.get(k), list)), None)
        if key is None:
            found = ", ".join(map(repr, list(data)[:10])) or "none"
            raise SourceError(str(path), f"expected a JSON array of papers, or an object with a "
                              f"{'/'.join(LIST_KEYS)} list; found an object with keys {found}", line=1)
        records = data[key]
    elif isinstance(data, list):
        records = data
    else:
        raise SourceError(str(path), f"expected a JSON array of papers, got {json.dumps(data)[:40]}", line=1)
    if not records:
        raise SourceError(str(path), "the JSON holds no paper records", line=1)
    lines = _item_lines(text, key)
    if len(lines) != len(records):  # e.g. a repeated key: fall back to record numbers alone
        lines = [0] * len(records)
    return [paper_from_mapping(path, record, line=line, record=number)
            for number, (record, line) in enumerate(zip(records, lines), start=1)]


def parse_jsonl(path: str | Path, text: str) -> list[Paper]:
    """Parse JSON Lines: one paper object per line; blank lines are skipped.

    Raises:
        SourceError: naming the line and record of invalid JSON, a non-object, or a record without a title.
    """
    papers = []
    for line_no, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        number = len(papers) + 1
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as error:
            raise SourceError(str(path), f"invalid JSON: {error.msg} (column {error.colno}); "
                              "JSONL needs one complete object per line", line=line_no, record=number) from None
        papers.append(paper_from_mapping(path, record, line=line_no, record=number))
    return papers


def _item_lines(text: str, key: str | None) -> list[int]:
    """1-based first line of each item of the records array (top level, or under ``key``). Assumes valid JSON."""
    i = _skip(text, 0)
    if key is not None:  # walk the object's members to the value of `key`
        i = _skip(text, i + 1)
        while True:
            name, i = _DECODER.raw_decode(text, i)
            i = _skip(text, _skip(text, i) + 1)  # past ':'
            if name == key:
                break
            _, i = _DECODER.raw_decode(text, i)
            i = _skip(text, _skip(text, i) + 1)  # past ','
    lines, line, pos = [], 1, 0
    i = _skip(text, i + 1)  # past '['
    while text[i] != "]":
        line += text.count("\n", pos, i)
        lines.append(line)
        pos = i
        _, i = _DECODER.raw_decode(text, i)
        i = _skip(text, i)
        if text[i] == ",":
            i = _skip(text, i + 1)
    return lines


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i
