"""Retrieval quality on the golden set and speed of search/ask, each against a LangChain baseline run here.

Run: `python -m bench.search` (about 2 minutes; builds the shipped record's library in bench/cache).
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from assistant.chain import Assistant
from assistant.embeddings import LocalEmbedder
from assistant.evaluate import DEFAULT_GOLDEN, load_golden
from assistant.retrieve import Index
from assistant.settings import Settings
from bench.common import CACHE, ROOT, log, save, table
from ingest.pipeline import ingest

RECORD = ROOT / "data" / "fan_lai_profile.txt"
REPEATS = 5


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def papers_in_text(text: str, papers) -> set[str]:
    """Which papers a free-form chunk of the record covers (title present, or a long stretch of its abstract)."""
    found = set()
    for paper in papers:
        if paper.title in text or any(paper.abstract[i:i + 60] in text for i in range(0, len(paper.abstract), 60)
                                      if len(paper.abstract[i:i + 60]) == 60):
            found.add(paper.title)
    return found


def recall(runs: dict[str, list[str]], questions) -> float:
    scored = [q for q in questions if q.gold_titles]
    return round(sum(len(set(q.gold_titles) & set(runs[q.id])) / len(q.gold_titles) for q in scored)
                 / len(scored), 3)


def tutorial_pipeline(embedder, papers, questions):
    """The LangChain RAG tutorial: whole file, 1,000-character chunks, Chroma.from_documents, top-4 similarity."""
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    docs = splitter.split_documents([Document(RECORD.read_text(), metadata={"source": str(RECORD)})])
    store = Chroma.from_documents(docs, embedder, collection_name=f"tutorial-{time.time_ns()}")
    runs = {}
    for q in questions:
        found: list[str] = []
        for doc in store.similarity_search(q.question, k=4):
            found += [t for t in papers_in_text(doc.page_content, papers) if t not in found]
        runs[q.id] = found
    return runs


def single_side(index: Index, questions, side: str, k: int = 5):
    runs = {}
    for q in questions:
        if side == "bm25":
            pairs = index.lexical.search(q.question, 50)
        else:
            pairs = index.dense_search(index.embedder.embed_batch([q.question])[0], 50)
        titles: list[str] = []
        for chunk_id, _ in pairs:
            title = index.papers[index.chunks[chunk_id].paper_id].title
            if title not in titles:
                titles.append(title)
        runs[q.id] = titles[:k]
    return runs


def ensemble_retriever(index: Index, embedder):
    """LangChain's EnsembleRetriever (BM25Retriever + Chroma) over the same chunks."""
    from langchain_chroma import Chroma
    from langchain_classic.retrievers import EnsembleRetriever
    from langchain_community.retrievers import BM25Retriever
    from langchain_core.documents import Document

    docs = [Document(c.text, metadata={"paper_id": c.paper_id}) for c in index.library.chunks]
    bm25 = BM25Retriever.from_documents(docs, k=10)
    chroma = Chroma.from_documents(docs, embedder, collection_name=f"ensemble-{time.time_ns()}")
    return EnsembleRetriever(retrievers=[bm25, chroma.as_retriever(search_kwargs={"k": 10})], weights=[0.5, 0.5])


class PrecomputedEmbedder(LocalEmbedder):
    """The same model, with the benchmark's query vectors computed ahead: isolates the retrieval work."""

    def __init__(self, queries: list[str]):
        super().__init__()
        self.known = {q: v for q, v in zip(queries, super().embed_all(queries))}

    def embed_all(self, texts, on_progress=None):
        if all(t in self.known for t in texts):
            return np.stack([self.known[t] for t in texts])
        return super().embed_all(texts, on_progress)


def timed(fn, queries: list[str]) -> list[float]:
    times = []
    for _ in range(REPEATS):
        for query in queries:
            started = time.perf_counter()
            fn(query)
            times.append((time.perf_counter() - started) * 1000)
    return times


def first_token(settings: Settings, index: Index, questions) -> dict:
    """Time to the first streamed token against a local OpenAI-compatible server: product vs bare client."""
    import openai

    from tests.llm_server import Reply, ScriptedLLMServer

    with ScriptedLLMServer() as server:
        server.default = Reply(text="Oort improves time-to-accuracy by 1.2x-14.1x [1]. " * 5)
        online = Settings(store_dir=settings.store_dir, openai_api_key="sk-bench", openai_base_url=server.base_url,
                          chat_model="bench-model")
        assistant = Assistant(online, Index(online, index.embedder))
        client = openai.OpenAI(base_url=server.base_url, api_key="sk-bench")
        product, bare = [], []
        asked = [q.question for q in questions if q.type in ("single_paper", "paraphrased")]
        for question in asked:
            started = time.perf_counter()
            for event in assistant.stream(question):
                if event.kind == "delta":
                    product.append((time.perf_counter() - started) * 1000)
                    break
            started = time.perf_counter()
            stream = client.chat.completions.create(model="bench-model", stream=True,
                                                    messages=[{"role": "user", "content": question}])
            for chunk in stream:
                if chunk.choices and chunk.choices[0].delta.content:
                    bare.append((time.perf_counter() - started) * 1000)
                    break
            stream.close()
    return {"product_p50_ms": round(statistics.median(product), 1),
            "bare_openai_client_p50_ms": round(statistics.median(bare), 1)}


def main() -> None:
    settings = Settings(store_dir=CACHE / "record-store")
    embedder = LocalEmbedder()
    ingest([ROOT / "data"], settings, embedder=embedder)
    index = Index(settings, embedder)
    assistant = Assistant(settings, index)
    questions = load_golden(DEFAULT_GOLDEN)
    papers = index.library.papers

    log("retrieval quality ...")
    product_runs = {}
    ask_ms = []
    for q in questions:
        started = time.perf_counter()
        answer = assistant.ask(q.question, q.mode, q.history)
        ask_ms.append((time.perf_counter() - started) * 1000)
        product_runs[q.id] = [p.title for p in answer.retrieved] + [c.title for c in answer.citations]
    quality = {
        "LangChain tutorial (whole file, 1,000-char chunks, top-4)": recall(
            tutorial_pipeline(embedder, papers, questions), questions),
        "BM25 alone (top-5 papers)": recall(single_side(index, questions, "bm25"), questions),
        "dense alone (top-5 papers)": recall(single_side(index, questions, "dense"), questions),
        "product (routing + hybrid + filters)": recall(product_runs, questions),
    }
    by_type = {}
    for kind in sorted({q.type for q in questions if q.gold_titles}):
        subset = [q for q in questions if q.type == kind]
        by_type[kind] = recall(product_runs, subset)

    log("search latency ...")
    queries = [q.question for q in questions]
    ensemble = ensemble_retriever(index, embedder)
    for query in queries[:5]:  # warm both
        index.search(query, 5)
        ensemble.invoke(query)
    product_ms = timed(lambda q: index.search(q, 5), queries)
    ensemble_ms = timed(ensemble.invoke, queries)
    latency = {
        "product_p50_ms": round(statistics.median(product_ms), 2),
        "product_p95_ms": round(percentile(product_ms, 0.95), 2),
        "ensemble_p50_ms": round(statistics.median(ensemble_ms), 2),
        "ensemble_p95_ms": round(percentile(ensemble_ms, 0.95), 2),
    }
    latency["speedup_p50"] = round(latency["ensemble_p50_ms"] / latency["product_p50_ms"], 2)
    # The query embedding is the same model call on both sides and most of either's time; without it:
    precomputed = PrecomputedEmbedder(queries)
    bare_index = Index(settings, precomputed)
    bare_ensemble = ensemble_retriever(bare_index, precomputed)
    for query in queries[:5]:
        bare_index.search(query, 5)
        bare_ensemble.invoke(query)
    product_bare = timed(lambda q: bare_index.search(q, 5), queries)
    ensemble_bare = timed(bare_ensemble.invoke, queries)
    latency["without_embedding_product_p50_ms"] = round(statistics.median(product_bare), 3)
    latency["without_embedding_ensemble_p50_ms"] = round(statistics.median(ensemble_bare), 3)
    latency["without_embedding_speedup_p50"] = round(statistics.median(ensemble_bare)
                                                     / statistics.median(product_bare), 1)
    ask = {"offline_ask_p50_ms": round(statistics.median(ask_ms), 1),
           "offline_ask_p95_ms": round(percentile(ask_ms, 0.95), 1)}
    log("time to first token ...")
    ttft = first_token(settings, index, questions)

    print(table(["system", "recall of gold papers"], [[k, v] for k, v in quality.items()]))
    print()
    print(table(["question type", "product recall"], [[k, v] for k, v in by_type.items()]))
    print()
    print(table(["search", "p50 ms", "p95 ms"], [
        ["product Index.search", latency["product_p50_ms"], latency["product_p95_ms"]],
        ["LangChain EnsembleRetriever (BM25Retriever + Chroma)", latency["ensemble_p50_ms"],
         latency["ensemble_p95_ms"]]]))
    print(f"\nproduct is {latency['speedup_p50']}x faster at p50; with query vectors precomputed for both, "
          f"{latency['without_embedding_product_p50_ms']} vs {latency['without_embedding_ensemble_p50_ms']} ms "
          f"({latency['without_embedding_speedup_p50']}x)")
    print(f"offline ask: p50 {ask['offline_ask_p50_ms']} ms, p95 {ask['offline_ask_p95_ms']} ms")
    print(f"first streamed token: product {ttft['product_p50_ms']} ms vs bare openai client "
          f"{ttft['bare_openai_client_p50_ms']} ms (p50)")
    save("search", {"questions": len(questions), "recall": quality, "recall_by_type": by_type,
                    "search_latency": latency, "ask_latency": ask, "first_token": ttft})


if __name__ == "__main__":
    main()
