"""Build the held-out records that come from the shared paper corpus: `python -m bench.heldout.build`.

The corpus (`../shared/data/paperlists/corpus.jsonl.gz`, conference papers with venue, year, authors and
abstract) is internal: its abstracts are never committed. This script selects every paper of one real
author (all spellings of the name, compared accent- and case-folded), keeps one row per corpus id, and
writes the record in the product's JSON format into bench/cache/heldout/ with a `<name>.meta.json`
sidecar (capture date and owner). The golden sets in bench/heldout/golden/ use these titles verbatim.
"""

from __future__ import annotations

import gzip
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from bench.common import CACHE, SHARED_DATA, log

CORPUS = SHARED_DATA / "paperlists" / "corpus.jsonl.gz"
OUT = CACHE / "heldout"

# Corpus venue code -> (acronym, full name).
VENUES = {
    "acl": ("ACL", "Annual Meeting of the Association for Computational Linguistics"),
    "naacl": ("NAACL", "Conference of the North American Chapter of the Association for Computational Linguistics"),
    "coling": ("COLING", "International Conference on Computational Linguistics"),
    "colm": ("COLM", "Conference on Language Modeling"),
    "cvpr": ("CVPR", "IEEE/CVF Conference on Computer Vision and Pattern Recognition"),
    "iccv": ("ICCV", "IEEE/CVF International Conference on Computer Vision"),
    "eccv": ("ECCV", "European Conference on Computer Vision"),
    "wacv": ("WACV", "IEEE/CVF Winter Conference on Applications of Computer Vision"),
    "3dv": ("3DV", "International Conference on 3D Vision"),
    "icra": ("ICRA", "IEEE International Conference on Robotics and Automation"),
    "iros": ("IROS", "IEEE/RSJ International Conference on Intelligent Robots and Systems"),
}


@dataclass(frozen=True)
class Spec:
    name: str  # file stem
    researcher: str  # the owner's name as the sidecar states it
    folded: str  # the owner's name, accent- and case-folded, as matched against every author
    captured: str  # ISO date the record is taken to be captured
    shape: str  # "s2": Semantic Scholar shape (full venue names); "plain": flat list with venue acronyms


SPECS = [
    Spec("ivan_vulic", "Ivan Vulić", "ivan vulic", "2025-12-01", "plain"),
    Spec("laura_leal_taixe", "Laura Leal-Taixé", "laura leal-taixe", "2025-12-01", "plain"),
    Spec("maximo_roa", "Máximo A. Roa", "maximo a. roa", "2024-06-30", "s2"),
]


def fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.replace("\xa0", " ")).encode("ascii", "ignore").decode()
    return " ".join(text.lower().split())


def select(spec: Spec, rows: list[dict]) -> list[dict]:
    """Every paper with the owner among its authors, one per corpus id, oldest first then by title."""
    seen, papers = set(), []
    for row in rows:
        authors = [a.strip() for a in row["metadata"].get("authors", "").split(";") if a.strip()]
        if row["id"] in seen or not any(fold(a) == spec.folded for a in authors):
            continue
        seen.add(row["id"])
        papers.append(row)
    return sorted(papers, key=lambda r: (r["metadata"]["year"], r["title"]))


def to_record(spec: Spec, rows: list[dict]) -> dict | list:
    papers = []
    for row in rows:
        meta = row["metadata"]
        acronym, full = VENUES[meta["venue"]]
        # Robotics rows list every author twice; a name is kept once, in its first position.
        authors = list(dict.fromkeys(a.strip().replace("\xa0", " ") for a in meta["authors"].split(";") if a.strip()))
        if spec.shape == "s2":
            papers.append({"title": row["title"], "authors": [{"name": a} for a in authors], "year": meta["year"],
                           "venue": full, "abstract": row["text"], "url": meta.get("url", "")})
        else:
            papers.append({"title": row["title"], "authors": authors, "year": meta["year"], "venue": acronym,
                           "abstract": row["text"], "url": meta.get("url", "")})
    return {"data": papers} if spec.shape == "s2" else papers


def paths(spec: Spec, out: Path = OUT) -> tuple[Path, Path]:
    return out / f"{spec.name}.json", out / f"{spec.name}.meta.json"


def build(force: bool = False, out: Path = OUT) -> list[Path]:
    """Write every corpus record that is missing from `out` (or all with force); return the record paths."""
    todo = [s for s in SPECS if force or not all(p.exists() for p in paths(s, out))]
    if todo:
        if not CORPUS.exists():
            raise SystemExit(f"skipped: {CORPUS} is absent (set ASSISTANT_SHARED_DATA to the folder holding it)")
        log(f"reading {CORPUS} ...")
        with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle]
        out.mkdir(parents=True, exist_ok=True)
        for spec in todo:
            selected = select(spec, rows)
            record, meta = paths(spec, out)
            record.write_text(json.dumps(to_record(spec, selected), ensure_ascii=False, indent=1) + "\n")
            meta.write_text(json.dumps({"record": record.name, "researcher": spec.researcher,
                                        "captured": spec.captured,
                                        "description": f"{len(selected)} conference papers of {spec.researcher} "
                                                       "from the shared paper corpus"}, ensure_ascii=False,
                                       indent=2) + "\n")
            log(f"{record}: {len(selected)} papers")
    return [paths(s, out)[0] for s in SPECS]


if __name__ == "__main__":
    import sys

    build(force="--force" in sys.argv)
