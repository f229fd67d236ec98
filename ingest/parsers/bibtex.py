"""BibTeX / BibLaTeX exports (Google Scholar, DBLP, Zotero), parsed with bibtexparser v2.

Each entry becomes a mapping of plain text (LaTeX accents and braces decoded, names as
"First Last") that :func:`ingest.parsers.fields.paper_from_mapping` turns into a Paper.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import bibtexparser
from bibtexparser import middlewares as mw
from bibtexparser.exceptions import BlockAbortedException
from bibtexparser.library import Library
from bibtexparser.model import (
    Block,
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ParsingFailedBlock,
)
from pylatexenc.latex2text import LatexNodes2Text

from assistant.types import Paper
from ingest.errors import SourceError
from ingest.parsers.fields import clean, paper_from_mapping

_LATEX = LatexNodes2Text(math_mode="text")
# bibtexparser logs each broken block with 0-based line numbers; our SourceError reports it instead.
logging.getLogger("bibtexparser").setLevel(logging.ERROR)
ARXIV_IN_TEXT = re.compile(r"arxiv.{0,20}?(\d{4}\.\d{4,5}(?:v\d+)?)", re.I)
ARXIV_ID = re.compile(r"(arxiv:)?(\d{4}\.\d{4,5}|[a-z\-]+(\.[A-Z]{2})?/\d{7})(v\d+)?", re.I)


def _stack() -> list:
    return [mw.NormalizeFieldKeys(), mw.SeparateCoAuthors(), mw.SplitNameParts()]


def latex(text: object) -> str:
    """LaTeX -> plain text: ``M{\\"u}ller`` -> ``Müller``; bare ``%`` and ``&`` are kept.

    Literal braces are dropped too: Google Scholar writes ``$\\{$USENIX$\\}$`` for ``{USENIX}``.
    """
    if not isinstance(text, str):
        return ""
    decoded = _LATEX.latex_to_text(re.sub(r"(?<!\\)([%&])", r"\\\1", text))
    return clean(decoded.replace("{", "").replace("}", ""))


def parse_bibtex(path: str | Path, text: str) -> list[Paper]:
    """Parse a .bib file into papers, one per entry; ``line`` is the entry's first line.

    Raises:
        SourceError: naming the line of the first entry that cannot be parsed or has no title.
    """
    library = bibtexparser.parse_string(text, append_middleware=_stack())
    entries: list[tuple[Entry, int]] = []
    for block in library.blocks:
        line = block.start_line + 1  # bibtexparser counts lines from 0
        if isinstance(block, DuplicateBlockKeyBlock):
            # Google Scholar reuses keys (a preprint and its published version): keep both.
            block = _reparse(block, library)
        if isinstance(block, ParsingFailedBlock):
            raise SourceError(str(path), _failure(block), line=line)
        if isinstance(block, Entry):
            entries.append((block, line))
    if not entries:
        raise SourceError(str(path), "no BibTeX entries found; expected entries like @article{key, title={...}, ...}")

    by_key = {entry.key.lower(): entry for entry, _ in entries}
    crossref_targets = {str(e.fields_dict["crossref"].value).lower()
                        for e, _ in entries if "crossref" in e.fields_dict}
    papers = []
    for entry, line in entries:
        if entry.key.lower() in crossref_targets:
            continue  # a proceedings volume that DBLP appends for its papers' crossref
        fields = {key: f.value for key, f in entry.fields_dict.items()}
        parent = by_key.get(str(fields.get("crossref", "")).lower())
        if parent is not None:
            inherited = {key: f.value for key, f in parent.fields_dict.items()}
            inherited.setdefault("booktitle", inherited.pop("title", ""))  # the volume's title is the venue
            fields = {**inherited, **fields}
        papers.append(paper_from_mapping(path, _mapping(fields), line=line))
    return papers


def _mapping(fields: dict) -> dict:
    names = fields.get("author", [])
    keywords = re.split(r"[,;]", latex(fields.get("keywords", "")))
    mapping = {
        "title": latex(fields.get("title")),
        "authors": [latex(" ".join(n.first + n.von + n.last + n.jr)) for n in names if isinstance(n, mw.NameParts)],
        "year": fields.get("year"),
        "month": fields.get("month"),
        "date": fields.get("date"),  # BibLaTeX (Zotero)
        "abstract": latex(fields.get("abstract")),
        "venue": latex(fields.get("journal") or fields.get("journaltitle") or fields.get("booktitle")),
        "doi": fields.get("doi"),
        "url": fields.get("url"),
        "arxiv": _arxiv_id(fields),
        "category": clean(fields.get("primaryclass")) or clean(keywords[0]),
    }
    return {key: value for key, value in mapping.items() if value}


def _arxiv_id(fields: dict) -> str:
    eprint = clean(fields.get("eprint"))
    prefix = clean(fields.get("archiveprefix") or fields.get("eprinttype")).lower()
    if eprint and (prefix == "arxiv" or (not prefix and ARXIV_ID.fullmatch(eprint))):
        return eprint
    # Google Scholar: journal={arXiv preprint arXiv:2105.11367}; Zotero: note={arXiv:2105.11367 [cs]}
    found = ARXIV_IN_TEXT.search(" ".join(clean(fields.get(k)) for k in ("journal", "note", "url", "howpublished")))
    return found.group(1) if found else ""


def _reparse(block: DuplicateBlockKeyBlock, library: Library) -> Block:
    """Run the parse stack on a duplicate-key entry (bibtexparser leaves it raw), with the file's @strings."""
    again = bibtexparser.parse_string(block.raw, append_middleware=_stack(), library=Library(library.strings))
    return again.blocks[-1]


def _failure(block: ParsingFailedBlock) -> str:
    raw = (block.raw or "").strip()
    first_line = raw.splitlines()[0][:60] if raw else ""
    error = block.error
    if isinstance(error, BlockAbortedException):
        return (f"broken BibTeX entry {first_line!r}: {clean(error.abort_reason)} "
                "(is a brace or quote left unclosed?)")
    if isinstance(block, DuplicateFieldKeyBlock):
        return f"entry {first_line!r} has the field(s) {', '.join(sorted(block.duplicate_keys))} more than once"
    return f"cannot read entry {first_line!r}: {clean(str(error))}"
