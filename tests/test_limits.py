"""No traceback reaches a user: hostile and damaged input gets the product's own error, naming the file,
and a damaged store says how to rebuild it, which `python -m ingest --rebuild` then does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant import cli as assistant_cli
from assistant.settings import get_settings
from ingest import cli as ingest_cli
from ingest.parsers import parse_file
from ingest.errors import SourceError

HOSTILE = {
    "year-zero.json": json.dumps([{"title": "A Paper", "year": "0000"}]),
    "date-zero.json": json.dumps([{"title": "A Paper", "date": "0000-01-01"}]),
    "year-zero.bib": "@article{k, title={A Paper}, year={0000}}",
    "year-zero.csv": "title,year\nA Paper,0000\n",
    "huge-year.json": '[{"title": "A Paper", "year": ' + "9" * 400 + "}]",
    "huge-score.json": '[{"title": "A Paper", "year": 2020, "score": ' + "9" * 400 + "}]",
    "huge-numbers.csv": "title,year,score\nA Paper," + "9" * 400 + "," + "9" * 400 + "\n",
    "huge-year.bib": "@article{k, title={A Paper}, year={" + "9" * 400 + "}}",
    "deep.json": "[" * 100_000,
    "deep-closed.json": "[" * 100_000 + "]" * 100_000,
    "deep.jsonl": '{"title": ' + "[" * 100_000 + "\n",
    "deep.bib": "@article{k, title={" + "{" * 5000 + "x" + "}" * 5000 + "}, year={2020}}",
    "surrogate-title.json": '[{"title": "A \\ud800 Paper", "year": 2020}]',
    "surrogate-author.jsonl": '{"title": "A Paper", "authors": ["Ada \\udfff"], "year": 2020}\n',
    "surrogate-abstract.json": '[{"title": "A Paper", "year": 2020, "abstract": "x \\udc00 y"}]',
    "huge-field.json": json.dumps([{"title": "A Paper", "year": 2020, "abstract": "word " * 5000}]),
}


# What BibTeX tools accept is accepted: a year written 0 is an unknown year; deep braces are text.
ACCEPTED = {"year-zero.json", "year-zero.bib", "year-zero.csv", "deep.bib"}


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_odd_but_valid_records_load_without_a_traceback(name, tmp_path, monkeypatch, capsys):
    path = tmp_path / name
    path.write_text(HOSTILE[name], encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_STORE_DIR", str(tmp_path / "store"))
    get_settings.cache_clear()
    try:
        source = parse_file(path, strict=True)
        assert [p.title[:7] for p in source.papers] == ["A Paper"] or name == "deep.bib"
        assert len(source.papers) == 1
        if "year-zero" in name:
            assert source.papers[0].year is None
        assert ingest_cli.main([str(path)]) == 0
    finally:
        get_settings.cache_clear()
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("name", sorted(set(HOSTILE) - ACCEPTED))
def test_hostile_records_get_an_error_naming_the_file(name, tmp_path, monkeypatch, capsys):
    path = tmp_path / name
    path.write_text(HOSTILE[name], encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_STORE_DIR", str(tmp_path / "store"))
    monkeypatch.setenv("ASSISTANT_MAX_FIELD_CHARS", "10000")
    get_settings.cache_clear()
    try:
        with pytest.raises(SourceError) as caught:
            parse_file(path, strict=True)
        assert str(caught.value).startswith(str(path))
        assert ingest_cli.main(["--strict", str(path)]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"error: {path}") and "Traceback" not in err
        assert "nothing was written" in err
        # lenient (the default): the bad value or entry is reported with the file, or the file is refused
        code = ingest_cli.main([str(path)])
        lenient = capsys.readouterr()
        assert code in (0, 2) and "Traceback" not in lenient.err
        assert str(path) in lenient.out + lenient.err
    finally:
        get_settings.cache_clear()
    if "surrogate" in name:
        assert "unpaired surrogate" in err and "line 1" in err
    if "deep" in name:
        assert "nested too deeply" in err
    if "huge-field" in name:
        assert "ASSISTANT_MAX_FIELD_CHARS" in err


RECORD = json.dumps([
    {"title": "Glacier Melt: Measuring Ice Loss from Orbit", "authors": ["Ada Lovelace"], "year": 2021,
     "abstract": "We measure glacier ice loss from orbit with radar altimetry."},
    {"title": "Sea Ice Forecasts with Graph Networks", "authors": ["Alan Turing"], "year": 2022,
     "abstract": "Graph networks forecast sea ice extent two weeks ahead."},
])


@pytest.fixture
def small_library(tmp_path, monkeypatch, capsys):
    """A two-paper library built through the CLI, with the CLI's settings pointed at it."""
    record = tmp_path / "record.json"
    record.write_text(RECORD, encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_STORE_DIR", str(tmp_path / "store"))
    get_settings.cache_clear()
    assert ingest_cli.main([str(record), "--json"]) == 0
    capsys.readouterr()
    yield record, tmp_path / "store"
    get_settings.cache_clear()


def one_error(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    return err


def test_a_corrupted_vector_store_says_rebuild_and_rebuild_repairs_it(small_library, capsys):
    from chromadb.api.client import SharedSystemClient

    record, store = small_library
    database = store / "chroma" / "chroma.sqlite3"
    SharedSystemClient.clear_system_cache()  # as a new process would: nothing of the old store in memory
    database.write_bytes(b"this is not a database" * 1000)
    assert assistant_cli.main(["search", "glacier"]) == 2
    assert "--rebuild" in one_error(capsys)
    assert ingest_cli.main([str(record)]) == 2  # a plain ingest refuses, and says what to run
    assert "python -m ingest --rebuild" in one_error(capsys)
    assert ingest_cli.main([str(record), "--rebuild", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["papers"] == 2 and report["embedded"] == 2
    assert assistant_cli.main(["search", "glacier ice loss", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["title"].startswith("Glacier Melt")


@pytest.mark.parametrize("content", ["[]", "{not json", "null", '{"format": 1, "papers": 3}', "[" * 100_000])
def test_a_damaged_manifest_says_rebuild_and_rebuild_repairs_it(small_library, capsys, content):
    record, store = small_library
    (store / "library.json").write_text(content, encoding="utf-8")
    assert assistant_cli.main(["ask", "What about glaciers?"]) == 2
    assert "python -m ingest --rebuild" in one_error(capsys)
    assert ingest_cli.main([str(record), "--rebuild"]) == 0
    capsys.readouterr()
    assert assistant_cli.main(["ask", "How is glacier ice loss measured?", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["citations"][0]["title"].startswith("Glacier Melt")
