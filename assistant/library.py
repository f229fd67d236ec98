"""The library's paper table and manifest: what the vector and lexical indexes were built from.

The manifest (``library.json`` in the store directory) is written last and
atomically by ingest, and an ``INGEST_IN_PROGRESS`` marker stands beside it while
an ingest runs. A library whose marker is still there was interrupted half-way:
it refuses to answer until the next ingest has repaired it.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from assistant.settings import Settings
from assistant.types import Paper, Researcher

MANIFEST = "library.json"
MARKER = "INGEST_IN_PROGRESS"
FORMAT = 1


class LibraryError(RuntimeError):
    """The library cannot be used as it is; the message says what to run."""


@dataclass
class StoredChunk:
    chunk_id: str
    paper_id: str
    index: int
    text: str


@dataclass
class Library:
    collection: str
    embedder: str
    papers: list[Paper] = field(default_factory=list)
    chunks: list[StoredChunk] = field(default_factory=list)
    sources: dict[str, dict] = field(default_factory=dict)  # path -> {"sha256", "papers": [dict], "researcher"}
    researcher: Researcher | None = None
    merged: list[dict] = field(default_factory=list)  # duplicates merged across sources

    @property
    def by_id(self) -> dict[str, Paper]:
        return {p.paper_id: p for p in self.papers}

    def to_json(self) -> dict:
        return {
            "format": FORMAT,
            "collection": self.collection,
            "embedder": self.embedder,
            "researcher": asdict(self.researcher) if self.researcher else None,
            "papers": [p.to_dict() for p in self.papers],
            "chunks": [asdict(c) for c in self.chunks],
            "sources": self.sources,
            "merged": self.merged,
        }

    @classmethod
    def from_json(cls, data: dict) -> Library:
        return cls(
            collection=data["collection"],
            embedder=data["embedder"],
            papers=[Paper.from_dict(p) for p in data["papers"]],
            chunks=[StoredChunk(**c) for c in data["chunks"]],
            sources=data.get("sources", {}),
            researcher=Researcher(**data["researcher"]) if data.get("researcher") else None,
            merged=data.get("merged", []),
        )


def manifest_path(settings: Settings) -> Path:
    return settings.store_dir / MANIFEST


def marker_path(settings: Settings) -> Path:
    return settings.store_dir / MARKER


def read_manifest(settings: Settings) -> Library | None:
    """The stored manifest, or None when nothing was ingested yet (whatever the marker says)."""
    path = manifest_path(settings)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        return Library.from_json(data)
    except (ValueError, KeyError, TypeError) as error:
        raise LibraryError(f"{path} is unreadable ({error}); delete {settings.store_dir} and run "
                           "`python -m ingest` to rebuild the library") from None


def load_library(settings: Settings) -> Library:
    """The library to answer from. Raises LibraryError when it is missing or half-written."""
    if marker_path(settings).exists():
        raise LibraryError(
            f"the library in {settings.store_dir} was left half-written by an interrupted ingest; "
            "run `python -m ingest` to repair it")
    library = read_manifest(settings)
    if library is None:
        raise LibraryError(f"no library in {settings.store_dir}; run `python -m ingest` to build it")
    return library


def write_manifest(settings: Settings, library: Library) -> None:
    """Replace the manifest atomically: readers see the old one or the new one, never a mix."""
    settings.store_dir.mkdir(parents=True, exist_ok=True)
    target = manifest_path(settings)
    fd, tmp = tempfile.mkstemp(dir=settings.store_dir, prefix=".library-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(library.to_json(), handle, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, target)
