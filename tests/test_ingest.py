"""Sync semantics and safety of ingest, against a real persistent Chroma and the real embedder."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assistant.library import LibraryError, load_library, manifest_path
from assistant.store import VectorStore
from ingest.pipeline import IngestError, ingest
from tests.conftest import ROOT


def snapshot(settings):
    """What a user would notice changing: the manifest bytes and the collection's ids."""
    library = load_library(settings)
    return manifest_path(settings).read_bytes(), VectorStore(settings, library.collection).ids()


def test_first_ingest_then_nothing_to_do(settings, embedder):
    before = embedder.embedded
    first = ingest([ROOT / "data"], settings, embedder=embedder)
    assert (first.papers, first.added, first.unchanged) == (31, 31, 0)
    assert first.embedded == first.chunks == embedder.embedded - before
    library = load_library(settings)
    assert len(library.papers) == 31 and library.researcher.h_index == 42
    assert VectorStore(settings, library.collection).count() == first.chunks

    before = embedder.embedded
    again = ingest([ROOT / "data"], settings, embedder=embedder)
    assert (again.papers, again.added, again.updated, again.removed, again.unchanged) == (31, 0, 0, 0, 31)
    assert again.embedded == 0 and embedder.embedded == before


def test_changed_paper_is_reembedded_and_removed_paper_dropped(settings, embedder, record_copy):
    ingest([record_copy], settings, embedder=embedder)
    text = record_copy.read_text()
    text = text.replace("Swan can improve performance by 1.2 - 23.3x", "Swan can improve performance by 2 - 30x")
    start = text.index("LGOct 12, 2020\nOort")
    record_copy.write_text(text[:start])  # Oort was the last paper

    before = embedder.embedded
    report = ingest([record_copy], settings, embedder=embedder)
    assert (report.papers, report.updated, report.removed, report.unchanged) == (30, 1, 1, 29)
    library = load_library(settings)
    swan = next(p for p in library.papers if p.title.startswith("Swan"))
    assert "2 - 30x" in swan.abstract
    assert 0 < embedder.embedded - before <= 3  # only Swan's chunks
    assert not any(p.title.startswith("Oort") for p in library.papers)
    stored = VectorStore(settings, library.collection).ids()
    assert stored == {c.chunk_id for c in library.chunks}


def test_other_sources_stay_and_duplicates_merge(settings, embedder, record_copy, tmp_path):
    ingest([record_copy], settings, embedder=embedder)
    extra = tmp_path / "extra.json"
    extra.write_text(json.dumps([
        {"title": "OORT: efficient federated learning via guided participant selection",
         "doi": "10.5555/oort", "venue": "OSDI 2021", "year": 2021},
        {"title": "A Completely Different Paper", "abstract": "About something else.", "year": 2023},
    ]))
    report = ingest([extra], settings, embedder=embedder)
    assert report.papers == 32 and report.added == 1
    assert [m["title"] for m in report.merged] == ["Oort: Efficient Federated Learning via Guided Participant "
                                                  "Selection"]
    assert len(report.merged[0]["sources"]) == 2
    library = load_library(settings)
    oort = next(p for p in library.papers if p.title.startswith("Oort"))
    assert oort.doi == "10.5555/oort" and oort.venue == "OSDI 2021" and oort.category == "LG"

    extra.write_text(json.dumps([{"title": "A Completely Different Paper", "abstract": "Changed.", "year": 2023}]))
    report = ingest([extra], settings, embedder=embedder)
    assert report.papers == 32 and report.updated == 2  # the new paper and Oort, which lost its DOI/venue
    assert len(load_library(settings).papers) == 32  # the profile's papers stayed


BAD_INPUTS = {
    "broken.bib": (b"@article{key,\n  title = {Unclosed,\n  year = 2020\n", "broken.bib"),
    "invalid.json": (b'[{"title": "ok"},\n {"title": }\n]', "line 2"),
    "notitle.csv": (b"name_of_thing,year\nx,2020\n", "title"),
    "binary.json": (b"\x00\x01\x02\x03" * 100, "binary"),
    "empty.csv": (b"", "empty"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_fails_clearly_and_leaves_library_untouched(settings, embedder, tmp_path, name):
    ingest([ROOT / "data"], settings, embedder=embedder)
    before = snapshot(settings)
    content, expected = BAD_INPUTS[name]
    bad = tmp_path / name
    bad.write_bytes(content)
    with pytest.raises(IngestError) as error:
        ingest([ROOT / "data", bad], settings, embedder=embedder)
    message = str(error.value)
    assert name in message and expected in message
    assert snapshot(settings) == before


def test_huge_file_is_refused_before_reading(settings, embedder, tmp_path):
    huge = tmp_path / "huge.jsonl"
    with huge.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    with pytest.raises(IngestError, match=r"huge\.jsonl.*100 MB"):
        ingest([huge], settings, embedder=embedder)
    assert not manifest_path(settings).exists()


class CrashingStore(VectorStore):
    """A real store that dies after writing half of what it was given, like a killed process."""

    def upsert(self, ids, vectors, documents, metadatas):
        half = len(ids) // 2
        super().upsert(ids[:half], vectors[:half], documents[:half], metadatas[:half])
        raise KeyboardInterrupt("killed")


def test_interrupted_ingest_is_refused_then_repaired(settings, embedder, record_copy):
    from assistant.store import collection_name

    name = collection_name(embedder.name, settings.chunk_size, settings.chunk_overlap)
    with pytest.raises(KeyboardInterrupt):
        ingest([record_copy], settings, embedder=embedder, store=CrashingStore(settings, name))
    with pytest.raises(LibraryError, match="interrupted ingest.*python -m ingest"):
        load_library(settings)

    before = embedder.embedded
    report = ingest([record_copy], settings, embedder=embedder)
    library = load_library(settings)
    assert report.papers == 31 and len(library.papers) == 31
    assert VectorStore(settings, name).ids() == {c.chunk_id for c in library.chunks}
    assert embedder.embedded - before == report.chunks - report.chunks // 2  # only the missing half


def test_cli_contract(tmp_path):
    env = {"ASSISTANT_STORE_DIR": str(tmp_path / "store"), "PATH": "/usr/bin:/bin"}
    run = lambda *args: subprocess.run([sys.executable, "-m", "ingest", *args], cwd=ROOT, env=env,  # noqa: E731
                                       capture_output=True, text=True, timeout=300)
    first = run("--json")
    assert first.returncode == 0, first.stderr
    counts = json.loads(first.stdout)
    assert {k: counts[k] for k in ("papers", "added", "updated", "removed", "unchanged")} == \
        {"papers": 31, "added": 31, "updated": 0, "removed": 0, "unchanged": 0}
    assert counts["chunks"] >= 31
    assert "Embedding" not in first.stderr  # no progress bar under --json

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "fine"}\n{"title": "also fine"}\n{oops}\n')
    failed = run(str(bad), "--json", "--strict")
    assert failed.returncode == 2 and "bad.jsonl, line 3" in failed.stderr and "Traceback" not in failed.stderr
    second = run("--json")
    assert json.loads(second.stdout)["unchanged"] == 31  # the refused file changed nothing

    lenient = run(str(bad), "--json")
    report = json.loads(lenient.stdout)
    assert lenient.returncode == 0 and report["added"] == 2 and report["papers"] == 33
    (skipped,) = report["skipped"]
    assert skipped["file"] == str(bad) and skipped["line"] == 3 and "invalid JSON" in skipped["reason"]
    assert skipped["hint"]

    human = run(str(bad))
    assert human.returncode == 0 and f"skipped: {bad}, line 3, record 3: invalid JSON" in human.stdout


def test_progress_bar_counts_the_chunks_embedded(settings, embedder, capsys):
    report = ingest([ROOT / "data"], settings, embedder=embedder, progress=True)
    err = capsys.readouterr().err
    assert "Embedding" in err and f"{report.chunks}/{report.chunks}" in err
    ingest([ROOT / "data"], settings, embedder=embedder, progress=True)
    assert "Embedding" not in capsys.readouterr().err  # nothing to embed, no bar


def test_a_deleted_source_file_leaves_the_library(settings, embedder, record_copy, tmp_path):
    extra = record_copy.parent / "extra.json"
    extra.write_text(json.dumps([{"title": "A Completely Different Paper", "abstract": "Else.", "year": 2023}]))
    assert ingest([record_copy.parent], settings, embedder=embedder).papers == 32
    extra.unlink()
    report = ingest([record_copy.parent], settings, embedder=embedder)
    assert (report.papers, report.removed) == (31, 1)


def test_changing_the_chunking_keeps_every_source_and_drops_the_old_index(settings, embedder, record_copy,
                                                                         tmp_path):
    from assistant.store import make_client

    extra = tmp_path / "extra.json"
    extra.write_text(json.dumps([{"title": "A Completely Different Paper", "abstract": "Else.", "year": 2023}]))
    ingest([record_copy, extra], settings, embedder=embedder)
    old = load_library(settings).collection
    smaller = settings.model_copy(update={"chunk_size": 600})
    report = ingest([record_copy], smaller, embedder=embedder)
    assert report.papers == 32 and report.removed == 0
    library = load_library(smaller)
    assert library.collection != old
    assert [c.name for c in make_client(smaller).list_collections()] == [library.collection]


def test_an_empty_folder_is_an_error_not_an_empty_library(settings, embedder, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(IngestError, match="no source files in this folder"):
        ingest([empty], settings, embedder=embedder)
    assert not manifest_path(settings).exists()


def test_the_richest_copy_of_a_duplicate_wins_whatever_the_order(settings, embedder, record_copy, tmp_path):
    thin = tmp_path / "thin.csv"
    thin.write_text("title,abstract,authors,year\n"
                    '"Swan: A Neural Engine for Efficient DNN Training on Smartphone SoCs",Short.,'
                    '"A One; B Two; C Three; D Four",2022\n')
    ingest([thin], settings, embedder=embedder)
    ingest([record_copy], settings, embedder=embedder)
    swan = next(p for p in load_library(settings).papers if p.title.startswith("Swan"))
    assert "1.2 - 23.3x" in swan.abstract and swan.date_precision == "day"
    assert swan.authors == ["Sanjay Sri Vallabh Singapuram", "Fan Lai", "Chuheng Hu"] and swan.authors_truncated


def test_capture_date_without_a_sidecar_is_kept_from_the_first_ingest(settings, embedder, record_copy):
    import os

    (record_copy.parent / "fan_lai_profile.meta.json").unlink()
    ingest([record_copy], settings, embedder=embedder)
    years = sorted(p.date for p in load_library(settings).papers)
    os.utime(record_copy, (0, 2_000_000_000))  # a touch, a copy or a clone changes the file time
    report = ingest([record_copy], settings, embedder=embedder)
    assert report.unchanged == 31 and sorted(p.date for p in load_library(settings).papers) == years


@pytest.mark.parametrize("sidecar,expected", [
    ('{"captured": "23/11/2026"}', "ISO date"),
    ('{"captured": "2026-11-23", "researcher": 7}', "must be a name"),
    ("[1, 2]", "JSON object"),
])
def test_a_bad_sidecar_is_a_clear_error(settings, embedder, record_copy, sidecar, expected):
    (record_copy.parent / "fan_lai_profile.meta.json").write_text(sidecar)
    with pytest.raises(IngestError, match=expected):
        ingest([record_copy], settings, embedder=embedder)


def test_a_second_ingest_on_the_same_store_is_refused_while_one_runs(settings, embedder):
    from assistant.library import LibraryError
    from ingest.pipeline import exclusive

    with exclusive(settings):
        with pytest.raises(LibraryError, match="another ingest is writing"):
            ingest([ROOT / "data"], settings, embedder=embedder)
    assert ingest([ROOT / "data"], settings, embedder=embedder).papers == 31
