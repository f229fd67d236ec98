"""BibTeX, JSON, JSONL and CSV sources through ingest.parsers.parse_file, plus unreadable files."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ingest.errors import SourceError
from ingest.parsers import parse_file


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def papers(tmp_path, name: str, text: str):
    return parse_file(write(tmp_path, name, text)).papers


def error(tmp_path, name: str, text: str) -> SourceError:
    """The first problem, as --strict refuses the file with it."""
    with pytest.raises(SourceError) as caught:
        parse_file(write(tmp_path, name, text), strict=True)
    return caught.value


# --- BibTeX -------------------------------------------------------------------------------

SCHOLAR_BIB = r"""@inproceedings{lai2021oort,
  title={Oort: Efficient federated learning via guided participant selection},
  author={Lai, Fan and Zhu, Xiangfeng and Madhyastha, Harsha V and Chowdhury, Mosharaf},
  booktitle={15th $\{$USENIX$\}$ Symposium on Operating Systems Design and Implementation ($\{$OSDI$\}$ 21)},
  pages={19--35},
  year={2021}
}

@article{lai2021fedscale,
  title={FedScale: Benchmarking model and system performance of federated learning at scale},
  author={Lai, Fan and Dai, Yinwei and Singapuram, Sanjay S and others},
  journal={arXiv preprint arXiv:2105.11367},
  year={2021}
}

@inproceedings{lai2021fedscale,
  title={Fedscale: Benchmarking model and system performance of federated learning at scale},
  author={Lai, Fan and Dai, Yinwei and others},
  booktitle={International Conference on Machine Learning},
  pages={11814--11827},
  year={2022},
  month=jul,
  organization={PMLR}
}
"""


def test_google_scholar_bib(tmp_path):
    oort, preprint, icml = papers(tmp_path, "scholar.bib", SCHOLAR_BIB)

    assert oort.title == "Oort: Efficient federated learning via guided participant selection"
    assert oort.authors == ["Fan Lai", "Xiangfeng Zhu", "Harsha V Madhyastha", "Mosharaf Chowdhury"]
    assert not oort.authors_truncated
    assert (oort.date, oort.date_precision) == (date(2021, 1, 1), "year")
    assert oort.venue == "15th USENIX Symposium on Operating Systems Design and Implementation (OSDI 21)"
    assert oort.abstract == "" and oort.doi == ""
    assert (oort.line, oort.source) == (1, str(tmp_path / "scholar.bib"))

    assert preprint.authors == ["Fan Lai", "Yinwei Dai", "Sanjay S Singapuram"]
    assert preprint.authors_truncated
    assert preprint.arxiv_id == "2105.11367"
    assert preprint.line == 9

    # Scholar reused the key for the published version: both entries are kept.
    assert icml.title.startswith("Fedscale")
    assert icml.authors == ["Fan Lai", "Yinwei Dai"] and icml.authors_truncated
    assert (icml.date, icml.date_precision) == (date(2022, 7, 1), "month")
    assert icml.venue == "International Conference on Machine Learning"
    assert icml.line == 16


DBLP_BIB = r"""@inproceedings{DBLP:conf/sigcomm/LaiDC22,
  author       = {Fan Lai and
                  Yinwei Dai and
                  Mosharaf Chowdhury},
  title        = {Swan: {A} Learned Index for Fast Queries},
  booktitle    = {{ACM} {SIGCOMM} 2022 Conference, Amsterdam, The Netherlands, August
                  22 - 26, 2022},
  pages        = {1--14},
  publisher    = {{ACM}},
  year         = {2022},
  url          = {https://doi.org/10.1145/3544216.3544231},
  doi          = {10.1145/3544216.3544231},
  timestamp    = {Mon, 22 Aug 2022 16:42:53 +0200},
  biburl       = {https://dblp.org/rec/conf/sigcomm/LaiDC22.bib},
  bibsource    = {dblp computer science bibliography, https://dblp.org}
}

@article{DBLP:journals/corr/abs-2105-11367,
  author       = {Fan Lai and
                  Yinwei Dai},
  title        = {FedScale: Benchmarking Model and System Performance of Federated Learning},
  journal      = {CoRR},
  volume       = {abs/2105.11367},
  year         = {2021},
  url          = {https://arxiv.org/abs/2105.11367},
  eprinttype    = {arXiv},
  eprint       = {2105.11367},
}

@inproceedings{DBLP:conf/osdi/LaiZMC21,
  author       = {Fan Lai and Xiangfeng Zhu},
  title        = {Oort: Efficient Federated Learning via Guided Participant Selection},
  crossref     = {DBLP:conf/osdi/2021},
  pages        = {19--35},
}

@proceedings{DBLP:conf/osdi/2021,
  editor       = {Angela Demke Brown and Jay R. Lorch},
  title        = {15th {USENIX} Symposium on Operating Systems Design and Implementation, {OSDI} 2021},
  publisher    = {{USENIX} Association},
  year         = {2021},
}
"""


def test_dblp_bib_with_doi_url_eprint_and_crossref(tmp_path):
    swan, corr, oort = papers(tmp_path, "dblp.bib", DBLP_BIB)  # the crossref'd @proceedings is not a paper

    assert swan.title == "Swan: A Learned Index for Fast Queries"
    assert swan.authors == ["Fan Lai", "Yinwei Dai", "Mosharaf Chowdhury"]
    assert swan.doi == "10.1145/3544216.3544231"
    assert swan.key == "doi:10.1145/3544216.3544231"
    assert swan.url == "https://doi.org/10.1145/3544216.3544231"
    assert swan.venue == "ACM SIGCOMM 2022 Conference, Amsterdam, The Netherlands, August 22 - 26, 2022"
    assert swan.date_label() == "2022"

    assert corr.venue == "CoRR" and corr.arxiv_id == "2105.11367"
    assert corr.url == "https://arxiv.org/abs/2105.11367"
    assert corr.line == 18

    assert oort.venue == "15th USENIX Symposium on Operating Systems Design and Implementation, OSDI 2021"
    assert oort.year == 2021


ZOTERO_BIB = r"""
@article{muller_uber_2023,
	title = {{\"U}ber {F}{\"o}deriertes {Lernen}: {A} {Study} of {Privacy}},
	volume = {12},
	url = {https://example.org/paper?id=1&x=2%20y},
	doi = {10.1000/xyz.123},
	abstract = {We study federated learning with 20\% less traffic \& more privacy
in {Europe}.},
	language = {en},
	urldate = {2024-01-05},
	journal = {Journal of Machine Learning Research},
	author = {M{\"u}ller, J{\"o}rg and Garc{\'i}a, Jos{\'e} and {\O}stergaard, S{\o}ren},
	month = mar,
	year = {2023},
	keywords = {Federated learning, Privacy},
	pages = {1--20},
	file = {Full Text PDF:/home/u/Zotero/storage/ABC/file.pdf:application/pdf},
}

@misc{lai_modest_2023,
	title = {Modest {Models}},
	url = {http://arxiv.org/abs/2310.12345},
	doi = {10.48550/arXiv.2310.12345},
	publisher = {arXiv},
	author = {Lai, Fan},
	month = {October},
	year = {2023},
	note = {arXiv:2310.12345 [cs]},
	archiveprefix = {arXiv},
	eprint = {2310.12345},
	primaryclass = {cs.LG},
	keywords = {Computer Science - Machine Learning},
}
"""


def test_names_one_to_a_line_are_family_then_given_even_with_two_family_words(tmp_path):
    """RIS's AU and Web of Science's AF write one person a line, "Family, Given": a family name of two words ("Barbosa
    Silva") and a suffix after the given names ("Fletcher, Robert J., Jr.") are read as such."""
    (paper,) = papers(tmp_path, "forest.ris", "TY  - JOUR\nTI  - Seed rain in forest fragments\n"
                      "AU  - Barbosa Silva, Laura Vivian\nAU  - Bruna, Emilio M.\nAU  - Fletcher, Robert J., Jr.\n"
                      "AU  - Pierella Karlusich, J.J.\nPY  - 2019\nER  - \n")
    assert paper.authors == ["Laura Vivian Barbosa Silva", "Emilio M. Bruna", "Robert J. Fletcher Jr.",
                             "J.J. Pierella Karlusich"]


def test_a_subtitle_joins_its_title_and_an_original_title_after_a_translation_stays(tmp_path):
    """BibLaTeX's subtitle is part of the title; the original title Scopus writes in brackets after an English one
    is part of the title as the record gives it (what a reader checks a citation against)."""
    (film,) = papers(tmp_path, "films.bib", "@book{f1, title = {The True Frontier}, subtitle = {Space in Science "
                     "Fiction Films}, author = {Westfahl, Gary}, date = {1984}}")
    assert film.title == "The True Frontier: Space in Science Fiction Films"
    (robot,) = papers(tmp_path, "poultry.ris", "TY  - JOUR\nTI  - Design of a dead chicken recognition robot; "
                      "[死鸡识别机器人系统设计与试验]\nAU  - Li, Wei\nPY  - 2021\nER  - \n")
    assert robot.title == "Design of a dead chicken recognition robot; [死鸡识别机器人系统设计与试验]"


def test_a_scopus_key_with_a_comma_is_one_key(tmp_path):
    """Scopus makes a key of a surname with its suffix ("Ribeiro, Jr2022"): the entry is read, not skipped."""
    frogs, = papers(tmp_path, "scopus.bib", "@ARTICLE{Ribeiro, Jr2022,\n\tauthor = {Ribeiro, Jr, José W. and Harmon, "
                    "Kristopher},\n\ttitle = {Passive acoustic monitoring of frogs},\n\tyear = {2022}\n}\n")
    assert (frogs.source_key, frogs.line) == ("Ribeiro_Jr2022", 1)
    assert frogs.authors == ["José W. Ribeiro Jr", "Kristopher Harmon"]


def test_site_json_shapes_a_publications_list_contributors_and_authors_left_uncounted(tmp_path):
    """Personal sites keep their list under "publications", name authors "contributors" or give them as HTML, and
    cut a long list with "and 3 more authors"."""
    site = {"updated": "2025-01-01", "count": 3, "publications": [
        {"title": "Impurities in concentrated solid solutions", "contributors": ["Jacob Jeffries", "Enrique Martinez"],
         "year": 2024},
        {"title": "Cytology with deep learning", "authors": "A. D. Cherry, C. P. Chu, and 3 more authors", "year": 2023},
        {"title": "Kinetics on chip", "authors_html": "Perez, C.P.; <strong>Fordyce, P.M.</strong>", "year": 2022}]}
    solutions, cytology, kinetics = papers(tmp_path, "site.json", json.dumps(site))
    assert solutions.authors == ["Jacob Jeffries", "Enrique Martinez"]
    assert (cytology.authors, cytology.authors_truncated) == (["A. D. Cherry", "C. P. Chu"], True)
    assert kinetics.authors == ["C.P. Perez", "P.M. Fordyce"]


def test_soft_hyphens_and_babel_hyphens_and_a_commented_out_csv_row(tmp_path):
    (talk,) = papers(tmp_path, "groth.bib", '@article{g1, title = {Forschungs\\-perspektiven der '
                     'empirisch"=kulturwissenschaftlichen Cul\\-tural Studies}, author = {Groth, Stefan}, year = {2019}}')
    assert talk.title == "Forschungsperspektiven der empirisch-kulturwissenschaftlichen Cultural Studies"
    rows = papers(tmp_path, "cv.csv", 'title,authors,journal,year\nBlood atlas,"Bock, Christoph",Genes \\& Immunity,2020\n'
                  '#"Old draft","Rendeiro, Andre",Figshare,2014\n')
    assert [(p.title, p.venue) for p in rows] == [("Blood atlas", "Genes & Immunity")]


def test_affiliation_marks_after_names_are_not_part_of_them(tmp_path):
    """A CV's author cell marks names with TeX superscripts or bare affiliation numbers."""
    (atlas,) = papers(tmp_path, "cv.csv", 'title,authors,year\nBlood atlas,"Laurens Ceulemans4, Ana Ruiz^{1,2}, '
                      'Bo Li*, André F. Rendeiro$^\\Omega$",2020\n')
    assert atlas.authors == ["Laurens Ceulemans", "Ana Ruiz", "Bo Li", "André F. Rendeiro"]
    # a CV's citation line, the year after the names: the names, not an address to leave out
    (words,) = papers(tmp_path, "site.csv", "title;authors\nShort words;Alexey Koshevoy, Olivier Morin (2026).\n")
    assert words.authors == ["Alexey Koshevoy", "Olivier Morin"]


def test_tex_logos_and_hyphen_macros_are_kept_as_text(tmp_path):
    (book, report) = papers(tmp_path, "knuth.bib", r"""
@book{k1, title = {The {\TeX book}}, author = {Knuth, Donald E.}, year = {1984}}
@report{k2, title = {A methodology\hyphen independent guide to \LaTeX\ and \BibTeX}, author = {Lee, Ana},
  date = {2001}}
""")
    assert book.title == "The TeXbook"
    assert report.title == "A methodology-independent guide to LaTeX and BibTeX"


def test_zotero_bib_with_abstract_and_accents(tmp_path):
    uber, modest = papers(tmp_path, "zotero.bib", ZOTERO_BIB)

    assert uber.title == "Über Föderiertes Lernen: A Study of Privacy"
    assert uber.authors == ["Jörg Müller", "José García", "Søren Østergaard"]
    assert uber.abstract == "We study federated learning with 20% less traffic & more privacy in Europe."
    assert (uber.date, uber.date_precision) == (date(2023, 3, 1), "month")
    assert uber.date_label() == "Mar 2023"
    assert uber.url == "https://example.org/paper?id=1&x=2%20y"  # URLs are not LaTeX-decoded
    assert uber.doi == "10.1000/xyz.123"
    assert uber.venue == "Journal of Machine Learning Research"
    assert uber.category == "Federated learning"  # from keywords: no better field
    assert uber.line == 2

    assert modest.arxiv_id == "2310.12345"
    assert modest.category == "cs.LG"  # primaryclass beats keywords
    assert (modest.date, modest.date_precision) == (date(2023, 10, 1), "month")


def test_a_bib_abstract_under_cls_name_abstractnote_is_read(tmp_path):
    """Site generators fed by Zotero write the abstract as "abstractNote" (al-folio's papers.bib, for one)."""
    bib = """@article{losq2019, title = {Viscosity of hydrous melts}, author = {Le Losq, Charles and Neuville, Daniel R.},
  journal = {Chemical Geology}, year = {2019},
  abstractNote = {Water lowers the viscosity of silicate melts by orders of magnitude.}}
"""
    (paper,) = papers(tmp_path, "papers.bib", bib)
    assert paper.abstract == "Water lowers the viscosity of silicate melts by orders of magnitude."


def test_a_work_not_yet_out_keeps_the_status_its_cv_gives(tmp_path):
    """CVs mark works not yet out in a biblatex pubstate, a note, the year, a bracket before the title or the venue;
    a year written as a status is no error."""
    bib = r"""@article{a, title = {Tides and the moon}, author = {Kerr, Ann}, journal = {Icarus}, year = {2024},
  pubstate = {inpress}}
@article{b, title = {Tides and the sun}, author = {Kerr, Ann}, journal = {Icarus}, year = {forthcoming}}
@article{c, title = {[Under Review] Tides on Titan}, author = {Kerr, Ann}, year = {2025}}
@article{g, title = {Tides on Enceladus [Work In Progress]}, author = {Kerr, Ann}, year = {2025}}
@article{d, title = {Tides on Io}, author = {Kerr, Ann}, journal = {in review, Icarus}, year = {2025}}
@article{e, title = {Tides on Europa}, author = {Kerr, Ann}, journal = {Icarus}, year = {2023},
  note = {Submitted to Nature Astronomy}}
@article{f, title = {Tides on Mars}, author = {Kerr, Ann}, journal = {Icarus}, year = {2022},
  note = {An earlier version was submitted to a workshop}}
"""
    statuses = {p.title: p.status for p in papers(tmp_path, "cv.bib", bib)}
    assert statuses == {"Tides and the moon": "in press", "Tides and the sun": "forthcoming",
                        "[Under Review] Tides on Titan": "under review", "Tides on Io": "under review",
                        "Tides on Enceladus [Work In Progress]": "work in progress",
                        "Tides on Europa": "submitted", "Tides on Mars": ""}


def test_a_cvs_talks_code_repositories_and_submitted_status_are_read(tmp_path):
    """Hand-kept CV files give code as "repo" and a manuscript's "status"; a talk's "event" stays where it was
    given (a talk and the proceedings paper of its title are one work, merged as before)."""
    bib = r"""@misc{t, title = {Features in brain responses}, author = {Moy, Dan}, event = {UBC Linguistics Department},
  eventtype = {talk}, month = {mar}, year = {2018}}
@article{a, title = {Reading and the brain}, author = {Moy, Dan}, journal = {Brain Research Bulletin}, year = {2022},
  repo = {https://github.com/example/reading-meg}, preprint = {https://www.biorxiv.org/content/2022.02.02.477919}}
@article{m, title = {A data standard for EMG}, author = {Moy, Dan}, journal = {Scientific Data}, status = {submitted}}
"""
    talk, paper, manuscript = papers(tmp_path, "cv.bib", bib)
    assert paper.code_available and paper.code_url == "https://github.com/example/reading-meg"
    assert paper.links["preprint"] == "https://www.biorxiv.org/content/2022.02.02.477919"
    assert manuscript.status == "submitted"


def test_broken_bib_names_file_and_line(tmp_path):
    text = (
        "@article{good, title={Fine}, year={2020}}\n"
        "\n"
        "@article{bad,\n"
        "  title = {Unclosed title,\n"
        "  year = {2021}\n"
        "\n"
        "@article{later, title={Also fine}, year={2022}}\n"
    )
    err = error(tmp_path, "broken.bib", text)
    assert err.line == 3
    assert str(err).startswith(f"{tmp_path / 'broken.bib'}, line 3 (bad): ")
    assert "@article{bad," in err.message and "unclosed" in err.message


def test_bib_errors_for_bad_year_and_no_entries(tmp_path):
    err = error(tmp_path, "year.bib", "@article{a, title={T}}\n\n@article{b, title={U}, year={MMXX}}\n")
    assert err.line == 3 and "'year'" in err.message and "MMXX" in err.message

    err = error(tmp_path, "empty.bib", "% only a comment\n")
    assert "no BibTeX entries" in err.message


# --- JSON / JSONL -------------------------------------------------------------------------

def test_json_array(tmp_path):
    records = [
        {"title": "  Oort:\n Efficient   Federated Learning ", "authors": ["Fan Lai", "Xiangfeng Zhu"],
         "year": 2021, "venue": "OSDI", "doi": "https://doi.org/10.5555/OORT", "code": "yes", "score": 8.5,
         "unknown_field": {"ignored": True}},
        {"paperTitle": "FedScale", "author": "Fan Lai; Yinwei Dai; et al.", "date": "2022-07",
         "code_url": "https://github.com/SymbioticLab/FedScale", "arxiv_id": "arXiv:2105.11367"},
    ]
    oort, fedscale = papers(tmp_path, "papers.json", json.dumps(records, indent=2))

    assert oort.title == "Oort: Efficient Federated Learning"
    assert oort.authors == ["Fan Lai", "Xiangfeng Zhu"]
    assert (oort.date, oort.date_precision) == (date(2021, 1, 1), "year")
    assert oort.doi == "10.5555/OORT" and oort.venue == "OSDI"
    assert oort.code_available and oort.code_url == "" and oort.score == 8.5
    assert (oort.line, oort.source) == (2, str(tmp_path / "papers.json"))

    assert fedscale.authors == ["Fan Lai", "Yinwei Dai"] and fedscale.authors_truncated
    assert (fedscale.date, fedscale.date_precision) == (date(2022, 7, 1), "month")
    assert fedscale.code_available and fedscale.code_url == "https://github.com/SymbioticLab/FedScale"
    assert fedscale.arxiv_id == "2105.11367"
    assert fedscale.line == 17  # where its '{' is in the indented dump


def test_an_abstract_that_is_only_a_link_is_no_abstract(tmp_path):
    """Some CSL-JSON exports hold a first-page image's address where the abstract goes: it is no text to quote."""
    records = [
        {"type": "article-journal", "title": "A review of tidal theory", "author": [{"family": "Kerr", "given": "Ann"}],
         "issued": {"date-parts": [[1976, 3]]}, "container-title": "Canadian Journal of Philosophy",
         "abstract": "//static.cambridge.org/content/id/urn%3Acambridge.org/firstPage-S004550.jpg"},
        {"type": "article-journal", "title": "Tides and the moon", "author": [{"family": "Kerr", "given": "Ann"}],
         "issued": {"date-parts": [[1978]]}, "abstract": "Tides follow the moon; see https://example.org/tides."},
    ]
    review, tides = papers(tmp_path, "kerr.json", json.dumps(records))
    assert review.abstract == "" and review.venue == "Canadian Journal of Philosophy"
    assert tides.abstract == "Tides follow the moon; see https://example.org/tides."


def test_formulas_drawn_as_images_headings_and_links_leave_their_text_only(tmp_path):
    """Publisher abstracts (Copernicus via Zotero, JATS) carry MathML, formulas drawn as SVG images, headings and
    links: the words stay, the drawn formulas go."""
    abstract = ('<h3>Background</h3><p>Profiles were converted to <msubsup>CT*</msubsup><svg:svg xmlns:svg="x" '
                'width="15pt"><svg:image xlink:href="bg-18-ie00001.svg" src="ie1.png"/></svg:svg>, the carbon '
                'content. The bloom was dominated by <i>Nodularia</i> in the [1 <overline>1</overline> 0] band. '
                'Data are at <a href="https://doi.org/10.1/x">https://doi.org/10.1/x</a>.</p>')
    (paper,) = papers(tmp_path, "blooms.json", json.dumps([{"title": "Blooms", "author": "Ann Kerr", "year": 2021,
                                                            "abstract": abstract}]))
    assert paper.abstract == ("Background Profiles were converted to CT* , the carbon content. The bloom was dominated "
                              "by Nodularia in the [1 1 0] band. Data are at https://doi.org/10.1/x.")


def test_a_list_with_no_authors_or_dates_is_asked_about(tmp_path):
    """A website's project list parses as papers, but nothing in it lists authors or a date: the report asks
    whether it is a publication export; a list where one entry does is not questioned."""
    projects = tmp_path / "projects.json"
    projects.write_text(json.dumps([{"title": "Reef cameras", "description": "Monitoring reefs with cameras."},
                                    {"title": "Kelp maps", "description": "Mapping kelp from satellites."}]))
    (warning,) = parse_file(projects).warnings
    assert "none of its 2 entries lists authors or a date" in str(warning) and "projects.json" in str(warning)
    papers_file = tmp_path / "papers.json"
    papers_file.write_text(json.dumps([{"title": "Reef cameras"}, {"title": "Kelp maps", "year": 2020}]))
    assert parse_file(papers_file).warnings == []


def test_semantic_scholar_json(tmp_path):
    data = {
        "offset": 0,
        "data": [
            {
                "paperId": "649def34f8be52c8b66281af98ae884c09aef38b",
                "externalIds": {"DOI": "10.1145/3544216.3544231", "ArXiv": "2105.11367", "CorpusId": 235097437},
                "url": "https://www.semanticscholar.org/paper/649def34f8be52c8b66281af98ae884c09aef38b",
                "title": "FedScale: Benchmarking Model and System Performance of Federated Learning at Scale",
                "abstract": "We present FedScale, a federated learning benchmark.",
                "venue": "",
                "publicationVenue": {"id": "fc0a208c", "name": "International Conference on Machine Learning"},
                "year": 2022,
                "fieldsOfStudy": ["Computer Science"],
                "publicationDate": "2022-07-17",
                "authors": [{"authorId": "1", "name": "Fan Lai"}, {"authorId": "2", "name": "Yinwei Dai"}],
            },
            {"paperId": "x", "title": "Undated note", "year": None, "publicationDate": None, "authors": []},
        ],
    }
    fedscale, undated = papers(tmp_path, "s2.json", json.dumps(data))

    assert fedscale.authors == ["Fan Lai", "Yinwei Dai"]
    assert fedscale.doi == "10.1145/3544216.3544231" and fedscale.arxiv_id == "2105.11367"
    assert (fedscale.date, fedscale.date_precision) == (date(2022, 7, 17), "day")
    assert fedscale.venue == "International Conference on Machine Learning"
    assert fedscale.category == "Computer Science"
    assert fedscale.abstract == "We present FedScale, a federated learning benchmark."
    assert fedscale.line == 1  # all on one line

    assert undated.date is None and undated.date_precision is None and undated.authors == []


def test_json_wrapper_records_keep_their_lines(tmp_path):
    text = '{\n "meta": {"items": [1, 2], "note": "]}"},\n "papers": [\n  {"title": "A"},\n\n  {"title": "B"}\n ]\n}\n'
    a, b = papers(tmp_path, "wrapped.json", text)
    assert (a.title, a.line, b.title, b.line) == ("A", 4, "B", 6)


def test_json_errors(tmp_path):
    err = error(tmp_path, "bad.json", '[\n  {"title": "A"},\n  {"title": "B",}\n]\n')
    assert err.line == 3 and "invalid JSON" in err.message

    err = error(tmp_path, "notitle.json", '[\n  {"title": "A"},\n  {"name": ""},\n  "just a string"\n]')
    assert (err.record, err.line) == (2, 3) and "title is empty" in err.message

    err = error(tmp_path, "string.json", '[{"title": "A"}, "just a string"]')
    assert err.record == 2 and "expected an object" in err.message

    err = error(tmp_path, "date.json", '{"papers": [{"title": "A", "Publication_Date": "17/07/2022"}]}')
    assert err.record == 1 and "'Publication_Date'" in err.message and "17/07/2022" in err.message

    err = error(tmp_path, "wrapper.json", '{"hits": []}')
    assert "'hits'" in err.message and "papers/data/items" in err.message


def test_jsonl_with_bad_line_3(tmp_path):
    text = '{"title": "First", "year": "2020"}\n\n{"title": "Second", oops}\n{"title": "Third"}\n'
    err = error(tmp_path, "papers.jsonl", text)
    assert err.line == 3 and err.record == 2
    assert str(err).startswith(f"{tmp_path / 'papers.jsonl'}, line 3, record 2: invalid JSON")

    first, second = papers(tmp_path, "ok.jsonl", '{"title": "First", "year": "2020"}\n\n{"title": "Second"}\n')
    assert (first.line, second.line) == (1, 3)
    assert first.date == date(2020, 1, 1)

    err = error(tmp_path, "notitle.jsonl", '{"title": "First"}\n{"summary": "no title here"}\n')
    assert (err.line, err.record) == (2, 2) and "summary" in err.message


# --- CSV ----------------------------------------------------------------------------------

def test_csv_with_various_header_spellings(tmp_path):
    text = (
        "Paper Title,Authors,Publication_Date,Journal,DOI,Has-Code,GitHub,Primary Area\n"
        'Oort,"Fan Lai, Xiangfeng Zhu and Mosharaf Chowdhury",2021-07-14,OSDI,10.5555/oort,yes,,Systems\n'
        '"Swan: A Learned\nIndex","Lai, Fan; Dai, Yinwei",2022-08,SIGCOMM,,no,https://github.com/x/swan,Networking\n'
        "\n"
        "Quiet Paper,Solo Author,2020,,,0,,\n"
    )
    oort, swan, quiet = papers(tmp_path, "papers.csv", text)

    assert oort.title == "Oort"
    assert oort.authors == ["Fan Lai", "Xiangfeng Zhu", "Mosharaf Chowdhury"]
    assert (oort.date, oort.date_precision) == (date(2021, 7, 14), "day")
    assert oort.venue == "OSDI" and oort.doi == "10.5555/oort" and oort.category == "Systems"
    assert oort.code_available and oort.line == 2

    assert swan.title == "Swan: A Learned Index"
    assert swan.authors == ["Fan Lai", "Yinwei Dai"]  # ';' wins; "Last, First" reordered
    assert (swan.date, swan.date_precision) == (date(2022, 8, 1), "month")
    assert swan.code_available and swan.code_url == "https://github.com/x/swan"  # a code URL implies code
    assert swan.line == 3

    assert (quiet.date, quiet.date_precision) == (date(2020, 1, 1), "year")
    assert not quiet.code_available and quiet.line == 6


def test_columns_named_by_web_of_science_field_tags_are_read_as_its_records(tmp_path):
    # Web of Science's classic tab-delimited export and a bibliometrix data frame saved as CSV
    tabbed = ("PT\tAU\tAF\tTI\tSO\tDT\tDE\tAB\tPY\tPD\tDI\tJI\tUT\n"
              "J\tBerg, I; Okafor, C\tBerg, Ina; Okafor, Chidi\tSoil fungi of alpine meadows\tOIKOS\tArticle\t"
              "fungi; alpine soils\tWe sampled soil fungi.\t2015\tMAR 4\t10.1111/oik.01\tOikos\tWOS:000111\n")
    (paper,) = papers(tmp_path, "savedrecs.txt", tabbed)
    assert (paper.title, paper.authors, paper.venue) == ("Soil fungi of alpine meadows", ["Ina Berg", "Chidi Okafor"],
                                                         "Oikos")
    assert (paper.date, paper.doi, paper.kind, paper.keywords) == (date(2015, 3, 4), "10.1111/oik.01", "article",
                                                                   ["fungi", "alpine soils"])
    assert paper.abstract == "We sampled soil fungi." and paper.line == 2
    table = ('"AU","TI","SO","PY","DT","DE","AB","DI","TC","SR","DB"\n'
             '"BERG I;OKAFOR CN;MCDONALD RJ;O\'BRIEN M","SOIL FUNGI OF ALPINE MEADOWS","OIKOS",2015,"ARTICLE","FUNGI",'
             '"WE SAMPLED.","10.1111/OIK.01",3,"BERG I, 2015, OIKOS","ISI"\n')
    (paper,) = papers(tmp_path, "bibliometrix.csv", table)
    assert (paper.title, paper.authors, paper.year, paper.kind) == (
        "SOIL FUNGI OF ALPINE MEADOWS", ["I. Berg", "C. N. Okafor", "R. J. McDonald", "M. O'Brien"], 2015, "article")
    # R's NA is no value; a quote written \" is read as one, and the file's other backslashes are kept
    table = ('"AU";"TI";"SO";"PY";"DI";"AB"\n'
             '"NA";"SOIL \\"FUNGI\\" OF MEADOWS";"NA";2015;"NA";"C:\\DATA HELD \\alpha"\n')
    (paper,) = papers(tmp_path, "na.csv", table)
    assert (paper.title, paper.authors, paper.venue, paper.doi) == ('SOIL "FUNGI" OF MEADOWS', [], "", "")
    assert paper.abstract == "C:\\DATA HELD \\alpha"
    # RIS tags share TI, AU and PY: such a table is not read as Web of Science's
    assert "no title column" in error(tmp_path, "ris.csv", "TY,TI,AU,PY,T2,DO\nJOUR,A,Ann Bee,2019,J,10.1/x\n").message
    # a column of its own name is no field tag: a table with a few two-letter columns is read by its names
    (paper,) = papers(tmp_path, "own.csv", "TI,AU,Title,Authors\nx,y,A Title,Ann Bee\n")
    assert (paper.title, paper.authors) == ("A Title", ["Ann Bee"])


def test_yaml_lists_of_records_are_read_as_json_ones_each_record_at_its_line(tmp_path):
    site = ("# publications of a soil lab\n- title: Soil fungi of alpine meadows\n  authors: [Ina Berg, Chidi Okafor]\n"
            "  date: 2019-05-02\n  journal: Oikos\n- title: Grazing and soil erosion\n  authors: Chidi Okafor and Ina Berg\n"
            "  year: 2021\n")
    fungi, grazing = papers(tmp_path, "site.yml", site)
    assert (fungi.authors, fungi.date, fungi.venue, fungi.line) == (["Ina Berg", "Chidi Okafor"], date(2019, 5, 2),
                                                                     "Oikos", 2)
    assert (grazing.authors, grazing.year, grazing.line) == (["Chidi Okafor", "Ina Berg"], 2021, 6)
    pandoc = ("references:\n- id: a\n  title: Fire regimes\n  author:\n  - family: Berg\n    given: Ina\n"
              "  issued:\n    date-parts:\n    - [2020, 3]\n  container-title: Fire Ecology\n  type: article-journal\n")
    (fire,) = papers(tmp_path, "refs.yaml", pandoc)
    assert (fire.authors, fire.date, fire.venue, fire.kind, fire.line) == (["Ina Berg"], date(2020, 3, 1),
                                                                           "Fire Ecology", "article", 2)
    err = error(tmp_path, "bad.yml", "title: [unclosed\n  - x: 1\n")
    assert err.line == 2 and "invalid YAML" in err.message


def test_endnote_xml_records_and_xml_that_is_no_endnote_export(tmp_path):
    style = '<style face="normal" font="default" size="100%">{}</style>'
    record = ('<record><rec-number>7</rec-number><ref-type name="Journal Article">17</ref-type><contributors><authors>'
              f'<author>{style.format("Berg, Ina")}</author><author>{style.format("Okafor, Chidi")}</author>'
              f'</authors></contributors><titles><title>{style.format("Soil fungi of alpine meadows")}</title>'
              f'<secondary-title>{style.format("Oikos")}</secondary-title></titles><dates><year>'
              f'{style.format("2019")}</year><pub-dates><date>{style.format("May 3")}</date></pub-dates></dates>'
              f'<electronic-resource-num>{style.format("10.1111/oik.01")}</electronic-resource-num></record>')
    text = f'<?xml version="1.0" encoding="UTF-8" ?>\n<xml><records>\n{record}\n{record}</records></xml>'
    first, second = papers(tmp_path, "library.xml", text)
    assert (first.title, first.authors, first.venue, first.doi, first.kind) == (
        "Soil fungi of alpine meadows", ["Ina Berg", "Chidi Okafor"], "Oikos", "10.1111/oik.01", "article")
    assert (first.date, first.date_precision, first.line, second.line) == (date(2019, 5, 1), "month", 3, 4)
    assert "holds no EndNote records" in error(tmp_path, "other.xml", "<?xml version='1.0'?><feed></feed>").message
    assert error(tmp_path, "broken.xml", "<xml>\n<records>\n<record></records>").line == 3


def test_records_that_each_hold_an_empty_group_list_are_no_orcid_responses(tmp_path):
    text = json.dumps([{"title": "Soil fungi", "group": []}, {"title": "Alpine meadows", "group": []}])
    assert [p.title for p in papers(tmp_path, "groups.json", text)] == ["Soil fungi", "Alpine meadows"]


def test_a_line_above_the_header_row_as_dimensions_writes_is_left_out_with_a_warning(tmp_path):
    text = ('\ufeff"About the data: Exported on Sep 30, 2026. Criteria: ""drought"" in title."\r\n'
            '"Rank","Publication ID","DOI","Title","Source title","PubYear","Publication Type","Authors"\r\n'
            '"1","pub.1","10.1234/dim1","Drought and millet yields","Field Crops Research","2020","article",'
            '"Okafor, Chidi; Berg, Ina"\r\n')
    path = tmp_path / "Dimensions-Publication.csv"
    path.write_text(text, encoding="utf-8")
    source = parse_file(path)
    (paper,) = source.papers
    assert (paper.title, paper.authors, paper.venue, paper.year, paper.kind, paper.line) == (
        "Drought and millet yields", ["Chidi Okafor", "Ina Berg"], "Field Crops Research", 2020, "article", 3)
    assert [(w.line, w.message) for w in source.warnings] == [(1, "the line above the header row was left out")]
    # a table without a title column anywhere names its first line's columns
    assert "no title column" in error(tmp_path, "notes.csv", "Note\nHeading,Year\nA,2020\n").message


def test_csv_semicolon_delimited_with_year_and_month(tmp_path):
    (paper,) = papers(tmp_path, "excel.csv", "TITLE;author;year;month\nA Paper;Ann Bee;2019;Sept\n")
    assert paper.authors == ["Ann Bee"]
    assert (paper.date, paper.date_precision) == (date(2019, 9, 1), "month")


def test_csv_without_title_column_lists_columns(tmp_path):
    err = error(tmp_path, "notitle.csv", "Heading,Authors,Year\nOort,Fan Lai,2021\n")
    assert err.line == 1
    assert "'Heading', 'Authors', 'Year'" in err.message
    assert "title" in err.message and "paperTitle" in err.message


def test_csv_row_errors_name_the_line(tmp_path):
    err = error(tmp_path, "missing.csv", "title,year\nFine,2020\n,2021\n")
    assert err.line == 3 and "title is empty" in err.message

    err = error(tmp_path, "year.csv", "title,year\nFine,2020\nBad,20x1\n")
    assert err.line == 3 and "'year'" in err.message and "20x1" in err.message

    err = error(tmp_path, "code.csv", "title,code\nFine,maybe\n")
    assert err.line == 2 and "'code'" in err.message

    err = error(tmp_path, "quote.csv", 'title,year\nFine,2020\n"Unclosed, 2021\n')
    assert err.line == 3 and "malformed CSV" in err.message


# --- Files that cannot be read ------------------------------------------------------------

def test_empty_file(tmp_path):
    err = error(tmp_path, "empty.json", "")
    assert "empty" in err.message and err.path == str(tmp_path / "empty.json")


def test_binary_file(tmp_path):
    path = tmp_path / "papers.csv"
    path.write_bytes(b"PK\x03\x04\x00\x00\x08\x00title\n")
    with pytest.raises(SourceError, match="binary"):
        parse_file(path)


def test_latin1_file_is_read_as_windows_1252_with_a_warning(tmp_path):
    path = tmp_path / "papers.bib"
    path.write_bytes("@article{a,\n  title={Über Lernen},\n  author={Jörg Müller}\n}\n".encode("latin-1"))
    parsed = parse_file(path)
    assert [(p.title, p.authors) for p in parsed.papers] == [("Über Lernen", ["Jörg Müller"])]
    (warning,) = parsed.warnings
    assert warning.line == 2 and "UTF-8" in warning.message and "0xdc" in warning.message
    assert "Windows-1252" in warning.message
    excel = tmp_path / "citations.csv"
    excel.write_bytes('Authors,Title,Year\n"Nuñez, José",Río Grande – Floods,2001\n'.encode("cp1252"))
    (paper,) = parse_file(excel).papers
    assert (paper.title, paper.authors) == ("Río Grande – Floods", ["José Nuñez"])
    with pytest.raises(SourceError, match="UTF-8"):
        parse_file(path, strict=True)


def test_a_scopus_text_export_is_named_as_such(tmp_path):
    text = ("# Scopus\n# EXPORT DATE:01 Mar 2020\n\nOkoro, C.A.\nRiver Sediment Budgets\n(2019) Geomorphology, 12, "
            "pp. 1-9.\n")
    with pytest.raises(SourceError) as caught:
        parse_file(write(tmp_path, "scopus.txt", text))
    assert "Scopus plain-text export" in caught.value.message and "CSV, RIS or BibTeX" in caught.value.message
    assert "profile" not in caught.value.message


def test_oversized_file(tmp_path):
    path = tmp_path / "huge.jsonl"
    with open(path, "wb") as f:
        f.truncate(100 * 1024 * 1024)  # sparse: no real disk use
    with pytest.raises(SourceError) as caught:
        parse_file(path)
    assert "100 MB" in caught.value.message and "limit" in caught.value.message


def test_a_score_that_is_not_a_finite_number_is_refused(tmp_path):
    from ingest.errors import SourceError
    from ingest.parsers import parse_file

    bad = tmp_path / "scores.jsonl"
    bad.write_text('{"title": "Fine", "score": 7}\n{"title": "Odd", "score": "NaN"}\n')
    with pytest.raises(SourceError, match=r"scores\.jsonl, line 2.*'score'.*finite"):
        parse_file(bad, strict=True)
    fine, odd = parse_file(bad).papers  # lenient: the paper stays, without the score
    assert (fine.score, odd.score) == (7, None)


def test_formulas_in_math_keep_their_digits_as_written_in_plain_text(tmp_path):
    (paper,) = papers(tmp_path, "chem.bib", r"""@article{pols2024,
  title = {Degradation of CsPbI\(_{3}\) on MoS$_2$ at 10$^{3}$ K},
  author = {Pols, Mike},
  journal = {J. Phys. Chem. C},
  year = {2024}
}""")
    assert paper.title == "Degradation of CsPbI₃ on MoS₂ at 10³ K"


def test_paperpile_json_export(tmp_path):
    record = [{"_id": "756357f2", "title": "Transcriptomic gradients of the human cerebellum",
               "abstract": "We investigate transcriptomics in the human cerebellum.",
               "author": [{"last": "King", "first": "Leana", "initials": "L", "formatted": "King L"},
                          {"last": "Ivry", "first": "Richard B", "initials": "RB", "formatted": "Ivry RB"}],
               "citekey": "King2025-rq", "doi": "10.1162/imag_a_00494", "journal": "Imaging Neurosci. (Camb.)",
               "journalfull": "Imaging neuroscience (Cambridge, Mass.)",
               "published": {"year": "2025", "month": "2", "day": "18"}, "pubtype": "PP_ARTICLE"},
              {"_id": "97cb75e8", "title": "Kilohertz transcranial magnetic perturbation (kTMP)",
               "author": [{"last": "Labruna", "first": "Ludovica"}], "journal": "eLife",
               "published": {"year": "2024", "month": "9"}, "pubtype": "PP_PREPRINT"}]
    first, second = papers(tmp_path, "publications.json", json.dumps(record))
    assert first.authors == ["Leana King", "Richard B Ivry"]
    assert (first.date, first.date_precision) == (date(2025, 2, 18), "day")
    assert first.kind == "article" and first.venue == "Imaging Neurosci. (Camb.)"
    assert (second.date_precision, second.kind) == ("month", "preprint")


def test_mathscinet_full_journal_and_ads_journal_macros(tmp_path):
    found = papers(tmp_path, "r.bib", r"""
@article{MR1, title = {Nonuniqueness of weak solutions}, author = {Buckmaster, Tristan}, year = {2019},
  journal = {Comm. Pure Appl. Math.}, fjournal = {Communications on Pure and Applied Mathematics}}
@ARTICLE{ads1, title = "{Binary stars}", author = {{Wagg}, Tom}, year = 2022, journal = {\mnras}}
@ARTICLE{ads2, title = "{Unknown macro}", author = {{Wagg}, Tom}, year = 2022, journal = {\notajournal}}
""")
    assert [p.venue for p in found] == ["Communications on Pure and Applied Mathematics",
                                        "Monthly Notices of the Royal Astronomical Society", ""]  # unknown: no venue


def test_where_exports_name_the_venue_source_book_and_source_title(tmp_path):
    """Publish or Perish's JSON calls the journal "source"; a chapter's venue is its "book"; Scopus's CSV has
    "Source title" beside a "Source" that names Scopus itself, which is no venue."""
    records = [
        {"title": "Assumption-Lean Inference for Regression", "authors": [{"name": "Ana Ruiz"}], "year": 2019,
         "source": "The American Statistician,", "type": "Journal article"},
        {"title": "Trust After Civil War", "year": "2015", "type": "chapter", "journal": None,
         "book": "Theorizing Transitional Justice", "publisher": "Ashgate"},
    ]
    article, chapter = papers(tmp_path, "pop.json", json.dumps(records))
    assert article.venue == "The American Statistician" and article.kind == "article"
    assert chapter.venue == "Theorizing Transitional Justice" and chapter.kind == "chapter"

    scopus = ("Authors,Title,Year,Source title,Source\n"
              "\"Ruiz A.\",Coastal Upwelling Indices,2020,Journal of Marine Systems,Scopus\n"
              "\"Ruiz A.\",A Note on Upwelling,2021,,Scopus\n")
    indexed, note = papers(tmp_path, "scopus.csv", scopus)
    assert indexed.venue == "Journal of Marine Systems" and note.venue == ""


def test_markup_and_entities_in_titles_and_abstracts_are_text(tmp_path):
    records = [{"title": "Creeping roots in alfalfa (<i>Medicago sativa</i> L.)", "year": 2024,
                "abstract": "<jats:title>Abstract</jats:title><jats:p>We mapped 648 loci &ndash; "
                            "with H<sub>2</sub>O stress at p < 0.05 &amp; more.</jats:p>",
                "journal": "Crop Science &amp; Genetics"}]
    (alfalfa,) = papers(tmp_path, "crossref.json", json.dumps(records))
    assert alfalfa.title == "Creeping roots in alfalfa (Medicago sativa L.)"
    assert alfalfa.abstract == "We mapped 648 loci – with H2O stress at p < 0.05 & more."
    assert alfalfa.venue == "Crop Science & Genetics"


def test_a_formula_given_as_tex_and_as_a_picture_keeps_its_tex_and_a_title_in_angle_brackets_is_text(tmp_path):
    """Crossref's JATS gives a formula twice, as TeX and as an image; an EndNote title may be a file name in angle
    brackets, which is no tag (a tag's attributes are name="value")."""
    records = [{"title": "Derived homotopy algebras", "year": 2022, "abstract": (
                    '<jats:p>Over a ring (containing <jats:inline-formula><jats:alternatives><jats:tex-math>$\\mathbb {Q}$'
                    '</jats:tex-math><jats:inline-graphic xmlns:xlink="http://www.w3.org/1999/xlink" mime-subtype="png" '
                    'xlink:href="S0308210522000427_inline1.png"/></jats:alternatives></jats:inline-formula> here).</jats:p>')},
               {"title": "<A fractographic study of welds.pdf>", "year": 2010}]
    derived, welds = papers(tmp_path, "crossref.json", json.dumps(records))
    assert derived.abstract == "Over a ring (containing $\\mathbb {Q}$ here)."
    assert welds.title == "<A fractographic study of welds.pdf>"


def test_a_list_written_surname_first_without_commas_and_scopus_initials(tmp_path):
    bib = r"""@article{w1, title = {Aphasia batteries}, year = {2019},
  author = {Clark Heather M. and Utianski Rene L. and Botha Hugo and Josephs Keith A.}}
@article{w2, title = {Learning networks}, year = {2020},
  author = {Raspopovic Milic M. and Conde M.A. and Saqr M.}}
@article{w3, title = {Speech rate}, year = {2021}, author = {Heather M. Clark and Hugo Botha}}"""
    batteries, networks, speech = papers(tmp_path, "mixed.bib", bib)
    assert batteries.authors == ["Heather M. Clark", "Rene L. Utianski", "Hugo Botha", "Keith A. Josephs"]
    assert networks.authors == ["M. Raspopovic Milic", "M.A. Conde", "M. Saqr"]  # Scopus's surnames with initials
    assert speech.authors == ["Heather M. Clark", "Hugo Botha"]

def test_chinese_japanese_and_korean_names_given_surname_first_are_written_as_those_languages_write_them(tmp_path):
    """"高, 春辉" is 高春辉, as the same record writes him elsewhere, not "春辉 高"; a Latin name keeps its order."""
    bib = r"""@article{c1, title = {Soil biofilms}, year = {2021}, author = {高, 春辉 and 孙, 晓洁 and Gao, Chunhui}}
@article{c2, title = {Gut microbiota}, year = {2022}, author = {高春辉 and 유, 삼현 and 山田, 太郎}}"""
    biofilms, microbiota = papers(tmp_path, "cjk.bib", bib)
    assert biofilms.authors == ["高春辉", "孙晓洁", "Chunhui Gao"]
    assert microbiota.authors == ["高春辉", "유삼현", "山田太郎"]


def test_a_doubled_and_and_an_empty_family_part_in_a_bibtex_author_list(tmp_path):
    """Malformed exports: "X and and, Y" (no name "Y and"), and ", Corinne, Bara" for Corinne Bara."""
    bib = r"""@article{d1, title = {Local ceasefires}, year = {2024}, author = {Abbs, Luke and and, Allard Duursma}}
@article{d2, title = {Peacekeeping at 75}, year = {2023},
  author = {Duursma, Allard and , Corinne, Bara and , Sara, Lindberg Bromley and and Gorur, Aditi}}"""
    ceasefires, peacekeeping = papers(tmp_path, "malformed.bib", bib)
    assert ceasefires.authors == ["Luke Abbs", "Allard Duursma"]
    assert peacekeeping.authors == ["Allard Duursma", "Corinne Bara", "Sara Lindberg Bromley", "Aditi Gorur"]


def test_an_entry_without_a_key_lends_its_venue_to_no_other(tmp_path):
    bib = r"""@inproceedings{,
author = {De Lucia, Michael and Jalaian, Brian}, title = {Raw traffic detection},
booktitle = {Machine Learning for Multi-Domain Operations III}, year = {2021}}
@book{yuan_new_2016, author = {Yuan, Xu and Jalaian, Brian}, title = {New coexistence paradigms}, year = {2016}}"""
    traffic, coexistence = papers(tmp_path, "site.bib", bib)
    assert traffic.venue == "Machine Learning for Multi-Domain Operations III" and coexistence.venue == ""

def test_an_openalex_repository_copy_is_no_venue_and_joins_the_published_paper(tmp_path):
    """OpenAlex lists an institutional repository's copy of a paper as a work of its own, the repository as its
    source; arXiv stays a venue (a preprint server)."""
    from ingest.pipeline import merge_papers

    def work(source: dict, doi: str | None) -> dict:
        return {"id": f"https://openalex.org/W{len(source['display_name'])}", "title": "Transfinite Adams representability",
                "publication_year": 2016, "doi": doi, "type": "article", "primary_location": {"source": source},
                "authorships": [{"author": {"display_name": "Fernando Muro"}}]}

    page = {"meta": {"count": 3}, "results": [
        work({"display_name": "LA Referencia", "type": "repository"}, None),
        work({"display_name": "Advances in Mathematics", "type": "journal"}, "https://doi.org/10.1016/j.aim.2016.01.009"),
        work({"display_name": "arXiv (Cornell University)", "type": "repository"}, None)]}
    found = papers(tmp_path, "openalex.json", json.dumps(page))
    assert [p.venue for p in found] == ["", "Advances in Mathematics", "arXiv (Cornell University)"]
    (merged,), _, _ = merge_papers(found)
    assert merged.venue == "Advances in Mathematics" and merged.preprinted == ["arXiv (Cornell University)"]


def test_line_breaks_escaped_twice_over_are_spaces_and_tex_commands_stay(tmp_path):
    records = [{"title": "Sponsors and the structure of free software\\n communities", "year": 2019,
                "abstract": "Recommenders need data.\\n\\nWe propose one with $\\nu$ users.", "journal": "Info"}]
    (paper,) = papers(tmp_path, "openalex.json", json.dumps(records))
    assert paper.title == "Sponsors and the structure of free software communities"
    assert paper.abstract == "Recommenders need data. We propose one with $\\nu$ users."

def test_a_proceedings_title_keeps_the_conference_short_name_from_the_series(tmp_path):
    bib = r"""@inproceedings{a21,
  title = {Who Is Speaking in Computing Research?},
  author = {Ruiz, Ana},
  booktitle = {Proceedings of the 2021 ACM Conference on Fairness, Accountability, and Transparency},
  series = {FAccT '21},
  year = {2021}
}
@inproceedings{b21,
  title = {Sonar Counts},
  author = {Ruiz, Ana},
  booktitle = {Proceedings of CHI},
  series = {CHI '21},
  year = {2021}
}"""
    facct, chi = papers(tmp_path, "acm.bib", bib)
    assert facct.venue.endswith("Transparency (FAccT)") and chi.venue == "Proceedings of CHI"


@pytest.mark.parametrize("written, kind", [("law review", "article"), ("Peer Review", "article"),
                                           ("research-article", "article"), ("book review", "article"),
                                           ("chapter", "chapter"), ("misc", "other")])
def test_publication_types_as_exports_spell_them(written, kind):
    from ingest.parsers.fields import kind_of

    assert kind_of(written) == kind


def test_a_conference_paper_whose_only_venue_is_its_series(tmp_path):
    bib = r"""@inproceedings{m13,
  title = {Tidal Gauges on Parallel Machines},
  author = {Okafor, Ngozi},
  series = {ParCo 2013},
  year = {2013}
}"""
    (paper,) = papers(tmp_path, "series.bib", bib)
    assert paper.venue == "ParCo 2013"


def test_csl_json_talks_editors_and_catalogues(tmp_path):
    """A Zotero CSL-JSON export: a talk's venue is its event; `source` is the catalogue the entry came from, never
    a venue; an edited book is credited to its editors and appeared with its publisher."""
    records = [
        {"id": "t1", "type": "speech", "title": "Saints in medieval sermons", "event-title": "Leeds Medieval Congress",
         "author": [{"family": "Haugen", "given": "Ingrid"}], "issued": {"date-parts": [[2024, 7, 2]]}},
        {"id": "b1", "type": "book", "title": "Sermons and their hearers", "source": "Open WorldCat",
         "publisher": "Brepols", "editor": [{"family": "Haugen", "given": "Ingrid"}, {"family": "Berg", "given": "Ola"}],
         "issued": {"date-parts": [[2022]]}},
        {"id": "a1", "type": "article-journal", "title": "Relics on the move", "source": "DataCite",
         "author": [{"family": "Haugen", "given": "Ingrid"}], "issued": {"date-parts": [[2021]]}},
        {"id": "p1", "type": "paper-conference", "title": "Preaching to pilgrims", "event-title": "Leeds Medieval "
         "Congress 2023", "container-title": "Abstracts of the Leeds Medieval Congress",
         "author": [{"family": "Haugen", "given": "Ingrid"}], "issued": {"date-parts": [[2023]]}},
    ]
    talk, book, article, paper = papers(tmp_path, "csl.json", json.dumps(records))
    assert talk.venue == "Leeds Medieval Congress" and talk.event == ""
    # a paper in a proceedings volume keeps the meeting it was presented at beside it
    assert paper.venue == "Abstracts of the Leeds Medieval Congress" and paper.event == "Leeds Medieval Congress 2023"
    assert book.authors == ["Ingrid Haugen", "Ola Berg"] and book.venue == "Brepols" and book.edited
    assert not talk.edited
    assert article.venue == ""


def test_a_chapter_without_authors_is_not_credited_to_the_book_editors(tmp_path):
    records = [{"id": "c1", "type": "chapter", "title": "Pilgrim badges", "container-title": "Sermons and their hearers",
                "editor": [{"family": "Haugen", "given": "Ingrid"}], "issued": {"date-parts": [[2022]]}}]
    (chapter,) = papers(tmp_path, "csl.json", json.dumps(records))
    assert chapter.authors == [] and chapter.venue == "Sermons and their hearers"


def test_biblatex_extended_names_repeated_names_and_a_report_number_as_journal(tmp_path):
    """Zotero's Better BibLaTeX writes some names as "family=..., given=..., prefix=..."; an export that lists two
    co-authors twice lists each once; a report's series number in `journaltitle` is no venue, so the book appeared
    with its publisher. One name written twice alone may be two namesakes and stays."""
    bib = r"""@article{a1,
  title = {Ferry timetables and island commuting},
  author = {Sousa, Rita and family=Berg, given=Anna, prefix=van, useprefix=true and Lind, Per and family=Berg, given=Anna, prefix=van, useprefix=true and Lind, Per},
  journaltitle = {Journal of Transport Geography},
  date = {2019}
}
@book{r1,
  title = {Ferjetilbud i Vestland},
  author = {Sousa, Rita and family=Reis, given={Rafael A.}, prefix=dos, useprefix=false},
  journaltitle = {117},
  publisher = {Vestlandsforsking},
  date = {2022}
}
@article{a2,
  title = {Bus lanes in Chengdu},
  author = {Wang, Wei and Wang, Wei and Sousa, Rita},
  journal = {Transport Policy},
  year = {2020}
}"""
    article, report, namesakes = papers(tmp_path, "better.bib", bib)
    assert article.authors == ["Rita Sousa", "Anna van Berg", "Per Lind"]
    assert report.authors == ["Rita Sousa", "Rafael A. dos Reis"] and report.venue == "Vestlandsforsking"
    assert namesakes.authors == ["Wei Wang", "Wei Wang", "Rita Sousa"]


def test_scopus_names_with_initials_are_people_however_their_surnames_read(tmp_path):
    csv = ("\ufeffAuthors,Title,Year,Source title\n"
           '"Hall R.T., School K.L., Centre A., Brook P.",Peat Accumulation in Boreal Fens,2011,Wetlands\n'
           '"Centre for Peat Studies, University of Oulu",Fen Hydrology,2012,Wetlands\n')
    parsed = parse_file(write(tmp_path, "scopus.csv", csv))
    assert parsed.papers[0].authors == ["R.T. Hall", "K.L. School", "A. Centre", "P. Brook"]
    assert parsed.papers[1].authors == []
    (warning,) = parsed.warnings
    assert warning.line == 3 and "left out the whole author list" in warning.message and "1 part" not in warning.message


def test_a_record_cut_off_at_the_end_of_a_ris_wos_or_medline_file_is_kept_with_a_warning(tmp_path):
    ris = ("TY  - JOUR\nTI  - Soil Fungi of Alpine Meadows\nAU  - Berg, Ina\nPY  - 2015\nER  - \n\n"
           "TY  - JOUR\nTI  - Lichen Growth Rates\nAU  - Berg, Ina\nAB  - Lichens grow sl")
    wos = ("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Berg, I\nTI Soil Fungi of Alpine Meadows\n"
           "PY 2015\nER\n\nPT J\nAU Berg, I\nTI Lichen Growth Rates\nAB Lichens grow sl\n")
    medline = ("PMID- 111\nTI  - Soil fungi of alpine meadows.\nFAU - Berg, Ina\nDP  - 2015\nSO  - Oikos. 2015.\n\n"
               "PMID- 222\nTI  - Lichen growth rates.\nFAU - Berg, Ina\nAB  - Lichens grow sl\n")
    for name, text, line in (("cut.ris", ris, 7), ("savedrecs.txt", wos, 9), ("cut.nbib", medline, 7)):
        parsed = parse_file(write(tmp_path, name, text))
        assert [p.title for p in parsed.papers] == ["Soil Fungi of Alpine Meadows", "Lichen Growth Rates"] or \
            [p.title for p in parsed.papers] == ["Soil fungi of alpine meadows", "Lichen growth rates"], name
        (warning,) = parsed.warnings
        assert (warning.path.endswith(name), warning.line, warning.record) == (True, line, 2), name
        assert "cut off" in warning.message, name
    complete = parse_file(write(tmp_path, "whole.ris", ris.replace("grow sl", "grow slowly.\nER  - \n")))
    assert complete.warnings == []


def test_tex_escapes_in_doi_and_url_and_boxed_superscripts_in_titles(tmp_path):
    bib = r"""@inproceedings{ng2012,
  title = {Isotope Ratios of {\({}^{\mbox{13}}\)C} in Sediment Cores and the \mbox{Holocene} Record},
  author = {Ng, Ana},
  booktitle = {Proceedings of the Quaternary Workshop},
  doi = {10.5555/qw-2012\_7},
  url = {https://example.org/cores?id=7\&part=2\_b},
  year = {2012}
}
"""
    (paper,) = papers(tmp_path, "cores.bib", bib)
    assert paper.title == "Isotope Ratios of ¹³C in Sediment Cores and the Holocene Record"
    assert paper.doi == "10.5555/qw-2012_7" and paper.url == "https://example.org/cores?id=7&part=2_b"


def test_medline_publication_type_is_the_first_that_names_a_kind_of_publication(tmp_path):
    medline = ("PMID- 333\nTI  - Vitamin D and falls in older adults.\nFAU - Lindqvist, Eva\nDP  - 2019 Mar\n"
               "PT  - Clinical Trial, Phase III\nPT  - Journal Article\nPT  - Multicenter Study\n"
               "SO  - Age Ageing. 2019 Mar.\n")
    (paper,) = papers(tmp_path, "trial.nbib", medline)
    assert (paper.kind, paper.genre) == ("article", "")


def test_a_source_type_saying_more_than_the_kind_is_kept_as_its_genre(tmp_path):
    medline = ("PMID- 334\nTI  - Vitamin D and falls.\nFAU - Lindqvist, Eva\nDP  - 2020\nPT  - Journal Article\n"
               "PT  - Review\nSO  - Age Ageing. 2020.\n")
    wos = "PT J\nAF Berg, Ina\nTI Soil fungi\nSO OIKOS\nDT Editorial Material\nPY 2015\nER\n"
    bib = "@article{k, title = {Soil fungi}, author = {Berg, Ina}, journal = {Oikos}, year = {2015}, type = {Letter}}"
    ris = "TY  - JOUR\nTI  - Soil fungi\nAU  - Berg, Ina\nPY  - 2015\nM3  - Review\nER  - \n"
    assert [(p.kind, p.genre) for name, text in (("r.nbib", medline), ("savedrecs.txt", wos), ("r.bib", bib),
                                                 ("r.ris", ris))
            for p in papers(tmp_path, name, text)] == [("article", "review"), ("article", "editorial"),
                                                      ("article", "letter"), ("article", "review")]
    # every type that says more, in the source's order; a type with its access note ("Review; Early Access")
    medline = medline.replace("PT  - Review\n", "PT  - Meta-Analysis\nPT  - Review\n")
    bib = bib.replace("type = {Letter}", "type = {Review; Early Access}")
    assert [p.genre for name, text in (("r.nbib", medline), ("r.bib", bib))
            for p in papers(tmp_path, name, text)] == ["meta-analysis, review", "review"]


def test_bibtex_keywords_one_per_line_are_separate_keywords(tmp_path):
    bib = """@article{RN1, title = {Densified Wood Composites}, author = {Frey, Marion}, journal = {JoVE}, year = {2019},
   keywords = {Engineering
delignified densified wood
bio-based}}
@article{RN2, title = {Flax Laminates}, author = {Frey, Marion}, journal = {JoVE}, year = {2019},
   keywords = {damping, natural
   fibre}}
"""
    found = {p.title: p.keywords for p in papers(tmp_path, "endnote.bib", bib)}
    assert found == {"Densified Wood Composites": ["Engineering", "delignified densified wood", "bio-based"],
                     "Flax Laminates": ["damping", "natural fibre"]}


def test_a_bibtex_misc_entry_takes_its_kind_from_the_type_field(tmp_path):
    bib = r"""@misc{s2011, title = {Disorder in Dutch Neighbourhoods}, author = {Steen, Wim}, year = {2011},
  type = {Dissertation}, publisher = {Utrecht University}}
@misc{s2018, title = {sppt: Spatial Point Pattern Test}, author = {Steen, Wim}, year = {2018}, type = {Computer software}}
@article{s2019, title = {Crime at Street Segments}, author = {Steen, Wim}, journal = {Criminology}, year = {2019},
  type = {Dissertation chapter}}
"""
    kinds = {p.title: p.kind for p in papers(tmp_path, "works.bib", bib)}
    assert kinds == {"Disorder in Dutch Neighbourhoods": "thesis", "sppt: Spatial Point Pattern Test": "other",
                     "Crime at Street Segments": "article"}


def test_a_ris_thesis_appears_at_its_university(tmp_path):
    ris = ("TY  - THES\nTI  - Convict Labour and the Building of Hobart\nAU  - Pryor, Jane\nPY  - 2004\n"
           "PB  - University of Tasmania\nM3  - PhD Thesis\nER  - \n")
    (paper,) = papers(tmp_path, "theses.ris", ris)
    assert (paper.kind, paper.venue) == ("thesis", "University of Tasmania")


def test_names_written_surname_first_with_initials_and_no_comma_are_turned_round(tmp_path):
    """Scopus writes "Saqr M.", "Wang W.T." (surname, then initials, no comma), in its CSV and in BibTeX files made
    from it: the person is "M. Saqr", so the owner "Mohammed Saqr" and "M. Saqr" elsewhere are one person."""
    bib = r"""@article{s1, title = {Peer networks of medical students}, author = {Saqr M. and Fors U. and van Dyke J.-P.},
  journal = {Medical Teacher}, year = {2018}}"""
    (paper,) = papers(tmp_path, "scopus.bib", bib)
    assert paper.authors == ["M. Saqr", "U. Fors", "J.-P. van Dyke"]
    csv = 'Authors,Title,Year,Source title\n"Saqr M., Nouri J.",Group size in online learning,2019,Computers and Education\n'
    (row,) = papers(tmp_path, "scopus.csv", csv)
    assert row.authors == ["M. Saqr", "J. Nouri"]


def test_a_web_of_science_source_in_capitals_keeps_an_ordinal_lower_case_and_a_bracketed_short_name(tmp_path):
    wos = ("FN Clarivate Analytics Web of Science\nVR 1.0\nPT C\nAU Berg, I\nTI Soil fungi of alpine meadows\n"
           "SO PROCEEDINGS OF THE 15TH INTERNATIONAL PEATLAND CONGRESS (IPC2016)\nPY 2016\nER\n\nEF\n")
    (paper,) = papers(tmp_path, "savedrecs.txt", wos)
    assert paper.venue == "Proceedings of the 15th International Peatland Congress (IPC2016)"


def test_google_scholar_csv_reads_publication_as_the_venue(tmp_path):
    rows = papers(tmp_path, "scholar.csv", (
        "\ufeffAuthors,Title,Publication,Volume,Number,Pages,Year,Publisher,Citations\n"
        '"Okafor, Ngozi; Lindqvist, Per; ",Peat moss carbon in boreal fens,Journal of Wetland Ecology,12,3,'
        "44-59,2019,Marsh Press,17\n"
        '"Okafor, Ngozi; ",A field guide to sedges,,,,,2021,Marsh Press,\n'))
    assert [(p.venue, p.year, p.authors) for p in rows] == [
        ("Journal of Wetland Ecology", 2019, ["Ngozi Okafor", "Per Lindqvist"]),
        ("", 2021, ["Ngozi Okafor"])]


def test_a_url_is_never_a_venue(tmp_path):
    ris = ("TY  - JOUR\nTI  - Tide pools as nurseries\nAU  - Mbeki, Thandi\nPY  - 2020\n"
           "JO  - SSRN https://papers.ssrn.com/abstract=111\nER  - \n\n"
           "TY  - JOUR\nTI  - Kelp and urchins\nAU  - Mbeki, Thandi\nPY  - 2021\n"
           "JO  - https://dx.doi.org/10.2139/ssrn.222 https://example.org/search?q=Mbeki\nER  - \n\n"
           "TY  - BOOK\nTI  - Rock shores\nAU  - Mbeki, Thandi\nPY  - 2022\n"
           "PB  - Coastal Books http://hdl.handle.net/1/2 …\nER  - \n")
    assert [p.venue for p in papers(tmp_path, "scholar.ris", ris)] == ["SSRN", "", "Coastal Books"]
    csv = ("Authors,Title,Publication,Year\n"
           '"Mbeki, Thandi",Sand dunes,SSRN http://papers.ssrn.com/abstract=333,2020\n')
    assert [p.venue for p in papers(tmp_path, "scholar.csv", csv)] == ["SSRN"]


@pytest.mark.parametrize("header", ["\ufeffFN Thomson Reuters Web of Knowledge\nVR 1.0\n", "FN ISI Export Format\n",
                                    "\ufeffFN Clarivate Analytics Web of Science\nVR 1.0\n", ""])
def test_a_web_of_science_export_is_known_by_its_structure_whichever_vendor_its_header_names(tmp_path, header):
    wos = (header + "PT J\nAU Nakamura, H\nAF Nakamura, Haruto\nTI Snow crystal habits at low temperature\n"
           "SO JOURNAL OF GLACIOLOGY\nPY 2011\nER\n\nEF\n")
    (paper,) = papers(tmp_path, "savedrecs.txt", wos)
    assert (paper.title, paper.authors, paper.venue, paper.year) == (
        "Snow crystal habits at low temperature", ["Haruto Nakamura"], "Journal of Glaciology", 2011)


def test_one_string_of_surnames_and_given_names_in_turn_is_paired_up_or_warned_about(tmp_path):
    records = [{"title": "Olive pollen in Holocene lake cores", "year": 2018,
                "authors": "Dalla Costa, Giulia, Ferri, Marco, Bianchi, L., Rossi, Anna"},
               {"title": "Fire and maquis", "year": 2019, "authors": "Ferri, Marco, Bianchi, Luca Maria Sole, Rossi"},
               {"title": "Pollen rain", "year": 2020, "authors": "Giulia Dalla Costa, Marco Ferri, Anna Rossi"}]
    source = parse_file(write(tmp_path, "site.json", json.dumps(records)))
    assert [p.authors for p in source.papers] == [
        ["Giulia Dalla Costa", "Marco Ferri", "L. Bianchi", "Anna Rossi"],
        ["Ferri", "Marco", "Bianchi", "Luca Maria Sole", "Rossi"],
        ["Giulia Dalla Costa", "Marco Ferri", "Anna Rossi"]]
    (warning,) = source.warnings
    assert warning.record == 2 and "one-word names (Ferri, Marco, Bianchi" in warning.message


def test_scopus_document_type_is_the_kind_and_a_numeric_type_code_gives_way_to_a_named_type(tmp_path):
    csv = ('"Authors","Title","Year","Source title","Document Type","Source"\n'
           '"Osei K.","Cocoa swollen shoot in Ghana","2017","Plant Pathology","Article","Scopus"\n'
           '"Osei K.","Shade trees and cocoa yield","2018","Agroforestry Congress","Conference paper","Scopus"\n'
           '"Osei K.","Cocoa pests","2019","Crop Protection","Review","Scopus"\n'
           '"Osei K.","Cocoa in West Africa","2020","Tropical Crops","Book Chapter","Scopus"\n'
           '"Osei K.","Mirids","2021","Crop Protection","Short Survey","Scopus"\n')
    assert [p.kind for p in papers(tmp_path, "scopus.csv", csv)] == [
        "article", "inproceedings", "article", "chapter", "article"]
    site = [{"title": "Cocoa and shade", "authors": "Osei, Kwame", "year": 2020, "pubtype": 2,
             "type": "Journal article"}]
    assert [p.kind for p in papers(tmp_path, "site.json", json.dumps(site))] == ["article"]


def test_a_pubmed_collective_author_keeps_its_place_among_the_people(tmp_path):
    nbib = ("PMID- 11111111\nTI  - Malaria in highland villages.\nFAU - Mwangi, Grace W\nAU  - Mwangi GW\n"
            "AD  - Kenya Medical Research Institute, Kisumu.\nCN  - Highland Malaria Study Group\n"
            "FAU - Otieno, Paul\nAU  - Otieno P\nDP  - 2015 Mar\nJT  - Malaria journal\nSO  - Malar J. 2015.\n")
    (paper,) = papers(tmp_path, "citation.nbib", nbib)
    assert paper.authors == ["Grace W Mwangi", "Highland Malaria Study Group", "Paul Otieno"]


def test_an_orcid_xml_record_saved_as_json_is_named_as_such(tmp_path):
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<record:record path="/0000-0002-1825-0097" '
           'xmlns:record="http://www.orcid.org/ns/record">\n</record:record>\n')
    problem = error(tmp_path, "orcid.json", xml)
    assert "orcid.json" in str(problem) and "ORCID record in XML" in problem.message
    assert "application/json" in problem.hint and "BibTeX" in problem.hint


def test_season_dates_keep_their_year_quietly_and_an_undated_literal_is_named_plainly(tmp_path):
    wos = ("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Ortiz, L\nTI Quinoa terraces of the Andes\n"
           "SO MOUNTAIN RESEARCH\nPD FAL\nPY 2012\nER\n\nEF\n")
    source = parse_file(write(tmp_path, "savedrecs.txt", wos))
    assert [(p.year, p.date_precision) for p in source.papers] == [(2012, "year")] and not source.warnings
    csl = [{"id": "a", "type": "article-journal", "title": "Terraces", "issued": {"literal": "Spring 2016"}},
           {"id": "b", "type": "article-journal", "title": "Llamas", "issued": {"literal": "forthcoming"}}]
    source = parse_file(write(tmp_path, "items.json", json.dumps(csl)))
    assert [(p.year, p.date_precision) for p in source.papers] == [(2016, "year"), (None, None)]
    (warning,) = source.warnings
    assert warning.record == 2 and "'forthcoming'" in warning.message and "{" not in warning.message
