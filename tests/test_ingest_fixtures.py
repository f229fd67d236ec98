"""Real exports from public repositories (tests/fixtures/README.md) load as they are: every entry the
file holds becomes a paper, and sampled entries keep their authors, dates and venues."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import pytest

from assistant.types import Paper
from ingest.parsers import parse_file
from ingest.pipeline import merge_papers

EXPORTS = Path(__file__).parent / "fixtures" / "exports"


def entries_in(path: Path) -> int:
    """How many publication entries the file holds, counted from its raw text (not by the parsers)."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".bib":
        starts = re.findall(r"(?m)^\s*@\s*(\w+)\s*[{(]\s*([^,\s]*)", text)
        entries = [(kind.lower(), key) for kind, key in starts if kind.lower() not in ("string", "comment", "preamble")]
        targets = set(re.findall(r"(?im)^\s*crossref\s*=\s*[{\"]([^}\"]+)", text))
        return sum(1 for kind, key in entries if not (kind == "proceedings" and key in targets))
    if path.suffix == ".ris":
        return len(re.findall(r"(?m)^TY  - ", text))
    if path.suffix == ".nbib":
        return len(re.findall(r"(?m)^PMID- ", text))
    if path.suffix == ".txt" and re.match(r"(?:PT|Publication Type)\t", text):  # Web of Science, tab-delimited
        return sum(1 for row in csv.DictReader(text.splitlines(keepends=True), delimiter="\t") if any(row.values()))
    if path.suffix == ".txt":  # Web of Science
        return len(re.findall(r"(?m)^PT ", text))
    if path.suffix == ".csv":  # (R's tables, bibliometrix's among them: ';' between cells, \" in them)
        delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
        rows = csv.DictReader(text.splitlines(keepends=True), delimiter=delimiter,
                              escapechar="\\" if '\\"' in text else None)
        return sum(1 for row in rows if any(row.values()))
    if path.suffix == ".xml":  # EndNote
        return text.count("<record>")
    if path.suffix in (".yml", ".yaml"):  # a YAML list: its items open at the line's start
        return len(re.findall(r"(?m)^- ", text))
    data = json.loads(text)
    if isinstance(data, list):
        return len(data)
    if "activities-summary" in data:
        return len(data["activities-summary"]["works"]["group"])
    for key in ("bulk", "data", "results"):
        if key in data:
            return len(data[key])
    return 1


# fixture -> (a title fragment, the authors the file gives that entry (first ones), truncated?, more checks)
SAMPLES = {
    "alfolio_papers.bib": ("AnyHome", ["Zehao Wen", "Zichen Liu", "Srinath Sridhar", "Rao Fu"], False,
                           {"date": date(2024, 7, 1), "links": {"arxiv": "https://arxiv.org/abs/2312.06644",
                                                                 "pdf": "https://arxiv.org/pdf/2312.06644.pdf"}}),
    "dblp_standard.bib": ("Superpolynomial Lower Bounds Against Low-Depth Algebraic Circuits",
                          ["Nutan Limaye", "Srikanth Srinivasan", "Sébastien Tavenas"], False, {"venue": "Commun. ACM"}),
    "dblp_crossref.bib": ("Monotone Algebraic Classes", ["Prasad Chaugule", "Nutan Limaye"], False,
                          {"venue": "Algorithmica", "doi": "10.1007/S00453-024-01221-8"}),
    "dblp_condensed.bib": ("Superpolynomial Lower Bounds Against Low-Depth Algebraic Circuits",
                           ["Nutan Limaye", "Srikanth Srinivasan", "Sébastien Tavenas"], False, {}),
    "site_publications.json": ("Superpolynomial Lower Bounds Against Low-Depth Algebraic Circuits",
                               ["Nutan Limaye", "Srikanth Srinivasan", "Sébastien Tavenas"], False, {}),
    "scholar.bib": ("A data structure for scientific models of historical cities",
                    ["Beatrice Vaienti", "Paul Guhennec", "Isabella di Lenardo"], False,
                    {"date": date(2022, 11, 1), "kind": "inproceedings"}),
    "mendeley.bib": ("Open data challenges at Facebook", ["Nathan Bronson", "Thomas Lento", "Janet L Wiener"], False,
                     {"doi": "10.1109/ICDE.2015.7113415"}),
    "bibdesk.bib": ("school-based group contingency", ["Daniel M Maggin", "James E Pustejovsky", "Austin H Johnson"],
                    False, {}),
    "jabref.bib": ("Detecting suicidality", ["Syed Tanzeel Rabani", "Akib Mohi Ud Din Khanday", "Qamar Rayees Khan"],
                   False, {"venue": "Egyptian Informatics Journal"}),
    "zotero.bib": ("autophagy modulator Dram1",
                   ["Rui Zhang", "Monica Varela", "Gabriel Forn-Cuní", "Vincenzo Torraca", "Michiel van der Vaart",
                    "Annemarie H. Meijer"], False, {"date": date(2020, 4, 1), "venue": "Cell Death Dis"}),
    "zotero.csv": ("Ecological literacy and beyond", ["Thomas M. Lewinsohn", "José Luiz Attayde",
                                                      "Carlos Roberto Fonseca"], True, {"venue": "Ambio"}),
    "zotero.ris": ("Far-infrared time-domain spectroscopy", ["D. Grischkowsky", "Søren Keiding", "Martin van Exter",
                                                             "Ch. Fattinger"], False,
                   {"date": date(1990, 10, 1), "doi": "10.1364/JOSAB.7.002006"}),
    "zotero_csl.json": ("Fecal microbial load", ["Suguru Nishijima", "Evelina Stankevic", "Oliver Aasmets",
                                                 "Thomas S. B. Schmidt"], False, {"date": date(2024, 11, 13)}),
    "zbmath_csl.json": ("Derived homotopy algebras", ["Jeroen Maes", "Fernando Muro"], False,
                        {"links": {"arxiv": "https://arxiv.org/abs/2106.14987"}}),
    "orcid_record.json": ("European medium sized tokamaks", ["Diogo E. Aguiam"], True,  # the record's owner
                          {"date": date(2017, 6, 1), "doi": "10.1088/1741-4326/aa6084", "kind": "article"}),
    "orcid_bulk_works.json": ("Work Title 2", ["Jordan"], False, {"venue": "Journal Title"}),
    "orcid_java_client.json": ("activity duration in IT projects", ["Przemyslaw Korytkowski", "Bartlomiej Malachowski"],
                               False, {"venue": "European Journal of Operational Research", "date": date(2019, 6, 1),
                                       "doi": "10.1016/j.ejor.2018.11.061", "kind": "article"}),
    "openalex_work.json": ("large-scale analysis of the prevalence and impact of Open Access",
                           ["Heather A. Piwowar", "Jason Priem", "Vincent Larivière", "Juan Pablo Alperin"], False,
                           {"venue": "PeerJ", "doi": "10.7717/peerj.4375", "date": date(2018, 2, 13)}),
    "pubmed.nbib": ("Cluster-based computational methods", ["C R Pernet", "M Latinus", "T E Nichols"], False,
                    {"venue": "Journal of neuroscience methods", "doi": "10.1016/j.jneumeth.2014.08.003",
                     "date": date(2015, 7, 30), "source_key": "25128255"}),
    "wos_savedrecs.txt": ("negative muonium ion source", ["R. Kitamura", "S. Bae", "S. Choi"], False,
                          {"venue": "Physical Review Accelerators and Beams", "date": date(2021, 3, 24),
                           "doi": "10.1103/PhysRevAccelBeams.24.033403", "kind": "article"}),
    "wos_tabbed.txt": ("land-use efficiency of barley", ["Getachew Agegnehu", "Amare Ghizaw", "Woldeyesus Sinebo"],
                       False, {"venue": "European Journal of Agronomy", "doi": "10.1016/j.eja.2006.05.002",
                               "date": date(2006, 1, 1), "kind": "article"}),
    "bibliometrix_scopus.csv": ("phytogenic feed additives", ["E.M. Basarygina", "G.P. Leshchenko"], False,
                                {"venue": "IOP Conference Series: Earth and Environmental Science", "year": 2021,
                                 "doi": "10.1088/1755-1315/699/1/012027"}),
    "endnote_library.xml": ("hybrid rubber modified epoxy", ["M. Abadyan", "M. A. Kouchakzadeh", "R. Bagheri"], False,
                            {"venue": "Journal of Applied Polymer Science", "doi": "10.1002/app.35379",
                             "kind": "article", "line": 1}),
    "csl_pandoc.yml": ("Minimal ${A_}{{\\infty}}$-algebras of endomorphisms", ["Gustavo Jasso", "Fernando Muro"], False,
                       {"arxiv_id": "2508.18852", "date": date(2025, 1, 1), "line": 1}),
    "semantic_scholar.json": ("hijacks p38", ["Christina A. Higgins", "Benjamin E. Nilsson-Payant"], False,
                              {"venue": "mBio", "date": date(2023, 6, 22)}),
}


def test_every_fixture_has_a_sample():
    assert sorted(SAMPLES) == sorted(p.name for p in EXPORTS.iterdir())
    assert len(SAMPLES) >= 15


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_a_real_export_loads_every_entry(name):
    path = EXPORTS / name
    source = parse_file(path)
    assert not source.skipped, [str(e) for e in source.skipped]
    assert len(source.papers) == entries_in(path)
    fragment, authors, truncated, checks = SAMPLES[name]
    paper = next(p for p in source.papers if fragment.lower() in p.title.lower())  # the first, as in the file
    assert paper.authors[:len(authors)] == authors if authors else paper.authors == []
    assert paper.authors_truncated == truncated
    for field, expected in checks.items():
        assert getattr(paper, field) == expected, field
    assert all(p.title and p.line >= 1 or name.endswith(".json") for p in source.papers)


def test_openalex_abstract_is_rebuilt_from_its_inverted_index():
    (paper,) = parse_file(EXPORTS / "openalex_work.json").papers
    assert paper.abstract.startswith("Despite growing interest in Open Access (OA) to scholarly literature, there is")
    assert paper.abstract.endswith("a way to inform OA policy and practice.")


def test_dblp_versions_stay_apart_and_preprints_merge():
    """A DBLP record lists conference, journal and preprint (CoRR, ECCC) versions of one work; researchers count
    the published versions, and a preprint is not a paper of its own."""
    papers = parse_file(EXPORTS / "dblp_standard.bib").papers
    merged, report, versions = merge_papers(papers)
    assert len(report) > 0 and all(item["reason"] for item in report)
    assert len(merged) == len(papers) - sum(len(item["sources"]) - 1 for item in report)
    focs = [p for p in papers if "FOCS" in p.venue]
    assert len(focs) == 3 and sum("FOCS" in p.venue for p in merged) == 3
    title = "Superpolynomial Lower Bounds Against Low-Depth Algebraic Circuits"
    copies = [p for p in merged if p.title == title]
    assert sorted(p.venue.split(",")[0] for p in copies) == ["62nd IEEE Annual Symposium on Foundations of Computer "
                                                             "Science", "Commun. ACM"]
    cacm = next(p for p in copies if p.venue == "Commun. ACM")
    assert cacm.versions and "FOCS 2021" in cacm.versions[0]
    assert len({p.paper_id for p in merged}) == len(merged)
    assert not any("Electron. Colloquium" in p.venue for p in merged if p.title == title)


def test_works_without_venues_merge_only_when_they_can_be_one():
    """Two encyclopedia entries of different years with one title are two works; an unpublished copy of the
    same year, or an arXiv preprint of another year, is a copy."""
    entry = Paper(title="The Rule of Law", date=date(2014, 1, 1), date_precision="year", abstract="An encyclopedia entry.")
    later = Paper(title="The Rule of Law", date=date(2016, 1, 1), date_precision="year", abstract="Another, for a handbook.")
    assert len(merge_papers([entry, later])[0]) == 2
    same_year = Paper(title="The Rule of Law", date=date(2014, 1, 1), date_precision="year", abstract="")
    assert len(merge_papers([entry, same_year])[0]) == 1
    preprint = Paper(title="The Rule of Law", date=date(2013, 1, 1), date_precision="year", arxiv_id="1301.00001")
    assert len(merge_papers([entry, preprint])[0]) == 1


def test_one_title_in_one_journal_and_year_with_two_dois_is_two_works():
    """Two guest editorials of one journal and year are two works; a copy without a DOI is one of them."""
    first = Paper(title="Guest editorial", venue="Pacific Accounting Review", date=date(2021, 1, 1),
                  date_precision="year", doi="10.1108/par-04-2021-200")
    second = Paper(title="Guest editorial", venue="Pacific Accounting Review", date=date(2021, 1, 1),
                   date_precision="year", doi="10.1108/par-10-2021-0171")
    copy = Paper(title="Guest Editorial", venue="Pacific Accounting Review", date=date(2021, 1, 1), date_precision="year")
    assert len(merge_papers([first, second])[0]) == 2
    kept = merge_papers([first, second, copy])[0]
    assert len(kept) == 2 and len({p.paper_id for p in kept}) == 2  # stored under two ids


def test_a_merge_keeps_the_author_list_that_was_not_split_into_one_word_names():
    """A website's "Ferreira Lima, Ana, Costa, Rui" that could not be paired up is broken; a catalogue's copy of
    the same paper with clean names gives the merged paper its authors, whichever copy is richer."""
    broken = Paper(title="Lichens on granite tombstones", venue="The Lichenologist", date=date(2020, 1, 1),
                   date_precision="year", abstract="A long abstract about lichens and stone. " * 3,
                   authors=["Ferreira Lima", "Ana", "Costa", "Rui Miguel Tavares Lopes"], source="site.json")
    clean = Paper(title="Lichens on granite tombstones", venue="The Lichenologist", date=date(2020, 1, 1),
                  date_precision="year", authors=["A. Ferreira Lima", "R. M. T. L. Costa"], source="scopus.csv")
    for order in ([broken, clean], [clean, broken]):
        (merged,) = merge_papers([Paper(**vars(p)) for p in order])[0]
        assert merged.authors == ["A. Ferreira Lima", "R. M. T. L. Costa"]
        assert merged.abstract.startswith("A long abstract")


def test_one_title_by_authors_with_none_in_common_is_two_works_not_versions():
    """Two reviews of one book (its title theirs) by other reviewers, and an unpublished note of that title by a
    third, are three works; a conference and journal version by one author are versions of one."""
    review = Paper(title="Salt Marshes of the Wadden Sea", venue="Journal of Coastal Research",
                   date=date(2012, 1, 1), date_precision="year", authors=["Hendrik de Vries"])
    other = Paper(title="Salt marshes of the Wadden Sea", venue="Estuarine Reviews", date=date(2013, 1, 1),
                  date_precision="year", authors=["Sophie Dubois"])
    note = Paper(title="Salt Marshes of the Wadden Sea", date=date(2013, 1, 1), date_precision="year",
                 authors=["K. Jansen"])
    merged, report, versions = merge_papers([review, other, note])
    assert len(merged) == 3 and not report and versions == []
    assert len({p.paper_id for p in merged}) == 3
    talk = Paper(title="Salt Marshes of the Wadden Sea", venue="Coastal Dynamics Conference", date=date(2011, 1, 1),
                 date_precision="year", authors=["H. de Vries", "P. Smit"])
    merged, report, versions = merge_papers([Paper(**vars(p)) for p in (review, other, talk)])
    assert versions == [{"title": "Salt Marshes of the Wadden Sea",
                         "versions": ["Coastal Dynamics Conference 2011", "Journal of Coastal Research 2012"]}]
    assert next(p for p in merged if p.venue == "Journal of Coastal Research").versions == [
        "Coastal Dynamics Conference 2011"]


def test_a_source_in_capitals_takes_the_casing_its_abbreviation_writes():
    """Web of Science writes sources in capitals beside an ISO abbreviation that keeps their mixed case."""
    from ingest.parsers.fields import uncapitalised_venue

    assert uncapitalised_venue("PLOS ONE", "PLoS One") == "PLoS One"
    assert uncapitalised_venue("AOB PLANTS", "AoB Plants") == "AoB Plants"
    assert uncapitalised_venue("JOURNAL OF ECOLOGY", "J. Ecol.") == "Journal of Ecology"
    assert uncapitalised_venue("Journal of Ecology", "J. Ecol.") == "Journal of Ecology"


def test_a_web_of_science_date_gives_its_day_written_after_the_year_or_the_month():
    """PD is "MAR 24", "NOV" or, for an issue of record after early access, "2024 OCT 9"."""
    from ingest.parsers.ris import wos_mapping

    dates = [wos_mapping({"document_title": ["A"], "publication_year": ["2024"], "publication_date": [written]})
             .get("date", "") for written in ("2024 OCT 9", "MAR 24", "NOV", "SPR")]
    assert dates == ["2024-10-09", "2024-03-24", "", ""]
