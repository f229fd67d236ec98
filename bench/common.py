"""Helpers shared by the benchmarks: where the shared data lives, the machine, result tables."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / "cache"
RESULTS = ROOT / "bench" / "results"
SHARED_DATA = Path(os.environ.get("ASSISTANT_SHARED_DATA", ROOT.parent / "shared" / "data"))


def require(path: Path) -> Path:
    """The shared data file, or exit with a message saying it is absent (benchmarks skip, not fail)."""
    if not path.exists():
        print(f"skipped: {path} is absent (set ASSISTANT_SHARED_DATA to the folder holding it)")
        raise SystemExit(0)
    return path


def machine() -> str:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    mem = ""
    try:
        kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal")))
        mem = f", {kb / 2**20:.0f} GiB RAM"
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores ({cpu}){mem}, Python {platform.python_version()}, {platform.system()}"


def save(name: str, data: dict) -> Path:
    """Write results as JSON under bench/results with the date and machine."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    data = {"date": date.today().isoformat(), "machine": machine(), **data}
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, indent=2) + "\n")
    return path


def table(headers: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def git_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
