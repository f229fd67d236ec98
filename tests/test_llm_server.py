"""Proves tests/llm_server.py against the real openai client and langchain-openai."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
import json

import openai
import pytest
from langchain_openai import ChatOpenAI, OpenAIEmbeddings

from tests.llm_server import Reply, ScriptedLLMServer, split_chunks

KEY = "sk-test-key"
MSGS = [{"role": "system", "content": "be brief"}, {"role": "user", "content": "What did Ada publish?"}]


@pytest.fixture
def server():
    with ScriptedLLMServer(api_key=KEY) as srv:
        yield srv
        assert srv.errors == []


@pytest.fixture
def client(server):
    c = openai.OpenAI(base_url=server.base_url, api_key=KEY, max_retries=0, timeout=5)
    yield c
    c.close()


def chat_llm(server, **kw):
    kw.setdefault("timeout", 5)
    return ChatOpenAI(base_url=server.base_url, api_key=KEY, model="lc-model", max_retries=0, **kw)


# --------------------------------------------------------------------------- openai client
def test_base_url_and_models(server, client):
    assert server.base_url == f"http://127.0.0.1:{server.port}/v1"
    server.models = ["m-a", "m-b"]
    assert [m.id for m in client.models.list()] == ["m-a", "m-b"]
    assert client.models.retrieve("m-x").id == "m-x"


def test_non_streaming_text_and_recording(server, client):
    server.script("Ada published three papers.")
    resp = client.chat.completions.create(model="gpt-test", messages=MSGS)
    assert resp.choices[0].message.content == "Ada published three papers."
    assert resp.choices[0].finish_reason == "stop"
    assert resp.model == "gpt-test"
    assert resp.usage.completion_tokens == 4

    [req] = server.requests
    assert req.method == "POST" and req.path == "/v1/chat/completions"
    assert req.api_key == KEY
    assert req.headers["authorization"] == f"Bearer {KEY}"
    assert req.model == "gpt-test" and req["model"] == "gpt-test"
    assert req.messages == MSGS
    assert "What did Ada publish?" in req.prompt_text
    assert req.stream is False


def test_queue_then_default_and_text_fn(server, client):
    server.default = Reply(text_fn=lambda req: "echo: " + req["messages"][-1]["content"])
    server.script("first", Reply(text="second"))
    out = [
        client.chat.completions.create(model="m", messages=[{"role": "user", "content": f"q{i}"}])
        .choices[0]
        .message.content
        for i in range(4)
    ]
    assert out == ["first", "second", "echo: q2", "echo: q3"]
    assert server.pending == 0
    assert len(server.chat_requests) == 4


def test_streaming_chunks_concatenate(server, client):
    text = "Ada Lovelace published notes on the Analytical Engine in 1843."
    server.script(text)
    stream = client.chat.completions.create(model="m", messages=MSGS, stream=True)
    chunks = list(stream)
    contents = [c.choices[0].delta.content for c in chunks if c.choices and c.choices[0].delta.content]
    assert len(contents) == len(split_chunks(text)) > 5
    assert "".join(contents) == text
    assert chunks[0].choices[0].delta.role == "assistant"
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert all(c.object == "chat.completion.chunk" for c in chunks)
    assert server.requests[-1].stream is True


def test_streaming_include_usage(server, client):
    server.script("one two three")
    chunks = list(
        client.chat.completions.create(
            model="m", messages=MSGS, stream=True, stream_options={"include_usage": True}
        )
    )
    assert chunks[-1].choices == [] and chunks[-1].usage.completion_tokens == 3
    assert server.requests[-1]["stream_options"] == {"include_usage": True}


def test_wrong_key_is_401(server):
    bad = openai.OpenAI(base_url=server.base_url, api_key="wrong", max_retries=0)
    server.script("never consumed")
    with pytest.raises(openai.AuthenticationError) as ei:
        bad.chat.completions.create(model="m", messages=MSGS)
    assert ei.value.status_code == 401
    assert ei.value.code == "invalid_api_key"
    assert server.requests[-1].api_key == "wrong"  # still recorded
    assert server.pending == 1  # auth failures do not consume a scripted reply


@pytest.mark.parametrize(
    "status,exc",
    [
        (429, openai.RateLimitError),
        (500, openai.InternalServerError),
        (503, openai.InternalServerError),
        (400, openai.BadRequestError),
    ],
)
def test_status_errors(server, client, status, exc):
    server.script(Reply(status=status, error_message="scripted failure"), "recovered")
    with pytest.raises(exc) as ei:
        client.chat.completions.create(model="m", messages=MSGS)
    assert ei.value.status_code == status
    assert "scripted failure" in str(ei.value)
    if status == 429:
        assert ei.value.response.headers["retry-after"] == "0"
    # the connection is reusable and the next scripted reply is served
    assert client.chat.completions.create(model="m", messages=MSGS).choices[0].message.content == "recovered"


def test_status_error_on_stream_request(server, client):
    server.script(Reply(status=429))
    with pytest.raises(openai.RateLimitError):
        client.chat.completions.create(model="m", messages=MSGS, stream=True)


def test_delay_beyond_timeout(server):
    c = openai.OpenAI(base_url=server.base_url, api_key=KEY, max_retries=0, timeout=0.3)
    server.script(Reply(text="too late", delay=1.5), "on time")
    t0 = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        c.chat.completions.create(model="m", messages=MSGS)
    assert time.monotonic() - t0 < 1.0
    assert c.chat.completions.create(model="m", messages=MSGS).choices[0].message.content == "on time"


def test_break_after_raises_connection_error(server, client):
    server.script(Reply(text="one two three four five", break_after=2), "fine")
    got = []
    with pytest.raises(openai.APIConnectionError) as ei:
        for chunk in client.chat.completions.create(model="m", messages=MSGS, stream=True):
            got.append(chunk.choices[0].delta.content)
    assert got == ["one", " two"]
    # openai 3.x runs on httpx2; the cause is its RemoteProtocolError (incomplete chunked read)
    assert type(ei.value.__cause__).__name__ == "RemoteProtocolError"
    assert client.chat.completions.create(model="m", messages=MSGS).choices[0].message.content == "fine"


def test_break_after_zero(server, client):
    server.script(Reply(text="x y", break_after=0))
    with pytest.raises(openai.APIConnectionError):
        list(client.chat.completions.create(model="m", messages=MSGS, stream=True))


def test_embeddings(server, client):
    # openai client defaults to encoding_format=base64 and decodes it
    r = client.embeddings.create(model="emb", input=["alpha", "beta", "alpha"])
    vecs = [d.embedding for d in r.data]
    assert [len(v) for v in vecs] == [384] * 3
    assert vecs[0] == pytest.approx(vecs[2]) and vecs[0] != pytest.approx(vecs[1])
    assert sum(x * x for x in vecs[0]) == pytest.approx(1.0, abs=1e-4)
    assert server.requests[-1]["encoding_format"] == "base64"

    f = client.embeddings.create(model="emb", input="alpha", encoding_format="float")
    assert f.data[0].embedding == pytest.approx(vecs[0], abs=1e-6)
    assert len(client.embeddings.create(model="emb", input="x", dimensions=8).data[0].embedding) == 8

    server.embedding_dim = 16
    assert len(client.embeddings.create(model="emb", input="x").data[0].embedding) == 16


def test_concurrent_requests(server):
    server.default = Reply(text_fn=lambda req: req["messages"][0]["content"].upper(), delay=0.3)
    c = openai.OpenAI(base_url=server.base_url, api_key=KEY, max_retries=0, timeout=5)
    results = {}

    def work(i):
        r = c.chat.completions.create(model="m", messages=[{"role": "user", "content": f"q{i}"}])
        results[i] = r.choices[0].message.content

    t0 = time.monotonic()
    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert time.monotonic() - t0 < 1.5  # served in parallel, not 8 * 0.3 s
    assert results == {i: f"Q{i}" for i in range(8)}
    assert len(server.requests) == 8
    c.close()


def test_plain_http_and_404(server):
    req = urllib.request.Request(f"{server.base_url}/nope", headers={"Authorization": f"Bearer {KEY}"})
    with pytest.raises(urllib.error.HTTPError) as ei:
        urllib.request.urlopen(req, timeout=5)
    assert ei.value.code == 404
    assert json.loads(ei.value.read())["error"]["type"] == "invalid_request_error"


# --------------------------------------------------------------------------- langchain-openai
def test_langchain_invoke_and_stream(server):
    llm = chat_llm(server)
    server.script("Ada wrote notes.", "streamed reply in several chunks")
    msg = llm.invoke("Who is Ada?")
    assert msg.content == "Ada wrote notes."
    assert server.requests[-1].model == "lc-model"
    assert server.requests[-1].messages == [{"role": "user", "content": "Who is Ada?"}]

    parts = [c.content for c in llm.stream("stream please")]
    assert len([p for p in parts if p]) == 5
    assert "".join(parts) == "streamed reply in several chunks"
    assert server.requests[-1].stream is True


def test_langchain_stream_usage(server):
    server.script("a b c")
    chunks = list(chat_llm(server, stream_usage=True).stream("hi"))
    total = chunks[0]
    for c in chunks[1:]:
        total = total + c
    assert total.content == "a b c"
    assert total.usage_metadata["output_tokens"] == 3
    assert server.requests[-1]["stream_options"] == {"include_usage": True}


def test_langchain_errors(server):
    # langchain-openai 1.7 re-raises its own subclasses of the openai exceptions
    llm = chat_llm(server, timeout=0.3)
    server.script(Reply(status=429), Reply(status=500), Reply(delay=1.5), Reply(text="a b c d", break_after=1))
    with pytest.raises(openai.RateLimitError):
        llm.invoke("x")
    with pytest.raises(openai.InternalServerError):
        llm.invoke("x")
    with pytest.raises(openai.APITimeoutError):
        llm.invoke("x")
    with pytest.raises(openai.APIConnectionError):
        list(llm.stream("x"))
    bad = ChatOpenAI(base_url=server.base_url, api_key="wrong", model="m", max_retries=0)
    with pytest.raises(openai.AuthenticationError):
        bad.invoke("x")


def test_langchain_embeddings(server):
    emb = OpenAIEmbeddings(
        base_url=server.base_url, api_key=KEY, model="emb", check_embedding_ctx_length=False, max_retries=0
    )
    docs = emb.embed_documents(["a", "b"])
    assert [len(v) for v in docs] == [384, 384]
    assert emb.embed_query("a") == pytest.approx(docs[0], abs=1e-6)


# --------------------------------------------------------------------------- lifecycle
def test_no_auth_when_api_key_unset():
    with ScriptedLLMServer(default="hi") as srv:
        c = openai.OpenAI(base_url=srv.base_url, api_key="anything", max_retries=0)
        assert c.chat.completions.create(model="m", messages=MSGS).choices[0].message.content == "hi"


def test_clean_shutdown_no_thread_leak():
    before = threading.active_count()
    srv = ScriptedLLMServer().start()
    c = openai.OpenAI(base_url=srv.base_url, api_key="k", max_retries=0, timeout=10)
    c.chat.completions.create(model="m", messages=MSGS)  # leaves an idle keep-alive connection
    srv.script(Reply(delay=30))
    errors = []

    def hang():
        try:
            c.chat.completions.create(model="m", messages=MSGS)
        except openai.APIError as e:
            errors.append(e)

    t = threading.Thread(target=hang)
    t.start()
    while len(srv.requests) < 2:
        time.sleep(0.01)
    t0 = time.monotonic()
    srv.stop()  # must not wait for the 30 s delay nor the idle keep-alive connection
    assert time.monotonic() - t0 < 2
    t.join(5)
    assert errors and isinstance(errors[0], openai.APIConnectionError)
    c.close()
    assert threading.active_count() == before
