"""Metadata questions are answered exactly from the paper table; topical ones are left to retrieval."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from assistant.catalog import CATEGORY_NAMES, answer_metadata, extract_filters
from assistant.types import Paper, Researcher
from ingest.parsers import parse_file

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = [json.loads(line) for line in (ROOT / "tests" / "golden" / "fan_lai.jsonl").read_text().splitlines()
          if line.strip()]
METADATA = [item for item in GOLDEN if item["type"] == "metadata"]
BY_ID = {item["id"]: item for item in GOLDEN}
SOURCE = parse_file(ROOT / "data" / "fan_lai_profile.txt", date(2026, 11, 23))
PAPERS, RESEARCHER = SOURCE.papers, SOURCE.researcher
LINE = re.compile(r"^- \*\*(?P<title>.+)\*\* \((?P<date>[A-Z][a-z]{2} \d{1,2}, \d{4}); (?P<cat>[A-Z]{2})"
                  r"(?:; code)?(?:; score [\d.]+)?\) \[(?P<n>\d+)\]$")


def ask(question: str, researcher: Researcher | None = RESEARCHER):
    return answer_metadata(question, PAPERS, researcher)


def filters(question: str, owner: str = "Fan Lai"):
    return extract_filters(question, PAPERS, owner=owner)


# --- the golden metadata questions ----------------------------------------------------------------------


def test_golden_file_has_metadata_questions():
    assert len(METADATA) >= 20


@pytest.mark.parametrize("item", METADATA, ids=[item["id"] for item in METADATA])
def test_golden_metadata_question(item):
    answer = ask(item["question"])
    assert answer is not None, item["question"]
    cited = [p.title for p in answer.papers]
    assert set(cited) == set(item["gold_titles"]), answer.text
    assert len(cited) == len(set(cited))
    for needle in item["must_mention"]:
        assert needle in answer.text, (needle, answer.text)


@pytest.mark.parametrize("item", METADATA, ids=[item["id"] for item in METADATA])
def test_golden_answer_list_matches_cited_papers(item):
    """Each listed paper is `- **Title** (Mon DD, YYYY; CAT[; code]) [n]`, n its place in `papers`."""
    answer = ask(item["question"])
    lines = [m for m in map(LINE.match, answer.text.splitlines()) if m]
    assert [m["title"] for m in lines] == [p.title for p in answer.papers]
    for m, paper in zip(lines, answer.papers):
        assert int(m["n"]) == answer.papers.index(paper) + 1
        assert m["date"] == paper.date_label() and m["cat"] == paper.category
    assert max(map(int, re.findall(r"\[(\d+)\]", answer.text)), default=0) == len(answer.papers)


def test_lists_are_newest_first_with_exact_count_first():
    answer = ask(BY_ID["q48"]["question"])
    assert answer.text.startswith("The record holds 10 papers published in 2025:")
    dates = [p.date for p in answer.papers]
    assert dates == sorted(dates, reverse=True)
    assert "(Jan 15, 2025; DC; code) [10]" in answer.text


TOPICAL = ["q01", "q03", "q08", "q10", "q15", "q20", "q24", "q25", "q29", "q31", "q34", "q35", "q38", "q42",
           "q70", "q71", "q72", "q73", "q76", "q78"]


@pytest.mark.parametrize("qid", TOPICAL)
def test_golden_topical_questions_are_left_to_retrieval(qid):
    assert ask(BY_ID[qid]["question"]) is None


@pytest.mark.parametrize("question", [
    "What speedup does Swan achieve?",
    "Which papers address federated learning?",
    "Which papers with code are about LLM serving?",
    "What has Fan Lai done on federated learning?",
    "How many machine learning papers are there?",
    "What is Oort?",
    "When was it published?",
    "Who wrote it?",
    "Tell me more",
])
def test_topical_or_referring_questions_return_none(question):
    assert ask(question) is None


def test_a_year_without_papers_is_answered_as_none_found():
    answer = ask(BY_ID["q75"]["question"])  # "Did Fan Lai publish any papers in 2019?"
    assert answer is not None and answer.papers == []
    assert answer.text.startswith("No.") and "no papers published in 2019" in answer.text


# --- extract_filters ------------------------------------------------------------------------------------


@pytest.mark.parametrize("question, expected", [
    ("Which papers came out in 2025?", {"year_from": 2025, "year_to": 2025}),
    ("Papers since 2023", {"year_from": 2023, "year_to": None}),
    ("Papers after 2022", {"year_from": 2023, "year_to": None}),
    ("Papers before 2024", {"year_from": None, "year_to": 2023}),
    ("Papers published between 2021 and 2023", {"year_from": 2021, "year_to": 2023}),
    ("Papers from 2024 to 2025", {"year_from": 2024, "year_to": 2025}),
    ("Papers from 2021", {"year_from": 2021, "year_to": 2021}),
    ("What came out in April 2025?", {"month": 4, "year_from": 2025, "year_to": 2025}),
    ("Anything from Apr 2025?", {"month": 4, "year_from": 2025, "year_to": 2025}),
])
def test_extract_years_and_months(question, expected):
    found, _ = filters(question)
    for name, value in expected.items():
        assert getattr(found, name) == value, (question, name)


@pytest.mark.parametrize("question, codes", [
    ("How many papers are in the DC category?", {"DC"}),
    ("Which papers are in cs.CL?", {"CL"}),
    ("How many AI papers are there?", {"AI"}),
    ("Which DC or LG papers have code?", {"DC", "LG"}),
    ("Papers in the Distributed, Parallel, and Cluster Computing category", {"DC"}),
    ("Which papers are in the Machine Learning category?", {"LG"}),
    ("Which papers use machine learning for networking?", set()),
    ("What are Fan Lai's Novelty and AI Score values?", set()),
    ("How do ML systems papers handle stragglers?", set()),
])
def test_extract_categories(question, codes):
    assert filters(question)[0].categories == codes


def test_category_names_cover_the_record():
    assert {p.category for p in PAPERS} <= set(CATEGORY_NAMES)
    assert CATEGORY_NAMES["DC"] == "Distributed, Parallel, and Cluster Computing"


@pytest.mark.parametrize("question, code", [
    ("Which papers have code available?", True),
    ("Papers with code from 2025", True),
    ("Which papers are open-source?", True),
    ("Which papers have released code?", True),
    ("Which papers from 2025 come without code?", False),
    ("Which papers are about LLM serving?", None),
])
def test_extract_code(question, code):
    assert filters(question)[0].code is code


@pytest.mark.parametrize("question, author, first_author", [
    ("Which papers list Jiachen Liu as an author?", "Jiachen Liu", ""),
    ("Which papers have Haizhong Zheng as first author?", "", "Haizhong Zheng"),
    ("Which papers were first-authored by Jiachen Liu?", "", "Jiachen Liu"),
    ("Which papers is Fan Lai the first author of?", "", "Fan Lai"),
    ("which papers list yifan yu as an author?", "Yifan Yu", ""),
    ("What has Fan Lai done on federated learning?", "", ""),  # the owner: every paper is theirs
    ("Which of Fan Lai's papers came out in 2024?", "", ""),
    ("In which papers do both Fan Lai and Jiachen Liu appear in the author line?", "Fan Lai", ""),
])
def test_extract_authors(question, author, first_author):
    found, residual = filters(question)
    assert (found.author, found.first_author) == (author, first_author)
    for name in ("Fan Lai", "Jiachen Liu", "Haizhong Zheng", "Yifan Yu"):
        assert name.lower() not in residual.lower()


def test_residual_keeps_the_topic_and_drops_the_filter_phrases():
    found, residual = filters("Which papers with code since 2024 are about LLM serving?")
    assert (found.code, found.year_from) == (True, 2024)
    assert residual == "Which papers are about LLM serving?"
    found, residual = filters("What has Fan Lai published on federated learning in the DC category?")
    assert found.categories == {"DC"} and not found.author
    assert residual == "What has published on federated learning?"
    assert filters("What speedup does Swan achieve?") == (filters("")[0], "What speedup does Swan achieve?")


def test_without_owner_the_researcher_is_an_ordinary_author():
    assert filters("Which papers did Fan Lai write?", owner="")[0].author == "Fan Lai"
    assert filters("Which papers did Fan Lai write?")[0].author == ""


# --- answers --------------------------------------------------------------------------------------------


def test_researcher_figures_when_missing():
    for researcher in (None, Researcher(name="Fan Lai")):
        answer = ask("What is Fan Lai's h-index?", researcher)
        assert answer is not None and "not stated in the record" in answer.text and answer.papers == []
    assert "843" in ask("How many citations does Fan Lai have?").text


def test_total_count_mentions_the_profile_figure():
    assert ask("How many papers does Fan Lai have?").text.startswith("The record holds 31 papers.")
    stated = Researcher(name="Fan Lai", paper_count=40)
    assert "The profile header states 40." in ask("How many papers are in the record?", stated).text


def test_paper_lookups():
    oort = ask("When was Oort published?")
    assert [p.title for p in oort.papers] == ["Oort: Efficient Federated Learning via Guided Participant Selection"]
    assert oort.text.startswith("Oort was published on Oct 12, 2020 [1].")

    fedscale = ask("Who wrote FedScale?")
    assert "Fan Lai, Yinwei Dai, Sanjay S. Singapuram et al." in fedscale.text
    assert "only the first 3 are listed" in fedscale.text

    hygen = ask("Does HyGen have code?")
    assert hygen.text.startswith("Yes") and "https://github.com/UIUC-MLSys/HyGen" in hygen.text
    assert ask("Does Swan have code?").text.startswith("No")

    venn = ask("What category is Venn in?")
    assert "DC category (Distributed, Parallel, and Cluster Computing)" in venn.text and len(venn.papers) == 1

    assert "88.7" in ask("What is the score of CacheFlow?").text
    assert "no score" in ask("What is the score of Oort?").text
    full = ask("Who wrote Introspective Diffusion Language Models?")
    assert "Yifan Yu" in full.text and len(full.papers) == 1


def test_latest_and_score_rankings_with_filters():
    latest = ask("What is the most recent DC paper?")
    assert [p.title.split(":")[0] for p in latest.papers] == ["CacheFlow"]
    three = ask("What are the 3 latest papers?")
    assert [p.title.split(":")[0] for p in three.papers] == ["SparseSAM", "EMA", "CacheFlow"]
    lowest = ask("What is the lowest-scoring paper?")
    assert "35.4" in lowest.text and "only 6 of the 31 papers carry a score" in lowest.text
    assert ask("Which paper with code has the highest score?").papers == []


def test_breakdowns():
    per_year = ask("How many papers per year?")
    counts = dict(re.findall(r"^- (\d{4}): (\d+) papers?$", per_year.text, re.M))
    assert counts == {"2026": "8", "2025": "10", "2024": "5", "2023": "1", "2022": "4", "2021": "2", "2020": "1"}
    categories = ask("Which categories does the record cover?")
    assert categories.text.startswith("The record's 31 papers span 10 categories:")
    assert "- LG (Machine Learning): 15 papers" in categories.text and categories.papers == []


def test_coauthors_are_lower_bounds():
    answer = ask("Who are Fan Lai's most frequent co-authors?")
    assert answer.text.startswith("Fan Lai's most frequent co-author in the record is Jiachen Liu (5 papers).")
    assert "lower bounds" in answer.text and "- Fan Lai:" not in answer.text


def test_author_lists_say_they_are_lower_bounds():
    answer = ask("How many papers list Fan Lai as an author?")
    assert answer.text.startswith("The record holds 9 papers listing Fan Lai as an author:")
    assert "lower bound" in answer.text
    assert ask("Which papers did Fan Lai write with Jiachen Liu?").text.startswith("The record holds 5 papers")


def test_combined_filters_and_month_ranges():
    answer = ask("How many papers since 2025 have code?")
    assert answer.text.startswith("The record holds 3 papers published in 2025 or later, with code available:")
    assert ask("Which papers came out between Jan 2025 and Mar 2025?") is None  # Filters holds one month only


def test_a_paper_dated_only_by_year_is_named_as_maybe_beside_one_dated_more_finely_that_year():
    papers = [Paper("Drought and migration", date=date(2024, 3, 1), date_precision="month"),
              Paper("Male fertility by region", date=date(2024, 1, 1), date_precision="year"),
              Paper("Son preference", date=date(2016, 5, 1), date_precision="month"),
              Paper("Ambivalence toward pregnancy", date=date(2014, 6, 1), date_precision="month"),
              Paper("Cohort fertility by education", date=date(2014, 1, 1), date_precision="year"),
              Paper("Tempo effects", date=date(2014, 6, 12), date_precision="day")]
    answer = answer_metadata("What are his earliest and most recent papers?", papers, None)
    assert "The most recent paper in the record is Drought and migration [1], dated Mar 2024. 1 other paper " \
           "dated only 2024 may be later: Male fertility by region [2]." in answer.text
    # Jun 2014 and Jun 12, 2014 are one date at the coarser precision: a tie
    assert "2 papers share the earliest date in the record, Jun 2014 (some are dated only to the month): " \
           "Ambivalence toward pregnancy [3] and Tempo effects [4]. 1 other paper dated only 2014 may be earlier: " \
           "Cohort fertility by education [5]." in answer.text
    assert [p.title for p in answer.papers] == ["Drought and migration", "Male fertility by region",
                                                "Ambivalence toward pregnancy", "Tempo effects",
                                                "Cohort fertility by education"]
    # more of them are counted, not listed
    crowded = papers + [Paper(f"Fertility note {n}", date=date(2024, 1, 1), date_precision="year") for n in range(2)]
    answer = answer_metadata("What is his most recent paper?", crowded, None)
    assert "dated Mar 2024. 3 other papers dated only 2024 may be later." in answer.text
    assert [p.title for p in answer.papers] == ["Drought and migration"]
    # a year whose papers all carry the year alone: all of them
    only_years = [Paper("A", date=date(2020, 1, 1), date_precision="year"),
                  Paper("B", date=date(2020, 1, 1), date_precision="year"),
                  Paper("C", date=date(2011, 1, 1), date_precision="year")]
    answer = answer_metadata("What is her latest paper?", only_years, None)
    assert answer.text.startswith("2 papers share the most recent date in the record, 2020: A [1] and B [2].")


def test_one_end_asked_with_ones_is_that_years_papers():
    papers = [Paper("Discretionary capital buffers", date=date(2022, 10, 1), date_precision="month"),
              Paper("Heat spells and financial performance", date=date(2022, 8, 1), date_precision="month"),
              Paper("Analysts and P/E multiples", date=date(2010, 4, 1), date_precision="month"),
              Paper("Wealth and earnings conservatism", date=date(2001, 12, 1), date_precision="month")]
    answer = answer_metadata("Which paper of his came out first, and which ones are the latest?", papers, None)
    assert {p.title for p in answer.papers} == {"Discretionary capital buffers", "Heat spells and financial performance",
                                                "Wealth and earnings conservatism"}
    answer = answer_metadata("What are his earliest and latest papers?", papers, None)  # one paper each end
    assert {p.title for p in answer.papers} == {"Discretionary capital buffers", "Wealth and earnings conservatism"}
    # an end asked for as a year is that year, without its papers
    answer = answer_metadata("What is his most recent paper here, and in which year does the list begin?", papers, None)
    assert "The earliest year in the record is 2001." in answer.text
    assert [p.title for p in answer.papers] == ["Discretionary capital buffers"]


def test_venue_breakdown_puts_the_editions_of_one_series_together():
    """Proceedings titles that name their edition ("19th Symposium on Glacier Dynamics, SGD 2014, Oslo") are one
    venue per series, with its years; a journal written two ways is one venue under its commoner spelling."""
    venues = ["19th Symposium on Glacier Dynamics, SGD 2014, Oslo, Norway, June 2-5, 2014",
              "Proceedings of the 21st Symposium on Glacier Dynamics, SGD 2018, Bern",
              "23rd Symposium on Glacier Dynamics, SGD 2022 (Virtual)",
              "Journal of Glaciology", "Journal of Glaciology", "Journal of glaciology", "The Cryosphere", ""]
    years = [2014, 2018, 2022, 2015, 2016, 2019, 2020, 2021]
    papers = [Paper(f"Ice paper {i}", authors=["Ola Nordmann"], date=date(y, 1, 1), venue=v)
              for i, (v, y) in enumerate(zip(venues, years))]
    text = answer_metadata("Which venues did he publish in most often?", papers, None).text
    assert "span 3 venues" in text
    assert "SGD (2014, 2018, 2022): 3 papers" in text and "Journal of Glaciology: 3 papers" in text
    assert "The Cryosphere: 1 paper" in text and "no venue given: 1 paper" in text
    # papers none of which gives a venue span none
    unplaced = [Paper(f"Ice note {i}", authors=["Ola Nordmann"], date=date(2020, 1, 1)) for i in range(3)]
    assert answer_metadata("Which venues did he publish in?", unplaced, None).text == \
        "The record's 3 papers give no venue."
    assert answer_metadata("Which papers appeared at IGS?", unplaced, None).text == \
        "The record gives no venues for its papers, so it cannot say which appeared at IGS."
