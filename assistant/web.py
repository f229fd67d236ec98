"""The web chat: a Gradio Blocks app over one library.

Two tabs. "Chat": a streamed conversation (kept per browser session, so follow-ups
work) with a mode selector and filters; beside it the sources of the last answer,
numbered like its [n] markers, and for related-work answers their BibTeX as a .bib
download. "Papers": the record as a searchable, sortable table and a chart of papers
per year by category; picking a paper asks about it in the chat.

Programmatic use goes through one named endpoint::

    from gradio_client import Client
    answer, details = Client("http://127.0.0.1:7860/").predict(
        "What does the most recent paper propose?", "ask", api_name="/ask")

Everything that comes from the record or from a model is treated as text: it is
HTML-escaped before it enters any HTML or Markdown this module renders, and the
chat component sanitises what it renders as well. Nothing here calls out to the
internet: no share link, no analytics, the default theme's fonts are local.
"""

from __future__ import annotations

import os

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # before gradio is imported: nothing may phone home
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

import hashlib  # noqa: E402
import logging  # noqa: E402
import re  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from html import escape  # noqa: E402
from pathlib import Path  # noqa: E402

import gradio as gr  # noqa: E402

from assistant.types import CATEGORY_NAMES  # noqa: E402
from assistant.chain import MODES, Assistant  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.types import Answer, Filters, Hit, Paper  # noqa: E402

log = logging.getLogger(__name__)

MODE_CHOICES = [("Ask", "ask"), ("Summarize an area", "summarize"), ("Draft related work", "related-work")]
CONCURRENCY = 4  # answers computed at once; the rest wait in the queue (bounded by settings.max_queue)
STREAM_EVERY = 0.05  # seconds between two screen updates while an LLM streams
LLM_HINT = "set OPENAI_BASE_URL/OPENAI_API_KEY and ASSISTANT_CHAT_MODEL to connect an LLM"
FAILED = ("⚠️ **Something went wrong while answering this question.** Please try again; if it keeps "
          "happening, the server log says why.")
EMPTY_SOURCES = ('<div class="sources-empty">The papers an answer cites appear here, numbered like the '
                 '[n] markers in the answer.</div>')
TABLE_HEADERS = ["Date", "Title", "Authors", "Category", "Code"]
STOP = set("""a an and are as at be by for from in into is of on or the to via with without using towards toward
based new efficient large scale its their our your this that these those can do does not more""".split())
SAFE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9\-+. ]{0,24}$")

CSS = """
.app-header h1 { margin: 0 0 .15rem 0; font-size: 1.5rem; }
.app-header p { margin: 0; color: var(--body-text-color-subdued); }
.status-line { font-size: .875rem; color: var(--body-text-color-subdued); padding: .35rem .6rem;
  border: 1px solid var(--border-color-primary); border-radius: var(--radius-md); background: var(--block-background-fill); }
.status-line b { color: var(--body-text-color); white-space: nowrap; }
.sources h3 { margin: 0 0 .5rem 0; font-size: 1rem; }
.sources-empty { color: var(--body-text-color-subdued); font-size: .9rem; padding: .75rem; }
.source { border: 1px solid var(--border-color-primary); border-radius: var(--radius-md); padding: .6rem .75rem;
  margin-bottom: .6rem; background: var(--block-background-fill); }
.source-title { font-weight: 600; line-height: 1.3; }
.source-title a { color: inherit; }
.source-n { display: inline-block; min-width: 1.8em; color: var(--color-accent); font-weight: 700; }
.source-meta, .source-authors { font-size: .82rem; color: var(--body-text-color-subdued); margin-top: .2rem; }
.badge { display: inline-block; font-size: .72rem; padding: 0 .45em; border-radius: 999px; margin-left: .25em;
  border: 1px solid var(--border-color-primary); }
.badge.code { border-color: #16a34a; color: #16a34a; }
.source details { margin-top: .35rem; font-size: .85rem; }
.source summary { cursor: pointer; color: var(--body-text-color-subdued); }
.source blockquote { margin: .3rem 0; padding: .1rem .6rem; border-left: 3px solid var(--color-accent);
  max-height: 9rem; overflow-y: auto; white-space: pre-wrap; }
.source .abstract { white-space: pre-wrap; margin: .3rem 0; }
.removed { font-size: .82rem; color: var(--body-text-color-subdued); }
"""


# --- text safety --------------------------------------------------------------------------------

CODE = re.compile(r"(```.*?(?:```|$)|`[^`\n]*`)", re.S)


def md_escape(text: str) -> str:
    """Markdown whose HTML is shown as text: `&` and `<` escaped outside code (code is shown verbatim
    by the Markdown renderer anyway), and `![` defused so no remote image is ever loaded from it."""
    parts = CODE.split(text)
    for i in range(0, len(parts), 2):  # even parts are outside code
        parts[i] = parts[i].replace("&", "&amp;").replace("<", "&lt;").replace("![", "!\\[")
    return "".join(parts)


def safe_url(url: str) -> str:
    """The URL if it is a plain http(s) link, else ''."""
    url = (url or "").strip()
    return url if re.match(r"^https?://[^\s\"'<>]+$", url) else ""


# --- rendering ----------------------------------------------------------------------------------

def category_label(code: str) -> str:
    return f"{code} · {CATEGORY_NAMES[code]}" if code in CATEGORY_NAMES else code


def paper_link(paper: Paper) -> str:
    if safe_url(paper.url):
        return paper.url
    if paper.doi:
        return safe_url(f"https://doi.org/{paper.doi}")
    if paper.arxiv_id:
        return safe_url(f"https://arxiv.org/abs/{paper.arxiv_id}")
    return ""


def code_badge(paper: Paper) -> str:
    url = safe_url(paper.code_url)
    if url:
        return (f'<a class="badge code" href="{escape(url)}" target="_blank" rel="noopener noreferrer">'
                'code</a>')
    if paper.code_available:
        return '<span class="badge code">code available</span>'
    return ""


def render_sources(hits: list[Hit]) -> str:
    """The sources panel: one card per cited paper, numbered like the answer's [n] markers."""
    if not hits:
        return EMPTY_SOURCES
    cards = []
    for number, hit in enumerate(hits, start=1):
        paper = hit.paper
        title = escape(paper.title)
        link = paper_link(paper)
        if link:
            title = f'<a href="{escape(link)}" target="_blank" rel="noopener noreferrer">{title}</a>'
        meta = " · ".join(escape(part) for part in (paper.date_label(), category_label(paper.category),
                                                     paper.venue) if part)
        authors = escape(paper.authors_label()) or "authors not listed"
        parts = [f'<div class="source" data-n="{number}">',
                 f'<div class="source-title"><span class="source-n">[{number}]</span>{title}</div>',
                 f'<div class="source-meta">{meta}{code_badge(paper)}</div>',
                 f'<div class="source-authors">{authors}</div>']
        if paper.abstract:
            parts.append(f'<details><summary>Abstract</summary><div class="abstract">{escape(paper.abstract)}'
                         '</div></details>')
        if hit.passages:
            quotes = "".join(f"<blockquote>{escape(p)}</blockquote>" for p in hit.passages)
            label = "Passage used" if len(hit.passages) == 1 else f"Passages used ({len(hit.passages)})"
            opened = " open" if len(hits) <= 2 else ""  # many sources: passages on demand, like abstracts
            parts.append(f'<details{opened}><summary>{label}</summary>{quotes}</details>')
        parts.append("</div>")
        cards.append("".join(parts))
    heading = "Source" if len(hits) == 1 else f"Sources ({len(hits)})"
    return f'<div class="sources"><h3>{heading}</h3>{"".join(cards)}</div>'


def render_answer(text: str, notice: str = "", removed: list[str] | None = None) -> str:
    """An assistant turn as safe Markdown: the notice first, then the answer, then removed citations."""
    parts = []
    if notice:
        parts.append(f"> ⚠️ **{md_escape(notice)}**")
    parts.append(md_escape(text))
    if removed:
        parts.append("_Citations removed because they could not be verified against the record: "
                     + "; ".join(md_escape(r) for r in removed) + "_")
    return "\n\n".join(parts)


def sources_json(answer: Answer) -> list[dict]:
    return [{"n": n, "title": h.paper.title, "year": h.paper.year, "date": h.paper.date_label(),
             "authors": h.paper.authors, "category": h.paper.category, "code_url": h.paper.code_url,
             "url": paper_link(h.paper), "passages": h.passages}
            for n, h in enumerate(answer.hits, start=1)]


def status_html(assistant: Assistant) -> str:
    settings = assistant.settings
    if settings.llm_configured:
        writer = (f"Answers written by <b>{escape(settings.chat_model)}</b> "
                  "(the offline extractive answer is shown if it fails)")
    else:
        writer = f"Answers written in <b>offline extractive mode</b> ({escape(LLM_HINT)})"
    library = assistant.library
    parts = [writer, f"<b>{len(library.papers)}</b> papers in the library"]
    captured = library.researcher.captured if library.researcher else ""
    if captured:
        parts.append(f"record captured <b>{escape(captured)}</b>")
    return f'<div class="status-line" id="status-line">{" · ".join(parts)}</div>'


def header_html(assistant: Assistant) -> str:
    name = assistant.owner
    title = f"{escape(name)} — publication assistant" if name else "Publication assistant"
    whose = f"{escape(name)}'s" if name else "the"
    return (f'<div class="app-header"><h1>{title}</h1><p>Questions about {whose} papers, answered from the '
            "record: every statement cites the paper it comes from.</p></div>")


# --- examples, table and chart ------------------------------------------------------------------

def _system_names(papers: list[Paper]) -> list[tuple[Paper, str]]:
    named = []
    for paper in sorted(papers, key=lambda p: (p.date is None, p.date), reverse=True):
        head = paper.system_name
        if head and SAFE_NAME.match(head) and len(head.split()) <= 2:
            named.append((paper, head))
    return named


def _title_topics(papers: list[Paper]) -> list[str]:
    """Two-word phrases most titles share ("federated learning", "llm serving")."""
    counts: Counter = Counter()
    for paper in papers:
        words = re.findall(r"[A-Za-z][A-Za-z\-]+", paper.title.split(":", 1)[-1].lower())
        counts.update({f"{a} {b}" for a, b in zip(words, words[1:]) if a not in STOP and b not in STOP})
    abstracts = [p.abstract.lower() for p in papers]
    ranked = sorted((phrase for phrase, n in counts.items() if n >= 2 and SAFE_NAME.match(phrase)),
                    key=lambda phrase: (counts[phrase], sum(phrase in a for a in abstracts)), reverse=True)
    return ranked


def example_questions(assistant: Assistant) -> list[tuple[str, str]]:
    """(question, mode) pairs for a first-time visitor, drawn from the record: a question about a named
    system, a count, an area to summarise and a topic to draft related work on."""
    papers = assistant.library.papers
    examples: list[tuple[str, str]] = []
    named = _system_names(papers)
    for _, name in named:
        if len(examples) >= 2:
            break
        examples.append((f"What problem does {name} solve?", "ask"))
    years = Counter(p.year for p in papers if p.year)
    if years:
        year = max(years, key=lambda y: (years[y], y))
        examples.append((f"How many papers were published in {year}?", "ask"))
    topics = _title_topics(papers)
    if topics:
        examples.append((f"Summarize the work on {topics[0]}", "summarize"))
    if len(topics) > 1:
        examples.append((f"Draft related work for a project on {topics[1]}", "related-work"))
    return examples


def table_rows(papers: list[Paper], query: str = "") -> list[list[str]]:
    """The papers table, newest first, keeping rows that contain every word of the query."""
    terms = query.lower().split()
    rows = []
    for paper in sorted(papers, key=lambda p: (p.date is None, p.date), reverse=True):
        if terms:
            haystack = " ".join([paper.title, paper.authors_label(), paper.category, category_label(paper.category),
                                 paper.date.isoformat() if paper.date else "", paper.venue, paper.abstract]).lower()
            if not all(term in haystack for term in terms):
                continue
        date = ""
        if paper.date:
            date = {"year": paper.date.strftime("%Y"), "month": paper.date.strftime("%Y-%m")}.get(
                paper.date_precision or "day", paper.date.isoformat())
        rows.append([date, paper.title, paper.authors_label(), paper.category,
                     "yes" if paper.code_available else ""])
    return rows


def papers_chart(papers: list[Paper]):
    """Papers per year, stacked by category: a matplotlib figure (no pyplot, so thread-safe)."""
    from matplotlib.figure import Figure

    dated = [p for p in papers if p.year]
    years = list(range(min(p.year for p in dated), max(p.year for p in dated) + 1)) if dated else []
    categories = [c for c, _ in Counter(p.category or "other" for p in dated).most_common()]
    fig = Figure(figsize=(9, 3.8), dpi=110, layout="constrained")
    ax = fig.add_subplot()
    palette = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
               "#9c755f", "#bab0ac", "#1f3b73", "#8cd17d"]  # Tableau 10, then two more
    bottom = [0] * len(years)
    for i, category in enumerate(categories):
        counts = [sum(1 for p in dated if p.year == y and (p.category or "other") == category) for y in years]
        label = category_label(category).replace("$", r"\$")
        ax.bar(years, counts, bottom=bottom, label=label, color=palette[i % len(palette)], width=0.7)
        bottom = [b + c for b, c in zip(bottom, counts)]
    for year, total in zip(years, bottom):
        if total:
            ax.text(year, total + 0.15, str(total), ha="center", va="bottom", fontsize=8)
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_ylabel("papers")
    ax.set_ylim(0, max(bottom or [1]) * 1.18 + 0.5)
    ax.spines[["top", "right"]].set_visible(False)
    ax.yaxis.get_major_locator().set_params(integer=True)
    if categories:
        fig.legend(fontsize=7, frameon=False, loc="outside right upper", title="category", title_fontsize=8)
    undated = len(papers) - len(dated)
    ax.set_title("Papers per year, by category" + (f" ({undated} undated not shown)" if undated else ""),
                 fontsize=10, loc="left")
    return fig


# --- answering ----------------------------------------------------------------------------------

def make_filters(year_from: float | None, year_to: float | None, bounds: tuple[int, int] | None,
                 categories: list[str] | None, code_only: bool) -> Filters:
    """Filters from the form; a year bound left at the library's edge is no filter at all."""
    if bounds is None:  # the library has no dated papers: the year sliders mean nothing
        return Filters(categories=set(categories or []), code=True if code_only else None)
    low, high = bounds
    year_from = int(year_from) if year_from is not None else None
    year_to = int(year_to) if year_to is not None else None
    if year_from is not None and year_to is not None and year_from > year_to:
        year_from, year_to = year_to, year_from
    return Filters(year_from=year_from if year_from is not None and year_from != low else None,
                   year_to=year_to if year_to is not None and year_to != high else None,
                   categories=set(categories or []), code=True if code_only else None)


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


def normalise_mode(mode: str | None) -> str:
    key = re.sub(r"[\s_]+", "-", (mode or "ask").strip().lower()).replace("summarise", "summarize")
    key = {"summary": "summarize", "related": "related-work", "relatedwork": "related-work"}.get(key, key)
    if key not in MODES:
        raise gr.Error(f"Unknown mode {mode!r}: use one of {', '.join(MODES)}.")
    return key


def bib_file(bibtex: str) -> str:
    """The BibTeX written to a .bib file (named by its content) for the download button."""
    folder = Path(tempfile.gettempdir()) / "assistant-web-bib"
    folder.mkdir(exist_ok=True)
    path = folder / f"related-work-{hashlib.sha256(bibtex.encode()).hexdigest()[:10]}.bib"
    if not path.exists():
        path.write_text(bibtex + "\n", encoding="utf-8")
    return str(path)


def new_conversation() -> dict:
    """Per-session state: the turns as asked and answered (what the assistant reads as history) and the
    messages as shown (escaped, with notices)."""
    return {"turns": [], "shown": []}


@dataclass
class Step:
    """One screen update of a chat turn."""

    shown: list[dict]  # the chat's messages
    conversation: dict  # the session state after this step
    answer: Answer | None = None  # set on the last step
    first: bool = False
    failed: bool = False


def chat_turn(assistant: Assistant, question: str, mode: str, filters: Filters,
              conversation: dict | None) -> Iterator[Step]:
    """Ask one question in a conversation, yielding what the chat shows as the answer is written: the
    question with a placeholder, the text as it streams, then the verified answer. A notice (the LLM
    failed) replaces the partial text and stays above the offline answer; an unexpected error ends the
    turn with a short message (the traceback goes to the log), never a stack trace on screen."""
    conversation = conversation or new_conversation()
    question = question.strip()
    turns = list(conversation["turns"])
    shown = list(conversation["shown"])
    shown.append({"role": "user", "content": md_escape(question)})
    shown.append({"role": "assistant", "content": "_Searching the record…_"})
    yield Step(list(shown), conversation, first=True)

    text, notice, answer, last = "", "", None, 0.0
    try:
        for event in assistant.stream(question, mode, turns, filters):
            if event.kind == "delta":
                text += event.text
            elif event.kind == "notice":
                notice, text = event.text, ""  # the partial LLM text gives way to the offline answer
            elif event.kind == "final":
                answer = event.answer
                continue
            now = time.monotonic()
            if now - last >= STREAM_EVERY or event.kind == "notice":
                last = now
                shown[-1] = {"role": "assistant", "content": render_answer(text, notice)}
                yield Step(list(shown), conversation)
        if answer is None:
            raise RuntimeError("the assistant ended without a final answer")
    except Exception:  # noqa: BLE001 - the visitor gets a message, the log gets the traceback
        log.exception("answering %r failed", question)
        shown[-1] = {"role": "assistant", "content": FAILED}
        yield Step(list(shown), conversation, failed=True)
        return
    shown[-1] = {"role": "assistant",
                 "content": render_answer(answer.text, answer.notice or notice, answer.removed_citations)}
    turns += [{"role": "user", "content": question}, {"role": "assistant", "content": answer.text}]
    yield Step(list(shown), {"turns": turns, "shown": list(shown)}, answer=answer)


def build_app(assistant: Assistant) -> gr.Blocks:
    """The web chat over the assistant's library (queue configured; not launched)."""
    library = assistant.library
    papers = library.papers
    years = sorted({p.year for p in papers if p.year})
    bounds = (years[0], years[-1]) if years else None
    categories = [c for c, _ in Counter(p.category for p in papers if p.category).most_common()]
    examples = example_questions(assistant)
    example_modes = dict(examples)
    titles = sorted(p.title for p in papers)

    def respond(question: str, mode: str, year_from, year_to, cats, code_only, conversation: dict):
        """Stream one answer: yields (question box, chat, sources, download button, conversation)."""
        if not (question or "").strip():
            yield gr.update(), gr.update(), gr.update(), gr.update(), conversation
            return
        filters = make_filters(year_from, year_to, bounds, cats, code_only)
        for step in chat_turn(assistant, question, normalise_mode(mode), filters, conversation):
            if step.answer is None and not step.failed:
                hide = gr.update(visible=False, value=None) if step.first else gr.update()
                yield "", step.shown, gr.update(), hide, step.conversation
            elif step.failed:
                yield "", step.shown, EMPTY_SOURCES, gr.update(visible=False, value=None), step.conversation
            else:
                bib = step.answer.bibtex
                download = gr.update(visible=True, value=bib_file(bib)) if bib else gr.update(visible=False,
                                                                                             value=None)
                yield "", step.shown, render_sources(step.answer.hits), download, step.conversation

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
        answer = assistant.ask(question.strip(), normalise_mode(mode), turns, api_filters(filters))
        return answer.text, {"mode": answer.mode, "generator": answer.generator, "notice": answer.notice,
                             "sources": sources_json(answer), "removed_citations": answer.removed_citations,
                             "bibtex": answer.bibtex}

    def pick_example(evt: gr.SelectData):
        value = evt.value
        text = value.get("text", "") if isinstance(value, dict) else str(value or "")
        return text, example_modes.get(text, "ask")

    def filter_table(query: str):
        return table_rows(papers, query)

    def select_row(evt: gr.SelectData):
        row = evt.row_value or []
        return row[1] if len(row) > 1 and row[1] in titles else gr.update()

    def ask_about(title: str | None):
        if not title:
            raise gr.Error("Pick a paper first (click a row of the table, or choose it in the list).")
        return gr.Tabs(selected="chat"), f'Tell me about "{title}"', "ask"

    with gr.Blocks(title=(f"{assistant.owner} — publication assistant" if assistant.owner
                          else "Publication assistant"), analytics_enabled=False,
                   delete_cache=(3600, 86400)) as demo:
        conversation = gr.State(new_conversation())
        gr.HTML(header_html(assistant), elem_id="app-header", js_on_load=None)
        gr.HTML(status_html(assistant), elem_id="status", js_on_load=None)
        with gr.Tabs(selected="chat") as tabs:
            with gr.Tab("Chat", id="chat"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=360):
                        chatbot = gr.Chatbot(
                            label="Conversation", show_label=False, elem_id="chat", height=560, sanitize_html=True,
                            allow_tags=False, render_markdown=True, buttons=["copy"], layout="bubble",
                            feedback_options=None,
                            placeholder="**Ask about the papers in the record.** Try one of these:",
                            examples=[{"text": q} for q, _ in examples] or None)
                        with gr.Row(equal_height=True):
                            question = gr.Textbox(show_label=False, placeholder="Ask about the papers…",
                                                  elem_id="question", scale=6, lines=1, max_lines=5,
                                                  autofocus=True)
                            send = gr.Button("Ask", variant="primary", elem_id="send", scale=1, min_width=80)
                        mode = gr.Radio(MODE_CHOICES, value="ask", label="Mode", elem_id="mode")
                        with gr.Accordion("Filters", open=False, elem_id="filters"):
                            with gr.Row():
                                low, high = bounds or (2000, 2030)
                                year_from = gr.Slider(low, high, value=low, step=1, label="From year",
                                                      interactive=bool(bounds))
                                year_to = gr.Slider(low, high, value=high, step=1, label="To year",
                                                    interactive=bool(bounds))
                            with gr.Row():
                                cats = gr.Dropdown([(category_label(c), c) for c in categories], value=[],
                                                   multiselect=True, label="Categories (any of)")
                                code_only = gr.Checkbox(label="Only papers with code available")
                        clear = gr.Button("New conversation", size="sm", variant="secondary")
                    with gr.Column(scale=2, min_width=300):
                        download = gr.DownloadButton("Download BibTeX of the cited papers (.bib)", visible=False,
                                                     elem_id="bib", size="sm", variant="primary")
                        sources = gr.HTML(EMPTY_SOURCES, elem_id="sources", js_on_load=None, max_height=820)
            with gr.Tab("Papers", id="papers"):
                gr.Plot(papers_chart(papers), label="Papers per year", elem_id="chart", format="png")
                with gr.Row(equal_height=True):
                    search = gr.Textbox(label="Search papers", placeholder="title, author, category, year, topic…",
                                        elem_id="paper-search", scale=3)
                    pick = gr.Dropdown(titles, value=None, label="Paper (or click a row)", elem_id="paper-pick",
                                       scale=3)
                    ask_it = gr.Button("Ask about this paper", elem_id="ask-paper", scale=1, variant="primary")
                table = gr.Dataframe(value=table_rows(papers), headers=TABLE_HEADERS, interactive=False,
                                     wrap=True, elem_id="papers-table", max_height=640,
                                     column_widths=["9%", "41%", "30%", "10%", "10%"])

        chat_inputs = [question, mode, year_from, year_to, cats, code_only, conversation]
        chat_outputs = [question, chatbot, sources, download, conversation]
        answer_args = dict(fn=respond, inputs=chat_inputs, outputs=chat_outputs, api_visibility="private",
                           show_progress="minimal", concurrency_id="answer")
        question.submit(**answer_args)
        send.click(**answer_args)
        chatbot.example_select(pick_example, None, [question, mode], api_visibility="private",
                               queue=False).then(**answer_args)
        clear.click(lambda: ("", [], EMPTY_SOURCES, gr.update(visible=False, value=None), new_conversation()),
                    None, chat_outputs, api_visibility="private", queue=False)
        chatbot.clear(lambda: (EMPTY_SOURCES, gr.update(visible=False, value=None), new_conversation()), None,
                      [sources, download, conversation], api_visibility="private", queue=False)
        search.change(filter_table, search, table, api_visibility="private", queue=False)
        table.select(select_row, None, pick, api_visibility="private", queue=False)
        ask_it.click(ask_about, pick, [tabs, question, mode], api_visibility="private",
                     queue=False).success(**answer_args)
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


def launch(app: gr.Blocks, host: str = "127.0.0.1", port: int = 7860, auth: list[tuple[str, str]] | None = None,
           prevent_thread_lock: bool = False, quiet: bool = False):
    """Start the app on host:port: local only, no share link, our CSS, optional login."""
    return app.launch(server_name=host, server_port=port, share=False, auth=auth,
                      auth_message="Log in to ask about the publication record." if auth else None,
                      prevent_thread_lock=prevent_thread_lock, quiet=quiet, show_error=False, css=CSS,
                      footer_links=["api", "settings"], ssr_mode=False, mcp_server=False,
                      enable_monitoring=False)


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Load the library, build the app and serve it until interrupted."""
    auth = read_auth(settings.auth)
    assistant = Assistant(settings)
    assistant.index.embedder.embed_batch(["warm-up"])  # the first visitor should not wait for the model
    launch(build_app(assistant), host, port, auth=auth)
