"""`python -m assistant eval [GOLDEN.jsonl] [--record PATH] [--json]`: measure the assistant on a golden set.

A golden set is JSONL, one question per line::

    {"id": "q01", "type": "single_paper", "question": "...", "history": [...],
     "gold_titles": ["Exact Title"], "must_mention": ["1.2 - 23.3x"], "acceptable_titles": [...]}

``type`` picks the mode: ``area`` -> summarize, ``related_work`` -> related-work, anything else -> ask.
``not_in_record`` and ``false_premise`` questions must be declined: the answer's ``status`` is not
"answered" (it refused, hedged with the closest papers, or said the presupposed paper is absent), or it
gives the refusal phrase (code without a status), or it cites nothing (it claims nothing from the
record, as in "it holds no papers from 2019"). Every other question must not be declined. ``count``, ``venue`` and ``metadata`` questions are also scored *exact*: every
``must_mention`` present and, when gold titles are given, the cited titles exactly the gold ones.
``history`` and ``acceptable_titles`` (cited papers that are not gold but not wrong either) are optional.
Titles are compared as the assistant merges copies of one paper: case, accents and punctuation do not matter, so
a gold set listing one paper twice ("Towards pure mode I ..." and "Towards Pure Mode I ...") is met by citing it
once. Facts in ``must_mention`` match loosely: case, spacing, dash style and x/× do not matter (``1.2-1.8x``
matches ``1.2--1.8x`` and ``1.2–1.8×``). Cited titles that are not titles of the record are counted as
invented (there must be none).

``--record PATH`` ingests PATH (a file or folder, with its ``.meta.json`` sidecars) into a temporary
library and measures the assistant on that instead of the configured one.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from assistant.citations import shown_text
from assistant.compose import NOT_FOUND
from assistant.settings import PROJECT_ROOT, Settings, get_settings
from assistant.types import normalise_title

DEFAULT_GOLDEN = PROJECT_ROOT / "tests" / "golden" / "fan_lai.jsonl"
MODE_OF_TYPE = {"area": "summarize", "related_work": "related-work"}
DECLINE_TYPES = frozenset({"not_in_record", "false_premise"})  # the record does not answer these
EXACT_TYPES = frozenset({"count", "venue", "metadata"})  # answered exactly from the paper table
ANSWERED = "answered"


class GoldenError(ValueError):
    pass


@dataclass
class Question:
    id: str
    type: str
    question: str
    gold_titles: list[str]
    must_mention: list[str] = field(default_factory=list)
    history: list[dict] = field(default_factory=list)
    acceptable_titles: list[str] = field(default_factory=list)

    @property
    def mode(self) -> str:
        return MODE_OF_TYPE.get(self.type, "ask")


def load_golden(path: Path) -> list[Question]:
    """Read and check a golden set; errors name the file and line."""
    questions, seen = [], set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise GoldenError(f"{path}, line {number}: invalid JSON ({error.msg})") from None
        if not isinstance(data, dict):
            raise GoldenError(f"{path}, line {number}: expected a JSON object")
        missing = [k for k in ("id", "type", "question") if not isinstance(data.get(k), str)]
        if missing:
            raise GoldenError(f"{path}, line {number}: missing {', '.join(missing)}")
        for key in ("gold_titles", "must_mention", "acceptable_titles"):
            value = data.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise GoldenError(f"{path}, line {number}: '{key}' must be a list of strings")
        if data["id"] in seen:
            raise GoldenError(f"{path}, line {number}: id {data['id']!r} is used twice")
        seen.add(data["id"])
        known = {k: data[k] for k in Question.__dataclass_fields__ if k in data}
        known.setdefault("gold_titles", [])
        questions.append(Question(**known))
    if not questions:
        raise GoldenError(f"{path}: no questions")
    return questions


def loose(text: str) -> str:
    text = text.lower().replace("×", "x").replace("$\\times$", "x").replace("\\%", "%")
    text = re.sub(r"\s*[-‐‑‒–—−]+\s*", "-", text)
    return re.sub(r"\s+", " ", text)


def mentions(answer: str, fact: str) -> bool:
    """Whether the answer, as a reader sees it rendered, states the fact."""
    return loose(fact) in loose(shown_text(answer))


def titles(listed: list[str]) -> set[str]:
    """Titles as compared: copies of one paper, which the assistant merges, are one (see `normalise_title`)."""
    return {normalise_title(t) for t in listed}


@dataclass
class Result:
    question: Question
    answer: str
    cited: list[str]
    retrieved: list[str]
    generator: str
    seconds: float
    status: str | None = None  # Answer.status; None from code that has none
    record_titles: frozenset[str] | None = None  # every title of the record, to spot invented ones

    @property
    def declined(self) -> bool:
        """The answer says the record does not answer the question (refused, hedged, premise absent)."""
        if self.status is not None and self.status != ANSWERED:
            return True
        return not self.cited and NOT_FOUND in self.answer

    @property
    def refused(self) -> bool:  # the name older callers use
        return self.declined

    def recall(self) -> float | None:
        gold = titles(self.question.gold_titles)
        if not gold:
            return None
        return len(gold & (titles(self.cited) | titles(self.retrieved))) / len(gold)

    def precision(self) -> float | None:
        if not self.cited or not self.question.gold_titles:
            return None
        good = titles(self.question.gold_titles) | titles(self.question.acceptable_titles)
        return sum(normalise_title(t) in good for t in self.cited) / len(self.cited)

    def coverage(self) -> float | None:
        facts = self.question.must_mention
        if not facts:
            return None
        return sum(mentions(self.answer, f) for f in facts) / len(facts)

    def missing_facts(self) -> list[str]:
        return [f for f in self.question.must_mention if not mentions(self.answer, f)]

    def exact(self) -> float | None:
        """Count, venue and metadata questions: all facts present and exactly the gold papers cited."""
        if self.question.type not in EXACT_TYPES:
            return None
        gold = titles(self.question.gold_titles)
        return float(not self.missing_facts() and (not gold or titles(self.cited) == gold))

    def refusal_correct(self) -> bool:
        """Questions the record does not answer must be declined (or cite nothing: such an answer claims
        nothing from the record, e.g. "it holds no papers from 2019"); all others must not be declined."""
        if self.question.type in DECLINE_TYPES:
            return self.declined or not self.cited
        return not self.declined

    def invented(self) -> list[str]:
        """Cited titles that are not titles of the record."""
        if self.record_titles is None:
            return []
        return [t for t in self.cited if t not in self.record_titles]

    def missed(self) -> bool:
        """A gold paper was neither cited nor retrieved (recall 0 included), or the refusal was wrong."""
        recall = self.recall()
        return (recall is not None and recall < 1) or not self.refusal_correct()

    def to_json(self) -> dict:
        """Everything about the answer and its scores (the `--json` output keeps the shorter shape)."""
        return {"id": self.question.id, "type": self.question.type, "question": self.question.question,
                "answer": self.answer, "status": self.status, "cited": self.cited, "retrieved": self.retrieved,
                "gold_titles": self.question.gold_titles, "missing_facts": self.missing_facts(),
                "recall": self.recall(), "precision": self.precision(), "exact": self.exact(),
                "refusal_correct": self.refusal_correct(), "invented": self.invented(),
                "generator": self.generator, "seconds": round(self.seconds, 4)}


def run(questions: list[Question], assistant) -> list[Result]:
    library = getattr(assistant, "library", None)
    titles = frozenset(p.title for p in library.papers) if library is not None else None
    results = []
    for q in questions:
        started = time.perf_counter()
        answer = assistant.ask(q.question, q.mode, q.history)
        seconds = time.perf_counter() - started
        results.append(Result(q, answer.text, [c.title for c in answer.citations],
                              [p.title for p in answer.retrieved], answer.generator, seconds,
                              getattr(answer, "status", None), titles))
    return results


def _mean(values: list[float | None]) -> float | None:
    kept = [v for v in values if v is not None]
    return round(sum(kept) / len(kept), 3) if kept else None


def _rate(flags: list[bool]) -> float | None:
    return round(sum(flags) / len(flags), 3) if flags else None


def summarise(results: list[Result]) -> dict:
    def block(group: list[Result]) -> dict:
        seconds = sorted(r.seconds for r in group)
        return {
            "questions": len(group),
            "recall": _mean([r.recall() for r in group]),
            "citation_precision": _mean([r.precision() for r in group]),
            "must_mention": _mean([r.coverage() for r in group]),
            "exact": _mean([r.exact() for r in group]),
            "declined_correct": _rate([r.refusal_correct() for r in group if r.question.type in DECLINE_TYPES]),
            "refusals_correct": _rate([r.refusal_correct() for r in group]),
            "invented_titles": sum(len(r.invented()) for r in group),
            "latency_p50_s": round(statistics.median(seconds), 4),
            "latency_p95_s": round(seconds[min(len(seconds) - 1, int(0.95 * len(seconds)))], 4),
        }

    types = sorted({r.question.type for r in results})
    return {"overall": block(results), "by_type": {t: block([r for r in results if r.question.type == t])
                                                   for t in types}}


COLUMNS = ["questions", "recall", "citation_precision", "must_mention", "exact", "declined_correct",
           "refusals_correct", "invented_titles", "latency_p50_s"]


def render(summary: dict) -> str:
    lines = ["| type | " + " | ".join(COLUMNS) + " |", "|---" * (len(COLUMNS) + 1) + "|"]
    rows = list(summary["by_type"].items()) + [("**overall**", summary["overall"])]
    for name, block in rows:
        lines.append(f"| {name} | " + " | ".join("–" if block[c] is None else str(block[c]) for c in COLUMNS) + " |")
    return "\n".join(lines)


def evaluate(path: Path, settings: Settings | None = None, assistant=None) -> tuple[dict, list[Result]]:
    from assistant.chain import Assistant

    questions = load_golden(path)
    assistant = assistant or Assistant(settings or get_settings())
    results = run(questions, assistant)
    return summarise(results), results


def ingest_record(record: Path, store: Path) -> Settings:
    """Build a library of `record` alone in `store` with the ingest command; settings that open it.

    Raises GoldenError with ingest's own message when the record does not load.
    """
    env = {**os.environ, "ASSISTANT_STORE_DIR": str(store)}
    env.pop("CHROMA_HOST", None)  # a temporary local library, never a shared server
    done = subprocess.run([sys.executable, "-m", "ingest", str(record)], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise GoldenError((done.stderr or done.stdout).strip() or f"{record}: ingest failed")
    return Settings(store_dir=store, chroma_host="")


def main(args) -> int:
    path = args.golden or DEFAULT_GOLDEN
    record = getattr(args, "record", None)
    try:
        with tempfile.TemporaryDirectory(prefix="assistant-eval-") as store:
            settings = ingest_record(record, Path(store)) if record else None
            summary, results = evaluate(path, settings)
    except (GoldenError, OSError, UnicodeDecodeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"summary": summary, "questions": [
            {"id": r.question.id, "type": r.question.type, "answer": r.answer, "cited": r.cited,
             "retrieved": r.retrieved, "generator": r.generator, "seconds": round(r.seconds, 4)}
            for r in results]}, ensure_ascii=False))
    else:
        print(f"{path}: {len(results)} questions, generator {results[0].generator}"
              + (f", record {record}" if record else "") + "\n")
        print(render(summary))
        misses = [r for r in results if r.missed()]
        if misses:
            print("\nQuestions with missed gold papers or a wrong refusal: " + ", ".join(r.question.id for r in misses))
        inexact = [r for r in results if r.exact() == 0.0]
        if inexact:
            print("Count, venue and metadata questions not answered exactly: "
                  + ", ".join(r.question.id for r in inexact))
        invented = sorted({t for r in results for t in r.invented()})
        if invented:
            print("Invented titles: " + "; ".join(invented))
    return 0
