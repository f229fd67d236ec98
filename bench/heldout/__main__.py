"""`python -m bench.heldout [NAME ...]`: the assistant measured on every held-out record.

Builds the corpus records if they are missing (`bench.heldout.build`), ingests each record alone into a
temporary library, runs its golden set (`bench/heldout/golden/<name>.jsonl`) through the real pipeline
(offline unless an LLM is configured) and writes bench/results/heldout.json: the summary per record and
question type, and every answer with what was expected. `python -m bench.report` renders the tables.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from assistant.chain import Assistant
from assistant.embeddings import get_embedder
from assistant.evaluate import load_golden, run, summarise
from assistant.retrieve import Index
from assistant.settings import Settings, get_settings
from bench.common import ROOT, git_commit, log, save
from bench.heldout import CALIBRATION, GOLDEN, RECORDS, record_path
from bench.heldout.build import build
from ingest.pipeline import ingest


def measure(name: str, embedder, base: Settings) -> dict:
    path = record_path(name)
    questions = load_golden(GOLDEN / f"{name}.jsonl")
    with tempfile.TemporaryDirectory(prefix=f"heldout-{name}-") as store:
        settings = base.model_copy(update={"store_dir": Path(store) / "store", "chroma_host": ""})
        started = time.perf_counter()
        report = ingest([path], settings, embedder=embedder)
        ingest_s = time.perf_counter() - started
        assistant = Assistant(settings, Index(settings, embedder))
        results = run(questions, assistant)
    summary = summarise(results)
    log(f"{name}: recall {summary['overall']['recall']}, precision {summary['overall']['citation_precision']}, "
        f"facts {summary['overall']['must_mention']}, exact {summary['overall']['exact']}, "
        f"declined {summary['overall']['declined_correct']}, invented {summary['overall']['invented_titles']}")
    return {"record": str(path.relative_to(ROOT)),
            "role": "calibration" if name == CALIBRATION else "held-out",
            "field": RECORDS[name], "papers": report.papers, "ingest_s": round(ingest_s, 2),
            "generator": results[0].generator if results else "", "summary": summary,
            "questions": [r.to_json() for r in results]}


def main(names: list[str]) -> int:
    unknown = [n for n in names if n not in RECORDS]
    if unknown:
        print(f"error: unknown record {', '.join(unknown)}; known: {', '.join(RECORDS)}", file=sys.stderr)
        return 2
    build()
    base = get_settings()
    embedder = get_embedder(base)
    records = {name: measure(name, embedder, base) for name in (names or RECORDS)}
    path = save("heldout", {"commit": git_commit(), "calibration": CALIBRATION, "records": records})
    log(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
