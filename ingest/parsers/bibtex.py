"""BibTeX / BibLaTeX exports (Google Scholar, DBLP, Zotero, JabRef, BibDesk, Mendeley, al-folio sites).

bibtexparser v2 splits the file into blocks and names; values are resolved here, because its own
resolver neither concatenates (``month = oct # "-" # nov``, ACL Anthology) nor tolerates a repeated
field. Each entry becomes a mapping of plain text (LaTeX decoded with pylatexenc) that
:func:`ingest.parsers.fields.paper_from_mapping` turns into a Paper. What BibTeX tools accept is
accepted: a repeated field keeps its first value (with a warning when the values differ), a broken
entry is skipped and reported while the rest of the file loads.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path

import bibtexparser
from bibtexparser.exceptions import BlockAbortedException
from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry, ParsingFailedBlock, String
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from assistant.types import Paper
from ingest.errors import Problems, SourceError
from ingest.parsers.fields import LINK_FIELDS, clean, is_preprint_venue, kind_of, paper_from_mapping
from ingest.parsers.names import (SEVERAL_NAMES, TRUNCATION, join_parts, listed_with_commas, strip_affiliation,
                                  surname_first_list, unescape_entities)

# \textless and \textgreater, which some exports write for the "<" and ">" of HTML markup in an abstract
# ("DARE{\textless}sub{\textgreater}OWC"), are the signs themselves; the markup is then read as markup
_CONTEXT = get_default_latex_context_db()
# \mbox{1} and its kin box their argument, which is text ("NC\({}^{\mbox{1}}\)", as DBLP writes "NC¹"): kept,
# where pylatexenc would drop it
# and the logos and biblatex's hyphen macros, which it would drop too ("The {\TeX book}", "methodology\hyphen
# independent")
_CONTEXT.add_context_category("signs", prepend=True, macros=[MacroTextSpec("textless", simplify_repl="<"),
                                                              MacroTextSpec("textgreater", simplify_repl=">"),
                                                              *(MacroTextSpec(logo, simplify_repl=logo)
                                                                for logo in ("TeX", "LaTeX", "BibTeX", "XeTeX",
                                                                             "LuaTeX", "ConTeXt")),
                                                              MacroTextSpec("LaTeXe", simplify_repl="LaTeX2e"),
                                                              *(MacroTextSpec(h, simplify_repl="-")
                                                                for h in ("hyphen", "hyphenate", "nbhyphen")),
                                                              *(MacroTextSpec(box, discard=False)
                                                                for box in ("mbox", "hbox"))])
_LATEX = LatexNodes2Text(math_mode="text", latex_context=_CONTEXT)
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# bibtexparser logs each broken block with 0-based line numbers; the skipped list reports it instead.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
ARXIV_IN_TEXT = re.compile(r"arxiv.{0,20}?(\d{4}\.\d{4,5}(?:v\d+)?)", re.I)
ARXIV_ID = re.compile(r"(arxiv:)?(\d{4}\.\d{4,5}|[a-z\-]+(\.[A-Z]{2})?/\d{7})(v\d+)?", re.I)
MONTHS = {m[:3]: m for m in ["January", "February", "March", "April", "May", "June", "July", "August",
                              "September", "October", "November", "December"]}
MONTHS = {k.lower(): v for k, v in MONTHS.items()}
ENTRY_KEY = re.compile(r"@\s*\w+\s*[{(]\s*([^,\s]+)\s*,")
TOKEN = re.compile(r"\s*(?:(\d+)|([^\s#{}\",=]+))\s*")
TEX_ESCAPED = re.compile(r"\\([<>*])")  # "p\<0.001", "aged \>=70", "mg\*h/L": the signs themselves
RIS_RECORD = re.compile(r"^TY  - .*?(?:^ER  -.*?$|\Z)", re.M | re.S)
# A style command that has lost its braces, run into the word it styled or standing where a brace closed
# ("(\emphCebus\emph Capucinus)"): dropped, the words kept (pylatexenc would drop "\emphCebus" whole)
BRACELESS_STYLE = re.compile(r"\\(?:emph|text(?:it|bf|sl|sc|up|rm|sf|tt)|em|it|bf)(?:(?=[A-Z])|(?![{A-Za-z]))")
# "~" after a space and before a number is "about" ("in ~90\% of cases"), not TeX's tie, which joins two words
APPROXIMATELY = re.compile(r"(?:(?<=[\s(])|^)~(?=\s?\d)")


BABEL_HYPHEN = re.compile(r'(?<=[^\W\d_])"=(?=[^\W\d_])')


def latex(text: object) -> str:
    """LaTeX -> plain text: ``M{\\"u}ller`` -> ``Müller``; bare ``%`` and ``&`` are kept.

    Literal braces are dropped too: Google Scholar writes ``$\\{$USENIX$\\}$`` for ``{USENIX}``.
    """
    if not isinstance(text, str) or not text:
        return ""
    text = APPROXIMATELY.sub("\x01", TEX_ESCAPED.sub(r"\1", text))
    text = BABEL_HYPHEN.sub("-", text)  # German babel's '"=' ("empirisch"=kulturwissenschaftlich"): a hyphen
    if "\\" not in text and "$" not in text:  # no macros or math: grouping braces, ties and dash ligatures
        text = text.replace("{", "").replace("}", "").replace("~", " ").replace("\x01", "~").replace("---", "—").replace("--", "–")
        return clean(re.sub(r"`([^`']+)'", r"‘\1’", text.replace("``", "“").replace("''", "”")))  # TeX's quotes
    return _decode(text)


@lru_cache(maxsize=16384)
def _decode(text: str) -> str:
    """pylatexenc's reading of one value; cached, since a record repeats its authors' names."""
    text = re.sub(r"\{?\\pounds\b\}?", "£", text)  # "{\pounds}90", which pylatexenc drops
    text = re.sub(r"\\~\{\}", "\x01", text)  # "\~{}1.8 Å": a tilde over nothing is the tilde itself, "about"
    text = BRACELESS_STYLE.sub("", text)
    text = re.sub(r"\\(?=[^\x00-\x7f])", "", text)  # "Conservaci\ń": an accent already written, kept as written
    decoded = _LATEX.latex_to_text(re.sub(r"(?<!\\)([%&])", r"\\\1", text))
    if "$" in text or "\\(" in text:  # math: CsPbI$_3$ -> CsPbI₃, as the formula is written in plain text
        decoded = re.sub(r"_\{?(\d+)\}?", lambda m: m.group(1).translate(SUBSCRIPTS), decoded)
        decoded = re.sub(r"\^\{?(\d+)\}?", lambda m: m.group(1).translate(SUPERSCRIPTS), decoded)
        decoded = re.sub(r"\^\{?∘\}?", "°", decoded)  # "275 $^{\circ}$C": a degree sign
    return clean(decoded.replace("{", "").replace("}", "").replace("\x01", "~"))


JOURNAL_MACROS = Path(__file__).with_name("journal_macros.tsv")


@lru_cache(maxsize=1)
def journal_macros() -> dict[str, str]:
    """ADS's journal macros (`\\apj`) -> the journals' names (journal_macros.tsv)."""
    lines = JOURNAL_MACROS.read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t", 1) for line in lines if line.strip() and not line.startswith("#"))


def journal(value: object) -> str:
    """A journal field as text; a journal macro of an ADS export (`journal = {\\mnras}`) is the journal it names."""
    macro = re.fullmatch(r"\s*\\(\w+)\s*", value) if isinstance(value, str) else None
    if macro and macro.group(1).lower() in journal_macros():
        return journal_macros()[macro.group(1).lower()]
    return latex(value)


def _with_series(booktitle: str, series: str) -> str:
    """A proceedings title with the conference's short name that ACM exports keep in `series` ("FAccT '21"):
    "Proceedings of the 2021 ACM Conference on Fairness, Accountability, and Transparency (FAccT)"."""
    short = re.fullmatch(r"([A-Z][\w&-]*[A-Z][\w&-]*)\s*(?:'\d\d|\d{4})", series.strip())
    if not booktitle or not short or re.search(rf"\b{re.escape(short.group(1))}\b", booktitle):
        return booktitle
    return f"{booktitle} ({short.group(1)})"


def resolve(value: str, strings: dict[str, str]) -> str:
    """A raw BibTeX value -> its text: ``{...}``, ``"..."``, a number, an @string or month macro, or any
    of these joined by ``#``. An unknown macro stands for itself."""
    value = value.strip()
    if "#" not in value:
        if len(value) >= 2 and value[0] + value[-1] in ("{}", '""'):
            return value[1:-1]
        return strings.get(value.lower(), MONTHS.get(value.lower(), value))
    parts, i = [], 0
    while i < len(value):
        while i < len(value) and value[i].isspace():
            i += 1
        if i >= len(value):
            break
        char = value[i]
        if char in '{"':
            close, depth, j = ("}" if char == "{" else '"'), 0, i + 1
            while j < len(value):
                c = value[j]
                if c == "{":
                    depth += 1
                elif c == "}" and depth:
                    depth -= 1
                elif c == close and depth == 0:
                    break
                j += 1
            parts.append(value[i + 1:j])
            i = j + 1
        else:
            match = TOKEN.match(value, i)
            if not match or match.end() == i:
                return value  # not a concatenation after all: keep the text as written
            word = match.group(1) or match.group(2)
            parts.append(word if match.group(1) else strings.get(word.lower(), MONTHS.get(word.lower(), word)))
            i = match.end()
        while i < len(value) and value[i].isspace():
            i += 1
        if i < len(value):
            if value[i] != "#":
                return value
            i += 1
    return "".join(parts)


# a key with a comma in it, as Scopus makes one of a surname with a suffix ("@ARTICLE{Ribeiro, Jr2022,"): one key,
# "Ribeiro_Jr2022", not a key and a field with no "="
SPLIT_KEY = re.compile(r"(?m)^(\s*@\w+\s*\{)([^,={}\s]+),\s*([^,={}\s]+),[ \t]*$")


def parse_bibtex(path: str | Path, text: str, problems: Problems) -> list[Paper]:
    """Parse a .bib file into papers, one per entry; ``line`` is the entry's first line.

    Raises:
        SourceError: when the file holds no entry that can be read (naming the first broken one).
    """
    library = bibtexparser.parse_string(SPLIT_KEY.sub(r"\1\2_\3,", text), parse_stack=[])
    strings: dict[str, str] = {}
    for block in library.blocks:
        if isinstance(block, String):
            strings[block.key.lower()] = resolve(str(block.value), strings)
    entries: list[tuple[dict, str, str, int]] = []  # (fields, type, key, line)
    failed = []
    for block in library.blocks:
        line = block.start_line + 1  # bibtexparser counts lines from 0
        if isinstance(block, DuplicateBlockKeyBlock):
            # Google Scholar reuses keys (a preprint and its published version): keep both.
            block = _reparse(block.raw)
        if isinstance(block, DuplicateFieldKeyBlock):
            block = _first_values(path, block, line, problems)
        if isinstance(block, ParsingFailedBlock):
            failed.append(SourceError(str(path), _failure(block), line=line, key=_raw_key(block.raw),
                                      hint="close every brace and quote, and separate fields with commas"))
            continue
        if isinstance(block, Entry):
            fields: dict[str, str] = {}
            for f in block.fields:
                parts = run_together(f.key, str(f.value))
                if len(parts) > 1:
                    many = len(parts) > 2
                    problems.warnings.append(SourceError(
                        str(path), f"no comma after the field {f.key!r}; the next field{'s' if many else ''} "
                        f"({', '.join(repr(k) for k, _ in parts[1:])}) {'are' if many else 'is'} read on "
                        f"{'their' if many else 'its'} own", line=line, key=block.key,
                        hint=f"put a comma after the {f.key!r} field"))
                for key, value in parts:
                    fields.setdefault(key.lower(), resolve(value, strings))
            entries.append((fields, block.entry_type.lower(), block.key, line))
    if not entries:
        if failed:
            raise SourceError(str(path), f"no BibTeX entry could be read; the first: {failed[0].message}",
                              line=failed[0].line)
        if RIS_RECORD.search(text):
            raise SourceError(str(path), "the file holds RIS records, not BibTeX entries",
                              hint="rename it to end in .ris")
        raise SourceError(str(path), "no BibTeX entries found; expected entries like @article{key, title={...}, ...}")
    problems.skipped.extend(failed)
    # a RIS record pasted among the entries (a site's cite.bib holding RIS) is text BibTeX reads as a comment
    for m in RIS_RECORD.finditer(text):
        title = re.search(r"^(?:TI|T1)  - (.*)$", m.group(0), re.M)
        problems.skipped.append(SourceError(
            str(path), "a RIS record, not a BibTeX entry, was not read" + (f": {title.group(1).strip()[:80]}" if title else ""),
            line=text.count("\n", 0, m.start()) + 1, hint="save RIS records in a file of their own ending in .ris"))

    by_key = {key.lower(): fields for fields, _, key, _ in entries}
    crossref_targets = {fields["crossref"].lower() for fields, _, _, _ in entries if "crossref" in fields}
    papers = []
    for fields, entry_type, key, line in entries:
        if key.lower() in crossref_targets and entry_type in ("proceedings", "book", "collection"):
            continue  # a proceedings volume that DBLP appends for its papers' crossref
        crossref = fields.get("crossref", "").strip().lower()
        parent = by_key.get(crossref) if crossref else None  # not an entry with no key ("@inproceedings{,")
        if parent is not None:
            inherited = dict(parent)
            inherited.setdefault("booktitle", inherited.pop("title", ""))  # the volume's title is the venue
            inherited.pop("subtitle", None)
            inherited.pop("author", None)
            fields = {**inherited, **fields}
        try:
            papers.append(paper_from_mapping(path, _mapping(fields, entry_type, key), line=line, key=key,
                                             warnings=problems.warnings))
        except SourceError as error:
            problems.skipped.append(error)
    return papers


def citation_mapping(text: str) -> dict:
    """The mapping of the first entry of a BibTeX snippet (the citation an ORCID work carries), read as
    :func:`parse_bibtex` reads an entry; {} when it holds no entry that can be read."""
    try:
        library = bibtexparser.parse_string(text, parse_stack=[])
    except Exception:  # bibtexparser's own failures on a snippet that is no BibTeX at all
        return {}
    for block in library.blocks:
        if isinstance(block, DuplicateFieldKeyBlock):
            block = block.ignore_error_block
        if isinstance(block, Entry):
            fields: dict[str, str] = {}
            for f in block.fields:
                fields.setdefault(f.key.lower(), resolve(str(f.value), {}))
            return _mapping(fields, block.entry_type.lower(), block.key)
    return {}


def run_together(key: str, value: str) -> list[tuple[str, str]]:
    """A field's (key, value), or, where a missing comma ran the next fields into its value (``eprint = {...}`` then
    ``abstract = {...}`` on the next line), each field: a braced or quoted value followed by a new line and
    ``name =`` ends there."""
    out = []
    while (end := _value_end(value)) and (m := re.match(r"[ \t]*\r?\n\s*([A-Za-z][\w-]*)\s*=\s*(?=[{\"\d])", value[end:])):
        out.append((key, value[:end]))
        key, value = m.group(1), value[end + m.end():]
    return out + [(key, value)]


def _value_end(value: str) -> int:
    """Where the braced or quoted value at the start of the text ends (0: it starts with neither or never ends)."""
    if value.startswith('"'):
        close = re.search(r'(?<!\\)"', value[1:])
        return close.end() + 1 if close else 0
    depth = 0
    for i, char in enumerate(value):
        if char == "{" and (i == 0 or value[i - 1] != "\\"):
            depth += 1
        elif char == "}" and value[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                return i + 1
        elif depth == 0:
            return 0
    return 0


def _first_values(path: str | Path, block: DuplicateFieldKeyBlock, line: int, problems: Problems):
    """A repeated field keeps its first value: silently when the values agree, with a warning otherwise."""
    entry = block.ignore_error_block
    if not isinstance(entry, Entry):
        return block
    seen: dict[str, str] = {}
    kept = []
    for f in entry.fields:
        name = f.key.lower()
        if name in seen:
            if clean(seen[name]) != clean(str(f.value)):
                problems.warnings.append(SourceError(
                    str(path), f"the field {f.key!r} is given twice with different values; the first, "
                    f"{clean(resolve(seen[name], {}))[:60]!r}, is kept", line=line, key=entry.key,
                    hint=f"delete the {f.key!r} you do not mean"))
            continue
        seen[name] = str(f.value)
        kept.append(f)
    return Entry(entry.entry_type, entry.key, kept, start_line=entry.start_line)


def _names(value: str) -> tuple[list[str], bool]:
    raws = split_multiple_persons_names(unescape_entities(value))
    listed = listed_with_commas(raws[0]) if len(raws) == 1 else []
    if listed:  # names listed with commas where BibTeX wants "and"
        return [latex(name) for name in listed], False
    names, truncated = [], False
    for raw in surname_first_list(raws):
        if clean(raw).lower() in TRUNCATION:
            truncated = True
            continue
        raw = DOUBLED_AND.sub("", raw)  # "Abbs, Luke and and, Allard Duursma": a list's "and" written twice
        empty_family = EMPTY_FAMILY.fullmatch(raw)  # ", Sara, Lindberg Bromley": given name, then family name
        if empty_family:
            raw = f"{empty_family.group(2)}, {empty_family.group(1)}"
        name = _display_name(strip_affiliation(raw))
        if name:
            names.append(name)
    return names, truncated


# what malformed exports leave at a name's start: the second "and" of "X and and Y", and an empty first part before
# a name written given name first (", Corinne, Bara" for Corinne Bara)
DOUBLED_AND = re.compile(r"^\s*and\b[\s,]*")
EMPTY_FAMILY = re.compile(r"\s*,\s*([^,]+?)\s*,\s*([^,]+?)\s*")


# biblatex's extended name format (Zotero's Better BibLaTeX): "family=Leeuwen, given=Eveline, prefix=van, useprefix=true"
NAME_PART = re.compile(r"\s*(family|given|prefix|suffix|giveni|useprefix)\s*=\s*(\{[^{}]*\}|[^,]*)\s*(?:,|$)", re.I)


def _extended_name(raw: str) -> str | None:
    """A name in biblatex's extended format as ``Given prefix Family Suffix``; None for any other name."""
    parts = {}
    at = 0
    while at < len(raw):
        m = NAME_PART.match(raw, at)
        if not m or m.end() == at:
            return None
        parts[m.group(1).lower()] = m.group(2).strip().strip("{}").strip()
        at = m.end()
    if not parts.get("family"):
        return None
    return join_parts(parts.get("given", ""), parts["family"], parts.get("suffix", ""), parts.get("prefix", ""))


@lru_cache(maxsize=65536)
def _display_name(raw: str) -> str:
    """One BibTeX name (``von Last, Jr, First``, ``First von Last`` or biblatex's ``family=Last, given=First``)
    as ``First von Last Jr``; cached, since a record repeats its authors' names."""
    extended = _extended_name(raw)
    if extended is not None:
        return latex(extended)
    try:
        parts = parse_single_name_into_parts(raw, strict=False)
        name = join_parts(" ".join(parts.first), " ".join(parts.last), " ".join(parts.jr), " ".join(parts.von))
    except Exception:  # bibtexparser raises plain errors on odd names; the name as written is still a name
        name = raw
    return latex(name)


def _kind(entry_type: str, fields: dict) -> str:
    """The entry type, unless it says nothing of the kind (@misc, @online) and the `type` field does: Zotero writes
    a thesis as "@misc{..., type = {Dissertation}}" for some site generators."""
    given = clean(fields.get("type", ""))
    if kind_of(entry_type) in ("", "other") and kind_of(given) not in ("", "other"):
        return given
    return entry_type


def _mapping(fields: dict, entry_type: str, key: str) -> dict:
    authors, truncated = _names(fields.get("author", "")) if fields.get("author") else ([], False)
    edited = not authors and bool(fields.get("editor")) and entry_type in ("book", "proceedings", "collection")
    if edited:
        authors, truncated = _names(fields["editor"])
    written = fields.get("keywords", "")
    # EndNote puts one keyword on each line, with no separator
    parts = [latex(line) for line in written.splitlines()] if not re.search(r"[,;]", written) \
        else re.split(r"[,;]", latex(written))
    keywords = [k for k in (clean(k) for k in parts) if k]
    mapping = {
        "title": latex(fields.get("title")),
        "subtitle": latex(fields.get("subtitle")),
        # a name BibTeX kept whole in braces holds "and" as a word ("{the BES Data and Code Hackathon Group}"):
        # given as a literal name, it is not split again
        "authors": [{"literal": a} if SEVERAL_NAMES.search(a) else a for a in authors]
                   + (["others"] if truncated else []),
        "year": fields.get("year"),
        "month": fields.get("month"),
        "date": fields.get("date"),  # BibLaTeX (Zotero), BibDesk/PubMed free-form dates
        # Zotero's Better BibTeX and some site generators keep CSL's name for it, "abstractNote"
        "abstract": latex(fields.get("abstract") or fields.get("abstractnote")),
        "venue": journal(fields.get("fjournal") or fields.get("journal") or fields.get("journaltitle"))  # MathSciNet: fjournal
                 or _with_series(latex(fields.get("booktitle")), latex(fields.get("series", "")))
                 or latex(fields.get("eventtitle") or fields.get("conference"))  # biblatex; Hugo Academic's cite.bib
                 # a conference paper whose only venue is its series ("series = {ParCo 2013}")
                 or (latex(fields.get("series")) if entry_type in ("inproceedings", "conference") else "")
                 or latex(fields.get("school") or fields.get("institution")
                       or (fields.get("howpublished") if not fields.get("howpublished", "").startswith("\\url")
                           else ""))
                 # a preprint's server, where nothing else names a venue: biblatex's "eprinttype = {bioRxiv}"
                 or _server(fields),
        "event": latex(fields.get("eventtitle") or fields.get("conference")),  # kept beside another venue (fields.py)
        "publisher": latex(fields.get("publisher")),  # a book's venue when it has no other (see fields.py)
        # biblatex's "forthcoming", "inpress"; a note's "Forthcoming", "Submitted to Nature": fields.py reads only a
        # status from them, in plain words, so they are not decoded as LaTeX (a note may hold any markup)
        "pubstate": fields.get("pubstate", ""),
        "status": fields.get("status", ""),
        "note": fields.get("note", ""),
        "doi": _unescaped(fields.get("doi")),
        "url": _unescaped(fields.get("url") or fields.get("ee")),
        "arxiv": _arxiv_id(fields),
        "category": clean(fields.get("primaryclass")) or (keywords[0] if keywords else ""),
        "keywords": keywords,
        "kind": _kind(entry_type, fields),
        "genre": [clean(fields.get("type", ""))],  # Scopus's "type = {Review}" of an @article (`Paper.genre`)
        "key": key,
        "editors_as_authors": edited,
    }
    for name in LINK_FIELDS:
        if name in fields and name not in ("arxiv",):
            mapping.setdefault(name, _unescaped(fields[name]))
    if fields.get("code"):  # al-folio: code = {https://github.com/...}
        mapping["code"] = _unescaped(fields["code"])
    if not mapping["arxiv"] and fields.get("arxiv"):  # al-folio: arxiv = {2105.11367}
        mapping["arxiv"] = clean(fields["arxiv"])
    return {k: v for k, v in mapping.items() if v}


# what TeX needs escaped in a DOI or URL ("10.1007/978-3-642-14031-0\_7", "...?id=1\&page=2", "50\%"), and DBLP
# and others escape: the characters themselves
URL_ESCAPE = re.compile(r"\\([_%&#$~])(?:\{\})?")


def _unescaped(value: object) -> str:
    """A DOI or URL as written in BibTeX -> as it is: TeX's escapes undone, ``\\url{...}`` unwrapped."""
    text = clean(value) if isinstance(value, str) else ""
    text = re.sub(r"^\\url\{(.*)\}$", r"\1", text)
    return URL_ESCAPE.sub(r"\1", text)


def _server(fields: dict) -> str:
    """The preprint server an entry names ("eprinttype = {bioRxiv}", "archiveprefix = {arXiv}"), or ""."""
    server = latex(fields.get("eprinttype") or fields.get("archiveprefix"))
    return server if is_preprint_venue(server) else ""


def _arxiv_id(fields: dict) -> str:
    eprint = clean(fields.get("eprint"))
    prefix = clean(fields.get("archiveprefix") or fields.get("eprinttype")).lower()
    if eprint and (prefix == "arxiv" or (not prefix and ARXIV_ID.fullmatch(eprint))):
        return eprint
    # Google Scholar: journal={arXiv preprint arXiv:2105.11367}; Zotero: note={arXiv:2105.11367 [cs]}
    found = ARXIV_IN_TEXT.search(" ".join(clean(fields.get(k)) for k in ("journal", "note", "url", "howpublished")))
    return found.group(1) if found else ""


def _reparse(raw: str):
    blocks = bibtexparser.parse_string(raw, parse_stack=[]).blocks
    return blocks[-1] if blocks else ParsingFailedBlock(raw=raw, error=ValueError("empty entry"))


def _raw_key(raw: str | None) -> str:
    found = ENTRY_KEY.search(raw or "")
    return found.group(1) if found else ""


def _failure(block: ParsingFailedBlock) -> str:
    raw = (block.raw or "").strip()
    first_line = raw.splitlines()[0][:60] if raw else ""
    error = block.error
    if isinstance(error, BlockAbortedException):
        return (f"broken BibTeX entry {first_line!r}: {clean(error.abort_reason)} "
                "(is a brace or quote left unclosed?)")
    return f"cannot read entry {first_line!r}: {clean(str(error))}"
