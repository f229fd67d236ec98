"""BM25 over the same chunk texts as the dense index (local Chroma has no sparse index)."""

from __future__ import annotations

import re
from functools import lru_cache

import bm25s
import numpy as np
import Stemmer
from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS

from assistant.types import fold_accents

# A number written as a word ("twenty-one", "thousands"; not "one", too common to be a count)
UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
CARDINAL = (rf"(?:(?:twen|thir|for|fif|six|seven|eigh|nine)ty(?:[- ]{UNITS})?|(?:thir|four|fif|six|seven|eigh|nine)teen|"
            r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|hundreds?|thousands?|millions?|dozens?)")
# A length of time written as one word ("two-year", "12-week", "three-month-long", "decade-long", "multi-year"): how
# long a study ran, not its subject
TIME_UNIT = r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centur(?:y|ies))"
DURATION = rf"(?:(?:\d+|one|multi|{CARDINAL})-{TIME_UNIT}(?:-long|-old)?|{TIME_UNIT}-long)"

# The prepositions that begin or end a phrase ("time delays of | lensed quasars or supernovae", "his practice pointer")
PREPOSITIONS = "of|on|in|at|for|from|with|to|by|about|among|between|under|over|across|through|during|within"

TOKEN = re.compile(r"[^\W_]+(?:\.[0-9]+)?")  # letters of any script and digits
BRITISH = re.compile(r"\b([a-z]{3,}?)(is|ys)(e|es|ed|ing|ation|ations|er|ers)\b")
WORD = re.compile(r"[a-z]+")
BRITISH_OUR = re.compile(r"\b([a-z]{2,}?[bdglmnrv]|behavi|savi)our(s|al|ally|ed|ing|able|ably|ite|ites|ful|less|er|ers|ist|ists|hood|hoods)?\b")
STOPWORDS = frozenset(bm25s.stopwords.STOPWORDS_EN) | {"paper", "papers", "work", "works"}


# The chemical elements' symbols, for reading formulas however a record writes them ("CuInSe2", "CuInSe 2",
# "CuInSe <sub>2</sub>", "In 0.53 Ga 0.47 As").
ELEMENTS = """H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr Rb Sr Y
Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au
Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm Bk Cf Es Fm Md No Lr Rf Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts
Og""".split()
_SYMBOL = "|".join(sorted(ELEMENTS, key=len, reverse=True))
_SUBSCRIPT = r"\s*(?:<sub>\s*)?(?:\d+(?:\.\d+)?|[xyzδ]|1\s*[-−–]\s*[xyz])(?:\s*</sub>)?\s*"
# two or more symbols, each next one straight after the last or after its subscript
FORMULA = re.compile(rf"(?<![A-Za-z])(?:{_SYMBOL})(?:(?:{_SUBSCRIPT}|(?=[A-Z]))(?:{_SYMBOL}))+(?:{_SUBSCRIPT})?(?![a-z])")


def formula_terms(text: str) -> set[str]:
    """The chemical formulas the text writes, each as one term of its symbols ("ZnSe 1-x Te x": the term of
    "ZnSeTe"), so that a question writing "CuInSe2" or "InGaAs" finds the record's "CuInSe 2", "In 0.53 Ga 0.47 As"."""
    return {t for m in FORMULA.finditer(text) if (symbols := formula_symbols(m.group(0))) for t in tokenize(symbols)}


def formula_symbols(written: str) -> str:
    """A formula as its symbols alone ("ZnSe 1-x Te x": "ZnSeTe"), or "" when it is no formula: fewer than two
    symbols, or capitals alone (an acronym: "HIV", "COVID")."""
    if not re.search(r"[a-z\d]", written):
        return ""
    symbols = re.findall(_SYMBOL, re.sub(r"<[^>]*>|\d+(?:\.\d+)?|\b[xyzδ]\b", " ", written))
    return "".join(symbols) if len(symbols) >= 2 else ""


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def tokenize(text: str) -> list[str]:
    """Lower-cased, stop-word-free, Snowball-stemmed terms, irregular plurals as their singular; accents folded
    ("Klüver" -> kluver), sub- and superscript digits read as digits ("CsPbI₃" -> cspbi3), British -ise/-yse spellings read as -ize/-yze
    ("standardisation" and "standardization" are one term), -our as -or ("behavioural", "tumours",
    "labour") and the other British spellings as `american` reads them ("centre", "ageing")."""
    folded = _american_by_rule(fold_accents(text).lower())
    words = [singular(BRITISH_ENGLISH_SPELLINGS.get(w, w)) for w in TOKEN.findall(folded) if w not in STOPWORDS]
    return _stemmer().stemWords(words)


@lru_cache(maxsize=65536)
def singular(word: str) -> str:
    """A lower-case noun's singular where English makes its plural irregularly and only as a noun ("corpora" ->
    "corpus", "criteria", "nuclei", "mice", "children"), so that the stemmer meets one form; else the word (regular
    plurals stem alike; "data", "media" and "leaves" read two ways and stay)."""
    lemmas = _lemmas(word)
    nouns = lemmas.get("NOUN", ())
    return nouns[0] if len(nouns) == 1 and nouns[0] != word and len(lemmas) == 1 else word


def american(text: str) -> str:
    """Lower-case text with British spellings written the American way: -ise/-yse and -our by rule ("recognising"
    -> "recognizing", "behavioural" -> "behavioral"), the rest as breame's table has them ("centre" -> "center",
    "anaesthetic" -> "anesthetic", "ageing" -> "aging")."""
    return WORD.sub(lambda m: BRITISH_ENGLISH_SPELLINGS.get(m.group(0), m.group(0)), _american_by_rule(text))


def _american_by_rule(text: str) -> str:
    text = BRITISH.sub(lambda m: m.group(1) + m.group(2).replace("s", "z", 1) + m.group(3), text)
    return BRITISH_OUR.sub(r"\1or\2", text)


@lru_cache(maxsize=4096)
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """LemmInflect's lemmas of a (lower-case) word, by part of speech; empty for a word it does not know."""
    from lemminflect import getAllLemmas

    return getAllLemmas(word)


def word_classes(word: str) -> frozenset[str]:
    """The parts of speech English gives a word ("rely" -> VERB; "view" -> NOUN, VERB), from LemmInflect's
    lexicon; empty for a word it does not know (most of a field's jargon)."""
    return frozenset(_lemmas(word.lower()))


def verb_or_adverb_only(word: str) -> bool:
    """Whether English knows the word only as a verb or an adverb ("rely", "became", "around"): no thing's name."""
    kinds = word_classes(word)
    return bool(kinds) and kinds <= {"VERB", "ADV"}


def is_degree_form(word: str) -> bool:
    """Whether English uses the word only as an adjective's or adverb's comparative or superlative ("earlier",
    "larger", "newest"; not "recent", "lower", which is a verb too), from LemmInflect's lexicon."""
    lemmas = _lemmas(word.lower())
    return bool(lemmas) and set(lemmas) <= {"ADJ", "ADV"} and word.lower() not in lemmas.get("ADJ", (word.lower(),))


def is_base_verb(word: str) -> bool:
    """Whether English uses the word as a verb's base form ("apply", "draw"; not "applies", "platforms")."""
    return word.lower() in _lemmas(word.lower()).get("VERB", ())


def is_present_verb(word: str, before: str) -> bool:
    """Whether the word reads as a verb's -s form after its subject ("the patient reaches hospital"): a verb
    whose noun reading would be a plural, after a noun. A plural seldom qualifies the next noun, as a subject's
    verb precedes its object ("nuclear arms race" and "sports car" stay nouns)."""
    lemmas = _lemmas(word.lower())
    return word.lower().endswith("s") and "VERB" in lemmas and word.lower() not in lemmas.get("NOUN", (word.lower(),)) \
        and "NOUN" in word_classes(before)


class LexicalIndex:
    """BM25 scores for a fixed list of chunk ids, in memory (rebuilding is fast: ~1 s per 50k chunks)."""

    def __init__(self, ids: list[str], texts: list[str]):
        self.ids = list(ids)
        self.position = {chunk_id: i for i, chunk_id in enumerate(self.ids)}
        self.bm25 = bm25s.BM25(k1=1.2, b=0.75)
        if self.ids:
            self.bm25.index([tokenize(t) for t in texts], show_progress=False)

    def __len__(self) -> int:
        return len(self.ids)

    def scores(self, query: str) -> np.ndarray:
        tokens = [t for t in tokenize(query) if t in self.bm25.vocab_dict] if self.ids else []
        if not tokens:
            return np.zeros(len(self.ids), dtype=np.float32)
        return self.bm25.get_scores(tokens)

    def search(self, query: str, n: int, mask: np.ndarray | None = None) -> list[tuple[str, float]]:
        """(chunk id, BM25 score) pairs with a positive score, best first; `mask` keeps only True rows."""
        scores = self.scores(query)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        n = min(n, int((scores > 0).sum()))
        if n <= 0:
            return []
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.ids[i], float(scores[i])) for i in top]
