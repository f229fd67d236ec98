"""One settings object for the whole product, read from the environment (and a `.env` file)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class ModeConfig(BaseModel):
    """How many papers an answer mode retrieves, keeps and cites."""

    depth: int = Field(description="Papers retrieved at most.")
    keep: float = Field(description="Papers kept: fused score at least this share of the best paper's.")
    sure: float = Field(1.0, description="Lists, overviews, related work: a kept paper with at least this share "
                        "of the best fused score is on the topic if it also shares enough of the question's terms.")
    share: float = Field(0.0, description="With `sure`: the share of the best-covering paper's question terms "
                         "a paper must also contain.")
    max_cited: int = Field(description="Papers cited at most.")
    probe_z: float | None = Field(None, description="A kept paper this far above the off-topic probes (robust z) "
                                  "is on the topic; None: not used.")


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

    # --- answering: modes and answerability (levels in robust z units above the off-topic probes) ---
    ask_mode: ModeConfig = Field(ModeConfig(depth=6, keep=0.75, max_cited=4),
                                 description="A direct answer about one or a few papers.")
    broad_mode: ModeConfig = Field(ModeConfig(depth=10, keep=0.45, sure=0.6, share=0.6, probe_z=3.0, max_cited=8),
                                   description="A question about several papers ('which papers ...').")
    summarize_mode: ModeConfig = Field(ModeConfig(depth=14, keep=0.33, sure=0.6, share=0.5, max_cited=12),
                                       description="An area overview by theme.")
    related_work_mode: ModeConfig = Field(ModeConfig(depth=10, keep=0.45, sure=0.5, share=0.5, max_cited=6),
                                          description="A related-work paragraph.")
    z_answer: float = Field(
        3.0, validation_alias=_env("ASSISTANT_Z_ANSWER", "z_answer"),
        description="A paper this far above the off-topic probes that covers enough of the question's terms "
        "answers it.")
    z_alone: float = Field(
        5.0, validation_alias=_env("ASSISTANT_Z_ALONE", "z_alone"),
        description="A passage this far above the probes answers the question by similarity alone (a paraphrase).")
    z_near: float = Field(
        2.0, validation_alias=_env("ASSISTANT_Z_NEAR", "z_near"),
        description="Below answering but this far above the probes: the closest papers are shown as closest.")
    cover_min: float = Field(
        0.5, validation_alias=_env("ASSISTANT_COVER_MIN", "cover_min"),
        description="Share of the question's terms one of the best papers must contain to answer it.")
    standout: float = Field(
        4.0, validation_alias=_env("ASSISTANT_STANDOUT", "standout"),
        description="Lists, overviews, related work: a paper whose similarity to the question stands out this "
        "far (robust z) from the other candidate papers' is on the topic whatever words it uses.")
    unknown_max: float = Field(
        0.25, validation_alias=_env("ASSISTANT_UNKNOWN_MAX", "unknown_max"),
        description="Share of the question's terms that may be absent from the whole record for it to be "
        "answered; above it the record lacks part of what was asked (a near miss).")
    unknown_max_alone: float = Field(
        0.5, validation_alias=_env("ASSISTANT_UNKNOWN_MAX_ALONE", "unknown_max_alone"),
        description="The same share for a question answered by similarity alone (paraphrases use other words).")
    rare_zipf: float = Field(
        3.6, ge=3.0, validation_alias=_env("ASSISTANT_RARE_ZIPF", "rare_zipf"),
        description="A question's word rarer than this in general English (Zipf scale, wordfreq) that the record "
        "never uses names a subject the record lacks.")
    short_question: int = Field(
        6, validation_alias=_env("ASSISTANT_SHORT_QUESTION", "short_question"),
        description="Questions of at most this many terms are judged by their rare words (`rare_zipf`).")
    owner_share: float = Field(
        0.6, validation_alias=_env("ASSISTANT_OWNER_SHARE", "owner_share"),
        description="With no owner stated, the author on at least this share of the papers owns the record.")
    llm_max_sources: int = Field(40, validation_alias=_env("ASSISTANT_LLM_MAX_SOURCES", "llm_max_sources"),
                                 description="Papers sent to the LLM at most (a whole-record overview sends "
                                 "the newest).")

    # --- shared library, limits -------------------------------------------------------------------
    library: str = Field(
        "", validation_alias=_env("ASSISTANT_LIBRARY", "library"),
        description="The library's name: its collections on a Chroma server are named from it, so libraries "
        "never collide and every process given the same name shares one. Empty: the name of the data folder.")
    reload_check_seconds: float = Field(
        1.0, validation_alias=_env("ASSISTANT_RELOAD_CHECK_SECONDS", "reload_check_seconds"),
        description="A serving process checks at most this often whether an ingest changed the library "
        "(one small read of the version stamp) and then switches to the new library.")
    max_question_chars: int = Field(
        4000, validation_alias=_env("ASSISTANT_MAX_QUESTION_CHARS", "max_question_chars"),
        description="Longest question accepted (characters); a longer one is refused with a clear error.")
    max_history_turns: int = Field(
        100, validation_alias=_env("ASSISTANT_MAX_HISTORY_TURNS", "max_history_turns"),
        description="Most earlier turns a conversation may carry; more are refused with a clear error.")
    max_history_chars: int = Field(
        100_000, validation_alias=_env("ASSISTANT_MAX_HISTORY_CHARS", "max_history_chars"),
        description="Most characters all earlier turns together may hold; more are refused.")
    prompt_history_turns: int = Field(
        6, validation_alias=_env("ASSISTANT_PROMPT_HISTORY_TURNS", "prompt_history_turns"),
        description="Latest turns of the conversation shown to the LLM.")
    prompt_turn_chars: int = Field(
        800, validation_alias=_env("ASSISTANT_PROMPT_TURN_CHARS", "prompt_turn_chars"),
        description="Characters of each earlier turn shown to the LLM (the rest is cut).")
    max_field_chars: int = Field(
        20_000, validation_alias=_env("ASSISTANT_MAX_FIELD_CHARS", "max_field_chars"),
        description="Longest text field of a record (title, abstract, ...) ingest accepts; also the most of "
        "any field put in an LLM prompt.")

    @property
    def llm_configured(self) -> bool:
        return bool(self.openai_api_key or self.openai_base_url)

    @property
    def uses_server(self) -> bool:
        return bool(self.chroma_host)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
