"""The page: layout, the events that tie its parts together, and serving it (login, host warning).

Two tabs. "Chat": the conversation (modes, filters shown as chips by the question box, a Stop button while
an answer is written, waiting questions listed, retry and edit of a question, every answer with its own
sources), kept in the browser across a reload and exportable as Markdown. "Papers": a chart and the record
as a table; a row click asks about the paper.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import re
import sys
import tempfile
import threading
import time
from collections import Counter, deque
from html import escape
from pathlib import Path

import gradio as gr

from assistant.chain import MODES, Assistant, LiveAssistant
from assistant.compose import load_quantities
from assistant.prompting import QuestionError
from assistant.settings import Settings
from assistant.types import Filters
from assistant.web.assets import CSS, HEAD, JS, PAPERS_JS, CHIPS_JS
from assistant.web.chat import (
    Request,
    Session,
    Sessions,
    Turn,
    answer_turn,
    chips_html,
    example_questions,
    export_markdown,
    make_filters,
)
from assistant.web.papers import DEFAULT_SORT, next_sort, papers_chart, table_html
from assistant.web.rendering import category_label, safe_bibtex
from assistant.web.sources import sources_json

log = logging.getLogger(__name__)

MODE_CHOICES = [("Ask", "ask"), ("Summarize an area", "summarize"), ("Draft related work", "related-work")]
CONCURRENCY = 4  # answers computed at once; the rest wait in the queue (bounded by settings.max_queue)
PRIVATE = {"api_visibility": "private"}


def normalise_mode(mode: str | None) -> str:
    key = re.sub(r"[\s_]+", "-", (mode or "ask").strip().lower()).replace("summarise", "summarize")
    key = {"summary": "summarize", "related": "related-work", "relatedwork": "related-work"}.get(key, key)
    if key not in MODES:
        raise gr.Error(f"Unknown mode {mode!r}: use one of {', '.join(MODES)}.")
    return key


def api_filters(given: dict | None) -> Filters:
    """Filters from the API's optional JSON object."""
    given = dict(given or {})
    unknown = set(given) - {"year_from", "year_to", "categories", "code"}
    if unknown:
        raise gr.Error(f"Unknown filter {', '.join(sorted(unknown))}: use year_from, year_to, categories, code.")
    try:
        year_from = int(given["year_from"]) if given.get("year_from") is not None else None
        year_to = int(given["year_to"]) if given.get("year_to") is not None else None
    except (TypeError, ValueError):
        raise gr.Error("year_from and year_to must be years, e.g. 2024.") from None
    categories = given.get("categories") or []
    categories = {categories} if isinstance(categories, str) else {str(c) for c in categories}
    code = given.get("code")
    return Filters(year_from=year_from, year_to=year_to, categories=categories,
                   code=None if code is None else bool(code))


def status_html(assistant: Assistant) -> str:
    """What a visitor needs to know: what writes the answers, how big the record is, how recent."""
    settings = assistant.settings
    if settings.llm_configured:
        writer = f"Answers written by <b>{escape(settings.chat_model)}</b>, checked against the record"
    else:
        writer = "Answers assembled from the record’s own sentences (<b>offline mode</b>)"
    library = assistant.library
    parts = [writer, f"<b>{len(library.papers)}</b> papers"]
    captured = library.researcher.captured if library.researcher else ""
    if captured:
        parts.append(f"record of <b>{escape(captured)}</b>")
    return f'<div class="status-line" id="status-line" role="status">{" · ".join(parts)}</div>'


def header_html(assistant: Assistant) -> str:
    name = assistant.owner
    title = f"{escape(name)} — publication assistant" if name else "Publication assistant"
    return f'<div class="app-header"><h1>{title}</h1>{status_html(assistant)}</div>'


DOWNLOADS_KEPT = 86400.0  # seconds a written download stays on disk


def write_download(text: str, stem: str, suffix: str) -> str:
    """Text written to a file (named by its content) for a download button; files older than a day go."""
    folder = Path(tempfile.gettempdir()) / "assistant-web-downloads"
    folder.mkdir(exist_ok=True)
    cutoff = time.time() - DOWNLOADS_KEPT
    for old in folder.iterdir():
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:  # another process removed it first
            pass
    path = folder / f"{stem}-{hashlib.sha256(text.encode()).hexdigest()[:10]}{suffix}"
    if not path.exists():
        path.write_text(text, encoding="utf-8")
    return str(path)


def build_app(assistant: Assistant, login: bool = False) -> gr.Blocks:
    """The web chat over the assistant's library (queue configured; not launched); `login` adds Log out."""
    library = assistant.library
    papers = library.papers
    years = sorted({p.year for p in papers if p.year})
    bounds = (years[0], years[-1]) if years else None
    categories = [c for c, _ in Counter(p.category for p in papers if p.category).most_common()]
    examples = example_questions(assistant)
    example_modes = dict(examples)
    sessions = Sessions()
    title = f"{assistant.owner} — publication assistant" if assistant.owner else "Publication assistant"
    storage_key = "assistant-chat-" + hashlib.sha256(library.collection.encode()).hexdigest()[:12]

    def session_of(request: gr.Request) -> Session:
        return sessions.get(request.session_hash or "anonymous")

    # --- chat ----------------------------------------------------------------------------------

    def downloads(session: Session):
        answered = [t for t in session.turns if t.status != "failed"]
        export = (gr.update(visible=True, value=write_download(export_markdown(answered, title), "conversation", ".md"))
                  if answered else gr.update(visible=False, value=None))
        last = session.turns[-1] if session.turns else None
        bib = (gr.update(visible=True, value=write_download(last.bibtex + "\n", "related-work", ".bib"))
               if last and last.mode == "related-work" and last.bibtex else gr.update(visible=False, value=None))
        return export, bib

    def enqueue(session: Session, question: str, mode: str, filters: Filters, replace_from: int | None = None):
        question = (question or "").strip()
        if question:
            session.submit(Request(question, normalise_mode(mode), filters, replace_from))

    def send(question, mode, year_from, year_to, cats, code_only, request: gr.Request):
        session = session_of(request)
        if not (question or "").strip():
            return gr.update(), gr.update()
        limit = assistant.settings.max_question_chars
        if len(question.strip()) > limit:  # kept in the box to be shortened, not sent to fail
            return gr.update(), (f'<div class="waiting" role="alert">This question is {len(question.strip()):,} '
                                 f"characters long; questions are read up to {limit:,}. Shorten it and ask again.</div>")
        enqueue(session, question, mode, make_filters(year_from, year_to, bounds, cats, code_only))
        return "", session.waiting_note()

    def run(request: gr.Request):
        """Answer the session's waiting questions one after another, streaming each into the chat.
        Yields (chat, waiting note, stop button, export, BibTeX, stored conversation)."""
        session = session_of(request)
        with session.lock:
            idle = session.running or not session.pending
            if not idle:
                session.running = True
        if idle:  # nothing to answer here (an empty or too long question, or one another run takes up): a
            # generator that yielded nothing would leave Gradio to clear every output, the chat with it
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
            return
        try:
            while True:
                with session.lock:
                    if not session.pending:
                        session.running = False
                        break
                    ask = session.current = session.pending.popleft()
                    generation = session.generation
                    session.stop.clear()
                    if ask.replace_from is not None and 0 <= ask.replace_from <= len(session.turns):
                        session.turns = session.turns[:ask.replace_from]
                number = len(session.turns)
                first = True
                for turn in answer_turn(assistant, ask, number, session.history(), session.stop):
                    hide = gr.update(visible=False, value=None) if first else gr.skip()
                    yield session.messages(turn), session.waiting_note(), gr.update(visible=True), hide, hide, gr.skip()
                    first = False
                with session.lock:
                    session.current = None
                    if session.generation == generation:  # not after "New conversation"
                        session.turns.append(turn)
                export, bib = downloads(session)
                yield session.messages(), session.waiting_note(), gr.skip(), export, bib, session.stored()
        finally:
            with session.lock:
                session.running, session.current = False, None
        # The last yield states the downloads again: a page that fell behind may skip intermediate updates.
        export, bib = downloads(session)
        yield gr.skip(), session.waiting_note(), gr.update(visible=False), export, bib, gr.skip()

    def run_if(go: bool, request: gr.Request):
        if go:
            yield from run(request)

    def stop(request: gr.Request):
        session = session_of(request)
        session.stop.set()

    def retry(evt: gr.RetryData, mode, year_from, year_to, cats, code_only, request: gr.Request):
        session = session_of(request)
        number = evt.index // 2 if isinstance(evt.index, int) else len(session.turns) - 1
        if 0 <= number < len(session.turns):
            turn = session.turns[number]
            enqueue(session, turn.question, turn.mode, make_filters(year_from, year_to, bounds, cats, code_only),
                    replace_from=number)
        return session.waiting_note()

    def edit(evt: gr.EditData, mode, year_from, year_to, cats, code_only, request: gr.Request):
        session = session_of(request)
        number = evt.index // 2 if isinstance(evt.index, int) else -1
        text = str(evt.value or "").strip()
        if not text or not 0 <= number < len(session.turns):
            return session.messages(), session.waiting_note()
        if session.running:  # an edit replaces the answer being written
            session.stop.set()
        enqueue(session, text, session.turns[number].mode, make_filters(year_from, year_to, bounds, cats, code_only),
                replace_from=number)
        return gr.skip(), session.waiting_note()

    def pick_example(evt: gr.SelectData, year_from, year_to, cats, code_only, request: gr.Request):
        value = evt.value
        text = value.get("text", "") if isinstance(value, dict) else str(value or "")
        mode = example_modes.get(text, "ask")
        session = session_of(request)
        enqueue(session, text, mode, make_filters(year_from, year_to, bounds, cats, code_only))
        return mode, session.waiting_note()

    def new_conversation(request: gr.Request):
        session = session_of(request)
        session.reset()
        hidden = gr.update(visible=False, value=None)
        return [], "", hidden, hidden, []

    def restore(stored, request: gr.Request):
        """Bring back the conversation this browser kept (a reload, a new tab)."""
        session = session_of(request)
        kept = stored if isinstance(stored, list) else []
        turns = [turn for turn in map(Turn.from_dict, kept) if turn]
        with session.lock:
            if session.turns or session.running:
                # the page already asked something before this (late) load event ran: what it shows is newer
                return gr.skip(), gr.skip(), gr.skip()
            session.turns = turns
        export, bib = downloads(session)
        return session.messages(), export, bib

    def forget(request: gr.Request):
        sessions.drop(request.session_hash or "anonymous")

    # --- filters -------------------------------------------------------------------------------

    def show_chips(year_from, year_to, cats, code_only):
        html = chips_html(make_filters(year_from, year_to, bounds, cats, code_only))
        return gr.update(value=html, visible=bool(html))

    def clear_filter(evt: gr.EventData, year_from, year_to, cats, code_only):
        which = str(getattr(evt, "clear", "") or "")
        low, high = bounds or (year_from, year_to)
        if which in ("all", "years"):
            year_from, year_to = low, high
        if which == "all":
            cats, code_only = [], False
        elif which.startswith("category:"):
            cats = [c for c in (cats or []) if c != which.split(":", 1)[1]]
        elif which == "code":
            code_only = False
        return year_from, year_to, cats, code_only

    # --- papers --------------------------------------------------------------------------------

    def table_event(evt: gr.EventData, query: str, sort: list, request: gr.Request):
        """A header click sorts; a row click asks about that paper in the chat."""
        sort = tuple(sort or DEFAULT_SORT)
        column = getattr(evt, "sort", None)
        if column:
            sort = next_sort(sort, str(column))
            return table_html(assistant.library.papers, query or "", sort), list(sort), gr.skip(), gr.skip(), False
        index = getattr(evt, "paper", None)
        try:
            paper = assistant.library.papers[int(index)]
        except (TypeError, ValueError, IndexError):
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), False
        session = session_of(request)
        enqueue(session, f'Tell me about "{paper.title}"', "ask", Filters())
        return gr.skip(), gr.skip(), gr.Tabs(selected="chat"), session.waiting_note(), True

    def api_ask(question: str, mode: str = "ask", history: list[dict] | None = None,
                filters: dict | None = None) -> tuple[str, dict]:
        """Answer a question about the record. mode: ask | summarize | related-work. history: earlier turns
        [{"role": "user"|"assistant", "content": str}]. filters: {"year_from": int, "year_to": int,
        "categories": [str], "code": bool}, all optional. Returns the answer (Markdown with [n] markers) and
        details: {"mode", "generator", "notice", "sources": [{"n", "title", "year", "date", "authors",
        "category", "code_url", "url", "passages"}], "removed_citations", "bibtex"}."""
        if not (question or "").strip():
            raise gr.Error("Ask a question.")
        turns = [{"role": str(t.get("role")), "content": str(t.get("content", ""))}
                 for t in (history or []) if isinstance(t, dict)]
        try:
            answer = assistant.ask(question.strip(), normalise_mode(mode), turns, api_filters(filters))
        except QuestionError as error:
            raise gr.Error(str(error)) from None
        return answer.text, {"mode": answer.mode, "generator": answer.generator, "notice": answer.notice,
                             "sources": sources_json(answer.hits), "removed_citations": answer.removed_citations,
                             "bibtex": safe_bibtex(answer.bibtex) if answer.bibtex else ""}

    with gr.Blocks(title=title, analytics_enabled=False, delete_cache=(3600, 86400)) as demo:
        stored = gr.BrowserState([], storage_key=storage_key)
        sort_state = gr.State(list(DEFAULT_SORT))
        asked = gr.State(False)
        header = gr.HTML(header_html(assistant), elem_id="app-header")
        with gr.Tabs(selected="chat", elem_id="tabs") as tabs:
            with gr.Tab("Chat", id="chat", elem_id="chat-tab"):
                with gr.Row(equal_height=False, elem_id="controls"):
                    mode = gr.Radio(MODE_CHOICES, value="ask", show_label=False, elem_id="mode", scale=3,
                                    container=False, info=None)
                    with gr.Column(scale=2, min_width=220), gr.Accordion("Filters", open=False, elem_id="filters"):
                        with gr.Row():
                            low, high = bounds or (2000, 2030)
                            year_from = gr.Slider(low, high, value=low, step=1, label="From year",
                                                  interactive=bool(bounds), elem_id="year-from")
                            year_to = gr.Slider(low, high, value=high, step=1, label="To year",
                                                interactive=bool(bounds), elem_id="year-to")
                        with gr.Row():
                            cats = gr.Dropdown([(category_label(c), c) for c in categories], value=[],
                                               multiselect=True, label="Categories (any of)", elem_id="categories")
                            code_only = gr.Checkbox(label="Only papers with code available", elem_id="code-only")
                chatbot = gr.Chatbot(
                    label="Conversation", show_label=False, elem_id="chat", sanitize_html=True,
                    allow_tags=False, render_markdown=True, buttons=[], layout="bubble", editable="user",
                    feedback_options=None, autoscroll=True, height="min(62vh, 680px)",
                    placeholder="**Ask about the papers in the record.** Try one of these:",
                    examples=[{"text": q} for q, _ in examples] or None)
                chips = gr.HTML("", elem_id="chips", visible=False, js_on_load=CHIPS_JS)
                with gr.Row(equal_height=True, elem_id="input-row"):
                    question = gr.Textbox(label="Your question", show_label=False,
                                          placeholder="Ask about the papers…",
                                          elem_id="question", scale=6, lines=1, max_lines=5, autofocus=True,
                                          container=False, submit_btn=False)
                    send_button = gr.Button("Ask", variant="primary", elem_id="send", scale=1, min_width=70)
                    stop_button = gr.Button("Stop", variant="stop", elem_id="stop", scale=1, min_width=70,
                                            visible=False)
                waiting = gr.HTML("", elem_id="waiting")
                with gr.Row(elem_id="chat-actions"):
                    clear = gr.Button("New conversation", size="sm", variant="secondary", elem_id="new-chat")
                    export = gr.DownloadButton("Export conversation (.md)", visible=False, size="sm",
                                               elem_id="export", variant="secondary")
                    bib = gr.DownloadButton("BibTeX of the cited papers (.bib)", visible=False, elem_id="bib",
                                            size="sm", variant="secondary")
                    if login:
                        gr.Button("Log out", link="/logout", size="sm", variant="secondary", elem_id="logout")
            with gr.Tab("Papers", id="papers", elem_id="papers-tab"):
                chart = gr.Plot(papers_chart(papers), label="Papers per year", show_label=False, elem_id="chart",
                                format="png", elem_classes=["chart-wide"])
                chart_compact = gr.Plot(papers_chart(papers, compact=True), label="Papers per year", show_label=False,
                        elem_id="chart-compact",
                        format="png", elem_classes=["chart-compact"])
                search = gr.Textbox(label="Search papers", placeholder="words from a title, author, venue, category "
                                    "or year", elem_id="paper-search")
                table = gr.HTML(table_html(papers), elem_id="papers-table", js_on_load=PAPERS_JS)

        filters_in = [year_from, year_to, cats, code_only]
        chat_out = [chatbot, waiting, stop_button, export, bib, stored]
        run_args = dict(fn=run, inputs=None, outputs=chat_out, concurrency_id="answer", show_progress="hidden",
                        **PRIVATE)
        for trigger in (question.submit, send_button.click):
            trigger(send, [question, mode, *filters_in], [question, waiting], queue=False, trigger_mode="multiple",
                    **PRIVATE).then(**run_args)
        stop_button.click(stop, None, None, queue=False, **PRIVATE)
        chatbot.retry(retry, [mode, *filters_in], waiting, queue=False, **PRIVATE).then(**run_args)
        chatbot.edit(edit, [mode, *filters_in], [chatbot, waiting], queue=False, **PRIVATE).then(**run_args)
        chatbot.example_select(pick_example, filters_in, [mode, waiting], queue=False, **PRIVATE).then(**run_args)
        clear.click(new_conversation, None, [chatbot, waiting, export, bib, stored], queue=False, **PRIVATE)
        chatbot.clear(new_conversation, None, [chatbot, waiting, export, bib, stored], queue=False, **PRIVATE)
        for component in filters_in:
            component.change(show_chips, filters_in, chips, queue=False, show_progress="hidden", **PRIVATE)
        chips.click(clear_filter, filters_in, filters_in, queue=False, **PRIVATE)
        search.change(lambda q, s: table_html(assistant.library.papers, q or "", tuple(s or DEFAULT_SORT)), [search, sort_state],
                      table, queue=False, show_progress="hidden", **PRIVATE)
        table.click(table_event, [search, sort_state], [table, sort_state, tabs, waiting, asked], queue=False,
                    **PRIVATE).then(run_if, asked, chat_out, concurrency_id="answer",
                                    show_progress="hidden", **PRIVATE)
        demo.load(restore, stored, [chatbot, export, bib], queue=False, **PRIVATE)

        def current(query: str, sort: list):
            """The header and the Papers tab as of the library's last ingest (the server follows re-ingests);
            left as built while the library is the one the page was built from."""
            if assistant.library is library:
                return gr.skip(), gr.skip(), gr.skip(), gr.skip()
            shown = assistant.library.papers
            return (header_html(assistant), papers_chart(shown), papers_chart(shown, compact=True),
                    table_html(shown, query or "", tuple(sort or DEFAULT_SORT)))

        demo.load(current, [search, sort_state], [header, chart, chart_compact, table], queue=False,
                  show_progress="hidden", **PRIVATE)
        demo.unload(forget)
        gr.api(api_ask, api_name="ask", concurrency_id="answer")

    demo.queue(max_size=assistant.settings.max_queue, default_concurrency_limit=CONCURRENCY)
    return demo


# --- serving ------------------------------------------------------------------------------------

def read_auth(spec: str) -> list[tuple[str, str]] | None:
    """Login pairs from settings.auth: "user:password", or a path to a file of such lines (# comments)."""
    spec = (spec or "").strip()
    if not spec:
        return None
    path = Path(spec).expanduser()
    if path.is_file():
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        lines = [line for line in lines if line and not line.startswith("#")]
        where = str(path)
    elif ":" in spec:
        lines, where = [spec], "ASSISTANT_AUTH"
    else:
        raise ValueError(f"ASSISTANT_AUTH={spec!r} is neither user:password nor an existing file")
    pairs = []
    for number, line in enumerate(lines, start=1):
        user, sep, password = line.partition(":")
        if not sep or not user.strip() or not password:
            raise ValueError(f"{where}: entry {number} is not user:password")
        pairs.append((user.strip(), password))
    if not pairs:
        raise ValueError(f"{where} holds no user:password line")
    return pairs


class Logins:
    """Checks logins, refusing every attempt for a while after too many failures: per user name, and over
    all names together (so guessing across names is slowed as well)."""

    PER_USER, OVERALL, WINDOW, LOCKOUT = 5, 30, 300.0, 60.0  # failures within WINDOW s lock out for LOCKOUT s

    def __init__(self, pairs: list[tuple[str, str]], per_user: int = PER_USER, overall: int = OVERALL,
                 window: float = WINDOW, lockout: float = LOCKOUT, clock=time.monotonic):
        self.passwords = dict(pairs)
        self.per_user, self.overall, self.window, self.lockout = per_user, overall, window, lockout
        self.clock = clock
        self.failures: dict[str, deque] = {}
        self.all_failures: deque = deque()
        self.locked_until: dict[str, float] = {}
        self.lock = threading.Lock()

    def _recent(self, times: deque, now: float) -> int:
        while times and now - times[0] > self.window:
            times.popleft()
        return len(times)

    def __call__(self, user: str, password: str) -> bool:
        now = self.clock()
        with self.lock:
            if now < max(self.locked_until.get(user, 0.0), self.locked_until.get("", 0.0)):
                log.warning("login refused: too many failed attempts (user %r)", user)
                return False
        expected = self.passwords.get(user)
        ok = expected is not None and hmac.compare_digest(expected.encode(), (password or "").encode())
        if ok:
            return True
        with self.lock:
            mine = self.failures.setdefault(user, deque())
            mine.append(now)
            self.all_failures.append(now)
            if self._recent(mine, now) >= self.per_user:
                self.locked_until[user] = now + self.lockout
            if self._recent(self.all_failures, now) >= self.overall:
                self.locked_until[""] = now + self.lockout
        return False


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def launch(app: gr.Blocks, host: str = "127.0.0.1", port: int = 7860, auth: list[tuple[str, str]] | None = None,
           prevent_thread_lock: bool = False, quiet: bool = False):
    """Start the app on host:port: no share link, our CSS and script, optional (rate-limited) login. Serving
    beyond this machine without a login is allowed but warned about."""
    if not auth and not is_loopback(host):
        message = (f"warning: serving on {host} without a login: anyone who can reach this machine can use the "
                   "chat. Set ASSISTANT_AUTH to user:password (or a file of such lines) to require one.")
        log.warning(message)
        print(message, file=sys.stderr, flush=True)
    return app.launch(server_name=host, server_port=port, share=False, auth=Logins(auth) if auth else None,
                      auth_message="Log in to ask about the publication record." if auth else None,
                      prevent_thread_lock=prevent_thread_lock, quiet=quiet, show_error=False, css=CSS, js=JS, head=HEAD,
                      footer_links=["api", "settings"], ssr_mode=False, mcp_server=False,
                      enable_monitoring=False)


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Load the library, build the app and serve it until interrupted."""
    auth = read_auth(settings.auth)
    assistant = LiveAssistant(settings)  # switches to a new ingest of the library without a restart
    assistant.index.embedder.embed_batch(["warm-up"])  # the first visitor should not wait for the model
    threading.Thread(target=load_quantities, name="load-quantities", daemon=True).start()  # nor for the units
    launch(build_app(assistant, login=bool(auth)), host, port, auth=auth)
