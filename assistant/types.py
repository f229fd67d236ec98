"""Plain data types shared by ingest and the assistant. No project imports."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from datetime import date
from typing import Literal

from rapidfuzz.distance import Levenshtein

DatePrecision = Literal["day", "month", "year"]
# arXiv category codes as the profile format writes them, with their names.
CATEGORY_NAMES = {
    "LG": "Machine Learning", "DC": "Distributed, Parallel, and Cluster Computing", "AI": "Artificial Intelligence",
    "CL": "Computation and Language", "IR": "Information Retrieval", "CV": "Computer Vision and Pattern Recognition",
    "MA": "Multiagent Systems", "DB": "Databases", "SD": "Sound", "ML": "Machine Learning, statistics",
    "NI": "Networking and Internet Architecture", "OS": "Operating Systems", "PF": "Performance",
    "SE": "Software Engineering", "AR": "Hardware Architecture", "CR": "Cryptography and Security",
    "NE": "Neural and Evolutionary Computing", "RO": "Robotics", "HC": "Human-Computer Interaction",
}


MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v"})


ACCENTS = re.compile(r"[\u0300-\u036f]")  # combining marks, once NFKD has split them off
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015"  # the hyphen and Unicode's dashes


# Latin letters with a stroke or without a dot, which Unicode does not split into a letter and a mark: the
# letter people write for them without the accent ("Sørensen" as "Sorensen", "Łukasz" as "Lukasz")
STROKED = str.maketrans("øØłŁđĐıħĦŧŦ", "oOlLdDihHtT")


def fold_accents(text: str) -> str:
    """Text with accents dropped ("Klüver" -> "Kluver", "Sørensen" -> "Sorensen") and compatibility forms read
    plainly ("CsPbI₃" -> "CsPbI3"); letters of other scripts stay as they are (Hangul is composed again)."""
    return unicodedata.normalize("NFC", ACCENTS.sub("", unicodedata.normalize("NFKD", text.translate(STROKED))))


def normalise_title(title: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a title, used to spot duplicates."""
    # Unicode dashes, quotes and spaces ("Jae‐Jae", U+2010) separate words as their ASCII forms do; letters of
    # every script stay ("국제결혼 부부의 이혼분석" is a title too)
    # and "&" is "and": "Systematic & Applied Acarology" is "Systematic and Applied Acarology"
    return re.sub(r"[\W_]+", " ", fold_accents(title).replace("&", " and ").lower()).strip()


def venue_key(venue: str) -> str:
    """A venue as compared: normalised, its years left out ("ICRA 2021" -> "icra")."""
    return normalise_title(YEAR.sub(" ", venue))


CAPITALISED = r"[A-Z][A-Za-z]*[A-Z][A-Za-z]*"  # a word with two capitals or more: "ICRA", "NeurIPS", "TNA"
ACRONYM = rf"(?:{CAPITALISED}(?:-[A-Z]+)?|[A-Z]+(?:&[A-Z]+)+)"  # "ICRA", "NeurIPS", "EMNLP-IJCNLP", "A&A"
# one edition of a series, as proceedings titles name it: "35th Computational Complexity Conference, CCC 2020, ..."
EDITION = re.compile(rf"(?<![\w-])({ACRONYM})\s*(?:'\d\d|(?:19|20)\d\d)\b")


def venue_series(venue: str) -> str:
    """What the editions of one venue share: the series' acronym of a proceedings title that names its edition
    ("CCC" for "35th Computational Complexity Conference, CCC 2020, July 28-31, 2020, ..."), else the venue as
    compared (`venue_key`)."""
    edition = EDITION.search(venue)
    return edition.group(1) if edition else venue_key(venue)


# What a title may open with that says which kind of piece it is, not what it is called ("Chapter 4: Genomics
# and Proteomics", "Editorial: Virus Discovery by Metagenomics", "Book Review: ...").
PIECE_LABEL = re.compile(r"(?i)(?:chapter|part|section|volume|vol\.|appendix|supplement|editorial|guest editorial|"
                         r"commentary|comment|correction|erratum|corrigendum|retraction|(?:book )?review|reply|response|"
                         r"letter|introduction|preface|foreword|afterword|perspective|opinion|viewpoint|essay|"
                         r"interview|obituary|case report|protocol|abstract)(?:\s+(?:\d+|[ivxlc]+|[a-z]))?\.?")


# Initials run together before a later name that is not in capitals: "BE Dutilh", "AM Kropinski" (as PubMed and
# some journals write "Dutilh, BE"). In an all-capitals name ("YU LI") a short word is a name.
RUN_INITIALS = re.compile(r"\b([A-Z]{2,3})\b(?=\s.*\b[A-Z]?[a-z])")


def name_tokens(name: str) -> list[str]:
    """A person's name folded for comparison: accents, case, hyphens and suffixes (Jr., III) dropped, initials
    run together ("BE Dutilh") taken apart."""
    return list(_name_tokens(name))


@lru_cache(maxsize=65536)
def _name_tokens(name: str) -> tuple[str, ...]:
    """`name_tokens`, kept: a record's people are compared with each other pair by pair."""
    tokens = normalise_title(RUN_INITIALS.sub(lambda m: " ".join(m.group(1)), name)).split()
    while len(tokens) > 1 and tokens[-1] in NAME_SUFFIXES:
        tokens.pop()
    return tuple(tokens)


@lru_cache(maxsize=4096)
def nickname_of(one: str, other: str) -> bool:
    """Whether one given name is a nickname of the other (the `nicknames` package's list of English names), the
    full name perhaps spelled without the "h" of its "th" ("Tony" for "Antony" as for "Anthony")."""
    namer = _nick_namer()

    def plain(name: str) -> str:
        return name.replace("th", "t")

    return any(plain(full) == plain(name) for short, name in ((one, other), (other, one))
               for full in namer.canonicals_of(short))


@lru_cache(maxsize=1)
def _nick_namer():
    from nicknames import NickNamer

    return NickNamer()


def name_matches(asked: str, listed: str) -> bool:
    """Whether a name as asked ("Daume", "H. Daume", "Wasi Ahmad") can be the listed author.

    The surname must agree; a first name agrees with itself, its initial or an English nickname of it ("Ken",
    "Kenneth"; "Tom", "Thomas"); middle names may be left out
    on either side, and must agree where both give them.
    A surname alone ("Martin-Martin", "Daumé") matches the end of the listed name. A double surname may be
    written by its first part alone ("Gabriela Hug" for "G. Hug-Glanzmann", "Ana García" for "A. García-López").
    """
    if _name_matches(asked, listed):
        return True
    one, other = (DOUBLE_SURNAME.sub("", name) for name in (asked, listed))
    return (one, other) != (asked, listed) and _name_matches(one, other)


# the second part of a hyphenated surname at the end of a name written given name first
DOUBLE_SURNAME = re.compile(r"(?<=[^\W\d_])-[^\W\d_][\w'-]*\s*$")
# Chinese characters (which pinyin spells in Latin letters), as ranges of a character class
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Scripts that write a name family name first, without a space: Chinese, Japanese kana, Korean ("高春辉", "유삼현")
UNSPACED_NAME = re.compile(f"[{HAN}\u3040-\u30ff\uac00-\ud7af]+")
HAN_NAME = re.compile(f"[{HAN}]{{2,4}}")  # a Chinese name
# the small words inside a surname ("van der Berg", "dos Santos", "ibn Khaldun")
NAME_PARTICLES = {"van", "von", "de", "der", "den", "del", "della", "di", "da", "dos", "das", "du", "la", "le", "ter",
                  "ten", "vander", "van't", "af", "zu", "y", "e", "bin", "ibn", "al", "el", "st.", "mac"}
# a name's initials and its surname as written ("J.-P.", "van Dyke", "Raspopovic Milic")
INITIALS = r"[A-Z]\.(?:\s?-?[A-Z]\.)*"
SURNAME = r"(?:[a-z]+\s)*[A-Z][^\s,.\d@]+(?:[\s-][A-Z][^\s,.\d@]+)?"
# the surname first, then only initials, with no comma ("Saqr M.", "Wang W.T.", as Scopus writes names): inverted
SURNAME_FIRST = re.compile(rf"^({SURNAME})\s({INITIALS})$")


def initials_first(name: str) -> str:
    """A name written surname first with only initials after it, as Scopus writes names ("Saqr M.",
    "van Dyke J.-P."), in display order ("M. Saqr"); any other name as it is."""
    inverted = SURNAME_FIRST.match(name)
    return f"{inverted.group(2)} {inverted.group(1)}" if inverted else name


TYPO_FROM = 6  # surnames this long or longer may be one letter off (`_same_token`)


def surname_keys(name: str) -> set[str]:
    """The forms of a name's surname `name_matches` compares: two names match only if a key of one equals a
    key of the other, or is one letter off it where both are `TYPO_FROM` letters or longer. A name whose "surname"
    may be initials run together ("Ag, Prajeesh") has its given name as a key too (see `initials_last`)."""
    keys = set()
    for tokens in (name_tokens(form) for form in (name, DOUBLE_SURNAME.sub("", name))):
        if tokens:
            keys.add(tokens[-1])
            if len(tokens) == 2 and 2 <= len(tokens[1]) <= 3:
                keys.add(tokens[0])
    return keys


def initials_last(a: list[str], b: list[str]) -> bool:
    """Whether name `a` is `b` written given name last after its initials run together: "Prajeesh AG" (an export's
    "Ag, Prajeesh") for "A. G. Prajeesh", as names whose initials stand for a family or place name are written."""
    return len(a) == 2 and 2 <= len(a[1]) <= 3 and len(b) == len(a[1]) + 1 and a[0] == b[-1] \
        and a[1] == "".join(t[0] for t in b[:-1])


def one_letter_less(key: str) -> set[str]:
    """The key with each one of its letters left out: keys one letter apart share one of these, or one is the
    other's (the symmetric-delete way to find near spellings without comparing every pair)."""
    return {key[:i] + key[i + 1:] for i in range(len(key))}


def _name_matches(asked: str, listed: str) -> bool:
    a, b = name_tokens(asked), name_tokens(listed)
    if not a or not b:
        return False
    if initials_last(a, b) or initials_last(b, a):
        return True
    if len(a) < len(b) and b[-len(a):] == a and (len(a) > 1 or len(a[0]) > 1):
        return True
    if len(a) < 2 or not _same_token(a[-1], b[-1], TYPO_FROM) or len(b) < 2:
        return a == b
    if "".join(a[:-1]) == "".join(b[:-1]):  # a given name written as one word or in parts: "Chunhui", "Chun-Hui"
        return True
    if a[-1] != b[-1]:  # a surname one letter off is a typo only under the same given name ("Lauren Wesafer" for
        # Lauren M. Westafer), or the same initials where one gives only initials ("Ahrenkielt, S. P."); "R. Krishnan"
        # is not "R. P. M. Krishna", nor "Ron Borland" "Veronica Boland"
        if min(len(a[0]), len(b[0])) > 1:
            return a[0] == b[0]
        return len(a) == len(b) and all(x[0] == y[0] for x, y in zip(a[:-1], b[:-1]))
    first_a, first_b = a[0], b[0]
    short, full = sorted((first_a, first_b), key=len)  # an initial, or a nickname ("Ken" for "Kenneth")
    if not (first_a == first_b or len(short) == 1 and full.startswith(short) or nickname_of(short, full)
            or misspelt(first_a, first_b)):
        return False
    # the fewer middle names each agree with one of the others ("A. C. Naveira Garabato", "Alberto Naveira Garabato")
    fewer, more = sorted((a[1:-1], b[1:-1]), key=len)
    return not fewer or all(any(_same_token(m, x, 4) or (len(m) == 1 and x.startswith(m))
                                or (len(x) == 1 and m.startswith(x)) for x in more) for m in fewer)


def misspelt(one: str, other: str) -> bool:
    """Whether two given names are one misspelt ("Nurretin", "Nurettin"): long, two letters apart at most, inside
    the name, with beginning and ending kept, as a name's other form changes its ending ("Daniel", "Daniela";
    "Christian", "Christine")."""
    return (min(len(one), len(other)) >= TYPO_FROM and one[:3] == other[:3] and one[-2:] == other[-2:]
            and Levenshtein.distance(one, other, score_cutoff=2) <= 2)


def _same_token(one: str, other: str, typo_from: int) -> bool:
    """The same part of a name, or one letter off where both are at least `typo_from` letters long: an export's
    typo ("Alexander eyer-Gohde" for "Meyer-Gohde"). Short surnames stay apart ("Zhan" is not "Zhang")."""
    return one == other or (min(len(one), len(other)) >= typo_from
                            and Levenshtein.distance(one, other, score_cutoff=1) <= 1)


# A work not yet out, as CVs mark it (a biblatex pubstate, a note, the year, a bracket before the title, the venue)
# and as questions ask for it; STATUS_NAMES: the words -> the status they give (Paper.status)
STATUS = re.compile(r"(?i)\b(forthcoming|in\s*press|to\s+appear|accepted(?:\s+for\s+publication)?|submitted|"
                    r"under\s+review|in\s+review|in\s+revision|revise\s+and\s+resubmit|r\s*&\s*r|"
                    r"in\s*prep(?:aration)?|work\s+in\s+progress|wip)\b")
STATUS_NAMES = {"to appear": "forthcoming", "in review": "under review", "revise and resubmit": "in revision",
                "r&r": "in revision", "in prep": "in preparation", "inprep": "in preparation", "inpreparation": "in preparation",
                "inpress": "in press", "wip": "work in progress",
                "accepted for publication": "accepted"}


def status_name(words: str) -> str:
    """The status words give: "In Review" -> "under review", "WIP" -> "work in progress"."""
    said = re.sub(r"\s+", " ", words.lower()).replace(" & ", "&")
    return STATUS_NAMES.get(said, said)


@dataclass
class Paper:
    """One publication, as parsed from a source file and validated.

    `source` and `line` say where the record came from, so that errors and
    duplicate reports can point at it.
    """

    title: str
    authors: list[str] = field(default_factory=list)
    authors_truncated: bool = False  # the source listed only the first authors ("et al.")
    date: date | None = None
    date_precision: DatePrecision | None = None
    category: str = ""
    venue: str = ""
    abstract: str = ""
    url: str = ""
    doi: str = ""
    arxiv_id: str = ""
    code_available: bool = False
    code_url: str = ""
    score: float | None = None
    kind: str = ""  # publication type: article, inproceedings, preprint, book, chapter, thesis, report, other
    # what the source says the work is within its kind, where it says more, joined by ", ": "review", "review,
    # systematic review", "meta-analysis", "editorial", "letter", "comment", "book review", "case report", "erratum"
    genre: str = ""
    links: dict[str, str] = field(default_factory=dict)  # label (code, pdf, html, slides, ...) -> http(s) URL
    versions: list[str] = field(default_factory=list)  # other versions of this work, as "venue year" labels
    preprinted: list[str] = field(default_factory=list)  # preprint servers of copies merged into it ("bioRxiv")
    # the conference or meeting it was presented at, when the source names one besides its venue (CSL "event-title":
    # "DiGRA International Conference 2025" of a paper in "Abstract Proceedings of DiGRA 2025")
    event: str = ""
    edited: bool = False  # its authors are the editors of a book, credited as its authors (as BibTeX does)
    # what the record says of a work not yet out: "forthcoming", "in press", "accepted", "submitted", "under
    # review", "in revision", "in preparation", "work in progress" (`STATUS`)
    status: str = ""
    keywords: list[str] = field(default_factory=list)
    # ISO 639-1, as `languages.assign_languages` reads it from the title and abstract when a question first asks
    # for a language (not at ingest: its model costs a second and 100 MB)
    language: str = ""
    source_key: str = ""  # the entry's own key in its source file (BibTeX key, RIS ID), for error messages
    source: str = ""
    line: int = 0

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    @property
    def key(self) -> str:
        """Identity across sources: the DOI when there is one, else the normalised title."""
        return "doi:" + self.doi.lower() if self.doi else "title:" + normalise_title(self.title)

    @property
    def paper_id(self) -> str:
        """From the title; a work kept as several papers (its conference and journal versions, or two works of
        one title such as two guest editorials) adds the version's venue, year and DOI."""
        key = normalise_title(self.title)
        if self.versions:
            key += f"\x00{normalise_title(self.venue)}\x00{self.year or ''}"
            if self.doi:
                key += f"\x00{self.doi.lower()}"
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    @property
    def system_name(self) -> str:
        """What the title names before a colon ("Nimbus" in "Nimbus: Fast ...") or a spaced dash of a short
        name ("VIEWpoly - a visualization tool ..."), or ""."""
        if ":" in self.title:
            head = self.title.split(":", 1)[0].strip()
            return "" if PIECE_LABEL.fullmatch(head) else head
        dashed = re.match(rf"(\S+(?:\s\S+){{0,2}})\s+[{DASHES}]\s+\S", self.title)
        return dashed.group(1) if dashed else ""

    @property
    def title_after_name(self) -> str:
        """The title without its system name ("Fast ..." of "Nimbus: Fast ..."), or the whole title."""
        name = self.system_name
        return self.title[len(name):].lstrip(f" :{DASHES}") if name else self.title

    @property
    def first_author(self) -> str:
        return self.authors[0] if self.authors else ""

    def date_label(self) -> str:
        if not self.date:
            return "undated"
        if self.date_precision == "year":
            return str(self.date.year)
        if self.date_precision == "month":
            return self.date.strftime("%b %Y")
        return f"{self.date.strftime('%b')} {self.date.day}, {self.date.year}"

    def authors_label(self) -> str:
        text = ", ".join(self.authors)
        return text + " et al." if self.authors_truncated else text

    def to_dict(self) -> dict:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Paper:
        data = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        if data.get("date"):
            data["date"] = date.fromisoformat(data["date"])
        return cls(**data)

    def content_hash(self) -> str:
        """Hash of everything that shapes what is stored for this paper (not where it came from)."""
        data = self.to_dict()
        data.pop("source"), data.pop("line"), data.pop("source_key"), data.pop("language")  # read from the rest
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


VENUE_FILLER = frozenset({"of", "on", "and", "the", "for", "in", "at", "to", "de", "la", "le", "des", "et", "und"})


def _content(words: list[str]) -> list[str]:
    """A venue's words without the VENUE_FILLER words."""
    return [w for w in words if w not in VENUE_FILLER]


def venue_initials(venue: str) -> str:
    """The initials of a venue's words ("International Conference on Robotics and Automation" -> "ICRA")."""
    words = normalise_title(re.sub(r"\b(?:19|20)\d\d\b|\d+(?:st|nd|rd|th)\b", " ", venue)).split()
    return "".join(w[0] for w in _content(words)).upper()


def _spells(acronym: str, words: list[str], optional: frozenset[str] = frozenset()) -> bool:
    """Whether the acronym is the words' leading letters in order, each word giving one or more ("IROS":
    Intelligent RObots Systems); an `optional` word may also give none."""
    if not acronym:
        return all(w in optional for w in words)
    if not words:
        return False
    if words[0] in optional and _spells(acronym, words[1:], optional):
        return True
    return any(_spells(acronym[n:], words[1:], optional) for n in range(1, len(words[0]) + 1)
               if acronym[:n] == words[0][:n])


DEFINITION = re.compile(r"\(([A-Z][A-Za-z]*[A-Z])s?\)")  # "... Spoken American English (SAE)"


@lru_cache(maxsize=4096)
def defined_acronyms(text: str) -> dict[str, str]:
    """The acronyms a text defines in brackets after their words, and those words: "Spoken American English
    (SAE)" -> {"SAE": "Spoken American English"}. The words are the fewest before the bracket whose leading
    letters spell the acronym ("Intelligent RObots Systems"), a small word between them giving none. Cached: the
    dict is shared, to read only."""
    found = {}
    for m in DEFINITION.finditer(text):
        acronym = m.group(1)
        before = re.findall(r"[^\W\d_][\w'-]*", text[max(0, m.start() - 160):m.start()])[-2 * len(acronym):]
        for start in range(len(before) - 1, -1, -1):
            words = [w.lower() for w in before[start:]]
            if words[0] not in VENUE_FILLER and _spells(acronym.lower(), words, VENUE_FILLER):
                found.setdefault(acronym, " ".join(before[start:]))
                break
    return found


WORKSHOP = re.compile(r"(?i)\bworkshops?\b")


def workshop_own_name(venue: str) -> str:
    """A workshop's venue without the conference it is held at: "ECOOP Workshop on Aliasing" -> "Workshop on
    Aliasing"; another venue as it is."""
    if not WORKSHOP.search(venue):
        return venue
    head = re.match(r"(?:proceedings\s+of\s+)?(?:the\s+)?(.{1,40}?)\s+(?=(?:\d+(?:st|nd|rd|th)\s+)?(?:international\s+)?"
                    r"workshops?\b)", venue, re.I)
    if head and len(head.group(1).split()) <= 5 and re.search(r"\b[A-Z][A-Za-z]*[A-Z]", head.group(1)):
        venue = venue[head.end():]  # the host's acronym before it: "ECOOP", "IEEE VIS", "EuroVis"
    return re.sub(r"(?i)(\bworkshops?\b.*?)\s+(?:at|of\s+the|held\s+(?:at|with)|in\s+conjunction\s+with|co-?located\s+with)"
                  r"\s+\S.*$", r"\1", venue)


# words for any piece of work, which say nothing of its kind unless qualified ("working papers")
ANY_WORK = frozenset({"paper", "article", "publication", "work", "piece", "study", "output", "item", "entry", "title",
                      "research", "record"})


def any_work(word: str) -> bool:
    """Whether the word, singular or plural, is one of ANY_WORK ("studies", "papers")."""
    word = word.lower()
    return re.sub(r"s$", "", re.sub(r"ies$", "y", word)) in ANY_WORK or word in ANY_WORK


def names_piece(piece: str, paper: Paper) -> bool:
    """Whether the paper's source type (`Paper.genre`), title or venue names it as this kind of work: a title's
    subtitle or opening words ("—a
    Systematic Review", "A meta-analysis of"), or a venue, as a record may for what its export types only as
    "misc" or "other": "teaching cases" for "SMU Case (SMU-17-0011), with Teaching Note" (the head noun will do),
    "working papers" for "NBER Working Paper Series" (a word for any work needs its qualifier). A journal's or a
    conference's name says where a paper appeared, not what it is ("Physical Review Letters")."""
    from assistant.lexical import tokenize

    words = piece.lower().split()
    generic = any_work(words[-1])
    needed = [t for w in (words if generic else words[-1:]) for t in tokenize(w)]
    # a title saying what its work is, of any kind: "Fracture risk—a Systematic Review", "A meta-analysis of ..."
    said = [t for w in words if not any_work(w) for t in tokenize(w)]
    # as its source types it ("Review"), each type named whole ("reports" is no "case report"), the type the head
    # word ("review articles", not "pieces reviews")
    if said and (generic or not any(any_work(w) for w in words[:-1])) \
            and any(set(said) == set(tokenize(genre)) for genre in paper.genre.split(", ") if genre):
        return True
    parts = re.split(rf"\s*(?::|[{DASHES.replace('-', '')}]|\s-\s)\s*", paper.title)  # not a word's own hyphen
    opening = re.match(r"(?i)an?\s+((?:[\w-]+\s+){0,3}?[\w-]+)\s+of\b", paper.title)  # not "Letters of credit"
    kind = parts[-1] if len(parts) > 1 else opening.group(1) if opening else ""
    if said and len(kind.split()) <= 5 and set(said) <= set(tokenize(kind)):
        return True
    if paper.kind in ("article", "inproceedings") or not needed or generic and len(words) < 2:
        return False
    return set(needed) <= set(tokenize(paper.venue))


def venue_matches(asked: str, venue: str, spelled: bool = True) -> bool:
    """Whether a venue as asked names this venue string: its words ("Nature Methods", "ACL" in "ACL 2021"),
    folded, or an acronym of three letters or more: the initials of consecutive words ("ICRA") or, with
    `spelled`, leading letters of a run of its words ("IROS"). A workshop held at a conference is not that
    conference ("ECOOP Workshop on Aliasing" is not at ECOOP) unless a workshop is asked for."""
    if WORKSHOP.search(asked) and f" {normalise_title(asked)} " in f" {normalise_title(venue)} ":
        return True  # the venue's own name, workshop and all ("CEUR Workshop Proceedings")
    host = WORKSHOP.sub(" ", asked).strip()
    if not WORKSHOP.search(asked):
        return _names_venue(asked, workshop_own_name(venue), spelled)
    if host:  # "OOPSLA workshops": a workshop held at OOPSLA
        return bool(WORKSHOP.search(venue)) and _names_venue(host, venue, spelled)
    return _names_venue(asked, venue, spelled)


def _names_venue(asked: str, venue: str, spelled: bool) -> bool:
    """Whether the asked venue names this venue, once a workshop's host conference is set apart (`venue_matches`)."""
    if re.fullmatch(r"[A-Z]+(?:&[A-Z]+)+", asked):  # "A&A": the initials of the whole venue, "and" left out,
        return (asked.replace("&", "") == venue_initials(venue)  # or the venue's own short name ("... (S&P)",
                or re.search(rf"(?<![\w&]){re.escape(asked)}(?![\w&])", venue) is not None)  # not "EuroS&P")
    a, v = normalise_title(asked), normalise_title(venue)
    if not a:
        return False
    if f" {a} " in f" {v} ":
        return True
    section = re.fullmatch(r"([A-Z][A-Za-z]*[A-Z][A-Za-z]*)\s+([A-Z])", asked)  # "EPJ E": European Physical Journal E
    if section and v.endswith(f" {section.group(2).lower()}"):
        return _names_venue(section.group(1), venue.rstrip()[:-1], spelled)
    # written short for the whole name or for its head before a section ("J. Chromatogr. B" for "Journal of
    # Chromatography B, Analytical Technologies in the Biomedical and Life Sciences")
    if " " in a and any(_abbreviates(name, asked) or _abbreviates(asked, name)
                        for name in dict.fromkeys((venue, re.split(r"[,:]", venue)[0]))):
        return True
    # a name written out where the record gives the acronym ("Journal of Visualized Experiments" for "JoVE",
    # "International Conference on Robotics and Automation" for "ICRA 2019"): the whole name, itself no acronym
    # ("IEEE TAC"), spells one of the venue's words of two capitals or more, each of its words giving the next
    # letters, a small word one or none
    content = _content(a.split())  # "Law & Philosophy" is "Law and Philosophy"
    if len(content) >= 2 and not re.search(CAPITALISED, asked) and any(
            _spells(own.lower(), a.split(), VENUE_FILLER) for own in re.findall(rf"\b[a-z]*{CAPITALISED}\b", venue)
            if len(own) >= 3):
        return True
    if len(content) >= 2 and f" {' '.join(content)} " in f" {' '.join(_content(v.split()))} ":
        return True
    # a long name asked for is in each of the ways a record writes one series: "IEEE Photovoltaic Specialists
    # Conference" in "2017 IEEE 44th Photovoltaic Specialist Conference (PVSC)", its words in another order
    if len(content) >= 4 and set(_stems(content)) <= set(_stems(_content(v.split()))):
        return True
    if " " in a or len(a) < 3 or not asked[:1].isupper() or sum(c.isupper() for c in asked) < 2:
        return False  # an acronym, perhaps with small letters: "ICRA", "NeurIPS", "ApJ"
    every = venue_key(venue).split()
    words = _content(every)
    if any(_spells_run(own.lower(), [w for w in words if w != own.lower()])
           for own in re.findall(r"\b[A-Z]{3,}\b", venue)):
        return False  # the venue states its own acronym ("MFCS 2017"): "FOCS" inside its name is not it
    if a.upper() in venue_initials(venue):
        return True
    if not spelled:
        return False
    return _spells_run(a, words) or _spells_run(a, every, optional=VENUE_FILLER)  # "SALT": Semantics And Ling...


def spells_venue(acronym: str, venue: str) -> bool:
    """Whether an acronym is the leading letters of each of the venue's words, the whole name ("JINST":
    Journal of INSTrumentation): stricter than a run of its words, for an acronym said without "at" or "in"."""
    words = _content(venue_key(venue).split())
    return len(acronym) >= 3 and len(words) >= 2 and _spells(acronym.lower(), words)


def _stems(words: list[str]) -> list[str]:
    """Words without a plural "s" ("specialists" and "specialist" are one)."""
    return [re.sub(r"(?<=[^s])s$", "", w) for w in words]


def same_venue(asked: str, venue: str, sections: bool = True) -> bool:
    """Whether a venue as asked is this venue string as a whole: the same name, apart from a leading "The", a
    gloss in brackets and its year, a section after a colon ("Journal of Geophysical Research: Atmospheres"),
    or the name abbreviated ("Radiology", not "European Journal of Radiology";
    "The Lancet Global Health" is "Lancet Glob Health"); without `sections`, a section is another venue."""
    def bare(name: str) -> str:
        return re.sub(r"^the ", "", venue_key(re.sub(r"\s*\([^()]*\)\s*$", "", name)))

    return bare(asked) in (bare(venue), bare(venue.split(":")[0]) if sections else None) \
        or _abbreviates(venue, asked) or _abbreviates(asked, venue)


def _abbreviates(short: str, full: str) -> bool:
    """Whether a venue is written short for a name: its words cut ("J. Phys. Oceanogr.", "Oc. Sci." for
    "Journal of Physical Oceanography", "Ocean Science"; without stops, as NLM writes them, each cut word
    shorter by two letters or more: "Lancet Glob Health", not "Ocean Science" for "Ocean Sciences") or its
    initials in small letters ("grl"); a gloss or year in brackets after it aside ("J Appl Physiol (1985)")."""
    short, full = (re.sub(r"\s*\([^()]*\)\s*$", "", name) for name in (short, full))
    s, f = _content(normalise_title(short).split()), _content(normalise_title(full).split())
    if len(f) < 2 or not s:
        return False
    if len(s) == 1 and short.strip().islower() and s[0] == "".join(w[0] for w in f):
        return True
    if len(s) != len(f) or s == f or not all(b.startswith(c) for c, b in zip(s, f)):
        return False
    return "." in short or all(c == b or len(b) - len(c) >= 2 for c, b in zip(s, f))


def _spells_run(acronym: str, words: list[str], optional: frozenset[str] = frozenset()) -> bool:
    """Whether the acronym spells a run of consecutive words (see `_spells`)."""
    return any(_spells(acronym, words[i:j], optional)  # two words at least: "ApJ" is not the start of "ApJS"
               for i in range(len(words)) for j in range(i + 2, min(len(words), i + 2 * len(acronym)) + 1))


@dataclass(frozen=True)
class Researcher:
    """Figures a profile states about its owner (all optional)."""

    name: str = ""
    primary_category: str = ""
    h_index: int | None = None
    paper_count: int | None = None
    citations: int | None = None
    novelty: str = ""
    ai_score: str = ""
    captured: str = ""  # ISO date the record was captured


@dataclass(frozen=True)
class Chunk:
    """A passage of a paper as embedded and indexed. `text` is exactly what gets embedded."""

    chunk_id: str
    paper_id: str
    index: int
    text: str
    metadata: dict


@dataclass
class Hit:
    """A paper found by retrieval, with its best passages."""

    paper: Paper
    score: float
    passages: list[str] = field(default_factory=list)
    dense: float = 0.0  # best cosine similarity of a passage to the question
    lexical: float = 0.0  # best BM25 score of a passage
    standout: float = 0.0  # how far `dense` stands out from the other candidate papers' (robust z)
    boost: float = 0.0  # added to `score` because the question names the paper

    @property
    def fused(self) -> float:
        """The score from similarity and words alone, without the boost of being named."""
        return self.score - self.boost


@dataclass(frozen=True)
class Citation:
    title: str
    year: int | None


@dataclass
class Answer:
    text: str
    citations: list[Citation]
    mode: str
    generator: str
    hits: list[Hit] = field(default_factory=list)
    removed_citations: list[str] = field(default_factory=list)
    removed_sentences: list[str] = field(default_factory=list)  # claims whose only support was a removed citation
    notice: str = ""  # e.g. the LLM failed and the offline answer is shown
    bibtex: str = ""
    retrieved: list[Paper] = field(default_factory=list)  # what retrieval found, cited or not
    route: str = "retrieval"  # "metadata" when answered exactly from the paper table
    # Whether the record answers the question: "answered"; "near_miss" (no paper on it, the closest are
    # shown as closest); "absent" (a paper, title or system the question presupposes is not in the
    # record); "contradicted" (the paper states the question's presupposed finding the other way round; its
    # sentence is quoted); "not_found" (nothing relevant; the answer is the refusal phrase); "clarify" (a question
    # back).
    status: str = "answered"


@dataclass
class Filters:
    """Restrictions on which papers an answer may draw on (from CLI flags, the web form or the question)."""

    year_from: int | None = None
    year_to: int | None = None
    month: int | None = None  # with year_from == year_to: one month of one year
    categories: set[str] = field(default_factory=set)
    code: bool | None = None
    author: str = ""  # any listed author (see `name_matches`: accents, initials and middle names fold)
    not_authors: set[str] = field(default_factory=set)  # no listed author is written so ("entries he did not author")
    first_author: str = ""
    last_author: str = ""  # the author listed last (not of a list cut short with "et al.")
    byline_negated: bool = False  # first_author / last_author is an author but not at that end ("not the first author")
    paper_ids: set[str] = field(default_factory=set)  # e.g. the papers a follow-up refers to
    venue: str = ""  # an acronym ("CVPR") or name the paper's venue contains, whole words, case-insensitive
    venue_exact: bool = False  # the venue is the paper's whole venue ("Nature", not "Nature Communications")
    venue_itself: bool = False  # with venue_exact: not a section after a colon either ("Neurology: Clinical Practice")
    kinds: set[str] = field(default_factory=set)  # publication types, as in Paper.kind ("chapters or conference papers")
    unpublished: bool = False  # preprints only as preprints: not a published paper whose preprint was merged into it
    statuses: set[str] = field(default_factory=set)  # works the record marks so (Paper.status: "under review" ...)
    authors_count: int | None = None  # papers with exactly this many authors (1: sole-authored)
    coauthored: bool = False  # papers with two authors or more ("his co-authored papers")
    as_author: bool = False  # the person named wrote it, not edited it ("is Stefano Gualeni a co-author")
    solo_others: set[str] = field(default_factory=set)  # with authors_count 1: sole authors who are not the owner
    piece: str = ""  # a kind of work the record names in its venues rather than its types ("teaching cases")
    language: str = ""  # the language papers are written in, as Paper.language ("written in Dutch")
    # every spelling of each person named above, as the record's people merge them ("Shonn Cheng" is Sheng-Lun Cheng):
    # how a name is matched besides `name_matches`; not a restriction of its own
    spellings: dict[str, frozenset[str]] = field(default_factory=dict, compare=False)

    def is_empty(self) -> bool:
        return self == Filters()

    def names(self, name: str, listed: str) -> bool:
        """Whether a listed author is the person a filter names."""
        return listed in self.spellings.get(name, ()) or name_matches(name, listed)

    def allows(self, paper: Paper) -> bool:
        if self.statuses and paper.status not in self.statuses:
            return False
        year = paper.year
        if self.year_from is not None and (year is None or year < self.year_from):
            return False
        if self.year_to is not None and (year is None or year > self.year_to):
            return False
        if self.month is not None and (paper.date is None or paper.date.month != self.month
                                       or paper.date_precision == "year"):
            return False
        if self.categories and paper.category not in self.categories:
            return False
        if self.code is not None and paper.code_available != self.code:
            return False
        if self.author and not any(self.names(self.author, a) for a in paper.authors):
            return False
        if self.author and self.as_author and paper.edited:
            return False
        if self.language and paper.language != self.language:
            return False
        if self.not_authors and any(a in self.not_authors for a in paper.authors):
            return False
        for name, at_end in ((self.first_author, lambda: self.names(self.first_author, paper.first_author)),
                             (self.last_author, lambda: len(paper.authors) >= 2 and not paper.authors_truncated
                              and self.names(self.last_author, paper.authors[-1]))):
            if not name:
                continue
            if not self.byline_negated and not at_end():
                return False
            if self.byline_negated and (at_end() or not any(self.names(name, a) for a in paper.authors)):
                return False
        # a paper posted as a preprint before it was published was at the preprint server too
        posted = [] if self.unpublished else paper.preprinted
        venues = [paper.venue, *[paper.event] * bool(paper.event), *posted]
        if self.venue and not any(venue_matches(self.venue, v) for v in venues):
            return False
        if self.venue_exact and not any(same_venue(self.venue, v, sections=not self.venue_itself) for v in venues):
            return False
        if self.kinds and paper.kind not in self.kinds and not ("preprint" in self.kinds and posted):
            return False
        if self.piece and not names_piece(self.piece, paper):
            return False
        if self.authors_count is not None and (len(paper.authors) != self.authors_count or paper.authors_truncated):
            return False
        if self.solo_others and len(paper.authors) == 1 and paper.authors[0] in self.solo_others:
            return False
        if self.coauthored and len(paper.authors) < 2:
            return False
        if self.paper_ids and paper.paper_id not in self.paper_ids:
            return False
        return True
