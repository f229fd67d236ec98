"""EndNote's XML export (File > Export, "XML"): ``<xml><records><record>...</record></records></xml>``.

Read with the standard library's ElementTree (its expat refuses external entities and entity expansion
attacks). Each field's text is the text of all its ``<style>`` runs. Fields: ``titles/title``, the authors
(``contributors/authors``, "Family, Given"), editors (``secondary-authors``), ``titles/secondary-title`` or
``periodical/full-title`` as venue, ``dates/year`` and the month of ``dates/pub-dates``, ``abstract``,
``electronic-resource-num`` (DOI), ``keywords``, ``urls/related-urls``, ``publisher``, the ``ref-type`` name as kind
("Journal Article", "Conference Proceedings", "Book Section") and ``rec-number`` as key.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from assistant.types import Paper
from ingest.errors import Problems, SourceError
from ingest.parsers.fields import clean, paper_from_mapping, parse_month

ORCID_XML = re.compile(r"<(?:record|activities|works|work):|orcid\.org/ns")


def parse_endnote(path: str | Path, text: str, problems: Problems) -> list[Paper]:
    """Parse an EndNote XML export into papers, one per ``<record>``, each at the line its record opens.

    Raises:
        SourceError: on XML that does not parse (naming its line), or XML that is no EndNote export.
    """
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        raise SourceError(str(path), f"invalid XML: {error.msg if hasattr(error, 'msg') else error}",
                          line=error.position[0]) from None
    records = root.findall("./records/record") if root.tag == "xml" else []
    if not records:
        hint = "fetch the record as JSON (ORCID's API with the header 'Accept: application/json')" \
            if ORCID_XML.search(text[:2000]) else "export the record as EndNote XML, BibTeX, RIS or CSV"
        raise SourceError(str(path), "this XML holds no EndNote records (<xml><records><record>)", line=1, hint=hint)
    starts = [text.count("\n", 0, m.start()) + 1 for m in re.finditer(r"<record\b", text)]
    lines = starts if len(starts) == len(records) else [0] * len(records)
    papers = []
    for number, (record, line) in enumerate(zip(records, lines), start=1):
        try:
            papers.append(paper_from_mapping(path, _mapping(record), line=line, record=number,
                                             warnings=problems.warnings))
        except SourceError as error:
            problems.skipped.append(error)
    return papers


def _text(node: ElementTree.Element | None) -> str:
    return clean(" ".join(node.itertext())) if node is not None else ""


def _first(record: ElementTree.Element, *paths: str) -> str:
    return next((found for found in (_text(record.find(p)) for p in paths) if found), "")


def _mapping(record: ElementTree.Element) -> dict:
    published = _first(record, "dates/pub-dates/date")
    try:  # "Mar 15", "March": its month; a full date goes by the year
        month = parse_month(published.split()[0]) if published else ""
    except ValueError:
        month = ""
    kind = record.find("ref-type")
    urls = [u for u in (_text(u) for u in record.findall("urls/related-urls/url")) if u.startswith("http")]
    mapping = {
        "title": _first(record, "titles/title"),
        "authors": [_text(a) for a in record.findall("contributors/authors/author")],
        "editors": [_text(a) for a in record.findall("contributors/secondary-authors/author")],
        "year": _first(record, "dates/year"),
        "month": month,
        "venue": _first(record, "titles/secondary-title", "periodical/full-title", "periodical/abbr-1"),
        "publisher": _first(record, "publisher"),
        "abstract": _first(record, "abstract"),
        "doi": _first(record, "electronic-resource-num"),
        "url": urls[0] if urls else "",
        "keywords": [_text(k) for k in record.findall("keywords/keyword")],
        "kind": kind.get("name", "") if kind is not None else "",
        "key": _first(record, "rec-number"),
    }
    return {k: v for k, v in mapping.items() if v}
