"""Retrieval quality on BEIR SciFact: BM25 alone, dense alone, plain rank fusion and the product's hybrid.

Run: `python -m bench.scifact [--split test|train]` (first run embeds 5,183 abstracts, ~15 min on 2 cores;
the library is cached in bench/cache/scifact and reused).
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
from collections import defaultdict

from assistant.retrieve import FusionConfig, Index
from assistant.settings import Settings
from assistant.types import normalise_title
from bench.common import CACHE, SHARED_DATA, log, require, save, table
from ingest.pipeline import ingest

FOLDER = SHARED_DATA / "scifact"


def load(split: str):
    corpus = [json.loads(line) for line in gzip.open(require(FOLDER / "corpus.jsonl.gz"))]
    queries = {q["id"]: q["text"] for q in map(json.loads, gzip.open(FOLDER / f"queries.{split}.jsonl.gz"))}
    qrels: dict[str, set[str]] = defaultdict(set)
    for line in (FOLDER / f"qrels.{split}.tsv").read_text().splitlines()[1:]:
        qid, doc, score = line.split("\t")
        if int(score) > 0:
            qrels[qid].add(doc)
    return corpus, {q: t for q, t in queries.items() if q in qrels}, qrels


def build(corpus: list[dict]) -> tuple[Settings, dict[str, str]]:
    """Ingest the corpus through the product's own pipeline; returns settings and title -> doc id."""
    folder = CACHE / "scifact"
    folder.mkdir(parents=True, exist_ok=True)
    seen: dict[str, int] = {}
    title_to_doc = {}
    source = folder / "corpus.jsonl"
    with source.open("w") as handle:
        for doc in corpus:
            title = doc["title"].strip() or doc["id"]
            key = normalise_title(title)
            if key in seen:  # the product merges duplicate titles; SciFact has 3 distinct documents sharing one
                title = f"{title} ({doc['id']})"
            seen[normalise_title(title)] = 1
            title_to_doc[normalise_title(title)] = doc["id"]
            handle.write(json.dumps({"title": title, "abstract": doc["text"]}) + "\n")
    settings = Settings(store_dir=folder / "store")
    report = ingest([source], settings, progress=True)
    log(f"library: {report.papers} papers, {report.chunks} chunks, {report.embedded} embedded")
    return settings, title_to_doc


def ndcg_at_10(ranked: list[str], relevant: set[str]) -> float:
    dcg = sum(1 / math.log2(i + 2) for i, d in enumerate(ranked[:10]) if d in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), 10)))
    return dcg / ideal


def evaluate(run: dict[str, list[str]], qrels) -> dict:
    n = len(run)
    return {
        "ndcg@10": round(sum(ndcg_at_10(r, qrels[q]) for q, r in run.items()) / n, 4),
        "recall@100": round(sum(len(set(r[:100]) & qrels[q]) / len(qrels[q]) for q, r in run.items()) / n, 4),
    }


def systems(index: Index, queries: dict[str, str], title_to_doc: dict[str, str], weights=(0.5,)):
    """Run every system over the queries; returns name -> {query id: ranked doc ids}."""
    doc_of = {pid: title_to_doc[normalise_title(p.title)] for pid, p in index.papers.items()}
    chunk_doc = {cid: doc_of[c.paper_id] for cid, c in index.chunks.items()}

    def dedupe(pairs):
        out, seen = [], set()
        for cid, _ in pairs:
            doc = chunk_doc[cid]
            if doc not in seen:
                seen.add(doc)
                out.append(doc)
        return out

    runs: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for qid, text in queries.items():
        vector = index.embedder.embed_batch([text])[0]
        dense = index.dense_search(vector, 300)
        sparse = index.lexical.search(text, 300)
        runs["BM25 (bm25s, stemmed)"][qid] = dedupe(sparse)
        runs["dense (MiniLM int8)"][qid] = dedupe(dense)
        rrf: dict[str, float] = defaultdict(float)
        for ranked in (dedupe(dense), dedupe(sparse)):
            for rank, doc in enumerate(ranked):
                rrf[doc] += 1 / (60 + rank + 1)
        runs["rank fusion (RRF k=60)"][qid] = sorted(rrf, key=lambda d: -rrf[d])
        n = FusionConfig().candidates  # the product's own setting
        for weight in weights:
            index.fusion = FusionConfig(dense_weight=weight)
            hits = index.fuse(dense[:n], sparse[:n], 100)
            label = "product hybrid" + ("" if weight == FusionConfig().dense_weight else f" (w={weight})")
            runs[label][qid] = [doc_of[h.paper.paper_id] for h in hits]
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="test", choices=["test", "train"])
    parser.add_argument("--weights", default="0.5", help="comma-separated dense weights to try")
    args = parser.parse_args()
    corpus, queries, qrels = load(args.split)
    settings, title_to_doc = build(corpus)
    index = Index(settings)
    runs = systems(index, queries, title_to_doc, [float(w) for w in args.weights.split(",")])
    results = {name: evaluate(run, qrels) for name, run in runs.items()}
    baselines = json.loads((FOLDER / "baselines.json").read_text())["results"]
    rows = [[name, r["ndcg@10"], r["recall@100"], "measured here"] for name, r in results.items()]
    rows += [[b["system"], b["ndcg@10"], b.get("recall@100", ""), "published"] for b in baselines
             if "BM25" in b["system"] or "MiniLM-L6" in b["system"]]
    print(table(["system", "nDCG@10", "recall@100", "source"], rows))
    if args.split == "test":
        save("scifact", {"split": args.split, "queries": len(queries), "results": results})


if __name__ == "__main__":
    main()
