"""`python -m ingest [PATH ...] [--json]`: build or sync the library."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.library import LibraryError
from assistant.settings import get_settings
from ingest.pipeline import IngestError, ingest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest", description=__doc__)
    parser.add_argument("paths", nargs="*", type=Path,
                        help="source files or folders (.txt profile, .bib, .json, .jsonl, .csv); default: data/")
    parser.add_argument("--json", action="store_true", help="print one JSON object with the counts")
    parser.add_argument("--rebuild", action="store_true",
                        help="throw the stored vectors away and embed everything again (repairs a damaged store)")
    args = parser.parse_args(argv)
    settings = get_settings()
    paths = args.paths or [settings.data_dir]
    try:
        report = ingest(paths, settings, progress=not args.json and sys.stderr.isatty(), rebuild=args.rebuild)
    except IngestError as error:
        for item in error.errors:
            print(f"error: {item}", file=sys.stderr)
        print("nothing was written; the library is as it was", file=sys.stderr)
        return 2
    except LibraryError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\ninterrupted: run `python -m ingest` again to finish; until then the assistant refuses to "
              "answer from a half-written library", file=sys.stderr)
        return 130
    if args.json:
        print(json.dumps(report.to_json()))
    else:
        print(f"{report.papers} papers, {report.chunks} chunks: {report.added} added, {report.updated} updated, "
              f"{report.removed} removed, {report.unchanged} unchanged ({report.embedded} chunks embedded, "
              f"{report.seconds:.1f} s)")
        for item in report.merged:
            print(f"merged duplicate: {item['title']} ({', '.join(item['sources'])})")
    return 0
