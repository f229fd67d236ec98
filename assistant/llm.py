"""The only importer of openai / langchain_openai: chat model and embeddings from settings.

A streamed answer is bounded as a whole (:func:`bounded_stream`): the client's own
timeout only covers each network read, so a server that trickles a token every few
seconds would otherwise hold a user for minutes.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterable, Iterator

import openai
from langchain_openai import ChatOpenAI, OpenAIEmbeddings

from assistant.settings import Settings

LLMError = openai.OpenAIError


class LLMReplyError(RuntimeError):
    """The endpoint answered, but not usably (too slow as a whole, empty, or not text); the message says which."""


class LLMTimeout(LLMReplyError, TimeoutError):
    pass


def _key(settings: Settings) -> str:
    # Local servers (Ollama, llama.cpp, vLLM) accept any key; the client insists on one.
    return settings.openai_api_key or "not-needed"


def chat_model(settings: Settings) -> ChatOpenAI:
    return ChatOpenAI(model=settings.chat_model, base_url=settings.openai_base_url or None, api_key=_key(settings),
                      timeout=settings.llm_timeout, max_retries=1, temperature=0.1, streaming=True)


def openai_embeddings(settings: Settings) -> OpenAIEmbeddings:
    return OpenAIEmbeddings(model=settings.openai_embedding_model, base_url=settings.openai_base_url or None,
                            api_key=_key(settings), timeout=settings.llm_timeout, max_retries=1,
                            check_embedding_ctx_length=False)


_END = object()


def _is_garbage(text: str) -> bool:
    """A reply with no words in it: nothing but punctuation, symbols, replacement or control characters."""
    letters = sum(ch.isalnum() for ch in text)
    return letters == 0 or letters < 0.2 * len(text.strip())


def bounded_stream(deltas: Iterable[str], settings: Settings) -> Iterator[str]:
    """The deltas of a streamed reply, within ASSISTANT_LLM_TIMEOUT from the first request to the last token.

    Raises:
        LLMTimeout: the whole reply (first token included) took longer than the timeout.
        LLMReplyError: the reply was empty or held no words.
        Anything the stream itself raises (openai errors), unchanged.
    """
    timeout = settings.llm_timeout
    items: queue.Queue = queue.Queue()
    stop = threading.Event()

    def produce() -> None:
        iterator = iter(deltas)
        try:
            for delta in iterator:
                if stop.is_set():
                    break
                items.put(delta)
            items.put(_END)
        except BaseException as error:  # noqa: BLE001 - handed to the consumer to raise in its thread
            items.put(error)
        finally:
            close = getattr(iterator, "close", None)
            if stop.is_set() and close is not None:
                try:
                    close()
                except Exception:  # noqa: BLE001 - the reply is abandoned anyway
                    pass

    threading.Thread(target=produce, name="llm-stream", daemon=True).start()
    deadline = time.monotonic() + timeout
    text: list[str] = []
    try:
        while True:
            try:
                item = items.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                got = "no answer" if not text else "an unfinished answer"
                raise LLMTimeout(f"the LLM endpoint gave {got} within {timeout:g} s "
                                 "(ASSISTANT_LLM_TIMEOUT)") from None
            if item is _END:
                break
            if isinstance(item, BaseException):
                raise item
            text.append(item)
            yield item
    finally:
        stop.set()
    reply = "".join(text)
    if not reply.strip():
        raise LLMReplyError("the LLM endpoint sent an empty reply")
    if _is_garbage(reply):
        raise LLMReplyError("the LLM endpoint sent a reply with no words in it")


def describe_error(error: BaseException) -> str:
    """One line a user can act on, for any failure of the endpoint."""
    if isinstance(error, LLMReplyError):
        return str(error)
    if isinstance(error, openai.AuthenticationError):
        return "the LLM endpoint rejected the API key (check OPENAI_API_KEY)"
    if isinstance(error, openai.RateLimitError):
        return "the LLM endpoint is rate-limiting requests (HTTP 429); try again shortly"
    if isinstance(error, openai.APITimeoutError):
        return "the LLM endpoint did not answer in time (ASSISTANT_LLM_TIMEOUT)"
    if isinstance(error, openai.NotFoundError):
        return "the LLM endpoint does not know the model (check ASSISTANT_CHAT_MODEL)"
    if isinstance(error, openai.APIStatusError):
        return f"the LLM endpoint failed (HTTP {error.status_code})"
    if isinstance(error, openai.APIConnectionError):
        return "the connection to the LLM endpoint failed or broke off mid-answer (check OPENAI_BASE_URL)"
    return f"the LLM failed ({type(error).__name__})"
