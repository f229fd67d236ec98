"""Shared fixtures: a real offline embedder (counting its work) and throw-away stores."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
# Tests never reach a real LLM: they start their own OpenAI-compatible server when they need one.
for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "CHROMA_HOST"):
    os.environ.pop(name, None)

from assistant.embeddings import LocalEmbedder  # noqa: E402
from assistant.settings import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "data" / "fan_lai_profile.txt"
SIDECAR = ROOT / "data" / "fan_lai_profile.meta.json"


class CountingEmbedder(LocalEmbedder):
    """The real local embedder, counting how many texts it embedded."""

    def __init__(self):
        super().__init__()
        self.embedded = 0

    def embed_all(self, texts: list[str], on_progress=None) -> np.ndarray:
        self.embedded += len(texts)
        return super().embed_all(texts, on_progress)


@pytest.fixture(scope="session")
def embedder() -> CountingEmbedder:
    return CountingEmbedder()


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(store_dir=tmp_path / "store", data_dir=ROOT / "data")


@pytest.fixture
def record_copy(tmp_path) -> Path:
    """A writable copy of the shipped record with its sidecar."""
    folder = tmp_path / "record"
    folder.mkdir()
    shutil.copy(RECORD, folder / RECORD.name)
    shutil.copy(SIDECAR, folder / SIDECAR.name)
    return folder / RECORD.name


@pytest.fixture(scope="session")
def built_library(tmp_path_factory, embedder):
    """The shipped record ingested once per test session; tests must not modify it."""
    from ingest.pipeline import ingest

    settings = Settings(store_dir=tmp_path_factory.mktemp("library") / "store", data_dir=ROOT / "data")
    ingest([ROOT / "data"], settings, embedder=embedder)
    return settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
