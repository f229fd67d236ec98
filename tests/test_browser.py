"""The web chat end to end in a real headless Chromium (Debian's package, driven by Playwright).

Three servers per module: the shipped record (offline), the same record with a scripted LLM that streams
slowly (typing and asking while an answer is written, Stop, a mid-answer failure), and a hostile record whose
titles and abstracts carry script and onerror payloads. Every page also records the requests it makes:
nothing may leave 127.0.0.1. The screenshots in docs/ are retaken here, at desktop and phone sizes.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from assistant import web
from assistant.chain import Assistant
from assistant.retrieve import Index
from assistant.settings import Settings
from assistant.web.papers import table_papers
from tests.conftest import ROOT, free_port
from tests.llm_server import Reply, ScriptedLLMServer

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
DOCS = ROOT / "docs"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
OORT = "Oort: Efficient Federated Learning via Guided Participant Selection"
OORT_Q = "How does Oort select participants?"
TIMEOUT = 30_000  # ms (the machine is shared: generous, only a failure waits this long)
expect.set_options(timeout=TIMEOUT)
STREAMED = ("Oort guides participant selection by weighing each client's statistical utility against its system "
            "speed [1]. It so improves time-to-accuracy by 1.2x-14.1x [1]. ")

SCRIPT_TITLE = "Quokka<script>window.__pwned=1</script>: Scheduling Deep Learning Jobs on Shared GPU Clusters"
IMG_TITLE = 'Wombat <img src=x onerror="window.__pwned=1">: **Federated** Learning on _Phones_'
HOSTILE_RECORD = [
    {"title": SCRIPT_TITLE, "authors": ['Eve <img src=x onerror="window.__pwned=1">', "Mallory Quinn"],
     "date": "2024-05-01", "category": "DC", "code_url": "javascript:window.__pwned=1",
     "url": "javascript:window.__pwned=1",
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
        pytest.fail("Debian's chromium is not installed: `bash scripts/setup.sh` installs it "
                    "(the tests never download a browser)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def offline(built_library, embedder):
    assistant = Assistant(built_library, Index(built_library, embedder))
    app, url = chat_server(assistant)
    yield url
    app.close()


@pytest.fixture(scope="module")
def llm():
    with ScriptedLLMServer(api_key="sk-test") as running:
        yield running


@pytest.fixture(scope="module")
def online(built_library, embedder, llm):
    settings = Settings(store_dir=built_library.store_dir, openai_api_key="sk-test", openai_base_url=llm.base_url,
                        chat_model="scripted-model", llm_timeout=3)
    app, url = chat_server(Assistant(settings, Index(settings, embedder)))
    yield url
    app.close()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, embedder):
    from ingest.pipeline import ingest

    folder = tmp_path_factory.mktemp("hostile")
    (folder / "record").mkdir()
    (folder / "record" / "papers.json").write_text(json.dumps(HOSTILE_RECORD), encoding="utf-8")
    settings = Settings(store_dir=folder / "store", data_dir=folder / "record")
    ingest([folder / "record"], settings, embedder=embedder)
    app, url = chat_server(Assistant(settings, Index(settings, embedder)))
    yield url
    app.close()


def new_page(browser, viewport=DESKTOP):
    """A fresh browser session that fails the test if it asked anything of a host other than 127.0.0.1."""
    context = browser.new_context(viewport=viewport)
    context.set_default_timeout(TIMEOUT)
    outside: list[str] = []

    def record(request):
        host = urlparse(request.url).hostname
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in ("127.0.0.1", "localhost"):
            outside.append(request.url)
        if "pixel.png" in request.url:
            outside.append(request.url)

    context.on("request", record)
    return context, context.new_page(), outside


@pytest.fixture
def page(browser):
    context, tab, outside = new_page(browser)
    yield tab
    context.close()
    assert not outside, f"the page made requests it should not have: {outside}"


@pytest.fixture
def phone(browser):
    context, tab, outside = new_page(browser, PHONE)
    yield tab
    context.close()
    assert not outside, f"the page made requests it should not have: {outside}"


def open_chat(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.get_by_role("textbox", name="Your question")).to_be_visible()


def box(page: Page):
    return page.locator("#question textarea")


def bots(page: Page):
    return page.locator('#chat [data-testid="bot"]')


def wait_done(page: Page, count: int) -> None:
    """Wait until the count-th answer is complete (verified answers end with their Copy link)."""
    expect(bots(page)).to_have_count(count)
    expect(bots(page).nth(count - 1).locator("a.copy-md")).to_have_count(1)
    expect(page.locator("#stop")).to_be_hidden()


def ask(page: Page, question: str, count: int) -> None:
    """Type a question, send it, and wait for the count-th answer to be complete."""
    box(page).fill(question)
    page.locator("#send").click()
    wait_done(page, count)


def copied_text(page: Page) -> str:
    """What the last click copied: the clipboard is written asynchronously, so wait until it holds something."""
    text = ""
    for _ in range(100):  # at most about ten seconds
        text = page.evaluate("navigator.clipboard.readText()")
        if text:
            break
        page.wait_for_timeout(100)
    return text


def last_answer(page: Page) -> str:
    return bots(page).last.inner_text()


def contrast(page: Page, element) -> float:
    """The WCAG contrast ratio of the element's text colour against the page's background (white)."""
    rgb = [int(v) for v in re.findall(r"\d+", element.evaluate("e => getComputedStyle(e).color"))[:3]]
    linear = [(c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4) for c in rgb]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def pwned(page: Page):
    return page.evaluate("window.__pwned")


# --- the shipped record, offline ------------------------------------------------------------------

def test_first_visit_shows_status_examples_and_an_example_answers(page, offline):
    open_chat(page, offline)
    status = page.locator("#status-line")
    expect(status).to_contain_text("offline mode")
    expect(status).to_contain_text("31 papers")
    expect(status).to_contain_text("record of 2026-11-23")
    assert "ASSISTANT_" not in status.inner_text() and "OPENAI" not in status.inner_text()
    for control in ("#mode", "#filters", "#question textarea", "#send"):  # above the fold at 1366x900
        assert page.locator(control).bounding_box()["y"] + 20 < DESKTOP["height"], control
    expect(page.locator("#chat button.example")).to_have_count(5)
    page.locator("#chat button.example", has_text="How many papers were published in 2025?").click()
    wait_done(page, 1)
    expect(bots(page).first).to_contain_text("The record holds 10 papers published in 2025")
    expect(bots(page).first.locator(".answer-sources .src")).to_have_count(10)
    for selector in ("#status-line", ".src-authors", ".src-meta", "a.copy-md"):  # secondary text stays readable
        assert contrast(page, page.locator(selector).first) >= 4.5, selector


def test_a_double_click_asks_once_and_an_overlong_question_stays_to_be_shortened(page, offline):
    open_chat(page, offline)
    long = "How does Oort select participants? " * 120  # over the 4,000 characters read
    box(page).fill(long)
    page.locator("#send").click()
    try:
        expect(page.locator("#waiting")).to_contain_text("Shorten it and ask again", timeout=10_000)
    except AssertionError:  # about one first click in ten, right after the page loads, is not delivered;
        page.locator("#send").click()  # a second click is what a user would do
        expect(page.locator("#waiting")).to_contain_text("Shorten it and ask again")
    expect(box(page)).to_have_value(long)
    expect(bots(page)).to_have_count(0)
    box(page).fill(OORT_Q)
    page.locator("#send").dblclick()
    wait_done(page, 1)
    page.wait_for_timeout(1500)  # a second answer, were one queued, would have started by now
    expect(bots(page)).to_have_count(1)
    expect(page.locator('#chat [data-testid="user"]')).to_have_count(1)


def test_citations_link_to_each_answers_own_sources(page, offline):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_chat(page, offline)
    ask(page, OORT_Q, 1)
    first = bots(page).first
    assert OORT in first.inner_text()
    first.locator('a[href^="#src-0-1-"]').first.click()  # [1] in the first answer
    source = page.locator("#src-0-1")
    expect(source).to_have_class(re.compile(r"\bhl\b"))
    expect(source).to_be_visible()
    expect(source.locator(".src-title")).to_contain_text(OORT)
    expect(source.locator(".src-meta")).to_contain_text("Oct 12, 2020")
    expect(source.locator(".src-authors")).to_contain_text("Fan Lai")
    sentence = source.locator(".sent.hl")
    expect(sentence).to_have_count(1)
    expect(sentence).to_be_visible()
    expect(sentence).to_contain_text("1.2x-14.1x")  # the passage sentence the claim came from

    ask(page, "How much does it improve time-to-accuracy?", 2)
    assert "1.2x-14.1x" in last_answer(page)
    expect(bots(page).nth(1).locator(".src-title")).to_have_text([f"[1] {OORT}"])
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(DOCS / "screenshot.png"))
    assert (DOCS / "screenshot.png").stat().st_size > 20_000

    first.locator('a[href^="#src-0-1-"]').first.click()  # the earlier answer's sources are still its own
    expect(page.locator("#src-0-1")).to_have_class(re.compile(r"\bhl\b"))
    page.wait_for_timeout(500)  # the page scrolls to the source meanwhile
    assert errors == []
    expect(page.locator("#src-0-1")).to_be_in_viewport()
    expect(page.locator("#src-1-1")).not_to_have_class(re.compile(r"\bhl\b"))

    first.locator("a.copy-md").click()
    copied = copied_text(page)
    assert copied.startswith(first.inner_text().split("\n")[0][:30]) and f"[1] {OORT}" in copied
    assert "<div" not in copied and "&lt;" not in copied and "&amp;" not in copied


def test_summarize_mode_gives_a_themed_answer(page, offline):
    open_chat(page, offline)
    page.locator("#mode label", has_text="Summarize an area").click()
    ask(page, "Summarize the work on federated learning", 1)
    text = last_answer(page)
    assert "Overview by theme" in text and OORT in text
    assert bots(page).first.locator(".src").count() >= 5
    expect(page.locator("#bib")).to_be_hidden()


def test_an_empty_or_overlong_question_after_an_answer_keeps_the_conversation(page, offline):
    open_chat(page, offline)
    ask(page, OORT_Q, 1)
    box(page).fill("   ")
    box(page).press("Enter")
    page.wait_for_timeout(1500)  # what the empty question would do is done by now
    expect(bots(page)).to_have_count(1)
    long = "How does Oort select participants? " * 120
    box(page).fill(long)
    page.locator("#send").click()
    expect(page.locator("#waiting")).to_contain_text("Shorten it and ask again")
    expect(bots(page)).to_have_count(1)
    expect(box(page)).to_have_value(long)


def test_a_related_work_answer_fits_a_phone(phone, offline):
    open_chat(phone, offline)
    phone.locator("#mode label", has_text="Draft related work").click()
    ask(phone, "a project on LLM serving", 1)
    expect(bots(phone).last.locator("pre code").first).to_contain_text("@")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_related_work_bibtex_export_and_reload(page, offline):
    open_chat(page, offline)
    page.locator("#mode label", has_text="Draft related work").click()
    ask(page, "a project on LLM serving", 1)
    bot = bots(page).last
    expect(bot.locator("pre code").first).to_contain_text("@")  # a code block with its copy button
    with page.expect_download() as download:
        page.locator("#bib").click()
    assert download.value.suggested_filename.endswith(".bib")
    assert Path(download.value.path()).read_text(encoding="utf-8").startswith("@")
    with page.expect_download() as download:
        page.locator("#export").click()
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename.endswith(".md")
    assert "## a project on LLM serving" in exported and "**References**" in exported and "[1] " in exported
    assert "## BibTeX" in exported and "javascript:" not in exported

    shown = last_answer(page)
    box(page).fill("a draft not sent")
    page.reload()  # the conversation survives a reload
    expect(bots(page)).to_have_count(1)
    assert last_answer(page) == shown
    expect(page.locator("#export")).to_be_visible()
    page.locator("#new-chat").click()
    expect(bots(page)).to_have_count(0)
    page.reload()
    expect(page.locator("#chat button.example").first).to_be_visible()
    expect(bots(page)).to_have_count(0)


def test_two_tabs_keep_their_own_conversations(page, offline):
    open_chat(page, offline)
    ask(page, OORT_Q, 1)
    other = page.context.new_page()  # a second tab of the same browser: it opens with the latest conversation
    open_chat(other, offline)
    expect(bots(other)).to_have_count(1)
    other.locator("#new-chat").click()
    ask(other, "How many papers were published in 2025?", 1)
    page.reload()
    expect(bots(page)).to_have_count(1)
    expect(bots(page).first).to_contain_text(OORT)  # its own, not the one the other tab saved last
    other.reload()
    expect(bots(other)).to_have_count(1)
    expect(bots(other).first).to_contain_text("published in 2025")
    other.close()


def test_filters_show_as_chips_and_an_empty_answer_says_what_is_outside(page, offline, built_library):
    from assistant.library import load_library
    from tests.test_web_parts import empty_filters

    filters = empty_filters(load_library(built_library).papers)  # no paper passes them
    year_from, category = str(filters.year_from), next(iter(filters.categories))
    open_chat(page, offline)
    page.locator("#filters").get_by_text("Filters").click()
    year = page.locator("#year-from input[type=number]")
    chips = page.locator("#chips")
    for attempt in range(3):  # under load the first keystrokes can land before the field's listeners are bound
        year.fill(year_from)
        year.press("Enter")
        try:
            expect(chips).to_contain_text(f"from {year_from}", timeout=10_000)  # applied before the next filter
            break
        except AssertionError:
            if attempt == 2:
                raise
            year.fill("")
    page.locator("#categories input").click()
    page.get_by_role("option", name=re.compile(rf"^{category} ·")).click()
    page.locator("#filters").get_by_text("Filters").first.click()  # fold the panel away again
    expect(chips).to_contain_text(f"from {year_from}")
    expect(chips).to_contain_text(f"{category} · ")
    chip_box, input_box = chips.bounding_box(), page.locator("#question").bounding_box()
    assert 0 <= input_box["y"] - (chip_box["y"] + chip_box["height"]) < 40, "the chips sit by the question box"
    ask(page, "What does Oort do?", 1)
    expect(bots(page).first).to_contain_text(f"Nothing within the active filters (from {year_from} · {category}")
    expect(bots(page).first).to_contain_text(OORT)
    chips.get_by_role("button", name=f"Remove filter from {year_from}").click()
    expect(chips).not_to_contain_text(f"from {year_from}")
    expect(chips).to_contain_text(category)
    chips.get_by_role("button", name="Clear filters").click()
    expect(chips).to_be_hidden()


def test_papers_tab_search_sort_empty_state_and_a_row_asks(page, offline, built_library):
    from assistant.library import load_library

    papers = load_library(built_library).papers
    open_chat(page, offline)
    page.get_by_role("tab", name="Papers").click()
    chart = page.locator("#chart img")
    expect(chart).to_be_visible()
    assert chart.evaluate("img => img.naturalWidth") > 300
    table = page.locator("#papers-table")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(31)
    expect(rows.first).to_contain_text("SparseSAM")  # newest first
    search = page.locator("#paper-search textarea, #paper-search input").first
    search.fill("serving")
    expected = [p.title for p in table_papers(papers, "serving")]
    expect(rows).to_have_count(len(expected))
    assert all(re.search(r"(?<![a-z])serving", t.lower()) for t in rows.locator(".paper-title").all_inner_texts())
    search.fill("")
    expect(rows).to_have_count(31)
    table.get_by_role("button", name="Title").click()
    expect(table.locator("th.col-title")).to_have_attribute("aria-sort", "ascending")
    titles = rows.locator(".paper-title").all_inner_texts()
    assert titles == sorted(titles, key=str.lower)
    search.fill("no-such-word-anywhere")
    expect(table).to_contain_text("No paper matches")
    search.fill("participant selection")
    expect(rows).to_have_count(1)
    rows.first.click()
    expect(box(page)).to_be_visible()  # back on the chat tab
    wait_done(page, 1)
    expect(page.locator('#chat [data-testid="user"]').first).to_contain_text(f'Tell me about "{OORT}"')
    expect(bots(page).first).to_contain_text("Oort improves time-to-accuracy")


# --- on a phone ---------------------------------------------------------------------------------------

LONGEST_WORD_FITS = """table => {
  const ctx = document.createElement('canvas').getContext('2d');
  const bad = [];
  for (const cell of table.querySelectorAll('tbody td')) {
    if (!cell.offsetParent || !cell.innerText.trim()) continue;
    const style = getComputedStyle(cell);
    ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const longest = Math.max(...cell.innerText.split(/\\s+/).map(w => ctx.measureText(w).width));
    if (cell.clientWidth + 1 < longest) bad.push([cell.innerText, cell.clientWidth, longest]);
  }
  return bad;
}"""


def test_phone_layout_sources_under_the_answer_and_a_readable_table(phone, offline):
    open_chat(phone, offline)
    for control in ("#mode", "#filters", "#question textarea", "#send"):
        place = phone.locator(control).bounding_box()
        assert place["y"] + place["height"] <= PHONE["height"], f"{control} is below the fold"
    ask(phone, OORT_Q, 1)
    bot = bots(phone).first
    text = bot.locator("p, li").first.bounding_box()
    sources = bot.locator(".answer-sources").bounding_box()
    answer = bot.bounding_box()
    assert sources["y"] >= text["y"] + text["height"], "the sources come after the answer's text"
    assert sources["y"] + sources["height"] <= answer["y"] + answer["height"] + 1, "inside the answer"
    assert sources["x"] >= 0 and sources["x"] + sources["width"] <= PHONE["width"]
    phone.screenshot(path=str(DOCS / "screenshot-phone.png"))
    bot.locator('a[href^="#src-0-1-"]').first.click()
    expect(phone.locator("#src-0-1")).to_be_in_viewport()

    phone.get_by_role("tab", name="Papers").click()
    chart = phone.locator("#chart-compact img")
    expect(chart).to_be_visible()
    expect(phone.locator("#chart img")).to_be_hidden()
    shown, natural = chart.evaluate("img => [img.getBoundingClientRect().width, img.naturalWidth]")
    assert shown >= 0.75 * natural, "the phone chart is drawn for the phone, not shrunk from the desktop one"
    table = phone.locator("#papers-table table")
    expect(table.locator("tbody tr")).to_have_count(31)
    assert table.evaluate(LONGEST_WORD_FITS) == [], "no cell is narrower than its longest word"
    assert table.evaluate("t => t.getBoundingClientRect().right") <= PHONE["width"]
    phone.screenshot(path=str(DOCS / "screenshot-phone-papers.png"))


# --- with an LLM that streams slowly ----------------------------------------------------------------

def test_typing_during_a_stream_survives_and_a_question_sent_mid_stream_is_asked(page, online, llm):
    llm.script(Reply(text=STREAMED * 6, chunk_delay=0.06, delay=2.0),
               Reply(text="Swan runs neural networks on phones fast [1].", chunk_delay=0.02))
    open_chat(page, online)
    expect(page.locator("#status-line")).to_contain_text("scripted-model")
    box(page).fill(OORT_Q)
    page.locator("#send").click()
    bot = bots(page).first
    expect(bot.locator(".answer-sources .src")).not_to_have_count(0)  # sources before any text
    assert "Oort guides" not in bot.inner_text()
    expect(page.locator("#stop")).to_be_visible()
    expect(bot).to_contain_text("Oort guides")
    assert "[1]" not in bot.inner_text(), "markers are shown only once verified"

    box(page).fill("What speedup does Swan achieve?")
    page.locator("#send").click()
    expect(page.locator("#waiting")).to_contain_text("Next: “What speedup does Swan achieve?”")
    box(page).press_sequentially("and what about FedScale")
    wait_done(page, 2)
    expect(box(page)).to_have_value("and what about FedScale")  # nothing the stream did touched the box
    expect(page.locator('#chat [data-testid="user"]').nth(1)).to_contain_text("What speedup does Swan achieve?")
    expect(bot.locator('a[href^="#src-0-1-"]').first).to_have_text("[1]")
    expect(page.locator("#waiting")).to_be_empty()


def test_stop_ends_a_stream_and_keeps_what_arrived(page, online, llm):
    llm.script(Reply(text=STREAMED * 20, chunk_delay=0.06))
    open_chat(page, online)
    box(page).fill(OORT_Q)
    page.locator("#send").click()
    bot = bots(page).first
    expect(bot).to_contain_text("statistical utility")
    page.locator("#stop").click()
    expect(bot).to_contain_text("Stopped")
    expect(page.locator("#stop")).to_be_hidden()
    kept = bot.inner_text()
    assert "Oort guides" in kept
    page.wait_for_timeout(800)
    assert bot.inner_text() == kept, "nothing arrives after Stop"

    llm.script(Reply(text="Oort picks fast, useful clients [1]."))
    page.locator("#chat button[aria-label=Retry]").last.click()  # retry the stopped question
    expect(bot).to_contain_text("Oort picks fast, useful clients")
    expect(bots(page)).to_have_count(1)
    expect(page.locator("#stop")).to_be_hidden()


def test_edit_the_last_question(page, online, llm):
    llm.script(Reply(text="Oort picks fast, useful clients [1]."), Reply(text="Swan is a neural engine [1]."))
    open_chat(page, online)
    ask(page, OORT_Q, 1)
    user = page.locator('#chat [data-testid="user"]').first
    user.hover()
    page.locator("#chat button[aria-label=Edit]").first.click()
    editor = page.locator("#chat textarea").first
    editor.fill("What speedup does Swan achieve?")
    page.locator("#chat").get_by_role("button", name="Submit").click()
    expect(bots(page).first).to_contain_text("Swan is a neural engine")
    expect(bots(page)).to_have_count(1)
    expect(user).to_contain_text("What speedup does Swan achieve?")


def test_llm_failure_mid_answer_shows_a_notice_and_the_offline_answer(page, online, llm):
    llm.script(Reply(text="Oort selects participants carefully and then " * 6, break_after=3))
    open_chat(page, online)
    ask(page, "What speedup does Swan achieve?", 1)
    text = last_answer(page)
    assert text.startswith("⚠️ The LLM could not answer") and "Showing the offline answer instead" in text
    assert "Swan: A Neural Engine" in text and "Traceback" not in text and "carefully and then" not in text


# --- a hostile record -----------------------------------------------------------------------------

def test_hostile_record_is_shown_as_text_and_runs_nothing(page, hostile):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_chat(page, hostile)
    expect(page.locator("#status-line")).to_contain_text("2 papers")
    ask(page, "How does Quokka schedule deep learning jobs on GPU clusters?", 1)
    assert SCRIPT_TITLE in last_answer(page)  # the title, shown as the text it is
    sources = bots(page).first.locator(".answer-sources")
    expect(sources.locator(".src-title").first).to_contain_text(SCRIPT_TITLE)
    expect(sources.locator(".src-authors").first).to_contain_text('Eve <img src=x onerror="window.__pwned=1">')
    sources.locator("summary", has_text="Abstract").first.click()
    expect(sources.locator(".abstract-text").first).to_contain_text("<script>window.__pwned=1</script>")
    assert sources.locator("script, img, iframe, svg").count() == 0
    assert page.locator('a[href^="javascript"], a[href^="data"]').count() == 0
    bots(page).first.locator("a.copy-md").click()
    copied = copied_text(page)
    assert SCRIPT_TITLE in copied and "&lt;" not in copied  # clean Markdown, the record's text as it is

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
    assert "<script>window.__pwned" not in dom
    assert not re.search(r"<(img|svg|iframe)[^>]*(onerror|onload|javascript:)", dom)


def test_a_reingest_shows_on_the_next_page_load(browser, tmp_path, embedder):
    """The server follows a new ingest of its library: the header's count and the Papers tab too, not only answers."""
    from assistant.chain import LiveAssistant
    from ingest.pipeline import ingest

    record = tmp_path / "record"
    record.mkdir()
    first = [{"title": "Seagrass meadows store carbon", "authors": ["Ana Silva"], "year": 2021,
              "abstract": "Seagrass meadows store carbon in their sediments."},
             {"title": "Kelp forests recover after heatwaves", "authors": ["Ana Silva"], "year": 2022,
              "abstract": "Kelp forests recovered within two years of a marine heatwave."}]
    (record / "papers.json").write_text(json.dumps(first), encoding="utf-8")
    settings = Settings(store_dir=tmp_path / "store", data_dir=record, reload_check_seconds=0)
    ingest([record], settings, embedder=embedder)
    live = LiveAssistant(settings, Assistant(settings, Index(settings, embedder)))
    app, url = chat_server(live)
    context, page, outside = new_page(browser)
    try:
        open_chat(page, url)
        expect(page.locator("#status-line")).to_contain_text("2 papers")
        added = {"title": "Oyster reefs filter estuaries", "authors": ["Ana Silva"], "year": 2023,
                 "abstract": "Restored oyster reefs filtered the estuary's water."}
        (record / "papers.json").write_text(json.dumps(first + [added]), encoding="utf-8")
        ingest([record], settings, embedder=embedder)
        live.live.check(wait=True)  # the server's rebuild, done in the background between requests
        open_chat(page, url)
        expect(page.locator("#status-line")).to_contain_text("3 papers")
        page.get_by_role("tab", name="Papers").click()
        expect(page.locator("#papers-table tbody tr")).to_have_count(3)
        expect(page.locator("#papers-table tbody tr").first).to_contain_text("Oyster reefs filter estuaries")
    finally:
        context.close()
        app.close()
    assert not outside



def test_the_modes_are_one_tab_stop_and_arrow_keys_choose_among_them(page, offline):
    open_chat(page, offline)
    modes = page.locator("#mode input[type=radio]")
    expect(modes).to_have_count(3)
    page.locator("#mode input[value=ask]").focus()
    page.keyboard.press("ArrowRight")  # the next mode is chosen, as in any radio group
    expect(page.locator("#mode input[value=summarize]")).to_be_checked()
    page.keyboard.press("Tab")  # and Tab leaves the group
    assert page.evaluate("() => document.activeElement.type") != "radio"
    ask(page, "Summarise the work on federated learning.", 1)  # the chosen mode is the one asked in
    expect(bots(page).first).to_contain_text("Federated")
