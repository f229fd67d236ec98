"""Fetch a researcher's record by identifier from ORCID, OpenAlex, DBLP or Semantic Scholar.

What the service returns is saved unchanged (pages joined) as an ordinary source file under
``<data dir>/fetched/``, which the parsers read like any export: re-ingesting and answering never need
the network again. Requests carry a polite User-Agent, follow the service's pagination, and retry
with exponential backoff on connection errors, 429 and 5xx (honouring ``Retry-After``).

``ASSISTANT_FETCH_BASE_URL`` replaces every service's scheme and host (the tests point it at a
local server that replays recorded responses).
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx

USER_AGENT = "paper-assistant/1.0 (publication record import; python-httpx)"
BASE_ENV = "ASSISTANT_FETCH_BASE_URL"
RETRIES = 4


class FetchError(Exception):
    """A record could not be fetched; the message is one line a user can act on."""


@dataclass(frozen=True)
class Service:
    name: str  # the CLI flag without dashes
    base: str
    pattern: re.Pattern  # what a valid identifier looks like (after normalising)
    example: str
    suffix: str  # the saved file's suffix, which picks its parser


SERVICES = {
    "orcid": Service("orcid", "https://pub.orcid.org", re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]"),
                     "0000-0002-1825-0097", ".json"),
    "openalex": Service("openalex", "https://api.openalex.org", re.compile(r"A\d+"), "A5023888391", ".json"),
    "dblp": Service("dblp", "https://dblp.org", re.compile(r"[\w.\-]+(/[\w.\-]+)*"), "l/FanLai", ".bib"),
    "semantic-scholar": Service("semantic-scholar", "https://api.semanticscholar.org", re.compile(r"\d+"),
                                "1723755", ".json"),
}
S2_FIELDS = ("title,authors,year,publicationDate,venue,publicationVenue,journal,externalIds,abstract,"
             "publicationTypes,url,fieldsOfStudy")


def normalise_id(service: Service, raw: str) -> str:
    """``https://orcid.org/0000-...`` -> ``0000-...``, ``https://openalex.org/A5...`` -> ``A5...``, a DBLP
    person URL -> its pid.

    Raises:
        FetchError: when the identifier does not look like one of this service's.
    """
    text = raw.strip()
    if service.name == "dblp":
        text = re.sub(r"^https?://dblp\.org/pid/|\.(html|bib|xml)$", "", text)
    else:
        text = text.rstrip("/").rsplit("/", 1)[-1]
    if service.name == "openalex":
        text = text.upper()
    if not service.pattern.fullmatch(text):
        raise FetchError(f"{raw!r} is not a valid {service.name} identifier; expected one like {service.example}")
    return text


class Client:
    """GET with retries and backoff against one service (or the replay base URL)."""

    def __init__(self, service: Service, *, backoff: float = 1.0, timeout: float = 30.0):
        self.base = (os.environ.get(BASE_ENV) or service.base).rstrip("/")
        self.backoff = backoff
        self.http = httpx.Client(timeout=timeout, follow_redirects=True,
                                 headers={"User-Agent": USER_AGENT, "Accept": "application/json"})

    def get(self, path: str, params: dict | None = None, accept: str = "application/json") -> httpx.Response:
        url = self.base + path
        host = urlsplit(url).netloc
        for attempt in range(RETRIES):
            try:
                response = self.http.get(url, params=params, headers={"Accept": accept})
            except httpx.TransportError as error:
                if attempt == RETRIES - 1:
                    raise FetchError(f"cannot reach {host} ({type(error).__name__}: {error or 'no answer'}); "
                                     "check the network connection and try again") from None
                time.sleep(self.backoff * 2 ** attempt)
                continue
            if response.status_code == 429 or response.status_code >= 500:
                if attempt == RETRIES - 1:
                    raise FetchError(f"{host} answered {response.status_code} {response.reason_phrase} "
                                     f"{RETRIES} times; try again later")
                wait = response.headers.get("Retry-After", "")
                time.sleep(min(float(wait), 60.0) if wait.replace(".", "", 1).isdigit()
                           else self.backoff * 2 ** attempt)
                continue
            if response.status_code == 404:
                raise FetchError(f"{host} has no record at {path} (404); check the identifier")
            if response.status_code >= 400:
                raise FetchError(f"{host} refused {path}: {response.status_code} {response.reason_phrase}")
            return response
        raise AssertionError("unreachable")

    def json(self, path: str, params: dict | None = None) -> dict:
        response = self.get(path, params)
        try:
            return response.json()
        except ValueError:
            raise FetchError(f"{urlsplit(self.base).netloc} sent something that is not JSON for {path}") from None

    def close(self) -> None:
        self.http.close()


def _orcid(client: Client, orcid: str, tick: Callable[[int], None]) -> str:
    """The works list, then the full works (with contributors) in batches of 100 put-codes."""
    works = client.json(f"/v3.0/{orcid}/works")
    tick(1)
    codes = [str(g["work-summary"][0]["put-code"]) for g in works.get("group") or [] if g.get("work-summary")]
    full = []
    try:
        for start in range(0, len(codes), 100):
            batch = client.json(f"/v3.0/{orcid}/works/{','.join(codes[start:start + 100])}")
            full.extend(item for item in batch.get("bulk") or [] if isinstance(item, dict) and "work" in item)
            tick(1)
    except FetchError:
        full = []  # the summaries still make a record
    if codes and len(full) == len(codes):
        return json.dumps({"bulk": full}, ensure_ascii=False, indent=1)
    return json.dumps(works, ensure_ascii=False, indent=1)  # the summaries at least (no contributors)


def _openalex(client: Client, author: str, tick: Callable[[int], None]) -> str:
    results, cursor = [], "*"
    while cursor:
        page = client.json("/works", {"filter": f"author.id:{author}", "per-page": 200, "cursor": cursor})
        results.extend(page.get("results") or [])
        cursor = (page.get("meta") or {}).get("next_cursor")
        tick(1)
        if not page.get("results"):
            break
    return json.dumps({"results": results}, ensure_ascii=False, indent=1)


def _dblp(client: Client, pid: str, tick: Callable[[int], None]) -> str:
    text = client.get(f"/pid/{pid}.bib", accept="application/x-bibtex, text/plain").text
    tick(1)
    if "@" not in text:
        raise FetchError(f"dblp sent no BibTeX for {pid}; check the person identifier (e.g. l/FanLai)")
    return text


def _semantic_scholar(client: Client, author: str, tick: Callable[[int], None]) -> str:
    data, offset = [], 0
    while offset is not None:
        page = client.json(f"/graph/v1/author/{author}/papers", {"fields": S2_FIELDS, "offset": offset, "limit": 100})
        data.extend(page.get("data") or [])
        offset = page.get("next")
        tick(1)
        if not page.get("data"):
            break
    return json.dumps({"data": data}, ensure_ascii=False, indent=1)


FETCHERS = {"orcid": _orcid, "openalex": _openalex, "dblp": _dblp, "semantic-scholar": _semantic_scholar}


def fetch_record(service_name: str, raw_id: str, data_dir: Path, *, progress: bool = False,
                 backoff: float = 1.0) -> Path:
    """Fetch a record and save it under ``data_dir/fetched/``; returns the saved file.

    Raises:
        FetchError: a bad identifier, no network, or a service that keeps failing. Nothing is saved then.
    """
    service = SERVICES[service_name]
    ident = normalise_id(service, raw_id)
    client = Client(service, backoff=backoff)
    bar = _bar(service.name, progress)
    try:
        text = FETCHERS[service.name](client, ident, bar.update if bar else lambda n: None)
    finally:
        client.close()
        if bar:
            bar.close()
    target = data_dir / "fetched" / f"{service.name}-{re.sub(r'[^A-Za-z0-9_-]+', '_', ident)}{service.suffix}"
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".part")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)
    return target


def _bar(name: str, enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(unit="page", desc=f"Fetching from {name}", file=sys.stderr)

