"""Does the record answer this question? Decided from the library itself, not from one question set.

Two signals, both relative to the library at hand:

- **How far above unrelated the question scores.** When a library is loaded, a fixed set of questions
  from unrelated walks of life (`data/probes.txt`) is asked of it. Their best cosine similarities
  describe what "unrelated" looks like in this library with this embedder. A question's best similarity
  is expressed as a robust z-score against them (median and MAD, so a few probes that happen to touch
  the record's field do not move the bar). Absolute cosines shift with the embedder, the field and the
  length of abstracts; the distance from the library's own noise floor does not.
- **Whether the passages cover what was asked.** The question's own terms (request wording such as
  "what", "paper", "approach" left out) are looked up in the best papers. A term the library never uses
  ("speech" in a record about text and images) means the record lacks that aspect of the question,
  however close the rest is; it is named in the answer ("The record has no paper on speech recognition;
  the closest are ...").

The levels (in z units) are settings, calibrated on one record and measured on others
(bench/README.md).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.lexical import (PREPOSITIONS, american, formula_terms, is_base_verb, is_degree_form, is_present_verb,
                               tokenize, verb_or_adverb_only, word_classes)
from assistant.retrieve import robust_scale
from assistant.types import Hit, Paper, any_work, fold_accents

PROBES = Path(__file__).parent / "data" / "probes.txt"
# Words after which the next but one is a verb ("can X shrink", "does it use"), not a name's first word
AUXILIARIES = frozenset("can could may might will would shall should must does do did".split())
PARTICLES = frozenset({"at", "into"})  # "look at", "look into" ("on" follows nouns too: "a lean on knees")
# what a gerund before them takes as its object: "turning a seasonal model into ..."
DETERMINERS = frozenset({"a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "each",
                         "every"})
# the kind of answer a question asks for, in one or two words before its verb: "on which workflow manager is it built?"
ANSWER_KIND = re.compile(r"\b(?:which|what)\s+((?:[a-z][\w-]*\s+)?[a-z][\w-]*)\s+(?:is|are|was|were|did|does|do|has|"
                         r"have|had)\b", re.I)
# the adverb of a phrasal verb, incidental with its verb ("came out of CASP15", "carried out", "set up")
VERB_ADVERBS = frozenset({"out", "up", "off", "down", "back", "away"})
# Endings that make a name's adjective or demonym ("Iraq"/"Iraqi", "South"/"Southern", "Italy"/"Italian" and
# "Europe"/"European" as stems "itali"/"italian" and "europ"/"european"): a question's term the record lacks is the
# record's term with or without one.
DERIVED = ("i", "n", "an", "ean", "ern", "es", "ese", "ic", "in", "ian", "ish")
# Demonym endings that take the place of a name's last vowel, with the endings they replace ("Mexico"/"Mexican",
# "Korea"/"Korean", "Canada"/"Canadian", "China"/"Chinese" as stems "china"/"chines"; not "indie"/"Indian"), or
# of a plural name's "-es" where the stemmer leaves it (a stem "...des" and its "...dean").
REPLACING = {"an": ("a", "o"), "ian": ("a", "y"), "es": ("a",), "ean": ("es",)}
# Prefixes of place, time and number that make one word of a question's term ("hospital": "prehospital",
# "operative": "postoperative", "annual": "interannual"): a paper using the longer word holds the term, as
# one writing "pre-hospital" does.
PREFIXED = ("pre", "post", "inter", "intra", "trans", "sub", "multi", "mid", "cross")
# Endings of one root's doctrine and its follower or adjective, which the stemmer leaves apart ("autism" and
# "autistic" as "autism" and "autist", "realism" and "realist"), and of a noun in "-sis" and its verb ("analysis"
# and "analyze" as "analysi" and "analyz", "hypothesis" and "hypothesize" as "hypothesi" and "hypothes").
SWAPPED = {"ism": "ist", "ist": "ism", "ysi": "yz", "yz": "ysi", "esi": "es", "es": "esi", "osi": "os", "os": "osi",
           "asi": "as", "as": "asi"}


def probe_questions() -> list[str]:
    lines = PROBES.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


class Levels(Protocol):
    """The answerability settings (see `Settings`)."""

    z_answer: float
    z_alone: float
    z_near: float
    cover_min: float
    standout: float
    unknown_max: float
    unknown_max_alone: float
    rare_zipf: float
    short_question: int


class ListRule(Protocol):
    """How an answer mode decides which papers are on the topic (see `Settings` and `Judge.on_topic`)."""

    sure: float
    share: float
    probe_z: float | None


@dataclass
class Verdict:
    status: str  # answered | near_miss | not_found
    z: float  # the best passage's similarity, in robust z units above the off-topic probes
    covered: float  # share of the question's terms found in the best paper
    lacking: str = ""  # the words of the question the record has nothing on, as asked
    hits: list[Hit] = field(default_factory=list)  # the papers to answer from (or the closest ones)


# examples given in brackets: "(e.g., primates, parrots, octopus)", "(such as X and Y)"
EXAMPLES = re.compile(r"\((?:e\.\s?g\.?|eg\.|for example|for instance|such as)[,:]?\s*([^()]*)\)", re.I)


class Judge:
    """The answerability judge of one library: its noise floor and its vocabulary."""

    def __init__(self, papers: list[Paper], probe_scores: np.ndarray, levels: Levels):
        self.papers = papers
        self.median, self.spread = robust_scale(np.asarray(probe_scores, dtype=np.float64).ravel())
        self.levels = levels
        self._families: dict[str, set[str]] = {}  # `family` of each term asked about, the vocabulary being fixed

    @cached_property
    def stems(self) -> dict[str, tuple[list[str], list[str]]]:
        """Each paper's stemmed terms in order: of its title and abstract, and of its keywords and venue."""
        return {p.paper_id: (tokenize(f"{p.title} {p.abstract}"), tokenize(f"{' '.join(p.keywords)} {p.venue}"))
                for p in self.papers}

    @cached_property
    def terms(self) -> dict[str, set[str]]:
        """Each paper's stemmed terms (title, abstract, keywords, venue), with the initials of the names it
        writes out ("United Kingdom": "uk", "Open Radio Access Network": "oran") and of those it hyphenates
        ("O-RAN": "oran"), and the chemical formulas and subscripted symbols it writes, each as one term."""
        return {p.paper_id: set(self.stems[p.paper_id][0]) | set(self.stems[p.paper_id][1])
                | initialisms(f"{p.title} {p.abstract} {' '.join(p.keywords)} {p.venue}")
                | {folded for folded, written in written_initialisms(p) if "-" in written}
                | formula_terms(f"{p.title} {p.abstract}")  # "In 0.53 Ga 0.47 As": the term of "InGaAs"
                | symbols_split(self.stems[p.paper_id][0])  # "J max", "V cmax": the terms of "Jmax", "Vcmax"
                for p in self.papers}

    @cached_property
    def in_passing(self) -> dict[str, set[str]]:
        """Each paper's terms that it writes only among examples in brackets ("A diverse array of animals has
        evolved the ability to use tools (e.g., primates, parrots, octopus, crabs, and wasps)"): what it names in
        passing, not what it is on."""
        found = {}
        for p in self.papers:
            text = f"{p.title} {p.abstract}"
            listed = " ".join(m.group(1) for m in EXAMPLES.finditer(text))
            if listed:
                found[p.paper_id] = set(tokenize(listed)) - set(tokenize(EXAMPLES.sub(" ", text))) \
                    - set(self.stems[p.paper_id][1])
        return found

    @cached_property
    def held(self) -> dict[str, set[str]]:
        """Each paper's terms but those it names only in passing: what `holds` looks in."""
        passing = self.in_passing
        return {pid: have - passing[pid] if pid in passing else have for pid, have in self.terms.items()}

    @cached_property
    def vocabulary(self) -> set[str]:
        return set().union(*self.terms.values()) if self.terms else set()

    @cached_property
    def shortened(self) -> dict[str, str]:
        """Each record term without one of the DERIVED endings -> that term ("iraq" -> "iraqi")."""
        out: dict[str, str] = {}
        for term in sorted(self.vocabulary):
            for ending in DERIVED:
                if term.endswith(ending) and len(term) - len(ending) >= 4:
                    out.setdefault(term[:-len(ending)], term)
        return out

    def canonical(self, terms: list[str]) -> list[str]:
        """The question's terms as the record writes them, where a term differs by a DERIVED, SWAPPED or REPLACING
        ending only, or is an initialism's plural the stemmer keeps ("CVs", "SNPs": "cvs", "snps" beside "cv", "snp")."""
        out = []
        for t in terms:
            if t not in self.vocabulary:
                plural = t.endswith("s") and not re.search(r"[aeiouy]", t[:-1]) and t[:-1] in self.vocabulary
                t = t[:-1] if plural else self.shortened.get(t) or self.derived_from(t) \
                    or next(iter(sorted((self.swapped(t) | self.replaced(t)) & self.vocabulary)), t)
            out.append(t)
        return out

    def derived_from(self, term: str) -> str | None:
        """The record's term that this one is with a DERIVED ending added ("colombia" of "colombian"), or None."""
        return next((term[:-len(e)] for e in DERIVED if term.endswith(e) and len(term) - len(e) >= 4
                     and term[:-len(e)] in self.vocabulary), None)

    def z(self, cosine: float) -> float:
        return (cosine - self.median) / self.spread

    def coverage(self, salient: list[str], paper: Paper, alternatives: list[list[str]] = ()) -> float:
        """The share of the question's terms the paper uses; of each group of `alternatives` ("apps, packages
        or workflows"), one will do."""
        if not salient:
            return 1.0
        grouped = {t for group in alternatives for t in group}
        single = [t for t in salient if t not in grouped]
        held = self.holds(paper, self.canonical(single)) \
            + sum(self.holds(paper, self.canonical(group)) > 0 for group in alternatives)
        return held / (len(single) + len(alternatives))

    def family(self, term: str) -> set[str]:
        """The term and the record's terms that differ from it by a DERIVED ending, either way ("iraq" and
        "iraqi"; "harmoni" and "harmon", as the stemmer leaves "harmony" and "harmonic"), by a SWAPPED one, by
        a REPLACING one for its last vowel ("mexico" and "mexican"), or by a PREFIXED beginning."""
        found = self._families.get(term)
        if found is None:
            longer = {term + e for e in DERIVED if term + e in self.vocabulary} \
                | {p + term for p in PREFIXED if len(term) >= 5 and p + term in self.vocabulary}
            shorter = {term[:-len(e)] for e in DERIVED if term.endswith(e) and len(term) - len(e) >= 4
                       and term[:-len(e)] in self.vocabulary}
            found = self._families[term] = {term} | longer | shorter | (self.replaced(term) | self.swapped(term)) \
                & self.vocabulary
        return found

    @staticmethod
    def replaced(term: str) -> set[str]:
        """The term with a REPLACING ending for the one it replaces, or that one for a REPLACING ending ("mexican":
        "mexica", "mexico"; "mexico": "mexican"; a stem "...des": "...dean")."""
        return {term[:-len(e)] + v for e, ends in REPLACING.items() if term.endswith(e) and len(term) - len(e) >= 3
                for v in ends} | {term[:-len(v)] + e for e, ends in REPLACING.items() for v in ends
                                  if term.endswith(v) and len(term) >= 3 + len(v)}

    @staticmethod
    def swapped(term: str) -> set[str]:
        """The term with its SWAPPED ending ("autist": "autism"), if it has one and a root of three letters or more."""
        return {term[:-len(end)] + other for end, other in SWAPPED.items()
                if term.endswith(end) and len(term) - len(end) >= 3}

    def never_uses(self, term: str) -> bool:
        """Whether the record uses the term nowhere, neither as it is nor with a DERIVED ending added."""
        return term not in self.vocabulary and term not in self.shortened

    def holds(self, paper: Paper, terms: list[str]) -> int:
        """How many of the terms the paper uses, in any of their DERIVED forms."""
        have = self.held.get(paper.paper_id, set())
        return sum(bool(self.family(t) & have) for t in terms)

    def judge(self, hits: list[Hit], salient: list[str], topic: str, depth: int = 3,
              presupposed: list[list[str]] = (), presupposed_text: list[str] = (), proper: list[str] = (),
              area: bool = False, alternatives: list[list[str]] = ()) -> Verdict:
        """answered / near_miss / not_found for a question whose retrieval gave these hits (best first).

        `presupposed` holds the terms of each thing the question takes a paper to be about ("her paper on
        X and Y"): each needs one of the best papers containing all its terms; for an `area` (a summary), any
        paper of the area, and without the everyday words the record never uses. `proper` holds the terms the
        question writes as names: one the record never uses ("Nigeria", "Arctic") means it lacks the subject,
        however close the rest is. Of each group of `alternatives` ("in blueberry or kiwi"), one is enough.
        """
        if not hits:
            return Verdict("not_found", float("-inf"), 0.0)
        asked = list(salient)
        # (a word written as a name is none: "Mars" is no verb in "which Mars rover observations")
        incidental = self.incidental(salient + [t for terms in presupposed for t in terms], topic) - set(proper)
        if len(incidental) < len(set(salient)):
            salient = [t for t in salient if t not in incidental]
        # In an area, a word the record never uses that is an everyday word ("life" in "existentialism in online
        # life") need not be in a paper; a specialist's word or a name must. (A paper asked about is another
        # matter: "his paper on sign language translation" needs "sign".)
        unused = [t for terms in presupposed for t in terms if self.never_uses(t)]
        everyday = set(unused) - set(self.specialised(unused, topic)) - set(proper) if area else set()
        presupposed = [[t for t in terms if t not in incidental and t not in everyday] or terms for terms in presupposed]
        # an alternative the record never uses is not missing when another of its group is used
        alternatives = [self.canonical(group) for group in alternatives]
        spare = {t for group in alternatives if any(a in self.vocabulary for a in group) for t in group}
        salient, proper = self.canonical(salient), self.canonical(list(proper))
        presupposed = [self.canonical(terms) for terms in presupposed]
        best = hits[:depth]
        levels = self.levels
        z = self.z(max(h.dense for h in best))
        holding = hits if area else best
        # of "X or Y" ("the mulatto category or light-skinned Black Americans"), one held by one of the best
        # papers is enough: the words of the other are not missing
        sides = self.sides(topic, salient)
        for side in sides:
            if any(self.holds(h.paper, side) == len(side) for h in best):
                spare |= {t for other in sides if other is not side for t in other}
        # A summary's sub-topics are put loosely: a paper of the area holding all but one of a longer one's terms
        # is on it ("interval distributions across the centuries"), and of three or more, one may be missing
        # ("cultural evolution: random drift, selection and transmission").
        spared = int(area and len(presupposed) >= 3)
        for terms, text in zip(presupposed, presupposed_text):
            needed = len(terms) - (area and len(terms) >= 3)
            # a paper described at length, in one everyday word its text does not use ("the paper on varying inoculum
            # dose to tell immune control apart from ..."), is the one nearest by far, as a paraphrase is, when that
            # word is all the whole question says that the record never does (not "his randomised trial of Tai chi
            # training for fall prevention" of a record that never says "randomised"); not a specialist's word or a
            # name
            if len(terms) > levels.short_question and z >= levels.z_alone:
                unsaid = [t for t in terms if self.never_uses(t)]
                elsewhere = [t for t in asked if self.never_uses(t) and t not in unsaid and t not in incidental]
                if len(unsaid) == 1 and not elsewhere and not set(unsaid) & set(proper) \
                        and not self.specialised(unsaid, topic):
                    needed = min(needed, len(terms) - 1)
            if not any(self.holds(h.paper, terms) >= needed for h in holding) and not set(terms) <= spare:
                if spared:
                    spared -= 1
                    continue
                status = "near_miss" if z >= levels.z_near else "not_found"
                # what the whole record never says ("underwater" of "cooperative control of autonomous underwater
                # vehicles"); else the whole of what was asked, each part of which some paper holds ("using fNIRS to
                # classify children with autism" of a record with an fNIRS paper and an autism paper)
                lacking = [t for t in terms if t not in self.vocabulary and t not in spare]
                phrase = lacking_phrase(text, lacking) or text
                return Verdict(status, z, 0.0, phrase, hits if status == "near_miss" else [])
        # a place the record names, put in the one paper the question describes, which does not name it ("in the
        # developmental milestones study, when did the bonobo infants at LuiKotale start walking?" of a study of
        # chimpanzees elsewhere): the premise joins two papers. Only a name right after "at", "in" or "from" (a
        # site): not "the Hölder class", a concept the paper may write in symbols
        # (or in the papers it describes, none of which names it: "his work on glacier mass balance in the
        # Himalaya" of a record whose glacier papers are on South America and Norway)
        described = [h.paper for h in hits if all(self.holds(h.paper, terms) == len(terms) for terms in presupposed)] \
            if presupposed else []
        described_ids = {p.paper_id for p in described}
        if not area and any(h.paper.paper_id in described_ids for h in best):
            byline = set(tokenize(" ".join(part for paper in described for part in [*paper.authors, paper.venue])))
            foreign = [t for t in proper if t in self.vocabulary and not any(self.holds(p, [t]) for p in described)
                       and t not in byline and not any(t in terms for terms in presupposed)]
            sites = [m.group(1) for m in re.finditer(r"\b(?:at|in|from)\s+(?:the\s+)?([A-Z][\w-]+)", topic)
                     if set(self.canonical(tokenize(m.group(1)))) & set(foreign)]  # as written: "LuiKotale"
            # or its people's adjective before a noun ("which Colombian rose greenhouses" of a study in the
            # Netherlands): a record word with a DERIVED ending on another record word ("Colombia")
            sites += [m.group(1) for m in re.finditer(r"(?<=[a-z,] )([A-Z][a-z]+)(?= [a-z])", topic)
                      if (t := tokenize(m.group(1))) and t[0] in foreign and self.derived_from(t[0])]
            if sites:
                return Verdict("near_miss", z, 0.0, " and ".join(presupposed_text[:1] + sites[:1]), hits)
        coverage = [self.coverage(salient, h.paper, alternatives) for h in best]
        covered = max(coverage)
        # the nearest paper among those covering enough of the question: one paper must be both near the question
        # and hold its terms, not one near it while another, far off, happens to hold the words
        z_covering = max((self.z(h.dense) for h, c in zip(best, coverage) if c >= levels.cover_min),
                         default=float("-inf"))
        unknown = [t for t in salient if t not in self.vocabulary and t not in spare]
        strange = len(unknown) / len(salient) if salient else 0.0
        # what the question says the researcher has ("his deep-learning dermoscopy classifier")
        # (to its first verb: "their offspring became flatter" says what the offspring did, not what they are)
        owned = " ".join(noun_phrase(m.group(1)) for m in re.finditer(r"\b(?:his|her|their)\s+((?:[\w-]+\s+){0,2}[\w-]+)",
                                                                      topic, re.I) if not any_work(m.group(1).split()[0]))
        # a compound there of words the record never uses, hyphenated ("his trapped-ion implementation"): one
        # specific thing, which the record lacks however common its parts are
        # (not who wrote it: "his co-authors")
        from assistant.understand import REQUEST_WORDS

        compound = [t for word in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)+", owned)
                    if len(parts := self.canonical(tokenize(word.replace("-", " ")))) >= 2
                    and not set(tokenize(word.replace("-", ""))) & REQUEST_WORDS
                    and not any(p in self.vocabulary or p in spare or p in REQUEST_WORDS for p in parts) for t in parts]
        if len(asked) <= levels.short_question:  # the question as asked, incidental words and all
            specialised = self.specialised(unknown, topic) + self.bound(unknown, topic) + self.unwritten(topic) \
                + unknown_run(unknown, topic)
        else:  # in a longer question, only the words of a thing it says the researcher has: a paraphrase may
            # describe a paper in rare words its abstract does not use; not "his papers catalogue ...", the record's own
            specialised = self.specialised(unknown, owned)
        specialised += [t for t in compound if t not in specialised]
        known = sum(t not in unknown and not self.ubiquitous(t) for t in salient)  # the field's own words say little
        # a name the record lacks decides alone, unless it is a name English uses every day and the question says more
        # than `short_question` other things the record knows: a paper described at length in other words ("...
        # watering restrictions in a Texas city ..."), not a device it never names ("... validating the Fitbit Charge")
        absent = [t for t in proper if t in unknown]
        unnamed = bool(absent) and (known <= levels.short_question or bool(self.specialised(absent, topic))) \
            or bool(specialised)
        if not unnamed and (z_covering >= levels.z_answer and strange <= levels.unknown_max
                            # (near without covering: not when the question names a thing the record never does,
                            # "minocycline", "radiocarbon", however near the rest; unless, as for a name English uses
                            # every day, it says more than `short_question` other things the record knows: a paper
                            # described at length in rarer words than its own, "expository", "steelmakers")
                            or z >= levels.z_alone and strange <= levels.unknown_max_alone and known >= 2
                            and not (known <= levels.short_question and self.unheard(unknown, topic))
                            or z >= levels.z_near and covered == 1.0 and not unknown
                            or covered == 1.0 and not unknown and self.specific(salient, alternatives)
                            or covered == 1.0 and not unknown and self.titled(salient, best)
                            # each of several things the question names is in a paper ("kelp forests, microplastics
                            # and oyster reefs"), though no one paper holds them all
                            or len(presupposed) >= 2 and z >= levels.z_near and strange <= levels.unknown_max):
            compound = self.unjoined(topic, asked) if not area and len(asked) <= levels.short_question else ""
            if not compound:
                return Verdict("answered", z, covered, hits=hits)
            status = "near_miss" if z >= levels.z_near else "not_found"
            return Verdict(status, z, covered, compound, hits if status == "near_miss" else [])
        top = max(best, key=lambda h: (self.coverage(salient, h.paper, alternatives), h.score))
        lacking_terms = [t for t in unknown if t in proper] or (specialised if unnamed else []) \
            or self.specialised(unknown, topic) or unknown \
            or [t for t in salient if t not in self.terms.get(top.paper.paper_id, set())]
        if z >= levels.z_near and covered > 0:
            return Verdict("near_miss", z, covered, lacking_phrase(topic, lacking_terms), hits)
        return Verdict("not_found", z, covered, lacking_phrase(topic, lacking_terms))

    def sides(self, topic: str, salient: list[str]) -> list[list[str]]:
        """The question's terms on each side of its one "or" ("Bayesian meta-analysis or Bayesian network
        meta-analysis"), when both sides hold some; else []."""
        wanted = set(self.canonical(list(salient)))
        sides = [[t for t in self.canonical(tokenize(side)) if t in wanted] for side in either(topic)]
        return sides if len(sides) == 2 and all(sides) else []

    def incidental(self, salient: list[str], topic: str) -> set[str]:
        """The question's terms the record never uses that English uses only as verbs or adverbs ("rely",
        "settle", "around": LemmInflect's lexicon), or only as comparatives and superlatives ("earlier", "larger").
        They say how the question is put ("which papers rely on strong lensing", "replicate an earlier model"),
        not what it is about, so a record without them lacks nothing. A word the lexicon
        also knows as a noun or an adjective ("speech", "view") unless a particle follows it ("look at"), one it
        does not know ("quantize"), and a gerund ("lensing", "drinking", often a field's noun) stays a subject term, unless
        it takes an object ("turning a seasonal model into ...")."""
        unknown = {t for t in salient if self.never_uses(t)}
        found = set()
        words = re.findall(r"[^\W\d_][\w']*", topic)
        verb = False  # the word before was an incidental verb
        for before, word, after in zip([""] + words, words, words[1:] + [""]):
            stems = tokenize(word)
            if len(stems) != 1 or stems[0] not in unknown:
                verb = False
                continue
            if participle_before_noun(before, word, after):  # "use federated learning": what is used, not a verb
                verb = False
                continue
            if word.lower().endswith("ing"):  # a gerund is a subject term, unless it takes an object as a verb does
                if after.lower() in DETERMINERS and "VERB" in word_classes(word):  # "turning a seasonal model into"
                    found.add(stems[0])
                verb = False
                continue
            kinds = word_classes(word)
            # a verb before its particle is one whatever else it may be ("studies that look at Cascadia")
            if verb_or_adverb_only(word) or kinds and ("VERB" in kinds and after.lower() in PARTICLES
                                                      or is_degree_form(word)) \
                    or verb and word.lower() in VERB_ADVERBS:
                found.add(stems[0])
                verb = "VERB" in kinds
            else:
                verb = False
        # the kind of answer asked for in everyday words ("on which workflow manager is it built?", "within which
        # initiative was it developed?"): the paper names the manager, not the words for it; a specialist's words
        # there are the subject ("what antimicrobial peptides has she designed?")
        kind = [t for m in ANSWER_KIND.finditer(topic) for t in tokenize(m.group(1)) if t in unknown]
        # and the things listed, with the verb they take ("which entries concern the tablets from Haft Tappeh?")
        listed = re.match(r"\s*(?:which|what)\s+([a-z]+s)\s+([a-z]+)\b", topic, re.I)
        if listed and "NOUN" in word_classes(listed.group(1)) and is_base_verb(listed.group(2)):
            kind += [t for t in tokenize(listed.group(1)) if t in unknown]
            found |= {t for t in tokenize(listed.group(2)) if t in unknown}
        return found | (set(kind) - set(self.specialised(kind, topic)))

    @cached_property
    def document_frequency(self) -> Counter:
        """How many of the record's papers use each term."""
        return Counter(t for have in self.terms.values() for t in have)

    def ubiquitous(self, term: str) -> bool:
        """Whether more than half the record's papers use the term: the field's own words ("student" in a
        record on mathematics education), which say nothing of whether it covers a question."""
        return self.document_frequency[term] * 2 > len(self.terms)

    def specialised(self, unknown: list[str], topic: str) -> list[str]:
        """The terms the record never uses that are a specialist's words, rare in general English
        ("schizophrenia", "transcranial"; Zipf frequency below `rare_zipf`, from wordfreq's small English list,
        which holds every word above Zipf 3). In a short question (at most
        `short_question` terms) such a word is the subject, and a record without it lacks the subject however
        close the rest is. Everyday words ("argues", "example") say nothing of the kind, and a long question
        describing a paper in other words (a paraphrase) may use rare words the abstract does not."""
        if not unknown:
            return []
        from wordfreq import zipf_frequency

        found = []
        for word in re.findall(r"[^\W\d_][\w'-]*", topic):
            stems = tokenize(word)
            if len(stems) == 1 and stems[0] in unknown and stems[0] not in found \
                    and max(zipf_frequency(spelling, "en", wordlist="small")  # "recognising" is rarer than
                            for spelling in (word, american(word.lower()))) < self.levels.rare_zipf:  # "recognizing"
                found.append(stems[0])
        return found

    def unheard(self, unknown: list[str], topic: str) -> list[str]:
        """The terms the record never uses whose words are not in wordfreq's small English list at all (it holds
        every word above Zipf 3) nor in LemmInflect's lexicon of English words: the name of one specific thing
        ("minocycline", "radiocarbon", "pluripotent"), which a record on it would use; not an adverb saying how
        ("meteorologically"), nor a rare word a paraphrase may use for the record's own ("pathogen", Zipf 3.2;
        "simulating", "nudging", "undemocratic", words of English's general lexicon), nor a word of another
        script, which an English list cannot judge."""
        from wordfreq import zipf_frequency

        return [t for t in self.specialised(unknown, topic)
                if any(tokenize(word) == [t] and not word.lower().endswith("ly") and fold_accents(word).isascii()
                       and not word_classes(word)
                       and max(zipf_frequency(w, "en", wordlist="small") for w in (word, american(word.lower()))) == 0
                       for word in re.findall(r"[^\W\d_][\w'-]*", topic))]

    def bound(self, unknown: list[str], topic: str) -> list[str]:
        """The terms the record never uses that qualify a word it does use, the two naming one thing ("human" in
        "human pose estimation", "minimum" in "minimum wage", "residential" in "residential segregation"): the
        record has the head word, not the thing named. Verbs and adverbs aside."""
        from assistant.understand import REQUEST_WORDS

        words = re.findall(r"(?<!\w)[^\W\d_][\w']*", topic)  # "3D" is no word "D"
        found = []
        for i, (word, head) in enumerate(zip(words, words[1:])):
            stems, heads = tokenize(word), tokenize(head)
            if len(stems) != 1 or stems[0] not in unknown or stems[0] in found or len(heads) != 1 or len(word) < 4:
                continue  # not a prefix written apart ("non-uniqueness")
            if verb_or_adverb_only(word) or i >= 1 and words[i - 1].lower() == "to" \
                    or i >= 2 and words[i - 2].lower() in AUXILIARIES or i >= 1 and is_present_verb(word, words[i - 1]):
                continue  # "can SLIMTAB shrink embedding tables", "to shrink tables": a verb
            clause = i + 2 < len(words) and words[i + 2].lower() in ("that", "how", "whether", "why", "what") \
                and "VERB" in word_classes(head)  # "a piece arguing that ...", "which piece argues that ..."
            if heads[0] in self.vocabulary and heads[0] not in REQUEST_WORDS and not self.ubiquitous(heads[0]) \
                    and not clause:
                found.append(stems[0])
        return found

    @cached_property
    def neighbours(self) -> set[tuple[str, str]]:
        """Each two terms the record writes next to each other (stop words aside), in either order."""
        found = set()
        for listed in self.stems.values():
            for terms in listed:
                found |= {pair for a, b in zip(terms, terms[1:]) for pair in ((a, b), (b, a))}
        return found

    def unjoined(self, topic: str, salient: list[str]) -> str:
        """The question's subject when it is one compound of three words or more ("query performance
        prediction") none of whose neighbouring words the record ever writes together, in either order ("the
        mortality of trees" writes "tree mortality"); "" otherwise. The record has the words, not the thing
        they name together. A run of words between punctuation and stop words is a compound when it holds
        all of the question's terms; request wording at its ends is no part of it, and a word that is no noun
        ends it ("newly discovered polyomaviruses" is no compound). (Two words are too often
        written apart by a record that is on them: "conversational systems" and "search".)"""
        from assistant.understand import REQUEST_WORDS

        terms = set(salient)
        if len(terms) < 2:
            return ""
        for chunk in re.split(r"[^\w\s'-]", topic):
            runs, run = [], []
            for word in re.findall(r"[^\W\d_][\w'-]*", chunk):
                stems, kinds = tokenize(word), word_classes(word)
                # nouns, and a field's words English does not know; "newly discovered polyomaviruses" is none
                if stems and (not kinds or "NOUN" in kinds):
                    run.append((word, stems))
                elif run:
                    runs, run = runs + [run], []
            for run in runs + [run]:
                while run and all(s in REQUEST_WORDS for s in run[0][1]):
                    run = run[1:]
                while run and all(s in REQUEST_WORDS for s in run[-1][1]):
                    run = run[:-1]
                sequence = [s for _, stems in run for s in stems]
                if len(run) >= 3 and terms <= set(sequence) \
                        and not any(pair in self.neighbours for pair in zip(sequence, sequence[1:])):
                    return " ".join(word for word, _ in run)
        return ""

    @cached_property
    def phrases(self) -> str:
        """The record's titles and abstracts, and each of its keywords ("bio-based"), as runs of stemmed terms, with
        spaces around and "|" between them."""
        keywords = [tokenize(k) for p in self.papers for k in p.keywords]
        return "|".join(f" {' '.join(written)} " for written in [w for w, _ in self.stems.values()] + keywords)

    def unwritten(self, topic: str) -> list[str]:
        """The terms of each compound with a prefix that is no word alone ("pre-exposure prophylaxis",
        "non-coding") that the record never writes, hyphenated, apart or as one word, though it uses each part:
        one thing the record lacks, not its parts. (Compounds of words, "step-by-step", "learning-based", say
        how as often as what.)"""
        from assistant.understand import REQUEST_WORDS

        found = []
        for m in re.finditer(r"\b[^\W\d_]+(?:-[^\W\d_]+)+\b", topic):
            prefix = m.group(0).split("-")[0]
            if word_classes(prefix) or prefix.isupper():  # "UK-only": a name, no prefix
                continue
            parts = tokenize(m.group(0).replace("-", " "))
            joined = tokenize(m.group(0).replace("-", ""))
            if joined and joined[0] in REQUEST_WORDS:  # "co-authors": who wrote it, not what it is about
                continue
            if len(parts) >= 2 and f" {' '.join(parts)} " not in self.phrases \
                    and not (joined and f" {joined[0]} " in self.phrases):
                found += [t for t in parts if t not in found]
        return found

    def specific(self, salient: list[str], alternatives: list[list[str]] = ()) -> bool:
        """Whether two or more terms of the question occur together in only a few papers (at most a third of
        the record): a paper holding them all is about the question even when the embedder, meeting a
        field's jargon ("non-prevocalic /r/"), finds it barely closer than unrelated questions. Takes the terms
        as `judge` has made them canonical; of each group of `alternatives`, one will do."""
        together = sum(self.coverage(salient, p, alternatives) == 1.0 for p in self.papers)
        units = len(set(salient) - {t for group in alternatives for t in group}) + len(alternatives)
        return units >= 2 and 0 < together <= max(1, len(self.terms) // 3)

    def titled(self, salient: list[str], best: list[Hit]) -> bool:
        """Whether the question's one term, used by few of the record's papers, is in the title of one of the best
        ("Which papers are about skuas?"): a title says what a paper is about, however weakly the embedder
        places the word."""
        return len(set(salient)) == 1 and not self.ubiquitous(salient[0]) and any(
            salient[0] in tokenize(h.paper.title) for h in best)

    def on_topic(self, hits: list[Hit], salient: list[str], mode: ListRule,
                 alternatives: list[list[str]] = (), parts: list[list[str]] = ()) -> list[Hit]:
        """The hits about the question themselves (for lists, summaries, related work).

        Retrieval has already dropped the papers far below the best (each mode's `keep`). Of the rest, a
        paper is on the topic when
        - the question names it, or
        - it is the best by fused score or by similarity alone (a paraphrase shares few words), or
        - it shares as many of the question's terms as the best-covering paper, or
        - its similarity stands out from the other candidates' (`standout`, robust z over this question's
          candidates: a record all in one field does not pass everything), or
        - its fused score is at least `mode.sure` of the best's and it shares at least `mode.share` of the
          terms the best-covering paper shares, or
        - (lists, where a missing paper costs more than a loosely related one) it is `mode.probe_z` above
          the off-topic probes, unless it holds only the question's terms that most of the record uses, or
        - (an area named in `parts`: "high-dimensional CLTs, Berry-Esseen bounds and concentration
          inequalities") it holds every term of one part.
        """
        if not hits:
            return []
        top = max(h.fused for h in hits) or 1.0  # a paper the question names is not the measure of the others
        cover = {id(h): self.coverage(salient, h.paper, alternatives) for h in hits}
        parts = [self.canonical(part) for part in parts]
        most = max(cover.values())
        closest = max(hits, key=lambda h: h.dense)
        # the field's own words ("groundwater" in a hydrologist's record) say nothing of which papers a list is
        # about: a paper near the question that holds them but none of the other terms asked is not on it
        canonical = self.canonical(salient)
        telling = [t for t in canonical if not self.ubiquitous(t)]

        def near(h: Hit) -> bool:
            return mode.probe_z is not None and self.z(h.dense) >= mode.probe_z and (
                len(telling) in (0, len(canonical)) or cover[id(h)] == 0 or self.holds(h.paper, telling) > 0)

        kept = [h for h in hits if h.boost or cover[id(h)] >= most or h.standout >= self.levels.standout or h is closest
                or h.fused >= mode.sure * top and cover[id(h)] >= mode.share * most or near(h)
                or any(self.holds(h.paper, part) == len(part) for part in parts)]
        return kept if hits[0] in kept else [hits[0]] + kept


NAME_RUN = re.compile(r"\b[A-Z][a-z]+(?:(?:\s+(?:of|and|for|the|on|in|&))*\s+[A-Z][a-z]+){1,5}\b")


# an initialism a paper writes in its text: three capitals or more, perhaps hyphenated ("STEMI", "O-RAN", "RCTs")
INITIALISM = re.compile(r"(?<![\w-])([A-Z](?:-?[A-Z]){2,7})s?(?![\w-])")


# verbs taking a method as their object ("use federated learning")
APPLYING = frozenset("use uses used using apply applies applied applying employ employs employed employing adopt adopts "
                     "adopted adopting".split())


def participle_before_noun(before: str, word: str, after: str) -> bool:
    """Whether a word ending in -ed is an adjective of the noun after it ("federated learning", "supervised
    classifiers"), not the verb of a clause ("papers that examined bias", "has he examined bias"): it follows a
    determiner, a preposition or a verb of applying a method ("use"), not a subject or an auxiliary."""
    kinds = word_classes(after)
    if not word.lower().endswith("ed") or not after or kinds and "NOUN" not in kinds:  # (a field's noun English
        return False  # does not know, "classifiers", is one)
    before = before.lower()
    return before in DETERMINERS - {"that"} or before in APPLYING or re.fullmatch(PREPOSITIONS, before) is not None


def noun_phrase(words: str) -> str:
    """The words up to the first that English uses only as a verb or adverb ("offspring became flatter": "offspring")."""
    kept = []
    for word in words.split():
        if verb_or_adverb_only(word):
            break
        kept.append(word)
    return " ".join(kept)


def unknown_run(unknown: list[str], topic: str) -> list[str]:
    """The terms of two or more words in a row that the record never uses, one thing it lacks however common each
    word is ("autism spectrum disorder"): a noun after the first, none a verb only ("bring packages" is no thing)."""
    found, run = [], []
    for word in re.findall(r"[^\W\d_][\w']*", topic) + [""]:
        stems, kinds = tokenize(word), word_classes(word) if word else frozenset()
        if len(stems) == 1 and stems[0] in unknown and not verb_or_adverb_only(word) \
                and (not run or not kinds or "NOUN" in kinds):
            run.append(stems[0])
            continue
        if len(run) >= 2:
            found += [t for t in run if t not in found]
        run = []
    return found


def symbols_split(stems: list[str]) -> set[str]:
    """A one-letter symbol joined to the short subscript after it, as text taken from a PDF or LaTeX writes it
    apart ("J max", "V cmax", "g op"): the term a question writing "Jmax" or "Vcmax" has."""
    return {a + b for a, b in zip(stems, stems[1:]) if len(a) == 1 and a.isalpha() and b.isalpha() and len(b) <= 4}


def written_initialisms(paper: Paper) -> list[tuple[str, str]]:
    """The initialisms the paper writes in its title, abstract and keywords: (folded, as written), "O-RAN" giving
    ("oran", "O-RAN")."""
    return [(written.replace("-", "").lower(), written)
            for written in INITIALISM.findall(f"{paper.title} {paper.abstract} {' '.join(paper.keywords)}")]


# short forms defined in brackets, one or two: "carbon fibre reinforced polymer (CFRP)", "carbon fibre and flax
# fibre reinforced polymer (CFRP and FFRP)"
DEFINED = re.compile(r"\(([A-Z][A-Za-z]{1,7})(?:\s+and\s+([A-Z][A-Za-z]{1,7}))?\)")


def defined_short_forms(text: str) -> dict[str, str]:
    """Each short form the text defines in brackets -> the words it stands for, the ones before the bracket whose
    initials spell it; of two defined together, the first shares the second's last words ("carbon fibre and flax
    fibre reinforced polymer (CFRP and FFRP)": CFRP is "carbon fibre reinforced polymer")."""
    found = {}
    for m in DEFINED.finditer(text):
        words = re.findall(r"[^\W\d_][\w-]*", text[:m.start()])
        last = m.group(2) or m.group(1)
        n = len(last)
        tail = words[-n:]
        if len(tail) < n or not spells(tail, last):
            continue
        found[last] = " ".join(tail)
        first = m.group(1) if m.group(2) else ""
        before = words[:-n]
        if not first or not before or before[-1].lower() != "and":
            continue
        for shared in range(len(first) - 1, 0, -1):  # the most words shared that still spell it
            head = before[-1 - (len(first) - shared):-1]
            if len(head) == len(first) - shared and spells(head + tail[-shared:], first):
                found[first] = " ".join(head + tail[-shared:])
                break
    return found


def spells(words: list[str], short: str) -> bool:
    """Whether the words' initials spell the short form: in any case when it is all capitals ("CFRP"), else as
    written ("RoB": "Risk of Bias")."""
    initials = "".join(w[0] for w in words)
    return initials.upper() == short if short.isupper() else initials == short


def initialisms(text: str) -> set[str]:
    """The initials of each run of capitalised words in the text, lower-cased, and of its parts between small
    words ("United Kingdom and the Open Radio Access Network": "ukoran", "uk", "oran"): what an acronym in a
    question may stand for."""
    found = set()
    for m in NAME_RUN.finditer(text):
        for run in [m.group(0)] + re.split(r"\s+(?:(?:of|and|for|the|on|in|&)\s+)+", m.group(0)):
            capitals = [w[0] for w in run.split() if w[0].isupper()]
            if len(capitals) >= 2:
                found.add("".join(capitals).lower())
    return found


def either(topic: str) -> list[str]:
    """The two phrases joined by the topic's one "or", each up to the nearest preposition ("time delays of lensed
    quasars or supernovae": "lensed quasars", "supernovae"); [] without exactly one "or"."""
    parts = re.split(r"\bor\b", topic)
    if len(parts) != 2:
        return []
    left = re.split(rf"\b(?:{PREPOSITIONS})\b", parts[0])[-1]
    right = re.split(rf"\b(?:{PREPOSITIONS})\b", re.sub(rf"^\s*(?:{PREPOSITIONS})\b", "", parts[1]))[0]
    return [left, right]


def lacking_phrase(topic: str, lacking: list[str]) -> str:
    """The run of the question's words around the terms the record lacks ("speech recognition")."""
    words = re.findall(r"[\w][\w'-]*", topic)
    stems = [tokenize(w) for w in words]
    marks = [any(s_ in lacking for s_ in s) for s in stems]  # "neutron-scattering" holds "scatter"
    if not any(marks):
        return ""
    from assistant.understand import REQUEST_WORDS

    content = [bool(s) and s[0] not in REQUEST_WORDS for s in stems]
    first = marks.index(True)
    start = first
    while start > 0 and content[start - 1]:
        start -= 1
    end = first
    while end + 1 < len(words) and content[end + 1]:
        end += 1
    return " ".join(words[start:end + 1])


# --- a contrast the question takes for granted, which the paper states the other way round ---------------------

# a question that takes its claim as given ("why did bold females copy while shy ones did not?"), not one asking
# whether it holds ("did bold females copy ...?")
# or one that reports it of a paper ("in the paper that found X, ...", "how did his study show that X?")
PRESUPPOSING = re.compile(r"(?<!\bon\s)(?<!\babout\s)(?<!\bof\s)"  # not "the paper on why and when ..."
                          r"\b(?:why|how come|what (?:explains|explained|caused|causes|led|made|drove|drives))\b"
                          r"|\b(?:paper|study|article|work|chapter)\s+(?:that|which)\s+(?:found|showed|reported|"
                          r"demonstrated|concluded)\b(?:\s+that\b)?"
                          r"|\b(?:paper|study|article|work|chapter)\s+(?:showing|finding|demonstrating|concluding)\b(?:\s+that\b)?"
                          r"|\bhow\s+(?:did|does|do)\s+[^?.!]*?\b(?:show|find|demonstrate|conclude)\s+that\b"
                          # a finding stated before the question: "His trial found that X. How large was that effect?"
                          r"|(?:^|[.!?]\s+)(?:his|her|their|the|this|that|in)\b[^?!.]*?\b(?:found|showed|reported|"
                          r"demonstrated|concluded)\s+that\b(?=[^?!]*?\.\s+\S)", re.I)
# the words that set two things against each other: after "but not" the lesser side; after a comparison ("than",
# "compared to") the side compared with; "while" and "whereas" leave it to which side is negated
CONTRAST = re.compile(r"\b(?:(but not)|(while|whereas)|(than|compared (?:to|with)|relative to|rather than|"
                      r"instead of|in contrast to|unlike))\b", re.I)
# (not "not only", "whether or not", "with and without")
NEGATION = re.compile(r"\b(?:(?<!\bor\s)not(?!\s+(?:only|just|merely)\b)|no|never|neither|nor|cannot|unable|"
                      r"fail(?:s|ed)?\s+to|avoid(?:s|ed|ing)?|(?<!\band\s)(?<!\bor\s)without|none)\b|n't\b", re.I)
CLAUSE_END = re.compile(r"[;:?!]|\.(?!\d)|,\s|\b(?:while|whereas|but|and then)\b")
# each comparative saying "more" with those saying its "less": "A less active than B" puts B first
COMPARATIVES = [("more", "less fewer rarer"), ("greater", "smaller lesser"), ("higher", "lower"), ("larger", "smaller"),
                ("stronger", "weaker"), ("better", "worse"), ("longer", "shorter"), ("faster", "slower")]
LESSER = frozenset(w for _, lesser in COMPARATIVES for w in lesser.split())
GREATER = frozenset(greater for greater, _ in COMPARATIVES)
# comparatives of time, which order two things without saying which is more
TIMING = [("earlier", "later"), ("sooner", "later")]


def comparative(word: str) -> bool:
    """Whether the (lower-case) word compares: "more", "fewer", "larger", "earlier"."""
    return word in LESSER | GREATER or is_degree_form(word)


@dataclass
class Contrast:
    """Two sides of a contrast: the terms said of the greater or affirmed one, and of the other; and of each, the
    terms naming the thing compared ("brown anoles" of "brown anoles laid more eggs than green anoles")."""

    first: set[str]
    second: set[str]
    first_named: set[str] = field(default_factory=set)
    second_named: set[str] = field(default_factory=set)


def contrasts(sentence: str) -> list[Contrast]:
    """Each contrast the sentence draws, as its affirmed (or greater) side's terms and the other's, each without the
    terms both share: "Excitability was related to GC activity in males but not in females" gives
    ({excit, relat, gc, activ, male}, {femal}). Sides run to the nearest clause break."""
    found = []
    marks = list(CONTRAST.finditer(sentence))
    for n, m in enumerate(marks):  # each side also stops at the next or previous contrast ("higher than A and
        start = marks[n - 1].end() if n else 0  # 8% higher than B")
        stop = marks[n + 1].start() if n + 1 < len(marks) else len(sentence)
        before, after = sentence[start:m.start()].rstrip(" ,;"), sentence[m.end():stop]
        breaks = list(CLAUSE_END.finditer(before))
        left = before[breaks[-1].end():] if breaks else before
        if n:  # after another contrast, its compared thing comes first: "than A and 8% higher than B"
            left = re.split(r"\band\b", left)[-1]
        end = CLAUSE_END.search(after)
        right = after[:end.start()] if end else after
        # the thing compared, before what is said of it ("brown anoles" of "brown anoles laid more eggs")
        said = next((w for w in re.finditer(r"[a-z]+", left.lower()) if comparative(w.group(0))), None)
        named = [set(tokenize(left[:said.start()] if said else left)), set(tokenize(right))]
        if m.group(2):  # "while" / "whereas": the negated side is the lesser one
            negated = bool(NEGATION.search(left)), bool(NEGATION.search(right))
            if negated[0] == negated[1]:
                continue
            if negated[0]:
                left, right = right, left
                named.reverse()
        elif re.match(r"\s*(?:about\s+|around\s+)?[\d.,%$€£]", right):
            continue  # a quantity ("more than 20%"), not a second thing
        elif m.group(3):
            words = set(re.findall(r"[a-z]+", before.lower()))  # "more active ..., in A compared to B"
            if m.group(3).lower() in ("compared to", "compared with", "relative to") \
                    and not any(comparative(w) for w in words):
                continue  # "the cost of A compared with B": two things, no claim which is more
            if words & LESSER and not words & GREATER:
                left, right = right, left  # "fewer in A than in B": B has more
                named.reverse()
        a, b = set(tokenize(left)), set(tokenize(right))
        if a - b and b - a:
            found.append(Contrast(a - b, b - a, named[0] - named[1], named[1] - named[0]))
    return found


# verbs of change, each against its opposites: "why did the clamps reduce the detected diversity?" of a paper whose
# clamps "increase detected diversity"
OPPOSED = [("increase raise rise", "decrease reduce lower diminish"), ("improve enhance", "worsen impair degrade"),
           ("promote", "inhibit suppress"), ("accelerate", "slow delay"), ("strengthen", "weaken"),
           ("expand", "shrink"), ("gain", "lose"), ("help benefit", "threaten harm hurt")]


@cache
def opposites() -> dict[str, set[str]]:
    """Each verb of OPPOSED (stemmed) -> the stems of its opposites."""
    found: dict[str, set[str]] = {}
    for one, other in OPPOSED:
        for a in tokenize(one):
            for b in tokenize(other):
                found.setdefault(a, set()).add(b)
                found.setdefault(b, set()).add(a)
    return found


def negated_spans(sentence: str) -> list[tuple[int, int]]:
    """Where the sentence negates something: from each negation to its clause's end ("does not require on-chip
    filters and heaters, thus ..." gives the stretch "not require on-chip filters and heaters")."""
    spans = []
    for m in NEGATION.finditer(sentence):
        end = CLAUSE_END.search(sentence, m.end())
        spans.append((m.start(), end.start() if end else len(sentence)))
    return spans


def directed(text: str, verbs: set[str]) -> list[tuple[str, set[str]]]:
    """Each verb of change in the text with the terms of what it changes: up to four after it ("increase detected
    diversity"), or before it ("alkalinity in the Baltic Sea decreased")."""
    terms = tokenize(text)
    return [(t, set(terms[max(0, i - 4):i] + terms[i + 1:i + 5])) for i, t in enumerate(terms) if t in verbs]


def contradicting(question: str, paper: Paper) -> str:
    """The sentence of the paper's title or abstract that states what the question takes as given ("why ...?", "what
    caused ...?") the other way round, or "":

    - a contrast reversed: "why was Excitability linked to GC activity in females but not in males?" against
      "... related to GC activity in males but not in females" (what the question puts on the lesser side, the
      sentence puts on the greater, and nothing it puts on the greater side is there too);
    - a change in the opposite direction: "why did the clamps reduce the detected diversity?" against "clamps ...
      increase detected diversity", where nothing says they reduce it;
    - a thing the paper says is not so: "why were on-chip heaters and filters needed?" against "does not require
      on-chip filters and heaters", when no part of the paper says it without the negation;
    - a direction reversed ("shifted equatorward" of "Poleward shift of ..."), or a share said to be most that the
      paper gives as "only about 25%";
    - a quality the paper found "less effective than anticipated";
    - a finding in all of some things the paper says held only in one ("significantly increased quitting in all
      three outcome scenarios" of "... only statistically significant in the worst-case scenario");
    - a thing the question says made no difference that the paper finds did ("why did having a regular physician
      make no difference to completing the series?" of "... having a regular physician (OR = 4.5) ... were more
      important for predicting completion");
    - a thing the paper says had no effect: "why did social cohesion, rather than shared expectations of social
      control, drive the rate of posted letters?" of "Social cohesion has no effect.";
    - and of any question asking how or what of a paper, a thing the paper says it did without (`done_without`).
    A question takes its claim as given when it asks why, or what caused it, or speaks of the paper that found it
    ("in the paper that found X, ...", "how did his study show that X?").
    """
    presupposed = PRESUPPOSING.search(question)
    if not presupposed:
        return done_without(question, paper)
    # the question's sentence that takes it as given, to its end: "Why is X so hard? What skill do Y reach?" takes
    # only "X is hard" as given
    start = max(question.rfind(mark, 0, presupposed.start()) for mark in "?!.") + 1
    end = re.search(r"[?!]|\.(?!\d)|$", question[presupposed.end():]).start() + presupposed.end()
    asked, claim = question[start:end], question[presupposed.end():end]
    from assistant.compose import split_sentences

    sentences = split_sentences(f"{paper.title}. {paper.abstract}")
    # a contrast or a share is read with the paper's short forms spelled out ("better damping of FFRP compared to
    # CFRP" of "why does carbon fibre damp better than flax fibre?"), and quoted as the paper writes it
    short = defined_short_forms(paper.abstract)
    readable = {re.sub(r"\b(" + "|".join(short) + r")\b", lambda m: short[m.group(1)], s) if short else s: s
                for s in sentences}
    spelled = list(readable)
    return readable.get(reversed_contrast(asked, paper, spelled), "") or opposite_compound(claim, sentences) \
        or readable.get(minority(asked, spelled), "") or (
        "" if NEGATION.search(claim) else opposed_change(claim, sentences) or opposite_direction(asked, sentences)
        or out_ranked(claim, sentences) or flipped_comparison(claim, sentences) or fell_short(claim, sentences)
        or denied(claim, sentences) or readable.get(no_effect(claim, spelled), "") or only_some(claim, sentences)) \
        or affirmed(claim, sentences) or had_effect(claim, sentences)


def reversed_contrast(question: str, paper: Paper, sentences: list[str]) -> str:
    asked = contrasts(question)
    if not asked:
        return ""
    terms = set(tokenize(question)) - LESSER - GREATER
    described = set(tokenize(paper.title))  # of several, the one sharing most of what the question says beyond these
    found = []
    for sentence in sentences:
        words = terms & set(tokenize(sentence))
        if len(words) < 3:  # the same matter, not a contrast elsewhere in the paper
            continue
        # what the question puts second is put first, and the sentence's second is the question's first, or a thing
        # the question does not name ("the smaller tanks" for "the jar") while its first is not the question's
        if any(claim.second & said.first and (claim.first & said.second
                                              or not terms & said.second and not claim.first & said.first)
               for said in contrasts(sentence) for claim in asked) \
                or any(outnumbered(sentence, claim.first_named & described, claim.second_named & described)
                       for claim in asked):
            found.append((-len(words - described), sentence))
    return min(found, default=(0, ""), key=lambda f: f[0])[1]  # the nearest the question


FIGURE = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.]*\d)")
YEAR_LIKE = re.compile(r"(?:1[89]|20)\d\d")


def outnumbered(sentence: str, greater: set[str], lesser: set[str]) -> bool:
    """Whether the sentence gives the figure of the thing a question says has more ("why did A lay more eggs than
    B?") below that of the other ("4.4 eggs/female/day for G. aculeifer and 6.9 for P. bituberosus"). Each thing's
    figure is the first number between the previous thing's mention and its own, else the first after its own."""
    greater, lesser = ({t for t in side if t.isalpha()} for side in (greater, lesser))  # names, not "2012"
    if not greater or not lesser or greater & lesser:
        return False
    mentions = []  # (where, which) for the first mention of each
    for which, named in ((0, greater), (1, lesser)):
        at = next((m for m in re.finditer(r"[^\W_][\w'-]*", sentence) if set(tokenize(m.group(0))) & named), None)
        if at is None:
            return False
        mentions.append((at.start(), at.end(), which))
    mentions.sort()
    values = {}
    for n, (start, end, which) in enumerate(mentions):
        before, after = ([f for f in FIGURE.findall(part) if not YEAR_LIKE.fullmatch(f)]  # a year is no figure
                         for part in (sentence[mentions[n - 1][1] if n else 0:start],
                                      sentence[end:mentions[n + 1][0] if n + 1 < len(mentions) else len(sentence)]))
        if before or after:
            values[which] = float((before or after)[0])
    return len(values) == 2 and values[0] < values[1]


# superlatives saying "the most" and "the least"
GREATEST = frozenset("largest highest greatest biggest strongest longest fastest most".split())
LEAST = frozenset("smallest lowest least weakest shortest slowest fewest".split())
MEASURE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(%|[^\W\d_]+)")  # a figure and its unit: "153 N", "28%"


def out_ranked(claim: str, sentences: list[str]) -> str:
    """The sentence whose figures put last what the question says is first: "why did Cylindropuntia bigelovii need
    the largest force?" of "... 153 N (older Opuntia ficus-indica), 51 N (young Opuntia ficus-indica), and 14 N
    (Cylindropuntia bigelovii)". The thing is what the question writes as a name before its superlative, named once
    in the sentence; its figure the one given beside its name, compared with the sentence's others in the same unit
    (three or more)."""
    words = re.findall(r"[^\W\d_][\w'-]*", claim)
    at = next((i for i, w in enumerate(words) if w.lower() in GREATEST | LEAST), None)
    if at is None:
        return ""
    most = words[at].lower() in GREATEST
    name = [w for w in words[1:at] if w[0].isupper()]  # written as a name, not the claim's first word
    if not name:
        return ""
    pattern = r"\b" + r"\W+".join(re.escape(w) for w in name) + r"\b"
    for sentence in sentences:
        mentions = list(re.finditer(pattern, sentence))
        figures = [m for m in MEASURE.finditer(sentence) if not YEAR_LIKE.fullmatch(m.group(1))]
        if len(mentions) != 1 or len(figures) < 3:
            continue
        mention = mentions[0]
        # given beside it: "14 N (Cylindropuntia bigelovii)", "Cylindropuntia bigelovii (14 N)", "... bigelovii: 14 N"
        before = [m for m in figures if m.end() <= mention.start()
                  and re.fullmatch(r"\s*[(:,]?\s*", sentence[m.end():mention.start()])]
        after = [m for m in figures if m.start() >= mention.end()
                 and re.fullmatch(r"\s*[(:,]?\s*", sentence[mention.end():m.start()])]
        own = before[-1] if before else after[0] if after else None
        if own is None:
            continue
        values = [float(m.group(1)) for m in figures if m.group(2).lower() == own.group(2).lower()]
        value = float(own.group(1))
        if len(values) >= 3 and (value == min(values) if most else value == max(values)) and len(set(values)) > 1:
            return sentence
    return ""


# the prefixes that make a word its opposite ("self-defocusing" of "self-focusing", "non-invasive" of "invasive")
NEGATING_PREFIXES = ("de", "un", "non", "dis", "anti", "in", "im", "ir", "il")
COMPOUND = re.compile(r"\b([a-z]+)-([a-z]+)\b")


def opposite_compound(claim: str, sentences: list[str]) -> str:
    """The sentence writing a compound of the question's with its second part negated by a prefix, where the
    paper never writes the question's own: "why do faticons appear only in the self-focusing regime?" of a paper
    on "the self-defocusing regime" (and the other way round); or a word of the question with such a prefix, where
    the paper never writes the word alone."""
    compounds = [(sentence, {m.groups() for m in COMPOUND.finditer(sentence.lower())}) for sentence in sentences]
    written = set().union(*(found for _, found in compounds))
    for first, second in {m.groups() for m in COMPOUND.finditer(claim.lower())}:
        if (first, second) in written:
            continue
        for sentence, found in compounds:
            for other in found:
                longer, shorter = sorted((other[1], second), key=len, reverse=True)
                if other[0] == first and longer != shorter and longer.endswith(shorter) \
                        and longer[:-len(shorter)].rstrip("-") in NEGATING_PREFIXES:
                    return sentence
    # a word of the question the paper writes only negated by a hyphenated prefix: "why does his preconditioner
    # advocate large, overlapping domains?" of "we advocate the use of small, non-overlapping domains"
    terms, text = set(tokenize(claim)), " ".join(sentences).lower()
    for word in set(re.findall(r"(?<![\w-])[a-z]{4,}(?![\w-])", claim.lower())):
        if re.search(rf"(?<![\w-]){word}\b", text):
            continue
        for sentence, found in compounds:
            if any(prefix in NEGATING_PREFIXES and rest == word for prefix, rest in found) \
                    and len(terms & set(tokenize(sentence))) >= 3:
                return sentence
    return ""


def opposed_change(claim: str, sentences: list[str]) -> str:
    table = opposites()
    changes = [(s, directed(s, set(table))) for s in sentences]
    for verb, changed in directed(claim, set(table)):
        said = [s for s, found in changes if any(v in table[verb] and len(changed & what) >= 2 for v, what in found)]
        same = any(v == verb and len(changed & what) >= 2 for _, found in changes for v, what in found)
        if said and not same:
            return said[0]
    return ""


# the directions a thing moves or lies in, each against its opposite
DIRECTIONS = [("poleward", "equatorward"), ("northward", "southward"), ("eastward", "westward"),
              ("upward", "downward"), ("inward", "outward"), ("upstream", "downstream"), ("uphill", "downhill")]


@cache
def reversed_ways() -> dict[str, str]:
    """Each direction of DIRECTIONS (stemmed) -> the stem of its opposite."""
    return {tokenize(w)[0]: tokenize(o)[0] for pair in DIRECTIONS for w, o in (pair, pair[::-1])}


def opposite_direction(asked: str, sentences: list[str]) -> str:
    """The sentence putting what the question moves one way the other way: "in the paper that found atmospheric
    rivers shifted equatorward, ..." of "Poleward shift of atmospheric rivers ...": it shares three of the
    question's other terms, and no sentence of the paper holds the question's own direction with as many."""
    terms, opposite = set(tokenize(asked)), reversed_ways()
    ways = terms & set(opposite)
    if not ways:
        return ""
    near = [(s, said) for s in sentences  # the sentences on the question's matter
            if len(terms & (said := set(tokenize(s))) - set(opposite)) >= 3]
    for way in ways:
        if not any(way in said for _, said in near):
            found = next((s for s, said in near if opposite[way] in said), "")
            if found:
                return found
    return ""


MOST = re.compile(r"\b(?:most|mostly|majority|mainly|largely|primarily|predominantly|bulk)\b", re.I)
SHARE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*%")
RATHER_THAN = re.compile(r"\b(?:rather than|instead of)\s+([^,;:?.!]+)", re.I)
ONLY_SHARE = re.compile(r"\bonly\s+(?:about\s+|around\s+|roughly\s+|approximately\s+|some\s+)?(\d+(?:\.\d+)?)\s*%", re.I)


def minority(asked: str, sentences: list[str]) -> str:
    """The sentence giving as a small share what the question says is most: "how did his study show that El Nino
    explains most of its year-to-year variability?" of "only about 25% of interannual variability ... can be
    attributed to ... El Nino": "only" and under half, in a sentence sharing three of the question's terms; or
    under half given to what the question says most had ("why did most of the trials have a low overall risk of
    bias?" of "... compared to 11.1% with a low overall risk of bias"), when no share over half is; or over half given
    to what the question says had less ("most of the variability lies at the neighborhood level rather than on street
    segments" of "58-69% of the variability ... can be attributed to street segments")."""
    if not MOST.search(asked):
        return ""
    terms = set(tokenize(asked))
    # what the question says had less ("most ... at the neighborhood level rather than on street segments")
    lesser = [set(tokenize(m.group(1))) for m in RATHER_THAN.finditer(asked)]
    whole = re.search(r"\bmost\s+of\s+((?:\S+\s+){0,3}\S+)", asked, re.I)  # "most of the variability of crime"
    shared = set(tokenize(whole.group(1))) if whole else set()
    for sentence in sentences:
        if len(terms & set(tokenize(sentence))) < 3:
            continue
        share = ONLY_SHARE.search(sentence)
        if share and float(share.group(1)) < 50:
            return sentence
        for m in SHARE.finditer(sentence):  # or over half given to that ("58-69% ... attributed to street segments")
            given_to = set(tokenize(" ".join(re.split(r"[,;:]", sentence[m.end():])[0].split()[:12])))
            if float(m.group(1)) > 50 and shared and shared <= given_to \
                    and any(side and side <= given_to for side in lesser) and not CONTRAST.search(sentence[m.end():]):
                return sentence
    given = []  # (share, sentence) of each share given to three terms or more of the question, all of what follows
    for sentence in sentences:
        for m in SHARE.finditer(sentence):
            after = tokenize(" ".join(sentence[m.end():].split()[:7]))
            if len(after) >= 3 and set(after) <= terms:
                given.append((float(m.group(1)), sentence))
    if given and all(share < 50 for share, _ in given):
        return given[0][1]
    return ""


ONLY = re.compile(r"\bonly\b", re.I)


def denied(claim: str, sentences: list[str]) -> str:
    if ONLY.search(claim):  # "why does X affect growth only above a threshold?": a paper saying
        return ""  # it does not below it agrees
    asked = set(tokenize(claim))
    spans = [negated_spans(sentence) for sentence in sentences]
    said = [outside(sentence, where) for sentence, where in zip(sentences, spans)]
    for sentence, where in zip(sentences, spans):
        if re.search(r"\b(?:yet|but|however|whereas|while|although|instead|rather)\b", sentence, re.I):
            continue  # what it negates is set against what it says instead ("X will not ...; yet, when ...")
        for start, end in where:
            negated = set(tokenize(sentence[start:end]))
            shared = asked & negated
            # most of what is negated is what the question asks about, and nothing says it without the negation
            if len(shared) >= 2 and 2 * len(shared) >= len(negated) and not any(shared <= terms for terms in said):
                return sentence
    return ""


def outside(sentence: str, spans: list[tuple[int, int]]) -> set[str]:
    """The terms of the sentence outside the spans it negates: what it affirms."""
    for start, end in reversed(spans):
        sentence = sentence[:start] + " " + sentence[end:]
    return set(tokenize(sentence))


def affirmed(claim: str, sentences: list[str]) -> str:
    """The sentence saying, unnegated, what the question says is not so: "why did his paper find that the Chebyshev
    approach cannot accelerate position-based dynamics?" of "... position-based dynamics can be accelerated by the
    Chebyshev approach as well". What the claim negates (two terms or more) is all in the sentence outside anything
    it negates, with a term of what the claim says it of ("the Chebyshev approach": the words since "that" before the
    negation; three negated terms when there are none); and no sentence negates two of those terms."""
    negation = NEGATION.search(claim)
    if not negation:
        return ""
    end = CLAUSE_END.search(claim, negation.end())
    if end and end.group(0).lower() == "but":  # "not randomly distributed but nano-segregated" says the latter
        return ""
    negated = set(tokenize(claim[negation.end():end.start() if end else len(claim)]))
    subject = set(tokenize(re.split(r"\bthat\b", claim[:negation.start()])[-1]))
    if len(negated) < (2 if subject else 3):
        return ""
    spans = [negated_spans(sentence) for sentence in sentences]
    if any(len(negated & set(tokenize(sentence[start:stop]))) >= 2
           for sentence, where in zip(sentences, spans) for start, stop in where):
        return ""
    for sentence, where in zip(sentences, spans):
        said = outside(sentence, where)
        if negated <= said and (not subject or subject & said) \
                and said_together(sentence, [{t} for t in negated] + [subject] * bool(subject)):
            return sentence
    return ""


def said_together(sentence: str, needed: list[set[str]]) -> bool:
    """Whether the sentence holds a term of each set within a stretch of three times as many words as there are
    sets: one statement, not terms scattered over a list ("we measured the viscosity of five melts: two basanites
    ..., one tephriphonolite" says nothing of measuring it near the glass transition)."""
    words = [set(tokenize(w)) for w in re.findall(r"[^\W_][\w'-]*", sentence)]
    width = 3 * len(needed)
    return any(all(any(w & terms for w in words[start:start + width]) for terms in needed)
               for start in range(max(1, len(words) - width + 1)))


BRACKETED = re.compile(r"\s*\(([^()]*)\)")


@cache
def reversed_comparisons() -> dict[str, set[str]]:
    """Each comparative of COMPARATIVES and TIMING -> its opposites."""
    found: dict[str, set[str]] = {}
    for one, others in COMPARATIVES + TIMING:
        for other in others.split():
            found.setdefault(one, set()).add(other)
            found.setdefault(other, set()).add(one)
    return found


# a thing found to fall short of what was expected of it ("proves less effective than anticipated")
FELL_SHORT = re.compile(r"\bless\s+([a-z]+)\s+than\s+(?:(?:was|had\s+been|we)\s+)?(?:anticipated|expected|hoped|predicted|"
                        r"assumed|thought|intended|planned)\b", re.I)


def fell_short(claim: str, sentences: list[str]) -> str:
    """The sentence saying that what the question calls so proved less so than expected: "why did her study find that
    computer vision methods trained on modern photographs transfer very effectively to print illustrations?" of "the
    transfer of knowledge from contemporary photographic data to historical etchings proves less effective than
    anticipated". The word (by its stem) is the claim's, said without "less", and three more of its terms are in the
    sentence."""
    if re.search(r"\b(?:less|fewer|not|no)\b", claim, re.I):
        return ""
    terms = set(tokenize(claim))
    for sentence in sentences:
        for m in FELL_SHORT.finditer(sentence):
            quality = set(tokenize(m.group(1)))
            if quality and quality <= terms and len((terms - quality) & set(tokenize(sentence))) >= 3:
                return sentence
    return ""


def flipped_comparison(claim: str, sentences: list[str]) -> str:
    """The sentence comparing what the question compares the other way: "why does GALAEXI need more energy than the
    reference CPU implementation?" of "GALAEXI requires less than half of the energy ... in comparison to the reference
    CPU implementation"; "why does the dry season over the Ohio River valley now arrive later?" of "... over the Ohio
    (Missouri) River valleys where the dry season now arrives up to 2-3 weeks earlier (later)" (what brackets give
    instead is set aside, unless the claim names it: "the Missouri River valley" arrives later). The sentence shares
    four of the claim's terms, one of them within five words (figures aside) of the opposite comparative, and no
    sentence sharing four says the claim's own."""
    table, terms = reversed_comparisons(), set(tokenize(claim))
    asked = set(re.findall(r"[a-z]+", claim.lower())) & set(table)
    named = terms - set(table)  # what the claim compares, its comparatives aside
    near = []  # the sentences on the claim's matter, brackets set aside, as their words
    for sentence in sentences:
        kept = sentence  # brackets set aside, unless the claim names what they give
        if not named & set(tokenize(" ".join(BRACKETED.findall(sentence)))):
            kept = BRACKETED.sub("", sentence)
        plain = re.findall(r"[^\W\d_][\w'-]*", kept.lower())  # words, not figures
        if len(terms & set(tokenize(" ".join(plain)))) >= 4:
            near.append((sentence, plain))
    for word in asked:
        if any(word in words for _, words in near):
            continue
        for sentence, words in near:
            for i, w in enumerate(words):
                if w in table[word] and terms & set(tokenize(" ".join(words[max(0, i - 5):i + 6]))):
                    return sentence
    return ""


# what a sentence says made no difference, by where it puts the thing that made none. Before the words: "Social
# cohesion has no effect", "X did not affect Y"; after them, what was unchanged before: "skin microbiota did not
# correlate with age", "Y was not affected by X"; or a comparison as a whole: "none of the differences are
# statistically significant"
NO_EFFECT_OF = re.compile(
    r"\b(?:has|had|have|having|showed|shows|show|exerts?|exerted)\s+(?:no|little)\s+(?:significant\s+|clear\s+|"
    r"detectable\s+|measurable\s+|discernible\s+|apparent\s+)?(?:effect|impact|influence|role)s?\b"
    r"|\b(?:did|does|do)\s+not\s+(?:significantly\s+)?(?:affect|influence|predict|matter|improve)\b", re.I)
NO_EFFECT_ON = re.compile(
    r"\b(?:did|does|do)\s+not\s+(?:significantly\s+)?(?:correlate|differ|vary|change)\b"
    r"|\b(?:was|were|is|are)\s+not\s+(?:significantly\s+)?(?:associated|related|correlated|linked|affected|"
    r"influenced|different)\b", re.I)
NO_DIFFERENCE = re.compile(
    r"\bno\s+(?:statistically\s+)?significant\s+(?:differences?|effects?|associations?|changes?|improvements?)\b"
    r"|\bnone\s+of\s+the\s+(?:differences|effects|associations)\s+(?:was|were|is|are)\s+(?:statistically\s+)?"
    r"significant\b", re.I)
# what bounds the clause of such a statement: a semicolon, or a word setting another clause against it
COUNTER_CLAUSE = re.compile(r";|\b(?:although|though|but|whereas|while|however|yet)\b", re.I)
# a clause's opening that links it to the one before ("In contrast, ...", "Overall, ...")
LINKING = re.compile(r"^\W*(?:in\s+contrast|by\s+contrast|however|overall|moreover|furthermore|in\s+addition|"
                     r"additionally|finally|also|thus|hence)\b,?", re.I)


def no_effect(claim: str, sentences: list[str]) -> str:
    """The sentence saying that what the question says made a difference made none: "why did social cohesion, rather
    than shared expectations of social control, drive the rate of posted letters?" of "Social cohesion has no
    effect."; "why did his meta-analysis conclude that directly observed therapy substantially improves cure
    rates?" of "... none of the differences are statistically significant". The thing said to make no difference
    and what it made none to are all the claim's terms (not "Irrigation had no effect on yields" of "why did
    fertiliser raise yields?", nor "blood pressure in younger patients was not affected" of older ones); a
    comparison said to make none as a whole shares three of the claim's terms. Not of a claim saying "only"."""
    if ONLY.search(claim):  # "why does rainfall affect yield only above a threshold?" agrees with "low rainfall
        return ""  # did not affect yield"
    # what the claim says made the difference, not what it says did not ("rather than manure")
    asked = set(tokenize(RATHER_THAN.sub("", claim))) - set(
        tokenize(" ".join(AUXILIARIES | {"is", "was", "are", "were", "has", "have", "had"})))
    for sentence in sentences:
        for pattern in (NO_EFFECT_OF, NO_EFFECT_ON, NO_DIFFERENCE):
            for m in pattern.finditer(sentence):
                start = max((b.end() for b in COUNTER_CLAUSE.finditer(sentence, 0, m.start())), default=0)
                after = COUNTER_CLAUSE.search(sentence, m.end())
                before = set(tokenize(LINKING.sub("", sentence[start:m.start()])))
                following = set(tokenize(sentence[m.end():after.start() if after else len(sentence)]))
                if pattern is NO_DIFFERENCE:
                    if len((before | following) & asked) >= 3:
                        return sentence
                elif before and before <= asked and following <= asked:
                    return sentence
    return ""


# what ends the thing "without" does without: a clause's end, a preposition, a relative word, or a participle taking
# an object ("without the Kalman filter using a recursive algorithm", "without any interaction with primary nodes")
WITHOUT_ENDS = re.compile(rf"[,;:.()]|(?:{PREPOSITIONS}|which|that|while|whereas|but)$", re.I)
WITHOUT = re.compile(r"(?<!\band\s)(?<!\bor\s)\bwithout\b", re.I)
# the subject of a question's verb, named with a determiner: "how much did the spectral filtering of the photons
# improve ...?" (not "what did his paper say about spectral filtering?")
USED_THING = re.compile(r"\b(?:did|does|do|was|were|is|are|has|have|had)\s+(?:the|its|their|this|that)\s+"
                        r"((?:[\w-]+\s+){0,3}[\w-]+)", re.I)
YES_NO = re.compile(r"\s*(?:did|does|do|is|was|were|are|has|have|had|can|could)\b", re.I)


def done_without(question: str, paper: Paper) -> str:
    """The sentence saying the paper did without what the question asks about as used: "how much did the spectral
    filtering of the quantum-dot photons improve the swapping fidelity?" of "... photons generated on demand by a
    GaAs quantum dot without spectral and temporal filtering". Two adjacent terms of what the question says did
    something (`USED_THING`) are both in what the sentence says it did without (up to five words, ending before a
    preposition or a participle taking an object), and no part of the paper names them outside a negation. Not of a question that negates anything
    itself, nor of one asking yes or no ("did he use spectral filtering?": "without" answers it)."""
    if NEGATION.search(question) or YES_NO.match(question):
        return ""
    from assistant.compose import split_sentences

    sentences = split_sentences(f"{paper.title}. {paper.abstract}")
    subject = USED_THING.search(question)  # what the question says did something: "did the spectral filtering ..."
    if not subject:
        return ""
    terms = tokenize(subject.group(1))
    pairs = {frozenset(pair) for pair in zip(terms, terms[1:]) if pair[0] != pair[1]}
    said = set().union(*(outside(s, negated_spans(s)) for s in sentences)) if sentences else set()
    for sentence in sentences:
        for m in WITHOUT.finditer(sentence):
            words, following = [], re.findall(r"[\w'-]+|[,;:.()]", sentence[m.end():])[:6]
            for word, then in zip(following, following[1:] + [""]):
                if WITHOUT_ENDS.fullmatch(word) or word.lower().endswith("ing") and then.lower() in DETERMINERS:
                    break
                words.append(word)
            words = words[:5]
            lacked = set(tokenize(" ".join(words)))
            if any(pair <= lacked and not pair <= said for pair in pairs):
                return sentence
    return ""


# what a claim says held for all of some things: "in all three outcome scenarios", "across every site"
IN_ALL = re.compile(r"\b(?:in|for|across|at|among|on)\s+(?:all|every|each|both)\s+((?:[\w-]+\s+){0,3}[\w-]+)", re.I)
# and a sentence saying it held only for one: "only statistically significant in the worst-case scenario"
ONLY_IN = re.compile(r"\bonly\b(?:\s+[\w-]+){0,4}?\s+(?:in|for|at|among|on)\s+(?:the\s+|one\s+|a\s+)?([^,.;:()]+)",
                     re.I)


def only_some(claim: str, sentences: list[str]) -> str:
    """The sentence saying that what the claim says held for all of some things held only for one: "why did the
    method significantly increase quitting in all three outcome scenarios?" of "... however, this was only
    statistically significant in the worst-case scenario". What follows "only ... in" names a thing the claim's
    "all" does, and what held only there is what the claim says held: its clause names nothing the claim does not
    before "only", and one of the claim's terms there or after "only"."""
    every = IN_ALL.search(claim)
    if not every:
        return ""
    things = {t for t in tokenize(every.group(1)) if not t.isdigit()}
    rest = set(tokenize(claim[:every.start()])) - things
    for sentence in sentences:
        for m in ONLY_IN.finditer(sentence):
            if re.search(r"\bnot\s+$", sentence[:m.start()], re.I) or not things & set(tokenize(m.group(1))):
                continue  # "not only in the Arctic"
            # what held only there is what the claim says held: the clause names nothing else before "only"
            # ("this was only statistically significant in ...", not "side effects occurred only in ...")
            start = max((b.end() for b in re.finditer(r"[,;]|\b(?:however|but|whereas|while|although)\b",
                                                       sentence[:m.start()], re.I)), default=0)
            said = set(tokenize(sentence[start:m.start()]))
            held = said | set(tokenize(sentence[m.start():m.start(1)]))
            if said <= rest and held & rest:
                return sentence
    return ""


# what a claim says made no difference, and to what: "having a regular physician made no difference to completing"
CLAIMED_NO_EFFECT = re.compile(r"\b(?:made|makes|make|had|has|have)\s+no\s+(?:significant\s+|real\s+)?(?:difference|"
                               r"effect|impact|influence)\s+(?:to|on|in|for)\b|\b(?:did|does|do)\s+not\s+(?:affect|"
                               r"influence|predict|change)\b", re.I)
# words saying a thing made a difference: "significantly predicted", "more important for predicting"
EFFECT_WORDS = re.compile(r"\b(?:predict\w*|important|significant(?:ly)?|associated|influenc\w*|affect(?:s|ed)|"
                          r"increas\w*|decreas\w*|reduc\w*|improv\w*|determin\w*|(?:more|less)\s+likely)\b", re.I)


def had_effect(claim: str, sentences: list[str]) -> str:
    """The sentence finding that what the question says made no difference made one: "why did her study find that
    having a regular physician made no difference to completing the three-dose series?" of "... enabling factors,
    such as having a regular physician (OR = 4.5) and income (OR = .74) were more important for predicting
    completion". The sentence names the thing and what it is said to make no difference to, with a word of effect,
    none of them negated; and no part of the paper negates either."""
    said = CLAIMED_NO_EFFECT.search(claim)
    if not said:
        return ""
    thing = set(tokenize(re.split(r"\bthat\b", claim[:said.start()])[-1]))
    outcome = set(tokenize(claim[said.end():]))
    if not thing or not outcome:
        return ""
    spans = [negated_spans(sentence) for sentence in sentences]
    if any((thing | outcome) & set(tokenize(sentence[start:stop]))
           for sentence, where in zip(sentences, spans) for start, stop in where):
        return ""  # the paper says it made none somewhere: "... but did not affect mortality"
    for sentence, where in zip(sentences, spans):
        affirmed_terms = outside(sentence, where)
        if thing <= affirmed_terms and outcome & affirmed_terms and EFFECT_WORDS.search(sentence):
            return sentence
    return ""
