"""The web chat end to end in a real headless Chromium (Debian's package, driven by Playwright).

Three servers per module: the shipped record (offline), the same record with a scripted LLM (streaming and
a mid-answer failure), and a hostile record whose titles and abstracts carry script and onerror payloads.
Every page also records the requests it makes: nothing may leave 127.0.0.1.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from assistant import web
from assistant.chain import Assistant
from assistant.retrieve import Index
from assistant.settings import Settings
from tests.conftest import ROOT, free_port
from tests.llm_server import Reply, ScriptedLLMServer

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SCREENSHOT = ROOT / "docs" / "screenshot.png"
OORT = "Oort: Efficient Federated Learning via Guided Participant Selection"
TIMEOUT = 20_000  # ms
expect.set_options(timeout=TIMEOUT)

SCRIPT_TITLE = "Quokka<script>window.__pwned=1</script>: Scheduling Deep Learning Jobs on Shared GPU Clusters"
IMG_TITLE = 'Wombat <img src=x onerror="window.__pwned=1">: Federated Learning on Phones'
HOSTILE_RECORD = [
    {"title": SCRIPT_TITLE, "authors": ['Eve <img src=x onerror="window.__pwned=1">', "Mallory Quinn"],
     "date": "2024-05-01", "category": "DC", "code_url": "https://example.org/quokka",
     "abstract": "Quokka schedules deep learning jobs on shared GPU clusters. <script>window.__pwned=1</script> "
                 "It packs jobs by their memory footprint <img src=x onerror=\"window.__pwned=1\"> and cuts "
                 "job completion time by 2.5x. ![pixel](http://127.0.0.1:9/pixel.png)"},
    {"title": IMG_TITLE, "authors": ["Trent <svg onload=window.__pwned=1>"], "date": "2023-02-01",
     "category": "LG",
     "abstract": "Wombat trains federated learning models on phones <iframe src=javascript:window.__pwned=1>"
                 "</iframe> and reaches target accuracy 3x sooner than random client selection."},
]


def chat_server(assistant: Assistant):
    app = web.build_app(assistant)
    port = free_port()
    web.launch(app, port=port, prevent_thread_lock=True, quiet=True)
    return app, f"http://127.0.0.1:{port}/"


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        pytest.fail("Debian's chromium is not installed: run `apt-get install -y chromium` "
                    "(CI installs it; the tests never download a browser)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def offline_url(built_library, embedder):
    app, url = chat_server(Assistant(built_library, Index(built_library, embedder)))
    yield url
    app.close()


@pytest.fixture(scope="module")
def llm():
    with ScriptedLLMServer(api_key="sk-test") as running:
        yield running


@pytest.fixture(scope="module")
def online_url(built_library, embedder, llm):
    settings = Settings(store_dir=built_library.store_dir, openai_api_key="sk-test", openai_base_url=llm.base_url,
                        chat_model="scripted-model", llm_timeout=3)
    app, url = chat_server(Assistant(settings, Index(settings, embedder)))
    yield url
    app.close()


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory, embedder):
    from ingest.pipeline import ingest

    folder = tmp_path_factory.mktemp("hostile")
    (folder / "record").mkdir()
    (folder / "record" / "papers.json").write_text(json.dumps(HOSTILE_RECORD), encoding="utf-8")
    settings = Settings(store_dir=folder / "store", data_dir=folder / "record")
    ingest([folder / "record"], settings, embedder=embedder)
    app, url = chat_server(Assistant(settings, Index(settings, embedder)))
    yield url
    app.close()


@pytest.fixture
def page(browser):
    """A fresh browser session; fails the test if the page asked anything of a host other than 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1360, "height": 940})
    context.set_default_timeout(TIMEOUT)
    outside: list[str] = []

    def record(request):
        host = urlparse(request.url).hostname
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in ("127.0.0.1", "localhost"):
            outside.append(request.url)
        if "pixel.png" in request.url:
            outside.append(request.url)

    context.on("request", record)
    tab = context.new_page()
    yield tab
    context.close()
    assert not outside, f"the page made requests it should not have: {outside}"


def open_chat(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("#question textarea")).to_be_visible()


def ask(page: Page, question: str, count: int) -> None:
    """Type a question, send it, and wait for the count-th answer to be complete."""
    page.locator("#question textarea").fill(question)
    page.locator("#send").click()
    bot = page.locator('#chat [data-testid="bot"]')
    expect(bot).to_have_count(count)
    expect(bot.nth(count - 1)).not_to_contain_text("Searching the record")
    expect(page.locator("#send")).to_be_enabled()


def last_answer(page: Page) -> str:
    return page.locator('#chat [data-testid="bot"]').last.inner_text()


def pwned(page: Page):
    return page.evaluate("window.__pwned")


# --- the shipped record, offline ------------------------------------------------------------------

def test_first_visit_shows_status_examples_and_an_example_answers(page, offline_url):
    started = time.monotonic()
    open_chat(page, offline_url)
    assert time.monotonic() - started < 15
    status = page.locator("#status-line")
    expect(status).to_contain_text("offline extractive mode")
    expect(status).to_contain_text("ASSISTANT_CHAT_MODEL")
    expect(status).to_contain_text("31 papers in the library")
    expect(status).to_contain_text("record captured 2026-11-23")
    expect(page.locator("#chat button.example")).to_have_count(5)
    page.locator("#chat button.example", has_text="How many papers were published in 2025?").click()
    bot = page.locator('#chat [data-testid="bot"]')
    expect(bot).to_have_count(1)
    expect(bot.first).to_contain_text("The record holds 10 papers published in 2025")
    expect(page.locator("#sources .source")).to_have_count(10)


def test_answer_with_sources_then_a_follow_up(page, offline_url):
    open_chat(page, offline_url)
    ask(page, "How does Oort select participants?", 1)
    assert OORT in last_answer(page) and "[1]" in last_answer(page)
    source = page.locator("#sources .source").first
    expect(source.locator(".source-title")).to_contain_text(OORT)
    expect(source.locator(".source-meta")).to_contain_text("Oct 12, 2020")
    expect(source.locator(".source-authors")).to_contain_text("Fan Lai")
    expect(source.locator("blockquote").first).to_be_visible()  # the passages used
    abstract = source.locator("details", has_text="Abstract")
    expect(abstract.locator(".abstract")).to_be_hidden()
    abstract.locator("summary").click()  # the abstract on demand
    expect(abstract.locator(".abstract")).to_be_visible()
    abstract.locator("summary").click()

    ask(page, "How much does it improve time-to-accuracy?", 2)
    assert "1.2x-14.1x" in last_answer(page)
    expect(page.locator("#sources .source-title")).to_have_text([f"[1]{OORT}"])
    page.locator("#chat").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.stat().st_size > 20_000


def test_summarize_mode_gives_a_themed_answer(page, offline_url):
    open_chat(page, offline_url)
    page.locator("#mode label", has_text="Summarize an area").click()
    ask(page, "Summarize the work on federated learning", 1)
    text = last_answer(page)
    assert "Overview by theme" in text and OORT in text
    assert page.locator("#sources .source").count() >= 5
    expect(page.locator("#bib")).to_be_hidden()


def test_related_work_offers_bibtex_to_copy_and_download(page, offline_url):
    open_chat(page, offline_url)
    page.locator("#mode label", has_text="Draft related work").click()
    ask(page, "a project on LLM serving", 1)
    bot = page.locator('#chat [data-testid="bot"]').last
    expect(bot.locator("pre code").first).to_contain_text("@misc{")  # a code block with its copy button
    with page.expect_download() as download:
        page.locator("#bib").click()
    path = Path(download.value.path())
    assert download.value.suggested_filename.endswith(".bib")
    assert path.read_text(encoding="utf-8").startswith("@misc{")


def test_papers_tab_chart_table_search_and_ask_about_a_paper(page, offline_url):
    open_chat(page, offline_url)
    page.get_by_role("tab", name="Papers").click()
    chart = page.locator("#chart img")
    expect(chart).to_be_visible()
    assert chart.evaluate("img => img.naturalWidth") > 300  # a picture, not a list
    table = page.locator("#papers-table")
    expect(table).to_contain_text("SparseSAM: Structured Sparsification of Activations")  # newest first
    expect(table.locator("[role=grid]")).to_have_attribute("aria-rowcount", "32")  # header + 31 papers
    page.locator("#paper-search input, #paper-search textarea").first.fill("participant selection")
    expect(table.locator("tbody tr")).to_have_count(1)
    table.get_by_role("gridcell", name=OORT).click()
    expect(page.locator("#paper-pick input")).to_have_value(OORT)
    page.locator("#ask-paper").click()
    expect(page.locator("#question textarea")).to_be_visible()  # back on the chat tab
    bot = page.locator('#chat [data-testid="bot"]')
    expect(bot).to_have_count(1)
    expect(bot.first).to_contain_text("Oort improves time-to-accuracy")
    expect(page.locator('#chat [data-testid="user"]').first).to_contain_text(f'Tell me about "{OORT}"')


# --- with an LLM ----------------------------------------------------------------------------------

def test_llm_answer_streams_and_a_failure_shows_a_notice(page, online_url, llm):
    open_chat(page, online_url)
    expect(page.locator("#status-line")).to_contain_text("scripted-model")
    words = ("Oort guides participant selection by weighing each client's statistical utility against its "
             "system speed, and so improves time-to-accuracy by 1.2x-14.1x [1].")
    llm.script(Reply(text=words, chunk_delay=0.08))
    page.locator("#question textarea").fill("How does Oort select participants?")
    page.locator("#send").click()
    bot = page.locator('#chat [data-testid="bot"]').last
    seen = set()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        text = bot.inner_text() if bot.count() else ""
        seen.add(text)
        if "[1]" in text:
            break
        time.sleep(0.05)
    partial = [t for t in seen if t.startswith("Oort guides") and "[1]" not in t]
    assert len(partial) >= 2, f"expected to watch the answer being written, saw {seen}"
    expect(page.locator("#sources .source-title")).to_have_text([f"[1]{OORT}"])

    llm.script(Reply(text="Oort selects participants carefully and then " * 6, break_after=3))
    ask(page, "What speedup does Swan achieve?", 2)
    text = last_answer(page)
    assert text.startswith("⚠️ The LLM could not answer") and "Showing the offline answer instead" in text
    assert "Swan: A Neural Engine" in text and "Traceback" not in text and "carefully and then" not in text


# --- a hostile record -----------------------------------------------------------------------------

def test_hostile_record_is_shown_as_text_and_runs_nothing(page, hostile_url):
    open_chat(page, hostile_url)
    expect(page.locator("#status-line")).to_contain_text("2 papers in the library")
    ask(page, "How does Quokka schedule deep learning jobs on GPU clusters?", 1)
    assert SCRIPT_TITLE in last_answer(page)  # the title, shown as the text it is
    sources = page.locator("#sources")
    expect(sources.locator(".source-title").first).to_contain_text(SCRIPT_TITLE)
    expect(sources.locator(".source-authors").first).to_contain_text('Eve <img src=x onerror="window.__pwned=1">')
    sources.locator("summary", has_text="Abstract").first.click()
    expect(sources.locator(".abstract").first).to_contain_text("<script>window.__pwned=1</script>")
    assert sources.locator("script, img, iframe, svg").count() == 0

    ask(page, 'Tell me about <img src=x onerror="window.__pwned=1"> Wombat on phones', 2)
    expect(page.locator('#chat [data-testid="user"]').last).to_contain_text('<img src=x onerror="window.__pwned=1">')
    assert IMG_TITLE in last_answer(page)
    assert page.locator("#chat .message-content img, #chat .message-content script").count() == 0

    page.get_by_role("tab", name="Papers").click()
    table = page.locator("#papers-table")
    expect(table).to_contain_text(SCRIPT_TITLE)
    expect(table).to_contain_text(IMG_TITLE)
    assert table.locator("tbody img, tbody script").count() == 0
    page.wait_for_timeout(300)  # let any stray handler fire before looking
    assert not pwned(page)
    dom = page.content()  # text serialises as &lt;...&gt;: a raw tag here would be a real element
    assert "<script>window.__pwned" not in dom and not re.search(r"<(img|svg|iframe)[^>]*(onerror|onload|javascript:)", dom)
