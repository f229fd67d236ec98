"""Render bench/README.md from the results in bench/results/*.json: `python -m bench.report`."""

from __future__ import annotations

import json

from bench.common import RESULTS, ROOT, table

HEADER = """# Benchmarks

Every number here comes from `bench/results/*.json`, written by the benchmark that measured it, and each
speed figure is a ratio against a baseline run in the same process on the same data. Rerun one with its
command, then `python -m bench.report` to rewrite this page. The shared data (`../shared/data`) is read
from there, never copied; a benchmark whose data is absent says so and exits.
"""


def load(name: str) -> dict | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def stamp(data: dict) -> str:
    return f"_Measured {data['date']} on {data['machine']}._"


def scifact(data: dict) -> str:
    rows = [[name, r["ndcg@10"], r["recall@100"]] for name, r in data["results"].items()]
    published = [["BM25 (BEIR paper, Elasticsearch)", 0.665, ""], ["BM25 (Anserini flat)", 0.6789, 0.9253],
                 ["all-MiniLM-L6-v2 fp32 (MTEB)", 0.645, 0.925], ["BM25 + cross-encoder rerank (BEIR paper)", 0.688,
                                                                 ""]]
    return "\n".join([
        "## Retrieval quality: BEIR SciFact (test split, 300 queries)", "",
        "`python -m bench.scifact` (first run embeds 5,183 abstracts, ~15 min; cached after). Target: nDCG@10 >= "
        "0.72 with the offline embedder, above plain rank fusion.", "",
        table(["system (measured here)", "nDCG@10", "recall@100"], rows), "",
        table(["published (from `../shared/data/scifact/baselines.json`)", "nDCG@10", "recall@100"], published),
        "", stamp(data)])


def search(data: dict) -> str:
    latency, ask, ttft = data["search_latency"], data["ask_latency"], data["first_token"]
    return "\n".join([
        "## Retrieval on the golden set, search and answer latency", "",
        f"`python -m bench.search` (~2 min). Recall of the gold papers over the {data['questions']} golden "
        "questions (`tests/golden/fan_lai.jsonl`), among the papers each system retrieves. Target >= 0.95.", "",
        table(["system", "recall"], [[k, v] for k, v in data["recall"].items()]), "",
        table(["question type", "product recall"], [[k, v] for k, v in data["recall_by_type"].items()]), "",
        "Search on the shipped record (in process, every golden question, 5 rounds). Target: median under "
        "20 ms and at least 3x faster than LangChain's `EnsembleRetriever`.", "",
        table(["search", "p50 ms", "p95 ms"], [
            ["product `Index.search`", latency["product_p50_ms"], latency["product_p95_ms"]],
            ["LangChain `EnsembleRetriever` (BM25Retriever + Chroma), same chunks and embedder",
             latency["ensemble_p50_ms"], latency["ensemble_p95_ms"]],
            ["ratio (baseline / product)", latency["speedup_p50"], ""],
            ["product, query vector precomputed", latency["without_embedding_product_p50_ms"], ""],
            ["EnsembleRetriever, query vector precomputed", latency["without_embedding_ensemble_p50_ms"], ""],
            ["ratio without the shared query embedding", latency["without_embedding_speedup_p50"], ""]]), "",
        "Embedding the question (the same model call on both sides) is over 90% of the product's search time, "
        "which bounds the end-to-end ratio; the rows with precomputed query vectors compare the retrieval work "
        "itself.", "",
        table(["end to end", "p50 ms", "p95 ms / baseline"], [
            ["offline `ask` (route, retrieve, compose, verify)", ask["offline_ask_p50_ms"], ask["offline_ask_p95_ms"]],
            ["first streamed token via the product, local OpenAI-compatible server", ttft["product_p50_ms"],
             f"{ttft['bare_openai_client_p50_ms']} (bare `openai` client, same server)"]]), "",
        stamp(data)])


def ingest(data: dict) -> str:
    rows = [[name, r["papers"], r["chunks"], r["raw_embedding_s"], r["product_first_ingest_s"],
             r["langchain_from_documents_s"], r["product_over_raw"], r["langchain_over_raw"],
             r["product_reingest_unchanged_s"]] for name, r in data["results"].items()]
    return "\n".join([
        "## Ingest", "",
        "`python -m bench.ingest` (~10 min). Embedding is the floor on this machine: targets are a first ingest "
        "within 10% of the raw embedding time, and a re-ingest of unchanged data under 1 s.", "",
        table(["data", "papers", "chunks", "raw embedding s", "product s", "LangChain `Chroma.from_documents` s",
               "product / raw", "LangChain / raw", "re-ingest unchanged s"], rows), "", stamp(data)])


def ingest_bibtex(data: dict) -> str:
    r = data["results"]
    return "\n".join([
        "## Ingest of a large BibTeX export", "",
        f"`python -m bench.ingest --bibtex {r['entries']} --reingest {r['reingest_entries']}`: generated entries without "
        "abstracts (titles only), the real embedder. Targets: 10,000 entries under 60 s and 600 MB peak; a re-ingest "
        "of an unchanged 3,000-paper record under 1 s. Times depend on what else the 2 cores run: the 1-minute load "
        "average is recorded.", "",
        table(["entries", "ingest s", "peak RSS MB", "re-ingest of 3,000 unchanged s", "load average"],
              [[r["entries"], r["ingest_wall_s"], r["peak_rss_mb"], r["reingest_unchanged_s"],
                r["load_average_1min"]]]), "", stamp(data)])


def scale(data: dict) -> str:
    rows = [[size, r["product_p50_ms"], r["product_p95_ms"], r["ensemble_p50_ms"], r["speedup_p50"],
             r["index_memory_mib"]] for size, r in data["results"].items()]
    return "\n".join([
        "## Scale", "",
        "`python -m bench.scale` (~10 min). Real titles and abstracts from the shared conference corpus; the "
        f"stored vectors are **{data['vectors']}**, because embedding 50k abstracts takes hours on 2 cores "
        "(ingest throughput with the real embedder is in the ingest table). Queries use the real embedder.", "",
        table(["chunks", "product p50 ms", "product p95 ms", "EnsembleRetriever p50 ms", "ratio",
               "index memory MiB"], rows), "", stamp(data)])


def turn(data: dict) -> str:
    rows = [[r["papers"], r["spellings"], f"{r['build_s']} ({r['build_ratio']}x)",
             f"{r['turn_median_s'] * 1000:.0f} ({r['turn_ratio']}x)", r["people_grouped_s"],
             "-" if r["people_pairwise_s"] is None else
             f"{r['people_pairwise_s']} ({r['people_pairwise_s'] / max(r['people_grouped_s'], 1e-3):.0f}x)"]
            for r in data["sizes"].values()]
    return "\n".join([
        "## Understanding as the record grows", "",
        "`python -m bench.turn` (~1 min). The first 100, 500 and 2,000 papers of the shared conference corpus with "
        "every author, venue and year. What each turn costs before retrieval (reading the question: people, venues, "
        "named papers, filters) and what loading a record costs, as ratios to the 100-paper record; and grouping "
        "the record's spellings into people by surname key beside comparing every spelling with every person, the "
        "baseline it replaced (which took minutes at 2,000 papers and is not run there). Target: a question read in "
        "well under a second at 2,000 papers.", "",
        table(["papers", "author spellings", "record tables built s (ratio)", "question read median ms (ratio)",
               "people grouped s", "people compared pairwise s (ratio)"], rows), "", stamp(data)])


def scale_server(data: dict) -> str:
    rows = [[size, r["write_s"], r["load_s"], r["product_p50_ms"], r["product_p95_ms"], r["index_memory_mib"],
             r["process_rss_mib"]] for size, r in data["results"].items()]
    return "\n".join([
        "## Scale with the library on a Chroma server", "",
        "`python -m bench.scale --server`. The same corpus and synthetic vectors as above, kept on a `chroma run` "
        "server on loopback, as stateless replicas share it. Targets at 100k chunks: search p95 under 100 ms, "
        "under 1 GB per serving process. Load: what a replica pays to load the library from the server "
        "(after an ingest, in the background).", "",
        table(["chunks", "write s", "replica load s", "search p50 ms", "search p95 ms", "index memory MiB",
               "process RSS MiB"], rows), "", stamp(data)])


def load_test(data: dict) -> str:
    rows = [[k, v] for k, v in data.items() if k not in ("date", "machine")]
    return "\n".join([
        "## Load: 50 simultaneous conversations, slow local LLM", "",
        "`python -m bench.load` (a few minutes). 50 conversations at once against `serve` over loopback, each a "
        "question and a follow-up with history, answered by the tests' scripted OpenAI-compatible server streaming "
        "each answer word by word (about 2 s per answer, like a slow local model). Bounded in count and time. "
        "The web chat answers 4 requests at once (the rest queue), so with 2 s answers its ceiling is about 2 "
        "requests/s per replica; latency is mostly time in that queue. `load average` is the machine's, shared "
        "with other work while measuring.", "",
        table(["measure", "value"], rows), "", stamp(data)])


def web(data: dict) -> str:
    rows = [[k, v] for k, v in data.items() if k not in ("date", "machine")]
    return "\n".join(["## Web chat", "", "`python -m bench.web`.", "",
                      table(["measure", "value"], rows), "", stamp(data)])


HELDOUT_TYPES = ["single_paper", "paraphrased", "multi_paper", "area", "related_work", "count", "venue", "metadata",
                 "not_in_record", "false_premise", "follow_up"]


def heldout(data: dict) -> str:
    def cell(value) -> str:
        return "–" if value is None else str(value)

    parts = [
        "## Held-out records", "",
        "`python -m bench.heldout` (about 25 min offline on 2 cores for 171 records). Records of researchers in other fields, each ingested alone, "
        "each with its golden set (`bench/heldout/`: provenance, and which record is for calibration). Targets on "
        "every held-out record: recall >= 0.95, citation precision >= 0.85, facts present >= 0.85, exact "
        "(count, venue and metadata questions: every fact present and exactly the gold papers cited) >= 0.9, "
        "questions the record does not answer (near misses, false premises) declined >= 0.9, invented titles 0.", "",
        table(["record", "role", "field", "papers", "questions", "recall", "citation precision", "facts present",
               "exact metadata", "declined (not in record, false premise)", "not declined (others)",
               "invented titles"],
              [[name, r["role"], r["field"], r["papers"], r["summary"]["overall"]["questions"],
                cell(r["summary"]["overall"]["recall"]), cell(r["summary"]["overall"]["citation_precision"]),
                cell(r["summary"]["overall"]["must_mention"]), cell(r["summary"]["overall"]["exact"]),
                cell(r["summary"]["overall"]["declined_correct"]),
                cell(_rate_others(r)), r["summary"]["overall"]["invented_titles"]]
               for name, r in data["records"].items()]), ""]
    for name, r in data["records"].items():
        by_type = r["summary"]["by_type"]
        rows = [[t, b["questions"], cell(b["recall"]), cell(b["citation_precision"]), cell(b["must_mention"]),
                 cell(b["exact"]), cell(b["refusals_correct"])]
                for t in HELDOUT_TYPES + sorted(set(by_type) - set(HELDOUT_TYPES)) if (b := by_type.get(t))]
        parts += [f"### {name} ({r['role']}, `{r['record']}`, generator {r['generator']})", "",
                  table(["type", "questions", "recall", "citation precision", "facts present", "exact",
                         "refusal right"], rows), ""]
    parts.append(stamp(data) + f" Commit `{data.get('commit', '')}`.")
    return "\n".join(parts)


def _rate_others(record: dict) -> float | None:
    flags = [q["refusal_correct"] for q in record["questions"] if q["type"] not in ("not_in_record", "false_premise")]
    return round(sum(flags) / len(flags), 3) if flags else None


def main() -> None:
    parts = [HEADER]
    for name, render in (("scifact", scifact), ("search", search), ("ingest", ingest),
                         ("ingest_bibtex", ingest_bibtex), ("scale", scale), ("turn", turn),
                         ("scale_server", scale_server), ("web", web), ("load", load_test), ("heldout", heldout)):
        data = load(name)
        command = {"scale_server": "bench.scale --server"}.get(name, f"bench.{name}")
        parts.append(render(data) if data else f"## {name}\n\nNot measured yet: run `python -m {command}`.")
    (ROOT / "bench" / "README.md").write_text("\n\n".join(parts) + "\n")
    print("wrote bench/README.md")


if __name__ == "__main__":
    main()
