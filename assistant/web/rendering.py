"""Text safety and the pieces of HTML/Markdown every part of the page shares.

Everything that comes from the record or from a model is text: it is HTML-escaped before it enters any
HTML or Markdown rendered here. Only http(s) and DOI links ever leave the app (page and BibTeX alike).
"""

from __future__ import annotations

import re
from html import escape

from assistant.types import CATEGORY_NAMES, Paper

CODE = re.compile(r"(```.*?(?:```|$)|`[^`\n]*`)", re.S)
HTTP_URL = re.compile(r"^https?://[^\s\"'<>\\{}]+$", re.I)
DOI = re.compile(r"^(?:doi:|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/[^\s\"'<>\\{}]+)$", re.I)
BIB_LINK_FIELD = re.compile(r"^\s*(url|doi)\s*=\s*\{(.*)\},?\s*$", re.I)


def md_escape(text: str) -> str:
    """Markdown whose HTML is shown as text: `&` and `<` escaped outside code (code is shown verbatim by
    the Markdown renderer anyway), and `![` defused so no remote image is ever loaded from it."""
    parts = CODE.split(text)
    for i in range(0, len(parts), 2):  # even parts are outside code
        parts[i] = parts[i].replace("&", "&amp;").replace("<", "&lt;").replace("![", "!\\[")
    return "".join(parts)


def safe_url(url: str) -> str:
    """The URL if it is a plain http(s) link, else ''."""
    url = (url or "").strip()
    return url if HTTP_URL.match(url) else ""


def doi_url(doi: str) -> str:
    """https://doi.org/... for a DOI (bare, doi: or doi.org form), else ''."""
    match = DOI.match((doi or "").strip())
    return safe_url(f"https://doi.org/{match[1]}") if match else ""


def paper_link(paper: Paper) -> str:
    """Where the paper can be read: its http(s) URL, else its DOI, else its arXiv page, else ''."""
    if safe_url(paper.url):
        return paper.url.strip()
    if paper.doi:
        return doi_url(paper.doi)
    if paper.arxiv_id and re.match(r"^[\w./-]+$", paper.arxiv_id):
        return f"https://arxiv.org/abs/{paper.arxiv_id}"
    return ""


def safe_bibtex(bib: str) -> str:
    """BibTeX with every link field that is not an http(s) URL or a DOI dropped."""
    kept = []
    for line in bib.splitlines():
        match = BIB_LINK_FIELD.match(line)
        if match:
            name, value = match[1].lower(), match[2].strip()
            if not (doi_url(value) if name == "doi" else safe_url(value)):
                continue
        kept.append(line)
    text = "\n".join(kept)
    return re.sub(r",\n}", "\n}", text)


def safe_bibtex_blocks(text: str) -> str:
    """An answer whose ```bibtex blocks went through safe_bibtex."""
    return re.sub(r"(```bibtex\n)(.*?)(\n```)", lambda m: m[1] + safe_bibtex(m[2]) + m[3], text, flags=re.S)


def category_label(code: str) -> str:
    return f"{code} · {CATEGORY_NAMES[code]}" if code in CATEGORY_NAMES else code


def one_line(text: str) -> str:
    """Text for inside an HTML block of a Markdown message: no blank line may end the block early."""
    return re.sub(r"\s*\n\s*", " ", text or "").strip()


def attr(text: str) -> str:
    return escape(text or "", quote=True)
