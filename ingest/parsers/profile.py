"""The researcher-profile text format (the shipped record).

A profile opens with its owner's figures (name, primary category, ``h-index42``,
``31papers``, ``843citations``, ``Novelty59%``, ``AI Score60``) and a ``31 Papers``
line; then each paper is four blocks separated by blank lines::

    [score]CATEGORYMon DD[, YYYY][Code]
    Title
    Author, Author, Author et al.
    Abstract

A date without a year takes the capture year, or the year before when that would
put it after the capture date.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from assistant.types import Paper, Researcher
from ingest.errors import SourceError

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
HEADER = re.compile(
    r"^(?P<score>\d+(?:\.\d+)?)?(?P<category>[A-Z][A-Za-z.\-]*?)"
    r"(?P<month>" + "|".join(MONTHS) + r") (?P<day>\d{1,2})(?:, (?P<year>\d{4}))?(?P<code>Code)?$"
)
FIGURES = {
    "h_index": re.compile(r"^h-index\s*(\d+)$", re.I),
    "paper_count": re.compile(r"^(\d+)\s*papers$", re.I),
    "citations": re.compile(r"^(\d+)\s*citations$", re.I),
    "novelty": re.compile(r"^Novelty\s*(\S+)$", re.I),
    "ai_score": re.compile(r"^AI Score\s*(\S+)$", re.I),
}
URL = re.compile(r"https?://[^\s)]+[^\s).,;]")


def looks_like_profile(text: str) -> bool:
    return any(HEADER.match(line.strip()) for line in text.splitlines()[:200])


def resolve_date(month: int, day: int, year: int | None, captured: date) -> date:
    if year is not None:
        return date(year, month, day)
    guess = date(captured.year, month, day)
    return guess if guess <= captured else date(captured.year - 1, month, day)


def parse_profile(path: str | Path, text: str, captured: date) -> tuple[Researcher, list[Paper]]:
    """Parse a profile's text into its owner's figures and its papers.

    Raises:
        SourceError: naming the line of the first paper block that does not fit the format.
    """
    lines = text.splitlines()
    blocks: list[tuple[int, str]] = []  # (1-based line, text) of non-empty lines
    for number, raw in enumerate(lines, start=1):
        if raw.strip():
            blocks.append((number, raw.strip()))

    first_header = next((i for i, (_, t) in enumerate(blocks) if HEADER.match(t)), None)
    if first_header is None:
        raise SourceError(str(path), "no paper header like 'LGOct 28, 2022Code' found; is this a profile?", line=1)
    researcher = _parse_owner([t for _, t in blocks[:first_header]], captured)

    papers: list[Paper] = []
    i = first_header
    while i < len(blocks):
        line_no, header = blocks[i]
        match = HEADER.match(header)
        if not match:
            raise SourceError(
                str(path), f"expected a paper header like '[score]CATEGORYMon DD[, YYYY][Code]', got {header[:80]!r}",
                line=line_no,
            )
        body = []
        j = i + 1
        while j < len(blocks) and not HEADER.match(blocks[j][1]):
            body.append(blocks[j])
            j += 1
        if len(body) < 2:
            raise SourceError(str(path), "a paper needs a title and an author line after its header", line=line_no)
        title = body[0][1]
        authors_line = body[1][1]
        abstract = " ".join(t for _, t in body[2:])
        truncated = authors_line.endswith("et al.")
        if truncated:
            authors_line = authors_line[: -len("et al.")]
        authors = [a.strip() for a in authors_line.split(",") if a.strip()]
        try:
            day = resolve_date(MONTHS.index(match["month"]) + 1, int(match["day"]),
                               int(match["year"]) if match["year"] else None, captured)
        except ValueError as error:
            raise SourceError(str(path), f"invalid date in header {header!r}: {error}", line=line_no) from None
        urls = URL.findall(abstract)
        code_url = next((u for u in urls if "github.com" in u or "gitlab" in u), "")
        papers.append(Paper(
            title=title,
            authors=authors,
            authors_truncated=truncated,
            date=day,
            date_precision="day",
            category=match["category"],
            abstract=abstract,
            code_available=bool(match["code"]),
            code_url=code_url,
            score=float(match["score"]) if match["score"] else None,
            source=str(path),
            line=line_no,
        ))
        i = j
    return researcher, papers


def _parse_owner(lines: list[str], captured: date) -> Researcher:
    figures: dict = {}
    rest = []
    for text in lines:
        for name, pattern in FIGURES.items():
            found = pattern.match(text)
            if found:
                figures[name] = found.group(1)
                break
        else:
            rest.append(text)
    name = rest[0] if rest else ""
    category = next((t for t in rest[1:] if re.fullmatch(r"[A-Z]{2,4}", t)), "")
    as_int = lambda v: int(v) if v is not None else None  # noqa: E731
    return Researcher(
        name=name,
        primary_category=category,
        h_index=as_int(figures.get("h_index")),
        paper_count=as_int(figures.get("paper_count")),
        citations=as_int(figures.get("citations")),
        novelty=figures.get("novelty", ""),
        ai_score=figures.get("ai_score", ""),
        captured=captured.isoformat(),
    )
