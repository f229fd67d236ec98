"""What BibTeX tools accept is accepted; bad entries are skipped and reported, never the whole file; names are
read right in every format; copies of one paper are merged as researchers count them."""

from __future__ import annotations

import json
from datetime import date

import pytest

from assistant.library import load_library
from assistant.types import Paper
from ingest.errors import SourceError
from ingest.parsers import parse_file
from ingest.parsers.names import parse_authors
from ingest.pipeline import IngestError, ingest, merge_papers


def write(tmp_path, name: str, text: str, encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


ACL_AND_FRIENDS = r"""@string{emnlp = "Proceedings of EMNLP"}
@inproceedings{acl,
  title = {Cross-lingual {T}ransfer for {NER}},
  author = {M{\"u}ller, J{\"o}rg and van der Berg, Jan and King, Jr., Martin},
  booktitle = emnlp # " 2020",
  month = oct # "-" # nov,
  year = {2020},
  title = {Cross-lingual {T}ransfer for {NER}},
}

@article{pubmed,
  title = {A Trial},
  author = {Smith, Ann},
  date = {2020 Dec 3},
  year = {2020},
  journal = {Lancet},
}

@article{unknown, title = {Year Unknown}, year = {0}}

@article{twice, title = {First Title}, title = {Second Title}, year = 2019}

@article{broken,
  title = {Unclosed,
  year = {2021}

@misc{alfolio, title = {With Code}, author = {Lai, Fan}, year = {2023}, code = {https://github.com/x/y},
  html = {https://x.org/paper}, pdf = {paper.pdf}, arxiv = {2105.11367}, selected = {true}}

@article{notitle, author = {Nobody}, year = {2022}}
"""


def test_bibtex_tools_quirks_are_accepted_and_bad_entries_reported(tmp_path):
    source = parse_file(write(tmp_path, "acl.bib", ACL_AND_FRIENDS))
    by_key = {p.source_key: p for p in source.papers}
    assert sorted(by_key) == ["acl", "alfolio", "pubmed", "twice", "unknown"]

    acl = by_key["acl"]
    assert acl.title == "Cross-lingual Transfer for NER"  # the repeated identical title is silent
    assert acl.authors == ["Jörg Müller", "Jan van der Berg", "Martin King Jr."]
    assert acl.venue == "Proceedings of EMNLP 2020"
    assert (acl.date, acl.date_precision) == (date(2020, 10, 1), "month")  # oct # "-" # nov
    assert acl.kind == "inproceedings" and acl.line == 2

    assert (by_key["pubmed"].date, by_key["pubmed"].date_precision) == (date(2020, 12, 3), "day")
    assert by_key["unknown"].date is None
    assert by_key["twice"].title == "First Title"

    code = by_key["alfolio"]
    assert code.code_available and code.code_url == "https://github.com/x/y"
    assert code.links == {"code": "https://github.com/x/y", "html": "https://x.org/paper",
                          "arxiv": "https://arxiv.org/abs/2105.11367"}  # a local pdf file is no link
    assert code.arxiv_id == "2105.11367"

    skipped = {e.key: e for e in source.skipped}
    assert sorted(skipped) == ["broken", "notitle"]
    assert skipped["broken"].line == 23 and "unclosed" in skipped["broken"].message and skipped["broken"].hint
    assert skipped["notitle"].line == 30 and "no title" in skipped["notitle"].message
    (warning,) = source.warnings
    assert warning.key == "twice" and "'First Title'" in warning.message and warning.line == 21
    assert warning.to_json() == {"file": str(tmp_path / "acl.bib"), "line": 21, "record": None, "key": "twice",
                                 "reason": warning.message, "hint": "delete the 'title' you do not mean"}

    with pytest.raises(SourceError, match=r"line 21 \(twice\)"):
        parse_file(tmp_path / "acl.bib", strict=True)


def test_a_file_that_is_not_its_format_is_refused_whole(tmp_path):
    with pytest.raises(SourceError, match="no BibTeX entry could be read"):
        parse_file(write(tmp_path, "all_broken.bib", "@article{a,\n title = {Unclosed,\n"))
    with pytest.raises(SourceError, match="no RIS references"):
        parse_file(write(tmp_path, "notris.ris", "just some text\n"))
    with pytest.raises(SourceError, match="no line holds a JSON object"):
        parse_file(write(tmp_path, "lines.jsonl", "not json\nnor this\n"))


@pytest.mark.parametrize("value, names, truncated", [
    ("Lai, Fan", ["Fan Lai"], False),
    ("Burkett, Ingrid", ["Ingrid Burkett"], False),
    (["Lai, Fan"], ["Fan Lai"], False),
    (["A. Alpha and B. Beta and C. Gamma"], ["A. Alpha", "B. Beta", "C. Gamma"], False),
    ("Lai, Fan and Zhu, Xiangfeng and others", ["Fan Lai", "Xiangfeng Zhu"], True),
    ("Lai, Fan; Dai, Yinwei", ["Fan Lai", "Yinwei Dai"], False),
    ("Fan Lai, Xiangfeng Zhu and Mosharaf Chowdhury", ["Fan Lai", "Xiangfeng Zhu", "Mosharaf Chowdhury"], False),
    ("van der Berg, Jan", ["Jan van der Berg"], False),
    ("King, Jr., Martin", ["Martin King Jr."], False),
    ("Martin Luther King, Jr.", ["Martin Luther King Jr."], False),
    ("Henry Ford III and Ann Bee", ["Henry Ford III", "Ann Bee"], False),
    ("Lai, Fan, Zhu, Xiangfeng", ["Fan Lai", "Xiangfeng Zhu"], False),
    ("Fan Lai, Yinwei Dai, et al.", ["Fan Lai", "Yinwei Dai"], True),
    ("Müller, Jörg and Nuñez, José", ["Jörg Müller", "José Nuñez"], False),
    ("Wen*, Zehao and Fu*†, Rao", ["Zehao Wen", "Rao Fu"], False),
    ([{"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"}], ["Ludwig van Beethoven"], False),
    ([{"family": "Gates", "given": "Henry Louis", "suffix": "Jr."}, {"literal": "The ATLAS Collaboration"}],
     ["Henry Louis Gates Jr.", "The ATLAS Collaboration"], False),
    ([{"credit-name": {"value": "Lai, Fan"}}, {"credit-name": {"value": "Yinwei Dai"}}], ["Fan Lai", "Yinwei Dai"],
     False),
    ([{"author": {"display_name": "Vincent Larivière"}, "raw_author_name": "V. Larivière"}], ["Vincent Larivière"],
     False),
    ([{"authorId": "1", "name": "Fan Lai"}], ["Fan Lai"], False),
])
def test_author_names_in_every_format(value, names, truncated):
    assert parse_authors(value) == (names, truncated)


def test_affiliations_written_among_the_authors_are_left_out_with_a_warning(tmp_path):
    bib = write(tmp_path, "dairy.bib", r"""@article{rn1,
  title = {Uterine Gene Expression in Lactating Cows},
  author = {Marques, J.C.S. and Faculty of Land and Food Systems, University of British Columbia, Vancouver, V6T 1Z4 Canada and Leduc, Camille and Department of Animal Science, Michigan State University, East Lansing, MI 48824 and Hart, J. and j.hart@example.org},
  journal = {Theriogenology},
  year = {2025}
}
@article{rn2,
  title = {Mentoring in Ocean Science},
  author = {Kim I. Martini | <p>School of Oceanography, University of Washington, Seattle, WA, USA</p> and Colleen Mouw | <p>Space Science Engineering Center, University of Wisconsin-Madison</p>},
  journal = {Oceanography},
  year = {2009}
}
""")
    parsed = parse_file(bib)
    assert [p.authors for p in parsed.papers] == [["J.C.S. Marques", "Camille Leduc", "J. Hart"],
                                                  ["Kim I. Martini", "Colleen Mouw"]]
    [warning] = parsed.warnings
    assert warning.line == 1 and "left out 4 parts of the author list that are no person's name" in str(warning)
    assert parse_authors("Lai, Fan; Department of Computer Science, 2260 Hayward St; Dai, Yinwei") == (
        ["Fan Lai", "Yinwei Dai"], False)


def test_html_markup_written_with_latex_signs_is_read_as_markup(tmp_path):
    bib = write(tmp_path, "aerosol.bib", r"""@article{k,
  title = {Aerosol Above Clouds},
  author = {Roux, Anne},
  year = {2020},
  abstract = {We compute the effect over opaque water clouds, DARE{\textless}sub{\textgreater}OWC{\textless}/sub{\textgreater}, where AOD is large ($>$ 0.1).}
}
""")
    assert parse_file(bib).papers[0].abstract == \
        "We compute the effect over opaque water clouds, DAREOWC, where AOD is large (> 0.1)."


def test_a_conference_or_event_title_is_the_venue_when_no_journal_or_booktitle_is_given(tmp_path):
    bib = write(tmp_path, "mars.bib", r"""@inproceedings{a, title = {Jets on the Martian South Pole}, year = {2011},
  conference = {Lunar and Planetary Science Conference}}
@inproceedings{b, title = {Seasonal Fans}, year = {2012}, eventtitle = {European Planetary Science Congress}}
@inproceedings{c, title = {Cracks in CO2 Ice}, year = {2013}, booktitle = {Icarus Workshop}, conference = {Other}}
""")
    assert [p.venue for p in parse_file(bib).papers] == ["Lunar and Planetary Science Conference",
                                                         "European Planetary Science Congress", "Icarus Workshop"]


def test_latex_dashes_quotes_and_pounds_are_read_with_or_without_other_macros(tmp_path):
    bib = write(tmp_path, "syntax.bib", r"""@article{a, title = {Islands in Linguistic Inquiry 2001--2010 --- a Survey}, year = {2012}}
@article{b, title = {Agreement in Brazilian Portugu{\^e}s, 1990--2000}, year = {2013}}
@article{c, title = {The ``Fruit of the Poisonous Tree'' and the `IT Crowd'}, year = {2014}}
@article{d, title = {Review of The American Steppes, 432 pp. {\pounds}90}, year = {2020}}
""")
    assert [p.title for p in parse_file(bib).papers] == ["Islands in Linguistic Inquiry 2001–2010 — a Survey",
                                                         "Agreement in Brazilian Português, 1990–2000",
                                                         "The “Fruit of the Poisonous Tree” and the ‘IT Crowd’",
                                                         "Review of The American Steppes, 432 pp. £90"]


def test_a_degree_sign_and_a_tilde_over_nothing_in_latex(tmp_path):
    """"275 $^{\\circ}$C", "26.5$^\\circ$N" carry a degree sign; "\\~{}1.8 \\AA" is about 1.8 Å."""
    bib = write(tmp_path, "zeolites.bib", r"""@article{a, title = {The Antilles Current at 26.5$^\circ$N}, year = {2013},
  abstract = {Methanol was converted at 275 $\,^{\circ}$C over a $90^{\circ}$ intergrowth with \~{}1.8 {\AA} pores.}}
""")
    (paper,) = parse_file(bib).papers
    assert paper.title == "The Antilles Current at 26.5°N"
    assert "275 °C" in paper.abstract and "90° intergrowth" in paper.abstract and "~1.8 Å" in paper.abstract


def test_a_style_command_that_lost_its_braces_keeps_the_words_it_styled(tmp_path):
    """"(\\emphCebus\\emph Capucinus)", as some site generators write "\\emph{Cebus} capucinus", keeps the genus;
    an accented letter written after a backslash ("Conservaci\\ń") is kept as written, with the space after it."""
    bib = write(tmp_path, "capuchins.bib", r"""@article{a, year = {2009},
  title = {Heat Stress in White-Faced Capuchins (\emphCebus\emph Capucinus) and (\emphAteles\emph
Geoffroyi)},
  abstract = {Sector Santa Rosa, Área de Conservaci\ń Guanacaste, {\em Costa} Rica, with \emph{Alouatta} and \textit{Cebus}.}}
""")
    (paper,) = parse_file(bib).papers
    assert paper.title == "Heat Stress in White-Faced Capuchins (Cebus Capucinus) and (Ateles Geoffroyi)"
    assert "Área de Conservaciń Guanacaste, Costa Rica, with Alouatta and Cebus." in paper.abstract


def test_bibtex_authors_listed_with_commas_instead_of_and_are_each_a_name(tmp_path):
    bib = write(tmp_path, "songbirds.bib", r"""@article{a, title = {Female song in songbirds}, year = {2024},
  author = {Karan J. Odom, Marcelo Araya Salas, Lauryn Benedict, Wesley H. Webb}}
@article{b, title = {Duets in wrens}, year = {2016}, author = {King, Jr, Martin and Lai, Fan}}
@article{c, title = {Calls of bats}, year = {2019}, author = {Chaves-Acu{\~n}a, Wagner}}
""")
    a, b, c = parse_file(bib).papers
    assert a.authors == ["Karan J. Odom", "Marcelo Araya Salas", "Lauryn Benedict", "Wesley H. Webb"]
    assert b.authors == ["Martin King Jr", "Fan Lai"] and c.authors == ["Wagner Chaves-Acuña"]


def test_a_field_run_into_the_next_for_want_of_a_comma_is_read_with_a_warning(tmp_path):
    bib = write(tmp_path, "pitch.bib", """@article{a, title = {Pitch estimation across species}, year = {2025},
  eprint = {https://doi.org/10.1080/0952.2025}
abstract = {The fundamental frequency {(F0)} is a key parameter.}
  keywords = {pitch, deep learning}}
""")
    result = parse_file(bib)
    (paper,) = result.papers
    assert paper.abstract == "The fundamental frequency (F0) is a key parameter." and paper.keywords == ["pitch", "deep learning"]
    (warning,) = result.warnings
    assert "pitch.bib" in str(warning) and warning.line == 1 and "'eprint'" in warning.message


def test_a_tilde_before_a_number_is_about_and_a_braced_group_author_stays_whole(tmp_path):
    bib = write(tmp_path, "fossils.bib", r"""@article{a, title = {Shell sizes through the Cenozoic}, year = {2021},
  author = {Okafor, Ada and { the Shell Data and Code Group }},
  abstract = {Body size rose in ~90\% of clades over ~55 million years (Fig.~3).}}
""")
    paper = parse_file(bib).papers[0]
    assert paper.authors == ["Ada Okafor", "the Shell Data and Code Group"]
    assert paper.abstract == "Body size rose in ~90% of clades over ~55 million years (Fig. 3)."


def test_html_entities_in_names_and_escaped_signs_in_bibtex(tmp_path):
    bib = write(tmp_path, "pk.bib", r"""@article{a, title = {Paclitaxel in older patients}, year = {2016},
  author = {Castro, Mar&iacute;a Del Mar and Br&uuml;ggemann, Roger},
  abstract = {Patients aged \>=70 years (p\<0.001) had an AUC of 10 mg\*h/L.}}
""")
    paper = parse_file(bib).papers[0]
    assert paper.authors == ["María Del Mar Castro", "Roger Brüggemann"]
    assert paper.abstract == "Patients aged >=70 years (p<0.001) had an AUC of 10 mg*h/L."
    assert parse_authors("Castro, Mar&iacute;a; Kuball, J&uuml;rgen") == (["María Castro", "Jürgen Kuball"], False)


def test_ris_records_in_a_bibtex_file_are_reported_not_dropped_silently(tmp_path):
    bib = write(tmp_path, "cite.bib", """% one site's cite.bib files, joined
@article{a, title = {Blade cores at Fumane}, author = {Rossi, Ada}, year = {2019}}
TY  - JOUR
TI  - Scraping hide in the Upper Paleolithic
AU  - Rossi, Ada
PY  - 2021
ER  - 
""")
    result = parse_file(bib)
    assert [p.title for p in result.papers] == ["Blade cores at Fumane"]
    assert len(result.skipped) == 1 and result.skipped[0].line == 3
    assert "RIS record" in str(result.skipped[0]) and "Scraping hide" in str(result.skipped[0])
    only = write(tmp_path, "only.bib", "TY  - JOUR\nTI  - Scraping hide\nER  - \n")
    with pytest.raises(SourceError, match="RIS records, not BibTeX"):
        parse_file(only)


def test_authors_the_same_across_formats(tmp_path):
    bib = parse_file(write(tmp_path, "a.bib", "@article{k, title={T}, author={Lai, Fan and van Exter, Martin}}"))
    csl = parse_file(write(tmp_path, "a.json", json.dumps([{"title": "T", "type": "article-journal", "author": [
        {"family": "Lai", "given": "Fan"}, {"family": "Exter", "given": "Martin", "non-dropping-particle": "van"}]}])))
    ris = parse_file(write(tmp_path, "a.ris", "TY  - JOUR\nTI  - T\nAU  - Lai, Fan\nAU  - van Exter, Martin\nER  - \n"))
    csv = parse_file(write(tmp_path, "a.csv", 'Title,Author\nT,"Lai, Fan; van Exter, Martin"\n'))
    assert bib.papers[0].authors == csl.papers[0].authors == ris.papers[0].authors == csv.papers[0].authors \
        == ["Fan Lai", "Martin van Exter"]


def test_zotero_csv_as_exported(tmp_path):
    text = ('"Key","Item Type","Publication Year","Author","Title","Publication Title","DOI","Date","Manual Tags",'
            '"Type"\n'
            '"AB12CD34","conferencePaper","2019","Burkett, Ingrid","Social Design","CHI","10.1/x","2019-05-04",'
            '"design; HCI","Talk"\n'
            '"EF56GH78","journalArticle","2020","Nuñez, José; Smith, A.","Second","Nature","","Winter 2020","",""\n'
            '"IJ90KL12","preprint","2021","Doe, Jane","Third","","","","",""\n')
    path = tmp_path / "Exported Items.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    first, second, third = parse_file(path).papers
    assert (first.authors, first.kind, first.source_key) == (["Ingrid Burkett"], "inproceedings", "AB12CD34")
    assert (first.date, first.date_precision, first.keywords) == (date(2019, 5, 4), "day", ["design", "HCI"])
    assert second.authors == ["José Nuñez", "A. Smith"] and second.date == date(2020, 1, 1)
    assert third.kind == "preprint"


def test_ris_with_a_broken_reference(tmp_path):
    text = ("TY  - JOUR\nID  - one\nTI  - Good One\nAU  - Lai, Fan\nPY  - 2020///\nT2  - Nature\nER  - \n\n"
            "TY  - JOUR\nID  - two\nAU  - Nobody, A.\nER  - \n\n"
            "TY  - CONF\nTI  - Good Two\nDA  - 2021/06/02/\nT2  - OSDI\nER  - \n")
    source = parse_file(write(tmp_path, "x.ris", text))
    assert [(p.title, p.kind, p.date, p.line) for p in source.papers] == [
        ("Good One", "article", date(2020, 1, 1), 1), ("Good Two", "inproceedings", date(2021, 6, 2), 14)]
    (skipped,) = source.skipped
    assert (skipped.line, skipped.key) == (9, "two") and "no title" in skipped.message


# PubMed's export of a small cardiology record, written for the test: a broken citation in the middle (a line
# that is no field) and one without a title, each skipped with its line; the others keep their fields.
PUBMED = """PMID- 30001111
OWN - NLM
TI  - Wearable patch monitoring of atrial fibrillation after cardiac
      surgery: a randomised trial.
DP  - 2019 Mar 5
AB  - We randomised 312 patients to a wearable patch or standard telemetry.
FAU - Okafor, Ngozi A
AU  - Okafor NA
FAU - Lindqvist, Erik
AU  - Lindqvist E
PT  - Journal Article
PT  - Randomized Controlled Trial
TA  - Heart Rhythm
JT  - Heart rhythm
LID - 10.1016/j.hrthm.2019.01.002 [doi]
OT  - atrial fibrillation
OT  - wearable

PMID- 30002222
TI  - A citation whose middle line lost its tag.
this line is not a field
DP  - 2020

PMID- 30003333
DP  - 2021 Jan
AB  - No title here.

PMID- 30004444
TI  - [Postoperative atrial fibrillation in older adults].
DP  - 2022 Spring
AU  - Okafor NA
PT  - English Abstract
PT  - Journal Article
JT  - Zeitschrift fur Kardiologie
AID - S0000-0000(22)00001-1 [pii]
AID - 10.1007/s00392-022-00001-1 [doi]
"""


@pytest.mark.parametrize("name", ["cardiology.nbib", "pubmed-cardiology-set.txt"])
def test_a_pubmed_export_skips_broken_citations_by_line_and_keeps_the_rest(tmp_path, name):
    source = parse_file(write(tmp_path, name, PUBMED))
    first, second = source.papers
    assert (first.title, first.authors, first.date, first.date_precision) == (
        "Wearable patch monitoring of atrial fibrillation after cardiac surgery: a randomised trial",
        ["Ngozi A Okafor", "Erik Lindqvist"], date(2019, 3, 5), "day")
    assert (first.venue, first.doi, first.kind, first.source_key, first.keywords, first.line) == (
        "Heart rhythm", "10.1016/j.hrthm.2019.01.002", "article", "30001111", ["atrial fibrillation", "wearable"], 1)
    assert first.url == "https://pubmed.ncbi.nlm.nih.gov/30001111/"
    # a translated title loses PubMed's brackets; a short name ("Okafor NA") is read as initials and family name
    assert (second.title, second.authors, second.year, second.doi, second.line) == (
        "Postoperative atrial fibrillation in older adults", ["N. A. Okafor"], 2022, "10.1007/s00392-022-00001-1", 28)
    broken, untitled = source.skipped
    assert (broken.line, broken.record) == (21, 2) and "not a MEDLINE field" in broken.message
    assert (untitled.line, untitled.key) == (24, "30003333") and "no title" in untitled.message


# Web of Science's plain-text export of a small glaciology record, written for the test
WOS = """FN Clarivate Analytics Web of Science
VR 1.0
PT J
AU Haugen, IK
   Moreau, P
AF Haugen, Ingrid K.
   Moreau, Pascal
TI Basal sliding of a surge-type glacier in Svalbard from borehole
   observations
SO JOURNAL OF GLACIOLOGY
DT Article
DE glacier surge; basal sliding; Svalbard
AB Borehole water pressure at 14 sites tracked the onset of a surge.
PD NOV 1
PY 2021
DI 10.1017/jog.2021.1
UT WOS:000000000000001
ER

PT J
AU Moreau, P
ER

PT S
AF Moreau, Pascal
   Haugen, Ingrid, K
TI Subglacial hydrology beneath tidewater glaciers
SO IGS SYMPOSIUM SECTION B-ANNALS OF GLACIOLOGY
JI IGS Symp. Sect. B-Ann. Glaciol.
DT Proceedings Paper
PY 2023
UT WOS:000000000000002
ER

EF
"""


def test_a_web_of_science_export_saved_as_text_is_read_as_one(tmp_path):
    source = parse_file(write(tmp_path, "savedrecs.txt", WOS))
    first, second = source.papers
    assert (first.title, first.authors, first.date, first.venue, first.doi, first.kind, first.source_key) == (
        "Basal sliding of a surge-type glacier in Svalbard from borehole observations",
        ["Ingrid K. Haugen", "Pascal Moreau"], date(2021, 11, 1), "Journal of Glaciology", "10.1017/jog.2021.1",
        "article", "WOS:000000000000001")
    assert first.keywords == ["glacier surge", "basal sliding", "Svalbard"] and first.line == 3
    # "Haugen, Ingrid, K" is how the export writes "Ingrid K. Haugen"
    assert (second.authors, second.kind, second.line) == (["Pascal Moreau", "Ingrid K. Haugen"], "inproceedings", 24)
    # the source in capitals is written in title case, its acronyms as the ISO abbreviation has them
    assert second.venue == "IGS Symposium Section B-Annals of Glaciology"
    (untitled,) = source.skipped
    assert untitled.line == 20 and "no title" in untitled.message


def test_a_text_file_that_is_no_export_is_still_read_as_a_profile(tmp_path):
    with pytest.raises(SourceError) as error:
        parse_file(write(tmp_path, "notes.txt", "PT J is how my notes begin\nnothing else\n"))
    assert "notes.txt" in str(error.value) and "Web of Science" not in str(error.value)


def test_orcid_works_response(tmp_path):
    works = {"group": [{"work-summary": [{
        "put-code": 7, "title": {"title": {"value": "Federated Learning at Scale"}}, "type": "conference-paper",
        "publication-date": {"year": {"value": "2022"}, "month": {"value": "07"}, "day": None},
        "journal-title": {"value": "ICML"},
        "external-ids": {"external-id": [{"external-id-type": "doi", "external-id-value": "10.5/fl",
                                          "external-id-relationship": "self"}]}}]}]}
    (paper,) = parse_file(write(tmp_path, "works.json", json.dumps(works))).papers
    assert (paper.title, paper.kind, paper.venue, paper.doi, paper.source_key) == (
        "Federated Learning at Scale", "inproceedings", "ICML", "10.5/fl", "7")
    assert (paper.date, paper.date_precision) == (date(2022, 7, 1), "month")


def test_orcid_owner_is_an_author_of_works_that_list_none(tmp_path):
    def summary(code, title, source_orcid=None, source_name="Crossref"):
        return {"put-code": code, "title": {"title": {"value": title}}, "type": "JOURNAL_ARTICLE",
                "path": f"/0000-0003-1111-222X/work/{code}",
                "source": {"source-orcid": {"path": source_orcid} if source_orcid else None,
                           "source-name": {"value": source_name}}}

    record = {"person": {"name": {"given-names": {"value": "Lena"}, "family-name": {"value": "Okafor"},
                                  "credit-name": None}},
              "activities-summary": {"works": {"group": [{"work-summary": [summary(1, "Seed Banks of Sahel Grasses")]}]}}}
    (paper,) = parse_file(write(tmp_path, "record.json", json.dumps(record))).papers
    assert (paper.authors, paper.authors_truncated) == (["Lena Okafor"], True)

    works = {"group": [{"work-summary": [summary(2, "Seed Banks of Sahel Grasses")]},
                       {"work-summary": [summary(3, "Lena Okafor - ORCID ID - 0000-0003-1111-222X",
                                                 "0000-0003-1111-222X", "Lena Okafor")]},
                       {"work-summary": [summary(4, "Millet Yields under Drought", "0000-0003-1111-222X",
                                                 "Lena Okafor")]}]}
    parsed = parse_file(write(tmp_path, "works.json", json.dumps(works)))
    assert [(p.title, p.authors) for p in parsed.papers] == [("Seed Banks of Sahel Grasses", ["Lena Okafor"]),
                                                             ("Millet Yields under Drought", ["Lena Okafor"])]
    (skipped,) = parsed.skipped
    assert (skipped.record, skipped.key) == (2, "3") and "ORCID profile page" in skipped.message


def test_orcid_bulk_work_takes_what_it_leaves_out_from_its_bibtex_citation(tmp_path):
    citation = ("@article { mensah2016,title = {Cocoa Pod Rot in Ghana},journal = {Plant Pathology {\\&} Quarantine},"
                "year = {2016},doi = {10.7/ppq.2016\\_4},author = {Mensah, K.A. and Boateng, {\\'E}.}}")
    bulk = {"bulk": [{"work": {"put-code": 9, "title": {"title": {"value": "Cocoa Pod Rot in Ghana"}},
                               "journal-title": None, "type": "JOURNAL_ARTICLE",
                               "publication-date": {"year": {"value": "2016"}, "month": {"value": "05"}},
                               "citation": {"citation-type": "BIBTEX", "citation-value": citation}}}]}
    (paper,) = parse_file(write(tmp_path, "bulk.json", json.dumps(bulk))).papers
    assert (paper.venue, paper.doi, paper.authors) == ("Plant Pathology & Quarantine", "10.7/ppq.2016_4",
                                                       ["K.A. Mensah", "É. Boateng"])
    assert (paper.date, paper.date_precision) == (date(2016, 5, 1), "month")


def paper(title, venue="", year=None, **fields) -> Paper:
    return Paper(title=title, venue=venue, date=date(year, 1, 1) if year else None,
                 date_precision="year" if year else None, source=fields.pop("source", "a.bib"),
                 line=fields.pop("line", 1), **fields)


def test_dedupe_as_researchers_count():
    papers = [
        paper("Oort: Guided Participant Selection", "CoRR", 2020, abstract="Long abstract from arXiv.", line=1),
        paper("Oort: Guided Participant Selection", "OSDI", 2021, authors=["Fan Lai"], line=2),
        paper("Oort: guided participant selection", "", None, line=3, source="profile.txt"),
        paper("Lower Bounds", "FOCS", 2021, line=4),
        paper("Lower Bounds", "Commun. ACM", 2024, line=5),
        paper("Same DOI, other title", "TOCS", 2022, doi="10.1/z", line=6),
        paper("Same DOI", "TOCS", 2022, doi="10.1/Z", line=7),
        paper("Exact Copy", "ICML", 2022, line=8),
        paper("Exact copy", "ICML", 2022, line=9, source="b.bib"),
        paper("Only Preprints", "arXiv", 2019, line=10),
        paper("Only Preprints", "bioRxiv", 2019, kind="preprint", line=11),
    ]
    merged, report, versions = merge_papers(papers)
    titles = sorted((p.title, p.venue) for p in merged)
    assert len(merged) == 6, titles
    oort = next(p for p in merged if p.title.startswith("Oort"))
    assert (oort.venue, oort.year, oort.abstract, oort.authors) == ("OSDI", 2021, "Long abstract from arXiv.",
                                                                    ["Fan Lai"])
    reasons = {item["title"]: item["reason"] for item in report}
    assert reasons[oort.title] == "a preprint of the published version"
    assert len(next(item for item in report if item["title"] == oort.title)["sources"]) == 3
    assert reasons["Same DOI, other title"] == "same DOI"
    assert reasons["Exact Copy"] == "same title, venue and year"
    focs, cacm = sorted((p for p in merged if p.title == "Lower Bounds"), key=lambda p: p.year)
    assert (focs.versions, cacm.versions) == (["Commun. ACM 2024"], ["FOCS 2021"])
    assert focs.paper_id != cacm.paper_id
    assert versions == [{"title": "Lower Bounds", "versions": ["FOCS 2021", "Commun. ACM 2024"]}]


def test_two_works_sharing_a_doi_by_mistake_are_both_kept_with_a_warning():
    papers = [
        paper("Grazing and Soil Carbon on Upland Pastures", "Lincoln University", 1991, doi="10.9/thesis",
              authors=["Ruth Keel"], line=10, source="theses.bib", source_key="keel1991"),
        paper("Wetland Birds of the Waikato Basin", "Lincoln University", 2021, doi="10.9/THESIS",
              authors=["Amos Reti"], line=40, source="theses.bib", source_key="reti2021"),
        paper("Grazing and soil carbon on upland pastures.", "", 1991, doi="10.9/thesis", line=3, source="t.ris"),
    ]
    warnings: list[dict] = []
    merged, report, _ = merge_papers(papers, warnings)
    assert sorted(p.title for p in merged) == ["Grazing and Soil Carbon on Upland Pastures",
                                               "Wetland Birds of the Waikato Basin"]
    assert [item["reason"] for item in report] == ["same DOI"]  # the same thesis from two files still merges
    (warning,) = warnings
    assert "theses.bib:10#keel1991" in warning["reason"] and "theses.bib:40#reti2021" in warning["reason"]
    assert "10.9/thesis" in warning["reason"].lower() and warning["file"] == "theses.bib"


def test_a_title_and_its_translation_sharing_a_doi_are_one_work():
    """A journal publishing in two languages gives the English and the Portuguese title one DOI: one year, one
    author in common, one work."""
    papers = [paper("Morphological traits of maize hybrids", "Revista de Ciencias Agroveterinarias", 2018,
                    doi="10.5/rca", authors=["Tiago Souza", "Ana Lima"], line=5, source="pubs.bib"),
              paper("Caracteres morfologicos de hibridos de milho", "Revista de Ciencias Agroveterinarias", 2018,
                    doi="10.5/rca", authors=["T. Souza", "A. Lima"], line=30, source="pubs.bib")]
    warnings: list[dict] = []
    merged, report, _ = merge_papers(papers, warnings)
    assert len(merged) == 1 and [item["reason"] for item in report] == ["same DOI"] and warnings == []


def test_two_titles_in_one_language_sharing_a_doi_by_mistake_stay_two():
    """One year, one author, titles sharing few words, both plainly English: no title and its translation, but two
    papers an export gave one DOI."""
    papers = [paper("Adaptive inertial subgradient extragradient methods for finding minimum-norm solutions of "
                    "pseudomonotone variational inequalities", "J. Ind. Manag. Optim.", 2023, doi="10.3/jimo",
                    authors=["Bo Tan", "Xi Qin"], line=5, source="pubs.bib"),
              paper("Inertial iterative method for solving variational inequality problems of pseudo-monotone "
                    "operators and fixed point problems of nonexpansive mappings in Hilbert spaces",
                    "J. Ind. Manag. Optim.", 2023, doi="10.3/jimo", authors=["Bo Tan", "Sun Cho"], line=30,
                    source="pubs.bib")]
    warnings: list[dict] = []
    merged, report, _ = merge_papers(papers, warnings)
    assert len(merged) == 2 and report == [] and len(warnings) == 1


def test_two_works_of_one_series_sharing_a_doi_by_mistake_stay_two():
    """Titles sharing half their words, neither inside the other, are two works of one series (an R package and
    its desktop app), not a title and its translation, though one year and one author join them."""
    papers = [paper("tna: An R Package for Transition Network Analysis", "Applied Psychological Measurement", 2025,
                    doi="10.7/tna", authors=["S. Tikka", "M. Saqr"], line=5, source="pubs.bib"),
              paper("JTNA: A Desktop Software for Transition Network Analysis", "", 2025,
                    doi="10.7/tna", authors=["S. Lopez-Pernas", "M. Saqr"], line=30, source="pubs.bib")]
    warnings: list[dict] = []
    merged, report, _ = merge_papers(papers, warnings)
    assert len(merged) == 2 and report == [] and len(warnings) == 1
    editorial = [paper("FAIR, Open, Linked: Introducing the Special Issue on Open Science in Musicology", "EMR", 2021,
                       doi="10.8/emr", authors=["F. Moss"], line=5, source="pubs.bib"),
                 paper("Special Issue on Open Science in Musicology", "EMR", 2021, doi="10.8/emr", authors=["F. Moss"],
                       line=9, source="pubs.bib")]
    assert len(merge_papers(editorial)[0]) == 1  # one title inside the other: one work


def test_merge_reports_name_each_record_even_on_one_line():
    papers = [paper("Tidal Mixing", "J. Ocean", 2020, line=1, source="works.json", source_key="111"),
              paper("Tidal mixing", "J. Ocean", 2020, line=1, source="works.json", source_key="222"),
              paper("Reef Acoustics", "Coral", 2019, line=0, source="list.json", doi="10.4/reef"),
              paper("Reef acoustics", "Coral", 2019, line=0, source="list.json")]
    _, report, _ = merge_papers(papers)
    sources = sorted(s for item in report for s in item["sources"])
    assert sources == ["list.json ('Reef acoustics')", "list.json#doi:10.4/reef", "works.json:1#111",
                       "works.json:1#222"]


def test_lenient_ingest_reports_and_keeps_what_was_stored(settings, embedder, tmp_path):
    good = ("@article{one, title={First Paper}, author={Lai, Fan}, year={2020}}\n\n"
            "@article{two, title={Second Paper}, year={2021}}\n")
    path = write(tmp_path, "mine.bib", good)
    assert ingest([path], settings, embedder=embedder).papers == 2

    path.write_text(good.replace("title={Second Paper}", "title={Second Paper"))  # a typo breaks entry two
    report = ingest([path], settings, embedder=embedder)
    assert report.papers == 2 and report.removed == 0  # the stored copy of entry two stays
    (skipped,) = report.skipped
    assert skipped["key"] == "two" and skipped["line"] == 3 and "stored" in skipped["hint"]
    assert {p.title for p in load_library(settings).papers} == {"First Paper", "Second Paper"}

    with pytest.raises(IngestError, match=r"mine\.bib, line 3 \(two\)"):
        ingest([path], settings, embedder=embedder, strict=True)


def test_an_unchanged_file_is_not_parsed_again(settings, embedder, tmp_path, monkeypatch):
    import ingest.pipeline as pipeline

    path = write(tmp_path, "mine.bib", "@article{one, title={First}, year={2020}}\n\n@article{two, year={2021}}\n")
    first = ingest([path], settings, embedder=embedder)
    calls = []
    monkeypatch.setattr(pipeline, "parse_file", lambda *a, **k: calls.append(a) or parse_file(*a, **k))
    again = ingest([path], settings, embedder=embedder)
    assert calls == [] and again.unchanged == 1 and again.skipped == first.skipped  # still reported
    path.write_text(path.read_text().replace("year={2020}", "year={2019}"))
    assert ingest([path], settings, embedder=embedder).updated == 1 and len(calls) == 1


def test_nothing_changed_still_notices_a_collection_that_lost_vectors(settings, embedder, tmp_path):
    from assistant.store import VectorStore

    path = write(tmp_path, "two.bib", "@article{a, title={Alpha}, year={2020}}\n@article{b, title={Beta}, year={2021}}\n")
    ingest([path], settings, embedder=embedder)
    quiet = ingest([path], settings, embedder=embedder)
    assert (quiet.unchanged, quiet.embedded) == (2, 0)
    library = load_library(settings)
    VectorStore(settings, library.collection).delete({library.chunks[0].chunk_id})
    repaired = ingest([path], settings, embedder=embedder)
    assert repaired.embedded == 1 and repaired.unchanged == 2
