"""Keyphrases of papers and groups of papers, from the record alone.

Candidates are runs of content words (English function words, numbers and
punctuation break a run), one to three words long, taken from titles and
abstracts; a paper's own system name is not a candidate. A phrase is matched by
its stemmed words, so "Client Selection" and "client selections" are one phrase.
Which phrases are generic is decided by document frequency over the papers given
as the corpus, never by a list of a field's words: a phrase that most papers
carry says nothing about any one group. Groups are labelled by a class-based
TF-IDF: how many of the group's papers carry the phrase and how often, times how
rare it is in the corpus and among the other groups.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from assistant.lexical import tokenize
from assistant.types import Paper

# English closed-class words (determiners, pronouns, prepositions, conjunctions, auxiliaries, modals,
# question words): grammar, never a field's vocabulary. They end a candidate phrase.
FUNCTION_WORDS = frozenset("""
a about above across after against all almost along also although always am among an and another any
are around as at be been before being below between both but by can cannot could did do does doing
done down during each either else enough even ever every few for from further had has have having he her
here hers herself him himself his how however i if in into is it its itself just less many may me might
more most much must my myself near neither no nor not now of off often on once one only onto or other
others otherwise our ours ourselves out over own per rather same several shall she should since so some
such than that the their theirs them themselves then there thereby therefore these they this those though
through throughout thus to too toward towards under unless until up upon us very via was we were what
whatever when where whereas whether which while who whom whose why will with within without would yet
you your yours yourself
""".split())
# After these a word is most often a verb ("we propose", "to improve", "it reaches"): it starts no phrase.
VERB_CONTEXT = frozenset("we it they which who that to can may might will would also then often first "
                         "further i not cannot could should must".split())
WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*|\d[\d.,]*%?|[^\sA-Za-z0-9]")
MAX_WORDS = 3
TITLE_WEIGHT = 2.0  # a phrase in a title counts this many times an occurrence in an abstract
TITLE_BONUS = 2.5  # a label is worth this much more when a member's title (or keyword list) carries it


@lru_cache(maxsize=65536)
def _stems(word: str) -> tuple[str, ...]:
    return tuple(tokenize(word))


def phrase_key(words: Sequence[str]) -> str:
    """Stemmed identity of a phrase: case, plural and inflection do not matter."""
    return " ".join(stem for word in words for stem in _stems(word))


def candidate_runs(text: str) -> list[list[str]]:
    """Maximal runs of content words in `text`, as written."""
    runs: list[list[str]] = []
    current: list[str] = []
    previous = ""
    for token in WORD.findall(text):
        lower = token.lower()
        is_word = token[0].isalpha() and lower not in FUNCTION_WORDS and len(token) > 1 \
            and not lower.endswith("ly") and previous not in VERB_CONTEXT
        if is_word:
            current.append(token)
        elif current:
            runs.append(current)
            current = []
        previous = lower if token[0].isalnum() else ""
    if current:
        runs.append(current)
    return runs


@dataclass(frozen=True)
class TextPhrases:
    """The candidate phrases of one text: counts by key, how each key was written, its lower-case words."""

    counts: Counter[str]
    forms: dict[str, Counter[str]]
    lowercase: frozenset[str]


@lru_cache(maxsize=8192)
def analyse(text: str) -> TextPhrases:
    """Every 1..3-word stretch of every run of content words in `text`, by key (cached: read, never modify)."""
    counts: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    lowercase: set[str] = set()
    for run in candidate_runs(text):
        lowercase.update(w for w in run if w.islower())
        stems = [_stems(w) for w in run]
        for size in range(1, MAX_WORDS + 1):
            for start in range(len(run) - size + 1):
                parts = [stem for word in stems[start:start + size] for stem in word]
                if parts and len(parts) <= MAX_WORDS + 1:  # "multi-agent" is one word, two stems
                    key = " ".join(parts)
                    counts[key] += 1
                    forms.setdefault(key, Counter())[" ".join(run[start:start + size])] += 1
    return TextPhrases(counts, forms, frozenset(lowercase))


def candidates(text: str) -> Counter[str]:
    """Phrase keys of every 1..3-word stretch of every run, with counts."""
    return Counter(analyse(text).counts)


@dataclass
class PaperPhrases:
    """The phrases of one paper: weighted counts, and which come from its title or keywords."""

    counts: Counter[str] = field(default_factory=Counter)
    in_title: set[str] = field(default_factory=set)


def _kept_case(word: str) -> bool:
    """An acronym or a name written with inner capitals ("LLM", "ImageNet", "SF-AM"), not "Fine-Tuning"."""
    return any(len(part) > 1 and (part.isupper() or any(c.isupper() for c in part[1:]))
               for part in word.split("-"))


class Keyphrases:
    """Phrase statistics over a corpus of papers, and labels for papers and groups of them.

    Args:
        corpus: the papers whose document frequencies say which phrases are generic (the whole
            record when the caller has it; else the papers being described).
    """

    def __init__(self, corpus: Sequence[Paper]):
        self._texts: list[TextPhrases] = []
        self._keywords: Counter[str] = Counter()
        self._cache: dict[int, PaperPhrases] = {}
        self._lowercase: frozenset[str] | None = None
        self.documents = max(1, len(corpus))
        self.df: Counter[str] = Counter()
        for paper in corpus:
            self.df.update(self.of(paper).counts.keys())

    def of(self, paper: Paper) -> PaperPhrases:
        """The paper's phrases (its system name left out: it names the paper, not its subject)."""
        cached = self._cache.get(id(paper))
        if cached is not None:
            return cached
        title = paper.title_after_name if len(paper.system_name.split()) <= 4 else paper.title
        title_text, abstract_text = analyse(title), analyse(paper.abstract)
        self._texts += [title_text, abstract_text]
        self._lowercase = None
        phrases = PaperPhrases(Counter({k: TITLE_WEIGHT * n for k, n in title_text.counts.items()}),
                               set(title_text.counts))
        phrases.counts.update(abstract_text.counts)
        for keyword in paper.keywords:
            key = phrase_key(keyword.split())
            if key:
                phrases.counts[key] += TITLE_WEIGHT
                phrases.in_title.add(key)
                self._keywords[keyword] += 1
        name = phrase_key(paper.system_name.split()) if paper.system_name else ""
        for key in [k for k in phrases.counts if name and (k == name or name in k.split())]:
            del phrases.counts[key]
        self._cache[id(paper)] = phrases
        return phrases

    def idf(self, key: str) -> float:
        """Rarity of a phrase in the corpus: near 0 for one that every paper carries."""
        return math.log((1 + self.documents) / (1 + self.df.get(key, 0))) + 0.1

    def generic(self, key: str) -> bool:
        """Whether more than half the corpus carries the phrase (judged only on four papers or more)."""
        return self.documents >= 4 and self.df.get(key, 0) > self.documents / 2

    def surface(self, key: str) -> str:
        """How the record writes a phrase: its most frequent form, lower-cased except acronyms and words the
        record never writes in lower case (names: "Drosophila", "English")."""
        forms: Counter[str] = Counter({k: n for k, n in self._keywords.items() if phrase_key(k.split()) == key})
        for text in self._texts:
            forms.update(text.forms.get(key, {}))
        if not forms:
            return key
        if self._lowercase is None:
            self._lowercase = frozenset().union(*(t.lowercase for t in self._texts))
        written = forms.most_common(1)[0][0]
        return " ".join(w if _kept_case(w) or w.lower() not in self._lowercase else w.lower()
                        for w in written.split())

    def rank(self, groups: Sequence[Sequence[Paper]]) -> list[list[tuple[str, float]]]:
        """For each group, its phrases by class-based TF-IDF, best first."""
        per_group = []
        for group in groups:
            coverage: Counter[str] = Counter()
            weight: Counter[str] = Counter()
            titled: set[str] = set()
            for paper in group:
                phrases = self.of(paper)
                coverage.update(set(phrases.counts))
                weight.update(phrases.counts)
                titled |= phrases.in_title
            per_group.append((coverage, weight, titled, len(group)))
        spread: Counter[str] = Counter()
        for coverage, *_ in per_group:
            spread.update(set(coverage))
        ranked = []
        for coverage, weight, titled, size in per_group:
            scores = []
            for key, covered in coverage.items():
                if size > 1 and covered < 2:
                    continue  # a group's label is shared by at least two of its papers
                if key not in titled and " " not in key:
                    continue  # a lone word from abstracts only is too often a verb or a filler
                share = covered / size
                score = share * (1 + math.log(weight[key])) if weight[key] >= 1 else share
                score *= self.idf(key) * math.log(1 + len(per_group) / spread[key])
                score *= (TITLE_BONUS if key in titled else 1.0) * (1 + 0.5 * (len(key.split()) - 1))
                if score > 0:
                    scores.append((key, score))
            ranked.append(sorted(scores, key=lambda item: (-item[1], item[0])))
        return ranked

    def label(self, ranked: list[tuple[str, float]], most: int = 2) -> str:
        """A readable label from ranked phrases: the best, plus one more that adds new words.

        Phrases that most of the corpus carries are passed over; "" when nothing else is left.
        """
        chosen: list[str] = []
        ranked = [(k, s) for k, s in ranked if not self.generic(k)]
        for key, score in ranked:
            words = set(key.split())
            if any(words & set(c.split()) for c in chosen):
                continue
            if chosen and score < 0.5 * ranked[0][1]:
                break
            chosen.append(key)
            if len(chosen) == most:
                break
        if not chosen:
            return ""
        text = ", ".join(self.surface(k) for k in chosen)
        return text[0].upper() + text[1:]

    def top(self, paper: Paper, n: int = 3) -> list[str]:
        """A paper's own keyphrases against the corpus, best first, none repeating another's words."""
        ranked = sorted(((k, c * self.idf(k) * (1.5 if k in self.of(paper).in_title else 1.0)
                          * (1 + 0.25 * (len(k.split()) - 1)))
                         for k, c in self.of(paper).counts.items()), key=lambda item: (-item[1], item[0]))
        chosen: list[str] = []
        for key, score in ranked:
            if score <= 0 or any(set(key.split()) & set(c.split()) for c in chosen):
                continue
            chosen.append(key)
            if len(chosen) == n:
                break
        return chosen


def term_vectors(papers: Sequence[Paper], phrases: Keyphrases) -> np.ndarray:
    """Unit-length TF-IDF vectors over single-word keys: a grouping signal when no embeddings are at hand."""
    vocabulary: dict[str, int] = {}
    rows = []
    for paper in papers:
        counts = {k: c for k, c in phrases.of(paper).counts.items() if " " not in k}
        rows.append(counts)
        for key in counts:
            vocabulary.setdefault(key, len(vocabulary))
    matrix = np.zeros((len(papers), max(1, len(vocabulary))), dtype=np.float32)
    for i, counts in enumerate(rows):
        for key, count in counts.items():
            matrix[i, vocabulary[key]] = (1 + math.log(count)) * phrases.idf(key) if count >= 1 else 0.0
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)
