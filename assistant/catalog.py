"""Exact answers from the paper table: counts, lists, dates, figures, authors, scores.

"How many papers came out in 2025?" or "Who wrote Nimbus?" has one right answer, and it sits in the
record's metadata (dates, categories, code flags, author lines, scores, the profile's figures). Vector
similarity cannot give it: retrieval returns the k passages nearest the question's wording, so it misses
papers when counting, cannot sort by date or score, and an abstract says nothing about its own date or
category. So these questions are answered here, by filtering and sorting the `Paper` list directly.

Design: hand-written regular expressions, no model, deterministic, pure functions.

1. `extract_filters` pulls the stated restrictions (years, months, categories, code, authors) out of a
   question and returns the rest as topical residue, which retrieval can use as well.
2. `answer_metadata` returns None as soon as that residue holds a word outside a small metadata
   vocabulary: the question has a topic ("Which papers with code are about LLM serving?") and needs
   retrieval. Otherwise it routes on keywords (profile figures, co-authors, breakdowns, score ranking,
   latest/earliest, lookups of a named paper, counts and lists) and writes a direct first sentence plus
   a list of the cited papers, each marked [n].
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from assistant.citations import quote_record_text
from assistant.compose import short_name
from assistant.languages import language_name
from assistant.people import People
from assistant.types import (CATEGORY_NAMES, MONTH_NAMES, Filters, Paper, Researcher, name_matches, normalise_title,
                             venue_key, venue_series)
from assistant.understand import Query, Reader, lookups_asked

FIGURES = [("h_index", r"\bh[- ]?index\b", "h-index"), ("citations", r"\bcitations?\b|\bcited\b", "citation count"),
           ("novelty", r"\bnovelty\b", "Novelty"), ("ai_score", r"\bai[- ]score\b", "AI Score"),
           ("primary_category", r"\bprimary\s+(?:arxiv\s+)?categor", "primary category")]
KIND_WORDS = {"article": "a journal article", "inproceedings": "a conference paper", "preprint": "a preprint",
              "book": "a book", "chapter": "a book chapter", "thesis": "a thesis", "report": "a report"}


def kind_plurals(kinds) -> list[str]:
    """The publication types in words, plural: "journal articles", "theses"."""
    words = [KIND_WORDS.get(k, k).removeprefix("a ").removeprefix("an ") for k in sorted(kinds)]
    return [w[:-2] + "es" if w.endswith("is") else w + "s" for w in words]


# "the longest author list", "the most co-authors", "the fewest authors"
TEAM_SIZE = re.compile(r"\b(?:most|largest|longest|biggest|(?P<few>fewest|shortest|smallest))\s+(?:number\s+of\s+|"
                       r"(?:list|line)\s+of\s+)?(?:co-?)?author(?:s\b|\s+(?:list|line)s?\b)")
YES_NO = re.compile(r"^\s*(?:did|does|do|has|have|is|are|was|were)\b", re.I)


@dataclass
class MetadataAnswer:
    text: str
    papers: list[Paper] = field(default_factory=list)  # the cited papers, in the order of their [n] markers


def extract_filters(question: str, papers: list[Paper], *, owner: str = "") -> tuple[Filters, str]:
    """Filters stated in the question, and the question with those phrases removed (see `understand`)."""
    parsed = Reader(papers, Researcher(name=owner) if owner else None).parse(question)
    return parsed.filters, parsed.residual


def answer_metadata(question: str, papers: list[Paper], researcher: Researcher | None = None, *,
                    owner: str = "") -> MetadataAnswer | None:
    """An exact answer from the paper table, or None when the question needs retrieval."""
    if owner and not (researcher and researcher.name):
        researcher = Researcher(name=owner)
    reader = Reader(papers, researcher)
    query = reader.read(question)
    if query.intent != "metadata":
        return None
    return answer_query(query, papers, researcher, reader.people)


def answer_query(query: Query, papers: list[Paper], researcher: Researcher | None, people: People,
                 copies: dict[str, int] | None = None) -> MetadataAnswer | None:
    """The exact answer to a metadata question over these papers, or None when no route fits it. `copies`: for
    each paper title, how many of the sources' records were merged into it as its copies (said with a count, to
    someone who counted the file's entries)."""
    ctx = _Context(query.text.lower(), query, papers, query.named, researcher, people, copies or {})
    for route in (_figures, _team, _coauthors, _breakdown, _ranked, _lookup, _count_or_list):
        if (answer := route(ctx)) is not None:
            return answer
    return None


# --- routes: each returns an answer, or None to let the next one try --------------------------------------


@dataclass
class _Context:
    q: str  # the question, lower-cased
    query: Query
    papers: list[Paper]
    named: list[Paper]
    researcher: Researcher | None
    people: People
    copies: dict[str, int] = field(default_factory=dict)  # title -> copies merged into that paper

    def copies_note(self, papers: list[Paper], whole: bool) -> str:
        """"The sources list 13 entries for these: 3 are copies of another entry, counted once." for these papers
        ("Its sources list ..." for the `whole` record), or "" when none had copies: the number someone who counted
        the file's entries expects beside the one given."""
        extra = sum(self.copies.get(p.title, 0) for p in papers)
        if not extra:
            return ""
        listed = f"Its sources list {len(papers) + extra} entries" if whole \
            else f"The sources list {len(papers) + extra} entries for these"
        return f"{listed}: {extra} {'is a copy' if extra == 1 else 'are copies'} of another entry, counted once."

    @property
    def owner(self) -> str:
        return self.people.owner_name

    def selected(self) -> list[Paper]:
        extra = self.query.authors[1:]
        return sorted((p for p in self.papers if self.query.filters.allows(p)
                       and all(any(name_matches(a, name) for name in p.authors) for a in extra)),
                      key=lambda p: p.date or date.min, reverse=True)

    def describe(self) -> str:
        return _describe(self.query.filters, self.query.authors)

    def number(self) -> int | None:
        return self.query.number


def _without_names(question: str, papers: list[Paper]) -> str:
    """The question without the runs of two or more of its words that a paper's title holds."""
    words = question.split()
    titles = [f" {normalise_title(p.title)} " for p in papers]
    keep = [True] * len(words)
    for i in range(len(words)):
        for j in range(len(words), i + 1, -1):
            run = normalise_title(" ".join(words[i:j]))
            if len(run.split()) >= 2 and any(f" {run} " in t for t in titles):
                keep[i:j] = [False] * (j - i)
                break
    return " ".join(w for w, k in zip(words, keep) if k)


def _figures(ctx: _Context) -> MetadataAnswer | None:
    q = _without_names(ctx.q, ctx.named)  # "the Software Citation Station paper" asks no citation count
    asked = [(attr, label) for attr, pattern, label in FIGURES if re.search(pattern, q)]
    if not asked:
        return None
    r = ctx.researcher
    present = [f"{label} is {getattr(r, attr)}" for attr, label in asked if r and getattr(r, attr) not in (None, "")]
    missing = [label for attr, label in asked if not (r and getattr(r, attr) not in (None, ""))]
    who = (r.name if r and r.name else ctx.owner) or "The researcher"
    parts = [f"{who}'s " + " and ".join(present) + "."] if present else []
    if missing:
        parts.append(f"The {' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} not stated in the record.")
    if any(a == "citations" for a, _ in asked) and (ctx.named or re.search(r"\bpapers?\b|\beach\b|\bper\b", ctx.q)):
        parts.append("The record gives no per-paper citation counts.")
    return MetadataAnswer(" ".join(parts), [])


# What asks for the co-authors a researcher works with most, not all of them
MOST_OFTEN = (r"\bmost\b|\bfrequent|\btop\b|\bmain\b|\bclosest\b|\bregular|\bkey\b|\bleading\b|\boften\b|\bmore\s+than\b"
              r"|\bonce\b|\btwice\b|\bagain\b|\brepeatedly\b|\bseveral\b|\bmultiple\b|\bmany\b|\bbiggest\b")


def _coauthors(ctx: _Context) -> MetadataAnswer | None:
    together = (r"\bco-?authors?\b|\bco-?authored\b|\bcollaborat|\bwhom?\b[^?]*\bwith\b|\bwith\s+whom\b"
                r"|\bwith\s+(?:anyone|anybody|someone|somebody|others?)\b[^?]*\b(?:more\s+than\s+once|twice|again|"
                r"repeatedly|often)\b")  # "has he written with anyone more than once?"
    if not re.search(together, ctx.q) or ctx.query.filters.authors_count is not None:
        return None  # "papers without any co-authors", "with one co-author": a list of papers
    authors = ctx.query.authors
    if (authors or ctx.query.filters.first_author or ctx.query.filters.last_author) \
            and not re.search(r"\bwho\b|\bmost\b|\bfrequent|\btop\b", ctx.q):
        return None  # "Which papers did X co-author?" asks for a list of papers
    selected = ctx.selected()
    if (ctx.named or len(selected) == 1) and not re.search(r"\bmost\b|\bfrequent|\btop\b", ctx.q):
        return None  # "the co-authors of the X paper", "who co-wrote the Y journal paper": its author line (_lookup)
    subject = ctx.people.find(authors[0]) if authors else ctx.people.owner
    counts: Counter[str] = Counter()
    names_of = {}  # each paper's people, once each whatever the spelling, in author-line order
    for paper in selected:
        names_of[paper.paper_id] = names = dict.fromkeys(ctx.people.of(a).name if ctx.people.of(a) else a
                                                         for a in paper.authors)
        counts.update(n for n in names if not (subject and n == subject.name))
    # (all those tied for the most, when nobody shares two papers with the researcher)
    top = [(a, n) for a, n in counts.most_common(10) if n >= 2] or [(a, n) for a, n in counts.most_common() if n == 1]
    who = subject.name if subject else ""
    if not top:
        return MetadataAnswer(f"The record lists no co-authors{' of ' + who if who else ''}.", [])
    if not re.search(MOST_OFTEN, ctx.q):  # "who are his co-authors?": all of them, and the papers they share
        shared = [p for p in selected if any(not (subject and n == subject.name) for n in names_of[p.paper_id])]
        lead = (f"{who or 'The researcher'} has {len(counts)} co-author{'s' if len(counts) != 1 else ''} in the "
                f"record, on {len(shared)} of {len(selected)} paper{'s' if len(selected) != 1 else ''}:")
        return MetadataAnswer(f"{lead}\n\n{_counts(counts.most_common())}\n\nThe papers with co-authors:\n\n"
                              f"{_lines(shared, authors=True)}", shared)
    tied = [a for a, n in top if n == top[0][1]]
    lead = (f"{who + chr(39) + 's' if who else 'The'} most frequent co-author in the record is {top[0][0]} "
            f"({top[0][1]} paper{'s' if top[0][1] > 1 else ''}).") if len(tied) == 1 else \
        (f"{len(tied)} co-authors share the most papers with {who or 'the researcher'} ({top[0][1]} each): "
         f"{', '.join(tied)}.")
    cut = sum(p.authors_truncated for p in selected)
    note = (f"\n\nCounts come from the author lines as printed; {cut} of the {len(selected)} end in \"et al.\" and are "
            "truncated, so these counts are lower bounds.") if cut else ""
    if len(tied) > 3:
        return MetadataAnswer(lead + "\n\n" + _counts(top) + note, [])
    # the most frequent co-authors' papers with the researcher (of a few tied, each one's), as a count per venue
    # lists its papers
    shared = {name: [p for p in selected if name in names_of[p.paper_id]] for name in tied}
    cited = list({p.paper_id: p for papers in shared.values() for p in papers}.values())
    lists = "".join(f"\n\nWith {name}:\n\n{_lines(papers, cited=cited)}" for name, papers in shared.items())
    return MetadataAnswer(f"{lead}\n\n{_counts(top)}{note}{lists}", cited)


# what a breakdown counts the papers without the field under
UNGIVEN = {"no venue given", "uncategorised", "type not given", "undated"}


def _venue_groups(papers: list[Paper]) -> Counter:
    """Papers per venue, the editions of one series together: "CCC (2020, 2022, 2023)" for three proceedings
    volumes, a venue written two ways under its commoner spelling."""
    series: dict[str, list[Paper]] = {}
    for paper in papers:
        series.setdefault(venue_series(paper.venue) if paper.venue else "", []).append(paper)
    groups = Counter()
    for key, members in series.items():
        spellings = Counter(p.venue for p in members)
        if not key:
            label = "no venue given"
        elif len(spellings) == 1 or key == venue_key(key):  # one spelling, or a venue (not a series' acronym)
            label = spellings.most_common(1)[0][0]
        else:
            label = f"{key} ({', '.join(sorted({str(p.year) for p in members if p.year}))})"
        groups[label] += len(members)
    return groups


def _breakdown(ctx: _Context) -> MetadataAnswer | None:
    m = re.search(r"\b(?:per|by|each|every)\s+(year|month|category|venue|type)\b|\bbreak\s*down\b|\bdistribution\b"
                  r"|\b(?:which|what|how\s+many)\s+(?:different\s+)?(categories|years|months|venues|types|kinds)\b"
                  r"|\bwhere\s+(?:has|have|did|does|do)\b.{0,60}\bpublish", ctx.q)
    if not m:
        return None
    dim = m.group(1) or m.group(2) or ("venue" if "publish" in m.group(0) else
                                        next((d for d in ("categor", "month", "venue") if d in ctx.q), "year"))
    selected, desc = ctx.selected(), ctx.describe()
    if dim.startswith("categor"):
        groups = Counter(p.category or "uncategorised" for p in selected)
        rows = [(f"{c} ({CATEGORY_NAMES[c]})" if c in CATEGORY_NAMES else c, n)
                for c, n in sorted(groups.items(), key=lambda cn: (-cn[1], cn[0]))]
    elif dim.startswith("venue"):
        rows = sorted(_venue_groups(selected).items(), key=lambda vn: (-vn[1], vn[0]))
    elif dim.startswith(("type", "kind")):
        groups = Counter(p.kind or "type not given" for p in selected)
        rows = sorted(groups.items(), key=lambda vn: (-vn[1], vn[0]))
    elif dim.startswith("month"):
        months = Counter((p.date.year, p.date.month) for p in selected if p.date and p.date_precision != "year")
        rows = [(f"{MONTH_NAMES[mo - 1][:3]} {y}", n) for (y, mo), n in sorted(months.items(), reverse=True)]
    else:
        years = Counter(p.year for p in selected)
        rows = [(str(y) if y else "undated", n) for y, n in sorted(years.items(), key=lambda yn: -(yn[0] or 0))]
    one, unit = {"c": ("category", "categories"), "m": ("month", "months"), "y": ("year", "years"),
                 "v": ("venue", "venues"), "t": ("publication type", "publication types"),
                 "k": ("publication type", "publication types")}[dim[0]]
    subject = f"The {len(selected)} papers {desc}" if desc else f"The record's {len(selected)} papers"
    given = [label for label, _ in rows if label not in UNGIVEN]
    if not rows:
        head = f"The record holds no papers {desc}."
    elif not given:  # "span 1 venues: no venue given" says less than that
        return MetadataAnswer(f"{subject} give no {one}." if len(selected) > 1 else f"{subject[:-1]} gives no {one}.",
                              [])
    else:
        head = f"{subject} span {len(given)} {unit if len(given) > 1 else one}:"
    if rows and re.search(r"\b(?:which|what)\s+(?:of\s+(?:his|her|their)\s+)?(?:papers|publications|articles|works)\b",
                          ctx.q):  # "which papers did he write with X, and in which years?": the papers too
        return MetadataAnswer(f"{head}\n\n{_counts(rows)}\n\n{_lines(selected)}", selected)
    return MetadataAnswer(head + "\n\n" + _counts(rows), [])


def _team(ctx: _Context) -> MetadataAnswer | None:
    """The paper(s) with the most or fewest authors ("the longest author list"), within the filters."""
    asked = TEAM_SIZE.search(ctx.q)
    if not asked:
        return None
    few = bool(asked.group("few"))
    pool = [p for p in ctx.selected() if p.authors]
    desc = ctx.describe()
    scope = desc or "in the record"
    if not pool:
        return MetadataAnswer(f"No paper {scope} lists its authors.", [])
    size = (min if few else max)(len(p.authors) for p in pool)
    chosen = [p for p in pool if len(p.authors) == size]
    cut = sum(p.authors_truncated for p in pool)
    note = (f" ({cut} author line{'s end' if cut > 1 else ' ends'} in \"et al.\", so not every team's size is known)"
            if cut else "")
    head = (f"The {'fewest' if few else 'most'} authors on a paper {scope} is {size}, on {_and(chosen)}{note}.")
    return MetadataAnswer(f"{head}\n\n{_lines(chosen, authors=True)}", chosen)


# the words for each end of the list as a question names it ("his latest paper", "the earliest ones")
END_WORDS = {"most recent": "latest|newest|most recent|last", "earliest": "earliest|oldest|first"}


def _ranked(ctx: _Context) -> MetadataAnswer | None:
    """Highest/lowest score and most recent/earliest paper(s), optionally the top n, within the filters."""
    words = r"(highest|best|top|max(?:imum)?|lowest|worst|min(?:imum)?|bottom)"
    by_score = re.search(rf"\b{words}\b(?:\W+\w+){{0,3}}?\W+scor|\bscor\w*\W+(?:\w+\W+){{0,3}}?{words}\b", ctx.q)
    newest = r"\b(?:latest|newest|most\s+recent(?:ly)?|last\s+(?:paper|publication|work))\b"
    oldest = (r"\b(?:earliest|oldest|least\s+recent|first\s+(?:paper|publication|work|year))\b|\bc[ao]me\s+out\s+first\b"
              r"|\b(?:list|record)\s+(?:start|begin)s?\b|\b(?:start|begin)s?\b[^?]*\b(?:list|record)\b")
    new, old = re.search(newest, ctx.q), re.search(oldest, ctx.q)
    # an end asked for as a year ("and in which year does the list begin?"): that year, no papers
    clauses = re.split(r",|;|\band\b", ctx.q)
    as_year = {way for way, pattern in (("most recent", newest), ("earliest", oldest))
               if any(re.search(r"\b(?:which|what)\s+year\b", c) and re.search(pattern, c) for c in clauses)}
    if re.search(r"\b(?:which|what)\s+(?:papers|ones|works|publications|titles)\s+(?:are|were)\s+(?:they|these|those)\b"
                 r"|\b(?:list|name)\s+them\b", ctx.q):  # "from which year are his earliest papers, and which
        as_year = set()  # papers are they?": the year and its papers
    if not (by_score or new or old):
        return None
    selected, desc = ctx.selected(), ctx.describe()
    plural = re.search(r"\b(?:latest|newest|recent|earliest|oldest|first|last)\s+(?:\w+\s+)?(?:papers|publications"
                       r"|works)\b", ctx.q)
    n = ctx.number() or (5 if plural and not by_score and not (new and old) else 1)
    if by_score:
        low = (by_score.group(1) or by_score.group(2)) in ("lowest", "worst", "min", "minimum", "bottom")
        way = "lowest" if low else "highest"
        pool = sorted((p for p in selected if p.score is not None), key=lambda p: p.score, reverse=way == "highest")
        scope = f"among the papers {desc}" if desc else "in the record"
        note = f"only {len(pool)} of the {len(selected)} papers{' ' + desc if desc else ''} carry a score"
        if not pool:
            return MetadataAnswer(f"No paper {scope} carries a score.", [])
        chosen = pool[:n] if n > 1 else [p for p in pool if p.score == pool[0].score]
        if n > 1:
            head = f"The {len(chosen)} {way}-scoring papers {scope} ({note}):"
        else:
            head = f"The {way} score {scope} is {chosen[0].score:g}, for {_and(chosen)}; {note}."
        return MetadataAnswer(f"{head}\n\n{_lines(chosen, score=True)}", chosen)
    dated = [p for p in selected if p.date]
    scope = desc or "in the record"
    if not dated:
        return MetadataAnswer(f"No paper {scope} carries a date.", [])
    ends = [("most recent", dated)] * bool(new) + [("earliest", dated[::-1])] * bool(old)
    either_end = "|".join(END_WORDS.values())
    by_year = re.search(rf"\b(?:{either_end})\s+(?:[\w-]+\s+)?years?\b", ctx.q)  # an end asked by year
    heads, chosen = [], []
    for way, pool in ends:
        year = [p for p in pool if p.date.year == pool[0].date.year]
        # "which papers come from his most recent year": all of that year; so too "his earliest publications" (one
        # end, no number given) when that year has several, and one end of two asked for with "ones" ("the
        # earliest paper, and which ones are the latest?"); "his earliest and latest papers" is one paper each
        end = END_WORDS[way]
        ones = re.search(rf"\b(?:{end})\s+ones\b|\bones\s+(?:are|were|came)\s+(?:out\s+)?(?:the\s+)?(?:{end})\b", ctx.q)
        if way in as_year:
            heads.append(f"The {way} year {scope} is {pool[0].date.year}.")
            continue
        # "their earliest publication year", "her earliest and most recent publication years", and "their most
        # recent one" said of years after it
        if re.search(rf"\b(?:{end})\s+(?:(?:and|or)\s+(?:the\s+)?(?:{either_end})\s+)?(?:[\w-]+\s+)?years?\b", ctx.q) \
                or by_year and re.search(rf"\b(?:{end})\s+one\b", ctx.q) \
                or (plural and not (new and old) or ones) and not ctx.number() and len(year) > 1:
            picked = year
            heads.append(f"The {way} year {scope} is {pool[0].date.year}, with {len(picked)} "
                         f"paper{'s' if len(picked) != 1 else ''}: {_and(picked, chosen)}.")
        elif n > 1:
            picked = pool[:n]
            heads.append(f"The {len(picked)} {way} papers {scope}: {_and(picked, chosen)}.")
        else:
            picked, loose = _same_date(pool)
            if len(picked) == 1:
                heads.append(f"The {way} paper {scope} is {_and(picked, chosen)}, dated {picked[0].date_label()}.")
            else:
                coarsest = min(picked, key=lambda p: ("year", "month").index(p.date_precision)
                               if p.date_precision in ("year", "month") else 2)
                mixed = len({p.date_precision for p in picked}) > 1
                label = coarsest.date_label() + (" (some are dated only to the " + coarsest.date_precision + ")"
                                                 if mixed else "")
                heads.append(f"{len(picked)} papers share the {way} date {scope}, {label}: "
                             f"{_and(picked, chosen)}.")
            if loose:  # as they may be the answer, a few are named and cited ("2 other papers dated only 2024 may be
                # later: ..."); more are counted, a list of them saying little of which is the answer
                named = [p for p in loose if p not in chosen and p not in picked] if len(loose) <= FEW_LOOSE else []
                named = named if len(named) == len(loose) else []
                heads.append(f"{len(loose)} other paper{'s' if len(loose) != 1 else ''} dated only {pool[0].date.year} may be "
                             f"{'later' if way == 'most recent' else 'earlier'}"
                             + (f": {_and(named, chosen + picked)}." if named else "."))
                picked = picked + named
        chosen += [p for p in picked if p not in chosen]
    undated = len(selected) - len(dated)
    note = f" {undated} paper{'s' if undated != 1 else ''} {'carry' if undated != 1 else 'carries'} no date." \
        if undated else ""
    return MetadataAnswer(" ".join(heads) + note + "\n\n" + _lines(chosen), chosen)


FEW_LOOSE = 2  # papers dated only by the year that may be the earliest or latest: named up to this many


def _same_date(pool: list[Paper]) -> tuple[list[Paper], list[Paper]]:
    """The papers at the head of the pool, its first year's papers sharing the date of the first one dated to
    the month or day (compared at the coarser precision of the two: Mar 2024 ties with Mar 12, 2024), and that
    year's papers dated only to the year, which may lie either side of it; when none of that year's papers is
    dated more finely, they are all the head."""
    year = [p for p in pool if p.date.year == pool[0].date.year]
    fine = [p for p in year if p.date_precision != "year"]
    if not fine:
        return year, []
    first = fine[0]

    def same(p: Paper) -> bool:
        if "month" in (p.date_precision, first.date_precision):
            return (p.date.year, p.date.month) == (first.date.year, first.date.month)
        return p.date == first.date

    return [p for p in fine if same(p)], [p for p in year if p.date_precision == "year"]


def _lookup(ctx: _Context) -> MetadataAnswer | None:
    asked = lookups_asked(ctx.q, ctx.papers)
    if not ctx.named or not asked:
        return None  # "What is Nimbus?" needs the abstract: retrieval
    yes_no, out = YES_NO.match(ctx.q), []
    for n, p in enumerate(ctx.named, start=1):
        name = quote_record_text(short_name(p))
        if "date" in asked:
            on = "on" if p.date_precision == "day" else "in"
            out.append(f"{name} was published {on} {p.date_label()} [{n}]." if p.date
                       else f"The record gives no date for {name} [{n}].")
        if "authors" in asked:
            cut = f" (the author line ends in \"et al.\", so only the first {len(p.authors)} are listed)" \
                if p.authors_truncated else ""
            out.append(f"{name} was written by {quote_record_text(p.authors_label())}{cut} [{n}]." if p.authors
                       else f"The record lists no authors for {name} [{n}].")
        if "venue" in asked:
            posted = f", after a preprint on {quote_record_text(', '.join(p.preprinted))}" if p.preprinted else ""
            out.append(f"{name} appeared in {quote_record_text(p.venue)}{posted} [{n}]." if p.venue
                       else f"The record gives no venue for {name} [{n}].")
        if "kind" in asked:
            out.append(f"{name} is listed as {KIND_WORDS.get(p.kind, p.kind)} [{n}]." if p.kind
                       else f"The record does not say what kind of publication {name} is [{n}].")
        if "doi" in asked:
            ids = [f"DOI {p.doi}"] * bool(p.doi) + [f"arXiv {p.arxiv_id}"] * bool(p.arxiv_id)
            out.append(f"{name} has {' and '.join(ids)} [{n}]." if ids
                       else f"The record gives no DOI or arXiv identifier for {name} [{n}].")
        if "links" in asked:
            links = {**({"page": p.url} if p.url else {}), **p.links}
            out.append(f"{name} links: {', '.join(f'{k} {v}' for k, v in links.items())} [{n}]." if links
                       else f"The record gives no links for {name} [{n}].")
        if "code" in asked and p.code_available:
            out.append(f"{'Yes, ' if yes_no else ''}{name} has code available"
                       f"{' at ' + p.code_url if p.code_url else ''} [{n}].")
        elif "code" in asked:
            out.append(f"{'No, t' if yes_no else 'T'}he record does not mark code as available for {name} [{n}].")
        if "category" in asked:
            label = f" ({CATEGORY_NAMES[p.category]})" if p.category in CATEGORY_NAMES else ""
            out.append(f"{name} is in the {p.category or 'unknown'} category{label} [{n}].")
        if "score" in asked:
            out.append(f"{name} has a score of {p.score:g} [{n}]." if p.score is not None
                       else f"The record gives no score for {name} [{n}].")
    return MetadataAnswer(" ".join(out) + "\n\n" + _lines(ctx.named), list(ctx.named))


# "What did Karthik Vaidhyanathan write?", "what has she published so far?": the works themselves, nothing more
WORKS_ASKED = re.compile(r"^\W*what\s+(?:else\s+)?(?:did|has|have|does|do)\s+(?:[\w.'’-]+\s+){1,5}?(?:(?:ever|also)\s+)?"
                         r"(?:wr[io]te|written|write|publish(?:ed)?|(?:co-?)?authored|produced?)"
                         r"(?:\s+(?:so\s+far|to\s+date|recently|in\s+(?:total|all)))?\W*$", re.I)


def _count_or_list(ctx: _Context) -> MetadataAnswer | None:
    f = ctx.query.filters
    counting = re.search(r"\bhow\s+many\b|\bnumber\s+of\b|\bcount\b|\btotal\b", ctx.q)
    if f.is_empty() and not counting and not re.search(r"\bpapers?\b|\bpublications?\b|\bworks\b", ctx.q) \
            and not WORKS_ASKED.match(ctx.q):
        return None
    selected, desc = ctx.selected(), ctx.describe()
    n = len(selected)
    yes = ("Yes. " if n else "No. ") if YES_NO.match(ctx.q) else ""
    if ctx.query.untyped:  # "which are preprints?" of a record that gives no publication types
        return MetadataAnswer(f"The record gives no publication types, so it cannot say which of its papers are "
                              f"{' or '.join(kind_plurals(ctx.query.untyped))}. It holds {n} paper{'s' if n != 1 else ''}"
                              f"{' ' + desc if desc else ''}.", [])
    if f.is_empty() and counting:
        text, r = f"{yes}The record holds {n} paper{'s' if n != 1 else ''}.", ctx.researcher
        if not ctx.query.referents and (note := ctx.copies_note(selected, whole=True)):
            text += " " + note  # "248 entries" to someone who counted the file's entries
        if r and r.paper_count is not None:
            text += " This matches the profile's stated count." if r.paper_count == n \
                else f" The profile header states {r.paper_count}."
        # a list of the owner's work may hold papers whose author line does not name them (a group's list, a
        # consortium, a spelling no rule joins): "how many are by <owner>" is then the smaller number
        unnamed = [p for p in selected if ctx.owner and p.authors and not p.authors_truncated
                   and not replace(f, author=ctx.owner).allows(p)]
        if unnamed and len(unnamed) < n:
            text += (f" Of these, {n - len(unnamed)} name {ctx.owner} as an author; {len(unnamed)} "
                     f"do{'es' if len(unnamed) == 1 else ''} not: {_and(unnamed)}.")
            return MetadataAnswer(text, unnamed)
        return MetadataAnswer(text, [])
    if not n and f.venue and not any(p.venue for p in ctx.papers):  # a record that names no venue at all
        return MetadataAnswer(f"The record gives no venues for its papers, so it cannot say which appeared at "
                              f"{f.venue}.", [])
    if not n:
        return MetadataAnswer(f"{yes}The record holds no papers {desc}.".replace(" .", "."), [])
    # "... only two authors, and who is the other one?", "on which is he not the first author?", "who co-wrote the
    # Political Science paper?": the author lines
    several = (ctx.query.filters.authors_count or 0) > 1 or ctx.query.filters.byline_negated \
        or bool(re.search(r"\bwho(?:m)?\b|\bco-?(?:wr[io]te|written|authors?|authored)\b", ctx.q))
    text = (f"{yes}The record holds {n} paper{'s' if n != 1 else ''}{' ' + desc if desc else ''}:\n\n"
            f"{_lines(selected, authors=several)}")
    if note := ctx.copies_note(selected, whole=False):
        text += "\n\n" + note
    if f.author and ctx.people.is_owner(f.author) and len(ctx.query.authors) <= 1 and not f.first_author \
            and not f.last_author \
            and f.authors_count is None:  # not "with X as well", "as first author", "on her own"
        # the record is the owner's list: a paper of it that does not name them (a consortium's author line, a
        # spelling no rule joins) is theirs too, as far as the record goes
        unnamed = [p for p in ctx.papers if replace(f, author="").allows(p) and not f.allows(p)]
        if unnamed:
            text += (f"\n\nThe record holds {len(unnamed)} more paper{'s' if len(unnamed) != 1 else ''} ({n + len(unnamed)}"
                     f" in all) whose author line does not name {f.author}: {_and(unnamed, selected)}.")
            selected = selected + unnamed
    if ctx.query.authors and (cut := sum(p.authors_truncated for p in ctx.papers)):
        text += (f"\n\nThis uses the author lines as printed: {cut} of the {len(ctx.papers)} end in \"et al.\" and are "
                 "truncated, so papers where a later author is not shown are missed and the count is a lower bound.")
    return MetadataAnswer(text, selected)


def _and(papers: list[Paper], before: list[Paper] = ()) -> str:
    """'A [1], B [2] and C [3]', numbered after the papers already cited in `before`."""
    marks = [f"{quote_record_text(short_name(p))} [{len(before) + i}]" for i, p in enumerate(papers, start=1)]
    return marks[0] if len(marks) == 1 else ", ".join(marks[:-1]) + " and " + marks[-1]


# --- formatting ------------------------------------------------------------------------------------------


def _counts(rows: list[tuple[str, int]]) -> str:
    return "\n".join(f"- {quote_record_text(key)}: {n} paper{'s' if n != 1 else ''}" for key, n in rows)


def _lines(papers: list[Paper], score: bool = False, authors: bool = False, cited: list[Paper] | None = None) -> str:
    """`- **Title** (Mon DD, YYYY; CATEGORY[; code]) [n]`, n counting from 1 (or each paper's place among `cited`, for
    several lists citing one set of papers); `authors`: the author line too."""
    out = []
    place = {c.paper_id: i for i, c in enumerate(cited, start=1)} if cited else {}
    for n, p in enumerate(papers, start=1):
        n = place.get(p.paper_id, n)
        bits = [p.date_label()] + [p.authors_label()] * (authors and bool(p.authors)) + [p.venue] * bool(p.venue) + \
            [f"presented at {p.event}"] * bool(p.event) + [f"preprint: {', '.join(p.preprinted)}"] * bool(p.preprinted) + \
            [p.category] * bool(p.category) + ["code"] * p.code_available + [p.status] * bool(p.status)
        bits += [f"score {p.score:g}"] if score and p.score is not None else []
        out.append(f"- **{quote_record_text(p.title)}** ({quote_record_text('; '.join(bits))}) [{n}]")
    return "\n".join(out)


def _describe(f: Filters, authors: list[str]) -> str:
    """The filters in words: 'published in 2025, in the DC category (...), with code available'."""
    y0, y1, codes = f.year_from, f.year_to, sorted(f.categories)
    month = MONTH_NAMES[f.month - 1] if f.month else ""
    when = (f"published in {month} {y0 if y0 is not None and y0 == y1 else '(any year)'}" if month
            else f"published in {y0}" if y0 is not None and y0 == y1
            else f"published between {y0} and {y1}" if y0 is not None and y1 is not None
            else f"published in {y0} or later" if y0 is not None
            else f"published in {y1} or earlier" if y1 is not None else "")
    full = f" ({CATEGORY_NAMES[codes[0]]})" if len(codes) == 1 and codes[0] in CATEGORY_NAMES else ""
    cats = (f"in the {', '.join(codes[:-1])} or {codes[-1]} categories" if len(codes) > 1
            else f"in the {codes[0]} category{full}" if codes else "")
    code = "" if f.code is None else "with code available" if f.code else "without code available"
    who = (f"listing {authors[0]} as an author" if len(authors) == 1
           else f"listing {'both' if len(authors) == 2 else 'all of'} {', '.join(authors[:-1])} and {authors[-1]} as "
                "authors" if authors else "")
    first = ", ".join(f"with {name} {'not ' * f.byline_negated}as {which} author"
                      for name, which in ((f.first_author, "first"), (f.last_author, "last")) if name)
    venue = f"at {f.venue}" if f.venue else ""
    kinds = kind_plurals(f.kinds)
    kind = f"listed as {' or '.join(kinds + [f.piece] * bool(f.piece))}" if kinds or f.piece else ""
    count = "" if f.authors_count is None else "with a single author" if f.authors_count == 1 \
        else f"with {f.authors_count} authors"
    count = count or ("with co-authors" if f.coauthored else "")
    marks = sorted(f.statuses)
    pending = f"marked {', '.join(marks[:-1])}{' or ' * (len(marks) > 1)}{marks[-1]}" if marks else ""
    among = f"among those {len(f.paper_ids)} papers" if len(f.paper_ids) > 1 else ""  # a follow-up's ("which of those")
    language = f"written in {language_name(f.language)}" if f.language else ""
    return ", ".join(part for part in (among, venue, kind, pending, language, when, cats, code, who, first, count) if part)
