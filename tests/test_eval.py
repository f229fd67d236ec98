"""The evaluation harness: how golden sets are read and how answers are scored (no model involved)."""

from __future__ import annotations

import json

import pytest

from assistant.compose import NOT_FOUND
from assistant.evaluate import GoldenError, Question, Result, load_golden, run, summarise
from assistant.types import Answer, Citation, Paper

RECORD = frozenset({"Paper A", "Paper B", "Paper C"})


def result(type_: str, cited=(), retrieved=(), gold=(), must=(), answer="", status="answered") -> Result:
    question = Question("q1", type_, "?", list(gold), list(must))
    return Result(question, answer, list(cited), list(retrieved), "extractive", 0.01, status, RECORD)


def test_a_question_the_record_does_not_answer_is_declined_by_status_even_with_closest_papers_cited():
    hedge = result("not_in_record", cited=["Paper A"], status="near_miss", answer="The record has no paper on X; closest: ...")
    absent = result("false_premise", status="absent", answer='There is no paper titled "Y".')
    assert hedge.declined and hedge.refusal_correct()
    assert absent.declined and absent.refusal_correct()


def test_answering_a_near_miss_with_quotes_is_a_wrong_refusal():
    quoted = result("not_in_record", cited=["Paper A", "Paper B"], answer="From the record, 2 papers bear on this: ...")
    assert not quoted.declined and not quoted.refusal_correct() and quoted.missed()


def test_code_without_statuses_is_scored_on_the_refusal_phrase():
    old = result("false_premise", answer=NOT_FOUND, status=None)
    assert old.declined and old.refusal_correct()
    wrongly_refused = result("single_paper", gold=["Paper A"], answer=NOT_FOUND, status=None)
    assert wrongly_refused.declined and not wrongly_refused.refusal_correct()


def test_an_answer_citing_nothing_claims_nothing_from_the_record():
    empty_year = result("not_in_record", answer="No. The record holds no papers published in 2019.")
    assert not empty_year.declined and empty_year.refusal_correct()


def test_a_declined_answer_to_an_answerable_question_is_wrong():
    hedge = result("single_paper", cited=["Paper A"], retrieved=["Paper A"], gold=["Paper A"], status="near_miss")
    assert not hedge.refusal_correct() and hedge.missed()


def test_recall_zero_counts_as_a_miss():
    nothing = result("single_paper", retrieved=["Paper C"], gold=["Paper A"])
    assert nothing.recall() == 0.0 and nothing.missed()
    found = result("single_paper", cited=["Paper A"], gold=["Paper A"])
    assert found.recall() == 1.0 and not found.missed()


@pytest.mark.parametrize("cited,answer,exact", [
    (["Paper A", "Paper B"], "12 papers appeared at ACL: ...", 1.0),
    (["Paper A", "Paper B", "Paper C"], "12 papers appeared at ACL: ...", 0.0),  # one too many
    (["Paper A"], "12 papers appeared at ACL: ...", 0.0),  # one missing
    (["Paper A", "Paper B"], "Twelve papers appeared at ACL: ...", 0.0),  # the number asked for is absent
])
def test_count_questions_are_exact_only_with_every_fact_and_exactly_the_gold_papers(cited, answer, exact):
    assert result("count", cited=cited, gold=["Paper A", "Paper B"], must=["12"], answer=answer).exact() == exact


def test_a_gold_set_listing_one_paper_in_two_casings_is_met_by_citing_it_once():
    """The assistant merges copies of one paper whose titles differ only in case or punctuation; a gold set that
    lists both copies is met by the one merged paper, and citing it is no imprecision."""
    gold = ["Paper A", "PAPER A.", "Paper B"]
    both = result("venue", cited=["Paper A", "Paper B"], gold=gold, must=["3"], answer="3 entries: ...")
    assert both.recall() == 1.0 and both.precision() == 1.0 and both.exact() == 1.0
    one = result("venue", cited=["PAPER A."], retrieved=["Paper A"], gold=gold)
    assert one.recall() == 0.5 and one.exact() == 0.0


def test_exact_without_gold_titles_checks_the_facts_only():
    assert result("metadata", cited=["Paper C"], must=["Anna Korhonen", "14"], answer="Anna Korhonen, on 14 papers").exact() == 1.0
    assert result("count", must=["29"], answer="The record holds 28 papers.").exact() == 0.0
    assert result("single_paper", gold=["Paper A"], must=["29"]).exact() is None


def test_cited_titles_outside_the_record_are_invented():
    assert result("single_paper", cited=["Paper A", "Elastic Sharding for Serverless Training"]).invented() == [
        "Elastic Sharding for Serverless Training"]


def test_summary_reports_exactness_declines_and_invented_titles_per_type():
    results = [result("count", cited=["Paper A"], gold=["Paper A"], must=["1"], answer="1 paper"),
               result("venue", cited=["Paper B"], gold=["Paper A"], answer="at ACL"),
               result("not_in_record", status="near_miss", cited=["Paper C"]),
               result("false_premise", cited=["Invented Title"])]
    summary = summarise(results)
    assert summary["overall"]["exact"] == 0.5
    assert summary["overall"]["declined_correct"] == 0.5
    assert summary["overall"]["invented_titles"] == 1
    assert summary["by_type"]["count"]["declined_correct"] is None
    assert summary["by_type"]["false_premise"]["refusals_correct"] == 0.0


class ScriptedAssistant:
    """Stands in for the pipeline: answers each question from a script, over a fixed library."""

    class library:  # noqa: N801 - mirrors Assistant.library
        papers = [Paper(title=t) for t in sorted(RECORD)]

    def __init__(self, answers: dict[str, Answer]):
        self.answers, self.asked = answers, []

    def ask(self, question, mode, history):
        self.asked.append((question, mode, history))
        return self.answers[question]


def test_run_passes_mode_history_and_status_through():
    questions = [Question("a", "area", "Summarize X.", ["Paper A"]),
                 Question("b", "false_premise", "Summarize 'Z'.", [], history=[{"role": "user", "content": "hi"}])]
    assistant = ScriptedAssistant({
        "Summarize X.": Answer("...", [Citation("Paper A", 2020)], "summarize", "extractive", retrieved=[Paper("Paper A")]),
        "Summarize 'Z'.": Answer("There is no paper titled 'Z'.", [], "ask", "extractive", status="absent")})
    results = run(questions, assistant)
    assert [a[1] for a in assistant.asked] == ["summarize", "ask"]
    assert assistant.asked[1][2] == [{"role": "user", "content": "hi"}]
    assert results[0].cited == ["Paper A"] and results[0].recall() == 1.0 and results[0].invented() == []
    assert results[1].status == "absent" and results[1].refusal_correct()


@pytest.mark.parametrize("line,message", [
    ('{"id": "q1", "type": "count"', "line 2: invalid JSON"),
    ('{"id": "q1", "type": "count", "question": "How many?"}', "line 2: id 'q1' is used twice"),
    ('{"id": "q2", "type": "count", "question": "How many?", "must_mention": 12}', "line 2: 'must_mention' must be a list"),
    ('["not", "an", "object"]', "line 2: expected a JSON object"),
    ('{"id": "q2", "question": "How many?"}', "line 2: missing type"),
])
def test_bad_golden_lines_are_named_by_file_and_line(tmp_path, line, message):
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps({"id": "q1", "type": "count", "question": "How many?"}) + "\n" + line + "\n")
    with pytest.raises(GoldenError, match=f"set.jsonl, {message}"):
        load_golden(path)


def test_a_fact_is_found_in_the_answer_as_it_reads():
    """Record text in an answer escapes Markdown ("f\\_able", "MIP\\*=RE"); a fact is looked for as the reader
    sees the answer rendered."""
    from assistant.citations import quote_record_text

    answer = f"From the record: {quote_record_text('We release f_able and show MIP*=RE.')} [1]"
    checked = result("single_paper", gold=["Paper A"], must=["f_able", "MIP*=RE"], answer=answer)
    assert checked.missing_facts() == [] and checked.coverage() == 1.0
