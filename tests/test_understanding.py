"""Answers that hold on records from other fields: understanding once, premises, venues, people, answerability.

The record below is written for these tests (a marine ecologist's BibTeX export, abstracts invented for
the purpose, not taken from any real paper). Nothing in the product knows it.
"""

from __future__ import annotations

import re
import subprocess
from datetime import date

import numpy as np

import pytest

from assistant.answerability import Judge
from assistant.chain import Assistant
from assistant.lexical import tokenize
from assistant.people import People
from assistant.retrieve import Index
from assistant.settings import ModeConfig, Settings
from assistant.types import Filters, Hit, Paper, name_matches
from assistant.understand import Reader, abbreviated, lookups_asked
from tests.conftest import ROOT

ECOLOGY = r"""
@article{garcia2019kelp,
  title = {Kelp Forest Decline Along the Northern Iberian Coast},
  author = {Garc{\'\i}a-L{\'o}pez, Marta and Ortega, Luis and Silva, Ana},
  journal = {Marine Ecology Progress Series},
  year = {2019},
  abstract = {Kelp forests declined sharply along the northern Iberian coast over two decades. We surveyed 48 subtidal sites between 1998 and 2018 and found that canopy cover fell by 63 percent. Warming summer sea temperatures explained most of the loss, while urchin grazing played a minor role.}
}
@inproceedings{garcia2020urchin,
  title = {Sea Urchin Barrens and Predator Recovery in Marine Reserves},
  author = {Garcia-Lopez, Marta and Silva, Ana},
  booktitle = {Proceedings of the European Coral Reef Symposium (ECRS)},
  year = {2020},
  abstract = {Marine reserves allow predators of sea urchins to recover. Using diver transects in 12 reserves and 12 fished areas, we show that urchin density was 4.2 times lower inside reserves. Recovery of spiny lobster populations drove the difference.}
}
@article{garcia2021eDNA,
  title = {Environmental DNA Reveals Hidden Fish Diversity in Seagrass Meadows},
  author = {Ortega, Luis and M. Garc{\'\i}a L{\'o}pez and Chen, Wei},
  journal = {Molecular Ecology},
  year = {2021},
  abstract = {Seagrass meadows shelter many cryptic fish. We sequenced environmental DNA from 90 water samples collected in Posidonia oceanica meadows and detected 57 fish species, 19 of which visual census had missed. Metabarcoding of the 12S rRNA gene was the method of choice.}
}
@article{garcia2022heat,
  title = {Marine Heatwaves Trigger Mass Mortality of Gorgonians},
  author = {Garc{\'\i}a-L{\'o}pez, Marta and Rossi, Paolo},
  journal = {Global Change Biology},
  year = {2022},
  abstract = {Marine heatwaves in 2022 caused mass mortality of red gorgonians in the western Mediterranean. Across 30 monitored populations, mortality reached 80 percent at depths shallower than 25 metres. Deeper populations acted as thermal refugia.}
}
@inproceedings{garcia2023acoustic,
  title = {Passive Acoustic Monitoring of Dolphin Foraging},
  author = {Chen, Wei and Garc{\'\i}a-L{\'o}pez, Marta},
  booktitle = {Proceedings of the European Coral Reef Symposium (ECRS)},
  year = {2023},
  abstract = {We deployed 15 hydrophones to record bottlenose dolphin echolocation clicks. Foraging buzzes peaked at night and were twice as frequent near seagrass meadows. A convolutional classifier detected buzzes with 94 percent precision.}
}
@article{garcia2024plastic,
  title = {Microplastic Ingestion by Coastal Filter Feeders},
  author = {Silva, Ana and Garc{\'\i}a-L{\'o}pez, Marta},
  journal = {Marine Pollution Bulletin},
  year = {2024},
  abstract = {Filter-feeding mussels ingest microplastics. We digested 300 mussels from 10 harbours and found on average 3.1 particles per individual. Fibres made up 70 percent of the particles, pointing to textile sources.}
}
@article{garcia2024reef,
  title = {Restoring Oyster Reefs with Recycled Shell Substrate},
  author = {Garc{\'\i}a-L{\'o}pez, Marta and Rossi, Paolo and Ortega, Luis},
  journal = {Restoration Ecology},
  year = {2024},
  abstract = {Recycled oyster shell was laid on 8 degraded reef plots. After two years, live oyster density on restored plots was 5 times that of controls, and juvenile fish abundance doubled.}
}
"""


def assistant_on(bibtex: str, folder, embedder) -> Assistant:
    """An assistant over a BibTeX record written to `folder` and ingested there."""
    from ingest.pipeline import ingest

    (folder / "record.bib").write_text(bibtex, encoding="utf-8")
    settings = Settings(store_dir=folder / "store")
    ingest([folder / "record.bib"], settings, embedder=embedder)
    return Assistant(settings, Index(settings, embedder))


@pytest.fixture(scope="module")
def ecology(tmp_path_factory, embedder):
    return assistant_on(ECOLOGY, tmp_path_factory.mktemp("ecology"), embedder)


def test_no_system_name_of_the_shipped_record_is_written_in_the_product():
    """The product has no code, example or comment fitted to the shipped record: none of its system names ("Swan",
    "Oort", "IC-Cache", ...) is written anywhere in `assistant/`."""
    from ingest.parsers import parse_file

    papers = parse_file(ROOT / "data" / "fan_lai_profile.txt").papers
    # each title's system name, and each name an abstract presents ("This paper proposes FIITED, a system ...")
    presented = r"\b(?:present|propose|introduce|design|build|develop)\w*\s+([A-Z][\w-]*[A-Z][\w-]*)"
    names = {p.system_name for p in papers if p.system_name} | {n for p in papers
                                                                 for n in re.findall(presented, p.abstract)}
    assert len(names) >= 25 and {"Swan", "Oort", "FIITED", "GRESO"} <= names
    code = {path: path.read_text(encoding="utf-8") for path in (ROOT / "assistant").rglob("*.py")}
    found = [(path.name, name) for path, text in code.items() for name in names
             if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)]
    assert found == []


def test_one_understanding_step_per_turn(ecology, monkeypatch):
    calls = []
    original = Reader.read

    def counted(self, *args, **kwargs):
        calls.append(args[0])
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Reader, "read", counted)
    history = [{"role": "user", "content": "Tell me about the eDNA paper"},
               {"role": "assistant", "content": "Environmental DNA Reveals Hidden Fish Diversity in Seagrass Meadows"}]
    for question, mode, turns in [("How many fish species did they detect?", "ask", history),
                                  ("How many papers appeared in Molecular Ecology?", "ask", []),
                                  ("marine heatwaves", "summarize", []),
                                  ("my project on seagrass restoration", "related-work", []),
                                  ("How does her work treat volcanic soils?", "ask", [])]:
        calls.clear()
        ecology.ask(question, mode, turns)
        assert len(calls) == 1, question


def test_the_owner_is_inferred_over_all_spellings(ecology):
    people = ecology.reader.people
    assert people.owner is not None and people.owner.papers == 7
    assert {"Marta García-López", "Marta Garcia-Lopez", "M. García López"} <= people.owner.variants


def test_the_owner_may_be_asked_by_given_name_or_as_they(ecology):
    # "Marta" alone is the owner, the only Marta in the record
    query = ecology.understand("How many papers has Marta written with Ana Silva?")
    assert query.intent == "metadata" and query.filters.author == "Ana Silva"
    answer = ecology.ask("How many papers has Marta written with Ana Silva?")
    assert answer.text.startswith("The record holds 3 papers listing Ana Silva as an author")
    # with nothing said before, "they" is the owner, not a paper to ask which of
    answer = ecology.ask("What have they published on sea urchins?")
    assert answer.status == "answered"
    assert "Sea Urchin Barrens and Predator Recovery in Marine Reserves" in [c.title for c in answer.citations]
    assert ecology.ask("How much faster is it?").status == "clarify"


def test_coauthors_of_an_inferred_owner_never_name_the_owner(ecology):
    answer = ecology.ask("Who is her most frequent co-author?")
    assert answer.route == "metadata"
    listed = answer.text.split("(3 each): ")[1]
    assert "García" not in listed and "Garcia" not in listed
    assert answer.text.startswith("2 co-authors share the most papers with Marta García-López (3 each): ")
    # a few tied: each one's papers are listed and cited, each number naming the paper it stands beside
    lines = re.findall(r"^- \*\*(.+?)\*\* \(.*\) \[(\d+)\]$", answer.text, re.M)
    assert len(lines) == 6 and {int(n) for _, n in lines} == set(range(1, len(answer.citations) + 1))
    assert all(answer.citations[int(n) - 1].title == title for title, n in lines)


@pytest.mark.parametrize("asked, listed, same", [
    ("Hal Daume III", "Hal Daumé III", True),
    ("Wasi Ahmad", "Wasi Uddin Ahmad", True),
    ("Martin-Martin", "Roberto Martín-Martín", True),
    ("R. Martín Martín", "Roberto Martín-Martín", True),
    ("Yu Wang", "Yi Wang", False),
    ("Ana Silva", "Ana Silvestre", False),
    ("A. C. Naveira Garabato", "Alberto Naveira Garabato", True),  # the fewer middle names agree with the others
    ("Yu A. Wang", "Yu B. Wang", False),
    ("Ken Peasnell", "Kenneth V. Peasnell", True),  # a nickname of the given name
    ("Tom Wagg", "Thomas Wagg", True),
    ("Jun Wang", "Junhao Wang", False),  # the start of a name is no nickname of it
    ("Alexander eyer-Gohde", "Alexander Meyer-Gohde", True),  # an export's typo, one letter off
    ("Ingrid Solbreg", "Ingrid Solberg", False),  # two letters off
    ("Wei Zhan", "Wei Zhang", False),  # short surnames one letter apart are other people
    ("Lise Haugens", "Lise Haugen", True),
    ("Lauren Wesafer", "Lauren M. Westafer", True),  # a typo under the same given name, a middle initial left out
    ("S. P. Ahrenkielt", "S. P. Ahrenkiel", True),  # or under the same initials
    ("R. Krishnan", "R. Phani Murali Krishna", False),  # one letter off under other initials: another surname
    ("R. Krishnan", "R. P. M. Krishna", False),
    ("Ron Borland", "Veronica Boland", False),  # nor under a nickname
    ("Prajeesh Ag", "A. G. Prajeesh", True),  # initials run together after the given name ("Ag, Prajeesh")
    ("A. G. Prajeesh", "Prajeesh Ag", True),
    ("Li Wei", "W. L. Li", False),
    ("Leticia Maia", "Letıcia Maia", True),  # a dotless i, as LaTeX's {\i} without its accent gives
    ("Gabriela Hug", "G. Hug-Glanzmann", True),  # a double surname written by its first part
    ("S. Karagiannopoulos-Costa", "Stavros Karagiannopoulos", True),
    ("Anne Smith-Jones", "Bob Smith", False),
    ("G. Hug", "G. Glanzmann", False),  # the second part alone is not enough
    ("Nurettin Sergin", "Nurretin D. Sergin", True),  # a given name misspelt inside
    ("Terrance Todd", "Terrence Todd", True),
    ("Christian Meyer", "Christine Meyer", False),  # a name's other form changes its ending
    ("Daniel Ortiz", "Daniela Ortiz", False),
    ("Chunhui Gao", "Chun-Hui Gao", True),  # a given name written as one word or in parts
    ("Chun-hui Gao", "Chunhui Gao", True),
    ("Chunhui Gao", "Chun-Mei Gao", False),
])
def test_names_fold_accents_initials_and_middle_names(asked, listed, same):
    assert name_matches(asked, listed) is same


def test_spellings_of_one_person_are_one_person_but_initials_do_not_merge_two():
    papers = [Paper(f"P{i}", authors=a) for i, a in enumerate([
        ["Roberto Martín-Martín", "Yu Wang"], ["Roberto Martín Martín", "Yi Wang"], ["Roberto Martin-Martin"],
        ["R. Martín-Martín", "Y. Wang"]])]
    people = People(papers)
    assert people.owner is not None and people.owner.papers == 4
    assert people.find("Yu Wang") is not people.find("Yi Wang")


def test_a_name_in_chinese_characters_is_the_person_its_pinyin_names():
    """"高春辉" is Chunhui Gao (written "Chun-Hui Gao" too), and the owner over all spellings; "高春梅" is not."""
    papers = [Paper(f"P{i}", authors=a) for i, a in enumerate([
        ["Chunhui Gao", "Peng Cai"], ["Chun-Hui Gao", "Qiaoyun Huang"], ["高春辉", "蔡鹏"], ["Chun-hui Gao"],
        ["高春梅", "Chunhui Gao"]])]
    people = People(papers)
    assert people.owner.variants == {"Chunhui Gao", "Chun-Hui Gao", "Chun-hui Gao", "高春辉"}
    assert people.owner.papers == 5 and people.find("Peng Cai").variants == {"Peng Cai", "蔡鹏"}
    assert people.find("高春梅") is not people.owner


def test_a_person_written_with_and_without_accents_equally_often_is_named_with_them():
    """The same name on every run: the accented spelling, not whichever a set gives first."""
    names = ["Antônio Garcia", "José Silva", "Zoë Brandt", "Søren Holm", "Ana Núñez", "Théo Roux", "Łukasz Nowak",
             "Renée Dubois"]
    papers = [Paper(f"P{i}{j}", authors=[spelling]) for i, name in enumerate(names)
              for j, spelling in enumerate((name, _unaccented(name)))]
    people = People(papers)
    assert [people.find(name).name for name in names] == names


def _unaccented(name: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", name.replace("Ł", "L").replace("ø", "o"))
                   if not unicodedata.combining(c))


def test_venue_questions_are_exact(ecology):
    answer = ecology.ask("How many papers appeared at ECRS?")
    assert answer.route == "metadata" and answer.text.startswith("The record holds 2 papers")
    assert {c.title for c in answer.citations} == {"Sea Urchin Barrens and Predator Recovery in Marine Reserves",
                                                    "Passive Acoustic Monitoring of Dolphin Foraging"}
    absent = ecology.ask("Which papers were published at ICML?")
    assert absent.route == "metadata" and "no papers" in absent.text and absent.citations == []
    journal = ecology.ask("Which papers appeared in Molecular Ecology?")
    assert [c.title for c in journal.citations] == ["Environmental DNA Reveals Hidden Fish Diversity in Seagrass Meadows"]


GLOSSED = r"""
@article{g1, title = {Cloth Wrinkles from Examples}, author = {Wang, Hu}, journal = {Computer Graphics Forum (Pacific Graphics)},
  year = {2012}}
@article{g2, title = {Texturing in Material Space}, author = {Wang, Hu}, journal = {Computer Graphics Forum (Eurographics)},
  year = {2009}}
@article{g3, title = {Matrix Assembly for GPU Cloth}, author = {Wang, Hu}, journal = {Computer Graphics Forum}, year = {2016}}
@article{g4, title = {Water Drops on Surfaces}, author = {Wang, Hu}, journal = {ACM Transactions on Graphics}, year = {2005}}
"""


def test_a_venue_asked_without_the_gloss_a_record_adds_in_brackets_is_every_glossed_one(tmp_path, embedder):
    graphics = assistant_on(GLOSSED, tmp_path, embedder)
    answer = graphics.ask("Which of his papers appeared in Computer Graphics Forum?")
    assert {c.title for c in answer.citations} == {"Cloth Wrinkles from Examples", "Texturing in Material Space",
                                                   "Matrix Assembly for GPU Cloth"}


def test_a_one_word_journal_the_record_lacks(ecology):
    """"appeared in Ecology": a one-word journal's whole name, though the record's words and longer venues
    ("Molecular Ecology") hold it; after a verb of publishing only, and not a language."""
    for question, journal in (("Which of her papers appeared in Ecology?", "Ecology"),
                              ("Which of her papers were published in Nature?", "Nature")):
        answer = ecology.ask(question)
        assert answer.route == "metadata" and answer.citations == []
        assert answer.text.startswith(f"The record holds no papers at {journal}")
    language = ecology.ask("Which of her papers were published in Spanish?")
    assert "no papers at Spanish" not in language.text


def test_a_piece_of_any_kind_presupposes_its_subject(ecology):
    """"her Registered Report on X", "his thesis about X": the record must hold a piece on all of X, as for
    "her paper on X"."""
    absent = ecology.ask("In her Registered Report on transcranial magnetic stimulation of dolphins, how did the "
                         "foraging change?")
    assert absent.status in ("near_miss", "not_found") and "transcranial magnetic stimulation" in absent.text
    held = ecology.ask("In her review on passive acoustic monitoring of dolphins, how was foraging detected?")
    assert held.status == "answered"
    assert held.citations[0].title == "Passive Acoustic Monitoring of Dolphin Foraging"


def test_the_newest_of_those_is_said_of_those(ecology):
    """"Which of those is newest?" after a list answers among the listed papers and says so, not "in the record"."""
    listed = "Kelp Forest Decline Along the Northern Iberian Coast", "Sea Urchin Barrens and Predator Recovery in Marine Reserves"
    history = [{"role": "user", "content": "Which papers are about kelp or urchins?"},
               {"role": "assistant", "content": f"- **{listed[0]}** (2019) [1]\n- **{listed[1]}** (2020) [2]"}]
    answer = ecology.ask("Which of those is newest?", history=history)
    assert [c.title for c in answer.citations] == [listed[1]]
    assert "among those 2 papers" in answer.text and "in the record" not in answer.text


def test_what_did_the_owner_write_lists_the_works(tmp_path, embedder):
    """"What did <owner> write?" asks for the works themselves, as "which papers did she write?" does; with a
    subject after it, it is a question about that subject."""
    record = r"""
@article{r1, title = {Grain prices and famine mortality in Bihar}, author = {Roy, Tirthankar and Sen, Amal},
  journal = {Economic History Review}, year = {2011}, abstract = {A doubling of grain prices raised famine mortality.}}
@article{r2, title = {Railways and market integration in colonial India}, author = {Roy, Tirthankar},
  journal = {Journal of Economic History}, year = {2014}, abstract = {Railways narrowed price gaps between districts.}}
@article{r3, title = {Monsoon failure and rural wages}, author = {Roy, Tirthankar and Das, Mita},
  journal = {Explorations in Economic History}, year = {2019}, abstract = {Wages fell in years of monsoon failure.}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    every = assistant.ask("What did Tirthankar Roy write?")
    assert every.route == "metadata" and len(every.citations) == 3
    assert len(assistant.ask("What has he published so far?").citations) == 3
    railways = assistant.ask("What did Tirthankar Roy write about railways?")
    assert [c.title for c in railways.citations] == ["Railways and market integration in colonial India"]


@pytest.mark.parametrize("question, asked", [
    ("Which tools were combined in the UrgentHPC paper she co-wrote?", []),  # says which paper, asks no authors
    ("In the paper on open-source software for airborne surveys, which inversions were run?", []),
    ("Who co-wrote the UrgentHPC paper?", ["authors"]),
    ("Did she write the kelp paper alone?", ["authors"]),
    ("Is the code of the kelp survey open source?", ["code"]),
    ("What was the sensitivity of the older NINDS criteria in the palsy study?", []),  # older criteria, not papers
    ("Which of the two palsy papers is older?", ["date"]),
    ("Which is the earlier paper on palsy criteria?", ["date"]),
])
def test_what_says_which_paper_is_meant_is_not_asked_of_it(question, asked):
    assert lookups_asked(question) == asked


def test_a_paper_described_by_who_wrote_it_is_answered_from_its_text(ecology):
    answer = ecology.ask("How many subtidal sites were surveyed in the kelp decline paper she co-wrote?")
    assert "48 subtidal sites" in answer.text and "was written by" not in answer.text


def test_framing_verbs_and_clauses_say_no_subject(ecology):
    """"looks back on" frames the question; "the publishing format where a study protocol is reviewed" is no
    "<the X> study" presupposing a paper on X (the noun phrase ends at "where")."""
    query = ecology.understand("Which of her papers looks back on the publishing format where a study protocol "
                               "is peer reviewed before the fieldwork?")
    assert "look" not in query.salient and "back" not in query.salient
    assert query.presupposed == []
    assert ecology.understand("Her kelp decline study: how many sites?").presupposed == [["kelp", "declin"]]


def test_a_one_word_journal_is_not_the_start_of_a_longer_one(tmp_path, embedder):
    """A record with "Nature" and "Nat. Commun.": "Nature Communications" is the abbreviated one, and "in Nature
    itself (not Nature Communications)" the one-word one."""
    record = "".join(
        f"@article{{z{i}, title = {{{title}}}, author = {{Xiong, Hao}}, journal = {{{venue}}}, year = {{{2019 + i}}},"
        f" abstract = {{{title}.}}}}\n" for i, (title, venue) in enumerate([
            ("Imaging zeolite frameworks at low dose", "Nature"), ("A molecular compass in a zeolite channel", "Nature"),
            ("Lewis acidity at zeolite intergrowth interfaces", "Nat. Commun."),
            ("Methanol conversion over intergrown SAPO catalysts", "Nat. Commun."),
            ("Aromatics from carbon dioxide", "ACS Catal.")]))
    assistant = assistant_on(record, tmp_path, embedder)
    communications = assistant.ask("How many of his papers were published in Nature Communications?")
    assert communications.route == "metadata" and communications.text.startswith("The record holds 2 papers at Nat. Commun.")
    itself = assistant.ask("Which of his papers appeared in Nature itself (not Nature Communications)?")
    assert sorted(c.title for c in itself.citations) == ["A molecular compass in a zeolite channel",
                                                         "Imaging zeolite frameworks at low dose"]


def test_a_hyphenated_compound_the_record_never_uses_names_what_it_lacks(ecology):
    """"her drone-lidar survey of kelp forests": a compound of words the record never uses is one specific thing
    the record lacks, however close the rest of the question comes; a compound it does use is no premise."""
    absent = ecology.ask("How many subtidal sites along the northern Iberian coast did her trapped-ion survey of "
                         "kelp forest decline cover?")
    assert absent.status in ("near_miss", "not_found") and "trapped-ion" in absent.text
    held = ecology.ask("How many sites did her kelp-forest survey cover?")
    assert held.status == "answered" and "48 subtidal sites" in held.text
    authors = ecology.ask("How many subtidal sites along the northern Iberian coast did she and her co-authors "
                          "survey for the kelp forest decline study?")  # who wrote it is no subject
    assert authors.status == "answered" and "48 subtidal sites" in authors.text


def test_venue_breakdown(ecology):
    answer = ecology.ask("How many papers per venue?")
    assert "span 6 venues" in answer.text and "Proceedings of the European Coral Reef Symposium (ECRS): 2 papers" \
        in answer.text


def test_earliest_and_latest_together_and_ties(ecology):
    answer = ecology.ask("What are her earliest and latest papers?")
    assert "earliest paper in the record is" in answer.text
    assert "2 papers share the most recent date in the record, 2024" in answer.text


def test_dates_relative_to_the_capture_date():
    papers = [Paper("A", date=date(2020, 1, 1)), Paper("B", date=date(2023, 1, 1)), Paper("C", date=date(2025, 1, 1))]
    reader = Reader(papers, captured=date(2025, 6, 1))
    assert reader.read("Which papers came out in the last three years?").filters.year_from == 2023
    assert reader.read("How many papers this year?").filters.year_to == 2025
    falling = reader.read("How many of her papers fall in the last three years?")
    assert falling.intent == "metadata" and falling.filters.year_from == 2023


THESES = r"""
@phdthesis{t1, title = {Vowel change in island towns}, author = {Mora, Lucia}, school = {University of Leeds}, year = {2015}}
@mastersthesis{t2, title = {Stress in Basque verbs}, author = {Mora, Lucia}, school = {University of the Basque Country},
  year = {2011}}
@article{a1, title = {Island vowels revisited}, author = {Mora, Lucia and Ward, Kim}, journal = {Journal of Phonetics},
  year = {2019}, abstract = {We recorded 40 speakers on two islands. Vowels merged in the younger group.}}
"""


def test_theses_and_their_university_asked_of_the_entries_of_a_list(tmp_path, embedder):
    assistant = assistant_on(THESES, tmp_path, embedder)
    answer = assistant.ask("Which entries in her list are theses, and at which university?")
    assert sorted(c.title for c in answer.citations) == ["Stress in Basque verbs", "Vowel change in island towns"]
    assert "University of Leeds" in answer.text and "University of the Basque Country" in answer.text
    # "entries" are the list's, and "which university" asks where, as "which journal" does: no topic is left
    assert assistant.understand("Which entries in her list are theses, and at which university?").salient == []
    assert lookups_asked("At which university was her thesis on vowel change?") == ["venue"]


@pytest.mark.parametrize("question", ["Which is her doctoral thesis, and at which university was it done?",
                                      "Which entry is her PhD dissertation, and at which university?"])
def test_a_thesis_asked_with_its_degree_and_it_for_what_the_first_part_asks(tmp_path, embedder, question):
    """"doctoral" is the thesis's, not a subject; "it" points at what the question's first part asks for, not at an
    earlier turn there is none of."""
    assistant = assistant_on(THESES, tmp_path, embedder)
    query = assistant.understand(question)
    assert query.filters.kinds == {"thesis"} and not {"doctor", "phd", "dissert", "thesi"} & set(query.salient)
    answer = assistant.ask(question)
    assert answer.status == "answered" and "Vowel change in island towns" in [c.title for c in answer.citations]
    assert "University of Leeds" in answer.text


def test_book_qualifying_another_noun_is_no_kind_filter():
    papers = [Paper("Reading habits", kind="book"), Paper("Popularity bias in book recommendation", kind="article")]
    reader = Reader(papers)
    assert reader.read("Which dataset did the book recommendation study analyse?").filters.kinds == set()
    assert reader.read("How many books has she written?").filters.kinds == {"book"}
    assert reader.read("Is her book on reading habits cited here?").filters.kinds == {"book"}


def test_a_quoted_title_not_in_the_record_is_said_to_be_absent(ecology):
    answer = ecology.ask("Summarize 'Coral Bleaching Forecasts from Satellite Data'")
    assert answer.status == "absent"
    assert answer.text.startswith("The record has no paper titled “Coral Bleaching Forecasts from Satellite Data”.")


def test_a_system_name_not_in_the_record_is_said_to_be_absent(ecology):
    answer = ecology.ask("How does ReefNet classify coral species?")
    assert answer.status == "absent" and answer.text.startswith("The record has no paper or system named ReefNet.")


def test_a_lower_case_name_given_after_a_tool_noun_not_in_the_record_is_absent(phonetics):
    answer = phonetics.ask("How does her R package vowelfit compare with Rhotic for coding recordings?")
    assert answer.status == "absent" and answer.text.startswith("The record has no paper or system named vowelfit.")
    # an English word after the noun is no name, and a name the record uses is there
    assert phonetics.ask("Which toolkit codes non-prevocalic /r/?").status == "answered"
    assert phonetics.ask("What does the toolkit Rhotic do?").status == "answered"


def test_worked_on_is_request_wording(phonetics):
    assert phonetics.understand("Has she worked on tone sandhi?").salient == ["tone", "sandhi"]


def test_a_near_miss_opens_with_what_the_record_lacks(ecology):
    answer = ecology.ask("What has she found about whale songs in the Arctic?")
    assert answer.status in ("near_miss", "not_found")
    if answer.status == "near_miss":
        assert answer.text.startswith("The record has no paper on")


def test_a_paper_described_at_length_in_everyday_words_its_text_lacks_is_still_that_paper(ecology):
    # "overlooked" and "eye" are nowhere in the record; the description is long and nearest one paper by far
    asked = ("In the paper on sequencing environmental DNA from water samples to reveal hidden fish overlooked by the "
             "eye in seagrass meadows, how many fish species were detected?")
    answer = ecology.ask(asked)
    assert answer.status == "answered" and "57 fish species" in answer.text
    # a specialist's word of the description the record lacks is still missing from it
    rare = asked.replace("seagrass meadows", "Zostera marina meadows")
    assert ecology.ask(rare).status in ("near_miss", "not_found")
    # nor when the question says more that the record never does: a randomised survey
    survey = asked.replace("were detected?", "did the randomised survey detect?")
    assert ecology.ask(survey).status in ("near_miss", "not_found")


COMPOSITES = r"""
@article{f1, title = {Flax Fibre Laminates with a Cellulose Matrix}, author = {Frey, Mia}, journal = {Composites A},
  year = {2019}, keywords = {bio-based, natural fibre composite},
  abstract = {Flax fibres were combined with a cellulose propionate matrix. The laminates reached a flexural strength of
  140 MPa and could be recycled by remelting.}}
@article{f2, title = {Ultrasonic Welding of Thermoplastic Composites}, author = {Frey, Mia}, journal = {Composites A},
  year = {2020}, keywords = {welding},
  abstract = {Carbon fibre composites were joined by ultrasonic welding. Weld strength rose with energy director
  thickness.}}
@article{f3, title = {Cure Kinetics of a Fast Epoxy}, author = {Frey, Mia}, journal = {Polymers}, year = {2021},
  abstract = {A fast-curing epoxy was characterised by calorimetry. A kinetic model predicted the degree of cure within
  3 percent.}}
"""


def test_a_compound_a_record_writes_only_among_its_keywords_is_no_subject_it_lacks(tmp_path, embedder):
    composites = assistant_on(COMPOSITES, tmp_path, embedder)
    answer = composites.ask("Summarise her work on bio-based composites.")
    assert answer.status == "answered" and [c.title for c in answer.citations][:1] == [
        "Flax Fibre Laminates with a Cellulose Matrix"]


def test_an_adjective_made_from_a_request_word_is_a_topic_term(ecology):
    assert "project" in ecology.understand("Which of her papers use projective dynamics?").salient
    assert "compar" in ecology.understand("Which of her papers are comparative studies of seagrass?").salient
    assert "project" not in ecology.understand("Which of her seagrass papers help my project?").salient


def test_an_answerable_question_quotes_the_record(ecology):
    answer = ecology.ask("How many fish species did environmental DNA detect in seagrass meadows?")
    assert answer.status == "answered" and "57 fish species" in answer.text


def test_an_overview_cites_only_the_papers_on_the_area(ecology):
    # every paper of this record is marine ecology; only two are about seagrass meadows
    answer = ecology.ask("seagrass meadows", "summarize")
    assert {c.title for c in answer.citations} == {
        "Environmental DNA Reveals Hidden Fish Diversity in Seagrass Meadows",
        "Passive Acoustic Monitoring of Dolphin Foraging"}


@pytest.mark.parametrize("question, mode", [
    ("Summarise her work on seagrass meadows.", "summarize"),
    ("Give me an overview of what Marta Garcia-Lopez has found about seagrass meadows.", "summarize"),
    ("Draft a related-work paragraph on eDNA surveys of estuaries.", "related-work"),
    ("I'm mapping seagrass loss from drones. Which of her papers should I cite?", "related-work"),
    ("Summarise her survey of 48 subtidal sites.", "ask"),  # one piece of work
    ("Summarise the paper on kelp forest decline.", "ask"),
    ("Which papers should I read first?", "ask"),  # no project described
])
def test_the_plain_mode_takes_the_answer_path_the_question_asks_for(ecology, question, mode):
    query = ecology.understand(question)
    assert query.mode == mode


def test_an_overview_asked_for_in_the_plain_mode_is_the_overview(ecology):
    asked = ecology.ask("Summarise her work on seagrass meadows.")
    chosen = ecology.ask("Summarise her work on seagrass meadows.", "summarize")
    assert asked.text == chosen.text and asked.mode == "summarize"


def test_on_topic_keeps_papers_by_terms_by_standing_out_or_by_score_and_terms():
    papers = [Paper(title=title, abstract=abstract) for title, abstract in [
        ("Seagrass meadow fish", "Fish in seagrass meadows."),
        ("Meadow birds", "Birds of alpine meadows."),
        ("Structured sparsification", "Pruning activations."),
        ("Coral reefs", "Reef fish and corals."),
    ]]
    judge = Judge(papers, np.zeros(5), Settings())
    salient = ["seagrass", "meadow"]
    hits = [Hit(papers[0], 1.0), Hit(papers[1], 0.7), Hit(papers[2], 0.4, standout=9.0), Hit(papers[3], 0.9)]
    kept = [h.paper.title for h in judge.on_topic(hits, salient, ModeConfig(depth=4, keep=0, sure=0.6, share=0.5,
                                                                           max_cited=4))]
    # all terms; half the terms at a high score; no terms but standing out; a high score without the terms
    assert kept == ["Seagrass meadow fish", "Meadow birds", "Structured sparsification"]
    assert [h.paper.title for h in judge.on_topic(hits, salient, ModeConfig(depth=4, keep=0, sure=0.8, share=0.5,
                                                                          max_cited=4))] == [
        "Seagrass meadow fish", "Structured sparsification"]
    assert [h.paper.title for h in judge.on_topic(hits[3:], salient, ModeConfig(depth=4, keep=0, sure=0.6, share=0.5,
                                                                              max_cited=4))] == ["Coral reefs"]


@pytest.mark.parametrize("question, presupposed", [
    ("What has she published on seagrass restoration?", [["seagrass", "restor"]]),
    ("Summarize her work on kelp and urchins", [["kelp"], ["urchin"]]),
    ("Which papers study dolphin foraging?", [["dolphin", "forag"]]),
    # "work" as a verb presupposes nothing
    ("Which classifier counts buzzes in recordings that work on dolphin clicks?", []),
    ("What do they work on besides coral reefs?", []),
    # the presupposition ends where a relative or a question clause begins
    ("Is there a paper on urchin barrens that argues reserves help?", [["urchin", "barren"]]),
    ("In the paper on kelp decline, which factor explained the loss?", [["kelp", "declin"]]),
    # and where a clause of circumstance begins: what holds then is how a paraphrase describes the paper
    ("He has a paper on tagging dolphins when the boat cannot follow them. Which one?", [["tag", "dolphin"]]),
    ("Is there a paper on kelp decline where urchins were culled?", [["kelp", "declin"]]),
    # a count is no subject: a paper may give it in figures
    ("Which paper examines hundreds of mussels from harbours?", [["mussel", "harbor"]]),
    # what was analysed is where it came from: a paper names the harbours, not "the samples from" them
    ("Which of her papers analyse samples from coastal harbours?", [["coastal", "harbor"]]),
    # how long a study ran is no subject either
    ("In the two-year study of oyster reefs, how much did fish abundance change?", []),
    ("How many mussels were counted in the decade-long study of harbours?", []),
    ("What did the multi-year kelp study find?", [["kelp"]]),
    # a relative clause after "his" names no thing he made
    ("Is there an open-source toolbox of his that generates synthetic models of seagrass meadows?", []),
])
def test_what_a_question_takes_a_paper_to_be_about(ecology, question, presupposed):
    assert ecology.understand(question).presupposed == presupposed


def test_the_verb_of_papers_that_analyse_something_is_no_subject(ecology):
    question = "Which papers analyse data from the seagrass meadows?"
    assert ecology.understand(question).salient == ["seagrass", "meadow"]
    answer = ecology.ask(question)
    assert answer.status == "answered"
    assert "Environmental DNA Reveals Hidden Fish Diversity in Seagrass Meadows" in [c.title for c in answer.citations]
    assert ecology.ask("In the two-year study of oyster reefs, how much did fish abundance change?").status == "answered"


def test_it_with_nothing_to_refer_to_asks_back(ecology):
    answer = ecology.ask("How much faster is it?")
    assert answer.status == "clarify" and answer.text.startswith("Which paper do you mean?")


def test_no_system_name_of_the_shipped_record_in_the_answering_code():
    from ingest.parsers import parse_file

    names = {p.system_name for p in parse_file(ROOT / "data" / "fan_lai_profile.txt", date(2026, 11, 23)).papers
             if p.system_name and len(p.system_name.split()) == 1}
    for name in sorted(names):
        found = subprocess.run(["git", "grep", "-n", "-w", "-F", name, "--", "assistant/"], cwd=ROOT,
                               capture_output=True, text=True).stdout
        assert not found, found


def test_single_author_papers(ecology):
    answer = ecology.ask("Which papers did García-López write alone?")
    assert answer.route == "metadata" and answer.text.startswith("The record holds no papers")


def test_metadata_of_a_paper_described_not_named(ecology):
    answer = ecology.ask("Who wrote the paper on microplastic ingestion by mussels with her?")
    assert answer.route == "metadata" and "Ana Silva" in answer.text
    assert [c.title for c in answer.citations] == ["Microplastic Ingestion by Coastal Filter Feeders"]


def test_comparing_two_named_papers_uses_both(ecology):
    question = ("Compare 'Marine Heatwaves Trigger Mass Mortality of Gorgonians' with "
                "'Kelp Forest Decline Along the Northern Iberian Coast'")
    query = ecology.understand(question)
    assert query.intent == "compare" and len(query.named) == 2
    answer = ecology.ask(question)
    assert {c.title for c in answer.citations} == {p.title for p in query.named}


def test_a_named_paper_outside_the_filters_is_not_answered_from_others(ecology):
    from assistant.types import Filters

    answer = ecology.ask("What did the kelp forest decline study find?", filters=Filters(year_from=2023))
    assert answer.status == "not_found" and answer.citations == []
    # the rest of the record holds it: the answer says nothing passing the filters does, not that the record lacks it
    assert answer.text == "Nothing among the papers that pass the filters bears on this question."
    assert ecology.understand("What does 'Kelp Forest Decline Along the Northern Iberian Coast' do?").intent != \
        "metadata"


@pytest.mark.parametrize("acronym, venue, spelled", [
    ("ICRA", "IEEE International Conference on Robotics and Automation", True),
    ("IROS", "IEEE/RSJ International Conference on Intelligent Robots and Systems", True),
    ("CVPR", "Conference on Computer Vision and Pattern Recognition", True),
    ("ICRA", "IEEE/RSJ International Conference on Intelligent Robots and Systems", False),
    ("ECRS", "Proceedings of the European Coral Reef Symposium (ECRS)", True),
    # a venue stating its own acronym is named by it, not by a run of its words
    ("FOCS", "42nd International Symposium on Mathematical Foundations of Computer Science, MFCS 2017", False),
    ("MFCS", "42nd International Symposium on Mathematical Foundations of Computer Science, MFCS 2017", True),
    ("FOCS", "59th IEEE Annual Symposium on Foundations of Computer Science, FOCS 2018, Paris", True),
    ("SALT", "Semantics and Linguistic Theory", True),  # a filler word may give a letter
    # written short for the name before its section
    ("J. Chromatogr. B", "Journal of Chromatography B, Analytical Technologies in the Biomedical and Life Sciences",
     True),
    # the other way round: a name written out where the record gives the acronym
    ("Journal of Visualized Experiments", "JoVE", True),
    ("International Conference on Robotics and Automation", "ICRA 2019", True),
    ("Neural Information Processing Systems", "NeurIPS", True),
    ("Physical Review Letters", "PRL", True),
    ("International Conference on Robotics and Automation", "IROS 2019", False),
    ("Journal of Experimental Biology", "JoVE", False),
    ("IEEE TAC", "IET Control Theory & Applications", False),  # an acronym asked is no name written out
])
def test_venue_acronyms_match_venues_written_out(acronym, venue, spelled):
    from assistant.types import venue_matches

    assert venue_matches(acronym, venue) is spelled


PHONETICS = r"""
@article{ward2019rhotic,
  title = {Rhotic - a toolkit for coding non-prevocalic /r/ in recordings},
  author = {Ward, Kim and Jae{\textendash}Jae Spoon and Osei, Ama},
  journal = {Journal of Phonetics},
  year = {2019},
  abstract = {Rhotic codes non-prevocalic /r/ from recordings. Trained on 4,000 tokens, it agrees with human coders 91 percent of the time.}
}
@article{ward2020vowels,
  title = {Vowel shifts in coastal towns},
  author = {Ward, Kim and Spoon, Jae-Jae},
  journal = {Language Variation and Change},
  year = {2020},
  abstract = {We recorded 60 speakers in five coastal towns. Front vowels lowered across three generations.}
}
@article{ward2021listeners,
  title = {Listeners hear age in vowels},
  author = {Ward, Kim},
  journal = {Journal of Phonetics},
  year = {2021},
  abstract = {In a perception experiment, 120 listeners guessed speaker age from vowel tokens. Guesses tracked the vowel shift.}
}
@article{osei2022tone,
  title = {Tone sandhi in Akan verbs},
  author = {Osei, Ama and Ward, Kim},
  journal = {Lingua},
  year = {2022},
  abstract = {Akan verb tone changes before object pronouns. We describe the pattern from 30 hours of speech.}
}
@article{ward2023classroom,
  title = {Teaching phonetics with open data},
  author = {Ward, Kim and Spoon, Jae-Jae},
  journal = {Journal of Linguistics Education},
  year = {2023},
  abstract = {Open corpora let students replicate phonetic studies. We report a course built around three public corpora.}
}
"""


@pytest.fixture(scope="module")
def phonetics(tmp_path_factory, embedder):
    return assistant_on(PHONETICS, tmp_path_factory.mktemp("phonetics"), embedder)


def test_a_name_written_with_a_unicode_hyphen_is_the_same_person(phonetics):
    answer = phonetics.ask("How many papers has she written together with Jae-Jae Spoon?")
    assert answer.route == "metadata" and "3 papers" in answer.text


@pytest.mark.parametrize("question, expected", [
    ("How many articles has he placed in the Journal of Phonetics?", "2 papers"),
    ("On which papers is she first author?", "4 papers"),
    ("Which of her works are sole-authored?", "1 paper"),
])
def test_metadata_asked_in_other_words(phonetics, question, expected):
    answer = phonetics.ask(question)
    assert answer.route == "metadata" and expected in answer.text, answer.text


def test_the_co_authors_of_a_paper_named_before_a_dash(phonetics):
    answer = phonetics.ask("Who are the co-authors of the Rhotic paper?")
    assert answer.route == "metadata"
    assert "Ama Osei" in answer.text and "Language Variation" not in answer.text


def test_a_set_aside_clause_is_not_part_of_the_topic(phonetics):
    query = phonetics.understand("Which papers study vowels (rather than tone or pedagogy)?")
    assert query.salient == ["vowel"]


def test_jargon_that_few_papers_share_is_answered_however_low_the_similarity():
    papers = [Paper(title=f"Study {i}", abstract=text) for i, text in enumerate([
        "Coding non-prevocalic /r/ automatically.", "Vowel shifts.", "Tone sandhi.", "Listener judgments.",
        "Vowel shifts and tone.", "Open data in teaching."])]
    judge = Judge(papers, np.full(9, 0.5), Settings())  # probes as close as the question: z is low
    hits = [Hit(papers[0], 1.0, dense=0.45), Hit(papers[4], 0.5, dense=0.4)]
    assert judge.judge(hits, ["non", "prevocal"], "non-prevocalic").status == "answered"
    # the same low similarity with terms most papers share is not an answer
    common = [Paper(title=f"Study {i}", abstract="Vowel shifts and tone.") for i in range(6)]
    judge = Judge(common, np.full(9, 0.5), Settings())
    assert judge.judge([Hit(common[0], 1.0, dense=0.45)], ["vowel", "shift"], "vowel shifts").status != "answered"


@pytest.mark.parametrize("question, mode", [("coding /r/ and vowels", "summarize"),
                                            ("my project on automatic coding of /r/", "related-work")])
def test_overviews_of_a_record_with_dashed_system_names(phonetics, question, mode):
    answer = phonetics.ask(question, mode)
    assert answer.status == "answered" and any(c.title.startswith("Rhotic") for c in answer.citations)


def test_a_follow_up_without_a_pronoun_keeps_the_paper_talked_about(tmp_path, embedder):
    from ingest.pipeline import ingest

    settings = Settings(store_dir=tmp_path / "store")
    ingest([ROOT / "tests" / "records" / "jamie_afflerbach.json"], settings, embedder=embedder)
    assistant = Assistant(settings, Index(settings, embedder))
    title = "Ocean health in the Northeast United States from 2005 to 2017"
    history = [{"role": "user", "content": "Tell me about that work"},
               {"role": "assistant", "content": f"{title} is the paper."}]
    answer = assistant.ask("How many sites were surveyed?", history=history)
    assert title in [c.title for c in answer.citations]


def test_terms_fold_accents_and_read_formula_digits_as_digits():
    assert tokenize("Klüver on CsPbI₃ and MoS₂") == tokenize("Kluver on CsPbI3 and MoS2") == ["kluver", "cspbi3", "mos2"]
    assert tokenize("Sørensen, Łódź, Đorđević") == tokenize("Sorensen, Lodz, Dordevic")  # letters Unicode does not split
    assert tokenize("standardisation of analysed spectra") == tokenize("standardization of analyzed spectra")
    # British spellings no rule covers, as a table of them has them
    assert tokenize("centre-of-pressure in ageing anaesthetised fibres") == \
        tokenize("center of pressure in aging anesthetized fibers")


def test_what_the_authors_did_is_asked_of_the_paper_not_who_they_are(tmp_path, embedder):
    """"What did the authors add in the Lyapunov study?" asks what was added, not who wrote it; "who wrote the study
    of X" asks who wrote the paper described."""
    assistant = assistant_on(SHOES, tmp_path, embedder)
    answer = assistant.ask("In the study of the Lyapunov exponent of walking, what did the authors add to the series?")
    assert "written by" not in answer.text and "Added noise" in answer.text
    # a paper described needs no earlier turn to point at it
    assert "written by Sina Mehdi, Ali Sanjari" in assistant.ask("Who wrote the study of the Lyapunov exponent of "
                                                                 "walking?").text


def test_a_question_in_british_spelling_finds_the_paper_written_in_american(tmp_path, embedder):
    """"Centre-of-pressure measures" is the record's "center of pressure measures", not a subject it lacks."""
    assistant = assistant_on(SHOES, tmp_path, embedder)
    answer = assistant.ask("In his review of centre-of-pressure measures of gait, how many papers were included?")
    assert answer.status == "answered" and "34 papers" in answer.text


CHEMISTRY = r"""
@article{a, title = {Hydrogen in ruthenium grain boundaries}, author = {Pols, Mike and van Duin, Adri C. T.},
  journal = {J. Phys. Chem. C}, year = {2021}, abstract = {Reactive force fields for hydrogen diffusion.}}
@article{b, title = {Mixing iodide and bromide in perovskites}, author = {Pols, Mike and van Duin, Adri C. T.},
  journal = {J. Phys. Chem. C}, year = {2024}, abstract = {Strain from bromide reaches 2 nm.}}
@article{c, title = {Chiral phonons}, author = {Pols, Mike and Smith, Ann},
  journal = {Phys. Rev. Lett.}, year = {2026}, abstract = {Lattice excitations carry angular momentum.}}
@article{d, title = {Strain in halide films}, author = {Pols, Mike}, journal = {Journal of Applied Physics},
  year = {2025}, abstract = {Films were strained.}}
@article{e, title = {Hydrogen in halide films}, author = {Pols, Mike}, journal = {J Appl Phys (1931)},
  year = {2023}, abstract = {Films took up hydrogen.}}
"""


def test_venues_the_record_abbreviates_asked_in_full_and_names_without_middle_initials(tmp_path, embedder):
    assistant = assistant_on(CHEMISTRY, tmp_path, embedder)
    answer = assistant.ask("How many of his papers are in The Journal of Physical Chemistry C?")
    assert answer.route == "metadata" and "2 papers" in answer.text
    answer = assistant.ask("Which of his papers appeared in Physical Review Letters?")
    assert [c.title for c in answer.citations] == ["Chiral phonons"]
    # the whole name the record writes, and its NLM abbreviation with the year that tells it from a namesake
    answer = assistant.ask("Which of his papers appeared in the Journal of Applied Physics?")
    assert sorted(c.title for c in answer.citations) == ["Hydrogen in halide films", "Strain in halide films"]
    answer = assistant.ask("How many papers has he co-authored with Adri van Duin?")
    assert answer.route == "metadata" and "2 papers" in answer.text


GLOSSED_VENUE = r"""
@inproceedings{g1, title = {Grid state estimation from sparse meters}, author = {Okafor, Ngozi},
  booktitle = {IEEE International Conference on Smart Grid Communications}, year = {2019},
  abstract = {In this case study, a feeder with 40 meters was estimated.}}
@inproceedings{g2, title = {Demand response from water heaters}, author = {Okafor, Ngozi},
  booktitle = {2020 IEEE 11th International Conference on Smart Grid Communications (SGC)}, year = {2020},
  abstract = {In the base case, 500 heaters shifted load.}}
@article{g3, title = {Voltage control with inverters}, author = {Okafor, Ngozi},
  journal = {IEEE Transactions on Power Systems}, year = {2021}, abstract = {In each case, inverters held voltage.}}
"""


def test_a_venue_glossed_by_its_acronym_is_that_venue_however_its_name_is_worded(tmp_path, embedder):
    assistant = assistant_on(GLOSSED_VENUE, tmp_path, embedder)
    answer = assistant.ask("Which papers were presented at the IEEE Conference on Smart Grid Communications (SGC)?")
    assert answer.route == "metadata" and "2 papers" in answer.text
    assert sorted(c.title for c in answer.citations) == ["Demand response from water heaters",
                                                         "Grid state estimation from sparse meters"]


TACTICAL = r"""
@inproceedings{t1, title = {Robust adaptation in tactical networks}, author = {Jalaian, Brian},
  booktitle = {MILCOM 2018 - 2018 IEEE Military Communications Conference (MILCOM)}, year = {2018},
  abstract = {Autonomic resource management is a vulnerability.}}
@inproceedings{t2, title = {State exchange in tactical networks}, author = {Jalaian, Brian},
  booktitle = {Proceedings - IEEE Military Communications Conference MILCOM}, year = {2017},
  abstract = {Context-aware exchange cut traffic by half.}}
@article{t3, title = {Full duplex scheduling}, author = {Jalaian, Brian}, journal = {IEEE Transactions on Mobile Computing},
  year = {2017}, abstract = {Full duplex raised throughput.}}
"""


def test_a_conference_named_inside_longer_venues_after_its_acronym(tmp_path, embedder):
    assistant = assistant_on(TACTICAL, tmp_path, embedder)
    answer = assistant.ask("How many papers appeared at MILCOM, the IEEE Military Communications Conference?")
    assert answer.route == "metadata" and "2 papers" in answer.text


GAME_STUDIES = r"""
@inproceedings{d1, title = {Walls of the neomedieval town}, author = {Okafor, Ngozi},
  booktitle = {Proceedings of the 2019 DiGRA International Conference: Game, Play and the Emerging Ludo-Mix},
  year = {2019}, abstract = {Town walls in roleplaying games mark where play may go.}}
@inproceedings{d2, title = {Giants and machines}, author = {Okafor, Ngozi},
  booktitle = {Proceedings of the 2020 DiGRA International Conference: Play Everywhere}, year = {2020},
  abstract = {The giant stands for anxieties about technology.}}
@inproceedings{d3, title = {Speedrunning as transgression}, author = {Okafor, Ngozi},
  booktitle = {DiGRA Nordic Conference}, year = {2018}, abstract = {Speedrunners break the rules of space.}}
@inproceedings{d4, title = {Talking to nonplayer characters}, author = {Okafor, Ngozi},
  booktitle = {Abstract Proceedings of DiGRA 2025: Games at the Crossroads},
  eventtitle = {DiGRA International Conference 2025: Games at the Crossroads}, year = {2025},
  abstract = {Language models give nonplayer characters speech.}}
"""


def test_a_three_word_conference_named_inside_longer_venues(tmp_path, embedder):
    assistant = assistant_on(GAME_STUDIES, tmp_path, embedder)
    answer = assistant.ask("How many of her papers appeared in the proceedings of the DiGRA International Conference?")
    assert answer.route == "metadata" and "3 papers" in answer.text
    # one by the conference it was presented at, which its proceedings' title does not name
    assert sorted(c.title for c in answer.citations) == ["Giants and machines", "Talking to nonplayer characters",
                                                         "Walls of the neomedieval town"]
    assert "presented at DiGRA International Conference 2025" in answer.text


CLIMATE_MODELS = r"""
@article{c1, title = {From a seasonal prediction model to a long-term climate model}, author = {Nair, Anu},
  journal = {Bulletin of the American Meteorological Society}, year = {2015},
  abstract = {A seasonal forecast system was adapted for centennial climate simulations with an ocean model.}}
@article{c2, title = {Monsoon depressions in a warming climate}, author = {Nair, Anu}, journal = {Climate Dynamics},
  year = {2019}, abstract = {Depressions over the Bay of Bengal became rarer from 1979 to 2010.}}
"""


def test_a_gerund_taking_an_object_says_what_was_done_not_what_the_record_lacks(tmp_path, embedder):
    assistant = assistant_on(CLIMATE_MODELS, tmp_path, embedder)
    answer = assistant.ask("Where was the paper on turning a seasonal prediction model into a climate model published?")
    assert answer.status == "answered" and "Bulletin of the American Meteorological Society" in answer.text
    assert assistant.ask("Has she published on cloud seeding?").status != "answered"

HETEROSEXISM = r"""
@article{h1, title = {Interventions to reduce heterosexism}, author = {Cascalheira, Cory},
  journal = {Journal of Homosexuality}, year = {2022},
  abstract = {We randomly assigned 117 undergraduate students to a didactic, a perspective-taking or a control group.
  Transgender adults were not studied.}}
@article{h2, title = {Minority stress in Reddit posts}, author = {Cascalheira, Cory}, journal = {JMIR}, year = {2022},
  abstract = {A classifier detected minority stress in 6,000 posts by sexual and gender minority adults.}}
@article{h3, title = {A drinking app for sexual minority students}, author = {Cascalheira, Cory}, journal = {Addiction},
  year = {2023}, abstract = {In a randomised trial of 60 students, the drinking app cut binge drinking by a third.}}
"""


def test_a_work_described_with_two_words_before_its_noun_presupposes_its_subject(tmp_path, embedder):
    assistant = assistant_on(HETEROSEXISM, tmp_path, embedder)
    query = assistant.understand("Summarize his randomized controlled trial of a mindfulness app for transgender adults.")
    assert query.presupposed and "mind" in query.presupposed[0]
    answer = assistant.ask("Summarize his randomized controlled trial of a mindfulness app for transgender adults.")
    assert answer.status != "answered"
    # a work named by its design is of that design: the heterosexism experiment was no trial
    assert "trial" in assistant.understand("What did his clinical trial of the heterosexism interventions find?"
                                           ).presupposed[0]
    assert assistant.ask("How many students were randomised in his clinical trial of the heterosexism "
                         "interventions?").status != "answered"
    answer = assistant.ask("What did his randomised trial of the drinking app find?")
    assert answer.status == "answered" and "by a third" in answer.text

MONSOON = r"""
@article{m1, title = {Monsoon depressions and warming}, author = {Prajeesh, A. G. and Swapna, P.}, journal = {GRL},
  year = {2022}, abstract = {Depressions fell by a third.}}
@article{m2, title = {Barrier layers of the Arabian Sea}, author = {Prajeesh, Athippatta Gopinathan},
  journal = {Climate Dynamics}, year = {2019}, abstract = {Barrier layers thickened.}}
@article{m3, title = {The ocean's role in the MJO}, author = {Woolnough, S. J. and Slingo, J. M.},
  journal = {QJRMS}, year = {2007}, abstract = {Ocean coupling sped up the oscillation.}}
"""


def test_entries_the_owner_did_not_author_and_an_owner_named_surname_first(tmp_path, embedder):
    assistant = assistant_on(MONSOON, tmp_path, embedder)
    for question in ("Is there a paper in his list that he did not author?", "Which entries were not written by him?"):
        answer = assistant.ask(question)
        assert [c.title for c in answer.citations] == ["The ocean's role in the MJO"], question
    people = People(assistant.library.papers, stated_owner="Prajeesh A. G.")  # as a sidecar may name him
    assert people.owner.papers == 2 and "Athippatta Gopinathan Prajeesh" in people.owner.variants

PIPELINES = r"""
@article{e1, title = {Ancient genome reconstruction with nf-core/eager}, author = {Yates, James},
  journal = {PeerJ}, year = {2021},
  abstract = {We present nf-core/eager, a redesigned version of the EAGER pipeline. This Nextflow pipeline runs on any
  cluster and was developed within the nf-core initiative.}}
@article{e2, title = {Dental calculus and diet}, author = {Yates, James}, journal = {Scientific Reports}, year = {2020},
  abstract = {Dietary DNA in dental calculus is hard to authenticate.}}
"""


def test_the_kind_of_answer_asked_for_need_not_be_in_the_paper(tmp_path, embedder):
    assistant = assistant_on(PIPELINES, tmp_path, embedder)
    question = "On which workflow manager is the redesigned EAGER pipeline built, and within which consortium was it?"
    query = assistant.understand(question)
    assert {"manag", "consortium"} <= assistant.judge.incidental(query.salient, query.topic)
    assert "pipelin" not in assistant.judge.incidental(query.salient, query.topic)  # the record's own word
    subject = assistant.understand("What antimicrobial peptides has he designed?")  # a specialist's words: the subject
    assert not assistant.judge.incidental(subject.salient, subject.topic) & {"antimicrobi", "antimicrob", "peptid"}
    assert assistant.ask("What antimicrobial peptides has he designed?").status != "answered"
    answer = assistant.ask(question)
    assert answer.status == "answered" and "Nextflow" in answer.text

REVIEWS = r"""
@article{r1, title = {Glucose-lowering drugs and fracture risk—a Systematic Review}, author = {Mashhadi, Zheer},
  journal = {Current Osteoporosis Reports}, year = {2020}, abstract = {Of 40 trials, few reported fractures.}}
@article{r2, title = {Bone health in the elderly with diabetes: A Systematic Review}, author = {Mashhadi, Zheer},
  journal = {OBM Geriatrics}, year = {2020}, abstract = {Bone density was higher.}}
@article{r3, title = {Fracture risk with GLP-1 receptor agonists}, author = {Mashhadi, Zheer},
  journal = {Bone}, year = {2022}, abstract = {In a cohort review of registry data, risk fell by a tenth.}}
"""


def test_a_kind_of_work_a_title_names_is_counted_like_one_a_venue_names(tmp_path, embedder):
    assistant = assistant_on(REVIEWS, tmp_path, embedder)
    for question in ("How many systematic reviews are in his record?", "How many systematic reviews has he written?"):
        answer = assistant.ask(question)
        assert answer.route == "metadata" and "2 papers" in answer.text, question
        assert "Fracture risk with GLP-1 receptor agonists" not in {c.title for c in answer.citations}

TYPED_REVIEWS = r"""
@article{t1, title = {Soil carbon stocks under grazing}, author = {Okafor, Chidi}, journal = {Geoderma}, year = {2019},
  type = {Review}, abstract = {We summarise 80 studies of soil carbon under grazing.}}
@article{t2, title = {Grazing and soil erosion on steep slopes}, author = {Okafor, Chidi}, journal = {Catena},
  year = {2021}, type = {Article}, abstract = {Erosion doubled on grazed slopes.}}
@article{t3, title = {Fire regimes in savanna: a review}, author = {Okafor, Chidi}, journal = {Fire Ecology},
  year = {2022}, abstract = {Fire frequency shapes savanna tree cover.}}
"""


@pytest.mark.parametrize("question", ["Which of his publications is a review article?", "How many reviews has he written?",
                                      "Which of his papers are reviews?"])
def test_reviews_are_the_works_the_source_types_or_titles_so(tmp_path_factory, embedder, question):
    assistant = assistant_on(TYPED_REVIEWS, tmp_path_factory.mktemp("reviews"), embedder)
    answer = assistant.ask(question)
    assert answer.route == "metadata" and "2 papers" in answer.text
    assert {c.title for c in answer.citations} == {"Soil carbon stocks under grazing", "Fire regimes in savanna: a review"}


def test_a_typed_review_is_no_filter_on_a_question_of_papers_in_general(tmp_path, embedder):
    assistant = assistant_on(TYPED_REVIEWS, tmp_path, embedder)
    answer = assistant.ask("Which of his papers study soil erosion?")
    assert answer.route != "metadata" and "Grazing and soil erosion on steep slopes" in {c.title for c in answer.citations}


def test_an_award_or_talk_at_a_meeting_is_no_system_of_that_name(tmp_path, embedder):
    assistant = assistant_on(TYPED_REVIEWS.replace("journal = {Geoderma}, ", ""), tmp_path, embedder)
    answer = assistant.ask("Did any of his papers win a best paper award at EGU?")
    assert "named EGU" not in answer.text and answer.status != "answered"
    assert "named EGU" in assistant.ask("What did he measure with EGU?").text  # a name the record lacks, asked of


PORTUGUESE_NAMES = r"""
@article{p1, title = {Licence changes in free software projects}, author = {Santos, Carlos Denner dos and Kon, Fabio},
  journal = {Journal of Strategic Information Systems}, year = {2012}, abstract = {Licences of 756 projects changed.}}
@article{p2, title = {Motivations of crowdsourcing contributors}, author = {Santos, Carlos Denner dos and Silva, Ana},
  journal = {Revista de Administração}, year = {2018}, abstract = {Fun weighed more than money.}}
@article{p3, title = {Attractiveness of open source projects}, author = {Santos, Carlos Denner dos and Kon, Fabio},
  journal = {AMCIS}, year = {2010}, abstract = {Three samples of 4,600 projects were tested.}}
"""


def test_a_name_with_a_particle_surname_asked_without_it(tmp_path, embedder):
    assistant = assistant_on(PORTUGUESE_NAMES, tmp_path, embedder)
    answer = assistant.ask("Who is Carlos Denner's most frequent co-author?")
    assert answer.route == "metadata" and "Fabio Kon" in answer.text.split("\n")[0]
    answer = assistant.ask("How many papers did Carlos Denner write with Fabio Kon?")
    assert "2 papers" in answer.text

@pytest.mark.parametrize("question, venue", [
    ("How many papers appeared in Restoration Ecology?", "Restoration Ecology"),
    ("How many of her papers are in Marine Ecology Progress Series (MEPS)?", "Marine Ecology Progress Series"),
])
def test_venue_names_with_their_acronym_in_brackets(ecology, question, venue):
    query = ecology.understand(question)
    assert query.intent == "metadata" and query.filters.venue == venue


def test_the_askers_own_thesis_is_not_a_filter(ecology):
    query = ecology.understand("My thesis is on seagrass fish. Draft the related work from her papers.", "related-work")
    assert query.filters.kinds == set()


def test_a_one_word_venue_where_a_venue_is_meant(phonetics):
    answer = phonetics.ask("Which of her papers appeared in Lingua?")
    assert answer.route == "metadata" and [c.title for c in answer.citations] == ["Tone sandhi in Akan verbs"]
    query = phonetics.understand("What pattern does the Lingua paper describe?")
    assert query.filters.venue == "Lingua" and "lingua" not in query.salient


def test_an_acronym_spelling_a_whole_venue_before_papers(phonetics):
    # "JPhon" is Journal of PHONetics: leading letters of each word, not only initials
    answer = phonetics.ask("How many JPhon papers does she have?")
    assert answer.route == "metadata" and "2 papers" in answer.text
    assert sorted(c.title for c in answer.citations) == ["Listeners hear age in vowels",
                                                         "Rhotic - a toolkit for coding non-prevocalic /r/ in recordings"]
    assert phonetics.understand("How many LVC papers does she have?").filters.venue == "Language Variation and Change"
    # letters that spell no whole venue of the record name none of them
    assert phonetics.understand("How many JPL papers does she have?").filters.venue not in (
        "Journal of Phonetics", "Journal of Linguistics Education")


def test_the_venue_of_a_work_described_by_what_it_did(phonetics):
    # no "paper" or "study" in the question: the work itself is the subject of "appear"
    answer = phonetics.ask("In which journal did the perception experiment on guessing speaker age appear?")
    assert answer.route == "metadata" and [c.title for c in answer.citations] == ["Listeners hear age in vowels"]
    assert "Journal of Phonetics" in answer.text
    assert phonetics.understand("In which journal did she publish most?").described is False


def test_a_compound_whose_words_the_record_never_writes_together_is_what_it_lacks():
    papers = [Paper(title="Mortality of trees in dry forests", abstract="Tree death rates rose in drought years."),
              Paper(title="Seed dispersal by birds", abstract="Birds moved seeds 2 km. We predict dispersal from body size.")]
    judge = Judge(papers, np.linspace(0.0, 0.2, 9), Settings())
    hits = [Hit(papers[0], 1.0, dense=0.7), Hit(papers[1], 0.9, dense=0.6)]
    lacking = judge.judge(hits, ["seed", "mortal", "predict"], "Has he worked on seed mortality prediction?")
    assert (lacking.status, lacking.lacking) == ("near_miss", "seed mortality prediction")
    # written together in either order, stop words aside ("mortality of trees"), the compound is there
    assert judge.judge(hits, ["tree", "mortal", "rate"], "Has he studied tree mortality rates?").status == "answered"
    assert judge.judge(hits, ["bird", "bodi", "size"], "Has he looked at bird body size?").status == "answered"
    # words that are no nouns make no compound: "newly discovered seed birds" is words about a thing
    assert judge.unjoined("Which papers report newly discovered seed birds?", ["newli", "discov", "seed", "bird"]) == ""


def test_the_paper_on_how_long_something_lasts_asks_its_venue_not_a_number(tmp_path, embedder):
    record = r"""
@article{a, title = {Duration of virus RNA persistence in semen of survivors}, author = {Funk, Seb}, year = {2015},
  journal = {Euro Surveill}, abstract = {Virus RNA can persist in semen for months after recovery.}}
@article{b, title = {Measles elimination in Europe}, author = {Funk, Seb}, year = {2019}, journal = {BMC Med},
  abstract = {Immunity gaps remain in adults.}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    answer = assistant.ask("Where was the paper on how long virus RNA persists in the semen of survivors published?")
    assert answer.route == "metadata" and "Euro Surveill" in answer.text
    assert [c.title for c in answer.citations] == ["Duration of virus RNA persistence in semen of survivors"]


def test_a_versioned_instrument_name_the_record_lacks_and_a_name_it_writes_with_a_possessive(tmp_path, embedder):
    record = r"""
@article{a, title = {Burnout among clergy}, author = {Eagle, Dan}, year = {2019}, journal = {Rev Relig Res},
  abstract = {Using the Maslach Burnout Inventory, we find emotional exhaustion in 30 percent of pastors.}}
@article{b, title = {Lessons from Spotify's AI DJ}, author = {Eagle, Dan}, year = {2024}, journal = {J Inf Technol Teach Cases},
  abstract = {A teaching case on personalization and its frictions.}}
@article{c, title = {Flares of one M dwarf}, author = {Eagle, Dan}, year = {2022}, journal = {AJ},
  abstract = {We count flares of the dM3 star KIC-8507979/TIC-272272592 over four years.}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    answer = assistant.ask("How reliable is the CBI-12 clergy burnout index he developed?")
    assert answer.status == "absent" and "CBI-12" in answer.text
    answer = assistant.ask("Where did the Spotify AI DJ case appear?")
    assert answer.route == "metadata" and "J Inf Technol Teach Cases" in answer.text
    # either of two names joined by a slash is written in the record
    assert assistant.ask("How many flares did KIC-8507979 show?").status == "answered"


def test_a_specialist_word_the_record_never_uses_is_what_it_lacks():
    papers = [Paper(title="GABA in children with ADHD", abstract="We measured GABA in children with ADHD at 7T."),
              Paper(title="GABA and age", abstract="GABA falls with age in a paediatric sample of children.")]
    for p in papers:
        p.abstract += " Edited MR spectroscopy measured GABA."
    judge = Judge(papers, np.linspace(0.0, 0.2, 9), Settings())  # probes far below: the question is on the field
    hits = [Hit(papers[0], 1.0, dense=0.7), Hit(papers[1], 0.9, dense=0.6)]
    lacking = judge.judge(hits, ["measur", "gaba", "autist", "child"], "Has he measured GABA in autistic children?")
    assert (lacking.status, lacking.lacking) == ("near_miss", "autistic children")
    # an everyday word the abstracts happen not to use does not make a near miss
    plain = judge.judge(hits, ["measur", "gaba", "happi", "child"], "Has he measured GABA in happy children?")
    assert plain.status == "answered"


@pytest.mark.parametrize("question, absent", [
    ("Summarize 'Elastic Sharding for Serverless Training'", True),
    ("In the study of kelp decline (the 'X is a Y' pattern), what fell?", False),
])
def test_a_quoted_example_is_not_a_missing_title(ecology, question, absent):
    assert (ecology.understand(question).intent == "absent") is absent


AUTISM = r"""
@incollection{c2024, title = {Autism}, author = {Castro, Elena}, booktitle = {Handbook of Pragmatics}, year = {2024},
  keywords = {autism}, abstract = {Autism is a neurodevelopmental condition. This chapter reviews its pragmatics.}}
@article{c2022, title = {Making beds literally: nonliteral language in autism}, author = {Castro, Elena and Ruiz, Ana},
  journal = {Journal of Child Language}, year = {2022}, keywords = {autism},
  abstract = {We tested 166 children on metaphors, idioms and hyperboles. Autistic children read them literally more often.}}
@article{c2020, title = {Metaphor development from 3 to 9}, author = {Castro, Elena}, journal = {Cognition}, year = {2020},
  keywords = {development}, abstract = {Typically developing children understood novel metaphors from age 6.}}
"""


def test_a_one_word_title_is_a_name_only_as_written_and_a_topic_word_is_not_a_category(tmp_path, embedder):
    assistant = assistant_on(AUTISM, tmp_path, embedder)
    query = assistant.understand("How many children were tested on metaphors and idioms in the study on autism?")
    assert query.named == [] and query.filters.categories == set()
    answer = assistant.ask("How many children were tested on metaphors and idioms in the study on autism?")
    assert "166 children" in answer.text
    assert [p.title for p in assistant.understand("What does the chapter Autism review?").named] == ["Autism"]


RADIOLOGY = r"""
@article{r1, title = {Multivendor spectroscopy at 26 sites}, author = {Oelt, Georg}, journal = {Radiology}, year = {2020},
  abstract = {Spectra from 26 sites were compared.}}
@article{r2, title = {GABA in multiple sclerosis fatigue}, author = {Oelt, Georg}, journal = {European Journal of Radiology},
  year = {2021}, abstract = {Fatigue was measured with a scale.}}
"""


def test_a_journal_named_by_one_word_is_that_journal_not_every_journal_ending_in_it(tmp_path, embedder):
    assistant = assistant_on(RADIOLOGY, tmp_path, embedder)
    answer = assistant.ask("Which of his papers appeared in Radiology?")
    assert [c.title for c in answer.citations] == ["Multivendor spectroscopy at 26 sites"]
    answer = assistant.ask("How many of his articles appeared in the journal Radiology?")
    assert answer.route == "metadata" and [c.title for c in answer.citations] == ["Multivendor spectroscopy at 26 sites"]


PREPRINTS = r"""
@article{m1, title = {Gut microbes of wild capuchins across seasons}, author = {Reyes, Ana}, journaltitle = {bioRxiv},
  date = {2020-06-29}, abstract = {Stool samples from 40 capuchins were sequenced.}}
@article{m2, title = {Seed dispersal by howler monkeys}, author = {Reyes, Ana}, journal = {eLife}, year = {2021},
  abstract = {Seeds in 300 droppings were counted.}}
@online{m3, title = {Ageing clocks from faecal DNA methylation}, author = {Reyes, Ana}, date = {2025-08-22},
  eprinttype = {bioRxiv}, abstract = {Methylation at 12 sites tracked age.}}
@article{m4, title = {Life history of capuchins}, author = {Reyes, Ana}, journal = {Primates}, year = {2019},
  abstract = {Births over 30 years were recorded.}}
"""


def test_a_venue_capitalised_inside_its_name_is_a_venue_and_a_preprint_server_is_one(tmp_path, embedder):
    assistant = assistant_on(PREPRINTS, tmp_path, embedder)
    answer = assistant.ask("Which of her papers appeared in eLife?")
    assert [c.title for c in answer.citations] == ["Seed dispersal by howler monkeys"]
    answer = assistant.ask("How many bioRxiv preprints are in the record?")  # the venue, and biblatex's eprinttype
    assert sorted(c.title for c in answer.citations) == ["Ageing clocks from faecal DNA methylation",
                                                         "Gut microbes of wild capuchins across seasons"]
    assert "2 papers" in answer.text


POSTED_FIRST = PREPRINTS + r"""
@unpublished{m5, title = {Seed dispersal by howler monkeys}, author = {Reyes, Ana}, journal = {bioRxiv}, year = {2020},
  abstract = {Seeds in 300 droppings were counted.}}
"""


def test_a_preprint_merged_into_its_published_version_still_counts_at_its_server(tmp_path, embedder):
    assistant = assistant_on(POSTED_FIRST, tmp_path, embedder)
    assert len(assistant.library.papers) == 4  # the preprint is a copy of the eLife paper
    answer = assistant.ask("How many bioRxiv preprints are in the record?")
    assert sorted(c.title for c in answer.citations) == ["Ageing clocks from faecal DNA methylation",
                                                         "Gut microbes of wild capuchins across seasons",
                                                         "Seed dispersal by howler monkeys"]
    assert "eLife; preprint: bioRxiv" in answer.text
    for question in ("How many of her papers are so far only bioRxiv preprints?", "Which preprints are unpublished?"):
        answer = assistant.ask(question)  # not the one published since
        assert "Seed dispersal by howler monkeys" not in [c.title for c in answer.citations] and len(answer.citations) == 2
    answer = assistant.ask("Where did the paper on seed dispersal by howler monkeys appear?")
    assert "appeared in eLife, after a preprint on bioRxiv" in answer.text
    answer = assistant.ask("Which of her papers appeared in eLife?")
    assert [c.title for c in answer.citations] == ["Seed dispersal by howler monkeys"]


ARXIV_POSTED = r"""
@article{q1, title = {Entanglement swapping with quantum-dot photons}, author = {Basset, Franco}, journal = {Physical
  Review Letters}, year = {2019}, abstract = {Photons from one quantum dot were swapped with fidelity 0.58.}}
@article{q2, title = {Local causality in an urban network}, author = {Basset, Franco}, journal = {arXiv preprint,
  arXiv:2109.06823}, year = {2021}, abstract = {A bilocality test linked two buildings.}}
@article{q3, title = {A dual-band infrared photodetector}, author = {Basset, Franco}, journal = {arXiv preprint,
  arXiv:2103.03582}, year = {2021}, abstract = {Quantum dots detected two infrared bands.}}
"""


def test_arxiv_preprints_are_the_record_s_preprints(tmp_path, embedder):
    """"ArXiv preprints" is a kind of entry, its server said with it, not a subject left to search for."""
    assistant = assistant_on(ARXIV_POSTED, tmp_path, embedder)
    answer = assistant.ask("How many of the entries in his record are arXiv preprints?")
    assert answer.text.startswith("The record holds 2 papers") and len(answer.citations) == 2


NEUROLOGY = r"""
@article{n1, title = {Microbleeds and amyloid}, author = {Botha, Hugo}, journal = {Neurology}, year = {2019},
  abstract = {Microbleeds were counted in 1,500 people.}}
@article{n2, title = {Survival in apraxia of speech}, author = {Botha, Hugo}, journal = {Neurology: Clinical Practice},
  year = {2020}, abstract = {Survival was 8 years from onset.}}
"""


def test_a_journal_itself_is_not_its_section(tmp_path, embedder):
    assistant = assistant_on(NEUROLOGY, tmp_path, embedder)
    answer = assistant.ask("How many of his papers appeared in the journal Neurology itself?")
    assert [c.title for c in answer.citations] == ["Microbleeds and amyloid"]

KOREAN = r"""
@article{y1, title = {국제결혼 부부의 이혼분석}, author = {유삼현}, journal = {한국인구학}, year = {2019},
  abstract = {국제결혼 부부의 이혼을 이산시간 위험모형으로 분석하였다.}}
@article{y2, title = {출산의 지연변천 분석과 완결출산율 추계}, author = {유삼현 and 김민}, journal = {한국인구학}, year = {2016},
  abstract = {1969년 출생코호트 이후 출산의 지연이 진행되어 왔다.}}
@article{y3, title = {Educational differentials in cohort fertility in South Korea}, author = {Yoo, Sam Hyun},
  journal = {Demographic Research}, year = {2014}, abstract = {Between 1993 and 2003 the gap in completed fertility narrowed.}}
"""


def test_titles_and_names_in_other_scripts_and_years_that_are_topics(tmp_path, embedder):
    assistant = assistant_on(KOREAN, tmp_path, embedder)
    assert len({p.title for p in assistant.library.papers}) == 3  # not merged as versions of one work
    answer = assistant.ask("How many papers list 유삼현 as an author?")
    assert answer.route == "metadata" and "2 papers" in answer.text
    assert assistant.ask("출산의 지연변천 분석과 완결출산율 추계").citations[0].title.startswith("출산의")
    # a period the question is about, not one it restricts publication dates to
    assert assistant.understand("Between 1993 and 2003, how far did the fertility gap narrow?").filters.year_from is None
    assert assistant.understand("Which papers did he publish between 2010 and 2020?").filters.year_from == 2010
    answer = assistant.ask("Which papers did he write without any co-authors?")
    assert answer.route == "metadata" and len(answer.citations) == 2


def test_a_name_form_said_beside_the_name_and_a_venue_glossed_in_brackets(tmp_path, embedder):
    assistant = assistant_on(KOREAN, tmp_path, embedder)
    answer = assistant.ask("How many of his papers list him under his Korean name, 유삼현?")
    assert answer.route == "metadata" and "2 papers" in answer.text
    answer = assistant.ask("Which of his papers appeared in 한국인구학 (the Korea Journal of Population Studies)?")
    assert answer.route == "metadata" and len(answer.citations) == 2
    assert assistant.ask("How many papers does the record hold?").text.startswith("The record holds 3 papers")


def test_a_journal_written_out_where_the_record_gives_its_acronym(tmp_path, embedder):
    record = r"""
@article{h1, title = {Trends in the life expectancy gap}, author = {Harper, Sam}, journal = {JAMA}, year = {2007},
  abstract = {The gap narrowed.}}
@article{h2, title = {Infant mortality trends}, author = {Harper, Sam}, journal = {JAMA Pediatr}, year = {2017},
  abstract = {Infant mortality fell.}}
"""
    answer = assistant_on(record, tmp_path, embedder).ask(
        "Which of his papers were published in the Journal of the American Medical Association?")
    assert [c.title for c in answer.citations] == ["Trends in the life expectancy gap"]


def test_a_follow_up_the_paper_talked_about_answers_is_answered_from_that_paper_alone(ecology):
    title = "Kelp Forest Decline Along the Northern Iberian Coast"
    history = [{"role": "user", "content": "Tell me about that work"},
               {"role": "assistant", "content": f"{title} is the paper."}]
    answer = ecology.ask("How many sites were surveyed?", history=history)
    assert [c.title for c in answer.citations] == [title] and "48 subtidal sites" in answer.text


def test_years_a_paper_is_about_are_not_read_as_its_publication_date(tmp_path, embedder):
    record = r"""
@article{g1, title = {Grain prices and famine mortality in Bihar, 1950-1990}, author = {Roy, Tirthankar},
  journal = {Economic History Review}, year = {2011},
  abstract = {We analysed 3,412 district-years of grain prices from 1950 to 1990 and found that a doubling of prices raised famine mortality by 12 percent.}}
@article{g2, title = {Railways and market integration in colonial India}, author = {Roy, Tirthankar},
  journal = {Journal of Economic History}, year = {1962}, abstract = {Railways narrowed price gaps between districts.}}
@article{g3, title = {Monsoon failure and rural wages}, author = {Roy, Tirthankar}, journal = {Explorations in Economic History},
  year = {1975}, abstract = {Wages fell in years of monsoon failure across districts.}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    answer = assistant.ask("How many district-years of grain prices were analysed in the famine mortality study "
                           "from 1950 to 1990?")
    assert [c.title for c in answer.citations] == ["Grain prices and famine mortality in Bihar, 1950-1990"]
    assert "3,412 district-years" in answer.text
    # a real date question keeps its filter: nothing is dated in those years except the two others
    answer = assistant.ask("Which papers did he publish from 1950 to 1990?")
    assert {c.title for c in answer.citations} == {"Railways and market integration in colonial India",
                                                   "Monsoon failure and rural wages"}


MATHEMATICS = r"""
@article{m1, title = {Nonuniqueness of weak solutions to the Navier-Stokes equation}, author = {T. Buckmaster and V. Vicol},
  journal = {Annals of Mathematics}, year = {2019}, abstract = {We prove that weak solutions of the Navier-Stokes equations are not unique, by convex integration, as for other partial differential equations.}}
@article{m2, title = {Shock formation for compressible Euler}, author = {T. Buckmaster and S. Shkoller and V. Vicol},
  journal = {Communications on Pure and Applied Mathematics}, year = {2022}, abstract = {We construct shocks from smooth data.}}
@article{m3, title = {Onsager's conjecture for admissible weak solutions}, author = {T. Buckmaster and C. De Lellis},
  journal = {Communications on Pure and Applied Mathematics}, year = {2019},
  abstract = {We prove Onsager's conjecture, answering Open Problem 11 of the survey, with Beltrami flows on many scales.}}
@article{m4, title = {The Korteweg-de Vries equation at low regularity}, author = {T. Buckmaster},
  journal = {Inventiones Mathematicae}, year = {2020}, abstract = {We prove well-posedness of the Korteweg-de Vries equation using the Miura transformation.}}
"""


def test_a_given_name_is_matched_by_the_initial_the_record_gives(tmp_path, embedder):
    assistant = assistant_on(MATHEMATICS, tmp_path, embedder)
    answer = assistant.ask("How many papers has he written with Steve Shkoller?")
    assert answer.route == "metadata" and "1 paper" in answer.text
    answer = assistant.ask("How many papers does Tristan Buckmaster have in this publication list?")
    assert answer.route == "metadata" and answer.text.startswith("The record holds 4 papers")


def test_an_acronym_the_record_writes_out_and_a_venue_named_with_the_paper_are_known(tmp_path, embedder):
    assistant = assistant_on(MATHEMATICS, tmp_path, embedder)
    answer = assistant.ask("Which transformation does his KdV well-posedness paper use?")
    assert answer.route == "retrieval" and "Miura transformation" in answer.text
    assert [c.title for c in answer.citations] == ["The Korteweg-de Vries equation at low regularity"]
    assert assistant.understand("What does his paper on the XQZ equation prove?").missing  # not spelled out anywhere
    # an initialism English uses every day is no name a question presupposes ("PhD", "URL")
    assert not assistant.understand("Which equations did he study in his PhD?").missing
    # nor in the plural: "PDEs" are the "partial differential equations" a record writes, "XQZs" nothing it writes
    assert not assistant.understand("Which PDEs does his Navier-Stokes paper treat?").missing
    assert assistant.understand("Which XQZs does his Navier-Stokes paper treat?").missing
    answer = assistant.ask("In the Inventiones paper, which transformation is used?")
    assert "Miura transformation" in answer.text


ASTRONOMY = r"""
@article{a1, title = {Cosmic shear from a northern survey}, author = {Guerrini, Sacha and Kilbinger, Martin and Hudson, Michael J.},
  journal = {Astronomy and Astrophysics}, year = {2025}, abstract = {We measure cosmic shear from galaxy shapes.}}
@article{a2, title = {Intrinsic alignment with spectroscopic tracers}, author = {Guerrini, S. and Kilbinger, M.},
  journal = {Astronomy and Astrophysics}, year = {2024}, abstract = {We measure intrinsic alignments directly.}}
@article{a3, title = {Probing a scale dependent gravitational slip}, author = {Guerrini, Sacha and Mortsell, Edvard},
  journal = {Physical Review D}, year = {2024}, abstract = {Strong lensing systems constrain a gravitational slip.}}
@article{a4, title = {A galaxy shape catalogue}, author = {Guerrini, Sacha and Hudson, Michael J.},
  journal = {arXiv e-prints}, year = {2026}, abstract = {We present a shape catalogue.}}
"""


def test_venue_acronyms_with_ampersands_arxiv_only_papers_and_who_he_publishes_with(tmp_path, embedder):
    assistant = assistant_on(ASTRONOMY, tmp_path, embedder)
    answer = assistant.ask("How many papers does he have in A&A?")
    assert answer.route == "metadata" and {c.title for c in answer.citations} == {
        "Cosmic shear from a northern survey", "Intrinsic alignment with spectroscopic tracers"}
    answer = assistant.ask("How many of these are only on the arXiv so far?")
    assert [c.title for c in answer.citations] == ["A galaxy shape catalogue"]
    answer = assistant.ask("Who does he publish with most often, and on how many papers?")
    assert answer.text.startswith("2 co-authors share the most papers with Sacha Guerrini (2 each)")
    answer = assistant.ask("In which journal did the gravitational slip study appear?")
    assert "Physical Review D" in answer.text.split("\n")[0]


def test_related_work_for_a_project_naming_what_the_record_lacks_cites_the_close_papers(tmp_path, embedder):
    assistant = assistant_on(ASTRONOMY, tmp_path, embedder)
    answer = assistant.ask("Our project measures cosmic shear and intrinsic alignment of galaxy shapes with "
                           "Rubin Observatory LSST data. Write the related work from his papers.", mode="related-work")
    assert answer.status == "answered" and "Cosmic shear from a northern survey" in {c.title for c in answer.citations}
    assert assistant.ask("My project studies bee pollination of apple orchards in Kent.", mode="related-work").citations == []


ARCHAEOLOGY = r"""
@article{t1, title = {Drowned landscapes of the Mosul Dam reservoir}, author = {Titolo, Andrea}, journal = {Mesopotamia}, year = {2023},
  abstract = {Archaeological sites in Iraqi reservoirs re-emerge as water levels fall during drought.}}
@article{t2, title = {Settlement systems and population trends in the Southern Levant}, author = {Titolo, Andrea},
  journal = {Levant}, year = {2025}, abstract = {Long-term settlement and population trends of the Southern Levant are traced from site surveys.}}
@article{t3, title = {Open science in archaeology}, author = {Titolo, Andrea}, journal = {Internet Archaeology}, year = {2021},
  abstract = {We evaluate open science practices in archaeology and list the challenges of the digital turn.}}
"""


def test_a_name_and_its_adjective_are_one_term(tmp_path, embedder):
    assistant = assistant_on(ARCHAEOLOGY, tmp_path, embedder)
    answer = assistant.ask("Which reservoirs in Iraq did his drowned landscapes work study?")
    assert answer.status == "answered" and answer.citations[0].title == "Drowned landscapes of the Mosul Dam reservoir"
    answer = assistant.ask("Give me an overview of what he has published on long-term settlement and population "
                           "trends in the South Levant.", mode="summarize")
    assert answer.status == "answered"
    assert "Settlement systems and population trends in the Southern Levant" in {c.title for c in answer.citations}


REACTIVE_MD = r"""
@article{c1, title = {A ReaxFF study of hydrogen diffusion in ruthenium}, author = {Pols, Mike and Duin, Adri van},
  journal = {Journal of Physical Chemistry C}, year = {2022},
  abstract = {We parametrize a ReaxFF force field for ruthenium and hydrogen and find that grain boundaries act as sinks.}}
@article{c2, title = {Degradation at surfaces of halide perovskites}, author = {Pols, Mike and Tao, Shuxia},
  journal = {ACS Applied Materials and Interfaces}, year = {2022},
  abstract = {Using reactive force field (ReaxFF) molecular dynamics, we find that surfaces and grain boundaries trigger
  the degradation of CsPbI3.}}
@article{c3, title = {Mixing iodide and bromide in inorganic perovskites}, author = {Pols, Mike and Tao, Shuxia},
  journal = {Journal of Materials Chemistry A}, year = {2024},
  abstract = {We develop a ReaxFF reactive force field for mixed halide perovskites and follow phase segregation.}}
@article{c4, title = {Blistering of metal films under extreme ultraviolet light}, author = {Pols, Mike},
  journal = {Surface Science}, year = {2023},
  abstract = {Hydrogen diffusion in ruthenium films exposed to extreme ultraviolet light causes blistering. Hydrogen
  diffusion in ruthenium is faster along grain boundaries, and ruthenium caps protect mirrors.}}
"""


def test_a_method_named_in_a_title_and_used_in_other_papers_is_not_one_papers_name(tmp_path, embedder):
    assistant = assistant_on(REACTIVE_MD, tmp_path, embedder)
    assert assistant.understand("Which of his papers use a ReaxFF force field?").named == []
    answer = assistant.ask("Which of his papers use a ReaxFF force field?")
    assert {"Degradation at surfaces of halide perovskites", "Mixing iodide and bromide in inorganic perovskites",
            "A ReaxFF study of hydrogen diffusion in ruthenium"} <= {c.title for c in answer.citations}
    # "where ... come out" asks for the venue, of the paper whose title the description matches
    answer = assistant.ask("Where did the ruthenium hydrogen diffusion study come out?")
    assert answer.text.splitlines()[0].endswith("appeared in Journal of Physical Chemistry C [1].")


def test_a_verb_the_record_never_uses_is_not_a_subject_it_lacks():
    papers = [Paper(title="Probing a gravitational slip", abstract="Strong lensing systems constrain a slip."),
              Paper(title="Cosmic shear", abstract="We measure cosmic shear from galaxy shapes.")]
    judge = Judge(papers, np.zeros(5), Settings())
    question = "Which of his papers rely on strong lensing or speech recognition?"
    assert judge.incidental(["reli", "strong", "lens", "speech", "recognit"], question) == {"reli"}
    # the closest paper holds every term but the verb: a similarity barely above unrelated questions will do
    hits = [Hit(papers[0], 1.0, dense=0.0)]  # at the off-topic probes' median
    verdict = judge.judge(hits, ["reli", "strong", "lens"], "rely on strong lensing")
    assert verdict.status == "answered"
    verdict = judge.judge(hits, ["speech", "strong", "lens"], "speech in strong lensing")  # a noun it lacks
    assert verdict.status != "answered" and verdict.lacking == "speech"
    # a participle before a noun, after "use" or a preposition, names a method: "federated" in "use federated
    # learning" is what the record lacks, "examined" in "papers that examined" is how the question is put
    question = "Which of his papers use federated surveys or examined strong lensing?"
    assert judge.incidental(["feder", "survey", "examin", "strong", "lens"], question) == {"examin"}
    # a word English also has as a verb, written as a name, is the subject: "Mars" is not "to mar"
    question = "Which Mars lensing systems constrain a slip?"
    assert "mar" in judge.incidental(["mar", "lens", "system", "constrain", "slip"], question)
    verdict = judge.judge(hits, ["mar", "lens", "system", "constrain", "slip"], question, proper=["mar"])
    assert verdict.status != "answered" and verdict.lacking.startswith("Mars")


def test_a_name_the_record_lacks_in_a_paper_described_at_length_does_not_decide_alone():
    """A long description of a paper in other words may name what its abstract does not ("in a Texas city"); a short
    question naming what the record lacks ("Has he studied drought in Texas?") is on something else."""
    papers = [Paper(title="Outdoor watering restrictions during drought",
                    abstract="Watering restrictions in a city during a drought cut household demand, raised streamflow "
                             "in the watershed and lowered groundwater use downstream."),
              Paper(title="Groundwater and crops", abstract="Irrigated crops draw groundwater.")]
    judge = Judge(papers, np.array([0.1, 0.2, 0.3, 0.2, 0.1]), Settings())
    hits = [Hit(papers[0], 1.0, dense=0.8)]  # far above the off-topic probes
    long = ["water", "restrict", "citi", "drought", "household", "demand", "streamflow", "watershed", "texa"]
    question = ("Which study found that watering restrictions in a Texas city during a drought cut household demand and "
                "raised streamflow in the watershed?")
    assert judge.judge(hits, long, question, proper=["texa"]).status == "answered"
    # a name English rarely uses is a thing the record must hold, however long the description
    question = question.replace("Texas", "Fitbit")
    verdict = judge.judge(hits, [t if t != "texa" else "fitbit" for t in long], question, proper=["fitbit"])
    assert verdict.status != "answered" and verdict.lacking.startswith("Fitbit")
    verdict = judge.judge(hits, ["drought", "texa"], "Has he studied drought in Texas?", proper=["texa"])
    assert verdict.status != "answered" and verdict.lacking == "Texas"


def test_common_words_in_a_row_the_record_never_uses_name_one_thing_it_lacks():
    """"Interventions for children with autism spectrum disorder" of a record on children's technology use: each word
    is common, and half the question is known, but "autism spectrum disorder" is one thing the record never names."""
    papers = [Paper(title="Tablet interventions for children", abstract="We evaluated tablet interventions for "
                    "children in primary schools and their teachers' beliefs."),
              Paper(title="Teachers and technology", abstract="Teachers' beliefs shape technology use.")]
    judge = Judge(papers, np.array([0.1, 0.2, 0.3, 0.2, 0.1]), Settings())
    hits = [Hit(papers[0], 1.0, dense=0.95)]  # far enough above the probes to answer with half the terms unknown
    question = "What interventions for children with autism spectrum disorder has he evaluated?"
    verdict = judge.judge(hits, ["intervent", "child", "autism", "spectrum", "disord", "evalu"], question)
    assert verdict.status == "near_miss" and verdict.lacking == "autism spectrum disorder"
    # a verb and its object the record never uses are no such thing
    from assistant.answerability import unknown_run

    assert unknown_run(["bring", "packag"], "Did he use a drone to bring packages to a floor?") == []
    assert unknown_run(["autism", "spectrum"], "Has he studied autism in one spectrum?") == []


def test_what_their_subjects_did_in_a_long_description_is_not_a_thing_the_researcher_has():
    """"Their offspring became flatter": "their" is the snails', and "flatter" what the offspring did, in a paper
    described at length in other words; "her flatter model" would be a thing she has."""
    papers = [Paper(title="Transgenerational plasticity of snail shells", abstract="Parental exposure to predator cues "
                    "reduced the plastic response of offspring shell thickness and shape to predator cues, up to a "
                    "fixed expression.")]
    judge = Judge(papers, np.array([0.1, 0.2, 0.3, 0.2, 0.1]), Settings())
    hits = [Hit(papers[0], 1.0, dense=0.8)]
    terms = ["snail", "parent", "expos", "predat", "cue", "plastic", "respons", "offspr", "flatter", "shell"]
    question = ("Which paper shows that when snail parents were exposed to predator cues, the plastic response of their "
                "offspring became flatter in shell shape?")
    assert judge.judge(hits, terms, question).status == "answered"
    question = "Which paper shows that parents exposed to predator cues changed her flatter model of plastic response?"
    assert judge.judge(hits, terms, question).status != "answered"


SURVEY_CITED = r"""
@article{s1, title = {Nonuniqueness of weak solutions to the surface quasi-geostrophic equation}, author = {Buckmaster, Tristan
  and Shkoller, Steve and Vicol, Vlad}, journal = {Communications on Pure and Applied Mathematics}, year = {2019},
  abstract = {We prove that weak solutions of the surface quasi-geostrophic equation are not unique, answering Open
  Problem 11 in the survey by De Lellis and Székelyhidi.}}
@article{s2, title = {Transporting microstructure and dissipative Euler flows}, author = {Buckmaster, Tristan and
  De Lellis, Camillo and Székelyhidi, László}, journal = {Annals of Mathematics}, year = {2015},
  abstract = {We construct continuous Euler flows that dissipate energy by convex integration.}}
@article{s3, title = {Onsager's conjecture almost everywhere in time}, author = {Buckmaster, Tristan and Székelyhidi, László},
  journal = {Communications in Mathematical Physics}, year = {2016},
  abstract = {We prove that Hölder continuous weak solutions of the Euler equations need not conserve energy.}}
"""


def test_a_person_the_question_names_as_a_source_is_not_an_author_filter(tmp_path, embedder):
    assistant = assistant_on(SURVEY_CITED, tmp_path, embedder)
    answer = assistant.ask("Which open problem from the De Lellis-Székelyhidi survey does his quasi-geostrophic "
                           "non-uniqueness result settle?")
    assert answer.status == "answered" and "Open Problem 11" in answer.text
    assert answer.citations[0].title.startswith("Nonuniqueness of weak solutions")
    answer = assistant.ask("Which papers did he write with Székelyhidi?")  # a co-author filter stays one
    assert {c.title for c in answer.citations} == {"Transporting microstructure and dissipative Euler flows",
                                                   "Onsager's conjecture almost everywhere in time"}


SYNTHESIS = r"""
@article{k1, title = {A chemoenzymatic synthesis of goniodiol from naphthalene.}, author = {Coster, Mark J. and Banwell, Martin},
  journal = {Journal of the Chemical Society, Perkin Transactions 1}, year = {2002},
  abstract = {The cis-diol obtained by microbial oxidation of naphthalene was converted into goniodiol.}}
@article{k2, title = {A total synthesis of goniodiol from naphthalene.}, author = {Coster, Mark J. and Banwell, Martin},
  journal = {Australian Journal of Chemistry}, year = {2003},
  abstract = {The cytotoxic natural product goniodiol was prepared in twelve steps from naphthalene.}}
@article{k3, title = {Selective cleavage of benzyl-protected amines by triphosgene.}, author = {Coster, Mark J.},
  journal = {Journal of Organic Chemistry}, year = {2003},
  abstract = {Triphosgene cleaves benzyl groups from secondary amines selectively.}}
@article{k4, title = {Cubyl amides as P2X7 receptor antagonists.}, author = {Coster, Mark J. and Kassiou, Michael},
  journal = {ACS Medicinal Chemistry Letters}, year = {2008},
  abstract = {Cubyl amides were prepared and bound the P2X7 receptor with high affinity in binding assays.}}
@article{k5, title = {Sigma ligands modulate cocaine-induced behavioral effects.}, author = {Coster, Mark J. and Kassiou, Michael},
  journal = {European Journal of Pharmacology}, year = {2007},
  abstract = {In mice, the trishomocubane TC1 attenuated the locomotor stimulation caused by cocaine.}}
"""


@pytest.fixture(scope="module")
def synthesis(tmp_path_factory, embedder):
    return assistant_on(SYNTHESIS, tmp_path_factory.mktemp("synthesis"), embedder)


def test_venues_by_acronym_and_written_out_match_whole_names(synthesis):
    answer = synthesis.ask("Which of his papers were published in JOC?")  # not "Australian Journal of Chemistry"
    assert [c.title for c in answer.citations] == ["Selective cleavage of benzyl-protected amines by triphosgene."]
    answer = synthesis.ask("Which of his papers appeared in the Journal of the American Chemical Society?")
    assert answer.citations == [] and "no papers" in answer.text  # not the "ACS" of ACS Medicinal Chemistry Letters


def test_a_described_piece_of_work_and_several_of_them(synthesis):
    answer = synthesis.ask("Where did his syntheses of goniodiol from naphthalene appear?")
    first = answer.text.splitlines()[0]
    assert "Perkin Transactions 1" in first and "Australian Journal of Chemistry" in first
    assert "naphthalene. appeared" not in first  # a title's closing full stop does not end the sentence
    answer = synthesis.ask("Where did his total synthesis of goniodiol from naphthalene appear?")
    assert [c.title for c in answer.citations] == ["A total synthesis of goniodiol from naphthalene."]


def test_his_study_of_something_the_record_lacks_is_a_false_premise(synthesis):
    answer = synthesis.ask("In his study of P2X7 antagonists in a mouse model of multiple sclerosis, which compound "
                           "worked best?")
    assert answer.status != "answered"
    # the closest papers are listed once each, title then what they do, the title not repeated
    assert all(line.count("Cubyl amides as P2X7 receptor antagonists") <= 1 for line in answer.text.splitlines())


def test_british_spellings_and_publishing_in_other_words(synthesis):
    answer = synthesis.ask("In the trishomocubane behavioural study, what did TC1 attenuate?")
    assert answer.status == "answered" and "locomotor stimulation" in answer.text
    answer = synthesis.ask("How many papers did he put out in 2003?")
    assert answer.route == "metadata" and len(answer.citations) == 2
    answer = synthesis.ask("Which of his papers did he write on his own?")
    assert [c.title for c in answer.citations] == ["Selective cleavage of benzyl-protected amines by triphosgene."]


ADS_EXPORT = r"""
@ARTICLE{w1, author = {{Wagg}, Tom and {Breivik}, Katelyn}, title = "{LEGWORK: A Python package for gravitational-wave sources}",
  journal = {\apjs}, year = 2022, month = jun, abstract = {LEGWORK computes the evolution of stellar-origin sources for LISA.}}
@ARTICLE{w2, author = {{Wagg}, Tom and {Broekgaarden}, Floor}, title = "{Gravitational wave sources in our Galactic backyard}",
  journal = {\apj}, year = 2022, month = oct, abstract = {We predict double compact objects detectable with LISA.}}
@ARTICLE{w3, author = {{Wagg}, T. and {Renzo}, Mathieu}, title = "{Stellar ejection velocities from binary supernovae}",
  journal = {\mnras}, year = 2025, month = jul, abstract = {We compare runaway star velocities across population synthesis codes.}}
@ARTICLE{w4, author = {{Wagg}, Tom and {Broekgaarden}, Floor}, title = "{Streamlining software citations with The Software Citation Station}",
  journal = {arXiv e-prints}, year = 2024, month = jun, abstract = {Software is crucial for astronomy; we present a citation tool.}}
@BOOK{w5, author = {{Wagg}, Tom}, title = "{Forgotten Books: Unseen species models of lost stars}", publisher = {Science Press},
  year = 2023, abstract = {Unseen species models estimate how many stars were never catalogued.}}
"""


def test_an_ads_export_gives_its_journals_and_they_are_asked_by_abbreviation_or_name(tmp_path, embedder):
    assistant = assistant_on(ADS_EXPORT, tmp_path, embedder)
    venues = {p.title: p.venue for p in assistant.library.papers}
    assert venues["Stellar ejection velocities from binary supernovae"] == "Monthly Notices of the Royal Astronomical Society"
    assert venues["Gravitational wave sources in our Galactic backyard"] == "The Astrophysical Journal (ApJ)"
    answer = assistant.ask("How many of his papers are in ApJ?")  # not the ApJ Supplement
    assert [c.title for c in answer.citations] == ["Gravitational wave sources in our Galactic backyard"]
    answer = assistant.ask("Which papers appeared in the Astrophysical Journal Supplement Series?")
    assert [c.title for c in answer.citations] == ["LEGWORK: A Python package for gravitational-wave sources"]
    answer = assistant.ask("How many are in MNRAS?")
    assert [c.title for c in answer.citations] == ["Stellar ejection velocities from binary supernovae"]
    answer = assistant.ask("Did he publish anything in Nature Astronomy?")
    assert answer.route == "metadata" and answer.citations == [] and "no papers" in answer.text


def test_the_words_of_a_papers_name_are_neither_filters_nor_figures(tmp_path, embedder):
    assistant = assistant_on(ADS_EXPORT, tmp_path, embedder)
    answer = assistant.ask("Where can I find the Software Citation Station paper, which venue?")
    assert answer.text.splitlines()[0].endswith("appeared in arXiv e-prints [1].")  # not its citation count
    answer = assistant.ask("Who published the Forgotten Books paper?")  # "Books" is its name, not a kind filter
    assert answer.route == "metadata" and answer.citations[0].title.startswith("Forgotten Books")


def test_papers_with_a_given_number_of_authors(synthesis):
    answer = synthesis.ask("Which of his papers have only two authors, and who is the other one?")
    assert answer.route == "metadata" and len(answer.citations) == 4
    assert "Martin Banwell" in answer.text and "Michael Kassiou" in answer.text  # the author lines are shown
    assert len(synthesis.ask("Which papers did he write with a single co-author?").citations) == 4
    just_one = synthesis.ask("Which of his papers have just one co-author?")  # a list, not his co-authors
    assert just_one.route == "metadata" and len(just_one.citations) == 4 and "most frequent" not in just_one.text
    assert synthesis.ask("List his three-author papers.").citations == []
    assert [c.title for c in synthesis.ask("Which papers did he write alone?").citations] == [
        "Selective cleavage of benzyl-protected amines by triphosgene."]


def test_adverbs_and_listing_words_leave_a_question_about_the_record(synthesis):
    answer = synthesis.ask("Which papers did he write entirely on his own?")
    assert answer.route == "metadata" and len(answer.citations) == 1
    answer = synthesis.ask("How many works are listed under M. J. Coster altogether?")
    assert answer.route == "metadata" and answer.text.startswith("The record holds 5 papers")
    answer = synthesis.ask("What is his earliest piece of work in the list?")
    assert answer.route == "metadata" and "goniodiol" in answer.text.splitlines()[0]


OCEANOGRAPHY = r"""
@article{o1, title = {Cessation of Labrador Sea convection}, author = {Frajka-Williams, Eleanor}, journal = {Journal of Physical
  Oceanography}, year = {2019}, abstract = {Convection in the Labrador Sea stopped after a warm winter.}}
@article{o2, title = {Internal waves generated by eddies}, author = {Frajka-Williams, E.}, journal = {J. Phys. Oceanogr.},
  year = {2016}, abstract = {Eddies impinging on the western boundary generate internal waves.}}
@article{o3, title = {Compensation of overturning components at 26N}, author = {Frajka-Williams, E.}, journal = {Oc. Sci.},
  year = {2014}, abstract = {Gulf Stream and upper mid-ocean transports compensate at 26N.}}
@article{o4, title = {The rule of overturning}, author = {Frajka-Williams, E.}, journal = {Geophys. Res. Lett.}, year = {2012},
  abstract = {The overturning follows the rule of overturning; attackers could target moorings and gliders.}}
@misc{o5, title = {Gliders in winter}, author = {Frajka-Williams, Eleanor}, howpublished = {Ocean Blog}, year = {2020},
  abstract = {A post on gliders in winter storms and the rule of overturning.}}
@misc{o6, title = {Moorings at sea}, author = {Frajka-Williams, Eleanor}, howpublished = {Ocean Blog}, year = {2021},
  abstract = {A post on recovering moorings.}}
"""


def test_venues_written_short_units_counted_and_short_titles_used_as_phrases(tmp_path, embedder):
    assistant = assistant_on(OCEANOGRAPHY, tmp_path, embedder)
    answer = assistant.ask("How many of the papers were published in the Journal of Physical Oceanography?")
    assert answer.text.startswith("The record holds 2 papers")  # "J. Phys. Oceanogr." too
    answer = assistant.ask("Which papers came out in Ocean Science?")
    assert [c.title for c in answer.citations] == ["Compensation of overturning components at 26N"]
    answer = assistant.ask("How many papers appeared in Geophysical Research Letters?")
    assert [c.title for c in answer.citations] == ["The rule of overturning"]
    answer = assistant.ask("How many posts did she write for Ocean Blog?")
    assert answer.route == "metadata" and answer.text.startswith("The record holds 2 papers")
    # a short title that other papers use as a phrase is not a name; "who could ..." asks no authors
    assert assistant.understand("What does her work say about the rule of overturning in winter?").named == []
    answer = assistant.ask("According to the paper on the rule of overturning, who could attackers target?")
    assert "moorings and gliders" in answer.text and "written by" not in answer.text


def test_a_conference_asked_behind_two_acronyms_or_beside_its_spelled_out_name(tmp_path, embedder):
    record = r"""
@inproceedings{a, title = {Tsunami warning from seafloor pressure gauges}, author = {Ito, Ren}, year = {2015},
  booktitle = {Proc. of IEEE OES OceanObs Conf., Sendai}, abstract = {Pressure gauges gave warnings in 3 minutes.}}
@inproceedings{b, title = {Cabled observatories off Hokkaido}, author = {Ito, Ren}, year = {2017},
  booktitle = {Proc. of IEEE OES 2017 OceanObs conference}, abstract = {Forty stations were cabled.}}
@inproceedings{c, title = {Slow slip beneath the Nankai trough}, author = {Ito, Ren}, year = {2018},
  booktitle = {Proc. of the 2018 WCEE}, abstract = {Slow slip recurred every six years.}}
@article{d, title = {Aftershock forecasts in real time}, author = {Ito, Ren}, year = {2019},
  journal = {Seismological Research Letters}, abstract = {Forecasts were issued within an hour.}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    answer = assistant.ask("How many of his papers appeared at the IEEE OES OceanObs conference?")
    assert answer.route == "metadata" and answer.text.startswith("The record holds 2 papers")
    answer = assistant.ask("Which of his papers were presented at WCEE, the World Conference on Earthquake Engineering?")
    assert answer.route == "metadata" and [c.title for c in answer.citations] == [
        "Slow slip beneath the Nankai trough"]


def test_a_journal_asked_by_its_abbreviation_and_the_papers_of_the_earliest_year(tmp_path, embedder):
    record = r"""
@article{a, title = {Vowel reduction in Catalan}, author = {Puig, Nuria}, year = {2012}, journal = {Journal of Phonetics},
  abstract = {Unstressed vowels were shorter.}}
@article{b, title = {Clear speech in noise}, author = {Puig, Nuria}, year = {2012},
  journal = {Journal of the Acoustical Society of America}, abstract = {Talkers slowed down in noise.}}
@article{c, title = {Rhythm metrics revisited}, author = {Puig, Nuria}, year = {2015}, journal = {Journal of Phonetics},
  abstract = {Rhythm metrics depended on speech rate.}}
@article{d, title = {Tone sandhi in Shanghainese}, author = {Puig, Nuria}, year = {2018}, journal = {Phonology},
  abstract = {Sandhi domains follow syntax.}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    answer = assistant.ask("How many of her papers are in J. Phon.?")
    assert answer.route == "metadata" and answer.text.startswith("The record holds 2 papers at Journal of Phonetics")
    answer = assistant.ask("Which of her papers appeared in J. Acoust. Soc. Am.?")
    assert [c.title for c in answer.citations] == ["Clear speech in noise"]
    # the year asked with the papers of it
    answer = assistant.ask("From which year are her earliest papers, and which papers are they?")
    assert {c.title for c in answer.citations} == {"Vowel reduction in Catalan", "Clear speech in noise"}
    assert "2012" in answer.text.splitlines()[0]
    assert assistant.ask("In which year does the list begin?").citations == []


def test_a_journal_named_like_a_topic_is_the_topic_after_a_topics_word(tmp_path, embedder):
    record = r"""
@article{a, title = {Bleaching of Caribbean coral reefs in 2005}, author = {Reyes, Paula}, year = {2008},
  journal = {Marine Ecology Progress Series}, abstract = {Bleaching reached 90 percent of colonies on Caribbean coral reefs.}}
@article{b, title = {Coral recruitment after hurricanes}, author = {Reyes, Paula}, year = {2011}, journal = {Coral Reefs},
  abstract = {Recruits of brooding corals returned within two years on Caribbean coral reefs.}}
@article{c, title = {Parrotfish grazing on Caribbean coral reefs}, author = {Reyes, Paula}, year = {2014},
  journal = {Ecology}, abstract = {Grazing by parrotfish kept macroalgae low on coral reefs.}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    assert assistant.understand("Give me an overview of her work on Caribbean coral reefs.", "summarize").filters.venue == ""
    answer = assistant.ask("Give me an overview of her work on Caribbean coral reefs.", "summarize")
    assert len(answer.citations) == 3
    for question in ("Which of her papers appeared in Coral Reefs?", "How many Coral Reefs papers has she published?"):
        assert [c.title for c in assistant.ask(question).citations] == ["Coral recruitment after hurricanes"]


def test_other_wordings_of_sole_authors_absent_venues_and_joint_papers(synthesis):
    answer = synthesis.ask("Which of his papers is he the only author of?")
    assert [c.title for c in answer.citations] == ["Selective cleavage of benzyl-protected amines by triphosgene."]
    answer = synthesis.ask("Which of his papers came out in Nature Chemistry?")
    assert answer.route == "metadata" and answer.citations == [] and "no papers" in answer.text
    answer = synthesis.ask("What about Michael Kassiou, how many joint papers?")
    assert answer.route == "metadata" and len(answer.citations) == 2


def test_a_named_paper_asked_about_a_name_the_record_never_uses_is_a_near_miss(tmp_path, embedder):
    assistant = assistant_on(ADS_EXPORT, tmp_path, embedder)
    answer = assistant.ask("What did LEGWORK find when applied to the Einstein Telescope?")
    assert answer.status == "near_miss" and "Einstein Telescope" in answer.text.splitlines()[0]
    assert answer.citations[0].title.startswith("LEGWORK")  # offered as the closest, not as the answer
    answer = assistant.ask("What does LEGWORK compute for LISA?")
    assert answer.status == "answered"


EDUCATION = r"""
@article{e1, title = {The Group Theory Concept Assessment}, author = {Melhuish, Kathleen}, journal = {Journal of Mathematical
  Behavior}, year = {2019}, abstract = {We present a concept inventory measuring student understanding of group theory.}}
@article{e2, title = {Students reasoning about inverses}, author = {Melhuish, Kathleen and Dawkins, Paul C.},
  journal = {Educational Studies in Mathematics}, year = {2023}, abstract = {Students coordinate notions of inverse across
  algebraic contexts in a teaching experiment.}}
@article{e3, title = {Teaching routines in proof-based courses}, author = {Melhuish, K. and Dawkins, Paul},
  journal = {Journal of Mathematical Behavior}, year = {2022}, abstract = {We describe teaching routines that support student
  reasoning in proof-based undergraduate courses.}}
@article{e4, title = {Student discourse in elementary classrooms}, author = {Melhuish, Kathleen and Thanheiser, Eva},
  journal = {Mathematics Teacher Educator}, year = {2021}, abstract = {An observation tool helps teachers notice student
  discourse.}}
"""


def test_a_long_name_the_record_lacks_and_a_subject_beyond_the_fields_own_words(tmp_path, embedder):
    assistant = assistant_on(EDUCATION, tmp_path, embedder)
    answer = assistant.ask("What did the Linear Algebra Concept Assessment she developed reveal about eigenvectors?")
    assert answer.status == "absent" and "named Linear Algebra Concept Assessment" in answer.text.splitlines()[0]
    answer = assistant.ask("What did the Group Theory Concept Assessment measure?")
    assert answer.status == "answered" and answer.citations[0].title == "The Group Theory Concept Assessment"
    assert not assistant.understand("What do the Group Theory Concept Assessments measure?").missing  # a plural
    assert not assistant.understand("Did she compare Group Theory and Linear Algebra courses?").missing  # two names
    answer = assistant.ask("Has she studied how calculus students understand limits?")
    assert answer.status != "answered"
    assert assistant.understand("Has she done anything on functional data analysis?").presupposed == [
        ["function", "data", "analysi"]]


def test_the_fields_own_words_cannot_carry_a_question_whose_subject_the_record_lacks():
    papers = [Paper(title=f"Student reasoning {n}", abstract="Students understand proofs in courses.") for n in range(3)]
    papers.append(Paper(title="Observation tool", abstract="Teachers notice discourse."))
    judge = Judge(papers, np.array([0.0, 0.1, -0.1, 0.05, -0.05]), Settings())
    assert judge.ubiquitous("student") and not judge.ubiquitous("teacher")
    hits = [Hit(papers[0], 1.0, dense=0.9)]  # far above the off-topic probes
    verdict = judge.judge(hits, ["calculus", "student", "understand", "limit"], "calculus students understand limits")
    assert verdict.status == "near_miss" and "calculus" in verdict.lacking
    verdict = judge.judge(hits, ["student", "understand", "proof", "cours"], "students understand proofs in courses")
    assert verdict.status == "answered"


@pytest.mark.parametrize("question, presupposed", [
    ("What has she found about seagrass restoration?", [["seagrass", "restor"]]),
    ("What does her research say about kelp decline?", [["kelp", "declin"]]),
])
def test_what_was_found_about_something_presupposes_a_paper_on_it(ecology, question, presupposed):
    assert ecology.understand(question).presupposed == presupposed


def test_the_papers_with_the_most_and_fewest_authors(ecology):
    papers = ecology.library.papers
    most = max(len(p.authors) for p in papers)
    answer = ecology.ask("Which of her papers has the longest author list?")
    assert answer.route == "metadata" and f"is {most}, on" in answer.text
    assert {c.title for c in answer.citations} == {p.title for p in papers if len(p.authors) == most}
    fewest = min(len(p.authors) for p in papers)
    answer = ecology.ask("Which paper has the fewest authors?")
    assert {c.title for c in answer.citations} == {p.title for p in papers if len(p.authors) == fewest}
    answer = ecology.ask("Who are her most frequent co-authors?")  # still the co-author ranking, not team size
    assert "co-author" in answer.text.splitlines()[0] and "authors on a paper" not in answer.text


@pytest.mark.parametrize("question, titles", [
    ("Which of her works are conference papers rather than journal articles?",
     {"Sea Urchin Barrens and Predator Recovery in Marine Reserves", "Passive Acoustic Monitoring of Dolphin Foraging"}),
    ("Which of her works are anything other than journal articles?",
     {"Sea Urchin Barrens and Predator Recovery in Marine Reserves", "Passive Acoustic Monitoring of Dolphin Foraging"}),
    ("Which of her papers are conference papers or journal articles from 2024?",
     {"Microplastic Ingestion by Coastal Filter Feeders", "Restoring Oyster Reefs with Recycled Shell Substrate"}),
    ("How many conference papers or conference abstracts are in her record?",  # an abstract is a conference's too
     {"Sea Urchin Barrens and Predator Recovery in Marine Reserves", "Passive Acoustic Monitoring of Dolphin Foraging"}),
])
def test_two_publication_types_in_one_question_and_a_type_set_aside(ecology, question, titles):
    answer = ecology.ask(question)
    assert answer.route == "metadata" and {c.title for c in answer.citations} == titles


def test_chapters_in_edited_volumes_are_book_chapters(tmp_path, embedder):
    record = ECOLOGY + r"""
@incollection{garcia2018chapter,
  title = {Seagrass Meadows of Southern Europe},
  author = {Garc{\'\i}a-L{\'o}pez, Marta},
  booktitle = {Coastal Habitats of the World},
  year = {2018},
  abstract = {A review of seagrass meadows of southern Europe, their extent and their decline.}
}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    for question in ("Which of her works are chapters in edited volumes?", "List her book chapters."):
        answer = assistant.ask(question)
        assert [c.title for c in answer.citations] == ["Seagrass Meadows of Southern Europe"], question
        assert "Coastal Habitats of the World" in answer.text


def test_listed_first_and_an_only_co_author(ecology):
    first = ecology.ask("On which papers is she listed first?")
    assert {c.title for c in first.citations} == {
        "Kelp Forest Decline Along the Northern Iberian Coast", "Sea Urchin Barrens and Predator Recovery in Marine Reserves",
        "Marine Heatwaves Trigger Mass Mortality of Gorgonians", "Restoring Oyster Reefs with Recycled Shell Substrate"}
    pair = ecology.ask("Which papers did she write with Paolo Rossi as her only co-author?")
    assert [c.title for c in pair.citations] == ["Marine Heatwaves Trigger Mass Mortality of Gorgonians"]
    # something else appearing first is no author's place: the paper she is not first author of stays in reach
    query = ecology.understand("Where did the dolphin foraging buzzes appear first, and at what time of day did they peak?")
    assert query.filters.first_author == ""
    assert ecology.understand("Does her name appear first on the author list of the eDNA paper?").filters.first_author
    # nor is "where did X appear" about a described paper its venue, when the question asks for a number too
    answer = ecology.ask("In her study on dolphin foraging, where did the buzzes appear and how many hydrophones "
                         "were deployed?")
    assert "15 hydrophones" in answer.text and "appeared in" not in answer.text


FISHERIES = ECOLOGY + r"""
@article{garcia2023bias,
  title = {Algorithmic Bias in Fisheries Management Systems},
  author = {Garc{\'\i}a-L{\'o}pez, Marta and Okafor, Chidi},
  journal = {AI & Society},
  year = {2023},
  abstract = {Fisheries agencies in the United Kingdom use artificial intelligence to set catch limits. We audited 14 such systems and found that small-scale fleets were under-counted in 11 of them. Quota advice shifted towards industrial fleets as a result.}
}
@article{garcia2022sonar,
  title = {Neural Networks Count Fish in Sonar Images},
  author = {Okafor, Chidi and Garc{\'\i}a-L{\'o}pez, Marta},
  journal = {AI},
  year = {2022},
  abstract = {A convolutional network counted fish schools in 2,000 sonar images with 91 percent accuracy.}
}
"""


@pytest.fixture(scope="module")
def fisheries(tmp_path_factory, embedder):
    return assistant_on(FISHERIES, tmp_path_factory.mktemp("fisheries"), embedder)


def test_a_venue_named_with_an_acronym_and_an_acronym_that_qualifies_a_noun(fisheries):
    journal = fisheries.ask("Which papers appeared in AI & Society?")
    assert journal.route == "metadata"
    assert [c.title for c in journal.citations] == ["Algorithmic Bias in Fisheries Management Systems"]
    assert fisheries.understand("What has she found about bias in AI systems?").filters.venue == ""
    assert fisheries.understand("Which papers appeared in AI?").filters.venue == "AI"


def test_an_acronym_the_record_writes_out_is_known(fisheries):
    from assistant.answerability import initialisms

    assert {"uk", "oran"} <= initialisms("agencies in the United Kingdom and the Open Radio Access Network")
    answer = fisheries.ask("How many systems used by fisheries agencies in the UK were audited?")
    assert answer.status == "answered" and "14 such systems" in answer.text


def test_what_a_paper_is_presupposed_to_be_about_ends_at_the_questions_own_verb(fisheries):
    query = fisheries.understand("What does the paper on kelp forest decline blame for the loss?")
    assert query.presupposed == [["kelp", "forest", "declin"]]


def test_an_area_named_in_parts_and_an_everyday_word_the_record_lacks(fisheries):
    parts = fisheries.ask("Summarise her work on kelp forests, microplastics, oyster reefs and dolphin foraging.",
                          "summarize")
    assert parts.status == "answered" and len(parts.citations) >= 4
    everyday = fisheries.ask("Give an overview of her research on marine heatwaves and gorgonian life.", "summarize")
    assert everyday.status == "answered"
    assert "Marine Heatwaves Trigger Mass Mortality of Gorgonians" in {c.title for c in everyday.citations}


def test_a_related_work_project_brings_no_filters_and_the_request_after_it_is_not_the_project(fisheries):
    query = fisheries.understand("My project audits fish surveys in seagrass meadows published in Molecular Ecology. "
                                 "Which of her papers belong in the related work, and what did they find?",
                                 "related-work")
    assert query.filters.venue == "" and query.project.endswith("published in Molecular Ecology")
    thesis = fisheries.understand("My thesis is on algorithmic bias in fisheries. Which of her papers should my "
                                  "literature review cite?", "related-work")
    assert thesis.project == "algorithmic bias in fisheries"


def test_a_category_inside_a_hyphenated_word_is_not_a_category():
    papers = [Paper("Census occupations and the colour line", category="race", abstract="Census of 1880."),
              Paper("Intermarriage in Brazil", category="marriage", abstract="Census of 1980.")]
    reader = Reader(papers)
    assert reader.read("What role could the mixed-race category play in the census study?").filters.categories == set()
    assert reader.read("Which papers are in the race category?").filters.categories == {"race"}


def test_a_when_about_the_content_and_a_category_in_the_content_are_not_lookups(ecology):
    answer = ecology.ask("When did the heatwaves in the gorgonian study cause mass mortality?")
    assert answer.route != "metadata" and "in 2022 caused mass mortality" in answer.text
    published = ecology.ask("When was the gorgonian paper published?")
    assert published.route == "metadata" and "2022" in published.text


def test_a_quoted_phrase_of_one_title_names_that_paper(ecology):
    answer = ecology.ask("What did the 'recycled shell substrate' paper find?")
    assert answer.status == "answered"
    assert [c.title for c in answer.citations] == ["Restoring Oyster Reefs with Recycled Shell Substrate"]


@pytest.mark.parametrize("question, says", [
    ("Whom has she published with most often?", "co-author"),
    ("Has she written with anyone more than once, and if so who?", "co-author"),
    ("Which paper of hers came out first?", "earliest paper in the record is"),
    ("When does her publication list start, and what are the latest entries on it?", "earliest paper in the record is"),
])
def test_record_questions_in_other_words(ecology, question, says):
    answer = ecology.ask(question)
    assert answer.route == "metadata" and says in answer.text


INSTITUTES = ECOLOGY + r"""
@techreport{garcia2020catch,
  title = {Catch Records of the Galician Fleet, 2020},
  author = {Garc{\'\i}a-L{\'o}pez, Marta},
  institution = {Instituto Espa{\~n}ol de Oceanograf{\'\i}a},
  year = {2020}
}
@techreport{garcia2021catch,
  title = {Catch Records of the Galician Fleet, 2021},
  author = {Garc{\'\i}a-L{\'o}pez, Marta},
  institution = {Instituto Espa{\~n}ol de Oceanograf{\'\i}a},
  year = {2021}
}
@phdthesis{garcia2015thesis,
  title = {Kelp Ecology of the Galician Coast},
  author = {Garc{\'\i}a-L{\'o}pez, Marta},
  school = {Universit{\"a}t Hamburg},
  year = {2015}
}
@article{garcia2018editorial,
  title = {Molecular Ecology: The Next Decade},
  author = {Garc{\'\i}a-L{\'o}pez, Marta},
  journal = {Molecular Ecology},
  year = {2018}
}
@inproceedings{garcia2017sym,
  title = {Tagging Cuttlefish},
  author = {Garc{\'\i}a-L{\'o}pez, Marta},
  booktitle = {Progress in Marine Science Symposium},
  year = {2017}
}
@inproceedings{garcia2019sym,
  title = {Tagging Octopus},
  author = {Garc{\'\i}a-L{\'o}pez, Marta},
  booktitle = {Progress in Marine Science Symposium},
  year = {2019}
}
@article{garcia2016coast,
  title = {Dune Erosion After Storms},
  author = {Garc{\'\i}a-L{\'o}pez, Marta},
  journal = {Journal of Coastal Ecosystems},
  year = {2016}
}
"""


@pytest.fixture(scope="module")
def institutes(tmp_path_factory, embedder):
    return assistant_on(INSTITUTES, tmp_path_factory.mktemp("institutes"), embedder)


@pytest.mark.parametrize("question, titles, says", [
    ("How many of her reports came out through the Instituto Español de Oceanografía?",
     {"Catch Records of the Galician Fleet, 2020", "Catch Records of the Galician Fleet, 2021"}, "listed as reports"),
    ("Which theses from Universität Hamburg are on the list?", {"Kelp Ecology of the Galician Coast"}, "as theses"),
    ("How many pieces of hers appeared in Molecular Ecology?",
     {"Molecular Ecology: The Next Decade", "Environmental DNA Reveals Hidden Fish Diversity in Seagrass Meadows"}, "2 papers"),
    ("Which of her papers were presented at PIMSS?", {"Tagging Cuttlefish", "Tagging Octopus"}, "2 papers"),
    ("What did she publish in the Journal of Coastal Ecosystem?", {"Dune Erosion After Storms"}, "1 paper"),
])
def test_venues_institutions_and_types_as_people_write_them(institutes, question, titles, says):
    answer = institutes.ask(question)
    assert answer.route == "metadata" and {c.title for c in answer.citations} == titles and says in answer.text


def test_the_longest_list_of_authors(institutes):
    answer = institutes.ask("Which of her publications has the longest list of authors, and how many are on it?")
    assert answer.route == "metadata" and "The most authors on a paper in the record is 3" in answer.text


def test_a_word_the_record_lacks_naming_a_thing_with_a_word_it_has():
    """"minimum" in "minimum wage": the record has wages, not the minimum wage."""
    papers = [Paper(title="Wage gaps of migrant workers", abstract="Wage gaps between migrant and native workers."),
              Paper(title="Union wage dispersion", abstract="Unions compress wage dispersion."),
              Paper(title="Household savings", abstract="Households save more in recessions."),
              Paper(title="Pension reform", abstract="Later retirement after pension reform.")]
    judge = Judge(papers, np.zeros(5), Settings())
    hits = [Hit(papers[0], 1.0, dense=0.9), Hit(papers[1], 0.8, dense=0.8)]
    asked = judge.judge(hits, ["minimum", "wage", "migrant", "worker"], "the minimum wages of migrant workers")
    assert asked.status == "near_miss" and asked.lacking == "minimum wages"
    # a word the record lacks used as a verb names nothing: "can unions shrink wage gaps"
    assert judge.bound(["shrink", "minimum"], "Can unions shrink wage gaps?") == []
    assert judge.judge(hits, ["union", "shrink", "wage", "gap"], "Can unions shrink wage gaps?").status == "answered"


def test_where_a_study_is_set_and_a_place_named_by_its_adjective(ecology):
    assert ecology.understand("Which of her studies are set in Galicia?").salient == ["galicia"]
    assert ecology.understand("What has she written on reserves, for example in Galicia?").salient == [
        "reserv", "galicia"]
    assert ecology.understand("How does the kelp paper's method compare to the state of the art?").salient == ["kelp"]
    papers = [Paper(title="Dams and flooded sites", abstract="Iraqi reservoirs drowned 40 sites."),
              Paper(title="Survey of Levantine villages", abstract="Villages of the Levant.")]
    judge = Judge(papers, np.zeros(5), Settings())
    assert judge.coverage(["iraq"], papers[0]) == 1.0 and judge.coverage(["iraq"], papers[1]) == 0.0
    # a demonym in place of the name's last vowel, either way: Mexico and Mexican, Canada and Canadian
    papers = [Paper(title="Marriage on a frontier", abstract="Parish records of Baja California Sur, Mexico."),
              Paper(title="Canadian dairy herds", abstract="Herds in two provinces.")]
    judge = Judge(papers, np.zeros(5), Settings())
    assert judge.coverage(tokenize("Mexican"), papers[0]) == 1.0 and judge.coverage(tokenize("Canada"), papers[1]) == 1.0
    assert judge.coverage(tokenize("Mexican"), papers[1]) == 0.0
    china = Paper(title="Sediment in the Three Gorges", abstract="A small catchment in central China.")
    assert Judge([china], np.zeros(5), Settings()).coverage(tokenize("Chinese catchment"), china) == 1.0


def test_reports_a_paper_counts_are_no_publication_type(institutes):
    query = institutes.understand("How many published reports did the review of catch records cover?")
    assert query.filters.kinds == set()
    assert institutes.understand("Which of her technical reports are from 2021?").filters.kinds == {"report"}


def test_a_venue_the_record_lacks_named_whole_is_not_part_of_a_longer_one(institutes):
    for question in ("Is any of her work in The Coastal Ecosystems?", "Did she publish anything in The Coastal Ecosystems?"):
        answer = institutes.ask(question)
        assert answer.route == "metadata" and answer.citations == [], question
    assert institutes.ask("Is any of her work in the Journal of Coastal Ecosystems?").citations


def test_a_year_in_the_related_work_project_leaves_no_filter(fisheries):
    query = fisheries.understand("My project reviews what was published since 2019 on kelp forests.", "related-work")
    assert query.filters == Filters()  # not a year bound of 0, which would drop every undated paper


def test_co_authors_with_equal_counts_are_listed_in_author_line_order_newest_paper_first(tmp_path, embedder):
    """The same order on every run (it had followed a set's order, which changes with the process)."""
    record = "".join(rf"""
@article{{p{i},
  title = {{Paper number {i} on seagrass}},
  author = {{Garc{{\'\i}}a-L{{\'o}}pez, Marta and {" and ".join(names)}}},
  journal = {{Molecular Ecology}},
  year = {{20{10 + i}}}
}}""" for i, names in enumerate([["Zed, Ann", "Young, Bo"], ["Young, Bo", "Zed, Ann"], ["Xu, Cai"]]))
    answer = assistant_on(record, tmp_path, embedder).ask("Who is her most frequent co-author?")
    assert answer.text.startswith("2 co-authors share the most papers with Marta García-López (2 each): "
                                  "Bo Young, Ann Zed.")


def test_the_one_most_frequent_co_author_comes_with_the_papers_they_share(tmp_path, embedder):
    record = "".join(rf"""
@article{{p{i},
  title = {{Seagrass survey number {i}}},
  author = {{Lund, Pia and {" and ".join(names)}}},
  journal = {{Marine Ecology}},
  year = {{20{10 + i}}}
}}""" for i, names in enumerate([["Zed, Ann", "Young, Bo"], ["Zed, Ann"], ["Xu, Cai"]]))
    answer = assistant_on(record, tmp_path, embedder).ask("Who is her most frequent co-author?")
    assert answer.text.startswith("Pia Lund's most frequent co-author in the record is Ann Zed (2 papers).")
    assert sorted(c.title for c in answer.citations) == ["Seagrass survey number 0", "Seagrass survey number 1"]


PHONOLOGY = r"""
@article{v1, title = {A historical analysis of vowel mergers in Scots}, author = {Reid, Iona},
  journal = {Language Variation and Change}, year = {2019},
  abstract = {Vowel mergers in Scots changed over four centuries of written records.}}
@article{v2, title = {Sound change and social class in Edinburgh}, author = {Reid, Iona and Hall, Tom},
  journal = {Journal of Sociolinguistics}, year = {2021},
  abstract = {We model sound change in the vowels of Edinburgh speakers of two social classes.}}
@article{v3, title = {Word order in Older Scots prose}, author = {Reid, Iona},
  journal = {Diachronica}, year = {2023},
  abstract = {Historical syntax: verb placement in Older Scots prose, with change measured across texts.}}
@article{v4, title = {Teaching phonetics online}, author = {Reid, Iona}, journal = {Phonetica}, year = {2020},
  abstract = {A report on teaching a phonetics course online.}}
"""


def test_a_summary_sub_topic_matches_its_words_in_other_forms_and_loosely(tmp_path, embedder):
    """"vowels changed over history" is the "historical" paper on vowels that "changed"; a longer sub-topic
    ("word order across the centuries") is on a paper holding all but one of its words."""
    assistant = assistant_on(PHONOLOGY, tmp_path, embedder)
    answer = assistant.ask("Give me an overview of her research on how vowels changed over history: sound change "
                           "in cities, and word order across the centuries.", mode="summarize")
    assert answer.status == "answered"
    assert {"A historical analysis of vowel mergers in Scots", "Word order in Older Scots prose"} <= \
        {c.title for c in answer.citations}
    papers = [Paper(title="A historical analysis of harmonic progressions"), Paper(title="Harmony in history")]
    judge = Judge(papers, np.zeros(5), Settings())
    assert judge.holds(papers[0], ["harmoni", "histori"]) == 2 and judge.holds(papers[1], ["harmon", "histor"]) == 2


CARDIOLOGY = r"""
@article{e1, title = {Prehospital recognition of myocardial infarction by paramedics}, author = {Ruiz, Ana},
  journal = {Prehospital Emergency Care}, year = {2018},
  abstract = {Paramedics read field electrocardiograms so that the patient with myocardial infarction goes straight
  to a hospital catheterisation lab.}}
@article{e2, title = {Stroke scales in the ambulance}, author = {Ruiz, Ana and Berg, Ola}, journal = {Stroke}, year = {2020},
  abstract = {Ambulance crews scored stroke severity before the patient arrived, with two scales compared.}}
@article{e3, title = {Glider surveys of the Irminger Sea for OSNAP}, author = {Ruiz, Ana}, journal = {Ocean Science},
  year = {2022}, abstract = {Two gliders crossed the Irminger Sea for OSNAP, launched from Nuuk in Greenland.}}
"""


def test_a_verb_after_its_subject_and_a_place_named_with_its_project_are_not_missing_things(tmp_path, embedder):
    """"the patient reaches hospital": "reaches" is the patient's verb, not a kind of hospital the record lacks;
    "the Irminger Sea for OSNAP" names the sea and the project, both in one paper, not one thing named so."""
    assistant = assistant_on(CARDIOLOGY, tmp_path, embedder)
    answer = assistant.ask("Give me an overview of her work on recognising myocardial infarction before the patient "
                           "reaches hospital.", mode="summarize")
    assert answer.status == "answered"
    assert "Prehospital recognition of myocardial infarction by paramedics" in {c.title for c in answer.citations}
    query = assistant.understand("Which gliders were sent into the Irminger Sea for OSNAP, and from which town?")
    assert query.missing == [] and query.intent == "search"
    assert assistant.understand("Which gliders were sent into the Labrador Basin Exchange Study?").missing


def test_a_summary_of_several_sub_topics_holds_when_one_is_not_in_the_record(tmp_path, embedder):
    assistant = assistant_on(PHONOLOGY, tmp_path, embedder)
    answer = assistant.ask("Summarise what she has written on language change: vowel mergers, word order and "
                           "tone sandhi.", mode="summarize")
    assert answer.status == "answered"
    assert {"A historical analysis of vowel mergers in Scots", "Word order in Older Scots prose"} <= \
        {c.title for c in answer.citations}
    assert assistant.ask("Summarise what she has written on tone sandhi and click consonants.",
                         mode="summarize").status != "answered"


BREEDING = r"""
@article{b1, title = {fullsib: an R package for linkage maps of outcrossing species}, author = {Lima, Rosa},
  journal = {G3}, year = {2020}, abstract = {We release an R software package that builds linkage maps for outcrossing species.}}
@article{b2, title = {A phone app for scoring leaf spot in the field}, author = {Lima, Rosa and Dias, Caio},
  journal = {Plant Methods}, year = {2022}, abstract = {Breeders score leaf spot severity with a phone app offline.}}
@article{b3, title = {Rust resistance loci in wheat}, author = {Lima, Rosa}, journal = {Theoretical and Applied Genetics},
  year = {2021}, abstract = {We map rust resistance loci in two wheat populations.}}
@article{b4, title = {Drought tolerance of common bean}, author = {Lima, Rosa}, journal = {Crop Science}, year = {2019},
  abstract = {Yield of common bean under drought in three seasons.}}
@article{b5, title = {Heat stress in rice}, author = {Lima, Rosa}, journal = {Field Crops Research}, year = {2023},
  abstract = {Rice spikelet fertility fell under heat stress at flowering.}}
@article{b6, title = {Seed dormancy of wild oats}, author = {Lima, Rosa}, journal = {Weed Science}, year = {2018},
  abstract = {Dormancy of wild oat seeds was broken by cold stratification.}}
"""


def test_alternatives_in_a_question_need_only_one_of_them(tmp_path, embedder):
    """"packages, apps or workflows": a paper on any one is on that part of the question."""
    assistant = assistant_on(BREEDING, tmp_path, embedder)
    query = assistant.understand("Which papers present software, such as packages, apps or workflows?")
    assert query.alternatives == [["packag", "app", "workflow"]]
    papers = {p.title: p for p in assistant.library.papers}
    app = papers["A phone app for scoring leaf spot in the field"]  # an app, not called software
    assert assistant.judge.coverage(["softwar", "packag", "app", "workflow"], app, query.alternatives) == 0.5
    answer = assistant.ask("Which papers present software, such as packages, apps or workflows?")
    assert answer.status == "answered"
    assert {"fullsib: an R package for linkage maps of outcrossing species",
            "A phone app for scoring leaf spot in the field"} <= {c.title for c in answer.citations}



def test_has_she_studied_asks_whether_one_paper_holds_the_whole_subject(tmp_path, embedder):
    """"Has she studied how drought affects rust resistance loci?" takes a paper to hold both; the record has one on
    drought and one on rust resistance loci, so it is a near miss, while each alone is answered."""
    assistant = assistant_on(BREEDING, tmp_path, embedder)
    query = assistant.understand("Has she studied how drought affects rust resistance loci?")
    assert query.presupposed and {"drought", "rust"} <= set(query.presupposed[0])
    assert assistant.ask("Has she studied how drought affects rust resistance loci?").status in ("near_miss", "not_found")
    assert assistant.ask("Has she studied rust resistance loci?").status == "answered"
    assert assistant.ask("Did she ever study drought tolerance of common bean?").status == "answered"

SURVEY = r"""
@article{s1, title = {Shear calibration for a ground survey}, author = {Okafor, Chidi and Lind, Eva}, journal = {Astronomy and Astrophysics}, year = {2024}}
@article{s2, title = {Cluster masses from weak lensing}, author = {Okafor, C. and Berg, Ola}, journal = {MNRAS}, year = {2025}}
@article{s3, title = {Photometric redshifts for faint galaxies}, author = {Okafor, Chidi}, journal = {MNRAS}, year = {2025}}
@article{s4, title = {Overview of the survey mission}, author = {{Survey Collaboration} and Mellier, Yannick and Adam, Remi},
  journal = {Astronomy and Astrophysics}, year = {2025}}
"""


def test_a_count_of_the_owners_papers_says_which_of_the_record_do_not_name_them(tmp_path, embedder):
    assistant = assistant_on(SURVEY, tmp_path, embedder)
    answer = assistant.ask("How many publications are listed for C. Okafor?")
    assert "The record holds 3 papers listing" in answer.text and "(4 in all)" in answer.text
    assert "Overview of the survey mission" in {c.title for c in answer.citations}
    answer = assistant.ask("How many papers did Ola Berg write?")  # not the owner: only the papers naming him
    assert "(4 in all)" not in answer.text and [c.title for c in answer.citations] == ["Cluster masses from weak lensing"]


PUBLIC_HEALTH = r"""
@article{h1, title = {Same-day ART initiation in Lesotho}, author = {Banda, Grace}, journal = {HIV Med}, year = {2021},
  abstract = {People living with HIV started ART on the day of diagnosis; uptake was high. Cotrimoxazole prophylaxis
  after exposure was also given.}}
@article{h2, title = {Causes of hospitalisation among people living with HIV}, author = {Banda, Grace}, journal = {Lancet HIV},
  year = {2020}, abstract = {Tuberculosis was the leading cause of hospitalisation among adults with HIV.}}
@article{h3, title = {HIV and schistosomiasis among fishermen in Malawi}, author = {Banda, Grace and Phiri, Joe},
  journal = {Lancet Glob Health}, year = {2022},
  abstract = {A cluster-randomised trial of combined HIV testing and schistosomiasis treatment among fishermen.}}
@article{h4, title = {Palliative care costs after a cancer diagnosis}, author = {Banda, Grace}, journal = {The Lancet Global Health},
  year = {2021}, abstract = {Households paid catastrophic costs for palliative care.}}
@article{h5, title = {Trial of antibiotics before tuberculosis testing (ACT-TB study)}, author = {Banda, Grace},
  journal = {PLoS Med}, year = {2023}, abstract = {Adults with cough received azithromycin, amoxicillin or standard of care.}}
@article{h6, title = {Household antibiotic use}, author = {Banda, Grace}, journal = {PLoS ONE}, year = {2019},
  abstract = {Families kept antibiotics at home.}}
"""


def test_venue_acronyms_and_abbreviations_of_a_public_health_record(tmp_path, embedder):
    """"HIV" is the subject where the papers' text uses it, though "Lancet HIV" is a venue; "care in the ACT-TB"
    is no venue verb "are"; "The Lancet Global Health" is also "Lancet Glob Health" as NLM writes it; "PLoS
    Medicine" is the record's "PLoS Med", not every "PLoS" venue."""
    assistant = assistant_on(PUBLIC_HEALTH, tmp_path, embedder)
    assert assistant.understand("Which papers are about HIV and schistosomiasis among fishermen?").filters.venue == ""
    assert assistant.understand("Which papers appeared in Lancet HIV?").filters.venue == "Lancet HIV"
    assert assistant.understand("Which antibiotics were compared with standard of care in the ACT-TB trial?").filters.venue == ""
    answer = assistant.ask("How many of her papers appeared in The Lancet Global Health?")
    assert {c.title for c in answer.citations} == {"HIV and schistosomiasis among fishermen in Malawi",
                                                   "Palliative care costs after a cancer diagnosis"}
    assert assistant.understand("What has she published in PLoS Medicine?").filters.venue == "PLoS Med"


MEDIA_HISTORY = r"""
@article{m1, title = {Electric news in colonial Algeria}, author = {Vos, Anna and Smit, Tom}, journal = {Media History}, year = {2023}}
@article{m2, title = {The illustrated press and transnational news}, author = {Vos, Anna and Smit, Tom}, journal = {Media History}, year = {2021}}
@article{m3, title = {Photojournalism and the archive}, author = {Vos, Anna}, journal = {TMG Journal for Media History}, year = {2022}}
@article{m4, title = {Bike-sharing systems and congestion: evidence from US cities}, author = {Vos, Anna and Li, Wei},
  journal = {Computers, Environment and Urban Systems}, year = {2017}, abstract = {Bike-sharing reduced congestion in US cities.}}
@article{m5, title = {Street patterns of historic towns}, author = {Vos, Anna and Li, Wei},
  journal = {Computers, Environment and Urban Systems}, year = {2020}}
"""


def test_whole_venue_names_quoted_titles_and_co_authors_counted_in_words(tmp_path, embedder):
    assistant = assistant_on(MEDIA_HISTORY, tmp_path, embedder)
    answer = assistant.ask("How many of her articles appeared in Media History?")
    assert {c.title for c in answer.citations} == {"Electric news in colonial Algeria",
                                                   "The illustrated press and transnational news"}
    answer = assistant.ask("How many of her papers appeared in Computers, Environment and Urban Systems?")
    assert answer.route == "metadata" and len(answer.citations) == 2
    query = assistant.understand('In "Bike-sharing systems and congestion: evidence from European cities", which '
                                 'cities were studied?')
    assert query.intent == "absent" and query.missing
    answer = assistant.ask("Which two co-authors appear on the most papers in her record?")
    assert answer.route == "metadata" and "Tom Smit" in answer.text and "Wei Li" in answer.text


def test_a_study_named_by_its_title_and_papers_described_in_the_plural_get_their_metadata(tmp_path, embedder):
    assistant = assistant_on(MEDIA_HISTORY, tmp_path, embedder)
    answer = assistant.ask("Where was the study of street patterns of historic towns published?")
    assert answer.route == "metadata" and "Computers, Environment and Urban Systems" in answer.text.split("\n")[0]
    answer = assistant.ask("Who did she write the congestion papers on bike-sharing with?")
    assert answer.route == "metadata" and "Wei Li" in answer.text.split("\n")[0]


def test_a_prefixed_compound_the_record_never_writes_is_missing_though_its_parts_are_used(tmp_path, embedder):
    """"pre-exposure prophylaxis": the record has exposure and prophylaxis, not that thing; "step-by-step"
    and "UK-only" are no such compounds."""
    assistant = assistant_on(PUBLIC_HEALTH, tmp_path, embedder)
    answer = assistant.ask("Has she studied uptake of HIV pre-exposure prophylaxis?")
    assert answer.status != "answered"
    answer = assistant.ask("Has she studied uptake of same-day ART?")
    assert answer.status == "answered"


GLACIOLOGY = r"""
@article{g1, title = {Surface melt on Greenland outlet glaciers from radar}, author = {Solberg, Ingrid and Haugen, Per},
  journal = {IEEE Transactions on Geoscience and Remote Sensing}, year = {2019},
  abstract = {Radar backscatter reveals surface melt on five outlet glaciers.}}
@article{g2, title = {Crevasse mapping with synthetic aperture radar}, author = {Solberg, Ingrid},
  journal = {IEEE Transactions on Geoscience and Remote Sensing}, year = {2021},
  abstract = {Crevasses are mapped from synthetic aperture radar with a texture filter.}}
@article{g3, title = {Snow grain size from Sentinel-2}, author = {Solberg, Ingrid and Haugen, Per and Berg, Lise},
  journal = {IEEE Geoscience and Remote Sensing Letters}, year = {2020}, abstract = {Grain size is retrieved from reflectance.}}
@article{g4, title = {Calving front positions in Svalbard}, author = {Solberg, I. and Haugen, P.},
  journal = {Journal of Glaciology}, year = {2018}, abstract = {Calving fronts retreated at most tidewater glaciers.}}
@article{g5, title = {Basal sliding beneath a surging glacier}, author = {Haugen, Per and Berg, Lise},
  journal = {Annals of Glaciology}, year = {2022}, abstract = {Sliding speeds rose during the surge.}}
@article{g6, title = {Ice velocity of Svalbard tidewater glaciers}, author = {Solberg, Ingrid and Berg, Lise},
  journal = {Journal of Glaciology}, year = {2022}, abstract = {Feature tracking gives ice velocity.}}
@inproceedings{g7, title = {Glacier outlines from historical maps}, author = {Solberg, Ingrid},
  booktitle = {IGARSS}, year = {2017}, abstract = {Outlines are digitised from maps of 1936.}}
"""


def test_venue_acronyms_after_a_publisher_venues_set_aside_and_papers_named_with_nobody_else(tmp_path, embedder):
    """"IEEE TGRS" is the Transactions, not every IEEE venue; "(not the Annals of Glaciology)" sets a venue aside;
    "with X and nobody else" means the owner and X alone; "the radar work on X" is a paper described."""
    assistant = assistant_on(GLACIOLOGY, tmp_path, embedder)
    tgrs = {"Surface melt on Greenland outlet glaciers from radar", "Crevasse mapping with synthetic aperture radar"}
    answer = assistant.ask("How many of her articles appeared in IEEE TGRS?")
    assert answer.route == "metadata" and {c.title for c in answer.citations} == tgrs
    answer = assistant.ask("How many of her papers appeared in the Journal of Glaciology (not the Annals of Glaciology)?")
    assert answer.route == "metadata" and {c.title for c in answer.citations} == {
        "Calving front positions in Svalbard", "Ice velocity of Svalbard tidewater glaciers"}
    answer = assistant.ask("Which papers did she write with Per Haugen and nobody else?")
    assert {c.title for c in answer.citations} == {"Surface melt on Greenland outlet glaciers from radar",
                                                   "Calving front positions in Svalbard"}
    answer = assistant.ask("In which journal did the radar work on crevasse mapping appear?")
    assert answer.route == "metadata" and "IEEE Transactions on Geoscience and Remote Sensing" in answer.text
    answer = assistant.ask("Which of her papers are not journal articles?")
    assert [c.title for c in answer.citations] == ["Glacier outlines from historical maps"]


def test_a_count_of_the_record_says_which_papers_do_not_name_the_owner(tmp_path, embedder):
    """A group's list holds a paper without its owner: "how many are by her" is one fewer than the record."""
    assistant = assistant_on(GLACIOLOGY, tmp_path, embedder)
    answer = assistant.ask("How many papers are in this list?")
    assert "7 papers" in answer.text and "6 name Ingrid Solberg" in answer.text
    assert [c.title for c in answer.citations] == ["Basal sliding beneath a surging glacier"]
    answer = assistant.ask("Which papers did she write with Lise Berg, and in which years?")
    assert {"Snow grain size from Sentinel-2", "Ice velocity of Svalbard tidewater glaciers"} <= {
        c.title for c in answer.citations} and "2020" in answer.text and "2022" in answer.text


def test_work_on_after_a_modal_is_a_verb_and_what_came_out_of_work_is_a_topic(tmp_path, embedder):
    """"teams can work on the same material" takes no paper on material to exist; "which papers came out of
    the work on X" asks for papers on X, not when one came out."""
    assistant = assistant_on(GLACIOLOGY, tmp_path, embedder)
    answer = assistant.ask("Which paper maps crevasses with a texture filter on synthetic aperture radar so that "
                           "one can work on the same material?")
    assert answer.status == "answered"
    assert answer.citations[0].title == "Crevasse mapping with synthetic aperture radar"
    answer = assistant.ask("Which papers came out of the work on tidewater glaciers in Svalbard?")
    assert {"Calving front positions in Svalbard", "Ice velocity of Svalbard tidewater glaciers"} <= {
        c.title for c in answer.citations}


def test_the_most_recent_year_lists_every_paper_of_that_year(tmp_path, embedder):
    """"her most recent year" asks for a year: all its papers, though one month is later than another."""
    record = GLACIOLOGY.replace("journal = {Journal of Glaciology}, year = {2022}",
                                "journal = {Journal of Glaciology}, year = {2022}, month = {oct}").replace(
        "journal = {Annals of Glaciology}, year = {2022}", "journal = {Annals of Glaciology}, year = {2022}, month = {mar}")
    assistant = assistant_on(record, tmp_path, embedder)
    answer = assistant.ask("What is her earliest paper, and which papers come from her most recent year?")
    assert {c.title for c in answer.citations} == {"Glacier outlines from historical maps", "Basal sliding beneath a surging glacier",
                                                   "Ice velocity of Svalbard tidewater glaciers"}
    answer = assistant.ask("What is her most recent paper?")
    assert [c.title for c in answer.citations] == ["Ice velocity of Svalbard tidewater glaciers"]
    # both ends asked as years, in the plural: every paper of each year
    answer = assistant.ask("What are her earliest and most recent publication years, and which papers appeared in "
                           "each of those years?")
    assert answer.text.startswith("The most recent year in the record is 2022, with 2 papers")
    assert {c.title for c in answer.citations} == {"Glacier outlines from historical maps", "Basal sliding beneath a surging glacier",
                                                   "Ice velocity of Svalbard tidewater glaciers"}


def test_a_paper_named_by_its_short_title_and_words_of_its_title_asks_only_its_metadata(tmp_path, embedder):
    """"the study of meltwater lakes in Greenland" names "Meltwater lakes: A case study of northeast Greenland";
    "co-authors" asks who wrote a paper, not a topic the record lacks."""
    record = GLACIOLOGY + r"""
@article{g8, title = {Meltwater lakes: A case study of northeast Greenland}, author = {Solberg, Ingrid and Berg, Lise},
  journal = {The Cryosphere}, year = {2023}, abstract = {Lakes drained through hydrofractures in most summers.}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    answer = assistant.ask("Where was the study of meltwater lakes in Greenland published?")
    assert answer.route == "metadata" and "The Cryosphere" in answer.text
    answer = assistant.ask("Who were her co-authors on the snow grain size paper?")
    assert answer.route == "metadata" and "Per Haugen" in answer.text and "Lise Berg" in answer.text
    history = [{"role": "user", "content": "Tell me about Meltwater lakes: A case study of northeast Greenland"},
               {"role": "assistant", "content": "**Meltwater lakes: A case study of northeast Greenland** (2023) [1]"}]
    answer = assistant.ask("Which part of Greenland does it study?", history=history)  # a paper talked of: its text
    assert answer.route != "metadata" and "hydrofractures" in answer.text


@pytest.mark.parametrize("question,lookup", [
    ("Who are the authors of the crevasse paper?", True),
    ("What is the link to the paper?", True),
    ("What links does the record give for it?", True),
    ("What share of the papers had lead authors in the USA?", False),  # authors as the subject of a finding
    ("Which regression tested their link to survival?", False),
    ("Is there a link between meltwater and sliding?", False),
])
def test_a_metadata_word_used_for_the_subject_asks_no_lookup(question, lookup):
    from assistant.understand import asks_lookup

    assert asks_lookup(question) is lookup


def test_the_owner_named_in_a_sole_author_question_is_its_author(tmp_path, embedder):
    """"Which papers did Ingrid Solberg write as the sole author?": hers, not every single-author entry (an
    edited book by someone else); an entry with her surname one letter off is hers too."""
    record = GLACIOLOGY + r"""
@book{g9, title = {Fjords of the North}, author = {Dahl, Kari}, publisher = {Polar Press}, year = {2016}}
@article{g10, title = {Debris cover on Jotunheimen glaciers}, author = {Solberk, Ingrid}, journal = {Geografiska Annaler},
  year = {2015}, abstract = {Debris thickened on most glaciers.}}
@article{g11, title = {Firn density in Svalbard}, author = {Solberg, Ingrid and Haugen, Per}, journal = {The Cryosphere},
  year = {2016}, abstract = {Firn density rose with depth.}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    answer = assistant.ask("Which papers did Ingrid Solberg write as the sole author?")
    assert {c.title for c in answer.citations} == {"Crevasse mapping with synthetic aperture radar",
                                                   "Glacier outlines from historical maps",
                                                   "Debris cover on Jotunheimen glaciers"}


def test_a_series_named_by_its_year_is_one_venue_without_it(tmp_path, embedder):
    """"State of the Climate in 2010" and "... in 2011" are chapters of one report series."""
    record = GLACIOLOGY + r"""
@incollection{s1, title = {Arctic glaciers}, author = {Solberg, Ingrid}, booktitle = {State of the Climate in 2010}, year = {2011}}
@incollection{s2, title = {Arctic glaciers and ice caps}, author = {Solberg, Ingrid}, booktitle = {State of the Climate in 2011},
  year = {2012}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    answer = assistant.ask("How many of the entries are chapters of a State of the Climate report?")
    assert answer.route == "metadata" and {c.title for c in answer.citations} == {"Arctic glaciers",
                                                                                 "Arctic glaciers and ice caps"}


PULMONOLOGY = r"""
@article{p1, title = {Inhaled corticosteroids and COPD exacerbations}, author = {Varga, Anna and Costa, Rui},
  journal = {Thorax}, year = {2016}, abstract = {Exacerbations of COPD were fewer with inhaled corticosteroids.}}
@article{p2, title = {Walking distance after pulmonary rehabilitation}, author = {Varga, Anna},
  journal = {Respiratory Medicine}, year = {2018},
  abstract = {Patients with chronic obstructive pulmonary disease walked further after eight weeks of rehabilitation.}}
@article{p3, title = {Air pollution and hospital admissions in Lisbon}, author = {Varga, Anna and Costa, Rui},
  journal = {European Respiratory Journal}, year = {2019}, abstract = {Daily fine particulate matter rose in the
  three days before COPD admissions.}}
@article{p4, title = {Asthma control in schoolchildren}, author = {Varga, Anna and Silva, Joana},
  journal = {Pediatric Pulmonology}, year = {2020}, abstract = {Asthma control improved with school inhaler checks.}}
@article{p5, title = {Spirometry quality in primary care}, author = {Varga, Anna},
  journal = {Primary Care Respiratory Journal}, year = {2021}, abstract = {Spirometry met quality standards in most
  practices; obstructive patterns were often missed.}}
@article{p6, title = {Smoking cessation counselling by pharmacists}, author = {Varga, Anna and Silva, Joana},
  journal = {Tobacco Control}, year = {2022}, abstract = {Pharmacist counselling doubled quit rates at six months.}}
@article{p7, title = {Tuberculosis screening in prisons}, author = {Varga, Anna and Costa, Rui},
  journal = {International Journal of Tuberculosis and Lung Disease}, year = {2023},
  abstract = {Chest radiography found tuberculosis in one inmate in two hundred.}}
"""


def test_a_question_spelling_out_an_initialism_finds_the_papers_that_write_it(tmp_path, embedder):
    """The record writes "COPD" where the question writes "chronic obstructive pulmonary disease": a paper
    using the initialism is on the topic as much as one spelling it out."""
    assistant = assistant_on(PULMONOLOGY, tmp_path, embedder)
    copd = {"Inhaled corticosteroids and COPD exacerbations", "Walking distance after pulmonary rehabilitation",
            "Air pollution and hospital admissions in Lisbon"}
    query = assistant.understand("Which of her papers deal with chronic obstructive pulmonary disease?")
    assert query.initialisms == ["COPD"]
    answer = assistant.ask("Which of her papers deal with chronic obstructive pulmonary disease?")
    assert {c.title for c in answer.citations} == copd
    answer = assistant.ask("Summarise her work on chronic obstructive pulmonary disease.", "summarize")
    assert {c.title for c in answer.citations} == copd


PLAGUE = r"""
@article{h1, title = {Plague mortality in Florence, 1348}, author = {Rossi, Marta}, journal = {Past and Present},
  year = {2010}, abstract = {Burial registers give plague mortality in Florence during the Black Death.}}
@article{h2, title = {Plague and the grain trade of Genoa}, author = {Rossi, Marta and Bruni, Leo},
  journal = {Economic History Review}, year = {2012}, abstract = {Plague outbreaks cut grain shipments to Genoa.}}
@article{h3, title = {Quarantine in Venetian ports}, author = {Rossi, Marta}, journal = {Social History of Medicine},
  year = {2014}, abstract = {Venice isolated ships and crews during plague years.}}
@article{h4, title = {Wages after the plague in Tuscany}, author = {Rossi, Marta and Conti, Sara},
  journal = {Economic History Review}, year = {2016}, abstract = {Real wages rose after each plague wave.}}
@article{h5, title = {Plague saints and civic processions}, author = {Rossi, Marta}, journal = {Renaissance Quarterly},
  year = {2018}, abstract = {Cities staged processions to plague saints during outbreaks.}}
@article{h6, title = {The last plague of Milan, 1630}, author = {Rossi, Marta and Bruni, Leo},
  journal = {Journal of Early Modern History}, year = {2020}, abstract = {Health boards in Milan fought the plague of 1630.}}
@article{h7, title = {Notarial contracts and dowries in Siena}, author = {Rossi, Marta}, journal = {Speculum},
  year = {2022}, abstract = {Dowry contracts show how families in Siena invested in marriage.}}
"""


def test_which_of_her_publications_and_list_her_work_ask_for_every_paper(tmp_path, embedder):
    """"Which of her publications deal with X" and "List her work on X" ask for all the papers on X, not the few
    best; "which of her papers presents ..." (a singular verb) asks for one."""
    assistant = assistant_on(PLAGUE, tmp_path, embedder)
    plague = {"Plague mortality in Florence, 1348", "Plague and the grain trade of Genoa", "Quarantine in Venetian ports",
              "Wages after the plague in Tuscany", "Plague saints and civic processions", "The last plague of Milan, 1630"}
    for question in ("Which of her publications deal with the plague?", "List her work on the plague."):
        assert assistant.understand(question).broad
        answer = assistant.ask(question)
        assert {c.title for c in answer.citations} >= plague - {"Quarantine in Venetian ports"}, question
        assert "Notarial contracts and dowries in Siena" not in {c.title for c in answer.citations}
    assert not assistant.understand("Which of her papers presents burial registers from Florence?").broad
    assert assistant.understand("Which of her papers present burial registers?").broad


@pytest.mark.parametrize("question, several", [
    ("How many free software projects were analysed, and which repository did they come from?", False),
    ("How was the model of open source projects tested, and with what analysis?", False),
    ("Which projects did she lead?", True),
    ("What systems has he built for caching?", True),
    ("Tell me about her approaches to dating charters.", True),
])
def test_projects_or_methods_counted_inside_one_paper_ask_for_one(question, several):
    assert Reader([]).read(question).broad is several


FLOATS = r"""
@article{o1, title = {ARGO: a global array of profiling floats}, author = {Lindqvist, Eva and Moreau, Paul},
  journal = {Oceanography}, year = {2009}, abstract = {Three thousand floats profile temperature and salinity.}}
@article{o2, title = {Freshening of the Labrador Sea}, author = {Lindqvist, Eva}, journal = {Journal of Physical
  Oceanography}, year = {2016}, abstract = {ARGO profiles show salinity in the Labrador Sea fell by 0.05 from
  January 2008 to December 2013.}}
@article{o3, title = {Mixed layer depth in the Southern Ocean}, author = {Lindqvist, Eva and Moreau, Paul},
  journal = {Journal of Climate}, year = {2018}, abstract = {ARGO floats give winter mixed layer depths south of 40S.}}
@article{o4, title = {Heat content of the upper Indian Ocean}, author = {Lindqvist, Eva}, journal = {Geophysical
  Research Letters}, year = {2020}, abstract = {ARGO temperature profiles show the upper 700 m warming.}}
@article{o5, title = {Eddy kinetic energy from altimetry}, author = {Lindqvist, Eva and Okafor, Ada},
  journal = {Journal of Geophysical Research: Oceans}, year = {2022}, abstract = {Altimetry maps eddy energy.}}
"""


def test_a_programme_name_many_papers_use_and_a_period_of_months_are_the_topic(tmp_path, embedder):
    """"ARGO", the system name of one paper, is the float array four papers use: a question about ARGO profiles
    of the Labrador Sea asks for the paper on them, not the one named ARGO. "From January 2008 to December 2013"
    in a question asking a fact is the period studied, not when papers came out."""
    assistant = assistant_on(FLOATS, tmp_path, embedder)
    question = "By how much did salinity in the Labrador Sea fall from January 2008 to December 2013 in the ARGO profiles?"
    query = assistant.understand(question)
    assert not query.named and query.filters.year_from is None and query.filters.month is None
    answer = assistant.ask(question)
    assert answer.citations[0].title == "Freshening of the Labrador Sea" and "0.05" in answer.text
    season = assistant.understand("How many years of altimetry were analysed in the eddy study, and what governs eddy "
                                  "energy during September to November?")
    assert season.filters.month is None
    assert assistant.understand("Which of her papers came out in September?").filters.month == 9
    assert assistant.understand("Which papers did she publish in March 2016?").filters.year_from == 2016


ISLANDS = r"""
@article{i1, title = {Invasive plant thresholds on Robinson Crusoe Island}, author = {Salas, Carla and Robinson, Andrew},
  journal = {Biological Invasions}, year = {2016}, abstract = {Invasive shrubs cover a third of the island's forests.}}
@article{i2, title = {Tree height growth in southern beech}, author = {Salas, Carla}, journal = {Forest Ecology and
  Management}, year = {2019}, abstract = {Height growth models for Nothofagus stands.}}
@article{i3, title = {Volume equations for native forests}, author = {Salas, Carla and Robinson, Andrew},
  journal = {Bosque}, year = {2021}, abstract = {Stem volume equations for twelve species.}}
"""


def test_a_surname_that_begins_a_place_name_is_the_place(tmp_path, embedder):
    """"Robinson Crusoe Island" is a place, though Robinson is a co-author; "papers with Robinson" is the person."""
    assistant = assistant_on(ISLANDS, tmp_path, embedder)
    query = assistant.understand("What has she written on invasive plants on Robinson Crusoe Island?")
    assert not query.filters.author
    answer = assistant.ask("What has she written on invasive plants on Robinson Crusoe Island?")
    assert [c.title for c in answer.citations][:1] == ["Invasive plant thresholds on Robinson Crusoe Island"]
    assert assistant.understand("Which papers did she write with Robinson?").filters.author == "Andrew Robinson"


def test_an_area_named_in_parts_keeps_a_paper_on_any_one_part(tmp_path, embedder):
    """"plague mortality in Florence, quarantine of ships in Venetian ports, and dowries": the paper on dowries is
    on the area, though it shares one of the question's eight terms."""
    assistant = assistant_on(PLAGUE, tmp_path, embedder)
    question = "Summarise her work on plague mortality in Florence, quarantine of ships in Venetian ports, and dowries."
    assert len(assistant.understand(question, "summarize").presupposed) == 3
    cited = {c.title for c in assistant.ask(question, "summarize").citations}
    assert {"Plague mortality in Florence, 1348", "Quarantine in Venetian ports",
            "Notarial contracts and dowries in Siena"} <= cited
    assert "Plague saints and civic processions" not in cited


def test_spelling_out_initialisms_costs_work_linear_in_the_question(tmp_path, embedder):
    """A long project description full of small words ("of the network in the north of the country ...") is
    read in work proportional to its length: candidate initials are grown only while they may still begin one
    of the record's initialisms (each small word may give a letter or none, which would otherwise double them)."""
    assistant = assistant_on(PULMONOLOGY, tmp_path, embedder)
    reader = assistant.reader

    class Counting(dict):  # the candidates looked up among the record's initialisms
        checks = 0

        def __contains__(self, item):
            Counting.checks += 1
            return super().__contains__(item)

    reader.initialisms = Counting(reader.initialisms)
    words = ("the cost of care in the clinics of the north of the country and of the south of the region "
             "for the patients of the practices in the towns of the coast ") * 4
    question = f"My project studies chronic obstructive pulmonary disease and {words}."
    query = assistant.understand(question, "related-work")
    assert query.alternatives and "copd" in query.alternatives[0]
    assert Counting.checks < 40 * len(words.split())


def test_words_of_coauthor_names_are_topic_words_unless_written_as_names(tmp_path, embedder):
    """A group author ("North West TB Audit Group") or a co-author called Rice does not take "TB" or "rice" out
    of a question's topic; "Rice" written as a name is the co-author."""
    record = PULMONOLOGY.replace("author = {Varga, Anna and Costa, Rui},\n  journal = {International",
                                 "author = {Varga, Anna and {North West TB Audit Group} and Rice, Ella},\n"
                                 "  journal = {International")
    assistant = assistant_on(record, tmp_path, embedder)
    assert "tb" in assistant.understand("Which of her papers screen prisoners for TB?").salient
    assert "rice" in assistant.understand("Has she studied asthma in rice farmers?").salient
    assert "rice" not in assistant.understand("Which papers did she write with Rice?").salient


@pytest.mark.parametrize("question, refers", [
    ("When did that rate start to fall?", True),
    ("How was the screening done in that study?", True),
    ("Which of her papers are about inmates that had tuberculosis?", False),
])
def test_that_after_a_verb_or_preposition_points_back(tmp_path, embedder, question, refers):
    """"When did that rate fall" asks about the paper just talked about ("that" + noun after a verb or a
    preposition is a determiner); "inmates that had" opens a clause."""
    assistant = assistant_on(PULMONOLOGY, tmp_path, embedder)
    history = [{"role": "user", "content": "Anything on prisons?"},
               {"role": "assistant", "content": '"Tuberculosis screening in prisons" reports a rate.'}]
    query = assistant.understand(question, "ask", history)
    assert bool(query.referents) == refers
    if refers:
        assert [p.title for p in query.referents] == ["Tuberculosis screening in prisons"]


def test_a_term_is_held_by_its_word_with_a_prefix_of_place_or_time():
    """A paper on "prehospital triage" holds the question's "hospital",
    as one writing "pre-hospital" does; a short stem is not read inside a longer word ("serv" in "preserve")."""
    from assistant.lexical import tokenize

    papers = [Paper(title=title, abstract=abstract) for title, abstract in [
        ("Prehospital triage of stroke", "Paramedics triaged strokes before arrival."),
        ("Pre-hospital delays in stroke", "Delays before arrival at hospital."),
        ("Preserving brain tissue", "Cooling preserves tissue."),
        ("Serving rural hospitals", "Stroke units serve rural areas."),
    ]]
    judge = Judge(papers, np.zeros(5), Settings())
    assert [judge.holds(p, tokenize("hospital")) for p in papers] == [1, 1, 0, 1]
    assert [judge.holds(p, tokenize("serving")) for p in papers] == [0, 0, 0, 1]


GRAZING = r"""
@article{g1, title = {Sheep grazing and meadow flowers}, author = {Berg, Lena}, journal = {Oikos}, year = {2015},
  abstract = {Sheep grazing raised the number of flowering species in hay meadows.}}
@article{g2, title = {Soil carbon under pasture}, author = {Berg, Lena}, journal = {Geoderma}, year = {2017},
  abstract = {Carbon stocks of upland soils; plots in a grazed meadow and under forest were compared.}}
@article{g3, title = {Pollinators in orchards}, author = {Berg, Lena and Holm, Per}, journal = {Apidologie},
  year = {2019}, abstract = {Wild bees visited apple blossom more often next to hedgerows.}}
@article{g4, title = {Beetles of the meadow edge}, author = {Berg, Lena}, journal = {Insect Conservation},
  year = {2021}, abstract = {Ground beetles were counted along meadow margins; grazing by cattle lowered counts.}}
"""


def test_an_overview_keeps_papers_holding_every_term_however_low_their_score(tmp_path, embedder):
    """Retrieval drops papers scoring far below the best; in an overview a paper that holds every term of the
    question (two or more) stays, as the on-topic rule would keep it. A direct question keeps only the best."""
    assistant = assistant_on(GRAZING, tmp_path, embedder)
    assistant.settings.summarize_mode = ModeConfig(depth=10, keep=0.999, sure=0.6, share=0.5, max_cited=12)
    assistant.settings.ask_mode = ModeConfig(depth=10, keep=0.999, max_cited=4)
    overview = assistant.understand("Summarise her work on grazing in meadows.", "summarize")
    assert {h.paper.title for h in assistant.retrieve(overview)} == {
        "Sheep grazing and meadow flowers", "Soil carbon under pasture", "Beetles of the meadow edge"}
    direct = assistant.understand("What did she find on grazing in meadows?")
    assert len(assistant.retrieve(direct)) == 1


@pytest.mark.parametrize("question", [
    "Which of her studies look at kelp forests as well as sea urchins?",  # "look at", "as well as": wording
    "Which papers study seagrass meadows or sea otter foraging?",  # one side of "or" is enough
    "What has she found on mussels feeding against microplastics?",  # a preposition
])
def test_wording_and_one_side_of_or_do_not_make_a_near_miss(ecology, question):
    answer = ecology.ask(question)
    assert answer.status == "answered", answer.text


def test_one_side_of_or_does_not_spare_the_rest_of_the_question(ecology):
    """"the Hubble constant from time delays of lensed quasars or supernovae": "supernovae" held is one side of
    "quasars or supernovae", not of the whole question."""
    answer = ecology.ask("Has she estimated the carbon sequestration rate of kelp forests or sea urchins?")
    assert answer.status == "near_miss" and "carbon sequestration rate" in answer.text


def test_a_doctrine_and_its_adjective_are_one_term():
    """The stemmer leaves "autism" and "autistic" as "autism" and "autist"; the judge reads them as one."""
    from assistant.lexical import tokenize

    papers = [Paper(title="Word learning in autism", abstract="Toddlers with autism learned words."),
              Paper(title="Realist painting", abstract="A realist reading of portraits.")]
    judge = Judge(papers, np.zeros(5), Settings())
    assert judge.canonical(tokenize("autistic toddlers")) == ["autism", "toddler"]
    assert [judge.holds(p, tokenize("realism")) for p in papers] == [0, 1]
    assert [judge.holds(p, tokenize("autistic")) for p in papers] == [1, 0]


def test_a_noun_in_sis_and_its_verb_are_one_term():
    """The stemmer leaves "reanalysis" and "reanalyze" as "reanalysi" and "reanalyz", "hypothesis" and
    "hypothesize" as "hypothesi" and "hypothes"; the judge reads each pair as one."""
    from assistant.lexical import tokenize

    papers = [Paper(title="Oil and democracy", abstract="We reanalyze forty studies and hypothesize a late curse."),
              Paper(title="Ferry timetables", abstract="A reanalysis of ferry timetables tests one hypothesis.")]
    judge = Judge(papers, np.zeros(5), Settings())
    assert [judge.holds(p, tokenize("reanalysis hypothesis")) for p in papers] == [2, 2]
    assert [judge.holds(p, tokenize("reanalyzed hypothesized")) for p in papers] == [2, 2]


HYDROLOGY = r"""
@article{w1, title = {AquaNet: A platform for groundwater and surface water management in cities},
  author = {Novak, Eva and Horvat, Jan}, journal = {Water}, year = {2018},
  abstract = {The AquaNet project links groundwater and surface water monitoring in one platform for city planners.}}
@article{w2, title = {Smart water analytics for small towns}, author = {Novak, Eva}, journal = {Sensors},
  year = {2019}, abstract = {A data-mining stack for smart water management, developed within the AquaNet project,
  was tested on an island and in a capital city.}}
@article{w3, title = {Flood warnings from river gauges}, author = {Novak, Eva}, journal = {Journal of Hydrology},
  year = {2020}, abstract = {River gauges gave flood warnings six hours ahead.}}
"""


def test_a_project_name_names_every_paper_from_the_project(tmp_path, embedder):
    """"the AquaNet project" names the paper titled with it and the one "developed within the AquaNet project";
    the name of a system alone ("How does AquaNet link ...") names its own paper."""
    assistant = assistant_on(HYDROLOGY, tmp_path, embedder)
    project = {"AquaNet: A platform for groundwater and surface water management in cities",
               "Smart water analytics for small towns"}
    assert {p.title for p in assistant.understand("What came out of the AquaNet project?").named} == project
    assert {c.title for c in assistant.ask("What came out of the AquaNet project?").citations} == project
    assert [p.title for p in assistant.understand("How does AquaNet link groundwater data?").named] == [
        "AquaNet: A platform for groundwater and surface water management in cities"]


REEFS = r"""
@inproceedings{r1, title = {Reef Watch Surveys: A citizen science project to map coral bleaching},
  author = {Tane, Mere and Kahu, Ari}, booktitle = {Pacific Marine Science Meeting}, year = {2019},
  abstract = {Reef Watch: Surveys, a new citizen science project to find}}
@article{r2, title = {Reef Watch: Surveys -- Bleaching hotspots outside marine parks}, author = {Kahu, Ari and Tane, Mere},
  journal = {Coral Reefs}, year = {2021}, abstract = {Volunteers of Reef Watch: Surveys logged bleaching on 40 dives
  covering 12% of the lagoon. Hotspots lay outside the marine parks.}}
@article{r3, title = {Reef Watch: Fish counts by snorkellers}, author = {Tane, Mere}, journal = {Marine Biology},
  year = {2020}, abstract = {Snorkellers counted parrotfish on transects.}}
@article{r4, title = {Reef Watch: Sea-grass meadows from drones}, author = {Tane, Mere}, journal = {Marine Biology},
  year = {2022}, abstract = {Drone images mapped sea-grass meadows.}}
@article{r5, title = {Reef Watch: Ten years of volunteers}, author = {Tane, Mere}, journal = {Marine Policy},
  year = {2023}, abstract = {Volunteers stayed with the programme for four years on average.}}
"""


def test_a_system_name_another_title_writes_too_names_both_papers(tmp_path, embedder):
    """"the Reef Watch: Surveys mapping of hotspots" names both Reef Watch Surveys papers, the one whose title starts
    "Reef Watch: Surveys -- ..." too (not only the one whose name before the colon is the whole phrase), so the
    answer can quote the figure; the other Reef Watch papers are not named."""
    assistant = assistant_on(REEFS, tmp_path, embedder)
    question = "In the Reef Watch: Surveys mapping of bleaching hotspots, how many dives were made?"
    named = {p.title for p in assistant.understand(question).named}
    assert named == {"Reef Watch Surveys: A citizen science project to map coral bleaching",
                     "Reef Watch: Surveys \u2013 Bleaching hotspots outside marine parks"}
    assert "40 dives" in assistant.ask(question).text

def test_one_person_with_and_without_a_second_surname_and_with_initials_run_together():
    """"Alejandra Ruiz Ortega" and "Alejandra Ruiz-Ortega" are the "Alejandra Ruiz" of the other papers (a Spanish
    name cut short), "KO Mensah" is "Kofi O. Mensah"; two people on one paper ("Ana Silva", "Ana Silva Costa") and
    an all-capitals given name ("YU LI", not "Y. U. Li") stay apart."""
    papers = [Paper(f"P{i}", authors=a) for i, a in enumerate([
        ["Alejandra Ruiz", "Kofi O. Mensah"], ["Alejandra Ruiz Ortega", "KO Mensah"], ["Alejandra Ruiz-Ortega"],
        ["Alejandra Ruiz", "Ana Silva", "Ana Silva Costa"], ["Alejandra Ruiz", "YU LI", "Yi Li"]])]
    people = People(papers)
    assert people.owner is not None and people.owner.papers == 5
    assert people.find("Alejandra Ruiz-Ortega") is people.owner
    assert people.find("Kofi Mensah").papers == 2
    assert people.find("Ana Silva Costa") is not people.find("Ana Silva")
    assert people.find("Yi Li") is not people.of("YU LI")


def test_her_latest_papers_are_those_of_her_latest_year(ecology):
    """Asked for one end in the plural, with no number, the answer is that year's papers when it has several;
    a year with one paper gives the few nearest."""
    latest = ecology.ask("What are her latest papers?")
    assert latest.text.startswith("The most recent year in the record is 2024, with 2 papers")
    assert {c.title for c in latest.citations} == {"Microplastic Ingestion by Coastal Filter Feeders",
                                                   "Restoring Oyster Reefs with Recycled Shell Substrate"}
    assert ecology.ask("What are her earliest papers?").text.startswith("The 5 earliest papers in the record")


CROPS = r"""
@article{c1, title = {Chapter 3: Soil Tillage and Crop Residues}, author = {Moreira, Luiza}, journal = {Soil Handbook},
  year = {2016}, abstract = {No-till kept more crop residue on the soil surface than disc tillage.}}
@article{c2, title = {Experimental variation in soybean yield trials}, author = {Moreira, Luiza},
  journal = {Field Crops Research}, year = {2019},
  abstract = {The coefficient of variation (CV) of 812 soybean trials was compiled. A lognormal distribution described the CV best. Two hundred and forty plots are sufficient to estimate the mean yield.}}
@article{c3, title = {Nitrogen timing in maize}, author = {Moreira, Luiza}, journal = {Agronomy Journal},
  year = {2021}, abstract = {Splitting nitrogen raised maize yield by 9 percent.}}
"""


def test_a_venue_with_the_paper_asked_of_initialism_plurals_and_counts_in_words(tmp_path, embedder):
    """"in the Field Crops Research article" is a venue and the paper, not "the ... article" about a topic;
    "CVs" is the record's "CV"; "Two hundred and forty plots" answers "how many plots"; "Chapter 3" is no
    name for a chapter."""
    assistant = assistant_on(CROPS, tmp_path, embedder)
    question = ("How was the yield put to the test in the Field Crops Research article, and which distribution "
                "described those CVs best?")
    query = assistant.understand(question)
    assert query.filters.venue == "Field Crops Research" and query.presupposed == []
    answer = assistant.ask(question)
    assert answer.status == "answered" and "lognormal distribution" in answer.text
    counted = assistant.ask("In the soybean trials, how many plots are enough to estimate the mean yield?")
    assert "Two hundred and forty plots are sufficient" in counted.text
    from assistant.compose import counted_terms, counts

    assert counts("Two hundred and forty plots are sufficient.", counted_terms("how many plots are enough"))
    assert Paper(title="Chapter 3: Soil Tillage and Crop Residues").system_name == ""
    assert Paper(title="Nimbus: Fast cloud storage").system_name == "Nimbus"


SEMICONDUCTORS = r"""
@article{s1, title = {Sodium and defects in CuInSe 2 epilayers}, author = {Varga, Ilona}, journal = {Journal of Applied Physics},
  year = {2000}, abstract = {Sodium acts as a surfactant during the growth of CuInSe <sub>2</sub> on GaAs by molecular beam epitaxy.}}
@article{s2, title = {Carrier lifetimes in ordered In 0.53 Ga 0.47 As}, author = {Varga, Ilona}, journal = {Applied Physics Letters},
  year = {1996}, abstract = {Excess carrier lifetimes in ordered and disordered films lattice-matched to InP were measured.}}
@article{s3, title = {Composition modulation in ZnSe 1-x Te x films}, author = {Varga, Ilona}, journal = {Physical Review B},
  year = {1997}, abstract = {Electron diffraction simulations gave a modulation amplitude of 0.18 in the strongest films.}}
@article{s4, title = {Grain growth in germanium films}, author = {Varga, Ilona}, journal = {Thin Solid Films},
  year = {1998}, abstract = {The. Germanium films on glass grew larger grains with an antimony layer.}}
"""


@pytest.mark.parametrize("question, title", [
    ("Which paper argues that sodium acts as a surfactant when CuInSe2 is grown on GaAs?",
     "Sodium and defects in CuInSe 2 epilayers"),
    ("Which paper measures carrier lifetimes in ordered InGaAs?", "Carrier lifetimes in ordered In 0.53 Ga 0.47 As"),
    ("What modulation amplitude did the simulations give for the ZnSeTe films?",
     "Composition modulation in ZnSe 1-x Te x films"),
])
def test_a_chemical_formula_is_known_however_the_record_writes_it(tmp_path, embedder, question, title):
    """"CuInSe2" is the record's "CuInSe 2" and "CuInSe <sub>2</sub>", "InGaAs" its "In 0.53 Ga 0.47 As", "ZnSeTe" its
    "ZnSe 1-x Te x": none is said to be absent, and the paper answers."""
    assistant = assistant_on(SEMICONDUCTORS, tmp_path, embedder)
    answer = assistant.ask(question)
    assert answer.status == "answered", answer.text[:200]
    assert answer.citations[0].title == title


def test_formulas_are_told_from_acronyms_and_words():
    from assistant.lexical import formula_terms

    assert formula_terms("In 0.53 Ga 0.47 As and Ga <sub>0.47</sub> In <sub>0.53</sub> As") == {"ingaa", "gaina"}
    assert formula_terms("HIV and COVID-19 in Nature; In As a result, we used Si and Ge.") == set()
    from assistant.compose import split_sentences

    assert split_sentences("The. Germanium films grew. Grains were larger.") == [
        "The. Germanium films grew.", "Grains were larger."]


def test_a_surname_the_owner_shares_with_a_co_author_means_the_owner():
    """"Ortiz" in Ana Ortiz's record is she, though a Luis Ortiz co-authors two papers; a surname two co-authors
    share names neither."""
    papers = [Paper(f"P{i}", authors=a) for i, a in enumerate([
        ["Ana Ortiz", "Luis Ortiz", "Mei Chen"], ["Ana Ortiz", "Luis Ortiz", "Wei Chen"], ["Ana Ortiz"], ["Ana Ortiz"]])]
    people = People(papers)
    assert [p.name for _, _, p in people.mentions("On which papers is Ortiz the first author?")] == ["Ana Ortiz"]
    assert people.mentions("Which papers did Chen write with her?") == []


def test_last_authors_phrasal_verbs_and_venues_named_inside_longer_ones(ecology):
    """"the last author" is a filter as "the first author" is; "came out of" is how a question is put, not a
    subject the record lacks; a series named inside the record's venue ("the European Coral Reef Symposium")
    is that venue, and a journal the record lacks, named after "the journal", has no papers."""
    last = ecology.ask("Which papers list her as the last author?")
    assert last.route == "metadata" and {c.title for c in last.citations} == {
        "Passive Acoustic Monitoring of Dolphin Foraging", "Microplastic Ingestion by Coastal Filter Feeders"}
    senior = ecology.ask("On which papers is Ana Silva the senior author?")
    assert {c.title for c in senior.citations} == {"Kelp Forest Decline Along the Northern Iberian Coast",
                                                   "Sea Urchin Barrens and Predator Recovery in Marine Reserves"}
    assert ecology.ask("Which of her papers came out of the work in marine reserves?").status == "answered"
    symposium = ecology.ask("Which of her papers were presented at the European Coral Reef Symposium?")
    assert symposium.route == "metadata" and len(symposium.citations) == 2
    absent = ecology.ask("Which of her papers appeared in the journal Nature Climate Change?")
    assert absent.text.startswith("The record holds no papers at Nature Climate Change")
    assert ecology.ask("What did the kelp paper report about canopy cover?").route != "metadata"


def test_an_apostrophe_in_a_name():
    papers = [Paper("P1", authors=["Ana Ortiz", "Jen’nan Ghazal Read"]), Paper("P2", authors=["Ana Ortiz"])]
    (mention,) = People(papers).mentions("Which papers did he write with Jen'nan Read?")
    assert mention[2].name == "Jen’nan Ghazal Read"


DAIRY = r"""
@article{leduc2019esterase,
  title = {Accuracy of the Leukocyte Esterase Test and Vaginal Discharge Score for Diagnosing Uterine Disease in Dairy Cows},
  author = {Leduc, Camille and Hart, Jonas},
  journal = {Preventive Veterinary Medicine},
  year = {2019},
  abstract = {Uterine disease after calving is common in dairy cows. We sampled 1480 cows from 31 herds between 21 and 35 days in milk. A Bayesian latent class model estimated the sensitivity of the esterase strip at 71 percent and that of the vaginal discharge score at 55 percent.}
}
@article{leduc2021coxiella,
  title = {Shedding of Coxiella burnetii in Post-Partum Dairy Cows},
  author = {Hart, Jonas and Leduc, Camille},
  journal = {Preventive Veterinary Medicine},
  year = {2021},
  abstract = {We tested milk and vaginal swabs of 600 post-partum cows for Coxiella burnetii. Shedding was found in 9 percent of cows and was not associated with metritis.}
}
@article{leduc2016heat,
  title = {Heat Detection With Leg-Mounted Pedometers},
  author = {Leduc, Camille and Moreau, Paul},
  journal = {Journal of Animal Reproduction},
  year = {2016},
  abstract = {Pedometers attached to the leg recorded steps of 210 cows. Step counts rose by 250 percent around oestrus, and alerts agreed with progesterone profiles in 88 percent of cases.}
}
@article{leduc2018ketosis,
  title = {Blood Ketones Before Calving in Grazing Herds},
  author = {Leduc, Camille and Moreau, Paul and Hart, Jonas},
  journal = {Journal of Animal Reproduction: Cattle},
  year = {2018},
  abstract = {Beta-hydroxybutyrate was measured in 412 cows on pasture in the three weeks before calving. Concentrations above 0.8 mmol/L doubled the odds of displaced abomasum.}
}
"""


@pytest.fixture(scope="module")
def dairy(tmp_path_factory, embedder):
    return assistant_on(DAIRY, tmp_path_factory.mktemp("dairy"), embedder)


@pytest.mark.parametrize("question", [
    "Which of her papers were published in Prev Vet Med (Preventive Veterinary Medicine)?",
    "Which papers appeared in Preventive Veterinary Medicine (Prev. Vet. Med.)?"])
def test_a_venue_given_with_its_abbreviation_in_brackets(dairy, question):
    answer = dairy.ask(question)
    assert answer.route == "metadata" and {c.title for c in answer.citations} == {
        "Accuracy of the Leukocyte Esterase Test and Vaginal Discharge Score for Diagnosing Uterine Disease in Dairy Cows",
        "Shedding of Coxiella burnetii in Post-Partum Dairy Cows"}


def test_a_journal_includes_its_sections_after_a_colon(dairy):
    answer = dairy.ask("Which of her papers were published in the Journal of Animal Reproduction?")
    assert {c.title for c in answer.citations} == {"Heat Detection With Leg-Mounted Pedometers",
                                                   "Blood Ketones Before Calving in Grazing Herds"}


def test_a_score_in_the_topic_is_no_score_field_where_the_record_has_none(dairy):
    answer = dairy.ask("In the study of the esterase test and vaginal discharge score, how many cows were sampled?")
    assert "no score" not in answer.text and "1480 cows" in answer.text


POLICE = r"""
@article{ames2019rhetoric,
  title = {The Rhetoric of De-Policing in Officers' Survey Answers},
  author = {Ames, Ivo and Morton, Dale},
  journal = {Policing},
  year = {2019},
  abstract = {We read 1200 free-text survey answers from officers. Attention to professionalism guards against de-policing, while perceived unfair criticism raises the propensity to de-police.}
}
@article{ames2020cameras,
  title = {Body-Worn Cameras and Citizen Complaints},
  author = {Ames, Ivo},
  journal = {Policing and Society},
  year = {2020},
  abstract = {Complaints fell by 30 percent in the year after 400 officers were given body-worn cameras.}
}
@article{ames2021dispatch,
  title = {Burnout Among Emergency Dispatchers},
  author = {Morton, Dale and Ames, Ivo},
  journal = {Policing},
  year = {2021},
  abstract = {A survey of 290 dispatchers linked discomfort with scripted protocols to emotional exhaustion.}
}
@article{ames2023reply,
  title = {Measuring De-Policing: A Reply to Carter and Lane},
  author = {Ames, Ivo and Morton, Dale},
  journal = {Justice Quarterly},
  year = {2023},
  abstract = {Carter and Lane claim that self-reports cannot measure de-policing. We show that they agree with stop records.}
}
@phdthesis{morton2018thesis,
  title = {Emotional Labor in Police Dispatch Centres},
  author = {Morton, Dale},
  school = {Utah State University},
  year = {2018},
  abstract = {A thesis on emotional labor among dispatchers, supervised by the author of the other papers.}
}
@article{ames2022force,
  title = {Short Note: Use-of-Force Reviews Should Be Public},
  author = {Ames, Ivo},
  journal = {Criminology and Public Policy},
  year = {2022},
  abstract = {We argue that reviews of police use of force should be published in full.}
}
"""


@pytest.fixture(scope="module")
def police(tmp_path_factory, embedder):
    return assistant_on(POLICE, tmp_path_factory.mktemp("police"), embedder)


def test_a_one_word_venue_inside_a_hyphenated_word_is_no_venue(police):
    assert police.understand("In the de-policing paper, what guards against de-policing?").filters.venue == ""
    answer = police.ask("In the de-policing paper, what guards against de-policing?")
    assert "professionalism" in answer.text


def test_a_venue_set_aside_with_not_counting(police):
    answer = police.ask("How many of his papers are in Policing, not counting Policing and Society?")
    assert answer.route == "metadata" and {c.title for c in answer.citations} == {
        "The Rhetoric of De-Policing in Officers' Survey Answers", "Burnout Among Emergency Dispatchers"}


@pytest.mark.parametrize("question", ["Which works in the record are single-authored?",
                                      "Which works in the record have a single author?",
                                      "Which of the papers has only one author?"])
def test_sole_authored_papers_however_asked(police, question):
    assert {c.title for c in police.ask(question).citations} == {
        "Body-Worn Cameras and Citizen Complaints", "Short Note: Use-of-Force Reviews Should Be Public",
        "Emotional Labor in Police Dispatch Centres"}


def test_a_nickname_of_a_full_name_spelled_without_its_h():
    assert name_matches("Tony Hosking", "Antony L. Hosking") and name_matches("Tony Hosking", "Anthony Hosking")
    assert not name_matches("Tony Hosking", "Andrew Hosking")
    people = People([Paper("Barriers", authors=["Antony L. Hosking", "Xi Yang"]), Paper("GC", authors=["A. Hosking"])])
    question = "What did Tony Hosking and colleagues measure?"
    [(start, end, person)] = people.mentions(question)
    assert question[start:end] == "Tony Hosking" and person is people.owner


def test_co_authored_papers_leave_out_the_sole_authored(police):
    answer = police.ask("On which co-authored papers is Ivo Ames listed first?")
    assert {c.title for c in answer.citations} == {"The Rhetoric of De-Policing in Officers' Survey Answers",
                                                   "Measuring De-Policing: A Reply to Carter and Lane"}
    assert len(police.ask("On which papers is Ivo Ames listed first?").citations) == 4


def test_which_journal_asks_for_the_venue_of_a_reply(police):
    assert "appeared in Justice Quarterly" in police.ask("Which journal published his reply to Carter and Lane?").text


def test_a_piece_that_argues_and_a_study_described_by_what_it_does(police):
    answer = police.ask("Which piece argues that reviews of police use of force should be published in full?")
    assert answer.status == "answered" and [c.title for c in answer.citations] == [
        "Short Note: Use-of-Force Reviews Should Be Public"]
    answer = police.ask("Where was the study reading free-text survey answers from officers published?")
    assert "appeared in Policing" in answer.text


def test_the_venue_of_a_short_piece_described_by_its_argument(police):
    answer = police.ask("Where did his short piece arguing that use-of-force reviews should be public appear?")
    assert "appeared in Criminology and Public Policy" in answer.text


SYNTAX = r"""
@article{alm2013sample,
  title = {Informal and Formal Judgments on a Random Sample from Linguistic Inquiry 2001--2010},
  author = {Almada, Dora and Sprague, Jon},
  journal = {Lingua},
  year = {2013},
  abstract = {We tested 296 data points sampled from Linguistic Inquiry and found 95 percent convergence between informal and formal judgments.}
}
@article{alm2015islands,
  title = {Island Effects in Brazilian Portuguese},
  author = {Almada, Dora},
  journal = {Linguistic Inquiry},
  year = {2015},
  abstract = {Acceptability experiments with 120 speakers show island effects for relative clauses.}
}
@article{alm2017arabic,
  title = {Agreement Attraction in Arabic},
  author = {Almada, Dora and Tucker, Matt},
  journal = {Glossa},
  year = {2017},
  abstract = {Distributional analyses of reading times show agreement attraction in Arabic.}
}
"""


def test_a_journal_and_years_a_paper_studies_are_its_topic_not_filters(tmp_path, embedder):
    syntax = assistant_on(SYNTAX, tmp_path, embedder)
    answer = syntax.ask("How many data points from Linguistic Inquiry 2001-2010 were tested in the comparison of "
                        "informal and formal judgments?")
    assert "296 data points" in answer.text
    assert [c.title for c in answer.citations] == [
        "Informal and Formal Judgments on a Random Sample from Linguistic Inquiry 2001–2010"]


def test_years_said_of_what_a_paper_counted_and_alone_said_of_a_drug(tmp_path, embedder):
    record = r"""
@article{a, title = {A systematic review of grazing trials on dairy farms}, author = {Lund, Pia}, year = {2015},
  abstract = {We found 82 grazing trials. Of these, 56% were published before 2000, and few reported milk yield.}}
@article{b, title = {Cephapirin for endometritis in dairy cows}, author = {Lund, Pia and Roy, Marc}, year = {2018},
  abstract = {A randomized trial of intrauterine cephapirin, alone or in combination with prostaglandin.}}
@article{c, title = {Lameness scores in pasture herds}, author = {Lund, Pia}, year = {2019},
  abstract = {Locomotion was scored in 40 herds.}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    # "before 2000" is when the trials it counted came out, not a filter on her papers (all later)
    answer = assistant.ask("How many grazing trials did her systematic review find, and what share of them were "
                           "published before 2000?")
    assert answer.citations[0].title == "A systematic review of grazing trials on dairy farms" and "56%" in answer.text
    # "alone or in combination" is said of a drug, not of who wrote the paper
    query = assistant.understand("What has she published on cephapirin for endometritis, alone or in combination?")
    assert query.filters.authors_count is None
    assert assistant.understand("Which papers did she write alone?").filters.authors_count == 1


def test_two_words_the_record_writes_as_one(tmp_path, embedder):
    record = r"""
@article{a, title = {First Results of the PlanetFour Citizen Science Project}, author = {Aye, Klaus}, year = {2013},
  abstract = {Volunteers marked seasonal fans on Mars in HiRISE images.}}
@article{b, title = {Probing Springtime Winds on Mars with Planet Four}, author = {Aye, Klaus}, year = {2019},
  abstract = {Fans mapped by volunteers trace wind directions at the south pole.}}
@article{c, title = {Seasonal Polar Temperatures on the Moon}, author = {Aye, Klaus}, year = {2018},
  abstract = {Diviner radiometer data show the lunar polar temperatures over a year.}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    answer = assistant.ask("Give me an overview of his work on the Planet Four citizen science project.", "summarize")
    assert {c.title for c in answer.citations} == {"First Results of the PlanetFour Citizen Science Project",
                                                   "Probing Springtime Winds on Mars with Planet Four"}
    query = assistant.understand("Which papers describe the Planet Four project?")
    joined = next(p for p in assistant.library.papers if "PlanetFour" in p.title)
    assert assistant.judge.coverage(query.salient, joined, query.alternatives) == 1.0


def test_an_ampersand_acronym_the_venue_gives_and_a_title_that_shares_another_papers_name(tmp_path, embedder):
    record = r"""
@inproceedings{a, title = {GaugeNet: A Sensor Network for Alpine Rivers}, author = {Roth, Lea and Maier, Jon},
  booktitle = {12th Symposium on Rivers and Lakes ({R\&L})}, year = {2019},
  abstract = {Forty stream gauges report water levels over a radio mesh.}}
@inproceedings{b, title = {GaugeNet: An Open Archive of River Levels}, author = {Roth, Lea},
  booktitle = {3rd European Symposium on Rivers and Lakes (EuroR\&L)}, year = {2023},
  abstract = {Ten years of gauge readings are released with their calibration.}}
@article{c, title = {Sediment transport in braided channels}, author = {Roth, Lea}, journal = {Water Resources Research},
  year = {2021}, abstract = {Flume runs measured bedload in braided channels.}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    # "R&L" is the short name the venue gives itself in brackets, not its initials, and not "EuroR&L"; a gloss in
    # brackets after it goes with it
    for question in ("Which of her papers appeared at R&L?", "Which of her papers appeared at R&L (Lucerne)?"):
        answer = assistant.ask(question)
        assert answer.route == "metadata"
        assert [c.title for c in answer.citations] == ["GaugeNet: A Sensor Network for Alpine Rivers"]
    # the title written whole names that paper, not the other one called GaugeNet
    history = [{"role": "user", "content": "Which paper introduced the gauge network?"},
               {"role": "assistant", "content": 'That is "GaugeNet: A Sensor Network for Alpine Rivers".'}]
    answer = assistant.ask("Where and in which year was it published?", history=history)
    assert [c.title for c in answer.citations] == ["GaugeNet: A Sensor Network for Alpine Rivers"]


def test_papers_about_a_named_system_are_every_paper_using_its_name(tmp_path, embedder):
    record = r"""
@article{a, title = {KelpWatch: Mapping Kelp Canopy from Satellites}, author = {Moreno, Ines}, year = {2018},
  journal = {Remote Sensing of Environment}, abstract = {Landsat scenes give the extent of giant kelp canopy each season.}}
@article{b, title = {KelpWatch-2: Extending the Canopy Record to Tasmania}, author = {Moreno, Ines}, year = {2021},
  journal = {Marine Ecology Progress Series}, abstract = {The archive now covers southern Australian coasts.}}
@article{c, title = {Volunteer Divers and Reef Monitoring}, author = {Moreno, Ines}, year = {2022},
  journal = {Ocean and Coastal Management}, abstract = {Divers trained for KelpWatch checked the satellite estimates.}}
@article{d, title = {Sea urchin grazing on rocky reefs}, author = {Moreno, Ines}, year = {2016},
  journal = {Ecology}, abstract = {Urchin barrens spread where predators were fished out.}}
@article{e, title = {Otolith chemistry of juvenile rockfish}, author = {Moreno, Ines}, year = {2015},
  journal = {Fisheries Research}, abstract = {Strontium ratios told nursery habitats apart.}}
@article{f, title = {Marine heatwaves and canopy loss}, author = {Moreno, Ines}, year = {2023},
  journal = {Global Change Biology}, abstract = {Canopy loss followed the 2014 heatwave along the coast.}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    using = {"KelpWatch: Mapping Kelp Canopy from Satellites", "KelpWatch-2: Extending the Canopy Record to Tasmania",
             "Volunteer Divers and Reef Monitoring"}
    answer = assistant.ask("Which of her papers are about the KelpWatch survey?")
    assert {c.title for c in answer.citations} == using
    # a paper the question names stays in an overview, though it shares none of the area's other words
    answer = assistant.ask("Give me an overview of her work on canopy loss such as KelpWatch.", "summarize")
    assert using <= {c.title for c in answer.citations}


def test_a_list_asked_by_a_titles_words_keeps_the_papers_using_its_rarest_word(tmp_path, embedder):
    record = r"""
@article{a, title = {Drought tolerance of Quercus suber seedlings: evidence and implications}, author = {Costa, Rui},
  year = {2012}, journal = {Tree Physiology}, abstract = {Cork oak seedlings kept their leaves through a dry summer.}}
@article{b, title = {Hydraulic failure in cork oak under drought}, author = {Costa, Rui}, year = {2014},
  journal = {Plant, Cell and Environment}, abstract = {Quercus suber stems lost conductance below -3 MPa.}}
@article{c, title = {Drought tolerance of Pinus pinea seedlings}, author = {Costa, Rui}, year = {2015},
  journal = {Forest Ecology and Management}, abstract = {Stone pine seedlings closed stomata early in drought.}}
@article{d, title = {Drought tolerance of olive cultivars}, author = {Costa, Rui}, year = {2016},
  journal = {Agricultural Water Management}, abstract = {Seedlings of six olive cultivars were kept dry for a month.}}
@article{e, title = {Seedling evidence from drought experiments in Eucalyptus}, author = {Costa, Rui}, year = {2018},
  journal = {New Forests}, abstract = {Drought tolerance of eucalypt seedlings varied with provenance.}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    # the words of the first title name it; "Quercus suber" is what sets it apart, and the other paper on the tree
    # belongs to the list, not the other seedling drought papers
    answer = assistant.ask("Which of his papers deal with drought tolerance of Quercus suber seedlings?")
    assert {c.title for c in answer.citations} == {
        "Drought tolerance of Quercus suber seedlings: evidence and implications",
        "Hydraulic failure in cork oak under drought"}


def test_a_kind_of_work_the_record_names_only_in_its_venues_is_counted(tmp_path, embedder):
    record = r"""
@misc{a, title = {Minimum wages and teen employment in border counties}, author = {Okafor, Ada}, year = {2015},
  howpublished = {IZA Discussion Paper No. 9021}, abstract = {Counties across state lines are compared.}}
@misc{b, title = {Remittances and school enrolment in Nigeria}, author = {Okafor, Ada}, year = {2017},
  howpublished = {IZA Discussion Paper No. 10442}, abstract = {Remittances raised enrolment of girls.}}
@misc{c, title = {Review of The Great Escape by Angus Deaton}, author = {Okafor, Ada}, year = {2014},
  howpublished = {Book review, Economic Journal}, abstract = {A review of a book on health and wealth.}}
@article{d, title = {Mobile money and household savings}, author = {Okafor, Ada and Bello, Sani}, year = {2019},
  journal = {Journal of Development Economics}, abstract = {Mobile money raised savings in rural Kenya.}}
@article{e, title = {Letters of credit and exporters}, author = {Okafor, Ada}, year = {2020},
  journal = {Economics Letters}, abstract = {Letters of credit help small exporters.}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    answer = assistant.ask("How many discussion papers has she written?")
    assert answer.route == "metadata" and re.search(r"\b2 papers\b", answer.text)
    assert {c.title for c in answer.citations} == {"Minimum wages and teen employment in border counties",
                                                   "Remittances and school enrolment in Nigeria"}
    answer = assistant.ask("Which book reviews did she write?")
    assert [c.title for c in answer.citations] == ["Review of The Great Escape by Angus Deaton"]
    # a word for any work, or a journal's name, says nothing of the kind
    answer = assistant.ask("How many papers has she written?")
    assert re.search(r"\b5 papers\b", answer.text)
    assert assistant.understand("Which letters did she write?").filters.piece == ""
    # what a paper counted is no kind of the owner's work
    assert assistant.understand("How many discussion papers were reviewed in the mobile money study?").filters.piece == ""
    assert assistant.understand("Which journals did she publish in?").filters.piece == ""


def test_a_long_question_about_a_thing_the_researcher_lacks_is_a_near_miss(tmp_path, embedder):
    record = r"""
@article{a, title = {Wheat stripe rust forecasting from weather data}, author = {Haile, Mekdes}, year = {2019},
  journal = {Plant Disease}, abstract = {A logistic model predicted stripe rust epidemics from dew and temperature with
  82 percent accuracy across 40 field trials in the Ethiopian highlands.}}
@article{b, title = {Resistance genes to stem rust in durum wheat landraces}, author = {Haile, Mekdes}, year = {2021},
  journal = {Theoretical and Applied Genetics}, abstract = {Seedling tests found Sr13 in 12 of 300 landraces.}}
@article{c, title = {Fungicide timing for septoria leaf blotch}, author = {Haile, Mekdes}, year = {2022},
  journal = {Crop Protection}, abstract = {A single spray at flag leaf emergence cut yield loss by half.}}
@article{d, title = {Smartphone images for scoring wheat rust}, author = {Haile, Mekdes}, year = {2023},
  journal = {Plant Methods}, abstract = {A deep learning classifier scored rust severity from leaf photographs with 91
  percent accuracy, close to trained raters.}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    # seven terms: too many for every rare word to count, but "spectroradiometer" is said of a thing she is taken to have
    answer = assistant.ask("What accuracy did her deep-learning spectroradiometer classifier reach for wheat rust?")
    assert answer.status == "near_miss" and "spectroradiometer" in answer.text.splitlines()[0]
    # "her papers" are the record's: a rare word describing one of them is a paraphrase
    answer = assistant.ask("Which of her papers forecasts epidemics of the wheat rust pathogen meteorologically from dew?")
    assert answer.status == "answered"
    assert answer.citations[0].title == "Wheat stripe rust forecasting from weather data"


def test_what_is_asked_before_a_described_paper_is_the_slot(tmp_path, embedder):
    record = r"""
@techreport{a, title = {Thinning trials in upland spruce: ten-year results}, author = {Berg, Ola and Lind, Maja and Falk, Per},
  institution = {Forest Research Institute}, year = {2019},
  abstract = {Results of thinning trials show that early thinning raised diameter growth by 14 percent.}}
@article{b, title = {Root rot in Norway spruce stands}, author = {Berg, Ola}, journal = {Forest Ecology and Management},
  year = {2020}, abstract = {Heterobasidion infections were mapped in 60 stands.}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    # "results" describes the report; the question asks who wrote it
    answer = assistant.ask("Who were his co-authors on the report about the upland spruce thinning results?")
    assert "Maja Lind" in answer.text and "Per Falk" in answer.text


def test_an_initialism_whose_capitals_start_words_the_record_writes_out(tmp_path, embedder):
    record = r"""
@article{a, title = {A prototype time projection chamber for neutrino detection}, author = {Okafor, Ada}, year = {2020},
  journal = {Journal of Instrumentation}, abstract = {The chamber holds 300 litres of liquid argon read out by 960 wires.}}
@article{b, title = {Cosmic muon rates underground}, author = {Okafor, Ada}, year = {2018},
  journal = {Astroparticle Physics}, abstract = {Muon fluxes were measured at three depths in a mine.}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    # "LAr" is "liquid argon", capitals starting its words: no name the record lacks
    answer = assistant.ask("How many wires read out the LAr chamber in the prototype?")
    assert answer.status == "answered" and "960 wires" in answer.text


def test_works_the_owner_wrote_alone_leave_out_her_students_theses(tmp_path, embedder):
    record = r"""
@article{a, title = {Glacial erratics of the Jura}, author = {Brunner, Eva}, journal = {Boreas}, year = {2012},
  abstract = {Erratic boulders were dated by exposure ages.}}
@article{b, title = {Moraine ages in the Alps}, author = {Brunner, Eva and Keller, Tim}, journal = {Quaternary Science Reviews},
  year = {2015}, abstract = {Moraines were dated with beryllium-10.}}
@phdthesis{c, title = {Exposure dating of Alpine moraines}, author = {Keller, Tim}, school = {University of Bern}, year = {2016},
  abstract = {The thesis dates moraines in three valleys.}}
@article{d, title = {Loess records of the last glacial}, author = {Brunner, Eva}, journal = {Geology}, year = {2018},
  abstract = {Loess sections record dust flux.}}
@article{e, title = {Cave ice as a climate archive}, author = {Brunner, Eva and Roth, Lea}, journal = {The Cryosphere},
  year = {2020}, abstract = {Cave ice layers hold pollen.}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    answer = assistant.ask("Which works did she write alone?")
    # Tim Keller, her co-author, wrote the thesis: a sole-authored work in her record that is not hers
    assert {c.title for c in answer.citations} == {"Glacial erratics of the Jura", "Loess records of the last glacial"}
    answer = assistant.ask("Which works did Tim Keller write alone?")
    assert [c.title for c in answer.citations] == ["Exposure dating of Alpine moraines"]


def test_a_workshop_held_at_a_conference_is_not_the_conference(tmp_path, embedder):
    record = r"""
@inproceedings{a, title = {Cadence detection in Baroque sonatas}, author = {Adler, Nina}, year = {2019},
  booktitle = {Proceedings of the 20th International Society for Music Information Retrieval Conference (ISMIR)},
  abstract = {Cadences were found with a sequence model.}}
@inproceedings{b, title = {Modal profiles of Portuguese fado}, author = {Adler, Nina}, year = {2020},
  booktitle = {ISMIR Workshop on Folk Music Analysis}, abstract = {Fado melodies were profiled by mode.}}
@inproceedings{c, title = {Chord annotations of Corelli trio sonatas}, author = {Adler, Nina}, year = {2021},
  booktitle = {Proceedings of the 21st International Society for Music Information Retrieval Conference (ISMIR)},
  abstract = {A corpus of annotated scores is released.}}
@inproceedings{d, title = {Linking library records of printed music}, author = {Adler, Nina}, year = {2022},
  booktitle = {8th Workshop on Digital Libraries for Musicology (DLfM)}, abstract = {Catalogue records were linked.}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    conference = {"Cadence detection in Baroque sonatas", "Chord annotations of Corelli trio sonatas"}
    for question in ("How many of her papers appeared at ISMIR?",
                     "How many of her papers appeared at the ISMIR conference itself, not counting its workshops?"):
        answer = assistant.ask(question)
        assert answer.route == "metadata" and {c.title for c in answer.citations} == conference
    answer = assistant.ask("Which of her papers appeared at ISMIR workshops?")
    assert [c.title for c in answer.citations] == ["Modal profiles of Portuguese fado"]
    # a workshop's own name is that workshop
    answer = assistant.ask("Which of her papers appeared at DLfM?")
    assert [c.title for c in answer.citations] == ["Linking library records of printed music"]


def test_a_given_name_asked_as_its_initial(tmp_path, embedder):
    record = r"""
@article{a, title = {Nitrate leaching under rice paddies}, author = {Ng, Kai and Tan, Wei}, journal = {Agricultural Water Management},
  year = {2019}, abstract = {Lysimeters measured nitrate below flooded paddies.}}
@article{b, title = {Silicon fertiliser and rice blast}, author = {Ng, Kai}, journal = {Field Crops Research}, year = {2019},
  abstract = {Silicon lowered blast incidence in two seasons.}}
@article{c, title = {Straw burning and air quality}, author = {Ng, Kai and Lim, Mei}, journal = {Atmospheric Environment},
  year = {2021}, abstract = {Burning seasons raised PM2.5 in nearby towns.}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    # "K. Ng" is Kai Ng, though the record never writes his initial
    assert assistant.understand("How many papers did K. Ng put out in 2019?").intent == "metadata"
    answer = assistant.ask("How many papers did K. Ng put out in 2019?")
    assert answer.text.startswith("The record holds 2 papers")


def test_on_their_own_said_of_things_and_the_aim_verb_of_a_described_paper(tmp_path, embedder):
    record = r"""
@article{a, title = {Lowering nitrate in groundwater by scheduling irrigation}, author = {Varga, Eszter and Kiss, Bence},
  journal = {Journal of Hydrology}, year = {2020},
  abstract = {Scheduling irrigation by soil moisture lowered nitrate in shallow groundwater by a third.}}
@article{b, title = {Nutrient limitation of algae in Lake Balaton}, author = {Varga, Eszter and Kiss, Bence},
  journal = {Water Research}, year = {2018},
  abstract = {Nitrate and phosphate alone explained 40% of algal growth; adding silica raised it to 65%.}}
@article{c, title = {Reed beds as nutrient sinks}, author = {Varga, Eszter}, journal = {Ecological Engineering}, year = {2016},
  abstract = {Reed beds retained phosphate over three seasons.}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    # "on their own" is said of the nutrients, not of who wrote the paper
    question = "What share of algal growth did nitrate and phosphate explain on their own in Lake Balaton?"
    assert assistant.understand(question).filters.authors_count is None
    assert "40%" in assistant.ask(question).text
    assert assistant.understand("Which papers did she write on her own?").filters.authors_count == 1
    # "to cut nitrate": what the paper set out to do, which it says as "lowering"
    answer = assistant.ask("Where was the paper on scheduling irrigation to cut nitrate in groundwater published?")
    assert answer.status == "answered" and "Journal of Hydrology" in answer.text


def test_a_name_inside_a_longer_one_and_a_hyphenated_name_the_record_writes_apart(tmp_path, embedder):
    record = r"""
@article{a, title = {RootScan: Imaging Roots in Soil Columns}, author = {Silva, Rita}, journal = {Plant and Soil},
  year = {2019}, abstract = {RootScan segments roots in X-ray images of soil columns.}}
@article{b, title = {RootScan 2: Faster Segmentation of Root Systems}, author = {Silva, Rita}, journal = {Plant Methods},
  year = {2023}, abstract = {RootScan 2 runs 12 times faster than the first version and uses 40% less memory.}}
@article{c, title = {ARF-7 Dependent Lateral Root Formation in Maize}, author = {Silva, Rita}, journal = {Plant Cell},
  year = {2021}, abstract = {Lateral roots failed to form in mutants lacking the auxin response factor.}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    # "RootScan 2" names the second paper, not also the first, whose name is inside it
    answer = assistant.ask("How much faster is RootScan 2 than the first version?")
    assert [c.title for c in answer.citations] == ["RootScan 2: Faster Segmentation of Root Systems"]
    # "ARF-7-dependent" is the record's "ARF-7 Dependent", not a name it lacks
    answer = assistant.ask("Which of her papers are about ARF-7-dependent root formation?")
    assert answer.status == "answered"
    assert "ARF-7 Dependent Lateral Root Formation in Maize" in {c.title for c in answer.citations}


def test_a_name_with_a_possessive_is_the_name(ecology):
    query = ecology.understand("How much did canopy cover fall along the Northern Iberian Coast's kelp forests?")
    assert query.missing == []


def test_an_initialism_after_a_or_an_names_a_kind_of_thing_not_a_system(ecology):
    query = ecology.understand("Did she record dolphin buzzes beside a moored ADCP and its transducers?")
    assert query.missing == [] and "adcp" not in query.proper
    assert ecology.understand("Did she count dolphin buzzes with PAMGuard?").missing == ["paper or system named PAMGuard"]


def test_not_the_first_author(ecology):
    answer = ecology.ask("On which papers is García-López not the first author?")
    assert answer.route == "metadata"
    assert {c.title for c in answer.citations} == {"Environmental DNA Reveals Hidden Fish Diversity in Seagrass Meadows",
                                                    "Passive Acoustic Monitoring of Dolphin Foraging",
                                                    "Microplastic Ingestion by Coastal Filter Feeders"}
    assert "Luis Ortega" in answer.text and "Ana Silva" in answer.text  # who is first instead: the author lines
    first = ecology.ask("On which papers isn't Wei Chen the first author?")
    assert [c.title for c in first.citations] == ["Environmental DNA Reveals Hidden Fish Diversity in Seagrass Meadows"]


def test_who_co_wrote_a_paper_described_by_its_venue(ecology):
    """"the Global Change Biology paper" is the one paper at that venue: its author line answers who co-wrote it."""
    answer = ecology.ask("Who co-wrote the Global Change Biology paper with her?")
    assert answer.route == "metadata" and "most frequent" not in answer.text
    assert [c.title for c in answer.citations] == ["Marine Heatwaves Trigger Mass Mortality of Gorgonians"]
    assert "Paolo Rossi" in answer.text


@pytest.mark.parametrize("question, several", [
    ("Which papers discuss kelp?", True),
    ("Which studies report urchin density?", True),
    # a plural naming a field before the noun it qualifies
    ("In the comparison, which game studies concept becomes a magic prison?", False),
])
def test_questions_asking_about_several_papers(question, several):
    from assistant.understand import asks_several

    assert asks_several(question) is several


def test_a_venue_name_qualifying_a_noun_is_the_field_not_the_venue(ecology):
    assert ecology.understand("Which molecular ecology method detected the hidden fish?").filters.venue == ""
    assert ecology.understand("Which Molecular Ecology paper detected hidden fish?").filters.venue == "Molecular Ecology"


def test_a_name_the_record_writes_in_another_order_is_there(ecology):
    query = ecology.understand("What killed the Western Mediterranean Red Gorgonians in 2022?")
    assert query.missing == []
    assert ecology.understand("What killed the Western Mediterranean Sea Fans in 2022?").missing == [
        "paper or system named Western Mediterranean Sea Fans"]


def test_a_name_the_record_uses_before_a_word_its_paper_uses_is_there(ecology):
    """"the University of Pittsburgh GWAS": a name of the record's qualifying a noun of the same paper; a noun of another
    paper does not make the name the record's."""
    assert ecology.understand("What did the Northern Iberian Coast Urchin survey find about canopy cover?").missing == []
    assert ecology.understand("What did the Northern Iberian Coast Seagrass survey find?").missing == [
        "paper or system named Northern Iberian Coast Seagrass"]


def test_a_venue_glossing_an_acronym_the_record_does_not_use(ecology):
    answer = ecology.ask("Which papers appeared in MEC, the Molecular Ecology journal?")
    assert answer.route == "metadata"
    assert [c.title for c in answer.citations] == ["Environmental DNA Reveals Hidden Fish Diversity in Seagrass Meadows"]


def test_a_journal_acronym_with_its_section_letter():
    papers = [Paper("Colloids that gel", venue="European Physical Journal E"),
              Paper("Spin chains", venue="European Physical Journal B"),
              Paper("Glass dynamics", venue="Journal of Chemical Physics")]
    query = Reader(papers).read("Which of his papers were published in EPJ E?")
    assert query.filters.venue == "European Physical Journal E"
    assert [p.title for p in papers if query.filters.allows(p)] == ["Colloids that gel"]


DIPLOMACY = r"""
@article{reis2019blocs,
  title = {Voting Blocs at the United Nations General Assembly, 1990--2010},
  author = {Reis, Ana and Costa, Bruno},
  journal = {Revista Brasileira de Pol{\'\i}tica Internacional},
  year = {2019},
  abstract = {We cluster roll-call votes cast at the United Nations General Assembly between 1990 and 2010. Brazil, India and South Africa voted together on 84 percent of contested resolutions.}
}
@article{reis2021councils,
  title = {Defence Councils and Regional Security in South America},
  author = {Costa, Bruno and Lima, Carla and Reis, Ana},
  journal = {Contexto Internacional},
  year = {2021},
  abstract = {Regional defence councils spread confidence-building measures among South American states. Interviews with 30 officials show that the councils outlived the governments that founded them.}
}
"""


def test_initialisms_the_record_writes_out_and_venue_initials(tmp_path, embedder):
    diplomacy = assistant_on(DIPLOMACY, tmp_path, embedder)
    # "UN" is "United Nations", written out: no absent name, nothing the paper lacks
    question = "What did her paper on voting blocs at the UN General Assembly find?"
    assert diplomacy.understand(question).missing == []
    answer = diplomacy.ask(question)
    assert answer.status == "answered" and answer.citations[0].title.startswith("Voting Blocs")
    # a venue's initials are no subject the record lacks
    assert "rbpi" not in diplomacy.understand("What did her RBPI article find about contested resolutions?").proper
    # "multi-author papers" are the papers with co-authors
    last = diplomacy.ask("On which multi-author papers is Ana Reis listed last?")
    assert last.route == "metadata" and [c.title for c in last.citations] == [
        "Defence Councils and Regional Security in South America"]


def test_the_record_count_says_how_many_entries_were_copies(tmp_path, embedder):
    """A file listing one paper twice (two casings of its title) holds one paper; the count says the file's
    entries too, for whoever counted them."""
    bib = REEFS + r"""
@article{r6, title = {REEF WATCH: FISH COUNTS BY SNORKELLERS}, author = {Tane, Mere}, journal = {Marine Biology},
  year = {2020}}
"""
    assistant = assistant_on(bib, tmp_path, embedder)
    answer = assistant.ask("How many papers does the record hold?")
    assert answer.text.startswith("The record holds 5 papers.")
    assert "Its sources list 6 entries: 1 is a copy of another entry, counted once." in answer.text
    # so does a count of some of them, when one of those had a copy; and not when none had
    with_copy = assistant.ask("How many of her papers appeared in Marine Biology?")
    assert with_copy.text.endswith("The sources list 3 entries for these: 1 is a copy of another entry, counted once.")
    assert with_copy.text.startswith("The record holds 2 papers") and len(with_copy.citations) == 2
    assert "entries" not in assistant.ask("How many papers did she publish in 2021?").text


def test_two_names_joined_by_a_hyphen_are_a_name_the_record_may_lack(tmp_path, embedder):
    """"his SNP-GWAS model": the record has SNP arrays and GWAS, never a SNP-GWAS model, so the premise is absent;
    a joined name the record writes apart ("GWAS and QTL scan") is there."""
    bib = r"""
@article{g1, title = {SNP arrays for garden roses}, author = {Lima, Rosa}, journal = {G3}, year = {2020},
  abstract = {We designed SNP arrays for tetraploid garden roses and genotyped 300 plants.}}
@article{g2, title = {GWAS of black spot resistance}, author = {Lima, Rosa}, journal = {Plant Genome}, year = {2022},
  abstract = {A GWAS and QTL scan in 250 roses found two loci for black spot resistance.}}
@article{g3, title = {Heat stress in rice}, author = {Lima, Rosa}, journal = {Field Crops Research}, year = {2023},
  abstract = {Rice spikelet fertility fell under heat stress at flowering.}}
"""
    assistant = assistant_on(bib, tmp_path, embedder)
    answer = assistant.ask("What accuracy did her SNP-GWAS model reach for black spot?")
    assert answer.status == "absent" and "SNP-GWAS" in answer.text
    assert assistant.ask("How many loci did her QTL-GWAS scan of black spot find?").status == "answered"


@pytest.mark.parametrize("plural, singular", [("corpora", "corpus"), ("criteria", "criterion"), ("nuclei", "nucleus"),
                                              ("mice", "mouse"), ("larvae", "larva"), ("spectra", "spectrum")])
def test_an_irregular_plural_is_one_term_with_its_singular(plural, singular):
    assert tokenize(f"three {plural}") == tokenize(f"three {singular}")


def test_a_question_in_the_irregular_plural_finds_the_singular(tmp_path, embedder):
    record = """
@article{a, title={A diagnostic criterion for paediatric sepsis}, author={Okafor, Ada}, year={2021},
  abstract={We propose one criterion for sepsis in infants and validate it in three hospitals.}}
@article{b, title={Imaging the nucleus of dividing yeast cells}, author={Okafor, Ada}, year={2022},
  abstract={Live imaging follows the nucleus through mitosis in budding yeast.}}
@article{c, title={Rainfall and river floods}, author={Okafor, Ada}, year={2020},
  abstract={Daily rainfall predicts floods on small rivers.}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    answer = assistant.ask("Which diagnostic criteria for sepsis has she proposed?")
    assert answer.status == "answered" and "A diagnostic criterion for paediatric sepsis" in answer.text
    answer = assistant.ask("Has she imaged the nuclei of yeast cells?")
    assert answer.status == "answered" and "Imaging the nucleus of dividing yeast cells" in answer.text


def test_a_journal_named_by_a_common_word_is_the_topic_in_lower_case(tmp_path, embedder):
    record = """
@article{a, title={Carbon storage in boreal forests after fire}, author={Lind, Maja}, year={2019}, journal={Forests},
  abstract={Boreal forests store less carbon for decades after fire.}}
@article{b, title={Old-growth forests as carbon sinks}, author={Lind, Maja}, year={2021}, journal={Ecology},
  abstract={Old-growth forests keep taking up carbon, against the view that they are carbon neutral.}}
@article{c, title={Soil carbon under spruce plantations}, author={Lind, Maja}, year={2022}, journal={Ecology},
  abstract={Spruce plantations lose soil carbon compared with native forests.}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    assert assistant.understand("Which of her papers study carbon in forests?", "ask", []).filters.venue == ""
    answer = assistant.ask("Which of her papers study carbon in forests?")
    assert "Old-growth forests as carbon sinks" in answer.text
    # the journal, written as one: capitalised, after a verb of publishing, or with "journal"
    for question in ("Which papers appeared in Forests?", "What did she publish in forests?",
                     "How many papers are in the journal forests?"):
        assert assistant.understand(question, "ask", []).filters.venue == "Forests", question


def test_the_paper_close_to_the_question_must_also_cover_it():
    """A question is answered by a paper both near it and holding enough of its terms, not by one paper near it
    and another, far off, holding the terms."""
    papers = [Paper(title="Vowel change in rural Texas English",
                    abstract="The first speakers recorded as children learned the language at home."),
              Paper(title="Listener judgments of intonation",
                    abstract="Listeners rated the ethnicity of speakers from their intonation.")]
    judge = Judge(papers, np.linspace(0.0, 0.2, 9), Settings())  # probes far below: z 4 at 0.4, 1.3 at 0.2
    question = "Does he have work on first language acquisition in children?"
    salient = tokenize("first language acquisition in children")
    near_but_off, far_but_covering = Hit(papers[1], 1.0, dense=0.4), Hit(papers[0], 0.9, dense=0.2)
    verdict = judge.judge([near_but_off, far_but_covering], salient, question)
    assert verdict.status == "near_miss" and verdict.lacking == "first language acquisition"
    # the covering paper near the question answers it
    near_and_covering = Hit(papers[0], 1.0, dense=0.4)
    assert judge.judge([near_and_covering], salient, question).status == "answered"


def test_a_journal_written_short_counts_its_papers_under_either_form_of_its_name(tmp_path, embedder):
    record = """
@article{a, title={Duet rules in wrens}, author={Mora, Ana}, year={2016},
  journal={Proceedings of the Royal Society B: Biological Sciences}}
@article{b, title={Song learning in hermits}, author={Mora, Ana}, year={2019}, journal={Proceedings of the Royal Society B}}
@article{c, title={Bill shape in hummingbirds}, author={Mora, Ana}, year={2020},
  journal={Proceedings of the Royal Society B: Biological Sciences}}
@article{d, title={Calls of parrots}, author={Mora, Ana}, year={2021}, journal={Animal Behaviour}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    answer = assistant.ask("How many of her papers appeared in Proc. R. Soc. B?")
    assert "3 papers" in answer.text and "Song learning in hermits" in answer.text
    assert "Calls of parrots" not in answer.text


GEOLOGY = """
@article{a, title={Erosion pulses after wildfire in coastal basins}, author={Ortiz, Lena and Baker, Tom}, year={2019},
  journal={PLOS Computational Biology}, keywords={erosion, wildfire},
  abstract={We replicate the sediment model of a 1998 study and find erosion pulses after wildfire in coastal basins.}}
@article{b, title={Topographic modularity of river networks}, author={Baker, Tom and Ortiz, Lena}, year={2021},
  journal={PLOS Computational Biology}, keywords={modularity, rivers},
  abstract={The sharpness of topographic divides acts as a control parameter for how river networks split into modules.}}
@article{c, title={Landslide triggers in volcanic soils}, author={Ortiz, Lena}, year={2022},
  journal={The Journal of Geology}, keywords={landslides},
  abstract={Rainfall thresholds trigger landslides in volcanic soils.}}
@article{d, title={Modularity of drainage basins}, author={Ortiz, Lena and Chen, Wei}, year={2023}, journal={Geomorphology},
  keywords={modularity}, abstract={Drainage basins split into modules along ridges.}}
"""


@pytest.fixture(scope="module")
def geology(tmp_path_factory, embedder):
    return assistant_on(GEOLOGY, tmp_path_factory.mktemp("geology"), embedder)


def test_a_journal_written_short_without_full_stops(geology):
    answer = geology.ask("Which of her papers were published in PLOS Comput Biol?")
    assert answer.route == "metadata" and "2 papers" in answer.text and "Landslide" not in answer.text
    assert geology.understand("How many papers does she have in J Geol?", "ask", []).filters.venue == "The Journal of Geology"


def test_a_category_word_inside_a_description_of_one_paper_is_no_filter(geology):
    query = geology.understand("In the topographic modularity paper, what acts as a control parameter?", "ask", [])
    assert query.filters.categories == set()
    assert geology.understand("Which modularity papers does she have?", "ask", []).filters.categories == {"modularity"}


def test_a_comparative_the_record_never_uses_names_no_subject_it_lacks(geology):
    answer = geology.ask("Which of her papers replicate an earlier sediment model?")
    assert answer.status == "answered" and "Erosion pulses after wildfire in coastal basins" in answer.text


def test_sole_authored_works_set_aside_leave_the_papers_with_co_authors(geology):
    query = geology.understand("Leaving aside her sole-authored works, on which papers is she the last author?", "ask", [])
    assert query.filters.coauthored and query.filters.authors_count is None and query.intent == "metadata"


def test_a_thing_named_by_its_common_and_its_scientific_name_is_found_under_either(tmp_path, embedder):
    record = """
@article{a, title={Gum feeding in the pygmy marmoset, Cebuella pygmaea}, author={Reyes, Ana}, year={2018},
  abstract={Pygmy marmosets (Cebuella pygmaea) gouge tree bark and feed on the exuded gum through the dry season.}}
@article{b, title={Vocal development in infant Cebuella pygmaea}, author={Reyes, Ana}, year={2020},
  abstract={Infant Cebuella pygmaea babble in bouts whose structure changes with age and with parental feedback.}}
@article{c, title={Home ranges of pygmy marmosets in flooded forest}, author={Reyes, Ana}, year={2022},
  abstract={Radio-tracked groups of pygmy marmosets used home ranges under one hectare in flooded forest.}}
@article{d, title={Seed dispersal by saddleback tamarins}, author={Reyes, Ana}, year={2021},
  abstract={Saddleback tamarins disperse the seeds of forty tree species across logged forest.}}
"""
    assistant = assistant_on(record, tmp_path, embedder)
    query = assistant.understand("Which of her papers study the pygmy marmoset, Cebuella pygmaea?", "ask", [])
    assert ["pygmi", "cebuella", "pygmaea"] in query.alternatives
    answer = assistant.ask("Which of her papers study the pygmy marmoset, Cebuella pygmaea?")
    for title in ("Gum feeding in the pygmy marmoset", "Vocal development in infant Cebuella pygmaea",
                  "Home ranges of pygmy marmosets in flooded forest"):
        assert title in answer.text
    assert "Seed dispersal" not in answer.text


def test_a_longer_question_stays_longer_when_its_incidental_words_are_set_aside():
    """Seven terms, one of them a comparative the record never uses ("simpler"): the question is judged as the
    longer question it is, not as a short one whose every uncommon word must be in the record."""
    papers = [Paper(title="International clientelistic networks: Venezuela at the United Nations",
                    abstract="We argue that the reach of Caracas's clientelistic networks goes beyond vote-buying "
                             "tactics at the General Assembly."),
              Paper(title="Brazil and regional integration", abstract="Brazilian leadership in South American integration.")]
    judge = Judge(papers, np.linspace(0.0, 0.2, 9), Settings())
    question = "Venezuela's clientelistic diplomacy reaches further than what simpler tactic?"
    salient = tokenize("Venezuela clientelistic diplomacy reaches further simpler tactic")
    assert judge.judge([Hit(papers[0], 1.0, dense=0.9)], salient, question).status == "answered"


def test_a_symbol_written_apart_from_its_subscript_is_the_symbol_a_question_writes():
    papers = [Paper(title="Photosynthetic capacity across vascular plants",
                    abstract="We measured J max and V cmax in 111 species grown in a common garden."),
              Paper(title="Leaf temperature", abstract="Leaves run warmer than air in still conditions.")]
    judge = Judge(papers, np.linspace(0.0, 0.2, 9), Settings())
    question = "How many species were measured for Jmax and Vcmax?"
    verdict = judge.judge([Hit(papers[0], 1.0, dense=0.6)], tokenize("species measured Jmax Vcmax"), question)
    assert verdict.status == "answered"


def test_a_list_leaves_out_papers_near_it_only_by_the_records_own_field_words():
    """In a hydrologist's record "groundwater" is in most papers: a paper near "permafrost and groundwater" that
    holds only "groundwater" is not on the list; one holding "permafrost" is, and so is a paraphrase holding
    neither."""
    papers = [Paper(title="Groundwater discharge in permafrost regions", abstract="Permafrost thaw changes groundwater flow."),
              Paper(title="Post-fire permafrost thaw", abstract="Groundwater controls thaw after fire."),
              Paper(title="Streamflow depletion by pumping", abstract="Groundwater pumping depletes streams."),
              Paper(title="Shallow groundwater and crop yield", abstract="Groundwater near the surface raises yields."),
              Paper(title="Recharge and water supply", abstract="Groundwater recharge supports water supply."),
              Paper(title="Frozen ground hydrology in the Arctic", abstract="Ice-rich soils store water in winter.")]
    judge = Judge(papers, np.linspace(0.0, 0.2, 9), Settings())  # z 3 at a similarity of 0.32
    mode = ModeConfig(depth=10, keep=0.45, sure=0.6, share=0.6, probe_z=3.0, max_cited=8)
    hits = [Hit(papers[0], 1.0, dense=0.6), Hit(papers[1], 0.95, dense=0.55), Hit(papers[2], 0.5, dense=0.4),
            Hit(papers[3], 0.5, dense=0.4), Hit(papers[4], 0.5, dense=0.4), Hit(papers[5], 0.5, dense=0.4)]
    kept = [h.paper.title for h in judge.on_topic(hits, tokenize("permafrost groundwater"), mode)]
    assert kept == ["Groundwater discharge in permafrost regions", "Post-fire permafrost thaw",
                    "Frozen ground hydrology in the Arctic"]


ESTUARY = r"""
@article{e1, title = {Tidal mixing in small estuaries}, author = {Tsai, Mei-Ling and Park, Jin}, journal = {Estuaries},
  year = {2019}}
@article{e2, title = {Salt wedges under drought}, author = {Tsai, Mei-Ling}, journal = {Estuaries}, year = {2020}}
@article{e3, title = {Sediment plumes after floods}, author = {Park, Jin and Tsai, Mei-Ling}, journal = {Hydrology},
  year = {2020}}
@article{e4, title = {Teaching estuary science outdoors}, author = {Tsai, Molly and Ortega, Luis},
  journal = {Journal of Geoscience Education}, year = {2021}}
@article{e5, title = {River delta subsidence}, author = {Tsai, Mei-Ling and Tsai, Ming}, journal = {Hydrology}, year = {2022}}
"""


def test_the_owner_under_another_given_name_on_a_paper_that_lists_the_owner_under_no_other(tmp_path, embedder):
    """"Molly Tsai" on the one paper of Mei-Ling Tsai's list without "Mei-Ling Tsai" is she; "Ming Tsai", who writes
    with her, is someone else. Filters on the owner take every spelling the record's people merge."""
    people = People([Paper(f"P{i}", authors=a) for i, a in enumerate([
        ["Mei-Ling Tsai", "Jin Park"], ["Mei-Ling Tsai"], ["Jin Park", "Mei-Ling Tsai"], ["Molly Tsai", "Luis Ortega"],
        ["Mei-Ling Tsai", "Ming Tsai"]])])
    assert people.owner.variants == {"Mei-Ling Tsai", "Molly Tsai"} and people.owner.papers == 5
    assert people.find("Ming Tsai") is not people.owner
    assistant = assistant_on(ESTUARY, tmp_path, embedder)
    answer = assistant.ask("On which papers is M.-L. Tsai the first author?")
    assert sorted(c.title for c in answer.citations) == ["River delta subsidence", "Salt wedges under drought",
                                                         "Teaching estuary science outdoors",
                                                         "Tidal mixing in small estuaries"]
    assert assistant.ask("How many papers has she written?").text.startswith("The record holds 5 papers.")


SIGNALS = r"""
@inproceedings{s1, title = {Echo cancellation on small devices}, author = {Berg, Anja}, year = {2004},
  booktitle = {2004 IEEE International Conference on Acoustics, Speech, and Signal Processing}}
@inproceedings{s2, title = {Masking for two-channel beamformers}, author = {Berg, Anja}, year = {2012},
  booktitle = {2012 IEEE International Conference on Acoustics, Speech and Signal Processing (ICASSP)}}
@inproceedings{s3, title = {Noise tracking with particle filters}, author = {Berg, Anja}, year = {2003},
  booktitle = {IEEE International Conference on Acoustics Speech and Signal Processing}}
@article{s4, title = {Voice activity detection in cars}, author = {Berg, Anja}, year = {2008}, journal = {ICASSP}}
@article{s5, title = {Room acoustics of lecture halls}, author = {Berg, Anja}, year = {2010},
  journal = {Journal of the Acoustical Society of America}}
"""


def test_a_conference_asked_by_name_is_every_years_edition_and_with_its_acronym_every_spelling(tmp_path, embedder):
    """"the IEEE International Conference on Acoustics, Speech and Signal Processing" is the 2004 and the 2012 edition
    and the one without a year, not the edition first read; glossing "ICASSP" with it asks for the acronym, which the
    venue written "ICASSP" alone also matches."""
    assistant = assistant_on(SIGNALS, tmp_path, embedder)
    named = assistant.ask("How many of her papers appeared at the IEEE International Conference on Acoustics, Speech "
                          "and Signal Processing?")
    assert named.text.startswith("The record holds 3 papers at IEEE International Conference on Acoustics, Speech, "
                                 "and Signal Processing")
    glossed = assistant.understand("How many of her papers appeared at ICASSP, the IEEE International Conference on "
                                   "Acoustics, Speech and Signal Processing?")
    assert glossed.filters.venue == "ICASSP" and glossed.intent == "metadata"
    assert assistant.ask(glossed.text).text.startswith("The record holds 4 papers at ICASSP")


@pytest.mark.parametrize("question", ["What share of the particles did fibres alone make up in the mussel study?",
                                      "In the mussel study, what percentage of particles were fibres alone?"])
def test_alone_said_of_a_thing_is_no_sole_author_filter(ecology, question):
    query = ecology.understand(question)
    assert query.filters.authors_count is None and "alon" not in query.salient
    answer = ecology.ask(question)
    assert answer.status == "answered" and "70 percent" in answer.text
    for writing in ("Which papers did she write alone?", "Did she publish alone?", "Which did she author alone?",
                    "Has she published anything alone since 2020?", "Which works are hers alone?"):
        assert ecology.understand(writing).filters.authors_count == 1, writing


def test_a_noun_before_of_does_not_end_what_a_paper_is_about(ecology):
    """"does he have work on the acoustic survey of sharks": "survey" can be a verb, but one taking "of" is a noun."""
    query = ecology.understand("Does she have work on the acoustic survey of sharks?")
    assert query.presupposed == [["acoust", "survey", "shark"]]
    answer = ecology.ask("Does she have work on the acoustic survey of sharks?")
    # what the whole record never says is what it lacks, not what the closest paper happens not to say
    assert answer.status == "near_miss" and answer.text.startswith("The record has no paper on sharks")


POOLED = r"""
@article{m1, title = {Comparative efficacy of TNF inhibitors: a Bayesian network meta-analysis}, author = {Dunn, Asha},
  journal = {Rheumatology}, year = {2016}, abstract = {We pooled 12 trials of TNF inhibitors in a Bayesian network
  meta-analysis. Network consistency was checked by node splitting.}}
@article{m2, title = {Comparative efficacy of NSAIDs: a Bayesian network meta-analysis}, author = {Dunn, Asha},
  journal = {Rheumatology}, year = {2017}, abstract = {Twenty-six trials of NSAIDs entered a Bayesian network
  meta-analysis with random effects. Etoricoxib ranked first in the network.}}
@article{m3, title = {Survival in lupus: a systematic review and Bayesian meta-analysis}, author = {Dunn, Asha},
  journal = {Arthritis Care and Research}, year = {2018}, abstract = {Pooling 125 cohorts, deaths among adults and children
  with systemic lupus erythematosus fell from the 1950s to the 1990s and then plateaued; cohorts from Asia and Africa showed the
  lowest ten-year survival, and renal involvement lowered survival everywhere.}}
@article{m4, title = {Renal failure in lupus nephritis: a Bayesian meta-analysis}, author = {Dunn, Asha},
  journal = {Arthritis and Rheumatology}, year = {2019}, abstract = {End-stage renal disease after lupus nephritis
  became rarer from 1971 to 2015, though the decline slowed after the mid-1990s, and Black patients and those in
  developing countries remained at the highest risk of dialysis.}}
@article{m5, title = {Random forests as probability machines}, author = {Dunn, Asha}, journal = {Methods of Information
  in Medicine}, year = {2012}, abstract = {Random forests estimate individual probabilities consistently.}}
@article{m6, title = {Stromal caveolin-1 in breast cancer}, author = {Dunn, Asha}, journal = {Breast Cancer Research},
  year = {2010}, abstract = {Loss of stromal caveolin-1 predicted recurrence in 200 tumours.}}
"""


def test_a_paper_wholly_on_one_side_of_or_is_on_a_listed_topic(tmp_path, embedder):
    """"Bayesian meta-analysis or Bayesian network meta-analysis": the plain meta-analyses lack "network", the other
    side's word, and are on the topic all the same."""
    assistant = assistant_on(POOLED, tmp_path, embedder)
    answer = assistant.ask("Which of her papers use Bayesian meta-analysis or Bayesian network meta-analysis?")
    cited = {c.title for c in answer.citations}
    assert {"Comparative efficacy of NSAIDs: a Bayesian network meta-analysis",
            "Comparative efficacy of TNF inhibitors: a Bayesian network meta-analysis",
            "Renal failure in lupus nephritis: a Bayesian meta-analysis"} <= cited
    assert not cited & {"Random forests as probability machines", "Stromal caveolin-1 in breast cancer"}


def test_the_ends_of_the_list_asked_as_publication_years(ecology):
    """"their earliest publication year, and ... their most recent one": every paper of each of those years."""
    answer = ecology.ask("Which papers come from her earliest publication year, and which from her most recent one?")
    assert {"Microplastic Ingestion by Coastal Filter Feeders", "Restoring Oyster Reefs with Recycled Shell Substrate",
            "Kelp Forest Decline Along the Northern Iberian Coast"} <= {c.title for c in answer.citations}
    assert "The most recent year in the record is 2024, with 2 papers" in answer.text


VARIABILITY = r"""
@inproceedings{h1, title = {Sampling Linux kernel configurations}, author = {Ruiz, Pablo}, year = {2016},
  booktitle = {XXI Jornadas de Ingenier{\'\i}a del Software y Bases de Datos ({JISBD})}}
@inproceedings{h2, title = {Feature model analysis in Python}, author = {Ruiz, Pablo}, year = {2019},
  booktitle = {XXIV Jornadas de Ingenier{\'\i}a del Software y Bases de Datos ({JISBD})}}
@inproceedings{h3, title = {Runtime security policies}, author = {Ruiz, Pablo}, year = {2015},
  booktitle = {12th International Conference On Trust, Privacy \& Security In Digital Business ({TrustBus})}}
@article{h4, title = {Belief uncertainty in product line evolution}, author = {Ruiz, Pablo and Amor, Mercedes},
  journal = {J. Syst. Softw.}, year = {2023}, abstract = {We model stakeholder opinions with subjective logic and
  evaluate the approach on a smartwatch product line over five years.}}
@article{h5, title = {Energy use of self-adaptive apps}, author = {Ruiz, Pablo}, journal = {J. Syst. Softw.},
  year = {2020}, abstract = {Reconfiguring Android apps at runtime cut their energy use by a third.}}
"""


def test_a_conference_acronym_glossed_in_the_records_words_and_a_journal_written_out(tmp_path, embedder):
    """The gloss beside an acronym, in the words of the record's venues, names the venue too ("the Spanish JISBD
    conference (Jornadas de ...)", "TrustBus, the conference on Trust, ..."); a journal written out where the record
    abbreviates it ("Journal of Systems and Software" for "J. Syst. Softw.") is no name the record lacks."""
    assistant = assistant_on(VARIABILITY, tmp_path, embedder)
    assert assistant.ask("How many papers did he present at the Spanish JISBD conference (Jornadas de Ingeniería del "
                         "Software y Bases de Datos)?").text.startswith("The record holds 2 papers at JISBD")
    assert assistant.ask("Which of his papers were presented at TrustBus, the conference on Trust, Privacy and "
                         "Security in Digital Business?").text.startswith("The record holds 1 paper at TrustBus")
    question = "How did his Journal of Systems and Software paper on belief uncertainty model stakeholder opinions?"
    assert assistant.understand(question).missing == []
    answer = assistant.ask(question)
    assert answer.status == "answered" and "subjective logic" in answer.text


DEMENTIA = r"""
@article{n1, title = {Dementia without plaques}, author = {Varga, Elena}, journal = {Ann Neurol}, year = {2014},
  abstract = {About 14% of autopsied patients diagnosed with probable dementia had sparse neuritic plaques.}}
@article{n2, title = {Apolipoprotein alleles and decline}, author = {Varga, Elena}, journal = {Ann Neurol},
  year = {2015}, abstract = {Carriers of the protective allele declined more slowly.}}
@article{n3, title = {Decline rates in autopsy cohorts}, author = {Varga, Elena}, journal = {Neurology}, year = {2021},
  abstract = {Reverse-time models traced decline in 1,102 autopsy-proven cases.}}
@article{n4, title = {Mitochondria in mouse models}, author = {Varga, Elena}, journal = {Biochim. Biophys. Acta: Mol.
  Basis Dis.}, year = {2018}, abstract = {Mitochondrial fission rose in two mouse models.}}
"""


def test_a_journal_written_out_is_not_the_shorter_venue_ending_it_and_may_hold_a_colon(tmp_path, embedder):
    """"His Annals of Neurology paper" is in "Ann Neurol", not "Neurology", the record's venue that ends the name;
    a name written out with its subtitle after a colon is the record's abbreviation of both."""
    assistant = assistant_on(DEMENTIA, tmp_path, embedder)
    answer = assistant.ask("What share of autopsied patients had sparse neuritic plaques, according to her Annals of "
                           "Neurology paper?")
    assert answer.status == "answered" and "14%" in answer.text
    assert [c.title for c in answer.citations] == ["Dementia without plaques"]
    assert assistant.ask("How many papers appeared in Neurology?").text.startswith("The record holds 1 paper at Neurology")
    answer = assistant.ask("How many of her papers were published in Biochimica et Biophysica Acta: Molecular Basis of "
                           "Disease?")
    assert answer.text.startswith("The record holds 1 paper at Biochim. Biophys. Acta: Mol. Basis Dis.")


SECTIONED_JOURNAL = r"""
@article{m1, title = {Isotopes in monsoon rain}, author = {Mertz, Sebastian}, journal = {Journal of Geophysical Research:
  Atmospheres}, year = {2018}, abstract = {Simulated rain isotopes tracked monsoon strength.}}
@article{m2, title = {Moisture paths over the plateau}, author = {Mertz, Sebastian}, journal = {Journal of Geophysical
  Research: Atmospheres}, year = {2021}, abstract = {Back-trajectories traced moisture over the plateau.}}
@article{m3, title = {Frost cracking through the Cenozoic}, author = {Mertz, Sebastian}, journal = {Earth Surface Dynamics},
  year = {2022}, abstract = {Frost cracking intensity shifted as climate cooled.}}
"""


def test_a_journal_named_with_its_section_after_a_colon_is_that_journal_not_its_head(tmp_path, embedder):
    """"The Journal of Geophysical Research: Atmospheres" is the record's venue as a whole; the name before the colon
    is no venue of its own to look for."""
    assistant = assistant_on(SECTIONED_JOURNAL, tmp_path, embedder)
    answer = assistant.ask("How many of his papers appeared in the Journal of Geophysical Research: Atmospheres?")
    assert answer.text.startswith("The record holds 2 papers at Journal of Geophysical Research: Atmospheres")


SHOES = r"""
@article{g1, title = {Gait stability of diabetic patients with rigid rocker shoes}, author = {Ghomian, Banafshe and
  Mehdi, Sina and Machado, Jos{\'{e}} Mendes}, journal = {Clinical Biomechanics}, year = {2019},
  abstract = {Rocker shoes changed the stability margin of diabetic walkers.}}
@article{g2, title = {Noise and the largest Lyapunov exponent of walking}, author = {Mehdi, Sina and Sanjari, Ali},
  journal = {Journal of Biomechanics}, year = {2017}, abstract = {Added noise raised the exponent of walking series.}}
@article{g3, title = {Backward running coordination}, author = {Mehdi, Sina and Arshi, Ahmed}, journal = {Gait \& Posture},
  year = {2015}, abstract = {Backward running changed the coordination of the lower limb.}}
@article{g4, title = {A systematic review of center of pressure measures to quantify gait changes in older adults},
  author = {Mehdi, Sina and Van Ooteghem, Karen}, journal = {Gait \& Posture}, year = {2021}, abstract = {The initial
  search yielded 2809 papers. After removing duplicates, 34 papers were included in the review.}}
"""


def test_a_paper_described_by_a_co_author_and_its_subject_has_its_venue_looked_up(tmp_path, embedder):
    """"His paper with Jose Machado on rocker shoes" is one paper described; where it was published is its venue."""
    assistant = assistant_on(SHOES, tmp_path, embedder)
    answer = assistant.ask("Where was his paper with Jose Machado on rocker shoes and diabetic gait published?")
    assert answer.text.startswith("Gait stability of diabetic patients with rigid rocker shoes appeared in Clinical "
                                  "Biomechanics")


MASS_BALANCE = r"""
@article{c1, title = {Empirical glacier mass-balance models for South America}, author = {Mertz, Sebastian},
  journal = {Journal of Glaciology}, year = {2022}, abstract = {Statistical models relate glacier mass balance in
  the tropical and southern ranges of South America to large-scale climate.}}
@article{c2, title = {Future mass balance changes of Norwegian glaciers}, author = {Mertz, Sebastian},
  journal = {Climate Dynamics}, year = {2016}, abstract = {A dynamical-statistical model projects glacier mass
  balance in Norway to 2100.}}
@article{c3, title = {Precipitation isotopes over the Himalaya from simulations}, author = {Mertz, Sebastian},
  journal = {Climate of the Past}, year = {2018}, abstract = {Simulated oxygen isotopes in Himalayan rain follow
  the monsoon.}}
@article{c4, title = {The Amazon paleoenvironment resulted from geodynamic, climate and sea-level interactions},
  author = {Mertz, Sebastian}, journal = {Science Advances}, year = {2023}, abstract = {Andean mountain building,
  evolving climate and sea-level oscillations turned the marine-influenced Amazon lowland into lakes before the
  transcontinental river formed.}}
"""


def test_a_place_none_of_the_papers_on_the_subject_names_is_a_subject_the_record_lacks(tmp_path, embedder):
    """Glacier mass balance "in the Himalaya" of a record whose glacier papers are on South America and Norway (and
    whose Himalaya paper is on isotopes) is a near miss; the Andes of a paper on "Andean mountain building" are
    there; "entries" and what they "concern" are how a list is asked for, not its subject."""
    assistant = assistant_on(MASS_BALANCE, tmp_path, embedder)
    answer = assistant.ask("Does he have work on glacier mass balance in the Himalaya?")
    assert answer.status == "near_miss" and "Himalaya" in answer.text.splitlines()[0]
    assert assistant.ask("Does he have work on glacier mass balance in South America?").status == "answered"
    answer = assistant.ask("Which paper shows that mountain building in the Andes and changing sea levels turned the "
                           "marine-influenced lowland into lakes before the transcontinental river formed?")
    assert answer.status == "answered" and answer.citations[0].title.startswith("The Amazon paleoenvironment")
    answer = assistant.ask("Which entries concern glacier mass balance?")
    assert answer.status == "answered" and len(answer.citations) == 2


DECISION_AIDS = r"""
@article{d1, title = {Keuzehulp helpt roker aan geschikte stopmethode}, author = {Gultz, Thomas}, journal = {Tijdschrift
  voor Gezondheidswetenschappen}, year = {2021}, abstract = {Een online keuzehulp helpt rokers bij het kiezen van een
  bewezen effectieve stopmethode.}}
@article{d2, title = {Nieuw onderzoek naar keuzehulp bij stoppen met roken}, author = {Gultz, Thomas}, journal =
  {Verslaving}, year = {2021}, abstract = {In een gerandomiseerde studie onderzochten wij of een keuzehulp het gebruik
  van stopondersteuning verhoogt.}}
@article{d3, title = {An online decision aid for smokers}, author = {Gultz, Thomas}, journal = {JMIR Research Protocols},
  year = {2020}, abstract = {We describe the development of an online decision aid that helps smokers choose
  evidence-based cessation assistance.}}
@article{d4, title = {Agreeing and disagreeing replies to negative statements}, author = {Gultz, Thomas}, journal =
  {Journal of Pragmatics}, year = {2019}, abstract = {Speakers of Spanish replied to negative statements with a
  rising contour when they disagreed.}}
@article{d5, title = {Mystinen leukasärky, kaksoiskuvat ja hajoavat punasolut}, author = {Gultz, Thomas}, journal =
  {Duodecim}, year = {2023}, abstract = {Mysterious chin ache, double vision and shattering red blood cells: a case
  report of a woman of nearly eighty years.}}
"""


def test_papers_are_told_apart_by_the_language_they_are_written_in(tmp_path, embedder):
    """"Written in Dutch" counts the papers the detector reads as Dutch; a language a paper studies ("replies to
    negative statements in Spanish") is its subject, no filter."""
    assistant = assistant_on(DECISION_AIDS, tmp_path, embedder)
    answer = assistant.ask("How many of his publications are written in Dutch?")
    assert {p.title: p.language for p in assistant.library.papers}["An online decision aid for smokers"] == "en"
    assert answer.text.startswith("The record holds 2 papers written in Dutch")
    assert {c.title for c in answer.citations} == {"Keuzehulp helpt roker aan geschikte stopmethode",
                                                   "Nieuw onderzoek naar keuzehulp bij stoppen met roken"}
    assert assistant.ask("List his English-language articles.").text.startswith("The record holds 2 papers written in "
                                                                                 "English")
    # a paper with a title in Finnish is in Finnish, though its abstract (as journals add) is in English
    answer = assistant.ask("Which case report, written in Finnish, describes chin ache and double vision?")
    assert [c.title for c in answer.citations] == ["Mystinen leukasärky, kaksoiskuvat ja hajoavat punasolut"]
    # a gloss in brackets saying the language again, and the titles' language
    answer = assistant.ask("Which of his papers are written in Dutch (title and abstract in Dutch)?")
    assert answer.text.startswith("The record holds 2 papers written in Dutch")
    assert assistant.ask("How many of his entries have a Dutch-language title?").text.startswith(
        "The record holds 2 papers written in Dutch")
    question = "Which contour marks disagreeing replies to negative statements in Spanish?"
    assert assistant.understand(question).filters.language == ""
    assert "rising contour" in assistant.ask(question).text


WALKING = r"""
@article{w1, title = {Predicting metabolic rate from GPS speed}, author = {Mullen, Pierre}, journal = {Med Sci Sports
  Exerc}, year = {2016}, abstract = {Speed and grade from a GPS receiver predicted metabolic rate during uphill walking
  (R 2 = 0.82, RMSE = 0.79 MET).}}
@article{w2, title = {Walking pain in daily life}, author = {Mullen, Pierre}, journal = {Ann Vasc Surg}, year = {2020},
  abstract = {A wearable monitor recorded walking pain in patients with artery disease.}}
@article{w3, title = {SGLT2 inhibitors in older walkers}, author = {Mullen, Pierre}, journal = {Gait Posture}, year = {2022},
  abstract = {Walking speed under SGLT 2 inhibition fell with age.}}
"""


def test_a_symbol_whose_superscript_the_export_lost_is_no_name_the_record_lacks(tmp_path, embedder):
    """"R2" of a record that writes "R 2 = 0.82" (an export's lost superscript) is there."""
    assistant = assistant_on(WALKING, tmp_path, embedder)
    question = "When GPS speed was used to predict metabolic rate during uphill walking, what R2 was obtained?"
    assert assistant.understand(question).missing == []
    answer = assistant.ask(question)
    assert answer.status == "answered" and "0.82" in answer.text
    assert assistant.understand("What did his Q7 model of uphill walking predict?").missing  # written nowhere
    # a symbol the record also writes whole stays whole
    assert "sglt2" in assistant.understand("What walking speed did older walkers on SGLT2 inhibitors reach?").salient


GAME_BOOKS = r"""
@book{b1, title = {Scholar's codex}, editor = {Ford, Dom and Gualeni, Stefano}, publisher = {Tune \& Fairweather},
  year = {2026}}
@incollection{b2, title = {The curse of knowledge: an introduction}, author = {Ford, Dom and Gualeni, Stefano},
  editor = {Ford, Dom and Gualeni, Stefano}, booktitle = {Scholar's codex}, year = {2026}}
@article{b3, title = {On fictional games}, author = {Gualeni, Stefano and Ford, Dom}, journal = {Game Studies},
  year = {2024}, abstract = {Games that exist only in fiction.}}
@article{b4, title = {Giants in games}, author = {Ford, Dom}, journal = {Games and Culture}, year = {2021},
  abstract = {The giant as a figure of excess.}}
"""


def test_an_edited_book_is_no_work_its_editors_co_authored(tmp_path, embedder):
    """An edited book is credited to its editors (as BibTeX does), so it is among the works listing them; it is no
    work they co-authored."""
    assistant = assistant_on(GAME_BOOKS, tmp_path, embedder)
    answer = assistant.ask("On how many of his works is Stefano Gualeni a co-author?")
    assert answer.text.startswith("The record holds 2 papers")
    assert sorted(c.title for c in answer.citations) == ["On fictional games", "The curse of knowledge: an introduction"]
    assert assistant.ask("How many of his works list Stefano Gualeni?").text.startswith("The record holds 3 papers")


def test_what_the_papers_a_filter_names_did_is_answered_from_each_of_them(ecology):
    """"What did her 2024 papers propose?": no subject to judge, only the papers the year names, each quoted."""
    answer = ecology.ask("What did her 2024 papers propose?")
    assert answer.status == "answered"
    assert {c.title for c in answer.citations} == {"Microplastic Ingestion by Coastal Filter Feeders",
                                                   "Restoring Oyster Reefs with Recycled Shell Substrate"}
    # a verb after a venue's acronym is the question's, not a noun the acronym qualifies
    at_venue = ecology.ask("What did her papers at ECRS propose?")
    assert {c.title for c in at_venue.citations} == {"Sea Urchin Barrens and Predator Recovery in Marine Reserves",
                                                     "Passive Acoustic Monitoring of Dolphin Foraging"}


TWO_OF_A_NAME = r"""
@article{t1, title = {Tidewatch: A graphical modeling approach to estuary mixing}, author = {Moss, Eva},
  journal = {Computer Speech and Language}, year = {2010}, abstract = {A factorial graphical model tracks salt and heat.}}
@inproceedings{t2, title = {Tidewatch: The 2006 field campaign system}, author = {Moss, Eva}, booktitle = {Interspeech},
  year = {2006}, abstract = {Buoys logged salinity every minute for a year.}}
"""


def test_a_question_saying_more_of_one_of_two_titles_opening_with_one_name_names_that_one(tmp_path, embedder):
    assistant = assistant_on(TWO_OF_A_NAME, tmp_path, embedder)
    one = assistant.understand("In which journal did the graphical-modeling Tidewatch paper appear?")
    assert [p.title for p in one.named] == ["Tidewatch: A graphical modeling approach to estuary mixing"]
    assert len(assistant.understand("Where did the Tidewatch papers appear?").named) == 2


GLACIERS = r"""
@article{g1, title = {Erosion rates beneath temperate glaciers}, author = {Halvorsen, Ingrid}, journal = {Geology},
  year = {2018}, abstract = {Sediment yields from the Aletsch glacier gave erosion rates of 1.2 mm per year over
  two decades of monitoring in the Swiss Alps.}}
@article{g2, title = {Fjord sediments and deglaciation}, author = {Halvorsen, Ingrid}, journal = {Boreas},
  year = {2020}, abstract = {Cores from fjords in Patagonia record deglaciation since 17 ka.}}
@article{g3, title = {Moraine dating with cosmogenic nuclides}, author = {Halvorsen, Ingrid and Berg, Ola},
  journal = {Quaternary Science Reviews}, year = {2021}, abstract = {Beryllium-10 ages of moraines in Norway span
  the Little Ice Age.}}
"""


def test_a_place_put_in_a_described_paper_that_does_not_name_it_is_a_false_premise(tmp_path, embedder):
    assistant = assistant_on(GLACIERS, tmp_path, embedder)
    answer = assistant.ask("In the erosion rates study, how fast did the glaciers in Patagonia erode?")
    assert answer.status == "near_miss"
    assert answer.text.startswith("The record has no paper on erosion rates and Patagonia")
    answer = assistant.ask("In the erosion rates study, how fast did the Aletsch glacier erode?")
    assert answer.status == "answered" and answer.citations[0].title == "Erosion rates beneath temperate glaciers"
    assert "1.2 mm per year" in answer.text
    # the year of a study described is when it appeared, not a subject the record must name
    assert assistant.understand("In the 2018 erosion rates study, how fast did the Aletsch glacier erode?").presupposed \
        == [["eros", "rate"]]
    answer = assistant.ask("In her 2018 study of erosion rates in Patagonia, how fast did the glaciers erode?")
    assert answer.status == "near_miss" and "Patagonia" in answer.text.splitlines()[0]


REEF_FISHES = r"""
@article{r1, title = {Speciation in angelfishes}, author = {Moreau, Lea}, journal = {Evolution}, year = {2019},
  abstract = {RADseq markers from 60 angelfishes dated the splits between species.}}
@article{r2, title = {An atoll as a model of small populations}, author = {Moreau, Lea}, journal = {Coral Reefs},
  year = {2021}, abstract = {RAD sequences of five endemic reef fishes showed low genetic diversity.}}
@article{r3, title = {Mate copying in zebrafish}, author = {Moreau, Lea}, journal = {Behaviour}, year = {2022},
  abstract = {Females copied the mate choice of others in 40 trials.}}
"""


def test_a_phrase_with_its_short_form_in_brackets_is_found_under_either(tmp_path, embedder):
    assistant = assistant_on(REEF_FISHES, tmp_path, embedder)
    answer = assistant.ask("Which of her papers use RAD sequencing (RADseq)?")
    assert answer.status == "answered"
    assert sorted(c.title for c in answer.citations) == ["An atoll as a model of small populations",
                                                         "Speciation in angelfishes"]


GLASSES = r"""
@article{g1, title = {Sulfur speciation in volcanic glass}, author = {Ndiaye, Awa}, journal = {Chemical Geology},
  year = {2019}, abstract = {S K-edge XANES spectra of twelve glasses showed sulfate above a threshold of oxygen
  fugacity.}}
@article{g2, title = {Iron in basaltic glass}, author = {Ndiaye, Awa}, journal = {American Mineralogist},
  year = {2021}, abstract = {X-ray absorption near-edge structure spectra of iron gave its oxidation state in
  forty basalts.}}
@article{g3, title = {Crystal growth in cooling lava}, author = {Ndiaye, Awa}, journal = {Lithos}, year = {2022},
  abstract = {Plagioclase crystals grew faster in lavas cooled at ten degrees per minute.}}
@article{g4, title = {Raman spectroscopy of hydrous glasses}, author = {Ndiaye, Awa}, journal = {Lithos},
  year = {2020}, abstract = {Raman spectroscopy measured the water content of glasses near the edge of the melt
  inclusions, whose structure changed with water.}}
@article{g5, title = {X-ray diffraction of mantle minerals}, author = {Ndiaye, Awa}, journal = {Lithos},
  year = {2023}, abstract = {X-ray diffraction gave the structure of olivine under pressure.}}
"""


def test_a_short_form_from_a_hyphened_words_first_part_is_the_phrase_in_brackets_before_it(tmp_path, embedder):
    """XANES is X-ray Absorption Near-Edge Structure: "ray" gives no letter of it, yet the brackets define it, so a
    paper writing either form uses each word of the phrase."""
    assert abbreviated("XANES", "use X-ray absorption near-edge structure") == "X-ray absorption near-edge structure"
    assert abbreviated("scRNA-seq", "of single-cell RNA sequencing") == "single-cell RNA sequencing"
    assert abbreviated("XRD", "use X-ray absorption near-edge structure") == ""
    assistant = assistant_on(GLASSES, tmp_path, embedder)
    query = assistant.understand("Which of her papers use X-ray absorption near-edge structure (XANES) spectroscopy?")
    assert ["absorpt", "xane"] in query.alternatives and ["structur", "xane"] in query.alternatives
    answer = assistant.ask("Which of her papers use X-ray absorption near-edge structure (XANES) spectroscopy?")
    cited = {c.title for c in answer.citations}
    assert {"Iron in basaltic glass", "Sulfur speciation in volcanic glass"} <= cited
    assert "Crystal growth in cooling lava" not in cited


REEF_BEHAVIOUR = r"""
@article{w1, title = {Anvil use by wrasses}, author = {Tariel, Julie}, journal = {Coral Reefs}, year = {2025},
  abstract = {Many animals use tools (e.g., primates, parrots, octopus and crabs), but why tool use evolves is poorly
  understood. Wrasses strike hard-shelled prey on rocks: we filmed anvil use in 14 wrasse species.}}
@article{w2, title = {Cleaner shrimp and client fish}, author = {Tariel, Julie}, journal = {Marine Biology},
  year = {2023}, abstract = {Client fish visited cleaner shrimp stations more often at dawn.}}
@article{w3, title = {Schooling in juvenile snappers}, author = {Tariel, Julie}, journal = {Marine Biology},
  year = {2022}, abstract = {Juvenile snappers schooled more tightly near predators.}}
"""


def test_a_word_a_paper_names_only_among_examples_in_brackets_is_not_what_it_is_on(tmp_path, embedder):
    """"(e.g., primates, parrots, octopus)" names octopus in passing: the record has nothing on tool use in octopus,
    and the paper is the closest; asked of wrasses, it answers."""
    assistant = assistant_on(REEF_BEHAVIOUR, tmp_path, embedder)
    answer = assistant.ask("What has she written on tool use in octopus?")
    assert answer.status == "near_miss" and "octopus" in answer.text.splitlines()[0]
    answer = assistant.ask("What has she written on tool use in wrasses?")
    assert answer.status == "answered" and [c.title for c in answer.citations] == ["Anvil use by wrasses"]


def test_a_paper_pointed_at_by_its_place_in_the_answer_before_is_the_one_asked_about(tmp_path, embedder):
    """"Tell me more about the second one", "who wrote the last one?", "paper [1]": the paper at that place of the
    latest answer listing several; a place that answer does not have points at nothing."""
    assistant = assistant_on(REEF_BEHAVIOUR, tmp_path, embedder)
    first = assistant.ask("List her papers.")
    listed = [c.title for c in first.citations]
    assert len(listed) == 3
    history = [{"role": "user", "content": "List her papers."},
               {"role": "assistant", "content": first.text}]
    more = assistant.ask("Tell me more about the second one", history=history)
    assert more.status == "answered" and [c.title for c in more.citations] == [listed[1]]
    who = assistant.ask("Who wrote the last one?", history=history)
    assert who.route == "metadata" and [c.title for c in who.citations] == [listed[-1]]
    assert [c.title for c in assistant.ask("What did paper [1] find?", history=history).citations] == [listed[0]]
    assert assistant.understand("Tell me more about the ninth one", history=history).referents == []
    # "it" after one paper asks what it is about, not which papers the record holds
    about = assistant.ask("What is it about?", history=[{"role": "user", "content": "Tell me about anvil use"},
                                                         {"role": "assistant", "content": "**Anvil use by wrasses**"}])
    assert about.route != "metadata" and [c.title for c in about.citations] == ["Anvil use by wrasses"]
    assert "Many animals use tools" in about.text


HONEYBEES = r"""
@article{h1, title = {Gut microbiome composition predicts honeybee colony survival over winter}, author = {Smith, Jane},
  journal = {Apidologie}, year = {2022}, abstract = {We sequenced the gut microbiome of 1,200 honeybees from 60
  colonies before winter. Colonies with higher Lactobacillus abundance were 2.3 times more likely to survive.
  Pesticide exposure reduced microbial diversity.}}
@article{h2, title = {Fin regeneration regulators in zebrafish}, author = {Smith, Jane}, journal = {Development},
  year = {2021}, abstract = {A screen of 400 genes identified 12 regulators of caudal fin regeneration.}}
@article{h3, title = {Heat-tolerant photosynthesis in rice}, author = {Smith, Jane}, journal = {Plant Cell},
  year = {2023}, abstract = {A thermostable Rubisco activase kept photosynthesis 30% higher at 40 degrees.}}
"""


def test_a_premise_the_nearest_paper_states_the_other_way_is_contradicted_though_a_word_of_it_is_missing(
        tmp_path, embedder):
    """"Why did pesticide exposure increase microbial diversity?" of a record that never says "increase": not a near
    miss for the word, but the paper's "reduced microbial diversity"."""
    assistant = assistant_on(HONEYBEES, tmp_path, embedder)
    answer = assistant.ask("Why did pesticide exposure increase microbial diversity?")
    assert answer.status == "contradicted" and "reduced microbial diversity" in answer.text
    assert [c.title for c in answer.citations] == ["Gut microbiome composition predicts honeybee colony survival over "
                                                   "winter"]


AMPHIBIANS = r"""
@article{a1, title = {Heat tolerance of garden skinks after a heatwave}, author = {Okafor, Ada and Phillip, Mary},
  journal = {Journal of Thermal Biology}, year = {2018}, abstract = {We measured the critical thermal maximum of 48
  skinks before and after a heatwave. Males but not females raised their critical thermal maximum after the heatwave,
  by 1.1 degrees on average. Recovery did not require shelter or water, so garden skinks cope in bare lots.}}
@article{a2, title = {Pond temperature and tadpole growth}, author = {Okafor, Ada}, journal = {Oecologia},
  year = {2020}, abstract = {Tadpoles of the common frog were reared in twelve ponds. Tadpoles in warm ponds grew faster
  than those in cold ponds, and metamorphosed eight days earlier. Shy tadpoles did not shift their diet, while bold
  tadpoles switched to algae. Shade cloth over the ponds increased tadpole survival by a third.}}
@article{a3, title = {Seagrass loss in Port Phillip Bay}, author = {Okafor, Ada and Phillip, Mary},
  journal = {Marine Ecology Progress Series}, year = {2022}, abstract = {Seagrass cover in Port Phillip Bay fell by a
  third between 2000 and 2020, more than 20% of it after storms. Loss was largest in wind-unsheltered bays.}}
@article{a4, title = {Clutch size of green and brown anoles}, author = {Okafor, Ada}, journal = {Herpetologica},
  year = {2023}, abstract = {We counted eggs in 120 clutches. Females laid 2.1 eggs per clutch in green anoles and 3.4
  in brown anoles.}}
@article{a5, title = {Northward spread of cane toads along the coast}, author = {Okafor, Ada}, journal = {Biological
  Invasions}, year = {2019}, abstract = {Cane toads spread along the coast by 40 km per year between 2005 and 2015.}}
@article{a6, title = {Rainfall and the calling of tree frogs}, author = {Okafor, Ada}, journal = {Animal Behaviour},
  year = {2021}, abstract = {We recorded tree frogs calling on 200 nights. Only about 20% of the variance in nightly
  calling of tree frogs was explained by rainfall; calling followed temperature.}}
@article{a7, title = {Clutch sizes of three pond frogs}, author = {Okafor, Ada}, journal = {Amphibia-Reptilia},
  year = {2024}, abstract = {We counted the clutches of three frogs in one pond. Mean clutch sizes differed: 45 eggs
  (Hyla arborea), 30 eggs (Bufo bufo) and 12 eggs (Rana temporaria).}}
"""


@pytest.mark.parametrize("question, said, right", [
    ("In her heatwave paper, why did females but not males raise their critical thermal maximum?",
     "Males but not females raised their critical thermal maximum", ("females but not males", "males but not females")),
    ("In her tadpole paper, why did tadpoles in cold ponds grow faster than those in warm ponds?",
     "Tadpoles in warm ponds grew faster than those in cold ponds", ("cold ponds grow faster than those in warm",
                                                                    "warm ponds grow faster than those in cold")),
    ("In her tadpole paper, why did shy tadpoles switch to algae while bold tadpoles did not?",
     "Shy tadpoles did not shift their diet, while bold tadpoles switched to algae",
     ("shy tadpoles switch to algae while bold", "bold tadpoles switch to algae while shy")),
    ("In her tadpole paper, why did shade cloth reduce tadpole survival?",
     "Shade cloth over the ponds increased tadpole survival by a third", ("reduce", "increase")),
    ("In her heatwave paper, why did the skinks' recovery require shelter and water?",
     "Recovery did not require shelter or water", ("require", "not require")),
    ("In the seagrass paper, why was the loss largest in wind-sheltered bays?",
     "Loss was largest in wind-unsheltered bays", ("wind-sheltered", "wind-unsheltered")),
    ("In her anole paper, why did green anoles lay more eggs per clutch than brown anoles?",
     "Females laid 2.1 eggs per clutch in green anoles and 3.4", ("green anoles lay more eggs per clutch than brown",
                                                                  "brown anoles lay more eggs per clutch than green")),
    # a paper said to have found a thing, which it found in the opposite direction, or found a small share of
    ("In the paper that found cane toads spread southward along the coast, how fast did they spread?",
     "Northward spread of cane toads along the coast", ("southward", "northward")),
    ("In her paper showing that skink recovery required shelter and water, how many skinks were measured?",
     "Recovery did not require shelter or water", ("showing that skink recovery required", "on skink recovery after")),
    ("How did her tree frog study show that rainfall explains most of the variance in nightly calling?",
     "Only about 20% of the variance in nightly calling", ("most", "a fifth")),
    # figures that put last what the question says is first
    ("In her pond frog paper, why did Rana temporaria lay the largest clutches?", "12 eggs (Rana temporaria)",
     ("Rana temporaria", "Hyla arborea")),
])
def test_a_finding_presupposed_the_other_way_round_is_said_to_be_contradicted(tmp_path, embedder, question, said,
                                                                              right):
    """"Why did A but not B ...?" of a paper finding it of B but not A, "why did X reduce Y?" of one where X increased
    Y, "why did it require X?" of one saying it did not: not answered as asked. The answer says the paper does not
    bear the premise out and quotes its sentence; asked the right way round, it is answered."""
    assistant = assistant_on(AMPHIBIANS, tmp_path, embedder)
    answer = assistant.ask(question)
    assert answer.status == "contradicted"
    assert answer.text.startswith("The record does not bear out the question's premise")
    assert said in answer.text and len(answer.citations) == 1
    assert assistant.ask(question.replace(*right)).status == "answered"


@pytest.mark.parametrize("question, contradicted", [
    ("Why did his analysis conclude that more variable river flows help salmon populations?", True),
    ("Why did his analysis conclude that more variable river flows threaten salmon populations?", False),
])
def test_helping_what_a_paper_says_is_threatened_is_contradicted(question, contradicted):
    from assistant.answerability import contradicting

    paper = Paper(title="Increasing river flow variability threatens depleted salmon populations",
                  abstract="We analysed 21 salmon populations. Populations declined where river flows became more "
                           "variable.")
    assert bool(contradicting(question, paper)) is contradicted


@pytest.mark.parametrize("question, abstract", [
    # the question asks only above a threshold; the paper's negation is of below it
    ("Why does rainfall affect wheat yield only above a threshold?",
     "Low rainfall did not affect wheat yield. Above a threshold, rainfall raised yield."),
    # the negation is set against what the sentence says instead
    ("Why did heavy rainfall affect wheat yield?", "Light rainfall did not affect wheat yield, but heavy rainfall did."),
    # "with and without" negates nothing
    ("Why did fracture risk rise in adults with type 2 diabetes mellitus?",
     "Fracture risk rose in adults with and without type 2 diabetes mellitus."),
    # "not only" affirms
    ("Why were the reference genes stable across tissues?",
     "The reference genes proved stable not only across tissues, as earlier work showed."),
    # asked whether, not taken as given
    ("Did shade cloth reduce tadpole survival?", "Shade cloth increased tadpole survival by a third."),
    # only the sentence asking "why" is taken as given, not the questions after it
    ("Why is seasonal prediction of winter rain so hard? What skill do hindcasts reach in predicting rain anomalies?",
     "Models show nearly no skill in predicting rain anomalies linked to the jet."),
    # a paper said to have found what it found, in the same direction, or a share that is most
    ("In the paper that found the overturning weakened southward, how large was the decline?",
     "The overturning weakened southward of 26N, and weakened northward of it too."),
    ("How did the study show that wind explains most of the decline of the overturning?",
     "Only about 70% of the decline of the overturning was explained by wind."),
    # "avoiding" negates; "not A but B" says B; terms scattered over a list are no statement
    ("Is there a paper showing how to model the overturning on unbounded domains with no artificial outer boundary?",
     "We model the overturning on unbounded domains, avoiding the introduction of an artificial outer boundary."),
    ("Is there a paper showing that the overturning's eddies are not randomly distributed but cluster into channels?",
     "Central to this is whether the distribution of the overturning's eddies is random or not."),
    ("Why could the overturning not be measured at the western boundary and the Florida Strait?",
     "We measured the overturning at five arrays along the section: two at the western boundary, one in the "
     "Florida Strait and two east of the ridge."),
    # years are no figures of the things compared
    ("Why was the overturning weaker from April 2008 to March 2012 than in the first years of observation?",
     "From April 2008 to March 2012, the overturning was 2.7 Sv weaker than in the first four years of observation."),
])
def test_a_premise_the_paper_bears_out_is_not_contradicted(question, abstract):
    from assistant.answerability import contradicting

    title = "Observed decline of the overturning circulation 2004-2012"
    assert contradicting(question, Paper(title=title, abstract=abstract)) == ""


def test_a_quantity_after_than_and_a_comparison_without_a_claim_are_not_contrasts():
    from assistant.answerability import contrasts

    assert contrasts("Seagrass cover fell by a third, more than 20% of it after storms.") == []
    assert contrasts("What did the survey cost per person compared with clinic testing?") == []
    [claim] = contrasts("Clinic testing cost less than self-testing.")
    assert "self" in claim.first and "clinic" in claim.second  # the lesser side is the second


def test_a_surname_ending_another_name_is_not_the_person(tmp_path, embedder):
    """"the Port Phillip seagrass study" names a bay, though Phillip is a co-author; "with Phillip" and "with
    Professor Phillip" are the person."""
    assistant = assistant_on(AMPHIBIANS, tmp_path, embedder)
    assert not assistant.understand("In the Port Phillip seagrass study, how much cover was lost?").filters.author
    for question in ("Which papers did she write with Phillip?", "Which papers did she write with Professor Phillip?"):
        assert assistant.understand(question).filters.author == "Mary Phillip"


def test_a_venue_written_with_an_ampersand_is_the_venue_written_with_and(tmp_path, embedder):
    """"Systematic & Applied Acarology" and "Systematic and Applied Acarology" are one journal, asked either way."""
    bib = r"""
@article{m1, title = {A new Cosmolaelaps from Andean soils}, author = {Rojas, Ana}, journal = {Systematic \& Applied
  Acarology}, year = {2019}}
@article{m2, title = {Gamasellodes of Colombia}, author = {Rojas, Ana}, journal = {Systematic and Applied Acarology},
  year = {2021}}
@article{m3, title = {Soil mites as thrips predators}, author = {Rojas, Ana}, journal = {Experimental and Applied
  Acarology}, year = {2022}}
"""
    assistant = assistant_on(bib, tmp_path, embedder)
    for question in ("How many of her papers appeared in Systematic and Applied Acarology?",
                     "How many of her papers appeared in Systematic & Applied Acarology?"):
        answer = assistant.ask(question)
        assert answer.text.startswith("The record holds 2 papers")
        assert sorted(c.title for c in answer.citations) == ["A new Cosmolaelaps from Andean soils",
                                                             "Gamasellodes of Colombia"]


def test_a_word_glossed_in_brackets_is_found_under_either(tmp_path, embedder):
    """"insect-killing (entomopathogenic) nematodes": a record writing only "entomopathogenic" is on them."""
    bib = r"""
@article{n1, title = {Symbionts of entomopathogenic nematodes in soil}, author = {Keller, Ines}, journal = {Soil
  Biology}, year = {2019}, abstract = {Xenorhabdus bacteria carried by entomopathogenic nematodes kill beetle larvae.}}
@article{n2, title = {Oak bark microbiota}, author = {Keller, Ines}, journal = {Forests}, year = {2021},
  abstract = {Bacteria of oak bark differed between healthy and declining trees.}}
"""
    answer = assistant_on(bib, tmp_path, embedder).ask(
        "Which of her papers study the bacteria of insect-killing (entomopathogenic) nematodes?")
    assert answer.status == "answered"
    assert [c.title for c in answer.citations][:1] == ["Symbionts of entomopathogenic nematodes in soil"]


def test_a_name_in_capitals_is_named_when_written_capitalised(tmp_path, embedder):
    """"the Flama framework paper" names "FLAMA: ..." as well as "Flama: ...", and of the two the one whose title
    says more of the question; a lower-case word is no name ("the flama of the debate")."""
    bib = r"""
@article{f1, title = {FLAMA: A collaborative effort to build a new framework for the automated analysis of feature
  models}, author = {Horta, Luis}, journal = {Journal of Systems and Software}, year = {2023},
  abstract = {Feature models span up to 7000 features; FLAMA bridges Java tools with the Python ecosystem.}}
@inproceedings{f2, title = {Flama: un esfuerzo colaborativo para el análisis de modelos de variabilidad},
  author = {Horta, Luis}, booktitle = {JISBD}, year = {2024}, abstract = {Presentamos la herramienta Flama.}}
@article{f3, title = {Energy use of mobile apps}, author = {Horta, Luis}, journal = {Software}, year = {2022},
  abstract = {Refactorings cut the energy use of Android apps.}}
"""
    assistant = assistant_on(bib, tmp_path, embedder)
    query = assistant.understand("Which ecosystem did the Flama framework for feature models bridge Java tools with?")
    assert [p.title for p in query.named] == [
        "FLAMA: A collaborative effort to build a new framework for the automated analysis of feature models"]
    assert "Python" in assistant.ask("Which ecosystem did the Flama framework for feature models bridge Java tools "
                                     "with?").text


def test_a_place_adjective_put_in_a_described_paper_that_does_not_name_it_is_a_false_premise(tmp_path, embedder):
    """"which Colombian greenhouses" of a study in the Netherlands, in a record with Colombian studies elsewhere:
    the premise joins two papers."""
    bib = r"""
@article{c1, title = {A new Cosmolaelaps species from rose greenhouses}, author = {Ruiz, Eva}, journal = {Zootaxa},
  year = {2020}, abstract = {Mites were collected from rose greenhouses in the Netherlands and described.}}
@article{c2, title = {Soil mites of Colombian rose crops}, author = {Ruiz, Eva}, journal = {Acarologia}, year = {2018},
  abstract = {Colombian rose fields near Bogota held 20 species of soil mites. Colombia grows most cut roses.}}
"""
    assistant = assistant_on(bib, tmp_path, embedder)
    answer = assistant.ask("In her paper on the new Cosmolaelaps species, which Colombian rose greenhouses were the "
                           "mites collected from?")
    assert answer.status == "near_miss" and "Colombian" in answer.text.splitlines()[0]
    answer = assistant.ask("In her paper on the new Cosmolaelaps species, where were the mites collected?")
    assert answer.status == "answered" and "Netherlands" in answer.text


LAB_MEDICINE = r"""
@article{h1, title = {Your results may vary: the imprecision of medical measurements}, author = {Holm, Dan and Mack, Jo},
  journal = {BMJ}, year = {2020}, abstract = {This practice pointer explains measurement error and biological variation
  of serial laboratory tests.}}
@article{h2, title = {Aluminium toxicity after injection of boiled methadone}, author = {Holm, Dan}, journal = {New England
  Journal of Medicine}, year = {2006}, abstract = {A man in rehabilitation had seizures; his serum aluminium was 6650 nmol
  per litre after he injected boiled methadone.}}
@article{h3, title = {Trace elements in hemodialysis patients}, author = {Holm, Dan}, journal = {Kidney International},
  year = {2017}, abstract = {Plasma concentrations of 25 trace elements were measured in 1278 hemodialysis patients.}}
@article{h4, title = {An immunoaffinity mass spectrometry assay for angiotensin I}, author = {Holm, Dan},
  journal = {Frontiers in Endocrinology}, year = {2012}, abstract = {The immunoaffinity assay quantifies angiotensin I in
  plasma with a limit of detection of 5 pmol/L.}}
@article{h5, title = {Intranasal corticosteroids lower morning cortisol}, author = {Holm, Dan}, journal = {Clinical
  Biochemistry}, year = {2021}, abstract = {Morning plasma cortisol fell in patients using intranasal corticosteroids.}}
@article{h6, title = {Near-infrared spectroscopy classifies children with ADHD}, author = {Holm, Dan},
  journal = {Frontiers in Psychiatry}, year = {2017}, abstract = {A classifier trained on fNIRS recordings told 22 children
  with ADHD from 22 typically developing children with an accuracy of 81%.}}
@article{h7, title = {Motor abnormalities of children with autism}, author = {Holm, Dan}, journal = {Journal of Autism},
  year = {2018}, abstract = {Machine learning on kinematic data identified children with autism with an accuracy of 93%.}}
@article{h8, title = {Support vector machines for early diagnosis of Alzheimer's disease: a review}, author = {Holm, Dan},
  journal = {Current Alzheimer Research}, year = {2016}, abstract = {We reviewed support vector machine studies of MRI for
  early diagnosis of Alzheimer's disease. A total of 30 studies emerged, published from 2008 to date.}}
"""


@pytest.fixture(scope="module")
def lab_medicine(tmp_path_factory, embedder):
    return assistant_on(LAB_MEDICINE, tmp_path_factory.mktemp("lab_medicine"), embedder)


def test_the_kind_of_piece_said_before_a_named_paper_asks_no_topic(lab_medicine):
    answer = lab_medicine.ask("Where was his practice pointer 'Your results may vary' published?")
    assert answer.route == "metadata" and "BMJ" in answer.text


@pytest.mark.parametrize("question, presupposed", [
    ("In his case report of lithium toxicity in a dialysis patient, what level was measured?",
     [["lithium", "toxic", "dialysi", "patient"]]),
    # what a researcher made for a purpose: the words around the noun, which a paper may call otherwise
    ("What limit of detection did his mass spectrometry assay for plasma cortisol achieve?",
     [["mass", "spectrometri", "plasma", "cortisol"]]),
    ("In his 2017 paper using fNIRS to classify children with autism, what accuracy was reached?",
     [["fnir", "child", "autism"]]),
])
def test_what_a_question_takes_a_made_thing_or_a_report_to_be_about(lab_medicine, question, presupposed):
    assert lab_medicine.understand(question).presupposed == presupposed


def test_a_described_report_method_or_analysis_joining_two_papers_is_a_false_premise(lab_medicine):
    answer = lab_medicine.ask("What limit of detection did his mass spectrometry assay for plasma cortisol achieve?")
    assert answer.status == "near_miss"
    answer = lab_medicine.ask("What limit of detection did his mass spectrometry assay for angiotensin I achieve?")
    assert answer.status == "answered" and "5 pmol/L" in answer.text
    # each part is in some paper, none holds them all: the lead names the whole of what was asked, not "autism"
    answer = lab_medicine.ask("In his 2017 paper using fNIRS to classify children with autism, what accuracy was "
                              "reached?")
    assert answer.status == "near_miss"
    assert "using fNIRS to classify children with autism" in answer.text.splitlines()[0]
    answer = lab_medicine.ask("In his paper using fNIRS to classify children with ADHD, what accuracy was reached?")
    assert answer.status == "answered" and "81%" in answer.text
    # a name may open with small letters, or with an elided article
    assert "fnir" in lab_medicine.understand("Which papers use fNIRS?").proper
    assert "aquila" in lab_medicine.understand("Which of his assays were validated in L'Aquila?").proper
    assert "ivoir" in lab_medicine.understand("Which of his assays were validated in Côte d'Ivoire?").proper


def test_a_publishers_family_of_journals_is_every_venue_under_its_name(lab_medicine):
    answer = lab_medicine.ask("How many of his articles were published in Frontiers journals?")
    assert sorted(c.title for c in answer.citations) == ["An immunoaffinity mass spectrometry assay for angiotensin I",
                                                         "Near-infrared spectroscopy classifies children with ADHD"]


def test_things_counted_inside_one_work_are_not_a_count_of_papers(lab_medicine):
    assert not lab_medicine.understand("How many studies did his review of support vector machines retrieve?").broad
    assert lab_medicine.understand("How many studies did he publish in 2017?").broad
    answer = lab_medicine.ask("How many studies did his review of support vector machines retrieve?")
    assert "30 studies" in answer.text and len(answer.citations) == 1


def test_a_venue_abbreviated_as_nlm_writes_it_is_asked_as_written_or_in_full(tmp_path, embedder):
    """"Schizophr. Res." is one abbreviated name, not a journal "Schizophr" with a section after its full stop."""
    bib = r"""
@article{s1, title = {Plasma glutathione in psychosis}, author = {Hay, Lin}, journal = {Schizophr. Res.}, year = {2019},
  abstract = {Glutathione was lower in plasma of patients with psychosis.}}
@article{s2, title = {Superoxide dismutase in cerebrospinal fluid}, author = {Hay, Lin}, journal = {Schizophr. Res.},
  year = {2017}, abstract = {SOD1 in cerebrospinal fluid was reduced in early psychosis.}}
@article{s3, title = {Microglia after prenatal immune stress}, author = {Hay, Lin}, journal = {Transl. Psychiatry},
  year = {2021}, abstract = {Maternal immune activation blunted microglia activation in offspring.}}
@article{s4, title = {Cytokines in bipolar disorder}, author = {Hay, Lin}, journal = {Front. Psychiatry}, year = {2022},
  abstract = {Interleukin 6 was raised in bipolar disorder.}}
"""
    assistant = assistant_on(bib, tmp_path, embedder)
    # a family of journals named in full where the record abbreviates its first word
    answer = assistant.ask("In the 2022 Frontiers paper on bipolar disorder, which cytokine was raised?")
    assert answer.status == "answered" and [c.title for c in answer.citations] == ["Cytokines in bipolar disorder"]
    for question in ("How many of her papers appeared in Schizophr. Res.?",
                     "How many of her papers appeared in Schizophrenia Research?"):
        answer = assistant.ask(question)
        assert answer.route == "metadata" and sorted(c.title for c in answer.citations) == [
            "Plasma glutathione in psychosis", "Superoxide dismutase in cerebrospinal fluid"]
    answer = assistant.ask("Which of her papers appeared in Transl. Psychiatry?")
    assert [c.title for c in answer.citations] == ["Microglia after prenatal immune stress"]


def test_a_specialists_word_the_record_never_uses_is_lacking_however_near_the_rest(lab_medicine):
    """A long question near a paper by its other words, none of which covers half of it, is not answered when it
    names a specialist's thing the record never uses ("minocycline"); the lead names that word."""
    answer = lab_medicine.ask("Has he run a clinical trial of an anti-inflammatory drug such as minocycline in "
                              "hemodialysis patients?")
    assert answer.status == "near_miss" and "minocycline" in answer.text.splitlines()[0]
    answer = lab_medicine.ask("Which of his papers measured plasma trace elements in patients on hemodialysis?")
    assert answer.status == "answered"


def test_a_university_is_asked_as_a_venue_only_of_a_record_with_theses(tmp_path, embedder):
    """"Which university" asks where a thesis was defended; of a record without theses, it asks what a paper says."""
    bib = r"""
@article{v1, title = {On the Shapley value and research assessment}, author = {Lupo, Franco and Demetri, Camillo},
  journal = {Journal of Informetrics}, year = {2019}, abstract = {We apply the Shapley value to the Italian research
  assessment, with Sapienza University of Rome as the case study.}}
@article{v2, title = {Inequality convergence: a world-systems theory approach}, author = {Lupo, Franco}, journal =
  {Structural Change and Economic Dynamics}, year = {2022}, abstract = {Countries converge in inequality by clubs.}}
"""
    assistant = assistant_on(bib, tmp_path, embedder)
    answer = assistant.ask("In the Journal of Informetrics article with Camillo Demetri on research assessment, which "
                           "university served as the case study?")
    assert "Sapienza University of Rome" in answer.text
    # "based on" says which paper is meant, and "which journal" asks its venue
    answer = assistant.ask("In which journal did the inequality convergence paper based on world-systems theory appear?")
    assert answer.route == "metadata" and "Structural Change and Economic Dynamics" in answer.text


def test_a_venue_whose_own_name_says_workshop_is_that_venue(tmp_path, embedder):
    bib = r"""
@inproceedings{c1, title = {Honeypots for industrial control systems}, author = {Lupo, Franco}, booktitle = {CEUR
  Workshop Proceedings}, year = {2024}, abstract = {A honeynet gathered attacks on control systems.}}
@inproceedings{c2, title = {Process mining of ship control logs}, author = {Lupo, Franco}, booktitle = {CEUR Workshop
  Proceedings}, year = {2023}, abstract = {Logs of ship control systems were mined for attacks.}}
@article{c3, title = {Light sensor covert channels}, author = {Lupo, Franco}, journal = {Information Sciences},
  year = {2025}, abstract = {Luminance values encode data between mobile apps.}}
"""
    assistant = assistant_on(bib, tmp_path, embedder)
    answer = assistant.ask("How many of his papers appeared in CEUR Workshop Proceedings?")
    assert sorted(c.title for c in answer.citations) == ["Honeypots for industrial control systems",
                                                         "Process mining of ship control logs"]


def test_the_book_a_review_is_of_is_no_kind_asked(tmp_path, embedder):
    bib = r"""
@article{r1, title = {Big data and science: a review}, author = {Salda, Rafael}, journal = {Cadernos de Saude Publica},
  year = {2022}, abstract = {This review of the book by Sabina Leonelli discusses how big data harms research.}}
@book{r2, title = {Health information systems in Brazil}, author = {Salda, Rafael}, publisher = {Fiocruz},
  year = {2025}, abstract = {A book on the information systems of the Brazilian public health system.}}
@article{r3, title = {Patient flows for cancer care}, author = {Salda, Rafael}, journal = {Health Policy}, year = {2021},
  abstract = {Network analysis of patient flows to cancer treatment.}}
"""
    assistant = assistant_on(bib, tmp_path, embedder)
    question = "Which of his publications is a review of a book by Sabina Leonelli?"
    assert assistant.understand(question).filters.kinds == set()
    assert [c.title for c in assistant.ask(question).citations][:1] == ["Big data and science: a review"]
    assert assistant.understand("How many books has he written?").filters.kinds == {"book"}


def test_the_version_of_a_kind_asked_of_a_title_given_twice(tmp_path, embedder):
    bib = r"""
@inproceedings{v1, title = {Computing the Shapley value in allocation problems}, author = {Lupo, Franco},
  booktitle = {CEUR Workshop Proceedings}, year = {2016}, abstract = {Bounds on the Shapley value for allocation.}}
@article{v2, title = {Computing the Shapley value in allocation problems}, author = {Lupo, Franco},
  journal = {Journal of Experimental and Theoretical Artificial Intelligence}, year = {2018},
  abstract = {Approximations and bounds of the Shapley value in allocation problems.}}
@article{v3, title = {Light sensor covert channels}, author = {Lupo, Franco}, journal = {Information Sciences},
  year = {2025}, abstract = {Luminance values encode data between mobile apps.}}
"""
    assistant = assistant_on(bib, tmp_path, embedder)
    answer = assistant.ask("Where did the journal version of Computing the Shapley value in allocation problems appear?")
    assert "Journal of Experimental" in answer.text and "CEUR" not in answer.text and len(answer.citations) == 1
    answer = assistant.ask("Where did the conference version of Computing the Shapley value in allocation problems "
                           "appear?")
    assert "CEUR Workshop Proceedings" in answer.text and "Journal of Experimental" not in answer.text


def test_a_journal_named_with_its_publisher_and_others_set_aside(tmp_path, embedder):
    bib = r"""
@article{m1, title = {Fly ash geopolymer concrete under sulfate attack}, author = {Qadi, Samir}, journal = {Materials},
  year = {2022}, abstract = {Geopolymer concrete made with fly ash resisted sulfate attack.}}
@article{m2, title = {Steel fibres in recycled aggregate concrete}, author = {Qadi, Samir}, journal = {Materials},
  year = {2023}, abstract = {Steel fibres raised the flexural strength of recycled aggregate concrete.}}
@article{m3, title = {Glass powder as a cement replacement}, author = {Qadi, Samir}, journal = {Frontiers in Materials},
  year = {2023}, abstract = {Waste glass powder replaced part of the cement.}}
@article{m4, title = {Shear strength of slender beams}, author = {Qadi, Samir}, journal = {Structures}, year = {2021},
  abstract = {Slender reinforced concrete beams failed in shear.}}
"""
    assistant = assistant_on(bib, tmp_path, embedder)
    # the publisher before "journal" is no part of the venue, and venues set aside in brackets leave every kind
    answer = assistant.ask("Which of his papers were published in the MDPI journal Materials (not Frontiers in "
                           "Materials or other journals with Materials in the name)?")
    assert sorted(c.title for c in answer.citations) == ["Fly ash geopolymer concrete under sulfate attack",
                                                         "Steel fibres in recycled aggregate concrete"]


def test_a_paraphrase_in_words_of_general_english_is_answered_not_lacking(tmp_path, embedder):
    """A paper described at length in a word the record never uses but English knows ("simulating") is answered: only
    a word no English lexicon holds ("minocycline", in the test above) is a thing the record lacks."""
    bib = r"""
@article{g1, title = {An open-source model of ice dynamics in Python}, author = {Rask, Ole and Berg, Tove},
  journal = {Geoscientific Model Development}, year = {2021}, abstract = {We present an open-source Python package
  that models the flow of glaciers and ice sheets with a higher-order approximation of the Stokes equations.}}
@article{g2, title = {Default options and retirement saving}, author = {Rask, Ole}, journal = {Journal of Public
  Economics}, year = {2019}, abstract = {Changing the default contribution rate raised the share of employees who
  save for retirement from 41 to 86 percent.}}
@article{g3, title = {Calving fronts of Greenland outlet glaciers}, author = {Rask, Ole}, journal = {The Cryosphere},
  year = {2020}, abstract = {Satellite images show calving fronts retreating by 1.2 km on average since 2000.}}
"""
    assistant = assistant_on(bib, tmp_path, embedder)
    answer = assistant.ask("Which of his papers introduces an open-source Python library for simulating how "
                           "glaciers flow?")
    assert answer.status == "answered" and answer.citations[0].title == "An open-source model of ice dynamics in Python"


def test_co_authors_asked_for_are_all_listed_and_a_relative_date_may_be_spelled_out(tmp_path, embedder):
    """"Who are her co-authors?" lists every co-author with the papers they share, not the most frequent few;
    "the last fifteen years" counts back from the record's date like "the last 15 years"; "where was her essay X
    published?" asks the venue of the paper named, "essay" being the kind of piece, not a topic."""
    this = date.today().year
    bib = rf"""
@article{{c1, title = {{Tidal marsh carbon burial}}, author = {{Ngata, Rua and Olsen, Pia}}, journal = {{Estuaries and
  Coasts}}, year = {{{this - 20}}}, abstract = {{Marsh sediments buried 210 g of carbon per square metre a year.}}}}
@article{{c2, title = {{Seagrass loss after heatwaves}}, author = {{Ngata, Rua and Brandt, Ida and Olsen, Pia}},
  journal = {{Marine Ecology Progress Series}}, year = {{{this - 15}}}, abstract = {{Seagrass cover fell by half.}}}}
@article{{c3, title = {{Mangrove expansion and the blue carbon ledger}}, author = {{Ngata, Rua}}, journal = {{Global
  Change Biology}}, year = {{{this - 14}}}, abstract = {{Mangroves moved poleward by 30 km.}}}}
@article{{c4, title = {{Oyster reefs as breakwaters}}, author = {{Ngata, Rua and Kahale, Leo}}, journal = {{Ecological
  Engineering}}, year = {{{this - 5}}}, abstract = {{By a systematic review we surveyed 12 articles on field trials. Reefs cut wave
  energy by 40 percent.}}}}
"""
    assistant = assistant_on(bib, tmp_path, embedder)
    for question in ("How many papers has she published in the last fifteen years?",
                     "How many papers has she published in the last 15 years?"):
        answer = assistant.ask(question)
        assert answer.route == "metadata" and sorted(c.title for c in answer.citations) == [
            "Mangrove expansion and the blue carbon ledger", "Oyster reefs as breakwaters"]
    answer = assistant.ask("Who are her co-authors?")
    assert answer.route == "metadata"
    assert all(name in answer.text for name in ("Pia Olsen: 2 papers", "Ida Brandt: 1 paper", "Leo Kahale: 1 paper"))
    assert sorted(c.title for c in answer.citations) == [
        "Oyster reefs as breakwaters", "Seagrass loss after heatwaves", "Tidal marsh carbon burial"]
    answer = assistant.ask("Who is her most frequent co-author?")
    assert answer.text.startswith("Rua Ngata's most frequent co-author in the record is Pia Olsen (2 papers).")
    answer = assistant.ask("Where was her essay on mangrove expansion and the blue carbon ledger published?")
    assert answer.route == "metadata" and "Global Change Biology" in answer.text.splitlines()[0]
    # "review" said as a verb of the paper named is what it did, not a kind of piece
    first = assistant.ask("Tell me about her paper on oyster reefs as breakwaters.")
    history = [{"role": "user", "content": "Tell me about her paper on oyster reefs as breakwaters."},
               {"role": "assistant", "content": first.text}]
    answer = assistant.ask("How many articles did it review, and with what kind of review?", history=history)
    assert answer.route != "metadata" and "12 articles" in answer.text


def test_a_meetings_year_a_book_the_paper_answers_and_a_list_of_methods_are_no_filters(tmp_path, embedder):
    """Words that read like filters but describe something else: "his ESA 1998 paper" names the meeting's year,
    which the venue holds (the proceedings came out a year later); "the account given in his 1990 book" is a
    book the paper asked for answers, not a book asked for; "which method is listed last among those he
    reviews" lists methods, not authors."""
    bib = r"""
@inproceedings{e1, title = {Dune migration on Mars from orbital images}, author = {Vale, Tomas},
  booktitle = {ESA 1998: Proceedings of the Planetary Meeting}, year = {1999},
  abstract = {Two dune fields moved by half a metre a year, the first such migration measured off Earth.}}
@article{e2, title = {Wind tunnels for planetary sand}, author = {Vale, Tomas}, journal = {Icarus}, year = {1998},
  abstract = {A low-pressure wind tunnel reproduced saltation at Martian pressures.}}
@article{e3, title = {Replies on aeolian thresholds}, author = {Vale, Tomas}, journal = {Icarus}, year = {1994},
  abstract = {The threshold model of my 1990 book was criticised by Ahn, whose three objections are answered here: the
  book assumed dry grains, which the revised model drops.}}
@book{e4, title = {Sand and Wind on Other Worlds}, author = {Vale, Tomas}, publisher = {Kluwer}, year = {1990}}
@article{e5, title = {Detecting ripples in rover images}, author = {Vale, Tomas and Orr, Lise}, journal = {Planetary
  and Space Science}, year = {2004}, abstract = {We review four detection methods: edge filters, Fourier
  analysis, template matching and a neural network, listed last because it needs most labels.}}
"""
    assistant = assistant_on(bib, tmp_path, embedder)
    answer = assistant.ask("In his ESA 1998 paper, how fast did the dune fields move?")
    assert answer.status == "answered" and [c.title for c in answer.citations] == [
        "Dune migration on Mars from orbital images"]
    answer = assistant.ask("Which paper answers the objections Ahn raised against the threshold model given in his "
                           "1990 book?")
    assert answer.status == "answered" and answer.citations[0].title == "Replies on aeolian thresholds"
    question = "In his paper on detecting ripples, which method is listed last among the methods he reviews?"
    assert not assistant.understand(question).filters.last_author
    answer = assistant.ask(question)
    assert answer.status == "answered" and answer.citations[0].title == "Detecting ripples in rover images"
    assert assistant.understand("On which papers is he listed last among the authors?").filters.last_author


def test_where_a_thesis_was_submitted_is_its_school_and_a_season_arriving_later_is_no_date(tmp_path, embedder):
    """"At which university was his dissertation submitted?" asks the thesis's school ("submitted" is how theses
    are handed in, no topic); "why did her paper find the rainy season now arrives later?" asks what it found, not when it
    appeared."""
    bib = r"""
@phdthesis{t1, title = {Monsoon onset over the Sahel}, author = {Diallo, Awa}, school = {Universite Cheikh Anta Diop},
  year = {2015}}
@article{t2, title = {Shifting rainy seasons in West Africa}, author = {Diallo, Awa and Sy, Omar}, journal = {Journal of
  Climate}, year = {2019}, abstract = {Over the western Sahel the rainy season now arrives ten days later than in the
  1980s, and it ends earlier.}}
@article{t3, title = {Dust storms and visibility in Dakar}, author = {Diallo, Awa}, journal = {Atmospheric Research},
  year = {2021}, abstract = {Harmattan dust cut visibility below one kilometre on 40 days a year.}}
"""
    assistant = assistant_on(bib, tmp_path, embedder)
    for question in ("At which university was her dissertation submitted?",
                     "Which of her works is a doctoral dissertation, and at which university was it submitted?"):
        answer = assistant.ask(question)
        assert answer.route == "metadata" and "Universite Cheikh Anta Diop" in answer.text
        assert [c.title for c in answer.citations] == ["Monsoon onset over the Sahel"]
    answer = assistant.ask("Why did her 2019 paper find that the rainy season over the western Sahel now arrives later?")
    assert answer.route != "metadata" and answer.status == "answered"
    assert "ten days later" in answer.text and answer.citations[0].title == "Shifting rainy seasons in West Africa"


def test_a_named_papers_own_year_a_review_described_and_a_change_said_before_its_verb(tmp_path, embedder):
    """"In his study of the phrase 'data not shown', how many studies published in 2021 were examined?" dates the
    studies examined, not the paper (out in 2022); "where was the review on X published?" asks a review's venue;
    "why did his paper find that alkalinity in the fjord decreased?" takes as given a change the paper reports the
    other way ("the alkalinity increase observed in the fjord")."""
    bib = r"""
@article{r1, title = {The use of the phrase "results not shown" in veterinary research}, author = {Lind, Eva and
  Berg, Ole}, journal = {PLoS ONE}, year = {2022}, abstract = {In 2021, out of 1,912 studies published in 40 journals,
  51 (2.7%) used the phrase.}}
@article{r2, title = {Trends in fjord carbon burial}, author = {Lind, Eva}, journal = {Nature Reviews Earth and
  Environment}, year = {2023}, abstract = {In this Review, we discuss trends in carbon burial in Norwegian fjords.}}
@article{r3, title = {Long-term alkalinity trends in a Norwegian fjord}, author = {Lind, Eva and Dahl, Kari},
  journal = {Biogeosciences}, year = {2016}, abstract = {We compiled alkalinity data for the past two decades. The
  alkalinity increase observed in the inner fjord compensated acidification by half.}}
"""
    assistant = assistant_on(bib, tmp_path, embedder)
    answer = assistant.ask('In her study of the phrase "results not shown" in veterinary research, how many studies '
                           'published in 2021 were examined?')
    assert answer.status == "answered" and "1,912" in answer.text
    answer = assistant.ask("Where was the review on trends in fjord carbon burial published?")
    assert answer.route == "metadata" and "Nature Reviews Earth and Environment" in answer.text.splitlines()[0]
    answer = assistant.ask("Why did her 2016 paper find that alkalinity in the inner fjord decreased over two decades?")
    assert answer.status == "contradicted" and [c.title for c in answer.citations] == [
        "Long-term alkalinity trends in a Norwegian fjord"]
    answer = assistant.ask("Why did her 2016 paper find that alkalinity in the inner fjord increased?")
    assert answer.status == "answered"


def test_a_blog_posted_on_a_forthcoming_venue_and_who_a_paper_names_are_no_author_questions(tmp_path, embedder):
    """"How many of his posts appeared on the X Blog?" counts a venue ("on" after a verb of publishing); "where is
    his article forthcoming?" asks its venue; "who is the godfather of X?" and "who edited the issue it is written
    for?" ask what a paper says, not who wrote it."""
    bib = r"""
@article{w1, title = {Censorship in prison libraries}, author = {Ward, Bo}, journal = {Freedom to Read Blog},
  year = {2019}, abstract = {Prison libraries removed 300 titles in 2018.}}
@article{w2, title = {Banned comics in schools}, author = {Ward, Bo}, journal = {Freedom to Read Blog}, year = {2019},
  abstract = {Comics were the most challenged format.}}
@book{w3, title = {A short history of obscenity law}, author = {Ward, Bo}, publisher = {Self-Published}, year = {2017},
  abstract = {The book calls Edmund Curll the first pornographer of the press and Pietro Aretino the godfather of
  erotic verse.}}
@article{w4, title = {Sexology in the catalogue}, author = {Ward, Bo}, journal = {Social Text}, year = {2020},
  note = {Forthcoming}, abstract = {An article for a special issue edited by Joan Lubin on classification.}}
"""
    assistant = assistant_on(bib, tmp_path, embedder)
    answer = assistant.ask("How many of his posts appeared on the Freedom to Read Blog?")
    assert answer.route == "metadata" and sorted(c.title for c in answer.citations) == [
        "Banned comics in schools", "Censorship in prison libraries"]
    answer = assistant.ask("Where is his article on sexology in the catalogue forthcoming?")
    assert answer.route == "metadata" and "Social Text" in answer.text.splitlines()[0]
    answer = assistant.ask("In his book on the history of obscenity law, who is the godfather of erotic verse?")
    assert answer.route != "metadata" and "Pietro Aretino" in answer.text
    answer = assistant.ask("In his Social Text article, who edited the special issue it is written for?")
    assert answer.route != "metadata" and "Joan Lubin" in answer.text
    answer = assistant.ask("Who were the authors of the book on the history of obscenity law?")
    assert answer.route == "metadata" and "Bo Ward" in answer.text


def test_works_not_yet_out_are_asked_by_the_status_the_record_gives(tmp_path, embedder):
    """A CV's forthcoming, in-press and under-review works are listed and counted by the status asked, and each
    listed work shows its status."""
    bib = r"""
@article{s1, title = {Grazing and dune stability}, author = {Oduya, Ren}, journal = {Geomorphology}, year = {2021}}
@article{s2, title = {[Forthcoming] Wind erosion of grazed rangeland}, author = {Oduya, Ren}, journal = {Aeolian
  Research}, year = {2023}}
@article{s3, title = {Dust emission from dry lakes}, author = {Oduya, Ren}, journal = {Geomorphology}, year = {2023},
  pubstate = {inpress}}
@article{s4, title = {Sand fences on the coast}, author = {Oduya, Ren}, journal = {in review, Coastal Engineering},
  year = {2023}}
"""
    assistant = assistant_on(bib, tmp_path, embedder)
    answer = assistant.ask("Which of his papers are under review?")
    assert answer.route == "metadata" and [c.title for c in answer.citations] == ["Sand fences on the coast"]
    answer = assistant.ask("How many of his works are marked as forthcoming or in press?")
    assert answer.text.startswith("The record holds 2 papers marked forthcoming or in press")
    assert sorted(c.title for c in answer.citations) == ["Dust emission from dry lakes",
                                                          "[Forthcoming] Wind erosion of grazed rangeland"]
    assert "Geomorphology; in press)" in answer.text


def test_a_name_led_by_an_acronym_the_record_writes_out_is_there(tmp_path, embedder):
    """"The AGU Fall Meeting" of a record writing "the American Geophysical Union's Fall Meeting" names what it
    holds; "the AGU Winter Retreat" names nothing it holds."""
    bib = r"""
@article{g1, title = {Posters on permafrost thaw}, author = {Lund, Ada}, journal = {Eos}, year = {2019},
  abstract = {At the American Geophysical Union's Fall Meeting in San Francisco, 40 posters reported thaw slumps.}}
@article{g2, title = {Thaw lakes of the Yukon delta}, author = {Lund, Ada}, journal = {Permafrost and Periglacial
  Processes}, year = {2020}, abstract = {Thaw lakes grew by 12 percent in a decade.}}
"""
    assistant = assistant_on(bib, tmp_path, embedder)
    answer = assistant.ask("How many posters on thaw slumps were shown at the AGU Fall Meeting?")
    assert answer.status == "answered" and "40 posters" in answer.text
    assert assistant.ask("How many posters on thaw slumps were shown at the AGU Winter Retreat?").status != "answered"


def test_a_venue_by_its_gloss_a_conference_named_like_a_journal_and_the_press_of_an_edited_book(tmp_path, embedder):
    """"Her reviews of digital editions in RIDE" says the journal's own name ("A Review Journal for Digital
    Editions"), no topic; "her Computational Humanities Research 2025 paper" is in the conference's proceedings
    when the journal of that name holds none of 2025; "which book did she edit, and which press published it?"
    lists the book with its publisher."""
    bib = r"""
@article{r1, title = {Perseus Digital Library}, author = {Lang, Sara}, journal = {RIDE: A Review Journal for Digital
  Editions and Resources}, year = {2018}, abstract = {Perseus is reviewed as a whole.}}
@article{r2, title = {Furnace and Fugue}, author = {Lang, Sara}, journal = {RIDE}, year = {2023},
  abstract = {A multimedia edition of an emblem book with music.}}
@article{r3, title = {Alchemy in letters}, author = {Lang, Sara}, journal = {Computational Humanities Research},
  year = {2023}, abstract = {Letters name alchemical substances by code words.}}
@inproceedings{r4, title = {Latin word senses in context}, author = {Lang, Sara}, booktitle = {Proceedings of the
  Computational Humanities Research Conference 2025}, year = {2025}, abstract = {We take the Latin term labyrinthus
  as a case study.}}
@book{r5, title = {Alchemical laboratories}, editor = {Lang, Sara}, publisher = {Graz University Press}, year = {2023}}
"""
    assistant = assistant_on(bib, tmp_path, embedder)
    answer = assistant.ask("Which of her reviews of digital editions and resources appeared in RIDE?")
    assert answer.route == "metadata" and sorted(c.title for c in answer.citations) == [
        "Furnace and Fugue", "Perseus Digital Library"]
    answer = assistant.ask("Which Latin term is the case study of her Computational Humanities Research 2025 paper?")
    assert answer.status == "answered" and "labyrinthus" in answer.text
    answer = assistant.ask("Which book did she edit, and which press published it?")
    assert answer.route == "metadata" and "Graz University Press" in answer.text
    assert [c.title for c in answer.citations] == ["Alchemical laboratories"]


@pytest.mark.parametrize("question, abstract, contradicted", [
    # a comparison the other way round
    ("Why did the new kiln need more fuel than the old kiln for each firing?",
     "Each firing of the new kiln needed less fuel in comparison to the old kiln.", True),
    ("Why did the new kiln need less fuel than the old kiln for each firing?",
     "Each firing of the new kiln needed less fuel in comparison to the old kiln.", False),
    # a timing the other way round; what the brackets give of another place is set aside, unless it is asked of
    ("Why does the wet season over the Volta basin now begin later?",
     "Trends are clear over the Volta (Niger) basin, where the wet season now begins up to two weeks earlier (later).",
     True),
    ("Why does the wet season over the Niger basin now begin later?",
     "Trends are clear over the Volta (Niger) basin, where the wet season now begins up to two weeks earlier (later).",
     False),
    # a rise the paper gives as a fall
    ("Why did soil carbon rise as more trees were felled?",
     "Soil carbon was found to decrease rapidly as more trees were felled.", True),
    # what the claim says cannot be done, the paper does; unless it also says where it cannot
    ("Why did the trial find that mulching cannot raise maize yields on sandy soils?",
     "Mulching raised maize yields on sandy soils by a fifth.", True),
    ("Why did the trial find that mulching cannot raise maize yields on clay soils?",
     "Mulching did not raise maize yields on clay soils. On sandy soils, mulching raised maize yields by a fifth.",
     False),
    # under half given to what the question says most had (a short form spelled out), unless over half is too
    ("Why did most of the surveyed farms have a low overall erosion risk?",
     "The Overall Erosion Risk (OER) was scored on 300 farms. Almost half of the farms had a high OER, compared to "
     "11.1% with a low OER.", True),
    ("Why did most of the surveyed farms have a low overall erosion risk?",
     "The Overall Erosion Risk (OER) was scored on 300 farms: 62% with a low OER and 11.1% with a medium OER.", False),
    # a word the paper writes only with a negating prefix
    ("Why did the reserve design favour large, overlapping patches of reef?",
     "Unlike earlier designs, we favour small, non-overlapping patches of reef.", True),
    ("Why did the reserve design favour large, overlapping patches of reef?",
     "We favour overlapping patches of reef; non-overlapping patches of reef lost species.", False),
    # a contrast the paper draws between short forms it defines
    ("Why did the study find that carbon fibre panels damp vibrations better than flax fibre panels?",
     "We compared carbon fibre and flax fibre reinforced polymer (CFRP and FFRP) panels. Vibrations were damped three "
     "times better by FFRP compared to CFRP.", True),
    ("Why did the study find that flax fibre panels damp vibrations better than carbon fibre panels?",
     "We compared carbon fibre and flax fibre reinforced polymer (CFRP and FFRP) panels. Vibrations were damped three "
     "times better by FFRP compared to CFRP.", False),
    # over half given to what the question says had less ("rather than ..."); not a share of that thing itself
    ("Why did the study find that most of the river's nitrate load comes from surface runoff rather than from "
     "groundwater?", "About 72% of the river's nitrate load comes from groundwater, and the rest from surface runoff.",
     True),
    ("Why did the study find that most of the river's nitrate load comes from groundwater rather than from surface "
     "runoff?", "About 72% of the river's nitrate load comes from groundwater, and the rest from surface runoff.",
     False),
    ("Why did the study find that most of the river's nitrate load comes from surface runoff rather than from "
     "groundwater?", "Surface runoff carried the river's nitrate load; 80% of groundwater wells held little nitrate.",
     False),
    # what the question calls so, found less so than expected
    ("Why did the trial find that the new drought-tolerant maize yields reliably on sandy soils?",
     "On sandy soils the new drought-tolerant maize proved less reliable than expected.", True),
    ("Why did the trial find that the new drought-tolerant maize yields less reliably on sandy soils?",
     "On sandy soils the new drought-tolerant maize proved less reliable than expected.", False),
    # a thing the paper says made no difference
    ("Why did the trial find that manure, rather than crop rotation, raised millet yields?",
     "We compared manure and crop rotation on 40 plots. Crop rotation clearly raised millet yields. Manure had no "
     "effect.", True),
    ("Why did the trial find that crop rotation, rather than manure, raised millet yields?",
     "We compared manure and crop rotation on 40 plots. Crop rotation clearly raised millet yields. Manure had no "
     "effect.", False),
    ("Why did millet yields differ so strongly between sowing dates?",
     "In contrast, millet yields did not differ between sowing dates, although grain weight varied with rainfall.",
     True),
    # what made no difference is something else, or to something else, than the question says
    ("Why did fertiliser raise millet yields in the dry year?",
     "Fertiliser raised millet yields in the dry year. Irrigation had no effect on millet yields in the dry year.",
     False),
    ("Why did the manure raise millet yields on the older plots?",
     "Manure raised millet yields on the older plots. Millet yields on younger plots were not affected by the manure.",
     False),
    ("Why did the trial conclude that micro-dosing fertiliser substantially improves millet yields compared with "
     "broadcasting?", "Across the trials, the difference in millet yields between micro-dosing fertiliser and "
     "broadcasting is small, and none of the differences are statistically significant.", True),
    # a finding stated before the question, for all of some things, that the paper says held only for one
    ("The trial found that mulching raised maize yields in all three districts. By how much did it raise them?",
     "Mulching raised maize yields only in the northern district; elsewhere yields were unchanged.", True),
    ("The trial found that mulching raised maize yields in all three districts. By how much did it raise them?",
     "Mulching raised maize yields in all three districts, by a fifth on average.", False),
    ("The trial found that mulching raised maize yields in all three districts. By how much did it raise them?",
     "Mulching raised maize yields in all three districts; only the northern district was irrigated.", False),
    ("Why did mulching raise maize yields in all three districts?",
     "Mulching raised maize yields in all three districts; termite damage occurred only in the northern district.",
     False),
    # what the question says made no difference, the paper finds made one; unless it says somewhere it made none
    ("Why did the survey find that owning a radio made no difference to joining a cooperative?",
     "Farmers owning a radio (OR = 3.1) were more likely to join a cooperative than others.", True),
    ("Why did the survey find that owning a radio made no difference to joining a cooperative?",
     "Owning a radio increased news exposure but did not affect joining a cooperative.", False),
    # of what the clause says made no difference, only what the question says made one counts
    ("Why did the trial find that crop rotation raised millet yields on sandy plots?",
     "Crop rotation raised millet yields on sandy plots, but on clay plots manure had no significant effect.", False),
])
def test_a_comparison_timing_or_inability_the_paper_states_the_other_way_is_contradicted(question, abstract,
                                                                                        contradicted):
    from assistant.answerability import contradicting

    paper = Paper(title="Field trials in the Sahel", abstract=abstract)
    assert bool(contradicting(question, paper)) is contradicted


@pytest.mark.parametrize("question, contradicted", [
    # asked how a thing the paper did without was used
    ("In the kiln paper, how much did the charcoal preheating improve the firing temperature?", True),
    ("How were the three separate kiln chambers kept at one temperature?", False),
    # asked whether: "without" answers it; the question's own negation is no premise
    ("Did the kiln paper use charcoal preheating?", False),
    ("How was the kiln fired without charcoal preheating?", False),
    ("How did the kiln reach 1280 C in the absence of charcoal preheating?", False),
    ("What did the kiln paper say about charcoal preheating?", False),
])
def test_what_a_paper_says_it_did_without_is_no_premise_to_answer_from(question, contradicted):
    from assistant.answerability import contradicting

    paper = Paper(title="Firing stoneware in a single-chamber wood kiln",
                  abstract="We fired stoneware in a single-chamber wood kiln without charcoal preheating. Firing "
                           "temperatures reached 1280 C within nine hours.")
    assert bool(contradicting(question, paper)) is contradicted


def test_a_thing_done_without_but_also_done_is_no_contradiction():
    from assistant.answerability import contradicting

    paper = Paper(title="Firing stoneware", abstract="The first firing ran without charcoal preheating, using a "
                  "slow start. Charcoal preheating in the second firing raised the peak temperature.")
    assert contradicting("How much did the charcoal preheating improve the peak temperature?", paper) == ""


def test_short_forms_defined_in_brackets_are_spelled_out_one_or_two_at_a_time():
    from assistant.answerability import defined_short_forms

    assert defined_short_forms("Panels of carbon fibre and flax fibre reinforced polymer (CFRP and FFRP) were tested in "
                       "marine protected areas (MPA) of the (UK).") == {
        "FFRP": "flax fibre reinforced polymer", "CFRP": "carbon fibre reinforced polymer",
        "MPA": "marine protected areas"}
    assert defined_short_forms("Reefs (MPA) were surveyed.") == {}  # the words before do not spell it
    # a short form in small and capital letters spells as written
    assert defined_short_forms("The Overall Risk of Bias (ORoB) was rated (Table).") == {"ORoB": "Overall Risk of Bias"}


@pytest.mark.parametrize("question", ["Give me an overview of Dan Holm's work on toxicity.",
                                      "Give me an overview of his work on toxicity.",
                                      "Summarise Dan Holm's work on toxicity."])
def test_an_overview_asked_of_the_owner_by_name_keeps_no_request_words(lab_medicine, question):
    """The owner's name goes with the "of" before it; the request around it is still no part of the topic."""
    query = lab_medicine.understand(question, "summarize")
    assert query.salient == ["toxic"]
