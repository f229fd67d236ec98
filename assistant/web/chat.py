"""The conversation: one session per browser tab, its questions waiting in line, answers streamed into it.

A question sent while an answer is being written waits in line and is asked as soon as that answer ends
(the line is shown under the question box); Stop ends the current answer at once, keeping what arrived,
marked as stopped. The question box belongs to the user: nothing here ever writes to it.

While an answer streams its citation markers are left out (they are not verified yet); the final answer
replaces the streamed text with the verified one, every `[n]` a link to that answer's own sources.
"""

from __future__ import annotations

import logging
import queue
import re
import threading
import time
from html import escape
from collections import Counter, OrderedDict, deque
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, fields

from assistant.chain import Assistant
from assistant.citations import quote_record_text
from assistant.prompting import QuestionError
from assistant.types import Answer, Filters, Hit, Paper
from assistant.web.rendering import attr, category_label, md_escape, safe_bibtex, safe_bibtex_blocks
from assistant.web.sources import hide_markers, link_markers, references_markdown, sources_block

log = logging.getLogger(__name__)

STREAM_EVERY = 0.05  # seconds between two screen updates while an answer streams
POLL = 0.1  # seconds between two looks at the Stop button while the writer is silent
MAX_SESSIONS = 2000  # browser sessions remembered at once (the oldest is forgotten first)
MAX_TURNS_KEPT = 40  # turns a browser keeps across a reload
STOP_WORDS = set("""a an and are as at be by for from in into is of on or the to via with without using towards
toward based new efficient large scale its their our your this that these those can do does not more""".split())
SAFE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9\-+. ]{0,24}$")
SEARCHING = "_Searching the record…_"
FAILED = ("⚠️ **Something went wrong while answering this question.** Please try again; if it keeps "
          "happening, the server log says why.")
STOPPED = "_⏹ Stopped. The text above is what had arrived; its citations were not checked._"


# --- filters -----------------------------------------------------------------------------------

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


def filter_chips(filters: Filters) -> list[tuple[str, str]]:
    """(what clearing it resets, label) for each active filter, in the order the form shows them."""
    chips = []
    if filters.year_from is not None and filters.year_to is not None:
        label = str(filters.year_from) if filters.year_from == filters.year_to else \
            f"{filters.year_from}–{filters.year_to}"
        chips.append(("years", label))
    elif filters.year_from is not None:
        chips.append(("years", f"from {filters.year_from}"))
    elif filters.year_to is not None:
        chips.append(("years", f"up to {filters.year_to}"))
    for code in sorted(filters.categories):
        chips.append((f"category:{code}", category_label(code)))
    if filters.code:
        chips.append(("code", "with code"))
    return chips


def chips_html(filters: Filters) -> str:
    chips = filter_chips(filters)
    if not chips:
        return ""
    buttons = "".join(f'<button type="button" class="chip" data-clear="{attr(key)}" '
                      f'aria-label="Remove filter {attr(label)}">{md_escape(label)} <span aria-hidden="true">×</span>'
                      "</button>" for key, label in chips)
    return (f'<div class="chips" role="group" aria-label="Active filters"><span class="chips-label">Answers only '
            f'draw on papers</span>{buttons}<button type="button" class="chip clear-all" data-clear="all">'
            "Clear filters</button></div>")


def outside_filters(assistant: Assistant, question: str, mode: str, history: list[dict]) -> list[Hit]:
    """The papers the same question finds without filters (retrieval only: no text is written)."""
    stream = assistant.stream(question, mode, history, Filters())
    try:
        for event in stream:
            if event.kind == "sources":
                return list(event.hits or [])
            if event.kind == "final":
                return list(event.answer.hits) if event.answer else []
    finally:
        stream.close()
    return []


def found_nothing(answer: Answer) -> bool:
    """The answer cites no paper, or the chain says it found only near misses or nothing."""
    return not answer.hits or getattr(answer, "status", None) in ("not_found", "near_miss", "absent")


def outside_note(filters: Filters, hits: list[Hit]) -> str:
    """What the record holds on the question outside the active filters (hits: found without filters)."""
    active = " · ".join(label for _, label in filter_chips(filters))
    hits = [h for h in hits if not filters.allows(h.paper)]
    if not hits:
        return f"_Without the active filters ({md_escape(active)}) the record has nothing more on this._"
    names = "; ".join(f"**{md_escape(quote_record_text(h.paper.title))}** ({h.paper.year or 'undated'})" for h in hits[:5])
    more = f" and {len(hits) - 5} more" if len(hits) > 5 else ""
    return (f"> 🔎 **Nothing within the active filters ({md_escape(active)}).** Outside them the record has: "
            f"{names}{more}. Clear the filters to draw on them.")


# --- turns and sessions --------------------------------------------------------------------------

@dataclass
class Turn:
    """One question and its answer as the page keeps them (and the browser stores them)."""

    question: str
    mode: str = "ask"
    shown: str = SEARCHING  # the assistant message as rendered in the chat
    answer: str = ""  # the verified answer text: what a follow-up reads as history
    markdown: str = ""  # clean Markdown of the answer with its references (copy, export)
    bibtex: str = ""
    status: str = "answered"  # answered | stopped | failed

    def messages(self) -> list[dict]:
        return [{"role": "user", "content": md_escape(self.question)}, {"role": "assistant", "content": self.shown}]

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: object) -> Turn | None:
        if not isinstance(data, dict):
            return None
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known and isinstance(v, str)}
        return cls(**values) if values.get("question") else None


@dataclass
class Request:
    """A question waiting to be asked; `replace_from` (edit, retry) drops that turn and those after it."""

    question: str
    mode: str = "ask"
    filters: Filters = field(default_factory=Filters)
    replace_from: int | None = None


class Session:
    """One browser tab's conversation, line of waiting questions and Stop button."""

    def __init__(self):
        self.lock = threading.Lock()
        self.turns: list[Turn] = []
        self.pending: deque[Request] = deque()
        self.running = False
        self.current: Request | None = None  # the question being answered
        self.stop = threading.Event()
        self.generation = 0  # a new conversation starts a new generation: answers to the old one are dropped

    def history(self) -> list[dict]:
        turns = []
        for turn in self.turns:
            if turn.status == "answered" and turn.answer:
                turns += [{"role": "user", "content": turn.question}, {"role": "assistant", "content": turn.answer}]
        return turns

    def messages(self, current: Turn | None = None) -> list[dict]:
        shown = [m for turn in self.turns for m in turn.messages()]
        return shown + (current.messages() if current else [])

    def stored(self) -> list[dict]:
        return [turn.to_dict() for turn in self.turns[-MAX_TURNS_KEPT:]]

    def waiting_note(self) -> str:
        with self.lock:
            waiting = [r.question for r in self.pending]
        if not waiting:
            return ""
        first = md_escape(waiting[0][:120])
        more = f" (and {len(waiting) - 1} more)" if len(waiting) > 1 else ""
        return (f'<div class="waiting" role="status">Next: “{first}”{more}. Questions wait until the answer being '
                "written ends; <b>Stop</b> ends it now.</div>")

    def submit(self, request: Request) -> bool:
        """Queue the question, unless it is the one just asked and still waiting or being answered (a
        double click sends it twice); whether it was queued."""
        with self.lock:
            last = self.pending[-1] if self.pending else self.current
            if request.replace_from is None and last is not None and last.replace_from is None and \
                    (last.question, last.mode, last.filters) == (request.question, request.mode, request.filters):
                return False
            self.pending.append(request)
            return True

    def reset(self) -> None:
        with self.lock:
            self.pending.clear()
            self.turns = []
            self.generation += 1
            if self.running:
                self.stop.set()


class Sessions:
    """Sessions by browser session id, the least recently used forgotten beyond a bound."""

    def __init__(self, bound: int = MAX_SESSIONS):
        self.bound = bound
        self.lock = threading.Lock()
        self.by_id: OrderedDict[str, Session] = OrderedDict()

    def get(self, session_id: str) -> Session:
        with self.lock:
            session = self.by_id.pop(session_id, None) or Session()
            self.by_id[session_id] = session
            while len(self.by_id) > self.bound:
                self.by_id.popitem(last=False)
            return session

    def drop(self, session_id: str) -> None:
        with self.lock:
            session = self.by_id.pop(session_id, None)
        if session:
            session.reset()


# --- one answer ----------------------------------------------------------------------------------

def clean_markdown(answer: Answer) -> str:
    """The answer as plain Markdown with a numbered reference list: what Copy and the export give."""
    text = safe_bibtex_blocks(answer.text)
    if answer.hits:
        text += "\n\n**References**\n\n" + references_markdown(answer.hits)
    return text


def render_final(turn: int, answer: Answer, note: str = "") -> str:
    """The verified answer as the chat shows it: notice, linked text, removed citations, a note (e.g.
    what exists outside the filters), the answer's own sources, and its Copy link."""
    parts = []
    if answer.notice:
        parts.append(f"> ⚠️ **{md_escape(answer.notice)}**")
    parts.append(link_markers(md_escape(safe_bibtex_blocks(answer.text)), turn, answer.hits))
    if answer.removed_citations:
        parts.append("_Removed because they could not be verified against the record: "
                     + "; ".join(md_escape(r) for r in dict.fromkeys(answer.removed_citations)) + "_")
    if note:
        parts.append(note)
    block = sources_block(turn, answer.hits)
    if block:
        parts.append(block)
    source = escape(clean_markdown(answer)).replace("\n", "&#10;")  # an HTML block ends at a blank line
    parts.append('<div class="turn-tools"><a href="#copy" class="copy-md" role="button" aria-label="Copy this answer '
                 f'as Markdown">Copy</a><div class="md-source" hidden>{source}</div></div>')
    return "\n\n".join(parts)


def render_streaming(turn: int, text: str, notice: str, hits: list[Hit], stopped: bool = False) -> str:
    parts = []
    if notice:
        parts.append(f"> ⚠️ **{md_escape(notice)}**")
    body = md_escape(hide_markers(text))
    if body.strip():
        parts.append(body + ("" if stopped else " ▍"))
    elif not stopped:
        parts.append("_Writing the answer…_" if hits else SEARCHING)
    if stopped:
        parts.append(STOPPED)
    if hits:
        heading = f"Papers found ({len(hits)})" if len(hits) != 1 else "Paper found"
        parts.append(sources_block(turn, hits, heading=heading, opened=False))
    return "\n\n".join(parts)


def _produce(assistant: Assistant, request: Request, history: list[dict], out: queue.Queue,
             cancelled: threading.Event) -> None:
    """Drain the assistant's stream into a queue (a thread of its own, so Stop never waits for the writer)."""
    stream = assistant.stream(request.question, request.mode, history, request.filters)
    try:
        for event in stream:
            if cancelled.is_set():
                break
            out.put(event)
    except Exception as error:  # noqa: BLE001 - handed to the page, which logs it
        out.put(error)
    finally:
        stream.close()
        out.put(None)


def answer_turn(assistant: Assistant, request: Request, number: int, history: list[dict],
                stop: threading.Event) -> Iterator[Turn]:
    """Ask one question, yielding the turn as the chat shows it while the answer is written; the last
    one yielded is complete (answered, stopped or failed). An unexpected error ends the turn with a
    short message (the traceback goes to the log), never a stack trace on screen."""
    turn = Turn(request.question, request.mode)
    yield turn
    events: queue.Queue = queue.Queue()
    cancelled = threading.Event()
    threading.Thread(target=_produce, args=(assistant, request, history, events, cancelled), daemon=True,
                     name="answer").start()
    text, notice, hits, answer, last = "", "", [], None, 0.0
    try:
        while True:
            try:
                event = events.get(timeout=POLL)
            except queue.Empty:
                event = False
            if stop.is_set():
                turn.shown = render_streaming(number, text, notice, hits, stopped=True)
                turn.status = "stopped"
                turn.markdown = hide_markers(text)
                yield turn
                return
            if event is False:
                continue
            if event is None:
                break
            if isinstance(event, QuestionError):  # too long, too much history: the user can act on it
                turn.shown, turn.status = f"⚠️ {md_escape(str(event))}", "failed"
                yield turn
                return
            if isinstance(event, Exception):
                log.error("answering %r failed", request.question, exc_info=event)
                turn.shown, turn.status = FAILED, "failed"
                yield turn
                return
            if event.kind == "final":
                answer = event.answer
                continue
            if event.kind == "sources":
                hits = list(event.hits or [])
            elif event.kind == "delta":
                text += event.text
            elif event.kind == "notice":
                notice, text = event.text, ""  # the partial LLM text gives way to the offline answer
            now = time.monotonic()
            if now - last >= STREAM_EVERY or event.kind != "delta":
                last = now
                turn.shown = render_streaming(number, text, notice, hits)
                yield turn
    finally:  # Stop, an error, or the page went away: the writer stops too
        cancelled.set()
    if answer is None:
        log.error("answering %r ended without a final answer", request.question)
        turn.shown, turn.status = FAILED, "failed"
        yield turn
        return
    note = ""
    if found_nothing(answer) and not request.filters.is_empty():
        note = outside_note(request.filters, outside_filters(assistant, request.question, request.mode, history))
    turn.shown = render_final(number, answer, note)
    turn.answer, turn.markdown = answer.text, clean_markdown(answer)
    turn.bibtex = safe_bibtex(answer.bibtex) if answer.bibtex else ""
    turn.mode = answer.mode  # the path the question took ("Draft a related-work paragraph ..." asked in Ask)
    yield turn


def export_markdown(turns: list[Turn], title: str) -> str:
    """The conversation as one Markdown document: each question, its answer with references, and the BibTeX
    of every paper cited."""
    parts = [f"# {title}"]
    entries: dict[str, None] = {}
    for turn in turns:
        parts.append(f"## {turn.question}")
        parts.append(turn.markdown or "_(no answer)_")
        if turn.status == "stopped":
            parts.append("_(stopped before the answer was complete)_")
        for entry in (turn.bibtex or "").split("\n\n"):
            if entry.strip():
                entries[entry.strip()] = None
    if entries:
        parts.append("## BibTeX\n\n```bibtex\n" + "\n\n".join(entries) + "\n```")
    return "\n\n".join(parts) + "\n"


# --- examples for a first visit --------------------------------------------------------------------

def _system_names(papers: list[Paper]) -> list[tuple[Paper, str]]:
    named = []
    for paper in sorted(papers, key=lambda p: (p.date is None, p.date), reverse=True):
        head = paper.system_name
        if head and SAFE_NAME.match(head) and len(head.split()) <= 2:
            named.append((paper, head))
    return named


def _title_topics(papers: list[Paper]) -> list[str]:
    """Two-word phrases several titles share, as most titles write them (acronyms keep their capitals)."""
    counts: Counter = Counter()
    written: dict[str, Counter] = {}
    for paper in papers:
        words = re.findall(r"[A-Za-z][A-Za-z\-]+", paper.title_after_name)
        pairs = {(a, b) for a, b in zip(words, words[1:])
                 if a.lower() not in STOP_WORDS and b.lower() not in STOP_WORDS}
        for a, b in pairs:
            shown = " ".join(w if w.isupper() else w.lower() for w in (a, b))  # acronyms keep their case
            written.setdefault(shown.lower(), Counter())[shown] += 1
        counts.update({f"{a} {b}".lower() for a, b in pairs})
    abstracts = [p.abstract.lower() for p in papers]
    ranked = sorted((phrase for phrase, n in counts.items() if n >= 2 and SAFE_NAME.match(phrase)),
                    key=lambda phrase: (counts[phrase], sum(phrase in a for a in abstracts)), reverse=True)
    return [written[phrase].most_common(1)[0][0] for phrase in ranked]


def example_questions(assistant: Assistant) -> list[tuple[str, str]]:
    """(question, mode) pairs for a first-time visitor, drawn from the record: questions about the two newest
    named systems, a count for the busiest year, an area to summarise and a topic to draft related work on."""
    papers = assistant.library.papers
    examples = [(f"What problem does {name} solve?", "ask") for _, name in _system_names(papers)[:2]]
    years = Counter(p.year for p in papers if p.year)
    if years:
        year = max(years, key=lambda y: (years[y], y))
        examples.append((f"How many papers were published in {year}?", "ask"))
    topics = _title_topics(papers)
    if topics:
        examples.append((f"Summarize the work on {topics[0]}", "summarize"))
    if len(topics) > 1:
        examples.append((f"Draft related work for a project on {topics[1]}", "related-work"))
    # a small record, or one without system names or shared title phrases: questions any record with these
    # fields answers from its table
    venues = {p.venue for p in papers if p.venue}
    if len(venues) >= 2:
        examples.append(("Which venues appear most often?", "ask"))
    if sum(len(p.authors) >= 2 for p in papers) >= 2:
        examples.append(("Who is the most frequent co-author?", "ask"))
    if len(years) >= 2:
        examples.append(("What are the earliest and the latest papers?", "ask"))
    return examples[:5]
