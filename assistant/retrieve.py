"""Hybrid retrieval: dense (Chroma) + BM25, fused per paper.

Scores are fused as a convex combination of normalised scores rather than by
reciprocal rank alone: rank fusion throws away how far ahead the best match is,
and that margin is what separates a real answer from a near miss. Each side is
divided by its best score among the candidates (BM25 has no fixed scale; cosine
similarity does, so it is scaled to [0, 1] from the theoretical minimum 0).

Chroma is where vectors are kept (on disk or on a server). A library small enough
to hold in memory (up to IN_MEMORY_CHUNKS) is also searched exactly from a matrix
read once from Chroma: exact rather than approximate, and without a round trip
per query. Larger libraries are searched through Chroma's index.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.embeddings import Embedder, get_embedder
from assistant.lexical import LexicalIndex
from assistant.library import Library, LibraryError, current_version, load_library
from assistant.settings import Settings
from assistant.store import VectorStore, read_matrix, stored_vectors, unavailable
from assistant.types import Filters, Hit, Paper


IN_MEMORY_CHUNKS = 200_000  # 384-d float32: ~300 MB at the limit
NAMED_BOOST = 1.0  # fused scores are at most 1: a named paper outranks every unnamed one


@dataclass(frozen=True)
class FusionConfig:
    dense_weight: float = 0.5  # the rest goes to BM25
    candidates: int = 200  # chunks fetched from each side
    passages: int = 2  # best passages kept per paper


def release_free_memory() -> None:
    """Hand memory freed while loading (parsed manifest, tokens, HTTP buffers) back to the OS.

    Loading a large library peaks at about three times what the index keeps; glibc holds on to the freed
    arenas, so without this a serving process would stay at its loading peak (at 50k chunks: 640 MiB
    instead of 230). A no-op where the C library has no malloc_trim.
    """
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


class Index:
    """A loaded library, ready to search: paper table, BM25 index and the Chroma collection."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None, library: Library | None = None,
                 fusion: FusionConfig | None = None):
        self.settings = settings
        self.library = library or load_library(settings)
        self.embedder = embedder or get_embedder(settings)
        self.fusion = fusion or FusionConfig()
        if self.library.embedder != self.embedder.name:
            raise LibraryError(f"the library was built with the {self.library.embedder} embedder, but "
                               f"{self.embedder.name} is configured (ASSISTANT_EMBEDDINGS); run `python -m ingest` "
                               "to rebuild it")
        self.papers: dict[str, Paper] = {p.paper_id: p for p in self.library.papers}
        self.chunks = {c.chunk_id: c for c in self.library.chunks}
        ids = [c.chunk_id for c in self.library.chunks]
        self.chunk_paper = np.array([c.paper_id for c in self.library.chunks], dtype=object)
        self.lexical = LexicalIndex(ids, [c.text for c in self.library.chunks])
        self.store = VectorStore(settings, self.library.collection)
        self.ids = ids
        self.first_chunk: dict[str, str] = {}  # paper id -> id of its first chunk (title + opening)
        for chunk in self.library.chunks:
            self.first_chunk.setdefault(chunk.paper_id, chunk.chunk_id)
        self.matrix: np.ndarray | None = None
        if len(ids) <= IN_MEMORY_CHUNKS:
            try:
                matrix, missing = read_matrix(self.store, ids, self.embedder.dimension)
            except Exception as error:  # noqa: BLE001 - a damaged store or a server gone: one clear error
                raise unavailable(settings, error) from None
            if missing:
                raise LibraryError(f"the vector store lacks {missing} of the library's chunks; "
                                   "run `python -m ingest` to repair it")
            self.matrix = matrix
        release_free_memory()

    @property
    def version(self) -> str:
        """The library version this index was loaded from (see :func:`assistant.library.current_version`)."""
        return self.library.version

    def is_current(self) -> bool:
        """Whether the stored library is still the one this index was loaded from (one small read)."""
        return current_version(self.settings) == self.version

    def reloaded(self) -> Index:
        """A new index of the library as it is stored now, sharing this one's embedder and fusion settings."""
        return Index(self.settings, self.embedder, fusion=self.fusion)

    def allowed(self, filters: Filters | None) -> set[str] | None:
        """Paper ids the filters allow, or None when there are no filters."""
        if filters is None or filters.is_empty():
            return None
        return {pid for pid, paper in self.papers.items() if filters.allows(paper)}

    def vectors_of(self, chunk_ids: list[str]) -> np.ndarray:
        """The stored vectors of these chunks (from memory when the library is held there)."""
        if self.matrix is not None:
            return self.matrix[[self.lexical.position[c] for c in chunk_ids]]
        found = stored_vectors(self.store, chunk_ids)
        return np.stack([found[c] for c in chunk_ids])

    def best_similarities(self, vectors: np.ndarray) -> np.ndarray:
        """Each query vector's best cosine similarity to any passage of the library."""
        if len(vectors) == 0 or not self.ids:
            return np.zeros(len(vectors), np.float32)
        if self.matrix is not None:
            return (vectors @ self.matrix.T).max(axis=1)
        return np.array([max((s for _, s in self.store.query(v, 1, None)), default=0.0) for v in vectors])

    def hit_for(self, paper: Paper) -> Hit:
        """A paper as a hit without a search: its opening passage (for papers a question names)."""
        first = self.first_chunk.get(paper.paper_id)
        return Hit(paper, 0.0, [self.passage(first)] if first else [])

    def passage(self, chunk_id: str) -> str:
        text = self.chunks[chunk_id].text
        return text.split("\n", 1)[1] if "\n" in text else text

    def search(self, query: str, k: int = 5, filters: Filters | None = None,
               boost: set[str] | None = None) -> list[Hit]:
        """The k best papers for the query (one hit per paper, with its best passages).

        Args:
            boost: ids of papers the question names (e.g. "Nimbus"); they rank first among what matches.
        """
        allowed = self.allowed(filters)
        if (allowed is not None and not allowed) or not self.ids or not query.strip():
            return []
        n = self.fusion.candidates
        vector = self.embedder.embed_batch([query])[0]
        mask = None if allowed is None else np.isin(self.chunk_paper, list(allowed))
        dense = self.dense_search(vector, n, mask, allowed)
        sparse = self.lexical.search(query, n, mask)
        return self.fuse(dense, sparse, k, boost or set())

    def dense_search(self, vector: np.ndarray, n: int, mask: np.ndarray | None = None,
                     allowed: set[str] | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) pairs, best first: exact in memory, else through Chroma."""
        if self.matrix is None:
            where = {"paper_id": {"$in": sorted(allowed)}} if allowed is not None else None
            return self.store.query(vector, n, where)
        scores = self.matrix @ vector
        if mask is not None:
            scores = np.where(mask, scores, -np.inf)
        n = min(n, len(self.ids) if mask is None else int(mask.sum()))
        if n <= 0:
            return []
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.ids[i], float(scores[i])) for i in top]

    def fuse(self, dense: list[tuple[str, float]], sparse: list[tuple[str, float]], k: int,
             boost: set[str] = frozenset()) -> list[Hit]:
        weight = self.fusion.dense_weight
        best_dense: dict[str, float] = {}
        best_sparse: dict[str, float] = {}
        chunk_scores: dict[str, float] = {}
        top_dense = max((s for _, s in dense), default=0.0) or 1.0
        top_sparse = max((s for _, s in sparse), default=0.0) or 1.0
        for chunk_id, score in dense:
            pid = self.chunks[chunk_id].paper_id
            best_dense[pid] = max(best_dense.get(pid, 0.0), score)
            chunk_scores[chunk_id] = chunk_scores.get(chunk_id, 0.0) + weight * max(score, 0.0) / top_dense
        for chunk_id, score in sparse:
            pid = self.chunks[chunk_id].paper_id
            best_sparse[pid] = max(best_sparse.get(pid, 0.0), score)
            chunk_scores[chunk_id] = chunk_scores.get(chunk_id, 0.0) + (1 - weight) * score / top_sparse
        # A paper's score: its two sides' best scores, each normalised, combined.
        paper_scores = {
            pid: weight * max(best_dense.get(pid, 0.0), 0.0) / top_dense
            + (1 - weight) * best_sparse.get(pid, 0.0) / top_sparse
            for pid in set(best_dense) | set(best_sparse)
        }
        for pid in boost & set(paper_scores):
            paper_scores[pid] += NAMED_BOOST
        ranked = sorted(paper_scores.items(), key=lambda item: (-item[1], item[0]))[:k]
        by_paper: dict[str, list[tuple[float, str]]] = {}
        for chunk_id, score in chunk_scores.items():
            by_paper.setdefault(self.chunks[chunk_id].paper_id, []).append((score, chunk_id))
        standout = robust_z(best_dense)
        hits = []
        for pid, score in ranked:
            best = sorted(by_paper.get(pid, []), key=lambda item: (-item[0], item[1]))[: self.fusion.passages]
            ordered = sorted(best, key=lambda item: self.chunks[item[1]].index)
            hits.append(Hit(self.papers[pid], score, [self.passage(c) for _, c in ordered],
                            dense=best_dense.get(pid, 0.0), lexical=best_sparse.get(pid, 0.0),
                            standout=standout.get(pid, 0.0), boost=NAMED_BOOST if pid in boost else 0.0))
        return hits


def robust_scale(values) -> tuple[float, float]:
    """The median of the values and their robust standard deviation (1.4826 MAD, at least 0.001)."""
    array = np.asarray(list(values), dtype=np.float64)
    if not array.size:
        return 0.0, 1e-3
    median = float(np.median(array))
    return median, max(1.4826 * float(np.median(np.abs(array - median))), 1e-3)


def robust_z(values: dict[str, float]) -> dict[str, float]:
    """Each value's distance from the median of them all, in robust standard deviations."""
    median, spread = robust_scale(values.values())
    return {key: (value - median) / spread for key, value in values.items()}


class HybridRetriever(BaseRetriever):
    """LangChain view of :class:`Index`: one Document per paper, metadata carrying title and year."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    index: Index
    k: int = 5
    filters: Filters | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun
                                ) -> list[Document]:
        return [
            Document(page_content="\n".join(hit.passages) or hit.paper.title,
                     metadata={"title": hit.paper.title, "year": hit.paper.year, "score": hit.score,
                               "paper_id": hit.paper.paper_id})
            for hit in self.index.search(query, self.k, self.filters)
        ]

