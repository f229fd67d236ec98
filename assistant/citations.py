"""Citations you can check: parse, verify against the record, renumber, render, BibTeX.

Answers cite sources as ``[n]``, n being the source's number in the context the
answer was written from. A model may also write ``[Some Title]``. Every marker is
checked: a number with no source behind it, a title that is not in the record,
or a real title that was not among the retrieved sources is removed from the text
and reported. What remains is renumbered 1..m in order of first appearance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.types import Citation, Paper, normalise_title

MARKER = re.compile(r"(?<!\\)\[([^\[\]\n]{1,300})(?<!\\)\]")  # an escaped bracket (record text) is no marker
NUMBER_LIST = re.compile(r"^\s*(?:S|source\s*)?\d+(?:\s*(?:[,;]|[-–]|and)\s*(?:S|source\s*)?\d+)*\s*$", re.I)
RANGE = re.compile(r"(\d+)\s*[-–]\s*(\d+)")
YEAR_SUFFIX = re.compile(r"\s*(?:,\s*|\()\s*(?:[A-Za-z][\w .&-]*\s)?(?:19|20)\d\d[a-z]?\)?\s*$")
CITATION_LIKE = re.compile(r"\b(?:19|20)\d\d\b|\bet al\b", re.I)


def quote_record_text(text: str) -> str:
    """Record text as it may appear in an answer: its brackets escaped, so they never read as citations."""
    return re.sub(r"([\[\]])", r"\\\1", text)


@dataclass
class Verified:
    text: str
    papers: list[Paper] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _find_title(label: str, papers: list[Paper]) -> Paper | None:
    key = normalise_title(label)
    if not key:
        return None
    for paper in papers:
        title_key = normalise_title(paper.title)
        short = normalise_title(paper.system_name)
        if key == title_key or (short and key == short):
            return paper
    return None


def _looks_like_citation(label: str) -> bool:
    return len(label.split()) >= 3 and label[:1].isupper()


def verify(text: str, sources: list[Paper], library: list[Paper]) -> Verified:
    """Keep only citations of the given sources; renumber them; report everything removed."""
    order: list[Paper] = []
    removed: list[str] = []

    def number_of(paper: Paper) -> int:
        if paper not in order:
            order.append(paper)
        return order.index(paper) + 1

    def replace(match: re.Match) -> str:
        label = match.group(1).strip()
        if NUMBER_LIST.match(label):
            kept = []
            expanded = RANGE.sub(lambda m: ",".join(str(n) for n in range(int(m[1]), int(m[2]) + 1))
                                 if 0 <= int(m[2]) - int(m[1]) <= 50 else m[0], label)
            for item in re.findall(r"\d+", expanded):
                n = int(item)
                if 1 <= n <= len(sources):
                    kept.append(number_of(sources[n - 1]))
                else:
                    removed.append(f"[{n}] (no such source)")
            return "".join(f"[{n}]" for n in dict.fromkeys(kept))
        paper = _find_title(label, sources) or _find_title(YEAR_SUFFIX.sub("", label), sources)
        if paper is not None:
            return f"[{number_of(paper)}]"
        known = _find_title(label, library) or _find_title(YEAR_SUFFIX.sub("", label), library)
        if known is not None:
            removed.append(f"{known.title} (in the record, but not among the sources this answer was based on)")
            return ""
        if _looks_like_citation(label) or CITATION_LIKE.search(label):
            removed.append(f"{label} (not in the record)")
            return ""
        return match.group(0)

    cleaned = MARKER.sub(replace, text)
    cleaned = re.sub(r"[ \t]+([.,;:])", r"\1", cleaned)
    cleaned = re.sub(r"[ \t]{2,}", " ", cleaned)
    return Verified(cleaned.strip(), order, removed)


def as_citations(papers: list[Paper]) -> list[Citation]:
    return [Citation(p.title, p.year) for p in papers]


def render_sources(papers: list[Paper]) -> str:
    return "\n".join(f"[{i}] {p.title} ({p.date_label()})" for i, p in enumerate(papers, start=1))


def _latex_escape(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def bibtex_key(paper: Paper, taken: set[str]) -> str:
    last = re.sub(r"[^a-z]", "", (paper.first_author.split()[-1] if paper.first_author else "anon").lower())
    word = next((w for w in re.findall(r"[a-z]+", paper.title.lower()) if len(w) > 3), "paper")
    key = f"{last or 'anon'}{paper.year or ''}{word}"
    base, n = key, 2
    while key in taken:
        key, n = f"{base}{n}", n + 1
    taken.add(key)
    return key


def bibtex(papers: list[Paper]) -> str:
    """BibTeX entries for the papers, with only what the record states."""
    taken: set[str] = set()
    entries = []
    for paper in papers:
        authors = " and ".join(paper.authors + (["others"] if paper.authors_truncated else []))
        fields = [("title", "{" + _latex_escape(paper.title) + "}"), ("author", _latex_escape(authors))]
        if paper.year:
            fields.append(("year", str(paper.year)))
        if paper.date and paper.date_precision in ("day", "month"):
            fields.append(("month", paper.date.strftime("%b").lower()))
        if paper.venue:
            fields.append(("booktitle" if paper.doi == "" else "journal", _latex_escape(paper.venue)))
        for name in ("doi", "url"):
            if getattr(paper, name):
                fields.append((name, getattr(paper, name)))
        if paper.arxiv_id:
            fields += [("eprint", paper.arxiv_id), ("archiveprefix", "arXiv")]
        if paper.category and not paper.venue:
            fields.append(("note", f"{paper.category}"))
        kind = "inproceedings" if paper.venue and not paper.doi else "misc" if not paper.venue else "article"
        body = ",\n".join(f"  {name} = {{{value}}}" if not value.startswith("{") else f"  {name} = {value}"
                          for name, value in fields if value)
        entries.append(f"@{kind}{{{bibtex_key(paper, taken)},\n{body}\n}}")
    return "\n\n".join(entries)
