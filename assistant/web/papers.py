"""The Papers tab: a chart of papers per year by category, and the record as a searchable, sortable table.

Search matches every word of the query at the start of a word of the title, authors, venue, category (code or
name) or year: "serving" finds "LLM serving", not "preserving". Clicking a column header sorts by it (again:
the other way); clicking a row asks about that paper in the chat. At phone widths each row is a card.
"""

from __future__ import annotations

import re
from collections import Counter
from html import escape

from assistant.types import CATEGORY_NAMES, Paper
from assistant.web.rendering import attr, category_label, one_line, paper_link

COLUMNS = [("date", "Date"), ("title", "Title"), ("authors", "Authors"), ("venue", "Venue"),
           ("category", "Category"), ("code", "Code")]
DEFAULT_SORT = ("date", True)  # newest first
PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#bab0ac", "#1f3b73", "#8cd17d"]  # Tableau 10, then two more


def searchable(paper: Paper) -> str:
    category = CATEGORY_NAMES.get(paper.category, "")
    return " ".join([paper.title, paper.authors_label(), paper.venue, paper.category, category,
                     str(paper.year or "")]).lower()


def matches(paper: Paper, query: str) -> bool:
    """Every word of the query starts a word of the paper's title, authors, venue, category or year."""
    haystack = searchable(paper)
    return all(re.search(r"(?<![a-z0-9])" + re.escape(term), haystack) for term in query.lower().split())


def date_text(paper: Paper) -> str:
    if not paper.date:
        return ""
    return {"year": paper.date.strftime("%Y"), "month": paper.date.strftime("%Y-%m")}.get(
        paper.date_precision or "day", paper.date.isoformat())


def sort_key(column: str):
    keys = {
        "date": lambda p: (p.date is not None, p.date.isoformat() if p.date else ""),
        "title": lambda p: p.title.lower(),
        "authors": lambda p: p.authors_label().lower(),
        "venue": lambda p: (bool(p.venue), p.venue.lower()),
        "category": lambda p: (bool(p.category), p.category),
        "code": lambda p: p.code_available,
    }
    return keys.get(column, keys["date"])


def table_papers(papers: list[Paper], query: str = "", sort: tuple[str, bool] = DEFAULT_SORT) -> list[Paper]:
    """The papers the table shows: those matching the query, sorted by a column (ties: newest first)."""
    column, descending = sort
    shown = sorted(papers, key=sort_key("date"), reverse=True)
    shown = [p for p in shown if matches(p, query)]
    return sorted(shown, key=sort_key(column), reverse=descending)


def table_html(papers: list[Paper], query: str = "", sort: tuple[str, bool] = DEFAULT_SORT) -> str:
    """The table as HTML (cards at narrow widths through CSS); every cell is escaped record text."""
    shown = table_papers(papers, query, sort)
    column, descending = sort
    heads = []
    for key, label in COLUMNS:
        state = ("descending" if descending else "ascending") if key == column else "none"
        arrow = ("▼" if descending else "▲") if key == column else ""
        heads.append(f'<th scope="col" aria-sort="{state}" class="col-{key}"><button type="button" '
                     f'data-sort="{key}">{label} <span aria-hidden="true">{arrow}</span></button></th>')
    rows = []
    index = {id(p): i for i, p in enumerate(papers)}
    for paper in shown:
        link = paper_link(paper)
        title = escape(one_line(paper.title))
        code = "yes" if paper.code_available else ""
        rows.append(
            f'<tr data-paper="{index[id(paper)]}" tabindex="0" title="Ask about this paper">'
            f'<td class="col-date" data-label="Date">{escape(date_text(paper)) or "undated"}</td>'
            f'<td class="col-title" data-label="Title"><span class="paper-title">{title}</span>'
            + (f' <a class="paper-link" href="{attr(link)}" target="_blank" rel="noopener noreferrer" '
               f'aria-label="Open the paper">↗</a>' if link else "") + "</td>"
            f'<td class="col-authors" data-label="Authors">{escape(one_line(paper.authors_label()))}</td>'
            f'<td class="col-venue" data-label="Venue">{escape(one_line(paper.venue))}</td>'
            f'<td class="col-category" data-label="Category" title="{attr(category_label(paper.category))}">'
            f"{escape(paper.category)}</td>"
            f'<td class="col-code" data-label="Code">{code}</td></tr>')
    count = (f"{len(shown)} of {len(papers)} papers" if query.strip() else f"{len(papers)} papers")
    if not shown:
        empty = (f'<div class="papers-empty" role="status">No paper matches “{escape(query.strip())}”. Search '
                 "looks at the start of words in titles, authors, venues, categories and years.</div>")
        return f'<div class="papers" data-count="0">{empty}</div>'
    return (f'<div class="papers" data-count="{len(shown)}"><div class="papers-count" role="status">{count} · '
            "click a row to ask about the paper</div>"
            f'<table class="papers-table"><thead><tr>{"".join(heads)}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def next_sort(current: tuple[str, bool], column: str) -> tuple[str, bool]:
    """Clicking a header: sort by it (text A-Z, dates newest first); clicking it again reverses."""
    if column not in dict(COLUMNS):
        return current
    if current[0] == column:
        return column, not current[1]
    return column, column in ("date", "code")


def papers_chart(papers: list[Paper], compact: bool = False):
    """Papers per year, stacked by category: a matplotlib figure (no pyplot, so thread-safe). The compact
    one is drawn for phones: narrower, larger type, legend under the bars."""
    from matplotlib.figure import Figure

    dated = [p for p in papers if p.year]
    years = list(range(min(p.year for p in dated), max(p.year for p in dated) + 1)) if dated else []
    categories = [c for c, _ in Counter(p.category or "other" for p in dated).most_common()]
    size, font = ((4.2, 4.6), 11) if compact else ((9, 3.8), 9)
    fig = Figure(figsize=size, dpi=110 if not compact else 100, layout="constrained")
    ax = fig.add_subplot()
    bottom = [0] * len(years)
    for i, category in enumerate(categories):
        counts = [sum(1 for p in dated if p.year == y and (p.category or "other") == category) for y in years]
        label = (category if compact else category_label(category)).replace("$", r"\$")
        ax.bar(years, counts, bottom=bottom, label=label, color=PALETTE[i % len(PALETTE)], width=0.7)
        bottom = [b + c for b, c in zip(bottom, counts)]
    for year, total in zip(years, bottom):
        if total:
            ax.text(year, total + 0.15, str(total), ha="center", va="bottom", fontsize=font - 1)
    step = max(1, len(years) // 6) if compact else 1
    ax.set_xticks(years[::step], [str(y) for y in years[::step]], fontsize=font - 1)
    ax.tick_params(axis="y", labelsize=font - 1)
    ax.set_ylabel("papers", fontsize=font)
    ax.set_ylim(0, max(bottom or [1]) * 1.18 + 0.5)
    ax.spines[["top", "right"]].set_visible(False)
    ax.yaxis.get_major_locator().set_params(integer=True)
    if categories:
        if compact:
            fig.legend(fontsize=font - 1, frameon=False, loc="outside lower center", ncols=min(4, len(categories)))
        else:
            fig.legend(fontsize=font - 1, frameon=False, loc="outside right upper", title="category",
                       title_fontsize=font)
    undated = len(papers) - len(dated)
    ax.set_title("Papers per year, by category" + (f" ({undated} undated not shown)" if undated else ""),
                 fontsize=font + 1, loc="left")
    return fig
