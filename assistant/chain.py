"""question (+ history) -> route -> retrieve -> generate or compose -> verify citations.

Three modes: ``ask`` (a direct answer), ``summarize`` (an area overview by theme)
and ``related-work`` (a paragraph positioning the user's project, with BibTeX).
Metadata questions ("how many papers in 2025?") are answered exactly from the
paper table and never reach retrieval. With an LLM configured the answer is
streamed from it; any failure of the endpoint, before or during the stream,
falls back to the extractive answer with a notice. Either way every citation is
checked against the record before the answer is returned.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from html import escape

from assistant.catalog import MetadataAnswer, answer_metadata, extract_filters, named_papers
from assistant.citations import as_citations, bibtex, verify
from assistant.compose import NOT_FOUND, compose_ask, compose_related_work, compose_summary, project_description
from assistant.retrieve import Index
from assistant.settings import Settings
from assistant.types import Answer, Filters, Hit

MODES = ("ask", "summarize", "related-work")
TEMPLATES = {"ask": "ask", "summarize": "summarize", "related-work": "related_work"}
DEPTH = {"ask": 6, "summarize": 12, "related-work": 8}  # papers retrieved at most
KEEP = {"ask": 0.75, "summarize": 0.33, "related-work": 0.45}  # kept: fused score >= KEEP x the best
KEEP_BROAD = 0.45  # an ask-mode question about several papers ("which papers ...") keeps more
MAX_CITED = {"ask": 4, "summarize": 12, "related-work": 6}
MAX_CITED_BROAD = 8
LLM_MAX_SOURCES = 40  # a whole-record overview of a large library sends the LLM its 40 newest papers
# Is the record on topic at all? Calibrated on the golden set: questions the record cannot answer reach
# at most 0.26 cosine similarity among their top passages; answerable ones at least 0.29.
DENSE_ON_TOPIC = 0.40  # a passage this similar to the question is on topic by itself
ON_TOPIC_WITH_TERMS = ((0.31, 2.0), (0.28, 5.0))  # ... or (cosine, BM25) both at least this
ON_TOPIC_DEPTH = 3  # how many of the best papers are looked at
DENSE_NEARBY = 0.33  # below on-topic but this close: answered as "the closest papers", not refused
NEARBY_NOTE = "The record holds no paper directly on this question; these are the closest:"
BROAD = re.compile(r"\b(papers|works|studies|systems|projects|approaches|methods|all|any)\b"
                   r"|\bwhat (has|did|does|do)\b.{0,40}?\b(done|do|worked|work|published|publish)\b", re.I)
WHOLE_RECORD = re.compile(
    r"\b(?:main|key|overall|major|central)\s+(?:research\s+)?(?:themes?|topics?|areas?|directions?|contributions?)\b"
    r"|\bwhat (?:does|do|did) (?:he|she|they|[\w-]+(?: [\w-]+)?) (?:work|research|publish) (?:on|about)\s*\??$"
    r"|\b(?:overview|summary) of (?:his|her|their|the|all|[\w-]+(?: [\w-]+)?'s) (?:work|research|papers|record|"
    r"publications)\s*[.?!]?$", re.I)
FOLLOW_UP = re.compile(r"\b(it|its|they|them|their|these|those|the (paper|system|work|approach|method|"
                       r"framework|authors?))\b|^\s*(and\s+)?(this|that)\b|\b(this|that) (paper|system|work|one)\b",
                       re.I)


@dataclass
class Event:
    """One step of a streamed answer: a text delta, a notice, or the final verified answer."""

    kind: str  # "sources" (retrieval done, before any text) | "delta" | "notice" | "final"
    text: str = ""
    answer: Answer | None = None
    hits: list[Hit] | None = None  # with "sources": the papers the answer will be written from


REQUEST = re.compile(r"^\s*(?:please\s+)?(?:summari[sz]e|give (?:me )?an overview of|overview of|describe|"
                     r"what has [\w .]+? (?:done|worked|published) (?:on|in|about))\s+", re.I)
SUBJECT = re.compile(r"^(?:(?:the|his|her|their|(?:[\w-]+\s+){0,3}[\w-]+'s)\s+)?(?:(?:research|work|papers?|publications?)\s+(?:on|about|in)\s+)?", re.I)
TRAILER = re.compile(r"\s+(?:research|work|papers|publications)$", re.I)


def topic_of(request: str, mode: str) -> str:
    """What a summary or related-work request is about, without the request's own wording."""
    if mode == "related-work":
        return project_description(request)
    if mode == "summarize":
        topic = SUBJECT.sub("", REQUEST.sub("", request.strip(" .?!"), count=1), count=1)
        return TRAILER.sub("", topic).strip() or request
    return request


def format_sources(hits: list[Hit]) -> str:
    """Retrieved papers fenced as data; nothing inside can close the fence."""
    blocks = []
    for number, hit in enumerate(hits, start=1):
        paper = hit.paper
        body = escape(paper.abstract or "\n".join(hit.passages), quote=False)
        blocks.append(
            f'<source id="{number}" title="{escape(paper.title)}" date="{paper.date_label()}" '
            f'authors="{escape(paper.authors_label())}" category="{paper.category}">\n{body}\n</source>')
    return "\n\n".join(blocks)


def format_history(history: list[dict], turns: int = 6) -> str:
    lines = []
    for turn in history[-turns:]:
        role = "User" if turn.get("role") == "user" else "Assistant"
        lines.append(f"{role}: {str(turn.get('content', ''))[:800]}")
    return "\n".join(lines) or "(none)"


class Assistant:
    """Answers questions about one library."""

    def __init__(self, settings: Settings, index: Index | None = None):
        self.settings = settings
        self.index = index or Index(settings)
        self.library = self.index.library
        self.owner = self.library.researcher.name if self.library.researcher else ""
        self._llm = None

    def llm(self):
        """The chat model, built once: it holds the HTTP connection pool to the endpoint."""
        if self._llm is None:
            from assistant.llm import chat_model

            self._llm = chat_model(self.settings)
        return self._llm

    def ask(self, question: str, mode: str = "ask", history: list[dict] | None = None,
            filters: Filters | None = None) -> Answer:
        final = None
        for event in self.stream(question, mode, history, filters):
            if event.kind == "final":
                final = event.answer
        assert final is not None
        return final

    # --- routing -------------------------------------------------------------------------------

    def referred_papers(self, history: list[dict]) -> set[str]:
        """Papers named (by title or system name) in the latest turn that names any."""
        for turn in reversed(history):
            found = named_papers(str(turn.get("content", "")), self.library.papers)
            if found:
                return {p.paper_id for p in found}
        return set()

    def is_follow_up(self, question: str, history: list[dict]) -> bool:
        return bool(history) and bool(FOLLOW_UP.search(question))

    def retrieve(self, query: str, mode: str, filters: Filters, restricted: bool = False
                 ) -> tuple[list[Hit], bool]:
        """The papers to answer from, and whether they are only near the question (not on it)."""
        named = {p.paper_id for p in named_papers(query, self.library.papers)}
        hits = self.index.search(query, DEPTH[mode], filters, boost=named)
        if not hits:
            return [], False
        top = hits[0]
        best = hits[:ON_TOPIC_DEPTH]
        dense, lexical = max(h.dense for h in best), max(h.lexical for h in best)
        on_topic = top.paper.paper_id in named or dense >= DENSE_ON_TOPIC or any(
            dense >= d and lexical >= t for d, t in ON_TOPIC_WITH_TERMS)
        nearby = not (on_topic or restricted or not filters.is_empty() and mode != "ask")
        if nearby and dense < DENSE_NEARBY:
            return [], False
        broad = mode == "ask" and bool(BROAD.search(query))
        kept = [h for h in hits if h.score >= (KEEP_BROAD if broad else KEEP[mode]) * top.score]
        return kept[: MAX_CITED_BROAD if broad else MAX_CITED[mode]], nearby

    def whole_record(self, filters: Filters) -> list[Hit]:
        """Every paper the filters allow, oldest first: for questions about the record as a whole."""
        papers = sorted((p for p in self.library.papers if filters.allows(p)),
                        key=lambda p: (p.date is None, p.date))
        first = self.index.first_chunk
        return [Hit(p, 1.0, [self.index.passage(first[p.paper_id])] if p.paper_id in first else [])
                for p in papers]

    # --- answering -----------------------------------------------------------------------------

    def stream(self, question: str, mode: str = "ask", history: list[dict] | None = None,
               filters: Filters | None = None) -> Iterator[Event]:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; expected one of {', '.join(MODES)}")
        history = list(history or [])
        filters = filters or Filters()
        question = question.strip()
        follow_up = self.is_follow_up(question, history)

        if mode == "ask" and not follow_up:
            allowed = [p for p in self.library.papers if filters.allows(p)]
            meta = answer_metadata(question, allowed, self.library.researcher)
            if meta is not None:
                if not filters.is_empty():
                    meta.text = f"Among the papers that pass the filters: {meta.text}"
                yield from self.exact(meta, mode)
                return

        notices: list[str] = []
        query = question
        restricted = False
        if follow_up:
            if self.settings.llm_configured:
                try:
                    query = self.condense(question, history)
                except Exception as error:  # noqa: BLE001 - any endpoint failure falls back to offline
                    notices.append(self._failure(error))
                    yield Event("notice", notices[-1])
            if query == question:
                referred = self.referred_papers(history)
                if referred:
                    referred |= {p.paper_id for p in named_papers(question, self.library.papers)}
                    if mode == "ask":  # "Which of them have code?" after a list: exact, over those papers
                        among = [p for p in self.library.papers if p.paper_id in referred and filters.allows(p)]
                        meta = answer_metadata(question, among, self.library.researcher)
                        if meta is not None:
                            yield from self.exact(meta, mode, notices)
                            return
                    filters = replace(filters, paper_ids=referred)
                    restricted = True
        asked, residual = extract_filters(topic_of(query, mode), self.library.papers, owner=self.owner)
        merged = self._merge_filters(filters, asked)
        if mode != "related-work" and not follow_up and WHOLE_RECORD.search(query):
            hits, nearby, mode_used = self.whole_record(merged), False, "summarize"
        else:
            hits, nearby = self.retrieve(residual or query, mode, merged, restricted)
            mode_used = mode
        if not hits:
            answer = Answer(NOT_FOUND, [], mode, "extractive", notice=" ".join(notices))  # no LLM was asked
            yield Event("delta", NOT_FOUND)
            yield Event("final", answer=answer)
            return

        yield Event("sources", hits=list(hits))
        text = None
        generator = "extractive"
        if self.settings.llm_configured:
            pieces: list[str] = []
            sources = hits if len(hits) <= LLM_MAX_SOURCES else hits[-LLM_MAX_SOURCES:]
            try:
                for delta in self.generate(query if follow_up else question, mode_used, sources, history):
                    pieces.append(delta)
                    yield Event("delta", delta)
                text = "".join(pieces)
                generator = self.settings.chat_model
                hits = sources
            except Exception as error:  # noqa: BLE001 - any endpoint failure falls back to offline
                notice = self._failure(error)
                notices.append(notice)
                yield Event("notice", notice)
        if text is None:
            text = self.compose(question, mode_used, hits, whole=mode_used != mode or mode == "summarize"
                                and len(hits) == len(self.library.papers))
            if nearby:
                text = f"{NEARBY_NOTE}\n\n{text}"
            yield Event("delta", text)
        yield Event("final", answer=self.finish(text, mode, generator, hits, notices))

    @staticmethod
    def exact(meta: MetadataAnswer, mode: str, notices: list[str] = ()) -> Iterator[Event]:
        """The events of an answer written from the paper table."""
        yield Event("delta", meta.text)
        yield Event("final", answer=Answer(meta.text, as_citations(meta.papers), mode, "extractive",
                                           hits=[Hit(p, 1.0) for p in meta.papers], retrieved=list(meta.papers),
                                           route="metadata", notice=" ".join(notices)))

    def _failure(self, error: BaseException) -> str:
        from assistant.llm import describe_error

        return f"The LLM could not answer: {describe_error(error)}. Showing the offline answer instead."

    @staticmethod
    def _merge_filters(given: Filters, asked: Filters) -> Filters:
        merged = replace(given)
        for name, value in asked.__dict__.items():
            if value not in (None, "", set()) and getattr(merged, name) in (None, "", set()):
                setattr(merged, name, value)
        return merged

    def compose(self, question: str, mode: str, hits: list[Hit], whole: bool = False) -> str:
        if mode == "summarize":
            matrix = self.index.vectors_of([self.index.first_chunk[h.paper.paper_id] for h in hits])
            return compose_summary(question, hits, matrix, whole=whole)
        if mode == "related-work":
            return compose_related_work(question, hits)
        return compose_ask(question, hits)

    def finish(self, text: str, mode: str, generator: str, hits: list[Hit], notices: list[str]) -> Answer:
        if text.strip().startswith(NOT_FOUND):
            return Answer(NOT_FOUND, [], mode, generator, notice=" ".join(notices))
        checked = verify(text, [h.paper for h in hits], self.library.papers)
        answer = Answer(checked.text, as_citations(checked.papers), mode, generator,
                        hits=[h for p in checked.papers for h in hits if h.paper is p],
                        removed_citations=checked.removed, notice=" ".join(notices),
                        retrieved=[h.paper for h in hits])
        if mode == "related-work" and checked.papers:
            answer.bibtex = bibtex(checked.papers)
            answer.text += f"\n\n**BibTeX of the cited papers**\n\n```bibtex\n{answer.bibtex}\n```"
        return answer

    # --- LLM -----------------------------------------------------------------------------------

    def generate(self, question: str, mode: str, hits: list[Hit], history: list[dict]) -> Iterator[str]:
        from assistant.prompting import chat_prompt

        inputs = {"sources": format_sources(hits), "question": question, "not_found": NOT_FOUND}
        if mode == "ask":
            inputs["history"] = format_history(history)
        chain = chat_prompt(TEMPLATES[mode]) | self.llm()
        for chunk in chain.stream(inputs):
            if chunk.content:
                yield str(chunk.content)

    def condense(self, question: str, history: list[dict]) -> str:
        from langchain_core.prompts import ChatPromptTemplate

        from assistant.prompting import load_text

        prompt = ChatPromptTemplate.from_messages([("human", load_text("condense"))])
        reply = (prompt | self.llm()).invoke(
            {"history": format_history(history), "question": question})
        text = str(reply.content).strip()
        return text or question
