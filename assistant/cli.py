"""`python -m assistant search|ask|serve|eval`: the assistant from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.library import LibraryError
from assistant.settings import get_settings
from assistant.types import Filters


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of papers of at least 1, got {value}")
    return value


def add_filters(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters")
    group.add_argument("--year-from", type=int, help="only papers from this year on")
    group.add_argument("--year-to", type=int, help="only papers up to this year")
    group.add_argument("--category", action="append", default=[], help="only this category (repeatable), e.g. DC")
    group.add_argument("--code", action="store_true", help="only papers with code available")
    group.add_argument("--author", default="", help="only papers listing this author")


def filters_from(args: argparse.Namespace) -> Filters:
    return Filters(year_from=args.year_from, year_to=args.year_to, categories=set(args.category),
                   code=True if args.code else None, author=args.author)


def read_history(path: Path | None) -> list[dict]:
    if path is None:
        return []
    try:
        turns = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:  # ValueError covers bad JSON and bad UTF-8
        raise SystemExit(f"error: --history {path}: {error}") from None
    if not isinstance(turns, list) or not all(
            isinstance(t, dict) and t.get("role") in ("user", "assistant") and isinstance(t.get("content"), str)
            for t in turns):
        raise SystemExit(f'error: --history {path}: expected a JSON list of {{"role": "user"|"assistant", '
                         f'"content": str}}}}')
    return turns


def cmd_search(args: argparse.Namespace) -> int:
    from assistant.retrieve import Index

    index = Index(get_settings())
    hits = index.search(args.query, args.k, filters_from(args))
    if args.json:
        print(json.dumps([{"title": h.paper.title, "year": h.paper.year, "authors": h.paper.authors,
                           "score": round(h.score, 4), "snippet": (h.passages[0] if h.passages else "")[:300]}
                          for h in hits]))
    else:
        for n, hit in enumerate(hits, start=1):
            print(f"{n}. {hit.paper.title} ({hit.paper.date_label()})  score {hit.score:.3f}")
    return 0


def answer_json(answer) -> dict:
    data = {"answer": answer.text, "citations": [{"title": c.title, "year": c.year} for c in answer.citations],
            "mode": answer.mode, "generator": answer.generator, "status": answer.status}
    if answer.removed_citations:
        data["removed_citations"] = answer.removed_citations
    if answer.notice:
        data["notice"] = answer.notice
    return data


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.chain import Assistant
    from assistant.citations import render_sources

    assistant = Assistant(get_settings())
    history = read_history(args.history)
    if args.json:
        answer = assistant.ask(args.question, args.mode, history, filters_from(args))
        print(json.dumps(answer_json(answer), ensure_ascii=False))
        return 0
    answer = None
    for event in assistant.stream(args.question, args.mode, history, filters_from(args)):
        if event.kind == "notice":
            print(f"\n[notice] {event.text}", file=sys.stderr)
        elif event.kind == "final":
            answer = event.answer
    print(answer.text)
    if answer.citations:
        print("\nSources:\n" + render_sources([h.paper for h in answer.hits]))
    if answer.removed_citations:
        print("\nRemoved citations that could not be verified: " + "; ".join(answer.removed_citations))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import warnings

    # Gradio's own models pass an alias pydantic ignores; the warning says nothing a user can act on
    warnings.filterwarnings("ignore", message=r"The 'alias' attribute with value 'event_id'")
    from assistant.web import serve

    try:
        serve(get_settings(), host=args.host, port=args.port)
    except (OSError, ValueError) as error:  # e.g. an unreadable or malformed ASSISTANT_AUTH
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from assistant.evaluate import main as evaluate

    return evaluate(args)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    search = sub.add_parser("search", help="find the papers that match a query")
    search.add_argument("query")
    search.add_argument("--k", type=positive, default=5, help="how many papers (default 5)")
    search.add_argument("--json", action="store_true")
    add_filters(search)
    search.set_defaults(run=cmd_search)

    ask = sub.add_parser("ask", help="answer a question with citations")
    ask.add_argument("question")
    ask.add_argument("--mode", choices=["ask", "summarize", "related-work"], default="ask")
    ask.add_argument("--history", type=Path, help='JSON file of earlier turns [{"role", "content"}]')
    ask.add_argument("--json", action="store_true")
    add_filters(ask)
    ask.set_defaults(run=cmd_ask)

    serve = sub.add_parser("serve", help="start the web chat")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=7860)
    serve.set_defaults(run=cmd_serve)

    ev = sub.add_parser("eval", help="measure the assistant on a golden question set")
    ev.add_argument("golden", nargs="?", type=Path, help="JSONL of questions (default: the shipped golden set)")
    ev.add_argument("--record", type=Path, help="ingest this record into a temporary library and measure on it")
    ev.add_argument("--json", action="store_true")
    ev.set_defaults(run=cmd_eval)

    args = parser.parse_args(argv)
    from assistant.prompting import QuestionError

    try:
        return args.run(args)
    except (LibraryError, QuestionError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
