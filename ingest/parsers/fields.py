"""Field names and value rules shared by the record formats (JSON, JSONL, CSV, BibTeX).

Keys are matched case-insensitively, ignoring spaces, underscores and hyphens, so
``publicationDate``, ``publication_date`` and ``Publication Date`` are one field.
"""

from __future__ import annotations

import math
import re
from datetime import date
from pathlib import Path
from typing import Any

from assistant.types import DatePrecision, Paper
from ingest.errors import SourceError

# Paper field -> accepted source names, best first. A dotted name looks inside an object.
ALIASES: dict[str, list[str]] = {
    "title": ["title", "paperTitle", "name"],
    "authors": ["authors", "author", "authors_list"],
    "year": ["year", "publicationYear"],
    "month": ["month"],
    "date": ["date", "publicationDate", "published", "publication_date"],
    "abstract": ["abstract", "summary", "description", "abstractNote"],
    "venue": ["venue", "journal", "booktitle", "publicationVenue", "publicationTitle"],
    "doi": ["doi", "externalIds.DOI"],
    "arxiv_id": ["arxiv", "arxiv_id", "eprint", "externalIds.ArXiv"],
    "url": ["url", "link", "pdf_url"],
    "category": ["category", "categories", "fieldsOfStudy", "primary_area"],
    "code_available": ["code", "code_available", "has_code"],
    "code_url": ["code_url", "github"],
    "score": ["score"],
}
MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december"]
TRUNCATION = {"others", "et al", "et al.", "..."}
TRUE, FALSE = {"true", "yes", "y", "1"}, {"false", "no", "n", "0", ""}


def parse_score(value: Any) -> float:
    score = float(value)
    if not math.isfinite(score):
        raise ValueError(f"expected a finite number, got {value!r}")
    return score


def norm_key(name: str) -> str:
    """``Publication_Date`` -> ``publicationdate``."""
    return re.sub(r"[\s_\-]+", "", str(name)).lower()


def clean(text: Any) -> str:
    """Collapse runs of white space; None -> ''."""
    return " ".join(str(text).split()) if text is not None else ""


def _lookup(mapping: dict, name: str) -> tuple[str, Any]:
    """(the key as the source spells it, value) for an accepted name; dotted names look inside objects."""
    value: Any = mapping
    keys = []
    for part in name.split("."):
        if not isinstance(value, dict):
            return "", None
        key = next((k for k in value if norm_key(k) == norm_key(part)), None)
        if key is None:
            return "", None
        keys.append(str(key))
        value = value[key]
    return ".".join(keys), value


def _present(value: Any) -> bool:
    return value is not None and value != [] and value != {} and (not isinstance(value, str) or bool(value.strip()))


def pick(mapping: dict, field: str) -> tuple[str, Any]:
    """The first accepted spelling of ``field`` that holds a value: (key as spelt in the source, value),
    or ('', None)."""
    for name in ALIASES[field]:
        key, value = _lookup(mapping, name)
        if _present(value):
            return key, value
    return "", None


def _first_last(name: str) -> str:
    """``Lai, Fan`` -> ``Fan Lai``; other names unchanged."""
    name = clean(name)
    if name.count(",") != 1:
        return name
    last, first = name.split(",")
    return clean(f"{first} {last}")


def split_authors(text: str) -> list[str]:
    """One string of names -> list: split on ';' if present, else on ' and ' and ','.

    ``Lai, Fan and Zhu, Xiangfeng`` (BibTeX style: every name has one comma) splits on ' and ' only.
    """
    by_and = re.split(r"\s+and\s+", text)
    if ";" in text:
        parts = text.split(";")
    elif len(by_and) > 1 and all(p.count(",") == 1 for p in by_and):
        parts = by_and
    else:
        parts = re.split(r",|\s+and\s+", text)
    return [_first_last(p) for p in parts if clean(p)]


def parse_authors(value: Any) -> tuple[list[str], bool]:
    """Authors as a string, a list of strings or a list of {"name": ...}; -> (names, truncated)."""
    if isinstance(value, str):
        text = clean(value)
        truncated = bool(re.search(r"\bet al\.?$", text))
        names = split_authors(re.sub(r"\bet al\.?$", "", text))
    elif isinstance(value, list):
        names, truncated = [], False
        for item in value:
            name = item.get("name") if isinstance(item, dict) else item
            if not isinstance(name, str):
                raise ValueError(f"expected author names or {{'name': ...}} objects, got {item!r:.60}")
            names.append(_first_last(name))
    else:
        raise ValueError(f"expected a list or a string, got {type(value).__name__}")
    while names and names[-1].lower() in TRUNCATION:
        names.pop()
        truncated = True
    return [n for n in names if n], truncated


def parse_month(value: Any) -> int:
    """``3``, ``"03"``, ``"mar"``, ``"Mar."``, ``"March"`` -> 3."""
    text = clean(value).lower().rstrip(".")
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    for number, name in enumerate(MONTH_NAMES, start=1):
        if text in (name, name[:3]) or (len(text) > 3 and name.startswith(text)):
            return number
    raise ValueError(f"not a month: {value!r}")


def parse_year(value: Any) -> int:
    if isinstance(value, bool) or not re.fullmatch(r"\d{4}(\.0)?", clean(value)):
        raise ValueError(f"expected a four-digit year, got {value!r}")
    return int(float(value))


def parse_date(value: Any) -> tuple[date, DatePrecision]:
    """``2024-05-01`` (a time part is ignored), ``2024-05``, ``2024``, ``May 2024``, ``May 1, 2024``
    or ``1 May 2024`` -> (date, precision)."""
    text = clean(value)
    iso = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ].*)?)?)?", text)
    words = re.fullmatch(r"(?:(\d{1,2}) )?([A-Za-z]+)\.? (?:(\d{1,2}), )?(\d{4})", text)
    if iso:
        year, month, day = iso.groups()
    elif words:
        year, month, day = words[4], parse_month(words[2]), words[1] or words[3]
    else:
        raise ValueError(f"expected a date like 2024-05-01, 2024-05, 2024 or May 1, 2024; got {value!r}")
    precision: DatePrecision = "day" if day else "month" if month else "year"
    return date(int(year), int(month or 1), int(day or 1)), precision


def parse_flag(value: Any) -> tuple[bool, str]:
    """Bool-ish code flag -> (flag, code URL if the value was a URL)."""
    if isinstance(value, bool):
        return value, ""
    text = clean(value).lower()
    if text.startswith(("http://", "https://")):
        return True, clean(value)
    if text in TRUE | FALSE:
        return text in TRUE, ""
    raise ValueError(f"expected true/false, yes/no or 1/0, got {value!r}")


def clean_doi(value: Any) -> str:
    return re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", clean(value), flags=re.I)


def clean_arxiv(value: Any) -> str:
    return re.sub(r"^(https?://arxiv\.org/(abs|pdf)/|arxiv:\s*)", "", clean(value), flags=re.I).removesuffix(".pdf")


def _text(value: Any) -> str:
    """A plain value, the ``name`` of an object, or the first item of a list, as clean text."""
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list):
        value = value[0] if value else None
        if isinstance(value, dict):
            value = value.get("name")
    return clean(value)


def paper_from_mapping(path: str | Path, mapping: Any, *, line: int, record: int | None = None) -> Paper:
    """Build a validated Paper from one record (a dict of source fields); unknown fields are ignored.

    Raises:
        SourceError: naming the record/line and the field, when the record is not an object,
        has no title, or holds an invalid year, date, month, author list, code flag or score.
    """
    def fail(message: str) -> SourceError:
        return SourceError(str(path), message, line=line or None, record=record)

    if not isinstance(mapping, dict):
        raise fail(f"expected an object with a title, got {type(mapping).__name__} {mapping!r:.60}")
    title = _text(pick(mapping, "title")[1])
    if not title:
        if any(_lookup(mapping, name)[0] for name in ALIASES["title"]):
            raise fail("the title is empty")
        found = ", ".join(map(str, list(mapping)[:12])) or "none"
        raise fail(f"no title field (accepted: {', '.join(ALIASES['title'])}; this record has: {found})")

    def parsed(field: str, parse):
        name, value = pick(mapping, field)
        if not name:
            return None
        try:
            return parse(value)
        except (ValueError, TypeError) as error:
            raise fail(f"invalid {name!r}: {error}") from None

    paper = Paper(title=title, source=str(path), line=line)
    paper.authors, paper.authors_truncated = parsed("authors", parse_authors) or ([], False)
    when = parsed("date", parse_date)
    year = parsed("year", parse_year) if when is None else None
    if year is not None:
        month = parsed("month", parse_month)
        when = (date(year, month, 1), "month") if month else (date(year, 1, 1), "year")
    if when:
        paper.date, paper.date_precision = when
    paper.code_available, paper.code_url = parsed("code_available", parse_flag) or (False, "")
    paper.score = parsed("score", parse_score)
    paper.abstract = _text(pick(mapping, "abstract")[1])
    paper.venue = _text(pick(mapping, "venue")[1])
    paper.category = _text(pick(mapping, "category")[1])
    paper.url = _text(pick(mapping, "url")[1])
    paper.doi = clean_doi(_text(pick(mapping, "doi")[1]))
    paper.arxiv_id = clean_arxiv(_text(pick(mapping, "arxiv_id")[1]))
    code_url = _text(pick(mapping, "code_url")[1])
    if code_url:
        paper.code_url, paper.code_available = code_url, True
    return paper
