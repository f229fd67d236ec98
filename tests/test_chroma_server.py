"""The library on a real Chroma server (`chroma run`), as users who outgrow one machine run it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from assistant.chain import Assistant
from assistant.library import load_library
from assistant.retrieve import Index
from assistant.settings import Settings
from assistant.store import VectorStore
from ingest.pipeline import ingest
from tests.conftest import ROOT, free_port


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    binary = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    assert binary, "the chroma CLI comes with the chromadb package; reinstall the requirements"
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    process = subprocess.Popen([binary, "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.time() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
            break
        except OSError:
            assert process.poll() is None, "chroma run exited"
            assert time.time() < deadline, "chroma server did not start within 60 s"
            time.sleep(0.2)
    yield port
    process.terminate()
    process.wait(timeout=20)


def test_ingest_and_answer_through_a_chroma_server(chroma_server, tmp_path, embedder):
    settings = Settings(store_dir=tmp_path / "store", chroma_host="127.0.0.1", chroma_port=chroma_server)
    report = ingest([ROOT / "data"], settings, embedder=embedder)
    assert report.papers == 31
    assert not (tmp_path / "store" / "chroma").exists()  # vectors live on the server, not locally
    library = load_library(settings)
    assert VectorStore(settings, library.collection).count() == report.chunks

    again = ingest([ROOT / "data"], settings, embedder=embedder)
    assert again.embedded == 0 and again.unchanged == 31

    answer = Assistant(settings, Index(settings, embedder)).ask("How does Oort select participants?")
    assert answer.citations[0].title == "Oort: Efficient Federated Learning via Guided Participant Selection"
