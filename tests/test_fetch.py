"""`python -m ingest --orcid/--openalex/--dblp/--semantic-scholar`: fetched from a local server that replays
recorded API responses (tests/fixtures/README.md); no test reaches the internet."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from ingest.fetch import USER_AGENT, FetchError, fetch_record
from ingest.parsers import parse_file
from tests.conftest import ROOT, free_port

FIXTURES = Path(__file__).parent / "fixtures"
S2_PAGES = json.loads((FIXTURES / "api" / "semantic_scholar_author_1723755.json").read_text())
ORCID_RECORD = json.loads((FIXTURES / "exports" / "orcid_record.json").read_text())
ORCID_ID = ORCID_RECORD["orcid-identifier"]["path"]
OPENALEX_WORK = json.loads((FIXTURES / "exports" / "openalex_work.json").read_text())
DBLP_BIB = (FIXTURES / "exports" / "dblp_standard.bib").read_text()


class Replay(BaseHTTPRequestHandler):
    """Answers the services' paths with the recorded bodies; `failures` makes the first requests fail."""

    seen: list[tuple[str, str]] = []
    failures: list[int] = []

    def do_GET(self):  # noqa: N802 (the http.server API)
        Replay.seen.append((self.path, self.headers.get("User-Agent", "")))
        if Replay.failures:
            status = Replay.failures.pop(0)
            return self._send(status, b"busy", "text/plain", {"Retry-After": "0"})
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/graph/v1/author/1723755/papers":
            page = next((p for p in S2_PAGES if f"offset={query.get('offset')}&" in p["uri"]), None)
            if page is not None:
                return self._json(page["body"])
        if url.path == f"/v3.0/{ORCID_ID}/works":
            return self._json(ORCID_RECORD["activities-summary"]["works"])
        if url.path == "/works" and query.get("filter") == "author.id:A1969205032":
            # the recorded work, in the list envelope of /works: a first page, then an empty last one
            if query.get("cursor") == "*":
                return self._json({"meta": {"count": 1, "next_cursor": "Ij0x"}, "results": [OPENALEX_WORK]})
            return self._json({"meta": {"count": 1, "next_cursor": None}, "results": []})
        if url.path == "/pid/l/NutanLimaye.bib":
            return self._send(200, DBLP_BIB.encode(), "application/x-bibtex")
        return self._send(404, b"not found", "text/plain")

    def _json(self, data):
        self._send(200, json.dumps(data).encode(), "application/json")

    def _send(self, status, body: bytes, kind: str, headers: dict | None = None):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def replay(monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Replay)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Replay.seen, Replay.failures = [], []
    base = f"http://127.0.0.1:{server.server_address[1]}"
    monkeypatch.setenv("ASSISTANT_FETCH_BASE_URL", base)
    yield base
    server.shutdown()
    server.server_close()


def test_semantic_scholar_follows_every_page(replay, tmp_path):
    saved = fetch_record("semantic-scholar", "https://www.semanticscholar.org/author/1723755", tmp_path)
    assert saved == tmp_path / "fetched" / "semantic-scholar-1723755.json"
    expected = sum(len(p["body"]["data"]) for p in S2_PAGES)
    assert len(json.loads(saved.read_text())["data"]) == expected == 875
    assert [path.split("offset=")[1].split("&")[0] for path, _ in Replay.seen] == [str(100 * i) for i in range(9)]
    assert all(agent == USER_AGENT for _, agent in Replay.seen)
    papers = parse_file(saved).papers
    assert len(papers) == 875 and papers[0].title == S2_PAGES[0]["body"]["data"][0]["title"]


def test_openalex_follows_the_cursor_and_rebuilds_abstracts(replay, tmp_path):
    saved = fetch_record("openalex", "https://openalex.org/a1969205032", tmp_path)
    assert [parse_qs(urlsplit(p).query)["cursor"][0] for p, _ in Replay.seen] == ["*", "Ij0x"]
    (paper,) = parse_file(saved).papers
    assert paper.doi == "10.7717/peerj.4375" and paper.abstract.startswith("Despite growing interest in Open Access")


def test_dblp_saves_the_bibtex_as_sent(replay, tmp_path):
    saved = fetch_record("dblp", "https://dblp.org/pid/l/NutanLimaye.html", tmp_path)
    assert saved.name == "dblp-l_NutanLimaye.bib" and saved.read_text() == DBLP_BIB
    assert len(parse_file(saved).papers) == 118


def test_busy_service_is_retried_with_backoff(replay, tmp_path):
    Replay.failures = [429, 503]
    saved = fetch_record("dblp", "l/NutanLimaye", tmp_path, backoff=0.01)
    assert len(Replay.seen) == 3 and saved.exists()

    Replay.failures = [500] * 4
    with pytest.raises(FetchError, match=r"answered 500 .* 4 times; try again later"):
        fetch_record("dblp", "l/NutanLimaye", tmp_path / "other", backoff=0.01)
    assert not (tmp_path / "other" / "fetched").exists()


def test_bad_identifiers_and_unknown_records(replay, tmp_path):
    with pytest.raises(FetchError, match="not a valid orcid identifier; expected one like 0000-"):
        fetch_record("orcid", "12345", tmp_path)
    with pytest.raises(FetchError, match=r"no record at /pid/x/Nobody\.bib \(404\)"):
        fetch_record("dblp", "x/Nobody", tmp_path)


def test_offline_is_one_clear_line(monkeypatch, tmp_path):
    monkeypatch.setenv("ASSISTANT_FETCH_BASE_URL", f"http://127.0.0.1:{free_port()}")  # nothing listens
    with pytest.raises(FetchError, match=r"^cannot reach 127\.0\.0\.1:\d+ \(ConnectError.*check the network"):
        fetch_record("openalex", "A1969205032", tmp_path, backoff=0.01)


def test_cli_fetches_saves_and_then_stays_offline(replay, tmp_path):
    env = {"ASSISTANT_STORE_DIR": str(tmp_path / "store"), "ASSISTANT_DATA_DIR": str(tmp_path / "data"),
           "ASSISTANT_FETCH_BASE_URL": replay, "PATH": "/usr/bin:/bin"}
    run = lambda *args: subprocess.run([sys.executable, "-m", "ingest", *args], cwd=ROOT, env=env,  # noqa: E731
                                       capture_output=True, text=True, timeout=300)
    first = run("--orcid", f"https://orcid.org/{ORCID_ID}", "--json")
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    works = ORCID_RECORD["activities-summary"]["works"]["group"]
    dois = [g["work-summary"][0]["external-ids"]["external-id"] for g in works]
    distinct = {ids[0]["external-id-value"].lower() for ids in dois if ids} | {i for i, ids in enumerate(dois) if not ids}
    assert report["added"] == len(distinct) == 12  # the record lists two works twice (DOIs differing in case)
    assert [m["reason"] for m in report["merged"]] == ["same DOI", "same DOI"]
    saved = tmp_path / "data" / "fetched" / f"orcid-{ORCID_ID}.json"
    assert json.loads(saved.read_text()) == ORCID_RECORD["activities-summary"]["works"]  # the bulk call 404s

    env["ASSISTANT_FETCH_BASE_URL"] = f"http://127.0.0.1:{free_port()}"  # offline from here on
    again = run("--json")
    assert again.returncode == 0 and json.loads(again.stdout)["unchanged"] == 12

    offline = run("--dblp", "l/NutanLimaye")
    assert offline.returncode == 2 and offline.stderr.startswith("error: cannot reach 127.0.0.1")
    assert "Traceback" not in offline.stderr and len(offline.stderr.strip().splitlines()) == 1
