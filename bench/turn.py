"""Understanding a question as the record grows: 100, 500 and 2,000 papers with all their authors and venues.

Run: `python -m bench.turn` (about a minute). Records are the first N papers of the shared conference corpus
(titles, abstracts, every author, venue and year as the corpus gives them); a 2,000-paper Web of Science export
holds some 11,000 spellings of people, and every turn looks for them in the question. Measured, in one run:
building the record's people and tables (`Reader`), and reading ten questions (`Reader.read`), each as a
ratio to the 100-paper record; and grouping the people with every spelling compared to every person (the
baseline the grouping by surname key replaces) beside the grouping used. Retrieval's own scaling is
`bench.scale`.
"""

from __future__ import annotations

import gzip
import json
import statistics
import time
from collections import Counter
from datetime import date

from assistant.people import People
from assistant.types import Paper, name_matches, name_tokens
from assistant.understand import Reader
from bench.common import SHARED_DATA, log, require, save, table

SIZES = [100, 500, 2_000]
QUESTIONS = ["How many papers are in the record?", "Which papers did Andrea Vedaldi write with Christian Rupprecht?",
             "What has been done on monocular depth estimation?", "Which papers appeared at 3DV in 2025?",
             "Who is the most frequent co-author?", "Summarise the work on Gaussian splatting.",
             "Which of his papers appeared in Nature?", "What are the earliest and the latest papers?",
             "Which papers did J. Smith write?", "Compare the two papers on neural radiance fields."]


def corpus_papers(n: int) -> list[Paper]:
    papers = []
    with gzip.open(require(SHARED_DATA / "paperlists" / "corpus.jsonl.gz"), "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            meta = row.get("metadata") or {}
            authors = [a.strip() for a in (meta.get("authors") or "").split(";") if a.strip()]
            if not authors or not meta.get("year"):
                continue
            papers.append(Paper(row["title"], authors=authors, abstract=row["text"], venue=meta.get("venue", ""),
                                date=date(int(meta["year"]), 1, 1), date_precision="year"))
            if len(papers) == n:
                break
    return papers


def people_compared_pairwise(papers: list[Paper]) -> list[set[str]]:
    """The baseline: each spelling, in the order `People` takes them (full given names first, the most used
    first), compared with every variant of every person found so far; the people as sets of spellings."""
    spellings = Counter(a for p in papers for a in dict.fromkeys(p.authors) if name_tokens(a))
    order = sorted((s for s in spellings if len(name_tokens(s)[0]) > 1), key=lambda s: -spellings[s]) + sorted(
        (s for s in spellings if len(name_tokens(s)[0]) == 1), key=lambda s: -spellings[s])
    people: list[set[str]] = []
    for spelling in order:
        group = next((g for g in people if any(name_matches(spelling, v) or name_matches(v, spelling) for v in g)),
                     None)
        if group is None:
            people.append(group := set())
        group.add(spelling)
    return people


def seconds(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main() -> None:
    rows, results = [], {}
    base_build = base_turn = None
    for n in SIZES:
        papers = corpus_papers(n)
        spellings = len({a for p in papers for a in p.authors})
        build = statistics.median(seconds(lambda: Reader(papers)) for _ in range(3))  # a median: one run is noisy
        reader = Reader(papers)
        turn = statistics.median(seconds(lambda q=q: reader.read(q)) for q in QUESTIONS)
        grouped = statistics.median(seconds(lambda: People(papers)) for _ in range(3))
        pairwise = seconds(lambda: people_compared_pairwise(papers)) if n <= 500 else None
        base_build, base_turn = base_build or build, base_turn or turn
        results[n] = {"papers": len(papers), "spellings": spellings, "build_s": round(build, 3),
                      "turn_median_s": round(turn, 4), "build_ratio": round(build / base_build, 1),
                      "turn_ratio": round(turn / base_turn, 1), "people_grouped_s": round(grouped, 3),
                      "people_pairwise_s": None if pairwise is None else round(pairwise, 3)}
        rows.append([len(papers), spellings, f"{build:.2f} s ({build / base_build:.1f}x)",
                     f"{turn * 1000:.0f} ms ({turn / base_turn:.1f}x)", f"{grouped:.2f} s",
                     "-" if pairwise is None else f"{pairwise:.2f} s ({pairwise / grouped:.0f}x slower)"])
        log(f"{n} papers: build {build:.2f} s, turn {turn * 1000:.0f} ms")
    print(table(["papers", "author spellings", "record tables built", "a question read (median)",
                 "people grouped by surname key", "people compared pairwise (baseline)"], rows))
    save("turn", {"sizes": results})


if __name__ == "__main__":
    main()
