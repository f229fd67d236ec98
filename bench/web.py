"""The web chat as a visitor meets it: page ready after `serve` starts, first words of an answer, many users.

Run: `python -m bench.web` (about a minute; needs Debian's chromium; builds the shipped record's library in
bench/cache like `bench.search`). Baseline: a bare Gradio `ChatInterface` (echo) started and loaded the same
way, so the page-ready figure reads as a ratio to what Gradio itself costs here. The simultaneous users
run in this one process, on the same 2 cores as the server: with a new gradio_client each, most of their
time is the clients' own start-up; over one shared client the figure is the server's.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from assistant.settings import Settings
from bench.common import CACHE, ROOT, log, save, table

USERS = 20
RUNS = 3
QUESTIONS = ["How does Oort select participants?", "What speedup does Swan achieve?",
             "How many papers were published in 2025?", "Summarize the work on federated learning",
             "How does FedScale benchmark federated learning?"]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
BASELINE_APP = """
import os, sys
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
import gradio as gr
gr.ChatInterface(lambda message, history: message).launch(server_name="127.0.0.1", server_port=int(sys.argv[1]))
"""


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def library() -> Settings:
    from assistant.embeddings import LocalEmbedder
    from ingest.pipeline import ingest

    settings = Settings(store_dir=CACHE / "record-store")
    ingest([ROOT / "data"], settings, embedder=LocalEmbedder())
    return settings


def wait_http(url: str, process: subprocess.Popen, limit: float = 90) -> None:
    deadline = time.monotonic() + limit
    while True:
        if process.poll() is not None:
            raise SystemExit(f"the server exited: {process.stdout.read() if process.stdout else ''}")
        try:
            if httpx.get(url + "config", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"{url} did not answer within {limit} s")
        time.sleep(0.05)


def start(command: list[str], env: dict) -> tuple[subprocess.Popen, str, float, float]:
    """Start a server; returns it, its URL, seconds to answering HTTP and seconds to a usable page."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    began = time.monotonic()
    process = subprocess.Popen(command + [str(port)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    wait_http(url, process)
    http = time.monotonic() - began
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        page = browser.new_page()
        page.goto(url)
        page.locator("textarea").first.wait_for(state="visible", timeout=60_000)
        ready = time.monotonic() - began
        browser.close()
    return process, url, http, ready


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def first_words(url: str) -> tuple[list[float], list[float]]:
    """Seconds from pressing Ask to the first words of the answer, and to the verified answer with its sources,
    per question."""
    from playwright.sync_api import sync_playwright

    first, complete = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        for n, question in enumerate(QUESTIONS):
            page = browser.new_page()
            page.goto(url)
            page.locator("#question textarea").wait_for(state="visible")
            if "Summarize" in question:
                page.locator("#mode label", has_text="Summarize an area").click()
            page.locator("#question textarea").fill(question)
            began = time.monotonic()
            page.locator("#send").click()
            page.wait_for_function(
                """() => { const m = document.querySelectorAll('#chat [data-testid="bot"]');
                           if (!m.length) return false;
                           const text = m[m.length - 1].innerText;
                           return !text.includes('Searching the record') && !text.includes('Writing the answer')
                                  && text.trim().length > 0; }""", polling=10)
            first.append(time.monotonic() - began)
            page.locator('#chat [data-testid="bot"] a.copy-md').first.wait_for(state="attached")
            complete.append(time.monotonic() - began)
            page.close()
        browser.close()
    return first, complete


def burst(url: str, shared: bool) -> tuple[int, float, list[float]]:
    """USERS questions at once: each from its own new Client (connect + answer), or over one shared Client."""
    from gradio_client import Client

    common = Client(url, verbose=False) if shared else None

    def one(i: int) -> float:
        question = QUESTIONS[i % len(QUESTIONS)]
        began = time.monotonic()
        client = common or Client(url, verbose=False)
        answer, details = client.predict(question, "summarize" if "Summarize" in question else "ask",
                                         api_name="/ask")
        assert answer and details["sources"], answer
        return time.monotonic() - began

    began = time.monotonic()
    with ThreadPoolExecutor(USERS) as pool:
        latencies = list(pool.map(one, range(USERS)))
    return len(latencies), time.monotonic() - began, latencies


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def main() -> None:
    if not shutil.which("chromium"):
        raise SystemExit("Debian's chromium is needed: apt-get install -y chromium")
    settings = library()
    env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "ASSISTANT_STORE_DIR": str(settings.store_dir)}
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "ASSISTANT_AUTH"):
        env.pop(name, None)

    with tempfile.TemporaryDirectory() as folder:
        baseline = Path(folder) / "baseline.py"
        baseline.write_text(BASELINE_APP)
        base_ready = []
        for _ in range(RUNS):
            process, _, _, ready = start([sys.executable, str(baseline)], env)
            stop(process)
            base_ready.append(ready)
    log(f"bare ChatInterface page ready: {[round(r, 2) for r in base_ready]} s")

    http, ready = [], []
    for run in range(RUNS):
        process, url, up, page = start([sys.executable, "-m", "assistant", "serve", "--port"], env)
        http.append(up)
        ready.append(page)
        if run < RUNS - 1:
            stop(process)
    log(f"serve: answering HTTP {[round(h, 2) for h in http]} s, page ready {[round(r, 2) for r in ready]} s")
    try:
        first, complete = first_words(url)
        log(f"first words {[round(f, 3) for f in first]} s, verified answer {[round(c, 3) for c in complete]} s")
        bursts = {"own client each": burst(url, shared=False), "one shared client": burst(url, shared=True)}
    finally:
        stop(process)

    results = {
        "page ready after serve starts (median s)": round(statistics.median(ready), 2),
        "bare Gradio ChatInterface page ready (median s)": round(statistics.median(base_ready), 2),
        "page ready ratio to bare Gradio": round(statistics.median(ready) / statistics.median(base_ready), 2),
        "server answering HTTP after start (median s)": round(statistics.median(http), 2),
        "first streamed words, offline (median ms)": round(1000 * statistics.median(first)),
        "verified answer with its sources shown, offline (median ms)": round(1000 * statistics.median(complete)),
    }
    for how, (answered, wall, latencies) in bursts.items():
        results[f"{USERS} simultaneous API users, {how}: answers arrived"] = f"{answered}/{USERS}"
        results[f"{USERS} simultaneous API users, {how}: wall s / p50 s / p95 s"] = (
            f"{wall:.2f} / {statistics.median(latencies):.2f} / {p95(latencies):.2f}")
    print(table(["measure", "value"], [[k, v] for k, v in results.items()]))
    path = save("web", results)
    log(f"saved {path}")


if __name__ == "__main__":
    main()
