"""Who is who in a record: author spellings merged into people, and the record's owner.

Exports spell one person several ways ("Martín-Martín", "Martín Martín", "Martin-Martin"; "Hal Daumé
III" and "Hal Daume III"; "Wasi Ahmad" and "Wasi Uddin Ahmad"). Counting co-authors, filtering by author
and deciding whose record it is all work on people, not strings. Names are compared with
`types.name_matches`; a name given only by initials ("Y. Wang") joins the most frequent person it can be,
so that "Yu Wang" and "Yi Wang" stay two people.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from assistant.types import (HAN_NAME, NAME_PARTICLES, STROKED, TYPO_FROM, Paper, initials_first, name_matches,
                             name_tokens, one_letter_less, surname_keys)

# the words of address before a surname ("Professor Jackson"): not part of another name
HONORIFICS = frozenset("dr doctor prof professor mr mrs ms miss mx sir dame".split())


@dataclass
class Person:
    name: str  # the spelling used most often (the longest, then accented forms, preferred on ties)
    variants: set[str] = field(default_factory=set)
    papers: int = 0  # papers listing any variant


def fold_chars(text: str) -> str:
    """Lower-cased text of the same length with accents dropped, so positions map back to the original."""
    return text.lower() if text.isascii() else "".join(map(_fold_char, text))


@lru_cache(maxsize=None)
def _fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFKD", ch.translate(STROKED)).encode("ascii", "ignore").decode()
    return (base[:1] or ch).lower()


def romanised(name: str) -> str:
    """A name in Chinese characters as pinyin writes it, given name first ("高春辉" -> "Chunhui Gao"), so that it
    meets the record's Latin spellings of the same person; any other name as it is."""
    if not HAN_NAME.fullmatch(name):
        return name
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(name)
    return f"{''.join(syllables[1:]).capitalize()} {syllables[0].capitalize()}"


class People:
    """The people of a record, with the owner (stated, or inferred from the author lines)."""

    def __init__(self, papers: list[Paper], stated_owner: str = "", owner_share: float = 0.6):
        spellings = Counter(a for p in papers for a in dict.fromkeys(p.authors) if name_tokens(a))
        full = sorted((s for s in spellings if len(name_tokens(s)[0]) > 1), key=lambda s: -spellings[s])
        initials = [s for s in spellings if len(name_tokens(s)[0]) == 1]
        people: list[Person] = []
        near: dict[str, set[int]] = {}  # a surname key, or one with a letter left out -> people (by index) with it
        latin = {s: romanised(s) for s in spellings}
        for spelling in full + sorted(initials, key=lambda s: -spellings[s]):
            keys = surname_keys(latin[spelling])
            looked = keys | {d for k in keys if len(k) >= TYPO_FROM for d in one_letter_less(k)}
            # the first person, in order, with a variant that matches: only those sharing a surname key can
            candidates = sorted({i for k in looked for i in near.get(k, ())})
            index = next((i for i in candidates if any(name_matches(latin[spelling], latin[v])
                                                       or name_matches(latin[v], latin[spelling])
                                                       for v in people[i].variants)), None)
            if index is None:
                index = len(people)
                people.append(Person(spelling))
            people[index].variants.add(spelling)
            for k in keys:
                for form in {k} | (one_letter_less(k) if len(k) >= TYPO_FROM else set()):
                    near.setdefault(form, set()).add(index)
        people = self._join_second_surnames(people, papers)
        person_of = {v: id(person) for person in people for v in person.variants}
        on_paper = Counter(who for p in papers for who in {person_of[a] for a in p.authors if a in person_of})
        for person in people:
            person.papers = on_paper[id(person)]
            # most used, then longest, then accented (fold_chars also lower-cases), then by letters: one choice
            person.name = max(person.variants, key=lambda v: (spellings[v], len(v), v.lower() != fold_chars(v), v))
        self.people = sorted(people, key=lambda p: -p.papers)
        self._by_spelling = {v: p for p in self.people for v in p.variants}
        self.owner: Person | None = None
        authored = sum(bool(p.authors) for p in papers)
        if stated_owner:
            self.owner = self.find(stated_owner) or Person(stated_owner, {stated_owner}, 0)
        elif self.people and authored and self.people[0].papers >= owner_share * authored:
            self.owner = self.people[0]
        if self.owner is not None and self.owner.papers:
            self._join_owner_forms(papers)

    def _join_owner_forms(self, papers: list[Paper]) -> None:
        """The owner under another given name on papers that list the owner under no other ("Shonn Cheng" on the one
        paper of Sheng-Lun Cheng's list that lacks "Sheng-Lun Cheng"): a person of the owner's surname and initial
        who never writes a paper with the owner is the owner. A relative or namesake who co-authors with the owner
        stays apart."""
        owner = self.owner
        keys = set().union(*(surname_keys(v) for v in owner.variants))
        initials = {t[0][0] for t in map(name_tokens, owner.variants) if len(t) > 1}
        owned = [any(a in owner.variants for a in p.authors) for p in papers]
        for person in [p for p in self.people if p is not owner]:
            forms = [name_tokens(v) for v in person.variants]
            if not all(len(t) > 1 and t[-1] in keys and t[0][0] in initials for t in forms):
                continue
            on = [i for i, p in enumerate(papers) if any(a in person.variants for a in p.authors)]
            if on and not any(owned[i] for i in on):
                owner.variants |= person.variants
                owner.papers += len(on)
                self.people.remove(person)
                self._by_spelling.update({v: owner for v in person.variants})

    @staticmethod
    def _join_second_surnames(people: list[Person], papers: list[Paper]) -> list[Person]:
        """One person written with and without a second surname ("Alejandro Reyes Muñoz", "Alejandro
        Reyes-Muñoz" beside "Alejandro Reyes", as Spanish and Portuguese names are cut short): the longer name is
        the shorter one and one more word, given name in full. Two people who write one paper together stay two."""
        by_spelling: dict[str, set[int]] = {}
        for i, p in enumerate(papers):
            for a in p.authors:
                by_spelling.setdefault(a, set()).add(i)
        on = {id(person): set().union(*(by_spelling.get(v, set()) for v in person.variants)) for person in people}
        by_form: dict[tuple[str, ...], list[Person]] = {}
        for person in people:
            for form in {tuple(name_tokens(v)) for v in person.variants}:
                by_form.setdefault(form, []).append(person)
        order = {id(person): i for i, person in enumerate(people)}
        joined: set[int] = set()
        for longer in sorted(people, key=lambda p: -len(on[id(p)])):
            forms = {tuple(name_tokens(v)) for v in longer.variants}
            candidates = [other for f in forms if len(f) >= 3 and len(f[0]) > 1 for other in by_form.get(f[:-1], ())
                          if other is not longer and id(other) not in joined and not on[id(other)] & on[id(longer)]]
            if candidates and id(longer) not in joined:
                shorter = min(candidates, key=lambda p: order[id(p)])  # the first in the list, as people are ranked
                shorter.variants |= longer.variants
                on[id(shorter)] |= on[id(longer)]
                for form in forms:
                    by_form.setdefault(form, []).append(shorter)
                joined.add(id(longer))
        return [person for person in people if id(person) not in joined]

    @property
    def owner_name(self) -> str:
        return self.owner.name if self.owner else ""

    def of(self, spelling: str) -> Person | None:
        return self._by_spelling.get(spelling)

    def find(self, name: str) -> Person | None:
        """The person a name as asked refers to (the one with most papers when several fit)."""
        exact = self._by_spelling.get(name)
        if exact:
            return exact
        for form in dict.fromkeys([name, initials_first(name)]):  # "Prajeesh A. G.", as a sidecar may name the owner
            found = next((p for p in self.people if any(name_matches(form, v) for v in p.variants)), None)
            if found:
                return found
        return None

    def is_owner(self, spelling: str) -> bool:
        return self.owner is not None and (spelling in self.owner.variants or name_matches(spelling, self.owner.name))

    @cached_property
    def owner_given_names(self) -> list[str]:
        """The owner's given names, written in full, that no one else in the record has."""
        def given_names(person: Person) -> set[str]:
            return {t[0] for t in map(name_tokens, person.variants) if len(t) > 1 and len(t[0]) > 2}

        shared = Counter(name for person in self.people for name in given_names(person))
        return sorted(name for name in given_names(self.owner) if shared[name] == 1) if self.owner else []

    @cached_property
    def name_forms(self) -> list[tuple[list[str], Person]]:
        """Each person's names as a question may write them, longest first (once per library): every spelling, and
        of a longer one its first and last names ("Adri Duin"), its names without initials ("Adri van Duin" for
        "Adri C. T. van Duin") and its names before a last surname's particle ("Carlos Denner" for "Carlos Denner
        dos Santos", as Portuguese and Spanish names are cut short)."""
        forms = []
        for person in self.people:
            for variant in person.variants:
                tokens = name_tokens(variant)
                forms.append((tokens, person))
                if len(tokens) > 2:
                    forms.append(([tokens[0], tokens[-1]], person))
                    unabbreviated = [tokens[0]] + [t for t in tokens[1:-1] if len(t) > 1] + [tokens[-1]]
                    if 2 < len(unabbreviated) < len(tokens):
                        forms.append((unabbreviated, person))
                    cut = next((i for i in range(2, len(tokens) - 1) if tokens[i] in NAME_PARTICLES), 0)
                    if cut and len(tokens[cut - 1]) > 1:
                        forms.append((tokens[:cut], person))
        return sorted(forms, key=lambda f: -sum(map(len, f[0])))

    @cached_property
    def surname_forms(self) -> list[tuple[Person, list[str]]]:
        """The surnames that stand for one person alone, each person's longest first (once per library): those no
        one else has, and all the owner's."""
        surnames = Counter(" ".join(t) for p in self.people for t in self._surnames(p))
        return [(person, tokens) for person in self.people
                for tokens in sorted(self._surnames(person), key=lambda t: (-len(t), t))
                if (surnames[" ".join(tokens)] == 1 or person is self.owner) and len("".join(tokens)) >= 3]

    @staticmethod
    def _surnames(person: Person) -> list[list[str]]:
        """The endings of a person's names that can stand for them alone: "taixe", "leal taixe"."""
        ends = []
        for variant in person.variants:
            tokens = name_tokens(variant)
            ends += [tokens[i:] for i in range(1, len(tokens))]
        return [list(t) for t in {tuple(e) for e in ends}]

    def mentions(self, question: str) -> list[tuple[int, int, Person]]:
        """People named in a question: full names in any spelling, or a surname no one else shares."""
        folded = fold_chars(question)
        found: list[tuple[int, int, Person]] = []

        def taken(start: int, end: int) -> bool:
            return any(s < end and start < e for s, e, _ in found)

        for tokens, person in self.name_forms:
            if tokens[-1] not in folded:  # each form ends in its surname as written: no need to look further
                continue
            # an initial stands for any given name with that letter: "S. Shkoller" is "Steve Shkoller", and a given
            # name may be asked as its initial: "M. Su" is "Ming Su"
            pattern = r"[\s.\-'’]+".join(
                re.escape(t) + r"(?:\.|[a-z'-]*)" if len(t) == 1 and i < len(tokens) - 1
                else rf"(?:{re.escape(t)}|{re.escape(t[0])}\.?)" if i < len(tokens) - 1 else re.escape(t)
                for i, t in enumerate(tokens))
            for m in re.finditer(rf"(?<![\w]){pattern}(?![\w])", folded):
                if not taken(m.start(), m.end()):
                    found.append((m.start(), m.end(), person))
        # a surname alone ("Daumé", "Leal-Taixé", "M. A. Roa"), if no one else has it, or if the record's owner
        # has it: "Ahrenkiel" in S. P. Ahrenkiel's record is he, not the R. K. Ahrenkiel of three papers
        for person, tokens in self.surname_forms:
            if tokens[-1] not in folded:
                continue
            surname = r"[\s.\-]+".join(re.escape(t) for t in tokens)
            for m in re.finditer(rf"(?<![\w])(?:\b[a-z]\.?[\s-]+){{0,3}}({surname})(?![\w])", folded):
                if m.start() > 0 and question[m.start(1)].isupper() and not taken(m.start(), m.end()) \
                        and not re.match(r"\s+[A-Z][a-z]", question[m.end():]):  # "Robinson Crusoe Island"
                    # with a given name before it that is one of the person's ("Tony Hosking" for Antony)
                    given = re.search(r"\b([a-z][a-z'-]+)\s+$", folded[:m.start(1)])
                    capitalised = given is not None and question[given.start(1)].isupper()
                    theirs = capitalised and any(name_matches(f"{given.group(1)} {m.group(1)}", v)
                                                 for v in person.variants)
                    # after a capitalised word mid-sentence that is not theirs: "the Port Jackson shark"
                    if capitalised and not theirs and m.start() == m.start(1) and given.group(1) not in HONORIFICS \
                            and re.search(r"\w[\s,;:'\"()]*$", question[:given.start(1)]):
                        continue
                    found.append((given.start(1) if theirs else m.start(), m.end(), person))
        # the owner's given name alone ("How many papers has Aryeh co-authored with ...")
        for given in self.owner_given_names:
            for m in re.finditer(rf"(?<![\w]){re.escape(given)}(?![\w])", folded):
                if m.start() > 0 and question[m.start()].isupper() and not taken(m.start(), m.end()) \
                        and not re.match(r"[\s.'’-]+[A-Z]", question[m.end():]):  # not "Aryeh Smith"
                    found.append((m.start(), m.end(), self.owner))
        return sorted(found, key=lambda f: f[0])
