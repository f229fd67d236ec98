"""RIS exports (Zotero, Mendeley, EndNote, Scopus, Web of Science, publishers), read with rispy.

The file is cut into references at their ``ER  -`` lines first, so that each keeps its first line
and a broken one is skipped and reported while the others load.
"""

from __future__ import annotations

import re
from pathlib import Path

import rispy

from assistant.types import Paper
from ingest.errors import Problems, SourceError
from ingest.parsers.fields import clean, paper_from_mapping

TAG = re.compile(r"^([A-Z][A-Z0-9])  -( |$)")
RIS_DATE = re.compile(r"^(\d{4})(?:/(\d{1,2})?(?:/(\d{1,2})?)?)?")


def parse_ris(path: str | Path, text: str, problems: Problems) -> list[Paper]:
    """Parse a .ris file into papers, one per ``TY  - ... ER  -`` reference.

    Raises:
        SourceError: when the file holds no RIS reference at all.
    """
    references = _split(text)
    if not references:
        raise SourceError(str(path), "no RIS references found; expected lines like 'TY  - JOUR' ... 'ER  - '", line=1)
    papers = []
    for number, (line, chunk) in enumerate(references, start=1):
        try:
            entries = rispy.loads(chunk, skip_unknown_tags=True)
        except Exception as error:  # rispy raises plain IOError/ValueError with its own wording
            problems.skipped.append(SourceError(str(path), f"cannot read the reference: {clean(str(error))}",
                                                line=line, record=number,
                                                hint="every reference starts with 'TY  - ' and ends with 'ER  - '"))
            continue
        if not entries:
            continue
        try:
            papers.append(paper_from_mapping(path, _mapping(entries[0]), line=line, record=number,
                                             warnings=problems.warnings))
        except SourceError as error:
            problems.skipped.append(error)
    return papers


def _split(text: str) -> list[tuple[int, str]]:
    """[(first line, text)] of each reference; a reference missing its ER line ends at the next TY."""
    references, current, start = [], [], 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.lstrip("\ufeff")
        match = TAG.match(line)
        if match and match.group(1) == "TY":
            if current:
                references.append((start, "\n".join(current + ["ER  - "])))
            current, start = [line], number
        elif current:
            current.append(line)
            if match and match.group(1) == "ER":
                references.append((start, "\n".join(current)))
                current = []
    if current:
        references.append((start, "\n".join(current + ["ER  - "])))
    return references


def _first(entry: dict, *keys: str) -> str:
    for key in keys:
        value = entry.get(key)
        if isinstance(value, list):
            value = value[0] if value else ""
        if clean(value):
            return clean(value)
    return ""


def _mapping(entry: dict) -> dict:
    year_text = _first(entry, "year", "publication_year")
    date_text = _first(entry, "date") or year_text
    found = RIS_DATE.match(date_text)
    date = "-".join(p for p in found.groups() if p) if found else date_text
    kind = _first(entry, "type_of_reference")
    venue_keys = ("secondary_title", "journal_name", "alternate_title3", "alternate_title1", "alternate_title2")
    if kind == "BOOK":
        venue_keys = ("publisher",)
    authors = list(entry.get("authors") or []) + list(entry.get("first_authors") or [])
    urls = entry.get("urls") or []
    mapping = {
        "title": _first(entry, "title", "primary_title", "translated_title"),
        "authors": authors,
        "year": (RIS_DATE.match(year_text).group(1) if RIS_DATE.match(year_text) else year_text),
        "date": date,
        "venue": _first(entry, *venue_keys),
        "abstract": _first(entry, "abstract", "notes_abstract"),
        "doi": _first(entry, "doi"),
        "url": clean(urls[0]) if urls else "",
        "keywords": entry.get("keywords") or [],
        "kind": kind,
        "key": _first(entry, "id"),
    }
    return {k: v for k, v in mapping.items() if v}
