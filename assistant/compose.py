"""Extractive answers, written without an LLM: sentences quoted from the retrieved abstracts.

Deterministic by construction: sentences are chosen by overlap with the question
(stemmed terms, numbers favoured when the question asks "how much"), papers are
grouped into themes by the similarity of their vectors, and related-work
paragraphs are built from each paper's contribution sentence. Numbers are never
rewritten: every sentence is quoted as the abstract has it.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from assistant.lexical import STOPWORDS, tokenize
from assistant.types import Hit, Paper

NOT_FOUND = "The record holds nothing on this question."
EXTRACTIVE_NOTE = "Extractive answer: quoted from the abstracts in the record (no LLM is configured)."
ABBREVIATIONS = re.compile(r"\b(e\.g|i\.e|et al|vs|etc|Fig|approx|resp|cf)\.", re.I)
QUANTITY = re.compile(r"\b(how (much|many|fast|well)|speed ?up|faster|improve|reduc|accuracy|throughput|latency|"
                      r"gain|percent|times|better|outperform|saving|lower|higher|cost)", re.I)
NUMBER = re.compile(r"\d+(\.\d+)?\s*(%|x\b|×|times)|\d+(\.\d+)?\s*[-–]+\s*\d+(\.\d+)?")
CONTRIBUTION = re.compile(
    r"^(?:(?:In this (?:paper|work)|Here|Then|Finally|First|To this end|To address (?:this|these)[^,]*|"
    r"Motivated by [^,]*),?\s*)?"
    r"(?:we|this paper|this work|this article)\s+(?:(?:first|then|further|also)\s+)?"
    r"(propose|present|introduce|design|build|develop|explore|study|describe|discuss|define|characteri[sz]e)s?\b\s*",
    re.I)
STOP_THEME = STOPWORDS | {"efficient", "via", "using", "towards", "toward", "based", "new", "novel", "large",
                          "scale", "system", "systems", "model", "models", "language", "learning", "framework"}


def split_sentences(text: str) -> list[str]:
    protected = ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", "\0"), text)
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'])", protected)
    return [p.replace("\0", ".").strip() for p in parts if p.strip()]


def short_name(paper: Paper) -> str:
    """The system name before a colon ("Nimbus"), or the full title."""
    head = paper.system_name
    return head if head and len(head.split()) <= 4 else paper.title


def without_abstract(paper: Paper) -> str:
    """What can be said of a paper the record lists without an abstract (common in BibTeX exports)."""
    where = f"appeared in {paper.venue}" if paper.venue else "is listed"
    who = f", by {paper.authors_label()}" if paper.authors else ""
    return f"{short_name(paper)} {where}{who}; the record has no abstract for it."


def best_sentences(question: str, paper: Paper, n: int = 2) -> list[str]:
    """The abstract's sentences that best answer the question, in abstract order."""
    sentences = split_sentences(paper.abstract)
    if not sentences:
        return [without_abstract(paper)]
    terms = set(tokenize(question))
    wants_number = bool(QUANTITY.search(question))
    scored = []
    for position, sentence in enumerate(sentences):
        words = set(tokenize(sentence))
        score = len(terms & words) / (1 + 0.02 * len(sentence.split()))
        if wants_number and NUMBER.search(sentence):
            score += 1.5
        scored.append((score, -position, sentence))
    top = sorted(scored, reverse=True)[:n]
    if top[0][0] == 0:
        top = [(0, 0, sentences[0])]
    return [s for _, _, s in sorted(top, key=lambda item: -item[1])]


def contribution(paper: Paper) -> str:
    """The sentence saying what the paper contributes, rephrased to lead with the paper's name."""
    sentences = split_sentences(paper.abstract)
    if not sentences:
        return without_abstract(paper)
    name = short_name(paper)
    year = f" ({paper.year})" if paper.year else ""
    for sentence in sentences:
        match = CONTRIBUTION.match(sentence)
        if match:
            verb = match.group(1).lower()
            rest = sentence[match.end():]
            verb = verb + ("es" if verb.endswith("s") or verb.endswith("sh") else "s")
            return f"{name}{year} {verb} {rest}".rstrip(". ") + "."
    for sentence in sentences:
        if re.search(r"\b(we|this paper|this work)\b", sentence, re.I) or (
                name != paper.title and name.lower() in sentence.lower()):
            return f"{name}{year}: {sentence}"
    return f"{name}{year}: {sentences[0]}" if sentences else f"{paper.title}{year}."


def cite(text: str, number: int) -> str:
    """Put the citation marker inside the sentence's final punctuation: "... clients [1]." """
    text = text.rstrip()
    if text[-1:] in ".!?":
        return f"{text[:-1]} [{number}]{text[-1]}"
    return f"{text} [{number}]"


def _label(paper: Paper) -> str:
    return f"**{paper.title}** ({paper.date_label()})"


def compose_ask(question: str, hits: list[Hit]) -> str:
    """A direct answer: the best sentences of each relevant paper, each paper cited."""
    lines = []
    per_paper = 3 if len(hits) == 1 else 2
    for number, hit in enumerate(hits, start=1):
        quoted = " ".join(best_sentences(question, hit.paper, per_paper))
        lines.append(f"- {_label(hit.paper)}: {cite(quoted, number)}")
    lead = "From the record, one paper answers this:" if len(hits) == 1 else \
        f"From the record, {len(hits)} papers bear on this:"
    return f"{lead}\n\n" + "\n".join(lines) + f"\n\n_{EXTRACTIVE_NOTE}_"


def themes(hits: list[Hit], vectors: np.ndarray, threshold: float = 0.5) -> list[list[int]]:
    """Greedy grouping of papers by vector similarity to each group's centroid (order-stable)."""
    groups: list[list[int]] = []
    centroids: list[np.ndarray] = []
    for i in range(len(hits)):
        sims = [float(vectors[i] @ (c / np.linalg.norm(c))) for c in centroids]
        best = int(np.argmax(sims)) if sims else -1
        if best >= 0 and sims[best] >= threshold:
            groups[best].append(i)
            centroids[best] = centroids[best] + vectors[i]
        else:
            groups.append([i])
            centroids.append(vectors[i].copy())
    return groups


def theme_name(papers: list[Paper]) -> str:
    """The words the group's titles share most (system names and generic words left out)."""
    counts: Counter[str] = Counter()
    forms: dict[str, str] = {}
    for paper in papers:
        title = paper.title.split(":", 1)[1] if ":" in paper.title else paper.title
        seen = set()
        for word in re.findall(r"[A-Za-z][A-Za-z\-]+", title):
            key = word.lower()
            if key in STOP_THEME or len(key) < 3 or key in seen:
                continue
            seen.add(key)
            counts[key] += 1
            forms.setdefault(key, word if word.isupper() else word.lower())
    top = [forms[w] for w, c in counts.most_common(3) if c > 1 or len(papers) == 1][:2]
    name = " and ".join(top)
    return name[0].upper() + name[1:] if top else "Other work"


def compose_summary(topic: str, hits: list[Hit], vectors: np.ndarray, whole: bool = False) -> str:
    """An overview grouped by theme, oldest first within a theme, every paper cited."""
    numbers = {id(h): i for i, h in enumerate(hits, start=1)}
    scope = "" if whole else " on this area"
    count = "1 paper" if len(hits) == 1 else f"{len(hits)} papers"
    parts = [f"The record holds {count}{scope}. Overview by theme, oldest first:"]
    for group in themes(hits, vectors):
        members = sorted((hits[i] for i in group), key=lambda h: (h.paper.date is None, h.paper.date))
        name = theme_name([h.paper for h in members])
        parts.append(f"\n**{name}** ({len(members)} paper{'s' if len(members) > 1 else ''})")
        for hit in members:
            parts.append(f"- {_label(hit.paper)}: {cite(contribution(hit.paper), numbers[id(hit)])}")
    parts.append(f"\n_{EXTRACTIVE_NOTE}_")
    return "\n".join(parts)


PROJECT = [re.compile(rf"\b{noun}\s+(?:on|about|that|which|for|in)\s+(.+)", re.I)
           for noun in ("project", "(?:work|paper|system|tool)")]


def project_description(request: str) -> str:
    """The user's own project, as described in the request ("... for my project on X" -> "X")."""
    match = next((m for m in (p.search(request) for p in PROJECT) if m), None)
    text = match.group(1) if match else request
    return text.strip().rstrip(".?!")


def compose_related_work(request: str, hits: list[Hit]) -> str:
    """A related-work paragraph: each cited paper's contribution, then how the user's project differs."""
    project = project_description(request)
    ordered = sorted(enumerate(hits, start=1), key=lambda item: (item[1].paper.date is None, item[1].paper.date))
    sentences = [cite(contribution(hit.paper), number) for number, hit in ordered]
    body = " ".join(sentences)
    closing = f"In contrast to these works, our project focuses on {project}."
    return (f"**Related work (draft)**\n\nPrior work in this record has studied problems close to {project}. "
            f"{body} {closing}\n\n_{EXTRACTIVE_NOTE} Edit the positioning sentence to state your contribution._")
