"""`python -m assistant eval [GOLDEN.jsonl] [--json]`: measure the assistant on a golden question set.

A golden set is JSONL, one question per line::

    {"id": "q01", "type": "single_paper", "question": "...", "history": [...],
     "gold_titles": ["Exact Title"], "must_mention": ["1.2 - 23.3x"], "acceptable_titles": [...]}

``type`` picks the mode: ``area`` -> summarize, ``related_work`` -> related-work, anything else -> ask;
``not_in_record`` questions are scored on refusing. ``history`` and ``acceptable_titles`` (cited papers
that are not gold but not wrong either) are optional. Facts in ``must_mention`` match loosely: case,
spacing, dash style and x/× do not matter (``1.2-1.8x`` matches ``1.2--1.8x`` and ``1.2–1.8×``).
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from assistant.compose import NOT_FOUND
from assistant.settings import PROJECT_ROOT, Settings, get_settings

DEFAULT_GOLDEN = PROJECT_ROOT / "tests" / "golden" / "fan_lai.jsonl"
MODE_OF_TYPE = {"area": "summarize", "related_work": "related-work"}
REFUSAL_TYPE = "not_in_record"


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
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise GoldenError(f"{path}, line {number}: invalid JSON ({error.msg})") from None
        missing = [k for k in ("id", "type", "question") if not isinstance(data.get(k), str)]
        if missing:
            raise GoldenError(f"{path}, line {number}: missing {', '.join(missing)}")
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
    return loose(fact) in loose(answer)


@dataclass
class Result:
    question: Question
    answer: str
    cited: list[str]
    retrieved: list[str]
    generator: str
    seconds: float
    status: str = "answered"  # Answer.status

    @property
    def refused(self) -> bool:
        return self.status == "not_found" or not self.cited and NOT_FOUND in self.answer

    def recall(self) -> float | None:
        gold = set(self.question.gold_titles)
        if not gold:
            return None
        return len(gold & (set(self.cited) | set(self.retrieved))) / len(gold)

    def precision(self) -> float | None:
        if not self.cited or not self.question.gold_titles:
            return None
        good = set(self.question.gold_titles) | set(self.question.acceptable_titles)
        return sum(t in good for t in self.cited) / len(self.cited)

    def coverage(self) -> float | None:
        facts = self.question.must_mention
        if not facts:
            return None
        return sum(mentions(self.answer, f) for f in facts) / len(facts)

    def refusal_correct(self) -> bool:
        """Not-in-record questions must cite nothing; all others must not be refused."""
        if self.question.type == REFUSAL_TYPE:  # refused, or hedged: what the record lacks, then the closest
            return self.status != "answered" or not self.cited
        return not self.refused


def run(questions: list[Question], assistant) -> list[Result]:
    results = []
    for q in questions:
        started = time.perf_counter()
        answer = assistant.ask(q.question, q.mode, q.history)
        seconds = time.perf_counter() - started
        results.append(Result(q, answer.text, [c.title for c in answer.citations],
                              [p.title for p in answer.retrieved], answer.generator, seconds, answer.status))
    return results


def _mean(values: list[float | None]) -> float | None:
    kept = [v for v in values if v is not None]
    return round(sum(kept) / len(kept), 3) if kept else None


def summarise(results: list[Result]) -> dict:
    def block(group: list[Result]) -> dict:
        seconds = sorted(r.seconds for r in group)
        return {
            "questions": len(group),
            "recall": _mean([r.recall() for r in group]),
            "citation_precision": _mean([r.precision() for r in group]),
            "must_mention": _mean([r.coverage() for r in group]),
            "refusals_correct": round(sum(r.refusal_correct() for r in group) / len(group), 3),
            "latency_p50_s": round(statistics.median(seconds), 4),
            "latency_p95_s": round(seconds[min(len(seconds) - 1, int(0.95 * len(seconds)))], 4),
        }

    types = sorted({r.question.type for r in results})
    return {"overall": block(results), "by_type": {t: block([r for r in results if r.question.type == t])
                                                   for t in types}}


def render(summary: dict) -> str:
    columns = ["questions", "recall", "citation_precision", "must_mention", "refusals_correct", "latency_p50_s"]
    lines = ["| type | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    rows = list(summary["by_type"].items()) + [("**overall**", summary["overall"])]
    for name, block in rows:
        lines.append(f"| {name} | " + " | ".join("–" if block[c] is None else str(block[c]) for c in columns) + " |")
    return "\n".join(lines)


def evaluate(path: Path, settings: Settings | None = None, assistant=None) -> tuple[dict, list[Result]]:
    from assistant.chain import Assistant

    questions = load_golden(path)
    assistant = assistant or Assistant(settings or get_settings())
    results = run(questions, assistant)
    return summarise(results), results


def main(args) -> int:
    path = args.golden or DEFAULT_GOLDEN
    try:
        summary, results = evaluate(path)
    except (GoldenError, OSError, UnicodeDecodeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"summary": summary, "questions": [
            {"id": r.question.id, "type": r.question.type, "answer": r.answer, "cited": r.cited,
             "retrieved": r.retrieved, "generator": r.generator, "seconds": round(r.seconds, 4)}
            for r in results]}, ensure_ascii=False))
    else:
        print(f"{path}: {len(results)} questions, generator {results[0].generator}\n")
        print(render(summary))
        misses = [r for r in results if (r.recall() or 1) < 1 or not r.refusal_correct()]
        if misses:
            print("\nQuestions with missed gold papers or a wrong refusal: " + ", ".join(r.question.id for r in misses))
    return 0
