"""Languages: the one each paper is written in, as py3langid (a maintained port of langid.py) reads its title and
abstract, and languages named in questions (langcodes' tables).

Only the languages wordfreq also knows are considered, so that a short English title is not taken for a language
of few speakers ("Add-on for preregistration forms" as Nigerian Pidgin). A paper the detector is unsure of (a
title of a few words and names) is put in the record's usual language: the one most of its confidently read papers
are in.
"""

from __future__ import annotations

from collections import Counter
from functools import cache, lru_cache

from assistant.types import Paper

# The detector's own normalised probability above which its reading of a paper is taken as it stands.
CONFIDENT = 0.9


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    from wordfreq import available_languages

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([code for code in available_languages() if code in identifier.nb_classes])
    return identifier


def detect(text: str) -> tuple[str, float]:
    """The text's language (an ISO 639-1 code) and the detector's probability for it."""
    code, probability = _identifier().classify(text)
    return code, float(probability)


def reading(paper: Paper) -> tuple[str, float]:
    """The paper's language and the detector's probability: its title's when that is confidently not English (a
    paper in Finnish may carry an English abstract; seldom the other way round), else its title's and abstract's."""
    code, probability = detect(paper.title)
    if code != "en" and probability >= CONFIDENT or not paper.abstract:
        return code, probability
    return detect(f"{paper.title}. {paper.abstract}")


def assign_languages(papers: list[Paper]) -> None:
    """Set `language` on each paper that has none yet."""
    unread = [p for p in papers if not p.language]
    if not unread:
        return
    readings = {id(p): reading(p) for p in unread}
    confident = Counter(p.language for p in papers if p.language) \
        + Counter(code for code, probability in readings.values() if probability >= CONFIDENT)
    usual = confident.most_common(1)[0][0] if confident else ""
    for p in unread:
        code, probability = readings[id(p)]
        p.language = code if probability >= CONFIDENT else usual or code


@lru_cache(maxsize=256)
def is_language(word: str) -> bool:
    """Whether the word names a language ("Portuguese", "Mandarin"), by langcodes' tables of language names."""
    import langcodes

    try:
        langcodes.find(word)
    except LookupError:
        return False
    return True


def language_code(name: str) -> str:
    """The ISO 639-1 code of a language named in English ("Dutch" -> "nl", "Mandarin" -> "zh"), or ""."""
    import langcodes

    try:
        found = langcodes.find(name)
    except LookupError:
        return ""
    # only a language's own English name (langcodes also finds names by looser matches: "The"), and one the
    # detector reads papers in
    code = langcodes.standardize_tag(found.language, macro=True)
    return code if name.lower() in found.display_name().lower().split() and code in _identifier().nb_classes else ""


def language_name(code: str) -> str:
    """A language's English name ("nl" -> "Dutch")."""
    import langcodes

    return langcodes.Language.get(code).display_name()
