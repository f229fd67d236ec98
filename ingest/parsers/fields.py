"""Field names and value rules shared by the record formats (JSON, JSONL, CSV, BibTeX).

Keys are matched case-insensitively, ignoring spaces, underscores and hyphens, so
``publicationDate``, ``publication_date`` and ``Publication Date`` are one field.
"""

from __future__ import annotations

import html
import math
import re
from functools import lru_cache
from datetime import date
from pathlib import Path
from typing import Any

from assistant.lexical import word_classes
from assistant.types import MONTH_NAMES, STATUS, DatePrecision, Paper, normalise_title, status_name
from ingest.errors import SourceError
from ingest.parsers.names import clean, one_word_run, parse_authors

# Paper field -> accepted source names, best first. A dotted name looks inside an object.
ALIASES: dict[str, list[str]] = {
    "title": ["title", "paperTitle", "articleTitle", "name"],  # Article Title: Web of Science's tab-delimited export
    "subtitle": ["subtitle"],  # BibLaTeX's, after the title's colon
    # (Author Full Names: Web of Science's and Scopus's whole names, before their initials)
    "authors": ["authorFullNames", "authors", "author", "authors_list", "contributors", "authors_html"],
    "editors": ["editors", "editor"],  # an edited book's, credited as its authors (as in BibTeX)
    "publisher": ["publisher"],  # a book's or thesis's venue when it has no other
    "year": ["year", "publicationYear", "publication_year", "PubYear"],  # PubYear: Dimensions' CSV
    "month": ["month"],
    "date": ["date", "publicationDate", "published", "publication_date", "issued", "published-print",
             "published-online"],
    "abstract": ["abstract", "summary", "description", "abstractNote"],
    "venue": ["venue", "journal", "booktitle", "publicationVenue", "publicationTitle", "container-title",
              "journaltitle", "journal-title", "journalName", "sourceTitle", "conference", "event-title", "event",
              "book", "publication", "source"],  # publication: Google Scholar's CSV
    "event": ["event-title", "eventtitle", "event", "conference"],  # besides a venue, the meeting it was presented at
    "doi": ["doi", "externalIds.DOI"],
    "arxiv_id": ["arxiv", "arxiv_id", "eprint", "externalIds.ArXiv"],
    "url": ["url", "link", "pdf_url"],
    "category": ["category", "categories", "fieldsOfStudy", "primary_area"],
    "code_available": ["code", "code_available", "has_code"],
    "code_url": ["code_url", "github"],
    "score": ["score"],
    "kind": ["pubtype", "kind", "itemType", "entrytype", "type", "publicationTypes", "work-type", "documentType",
             "publicationType"],  # (after Web of Science's "Document Type": its "Publication Type" is a code, "J")
    "keywords": ["keywords", "keyword", "tags", "manualTags", "automaticTags"],
    "source_key": ["key", "id", "citationKey", "citation-key", "citekey", "paperId"],
    "status": ["pubstate", "status", "publicationStatus", "publication_status", "note"],
}
# the author id Scopus writes after each full name: "Øye, Elling Ruud (57021692800)"
SCOPUS_ID = re.compile(r"\s*\(\d{6,}\)")
# Fields that hold a link to a version of the paper, with the label it gets in Paper.links.
LINK_FIELDS = {"pdf": "pdf", "pdf_url": "pdf", "html": "html", "slides": "slides", "poster": "poster", "video": "video",
               "website": "website", "blog": "blog", "supp": "supplement", "project": "project", "code": "code",
               "code_url": "code", "github": "code", "repo": "code", "repository": "code", "preprint": "preprint",
               "arxiv": "arxiv"}
# Source publication types -> Paper.kind (BibTeX, CSL, RIS, Zotero, ORCID, OpenAlex, Crossref, Scopus spellings).
KINDS = {
    "article": {"article", "journalarticle", "articlejournal", "journal", "jour", "ejour", "magazinearticle",
                "articlemagazine", "articlenewspaper", "newspaperarticle", "review", "letter", "editorial",
                "lawreview", "peerreview", "peerreviewed", "journalpaper", "researcharticle", "originalarticle",
                "reviewarticle", "bookreview", "editorialmaterial", "comment", "shortsurvey", "datapaper"},
    "inproceedings": {"inproceedings", "conference", "conferencepaper", "paperconference", "proceedingsarticle",
                      "conf", "cpaper", "conferenceproceedings", "inproc", "conferenceabstract", "conferenceposter",
                      "proceedingspaper", "meetingabstract"},
    "preprint": {"preprint", "postedcontent", "unpb", "workingpaper", "unpublished", "manuscript"},
    "book": {"book", "monograph", "edited-book", "editedbook", "proceedings", "ebook", "mvbook"},
    "chapter": {"incollection", "inbook", "booksection", "chapter", "bookchapter", "chap", "entry", "bookpart"},
    "thesis": {"phdthesis", "mastersthesis", "thesis", "dissertation", "thes", "supervisedstudentpublication"},
    "report": {"techreport", "report", "rprt", "researchreport", "technicalreport"},
}
# Source publication types saying more than their kind (PubMed's, Web of Science's, Scopus's, OpenAlex's, CSL's
# spellings, compared as `kind_of` compares them) -> Paper.genre
GENRES = {"review": "review", "reviewarticle": "review", "systematicreview": "systematic review",
          "metaanalysis": "meta-analysis", "editorial": "editorial", "editorialmaterial": "editorial",
          "letter": "letter", "comment": "comment", "bookreview": "book review", "casereports": "case report",
          "casereport": "case report", "erratum": "erratum", "correction": "erratum", "shortsurvey": "survey",
          "lettersandcomments": "letter"}
# A venue that is a preprint server (or says it is a preprint), in any field.
PREPRINT_VENUE = re.compile(r"\b(arxiv|corr|biorxiv|medrxiv|chemrxiv|psyarxiv|socarxiv|edarxiv|eartharxiv|engrxiv|ssrn|"
                            r"research square|preprints?|techrxiv|osf preprints|authorea|eccc|"
                            r"electron(ic|\.)? colloquium (on )?comput(ational|\.)? complex|"
                            r"cryptol(ogy|\.)? e ?print)", re.I)
# A "source" that names the database an entry was exported from (Scopus CSV), not where the work appeared
# (Publish or Perish's "source" is the journal).
DATABASE = re.compile(r"(?i)scopus|web of science|wos|google scholar|crossref|pubmed|medline|orcid|dblp|"
                      r"semantic scholar|openalex|microsoft academic|dimensions|zotero|mendeley")
# Keys only CSL-JSON uses (Zotero, Mendeley, citeproc exports)
CSL_KEYS = ("issued", "container-title", "citation-key", "event-title", "title-short", "collection-title",
            "number-of-pages")
TRUE, FALSE = {"true", "yes", "y", "1"}, {"false", "no", "n", "0", ""}


def parse_score(value: Any) -> float:
    score = float(value)
    if not math.isfinite(score):
        raise ValueError(f"expected a finite number, got {value!r}")
    return score


@lru_cache(maxsize=4096)
def norm_key(name: str) -> str:
    """``Publication_Date`` -> ``publicationdate``."""
    return re.sub(r"[\s_\-]+", "", str(name)).lower()


def _lookup(mapping: dict, name: str, index: dict[str, str] | None = None) -> tuple[str, Any]:
    """(the key as the source spells it, value) for an accepted name; dotted names look inside objects.
    ``index`` (normalised key -> key) of ``mapping`` saves rebuilding it for each name."""
    value: Any = mapping
    keys = []
    for depth, part in enumerate(name.split(".")):
        if not isinstance(value, dict):
            return "", None
        if part in value:
            key = part
        else:
            spelled = index if depth == 0 and index is not None else _index(value)
            key = spelled.get(norm_key(part))
        if key is None:
            return "", None
        keys.append(str(key))
        value = value[key]
    return ".".join(keys), value


def _index(mapping: dict) -> dict[str, str]:
    """Normalised key -> the key as spelt (the first spelling wins)."""
    index: dict[str, str] = {}
    for key in mapping:
        index.setdefault(norm_key(str(key)), key)
    return index


def _present(value: Any) -> bool:
    return value is not None and value != [] and value != {} and (not isinstance(value, str) or bool(value.strip()))


def pick(mapping: dict, field: str, index: dict[str, str] | None = None) -> tuple[str, Any]:
    """The first accepted spelling of ``field`` that holds a value: (key as spelt in the source, value),
    or ('', None)."""
    for name in ALIASES[field]:
        key, value = _lookup(mapping, name, index)
        if _present(value):
            return key, value
    return "", None


def parse_month(value: Any) -> int:
    """``3``, ``"03"``, ``"mar"``, ``"Mar."``, ``"March"`` -> 3; a range (``oct-nov``, ``6--7``) gives its first month."""
    text = re.split(r"\s*(?:-+|–|/)\s*", clean(value).lower())[0].rstrip(".")
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    for number, name in enumerate((m.lower() for m in MONTH_NAMES), start=1):
        if text in (name, name[:3]) or (len(text) > 3 and name.startswith(text)):
            return number
    raise ValueError(f"not a month: {value!r}")


def status_of(value: Any) -> str:
    """The status a field states when it is little more than a status ("Forthcoming", "[WIP]", "Submitted to
    Nature", "in review, Global Biogeochemical Cycles"), else ""."""
    text = _text(value)
    found = STATUS.search(text)
    if not found or found.start() > 2 or len(text) > 80:
        return ""
    return status_name(found.group(1))


def parse_year(value: Any) -> int | None:
    """``2021`` -> 2021; ``0`` (how some exports write an unknown year) -> None."""
    if clean(value) in ("0", "0000"):
        return None
    if isinstance(value, bool) or not re.fullmatch(r"\d{4}(\.0)?", clean(value)):
        raise ValueError(f"expected a four-digit year, got {value!r}")
    return int(float(value))


# A season a journal issue is dated by ("Spring 2016", Web of Science's "PD FAL"): the date is the year
SEASON = r"(?:spring|summer|fall|autumn|winter|spr|sum|fal|aut|win)\.?"


def is_season(value: Any) -> bool:
    """Whether a month or date names a season (with or without its year) rather than a month."""
    return re.fullmatch(rf"(?i){SEASON}(?:\s*/\s*{SEASON})?(?:,?\s+\d{{4}})?", date_text(value)) is not None


def date_text(value: Any) -> str:
    """A date as text: a CSL/Crossref ``{"date-parts": [[2020, 5, 1]]}`` as ``2020-05-01``, its ``raw`` or
    ``literal`` ("forthcoming"), Paperpile's ``{"year", "month", "day"}``, or the plain value."""
    if isinstance(value, dict) and "year" in value:  # Paperpile: {"year": "2024", "month": "9", "day": "20"}
        value = {"date-parts": [[value[k] for k in ("year", "month", "day") if str(value.get(k) or "").strip()]]}
    if isinstance(value, dict):  # CSL-JSON / Crossref: {"date-parts": [[2020, 5, 1]]} or {"raw": "2020-05"}
        parts = (value.get("date-parts") or [[]])[0] or []
        if parts and str(parts[0]).strip() and all(str(p).strip().isdigit() for p in parts[:3]):
            value = "-".join(f"{int(p):02d}" if i else str(int(p)) for i, p in enumerate(parts[:3]))
        else:
            value = value.get("raw") or value.get("literal") or ""
    return clean(value)


def parse_date(value: Any) -> tuple[date, DatePrecision]:
    """``2024-05-01`` (a time part is ignored), ``2024-05``, ``2024``, ``2024/05/01``, ``May 2024``,
    ``May 1, 2024``, ``1 May 2024`` or PubMed's ``2024 May 1`` -> (date, precision)."""
    text = value = date_text(value)
    iso = re.fullmatch(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2})(?:[T ].*)?)?)?", text)
    words = re.fullmatch(r"(?:(\d{1,2}) )?([A-Za-z]+)\.? (?:(\d{1,2}),? )?(\d{4})", text)
    pubmed = re.fullmatch(r"(\d{4}) ([A-Za-z]+)\.?(?: (\d{1,2}))?", text)
    if iso:
        year, month, day = iso.groups()
    elif words:
        year, month, day = words[4], parse_month(words[2]), words[1] or words[3]
    elif pubmed:
        year, month, day = pubmed[1], parse_month(pubmed[2]), pubmed[3]
    else:
        raise ValueError(f"expected a date like 2024-05-01, 2024-05, 2024 or May 1, 2024; got {value!r}")
    precision: DatePrecision = "day" if day else "month" if month else "year"
    return date(int(year), int(month or 1), int(day or 1)), precision


def parse_loose_date(value: Any) -> tuple[date, DatePrecision]:
    """A date as :func:`parse_date` reads it, else the year (and month name) found in free text
    (``Winter 2019``, ``3/14/2019``, ``2019-2020``) at that precision.

    Raises:
        ValueError: when the text holds no four-digit year.
    """
    try:
        return parse_date(value)
    except ValueError:
        pass
    text = date_text(value)
    years = re.findall(r"(?<!\d)(1[5-9]\d\d|2[01]\d\d)(?!\d)", text)
    if not years:
        if text and not re.search(r"\d", text):  # CSL's {"literal": "forthcoming"}, "in press"
            raise ValueError(f"no date in {text!r}, so the paper is kept undated")
        raise ValueError(f"expected a date like 2024-05-01, 2024-05, 2024 or May 1, 2024; got {text!r}")
    month = next((i for i, name in enumerate(MONTH_NAMES, 1) if re.search(rf"\b{name[:3]}", text, re.I)), None)
    if month:
        return date(int(years[0]), month, 1), "month"
    return date(int(years[0]), 1, 1), "year"


def kind_of(value: Any, venue: str = "", arxiv_id: str = "") -> str:
    """A source's publication type -> one of Paper's kinds ('' when the source gives none); a type-less
    paper at a preprint server is a preprint."""
    if isinstance(value, list):
        value = value[0] if value else ""
    key = re.sub(r"[^a-z]", "", re.sub(r"^pp_", "", clean(value).lower()))  # Paperpile: PP_ARTICLE
    kind = next((k for k, names in KINDS.items() if key in names), "other" if key else "")
    if kind in ("", "other", "article") and is_preprint_venue(venue, bool(arxiv_id)):
        return "preprint"
    return kind


def genre_of(*values: Any) -> str:
    """A source's publication types that say more than a kind (`GENRES`), in its order and joined by ", ":
    "review, systematic review" of PubMed's "Journal Article", "Review", "Systematic Review", or of Web of Science's
    "Review; Early Access" its "review"; '' when none does."""
    found = []
    for value in values:
        for one in value if isinstance(value, list) else [value]:
            for part in clean(one).split(";"):
                if (genre := GENRES.get(re.sub(r"[^a-z]", "", part.lower()))) and genre not in found:
                    found.append(genre)
    return ", ".join(found)


def is_preprint_venue(venue: str, empty_counts: bool = False) -> bool:
    """True for a preprint server (arXiv, CoRR, bioRxiv, SSRN, ...); for no venue only when asked."""
    return bool(PREPRINT_VENUE.search(venue)) if clean(venue) else empty_counts


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


# Markup that exports carry in titles and abstracts (Crossref's JATS, HTML from profile sites): the text is
# kept, the tags go; a block tag ("<jats:p>", "<br/>") parts words. Other angle brackets ("p < 0.05") are text.
# (a tag's attributes are written name="value": "<A fractographic study of welds.pdf>", an EndNote title, is text)
_TAG = r"</?(?:jats:|mml:)?(?:{names})(?:\s[^<>=]*=[^<>]*)?\s*/?>"
BLOCK_TAGS = re.compile(_TAG.format(names="p|br|div|title|sec|list-item|list|h[1-6]"), re.I)
INLINE_TAGS = re.compile(_TAG.format(names="i|b|em|strong|sub|sup|u|sc|scp|span|italic|bold|inline-formula|tex-math|"
                                           "math|mi|mo|mn|msub|msup|msubsup|munder|mover|munderover|mfrac|msqrt|mrow|"
                                           "mtext|mstyle|semantics|overline|underline|inf|q|a|tt|xref|ext-link|alternatives|"
                                           "inline-graphic|graphic"), re.I)  # (a graphic holds no text)
# a formula drawn as an image, which holds no text ("<svg:svg ...><svg:image .../></svg:svg>"); other markup
# that is no known inline or block tag (a title's "<img src=x onerror=...>") stays, shown as the text it is
PICTURES = re.compile(r"<((?:[a-z]+:)?svg)\b[^<>]*>.*?</\1\s*>", re.I | re.S)


HEADING = re.compile(r"^(?:Abstract|ABSTRACT|Summary|SUMMARY)(?:\s*[:.]\s*|\s+(?=[A-Z]))")  # an abstract's own heading


# a sign escaped as TeX escapes it, in a field of a format that is not TeX ("Genes \& Immunity" in a CSV)
TEX_SIGN = re.compile(r"\\([&%#_$])")
# a line break escaped twice over, left as the two characters "\n" in a title or abstract ("free software\n
# communities", as some OpenAlex and arXiv-derived records have it): a space; not a TeX command ("\nu")
ESCAPED_BREAK = re.compile(r"(?:\\[nr]){2,}|\\[nr](?![A-Za-z])")


def plain(text: str) -> str:
    """Record text without markup tags, escaped line breaks or HTML entities ("&ndash;", "&amp;" as their
    characters)."""
    if "\\" in text:
        text = TEX_SIGN.sub(r"\1", ESCAPED_BREAK.sub(" ", text))
    if "<" in text:
        text = INLINE_TAGS.sub("", BLOCK_TAGS.sub(" ", PICTURES.sub(" ", text)))
    if "&" in text:
        text = html.unescape(text)
    return clean(text)


# an abstract field holding only a link (a first-page image's, "//static.cambridge.org/.../firstPage-S00.jpg"): no abstract
ONLY_LINK = re.compile(r"(?:(?:https?:)?//|www\.)\S+")
URL = re.compile(r"(?:\b(?:online|available)\s+(?:at|from)\s*:?\s*)?(?:https?://|www\.)\S*", re.I)


def without_urls(text: str) -> str:
    """A venue or publisher without the links some exports append to it ("SSRN https://ssrn.com/abstract=1",
    Google Scholar's): a URL is never where a work appeared."""
    if "http" not in text.lower() and "www." not in text.lower():
        return text
    text = re.sub(r"\s+(?=[,;:])", "", clean(URL.sub(" ", text)))
    return re.sub(r"([.,;:])[,;:]+", r"\1", text).strip(" ,;:…")


def _text(value: Any) -> str:
    """A plain value, the ``name`` of an object, or the first item of a list, as clean text."""
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list):
        value = value[0] if value else None
        if isinstance(value, dict):
            value = value.get("name")
    return clean(value)


def _keywords(value: Any) -> list[str]:
    items = value if isinstance(value, list) else re.split(r"[;,]", str(value))
    seen: dict[str, None] = {}
    for item in items:
        text = _text(item) if not isinstance(item, dict) else clean(item.get("display_name") or item.get("name"))
        if text and len(seen) < 50:
            seen.setdefault(text, None)
    return list(seen)


def _links(mapping: dict) -> dict[str, str]:
    """Label -> http(s) URL, from the link fields a record holds (al-folio's pdf/html/code/slides, ...) and
    any ``links`` object it carries already. Local file names (al-folio's ``pdf = {paper.pdf}``) are left out."""
    links: dict[str, str] = {}
    given = mapping.get("links")
    if isinstance(given, dict):
        links.update({clean(k): clean(v) for k, v in given.items() if isinstance(v, str)})
    for key, value in mapping.items():
        label = LINK_FIELDS.get(norm_key(key))
        if label is None or not isinstance(value, str):
            continue
        text = clean(value)
        if label == "arxiv" and text and not text.startswith("http"):
            text = f"https://arxiv.org/abs/{clean_arxiv(text)}"
        links.setdefault(label, text)
    return {k: v for k, v in links.items() if re.match(r"https?://\S+$", v)}


def paper_from_mapping(path: str | Path, mapping: Any, *, line: int, record: int | None = None,
                       key: str = "", warnings: list[SourceError] | None = None) -> Paper:
    """Build a validated Paper from one record (a dict of source fields); unknown fields are ignored.

    A bad value in one field (year, date, month, author list, code flag, score) leaves that field empty
    and is appended to ``warnings``; without a ``warnings`` list it is raised instead. A date that cannot
    be read is no problem when the record also has a valid year; ``year = 0`` means unknown.

    Raises:
        SourceError: naming the record/line, when the record is not an object or has no title (or, without
        ``warnings``, for a bad field).
    """
    index = _index(mapping) if isinstance(mapping, dict) else {}

    def value_of(field: str) -> tuple[str, Any]:
        return pick(mapping, field, index)

    key = key or (_text(value_of("source_key")[1]) if index else "")

    def fail(message: str, hint: str = "") -> SourceError:
        return SourceError(str(path), message, line=line or None, record=record, key=key, hint=hint)

    if not isinstance(mapping, dict):
        raise fail(f"expected an object with a title, got {type(mapping).__name__} {mapping!r:.60}",
                   "each record must be an object like {\"title\": ...}")

    title = plain(_text(value_of("title")[1]))
    subtitle = plain(_text(value_of("subtitle")[1]))
    if title and subtitle and normalise_title(subtitle) not in normalise_title(title):
        title = f"{title}{'' if title.endswith(('?', '!', ':', '.')) else ':'} {subtitle}"
    if not title:
        if any(_lookup(mapping, name, index)[0] for name in ALIASES["title"]):
            raise fail("the title is empty", "give the entry a title or delete it")
        found = ", ".join(map(str, list(mapping)[:12])) or "none"
        raise fail(f"no title field (accepted: {', '.join(ALIASES['title'])}; this record has: {found})",
                   "add a title field to the entry")

    def parsed(field: str, parse, hint: str, quiet: bool = False):
        name, value = value_of(field)
        if not name:
            return None
        try:
            return parse(value)
        except (ValueError, TypeError) as error:
            if quiet:
                return None
            problem = fail(f"invalid {name!r}: {error}", hint)
            if warnings is None:
                raise problem from None
            warnings.append(problem)
            return None

    paper = Paper(title=title, source=str(path), line=line, source_key=key)
    affiliations: list[str] = []
    paper.authors, paper.authors_truncated = parsed(
        "authors", lambda value: parse_authors(SCOPUS_ID.sub("", INLINE_TAGS.sub("", value)) if isinstance(value, str)
                                               else value,
                                               affiliations),
        "write authors as a list of names or one string joined by 'and' or ';'") or ([], False)
    raw_authors = value_of("authors")[1]
    raw_authors = raw_authors[0] if isinstance(raw_authors, list) and len(raw_authors) == 1 else raw_authors
    if isinstance(raw_authors, str) and "," in raw_authors and one_word_run(paper.authors):
        problem = fail(f"the author list splits at its commas into one-word names ({', '.join(paper.authors[:4])}"
                       f"{' ...' if len(paper.authors) > 4 else ''}): it may be surnames and given names in turn "
                       "that could not be paired up; kept as read",
                       "write authors as 'Surname, Given; Surname, Given' or 'Given Surname and Given Surname'")
        if warnings is None:
            raise problem
        warnings.append(problem)
    if affiliations and warnings is not None:
        shown = "; ".join(f"'{a[:60]}'" for a in affiliations[:2]) + (" ..." if len(affiliations) > 2 else "")
        what = "the whole author list, which reads as" if not paper.authors else \
            f"{len(affiliations)} part{'s' if len(affiliations) != 1 else ''} of the author list that " \
            f"{'are' if len(affiliations) != 1 else 'is'}"
        warnings.append(fail(f"left out {what} no person's name (an affiliation, an address or a number): {shown}",
                             "keep only people's names in the author field"))
    # the status a CV gives where the year goes ("year = {forthcoming}"), or in a status field or a note
    raw_year = value_of("year")[1]
    year_status = status_of(raw_year) if isinstance(raw_year, str) and not re.search(r"\d", raw_year) else ""
    year = None if year_status else \
        parsed("year", parse_year, "write the year as four digits, or leave it out when unknown")
    # "[Forthcoming] Mind the Gap ...", "An alchemical cipher ... [Work In Progress]"
    bracketed = re.match(r"\s*[\[(]([^\])]{1,40})[\])]", title) or re.search(r"[\[(]([^\])]{1,40})[\])]\s*$", title)
    paper.status = year_status or status_of(value_of("status")[1]) \
        or (status_of(bracketed.group(1)) if bracketed else "")
    has_year = year is not None
    date_hint = "write the date like 2024-05-01, 2024-05 or May 2024"
    when = parsed("date", parse_loose_date, date_hint, quiet=has_year)
    if when is not None and not has_year and not is_season(value_of("date")[1]):
        parsed("date", parse_date, date_hint)  # a date read only loosely (its year, perhaps its month) warns
    if when is not None and has_year and when[0].year != year:
        when = None  # the year field is what the source states as the publication year
    if when is None and has_year:
        # a season ("FAL", "Spring") dates the paper by its year alone
        month = parsed("month", lambda value: None if is_season(value) else parse_month(value),
                       "write the month as a number (1-12) or a name (mar, March)")
        when = (date(year, month, 1), "month") if month else (date(year, 1, 1), "year")
    if when:
        paper.date, paper.date_precision = when
    paper.code_available, paper.code_url = parsed(
        "code_available", parse_flag, "write the code flag as true/false, yes/no, 1/0 or the code's URL") or (False, "")
    paper.score = parsed("score", parse_score, "write the score as a number")
    abstract = HEADING.sub("", plain(_text(value_of("abstract")[1])))
    paper.abstract = "" if ONLY_LINK.fullmatch(abstract) else abstract
    venue_key, venue = value_of("venue")
    venue = without_urls(plain(_text(venue))).rstrip(" ,;:")  # "Child Development," as some exports end it
    # CSL-JSON's "source" is the catalogue the entry came from ("Open WorldCat", "DataCite", "dl.digra.org")
    catalogue = norm_key(venue_key) == "source" and (DATABASE.fullmatch(venue) or any(k in mapping for k in CSL_KEYS))
    # nor is a venue without a letter (a report series' number, "117", in a BibLaTeX journaltitle)
    paper.venue = "" if catalogue or not re.search(r"[^\W\d_]", venue) else venue
    if not paper.status and STATUS.match(paper.venue):  # "in review, Global Biogeochemical Cycles"
        paper.status = status_of(paper.venue)
    event = without_urls(plain(_text(value_of("event")[1]))).rstrip(" ,;:")
    if paper.venue and re.search(r"[^\W\d_]", event) and normalise_title(event) != normalise_title(paper.venue):
        paper.event = event
    paper.category = _text(value_of("category")[1])
    paper.url = _text(value_of("url")[1])
    paper.doi = clean_doi(_text(value_of("doi")[1]))
    paper.arxiv_id = clean_arxiv(_text(value_of("arxiv_id")[1]))
    code_url = _text(value_of("code_url")[1])
    if code_url:
        paper.code_url, paper.code_available = code_url, True
    paper.links = _links(mapping)
    if paper.code_url and paper.code_url.startswith(("http://", "https://")):
        paper.links.setdefault("code", paper.code_url)
    elif "code" in paper.links:
        paper.code_available, paper.code_url = True, paper.links["code"]
    paper.keywords = _keywords(value_of("keywords")[1] or [])
    # the first type field that names a type in words: al-folio's numeric "pubtype": 2 says nothing
    kind_value = next((value for value in (_lookup(mapping, name, index)[1] for name in ALIASES["kind"])
                       if _present(value) and kind_of(value)), value_of("kind")[1])
    paper.kind = kind_of(kind_value, paper.venue, paper.arxiv_id)
    paper.genre = genre_of(mapping.get("genre") or [], *(_lookup(mapping, name, index)[1] for name in ALIASES["kind"]))
    if not paper.venue and paper.kind in ("book", "thesis"):  # as a book's publisher or a thesis's university
        paper.venue = without_urls(plain(_text(value_of("publisher")[1]))).rstrip(" ,;:")
    if not paper.authors and paper.kind == "book":
        paper.authors, paper.authors_truncated = parsed(
            "editors", lambda value: parse_authors(value, []), "write editors as a list of names") or ([], False)
        paper.edited = bool(paper.authors)
    paper.edited = paper.edited or mapping.get("editors_as_authors") is True
    return paper


SMALL = frozenset("a an and as at by for from in into of on or the to with".split())


def uncapitalised_venue(venue: str, abbreviation: str) -> str:
    """Web of Science's source in capitals ("PHYSICAL REVIEW ACCELERATORS AND BEAMS") in title case, its
    acronyms as the ISO abbreviation writes them ("IEEE TRANSACTIONS ON NUCLEAR SCIENCE", "IEEE Trans. Nucl.
    Sci.": "IEEE Transactions on Nuclear Science"), a word the abbreviation writes in mixed case as it does ("PLOS
    ONE", "PLoS One": "PLoS One"; "PEERJ": "PeerJ"), and what it writes in brackets as it is (a conference's short
    name, "(ICNFP 2017)"). An abbreviation in capitals too gives as acronyms only the words of up to five letters it
    keeps whole that English does not know ("IOP CONF. SER. EARTH ENVIRON. SCI.": "IOP Conference Series: Earth and ...")."""
    if not venue or venue != venue.upper():
        return venue
    acronyms = set(re.findall(r"\b[A-Z]{2,}\b", abbreviation))
    if abbreviation.isupper():  # an abbreviation in capitals too (bibliometrix's "IOP CONF. SER. EARTH ENVIRON.
        # SCI."): its acronyms are the short words it keeps whole that English does not know ("IOP", not "EARTH",
        # nor "GEODERMA")
        acronyms = {w for w in re.findall(r"\b[A-Z][A-Z0-9]{2,4}\b(?!\.)", abbreviation) if not word_classes(w)}
    mixed = {w.upper(): w for w in re.findall(r"[A-Za-z']+", abbreviation) if w[1:] != w[1:].lower() and not w.isupper()}

    def word(m: re.Match) -> str:
        w = m.group(0)
        if w in acronyms or len(w) == 1:  # "SECTION A"
            return w
        if w in mixed:
            return mixed[w]
        if m.start() and venue[m.start() - 1].isdigit():  # an ordinal's ending: "15TH" is "15th"
            return w.lower()
        if venue.count("(", 0, m.start()) > venue.count(")", 0, m.start()):  # a bracketed short name: "(IPAC18)"
            return w
        return w.lower() if w.lower() in SMALL and m.start() > 0 else w.capitalize()

    return re.sub(r"[A-Z][A-Z']*", word, venue)
