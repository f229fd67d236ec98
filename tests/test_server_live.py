"""Live updates with the local store: a serving process notices a finished ingest by the manifest's version
stamp and switches to the new library, keeping the old one for whoever still holds it; a half-written
library is never switched to."""

from __future__ import annotations

import json
import time

from assistant.library import Live, current_version, mark_writing
from assistant.retrieve import Index
from assistant.settings import Settings
from ingest.pipeline import ingest


def write_record(path, topics):
    path.write_text(json.dumps([{"title": f"{t.title()}: Field Notes", "year": 2021, "abstract": f"We study {t}."}
                                for t in topics]), encoding="utf-8")
    return path


def test_live_switches_to_a_new_local_ingest_and_skips_a_half_written_one(tmp_path, embedder):
    settings = Settings(store_dir=tmp_path / "store", reload_check_seconds=0.0)
    source = write_record(tmp_path / "record.json", ["river deltas", "coral reefs"])
    ingest([source], settings, embedder=embedder)
    live = Live(settings, lambda old: Index(settings, embedder))
    held = live.get()
    assert live.get() is held and live.check() is False  # nothing changed: no reload

    write_record(source, ["river deltas", "coral reefs", "mangrove forests"])
    ingest([source], settings, embedder=embedder)
    assert current_version(settings) != held.version
    live.check(wait=True)
    assert len(live.get().library.papers) == 3 and live.get().is_current()
    assert len(held.library.papers) == 2 and held.search("coral reefs")  # the old one still answers

    current = live.get()
    mark_writing(settings)  # an ingest killed half-way: the marker stays
    (settings.store_dir / "library.json").touch()  # ... and the stamp moved
    time.sleep(0.01)
    live.check(wait=True)
    assert live.get() is current and "half-written" in live.error  # keeps serving what it has


def test_waiting_for_a_reload_ends_on_the_library_as_it_is_now(tmp_path, monkeypatch):
    """A request may start a rebuild while an ingest is still writing; `check(wait=True)` waits for it and then
    reads the version stamp again, so it returns with the library's latest state, not the one read half-way."""
    import threading

    import assistant.library as library

    stamp = {"now": "v1"}
    monkeypatch.setattr(library, "current_version", lambda settings: stamp["now"])
    release = threading.Event()
    built = []

    def build(old):
        version = stamp["now"]
        if built:  # the first rebuild is slow: the ingest goes on writing meanwhile
            release.wait(5)
        built.append(version)
        return version

    live = Live(Settings(store_dir=tmp_path / "store", reload_check_seconds=0), build)
    stamp["now"] = "v2"
    assert live.check()  # a request starts rebuilding from v2 ...
    stamp["now"] = "v3"  # ... and the ingest writes v3 before that rebuild ends
    threading.Timer(0.2, release.set).start()
    live.check(wait=True)
    assert live.value == "v3" and live.version == "v3"
