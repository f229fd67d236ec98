"""The web chat without a browser: the named /ask endpoint over real HTTP through gradio_client, the page's
configuration, login, a burst of simultaneous users, and the chat turn (streaming, LLM failure) in-process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from gradio_client import Client

from assistant import web
from assistant.chain import Assistant
from assistant.retrieve import Index
from assistant.settings import Settings
from assistant.types import Filters, Hit, Paper
from tests.conftest import ROOT, free_port
from tests.llm_server import Reply, ScriptedLLMServer

OORT = "Oort: Efficient Federated Learning via Guided Participant Selection"
OORT_Q = "How does Oort select participants?"
FOLLOW_UP = "How much does it improve time-to-accuracy?"


@pytest.fixture(scope="module")
def assistant(built_library, embedder) -> Assistant:
    return Assistant(built_library, Index(built_library, embedder))


@pytest.fixture(scope="module")
def url(assistant):
    app = web.build_app(assistant)
    port = free_port()
    web.launch(app, port=port, prevent_thread_lock=True, quiet=True)
    yield f"http://127.0.0.1:{port}/"
    app.close()


@pytest.fixture(scope="module")
def client(url) -> Client:
    return Client(url, verbose=False)


@pytest.fixture(scope="module")
def titles(assistant) -> set[str]:
    return {p.title for p in assistant.library.papers}


# --- the named endpoint ---------------------------------------------------------------------------

def test_ask_endpoint_answers_with_real_cited_titles(client, titles):
    answer, details = client.predict(OORT_Q, "ask", api_name="/ask")
    assert OORT in answer and "[1]" in answer
    assert details["mode"] == "ask" and details["generator"] == "extractive" and not details["notice"]
    sources = details["sources"]
    assert sources[0]["title"] == OORT and sources[0]["n"] == 1 and sources[0]["year"] == 2020
    assert {s["title"] for s in sources} <= titles
    assert all(f"[{s['n']}]" in answer for s in sources)
    assert sources[0]["passages"], "the passages the answer drew on come with it"


def test_mode_switches_the_kind_of_answer(client, titles):
    ask, ask_details = client.predict("Summarize the work on federated learning", "ask", api_name="/ask")
    summary, details = client.predict("Summarize the work on federated learning", "summarize", api_name="/ask")
    assert details["mode"] == "summarize" and summary != ask
    assert len(details["sources"]) > len(ask_details["sources"]) and "by theme" in summary
    assert {s["title"] for s in details["sources"]} <= titles and OORT in summary
    draft, details = client.predict("a project on LLM serving", "related-work", api_name="/ask")
    assert details["mode"] == "related-work" and "Related work" in draft
    assert details["bibtex"].startswith("@") and "```bibtex" in draft
    assert {s["title"] for s in details["sources"]} <= titles


def test_history_lets_a_follow_up_resolve(client):
    first, _ = client.predict(OORT_Q, "ask", api_name="/ask")
    history = [{"role": "user", "content": OORT_Q}, {"role": "assistant", "content": first}]
    answer, details = client.predict(FOLLOW_UP, "ask", history, api_name="/ask")
    assert "1.2x-14.1x" in answer and [s["title"] for s in details["sources"]] == [OORT]


def test_metadata_questions_are_counted_exactly(client, assistant):
    answer, details = client.predict("How many papers were published in 2025?", "ask", api_name="/ask")
    in_2025 = [p.title for p in assistant.library.papers if p.year == 2025]
    assert f"{len(in_2025)} papers" in answer and sorted(s["title"] for s in details["sources"]) == sorted(in_2025)


def test_filters_restrict_the_papers_drawn_on(client, assistant):
    _, details = client.predict("Summarize the work on federated learning", "summarize", None,
                                {"year_from": 2022, "code": True}, api_name="/ask")
    by_title = {p.title: p for p in assistant.library.papers}
    cited = [by_title[s["title"]] for s in details["sources"]]
    assert cited and all(p.year >= 2022 and p.code_available for p in cited)
    _, details = client.predict("How does Oort select participants?", "ask", [], {"categories": ["DC"]},
                                api_name="/ask")
    assert OORT not in [s["title"] for s in details["sources"]]
    with pytest.raises(Exception, match="Unknown filter"):
        client.predict(OORT_Q, "ask", None, {"venue": "OSDI"}, api_name="/ask")


def test_unknown_mode_and_empty_question_are_refused_clearly(client):
    with pytest.raises(Exception, match="Unknown mode"):
        client.predict(OORT_Q, "poetry", api_name="/ask")
    with pytest.raises(Exception, match="Ask a question"):
        client.predict("   ", "ask", api_name="/ask")
    _, details = client.predict(OORT_Q, "Summarise", api_name="/ask")  # spelling and case forgiven
    assert details["mode"] == "summarize"


def test_only_the_ask_endpoint_is_public(client):
    assert list(client.view_api(print_info=False, return_format="dict")["named_endpoints"]) == ["/ask"]


def test_burst_of_simultaneous_users_all_get_answers(url, titles):
    questions = [OORT_Q, "What speedup does Swan achieve?", "How many papers were published in 2025?",
                 "Summarize the work on federated learning", "How does FedScale benchmark federated learning?",
                 "What does Auxo do?", "What speedup does Swan achieve?", OORT_Q]
    modes = ["ask", "ask", "ask", "summarize", "ask", "ask", "ask", "ask"]

    def one(args):
        question, mode = args
        return Client(url, verbose=False).predict(question, mode, api_name="/ask")

    with ThreadPoolExecutor(len(questions)) as pool:
        results = list(pool.map(one, zip(questions, modes)))
    assert len(results) == 8
    for answer, details in results:
        assert details["sources"] and {s["title"] for s in details["sources"]} <= titles and "[1]" in answer


# --- the page -------------------------------------------------------------------------------------

def page_config(url: str, **kwargs) -> str:
    response = httpx.get(url + "config", **kwargs)
    response.raise_for_status()
    return json.dumps(response.json())


def test_page_states_what_writes_answers_library_size_and_capture_date(url, assistant):
    config = page_config(url)
    library = assistant.library
    assert "offline extractive mode" in config and "ASSISTANT_CHAT_MODEL" in config
    assert f"<b>{len(library.papers)}</b> papers" in config
    assert library.researcher.captured and library.researcher.captured in config
    for question, _ in web.example_questions(assistant):
        assert json.dumps(question)[1:-1] in config
    assert "Summarize an area" in config and "Draft related work" in config


def test_status_names_the_model_when_an_llm_is_configured(built_library, embedder):
    settings = Settings(store_dir=built_library.store_dir, openai_base_url="http://127.0.0.1:9/v1",
                        openai_api_key="sk-x", chat_model="my-model")
    status = web.status_html(Assistant(settings, Index(settings, embedder)))
    assert "<b>my-model</b>" in status and "offline extractive mode" not in status


def test_examples_are_drawn_from_the_record(assistant):
    examples = dict(web.example_questions(assistant))
    names = {p.system_name for p in assistant.library.papers}
    asked = [q for q, mode in examples.items() if mode == "ask" and q.startswith("What problem does ")]
    assert asked and all(q.removeprefix("What problem does ").removesuffix(" solve?") in names for q in asked)
    assert examples["How many papers were published in 2025?"] == "ask"
    assert "summarize" in examples.values() and "related-work" in examples.values()
    for question, mode in examples.items():  # every example gets a cited answer
        assert assistant.ask(question, mode).citations, question


# --- login ----------------------------------------------------------------------------------------

def test_serve_binds_locally_and_requires_login_when_auth_is_set(built_library, tmp_path):
    """`python -m assistant serve` as a user runs it, with ASSISTANT_AUTH naming a file of logins."""
    users = tmp_path / "users.txt"
    users.write_text("# who may log in\nalice:s3cret\n\nbob:pa:ss:word\n", encoding="utf-8")
    port = free_port()
    env = {**os.environ, "ASSISTANT_STORE_DIR": str(built_library.store_dir), "ASSISTANT_AUTH": str(users),
           "ASSISTANT_MAX_QUEUE": "5"}
    server = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", str(port)], cwd=ROOT,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stdout.read()
            try:
                status = httpx.get(url + "config", timeout=2).status_code
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not come up within 60 s"
                time.sleep(0.3)
        assert status == 401  # no config, no endpoints without a login
        assert httpx.post(url + "gradio_api/call/ask", json={"data": [OORT_Q, "ask"]}).status_code == 401
        with pytest.raises(Exception):
            Client(url, verbose=False).predict(OORT_Q, "ask", api_name="/ask")
        with pytest.raises(Exception):
            Client(url, auth=("alice", "wrong"), verbose=False)
        answer, _ = Client(url, auth=("alice", "s3cret"), verbose=False).predict(OORT_Q, "ask", api_name="/ask")
        assert OORT in answer
        answer, _ = Client(url, auth=("bob", "pa:ss:word"), verbose=False).predict(OORT_Q, api_name="/ask")
        assert OORT in answer
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert f"http://127.0.0.1:{port}" in output and "gradio.live" not in output


def test_queue_is_bounded_by_the_setting(built_library, embedder):
    settings = Settings(store_dir=built_library.store_dir, max_queue=3)
    app = web.build_app(Assistant(settings, Index(settings, embedder)))
    assert app._queue.max_size == 3 and app._queue.default_concurrency_limit == web.CONCURRENCY


def test_auth_setting_forms(tmp_path):
    assert web.read_auth("") is None
    assert web.read_auth("carol:x:y") == [("carol", "x:y")]
    bad = tmp_path / "bad.txt"
    bad.write_text("no-colon-here\n", encoding="utf-8")
    with pytest.raises(ValueError, match="entry 1 is not user:password"):
        web.read_auth(str(bad))
    with pytest.raises(ValueError, match="neither user:password nor an existing file"):
        web.read_auth(str(tmp_path / "missing.txt"))
    empty = tmp_path / "empty.txt"
    empty.write_text("# nobody\n", encoding="utf-8")
    with pytest.raises(ValueError, match="holds no user:password"):
        web.read_auth(str(empty))


# --- the chat turn as the page sees it ------------------------------------------------------------

def test_chat_turn_keeps_the_conversation_for_follow_ups(assistant):
    steps = list(web.chat_turn(assistant, OORT_Q, "ask", Filters(), None))
    assert steps[0].shown[-1]["content"].startswith("_Searching") and steps[0].first
    final = steps[-1]
    assert final.answer and final.answer.hits[0].paper.title == OORT
    assert final.conversation["turns"] == [{"role": "user", "content": OORT_Q},
                                           {"role": "assistant", "content": final.answer.text}]
    steps = list(web.chat_turn(assistant, FOLLOW_UP, "ask", Filters(), final.conversation))
    assert "1.2x-14.1x" in steps[-1].answer.text and len(steps[-1].shown) == 4


def test_filters_from_the_form():
    assert web.make_filters(2020, 2026, (2020, 2026), [], False).is_empty()
    f = web.make_filters(2026, 2022, (2020, 2026), ["DC"], True)
    assert (f.year_from, f.year_to, f.categories, f.code) == (2022, None, {"DC"}, True)


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


def test_llm_answer_streams_into_the_chat(online, llm_server):
    llm_server.script(Reply(text="Oort picks participants by their statistical and system utility, improving "
                                 "time-to-accuracy by 1.2x-14.1x [1].", chunk_delay=0.06))
    steps = list(web.chat_turn(online, OORT_Q, "ask", Filters(), None))
    partial = [s.shown[-1]["content"] for s in steps[1:-1]]
    assert len(partial) >= 3 and partial[0] != partial[-1], "the answer grows on screen as it is written"
    assert steps[-1].answer.generator == "scripted-model" and "[1]" in steps[-1].shown[-1]["content"]


def test_llm_failure_mid_answer_shows_a_notice_and_the_offline_answer(online, llm_server):
    llm_server.script(Reply(text="Oort selects participants with guided selection and then " * 5, break_after=4))
    steps = list(web.chat_turn(online, OORT_Q, "ask", Filters(), None))
    shown = steps[-1].shown[-1]["content"]
    assert shown.startswith("> ⚠️ **The LLM could not answer") and "offline answer" in shown
    assert OORT in shown and "Traceback" not in shown and "guided selection and then" not in shown
    assert steps[-1].answer.generator == "extractive"


def test_unexpected_errors_end_the_turn_with_a_message_not_a_trace(assistant, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("boom")
        yield  # pragma: no cover

    monkeypatch.setattr(assistant, "stream", broken)
    steps = list(web.chat_turn(assistant, OORT_Q, "ask", Filters(), None))
    assert steps[-1].failed and steps[-1].shown[-1]["content"] == web.FAILED
    assert steps[-1].conversation == web.new_conversation()


# --- safety of what is rendered -------------------------------------------------------------------

HOSTILE = Paper(title='Quokka<script>window.__pwned=1</script>: <img src=x onerror="window.__pwned=1">',
                authors=['Eve <img src=x onerror="window.__pwned=1">'], category="<b>DC</b>",
                abstract="<script>alert(1)</script> & more", code_available=True,
                code_url="javascript:window.__pwned=1", url='https://example.org/"onmouseover="x')


def test_sources_panel_escapes_everything_from_the_record():
    html = web.render_sources([Hit(HOSTILE, 1.0, passages=["<img src=x onerror=alert(1)>"])])
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "javascript:" not in html and "onmouseover" not in html.replace("&quot;onmouseover", "")
    assert "code available" in html  # no link for a non-http code URL, but the badge stays


def test_markdown_is_escaped_outside_code_only():
    assert web.md_escape("a <img src=x> & ![p](http://x/p.png)") == "a &lt;img src=x> &amp; !\\[p](http://x/p.png)"
    assert web.md_escape("`<b>` and\n```bibtex\n@misc{a, title = {A & <B>}}\n```") == \
        "`<b>` and\n```bibtex\n@misc{a, title = {A & <B>}}\n```"
    rendered = web.render_answer("see <script>x</script>", notice="LLM <down>", removed=["<i>Fake</i> (not in the record)"])
    assert "<script" not in rendered and "<down>" not in rendered and "<i>" not in rendered


def test_table_search_and_chart(assistant):
    papers = assistant.library.papers
    rows = web.table_rows(papers)
    assert len(rows) == len(papers) and rows[0][0] >= rows[-1][0]  # newest first
    fed = web.table_rows(papers, "federated LEARNING")
    by_title = {p.title: p for p in papers}
    assert OORT in [r[1] for r in fed] and len(fed) < len(papers)
    assert all({"federated", "learning"} <= set((by_title[r[1]].title + " " + by_title[r[1]].abstract).lower()
                                                .replace("(", " ").split()) for r in fed)
    assert web.table_rows(papers, "no-such-word-anywhere") == []
    figure = web.papers_chart(papers)
    bars = [patch for patch in figure.axes[0].patches]
    assert sum(round(b.get_height()) for b in bars) == sum(1 for p in papers if p.year)
