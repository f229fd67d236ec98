"""Author names from every format, as "First von Last Jr." display names.

The one place that knows how names are written: ``Last, First`` (one author), ``Last, Jr., First``,
lists joined by ``and``, ``;`` or ``,``, CSL ``{family, given}`` objects, ORCID contributors, OpenAlex
authorships and Semantic Scholar ``{"name"}`` objects. Particles (van, de, von der) stay with the family
name; suffixes (Jr., III) go last; initials and accents are kept as written.
"""

from __future__ import annotations

import html
import re
from typing import Any

from assistant.types import INITIALS, NAME_PARTICLES, SURNAME, UNSPACED_NAME, initials_first

SUFFIX = re.compile(r"^(jr\.?|sr\.?|junior|senior|[ivx]{1,4}|\d(st|nd|rd|th))$", re.I)
TRUNCATION = {"others", "et al", "et al.", "...", "…", "and others"}
# An affiliation some exports write among the names ("Faculty of Land and Food Systems, University of British
# Columbia, Vancouver, V6T 1Z4 Canada", an e-mail address): an institution's word, an address's digits or an "@".
AFFILIATION = re.compile(r"@|\d{3,}|\b(?:universit(?:y|ies|ät|é|at|e|à|ad|ade|eit)|univ\.|facult(?:y|ies|é|ad|ade)|"
                         r"department|dept\.|institut(?:e|o|ion)?|laborator(?:y|ies|io|ium)|school|college|"
                         r"cent(?:er|re)|hospital|ministry|inc\.|ltd\.?|gmbh)\b", re.I)


# what joins several names in one string: BibTeX's "and", the ";" of Zotero CSV and PubMed
SEVERAL_NAMES = re.compile(r"\s+and\s+|;")


# A person's name written with initials, "Center M.M.", "van Dyke J.-P.", "M. M. Center": a name however
# institution-like its surname ("Center", "Hospital", "School")
INITIALLED = re.compile(rf"^(?:{SURNAME}\s{INITIALS}|{INITIALS}\s{SURNAME})$")


def surname_first_list(raws: list[str]) -> list[str]:
    """A whole list written surname first without commas ("Clark Heather M. and ... Botha Hugo and ..."), known as
    such when no name has a comma or opens with an initial, most end with one (a name written given name first
    never does) and one has a given name in full: each name with a comma after its surname, as BibTeX's "Last,
    First"; any other list as it is."""
    names = [n for n in map(clean, raws) if n.lower() not in TRUNCATION]
    if len(names) < 2 or any("," in n or re.match(r"[A-Z]\.", n) or len(n.split()) < 2 for n in names):
        return raws
    if sum(bool(re.search(r"\s[A-Z]\.$", n)) for n in names) * 2 <= len(names):
        return raws
    # a given name written in full, without initials ("Botha Hugo"), tells this list from Scopus's, where a surname
    # has initials alone after it ("Raspopovic Milic M.", which `initials_first` reads)
    if not any(all(len(w) > 1 and "." not in w for w in n.split()) for n in names):
        return raws
    return [raw if clean(raw).lower() in TRUNCATION
            else re.sub(r"^((?:[a-z]+\s)*[^\W\d_][^\s,]*)\s+", r"\1, ", clean(raw)) for raw in raws]


def _affiliation(piece: str, dropped: list[str] | None) -> bool:
    """Whether a piece of an author list is an affiliation (see `AFFILIATION`); if so, it is added to `dropped`.
    Of a piece holding commas, only its parts that are no name written with initials (`INITIALLED`) count:
    "Jemal A., Bray F., Center M.M." is three people."""
    if not any(AFFILIATION.search(part) and not INITIALLED.match(clean(part)) for part in piece.split(",")):
        return False
    if dropped is not None:
        dropped.append(clean(piece))
    return True


def strip_affiliation(raw: str) -> str:
    """A name with its affiliation after a bar left out ("Kim I. Martini | <p>School of Oceanography, ...</p>")."""
    name, bar, rest = raw.partition("|")
    return name if bar and name.strip() and AFFILIATION.search(rest) else raw


SHORT_NAME = re.compile(r"^(.+?)\s+([A-Z]{1,3})$")  # "Pernet CR": the family name, then initials


def short_name(name: str) -> str:
    """A name written family name first with undotted initials after it, as MEDLINE writes "Pernet CR", as
    "C. R. Pernet"; a full one ("Pernet, Cyril R") as it is."""
    short = SHORT_NAME.match(clean(name))
    if not short or "," in name:
        return clean(name)
    return " ".join(f"{initial}." for initial in short.group(2)) + f" {short.group(1)}"


def uncapitalised_name(name: str) -> str:
    """A name written wholly in capitals, as bibliometrix writes them ("WU, DIHUA", "OKAFOR CN"), in title case
    ("Wu, Dihua", "Okafor CN": the initials after a family name without a comma stay capitals); any other as it
    is."""
    if not name.isupper():
        return name
    short = SHORT_NAME.match(name) if "," not in name else None
    family, initials = (short.group(1), " " + short.group(2)) if short else (name, "")
    # (each part after an apostrophe too, "O'Brien", and "Mc" with its own capital, "McDonald")
    return re.sub(r"[^\W\d_]{2,}", lambda m: re.sub(r"^Mc(\w)", lambda c: "Mc" + c.group(1).upper(),
                                                     m.group(0).capitalize()), family) + initials


def clean(text: Any) -> str:
    """The text on one line, its runs of white space one space, without soft hyphens (TeX's "Cul\\-tural", a
    site's "&shy;"), which would keep a word from matching itself."""
    return " ".join(str(text).replace("\u00ad", "").split()) if text is not None else ""


TRAILING_YEAR = re.compile(r"\s*\((?:1[89]|20)\d{2}[a-z]?\)\s*\.?\s*$|(?<=[^\W\d_]{3})\.\s*$")
SUPERSCRIPT_MARKS = re.compile(r"\$?\^\{[^{}]*\}\$?")
# equal-contribution and affiliation marks on a name: "Ana Ruiz*", "Ana Ruiz^{1,2}", "Ana Ruiz$^\Omega$", "Ana Ruiz4"
MARKS = re.compile(r"[*†‡§¶]+|\$?\^\{?(?:[*†‡§¶\d,]+|\\[A-Za-z]+)\}?\$?|(?<=[^\W\d_])\d{1,2}$")


def _unmark(name: str) -> str:
    return clean(MARKS.sub("", name))


def unescape_entities(text: str) -> str:
    """HTML entities as their letters ("Mar&iacute;a" -> "María"), before a ";" in one is taken for a separator."""
    return html.unescape(text) if "&" in text else text


def join_parts(given: str = "", family: str = "", suffix: str = "", particle: str = "") -> str:
    """``("Ludwig", "Beethoven", particle="van")`` -> ``Ludwig van Beethoven``; ``("春辉", "高")`` -> ``高春辉``, as
    Chinese, Japanese and Korean write a name (and as a record then writes it elsewhere)."""
    if given and family and not particle and not suffix \
            and UNSPACED_NAME.fullmatch(clean(given)) and UNSPACED_NAME.fullmatch(clean(family)):
        return clean(family) + clean(given)
    return clean(" ".join(p for p in (clean(given), clean(particle), clean(family)) if p)
                 + (f" {clean(suffix)}" if clean(suffix) else ""))


def _is_suffix(text: str) -> bool:
    return bool(SUFFIX.match(clean(text)))


def _looks_like_family(text: str) -> bool:
    """One family name: a single word (``Lai``, ``García-Pérez``), or words led by a particle
    (``van der Berg``, ``de la Cruz``)."""
    words = clean(text).split()
    return len(words) == 1 or (len(words) > 1 and words[0].lower() in NAME_PARTICLES)


def _looks_like_given(text: str) -> bool:
    """Given names or initials: ``Fan``, ``Harsha V``, ``J.-P.``, ``Mary Ann`` (at most three words)."""
    words = clean(text).split()
    return 0 < len(words) <= 3 and not _is_suffix(text)


def _inverted(name: str) -> str:
    """``Last, First`` / ``Last, Jr., First`` / ``First Last, Jr.`` -> display order; others unchanged."""
    parts = [clean(p) for p in name.split(",")]
    if len(parts) == 2:
        family, given = parts
        if _is_suffix(given):  # "Martin Luther King, Jr."
            return join_parts(family, suffix=given)
        words = family.split()
        if words and words[0].lower() in NAME_PARTICLES and words[0][0].islower():
            return join_parts(given, " ".join(words[1:]), particle=words[0])
        return join_parts(given, family)
    if len(parts) == 3 and _is_suffix(parts[1]):  # BibTeX "von Last, Jr, First"
        return join_parts(parts[2], parts[0], suffix=parts[1])
    if len(parts) == 3 and _is_suffix(parts[2]):  # Web of Science "Last, First, Jr."
        return join_parts(parts[1], parts[0], suffix=parts[2])
    return clean(name)


def _comma_list(text: str) -> list[str]:
    """Split a string holding commas into names: ``Lai, Fan`` is one name (``Fan Lai``); ``Fan Lai, Xiangfeng
    Zhu`` is two; ``Lai, Fan, Zhu, Xiangfeng`` (every part one word) pairs up; ``King, Jr., Martin`` is one."""
    parts = [clean(p) for p in text.split(",") if clean(p)]
    if len(parts) == 2 and _looks_like_family(parts[0]) and (_looks_like_given(parts[1]) or _is_suffix(parts[1])):
        return [_inverted(text)]
    if len(parts) == 2 and _is_suffix(parts[1]):
        return [_inverted(text)]
    if len(parts) == 3 and _is_suffix(parts[1]) and _looks_like_family(parts[0]):
        return [_inverted(text)]
    if _alternating(parts):
        return [_inverted(f"{parts[i]}, {parts[i + 1]}") for i in range(0, len(parts), 2)]
    names: list[str] = []
    for part in parts:
        if _is_suffix(part) and names:
            names[-1] = f"{names[-1]} {part}"
        else:
            names.append(part)
    return names


# a name written given name first, surname last ("Karan J. Odom", "Marcelo Araya Salas"), as a comma list holds them
NATURAL_NAME = re.compile(r"[A-Z][^\s,=]*(?:\s+[^\s,=]+)*\s+[A-Z][^\s,=.]*[^\s,=.A-Z]")


def listed_with_commas(text: str) -> list[str]:
    """Three or more names written given name first and listed with commas ("Karan J. Odom, Marcelo Araya Salas,
    Lauryn Benedict"), as a BibTeX field may list them where "and" belongs: the names; [] for any other text
    (BibTeX's own "von Last, Jr, First" has a suffix or a one-word given name among its parts)."""
    parts = [clean(p) for p in text.split(",")]
    return parts if len(parts) >= 3 and all(NATURAL_NAME.fullmatch(p) for p in parts) else []


def _alternating(parts: list[str]) -> bool:
    """Whether the parts of a comma list read as surname, given name, surname, given name, ...: an even number
    of them, at least four, each given name one word or initials and each surname at most three words ("Dalla
    Preda, Mila, Greco, Claudia"); a list of "First Last" names has no one-word name in every second place."""
    if len(parts) < 4 or len(parts) % 2:
        return False
    families, givens = parts[0::2], parts[1::2]
    return (all(len(p.split()) <= 3 and not _is_suffix(p) for p in families)
            and all(_looks_like_given(p) and (len(p.split()) == 1 or re.fullmatch(r"[A-Z][.\s-]*(?:[A-Z][.\s-]*)*", p))
                    for p in givens))


def one_word_run(names: list[str]) -> bool:
    """Whether names split at commas left two or more one-word "names" side by side ("Dalla Preda", "Mila",
    "Greco"), the sign of a "Surname, Given, Surname, Given" list that could not be paired up."""
    return any(len(a.split()) == 1 and len(b.split()) == 1 and not a.isupper() for a, b in zip(names, names[1:]))


def split_names(text: str, dropped: list[str] | None = None) -> tuple[list[str], bool]:
    """One string of names -> (display names, truncated).

    Separators, strongest first: ``;`` (Zotero CSV, PubMed), then `` and `` (BibTeX), then ``,``. Each
    piece between ``;`` or ``and`` may itself be ``Last, First``. A piece that is an affiliation (see
    `AFFILIATION`) is no name: it is left out, and appended to ``dropped`` when given.
    """
    text = clean(SUPERSCRIPT_MARKS.sub("", unescape_entities(text)))  # before its commas split it: "Ruiz^{1,2}"
    # a CV's citation line gives the year after the names ("A. Koshevoy, O. Morin (2026)."): not an address
    text = TRAILING_YEAR.sub("", text)
    truncated = False
    stripped = re.sub(r"(,?\s*(\bet al\.?|\band others|…|\.\.\.|(?:\band\s+)?\d+\s+more\s+authors?))$", "", text,
                      flags=re.I)  # (a site's "A. D. Cherry, C. P. Chu, and 3 more authors")
    if stripped != text:
        truncated, text = True, stripped
    if ";" in text:
        pieces = [strip_affiliation(p) for p in text.split(";")]
        names = [_one_or_list(p) for p in pieces]
    else:
        pieces = [strip_affiliation(p) for p in re.split(r"\s+and\s+|\s*&\s*", text)]
        names = [_one_or_list(p) for p in pieces]
    kept = [group for piece, group in zip(pieces, names) if not _affiliation(piece, dropped)]
    flat = [n for group in kept for n in group if n]
    while flat and flat[-1].lower() in TRUNCATION:
        flat.pop()
        truncated = True
    return flat, truncated


def _one_or_list(piece: str) -> list[str]:
    piece = clean(piece)
    if not piece:
        return []
    if "," not in piece:
        return [piece]
    return _comma_list(piece)


def name_of(item: Any) -> str:
    """One author as any format writes it -> display name ('' when there is none).

    Accepts a string (``Last, First`` reordered), CSL-JSON ``{family, given, suffix,
    non-dropping-particle, dropping-particle, literal}``, Paperpile ``{first, last}``, Semantic Scholar / generic
    ``{name}``,
    OpenAlex ``{author: {display_name}, raw_author_name}`` and ORCID ``{credit-name: {value}}``.
    """
    if isinstance(item, str):
        names, _ = split_names(item) if "," in item else ([clean(item)], False)
        return names[0] if len(names) == 1 else clean(item)
    if not isinstance(item, dict):
        return ""
    if item.get("literal"):
        return clean(item["literal"])
    if item.get("family") or item.get("given"):
        particle = " ".join(clean(item.get(k)) for k in ("dropping-particle", "non-dropping-particle") if item.get(k))
        return join_parts(item.get("given", ""), item.get("family", ""), item.get("suffix", ""), particle)
    if item.get("last") or item.get("first"):  # Paperpile: {first, last, initials, formatted}
        return join_parts(item.get("first", ""), item.get("last", ""))
    credit = item.get("credit-name")
    if isinstance(credit, dict) and credit.get("value"):
        return name_of(credit["value"])
    author = item.get("author")
    if isinstance(author, dict) and author.get("display_name"):
        return clean(author["display_name"])
    for key in ("raw_author_name", "display_name", "name", "fullName", "full_name"):
        if isinstance(item.get(key), str) and item[key].strip():
            return name_of(item[key])
    return ""


def parse_authors(value: Any, dropped: list[str] | None = None) -> tuple[list[str], bool]:
    """Authors as one string, a list of strings (each may hold several names joined by ``and``), or a list
    of objects (see :func:`name_of`); -> (display names, truncated). Affiliations written among the names
    are left out and appended to ``dropped`` when given.

    Raises:
        ValueError: for a value that is neither.
    """
    if isinstance(value, str):
        names, truncated = split_names(value, dropped)
    elif isinstance(value, list):
        names, truncated = [], False
        # a list of names most of which are "Family, Given", one to an item (RIS's AU, Web of Science's AF lines):
        # each such item is one person, with a family name of two words too ("Barbosa Silva, Laura Vivian")
        inverted = len(value) >= 2 and 2 * sum(isinstance(item, str) and item.count(",") == 1
                                               for item in value) > len(value)
        for item in value:
            item = unescape_entities(item) if isinstance(item, str) else item
            if isinstance(item, str) and _affiliation(item, dropped):
                continue
            if isinstance(item, str) and inverted and not SEVERAL_NAMES.search(item) \
                    and (item.count(",") == 1 or item.count(",") == 2 and _is_suffix(item.rsplit(",", 1)[1])):
                names.append(_inverted(item))
            elif isinstance(item, str):
                found, cut = split_names(item, dropped) if SEVERAL_NAMES.search(item) else ([name_of(item)], False)
                names.extend(found)
                truncated |= cut
            elif isinstance(item, dict):
                name = name_of(item)
                if not name:
                    raise ValueError(f"expected author names or objects with a name, got {item!r:.60}")
                names.append(name)
            else:
                raise ValueError(f"expected author names or objects with a name, got {item!r:.60}")
    else:
        raise ValueError(f"expected a list or a string, got {type(value).__name__}")
    while names and names[-1].lower() in TRUNCATION:
        names.pop()
        truncated = True
    names = [initials_first(n) for n in (_unmark(n) for n in names) if n]
    # two or more names written twice are the export's repeat ("A, B, C, B, C"), not namesakes (one "Wei Wang"
    # twice may be two people)
    repeated = {n for n in names if names.count(n) > 1}
    return (list(dict.fromkeys(names)) if len(repeated) >= 2 else names), truncated
