"""question (+ history) -> understand -> route -> retrieve -> judge -> write -> verify citations.

A straight line. `understand.Reader.read` takes the question apart once into a `Query`; its intent picks
a row of `ROUTES`; each route retrieves what it needs, `answerability.Judge` decides from the library's own
statistics whether the record answers it, and the answer is written by the LLM (streamed) or by the
extractive composer. Every citation is checked against the record before the answer is returned.

Three modes: ``ask`` (a direct answer), ``summarize`` (an area overview by theme) and ``related-work``
(a paragraph positioning the user's project, with BibTeX). With an LLM configured, any failure of the
endpoint, before or during the stream, falls back to the extractive answer with a notice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from assistant.answerability import Judge, Verdict, contradicting, lacking_phrase, probe_questions
from assistant.catalog import MetadataAnswer, answer_query
from assistant.citations import as_citations, bibtex, quote_record_text, verify
from assistant.compose import (NOT_FOUND, NOT_FOUND_FILTERED, cite, compose_ask, compose_related_work, compose_summary,
                               contribution_clause, short_name)
from assistant.lexical import tokenize
from assistant.retrieve import Index
from assistant.settings import ModeConfig, Settings
from assistant.types import Answer, Filters, Hit, name_tokens, normalise_title
from assistant.understand import Query, Reader, asks_lookup

MODES = ("ask", "summarize", "related-work")
TEMPLATES = {"ask": "ask", "summarize": "summarize", "related-work": "related_work"}


def nothing_found(query: Query) -> str:
    """What an answer holding nothing says: with the caller's filters on, that nothing passing them bears on the
    question (the rest of the record may)."""
    return NOT_FOUND_FILTERED if query.given_filters else NOT_FOUND


def near_miss_lead(lacking: str) -> str:
    """The first line of an answer that shows the closest papers because none is on the question."""
    return (f"The record has no paper on {lacking}; the closest are:" if lacking
            else "The record has no paper directly on this question; the closest are:")


CONTRADICTED_LEAD = "The record does not bear out the question's premise: the paper says otherwise."


def absent_lead(missing: list[str]) -> str:
    """The first line of an answer whose question presupposes something the record lacks."""
    return "The record has no " + " and no ".join(missing) + "."


@dataclass
class Event:
    """One step of a streamed answer: sources, a text delta, a notice, or the final verified answer."""

    kind: str  # "sources" (retrieval done, before any text) | "delta" | "notice" | "final"
    text: str = ""
    answer: Answer | None = None
    hits: list[Hit] | None = None  # with "sources": the papers the answer will be written from


@dataclass
class Plan:
    """What a route decided: the papers to write from and how the answer opens."""

    hits: list[Hit]
    mode: str  # the composer to use: ask | summarize | related-work
    status: str = "answered"
    lead: str = ""  # a sentence put before the written answer (near miss, absent premise)
    said: str = ""  # with "contradicted": the paper's sentence that states the premise the other way round
    whole: bool = False  # a summary of every paper the filters allow


class Assistant:
    """Answers questions about one library."""

    def __init__(self, settings: Settings, index: Index | None = None):
        self.settings = settings
        self.index = index or Index(settings)
        self.library = self.index.library
        self.reader = Reader(self.library.papers, self.library.researcher, owner_share=settings.owner_share,
                             rare_zipf=settings.rare_zipf)
        self.owner = self.reader.owner
        self._judge: Judge | None = None
        self._llm = None

    def llm(self):
        """The chat model, built once: it holds the HTTP connection pool to the endpoint."""
        if self._llm is None:
            from assistant.llm import chat_model

            self._llm = chat_model(self.settings)
        return self._llm

    @property
    def judge(self) -> Judge:
        """The library's answerability judge (its off-topic probes are embedded once, on first use)."""
        if self._judge is None:
            vectors = self.index.embedder.embed_batch(probe_questions())
            self._judge = Judge(self.library.papers, self.index.best_similarities(vectors), self.settings)
        return self._judge

    def understand(self, question: str, mode: str = "ask", history: list[dict] | None = None,
                   filters: Filters | None = None) -> Query:
        return self.reader.read(question, mode, history, filters)

    def ask(self, question: str, mode: str = "ask", history: list[dict] | None = None,
            filters: Filters | None = None) -> Answer:
        final = None
        for event in self.stream(question, mode, history, filters):
            if event.kind == "final":
                final = event.answer
        assert final is not None
        return final

    # --- the line ------------------------------------------------------------------------------------

    def stream(self, question: str, mode: str = "ask", history: list[dict] | None = None,
               filters: Filters | None = None) -> Iterator[Event]:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; expected one of {', '.join(MODES)}")
        from assistant.prompting import check_question

        question, history = check_question(question, history or [], self.settings)
        query = self.understand(question, mode, history, filters)
        notices: list[str] = []
        if query.follow_up and query.referents and self.settings.llm_configured and query.intent != "metadata":
            try:
                query.topic = self.condense(query.text, history)
            except Exception as error:  # noqa: BLE001 - any endpoint failure falls back to offline
                notices.append(self._failure(error))
                yield Event("notice", notices[-1])
        route = dict(ROUTES)[query.intent]
        result = route(self, query)
        if result is None:  # a metadata question no table route fits: answer it from the passages
            result = search(self, query)
        if isinstance(result, MetadataAnswer):
            yield from self.exact(result, query, notices)
            return
        yield from self.write(query, result, history, notices)

    def write(self, query: Query, plan: Plan, history: list[dict], notices: list[str]) -> Iterator[Event]:
        if not plan.hits and plan.status in ("not_found", "answered"):
            nothing = nothing_found(query)
            answer = Answer(nothing, [], query.mode, "extractive", notice=" ".join(notices), status="not_found")
            yield Event("sources", hits=[])
            yield Event("delta", nothing)
            yield Event("final", answer=answer)
            return
        yield Event("sources", hits=list(plan.hits))
        lead = f"{plan.lead}\n\n" if plan.lead else ""
        if lead:
            yield Event("delta", lead)
        text, generator, hits = None, "extractive", plan.hits
        if self.settings.llm_configured and plan.hits and plan.status != "clarify":
            pieces: list[str] = []
            limit = self.settings.llm_max_sources
            sources = hits if len(hits) <= limit else hits[-limit:]
            try:
                from assistant.llm import bounded_stream

                for delta in bounded_stream(self.generate(query, plan, sources, history), self.settings):
                    pieces.append(delta)
                    yield Event("delta", delta)
                text, generator, hits = "".join(pieces), self.settings.chat_model, sources
            except Exception as error:  # noqa: BLE001 - any endpoint failure falls back to offline
                notices.append(self._failure(error))
                yield Event("notice", notices[-1])
        if text is None:
            text = self.compose(query, plan)
            yield Event("delta", text)
        answer = self.finish(lead + text, query, plan, generator, hits, notices, history)
        if generator != "extractive" and answer.status == "not_found" and answer.removed_citations:
            # every sentence of the LLM's answer cited papers that are not among its sources
            notices.append("The LLM's answer cited only papers that are not among its sources. Showing the offline "
                           "answer instead.")
            yield Event("notice", notices[-1])
            removed = answer.removed_citations
            text = lead + self.compose(query, plan)
            yield Event("delta", text)
            answer = self.finish(text, query, plan, "extractive", plan.hits, notices, history)
            answer.removed_citations = removed + answer.removed_citations  # what the LLM cited, for the record
        yield Event("final", answer=answer)

    def exact(self, meta: MetadataAnswer, query: Query, notices: list[str]) -> Iterator[Event]:
        """The events of an answer written from the paper table."""
        text = meta.text
        if query.given_filters:
            text = f"Among the papers that pass the filters: {text}"
        hits = [Hit(p, 1.0) for p in meta.papers]
        yield Event("sources", hits=hits)
        yield Event("delta", text)
        yield Event("final", answer=Answer(text, as_citations(meta.papers), query.mode, "extractive", hits=hits,
                                           retrieved=list(meta.papers), route="metadata",
                                           notice=" ".join(notices), bibtex=bibtex(list(meta.papers))))

    def _failure(self, error: BaseException) -> str:
        from assistant.llm import describe_error

        return f"The LLM could not answer: {describe_error(error)}. Showing the offline answer instead."

    # --- retrieval and judgement ---------------------------------------------------------------------

    def mode_config(self, query: Query) -> ModeConfig:
        s = self.settings
        if query.mode == "summarize":
            return s.summarize_mode
        if query.mode == "related-work":
            return s.related_work_mode
        return s.broad_mode if query.broad else s.ask_mode

    def retrieve(self, query: Query, topic: str | None = None) -> list[Hit]:
        """The papers nearest the topic within the filters, named papers first, cut where scores fall."""
        config = self.mode_config(query)
        named = {p.paper_id for p in query.named}
        text = topic or " ".join([query.topic, *query.initialisms])  # "chronic obstructive pulmonary disease COPD"
        hits = self.index.search(text, config.depth, query.filters, boost=named)
        found = {h.paper.paper_id for h in hits}
        hits = [self.index.hit_for(p) for p in query.named
                if p.paper_id not in found and query.filters.allows(p)] + hits
        if not hits:
            return []
        # an overview, related work or list measures the others against the best score without a named paper's
        # boost ("such as Foreshadow" is an example); a question about a named paper keeps to it
        top = max(h.score if query.mode == "ask" and not query.broad else h.fused for h in hits)

        def whole(hit: Hit) -> bool:  # lists, overviews, related work: a paper holding every term (two or more)
            return config.sure < 1 and not named and len(set(query.salient)) >= 2 \
                and self.judge.coverage(query.salient, hit.paper, query.alternatives) >= 1

        kept = [h for h in hits if h.paper.paper_id in named or h.score >= config.keep * top or whole(h)]
        return kept[:max(config.max_cited, len(named))]

    def verdict(self, query: Query, hits: list[Hit]) -> Verdict:
        if query.named and not any(query.filters.allows(p) for p in query.named):
            return Verdict("not_found", float("-inf"), 0.0)  # what the question names is outside the filters
        if query.named or (query.referents and query.filters.paper_ids):
            # a name the record never uses asked of a paper it holds ("the HulC applied to the UK Biobank")
            absent = [t for t in self.judge.canonical(query.proper) if t not in self.judge.vocabulary]
            if query.named and absent:
                return Verdict("near_miss", float("inf"), 1.0, lacking_phrase(query.topic, absent), hits)
            return Verdict("answered", float("inf"), 1.0, hits=hits)
        if query.intent == "related_work":  # the user's own project names what the record lacks ("the Negev",
            known = [t for t in query.salient if t in self.judge.vocabulary]  # "Sentinel-2"): judged on the rest
            return self.judge.judge(hits, known, query.topic) if known else Verdict("not_found", float("-inf"), 0.0)
        # an area named in parts ("marriage markets, intermarriage and partner choice") needs each part in one of
        # the area's papers, not in one of the few best
        return self.judge.judge(hits, query.salient, query.topic, presupposed=query.presupposed,
                                presupposed_text=query.presupposed_text, proper=query.proper,
                                area=query.intent == "summarize", alternatives=query.alternatives)

    def whole_record(self, filters: Filters) -> list[Hit]:
        """Every paper the filters allow, oldest first: for questions about the record as a whole."""
        papers = sorted((p for p in self.library.papers if filters.allows(p)),
                        key=lambda p: (p.date is None, p.date))
        return [self.index.hit_for(p) for p in papers]

    # --- writing -------------------------------------------------------------------------------------

    def compose(self, query: Query, plan: Plan) -> str:
        if plan.status == "clarify":
            return clarify_text(plan.hits)
        if plan.status in ("near_miss", "absent"):
            return closest_text(plan.hits)
        if plan.status == "contradicted":
            return quoted_text(plan.hits[0], plan.said)
        papers = self.library.papers
        if plan.mode in ("summarize", "related-work"):
            matrix = self.index.vectors_of([self.index.first_chunk[h.paper.paper_id] for h in plan.hits])
            if plan.mode == "related-work":
                return compose_related_work(query.project, plan.hits, matrix, corpus=papers)
            # which papers are on the area was decided by the judge (answerability.Judge.on_topic)
            return compose_summary(query.topic, plan.hits, matrix, whole=plan.whole, corpus=papers,
                                   min_relative_score=0.0)
        return compose_ask(query.text, plan.hits, query.slot, query.parts)

    def finish(self, text: str, query: Query, plan: Plan, generator: str, hits: list[Hit],
               notices: list[str], history: list[dict] = ()) -> Answer:
        if text.strip().startswith(NOT_FOUND):
            return Answer(nothing_found(query), [], query.mode, generator, notice=" ".join(notices), status="not_found")
        said = " ".join([query.text] + [str(turn.get("content", "")) for turn in history])  # the user's own words
        checked = verify(text, [h.paper for h in hits], self.library.papers, allowed_text=said)
        if not checked.text.strip():
            return Answer(nothing_found(query), [], query.mode, generator, notice=" ".join(notices), status="not_found",
                          removed_citations=checked.removed)
        if checked.removed_sentences:
            notices.append(f"{len(checked.removed_sentences)} sentence{'s' if len(checked.removed_sentences) > 1 else ''}"
                           " of the answer cited only papers that are not among its sources and "
                           f"{'were' if len(checked.removed_sentences) > 1 else 'was'} removed.")
        answer = Answer(checked.text, as_citations(checked.papers), query.mode, generator,
                        hits=[h for p in checked.papers for h in hits if h.paper is p],
                        removed_citations=checked.removed, notice=" ".join(notices),
                        retrieved=[h.paper for h in hits], status=plan.status,
                        removed_sentences=checked.removed_sentences, bibtex=bibtex(checked.papers))
        if query.mode == "related-work" and checked.papers and plan.status == "answered":
            answer.text += f"\n\n**BibTeX of the cited papers**\n\n```bibtex\n{answer.bibtex}\n```"
        return answer

    # --- LLM -----------------------------------------------------------------------------------------

    def generate(self, query: Query, plan: Plan, hits: list[Hit], history: list[dict]) -> Iterator[str]:
        from assistant.prompting import chat_prompt

        question = query.topic if query.follow_up and query.referents else query.text
        if plan.lead:
            then = ("Say what the source states instead, quoting it; do not answer as if the premise held."
                    if plan.status == "contradicted" else "Say which of the sources come closest and what they do "
                    "instead; do not present them as answering the question.")
            question += f"\n\n(Answerability, decided before you: {plan.lead} {then})"
        from assistant.prompting import format_history, format_sources

        inputs = {"sources": format_sources(hits, self.settings.max_field_chars), "question": question,
                  "not_found": NOT_FOUND}
        if plan.mode == "ask":
            inputs["history"] = format_history(history, self.settings)
        chain = chat_prompt(TEMPLATES[plan.mode]) | self.llm()
        for chunk in chain.stream(inputs):
            if chunk.content:
                yield str(chunk.content)

    def condense(self, question: str, history: list[dict]) -> str:
        from langchain_core.prompts import ChatPromptTemplate

        from assistant.prompting import load_text

        prompt = ChatPromptTemplate.from_messages([("human", load_text("condense"))])
        from assistant.prompting import format_history

        reply = (prompt | self.llm()).invoke(
            {"history": format_history(history, self.settings), "question": question})
        text = str(reply.content).strip()
        return text or question


def quoted_text(hit: Hit, sentence: str) -> str:
    """One paper and one sentence of it, quoted."""
    return (f"- **{quote_record_text(hit.paper.title)}** ({hit.paper.date_label()}): "
            f"{cite(quote_record_text(sentence), 1)}")


def closest_text(hits: list[Hit]) -> str:
    """The closest papers, each with what it does: labelled as closest by the lead, never as the answer."""
    lines = []
    for n, h in enumerate(hits, start=1):
        clause = contribution_clause(h.paper)[0]
        lines.append(f"- **{quote_record_text(h.paper.title)}** ({h.paper.date_label()}): "
                     f"{cite(quote_record_text(clause[:1].upper() + clause[1:]), n)}")
    return "\n".join(lines)


class LiveAssistant:
    """An Assistant that follows the library: each use answers from the library as last ingested.

    A serving process holds one; attribute access (``stream``, ``ask``, ``library`` ...) goes to the current
    Assistant, so a conversation already streaming finishes on the one it started with, and the next request
    sees a new ingest (checked at most every ``ASSISTANT_RELOAD_CHECK_SECONDS``).
    """

    def __init__(self, settings: Settings, assistant: Assistant | None = None):
        from assistant.library import Live

        def build(old: Assistant | None) -> Assistant:
            fresh = Assistant(settings, old.index.reloaded() if old else None)
            if old is not None:
                fresh._llm = old._llm  # the HTTP client does not depend on the library
            return fresh

        self.live = Live(settings, build, assistant)

    def __getattr__(self, name: str):
        return getattr(self.live.get(), name)


def clarify_text(hits: list[Hit]) -> str:
    """A question back when "it" or "they" has nothing to refer to."""
    if not hits:
        return "Which paper do you mean? Nothing earlier in this conversation names one; please give its title."
    options = "\n".join(f"- {quote_record_text(short_name(h.paper))} [{n}]" for n, h in enumerate(hits, start=1))
    return f"Which paper do you mean? Nothing earlier in this conversation names one. The likeliest are:\n\n{options}"


# --- routes: one per intent (see understand.Reader.read for the order intents are recognised in) -------


def metadata(assistant: Assistant, query: Query) -> MetadataAnswer | None:
    papers = [p for p in assistant.library.papers if query.filters.allows(p)] if query.referents \
        else assistant.library.papers
    return answer_query(query, papers, assistant.library.researcher, assistant.reader.people,
                        assistant.library.copies)


def overview(assistant: Assistant, query: Query) -> Plan:
    return Plan(assistant.whole_record(query.filters), "summarize", whole=True)


def clarify(assistant: Assistant, query: Query) -> Plan:
    hits = assistant.retrieve(replace(query, named=[])) if query.salient else []
    if hits:
        verdict = assistant.judge.judge(hits, query.salient, query.topic)
        hits = hits[:3] if verdict.z >= assistant.settings.z_near else []
    return Plan(hits, "ask", status="clarify")


def absent(assistant: Assistant, query: Query) -> Plan:
    hits = assistant.retrieve(query)
    if query.named:  # "What does Nimbus-2 add over Nimbus?": the one that exists is the closest
        closest = [h for h in hits if any(h.paper is p for p in query.named)]
    else:
        verdict = assistant.judge.judge(hits, query.salient, query.topic)
        closest = hits[:3] if verdict.status != "not_found" else []
    lead = absent_lead(query.missing) + (" The closest in the record are:" if closest else "")
    return Plan(closest, "ask", status="absent", lead=lead)


def filters_as_content(assistant: Assistant, query: Query, hits: list[Hit]) -> tuple[Query, list[Hit]] | None:
    """The question without a filter it states, when what the filter names is what a paper is about.

    - Years: "How many suicides were analysed in the study of downturns from 1980 to 2010?" reads like a
      date filter, but the paper meant is dated 2014 and has "1980-2010" in its title.
    - A person: "Which open problem from the De Lellis-Székelyhidi survey does the SQG result settle?"
      reads like an author filter, but the paper meant cites their survey; they did not write it.
    - A venue: "How many data points from Linguistic Inquiry 2001-2010 were tested?" names the journal whose
      papers the paper meant sampled (and the years of those papers), not where or when it appeared.

    A paper outside the filter whose text names what the filter names, and that covers the question
    better than any inside it, is the one asked about; so is a paper the question names by its title.
    """
    f = query.filters
    if query.given_filters:
        return None
    loosenings: list[tuple[Filters, Callable[[str], bool]]] = []
    if f.year_from is not None or f.year_to is not None:
        # each end as the question may have put it: "before 2000" is up to 1999, "after 2000" from 2001
        ends = [{str(y) for y in (end, end + step)} for end, step in ((f.year_from, -1), (f.year_to, 1))
                if end is not None]
        loosenings.append((replace(f, year_from=None, year_to=None, month=None),
                           lambda text: all(any(y in text for y in end) for end in ends)))
    if f.author and not assistant.reader.people.is_owner(f.author):
        surname = name_tokens(f.author)[-1]
        loosenings.append((replace(f, author=""),
                           lambda text: surname in normalise_title(text).split()))
    if f.venue:  # "data points from Linguistic Inquiry 2001-2010": a journal the paper studies
        venue = f" {normalise_title(f.venue)} "
        loosenings.append((replace(f, venue="", venue_exact=False), lambda text: venue in f" {normalise_title(text)} "))
    named_kinds = f.kinds - {"inproceedings", "other"}  # a kind's name is the noun that says it ("book")
    if named_kinds:  # "the account given in his 1980 book": a book the paper asked for answers
        kinds = "|".join(sorted(named_kinds))
        loosenings.append((replace(f, kinds=set()), lambda text: re.search(rf"\b(?:{kinds})s?\b", text, re.I)))
    if len(loosenings) > 1:  # each stated filter named by the paper, as that title names journal and years
        every = [names for _, names in loosenings]
        loosenings.append((Filters(**{k: v for k, v in vars(f).items() if all(
            getattr(loosened, k) == v for loosened, _ in loosenings)}), lambda text: all(names(text) for names in every)))
    if query.named:  # "in his study of the phrase 'data not shown', how many studies published in 2021 ...": the
        # paper named is outside the filter, and its text names what the filter names
        for filters, names in loosenings:
            if any(not f.allows(p) and filters.allows(p) and names(f"{p.title} {p.abstract}") for p in query.named):
                loose = replace(query, filters=filters)
                return loose, assistant.retrieve(loose)
        return None
    coverage = assistant.judge.coverage
    inside = max((coverage(query.salient, h.paper) for h in hits[:3]), default=0.0)
    for filters, names in loosenings:
        loose = replace(query, filters=filters)
        wider = assistant.retrieve(loose)
        for h in wider[:3]:
            if not f.allows(h.paper) and names(f"{h.paper.title} {h.paper.abstract}") \
                    and coverage(query.salient, h.paper) > inside:
                return loose, wider
    return None


def search(assistant: Assistant, query: Query) -> Plan | MetadataAnswer:
    if not query.salient and not query.filters.is_empty() and not query.named and not query.referents:
        # "What did his TrustBus papers propose?": no subject to judge, only the papers the filters allow, each quoted
        allowed = assistant.whole_record(query.filters)
        if allowed:
            return Plan(allowed[-assistant.settings.broad_mode.max_cited:], "ask")
    hits = assistant.retrieve(query)
    query, hits = filters_as_content(assistant, query, hits) or (query, hits)
    verdict = assistant.verdict(query, hits)
    if verdict.status == "answered" and query.described and query.slot not in ("number", "dataset", "method") \
            and asks_lookup(query.text, assistant.library.papers):  # not "where did farming appear first, how long ..."
        # "Who wrote the paper on X with him?": the paper retrieval finds, then its metadata from the table.
        # A paper's title describes it: of the best few, the one whose title holds most of the description.
        # Asked of several ("where did his syntheses of X appear?"): every one of those whose title does as well.
        terms = [t for terms in query.presupposed for t in terms] or query.salient
        fit = {id(h): sum(t in title for t in terms) for h in hits[:3] for title in [set(tokenize(h.paper.title))]}
        best = max(hits[:3], key=lambda h: fit[id(h)])
        named = [h.paper for h in hits[:3] if fit[id(h)] == fit[id(best)]] if query.several else [best.paper]
        found = answer_query(replace(query, named=named), assistant.library.papers,
                             assistant.library.researcher, assistant.reader.people)
        if found is not None:
            return found
    answered = verdict.status == "answered"
    if query.context and not query.named and not (answered and query.broad):
        # Right after talking about one paper ("What was the overall score in 2016?", "What speedup was
        # reported?"): that paper, if it holds the answer; when retrieval answers too, if it holds it as well
        context = [assistant.index.hit_for(p) for p in query.context if query.filters.allows(p)]
        coverage = assistant.judge.coverage
        needed = assistant.settings.cover_min
        if answered:  # retrieval's best papers must not answer it better
            needed = max([needed] + [coverage(query.salient, h.paper) for h in hits[:3]])
        if context and max(coverage(query.salient, h.paper) for h in context) >= needed:
            return Plan(context, "ask")
    if answered:
        if not query.named and not query.referents:
            # of "papers on X or Y", one wholly on X is on the topic
            kept = {id(h) for h in assistant.judge.on_topic(hits, query.salient, assistant.mode_config(query),
                                                            query.alternatives,
                                                            assistant.judge.sides(query.topic, query.salient))}
            talked_of = {p.paper_id for p in query.context}  # the conversation's papers stay in a follow-up
            hits = [h for h in hits if id(h) in kept or h.paper.paper_id in talked_of]
        elif query.broad and query.named and not query.referents:
            # "which of his papers deal with very high energy gamma-rays from Centaurus X-3?", a title's words: the
            # named, and each other paper that uses the name's rarest word in the record ("VHE gamma-rays from Cen
            # X-3", whose abstract says "Centaurus")
            titles = {t for p in query.named for t in tokenize(p.title)}
            frequency = assistant.judge.document_frequency
            name = [t for t in assistant.judge.canonical([t for t in tokenize(query.text) if t in titles])
                    if frequency[t]]
            rarest = [t for t in name if frequency[t] == min(frequency[n] for n in name)]
            hits = [h for h in hits if h.boost or rarest and assistant.judge.holds(h.paper, rarest) == len(rarest)]
        # "why were the fish in the jar more active than those in the large tank?" of a paper finding the reverse
        said = contradicting(query.text, hits[0].paper) if hits else ""
        if said:
            return Plan(hits[:1], "ask", status="contradicted", lead=CONTRADICTED_LEAD, said=said)
        return Plan(hits, "ask")
    if verdict.status == "near_miss" and not query.filters.paper_ids:
        # what the question takes as given, the nearest paper states the other way round ("why did pesticide
        # exposure increase microbial diversity?" of "... reduced microbial diversity"): that, not the word it lacks
        said = contradicting(query.text, verdict.hits[0].paper) if verdict.hits else ""
        if said:
            return Plan(verdict.hits[:1], "ask", status="contradicted", lead=CONTRADICTED_LEAD, said=said)
        return Plan(hits[:3], "ask", status="near_miss", lead=near_miss_lead(verdict.lacking))
    return Plan([], "ask", status="not_found")


def compare(assistant: Assistant, query: Query) -> Plan:
    return Plan(assistant.retrieve(query), "ask")


def on_area(assistant: Assistant, query: Query, mode: str) -> Plan:
    """Summaries and related work: the papers on the topic, or the closest with what is missing, or none."""
    hits = assistant.retrieve(query)
    verdict = assistant.verdict(query, hits)
    if verdict.status == "not_found":
        return Plan([], mode, status="not_found")
    if verdict.status == "near_miss":
        return Plan(hits[:3], mode, status="near_miss", lead=near_miss_lead(verdict.lacking))
    config = assistant.mode_config(query)
    parts = query.presupposed if query.intent == "summarize" and len(query.presupposed) >= 2 else ()
    return Plan(assistant.judge.on_topic(hits, query.salient, config, query.alternatives, parts), mode)


def summarize(assistant: Assistant, query: Query) -> Plan:
    return on_area(assistant, query, "summarize")


def related_work(assistant: Assistant, query: Query) -> Plan:
    return on_area(assistant, query, "related-work")


ROUTES: list[tuple[str, Callable[[Assistant, Query], Plan | MetadataAnswer | None]]] = [
    ("clarify", clarify),
    ("absent", absent),
    ("metadata", metadata),
    ("overview", overview),
    ("compare", compare),
    ("summarize", summarize),
    ("related_work", related_work),
    ("search", search),
]
