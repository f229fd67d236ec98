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
from pathlib import Path

from assistant.embeddings import Embedder, get_embedder
from assistant.library import (Library, LibraryError, StoredChunk, clear_writing, is_half_written, mark_writing,
                               read_manifest, write_manifest)
from assistant.settings import Settings
from assistant.store import VectorStore, drop_collection, vector_collection, wipe
from assistant.types import Paper, Researcher, normalise_title
from ingest.chunking import chunk_papers
from ingest.errors import SourceError
from ingest.parsers import SUFFIXES, ParsedSource, parse_file

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
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {"papers": self.papers, "chunks": self.chunks, "added": self.added, "updated": self.updated,
                "removed": self.removed, "unchanged": self.unchanged, "embedded": self.embedded,
                "merged": self.merged, "seconds": round(self.seconds, 3)}


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


def parse_sources(files: list[Path], known_captures: dict[str, str] | None = None) -> list[ParsedSource]:
    """Parse every file, collecting every error before giving up.

    A profile's dates without a year need the record's capture date: from its sidecar, else the one
    stored when the file was first ingested, else today (stored then, so it never drifts).
    """
    known_captures = known_captures or {}
    parsed, errors = [], []
    for path in files:
        if not path.exists():
            errors.append(SourceError(str(path), "no such file"))
            continue
        try:
            meta = read_sidecar(path)
            stored = known_captures.get(str(path.resolve()))
            captured = meta.get("captured") or (date.fromisoformat(stored) if stored else date.today())
            source = parse_file(path, captured)
            source.captured = captured.isoformat()
            if not source.papers:
                raise SourceError(str(path), "no papers found in the file")
            if source.researcher is not None and meta.get("researcher"):
                source.researcher = Researcher(**{**source.researcher.__dict__, "name": meta["researcher"]})
            parsed.append(source)
        except SourceError as error:
            errors.append(error)
    if errors:
        raise IngestError(errors)
    return parsed


PRECISION = {"day": 3, "month": 2, "year": 1, None: 0}
# Fields filled together: an author list comes with its truncation flag, a date with its precision.
TOGETHER = {"authors": ("authors", "authors_truncated"), "date": ("date", "date_precision")}


def richness(paper: Paper) -> tuple:
    """Which copy of a duplicate to keep: the longest abstract, then the most precise date, then the
    fullest author list; ties go to the source path, so the choice never depends on ingest order."""
    return (-len(paper.abstract), -PRECISION[paper.date_precision], -len(paper.authors), paper.source, paper.line)


def merge_papers(papers: list[Paper]) -> tuple[list[Paper], list[dict]]:
    """Merge papers that share a DOI or a normalised title: the richest copy wins, gaps filled from the rest."""
    groups: list[list[Paper]] = []
    index: dict[str, int] = {}
    for paper in papers:
        keys = ["title:" + normalise_title(paper.title)] + (["doi:" + paper.doi.lower()] if paper.doi else [])
        found = next((index[k] for k in keys if k in index), None)
        if found is None:
            found = len(groups)
            groups.append([])
        groups[found].append(paper)
        for k in keys:
            index.setdefault(k, found)
    merged, report = [], []
    for group in groups:
        group.sort(key=richness)
        first = group[0]
        for other in group[1:]:
            for name, value in other.__dict__.items():
                if name in ("source", "line", "authors_truncated", "date_precision"):
                    continue
                if value not in (None, "", [], False) and getattr(first, name) in (None, "", [], False):
                    for linked in TOGETHER.get(name, (name,)):
                        setattr(first, linked, getattr(other, linked))
        if len(group) > 1:
            report.append({"title": first.title,
                           "sources": [f"{p.source}:{p.line}" for p in group]})
        merged.append(first)
    return merged, report


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
           progress: bool = False, store: VectorStore | None = None, rebuild: bool = False) -> IngestReport:
    """Sync the library with the given sources (other sources already in the library stay).

    Args:
        rebuild: throw the stored vectors away first and embed everything again (repairs a damaged store;
            a damaged manifest is ignored, so only the given sources are in the rebuilt library).

    Raises:
        IngestError: a source is bad; the library is untouched.
        LibraryError: another ingest is running on the same store, or the store is damaged (without rebuild).
    """
    with exclusive(settings):
        return _ingest(paths, settings, embedder, progress, store, rebuild)


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
            store: VectorStore | None, rebuild: bool = False) -> IngestReport:
    started = time.perf_counter()
    previous = previous_library(settings, rebuild)
    known = dict(previous.sources) if previous else {}
    parsed = parse_sources(expand_paths(paths), {k: v.get("captured", "") for k, v in known.items()
                                                 if v.get("captured")})
    embedder = embedder or get_embedder(settings)
    name = vector_collection(settings, embedder.name)

    # Sources ingested before stay (their parsed papers do not depend on the index settings), except
    # files that no longer exist: their papers leave the library.
    sources = {path: entry for path, entry in known.items() if Path(path).exists()}
    old_hashes = {p.paper_id: p.content_hash() for p in previous.papers} if previous else {}
    for source in parsed:
        sources[str(Path(source.path).resolve())] = {
            "sha256": _file_digest(source.path),
            "captured": source.captured,
            "papers": [p.to_dict() for p in source.papers],
            "researcher": source.researcher.__dict__ if source.researcher else None,
        }

    all_papers = [Paper.from_dict(p) for entry in sources.values() for p in entry["papers"]]
    papers, merged = merge_papers(all_papers)
    researcher = next((Researcher(**e["researcher"]) for e in sources.values() if e.get("researcher")), None)
    chunks = chunk_papers(papers, settings.chunk_size, settings.chunk_overlap)

    report = IngestReport(papers=len(papers), chunks=len(chunks), merged=merged)
    new_hashes = {p.paper_id: p.content_hash() for p in papers}
    for paper_id, digest in new_hashes.items():
        if paper_id not in old_hashes:
            report.added += 1
        elif old_hashes[paper_id] != digest:
            report.updated += 1
        else:
            report.unchanged += 1
    report.removed = len(set(old_hashes) - set(new_hashes))

    store = store or VectorStore(settings, name)
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
