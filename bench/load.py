"""Load: 50 conversations at once against the web chat, answered by a slow local LLM, all over loopback.

Run: `python -m bench.load` (a few minutes; builds the shipped record's library in bench/cache like
`bench.web`). The LLM is the scripted OpenAI-compatible server of the tests (tests/llm_server.py), streaming
each answer word by word with a fixed delay, so an answer takes as long as a slow local model's would.
Each conversation asks a question and then a follow-up carrying the first turn as history (the follow-up is
first condensed by the LLM, then answered). Bounded: CONVERSATIONS x 2 requests, each at most
REQUEST_TIMEOUT s, the whole run at most DEADLINE s. Reported: conversations and requests completed,
failures, requests per second over the run, and p50/p95/p99 latency per request.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor, wait

from bench.common import ROOT, log, save, table
from bench.web import free_port, library, stop, wait_http
from tests.llm_server import Reply, ScriptedLLMServer

CONVERSATIONS = 50
WORDS = 40  # words per LLM answer
WORD_DELAY = 0.05  # seconds between streamed words: ~2 s per answer, like a slow local model
REQUEST_TIMEOUT = 120.0
DEADLINE = 600.0
QUESTIONS = ["How does Oort select participants?", "What speedup does Swan achieve?",
             "How does FedScale benchmark federated learning?", "What does Auxo do about heterogeneity?",
             "How does Egeria decide which layers to freeze?"]
FOLLOW_UP = "And how does it handle stragglers?"


def reply(request: dict) -> str:
    """A plausible streamed answer citing the first source, WORDS words long (the condense call gets a question)."""
    prompt = "\n".join(str(m.get("content", "")) for m in request.get("messages", []))
    if "Rewrite the follow-up" in prompt:  # condense: name what the conversation was about, as a model would
        earlier = re.search(r"^User: (.+?)\??$", prompt, re.M)
        return f"{earlier.group(1) if earlier else 'The paper'} and how does it handle stragglers?"
    filler = " ".join(["the", "system", "improves", "time", "to", "accuracy"] * WORDS)[: WORDS * 7]
    return f"According to the first source, {filler} [1]."


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    from gradio_client import Client

    settings = library()
    with ScriptedLLMServer(api_key="sk-load") as llm:
        llm.default = Reply(text_fn=reply, chunk_delay=WORD_DELAY)
        port = free_port()
        env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "ASSISTANT_STORE_DIR": str(settings.store_dir),
               "OPENAI_BASE_URL": llm.base_url, "OPENAI_API_KEY": "sk-load", "ASSISTANT_CHAT_MODEL": "slow-local",
               "ASSISTANT_MAX_QUEUE": str(4 * CONVERSATIONS), "ASSISTANT_LLM_TIMEOUT": "60"}
        env.pop("ASSISTANT_AUTH", None)
        env.pop("CHROMA_HOST", None)
        process = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", str(port)], cwd=ROOT,
                                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/"
        try:
            wait_http(url, process, limit=180)
            client = Client(url, verbose=False)
            latencies: list[float] = []
            failures: list[str] = []
            generators: dict[str, int] = {}

            def ask(question: str, history: list[dict]) -> str:
                began = time.monotonic()
                job = client.submit(question, "ask", history, api_name="/ask")
                answer, details = job.result(timeout=REQUEST_TIMEOUT)
                latencies.append(time.monotonic() - began)
                generators[details["generator"]] = generators.get(details["generator"], 0) + 1
                if not details["sources"]:
                    raise AssertionError(f"no sources for {question!r}")
                return answer

            def conversation(n: int) -> None:
                question = QUESTIONS[n % len(QUESTIONS)]
                try:
                    first = ask(question, [])
                    ask(FOLLOW_UP, [{"role": "user", "content": question}, {"role": "assistant", "content": first}])
                except Exception as error:  # noqa: BLE001 - counted and reported, the run goes on
                    failures.append(f"{type(error).__name__}: {str(error)[:120]}")

            began = time.monotonic()
            with ThreadPoolExecutor(CONVERSATIONS) as pool:
                done, pending = wait([pool.submit(conversation, n) for n in range(CONVERSATIONS)], timeout=DEADLINE)
                for future in pending:
                    future.cancel()
            wall = time.monotonic() - began
        finally:
            stop(process)
        chat_requests = len(llm.chat_requests)

    requests = len(latencies)
    results = {
        "conversations": CONVERSATIONS,
        "requests completed": f"{requests}/{2 * CONVERSATIONS}",
        "failures": len(failures),
        "failure examples": failures[:3],
        "answers by generator": generators,
        "LLM calls (answers + condensed follow-ups)": chat_requests,
        "LLM answer time (s, streamed)": round(WORDS * WORD_DELAY, 1),
        "wall s": round(wall, 1),
        "throughput requests/s": round(requests / wall, 2) if wall else 0,
        "latency p50 s": round(percentile(latencies, 0.50), 2) if latencies else None,
        "latency p95 s": round(percentile(latencies, 0.95), 2) if latencies else None,
        "latency p99 s": round(percentile(latencies, 0.99), 2) if latencies else None,
        "latency mean s": round(statistics.mean(latencies), 2) if latencies else None,
        "load average (1 min) at the end": round(os.getloadavg()[0], 1),
    }
    path = save("load", results)
    log(table(["measure", "value"], [[k, v] for k, v in results.items()]))
    log(f"wrote {path}")


if __name__ == "__main__":
    main()
