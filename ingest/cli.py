"""`python -m ingest [PATH ...] [--strict] [--json]`: build or sync the library.

`--orcid ID`, `--openalex ID`, `--dblp PID` or `--semantic-scholar ID` first fetches that record and saves it
under the data folder (`fetched/`), then ingests it."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.library import LibraryError
from assistant.settings import get_settings
from ingest.fetch import SERVICES, FetchError, fetch_record
from ingest.pipeline import IngestError, IngestReport, ingest


def print_report(report: IngestReport) -> None:
    """The human summary: counts, then every merge, version kept apart, skipped entry and warning."""
    print(f"{report.papers} papers, {report.chunks} chunks: {report.added} added, {report.updated} updated, "
          f"{report.removed} removed, {report.unchanged} unchanged ({report.embedded} chunks embedded, "
          f"{report.seconds:.1f} s)")
    for item in report.merged:
        print(f"merged duplicate ({item['reason']}): {item['title']} ({', '.join(item['sources'])})")
    for item in report.versions:
        print(f"kept as {len(item['versions'])} versions: {item['title']} ({'; '.join(item['versions'])})")
    for kind, items in (("skipped", report.skipped), ("warning", report.warnings)):
        for item in items:
            where = item["file"] + (f", line {item['line']}" if item["line"] else "") + \
                (f", record {item['record']}" if item["record"] else "") + (f" ({item['key']})" if item["key"] else "")
            print(f"{kind}: {where}: {item['reason']}" + (f"; fix: {item['hint']}" if item["hint"] else ""))
    if report.skipped:
        count = len(report.skipped)
        print(f"{count} {'entry' if count == 1 else 'entries'} skipped; fix and run again, or use --strict to "
              "refuse such files")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest", description=__doc__)
    parser.add_argument("paths", nargs="*", type=Path,
                        help="source files or folders (.txt profile, .bib, .ris, .nbib, .json, .jsonl, .yml, .csv, "
                             "EndNote .xml; a PubMed, Web of Science or RIS export saved as .txt); default: data/")
    parser.add_argument("--json", action="store_true", help="print one JSON object with the counts")
    parser.add_argument("--strict", action="store_true",
                        help="refuse a file with any bad entry instead of skipping that entry")
    fetch = parser.add_mutually_exclusive_group()
    for service in SERVICES.values():
        fetch.add_argument(f"--{service.name}", metavar="ID", dest=service.name.replace("-", "_"),
                           help=f"fetch this {service.name} record first (e.g. {service.example}) and ingest it")
    parser.add_argument("--rebuild", action="store_true",
                        help="throw the stored vectors away and embed everything again (repairs a damaged store)")
    args = parser.parse_args(argv)
    settings = get_settings()
    paths = list(args.paths) or [settings.data_dir]
    progress = not args.json and sys.stderr.isatty()
    wanted = next(((name, getattr(args, name.replace("-", "_"))) for name in SERVICES
                   if getattr(args, name.replace("-", "_"))), None)
    if wanted is not None:
        try:
            saved = fetch_record(*wanted, settings.data_dir, progress=progress)
        except FetchError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        if not args.json:
            print(f"saved {saved}")
        paths = [saved, *args.paths]
    try:
        report = ingest(paths, settings, progress=progress, strict=args.strict, rebuild=args.rebuild)
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
        print_report(report)
    return 0
