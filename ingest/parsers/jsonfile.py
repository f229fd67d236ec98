"""JSON (an array of paper objects or an object holding one; CSL-JSON, ORCID, OpenAlex, Crossref, Semantic
Scholar shapes) and JSONL.

Field names are those of :mod:`ingest.parsers.fields`; records keep their first line in the file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Callable

from assistant.types import Paper
from ingest.errors import Problems, SourceError
from ingest.parsers.fields import paper_from_mapping
from ingest.parsers.scholarly import (is_openalex, kebab_keys, openalex_mapping, orcid_mapping, orcid_owner,
                                      orcid_profile_page, orcid_works)

LIST_KEYS = ("papers", "data", "items", "results", "works", "publications")
_DECODER = json.JSONDecoder()


def _not_json(path: str | Path, text: str, error: json.JSONDecodeError) -> SourceError:
    """What a file that is no JSON is: XML (an ORCID record saved under a .json name, as ORCID's API sends it
    unless asked for JSON), or JSON with an error at a line."""
    start = text.lstrip("\ufeff \t\r\n")[:2000]
    if start.startswith("<"):
        if re.search(r"<(?:record|activities|works|work):|orcid\.org/ns", start):
            return SourceError(
                str(path), "this is an ORCID record in XML, not JSON", line=1,
                hint="fetch the record as JSON (ORCID's API with the header 'Accept: application/json') or export "
                     "your works from ORCID as BibTeX, and ingest that")
        return SourceError(str(path), "this is XML (or HTML), not JSON", line=1,
                           hint="export the record as JSON, BibTeX, RIS or CSV and ingest that")
    return SourceError(str(path), f"invalid JSON: {error.msg} (column {error.colno})", line=error.lineno)


def parse_yaml(path: str | Path, text: str, problems: Problems) -> list[Paper]:
    """Parse a YAML file of paper records as JSON is parsed (`parse_json`): CSL-YAML (a list of CSL items, or
    pandoc's ``references:`` list), or a site's publication list. Records keep their first line.

    Raises:
        SourceError: on invalid YAML (naming the line), or a top level that holds no list of records.
    """
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise SourceError(str(path), f"invalid YAML: {getattr(error, 'problem', None) or error}",
                          line=mark.line + 1 if mark else 1) from None
    if isinstance(data, dict) and isinstance(data.get("references"), list):  # pandoc's CSL YAML
        node = next(value for name, value in node.value if name.value == "references")
        data = data["references"]

    def item_lines(key: str | None) -> list[int]:
        found = node if key is None or not isinstance(node, yaml.MappingNode) else \
            next((value for name, value in node.value if name.value == key), None)
        return [item.start_mark.line + 1 for item in found.value] if isinstance(found, yaml.SequenceNode) else []

    return parse_json(path, text, problems, (data, item_lines))


def parse_json(path: str | Path, text: str, problems: Problems,
               loaded: tuple[Any, Callable[[str | None], list[int]]] | None = None) -> list[Paper]:
    """Parse a JSON file of paper records: an array, an object holding one (see ``LIST_KEYS``), a CSL-JSON
    export, an ORCID ``/works`` response or full record (or a list of them), an OpenAlex ``/works`` page, a Crossref
    ``message.items`` list, or one single work.

    ``loaded``: the data read already and the first line of each of its records (YAML's).

    Raises:
        SourceError: on invalid JSON (naming the line), or a top level that holds no list of records.
    """
    if loaded is None:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise _not_json(path, text, error) from None
        item_lines = lambda key: _item_lines(text, key)  # noqa: E731
    else:  # (read already, as YAML: `parse_yaml`)
        data, item_lines = loaded
    top, key, convert = data, None, None
    # ORCID responses (a /works page, a record, a bulk response), one or a list of them: a list of bulk responses of
    # one work each, its keys in camelCase ("journalTitle" for "journal-title"), is how ORCID's Java client saves a
    # researcher's works
    responses = [kebab_keys(d) for d in (data if isinstance(data, list) else [data])]
    responses = responses if isinstance(data, list) and data and all(
        isinstance(d, dict) and orcid_works(d) is not None for d in responses) \
        and any(orcid_works(d) for d in responses) else [kebab_keys(data)]  # (not records that hold "group": [])
    if isinstance(responses[0], dict) and (found := [orcid_works(d) for d in responses])[0] is not None:
        works = [work for page in found for work in page]
        owner = next((name for d, page in zip(responses, found) if (name := orcid_owner(d, page))), "")

        def convert(work: dict) -> dict:
            if orcid_profile_page(work):
                raise SourceError(str(path), "this work is an ORCID profile page (its title names ORCID and an "
                                             "ORCID iD), not a publication", key=str(work.get("put-code") or ""))
            return orcid_mapping(work, owner)

        records = works
        key = "group" if isinstance(data, dict) and isinstance(data.get("group"), list) else None
    elif isinstance(data, dict):
        if isinstance(data.get("message"), dict) and isinstance(data["message"].get("items"), list):
            data = data["message"]  # Crossref
        key = next((k for k in LIST_KEYS if isinstance(data.get(k), list)), None)
        if key is not None:
            records = data[key]
        elif any(isinstance(data.get(name), (str, list)) for name in ("title", "display_name")):
            records = [data]  # one work (an OpenAlex or Crossref single-work response)
        else:
            found = ", ".join(map(repr, list(data)[:10])) or "none"
            raise SourceError(str(path), f"expected a JSON array of papers, or an object with a "
                              f"{'/'.join(LIST_KEYS)} list; found an object with keys {found}", line=1)
    elif isinstance(data, list):
        records = data
    else:
        raise SourceError(str(path), f"expected a JSON array of papers, got {json.dumps(data)[:40]}", line=1)
    if not records:
        raise SourceError(str(path), "the JSON holds no paper records", line=1)
    if isinstance(top, list) or (key is not None and isinstance(top, dict) and isinstance(top.get(key), list)):
        lines = item_lines(key)
    else:
        lines = [1] if len(records) == 1 else []
    if len(lines) != len(records):  # e.g. a repeated key or a nested list: fall back to record numbers alone
        lines = [0] * len(records)
    papers = []
    for number, (record, line) in enumerate(zip(records, lines), start=1):
        paper = _paper(path, record, line, number, problems, convert)
        if paper is not None:
            papers.append(paper)
    return papers


def parse_jsonl(path: str | Path, text: str, problems: Problems) -> list[Paper]:
    """Parse JSON Lines: one paper object per line; blank lines are skipped. A line that is not JSON is
    skipped and reported.

    Raises:
        SourceError: when no line at all is a JSON object (the file is not JSON Lines).
    """
    papers, number, objects = [], 0, 0
    for line_no, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        number += 1
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as error:
            problems.skipped.append(SourceError(
                str(path), f"invalid JSON: {error.msg} (column {error.colno})", line=line_no, record=number,
                hint="JSONL needs one complete object per line"))
            continue
        objects += isinstance(record, dict)
        paper = _paper(path, record, line_no, number, problems, None)
        if paper is not None:
            papers.append(paper)
    if not objects:
        first = problems.skipped[0] if problems.skipped else None
        raise SourceError(str(path), "no line holds a JSON object; expected JSON Lines, one paper object per line"
                          + (f" (line {first.line}: {first.message})" if first else ""), line=first.line if first else 1)
    return papers


def _paper(path, record, line: int, number: int, problems: Problems, convert) -> Paper | None:
    try:
        if isinstance(record, dict):
            if convert is not None:
                record = convert(record)
            elif is_openalex(record):
                record = openalex_mapping(record)
        return paper_from_mapping(path, record, line=line, record=number, warnings=problems.warnings)
    except SourceError as error:
        if error.line is None and error.record is None:  # raised by a converter, which knows no place
            error = SourceError(error.path, error.message, line=line or None, record=number, key=error.key,
                                hint=error.hint)
        problems.skipped.append(error)
        return None


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
