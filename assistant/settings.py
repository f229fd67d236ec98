"""One settings object for the whole product, read from the environment (and a `.env` file)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class Settings(BaseSettings):
    """Every knob of the product. Environment names are the contract in DESIGN.md."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    store_dir: Path = Field(
        PROJECT_ROOT / "store", validation_alias=_env("ASSISTANT_STORE_DIR", "store_dir"),
        description="Where the local library (Chroma files, lexical index, paper table) lives.")
    data_dir: Path = Field(
        PROJECT_ROOT / "data", validation_alias=_env("ASSISTANT_DATA_DIR", "data_dir"),
        description="What `python -m ingest` reads when given no paths.")
    chroma_host: str = Field(
        "", validation_alias=_env("CHROMA_HOST", "chroma_host"),
        description="Use the Chroma server at this host instead of the local store directory.")
    chroma_port: int = Field(8000, validation_alias=_env("CHROMA_PORT", "chroma_port"),
                             description="Port of the Chroma server.")
    openai_api_key: str = Field("", validation_alias=_env("OPENAI_API_KEY", "openai_api_key"),
                                description="Key for the OpenAI-compatible endpoint.")
    openai_base_url: str = Field(
        "", validation_alias=_env("OPENAI_BASE_URL", "openai_base_url"),
        description="Any OpenAI-compatible server (OpenAI, vLLM, Ollama, llama.cpp). Empty: api.openai.com "
        "when a key is set.")
    chat_model: str = Field("gpt-4o-mini", validation_alias=_env("ASSISTANT_CHAT_MODEL", "chat_model"),
                            description="Chat model name sent to the endpoint.")
    llm_timeout: float = Field(60.0, validation_alias=_env("ASSISTANT_LLM_TIMEOUT", "llm_timeout"),
                               description="Seconds before a call to the LLM is given up (then the offline answer).")
    embeddings: Literal["local", "openai"] = Field(
        "local", validation_alias=_env("ASSISTANT_EMBEDDINGS", "embeddings"),
        description="`local`: offline all-MiniLM-L6-v2 (ONNX int8). `openai`: the endpoint's embeddings.")
    openai_embedding_model: str = Field(
        "text-embedding-3-small",
        validation_alias=_env("ASSISTANT_OPENAI_EMBEDDING_MODEL", "openai_embedding_model"),
        description="Embedding model name when ASSISTANT_EMBEDDINGS=openai.")
    chunk_size: int = Field(1000, validation_alias=_env("ASSISTANT_CHUNK_SIZE", "chunk_size"),
                            description="Characters per abstract chunk (a new index is built when it changes).")
    chunk_overlap: int = Field(150, validation_alias=_env("ASSISTANT_CHUNK_OVERLAP", "chunk_overlap"),
                               description="Characters shared by neighbouring chunks.")
    auth: str = Field("", validation_alias=_env("ASSISTANT_AUTH", "auth"),
                      description="Web chat login: `user:password`, or a path to a file of such lines.")
    max_queue: int = Field(32, validation_alias=_env("ASSISTANT_MAX_QUEUE", "max_queue"),
                           description="Web chat requests waiting at most; beyond it new ones are turned away.")

    @property
    def llm_configured(self) -> bool:
        return bool(self.openai_api_key or self.openai_base_url)

    @property
    def uses_server(self) -> bool:
        return bool(self.chroma_host)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
