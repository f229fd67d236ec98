"""A scripted, OpenAI-compatible HTTP server for tests and benchmarks.

Standard library only. Usage::

    from tests.llm_server import ScriptedLLMServer, Reply

    with ScriptedLLMServer(api_key="sk-test") as server:
        server.script("first reply", Reply(status=429), Reply(text="slow", delay=2))
        client = openai.OpenAI(base_url=server.base_url, api_key="sk-test", max_retries=0)
        ...
        assert server.requests[0].model == "gpt-test"

Endpoints (all under ``/v1``):

* ``POST /v1/chat/completions`` -- JSON, or SSE when ``"stream": true``
  (``chat.completion.chunk`` objects, final chunk with ``finish_reason``,
  an optional usage chunk when ``stream_options.include_usage`` is set, then
  ``data: [DONE]``).  Each request consumes one scripted :class:`Reply`; when
  the queue is empty ``server.default`` is used.
* ``GET /v1/models`` and ``GET /v1/models/{id}``.
* ``POST /v1/embeddings`` -- deterministic unit vectors derived from a hash of
  the input; ``float`` or ``base64`` encoding (the ``openai`` client asks for
  base64 by default); dimension is ``server.embedding_dim`` unless the
  request passes ``dimensions``.

Streaming responses use HTTP/1.1 chunked transfer encoding, so an abrupt close
(``Reply.break_after``) is seen by the client as an incomplete body (a protocol
error) rather than as a clean end of stream.
"""

from __future__ import annotations

import base64
import collections
import hashlib
import json
import math
import random
import re
import socket
import struct
import sys
import threading
import time
import traceback
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Optional, Union

__all__ = ["Reply", "RecordedRequest", "ScriptedLLMServer"]


@dataclass
class Reply:
    """One scripted answer to a chat completion request.

    text:          reply content (streamed in word-sized chunks when stream=true).
    text_fn:       optional ``fn(request_json) -> str``; overrides ``text``.
    status:        HTTP status; anything but 200 returns an OpenAI-style JSON error
                   (429 also gets ``retry-after: 0``).
    error_message: message for the error body (a default is derived from status).
    delay:         seconds to sleep before sending anything (to trigger client timeouts).
    chunk_delay:   seconds to sleep between streamed chunks (latency simulation).
    break_after:   streaming only: send this many content chunks, then close the
                   connection abruptly (no final chunk, no ``[DONE]``).
    finish_reason: finish reason for the final choice / chunk.
    headers:       extra response headers.
    """

    text: str = "OK"
    status: int = 200
    delay: float = 0.0
    break_after: Optional[int] = None
    text_fn: Optional[Callable[[dict], str]] = None
    chunk_delay: float = 0.0
    error_message: Optional[str] = None
    finish_reason: str = "stop"
    headers: dict = field(default_factory=dict)

    def render(self, request_json: dict) -> str:
        if self.text_fn is not None:
            return str(self.text_fn(request_json))
        return self.text


@dataclass
class RecordedRequest:
    """A request received by the server (recorded before auth is checked)."""

    method: str
    path: str
    headers: dict  # lower-cased header names
    json: Any  # parsed body (None for GET / empty / unparsable body)
    raw_body: bytes = b""
    timestamp: float = 0.0

    def __getitem__(self, key: str) -> Any:
        return (self.json or {})[key]

    def get(self, key: str, default: Any = None) -> Any:
        return (self.json or {}).get(key, default) if isinstance(self.json, dict) else default

    @property
    def api_key(self) -> Optional[str]:
        auth = self.headers.get("authorization", "")
        return auth[len("Bearer ") :] if auth.startswith("Bearer ") else None

    @property
    def model(self) -> Optional[str]:
        return self.get("model")

    @property
    def messages(self) -> list:
        return self.get("messages") or []

    @property
    def stream(self) -> bool:
        return bool(self.get("stream"))

    @property
    def prompt_text(self) -> str:
        """All message contents (text parts) joined with newlines."""
        parts = []
        for m in self.messages:
            content = m.get("content")
            if isinstance(content, str):
                parts.append(content)
            elif isinstance(content, list):
                parts.extend(p.get("text", "") for p in content if isinstance(p, dict))
        return "\n".join(parts)


_ERROR_TYPES = {
    400: ("invalid_request_error", None, "Bad request"),
    401: ("invalid_request_error", "invalid_api_key", "Incorrect API key provided."),
    403: ("permission_error", None, "Permission denied"),
    404: ("invalid_request_error", "not_found", "Not found"),
    408: ("timeout_error", None, "Request timed out"),
    409: ("conflict_error", None, "Conflict"),
    422: ("invalid_request_error", None, "Unprocessable entity"),
    429: ("rate_limit_error", "rate_limit_exceeded", "Rate limit reached, please retry later."),
    500: ("server_error", None, "The server had an error while processing your request."),
    502: ("server_error", None, "Bad gateway"),
    503: ("server_error", None, "The engine is currently overloaded, please try again later."),
}


def error_body(status: int, message: Optional[str] = None) -> dict:
    etype, code, default_msg = _ERROR_TYPES.get(
        status, ("server_error" if status >= 500 else "invalid_request_error", None, f"HTTP {status}")
    )
    return {"error": {"message": message or default_msg, "type": etype, "param": None, "code": code}}


def split_chunks(text: str) -> list[str]:
    """Split text into word-sized pieces whose concatenation is exactly ``text``."""
    return re.findall(r"\s*\S+|\s+", text)


def _count_tokens(text: str) -> int:
    return len(text.split())


def embed_text(value: Any, dim: int) -> list[float]:
    """Deterministic unit vector for ``value`` (str or list of token ids)."""
    key = value if isinstance(value, str) else json.dumps(value)
    seed = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest(), "big")
    rng = random.Random(seed)
    vec = [rng.gauss(0.0, 1.0) for _ in range(dim)]
    norm = math.sqrt(sum(x * x for x in vec)) or 1.0
    return [x / norm for x in vec]


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = False  # so server_close() joins every handler thread
    block_on_close = True
    allow_reuse_address = True

    def __init__(self, owner: "ScriptedLLMServer"):
        self.owner = owner
        self._conns: set = set()
        self._conns_lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    def process_request(self, request, client_address):
        # Registered in the accept thread, so after shutdown() every live
        # connection is known and can be shut down by close_connections().
        with self._conns_lock:
            self._conns.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        with self._conns_lock:
            self._conns.discard(request)
        super().shutdown_request(request)

    def close_connections(self):
        with self._conns_lock:
            conns = list(self._conns)
        for conn in conns:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError, OSError)):
            return  # client went away / we broke the connection on purpose
        self.owner.errors.append(traceback.format_exc())
        super().handle_error(request, client_address)


class _BrokenStream(Exception):
    pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ScriptedLLM/1.0"
    server: _HTTPServer

    def log_message(self, format, *args):  # noqa: A002 - silence stderr logging
        pass

    # ---- plumbing -------------------------------------------------------------
    @property
    def owner(self) -> "ScriptedLLMServer":
        return self.server.owner

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _send_json(self, status: int, payload: Any, headers: Optional[dict] = None) -> None:
        data = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, str(v))
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def _send_error(self, status: int, message: Optional[str] = None, headers: Optional[dict] = None) -> None:
        headers = dict(headers or {})
        if status == 429:
            headers.setdefault("retry-after", "0")
        self._send_json(status, error_body(status, message), headers)

    def _write_chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def _abort_connection(self) -> None:
        self.close_connection = True
        try:
            self.wfile.flush()
        except OSError:
            pass
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _record(self, body: bytes) -> RecordedRequest:
        parsed = None
        if body:
            try:
                parsed = json.loads(body)
            except ValueError:
                parsed = None
        rec = RecordedRequest(
            method=self.command,
            path=self.path,
            headers={k.lower(): v for k, v in self.headers.items()},
            json=parsed,
            raw_body=body,
            timestamp=time.time(),
        )
        self.owner._record(rec)
        return rec

    def _authorized(self) -> bool:
        key = self.owner.api_key
        if key is None:
            return True
        return self.headers.get("Authorization", "") == f"Bearer {key}"

    # ---- dispatch -------------------------------------------------------------
    def do_GET(self):
        self._record(b"")
        if not self._authorized():
            return self._send_error(401)
        path = self.path.split("?", 1)[0].rstrip("/")
        if path == "/v1/models":
            return self._send_json(
                200, {"object": "list", "data": [self._model_obj(m) for m in self.owner.models]}
            )
        if path.startswith("/v1/models/"):
            return self._send_json(200, self._model_obj(path[len("/v1/models/") :]))
        return self._send_error(404, f"Unknown path {self.path}")

    def do_POST(self):
        body = self._read_body()
        rec = self._record(body)
        if not self._authorized():
            return self._send_error(401)
        path = self.path.split("?", 1)[0].rstrip("/")
        if path not in ("/v1/chat/completions", "/v1/embeddings"):
            return self._send_error(404, f"Unknown path {self.path}")
        if not isinstance(rec.json, dict):
            return self._send_error(400, "Request body must be a JSON object")
        if path == "/v1/embeddings":
            return self._embeddings(rec.json)
        return self._chat(rec.json)

    @staticmethod
    def _model_obj(model_id: str) -> dict:
        return {"id": model_id, "object": "model", "created": 0, "owned_by": "scripted"}

    # ---- endpoints ------------------------------------------------------------
    def _embeddings(self, req: dict) -> None:
        inputs = req.get("input")
        if isinstance(inputs, str) or (isinstance(inputs, list) and inputs and isinstance(inputs[0], int)):
            inputs = [inputs]
        if not isinstance(inputs, list):
            return self._send_error(400, "'input' must be a string or a list")
        dim = int(req.get("dimensions") or self.owner.embedding_dim)
        fmt = req.get("encoding_format") or "float"
        data = []
        for i, item in enumerate(inputs):
            vec = embed_text(item, dim)
            emb: Any = vec
            if fmt == "base64":
                emb = base64.b64encode(struct.pack(f"<{dim}f", *vec)).decode("ascii")
            data.append({"object": "embedding", "index": i, "embedding": emb})
        n_tokens = sum(len(x) if isinstance(x, list) else _count_tokens(x) for x in inputs)
        self._send_json(
            200,
            {
                "object": "list",
                "data": data,
                "model": req.get("model") or "scripted-embedding",
                "usage": {"prompt_tokens": n_tokens, "total_tokens": n_tokens},
            },
        )

    def _chat(self, req: dict) -> None:
        reply = self.owner._next_reply()
        if reply.delay > 0 and self.owner._stopping.wait(reply.delay):
            self.close_connection = True
            return  # server is shutting down
        if reply.status != 200:
            return self._send_error(reply.status, reply.error_message, reply.headers)

        text = reply.render(req)
        model = req.get("model") or "scripted-model"
        cid = "chatcmpl-" + uuid.uuid4().hex[:24]
        created = int(time.time())
        prompt_tokens = sum(
            _count_tokens(m["content"]) if isinstance(m.get("content"), str) else 0
            for m in req.get("messages") or []
            if isinstance(m, dict)
        )
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": _count_tokens(text),
            "total_tokens": prompt_tokens + _count_tokens(text),
        }
        if not req.get("stream"):
            return self._send_json(
                200,
                {
                    "id": cid,
                    "object": "chat.completion",
                    "created": created,
                    "model": model,
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": text, "refusal": None},
                            "logprobs": None,
                            "finish_reason": reply.finish_reason,
                        }
                    ],
                    "usage": usage,
                    "system_fingerprint": None,
                },
                reply.headers,
            )
        self._stream_chat(req, reply, text, cid, created, model, usage)

    def _stream_chat(self, req, reply: Reply, text, cid, created, model, usage) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        for k, v in reply.headers.items():
            self.send_header(k, str(v))
        self.end_headers()

        def chunk(delta: dict, finish_reason=None, choices=True, extra=None) -> bytes:
            obj = {
                "id": cid,
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "system_fingerprint": None,
                "choices": (
                    [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}]
                    if choices
                    else []
                ),
            }
            if extra:
                obj.update(extra)
            return b"data: " + json.dumps(obj).encode("utf-8") + b"\n\n"

        pieces = split_chunks(text) or [""]
        events = [
            chunk({"role": "assistant", "content": p} if i == 0 else {"content": p})
            for i, p in enumerate(pieces)
        ]
        try:
            for i, ev in enumerate(events):
                if reply.break_after is not None and i >= reply.break_after:
                    raise _BrokenStream
                if i and reply.chunk_delay > 0 and self.owner._stopping.wait(reply.chunk_delay):
                    raise _BrokenStream
                self._write_chunk(ev)
            if reply.break_after is not None:
                raise _BrokenStream  # never send the final chunk / [DONE]
            self._write_chunk(chunk({}, finish_reason=reply.finish_reason))
            include_usage = bool((req.get("stream_options") or {}).get("include_usage"))
            if include_usage:
                self._write_chunk(chunk({}, choices=False, extra={"usage": usage}))
            self._write_chunk(b"data: [DONE]\n\n")
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except _BrokenStream:
            self._abort_connection()


class ScriptedLLMServer:
    """OpenAI-compatible test server running in a background thread.

    Attributes (all mutable at any time):
      base_url       "http://127.0.0.1:PORT/v1" (valid after start / __enter__)
      api_key        if not None, requests must send ``Authorization: Bearer <api_key>``
      default        Reply used when the script queue is empty
      models         ids returned by GET /v1/models
      embedding_dim  default embedding dimension
      requests       list[RecordedRequest] of every request received (all endpoints)
      errors         tracebacks of unexpected handler exceptions (should stay empty)
    """

    def __init__(
        self,
        *,
        api_key: Optional[str] = None,
        default: Union[Reply, str, None] = None,
        models: Optional[list] = None,
        embedding_dim: int = 384,
    ):
        self.api_key = api_key
        self.default: Reply = _as_reply(default) if default is not None else Reply()
        self.models = list(models or ["scripted-model"])
        self.embedding_dim = embedding_dim
        self.requests: list[RecordedRequest] = []
        self.errors: list[str] = []
        self._queue: collections.deque = collections.deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: Optional[_HTTPServer] = None
        self._thread: Optional[threading.Thread] = None

    # ---- lifecycle ------------------------------------------------------------
    def start(self) -> "ScriptedLLMServer":
        if self._httpd is not None:
            return self
        self._stopping.clear()
        self._httpd = _HTTPServer(self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"ScriptedLLMServer:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd, thread = self._httpd, self._thread
        if httpd is None:
            return
        self._stopping.set()  # wakes handlers sleeping in delay / chunk_delay
        httpd.shutdown()  # stops accepting; returns once serve_forever exits
        httpd.close_connections()  # unblocks keep-alive handlers waiting for a request
        httpd.server_close()  # closes listening socket, joins handler threads
        if thread is not None:
            thread.join(timeout=5)
        self._httpd = self._thread = None

    close = stop

    def __enter__(self) -> "ScriptedLLMServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("server not started")
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.url}/v1"

    # ---- scripting ------------------------------------------------------------
    def script(self, *replies: Union[Reply, str]) -> "ScriptedLLMServer":
        """Queue replies (Reply or plain str), consumed one per chat completion request."""
        with self._lock:
            self._queue.extend(_as_reply(r) for r in replies)
        return self

    @property
    def pending(self) -> int:
        """Number of scripted replies not consumed yet."""
        with self._lock:
            return len(self._queue)

    def reset(self) -> None:
        """Drop queued replies and recorded requests."""
        with self._lock:
            self._queue.clear()
            self.requests.clear()
            self.errors.clear()

    def _next_reply(self) -> Reply:
        with self._lock:
            return self._queue.popleft() if self._queue else self.default

    def _record(self, rec: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(rec)

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path.rstrip("/").endswith("/chat/completions")]

    @property
    def last_request(self) -> Optional[RecordedRequest]:
        with self._lock:
            return self.requests[-1] if self.requests else None


def _as_reply(r: Union[Reply, str]) -> Reply:
    return r if isinstance(r, Reply) else Reply(text=str(r))
