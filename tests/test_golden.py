"""The golden question set through the real offline pipeline: fails when retrieval or answering regresses."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assistant.chain import Assistant
from assistant.evaluate import DEFAULT_GOLDEN, GoldenError, evaluate, load_golden, mentions
from assistant.retrieve import Index
from tests.conftest import ROOT

TYPES = {"single_paper", "paraphrased", "multi_paper", "area", "related_work", "metadata", "not_in_record",
         "follow_up"}


@pytest.fixture(scope="module")
def evaluation(built_library, embedder):
    return evaluate(DEFAULT_GOLDEN, assistant=Assistant(built_library, Index(built_library, embedder)))


def test_golden_set_covers_every_kind_of_question():
    questions = load_golden(DEFAULT_GOLDEN)
    assert len(questions) >= 40 and {q.type for q in questions} == TYPES
    from ingest.parsers import parse_file

    titles = {p.title for p in parse_file(ROOT / "data" / "fan_lai_profile.txt").papers}
    assert all(set(q.gold_titles) <= titles for q in questions)


def test_quality_does_not_regress(evaluation):
    summary, results = evaluation
    overall = summary["overall"]
    assert overall["recall"] >= 0.95
    assert overall["must_mention"] >= 0.95
    assert overall["refusals_correct"] == 1.0
    assert overall["citation_precision"] >= 0.8
    assert summary["by_type"]["metadata"]["recall"] == 1.0
    assert summary["by_type"]["metadata"]["citation_precision"] == 1.0
    from ingest.parsers import parse_file

    titles = {p.title for p in parse_file(ROOT / "data" / "fan_lai_profile.txt").papers}
    for result in results:  # every cited title is a real title of the record, and was retrieved
        assert set(result.cited) <= titles and set(result.cited) <= set(result.retrieved)


@pytest.mark.parametrize("fact,answer,expected", [
    ("1.2-1.8x", "gains of 1.2--1.8x in", True),
    ("1.2-1.8x", "gains of 1.2–1.8× in", True),
    ("1.2 - 23.3x", "by 1.2-23.3x over", True),
    ("19.56%", "at least 19.56\\% higher", True),
    ("1.2-1.8x", "gains of 1.3-1.8x", False),
])
def test_facts_match_loosely(fact, answer, expected):
    assert mentions(answer, fact) is expected


def test_bad_golden_file_names_the_line(tmp_path):
    bad = tmp_path / "g.jsonl"
    bad.write_text('{"id": "a", "type": "metadata", "question": "How many?"}\n{"id": "b"}\n')
    with pytest.raises(GoldenError, match=r"g\.jsonl, line 2: missing type, question"):
        load_golden(bad)


def test_eval_cli_json(built_library, tmp_path):
    golden = tmp_path / "mine.jsonl"
    golden.write_text("\n".join(json.dumps(q) for q in [
        {"id": "a", "type": "single_paper", "question": "What speedup does Swan achieve?",
         "gold_titles": ["Swan: A Neural Engine for Efficient DNN Training on Smartphone SoCs"],
         "must_mention": ["1.2-23.3x"]},
        {"id": "b", "type": "not_in_record", "question": "What about protein folding?", "gold_titles": []},
    ]))
    env = {"ASSISTANT_STORE_DIR": str(built_library.store_dir), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "assistant", "eval", str(golden), "--json"], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["summary"]["overall"]["recall"] == 1.0 and data["summary"]["overall"]["must_mention"] == 1.0
    assert data["summary"]["overall"]["refusals_correct"] == 1.0
    first = data["questions"][0]
    assert set(first) == {"id", "type", "answer", "cited", "retrieved", "generator", "seconds"}
    assert first["cited"][0].startswith("Swan") and first["generator"] == "extractive"
