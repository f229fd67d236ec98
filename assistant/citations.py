"""Citations you can check: parse, verify against the record, renumber, render, BibTeX.

Answers cite sources as ``[n]``, n being the source's number in the context the
answer was written from. A model may also write ``[Some Title]``, an author-year
citation ("(Smith et al., 2020)", "Smith et al. (2020)") or name a paper in prose
("as stated in Some Title"). Every form is checked against the sources:

* a bracket marker or parenthetical author-year citation of a source becomes ``[n]``;
  one of anything else (a number with no source, a paper that is in the record but
  not among the sources, a paper that is not in the record) is removed and reported;
* a sentence that names a paper that is not among the sources in prose (by title,
  or "Smith et al. (2020)") is removed whole and reported, and so is a sentence
  whose only citations were removed: its claim has no support left.

What remains is renumbered 1..m in order of first appearance. Record text quoted
in an answer has its brackets escaped (:func:`quote_record_text`) and is never read
as a citation; phrases that occur in the sources' own text are never flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from assistant.types import Citation, Paper, name_tokens, normalise_title

MARKUP_SIGN = r"[\\`*_~\[\]]"  # what Markdown reads as markup inside a line
RECORD_MARKUP = re.compile(f"({MARKUP_SIGN})")
ESCAPED_MARKUP = re.compile(rf"\\({MARKUP_SIGN})")  # as `quote_record_text` escapes it
MARKER = re.compile(r"(?<!\\)\[([^\[\]\n]{1,300})(?<!\\)\]")  # an escaped bracket (record text) is no marker
NUMBER_LIST = re.compile(r"^\s*(?:S|source\s*)?\d+(?:\s*(?:[,;]|[-–]|and)\s*(?:S|source\s*)?\d+)*\s*$", re.I)
RANGE = re.compile(r"(\d+)\s*[-–]\s*(\d+)")
YEAR_SUFFIX = re.compile(r"\s*(?:,\s*|\()\s*(?:[A-Za-z][\w .&-]*\s)?(?:19|20)\d\d[a-z]?\)?\s*$")
CITATION_LIKE = re.compile(r"\b(?:19|20)\d\d\b|\bet al\b", re.I)

# Author-year citations: "(Smith et al., 2020)", "(Smith and Jones 2019; Lee, 2021)", "Smith et al. (2020)".
_UPPER = "A-ZÀ-ÖØ-Þ"
_SURNAME = rf"(?:(?:van|von|de|der|den|da|di|du|le|la)\s+)*[{_UPPER}][\w'’-]*[a-zß-öø-ÿ][\w'’-]*"
_AUTHOR = rf"{_SURNAME}(?:\s+et\s+al\.?|\s+(?:and|&)\s+{_SURNAME})?"
_YEAR = r"(?:1[89]|20)\d\d[a-z]?"
AUTHOR_YEAR = re.compile(rf"({_AUTHOR}),?\s+({_YEAR})")
PARENTHETICAL = re.compile(rf"\(\s*{_AUTHOR},?\s+{_YEAR}(?:\s*;\s*{_AUTHOR},?\s+{_YEAR})*\s*\)")
NARRATIVE = re.compile(rf"(?<![\w(])({_AUTHOR})\s+\(\s*({_YEAR})\s*\)")
# Words that stand before a year without being anyone's name ("(May 2020)", "(Since 2019)").
NOT_NAMES = frozenset(
    "january february march april may june july august september october november december jan feb mar apr "
    "jun jul aug sep sept oct nov dec spring summer fall autumn winter since from until till before after "
    "during circa about around early late mid the in as of version published accessed updated".split())
# Prose that introduces a paper by name ("as stated in X", "according to X", "the paper titled X").
CUE = re.compile(
    r"\b(?:as\s+(?:stated|described|shown|reported|noted|discussed|proposed|demonstrated|argued|presented|"
    r"introduced|explained|outlined)\s+(?:in|by)|according\s+to|(?:proposed|introduced|presented|described|"
    r"reported|shown|demonstrated)\s+in|in\s+(?:the|their|his|her|a)\s+(?:paper|work|study|article)|"
    r"(?:the|a)\s+(?:paper|work|study|article)\s+(?:titled|entitled|called)|titled|entitled|see|cf\.)\s+"
    r"[\"“‘'*_]*", re.I)
QUOTED = re.compile(r"[\"“]([^\"“”\n]{8,250})[\"”]")
FUNCTION_WORDS = frozenset("a an the of for in on and or to with via from by at as vs vs. versus into over under "
                           "towards toward through without within beyond using".split())
ABBREVIATION = re.compile(r"(?:\b(?:al|e\.g|i\.e|cf|vs|etc|fig|figs|eq|no|approx|resp|sec|ch|vol|pp|dr|prof|mr|"
                          r"ms|mrs|st|jr|sr)|\b[A-Z])\.$", re.I)
BOUNDARY = re.compile(r"(?<=[.!?])[\"”'’)*_]*[ \t]+(?=[\"“'‘(*_#\-]*[A-Z0-9À-ÖØ-Þ])|\n+")
PLACEHOLDER = re.compile(r"\x01(\d+)\x02")


def quote_record_text(text: str) -> str:
    """Record text as it may appear in an answer: its brackets escaped, so they never read as citations, and
    the rest of Markdown's inline markup too (`*`, `_`, backquotes, `~`), so a title written "**Sea urchin**
    barrens" shows its asterisks instead of turning bold."""
    return RECORD_MARKUP.sub(r"\\\1", text)


def shown_text(text: str) -> str:
    """An answer's text as a reader sees it rendered: the escapes `quote_record_text` put in taken out again
    ("f\\_able" reads "f_able")."""
    return ESCAPED_MARKUP.sub(r"\1", text)


@dataclass
class Verified:
    text: str
    papers: list[Paper] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # every citation or paper name taken out, once each
    removed_sentences: list[str] = field(default_factory=list)  # sentences dropped for want of support


def split_sentences(text: str) -> list[str]:
    """The text cut after each sentence, separators kept: ``"".join(parts) == text``."""
    parts, start = [], 0
    for match in BOUNDARY.finditer(text):
        head = text[start:match.start()].rstrip("\"”'’)*_")
        if match.group(0).startswith("\n") or not ABBREVIATION.search(head):
            parts.append(text[start:match.end()])
            start = match.end()
    if start < len(text):
        parts.append(text[start:])
    return parts


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


def _surname(author: str) -> str:
    return normalise_title(author.split(",")[0] if "," in author else (author.split() or [""])[-1])


def _title_case_span(text: str) -> str:
    """The title-cased words at the start of text ("Quantum Teleportation of Federated Clients, ..." -> the title)."""
    words: list[str] = []
    for token in text.split():
        word = token.rstrip(".,;!?)\"”’*_")
        ends = word != token or token.endswith(".")
        if not word:
            break
        if not (word[0].isupper() or word[0].isdigit() or word.lower() in FUNCTION_WORDS):
            break
        words.append(word)
        if ends:
            break
    while words and words[-1].lower() in FUNCTION_WORDS:
        words.pop()
    capitalised = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return " ".join(words) if capitalised >= 3 else ""


class _Record:
    """The record's titles, system names and author surnames, normalised once per library."""

    def __init__(self, library: list[Paper]):
        self.entries = [(p, normalise_title(p.title), normalise_title(p.system_name),
                         {_surname(a) for a in p.authors}) for p in library]
        self.titles = {title: p for p, title, _, _ in self.entries if title}
        self.names = {p.system_name: p for p in library if p.system_name and len(p.system_name.split()) <= 3}
        self.longest = max((len(k.split()) for k in self.titles), default=0)


_RECORDS: list[tuple[list[Paper], int, _Record]] = []


def _record(library: list[Paper]) -> _Record:
    for known, size, record in _RECORDS:
        if known is library and size == len(library):
            return record
    record = _Record(library)
    _RECORDS[:] = [(library, len(library), record)] + _RECORDS[:3]
    return record


class _Checker:
    """What verify knows about the sources and the record, built once per answer."""

    def __init__(self, sources: list[Paper], library: list[Paper], allowed_text: str):
        self.sources = sources
        self.library = library
        self.record = _record(library)
        self.source_ids = {p.paper_id for p in sources}
        fields = [allowed_text]
        for paper in sources:
            fields += [paper.title, paper.venue, paper.category, paper.abstract, " ".join(paper.authors)]
        self.corpus = [f" {normalise_title(f)} " for f in fields if f]
        self.source_entries = [(p, normalise_title(p.title), normalise_title(p.system_name),
                                {_surname(a) for a in p.authors}) for p in sources]

    def other(self, paper: Paper | None) -> Paper | None:
        return paper if paper is not None and paper.paper_id not in self.source_ids else None

    def in_sources(self, phrase: str) -> bool:
        key = normalise_title(phrase)
        return bool(key) and any(f" {key} " in text for text in self.corpus)

    @staticmethod
    def _by_author_year(entries, name: str, year: str) -> Paper | None:
        first = normalise_title(re.split(r"\s+(?:et\s+al|and|&)\b", name)[0])
        for paper, _, short, surnames in entries:
            if paper.year == int(year[:4]) and (first in surnames or first == short):
                return paper
        return None

    def source_by_author_year(self, name: str, year: str) -> Paper | None:
        return self._by_author_year(self.source_entries, name, year)

    def other_by_author_year(self, name: str, year: str) -> Paper | None:
        others = (e for e in self.record.entries if e[0].paper_id not in self.source_ids)
        return self._by_author_year(others, name, year)

    def title_before(self, text: str) -> tuple[Paper | None, bool]:
        """The paper whose title or system name the text ends with, and whether it is one of the sources."""
        tail = f" {normalise_title(text)[-400:]}"
        for paper, title, short, _ in self.source_entries:
            if any(name and tail.endswith(f" {name}") for name in (title, short)):
                return paper, True
        words = tail.split()
        for n in range(min(len(words), self.record.longest), 0, -1):
            paper = self.other(self.record.titles.get(" ".join(words[-n:])))
            if paper is not None:
                return paper, False
        return None, False

    def named_title(self, span: str) -> tuple[Paper | None, bool]:
        """(paper of the record the span names, whether it is one of the sources)."""
        key = normalise_title(span)
        if not key:
            return None, False
        for paper, title, short, _ in self.source_entries:
            if key in title or title in key or (short and key.startswith(short + " ")):
                return paper, True
        exact = self.other(self.record.titles.get(key))
        if exact is not None:
            return exact, False
        if len(key.split()) >= 3:
            for paper, title, _, _ in self.record.entries:
                if paper.paper_id not in self.source_ids and (key in title or title in key):
                    return paper, False
        return None, False

    def unsourced_mentions(self, sentence: str) -> list[Paper]:
        """Papers of the record, not among the sources, that the sentence names by full title or system name."""
        found: list[Paper] = []
        words = normalise_title(sentence).split()
        inside = set()  # words of a source's own title, which may hold another paper's title
        for _, title, _, _ in self.source_entries:
            size = len(title.split())
            for i in range(len(words) - size + 1):
                if size and " ".join(words[i:i + size]) == title:
                    inside.update(range(i, i + size))
        for i in range(len(words)):
            for j in range(i + 3, min(len(words), i + self.record.longest) + 1):
                paper = self.other(self.record.titles.get(" ".join(words[i:j])))
                if paper is not None and paper not in found and not inside.issuperset(range(i, j)):
                    found.append(paper)
        tokens = re.findall(r"[\w][\w.+-]*[\w]|\w", sentence)
        for i in range(len(tokens)):
            for j in range(i + 1, min(len(tokens), i + 3) + 1):
                paper = self.other(self.record.names.get(" ".join(tokens[i:j])))
                if paper is not None and paper not in found and not self.in_sources(paper.system_name):
                    found.append(paper)
        return found


def _markers(sentence: str, checker: _Checker, removed: list[str]) -> tuple[str, int, int]:
    """Bracket markers replaced by placeholders of source positions; (text, kept, removed) counts."""
    sources, library = checker.sources, checker.library
    counts = [0, 0]

    def replace(match: re.Match) -> str:
        label = match.group(1).strip()
        if NUMBER_LIST.match(label):
            kept = []
            expanded = RANGE.sub(lambda m: ",".join(str(n) for n in range(int(m[1]), int(m[2]) + 1))
                                 if 0 <= int(m[2]) - int(m[1]) <= 50 else m[0], label)
            for item in re.findall(r"\d+", expanded):
                n = int(item)
                if 1 <= n <= len(sources):
                    kept.append(n - 1)
                else:
                    removed.append(f"[{n}] (no such source)")
                    counts[1] += 1
            counts[0] += len(kept)
            return "".join(f"\x01{n}\x02" for n in dict.fromkeys(kept))
        paper = _find_title(label, sources) or _find_title(YEAR_SUFFIX.sub("", label), sources)
        if paper is not None:
            counts[0] += 1
            return f"\x01{sources.index(paper)}\x02"
        known = _find_title(label, library) or _find_title(YEAR_SUFFIX.sub("", label), library)
        if known is not None:
            removed.append(f"{known.title} (in the record, but not among the sources this answer was based on)")
            counts[1] += 1
            return ""
        if _looks_like_citation(label) or CITATION_LIKE.search(label):
            removed.append(f"{label} (not in the record)")
            counts[1] += 1
            return ""
        return match.group(0)

    text = MARKER.sub(replace, sentence)
    return text, counts[0], counts[1]


def _is_name(phrase: str) -> bool:
    return phrase.split()[0].lower() not in NOT_NAMES


def _check_sentence(sentence: str, checker: _Checker) -> tuple[str, list[str], bool]:
    """(sentence with citations resolved to placeholders, what was removed, whether to drop it whole)."""
    removed: list[str] = []
    text, kept, lost = _markers(sentence, checker, removed)
    drop = False

    def parenthetical(match: re.Match) -> str:
        nonlocal kept, lost
        if checker.in_sources(match.group(0)) or not _is_name(match.group(0)[1:].strip()):
            return match.group(0)  # the record's own words, or a date such as "(May 2020)"
        cited = []
        for name, year in AUTHOR_YEAR.findall(match.group(0)):
            paper = checker.source_by_author_year(name, year)
            if paper is not None:
                cited.append(checker.sources.index(paper))
                continue
            lost += 1
            other = checker.other_by_author_year(name, year)
            removed.append(f"{other.title} (in the record, but not among the sources this answer was based on)"
                           if other else f"{name}, {year[:4]} (not in the record)")
        kept += len(cited)
        return "".join(f"\x01{n}\x02" for n in dict.fromkeys(cited))

    text = PARENTHETICAL.sub(parenthetical, text)
    for match in NARRATIVE.finditer(text):
        name, year = match.group(1), match.group(2)
        if not _is_name(name) or checker.in_sources(match.group(0)):
            continue
        titled, is_source = checker.title_before(text[:match.end(1)])
        paper = titled if is_source else None if titled else checker.source_by_author_year(name, year)
        if paper is None:
            other = titled or checker.other_by_author_year(name, year)
            removed.append(f"{other.title} (in the record, but not among the sources this answer was based on)"
                           if other else f"{name} ({year[:4]}) (not in the record)")
            drop = True
        else:
            kept += 1
            marker = f"\x01{checker.sources.index(paper)}\x02"
            if marker not in text:  # "Lai et al. (2020) show ..." with no marker of its own gets one
                text = text.replace(match.group(0), f"{match.group(0)} {marker}", 1)

    spans = [_title_case_span(text[m.end():]) for m in CUE.finditer(text)]
    spans += [m.group(1) for m in QUOTED.finditer(text)
              if _title_case_span(m.group(1)) == m.group(1).strip().rstrip(".,;:!?")]
    for span in filter(None, spans):
        if checker.in_sources(span):
            continue
        paper, is_source = checker.named_title(span)
        if is_source:
            continue
        drop = True
        removed.append(f"{paper.title} (in the record, but not among the sources this answer was based on)"
                       if paper else f"{span} (not in the record)")
    for paper in checker.unsourced_mentions(PLACEHOLDER.sub(" ", text)):
        entry = f"{paper.title} (in the record, but not among the sources this answer was based on)"
        if entry not in removed:
            removed.append(entry)
        drop = True
    return text, removed, drop or (lost > 0 and kept == 0)


def verify(text: str, sources: list[Paper], library: list[Paper], allowed_text: str = "") -> Verified:
    """Keep only citations of the given sources; renumber them; report everything removed.

    Args:
        text: the answer as written (by an LLM or the extractive composer).
        sources: the papers the answer was written from, in the order they were numbered.
        library: every paper in the record.
        allowed_text: text the user wrote (question, history): names in it are not claims of the answer.
    """
    checker = _Checker(sources, library, allowed_text)
    order: list[int] = []
    removed: list[str] = []
    dropped: list[str] = []
    kept_parts: list[str] = []
    for sentence in split_sentences(text):
        checked, lost, drop = _check_sentence(sentence, checker)
        for item in lost:
            if item not in removed:
                removed.append(item)
        if drop and sentence.strip():
            dropped.append(sentence.strip())
            kept_parts.append("\n" if "\n" in sentence else "")
            continue
        kept_parts.append(checked)

    def number(match: re.Match) -> str:
        position = int(match.group(1))
        if position not in order:
            order.append(position)
        return f"[{order.index(position) + 1}]"

    cleaned = PLACEHOLDER.sub(number, "".join(kept_parts))
    cleaned = re.sub(r"[ \t]+([.,;:])", r"\1", cleaned)
    cleaned = re.sub(r"[ \t]{2,}", " ", cleaned)
    cleaned = re.sub(r"\n{3,}", "\n\n", cleaned)
    return Verified(cleaned.strip(), [sources[i] for i in order], removed, dropped)


class StreamingVerifier:
    """Verifies a growing answer sentence by sentence, so a page can show only checked citations while streaming.

    ``feed(delta)`` returns the verified text of every sentence completed so far (the whole text, not a
    delta: numbering can only be final once the sentences before are); ``finish()`` verifies everything,
    including an unfinished last sentence, and returns the :class:`Verified` answer.
    """

    def __init__(self, sources: list[Paper], library: list[Paper], allowed_text: str = ""):
        self.sources, self.library, self.allowed_text = sources, library, allowed_text
        self.buffer = ""
        self.text = ""
        self._done = 0  # characters of the buffer in completed sentences

    def feed(self, delta: str) -> str:
        self.buffer += delta
        parts = split_sentences(self.buffer)
        complete = len(self.buffer) - len(parts[-1]) if parts else 0
        if parts and re.search(r"[.!?][\"”'’)*_]*\s+$|\n\s*$", parts[-1]):
            complete = len(self.buffer)
        if complete > self._done:
            self._done = complete
            self.text = verify(self.buffer[:complete], self.sources, self.library, self.allowed_text).text
        return self.text

    def finish(self) -> Verified:
        verified = verify(self.buffer, self.sources, self.library, self.allowed_text)
        self.text = verified.text
        return verified


def verify_streaming(deltas: Iterable[str], sources: list[Paper], library: list[Paper],
                     allowed_text: str = "") -> Iterator[str]:
    """The verified text so far, each time it grows; the generator's return value is the final Verified."""
    verifier = StreamingVerifier(sources, library, allowed_text)
    shown = ""
    for delta in deltas:
        text = verifier.feed(delta)
        if text != shown:
            shown = text
            yield text
    final = verifier.finish()
    if final.text != shown:
        yield final.text
    return final
def as_citations(papers: list[Paper]) -> list[Citation]:
    return [Citation(p.title, p.year) for p in papers]


def render_sources(papers: list[Paper]) -> str:
    return "\n".join(f"[{i}] {p.title} ({p.date_label()})" for i, p in enumerate(papers, start=1))


def _latex_escape(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def bibtex_key(paper: Paper, taken: set[str]) -> str:
    surname = name_tokens(paper.first_author)[-1] if name_tokens(paper.first_author) else "anon"
    last = re.sub(r"[^a-z]", "", surname)  # accents folded first: "Martín" -> "martin", not "martn"
    word = next((w for w in normalise_title(paper.title).split() if len(w) > 3 and w.isalpha()), "paper")
    key = f"{last or 'anon'}{paper.year or ''}{word}"
    base, n = key, 2
    while key in taken:
        key, n = f"{base}{n}", n + 1
    taken.add(key)
    return key


# the record's publication type as a BibTeX entry type, and the field its venue goes in
BIBTEX_TYPES = {"article": "article", "inproceedings": "inproceedings", "preprint": "misc", "book": "book",
                "chapter": "incollection", "thesis": "phdthesis", "report": "techreport"}
VENUE_FIELD = {"article": "journal", "inproceedings": "booktitle", "incollection": "booktitle", "book": "publisher",
               "phdthesis": "school", "techreport": "institution", "misc": "howpublished"}


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
        kind = BIBTEX_TYPES.get(paper.kind) or ("inproceedings" if paper.venue and not paper.doi
                                                 else "misc" if not paper.venue else "article")
        if paper.venue:
            fields.append((VENUE_FIELD.get(kind, "howpublished"), _latex_escape(paper.venue)))
        if paper.doi:
            fields.append(("doi", paper.doi))
        if re.match(r"https?://", paper.url, re.I):  # no other scheme leaves the product
            fields.append(("url", paper.url))
        if paper.arxiv_id:
            fields += [("eprint", paper.arxiv_id), ("archiveprefix", "arXiv")]
        if paper.category and not paper.venue:
            fields.append(("keywords", paper.category))  # a subject category, not a note on the entry
        body = ",\n".join(f"  {name} = {{{value}}}" if not value.startswith("{") else f"  {name} = {value}"
                          for name, value in fields if value)
        entries.append(f"@{kind}{{{bibtex_key(paper, taken)},\n{body}\n}}")
    return "\n\n".join(entries)
