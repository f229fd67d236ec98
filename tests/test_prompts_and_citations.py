"""Prompt templates are checked at load; citation checking is pinned by a table of cases."""

from __future__ import annotations

from datetime import date

import pytest

from assistant import prompting
from assistant.citations import bibtex, verify
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


@pytest.mark.parametrize("text,sources,expected_text,cited,removed", [
    ("Oort selects [1].", [A], "Oort selects [1].", [A], []),
    ("Swan [2] and Oort [1].", [A, B], "Swan [1] and Oort [2].", [B, A], []),  # renumbered by first use
    ("Both [1, 2].", [A, B], "Both [1][2].", [A, B], []),
    ("Made up [3].", [A, B], "Made up.", [], ["[3] (no such source)"]),
    ("See [Swan].", [A, B], "See [1].", [B], []),  # a system name is a valid citation
    (f"See [{C.title}].", [A, B], "See.", [], [f"{C.title} (in the record, but not among the sources"]),
    ("See [Quantum Pasta Scheduling Systems].", [A], "See.", [], ["Quantum Pasta Scheduling Systems (not in the"]),
    ("An aside [e.g.] stays.", [A], "An aside [e.g.] stays.", [], []),
])
def test_citation_checking(text, sources, expected_text, cited, removed):
    result = verify(text, sources, LIBRARY)
    assert result.text == expected_text
    assert result.papers == cited
    assert len(result.removed) == len(removed)
    for got, prefix in zip(result.removed, removed):
        assert got.startswith(prefix)


def test_bibtex_entries_carry_only_what_the_record_states():
    entries = bibtex([A, B, B])
    assert entries.count("@misc{") == 3
    assert "@misc{lai2020oort," in entries and "@misc{singapuram2022swan," in entries
    assert "@misc{singapuram2022swan2," in entries  # keys stay unique
    assert "author = {S. Singapuram and others}" in entries  # "et al." in the record
    assert "year = {2020}" in entries and "month = {oct}" in entries
    assert "doi" not in entries


@pytest.mark.parametrize("text,expected_text,cited,removed", [
    ("Both [1-2].", "Both [1][2].", [A, B], 0),
    ("Both [1–3].", "Both [1][2].", [A, B], 1),  # 3 is no source
    ("See [Oort, 2021].", "See [1].", [A], 0),
    (f"See [{A.title} (OSDI 2021)].", "See [1].", [A], 0),
    ("See [Zhang 2021].", "See.", [], 1),
    ("See [Swan, 2022] and [Smith et al.].", "See and.", [], 2),
])
def test_citation_forms_models_write(text, expected_text, cited, removed):
    result = verify(text, [A, B] if "1-2" in text or "1–3" in text else [A], LIBRARY)
    assert result.text == expected_text and result.papers == cited and len(result.removed) == removed
