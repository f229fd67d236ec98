"""Prompt templates: Markdown files in prompts/, loaded by name, placeholders checked at load."""

from __future__ import annotations

import string
from functools import lru_cache

from langchain_core.prompts import ChatPromptTemplate

from assistant.settings import PROJECT_ROOT

PROMPTS = PROJECT_ROOT / "prompts"
# Every template and exactly the placeholders it must use.
PLACEHOLDERS = {
    "system": {"not_found"},
    "ask": {"sources", "history", "question"},
    "summarize": {"sources", "question"},
    "related_work": {"sources", "question"},
    "condense": {"history", "question"},
}


class PromptError(ValueError):
    pass


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@lru_cache(maxsize=None)
def load_text(name: str) -> str:
    """A template's text, refused if it uses unknown placeholders or misses required ones."""
    if name not in PLACEHOLDERS:
        raise PromptError(f"unknown prompt {name!r}; known: {', '.join(PLACEHOLDERS)}")
    text = (PROMPTS / f"{name}.md").read_text(encoding="utf-8")
    found = placeholders(text)
    if found != PLACEHOLDERS[name]:
        raise PromptError(f"prompts/{name}.md: placeholders {sorted(found)}, expected {sorted(PLACEHOLDERS[name])}")
    return text


def chat_prompt(mode: str) -> ChatPromptTemplate:
    """System rules + the mode's template as one chat prompt."""
    return ChatPromptTemplate.from_messages([("system", load_text("system")), ("human", load_text(mode))])
