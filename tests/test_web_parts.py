"""The parts of the web chat in-process: a chat turn (streaming, Stop, LLM failure, filters that find nothing),
the session's line of waiting questions, each answer's own sources and [n] links, copy and export Markdown,
the papers table (word-start search, sorting, empty state) and what may leave the app as a link."""

from __future__ import annotations

import re
import threading
from collections import Counter
from datetime import date

import pytest

from assistant.chain import Assistant
from assistant.retrieve import Index
from assistant.settings import Settings
from assistant.types import Answer, Filters, Hit, Paper
from assistant.web import chat, papers, rendering, sources
from assistant.web.chat import Request, Session, Turn, answer_turn
from tests.llm_server import Reply, ScriptedLLMServer

OORT = "Oort: Efficient Federated Learning via Guided Participant Selection"
OORT_Q = "How does Oort select participants?"
FOLLOW_UP = "How much does it improve time-to-accuracy?"
LINK = re.compile(r"\[\\\[(\d+)\\\]\]\(#src-(\d+)-(\d+)-(-?\d+)\)")


@pytest.fixture(scope="module")
def assistant(built_library, embedder) -> Assistant:
    return Assistant(built_library, Index(built_library, embedder))


@pytest.fixture(scope="module")
def llm_server():
    with ScriptedLLMServer(api_key="sk-test") as running:
        yield running


@pytest.fixture
def online(built_library, embedder, llm_server) -> Assistant:
    llm_server.reset()
    settings = Settings(store_dir=built_library.store_dir, openai_api_key="sk-test",
                        openai_base_url=llm_server.base_url, chat_model="scripted-model", llm_timeout=2)
    return Assistant(settings, Index(settings, embedder))


def turns(assistant, question, number=0, history=None, filters=None, stop=None) -> list[Turn]:
    """Every state of the turn as the chat showed it (copies: the turn object is updated in place)."""
    request = Request(question, "ask", filters or Filters())
    return [Turn(**t.to_dict()) for t in answer_turn(assistant, request, number, history or [],
                                                     stop or threading.Event())]


# --- a chat turn ------------------------------------------------------------------------------------

def test_an_answer_links_each_marker_to_its_own_sources_and_supporting_sentence(assistant):
    shown = turns(assistant, OORT_Q, number=3)
    assert shown[0].shown == chat.SEARCHING
    final = shown[-1]
    assert final.status == "answered" and OORT in final.answer and "[1]" in final.answer
    links = LINK.findall(final.shown)
    assert links and all(turn == "3" and n == shown_n for n, turn, shown_n, _ in links)
    n, _, _, sentence = links[0]
    assert f'id="sources-3"' in final.shown and f'id="src-3-{n}"' in final.shown
    assert int(sentence) >= 0 and f'id="src-3-{n}-s{sentence}"' in final.shown, "the claim's sentence is found"
    supporting = re.search(rf'id="src-3-{n}-s{sentence}">([^<]*)<', final.shown)[1]
    assert "1.2x-14.1x" in supporting or "participant" in supporting.lower()
    assert final.markdown.startswith(final.answer[:40]) and f"[1] {OORT}" in final.markdown


def test_related_work_asked_for_in_the_plain_mode_keeps_its_bibtex_for_download(assistant):
    final = turns(assistant, "Draft a related-work paragraph for my project on federated learning client "
                             "selection.")[-1]
    assert final.mode == "related-work" and final.bibtex.startswith("@") and OORT in final.bibtex


def test_follow_up_reads_the_conversation_kept_by_the_session(assistant):
    session = Session()
    session.turns.append(turns(assistant, OORT_Q)[-1])
    final = turns(assistant, FOLLOW_UP, number=1, history=session.history())[-1]
    assert "1.2x-14.1x" in final.answer
    session.turns.append(final)
    assert [m["role"] for m in session.messages()] == ["user", "assistant"] * 2


def test_llm_answer_streams_sources_first_and_markers_only_once_verified(online, llm_server):
    llm_server.script(Reply(text="Oort picks participants by their statistical and system utility [1], improving "
                                 "time-to-accuracy by 1.2x-14.1x [1]. A later study reports 40x gains [7].",
                            chunk_delay=0.05))
    shown = turns(online, OORT_Q)
    partial = [t.shown for t in shown[1:-1]]
    assert partial[0].count('class="src"') >= 1 and "Oort picks" not in partial[0], "sources come before text"
    written = [p for p in partial if "Oort picks" in p]
    assert len(written) >= 3 and written[0] != written[-1], "the answer grows on screen as it is written"
    assert not any(re.search(r"\[\d+\]|\[7|\\\[\d", p.split('<div class="answer-sources"')[0]) for p in written)
    final = shown[-1]
    body = final.shown.split("_Removed because")[0]
    assert LINK.search(body) and "[7]" not in body
    assert final.shown.count("[7] (no such source)") == 1, "a removed citation is listed once"


def test_stop_ends_the_answer_and_keeps_what_arrived(online, llm_server):
    llm_server.script(Reply(text="Oort selects participants by weighing utility against speed. " * 30,
                            chunk_delay=0.05))
    stop = threading.Event()
    shown = []
    for turn in answer_turn(online, Request(OORT_Q), 0, [], stop):
        shown.append(turn.shown)
        if "weighing" in turn.shown:
            stop.set()
    final = turn
    assert final.status == "stopped" and chat.STOPPED in final.shown and "weighing" in final.shown
    assert final.shown.count("weighing") < 30, "the answer ended early"
    assert final.answer == "", "a stopped answer is not history for follow-ups"


def test_llm_failure_mid_answer_shows_a_notice_and_the_offline_answer(online, llm_server):
    llm_server.script(Reply(text="Oort selects participants with guided selection and then " * 5, break_after=4))
    final = turns(online, OORT_Q)[-1]
    assert final.shown.startswith("> ⚠️ **The LLM could not answer") and "offline answer" in final.shown
    assert OORT in final.shown and "Traceback" not in final.shown and "guided selection and then" not in final.shown


def test_unexpected_errors_end_the_turn_with_a_message_not_a_trace(assistant, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("boom")
        yield  # pragma: no cover

    monkeypatch.setattr(assistant, "stream", broken)
    final = turns(assistant, OORT_Q)[-1]
    assert final.status == "failed" and final.shown == chat.FAILED


def empty_filters(papers: list[Paper]) -> Filters:
    """The newest year with a category none of that year's papers has: filters no paper passes."""
    newest = max(p.year for p in papers if p.year)
    that_year = {p.category for p in papers if p.year == newest}
    category = next(c for c, _ in Counter(p.category for p in papers).most_common() if c not in that_year)
    return Filters(year_from=newest, categories={category})


def test_nothing_within_filters_says_what_exists_outside_them(assistant):
    filters = empty_filters(assistant.library.papers)
    final = turns(assistant, "What does Oort do?", filters=filters)[-1]
    active = " · ".join(label for _, label in chat.filter_chips(filters))
    assert f"Nothing within the active filters ({active})" in final.shown
    assert f"**{OORT}** (2020)" in final.shown and "Clear the filters" in final.shown


def test_filter_chips_name_every_active_filter(assistant):
    assert chat.filter_chips(Filters()) == [] and chat.chips_html(Filters()) == ""
    chips = chat.filter_chips(Filters(year_from=2025, categories={"DC", "LG"}, code=True))
    assert chips == [("years", "from 2025"), ("category:DC", "DC · Distributed, Parallel, and Cluster Computing"),
                     ("category:LG", "LG · Machine Learning"), ("code", "with code")]
    assert chat.filter_chips(Filters(year_from=2021, year_to=2023))[0][1] == "2021–2023"
    html = chat.chips_html(Filters(year_to=2022))
    assert 'data-clear="years"' in html and "up to 2022" in html and 'data-clear="all"' in html


# --- the session ----------------------------------------------------------------------------------

def test_session_keeps_questions_in_line_and_restores_only_well_formed_turns():
    session = Session()
    session.submit(Request("first"))
    session.submit(Request("second"))
    assert "Next: “first” (and 1 more)" in session.waiting_note()
    session.reset()
    assert session.waiting_note() == "" and not session.pending
    assert Turn.from_dict({"question": "q", "shown": "a", "status": "answered", "junk": 1}).question == "q"
    assert Turn.from_dict({"shown": "no question"}) is None and Turn.from_dict("text") is None
    assert Turn.from_dict({"question": "q", "shown": ["not", "text"]}).shown == chat.SEARCHING


def test_sessions_are_bounded():
    sessions = chat.Sessions(bound=2)
    first = sessions.get("a")
    sessions.get("b"), sessions.get("c")
    assert sessions.get("a") is not first and len(sessions.by_id) == 2


# --- copy and export --------------------------------------------------------------------------------

HOSTILE = Paper(title='Quokka<script>window.__pwned=1</script>: <img src=x onerror="window.__pwned=1">',
                authors=['Eve <img src=x onerror="window.__pwned=1">'], category="<b>DC</b>",
                abstract="<script>alert(1)</script> & more", code_available=True, date=date(2024, 5, 1),
                code_url="javascript:window.__pwned=1", url="javascript:alert(1)", doi="10.1145/3477132.3483582")


def test_copy_and_export_give_clean_markdown_with_references_and_bibtex():
    hit = Hit(HOSTILE, 1.0, passages=["Quokka packs jobs <fast> & well."])
    answer = Answer("Quokka packs jobs by memory & speed <fast> [1].", [], "ask", "extractive", hits=[hit])
    markdown = chat.clean_markdown(answer)
    assert "<fast> [1]" in markdown and "&lt;" not in markdown and "&amp;" not in markdown
    assert f"[1] {HOSTILE.title}" in markdown and "<https://doi.org/10.1145/3477132.3483582>" in markdown
    shown = chat.render_final(0, answer)
    assert "<fast>" not in shown and "&lt;fast>" in shown  # in the chat, record text is text
    source = re.search(r'<div class="md-source" hidden>(.*?)</div>', shown)[1]
    assert "\n" not in source and "&#10;" in source or "\n" not in markdown
    turn = Turn("What does <Quokka> do?", shown=shown, answer=answer.text, markdown=markdown,
                bibtex=rendering.safe_bibtex("@misc{a,\n  title = {Q},\n  url = {javascript:alert(1)},\n"
                                             "  doi = {10.1145/3477132.3483582}\n}"))
    exported = chat.export_markdown([turn, turn], "Publication assistant")
    assert exported.startswith("# Publication assistant\n\n## What does <Quokka> do?")
    assert exported.count("```bibtex") == 1 and exported.count("@misc{a") == 1
    assert "javascript:" not in exported and "doi = {10.1145/3477132.3483582}" in exported


# --- links that may leave the app -------------------------------------------------------------------

def test_only_http_and_doi_links_leave_the_app():
    assert rendering.safe_url("https://example.org/a?b=1") and rendering.safe_url("HTTP://x.org")
    for bad in ("javascript:alert(1)", "data:text/html,x", "//evil.org", "https://x.org/\"onmouseover=\"x",
                "file:///etc/passwd", " vbscript:x"):
        assert rendering.safe_url(bad) == "", bad
    assert rendering.doi_url("doi:10.1145/3477132.3483582") == "https://doi.org/10.1145/3477132.3483582"
    assert rendering.doi_url("javascript:alert(1)") == ""
    assert rendering.paper_link(HOSTILE) == "https://doi.org/10.1145/3477132.3483582"
    bib = "@misc{k,\n  title = {T},\n  url = {javascript:alert(1)}\n}\n\n@misc{j,\n  url = {https://ok.org/p}\n}"
    assert rendering.safe_bibtex(bib) == "@misc{k,\n  title = {T}\n}\n\n@misc{j,\n  url = {https://ok.org/p}\n}"
    assert "javascript" not in rendering.safe_bibtex_blocks(f"Text\n\n```bibtex\n{bib}\n```")


def test_sources_block_escapes_everything_from_the_record():
    html = sources.sources_block(0, [Hit(HOSTILE, 1.0, passages=["<img src=x onerror=alert(1)>"])])
    assert "<script" not in html and "<img" not in html and "<b>DC" not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "javascript:" not in html and "\n\n" not in html
    assert "code available" in html  # no link for a non-http code URL, but the badge stays


def test_markers_are_hidden_while_streaming_and_escaped_brackets_stay():
    assert sources.hide_markers("Oort is fast [1]. It scales [2, 3] to \\[millions\\] [Some") == \
        "Oort is fast. It scales to \\[millions\\]"
    assert sources.hide_markers("`code [1]` and [1]") == "`code [1]` and"


def test_markdown_is_escaped_outside_code_only():
    assert rendering.md_escape("a <img src=x> & ![p](http://x/p.png)") == \
        "a &lt;img src=x> &amp; !\\[p](http://x/p.png)"
    assert rendering.md_escape("`<b>` and\n```bibtex\n@misc{a, title = {A & <B>}}\n```") == \
        "`<b>` and\n```bibtex\n@misc{a, title = {A & <B>}}\n```"


# --- the papers table ---------------------------------------------------------------------------------

def paper(title, year, **kwargs):
    return Paper(title=title, date=date(year, 1, 1), date_precision="year", **kwargs)


SMALL = [paper("Privacy-preserving analytics", 2021, authors=["Ada Byron"], category="CR", venue="NDSS"),
         paper("Swift LLM serving at scale", 2024, authors=["Lin Wu", "Ada Byron"], category="DC", venue="OSDI",
               code_available=True),
         paper("Graph learning for chemistry", 2019, authors=["Max Planck"], category="LG")]


def test_papers_search_matches_words_not_substrings():
    titles = lambda query: [p.title for p in papers.table_papers(SMALL, query)]  # noqa: E731
    assert titles("serving") == ["Swift LLM serving at scale"]  # not "preserving"
    assert titles("preserv") == ["Privacy-preserving analytics"]
    assert titles("byron") == ["Swift LLM serving at scale", "Privacy-preserving analytics"]
    assert titles("osdi 2024") == ["Swift LLM serving at scale"]
    assert titles("machine learning") == ["Graph learning for chemistry"]  # the category's name
    assert titles("ing") == [] and titles("2019 serving") == []


def test_papers_sort_by_any_column_and_show_an_empty_state():
    assert [p.year for p in papers.table_papers(SMALL)] == [2024, 2021, 2019]  # newest first
    assert papers.next_sort(papers.DEFAULT_SORT, "title") == ("title", False)
    assert papers.next_sort(("title", False), "title") == ("title", True)
    assert papers.next_sort(("title", False), "nonsense") == ("title", False)
    by_title = [p.title[:5] for p in papers.table_papers(SMALL, sort=("title", False))]
    assert by_title == ["Graph", "Priva", "Swift"]
    html = papers.table_html(SMALL, sort=("title", True))
    assert 'aria-sort="descending"' in html and html.index("Swift") < html.index("Graph")
    empty = papers.table_html(SMALL, "quantum")
    assert "No paper matches “quantum”" in empty and "<table" not in empty
    hostile = papers.table_html([HOSTILE])
    assert "<script" not in hostile and "<img" not in hostile and "javascript:" not in hostile


def test_chart_counts_every_dated_paper(assistant):
    library = assistant.library.papers
    for compact in (False, True):
        figure = papers.papers_chart(library, compact=compact)
        assert sum(round(b.get_height()) for b in figure.axes[0].patches) == sum(1 for p in library if p.year)


def test_downloads_are_named_by_content_and_old_ones_removed():
    import os
    import time

    from assistant.web.app import DOWNLOADS_KEPT, write_download

    first = write_download("# a conversation\n", "conversation", ".md")
    assert first == write_download("# a conversation\n", "conversation", ".md") and first.endswith(".md")
    stale = time.time() - DOWNLOADS_KEPT - 10
    os.utime(first, (stale, stale))
    second = write_download("# another\n", "conversation", ".md")
    assert not os.path.exists(first) and open(second, encoding="utf-8").read() == "# another\n"


def test_a_new_conversation_starts_a_new_generation():
    session = Session()
    session.submit(Request("waiting"))
    session.running = True
    session.reset()
    assert session.generation == 1 and session.stop.is_set() and not session.pending and session.turns == []


def test_outside_note_lists_only_papers_the_filters_leave_out():
    filters = Filters(year_from=2022)
    hits = [Hit(p, 1.0) for p in SMALL]  # 2024 (inside), 2021 and 2019 (outside)
    note = chat.outside_note(filters, hits)
    assert "**Privacy-preserving analytics** (2021)" in note and "Graph learning" in note
    assert "Swift LLM serving" not in note and "from 2022" in note
    assert "nothing more" in chat.outside_note(filters, hits[1:2])
    assert chat.found_nothing(Answer("The record holds nothing on this question.", [], "ask", "extractive"))
