"""Records of scholarly web services (ORCID, OpenAlex, Crossref) -> the plain mappings of
:mod:`ingest.parsers.fields`. The files are what the services' public APIs return (or what
``python -m ingest --orcid/--openalex`` saved), read by :mod:`ingest.parsers.jsonfile`.
"""

from __future__ import annotations

import re
from typing import Any

from ingest.parsers.fields import is_preprint_venue
from ingest.parsers.names import clean


def _value(node: Any) -> Any:
    """ORCID wraps scalars as ``{"value": ...}``."""
    return node.get("value") if isinstance(node, dict) else node


def kebab_keys(node: Any) -> Any:
    """The JSON with its keys in camelCase written as ORCID's API writes them ("journalTitle" -> "journal-title",
    "putCode" -> "put-code"), as ORCID's Java client serialises its model; values as they are."""
    if isinstance(node, dict):
        return {CAMEL_HUMP.sub(lambda m: "-" + m.group(0).lower(), k) if isinstance(k, str) else k: kebab_keys(v)
                for k, v in node.items()}
    if isinstance(node, list):
        return [kebab_keys(v) for v in node]
    return node


CAMEL_HUMP = re.compile(r"(?<=[a-z0-9])[A-Z]")


def orcid_works(data: dict) -> list[dict] | None:
    """The works of an ORCID ``/works`` response, a full ``/record``, or a bulk ``/works/{put-codes}``
    response (one dict per work); None when ``data`` is none of these."""
    if isinstance(data.get("activities-summary"), dict):
        data = data["activities-summary"].get("works") or {}
    if isinstance(data.get("bulk"), list):
        return [item["work"] for item in data["bulk"] if isinstance(item, dict) and isinstance(item.get("work"), dict)]
    groups = data.get("group")
    if isinstance(groups, list) and (not groups or any(isinstance(g, dict) and "work-summary" in g for g in groups)):
        # a group is one work as several sources list it; the first summary is ORCID's preferred one
        return [g["work-summary"][0] for g in groups if isinstance(g, dict) and g.get("work-summary")]
    return None


ORCID_ID = re.compile(r"\b\d{4}-\d{4}-\d{4}-\d{3}[\dX]\b")


def orcid_owner(data: dict, works: list[dict]) -> str:
    """The record owner's name: in a full ORCID record, its person section's; else the source name of a work
    the owner added themselves (its ``source-orcid`` is the iD in the works' own paths,
    ``/0000-0002-1825-0097/work/123``); '' when neither says."""
    name = (data.get("person") or {}).get("name") or {}
    credit = clean(_value(name.get("credit-name")))
    full = credit or clean(f"{clean(_value(name.get('given-names')))} {clean(_value(name.get('family-name')))}")
    if full:
        return full
    own = {found.group(0) for work in works if isinstance(work, dict)
           for found in [ORCID_ID.match(str(work.get("path") or "").lstrip("/"))] if found}
    for work in works:
        source = (work.get("source") or {}) if isinstance(work, dict) else {}
        if isinstance(source, dict) and clean((source.get("source-orcid") or {}).get("path")) in own:
            if named := clean(_value(source.get("source-name"))):
                return named
    return ""


def orcid_profile_page(work: dict) -> bool:
    """Whether a "work" is an ORCID profile page itself ("Ana Ng - ORCID ID - 0000-0002-1825-0097"): its title
    names ORCID and an ORCID iD."""
    title = clean(_value((work.get("title") or {}).get("title")))
    return "orcid" in title.lower() and ORCID_ID.search(title) is not None


def orcid_mapping(work: dict, owner: str = "") -> dict:
    """One ORCID work (summary or full) -> mapping. A work that names no authors (a summary never does) is
    credited to the record's owner, when known, as the first of authors not all listed."""
    title = work.get("title") or {}
    date = work.get("publication-date") or {}
    parts = [clean(_value(date.get(k))) for k in ("year", "month", "day")]
    ids = ((work.get("external-ids") or {}).get("external-id")) or []
    by_type: dict[str, str] = {}
    for item in ids:
        if isinstance(item, dict) and clean(item.get("external-id-relationship") or "self").lower() == "self":
            by_type.setdefault(clean(item.get("external-id-type")).lower(), clean(_value(item.get("external-id-value"))))
    cited = _citation(work)
    contributors = ((work.get("contributors") or {}).get("contributor")) or []
    authors = [c for c in contributors if isinstance(c, dict) and _role(c) in ("author", "", None)]
    mapping = {
        "title": clean(_value(title.get("title"))),
        "authors": authors or cited.get("authors") or ([owner, "others"] if owner else []),
        "date": "-".join(p for p in (parts[0], parts[1] and parts[0] and parts[1], parts[2] and parts[1] and parts[2])
                         if p) if parts[0] else "",
        "venue": clean(_value(work.get("journal-title"))),
        "abstract": clean(work.get("short-description")),
        "doi": by_type.get("doi", ""),
        "arxiv": by_type.get("arxiv", ""),
        "url": clean(_value(work.get("url"))),
        "kind": work.get("type", ""),
        "key": str(work.get("put-code") or ""),
    }
    mapping = {k: v for k, v in mapping.items() if v}
    # what the work's fields leave out, its citation may state (a bulk /works response: "journal-title": null,
    # the journal in the citation's BibTeX); its date only when the work has none, so the two never mix
    for name in ("venue", "publisher", "abstract", "doi", "arxiv", "url") + (() if parts[0] else ("year", "month", "date")):
        if name not in mapping and cited.get(name):
            mapping[name] = cited[name]
    return mapping


def _role(contributor: dict) -> str:
    attributes = contributor.get("contributor-attributes") or {}
    return clean(attributes.get("contributor-role")).lower().replace("_", "-")


def _citation(work: dict) -> dict:
    """The mapping of the BibTeX an ORCID work carries as its citation (read by the BibTeX parser); {} when it
    carries none."""
    citation = work.get("citation") or {}
    if not isinstance(citation, dict) or clean(citation.get("citation-type")).lower() != "bibtex":
        return {}
    from ingest.parsers.bibtex import citation_mapping

    return citation_mapping(str(citation.get("citation-value") or ""))


def is_openalex(record: Any) -> bool:
    return isinstance(record, dict) and ("authorships" in record or "abstract_inverted_index" in record)


def openalex_abstract(index: Any) -> str:
    """OpenAlex stores abstracts as {word: [positions]}; put the words back in order."""
    if not isinstance(index, dict):
        return ""
    words: dict[int, str] = {}
    for word, positions in index.items():
        for position in positions or []:
            if isinstance(position, int):
                words[position] = word
    return clean(" ".join(words[i] for i in sorted(words)))


def openalex_mapping(work: dict) -> dict:
    """One OpenAlex work -> mapping."""
    location = work.get("primary_location") or {}
    source = location.get("source") or work.get("host_venue") or {}  # host_venue: the API before 2023
    ids = work.get("ids") or {}
    arxiv = ""
    for loc in work.get("locations") or []:
        url = clean((loc or {}).get("landing_page_url"))
        if "arxiv.org/abs/" in url:
            arxiv = url
            break
    topic = (work.get("primary_topic") or {}).get("display_name", "")
    links = {}
    if clean(location.get("pdf_url")).startswith("http"):
        links["pdf"] = clean(location["pdf_url"])
    venue = clean(source.get("display_name"))
    if source.get("type") == "repository" and not is_preprint_venue(venue):
        # an institutional repository's copy ("LA Referencia", "HAL") is no venue: without one, it joins the
        # published version of its title, as a preprint does
        venue = ""
    mapping = {
        "title": clean(work.get("title") or work.get("display_name")),
        "authors": [a for a in work.get("authorships") or [] if isinstance(a, dict)],
        "date": work.get("publication_date") or "",
        "year": work.get("publication_year") or "",
        "venue": venue,
        "abstract": openalex_abstract(work.get("abstract_inverted_index")),
        "doi": clean(work.get("doi") or ids.get("doi")),
        "arxiv": arxiv,
        "url": clean(location.get("landing_page_url")),
        "kind": work.get("type_crossref") if work.get("type") == "article" and work.get("type_crossref") else
        work.get("type", ""),
        "keywords": [k for k in work.get("keywords") or [] if isinstance(k, dict)],
        "category": clean(topic),
        "key": clean(work.get("id")).rsplit("/", 1)[-1],
        "links": links,
    }
    return {k: v for k, v in mapping.items() if v}
