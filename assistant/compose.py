"""Extractive answers, written without an LLM: sentences quoted from the retrieved papers.

Deterministic by construction. A direct answer quotes, from each paper, the
sentences that hold what was asked for (the *slot*: a number, a dataset, a
method, a result, a definition, a comparison), ranked by how well they carry
that kind of fact and by the rarer of the question's terms they share. An
overview groups papers by the similarity of their vectors and labels each group
with its keyphrases (class-based TF-IDF, see :mod:`assistant.keyphrases`). A
related-work draft restates the user's project and contrasts each cited paper
with it by the key terms they share and do not share. Numbers are never
rewritten, and every piece of record text goes through ``quote_record_text`` so
that brackets inside an abstract never read as citations.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from assistant.citations import quote_record_text
from assistant.keyphrases import FUNCTION_WORDS, Keyphrases, candidate_runs, phrase_key, term_vectors
from assistant.lexical import CARDINAL, tokenize
from assistant.types import MONTH_NAMES, Hit, Paper, defined_acronyms

NOT_FOUND = "The record holds nothing on this question."
NOT_FOUND_FILTERED = "Nothing among the papers that pass the filters bears on this question."
EXTRACTIVE_NOTE = "Extractive answer: quoted from the abstracts in the record (no LLM is configured)."
TITLES_NOTE = ("Extractive answer: built from the titles, venues and authors in the record, which has no "
               "abstracts for these papers (no LLM is configured).")
MIXED_NOTE = ("Extractive answer: quoted from the abstracts in the record; papers without an abstract are "
              "described from their titles, venues and authors (no LLM is configured).")
SLOTS = (None, "number", "dataset", "access", "time", "place", "method", "result", "definition", "comparison", "list")

# Full stops that end no sentence: abbreviations, titles, and initials ("U.S. Census", "J. R. Saffran")
ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|et al|vs|etc|Figs?|approx|resp|cf|ca|c|no|nos|vol|pp|eqs?|refs?|sec|"
                           r"(?-i:Dr|Mr|Mrs|Ms|Prof|St|Jr|Sr|Inc|Ltd|Dept|Univ))\.|(?<!\w)(?-i:[A-Z])\.", re.I)
CONTRIBUTION = re.compile(
    r"^(?:(?:In this (?:paper|work|study|article|thesis|book|chapter)|Here|Then|Finally|First|To this end|"
    r"To address (?:this|these)[^,]*|Motivated by [^,]*),?\s*)?"
    r"(?:we|this paper|this work|this study|this article|this book|this chapter|this thesis)\s+"
    r"(?:(?:first|then|further|also)\s+)?"
    r"(propose|present|introduce|design|build|develop|explore|study|describe|discuss|define|characteri[sz]e|"
    r"examine|investigate|report|analy[sz]e|argue|show|trace|reconstruct|identify|demonstrate)s?\b\s*",
    re.I)

# --- what kind of sentence holds the fact asked for ---------------------------------------------------------

QUANTITY = re.compile(
    r"(?<![\w.])(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?"
    r"(?P<range>\s*(?:[-–—]+|to)\s*\d+(?:\.\d+)?)?"
    r"(?P<unit>\s*(?:\\?%|percent\b|per ?cent\b|x\b|×|\$\s*\\times\s*\$|-?fold\b|times\b))?(?![A-Za-z\d])")
MULTIPLIERS = re.compile(r"\b(twice|half|doubl\w+|tripl\w+|halv\w+|orders? of magnitude)\b", re.I)
# A count written out: "Seventy-nine listeners", "six publicly available sequences" ("one" is too common to count).
SPELLED = rf"{CARDINAL}(?:(?:\s+and)?[\s-]+{CARDINAL})*"  # "Two hundred and ten", "thirty-one"
SPELLED_COUNT = re.compile(rf"\b{SPELLED}\s+(?:[A-Za-z-]+\s+){{0,2}}[a-z]{{3,}}\b", re.I)
YEAR = re.compile(r"^(1[5-9]|20)\d\d$")
DATA_NOUNS = re.compile(
    r"\b(data ?sets?|data|benchmarks?|corp(?:us|ora)|cohorts?|participants|patients|subjects|volunteers|"
    r"respondents|samples?|specimens?|species|strains?|isolates|populations?|archives?|archival|records|"
    r"registr(?:y|ies)|census(?:es)?|surveys?|collections?|manuscripts?|letters|diaries|newspapers?|"
    r"periodicals|interviews|sites?|excavations?|catalog(?:ue)?s?|observations|traces?|workloads?|images|"
    r"videos|recordings|transcripts|documents|sources|trials?|databases?|tasks|suites?)\b", re.I)
DATA_VERBS = re.compile(r"\b(collected|compiled|sampled|recruited|gathered|drawn from|sourced from|"
                        r"(?:evaluated|tested|trained|validated|measured|experiments?|evaluations?|analy[sz]ed) "
                        r"(?:on|in|across|using|with|from))\b", re.I)
NAMED = re.compile(r"(?<!^)\b(?:[A-Z][a-z]*[A-Z][\w-]*|[A-Z]{2,}[\w-]*\d[\w-]*|[A-Za-z]+-?\d+[A-Za-z\d-]*)\b")
METHOD_CUES = re.compile(
    r"\b(we (?:use|used|employ|apply|combine|develop|design|build|train|measure|sequence|analy[sz]e|model|"
    r"simulate|estimate|compare|leverage|adopt|exploit|introduce|propose|present)|approach|method|technique|"
    r"algorithm|mechanism|procedure|protocol|pipeline|strategy|framework|model|assay|architecture|"
    r"by (?:using|\w+ing)|through|leverag\w*|based on|consists? of|works by|combin\w+|relies on|uses)\b", re.I)
RESULT_CUES = re.compile(
    r"\b(show|shows|showed|shown|find|finds|found|reveal\w*|demonstrat\w*|suggest\w*|indicat\w*|observ\w*|"
    r"conclud\w*|results?|evidence|improv\w*|outperform\w*|achiev\w*|increas\w*|decreas\w*|reduc\w*|"
    r"associated|correlat\w*|significant\w*|confirm\w*)\b", re.I)
COMPARISON_CUES = re.compile(
    r"\b(than|compared|comparison|versus|vs|outperform\w*|whereas|unlike|relative to|baselines?|better|"
    r"worse|higher|lower|faster|slower|state of the art|state-of-the-art|prior|existing)\b", re.I)
# "We surveyed ...", "we collect ...": what was done (a method), as against what was found.
DONE = re.compile(r"\bwe\s+(?:\w+ly\s+)?(?!(?:show|find|found|observe|demonstrate|report|conclude|argue|suggest|"
                  r"reveal|confirm|hypothesi[sz]e)\w*\b)[a-z]+\b|\b(?:was|were)\s+\w+ed\s+(?:by|using|with|from|in)\b",
                  re.I)
# A whole count of things studied: "141 mice", "2,300 letters", "24 English manors" (not "3.3 weeks", not years).
COUNTED = re.compile(r"(?<![\d.,])(?!(?:1[5-9]|20)\d\d\b)\d[\d,]*(?![\d.,]\d)\s+(?:[A-Za-z-]+\s+)?[a-z]{3,}\b")
ENUMERATION = re.compile(r"\b[\w-]+(?:\s[\w-]+)?, [\w-]+(?:\s[\w-]+)?,? and [\w-]+")  # "mice, dogs and humans"
DEFINITION_CUES = re.compile(r"\b(?:is|are) (?:a|an|the)\b|\brefers? to\b|\bdefined? as\b|\bwe define\b|"
                             r"\bknown as\b|\bcalled\b", re.I)
# Where a work can be had: a link, a repository, an access or licence statement.
ACCESS_CUES = re.compile(r"https?://\S+|\bdoi\.org\b|\b(?:available|accessible|download\w*|repositor(?:y|ies)|"
                         r"archived|deposited|hosted|released|open[- ]access|open[- ]source|licen[cs]e[ds]?|"
                         r"creative commons|CC[- ]BY(?:[- ][A-Z]{2})*|public domain|GitHub|GitLab|Zenodo|OSF|figshare|"
                         r"Dryad|Dataverse|CRAN|PyPI)\b", re.I)
# How strongly each slot's evidence counts against the question's own words.
SLOT_WEIGHT = {"number": 1.5, "dataset": 1.2, "access": 1.2, "time": 0.8, "place": 0.8, "method": 0.8, "result": 0.8,
               "definition": 0.8, "comparison": 0.8, "list": 0.3}
# a sentence saying when: a month, a year, a season, a span ("from 1822", "in December 2016", "over two summers")
TIME_CUES = re.compile(rf"\b(?:{'|'.join(MONTH_NAMES)}|(?:1[5-9]|20)\d\d(?:s)?|spring|summer|autumn|fall|winter|"
                       r"season|centur(?:y|ies)|decades?|since|until|between)\b")
# a sentence saying where: a kind of place, or a name after "in", "from" or a kind of place ("in the highlands of Papua
# New Guinea", "the Greek island of Skiathos", "the capital Ljubljana")
PLACE_CUES = re.compile(r"\b(?:countr(?:y|ies)|regions?|provinces?|states?|count(?:y|ies)|cit(?:y|ies)|towns?|villages?|"
                        r"islands?|coasts?|rivers?|lakes?|valleys?|basins?|bays?|seas?|oceans?|estuar(?:y|ies)|"
                        r"mountains?|highlands?|lowlands?|located)\b", re.I)
PLACE_NAMED = re.compile(r"\b(?:in|at|from|near)\s+(?:the\s+)?(?:[a-z]+\s+){0,3}?(?:of\s+)?[A-Z][a-z]+\b"
                         r"|\b(?:island|province|state|county|city|town|village|region|capital|river|lake)\s+(?:of\s+)?"
                         r"[A-Z][a-z]+\b")
# How much a question's word from the paper's title counts towards a sentence, against its other words: the
# title's words say which paper is meant ("in the Multiple Correspondence Analysis of Protoaurignacian
# lithics, which assemblages served as the outgroup?"), the others what is asked of it.
TITLE_TERM_WEIGHT = 0.5
# A sentence that goes on with what the one before announced: "... presented several challenges. These include
# ...", "... two corpora. They are ..."
CONTINUES = re.compile(r"^(?:These|They|Those|Such\s+\w+|The(?:se)?\s+(?:two|three|four|five|six)\s+\w+)\s+"
                       r"(?:\w+\s+)?(?:include|includes|included|are|were|comprise|comprised|involve|involved|range|"
                       r"ranged|span|spanned|cover|covered)\b|^(?:Namely|Specifically|In particular)\b|^[^.]{0,40}:\s")

# Said when a paper's abstract holds no sentence of the asked-for kind at all.
MISSING = {"number": "The abstract states no figure for this", "dataset": "The abstract names no data source"}

def quantity_strength(sentence: str) -> float:
    """0..1: how clearly the sentence states a figure (a share or factor > a range > a count > a year)."""
    best, found = 0.0, 0
    for match in QUANTITY.finditer(sentence):
        if match["unit"]:
            strength = 1.0
        elif match["range"]:
            strength = 0.2 if YEAR.match(match["num"]) else 0.9
        elif match["dec"] or "," in match["num"]:
            strength = 0.8
        else:
            strength = 0.2 if YEAR.match(match["num"]) else 0.6
        best, found = max(best, strength), found + 1
    if MULTIPLIERS.search(sentence) or SPELLED_COUNT.search(sentence):
        best, found = max(best, 0.6), found + 1
    return min(1.0, best + 0.1 * max(0, found - 1))


def _cues(pattern: re.Pattern, sentence: str, each: float) -> float:
    return min(1.0, each * len(pattern.findall(sentence)))


def slot_score(sentence: str, slot: str | None) -> float:
    """0..1: how much the sentence looks like it holds a fact of the asked-for kind."""
    if slot == "number":
        return quantity_strength(sentence)
    if slot == "dataset":
        return min(1.0, _cues(DATA_NOUNS, sentence, 0.4) + _cues(DATA_VERBS, sentence, 0.4)
                   + _cues(NAMED, sentence, 0.2) + _cues(COUNTED, sentence, 0.3) + _cues(ENUMERATION, sentence, 0.3))
    if slot == "method":
        return min(1.0, _cues(METHOD_CUES, sentence, 0.3) + (0.5 if CONTRIBUTION.match(sentence) else 0.0)
                   + (0.3 if DONE.search(sentence) else 0.0))
    if slot == "result":
        done = 0.3 if DONE.search(sentence) and not RESULT_CUES.search(sentence) else 0.0
        return max(0.0, min(1.0, _cues(RESULT_CUES, sentence, 0.3) + 0.5 * quantity_strength(sentence)) - done)
    if slot == "comparison":
        return min(1.0, _cues(COMPARISON_CUES, sentence, 0.3) + 0.4 * quantity_strength(sentence))
    if slot == "definition":
        return min(1.0, _cues(DEFINITION_CUES, sentence, 0.5) + (0.5 if CONTRIBUTION.match(sentence) else 0.0))
    if slot == "list":
        return 1.0 if CONTRIBUTION.match(sentence) else 0.0
    if slot == "access":
        return _cues(ACCESS_CUES, sentence, 0.5)
    if slot == "time":
        return _cues(TIME_CUES, sentence, 0.5)
    if slot == "place":
        return min(1.0, _cues(PLACE_CUES, sentence, 0.25) + _cues(PLACE_NAMED, sentence, 0.5))
    return 0.0


# --- sentences ----------------------------------------------------------------------------------------------

def split_sentences(text: str) -> list[str]:
    protected = ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", "\0"), text)
    # a structured abstract's heading may follow the full stop unspaced: "... characteristics.Results: There were"
    # and so may any sentence, in abstracts whose line breaks were dropped: "... worldwide.We used the 2019 ..."
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'])|(?<=[\w)][.!?])(?=[A-Z][a-z]+(?:\s+(?:and|&)\s+[A-Za-z]+)?:)"
                     r"|(?<=[a-z][a-z][.!?])(?=[A-Z][a-z]*\b)", protected)
    sentences: list[str] = []
    for part in (p.replace("\0", ".").strip() for p in parts if p.strip()):
        if sentences and len(sentences[-1].split()) == 1 and not sentences[-1].endswith(":"):
            sentences[-1] = f"{sentences[-1]} {part}"  # a stray stop after one word ("The. CMD-3 detector ...")
        else:
            sentences.append(part)
    return sentences


def short_name(paper: Paper) -> str:
    """The system name before a colon ("Nimbus"), or the full title without a closing full stop (some exports
    end every title with one), so that a sentence can go on after it."""
    head = paper.system_name
    return head if head and len(head.split()) <= 4 else re.sub(r"(?<=\w\w\w)\.$", "", paper.title.strip())


def without_abstract(paper: Paper, named: bool = True) -> str:
    """What can be said of a paper the record lists without an abstract (common in BibTeX exports).

    Unnamed ("appeared in ...") where the line already shows the title. Raw record text: quote it to show it.
    """
    where = f"appeared in {paper.venue}" if paper.venue else "is listed in the record"
    who = f", by {paper.authors_label()}" if paper.authors else ""
    name = f"{short_name(paper)} " if named else ""
    return f"{name}{where}{who}; the record has no abstract for it."


def extractive_note(papers: Sequence[Paper]) -> str:
    """What an extractive answer over these papers is built from."""
    with_abstract = sum(bool(p.abstract.strip()) for p in papers)
    if papers and with_abstract == 0:
        return TITLES_NOTE
    return EXTRACTIVE_NOTE if with_abstract == len(papers) else MIXED_NOTE


def question_terms(question: str) -> list[str]:
    """The question's content terms, stemmed (its function words dropped)."""
    words = re.findall(r"[\w.'-]+", question.lower())
    return tokenize(" ".join(w for w in words if w not in FUNCTION_WORDS))


def term_weights(papers: Sequence[Paper]) -> dict[str, float]:
    """Inverse sentence frequency of each term over the papers' abstracts: rare terms tell sentences apart."""
    frequency: dict[str, int] = {}
    total = 0
    for paper in papers:
        for sentence in split_sentences(paper.abstract):
            total += 1
            for term in set(tokenize(sentence)):
                frequency[term] = frequency.get(term, 0) + 1
    return {t: math.log(1 + (total + 1) / (f + 0.5)) for t, f in frequency.items()} | {"": float(total)}


HOW_MANY = re.compile(r"\bhow\s+many\s+((?:[\w-]+\s+){0,3})", re.I)
COUNT_OF = re.compile(rf"(?:(?<![\d.,])\d[\d,]*(?![\d.,]\d)|\b{SPELLED}\b)\s+((?:[\w-]+\s+){{0,2}}[\w-]+)", re.I)


def counted_terms(question: str) -> set[str]:
    """The stems of what "how many ..." asks to be counted ("how many sites and healthy adults": site, adult)."""
    words = " ".join(m.group(1) for m in HOW_MANY.finditer(question + " "))
    return set(question_terms(words))


def counts(sentence: str, counted: set[str]) -> bool:
    """Whether the sentence gives a number of one of the counted things ("272 healthy adults")."""
    return any(counted & set(tokenize(m.group(1))) for m in COUNT_OF.finditer(sentence))


@lru_cache(maxsize=1)
def _quantities():
    """quantulum3's parser and the names of the kinds of quantity it knows ("temperature", "pressure", "length")."""
    import warnings

    with warnings.catch_warnings():  # it would use an optional classifier to tell ambiguous units apart
        warnings.simplefilter("ignore")
        from quantulum3 import load, parser
    return parser, frozenset(name for name in load.entities().names if name not in ("dimensionless", "currency"))


def load_quantities() -> None:
    """Load quantulum3's unit tables now (about 2 s), so the first question asking for a quantity does not wait."""
    _quantities()


def measures_asked(question: str) -> set[str]:
    """The kinds of physical quantity the question asks for by name ("at what temperature", "which energy"):
    quantulum3's names of them."""
    names = _quantities()[1]
    found = set()
    # the words after "what", "which" or "how much", within the clause: "what critical volume fraction and
    # critical temperature", not "how far back in time ... and what modelling approach"
    for asked in re.findall(r"\b(?:what|which|how\s+much)((?:\s+[a-z-]+){1,6})", question.lower()):
        words = asked.split()
        phrases = words + [f"{a} {b}" for a, b in zip(words, words[1:])]  # "electric potential"
        found |= {p for phrase in phrases for p in (phrase, re.sub(r"s$", "", phrase)) if p in names}
    return found


@lru_cache(maxsize=4096)
def measures_in(sentence: str) -> frozenset[str]:
    """The kinds of physical quantity the sentence gives with their units ("40 °C": temperature)."""
    parser = _quantities()[0]
    try:
        return frozenset(q.unit.entity.name for q in parser.parse(sentence) if q.unit.name != "dimensionless")
    except Exception:  # the parser fails on some odd strings; the sentence then gives none
        return frozenset()


def rank_sentences(question: str, paper: Paper, slot: str | None = None,
                   weights: dict[str, float] | None = None) -> list[tuple[float, int, str]]:
    """(score, position, sentence) for each abstract sentence, best first."""
    sentences = split_sentences(paper.abstract)
    weights = weights if weights is not None else term_weights([paper])
    unseen = math.log(1 + (weights.get("", 1.0) + 1) / 0.5)
    terms = set(question_terms(question))
    titled = terms & set(tokenize(paper.title))
    share = {t: TITLE_TERM_WEIGHT if t in titled and titled != terms else 1.0 for t in terms}
    total = sum(weights.get(t, unseen) * share[t] for t in terms) or 1.0
    name = short_name(paper).lower() if paper.system_name else ""
    counted = counted_terms(question)
    measured = measures_asked(question)
    # an acronym the abstract defines stands for its words in the sentences that use it, and the words for it:
    # "the bias towards SAE" holds "Spoken American English"
    defined = [(re.compile(rf"\b{re.escape(acronym)}s?\b"), set(tokenize(words)), set(tokenize(acronym)))
               for acronym, words in defined_acronyms(f"{paper.title}. {paper.abstract}").items()]
    ranked = []
    for position, sentence in enumerate(sentences):
        words = set(tokenize(sentence))
        for acronym, spelled, short in defined:
            if acronym.search(sentence):
                words |= spelled
            elif spelled <= words:
                words |= short
        overlap = sum(weights.get(t, unseen) * share[t] for t in terms & words) / total
        score = overlap + SLOT_WEIGHT.get(slot or "", 0.0) * slot_score(sentence, slot)
        if name and name in sentence.lower():
            score += 0.1  # about this paper's own system, not the background
        if counted and counts(sentence, counted):
            score += SLOT_WEIGHT["number"] / 2  # "how many sites?": the sentence counting sites
        if measured and measured & measures_in(sentence):
            score += SLOT_WEIGHT["number"] / 2  # "at what temperature?": the sentence giving one ("40 °C")
        score -= 0.002 * len(sentence.split())
        ranked.append((score, position, sentence))
    return sorted(ranked, key=lambda item: (-item[0], item[1]))


def best_sentences(question: str, paper: Paper, n: int = 2, slot: str | None = None,
                   weights: dict[str, float] | None = None, parts: Sequence[tuple[str, str | None]] = ()
                   ) -> list[str]:
    """The abstract's sentences that best hold what was asked, in abstract order, quoted as record text.

    A question asking several things (`parts`, each with its slot) gets the best sentence for each part
    first, then the best for the whole question.
    """
    if not paper.abstract.strip():
        return [quote_record_text(without_abstract(paper, named=False))]
    ranked = rank_sentences(question, paper, slot, weights)
    if ranked[0][0] <= 0:
        ranked = [(0.0, 0, split_sentences(paper.abstract)[0])]
    top = ranked[:n]
    if slot in ("number", "dataset") and slot_score(top[0][2], slot) == 0:
        holding = [r for r in ranked if slot_score(r[2], slot) > 0]  # the fact's sentence must be among them
        if holding:
            top = [holding[0]] + [r for r in top if r is not holding[0]][: n - 1]
    if parts:
        chosen: list[tuple[float, int, str]] = []
        for text, part_slot in parts:
            best = next((r for r in rank_sentences(text, paper, part_slot, weights) if r[0] > 0
                         and all(r[1] != c[1] for c in chosen)), None)
            if best is not None:
                chosen.append(best)
        chosen = chosen[:max(n, len(chosen))]
        top = chosen + [r for r in top if all(r[1] != c[1] for c in chosen)][: max(0, n - len(chosen))]
    by_position = {r[1]: r for r in ranked}
    for _, position, _ in list(top):  # what a chosen sentence announces, the next one lists
        follow = by_position.get(position + 1)
        if follow and CONTINUES.match(follow[2]) and all(r[1] != position + 1 for r in top):
            top.append(follow)
    return [quote_record_text(s) for _, _, s in sorted(top, key=lambda item: item[1])]


def third_person(verb: str) -> str:
    """ "study" -> "studies", "discuss" -> "discusses", "present" -> "presents"."""
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + ("es" if verb.endswith(("s", "sh", "ch", "x")) else "s")


def contribution_clause(paper: Paper) -> tuple[str, bool]:
    """What the paper contributes (raw record text), and whether it is a verb phrase ("proposes X ...").

    A verb phrase continues a sentence that names the paper; otherwise it is a whole sentence of the abstract.
    """
    sentences = split_sentences(paper.abstract)
    if not sentences:
        return without_abstract(paper, named=False), True
    for sentence in sentences:
        match = CONTRIBUTION.match(sentence)
        if match and not re.match(r"(?:and|or|that|how|whether|to)\b", sentence[match.end():], re.I):
            verb = third_person(match.group(1).lower())
            return f"{verb} {sentence[match.end():]}".rstrip(". ") + ".", True
    name = short_name(paper)
    for sentence in sentences:
        if re.search(r"\b(we|this paper|this work|this study)\b", sentence, re.I) or (
                name != paper.title and name.lower() in sentence.lower()):
            return sentence, False
    return sentences[0], False


def contribution(paper: Paper) -> str:
    """The sentence saying what the paper contributes, led by the paper's name and year (raw record text)."""
    if not paper.abstract.strip():
        return without_abstract(paper)
    clause, is_verb = contribution_clause(paper)
    year = f" ({paper.year})" if paper.year else ""
    name = short_name(paper)
    # "Quokka (2022) designs Quokka, a memory-aware job scheduler": "Quokka (2022) is a memory-aware job scheduler"
    named = re.match(rf"[a-z]+\s+{re.escape(name)},\s+(?=(?:an?|the)\s)", clause) if is_verb else None
    if named:
        clause = "is " + clause[named.end():]
    return f"{name}{year} {clause}" if is_verb else f"{name}{year}: {clause}"


def cite(text: str, number: int) -> str:
    """Put the citation marker inside the sentence's final punctuation: "... clients [1]." """
    text = text.rstrip()
    if text[-1:] in ".!?":
        return f"{text[:-1]} [{number}]{text[-1]}"
    return f"{text} [{number}]"


def _label(paper: Paper) -> str:
    return f"**{quote_record_text(paper.title)}** ({paper.date_label()})"


# --- ask ----------------------------------------------------------------------------------------------------

def compose_ask(question: str, hits: list[Hit], slot: str | None = None,
                parts: Sequence[tuple[str, str | None]] = ()) -> str:
    """A direct answer: from each paper, the sentences holding the fact asked for, each paper cited.

    Args:
        slot: the kind of fact asked for (`understand.SLOT_RULES`); None or "" for no particular kind.
        parts: the things a question asks when it asks several, each with its slot (`Query.parts`).
    """
    papers = [h.paper for h in hits]
    weights = term_weights(papers)
    # one paper answering: three sentences, and one more when the question asks two things or more
    per_paper = 1 if slot == "list" and len(hits) > 1 else 3 + (len(parts) >= 2) if len(hits) == 1 else 2
    lines = []
    for number, hit in enumerate(hits, start=1):
        quoted = " ".join(best_sentences(question, hit.paper, per_paper, slot or "", weights, parts))
        missing = hit.paper.abstract.strip() and slot in MISSING and not any(
            slot_score(s, slot) > 0 for s in split_sentences(hit.paper.abstract))
        joiner = ": " if hit.paper.abstract.strip() else " "
        note = f" ({MISSING[slot]}.)" if missing else ""
        lines.append(f"- {_label(hit.paper)}{joiner}{cite(quoted, number)}{note}")
    lead = "From the record, one paper answers this:" if len(hits) == 1 else \
        f"From the record, {len(hits)} papers bear on this:"
    return f"{lead}\n\n" + "\n".join(lines) + f"\n\n_{extractive_note(papers)}_"


# --- themes -------------------------------------------------------------------------------------------------

def silhouette(similarity: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette of a partition under cosine distance (a paper alone in its group scores 0)."""
    distance = 1.0 - similarity
    _, index = np.unique(labels, return_inverse=True)
    onehot = np.eye(index.max() + 1)[index]
    sizes = onehot.sum(axis=0)
    totals = distance @ onehot  # each paper's summed distance to each group
    own = sizes[index]
    inner = totals[np.arange(len(index)), index] / np.maximum(own - 1, 1)
    outer = np.where(onehot.astype(bool), np.inf, totals / sizes).min(axis=1)
    scores = np.where(own == 1, 0.0, (outer - inner) / np.maximum(np.maximum(inner, outer), 1e-9))
    return float(scores.mean())


def themes(hits: Sequence[Hit], vectors: np.ndarray) -> tuple[list[list[int]], list[int]]:
    """Groups of papers by Ward clustering of their vectors, and the papers that fit no group.

    The number of groups (2 to about sqrt(n) + 1) is the one whose partition has the best silhouette; with
    no partition better than none, all papers form one group. A paper left alone joins the group it is
    closest to on average when that is closer than two papers of the set are on average; otherwise it is
    returned among the ungrouped. Groups are ordered by their best-ranked paper.
    """
    n = len(hits)
    if n <= 3:
        return [list(range(n))], []
    unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    similarity = unit @ unit.T
    typical = float((similarity.sum() - np.trace(similarity)) / (n * (n - 1)))

    def linkage(a: list[int], b: list[int]) -> float:
        return float(similarity[np.ix_(a, b)].mean())

    # Ward linkage by the Lance-Williams update: merge the pair that adds least within-group spread.
    cost = np.maximum(2.0 - 2.0 * similarity, 0.0)
    np.fill_diagonal(cost, np.inf)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    most = min(n - 1, max(2, round(math.sqrt(n)) + 1))
    best: tuple[float, list[list[int]]] = (0.0, [list(range(n))])
    while len(members) > 2:
        flat = int(np.argmin(cost))
        i, j = sorted(divmod(flat, n))
        ni, nj = len(members[i]), len(members[j])
        sizes = np.array([len(members.get(k, ())) for k in range(n)], dtype=float)
        merged = ((sizes + ni) * cost[i] + (sizes + nj) * cost[j] - sizes * cost[i, j]) / (sizes + ni + nj)
        cost[i, :], cost[:, i] = merged, merged
        cost[i, i] = np.inf
        cost[j, :], cost[:, j] = np.inf, np.inf
        members[i] = sorted(members[i] + members.pop(j))
        if len(members) <= most:
            labels = np.empty(n, dtype=int)
            for number, group in enumerate(members.values()):
                labels[group] = number
            score = silhouette(similarity, labels)
            if score > best[0]:
                best = (score, [list(g) for g in members.values()])
    grouped = [g for g in best[1] if len(g) > 1]
    ungrouped = []
    for index in (g[0] for g in best[1] if len(g) == 1):
        closeness = [linkage([index], g) for g in grouped]
        nearest = int(np.argmax(closeness)) if closeness else -1
        if nearest >= 0 and closeness[nearest] >= typical:
            grouped[nearest] = sorted(grouped[nearest] + [index])
        else:
            ungrouped.append(index)
    if len(ungrouped) > len(grouped):  # mostly loners: no grouping worth showing
        return [list(range(n))], []
    return sorted(grouped, key=min), sorted(ungrouped)


def theme_name(papers: list[Paper], corpus: Sequence[Paper] | None = None) -> str:
    """A label for one group of papers from its keyphrases."""
    phrases = Keyphrases(corpus or papers)
    return phrases.label(phrases.rank([papers])[0]) or "Other papers"


def _summary_line(hit: Hit, number: int) -> str:
    clause, is_verb = contribution_clause(hit.paper)
    return f"- {_label(hit.paper)}{' ' if is_verb else ': '}{cite(quote_record_text(clause), number)}"


def compose_summary(topic: str, hits: list[Hit], vectors: np.ndarray, whole: bool = False,
                    corpus: Sequence[Paper] | None = None, min_relative_score: float = 0.5) -> str:
    """An overview grouped by theme, themes labelled by keyphrases, oldest first within a theme.

    Args:
        vectors: one row per hit (e.g. the embedding of its first passage), used to group them.
        whole: the hits are the whole record (or all it holds under the filters), not an area of it.
        corpus: the record's papers, for the document frequencies that tell generic phrases from telling
            ones; the hits themselves when not given.
        min_relative_score: for an area, papers scoring below this share of the best are left out as
            not on it.
    """
    if not hits:
        return NOT_FOUND
    numbers = {id(h): i for i, h in enumerate(hits, start=1)}
    top = max((h.fused for h in hits), default=0.0)  # a paper the question names is kept, not the measure
    kept = [i for i, h in enumerate(hits) if whole or top <= 0 or h.boost or h.fused >= min_relative_score * top]
    chosen = [hits[i] for i in kept]
    rows = np.asarray(vectors)[kept] if len(vectors) == len(hits) else None
    if rows is None or len(rows) == 0:
        rows = term_vectors([h.paper for h in chosen], Keyphrases([h.paper for h in chosen]))
    groups, ungrouped = themes(chosen, rows)
    phrases = Keyphrases(corpus or [h.paper for h in hits])
    ranked = phrases.rank([[chosen[i].paper for i in g] for g in groups])
    scope = "" if whole else " on this area"
    count = "1 paper" if len(chosen) == 1 else f"{len(chosen)} papers"
    named = [(phrases.label(r), g) for r, g in zip(ranked, groups)]
    ungrouped = sorted(ungrouped + [i for name, g in named if not name for i in g])
    named = [(name, g) for name, g in named if name]
    if ungrouped:
        named.append(("Other papers" if named else "", ungrouped))
    by_theme = " by theme" if named[0][0] else ""
    parts = [f"The record holds {count}{scope}. Overview{by_theme}, oldest first:"]
    for name, group in named:
        members = sorted((chosen[i] for i in group), key=lambda h: (h.paper.date is None, h.paper.date))
        plural = "s" if len(members) > 1 else ""
        parts.append(f"\n**{quote_record_text(name)}** ({len(members)} paper{plural})" if name else "")
        parts.extend(_summary_line(hit, numbers[id(hit)]) for hit in members)
    parts.append(f"\n_{extractive_note([h.paper for h in chosen])}_")
    return "\n".join(parts)


# --- related work -------------------------------------------------------------------------------------------

_WORK = (r"(?:project|paper|thesis|dissertation|study|proposal|grant(?: proposal)?|article|book|chapter|"
         r"manuscript|submission|system|tool|work|research|idea)")
WORK_WORDING = re.compile(
    rf"^(?:my|our|a|an|the)\s+(?:(?:own|new|current|upcoming|ongoing|research)\s+)*{_WORK}(?:\s+|$|(?=[:,]))", re.I)
REQUEST_WORDING = [p if isinstance(p, re.Pattern) else re.compile(p, re.I) for p in (
    r"^(?:please|kindly|pls)[\s,]+",
    r"^(?:can|could|would|will) you\s+",
    r"^(?:help me|i need you to|i need|i want|i'd like|i would like|we need|we want)\s+(?:to\s+)?",
    r"^(?:draft|write|generate|produce|compose|create|give|prepare|suggest|sketch|put together|make)"
    r"(?:\s+(?:me|us))?\s+",
    r"^(?:(?:an?|the|some|my|our)\s+)?(?:(?:short|brief|concise|quick|first|rough|draft)\s+)*"
    r"(?:related[- ]works?|literature review|background|prior work)(?:\s+(?:paragraph|section|summary|"
    r"overview|discussion|draft|text))?(?:\s+|$|(?=[:,]))",
    r"^(?:for|of|on|about|covering|to)\s+",
    WORK_WORDING,
    r"^(?:i am|i'm|we are|we're)\s+(?:currently\s+)?(?:working on|building|developing|writing|studying|"
    r"investigating|researching|doing)\s+",
    r"^(?:i am|i'm|we are|we're)\s+(?:currently\s+)?(?=[a-z]+ing\b)",  # "I am reconstructing X": "reconstructing X"
    # "I study X", "we mainly work on X", "my lab investigates X": X
    r"^(?:i|we|my\s+(?:lab|group|team)|our\s+(?:lab|group|team))\s+(?:(?:currently|mainly|mostly|now)\s+)?"
    r"(?:stud(?:y|ies)|investigates?|research(?:es)?|examines?|explores?|analy[sz]es?|works? on|focus(?:es)? on|"
    r"look(?:s)? (?:at|into)|(?:am|are|is) interested in)\s+",
    r"^(?:on|about|in|into|regarding|concerning|titled|called|entitled|named|which is about|that is about|"
    r"focused on|focusing on)\s+",
    r"^(?:is|are|was|will be)\s+(?:(?:all|mainly|mostly)\s+)?(?:about|on|into|concerned with|focused on)\s+",  # "my thesis is on X"
    r"^[:\-–—,]\s*",
)]
# What follows the project: "... Draft the related work from his papers.", "... Which of her studies belong in
# the related work, and what did they find?", "... Which of his papers should my literature review cite?"
TRAILING_REQUEST = re.compile(r"(?<=\w)[.,;:!?]\s+(?:please\s+)?(?:(?:can|could|would) you\s+)?(?:please\s+)?"
                              r"(?:draft|write|generate|give|which|what|how|list|suggest|help|tell)\b[^.?!]*"
                              r"\b(?:related[- ]work|literature review|background|cite|citing|(?:his|her|their)\s+"
                              r"(?:papers?|publications?|work|studies|articles))\b.*$"
                              # ", citing his papers", ", drawing on her relevant work"
                              r"|(?<=\w)[,;]\s+(?:and\s+)?(?:citing|drawing\s+on|using|based\s+on|from)\s+"
                              r"(?:his|her|their|[\w.-]+(?:\s+[\w.-]+)?['’]s?)\s+(?:[\w-]+\s+){0,2}?"
                              r"(?:papers?|publications?|work|studies|articles|record)\s*[.?!]?\s*$", re.I | re.S)


def project_description(request: str) -> str:
    """The user's project in its own words, the request's wording taken off.

    "Draft a related-work paragraph for my project: X", "related work for a paper on X", "my project on X"
    and "X" all give X (first person made plural: "my" -> "our").
    """
    text = TRAILING_REQUEST.sub("", request.strip())
    changed = True
    while changed:
        changed = False
        for pattern in REQUEST_WORDING:
            stripped = pattern.sub("", text, count=1)
            if stripped != text and stripped.strip():
                if pattern is WORK_WORDING and re.match(r"[a-z]{2,}[^s\W]s\s", stripped.strip()):
                    stripped = f"that {stripped.strip()}"  # "our project uses X": what it does, a clause
                text, changed = stripped.strip(), True
    text = re.sub(r"\bmy\b", "our", text)
    text = re.sub(r"\bMy\b", "Our", text)
    return text.strip().strip("\"'“”").rstrip(".?!").strip() or request.strip().rstrip(".?!")


def _clause(project: str) -> str:
    """What the project does, when it is described by a clause ("that uses X" -> "uses X"), else ""."""
    clause = re.match(r"(?:that|which)\s+(.+)", project, re.I)
    return clause.group(1) if clause else ""


def project_phrase(project: str) -> str:
    """The project as a noun phrase: "X", or "ours, which uses X" for a clause ("that uses X")."""
    clause = _clause(project)
    return f"ours, which {clause}" if clause else project


def restate(project: str) -> str:
    """The project as the subject of a sentence: "our project focuses on X" or "our project <verb>s ..."."""
    clause = _clause(project)
    return f"our project {clause}" if clause else f"our project focuses on {project}"


def _join(items: list[str]) -> str:
    items = [f"*{quote_record_text(i)}*" for i in items]  # the record's words, in the composer's italics
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def contrast(project: str, paper: Paper, phrases: Keyphrases, drop_generic: bool = True) -> str:
    """How the paper stands to the project: the project's key words it shares, and its own focus beyond them.

    With `drop_generic`, words that most of the corpus carries are not counted as shared.
    """
    text_terms = set(tokenize(f"{paper.title} {paper.abstract} {' '.join(paper.keywords)}"))
    shared, seen = [], set()
    for run in candidate_runs(project):
        for word in run:
            term = phrase_key([word])
            # (a hyphened word is there when each of its parts is: "heat-tolerant" in "Heat-Tolerant Photosynthesis")
            if term and set(term.split()) <= text_terms and term not in seen \
                    and not (drop_generic and phrases.generic(term)):
                seen.add(term)
                shared.append(word)
    wanted = set(tokenize(project))
    other = [phrases.surface(k) for k in phrases.top(paper, 4) if not set(k.split()) & wanted]
    if shared and other:
        return f"Like our project it concerns {_join(shared[:3])}; unlike it, it centres on {_join(other[:2])}."
    if shared:
        return f"It is closest to our project, sharing {_join(shared[:3])}."
    if other:
        return f"It shares no key term with our project; its focus is {_join(other[:2])}."
    return ""


def compose_related_work(project: str, hits: list[Hit], vectors: np.ndarray | None = None,
                         corpus: Sequence[Paper] | None = None) -> str:
    """A related-work draft: papers grouped by approach, each cited once and contrasted with the project.

    Args:
        project: the user's project description (request wording is taken off if still there).
        vectors: one row per hit to group them by; term vectors of their text when not given.
        corpus: the record's papers, for document frequencies (the hits when not given).
    """
    project = project_description(project)
    papers = [h.paper for h in hits]
    phrases = Keyphrases(corpus or papers)
    rows = vectors if vectors is not None and len(vectors) == len(hits) else term_vectors(papers, phrases)
    groups, ungrouped = themes(hits, rows)
    if ungrouped:
        groups.append(ungrouped)
    labels = [phrases.label(r, most=1) for r in phrases.rank([[papers[i] for i in g] for g in groups])]
    paragraphs = [f"Prior work in this record has studied problems close to {quote_record_text(project_phrase(project))}."]
    for label, group in zip(labels, groups):
        members = sorted(group, key=lambda i: (papers[i].date is None, papers[i].date))
        sentences = []
        for i in members:
            sentences.append(cite(quote_record_text(contribution(papers[i])), i + 1))
            sentences.append(contrast(project, papers[i], phrases, drop_generic=bool(corpus)))
        heading = f"*{quote_record_text(label)}.* " if label and len(groups) > 1 else ""
        paragraphs.append(heading + " ".join(s for s in sentences if s))
    paragraphs.append(f"In contrast to these works, {quote_record_text(restate(project))}.")
    return ("**Related work (draft)**\n\n" + "\n\n".join(paragraphs)
            + f"\n\n_{extractive_note(papers)} Edit the positioning sentence to state your contribution._")
