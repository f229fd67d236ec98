"""The sources of an answer, shown under that answer, and the links from its [n] markers to them.

Every answer carries its own numbered sources (a block at the end of its chat message), so an earlier
answer's citations stay resolvable. Each `[n]` in an answer becomes a link to source n of that answer; the
link also names the sentence of the source's passages that best supports the sentence the marker sits in,
and the page's script opens the source, highlights it and marks that sentence.
"""

from __future__ import annotations

import re
from html import escape

from assistant.types import Hit, Paper
from assistant.web.rendering import CODE, attr, category_label, one_line, paper_link, safe_url

MARKER = re.compile(r"(?<!\\)\[(\d{1,3})\]")  # a verified citation in a final answer
ANY_MARKER = re.compile(r"\s?(?<!\\)\[[^\[\]\n]{1,300}(?<!\\)\]|\s?(?<!\\)\[[^\[\]\n]{0,300}$")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[A-Z0-9])")
WORD = re.compile(r"[a-z0-9][a-z0-9.\-]*[a-z0-9]|[a-z0-9]", re.I)
OPEN_UP_TO = 3  # an answer citing this many papers or fewer shows its sources opened


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text.strip()) if s.strip()]


def passage_sentences(hit: Hit) -> list[str]:
    """The sentences of a hit's passages, numbered across passages in order."""
    return [s for passage in hit.passages for s in sentences(passage)]


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text) if len(w) > 2 or w.isdigit()}


def supporting_sentence(claim: str, hit: Hit) -> int:
    """Index of the passage sentence sharing the most words with the claim (-1 if none shares any)."""
    claim_words = _words(MARKER.sub("", claim))
    best, best_index = 0.0, -1
    for index, sentence in enumerate(passage_sentences(hit)):
        words = _words(sentence)
        if not words:
            continue
        overlap = len(claim_words & words)
        score = overlap / (len(words) ** 0.5)
        if overlap and score > best:
            best, best_index = score, index
    return best_index


def hide_markers(text: str) -> str:
    """Streamed text with every citation marker (and a marker still being written) left out: markers are
    shown only once the final answer has verified them."""
    parts = CODE.split(text)
    for i in range(0, len(parts), 2):
        parts[i] = ANY_MARKER.sub("", parts[i])
    return "".join(parts)


def link_markers(text: str, turn: int, hits: list[Hit]) -> str:
    """Markdown with each verified `[n]` as a link to source n of this turn (outside code only)."""
    parts = CODE.split(text)
    for i in range(0, len(parts), 2):
        pieces = []
        for sentence in re.split(r"(?<=[.!?])(\s+)", parts[i]):
            def link(match: re.Match, sentence: str = sentence) -> str:
                n = int(match[1])
                if not 1 <= n <= len(hits):
                    return match[0]
                k = supporting_sentence(sentence, hits[n - 1])
                return f"[\\[{n}\\]](#src-{turn}-{n}-{k})"
            pieces.append(MARKER.sub(link, sentence))
        parts[i] = "".join(pieces)
    return "".join(parts)


def code_badge(paper: Paper) -> str:
    url = safe_url(paper.code_url)
    if url:
        return f' <a class="badge code" href="{attr(url)}" target="_blank" rel="noopener noreferrer">code</a>'
    if paper.code_available:
        return ' <span class="badge code">code available</span>'
    return ""


def source_item(turn: int, n: int, hit: Hit) -> str:
    paper = hit.paper
    title = escape(one_line(paper.title))
    link = paper_link(paper)
    if link:
        title = f'<a href="{attr(link)}" target="_blank" rel="noopener noreferrer">{title}</a>'
    meta = " · ".join(escape(one_line(part)) for part in (paper.date_label(), category_label(paper.category),
                                                          paper.venue) if part)
    authors = escape(one_line(paper.authors_label())) or "authors not listed"
    parts = [f'<div class="src" id="src-{turn}-{n}">',
             f'<div class="src-title"><span class="src-n">[{n}]</span> {title}</div>',
             f'<div class="src-meta">{meta}{code_badge(paper)}</div>',
             f'<div class="src-authors">{authors}</div>']
    said = passage_sentences(hit)
    if said:
        quoted = " ".join(f'<span class="sent" id="src-{turn}-{n}-s{k}">{escape(one_line(s))}</span>'
                          for k, s in enumerate(said))
        parts.append(f'<details class="passage"><summary>Passage used</summary><blockquote>{quoted}</blockquote>'
                     "</details>")
    if paper.abstract:
        parts.append(f'<details class="abstract"><summary>Abstract</summary><div class="abstract-text">'
                     f"{escape(one_line(paper.abstract))}</div></details>")
    parts.append("</div>")
    return "".join(parts)


def sources_block(turn: int, hits: list[Hit], heading: str = "", opened: bool | None = None) -> str:
    """The sources of one answer as an HTML block for the end of its chat message ('' without sources)."""
    if not hits:
        return ""
    if opened is None:
        opened = len(hits) <= OPEN_UP_TO
    names = ", ".join(escape(one_line(h.paper.system_name or h.paper.title))[:60] for h in hits[:3])
    more = f" and {len(hits) - 3} more" if len(hits) > 3 else ""
    heading = heading or ("Source" if len(hits) == 1 else f"Sources ({len(hits)})")
    items = "".join(source_item(turn, n, hit) for n, hit in enumerate(hits, start=1))
    return (f'<div class="answer-sources" id="sources-{turn}"><details class="sources"{" open" if opened else ""}>'
            f'<summary><b>{escape(heading)}</b> <span class="src-names">{names}{more}</span></summary>'
            f"{items}</details></div>")


def sources_json(hits: list[Hit]) -> list[dict]:
    """The sources of an answer as the /ask endpoint returns them."""
    return [{"n": n, "title": h.paper.title, "year": h.paper.year, "date": h.paper.date_label(),
             "authors": h.paper.authors, "category": h.paper.category, "code_url": safe_url(h.paper.code_url),
             "url": paper_link(h.paper), "passages": h.passages}
            for n, h in enumerate(hits, start=1)]


def references_markdown(hits: list[Hit]) -> str:
    """A numbered reference list in plain Markdown (copy and export)."""
    lines = []
    for n, hit in enumerate(hits, start=1):
        paper = hit.paper
        where = ", ".join(part for part in (paper.authors_label(), paper.venue, paper.date_label()) if part)
        link = paper_link(paper)
        lines.append(f"[{n}] {paper.title}" + (f". {where}" if where else "") + (f". <{link}>" if link else ""))
    return "\n".join(lines)
