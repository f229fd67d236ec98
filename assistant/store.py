"""The only importer of chromadb: a library's collections in a local directory or on a Chroma server.

The vector collection's name is derived from the embedder and the chunking settings,
so changing either builds a new collection instead of mixing incompatible vectors.
On a Chroma server every collection name also starts with the library's name
(ASSISTANT_LIBRARY), so libraries never collide, and a small metadata collection
holds the rest of the library (paper table, manifest; the lexical index is rebuilt
from it) plus a version stamp: any number of processes share one library and see
a new ingest by reading one record.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable

import numpy as np

from assistant.settings import Settings

SCHEMA = "v1"
HEAD = "head"  # the metadata collection's record naming the current manifest version
PART_CHARS = 4_000_000  # manifest characters per stored document


class LibraryError(RuntimeError):
    """The library cannot be used as it is; the message says what to run."""


def _clean(raw: str) -> str:
    return re.sub(r"[^a-zA-Z0-9._-]+", "-", raw).strip("-._")


def library_name(settings: Settings) -> str:
    """The library's name: ASSISTANT_LIBRARY, else the data folder's name."""
    name = _clean(settings.library or settings.data_dir.resolve().name)[:60]
    return name if len(name) >= 3 else f"library-{name}".strip("-")


def collection_name(embedder_name: str, chunk_size: int, chunk_overlap: int, library: str = "") -> str:
    raw = f"{library + '-' if library else ''}papers-{SCHEMA}-{embedder_name}-c{chunk_size}-o{chunk_overlap}"
    return _clean(raw)[:200]


def vector_collection(settings: Settings, embedder_name: str) -> str:
    """The collection of this library's vectors (named from the library too when on a server)."""
    return collection_name(embedder_name, settings.chunk_size, settings.chunk_overlap,
                           library_name(settings) if settings.uses_server else "")


def meta_collection(settings: Settings) -> str:
    return _clean(f"{library_name(settings)}-library-{SCHEMA}")


def where(settings: Settings) -> str:
    if settings.uses_server:
        return f"the Chroma server at {settings.chroma_host}:{settings.chroma_port}"
    return f"the vector store in {settings.store_dir / 'chroma'}"


def unavailable(settings: Settings, error: BaseException) -> LibraryError:
    """The one error for a store that cannot be reached or read, saying what to do."""
    detail = str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
    if settings.uses_server:
        return LibraryError(f"cannot reach {where(settings)} ({detail}); start it (`chroma run --path DIR --port "
                            f"{settings.chroma_port}`) or check CHROMA_HOST and CHROMA_PORT")
    return LibraryError(f"{where(settings)} is damaged or unreadable ({detail}); run `python -m ingest --rebuild` "
                        "to rebuild it")


_SERVER_CLIENTS: dict[tuple[str, int], object] = {}


def make_client(settings: Settings):
    """A client of the local store or the server (one per server and process: it holds the connections)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if settings.uses_server:
            key = (settings.chroma_host, settings.chroma_port)
            client = _SERVER_CLIENTS.get(key)
            if client is None:
                client = chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port,
                                             settings=chroma_settings)
            client.heartbeat()
            _SERVER_CLIENTS[key] = client
            return client
        path = settings.store_dir / "chroma"
        path.mkdir(parents=True, exist_ok=True)
        client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
        client.list_collections(limit=1)
        return client
    except LibraryError:
        raise
    except Exception as error:  # noqa: BLE001 - connection refused, DNS, a damaged sqlite file: one clear error
        _SERVER_CLIENTS.pop((settings.chroma_host, settings.chroma_port), None)
        raise unavailable(settings, error) from None


def wipe(settings: Settings) -> None:
    """Remove every collection of this library (local: the whole vector store directory), for a rebuild."""
    if settings.uses_server:
        client = make_client(settings)
        prefix = library_name(settings) + "-"
        for collection in client.list_collections():
            name = getattr(collection, "name", collection)
            if name.startswith(prefix):
                client.delete_collection(name)
        return
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()  # a client cached in this process must not outlive its files
    shutil.rmtree(settings.store_dir / "chroma", ignore_errors=True)


class VectorStore:
    """A Chroma collection holding chunk vectors; embeddings are always supplied by the caller."""

    def __init__(self, settings: Settings, name: str, client=None):
        self.settings = settings
        self.client = client or make_client(settings)
        self.name = name
        try:
            self.collection = self.client.get_or_create_collection(
                name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}})
        except Exception as error:  # noqa: BLE001
            raise unavailable(settings, error) from None

    def ids(self) -> set[str]:
        return set(self.collection.get(include=[])["ids"])

    def count(self) -> int:
        return self.collection.count()

    def _batch(self) -> int:
        return max(1, min(self.client.get_max_batch_size(), 4000))

    def upsert(self, ids: list[str], vectors: np.ndarray, documents: list[str], metadatas: list[dict]) -> None:
        step = self._batch()
        for start in range(0, len(ids), step):
            end = start + step
            self.collection.upsert(ids=ids[start:end], embeddings=vectors[start:end],
                                   documents=documents[start:end], metadatas=metadatas[start:end])

    def delete(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        step = self._batch()
        for start in range(0, len(ids), step):
            self.collection.delete(ids=ids[start:start + step])

    def query(self, vector: np.ndarray, n: int, where: dict | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) pairs, best first."""
        n = min(n, self.count())
        if n <= 0:
            return []
        result = self.collection.query(query_embeddings=[vector], n_results=n, where=where or None,
                                       include=["distances"])
        return [(i, 1.0 - d) for i, d in zip(result["ids"][0], result["distances"][0])]


class MetaStore:
    """The library's own records on a Chroma server: the manifest in parts, and the head naming its version.

    A new manifest is written under a new version first; then the head switches to it in one write, so
    readers see the old library or the new one, never a mix; then the old version's parts are deleted.
    """

    def __init__(self, settings: Settings, client=None):
        self.settings = settings
        self.client = client or make_client(settings)
        try:
            self.collection = self.client.get_or_create_collection(meta_collection(settings), embedding_function=None)
        except Exception as error:  # noqa: BLE001
            raise unavailable(settings, error) from None

    def head(self) -> dict | None:
        """The head record's metadata ({"current", "parts", "state", ...}), or None before the first ingest."""
        found = self.collection.get(ids=[HEAD], include=["metadatas"])
        return dict(found["metadatas"][0]) if found["ids"] else None

    def set_head(self, **metadata) -> None:
        self.collection.upsert(ids=[HEAD], embeddings=[[1.0]], documents=[""], metadatas=[metadata])

    def write(self, version: str, text: str) -> int:
        """Store the text under this version, in parts; the number of parts."""
        parts = [text[i:i + PART_CHARS] for i in range(0, len(text), PART_CHARS)] or [""]
        for number, part in enumerate(parts):
            self.collection.upsert(ids=[f"part-{version}-{number}"], embeddings=[[1.0]], documents=[part],
                                   metadatas=[{"version": version, "part": number}])
        return len(parts)

    def read(self, version: str, parts: int) -> str | None:
        """The text stored under this version, or None when a part is missing."""
        ids = [f"part-{version}-{n}" for n in range(parts)]
        found = self.collection.get(ids=ids, include=["documents"])
        texts = dict(zip(found["ids"], found["documents"]))
        if any(i not in texts for i in ids):
            return None
        return "".join(texts[i] for i in ids)

    def drop_versions_except(self, keep: str) -> None:
        self.collection.delete(where={"$and": [{"version": {"$ne": keep}}, {"part": {"$gte": 0}}]})


def drop_collection(settings: Settings, name: str) -> None:
    client = make_client(settings)
    if name in [getattr(c, "name", c) for c in client.list_collections()]:
        client.delete_collection(name)


def stored_vectors(store: VectorStore, ids: list[str], batch: int = 5000) -> dict[str, np.ndarray]:
    """The stored vectors of the given chunk ids."""
    found: dict[str, np.ndarray] = {}
    for start in range(0, len(ids), batch):
        result = store.collection.get(ids=ids[start:start + batch], include=["embeddings"])
        found.update((i, np.asarray(v, dtype=np.float32)) for i, v in zip(result["ids"], result["embeddings"]))
    return found


def read_matrix(store: VectorStore, ids: list[str], dimension: int, batch: int = 5000) -> tuple[np.ndarray, int]:
    """The stored vectors of the given chunk ids as one matrix in their order, and how many are missing.

    Filled batch by batch into one preallocated array: no per-vector objects, so loading a large library
    costs little more memory than the matrix itself.
    """
    position = {chunk_id: row for row, chunk_id in enumerate(ids)}
    matrix = np.zeros((len(ids), dimension), dtype=np.float32)
    found = np.zeros(len(ids), dtype=bool)
    for start in range(0, len(ids), batch):
        result = store.collection.get(ids=ids[start:start + batch], include=["embeddings"])
        if not result["ids"]:
            continue
        rows = [position[i] for i in result["ids"]]
        matrix[rows] = np.asarray(result["embeddings"], dtype=np.float32)
        found[rows] = True
    return matrix, int(len(ids) - found.sum())
