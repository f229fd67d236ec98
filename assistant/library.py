"""The library's paper table and manifest: what the vector and lexical indexes were built from.

Where it lives follows the vectors. With a local store, the manifest is
``library.json`` in the store directory, written last and atomically by ingest,
with an ``INGEST_IN_PROGRESS`` marker beside it while an ingest runs. With a Chroma
server, it is stored on the server in the library's metadata collection (see
:class:`assistant.store.MetaStore`), whose head record carries the version and the
same in-progress state, so processes on any machine share the library. A library
left half-written by an interrupted ingest refuses to answer until the next
ingest has repaired it.

Serving processes hold the library in a :class:`Live`: it checks the version stamp
(one small read) at most every ASSISTANT_RELOAD_CHECK_SECONDS and switches to a
new library atomically once it is loaded; whoever holds the old one finishes on it.
"""

from __future__ import annotations

import base64
import json
import os
import tempfile
import threading
import time
import uuid
import zlib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from assistant.settings import Settings
from assistant.store import LibraryError, MetaStore, library_name, meta_collection, unavailable
from assistant.types import Paper, Researcher

MANIFEST = "library.json"
MARKER = "INGEST_IN_PROGRESS"
FORMAT = 1
REBUILD = "run `python -m ingest --rebuild` to rebuild the library"

__all__ = ["Library", "LibraryError", "Live", "StoredChunk", "current_version", "load_library", "read_manifest",
           "write_manifest", "mark_writing", "clear_writing", "is_half_written"]


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
    version: str = field(default="", compare=False)  # the stamp it was read under (see current_version)

    @property
    def by_id(self) -> dict[str, Paper]:
        return {p.paper_id: p for p in self.papers}

    @property
    def copies(self) -> dict[str, int]:
        """For each paper that had copies in the sources, by title: how many of the sources' records were copies
        of it, merged into it (see `merged`)."""
        found: dict[str, int] = {}
        for m in self.merged:
            if len(m.get("sources", [])) > 1:
                found[m.get("title", "")] = found.get(m.get("title", ""), 0) + len(m["sources"]) - 1
        return found

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


def _place(settings: Settings) -> str:
    if settings.uses_server:
        return f"library {library_name(settings)!r} on the Chroma server at {settings.chroma_host}:{settings.chroma_port}"
    return str(manifest_path(settings))


def _decode(data: object, settings: Settings) -> Library | None:
    if not isinstance(data, dict):
        raise LibraryError(f"{_place(settings)} does not hold a library (expected a JSON object, found "
                           f"{type(data).__name__}); {REBUILD}")
    if data.get("format") != FORMAT:
        return None
    try:
        return Library.from_json(data)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise LibraryError(f"{_place(settings)} is unreadable ({type(error).__name__}: {str(error)[:200]}); "
                           f"{REBUILD}") from None


_METAS: dict[tuple, MetaStore] = {}


def _meta(settings: Settings) -> MetaStore:
    """The library's metadata collection, its client kept: version checks run per request."""
    key = (settings.chroma_host, settings.chroma_port, meta_collection(settings))
    if key not in _METAS:
        _METAS[key] = MetaStore(settings)
    return _METAS[key]


def _server_call(settings: Settings, action: Callable):
    """Run a read or write of the metadata collection; once more with a new connection if it fails."""
    for attempt in (1, 2):
        try:
            return action()
        except LibraryError:
            raise
        except Exception as error:  # noqa: BLE001 - the server went away or answered nonsense: one clear error
            _METAS.clear()  # the server restarted or the collection was rebuilt: reconnect
            if attempt == 2:
                raise unavailable(settings, error) from None


def read_manifest(settings: Settings) -> Library | None:
    """The stored manifest, or None when nothing was ingested yet (whatever the marker says)."""
    if settings.uses_server:
        return _server_call(settings, lambda: _read_server_manifest(settings))
    path = manifest_path(settings)
    try:
        stat = path.stat()
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise LibraryError(f"{path} is unreadable ({error}); {REBUILD}") from None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise LibraryError(f"{path} is unreadable ({str(error)[:200]}); {REBUILD}") from None
    library = _decode(data, settings)
    if library is not None:
        library.version = f"{stat.st_mtime_ns}-{stat.st_size}-{stat.st_ino}"
    return library


def _read_server_manifest(settings: Settings) -> Library | None:
    meta = _meta(settings)
    for _ in range(3):  # an ingest finishing between the two reads deletes the parts just named
        head = meta.head()
        if head is None or not head.get("current"):
            return None
        text = meta.read(head["current"], int(head.get("parts", 1)))
        if text is None:
            continue
        try:
            data = json.loads(zlib.decompress(base64.b64decode(text)).decode("utf-8"))
        except (ValueError, zlib.error, RecursionError) as error:
            raise LibraryError(f"{_place(settings)} is unreadable ({str(error)[:200]}); {REBUILD}") from None
        library = _decode(data, settings)
        if library is not None:
            library.version = str(head["current"])
        return library
    raise LibraryError(f"{_place(settings)} lacks part of its manifest; {REBUILD}")


def is_half_written(settings: Settings) -> bool:
    """Whether an ingest started writing the library and has not finished (or was killed)."""
    if settings.uses_server:
        return _server_call(settings, lambda: (_meta(settings).head() or {}).get("state") == "writing")
    return marker_path(settings).exists()


def mark_writing(settings: Settings) -> None:
    """Say that an ingest is about to write: the library is half-written until the manifest is replaced."""
    if settings.uses_server:
        _server_call(settings, lambda: _meta(settings).set_head(
            **{**(_meta(settings).head() or {"current": "", "parts": 0}), "state": "writing", "started": time.time()}))
        return
    settings.store_dir.mkdir(parents=True, exist_ok=True)
    marker_path(settings).write_text(json.dumps({"started": time.time()}))


def clear_writing(settings: Settings) -> None:
    """The library is whole again (the manifest was written, or was already right)."""
    if settings.uses_server:
        head = _server_call(settings, lambda: _meta(settings).head())
        if head and head.get("state") != "ready":
            _server_call(settings, lambda: _meta(settings).set_head(**{**head, "state": "ready"}))
        return
    marker_path(settings).unlink(missing_ok=True)


def load_library(settings: Settings) -> Library:
    """The library to answer from. Raises LibraryError when it is missing, damaged or half-written."""
    if is_half_written(settings):
        raise LibraryError(
            f"the {_place(settings) if settings.uses_server else 'library in ' + str(settings.store_dir)} was left "
            "half-written by an interrupted ingest; run `python -m ingest` to repair it")
    library = read_manifest(settings)
    if library is None:
        where = _place(settings) if settings.uses_server else f"library in {settings.store_dir}"
        raise LibraryError(f"no {where}; run `python -m ingest` to build it")
    return library


def write_manifest(settings: Settings, library: Library) -> None:
    """Replace the manifest atomically: readers see the old one or the new one, never a mix."""
    if settings.uses_server:
        _server_call(settings, lambda: _write_server_manifest(settings, library))
        return
    settings.store_dir.mkdir(parents=True, exist_ok=True)
    target = manifest_path(settings)
    fd, tmp = tempfile.mkstemp(dir=settings.store_dir, prefix=".library-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(library.to_json(), handle, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, target)


def _write_server_manifest(settings: Settings, library: Library) -> None:
    meta = _meta(settings)
    version = f"{time.time_ns():x}-{uuid.uuid4().hex[:8]}"
    blob = base64.b64encode(zlib.compress(json.dumps(library.to_json(), ensure_ascii=False).encode(), 6)).decode()
    parts = meta.write(version, blob)
    meta.set_head(current=version, parts=parts, state="ready", papers=len(library.papers),
                  chunks=len(library.chunks), written=time.time())
    meta.drop_versions_except(version)


def current_version(settings: Settings) -> str:
    """A stamp that changes whenever an ingest finishes writing the library; cheap enough for every request.

    Local store: the manifest file's identity (mtime, size, inode). Chroma server: the head record's version.
    "" when there is no library yet.
    """
    if settings.uses_server:
        return _server_call(settings, lambda: str((_meta(settings).head() or {}).get("current", "")))
    try:
        stat = manifest_path(settings).stat()
    except FileNotFoundError:
        return ""
    return f"{stat.st_mtime_ns}-{stat.st_size}-{stat.st_ino}"


T = TypeVar("T")


class Live(Generic[T]):
    """What a serving process answers from (an Assistant, an Index), rebuilt when an ingest changes the library.

    ``get()`` is called per request: at most every ``settings.reload_check_seconds`` it reads the version
    stamp; when it changed, the new value is built in the background and swapped in once complete, so
    requests never wait for a reload and a request holding the old value finishes on it. A failed
    rebuild (say, the ingest was killed half-way) keeps the old value and is retried at the next check.

    Args:
        build: makes the value from the library as it is now, given the value it replaces (None at the
            start), so that what does not depend on the library (the embedder, the LLM client) is reused:
            ``Live(settings, lambda old: Index(settings, old.embedder if old else None))``.
        value: an already built value to start from (else ``build(None)`` is called now).
    """

    def __init__(self, settings: Settings, build: Callable[[T | None], T], value: T | None = None):
        self.settings = settings
        self.build = build
        self.version = current_version(settings)
        self.value: T = value if value is not None else build(None)
        self.error = ""  # why the last rebuild failed, if it did
        self._checked = time.monotonic()
        self._lock = threading.Lock()
        self._building: threading.Thread | None = None

    def get(self) -> T:
        if time.monotonic() - self._checked >= self.settings.reload_check_seconds:
            self.check()
        return self.value

    def check(self, wait: bool = False) -> bool:
        """Look at the version stamp now; start a rebuild if it changed. True when a rebuild was started.

        With `wait`, return once the value is built from the library as it is now: a rebuild already running
        (started by a request while an ingest was still writing) is waited for, then the stamp is read again."""
        started = self._look()
        tries = 3  # a rebuild that fails is retried at most this often (say, one read half-way through an ingest)
        while wait:
            building = self._building
            if building is not None and building.is_alive():
                building.join()
                continue
            if tries == 0 or not self._look():
                break
            tries -= 1
            started = True
        return started

    def _look(self) -> bool:
        with self._lock:
            self._checked = time.monotonic()
            if self._building is not None and self._building.is_alive():
                started = False
            else:
                try:
                    version = current_version(self.settings)
                except LibraryError as error:
                    self.error = str(error)
                    return False
                started = version != self.version
                if started:
                    self._building = threading.Thread(target=self._rebuild, args=(version,), daemon=True,
                                                      name="library-reload")
                    self._building.start()
        return started

    def _rebuild(self, version: str) -> None:
        try:
            value = self.build(self.value)
        except Exception as error:  # noqa: BLE001 - keep answering from the old library; retried later
            self.error = str(error) if isinstance(error, LibraryError) else f"{type(error).__name__}: {error}"
            return
        self.value, self.version, self.error = value, version, ""
