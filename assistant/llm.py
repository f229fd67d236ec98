"""The only importer of openai / langchain_openai: chat model and embeddings from settings."""

from __future__ import annotations

import openai
from langchain_openai import ChatOpenAI, OpenAIEmbeddings

from assistant.settings import Settings

LLMError = openai.OpenAIError


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


def describe_error(error: BaseException) -> str:
    """One line a user can act on, for any failure of the endpoint."""
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
