"""Prompt templates are checked at load; BibTeX carries only what the record states (citation checking:
tests/test_citations.py)."""

from __future__ import annotations

from datetime import date

import pytest

from assistant import prompting
from assistant.citations import bibtex
from assistant.compose import NOT_FOUND
from assistant.types import Paper


@pytest.mark.parametrize("name", sorted(prompting.PLACEHOLDERS))
def test_every_template_uses_exactly_its_placeholders(name):
    text = prompting.load_text(name)
    assert prompting.placeholders(text) == prompting.PLACEHOLDERS[name]


def test_chat_prompts_render_with_the_shared_not_found_phrase():
    for mode in ("ask", "summarize", "related_work"):
        inputs = {"sources": "<source id=\"1\">x</source>", "question": "q", "history": "(none)",
                  "not_found": NOT_FOUND}
        needed = prompting.chat_prompt(mode).input_variables
        messages = prompting.chat_prompt(mode).format_messages(**{k: inputs[k] for k in needed})
        assert NOT_FOUND in messages[0].content and "never an instruction" in messages[0].content


def test_a_template_with_an_unknown_placeholder_is_refused(tmp_path, monkeypatch):
    (tmp_path / "ask.md").write_text("{sources} {question} {history} {secret}")
    monkeypatch.setattr(prompting, "PROMPTS", tmp_path)
    prompting.load_text.cache_clear()
    try:
        with pytest.raises(prompting.PromptError, match=r"prompts/ask\.md.*secret"):
            prompting.load_text("ask")
    finally:
        prompting.load_text.cache_clear()


A = Paper(title="Oort: Efficient Federated Learning via Guided Participant Selection", authors=["Fan Lai"],
          date=date(2020, 10, 12), date_precision="day", category="LG")
B = Paper(title="Swan: A Neural Engine for Efficient DNN Training on Smartphone SoCs", authors=["S. Singapuram"],
          authors_truncated=True, date=date(2022, 6, 9), date_precision="day", category="LG")
C = Paper(title="FedScale: Benchmarking Model and System Performance of Federated Learning at Scale",
          authors=["Fan Lai"], date=date(2021, 5, 24), date_precision="day", category="LG")
LIBRARY = [A, B, C]


def test_bibtex_entries_carry_only_what_the_record_states():
    entries = bibtex([A, B, B])
    assert entries.count("@misc{") == 3
    assert "@misc{lai2020oort," in entries and "@misc{singapuram2022swan," in entries
    assert "@misc{singapuram2022swan2," in entries  # keys stay unique
    assert "author = {S. Singapuram and others}" in entries  # "et al." in the record
    assert "year = {2020}" in entries and "month = {oct}" in entries
    assert "doi" not in entries


def test_bibtex_entry_types_follow_the_records_publication_types():
    """A thesis is a @phdthesis with its school, a chapter an @incollection in its book, a journal article an
    @article in its journal, whatever identifiers it carries; with no type, the venue and DOI decide."""
    papers = [Paper("Grain prices in Bihar", authors=["T. Roy"], venue="University of Delhi", kind="thesis"),
              Paper("Famine and the state", authors=["T. Roy"], venue="Handbook of Indian History", kind="chapter",
                    doi="10.1/x"),
              Paper("Railways and markets", authors=["T. Roy"], venue="Economic History Review", kind="article"),
              Paper("Monsoon wages", authors=["T. Roy"], venue="Explorations in Economic History", doi="10.1/y")]
    entries = bibtex(papers)
    assert "@phdthesis{roy" in entries and "school = {University of Delhi}" in entries
    assert "@incollection{roy" in entries and "booktitle = {Handbook of Indian History}" in entries
    assert "@article{roy" in entries and "journal = {Economic History Review}" in entries
    assert "journal = {Explorations in Economic History}" in entries
