"""load -> validate -> dedupe -> chunk -> embed -> upsert, with sync semantics.

Every source is parsed and validated before anything is written, so bad input
leaves the library as it was. Chunk ids are derived from content, so a chunk
already in the collection is never embedded again; the collection itself (not
the manifest) is asked what it holds, which is what lets an ingest repair one
that was killed half-way.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path

from assistant.embeddings import Embedder, get_embedder
from assistant.library import (Library, LibraryError, StoredChunk, clear_writing, is_half_written, mark_writing,
                               read_manifest, write_manifest)
from assistant.settings import Settings
from assistant.store import VectorStore, drop_collection, vector_collection, wipe
from assistant.types import Paper, Researcher, name_tokens, normalise_title
from ingest.chunking import chunk_papers
from ingest.errors import SourceError
from ingest.parsers import PARSER_VERSION, SUFFIXES, ParsedSource, parse_file
from ingest.parsers.fields import is_preprint_venue
from ingest.parsers.names import one_word_run

SIDECAR = ".meta.json"


@dataclass
class IngestReport:
    papers: int = 0
    chunks: int = 0
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    embedded: int = 0
    merged: list[dict] = field(default_factory=list)
    versions: list[dict] = field(default_factory=list)  # works kept as several papers (conference, journal)
    skipped: list[dict] = field(default_factory=list)  # entries left out: file, line, key, reason, hint
    warnings: list[dict] = field(default_factory=list)  # entries kept with a field dropped or chosen
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {"papers": self.papers, "chunks": self.chunks, "added": self.added, "updated": self.updated,
                "removed": self.removed, "unchanged": self.unchanged, "embedded": self.embedded,
                "merged": self.merged, "versions": self.versions, "skipped": self.skipped,
                "warnings": self.warnings, "seconds": round(self.seconds, 3)}


class IngestError(Exception):
    """One or more sources are bad; nothing was written."""

    def __init__(self, errors: list[SourceError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files to ingest: given files as they are, directories walked for known formats (sidecars skipped)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.endswith(SIDECAR)
                and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                raise IngestError([SourceError(str(path), f"no source files in this folder; expected "
                                                          f"{', '.join(SUFFIXES)} files")])
            files.extend(found)
        else:
            files.append(path)
    return files


def read_sidecar(path: Path) -> dict:
    """`<name>.meta.json` beside a source: when it was captured and whose record it is."""
    sidecar = path.with_name(path.stem + SIDECAR)
    if not sidecar.exists():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise SourceError(str(sidecar), f"invalid JSON: {error.msg}", line=error.lineno) from None
    except UnicodeDecodeError:
        raise SourceError(str(sidecar), "not valid UTF-8; re-save the file as UTF-8") from None
    if not isinstance(data, dict):
        raise SourceError(str(sidecar), "expected a JSON object with 'captured' and 'researcher'", line=1)
    if "captured" in data:
        try:
            data["captured"] = date.fromisoformat(str(data["captured"]))
        except ValueError:
            raise SourceError(str(sidecar), f"'captured' must be an ISO date like 2026-11-23, got "
                                            f"{data['captured']!r}") from None
    if not isinstance(data.get("researcher", ""), str):
        raise SourceError(str(sidecar), "'researcher' must be a name (a string)")
    return data


def parse_sources(files: list[Path], known: dict[str, dict] | None = None, *,
                  strict: bool = False) -> list[ParsedSource]:
    """Parse every file, collecting every error before giving up.

    A file that cannot be read as its format fails the ingest (nothing is written). A bad entry in a file
    that can be read is skipped and reported (``ParsedSource.skipped``), unless ``strict``, which fails on
    any skipped entry or warning instead. A skipped entry whose key names a paper stored from the same
    file before keeps that stored paper, so a typo never deletes a paper from the library.

    A profile's dates without a year need the record's capture date: from its sidecar, else the one
    stored when the file was first ingested, else today (stored then, so it never drifts).

    Args:
        known: the library's sources as stored (resolved path -> entry with "captured" and "papers").
    """
    known = known or {}
    parsed, errors = [], []
    for path in files:
        if not path.exists():
            errors.append(SourceError(str(path), "no such file"))
            continue
        try:
            meta = read_sidecar(path)
            stored = known.get(str(path.resolve()), {})
            captured = meta.get("captured") or (date.fromisoformat(stored["captured"]) if stored.get("captured")
                                                else date.today())
            digest = _file_digest(str(path))
            source = _stored_parse(path, stored, digest, captured) or parse_file(path, captured)
            source.captured, source.sha256 = captured.isoformat(), digest
            if strict and (source.skipped or source.warnings):
                errors.extend(sorted(source.skipped + source.warnings, key=lambda e: e.line or 0))
                continue
            if not source.papers:
                reasons = "; ".join(f"line {e.line}: {e.message}" for e in source.skipped[:3])
                raise SourceError(str(path), "no papers found in the file" + (f" ({reasons})" if reasons else ""))
            _keep_stored(source, stored.get("papers") or [])
            if source.researcher is not None and meta.get("researcher"):
                source.researcher = Researcher(**{**source.researcher.__dict__, "name": meta["researcher"]})
            elif source.researcher is None and meta:  # an export: the sidecar alone says whose and when
                source.researcher = Researcher(name=meta.get("researcher", ""),
                                               captured=captured.isoformat() if meta.get("captured") else "")
            parsed.append(source)
        except SourceError as error:
            errors.append(error)
    if errors:
        raise IngestError(errors)
    return parsed


def _stored_parse(path: Path, stored: dict, digest: str, captured: date) -> ParsedSource | None:
    """The parse stored by the last ingest, when the file has not changed since (the same bytes and capture
    date, read by the same parser version): re-ingesting an unchanged record parses nothing."""
    if not stored or stored.get("sha256") != digest or stored.get("parser") != PARSER_VERSION \
            or stored.get("captured") != captured.isoformat():
        return None
    problems = stored.get("problems") or {}
    return ParsedSource(
        str(path), [Paper.from_dict(p) for p in stored.get("papers") or []],
        Researcher(**stored["researcher"]) if stored.get("researcher") else None,
        [SourceError.from_json(e) for e in problems.get("skipped", [])],
        [SourceError.from_json(e) for e in problems.get("warnings", [])], sha256=digest, stored=stored)


def source_entry(source: ParsedSource) -> dict:
    """What the library keeps of one parsed source: enough to skip parsing it again while it is unchanged."""
    if source.stored is not None:
        return source.stored
    return {
        "sha256": source.sha256,
        "parser": PARSER_VERSION,
        "captured": source.captured,
        "papers": [p.to_dict() for p in source.papers],
        "researcher": source.researcher.__dict__ if source.researcher else None,
        "problems": {"skipped": [e.to_json() for e in source.skipped],
                     "warnings": [e.to_json() for e in source.warnings]},
    }


def _keep_stored(source: ParsedSource, stored: list[dict]) -> None:
    """Keep the stored copy of a paper whose entry is now skipped (matched by its key in the file)."""
    by_key = {p.get("source_key"): p for p in stored if p.get("source_key")}
    present = {p.source_key for p in source.papers}
    for error in source.skipped:
        if error.key and error.key in by_key and error.key not in present:
            source.papers.append(Paper.from_dict(by_key[error.key]))
            present.add(error.key)
            error.hint = (error.hint + "; " if error.hint else "") + "the copy stored by an earlier ingest is kept"


PRECISION = {"day": 3, "month": 2, "year": 1, None: 0}
# Fields filled together: an author list comes with its truncation flag, a date with its precision.
TOGETHER = {"authors": ("authors", "authors_truncated"), "date": ("date", "date_precision")}


def is_preprint(paper: Paper) -> bool:
    """A version that the published one supersedes: a preprint server's, a preprint by type, or one
    without a venue."""
    return paper.kind == "preprint" or is_preprint_venue(paper.venue, empty_counts=True)


# What a published version states about where and when it appeared; it overrides a preprint's.
PUBLICATION = ("venue", "date", "date_precision", "kind")


def richness(paper: Paper) -> tuple:
    """Which copy of a duplicate to keep: the longest abstract, then the most precise date, then the fullest
    author list; ties go to the source path, so the choice never depends on ingest order."""
    return (-len(paper.abstract), -PRECISION[paper.date_precision], -len(paper.authors), paper.source, paper.line)


def where(paper: Paper) -> str:
    """``file:line#key``: the line where the record starts, when it has one, and its key in the file (BibTeX
    key, RIS ID, ORCID put-code; its DOI when it has no key), so that records on one line (a JSON file written
    on one line) are told apart too; ``file ('title')`` when the record has neither."""
    place = paper.source + (f":{paper.line}" if paper.line else "")
    key = paper.source_key or (f"doi:{paper.doi}" if paper.doi else "")
    if key:
        return f"{place}#{key}"
    return place if paper.line else f"{place} ({paper.title[:60]!r})"


def version_label(paper: Paper) -> str:
    return " ".join(p for p in (paper.venue, str(paper.year or "")) if p) or "undated"


def titles_agree(first: str, second: str) -> bool:
    """Whether two titles can name one work: the same once normalised, one the other without its subtitle
    ("Same DOI" and "Same DOI, other title"), or differing by a few characters (a typo, a dash)."""
    a, b = normalise_title(first), normalise_title(second)
    if not a or not b or a == b or a.startswith(b) or b.startswith(a):
        return True
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.85


def one_work(first: Paper, second: Paper) -> bool:
    """Whether two records sharing a DOI are one work: their titles agree (see :func:`titles_agree`), or they
    are of one year with an author in common (a title and its translation, "Caracteres morfológicos ..." and
    "Morphological characteristics ..."); not two theses of other authors and years given one DOI by mistake, nor
    two works of one series whose titles share half their words or more ("tna: An R Package for Transition Network
    Analysis" and "JTNA: A Desktop Software for Transition Network Analysis"), as a translation's do not; nor two
    titles confidently in one language, which are no translation of each other (two papers of one year and author
    given one DOI by mistake)."""
    if titles_agree(first.title, second.title):
        return True
    words = [set(normalise_title(paper.title).split()) for paper in (first, second)]
    shared, shorter = len(words[0] & words[1]), min(map(len, words))
    if shorter / 2 <= shared < shorter:  # not one title inside the other ("Special Issue
        return False  # on Open Science in Musicology" in "FAIR, Open, Linked: Introducing the Special Issue on ...")
    from assistant.languages import CONFIDENT, detect  # (the detector is loaded only for such a pair)

    (one, sure), (other, also) = detect(first.title), detect(second.title)
    if one == other and min(sure, also) >= CONFIDENT:
        return False
    surnames = [{tokens[-1] for tokens in map(name_tokens, paper.authors) if tokens} for paper in (first, second)]
    return first.year == second.year and (not all(surnames) or bool(surnames[0] & surnames[1]))


def _surnames(paper: Paper) -> set[str]:
    """The words a name may be filed under, first and last ("Wang Wei" and "Wei Wang" alike), initials left out."""
    return {word for tokens in map(name_tokens, paper.authors) if tokens for word in (tokens[0], tokens[-1])
            if len(word) > 1}


def share_an_author(first: Paper, second: Paper) -> bool:
    """Whether two records of one title can be one work: one has no authors, or they have an author in common
    (two reviews of one book by other reviewers are two works)."""
    ours, theirs = _surnames(first), _surnames(second)
    return not ours or not theirs or bool(ours & theirs)


def _group(papers: list[Paper], conflicts: list[tuple[Paper, Paper]] | None = None
           ) -> list[tuple[list[Paper], str]]:
    """Groups of copies of one paper, each with why they are one: exact duplicates share a DOI (and a title
    that agrees, see :func:`titles_agree`), or a title, venue and year; preprints of a title join its
    (earliest) published version; published versions at different venues or years stay apart.

    Args:
        conflicts: gets each pair of papers kept apart although they share a DOI (their titles differ: one
            DOI given to two works is an error in the export).
    """
    parent = list(range(len(papers)))
    reason: dict[int, str] = {}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int, why: str) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[b] = a
            reason.setdefault(a, why)

    seen: dict[str, list[int]] = {}
    for i, paper in enumerate(papers):
        title = normalise_title(paper.title)
        keys = [("doi:" + paper.doi.lower(), "same DOI")] if paper.doi else []
        keys.append((f"exact:{title}|{normalise_title(paper.venue)}|{paper.year or ''}", "same title, venue and year"))
        for key, why in keys:
            # two DOIs are two works, however alike the rest ("Guest editorial" in two issues of one year)
            candidates = [j for j in seen.get(key, []) if not (paper.doi and papers[j].doi
                                                                and paper.doi.lower() != papers[j].doi.lower())]
            if why == "same DOI":  # one DOI on two titles is an error in the export, not one work
                agreeing = [j for j in candidates if one_work(paper, papers[j])]
                if candidates and not agreeing and conflicts is not None:
                    conflicts.append((papers[candidates[0]], paper))
                candidates = agreeing
            match = candidates[0] if candidates else None
            if match is not None:
                union(match, i, why)
            seen.setdefault(key, []).append(i)
    by_title: dict[str, list[int]] = {}
    for i, paper in enumerate(papers):
        by_title.setdefault(normalise_title(paper.title), []).append(i)
    for members in by_title.values():
        roots = sorted({find(i) for i in members})
        if len(roots) < 2:
            continue
        preprint = {r: all(is_preprint(papers[i]) for i in members if find(i) == r) for r in roots}
        published = [r for r in roots if not preprint[r]]
        earliest = min(published, key=lambda r: (papers[r].date or date.max, papers[r].source, papers[r].line)) \
            if published else roots[0]
        for r in roots:
            if not preprint[r] or r == earliest:
                continue
            if not any(share_an_author(papers[i], papers[j]) for i in members if find(i) == r
                       for j in members if find(j) == earliest):
                continue  # one title, no author in common: two works
            if not published and papers[r].year != papers[earliest].year \
                    and not (papers[r].arxiv_id or papers[earliest].arxiv_id):
                continue  # two works without venues, of different years ("The Rule of Law", 2014 and 2016)
            union(earliest, r, "a preprint of the published version" if published else "same title")
    groups: dict[int, list[Paper]] = {}
    for i, paper in enumerate(papers):
        groups.setdefault(find(i), []).append(paper)
    return [(group, reason.get(root, "")) for root, group in groups.items()]


def merge_papers(papers: list[Paper], warnings: list[dict] | None = None
                 ) -> tuple[list[Paper], list[dict], list[dict]]:
    """Merge copies of one paper (see :func:`_group`): the richest copy wins, gaps filled from the rest; an
    author list split into one-word names gives way to another copy's that is not.
    Published versions of one title kept apart list each other in ``versions``.

    Args:
        warnings: gets a warning (as in the ingest report) for each two papers that share a DOI but not a
            title; both are kept.

    Returns:
        (papers, merges reported as {"title", "reason", "sources"}, versions as {"title", "versions"}).
    """
    merged, report = [], []
    conflicts: list[tuple[Paper, Paper]] = []
    groups = _group(papers, conflicts)
    for one, other in conflicts:
        if warnings is not None:
            warnings.append(SourceError(
                one.source, f"{where(one)} ({one.title[:80]!r}) and {where(other)} ({other.title[:80]!r}) share the "
                f"DOI {one.doi} but not their titles; both are kept", line=one.line or None, key=one.source_key,
                hint="correct the DOI of the one it does not belong to").to_json())
    for group, why in groups:
        group.sort(key=richness)
        first = group[0]
        for other in group[1:]:
            for name, value in other.__dict__.items():
                if name in ("source", "line", "source_key", "authors_truncated", "date_precision", "versions",
                            "preprinted"):
                    continue
                if name == "links":
                    first.links = {**value, **first.links}
                elif value not in (None, "", [], False) and getattr(first, name) in (None, "", [], False):
                    for linked in TOGETHER.get(name, (name,)):
                        setattr(first, linked, getattr(other, linked))
        if one_word_run(first.authors):  # "Dalla Preda", "Mila", ...: a list split at every comma
            cleaner = next((p for p in group[1:] if p.authors and not one_word_run(p.authors)), None)
            if cleaner is not None:
                first.authors, first.authors_truncated = list(cleaner.authors), cleaner.authors_truncated
        published = next((p for p in group if not is_preprint(p)), None)
        if published is not None:  # the servers its preprints were posted on: "bioRxiv preprints" asks for it
            first.preprinted = sorted({p.venue for p in group if is_preprint(p) and p.venue})
        if published is not None and is_preprint(first):
            for name in PUBLICATION:
                setattr(first, name, getattr(published, name))
            first.doi = published.doi or first.doi
        if len(group) > 1:
            report.append({"title": first.title, "reason": why,
                           "sources": [where(p) for p in group]})
        merged.append(first)
    by_title: dict[str, list[Paper]] = {}
    for paper in merged:
        paper.versions = []
        by_title.setdefault(normalise_title(paper.title), []).append(paper)
    for same in by_title.values():
        if len(same) > 1:
            for paper in same:
                # versions of this work share an author with it; a work of the same title by others (a review of
                # the same book) is no version, and is listed only when none is, so that its id stays its own
                others = [p for p in _in_order(same) if p is not paper]
                paper.versions = [version_label(p) for p in [p for p in others if share_an_author(paper, p)] or others]
    return merged, report, versions_report(merged)


def _in_order(versions: list[Paper]) -> list[Paper]:
    return sorted(versions, key=lambda p: (p.date or date.max, p.venue))


def versions_report(papers: list[Paper]) -> list[dict]:
    """Works kept as several papers: {"title", "versions": ["venue year", ...]}, oldest version first. Papers of
    one title that share no author are other works, not versions of one."""
    by_title: dict[str, list[Paper]] = {}
    for paper in papers:
        if paper.versions:
            by_title.setdefault(normalise_title(paper.title), []).append(paper)
    works: list[list[Paper]] = []
    for same in map(_in_order, by_title.values()):
        groups: list[list[Paper]] = []
        for paper in same:
            joined = [g for g in groups if any(share_an_author(paper, p) for p in g)]
            groups = [g for g in groups if g not in joined] + [[q for g in joined for q in g] + [paper]]
        works.extend(_in_order(g) for g in groups if len(g) > 1)
    return [{"title": same[0].title, "versions": [version_label(p) for p in same]} for same in works]


def nothing_changed(parsed: list[ParsedSource], known: dict[str, dict], previous: Library | None, name: str,
                    settings: Settings, store: VectorStore) -> IngestReport | None:
    """The report of an ingest that would change nothing, or None when it would: every file given is
    unchanged since the last ingest (its stored parse was reused), no source file is gone, the index
    settings are the same, no ingest was left half-done and the collection holds exactly the stored chunks."""
    if previous is None or previous.collection != name or is_half_written(settings):
        return None
    if any(source.stored is None for source in parsed) or not all(Path(path).exists() for path in known):
        return None
    if store.ids() != {c.chunk_id for c in previous.chunks}:
        return None
    return IngestReport(papers=len(previous.papers), chunks=len(previous.chunks), unchanged=len(previous.papers),
                        merged=previous.merged, versions=versions_report(previous.papers),
                        skipped=[e.to_json() for s in parsed for e in s.skipped],
                        warnings=[e.to_json() for s in parsed for e in s.warnings])


def _file_digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _progress(total: int, enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="chunk", desc="Embedding", file=sys.stderr)


@contextmanager
def exclusive(settings: Settings):
    """One ingest at a time per store: a second one fails at once instead of interleaving writes."""
    settings.store_dir.mkdir(parents=True, exist_ok=True)
    with open(settings.store_dir / ".ingest.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LibraryError(f"another ingest is writing to {settings.store_dir}; wait for it to finish") from None
        yield


def ingest(paths: list[Path], settings: Settings, *, embedder: Embedder | None = None,
           progress: bool = False, store: VectorStore | None = None, strict: bool = False,
           rebuild: bool = False) -> IngestReport:
    """Sync the library with the given sources (other sources already in the library stay).

    Args:
        rebuild: throw the stored vectors away first and embed everything again (repairs a damaged store;
            a damaged manifest is ignored, so only the given sources are in the rebuilt library).

    Raises:
        IngestError: a source cannot be read (with ``strict``: any entry is bad); the library is untouched.
        LibraryError: another ingest is running on the same store, or the store is damaged (without rebuild).
    """
    with exclusive(settings):
        return _ingest(paths, settings, embedder, progress, store, strict, rebuild)


def previous_library(settings: Settings, rebuild: bool) -> Library | None:
    """The library as stored before this ingest; for a rebuild, whatever of it is readable, vectors wiped."""
    if not rebuild:
        return read_manifest(settings)
    try:
        previous = read_manifest(settings)
    except LibraryError:
        previous = None
    wipe(settings)
    return previous


def _ingest(paths: list[Path], settings: Settings, embedder: Embedder | None, progress: bool,
            store: VectorStore | None, strict: bool = False, rebuild: bool = False) -> IngestReport:
    started = time.perf_counter()
    previous = previous_library(settings, rebuild)
    known = dict(previous.sources) if previous else {}
    parsed = parse_sources(expand_paths(paths), known, strict=strict)
    embedder = embedder or get_embedder(settings)
    name = vector_collection(settings, embedder.name)
    store = store or VectorStore(settings, name)
    unchanged = None if rebuild else nothing_changed(parsed, known, previous, name, settings, store)
    if unchanged is not None:
        unchanged.seconds = time.perf_counter() - started
        return unchanged

    # Sources ingested before stay (their parsed papers do not depend on the index settings), except
    # files that no longer exist: their papers leave the library.
    sources = {path: entry for path, entry in known.items() if Path(path).exists()}
    old_hashes = {p.paper_id: p.content_hash() for p in previous.papers} if previous else {}
    for source in parsed:
        sources[str(Path(source.path).resolve())] = source_entry(source)

    all_papers = [Paper.from_dict(p) for entry in sources.values() for p in entry["papers"]]
    conflicts: list[dict] = []
    papers, merged, versions = merge_papers(all_papers, conflicts)
    researcher = next((Researcher(**e["researcher"]) for e in sources.values() if e.get("researcher")), None)
    chunks = chunk_papers(papers, settings.chunk_size, settings.chunk_overlap)

    report = IngestReport(papers=len(papers), chunks=len(chunks), merged=merged, versions=versions,
                          skipped=[e.to_json() for s in parsed for e in s.skipped],
                          warnings=[e.to_json() for s in parsed for e in s.warnings] + conflicts)
    new_hashes = {p.paper_id: p.content_hash() for p in papers}
    for paper_id, digest in new_hashes.items():
        if paper_id not in old_hashes:
            report.added += 1
        elif old_hashes[paper_id] != digest:
            report.updated += 1
        else:
            report.unchanged += 1
    report.removed = len(set(old_hashes) - set(new_hashes))

    stored = store.ids()
    wanted = {c.chunk_id for c in chunks}
    to_embed = [c for c in chunks if c.chunk_id not in stored]
    # Embed before writing anything: a kill during the slow part leaves the library as it was.
    bar = _progress(len(to_embed), progress and bool(to_embed))
    vectors = embedder.embed_all([c.text for c in to_embed], bar.update if bar else None)
    if bar:
        bar.close()
    report.embedded = len(to_embed)

    stale = stored - wanted
    library = Library(collection=name, embedder=embedder.name, papers=papers,
                      chunks=[StoredChunk(c.chunk_id, c.paper_id, c.index, c.text) for c in chunks],
                      sources=sources, researcher=researcher, merged=merged)
    write_library(settings, store, library, previous, to_embed, vectors, stale)
    report.seconds = time.perf_counter() - started
    return report


def write_library(settings: Settings, store: VectorStore, library: Library, previous: Library | None,
                  to_embed: list, vectors, stale: set[str]) -> None:
    """Write what changed: vectors first, the manifest last, the library marked half-written in between."""
    manifest_unchanged = previous is not None and previous.to_json() == library.to_json()
    if not (to_embed or stale or not manifest_unchanged or is_half_written(settings)):
        return
    mark_writing(settings)
    if to_embed:
        store.upsert([c.chunk_id for c in to_embed], vectors, [c.text for c in to_embed], [c.metadata for c in to_embed])
    if stale:
        store.delete(stale)
    write_manifest(settings, library)
    clear_writing(settings)
    if previous is not None and previous.collection != library.collection:
        drop_collection(settings, previous.collection)  # built with other settings; nothing uses it now
