"""RIS exports (Zotero, Mendeley, EndNote, Scopus, Web of Science, publishers) and Web of Science's own
plain-text export (``savedrecs.txt``: ``PT J`` ... ``ER``), both read with rispy.

The file is cut into references at their end lines (``ER  -``, ``ER``) first, so that each keeps its first
line and a broken one is skipped and reported while the others load.
"""

from __future__ import annotations

import re
from pathlib import Path

import rispy

from assistant.types import Paper
from ingest.errors import Problems, SourceError
from ingest.parsers.fields import clean, paper_from_mapping, parse_month, uncapitalised_venue

TAG = re.compile(r"^([A-Z][A-Z0-9])  -( |$)")
WOS_TAG = re.compile(r"^([A-Z][A-Z0-9])(?: |$)")  # Web of Science: "TI A title", "ER"
WOS_INITIAL = re.compile(r"^([^,]+), ([^,]+), ([A-Z]{1,2})\.?$")  # "Fedotovich, G., V": Web of Science's "G. V."
RIS_DATE = re.compile(r"^(\d{4})(?:/(\d{1,2})?(?:/(\d{1,2})?)?)?")


def parse_ris(path: str | Path, text: str, problems: Problems) -> list[Paper]:
    """Parse a .ris file into papers, one per ``TY  - ... ER  -`` reference.

    Raises:
        SourceError: when the file holds no RIS reference at all.
    """
    references = _split(text)
    if not references:
        raise SourceError(str(path), "no RIS references found; expected lines like 'TY  - JOUR' ... 'ER  - '", line=1)
    _warn_if_cut(path, text, references, "ER  - ", problems)
    return _read(path, references, problems, lambda chunk: rispy.loads(chunk, skip_unknown_tags=True), _mapping,
                 "every reference starts with 'TY  - ' and ends with 'ER  - '")


def opens_wos(text: str) -> bool:
    """Whether a file is a Web of Science plain-text export, by its structure rather than the vendor it names
    (Clarivate, Thomson Reuters Web of Knowledge, ISI): a header line "FN ..." (and "VR 1.0") before the first
    record, or none, and the first record opening with its publication type ("PT J")."""
    lines = [line.lstrip("\ufeff").rstrip() for line in text.splitlines()[:20] if line.strip("\ufeff \t")][:4]
    if lines and lines[0].startswith("FN ") and "Web of Science" in lines[0]:
        return True
    if lines and re.match(r"FN \S", lines[0]):
        lines = lines[2:] if len(lines) > 1 and re.match(r"VR \S", lines[1]) else lines[1:]
    return bool(lines) and re.match(r"PT [A-Z]$", lines[0]) is not None


def parse_wos(path: str | Path, text: str, problems: Problems) -> list[Paper]:
    """Parse a Web of Science plain-text export into papers, one per ``PT`` ... ``ER`` record.

    Raises:
        SourceError: when the file holds no record at all.
    """
    references = _split(text, WOS_TAG, start="PT", end="ER\n")
    if not references:
        raise SourceError(str(path), "no Web of Science records found; expected lines like 'PT J' ... 'ER'", line=1)
    _warn_if_cut(path, text, references, "ER", problems)
    return _read(path, references, problems,
                 lambda chunk: rispy.loads(chunk, implementation=rispy.parser.WokParser, skip_unknown_tags=True),
                 wos_mapping, "every record starts with 'PT ' and ends with a line 'ER'")


def _read(path: str | Path, references: list[tuple[int, str]], problems: Problems, load, mapping, hint: str
          ) -> list[Paper]:
    papers = []
    for number, (line, chunk) in enumerate(references, start=1):
        try:
            entries = load(chunk)
        except Exception as error:  # rispy raises plain IOError/ValueError with its own wording
            problems.skipped.append(SourceError(str(path), f"cannot read the reference: {clean(str(error))}",
                                                line=line, record=number, hint=hint))
            continue
        if not entries:
            continue
        try:
            papers.append(paper_from_mapping(path, mapping(entries[0]), line=line, record=number,
                                             warnings=problems.warnings))
        except SourceError as error:
            problems.skipped.append(error)
    return papers


def _warn_if_cut(path: str | Path, text: str, references: list[tuple[int, str]], end: str, problems: Problems
                 ) -> None:
    """Warn when the file ends inside its last reference (no end line after it): the file was cut off, and
    that reference is kept with what it holds, perhaps not all its fields."""
    lines, tag = text.splitlines(), end.strip()
    last_tag = next((line for line in reversed(lines) if line.strip()), "")
    if last_tag.startswith(tag) and not last_tag[len(tag):].strip(" -"):
        return
    if last_tag.strip() == "EF" and any(line.strip() == tag for line in lines[-3:]):
        return  # Web of Science closes its file with "EF" after the last record's "ER"
    problems.warnings.append(SourceError(
        str(path), f"the file ends inside this record (it has no {end.strip()!r} line): the file may be cut off, so "
                   "the record may lack fields or end mid-text; it is kept as read", line=references[-1][0],
        record=len(references), hint="export the record again, or end it with its end line"))


def _split(text: str, tag: re.Pattern = TAG, start: str = "TY", end: str = "ER  - ") -> list[tuple[int, str]]:
    """[(first line, text)] of each reference; a reference missing its end line ends at the next start."""
    references, current, first = [], [], 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.lstrip("\ufeff")
        match = tag.match(line)
        if match and match.group(1) == start:
            if current:
                references.append((first, "\n".join(current + [end])))
            current, first = [line], number
        elif current:
            current.append(line)
            if match and match.group(1) == "ER":
                references.append((first, "\n".join(current)))
                current = []
    if current:
        references.append((first, "\n".join(current + [end])))
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
        "publisher": _first(entry, "publisher"),  # a thesis's university (PB), its venue when it has no other
        "abstract": _first(entry, "abstract", "notes_abstract"),
        "doi": _first(entry, "doi"),
        "url": clean(urls[0]) if urls else "",
        "keywords": entry.get("keywords") or [],
        "kind": kind,
        "genre": [_first(entry, "type_of_work")],  # Scopus's "M3  - Review" of a "TY  - JOUR" (`Paper.genre`)
        "key": _first(entry, "id"),
    }
    return {k: v for k, v in mapping.items() if v}


def wos_mapping(entry: dict) -> dict:
    """A Web of Science record: full names (AF) over short ones (AU), the document type (DT: "Article",
    "Proceedings Paper") over the publication type (PT: J, B, S), the month and day from the publication date (PD:
    "NOV 1", "MAR 2021", "2024 OCT 9")."""
    year = _first(entry, "publication_year", "early_access_year")
    published = _first(entry, "publication_date")
    month = re.search(r"\b[A-Za-z]{3}", published)
    day = re.search(r"(?<!\d)\d{1,2}(?!\d)", published)
    try:
        date = f"{int(year):04d}-{parse_month(month.group(0)):02d}-{int(day.group(0)):02d}" if month and day else ""
    except ValueError:  # a season ("SPR") or a year that is no number
        date = ""
    keywords = _first(entry, "author_keywords")
    kind = _first(entry, "document_type").split(";")[0]
    mapping = {
        "title": _first(entry, "document_title"),
        "authors": [WOS_INITIAL.sub(r"\1, \2 \3.", name) for name in entry.get("author_full_name")
                    or entry.get("authors") or []] + list(entry.get("group_authors") or []),
        "year": year,
        "month": month.group(0) if month and year else "",
        "date": date,
        "venue": uncapitalised_venue(_first(entry, "publication_name", "book_series_title"),
                                _first(entry, "iso_source_abbreviation")),
        "abstract": _first(entry, "abstract"),
        "doi": _first(entry, "doi", "book_doi"),
        "keywords": [k.strip() for k in keywords.split(";") if k.strip()],
        "kind": kind or {"J": "article", "B": "book", "S": "inproceedings"}.get(_first(entry, "publication_type"), ""),
        "key": _first(entry, "accession_number"),
    }
    return {k: v for k, v in mapping.items() if v}
