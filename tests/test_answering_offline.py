"""The assistant offline: routing, retrieval, the three modes, follow-ups and citations."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assistant.chain import Assistant
from assistant.compose import NOT_FOUND
from assistant.retrieve import Index
from assistant.types import Filters
from tests.conftest import ROOT

SWAN = "Swan: A Neural Engine for Efficient DNN Training on Smartphone SoCs"
OORT = "Oort: Efficient Federated Learning via Guided Participant Selection"
FEDERATED = {OORT, "FedScale: Benchmarking Model and System Performance of Federated Learning at Scale",
             "Auxo: Efficient Federated Learning via Scalable Client Clustering",
             "FedTrans: Efficient Federated Learning via Multi-Model Transformation",
             "Fed-ensemble: Improving Generalization through Model Ensembling in Federated Learning"}


@pytest.fixture(scope="module")
def assistant(built_library, embedder):
    return Assistant(built_library, Index(built_library, embedder))


def titles(answer):
    return [c.title for c in answer.citations]


def test_single_paper_answer_quotes_the_numbers(assistant):
    answer = assistant.ask("What speedup does Swan achieve over the state of the art?")
    assert titles(answer)[0] == SWAN
    assert "1.2 - 23.3x" in answer.text and "[1]" in answer.text
    assert answer.generator == "extractive" and answer.mode == "ask"


def test_paraphrased_question_finds_the_paper(assistant):
    answer = assistant.ask("Which work lets phones train neural networks without hurting user experience?")
    assert titles(answer)[0] == SWAN


@pytest.mark.parametrize("question", [
    "What has he published on protein folding?",
    "Does the record include work on quantum error correction?",
])
def test_not_in_record_says_so_and_cites_nothing(assistant, question):
    answer = assistant.ask(question)
    if answer.status == "near_miss":  # a hedge: what the record lacks first, then the closest papers as closest
        assert answer.text.startswith("The record has no paper on ") and "the closest are" in answer.text
        assert "bear on this" not in answer.text
    else:
        assert answer.status == "not_found" and answer.text == NOT_FOUND and answer.citations == []


def test_metadata_questions_are_exact(assistant):
    answer = assistant.ask("How many papers were published in 2025?")
    assert "10" in answer.text and len(answer.citations) == 10
    assert all(c.year == 2025 for c in answer.citations)
    assert "42" in assistant.ask("What is Fan Lai's h-index?").text


def test_summary_groups_federated_learning_by_theme(assistant):
    answer = assistant.ask("federated learning", mode="summarize")
    cited = set(titles(answer))
    assert len(cited & FEDERATED) >= 4
    assert answer.text.count("**") >= 4  # bold theme headings and titles
    years = [c.year for c in answer.citations]
    assert years == sorted(years) or len(answer.text.split("\n**")) > 2  # date order within themes


def test_related_work_cites_and_gives_bibtex(assistant):
    answer = assistant.ask("Draft a related-work paragraph for my project on selecting clients in federated "
                           "learning on phones", mode="related-work")
    assert len(answer.citations) >= 2 and set(titles(answer)) & FEDERATED
    assert answer.bibtex.count("@") == len(answer.citations)
    for citation in answer.citations:
        assert citation.title.split(":")[0] in answer.bibtex
    assert "selecting clients in federated learning on phones" in answer.text
    assert "```bibtex" in answer.text


def test_follow_up_carries_the_previous_paper(assistant):
    history = [{"role": "user", "content": "What is Oort?"},
               {"role": "assistant", "content": f"**{OORT}** proposes guided participant selection [1]."}]
    answer = assistant.ask("How much does it improve time-to-accuracy?", history=history)
    assert titles(answer) == [OORT]
    assert "1.2x-14.1x" in answer.text


def test_filters_from_flags_and_from_the_question(assistant):
    answer = assistant.ask("LLM serving", filters=Filters(code=True))
    assert answer.citations and all(
        next(p for p in assistant.library.papers if p.title == c.title).code_available for c in answer.citations)
    answer = assistant.ask("What LLM serving work appeared in 2025?")
    assert answer.citations and all(c.year == 2025 for c in answer.citations)


def test_answers_are_deterministic(assistant):
    question = "Which papers address federated learning client heterogeneity?"
    assert assistant.ask(question).text == assistant.ask(question).text


def run_cli(settings, *args):
    env = {"ASSISTANT_STORE_DIR": str(settings.store_dir), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "assistant", *args], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_cli_contracts(built_library, tmp_path):
    hits = json.loads(run_cli(built_library, "search", "federated learning participant selection", "--k", "3",
                              "--json"))
    assert len(hits) == 3 and hits[0]["title"] == OORT
    assert set(hits[0]) == {"title", "year", "authors", "score", "snippet"}
    assert hits[0]["score"] >= hits[1]["score"] >= hits[2]["score"]

    history = tmp_path / "history.json"
    history.write_text(json.dumps([{"role": "user", "content": "Tell me about Swan."},
                                   {"role": "assistant", "content": f"{SWAN} trains DNNs on phones [1]."}]))
    out = json.loads(run_cli(built_library, "ask", "What speedup does it reach?", "--history", str(history),
                             "--json"))
    assert out["mode"] == "ask" and out["generator"] == "extractive"
    assert out["citations"] == [{"title": SWAN, "year": 2022}]
    assert "1.2 - 23.3x" in out["answer"]


def test_cli_without_a_library_says_what_to_run(tmp_path):
    env = {"ASSISTANT_STORE_DIR": str(tmp_path / "none"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "assistant", "ask", "anything"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "python -m ingest" in result.stderr and "Traceback" not in result.stderr


def test_a_question_near_the_record_gets_the_closest_papers_with_a_hedge(assistant):
    answer = assistant.ask("What has she done on speculative decoding for draft models?")
    assert answer.status == "near_miss" and answer.citations
    assert answer.text.startswith("The record has no paper on speculative decoding; the closest are:")


@pytest.mark.parametrize("request_text,mode,topic", [
    ("Summarize the work on federated learning", "summarize", "federated learning"),
    ("Give an overview of the LLM serving research", "summarize", "LLM serving"),
    ("Summarize Fan Lai's work on federated learning", "summarize", "federated learning"),
    ("federated learning", "summarize", "federated learning"),
    ("Summarise what she has done on federated learning", "summarize", "federated learning"),
    ("Give me an overview of what the record says about LLM serving", "summarize", "LLM serving"),
    ("Summarise what F. Lai and colleagues have published on federated learning", "summarize", "federated learning"),
    ("Summarise F. Lai's work on federated learning", "summarize", "federated learning"),
    ("Summarise what she has written on COVID-19 and the pandemic's effects", "summarize",
     "COVID-19 and the pandemic's effects"),
    ("Draft related work for a project on language models", "related-work", "language models"),
    ("What speedup does Swan achieve?", "ask", "What speedup does Swan achieve?"),
])
def test_requests_are_reduced_to_their_topic(assistant, request_text, mode, topic):
    assert assistant.understand(request_text, mode).topic == topic


def test_related_work_on_a_broad_project_is_not_refused(assistant):
    answer = assistant.ask("Draft related work for a project on language models", mode="related-work")
    assert answer.citations and "our project focuses on language models" in answer.text


@pytest.mark.parametrize("question", ["What are the main research themes?", "Give me an overview of his work"])
def test_questions_about_the_whole_record_summarise_every_paper(assistant, question):
    answer = assistant.ask(question)
    assert len(answer.citations) == 31
    assert answer.text.startswith("The record holds 31 papers. Overview by theme")
    assert answer.text.count("\n**") >= 3  # several themes


def test_what_has_someone_done_on_a_topic_lists_more_than_a_single_answer_would(assistant):
    answer = assistant.ask("What has Fan Lai done on LLM serving?")
    assert len(answer.citations) > 4
    assert all("serving" in c.title.lower() or "streaming" in c.title.lower() for c in answer.citations)


BIB = """@inproceedings{lai2021oort,
  title = {Oort: Efficient Federated Learning via Guided Participant Selection},
  author = {Lai, Fan and Zhu, Xiangfeng and others},
  booktitle = {OSDI},
}
@inproceedings{lai2022fedscale,
  title = {FedScale: Benchmarking Model and System Performance of Federated Learning at Scale},
  author = {Lai, Fan and Dai, Yinwei},
  booktitle = {ICML},
}
"""


@pytest.fixture
def bib_only(tmp_path, embedder):
    """A library from a BibTeX export alone: no profile, no dates, no abstracts."""
    from assistant.settings import Settings
    from ingest.pipeline import ingest

    source = tmp_path / "scholar.bib"
    source.write_text(BIB)
    settings = Settings(store_dir=tmp_path / "store")
    ingest([source], settings, embedder=embedder)
    return settings


def test_a_bibtex_only_library_answers_from_what_it_has(bib_only, embedder):
    from assistant import web

    bare = Assistant(bib_only, Index(bib_only, embedder))
    answer = bare.ask("What is Oort?")
    assert answer.citations[0].title.startswith("Oort")
    assert "appeared in OSDI" in answer.text and "no abstract" in answer.text
    summary = bare.ask("federated learning", mode="summarize")
    assert len(summary.citations) == 2 and "The record holds 2 papers" in summary.text
    no_dates = web.make_filters(2000, 2030, None, [], False)  # the sliders without a year range
    assert no_dates.is_empty()


def test_the_configured_embedder_must_match_the_library(bib_only, embedder):
    from assistant.library import LibraryError

    class Other(type(embedder)):
        name = "another-model"

    with pytest.raises(LibraryError, match="built with the all-MiniLM-L6-v2-int8 embedder.*python -m ingest"):
        Index(bib_only, Other())


def test_a_corrupt_manifest_is_a_clear_error(bib_only):
    from assistant.library import LibraryError, load_library, manifest_path

    manifest_path(bib_only).write_text("{not json")
    with pytest.raises(LibraryError, match="unreadable.*python -m ingest"):
        load_library(bib_only)


def test_filters_narrow_exact_answers(assistant):
    answer = assistant.ask("How many papers have code?", filters=Filters(categories={"DC"}))
    assert answer.text.startswith("Among the papers that pass the filters")
    assert [c.title.split(":")[0] for c in answer.citations] == ["HyGen", "Venn"]


def test_a_follow_up_to_a_list_is_answered_exactly_over_that_list(assistant):
    listed = assistant.ask("Which papers were published in 2025?")
    history = [{"role": "user", "content": "Which papers were published in 2025?"},
               {"role": "assistant", "content": listed.text}]
    answer = assistant.ask("Which of them have code available?", history=history)
    assert sorted(c.title.split(":")[0] for c in answer.citations) == ["DiSCo", "HyGen", "Inv-Entropy"]


def test_the_hybrid_retriever_plugs_into_langchain(assistant):
    from assistant.retrieve import HybridRetriever

    docs = HybridRetriever(index=assistant.index, k=3, filters=Filters(year_from=2024)).invoke(
        "federated learning clients")
    assert len(docs) == 3 and all(d.metadata["year"] >= 2024 for d in docs)
    assert docs[0].metadata["title"] == "FedTrans: Efficient Federated Learning via Multi-Model Transformation"
    assert docs[0].metadata["score"] >= docs[1].metadata["score"] and docs[0].page_content


@pytest.mark.parametrize("question, kinds", [("Which of her papers are preprints?", "preprints"),
                                             ("How many journal articles has she published?", "journal articles")])
def test_publication_types_asked_of_a_record_that_gives_none_are_not_guessed(assistant, question, kinds):
    answer = assistant.ask(question)  # a profile page carries no publication types
    assert answer.text.startswith(f"The record gives no publication types, so it cannot say which of its papers are "
                                  f"{kinds}. It holds ")
    assert not answer.citations
