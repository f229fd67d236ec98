"""Source formats -> validated Paper records. One module per format; this picks the module.

Every parser takes ``(path, text, problems)`` and returns papers whose ``source`` and ``line`` point back
into the file. A file that is not its format at all raises :class:`ingest.errors.SourceError`; a bad entry
in a file that is goes to ``problems`` (skipped, or kept with a warning) and the others are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from assistant.types import Paper, Researcher
from ingest.errors import Problems, SourceError

MAX_BYTES = 20 * 1024 * 1024
# Bumped whenever a parser reads some file differently: stored parses of unchanged files are reused only
# when they were made by this version.
PARSER_VERSION = 57
SUFFIXES = {".txt": "profile", ".bib": "bibtex", ".json": "json", ".jsonl": "jsonl", ".csv": "csv", ".ris": "ris",
            ".nbib": "medline", ".medline": "medline", ".yaml": "yaml", ".yml": "yaml",
            ".xml": "endnote"}


@dataclass
class ParsedSource:
    path: str
    papers: list[Paper]
    researcher: Researcher | None = None
    skipped: list[SourceError] = field(default_factory=list)  # entries left out, each with its reason
    warnings: list[SourceError] = field(default_factory=list)  # entries kept, a field dropped or chosen
    captured: str = ""  # ISO date the record was captured (set by ingest)
    sha256: str = ""  # the file's digest (set by ingest)
    stored: dict | None = None  # the library's entry for this file, when its stored parse was reused


def read_text(path: Path) -> str:
    """Read a source file as text (see :func:`read_text_decoded`)."""
    return read_text_decoded(path)[0]


def read_text_decoded(path: Path) -> tuple[str, SourceError | None]:
    """Read a source file as UTF-8 text, refusing empty, huge and binary files. A file that is not UTF-8 is
    read as Windows-1252 (Western European, which Excel and older Windows tools save; Latin-1 where a byte
    is not Windows-1252), with a warning naming the encoding assumed and the first line that is not UTF-8.
    (A detector such as charset-normalizer guesses Central European for short Western texts, "Nuñez" as
    "Nuńez", so the fallback is fixed.)"""
    size = path.stat().st_size
    if size == 0:
        raise SourceError(str(path), "the file is empty; expected a publication record")
    if size > MAX_BYTES:
        raise SourceError(
            str(path), f"the file is {size / 2**20:.0f} MB, over the {MAX_BYTES // 2**20} MB limit for a publication "
            "record; split it into smaller files")
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise SourceError(str(path), "the file is binary (it holds NUL bytes); expected UTF-8 text")
    warning = None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        try:
            text, encoding = data.decode("cp1252"), "Windows-1252 (Western European)"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "Latin-1 (ISO-8859-1)"
        warning = SourceError(
            str(path), f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); read as {encoding}, "
            "so check its accented letters and signs", line=line, hint="re-save the file as UTF-8 to be sure")
    if not text.strip():
        raise SourceError(str(path), "the file holds only white space; expected a publication record")
    return text, warning


def parse_file(path: str | Path, captured: date | None = None, *, strict: bool = False) -> ParsedSource:
    """Parse one source file by its suffix (.txt profile, .bib, .json, .jsonl, .csv, .ris, .nbib/.medline), a
    .txt by its first line (a PubMed, Web of Science or RIS export saved as text).

    Whatever a parser trips over (nesting deeper than Python recurses, a value out of range) becomes a
    SourceError naming the file; every text field is checked for invalid Unicode and for its size
    (ASSISTANT_MAX_FIELD_CHARS).

    Args:
        strict: raise the first problem with any entry instead of skipping or warning.
    """
    path = Path(path)
    try:
        source = _parse(path, captured, strict)
    except SourceError:
        raise
    except RecursionError:
        raise SourceError(str(path), "nested too deeply to read (brackets or braces inside each other thousands "
                                     "of levels deep); a publication record needs no such nesting") from None
    except (ValueError, OverflowError, TypeError) as error:
        raise SourceError(str(path), f"a value could not be read ({str(error)[:200]}); fix or remove it") from None
    check_fields(source)
    return source


SURROGATE = re.compile(r"[\ud800-\udfff]")


def _texts(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(key)
            yield from _texts(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)


def check_fields(source: ParsedSource, max_chars: int | None = None) -> None:
    """Refuse text no store can hold: unpaired surrogates (invalid Unicode), fields over the size limit."""
    from assistant.settings import get_settings

    limit = max_chars or get_settings().max_field_chars
    for number, paper in enumerate(source.papers, start=1):
        for name, value in vars(paper).items():
            for text in _texts(value):
                bad = SURROGATE.search(text)
                where = f"paper {number} ({paper.title[:60]!r}), field '{name}'"
                if bad:
                    raise SourceError(source.path, f"{where} holds an unpaired surrogate \\u{ord(bad.group()):04x}, "
                                                   "which is not valid Unicode; fix the escape", line=paper.line or None)
                if len(text) > limit:
                    raise SourceError(source.path, f"{where} is {len(text):,} characters long, over the {limit:,} "
                                                   "limit (ASSISTANT_MAX_FIELD_CHARS)", line=paper.line or None)


# the header of a Web of Science tab-delimited export, saved as .txt: "PT<tab>AU<tab>..." or its long names
WOS_TABBED = re.compile(r"\ufeff?(?:PT|Publication Type)\t")


def _parse(path: Path, captured: date | None, strict: bool) -> ParsedSource:
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise SourceError(str(path), f"unknown file type {path.suffix!r}; expected one of {', '.join(SUFFIXES)}")
    text, encoding_warning = read_text_decoded(path)
    if kind == "profile":  # PubMed and Web of Science save their exports as .txt too
        from ingest.parsers.medline import opens_medline
        from ingest.parsers.ris import TAG, opens_wos

        first = next((line for line in text.splitlines() if line.strip()), "")
        kind = "medline" if opens_medline(first) else "wos" if opens_wos(text) else "ris" if TAG.match(first) \
            else "csv" if WOS_TABBED.match(first) else kind
    problems = Problems()
    if encoding_warning is not None:
        problems.warnings.append(encoding_warning)
    researcher = None
    if kind == "profile":
        from ingest.parsers.profile import parse_profile

        if first.lstrip("\ufeff").strip().lower() == "# scopus":
            raise SourceError(str(path), "this is a Scopus plain-text export, which is not supported; export the "
                                         "list from Scopus as CSV, RIS or BibTeX and ingest that", line=1)

        researcher, papers = parse_profile(path, text, captured or date.today())
    elif kind == "bibtex":
        from ingest.parsers.bibtex import parse_bibtex

        papers = parse_bibtex(path, text, problems)
    elif kind == "csv":
        from ingest.parsers.tabular import parse_csv

        papers = parse_csv(path, text, problems)
    elif kind == "ris":
        from ingest.parsers.ris import parse_ris

        papers = parse_ris(path, text, problems)
    elif kind == "wos":
        from ingest.parsers.ris import parse_wos

        papers = parse_wos(path, text, problems)
    elif kind == "endnote":
        from ingest.parsers.endnote import parse_endnote

        papers = parse_endnote(path, text, problems)
    elif kind == "medline":
        from ingest.parsers.medline import parse_medline

        papers = parse_medline(path, text, problems)
    else:
        from ingest.parsers.jsonfile import parse_json, parse_jsonl, parse_yaml

        papers = {"jsonl": parse_jsonl, "yaml": parse_yaml}.get(kind, parse_json)(path, text, problems)
    if strict and problems:
        raise problems.all()[0]
    if papers and kind != "profile" and not any(p.authors or p.date for p in papers):
        # a website's project list, a reading list of titles: read as papers, but likely not what was meant
        problems.warnings.append(SourceError(
            str(path), ("its one entry lists no authors and no date" if len(papers) == 1 else
                        f"none of its {len(papers)} entries lists authors or a date") + "; is it a publication export?",
            hint="export the publication list as BibTeX, RIS, CSL-JSON or CSV"))
    return ParsedSource(str(path), papers, researcher, problems.skipped, problems.warnings)
