"""The library on a real Chroma server (`chroma run`), as users who outgrow one machine run it: libraries
named apart on one server, processes on other machines sharing one library and seeing a new ingest."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from assistant.chain import Assistant
from assistant.library import Live, LibraryError, current_version, load_library
from assistant.retrieve import Index
from assistant.settings import Settings
from assistant.store import VectorStore, library_name, meta_collection
from ingest.pipeline import ingest
from tests.conftest import ROOT, free_port


def start_chroma(folder: Path) -> tuple[subprocess.Popen, int]:
    binary = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    assert binary, "the chroma CLI comes with the chromadb package; reinstall the requirements"
    port = free_port()
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    process = subprocess.Popen([binary, "run", "--path", str(folder), "--host", "127.0.0.1", "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.time() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
            return process, port
        except OSError:
            assert process.poll() is None, "chroma run exited"
            assert time.time() < deadline, "chroma server did not start within 60 s"
            time.sleep(0.2)


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    process, port = start_chroma(tmp_path_factory.mktemp("chroma-server"))
    yield port
    process.terminate()
    process.wait(timeout=20)


def on_server(port: int, tmp_path: Path, library: str, store: str = "store") -> Settings:
    return Settings(store_dir=tmp_path / store, chroma_host="127.0.0.1", chroma_port=port, library=library,
                    reload_check_seconds=0.1)


def record(folder: Path, name: str, topics: list[str]) -> Path:
    """A small JSON record, one paper per topic."""
    folder.mkdir(parents=True, exist_ok=True)
    papers = [{"title": f"{topic.title()}: A Study of {topic} in Practice", "authors": [f"Ada {name.title()}"],
               "year": 2020 + i, "abstract": f"We study {topic}. Our system improves {topic} by {i + 2}x."}
              for i, topic in enumerate(topics)]
    path = folder / f"{name}.json"
    path.write_text(json.dumps(papers), encoding="utf-8")
    return path


def test_ingest_and_answer_through_a_chroma_server(chroma_server, tmp_path, embedder):
    settings = on_server(chroma_server, tmp_path, "shipped")
    report = ingest([ROOT / "data"], settings, embedder=embedder)
    assert report.papers == 31
    assert not (tmp_path / "store" / "chroma").exists()  # vectors live on the server, not locally
    assert not (tmp_path / "store" / "library.json").exists()  # and so does the rest of the library
    library = load_library(settings)
    assert library.collection.startswith("shipped-")
    assert VectorStore(settings, library.collection).count() == report.chunks

    again = ingest([ROOT / "data"], settings, embedder=embedder)
    assert again.embedded == 0 and again.unchanged == 31

    # a process on another machine: no store directory of its own, only the server and the library's name
    elsewhere = on_server(chroma_server, tmp_path, "shipped", store="elsewhere")
    answer = Assistant(elsewhere, Index(elsewhere, embedder)).ask("How does Oort select participants?")
    assert answer.citations[0].title == "Oort: Efficient Federated Learning via Guided Participant Selection"


def test_two_libraries_on_one_server_never_collide(chroma_server, tmp_path, embedder):
    alpha = on_server(chroma_server, tmp_path, "alpha", store="a")
    beta = on_server(chroma_server, tmp_path, "beta", store="b")
    first = ingest([record(tmp_path / "ra", "alpha", ["glacier melt", "sea ice", "permafrost"])], alpha,
                   embedder=embedder)
    second = ingest([record(tmp_path / "rb", "beta", ["protein folding", "enzyme kinetics"])], beta,
                    embedder=embedder)
    assert (first.papers, first.removed, second.papers, second.removed) == (3, 0, 2, 0)
    assert meta_collection(alpha) != meta_collection(beta)
    for settings, titles in ((alpha, {"Glacier Melt", "Sea Ice", "Permafrost"}),
                             (beta, {"Protein Folding", "Enzyme Kinetics"})):
        index = Index(settings, embedder)  # loads every vector: fails if the other ingest removed any
        assert {p.title.split(":")[0] for p in index.library.papers} == titles
        assert index.store.count() == len(index.library.chunks)
    # re-ingesting or rebuilding one library leaves the other as it was
    ingest([record(tmp_path / "ra", "alpha", ["glacier melt"])], alpha, embedder=embedder)
    assert len(Index(beta, embedder).library.papers) == 2 and len(Index(alpha, embedder).library.papers) == 1
    rebuilt = ingest([tmp_path / "ra" / "alpha.json"], alpha, embedder=embedder, rebuild=True)
    assert rebuilt.embedded == 1 and len(Index(alpha, embedder).library.papers) == 1
    assert len(Index(beta, embedder).library.papers) == 2


def test_a_serving_process_switches_to_a_new_ingest_atomically(chroma_server, tmp_path, embedder):
    settings = on_server(chroma_server, tmp_path, "live")
    source = record(tmp_path / "r", "live", ["glacier melt", "sea ice"])
    ingest([source], settings, embedder=embedder)
    live = Live(settings, lambda old: Index(settings, embedder))
    held = live.get()  # a conversation in flight holds this one
    assert len(held.library.papers) == 2 and held.is_current()

    record(tmp_path / "r", "live", ["glacier melt", "sea ice", "permafrost"])
    ingest([source], settings, embedder=embedder)
    assert not held.is_current() and current_version(settings) != held.version
    time.sleep(0.15)
    assert live.get() is held  # the new library loads in the background; requests are not held up
    assert live.check(wait=True) is False or live.value is not held
    deadline = time.monotonic() + 5
    while live.get() is held and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(live.get().library.papers) == 3
    assert len(held.library.papers) == 2 and held.search("sea ice")  # the old one still answers


SERVE = r"""
import json, sys
from assistant.library import Live
from assistant.retrieve import Index
from assistant.settings import Settings
settings = Settings()
live = Live(settings, lambda old: old.reloaded() if old else Index(settings))
print(json.dumps({"ready": len(live.get().library.papers)}), flush=True)
for line in sys.stdin:
    index = live.get()
    hits = index.search(line.strip(), 3)
    print(json.dumps({"papers": len(index.library.papers), "top": hits[0].paper.title if hits else ""}), flush=True)
"""


def test_two_processes_share_one_library_and_see_an_ingest_within_a_second(chroma_server, tmp_path, embedder):
    settings = on_server(chroma_server, tmp_path, "shared")
    source = record(tmp_path / "r", "shared", ["glacier melt", "sea ice"])
    ingest([source], settings, embedder=embedder)
    env = {**os.environ, "CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": str(chroma_server), "ASSISTANT_LIBRARY": "shared",
           "ASSISTANT_RELOAD_CHECK_SECONDS": "0.2"}
    processes = []
    try:
        for n in range(2):  # each with a store directory of its own, as on another machine
            env_n = {**env, "ASSISTANT_STORE_DIR": str(tmp_path / f"replica{n}")}
            processes.append(subprocess.Popen([sys.executable, "-c", SERVE], cwd=ROOT, env=env_n, text=True,
                                              stdin=subprocess.PIPE, stdout=subprocess.PIPE))
        for process in processes:
            assert json.loads(process.stdout.readline()) == {"ready": 2}

        def ask(process, query):
            process.stdin.write(query + "\n")
            process.stdin.flush()
            return json.loads(process.stdout.readline())

        assert all(ask(p, "permafrost thaw")["papers"] == 2 for p in processes)
        record(tmp_path / "r", "shared", ["glacier melt", "sea ice", "permafrost"])
        ingest([source], settings, embedder=embedder)
        done = time.monotonic()
        seen = {}
        while len(seen) < 2 and time.monotonic() - done < 5:
            for n, process in enumerate(processes):
                reply = ask(process, "permafrost thaw")
                if reply["papers"] == 3 and n not in seen:
                    seen[n] = (time.monotonic() - done, reply["top"])
            time.sleep(0.05)
        assert len(seen) == 2, "a replica never saw the new ingest"
        for delay, top in seen.values():
            assert delay < 1.0 and top.startswith("Permafrost")
    finally:
        for process in processes:
            process.stdin.close()
            process.wait(timeout=20)


def test_the_chroma_server_down_is_one_clear_error(tmp_path):
    settings = Settings(store_dir=tmp_path / "s", chroma_host="127.0.0.1", chroma_port=free_port(), library="gone")
    with pytest.raises(LibraryError, match=r"cannot reach the Chroma server at 127\.0\.0\.1:\d+ .*CHROMA_HOST"):
        load_library(settings)
    for command in (["-m", "assistant", "search", "x"], ["-m", "assistant", "ask", "x"], ["-m", "ingest"]):
        done = subprocess.run([sys.executable, *command], cwd=ROOT, capture_output=True, text=True, timeout=120,
                              env={**os.environ, "CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": str(settings.chroma_port),
                                   "ASSISTANT_STORE_DIR": str(tmp_path / "s")})
        assert done.returncode == 2, done.stderr
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: cannot reach the Chroma server"), done.stderr
    assert library_name(settings) == "gone"
