"""The only importer of chromadb: a collection in a local directory or on a Chroma server.

The collection name is derived from the embedder and the chunking settings, so
changing either builds a new collection instead of mixing incompatible vectors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

from assistant.settings import Settings

SCHEMA = "v1"


def collection_name(embedder_name: str, chunk_size: int, chunk_overlap: int) -> str:
    raw = f"papers-{SCHEMA}-{embedder_name}-c{chunk_size}-o{chunk_overlap}"
    return re.sub(r"[^a-zA-Z0-9._-]+", "-", raw).strip("-.")[:200]


def make_client(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.uses_server:
        return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
    path = settings.store_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


class VectorStore:
    """A Chroma collection holding chunk vectors; embeddings are always supplied by the caller."""

    def __init__(self, settings: Settings, name: str, client=None):
        self.client = client or make_client(settings)
        self.name = name
        self.collection = self.client.get_or_create_collection(
            name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}})

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


def drop_collection(settings: Settings, name: str) -> None:
    client = make_client(settings)
    if name in [c.name for c in client.list_collections()]:
        client.delete_collection(name)


def stored_vectors(store: VectorStore, ids: list[str], batch: int = 5000) -> dict[str, np.ndarray]:
    """The stored vectors of the given chunk ids."""
    found: dict[str, np.ndarray] = {}
    for start in range(0, len(ids), batch):
        result = store.collection.get(ids=ids[start:start + batch], include=["embeddings"])
        found.update((i, np.asarray(v, dtype=np.float32)) for i, v in zip(result["ids"], result["embeddings"]))
    return found
