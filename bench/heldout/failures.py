"""`python -m bench.heldout.failures [NAME ...] [--all]`: what went wrong on the held-out records.

Reads bench/results/heldout.json (written by `python -m bench.heldout`) and prints, per record, each
question that failed: a gold paper neither cited nor retrieved, a fact asked for missing, a count or
venue answer not exact, a wrong refusal, a cited paper that is neither gold nor acceptable, or an
invented title; with the answer's first line and what was expected. Without --all, at most ten per
record, wrong refusals and inexact metadata first.
"""

from __future__ import annotations

import json
import sys

from bench.common import RESULTS

DECLINE = ("not_in_record", "false_premise")


def problems(q: dict) -> list[str]:
    found = []
    if not q["refusal_correct"]:
        if q["type"] in DECLINE:
            found.append("answered, should decline")
        else:
            found.append("refused" if q["status"] in (None, "answered") else f"declined as {q['status']}")
    if q["invented"]:
        found.append(f"invented {q['invented']}")
    if q["exact"] == 0.0:
        found.append("not exact")
    if q["recall"] is not None and q["recall"] < 1:
        found.append(f"missed {sorted(set(q['gold_titles']) - set(q['cited']) - set(q['retrieved']))}")
    if q["missing_facts"]:
        found.append(f"facts missing {q['missing_facts']}")
    if q["precision"] is not None and q["precision"] < 1:
        found.append(f"precision {q['precision']:.2f}")
    return found


def rank(q: dict) -> tuple:
    return (q["refusal_correct"], q["exact"] != 0.0, not q["missing_facts"], q["recall"] in (None, 1.0))


def main(argv: list[str]) -> int:
    path = RESULTS / "heldout.json"
    if not path.exists():
        print(f"error: {path} is absent; run `python -m bench.heldout` first", file=sys.stderr)
        return 2
    data = json.loads(path.read_text())
    names = [a for a in argv if not a.startswith("--")] or list(data["records"])
    for name in names:
        record = data["records"].get(name)
        if record is None:
            print(f"error: no record {name!r} in {path}", file=sys.stderr)
            return 2
        failed = sorted((q for q in record["questions"] if problems(q)), key=rank)
        shown = failed if "--all" in argv else failed[:10]
        print(f"## {name} ({record['role']}): {len(failed)} of {len(record['questions'])} questions with a problem")
        for q in shown:
            first = q["answer"].strip().splitlines()[0] if q["answer"].strip() else ""
            print(f"- {q['id']} [{q['type']}] {q['question']}\n    got: {first[:160]}"
                  f"\n    cited: {[t[:50] for t in q['cited']][:4]}\n    problems: {'; '.join(problems(q))}")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
