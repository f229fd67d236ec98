"""PubMed / MEDLINE exports (``.nbib`` from PubMed's "Citation manager", ``.medline`` or ``.txt`` from "Save:
PubMed format"), read with Biopython's ``Bio.Medline``.

The file is cut into citations at their blank lines first, so that each keeps its first line and a broken
one is skipped and reported while the others load.
"""

from __future__ import annotations

import re
from pathlib import Path

from Bio import Medline

from assistant.types import Paper
from ingest.errors import Problems, SourceError
from ingest.parsers.fields import clean, kind_of, paper_from_mapping
from ingest.parsers.names import short_name

# "TI  - ", "PMID- ", "FAU - ": a field's first line; a continuation line starts with six spaces
FIELD = re.compile(r"^[A-Z][A-Z0-9]{1,3} *- ")
DOI = re.compile(r"(10\.\S+)\s*\[doi\]")


def opens_medline(first: str) -> bool:
    """Whether a file whose first line is this is a PubMed/MEDLINE export (its first field ``PMID- ``)."""
    return first.startswith("PMID-")


def parse_medline(path: str | Path, text: str, problems: Problems) -> list[Paper]:
    """Parse a MEDLINE file into papers, one per citation.

    Raises:
        SourceError: when the file holds no citation at all.
    """
    citations = _split(text)
    if not citations:
        raise SourceError(str(path), "no PubMed citations found; expected lines like 'PMID- 12345678' and "
                                     "'TI  - A title'", line=1)
    _warn_if_cut(path, text, citations, problems)
    papers = []
    for number, (line, lines) in enumerate(citations, start=1):
        bad = next((offset for offset, raw in enumerate(lines) if not (FIELD.match(raw) or raw.startswith("      "))),
                   None)
        if bad is not None:
            problems.skipped.append(SourceError(
                str(path), f"cannot read the citation: {clean(lines[bad])[:60]!r} is not a MEDLINE field",
                line=line + bad, record=number,
                hint="each field starts with its tag, as in 'TI  - ', and a long value goes on in lines indented by "
                     "six spaces"))
            continue
        try:
            papers.append(paper_from_mapping(path, _mapping(Medline.read(lines), lines), line=line, record=number,
                                             warnings=problems.warnings))
        except SourceError as error:
            problems.skipped.append(error)
    return papers


def _has_source(lines: list[str]) -> bool:
    return any(raw.startswith("SO  - ") for raw in lines)


def _warn_if_cut(path: str | Path, text: str, citations: list[tuple[int, list[str]]], problems: Problems) -> None:
    """Warn when the file ends inside its last citation: the file stops mid-line, or the last citation lacks
    the source line ("SO  - ", which PubMed writes last in every citation) that all the others have. The
    citation is kept with what it holds."""
    line, lines = citations[-1]
    others = citations[:-1]
    mid_line = not text.endswith(("\n", "\r"))
    if not (mid_line or (others and all(_has_source(o) for _, o in others) and not _has_source(lines))):
        return
    problems.warnings.append(SourceError(
        str(path), "the file ends inside this citation (" + ("mid-line" if mid_line else "it has no 'SO  - ' line, "
                   "which every other citation ends with") + "): the file may be cut off, so the citation may lack "
                   "fields or end mid-text; it is kept as read", line=line, record=len(citations),
        hint="export the citation again"))


def _split(text: str) -> list[tuple[int, list[str]]]:
    """[(first line, lines)] of each citation: the runs of lines between blank ones."""
    citations, current, start = [], [], 0
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if raw.strip():
            if not current:
                start = number
            current.append(raw.rstrip())
        elif current:
            citations.append((start, current))
            current = []
    if current:
        citations.append((start, current))
    return citations


def _text(record: dict, *keys: str) -> str:
    for key in keys:
        value = record.get(key)
        if isinstance(value, list):
            value = " ".join(value)
        if clean(value):
            return clean(value)
    return ""


def _title(text: str) -> str:
    """PubMed ends titles with a period and brackets a translated one: "[Title in English]." -> "Title in
    English"."""
    text = re.sub(r"(?<!\.)\.$", "", clean(text))
    return text[1:-1] if text.startswith("[") and text.endswith("]") else text



def _authors(record: dict, lines: list[str]) -> list[str]:
    """The people (FAU, else AU) and groups (CN, a collective author) in the order the citation lists them: a
    study group written between two people stays there."""
    people = [short_name(n) for n in record.get("FAU") or record.get("AU") or []]
    groups = list(record.get("CN") or [])
    person_tag = "FAU" if record.get("FAU") else "AU"
    order = [tag for tag in (raw.split("-", 1)[0].strip() for raw in lines if FIELD.match(raw))
             if tag in (person_tag, "CN")]
    authors = []
    for tag in order:
        source = groups if tag == "CN" else people
        if source:
            authors.append(source.pop(0))
    return authors + people + groups


def _mapping(record: dict, lines: list[str] = ()) -> dict:
    authors = _authors(record, list(lines))
    kinds = record.get("PT") or []
    # PubMed lists a citation's types in no order that matters ("Clinical Trial, Phase III", then "Journal
    # Article"): the first that names a kind of publication ("Journal Article", "Review", "Letter") decides
    kind = next((k for k in kinds if kind_of(k) not in ("", "other")), kinds[0] if kinds else "")
    book = bool(record.get("BTI"))
    dates = _text(record, "DP")
    pmid = _text(record, "PMID")
    mapping = {
        "title": _title(_text(record, "TI", "BTI")),
        "authors": authors,
        "date": dates,
        "year": (re.match(r"\d{4}", dates) or [""])[0],
        # a chapter of a book (PubMed Bookshelf) appears in the book; a journal article in its journal, written
        # out ("Journal of neuroscience methods") rather than abbreviated ("J Neurosci Methods")
        "venue": _title(_text(record, "BTI")) if book and record.get("TI") else
        _text(record, "PB") if book else _text(record, "JT", "TA"),
        "abstract": _text(record, "AB"),
        "doi": next((m.group(1) for value in [record.get("LID", "")] + list(record.get("AID") or [])
                     for m in [DOI.search(str(value))] if m), ""),
        "url": f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if pmid.isdigit() else "",
        "keywords": list(record.get("OT") or []),
        "kind": ("chapter" if record.get("TI") else "book") if book else kind,
        "genre": kinds,  # ("Review" after "Journal Article": what the article is)
        "key": pmid,
    }
    return {k: v for k, v in mapping.items() if v}
