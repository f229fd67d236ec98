"""The web chat without a browser: the named /ask endpoint over real HTTP through gradio_client, the page's
configuration, login (rate-limited, logout, host warning), a burst of simultaneous users. The chat turn
(streaming, Stop, LLM failure, filters), sources, papers and rendering in-process: tests/test_web_parts.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from gradio_client import Client

from assistant import web
from assistant.chain import Assistant
from assistant.retrieve import Index
from assistant.settings import Settings
from assistant.web.chat import example_questions
from tests.conftest import ROOT, free_port

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
    ask, ask_details = client.predict("federated learning", "ask", api_name="/ask")
    summary, details = client.predict("federated learning", "summarize", api_name="/ask")
    assert details["mode"] == "summarize" and ask_details["mode"] == "ask" and summary != ask
    assert len(details["sources"]) > len(ask_details["sources"]) and "by theme" in summary
    assert {s["title"] for s in details["sources"]} <= titles and OORT in summary
    # asked for in its own words, an overview is one in the plain mode too
    requested, requested_details = client.predict("Summarize the work on federated learning", "ask", api_name="/ask")
    assert requested_details["mode"] == "summarize" and "by theme" in requested
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
    assert "offline mode" in config and f"<b>{len(library.papers)}</b> papers" in config
    assert "ASSISTANT_" not in config and "OPENAI_" not in config  # configuration help is in the README
    assert library.researcher.captured and library.researcher.captured in config
    for question, _ in example_questions(assistant):
        assert json.dumps(question)[1:-1] in config
    assert "Summarize an area" in config and "Draft related work" in config
    assert "Log out" not in config  # nothing to log out of without a login


def test_status_names_the_model_when_an_llm_is_configured(built_library, embedder):
    settings = Settings(store_dir=built_library.store_dir, openai_base_url="http://127.0.0.1:9/v1",
                        openai_api_key="sk-x", chat_model="my-model")
    status = web.status_html(Assistant(settings, Index(settings, embedder)))
    assert "<b>my-model</b>" in status and "offline mode" not in status


def test_a_small_record_without_system_names_gets_examples_that_answer(tmp_path, embedder):
    """Five papers of marine ecology: no system names, no phrase two titles share; the examples fall back on
    what the record's table answers (venues, co-authors, earliest and latest), and each is answered."""
    from tests.test_understanding import assistant_on

    record = "".join(
        f"@article{{p{i}, title = {{{title}}}, author = {{Silva, Ana and {other}}}, journal = {{{venue}}}, "
        f"year = {{{year}}}, abstract = {{{title}. We surveyed {i + 3} sites.}}}}\n"
        for i, (title, other, venue, year) in enumerate([
            ("Kelp decline along northern coasts", "Ortega, Luis", "Marine Ecology Progress Series", 2019),
            ("Urchin barrens after predator loss", "Ortega, Luis", "Oecologia", 2020),
            ("Seagrass fish surveyed with environmental DNA", "Chen, Mei", "Molecular Ecology", 2021),
            ("Gorgonian mortality in heatwaves", "Ortega, Luis", "Oecologia", 2022),
            ("Oyster reefs rebuilt from recycled shell", "Ruiz, Pablo", "Restoration Ecology", 2024)]))
    small = assistant_on(record, tmp_path, embedder)
    examples = example_questions(small)
    assert len(examples) >= 4
    for question, mode in examples:
        answer = small.ask(question, mode)
        assert answer.status == "answered" and "holds nothing" not in answer.text, question


def test_examples_are_drawn_from_the_record(assistant):
    examples = example_questions(assistant)
    modes = [mode for _, mode in examples]
    assert modes.count("summarize") == 1 and modes.count("related-work") == 1
    names = {p.system_name.lower() for p in assistant.library.papers if p.system_name}
    named = [q for q, _ in examples if q.startswith("What problem does ")]
    assert named and all(q[len("What problem does "):-len(" solve?")].lower() in names for q in named)
    busiest = Counter(p.year for p in assistant.library.papers if p.year).most_common(1)[0][0]
    assert (f"How many papers were published in {busiest}?", "ask") in examples
    for question, mode in examples:  # every example gets a cited answer
        assert assistant.ask(question, mode).citations, question


# --- login ----------------------------------------------------------------------------------------

def wait_for(url: str, server: subprocess.Popen) -> int:
    deadline = time.monotonic() + 60
    while True:
        assert server.poll() is None, server.stdout.read()
        try:
            return httpx.get(url + "config", timeout=2).status_code
        except httpx.TransportError:
            assert time.monotonic() < deadline, "the server did not come up within 60 s"
            time.sleep(0.3)


def test_serve_binds_locally_requires_login_and_logs_out(built_library, tmp_path):
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
        assert wait_for(url, server) == 401  # no config, no endpoints without a login
        assert httpx.post(url + "gradio_api/call/ask", json={"data": [OORT_Q, "ask"]}).status_code == 401
        with pytest.raises(Exception):
            Client(url, verbose=False).predict(OORT_Q, "ask", api_name="/ask")
        with pytest.raises(Exception):
            Client(url, auth=("alice", "wrong"), verbose=False)
        answer, _ = Client(url, auth=("alice", "s3cret"), verbose=False).predict(OORT_Q, "ask", api_name="/ask")
        assert OORT in answer
        answer, _ = Client(url, auth=("bob", "pa:ss:word"), verbose=False).predict(OORT_Q, api_name="/ask")
        assert OORT in answer

        with httpx.Client(base_url=url, follow_redirects=True) as browser:
            assert browser.post("login/", data={"username": "alice", "password": "s3cret"}).status_code == 200
            assert "Log out" in json.dumps(browser.get("config").json())
            browser.get("logout")
            assert browser.get("config").status_code == 401  # logged out

        for _ in range(web.Logins.PER_USER):  # guessing bob's password locks bob out for a while
            assert httpx.post(url + "login/", data={"username": "bob", "password": "guess"}).status_code != 200
        assert httpx.post(url + "login/", data={"username": "bob", "password": "pa:ss:word"}).status_code != 200
        assert httpx.post(url + "login/", data={"username": "alice", "password": "s3cret"}).status_code == 200
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert f"http://127.0.0.1:{port}" in output and "gradio.live" not in output and "warning" not in output


def test_logins_are_rate_limited_per_user_and_overall():
    now = [0.0]
    logins = web.Logins([("alice", "s3cret"), ("bob", "pw")], per_user=3, overall=5, window=60, lockout=30,
                        clock=lambda: now[0])
    assert logins("alice", "s3cret") and not logins("alice", "wrong") and not logins("nobody", "x")
    for _ in range(2):
        assert not logins("alice", "wrong")
    assert not logins("alice", "s3cret"), "three failures in a minute lock alice out"
    assert logins("bob", "pw"), "bob is not locked out by alice's failures"
    now[0] = 31.0
    assert logins("alice", "s3cret"), "the lockout ends"
    for name in ("carol", "dave"):
        assert not logins(name, "x")
    assert not logins("bob", "pw"), "guessing across many names locks everyone out for a while"
    now[0] = 100.0
    assert logins("bob", "pw")


def test_serving_beyond_this_machine_without_a_login_warns(built_library, embedder, capsys):
    app = web.build_app(Assistant(built_library, Index(built_library, embedder)))
    port = free_port()
    try:
        web.launch(app, host="0.0.0.0", port=port, prevent_thread_lock=True, quiet=True)
        assert httpx.get(f"http://127.0.0.1:{port}/config").status_code == 200
    finally:
        app.close()
    warning = capsys.readouterr().err
    assert "without a login" in warning and "ASSISTANT_AUTH" in warning
    for host, loopback in (("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False),
                           ("192.168.1.5", False), ("example.org", False)):
        assert web.is_loopback(host) is loopback, host


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
