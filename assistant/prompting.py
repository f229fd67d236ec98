"""What goes into an LLM prompt: templates, the fenced sources, the conversation, and the limits on them.

Templates are Markdown files in prompts/, loaded by name, placeholders checked at
load. Record text is data: every field of every source passes through one escaping
function (:func:`escape_field`), so no title, author list, category, venue or
abstract can close its ``<source>`` fence or read as a citation. What the user
sends is checked against the limits in settings (:func:`check_question`).
"""

from __future__ import annotations

import html
import re
import string
from functools import lru_cache

from langchain_core.prompts import ChatPromptTemplate

from assistant.citations import quote_record_text
from assistant.settings import PROJECT_ROOT, Settings
from assistant.types import Hit

SURROGATE = re.compile(r"[\ud800-\udfff]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_FIELD_CHARS = Settings.model_fields["max_field_chars"].default

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


class QuestionError(ValueError):
    """A question or conversation the assistant refuses; the message is meant for the user."""


def clean_text(text: str) -> str:
    """Text safe to encode and show: unpaired surrogates become U+FFFD, control characters go."""
    return CONTROL.sub("", SURROGATE.sub("\ufffd", text))


def escape_field(text: object, limit: int = MAX_FIELD_CHARS) -> str:
    """One record field as data inside a ``<source>`` fence (the one escaping every field gets)."""
    text = clean_text(str(text))
    if len(text) > limit:
        text = text[:limit] + " …"
    return html.escape(quote_record_text(text), quote=True)


def format_sources(hits: list[Hit], limit: int = MAX_FIELD_CHARS) -> str:
    """Retrieved papers fenced as numbered data; nothing inside can close the fence or forge a citation."""
    blocks = []
    for number, hit in enumerate(hits, start=1):
        paper = hit.paper
        attributes = {"title": paper.title, "authors": paper.authors_label(), "date": paper.date_label(),
                      "category": paper.category, "venue": paper.venue}
        tags = "".join(f' {name}="{escape_field(value, limit)}"' for name, value in attributes.items())
        body = escape_field(paper.abstract or "\n".join(hit.passages), limit)
        blocks.append(f'<source id="{number}"{tags}>\n{body}\n</source>')
    return "\n\n".join(blocks)


def format_history(history: list[dict], settings: Settings) -> str:
    """The latest turns of the conversation as the LLM sees them (cut to the prompt limits, escaped)."""
    lines = []
    for turn in history[-settings.prompt_history_turns:] if settings.prompt_history_turns > 0 else []:
        role = "User" if turn.get("role") == "user" else "Assistant"
        lines.append(f"{role}: {escape_field(turn.get('content', ''), settings.prompt_turn_chars)}")
    return "\n".join(lines) or "(none)"


def check_question(question: object, history: object, settings: Settings) -> tuple[str, list[dict]]:
    """The question and history as the assistant will use them, or QuestionError saying what is wrong.

    Unpaired surrogates and control characters are cleaned out of both; lengths are checked against
    ASSISTANT_MAX_QUESTION_CHARS, ASSISTANT_MAX_HISTORY_TURNS and ASSISTANT_MAX_HISTORY_CHARS.
    """
    if not isinstance(question, str):
        raise QuestionError("the question must be text")
    question = clean_text(question).strip()
    if not question:
        raise QuestionError("the question is empty; ask something about the record")
    if len(question) > settings.max_question_chars:
        raise QuestionError(f"the question is {len(question):,} characters long; the limit is "
                            f"{settings.max_question_chars:,} (ASSISTANT_MAX_QUESTION_CHARS): shorten it")
    history = history or []
    if not isinstance(history, list):
        raise QuestionError('the history must be a list of {"role": "user"|"assistant", "content": text} turns')
    turns = []
    for number, turn in enumerate(history, start=1):
        if not isinstance(turn, dict) or turn.get("role") not in ("user", "assistant") \
                or not isinstance(turn.get("content"), str):
            raise QuestionError(f'history turn {number} is not {{"role": "user"|"assistant", "content": text}}')
        turns.append({"role": turn["role"], "content": clean_text(turn["content"])})
    if len(turns) > settings.max_history_turns:
        raise QuestionError(f"the conversation has {len(turns)} earlier turns; the limit is "
                            f"{settings.max_history_turns} (ASSISTANT_MAX_HISTORY_TURNS): start a new one")
    size = sum(len(t["content"]) for t in turns)
    if size > settings.max_history_chars:
        raise QuestionError(f"the conversation holds {size:,} characters; the limit is {settings.max_history_chars:,} "
                            "(ASSISTANT_MAX_HISTORY_CHARS): start a new one")
    return question, turns
