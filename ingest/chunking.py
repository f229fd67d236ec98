"""Paper -> chunks. Pure: the same paper and settings always give the same chunks and ids."""

from __future__ import annotations

import hashlib
import json

from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.types import Chunk, Paper

SEPARATORS = ["\n\n", "\n", ". ", "; ", ", ", " ", ""]


def make_splitter(chunk_size: int, chunk_overlap: int) -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(
        chunk_size=chunk_size, chunk_overlap=chunk_overlap, separators=SEPARATORS, keep_separator="end")


def chunk_metadata(paper: Paper) -> dict:
    """What Chroma stores beside each vector: enough to filter without the paper table."""
    return {
        "paper_id": paper.paper_id,
        "title": paper.title,
        "year": paper.year or 0,
        "category": paper.category,
        "code": paper.code_available,
    }


def embedded_text(paper: Paper, passage: str) -> str:
    """Exactly what gets embedded and indexed for one passage: the title, then the passage."""
    return f"{paper.title}\n{passage}" if passage else paper.title


def chunk_paper(paper: Paper, splitter: RecursiveCharacterTextSplitter) -> list[Chunk]:
    """Split a paper's abstract; a paper without one becomes a single title chunk (with venue)."""
    passages = splitter.split_text(paper.abstract) if paper.abstract.strip() else [paper.venue]
    metadata = chunk_metadata(paper)
    chunks = []
    for index, passage in enumerate(passages):
        text = embedded_text(paper, passage.strip())
        digest = hashlib.sha256(json.dumps([paper.paper_id, index, text, metadata], sort_keys=True).encode())
        chunks.append(Chunk(digest.hexdigest()[:32], paper.paper_id, index, text, {**metadata, "chunk": index}))
    return chunks


def chunk_papers(papers: list[Paper], chunk_size: int, chunk_overlap: int) -> list[Chunk]:
    splitter = make_splitter(chunk_size, chunk_overlap)
    return [chunk for paper in papers for chunk in chunk_paper(paper, splitter)]
