"""The offline embedder and chunking: pinned model files, real vectors, stable ids, index naming."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from assistant import embeddings
from assistant.store import collection_name
from assistant.types import Paper
from ingest.chunking import chunk_papers


def test_vectors_are_unit_length_and_meaningful(embedder):
    vectors = embedder.embed_batch(["federated learning with client selection",
                                    "selecting participants for federated training",
                                    "a recipe for tomato soup"])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > 0.5 > vectors[0] @ vectors[2]


def test_a_query_alone_and_in_a_batch_embed_the_same(embedder):
    alone = embedder.embed_query("How does Oort select participants?")
    batch = embedder.embed_documents(["x", "How does Oort select participants?", "y z"])[1]
    assert np.allclose(alone, batch, atol=1e-5)


def test_a_model_file_that_does_not_match_its_hash_is_refused(monkeypatch):
    monkeypatch.setattr(embeddings, "MODEL_SHA256", "0" * 64)
    with pytest.raises(RuntimeError, match="does not match its pinned sha256"):
        embeddings.local_model_files()


PAPER = Paper(title="Oort: Efficient Federated Learning via Guided Participant Selection",
              abstract=" ".join(f"Sentence number {i} says something about federated learning." for i in range(60)),
              date=date(2020, 10, 12), date_precision="day", category="LG")


def test_chunks_carry_the_title_and_have_stable_content_ids():
    first = chunk_papers([PAPER], 1000, 150)
    again = chunk_papers([PAPER], 1000, 150)
    assert len(first) > 1 and [c.chunk_id for c in first] == [c.chunk_id for c in again]
    assert all(c.text.startswith(PAPER.title + "\n") and len(c.text) <= 1000 + len(PAPER.title) + 1 for c in first)
    assert all(c.metadata["title"] == PAPER.title and c.metadata["year"] == 2020 for c in first)
    changed = Paper(**{**PAPER.__dict__, "abstract": PAPER.abstract.replace("number 59", "number sixty")})
    ids = {c.chunk_id for c in chunk_papers([changed], 1000, 150)}
    assert ids & {c.chunk_id for c in first} and ids != {c.chunk_id for c in first}  # only the last chunk moved


def test_a_paper_without_an_abstract_is_one_title_chunk():
    paper = Paper(title="A Paper Known Only by Its Title", venue="OSDI")
    (chunk,) = chunk_papers([paper], 1000, 150)
    assert chunk.text == "A Paper Known Only by Its Title\nOSDI"


def test_collection_name_follows_model_and_chunking():
    base = collection_name("all-MiniLM-L6-v2-int8", 1000, 150)
    assert base != collection_name("all-MiniLM-L6-v2-int8", 800, 150)
    assert base != collection_name("openai-text-embedding-3-small", 1000, 150)
    assert 3 <= len(base) <= 512 and base[0].isalnum() and base[-1].isalnum()
