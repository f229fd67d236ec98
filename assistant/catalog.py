"""Exact answers from the paper table: counts, lists, dates, figures, authors, scores.

"How many papers came out in 2025?" or "Who wrote FedScale?" has one right answer, and it sits in the
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
from dataclasses import dataclass, field
from datetime import date

from assistant.types import CATEGORY_NAMES, Filters, Paper, Researcher, normalise_title

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]
Y = r"((?:19|20)\d\d)"
MON = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
       r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
# (pattern, what its years mean); ranges first, so that a year inside one is not also read alone.
YEAR_RULES = [
    (rf"\b(?:published\s+)?between\s+{Y}\s+and\s+{Y}\b", "range"),
    (rf"\bfrom\s+{Y}\s*(?:to|through|until|till|-|–)\s*{Y}\b", "range"),
    (rf"\b(?:in\s+)?{Y}\s*(?:-|–|—)\s*{Y}\b", "range"),
    (rf"\b(?:in\s+)?{Y}\s+(?:or|and)\s+(?:later|after|onwards?)\b|\b(?:from\s+)?{Y}\s+on(?:wards?)?\b", "from"),
    (rf"\b(?:in\s+)?{Y}\s+(?:or|and)\s+(?:earlier|before)\b", "to"),
    (rf"\bsince\s+{Y}\b", "from"),
    (rf"\bafter\s+{Y}\b", "after"),
    (rf"\bbefore\s+{Y}\b", "before"),
    (rf"\b(?:until|till|through|up\s+to|no\s+later\s+than)\s+{Y}\b", "to"),
]
NO_CODE = (r"\b(?:without|with\s+no|no|lacking)\s+(?:(?:public|released|available)\s+)?code\b(?:\s+available)?"
           r"|\bcode\s+(?:is\s+|was\s+)?(?:not\s+|un)available\b")
HAS_CODE = "|".join([
    r"\bwith\s+(?:(?:public|released|available|open[- ]source)\s+)?code(?:\s+(?:available|released))?\b",
    r"\b(?:has|have|having|had|release[sd]?|share[sd]?|provide[sd]?|publish(?:es|ed)?)\s+"
    r"(?:(?:their|its|the|public|open[- ]source)\s+)?code(?:\s+(?:available|released|public))?\b",
    r"\bcode\s+(?:is\s+|was\s+|are\s+|were\s+)?(?:publicly\s+)?(?:available|released|public|open[- ]sourced?)\b",
    r"\b(?:released|public|available|open[- ]source)\s+code\b|\bcode\s+releases?\b|\bopen[- ]sourced\b",
    r"\b(?:is|are|was|were)\s+open[- ]source\b|\bopen[- ]source\b(?=\s+(?:papers?|implementations?)\b)",
])
FIRST_AUTHOR = r"(?:\b(?:is|as|was)\s+)?(?:\bthe\s+)?\b(?:first|lead)[- ]author(?:ed|s)?\b(?:\s+(?:of|by|on)\b)?"
OWNER_AS_AUTHOR = r"author\s+lines?|listed\s+authors?|\bappears?\b|\bas\s+(?:an?\s+)?(?:co-?)?author\b|\bboth\b"
# Words a question about the table may consist of; any other word left over means it has a topic.
VOCAB = set("""
a an the and or of in on at to for from by with as that this these those there here it its they them their he his
him she her i me my we our you your s what which who whom whose when where how many much is are was were be been
being do does did has have had having can could would will should any all each every both either ones one only just
also ever so far total overall altogether number count counts please list lists listed listing show give tell name
names find get see according among amongst paper papers publication publications published publish publishes
publishing work works article articles preprint preprints record records profile entry entries table appear appears
appeared come came out release released write wrote written authored author authors co coauthor coauthors
collaborator collaborators collaborated line lines year years month months date dates dated category categories
field fields area areas arxiv cs stat code available github repo repository link url open source sourced public
publicly score scores scored scoring h index hindex citation citations cited novelty ai value values figure figures
stated latest newest recent recently most earliest oldest first last least highest lowest top best worst maximum
researcher researchers person scientist
minimum max min bottom more than fewer less per breakdown distribution broken down split frequent frequently often
common cover covers span spans include includes contain contains yes no not done between since after before until
through up later earlier older newer primary main
""".split())
FIGURES = [("h_index", r"\bh[- ]?index\b", "h-index"), ("citations", r"\bcitations?\b|\bcited\b", "citation count"),
           ("novelty", r"\bnovelty\b", "Novelty"), ("ai_score", r"\bai[- ]score\b", "AI Score"),
           ("primary_category", r"\bprimary\s+(?:arxiv\s+)?categor", "primary category")]
LOOKUPS = {
    "date": r"\bwhen\b|\bdated?\b|\b(?:what|which)\s+year\b|\bc[oa]me\s+(?:out|first)\b|\b(?:earlier|older|newer)\b"
            r"|\blater\b|\b(?:published|released)\s+(?:on|in|before|after|during|between)\b",
    "authors": r"\bwho\b|\bauthors?\b|\bwr[oi]te\b|\bwritten\b",
    "code": r"\bcode\b|\bgithub\b|\bopen[- ]source|\brepo",
    "category": r"\bcategor|\barxiv\b|\bfield\b",
    "score": r"\bscor",
}
YES_NO = re.compile(r"^\s*(?:did|does|do|has|have|is|are|was|were)\b", re.I)


@dataclass
class MetadataAnswer:
    text: str
    papers: list[Paper] = field(default_factory=list)  # the cited papers, in the order of their [n] markers


@dataclass
class _Parsed:
    filters: Filters
    residual: str
    authors: list[str]  # every author the question requires; Filters.author holds only the first
    unsupported: bool = False  # a restriction Filters cannot express (e.g. a range of months)


def extract_filters(question: str, papers: list[Paper], *, owner: str = "") -> tuple[Filters, str]:
    """Filters stated in the question, and the question with those phrases removed.

    `owner` is the record's researcher. Their name becomes an author filter only when the question is
    explicitly about author lines ("list Fan Lai as an author", "Fan Lai is the first author"), and is
    otherwise dropped from the residue. Several named authors all count in `answer_metadata`;
    `Filters.author` holds only the first. A range of months yields only the span of years.
    """
    parsed = _parse(question, papers, owner)
    return parsed.filters, parsed.residual


def answer_metadata(question: str, papers: list[Paper], researcher: Researcher | None = None, *,
                    owner: str = "") -> MetadataAnswer | None:
    """An exact answer from the paper table, or None when the question needs retrieval."""
    owner = owner or (researcher.name if researcher else "")
    parsed = _parse(question, papers, owner)
    named = named_papers(question, papers)
    if parsed.unsupported or _is_topical(parsed.residual, named):
        return None
    ctx = _Context(question.lower(), parsed, papers, named, researcher, owner)
    for route in (_figures, _coauthors, _breakdown, _ranked, _lookup, _count_or_list):
        if (answer := route(ctx)) is not None:
            return answer
    return None


# --- parsing ---------------------------------------------------------------------------------------------


def _parse(question: str, papers: list[Paper], owner: str) -> _Parsed:
    f, text = Filters(), question

    def take(pattern: str, flags: int = re.I) -> list[re.Match]:
        nonlocal text
        found = list(re.finditer(pattern, text, flags))
        for m in reversed(found):
            text = text[:m.start()] + " " + text[m.end():]
        return found

    for pattern, kind in YEAR_RULES:
        for m in take(pattern):
            years = [int(y) for y in m.groups() if y]
            if kind == "range":
                f.year_from, f.year_to = min(years), max(years)
            elif kind in ("from", "after"):
                f.year_from = years[0] + (kind == "after")
            else:
                f.year_to = years[0] - (kind == "before")
    months = take(rf"\b(?:(?:in|during|from)\s+)?{MON}\.?,?\s+(?:of\s+)?{Y}\b")
    months += take(r"\b(?:[Ii]n|[Dd]uring)\s+(" + "|".join(MONTH_NAMES) + r")\b", 0)
    if months:
        f.month = [m[:3].lower() for m in MONTH_NAMES].index(months[0].group(1)[:3].lower()) + 1
        years = [int(m.group(2)) for m in months if m.re.groups > 1]
        if years:
            f.year_from, f.year_to = min(years), max(years)
    years = [int(m.group(1)) for m in take(rf"(?:\b(?:in|during|from|of)\s+)?\b{Y}\b")]
    if years:
        f.year_from, f.year_to = min(years), max(years)
    unsupported = len(months) > 1
    if unsupported:
        f.month = None
    f.categories = _take_categories(take, papers)
    no_code, has_code = take(NO_CODE), take(HAS_CODE)
    f.code = False if no_code else True if has_code else None

    names = {a.lower(): a for p in papers for a in p.authors} | ({owner.lower(): owner} if owner else {})
    found: list[tuple[int, str, bool]] = []  # (position, name, written as a possessive)
    for low in sorted(names, key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(low)}(?!\w)(['’]s\b)?", text, re.I):
            if not any(start <= m.start() < start + len(n) for start, n, _ in found):
                found.append((m.start(), names[low], bool(m.group(1))))
    found.sort()
    owner_listed = re.search(OWNER_AS_AUTHOR, text, re.I)
    if (first := re.search(FIRST_AUTHOR, text, re.I)) and found:
        f.first_author = min(found, key=lambda s: min(abs(s[0] - first.start()), abs(s[0] - first.end())))[1]
        take(FIRST_AUTHOR)
    authors = [name for _, name, possessive in found if name != f.first_author
               and not (owner and name.lower() == owner.lower() and (possessive or not owner_listed))]
    for _, name, _ in found:
        take(rf"(?:\b(?:by|with|and|from|of)\s+)?(?<!\w){re.escape(name)}(?!\w)(?:['’]s\b)?")
    f.author = authors[0] if authors else ""
    residual = re.sub(r"\s+([?.!,;:])", r"\1", re.sub(r"\s+", " ", text)).strip()
    return _Parsed(f, re.sub(r"^[,;:]\s*|(?<=[,;])\s*[,;]", "", residual), authors, unsupported)


def _take_categories(take, papers: list[Paper]) -> set[str]:
    """Category codes: 'cs.DC', 'the DC category', 'DC papers', 'in DC', '<full name> category'."""
    code = "|".join(sorted(set(CATEGORY_NAMES) | {p.category for p in papers if p.category}, key=len, reverse=True))
    codes = {c for c, name in CATEGORY_NAMES.items()
             if take(rf"(?:\b(?:in|under|from)\s+)?(?:\bthe\s+)?\b{re.escape(name)}\s+categor(?:y|ies)\b")}
    for m in take(rf"(?:\b(?:in|under|from)\s+)?(?:\bthe\s+)?\b(?:cs|stat|eess)\.({code})\b(?:\s+categor(?:y|ies))?"):
        codes.add(m.group(1).upper())
    group = rf"((?:{code})(?:\s*(?:,|/|&|\bor\b|\band\b)\s*(?:{code}))*)"  # bare codes: upper case only
    for pattern in (rf"(?:\b(?i:in|under|from)\s+)?(?:\b(?i:the)\s+)?\b{group}\s+(?:(?i:categor(?:y|ies)|areas?)\b"
                    r"|(?=(?i:papers?)\b))",
                    rf"\b(?i:categor(?:y|ies))\s+{group}\b",
                    rf"\b(?i:in|under)\s+({code})\b(?=\s*(?:[?.!,;]|$|\b(?i:and|or|with|without|since|before|after"
                    r"|between|from|during|in)\b))"):
        for m in take(pattern, 0):
            codes.update(re.findall(rf"\b(?:{code})\b", m.group(1)))
    return codes


def _names(paper: Paper) -> list[str]:
    """What a question may call a paper: its title, its system name before ':', CamelCase names in it."""
    if paper.system_name:
        return [paper.title, paper.system_name]
    return [paper.title] + [w for w in re.findall(r"\b[A-Z][a-z]+[A-Z][A-Za-z]*\b", paper.title) if w[-1] != "s"]


def named_papers(question: str, papers: list[Paper]) -> list[Paper]:
    norm, hits = f" {normalise_title(question)} ", []
    for paper in papers:
        positions = [norm.find(f" {n} ") for n in map(normalise_title, _names(paper)) if len(n) >= 3]
        if any(p >= 0 for p in positions):
            hits.append((min(p for p in positions if p >= 0), paper))
    return [paper for _, paper in sorted(hits, key=lambda h: h[0])]


def _is_topical(residual: str, named: list[Paper]) -> bool:
    norm = f" {normalise_title(residual)} "
    for name in (normalise_title(n) for paper in named for n in _names(paper)):
        norm = re.sub(rf"\b{re.escape(name)}\b", " ", norm)
    return any(w not in VOCAB and not w.isdigit() for w in norm.split())


# --- routes: each returns an answer, or None to let the next one try --------------------------------------


@dataclass
class _Context:
    q: str  # the question, lower-cased
    parsed: _Parsed
    papers: list[Paper]
    named: list[Paper]
    researcher: Researcher | None
    owner: str

    def selected(self) -> list[Paper]:
        extra = [a.lower() for a in self.parsed.authors[1:]]
        return sorted((p for p in self.papers if self.parsed.filters.allows(p)
                       and all(any(a in name.lower() for name in p.authors) for a in extra)),
                      key=lambda p: p.date or date.min, reverse=True)

    def describe(self) -> str:
        return _describe(self.parsed.filters, self.parsed.authors)

    def number(self) -> int | None:
        found = re.search(r"\b(\d{1,2})\b", self.parsed.residual)
        return int(found.group(1)) if found else None


def _figures(ctx: _Context) -> MetadataAnswer | None:
    asked = [(attr, label) for attr, pattern, label in FIGURES if re.search(pattern, ctx.q)]
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


def _coauthors(ctx: _Context) -> MetadataAnswer | None:
    if not re.search(r"\bco-?authors?\b|\bco-?authored\b|\bcollaborat", ctx.q):
        return None
    authors = ctx.parsed.authors
    if (authors or ctx.parsed.filters.first_author) and not re.search(r"\bwho\b|\bmost\b|\bfrequent|\btop\b", ctx.q):
        return None  # "Which papers did X co-author?" asks for a list of papers
    subject, selected = (authors[0] if authors else ctx.owner), ctx.selected()
    counts = Counter(a for p in selected for a in p.authors if a.lower() != subject.lower())
    top = [(a, n) for a, n in counts.most_common(10) if n >= 2] or counts.most_common(5)
    if not top:
        return MetadataAnswer(f"The record lists no co-authors{' of ' + subject if subject else ''}.", [])
    head = f"{subject + chr(39) + 's' if subject else 'The'} most frequent co-author in the record is {top[0][0]} " \
           f"({top[0][1]} paper{'s' if top[0][1] > 1 else ''})."
    cut = sum(p.authors_truncated for p in selected)
    note = (f"\n\nCounts come from the author lines as printed; {cut} of the {len(selected)} end in \"et al.\" and are "
            "truncated, so these counts are lower bounds.") if cut else ""
    return MetadataAnswer(head + "\n\n" + _counts(top) + note, [])


def _breakdown(ctx: _Context) -> MetadataAnswer | None:
    m = re.search(r"\b(?:per|by|each|every)\s+(year|month|category)\b|\bbreak\s*down\b|\bdistribution\b"
                  r"|\b(?:which|what|how\s+many)\s+(?:different\s+)?(categories|years|months)\b", ctx.q)
    if not m:
        return None
    dim = m.group(1) or m.group(2) or next((d for d in ("categor", "month") if d in ctx.q), "year")
    selected, desc = ctx.selected(), ctx.describe()
    if dim.startswith("categor"):
        groups = Counter(p.category or "uncategorised" for p in selected)
        rows = [(f"{c} ({CATEGORY_NAMES[c]})" if c in CATEGORY_NAMES else c, n)
                for c, n in sorted(groups.items(), key=lambda cn: (-cn[1], cn[0]))]
    elif dim.startswith("month"):
        months = Counter((p.date.year, p.date.month) for p in selected if p.date and p.date_precision != "year")
        rows = [(f"{MONTH_NAMES[mo - 1][:3]} {y}", n) for (y, mo), n in sorted(months.items(), reverse=True)]
    else:
        years = Counter(p.year for p in selected)
        rows = [(str(y) if y else "undated", n) for y, n in sorted(years.items(), key=lambda yn: -(yn[0] or 0))]
    unit = {"c": "categories", "m": "months", "y": "years"}[dim[0]]
    subject = f"The {len(selected)} papers {desc}" if desc else f"The record's {len(selected)} papers"
    head = f"{subject} span {len(rows)} {unit}:" if rows else f"The record holds no papers {desc}."
    return MetadataAnswer(head + "\n\n" + _counts(rows), [])


def _ranked(ctx: _Context) -> MetadataAnswer | None:
    """Highest/lowest score and most recent/earliest paper, optionally the top n, within the filters."""
    words = r"(highest|best|top|max(?:imum)?|lowest|worst|min(?:imum)?|bottom)"
    by_score = re.search(rf"\b{words}\b(?:\W+\w+){{0,3}}?\W+scor|\bscor\w*\W+(?:\w+\W+){{0,3}}?{words}\b", ctx.q)
    new = re.search(r"\b(?:latest|newest|most\s+recent(?:ly)?|last\s+(?:paper|publication|work))\b", ctx.q)
    old = re.search(r"\b(?:earliest|oldest|least\s+recent|first\s+(?:paper|publication|work))\b", ctx.q)
    if not (by_score or new or old):
        return None
    selected, desc = ctx.selected(), ctx.describe()
    if by_score:
        low = (by_score.group(1) or by_score.group(2)) in ("lowest", "worst", "min", "minimum", "bottom")
        way = "lowest" if low else "highest"
        pool = sorted((p for p in selected if p.score is not None), key=lambda p: p.score, reverse=way == "highest")
        scope = f"among the papers {desc}" if desc else "in the record"
        note = f"only {len(pool)} of the {len(selected)} papers{' ' + desc if desc else ''} carry a score"
    else:
        dated = [p for p in selected if p.date]
        (way, pool), scope = ("most recent", dated) if new else ("earliest", dated[::-1]), desc or "in the record"
    if not pool:
        return MetadataAnswer(f"No paper {scope} carries a {'score' if by_score else 'date'}.", [])
    plural = re.search(r"\b(?:latest|newest|recent|earliest|oldest|first|last)\s+(?:papers|publications)\b", ctx.q)
    n = ctx.number() or (5 if plural and not by_score else 1)
    value = (lambda p: p.score) if by_score else (lambda p: p.date)
    chosen = pool[:n] if n > 1 else [p for p in pool if value(p) == value(pool[0])]  # ties share first place
    if n > 1:
        head = f"The {len(chosen)} {way}{'-scoring' if by_score else ''} papers {scope}" + \
            (f" ({note}):" if by_score else ":")
    elif by_score:
        head = f"The {way} score {scope} is {chosen[0].score:g}, for {_short(chosen[0])} [1]; {note}."
    else:
        head = f"The {way} paper {scope} is {_short(chosen[0])}, dated {chosen[0].date_label()} [1]."
    return MetadataAnswer(f"{head}\n\n{_lines(chosen, score=bool(by_score))}", chosen)


def _lookup(ctx: _Context) -> MetadataAnswer | None:
    asked = [k for k, pattern in LOOKUPS.items() if re.search(pattern, ctx.q)]
    if not ctx.named or not asked:
        return None  # "What is Oort?" needs the abstract: retrieval
    yes_no, out = YES_NO.match(ctx.q), []
    for n, p in enumerate(ctx.named, start=1):
        name = _short(p)
        if "date" in asked:
            on = "on" if p.date_precision == "day" else "in"
            out.append(f"{name} was published {on} {p.date_label()} [{n}]." if p.date
                       else f"The record gives no date for {name} [{n}].")
        if "authors" in asked:
            cut = f" (the author line ends in \"et al.\", so only the first {len(p.authors)} are listed)" \
                if p.authors_truncated else ""
            out.append(f"{name} was written by {p.authors_label()}{cut} [{n}].")
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


def _count_or_list(ctx: _Context) -> MetadataAnswer | None:
    f = ctx.parsed.filters
    counting = re.search(r"\bhow\s+many\b|\bnumber\s+of\b|\bcount\b|\btotal\b", ctx.q)
    if f.is_empty() and not counting and not re.search(r"\bpapers?\b|\bpublications?\b|\bworks\b", ctx.q):
        return None
    selected, desc = ctx.selected(), ctx.describe()
    n = len(selected)
    yes = ("Yes. " if n else "No. ") if YES_NO.match(ctx.q) else ""
    if f.is_empty() and counting:
        text, r = f"{yes}The record holds {n} paper{'s' if n != 1 else ''}.", ctx.researcher
        if r and r.paper_count is not None:
            text += " This matches the profile's stated count." if r.paper_count == n \
                else f" The profile header states {r.paper_count}."
        return MetadataAnswer(text, [])
    if not n:
        return MetadataAnswer(f"{yes}The record holds no papers {desc}.".replace(" .", "."), [])
    text = f"{yes}The record holds {n} paper{'s' if n != 1 else ''}{' ' + desc if desc else ''}:\n\n{_lines(selected)}"
    if ctx.parsed.authors and (cut := sum(p.authors_truncated for p in ctx.papers)):
        text += (f"\n\nThis uses the author lines as printed: {cut} of the {len(ctx.papers)} end in \"et al.\" and are "
                 "truncated, so papers where a later author is not shown are missed and the count is a lower bound.")
    return MetadataAnswer(text, selected)


# --- formatting ------------------------------------------------------------------------------------------


def _short(paper: Paper) -> str:
    return paper.system_name or paper.title


def _counts(rows: list[tuple[str, int]]) -> str:
    return "\n".join(f"- {key}: {n} paper{'s' if n != 1 else ''}" for key, n in rows)


def _lines(papers: list[Paper], score: bool = False) -> str:
    """`- **Title** (Mon DD, YYYY; CATEGORY[; code]) [n]`, n counting from 1."""
    out = []
    for n, p in enumerate(papers, start=1):
        bits = [p.date_label()] + [p.category] * bool(p.category) + ["code"] * p.code_available
        bits += [f"score {p.score:g}"] if score and p.score is not None else []
        out.append(f"- **{p.title}** ({'; '.join(bits)}) [{n}]")
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
    first = f"with {f.first_author} as first author" if f.first_author else ""
    return ", ".join(part for part in (when, cats, code, who, first) if part)
