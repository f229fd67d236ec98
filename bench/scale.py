"""Search latency and memory as the library grows: 1k, 10k and 50k chunks, against LangChain's EnsembleRetriever.

Run: `python -m bench.scale` (~10 minutes). `python -m bench.scale --server` instead keeps the library on a
Chroma server (`chroma run`, started here on loopback) at 10k, 50k and 100k chunks, as replicas share it:
it reports the time a serving process takes to load the library from the server, its memory, and search
latency (targets at 100k: p95 under 100 ms, under 1 GB per process). Texts and titles are real (the shared conference corpus), so BM25
works on real vocabulary; the stored vectors are SYNTHETIC (random unit vectors of the embedder's dimension),
because embedding 50k abstracts takes hours on two cores. Queries are embedded by the real embedder. Ingest
throughput with the real embedder is measured by `python -m bench.ingest`.
"""

from __future__ import annotations

import gc
import gzip
import json
import os
import shutil
import statistics
import time

import numpy as np

from assistant.embeddings import LocalEmbedder
from assistant.library import Library, StoredChunk, write_manifest
from assistant.retrieve import Index
from assistant.settings import Settings
from assistant.store import VectorStore, vector_collection
from assistant.types import Paper
from bench.common import CACHE, SHARED_DATA, log, require, save, table
from ingest.chunking import chunk_papers

SIZES = [1_000, 10_000, 50_000]
SERVER_SIZES = [10_000, 50_000, 100_000]
QUERIES = ["federated learning with heterogeneous clients", "robot grasping with tactile sensing",
           "efficient transformer inference", "graph neural networks for molecules",
           "reinforcement learning from human feedback", "semantic segmentation of street scenes",
           "named entity recognition in low-resource languages", "diffusion models for image generation",
           "visual odometry for drones", "sparse attention for long documents"]


def rss_mib() -> float:
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return 0.0


def load_records(n: int) -> list[dict]:
    records = []
    with gzip.open(require(SHARED_DATA / "paperlists" / "corpus.jsonl.gz"), "rt") as handle:
        for line in handle:
            records.append(json.loads(line))
            if len(records) >= n:
                break
    return records


def build(records: list[dict], embedder: LocalEmbedder, size: int, server: tuple[str, int] | None = None) -> Settings:
    """A library of `size` real chunks (the records' abstracts, chunked as ingest does) with synthetic vectors."""
    settings = Settings(store_dir=CACHE / f"scale-{size}", library=f"scale-{size}",
                        **({"chroma_host": server[0], "chroma_port": server[1]} if server else {}))
    shutil.rmtree(settings.store_dir, ignore_errors=True)
    papers, chunks, seen = [], [], set()
    for record in records:
        paper = Paper(title=record["title"], abstract=record["text"], venue=record["metadata"].get("venue", ""))
        if paper.paper_id in seen:  # the corpus repeats a few titles
            continue
        seen.add(paper.paper_id)
        papers.append(paper)
        chunks += [StoredChunk(c.chunk_id, c.paper_id, c.index, c.text)
                   for c in chunk_papers([paper], settings.chunk_size, settings.chunk_overlap)]
        if len(chunks) >= size:
            break
    chunks = chunks[:size]
    name = vector_collection(settings, embedder.name)
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((len(chunks), embedder.dimension)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    store = VectorStore(settings, name)
    store.upsert([c.chunk_id for c in chunks], vectors, [c.text for c in chunks],
                 [{"paper_id": c.paper_id} for c in chunks])
    write_manifest(settings, Library(collection=name, embedder=embedder.name, papers=papers, chunks=chunks))
    return settings


def latencies(fn) -> list[float]:
    for query in QUERIES[:3]:
        fn(query)
    times = []
    for _ in range(3):
        for query in QUERIES:
            started = time.perf_counter()
            fn(query)
            times.append((time.perf_counter() - started) * 1000)
    return times


def on_server(sizes: list[int]) -> None:
    """The library on a Chroma server: what a stateless serving process pays to load it, and search latency.

    Every library is written first and the corpus dropped, so the process measured holds what a serving
    replica holds (embedder, Chroma client, the loaded index) and nothing of the benchmark's own data.
    """
    import sys
    import tempfile
    from pathlib import Path

    from assistant.retrieve import release_free_memory
    from tests.test_chroma_server import start_chroma

    embedder = LocalEmbedder()
    embedder.embed_batch(["warm-up"])
    rows, results = [], {}
    with tempfile.TemporaryDirectory() as folder:
        process, port = start_chroma(Path(folder))
        try:
            records = load_records(max(sizes))
            written = {}
            for size in sizes:
                log(f"{size} chunks on the Chroma server: writing ...")
                began = time.perf_counter()
                written[size] = (build(records, embedder, size, ("127.0.0.1", port)), time.perf_counter() - began)
            del records
            release_free_memory()
            for size, (settings, seconds) in written.items():
                before = rss_mib()
                began = time.perf_counter()
                index = Index(settings, embedder)
                loaded = time.perf_counter() - began
                index.search(QUERIES[0], 5)
                memory = rss_mib() - before
                product = latencies(lambda q: index.search(q, 5))
                result = {"write_s": round(seconds, 1), "load_s": round(loaded, 1),
                          "product_p50_ms": round(statistics.median(product), 2),
                          "product_p95_ms": round(sorted(product)[int(0.95 * len(product))], 2),
                          "index_memory_mib": round(memory, 1), "process_rss_mib": round(rss_mib(), 1),
                          "load_average": round(os.getloadavg()[0], 1)}
                results[str(size)] = result
                rows.append([size, result["write_s"], result["load_s"], result["product_p50_ms"],
                             result["product_p95_ms"], result["index_memory_mib"], result["process_rss_mib"]])
                log(str(result))
                del index
                release_free_memory()
        finally:
            process.terminate()
            process.wait(timeout=60)
    print(table(["chunks on the server (synthetic vectors)", "write s", "process load s", "search p50 ms",
                 "search p95 ms", "index memory MiB", "process RSS MiB"], rows))
    save("scale_server", {"vectors": "synthetic random unit vectors (384-d); real texts for BM25",
                          "python": sys.version.split()[0], "results": results})


def main() -> None:
    import sys

    if "--server" in sys.argv[1:]:  # optionally followed by sizes: --server 100000
        given = [int(a) for a in sys.argv[sys.argv.index("--server") + 1:] if a.isdigit()]
        on_server(given or SERVER_SIZES)
        return
    embedder = LocalEmbedder()
    embedder.embed_batch(["warm-up"])
    records = load_records(max(SIZES))
    rows, results = [], {}
    for size in SIZES:
        log(f"{size} chunks: building ...")
        settings = build(records, embedder, size)
        gc.collect()
        before = rss_mib()
        index = Index(settings, embedder)
        index.search(QUERIES[0], 5)
        memory = rss_mib() - before
        product = latencies(lambda q: index.search(q, 5))

        from langchain_chroma import Chroma
        from langchain_classic.retrievers import EnsembleRetriever
        from langchain_community.retrievers import BM25Retriever
        from langchain_core.documents import Document

        docs = [Document(c.text) for c in index.library.chunks]
        bm25 = BM25Retriever.from_documents(docs, k=10)
        chroma = Chroma(client=index.store.client, collection_name=index.store.name, embedding_function=embedder)
        ensemble = EnsembleRetriever(retrievers=[bm25, chroma.as_retriever(search_kwargs={"k": 10})],
                                     weights=[0.5, 0.5])
        baseline = latencies(ensemble.invoke)
        result = {"product_p50_ms": round(statistics.median(product), 2),
                  "product_p95_ms": round(sorted(product)[int(0.95 * len(product))], 2),
                  "ensemble_p50_ms": round(statistics.median(baseline), 2),
                  "index_memory_mib": round(memory, 1)}
        result["speedup_p50"] = round(result["ensemble_p50_ms"] / result["product_p50_ms"], 1)
        results[str(size)] = result
        rows.append([size, result["product_p50_ms"], result["product_p95_ms"], result["ensemble_p50_ms"],
                     result["speedup_p50"], result["index_memory_mib"]])
        del index, ensemble, bm25, chroma, docs
        shutil.rmtree(settings.store_dir, ignore_errors=True)
    print(table(["chunks (synthetic vectors)", "product p50 ms", "product p95 ms", "EnsembleRetriever p50 ms",
                 "speed-up", "index memory MiB"], rows))
    save("scale", {"vectors": "synthetic random unit vectors (384-d); real texts for BM25", "results": results})


if __name__ == "__main__":
    main()
