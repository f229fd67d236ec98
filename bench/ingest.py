"""Ingest speed: the product vs LangChain's `Chroma.from_documents` with the same embedder, vs raw embedding.

Run: `python -m bench.ingest [--n 2000]` (~10 minutes on 2 cores: the 2,000 abstracts are embedded three times).
Embedding is the floor on this machine; the target is a first ingest within 10% of it, and a re-ingest of
the unchanged record in under a second.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import time
from pathlib import Path

from assistant.embeddings import LocalEmbedder
from assistant.library import read_manifest
from assistant.settings import Settings
from bench.common import CACHE, ROOT, SHARED_DATA, log, require, save, table
from ingest.chunking import chunk_papers
from ingest.parsers import parse_file
from ingest.pipeline import ingest


def sample_corpus(n: int) -> Path:
    """The first n abstracts of the shared conference corpus, as a JSONL record in the bench cache."""
    source = require(SHARED_DATA / "paperlists" / "corpus.jsonl.gz")
    target = CACHE / f"paperlists-{n}.jsonl"
    CACHE.mkdir(parents=True, exist_ok=True)
    with gzip.open(source, "rt") as handle, target.open("w") as out:
        for i, line in enumerate(handle):
            if i >= n:
                break
            record = json.loads(line)
            meta = record.get("metadata", {})
            out.write(json.dumps({"title": record["title"], "abstract": record["text"], "year": meta.get("year"),
                                  "venue": meta.get("venue", ""), "authors": meta.get("authors", [])}) + "\n")
    return target


def measure(name: str, path: Path, embedder: LocalEmbedder) -> dict:
    settings = Settings(store_dir=CACHE / f"ingest-{name}")
    shutil.rmtree(settings.store_dir, ignore_errors=True)
    papers = parse_file(path).papers
    texts = [c.text for c in chunk_papers(papers, settings.chunk_size, settings.chunk_overlap)]
    log(f"{name}: {len(papers)} papers, {len(texts)} chunks")

    started = time.perf_counter()
    embedder.embed_batch(texts)  # one call: the embedder orders everything by length itself
    raw = time.perf_counter() - started

    started = time.perf_counter()
    report = ingest([path], settings, embedder=embedder)
    product = time.perf_counter() - started

    started = time.perf_counter()
    again = ingest([path], settings, embedder=embedder)
    reingest = time.perf_counter() - started
    assert again.embedded == 0

    from langchain_chroma import Chroma
    from langchain_core.documents import Document

    folder = CACHE / f"ingest-{name}-langchain"
    shutil.rmtree(folder, ignore_errors=True)
    manifest = read_manifest(settings)
    docs = [Document(c.text, metadata={"paper_id": c.paper_id}) for c in manifest.chunks]
    started = time.perf_counter()
    Chroma.from_documents(docs, embedder, persist_directory=str(folder), collection_name="tutorial")
    langchain = time.perf_counter() - started
    shutil.rmtree(folder, ignore_errors=True)

    return {"papers": report.papers, "chunks": report.chunks, "raw_embedding_s": round(raw, 2),
            "product_first_ingest_s": round(product, 2), "langchain_from_documents_s": round(langchain, 2),
            "product_over_raw": round(product / raw, 3), "langchain_over_raw": round(langchain / raw, 3),
            "product_reingest_unchanged_s": round(reingest, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=2000, help="abstracts from the shared corpus")
    args = parser.parse_args()
    embedder = LocalEmbedder()
    embedder.embed_batch(["warm-up"])
    import chromadb  # noqa: F401 - imported before any timing, so no contender pays for it
    import langchain_chroma  # noqa: F401
    results = {"shipped record": measure("record", ROOT / "data" / "fan_lai_profile.txt", embedder),
               f"{args.n} conference abstracts": measure(f"paperlists-{args.n}", sample_corpus(args.n), embedder)}
    rows = [[name, r["papers"], r["chunks"], r["raw_embedding_s"], r["product_first_ingest_s"],
             r["langchain_from_documents_s"], r["product_over_raw"], r["langchain_over_raw"],
             r["product_reingest_unchanged_s"]] for name, r in results.items()]
    print(table(["data", "papers", "chunks", "raw embedding s", "product s", "LangChain from_documents s",
                 "product / raw", "LangChain / raw", "re-ingest unchanged s"], rows))
    save("ingest", {"results": results})


if __name__ == "__main__":
    main()
