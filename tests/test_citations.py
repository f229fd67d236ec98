"""Citations only from the product: every form a model (or record text) can use to cite is checked.

One table per form. Expected texts are what a reader sees; `removed` lists the start of each
reported removal; `dropped` counts sentences removed whole because nothing supported them any more.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.citations import StreamingVerifier, quote_record_text, split_sentences, verify, verify_streaming
from assistant.types import Paper

A = Paper(title="Oort: Efficient Federated Learning via Guided Participant Selection", authors=["Fan Lai"],
          date=date(2020, 10, 12), date_precision="day", category="LG",
          abstract="Oort improves time-to-accuracy by 1.2x-14.1x over prior work (Bonawitz et al., 2019).")
B = Paper(title="Swan: A Neural Engine for Efficient DNN Training on Smartphone SoCs", authors=["S. Singapuram"],
          authors_truncated=True, date=date(2022, 6, 9), date_precision="day", category="LG", venue="MobiSys")
C = Paper(title="FedScale: Benchmarking Model and System Performance of Federated Learning at Scale",
          authors=["Fan Lai", "Yinwei Dai"], date=date(2021, 5, 24), date_precision="day", category="LG")
D = Paper(title="Tiered Caching of Attention States for Long Conversations", authors=["Maria García-López"],
          date=date(2023, 3, 1), date_precision="month", category="CL")
LIBRARY = [A, B, C, D]
IN_RECORD = "(in the record, but not among the sources"
NOT_IN_RECORD = "(not in the record)"


def check(text, sources, expected_text, cited, removed, dropped=0, allowed=""):
    result = verify(text, sources, LIBRARY, allowed_text=allowed)
    assert result.text == expected_text
    assert result.papers == cited
    assert len(result.removed) == len(removed), result.removed
    for got, part in zip(result.removed, removed):
        assert part in got
    assert len(result.removed_sentences) == dropped, result.removed_sentences
    return result


@pytest.mark.parametrize("text,sources,expected_text,cited,removed,dropped", [
    ("Oort selects [1].", [A], "Oort selects [1].", [A], [], 0),
    ("Swan [2] and Oort [1].", [A, B], "Swan [1] and Oort [2].", [B, A], [], 0),  # renumbered by first use
    ("Both [1, 2].", [A, B], "Both [1][2].", [A, B], [], 0),
    ("Both [1-2].", [A, B], "Both [1][2].", [A, B], [], 0),
    ("Both [1–3].", [A, B], "Both [1][2].", [A, B], ["[3] (no such source)"], 0),
    ("See [Swan].", [A, B], "See [1].", [B], [], 0),  # a system name is a valid citation
    ("See [Oort, 2021].", [A], "See [1].", [A], [], 0),
    (f"See [{A.title} (OSDI 2021)].", [A], "See [1].", [A], [], 0),
    ("An aside [e.g.] stays.", [A], "An aside [e.g.] stays.", [], [], 0),
    # a sentence whose only support was removed goes with it; one with support left stays
    ("Oort is fast [1]. Made up [3].", [A, B], "Oort is fast [1].", [A], ["[3] (no such source)"], 1),
    ("Oort is fast [1][3].", [A, B], "Oort is fast [1].", [A], ["[3] (no such source)"], 0),
    (f"Oort is fast [1]. See [{C.title}].", [A, B], "Oort is fast [1].", [A], [C.title + " " + IN_RECORD], 1),
    ("Intro. See [Quantum Pasta Scheduling Systems].", [A], "Intro.", [],
     ["Quantum Pasta Scheduling Systems " + NOT_IN_RECORD], 1),
    ("See [Zhang 2021]. Then [Swan, 2022] and [Smith et al.].", [A], "", [],
     ["Zhang 2021", IN_RECORD, "Smith et al."], 2),
])
def test_bracket_markers(text, sources, expected_text, cited, removed, dropped):
    check(text, sources, expected_text, cited, removed, dropped)


@pytest.mark.parametrize("text,sources,expected_text,cited,removed,dropped", [
    # parenthetical: a source becomes its number; anything else is removed, and its claim if nothing else holds it
    ("Participant selection matters (Lai et al., 2020).", [A], "Participant selection matters [1].", [A], [], 0),
    ("Oort helps [1]. Scale matters (Smith et al., 2020).", [A], "Oort helps [1].", [A],
     ["Smith et al., 2020 " + NOT_IN_RECORD], 1),
    ("Selection helps [1] (Smith and Jones, 2019).", [A], "Selection helps [1].", [A], ["Smith and Jones, 2019"], 0),
    ("Benchmarks exist (Lai et al., 2021; Lai, 2020).", [A], "Benchmarks exist [1].", [A], [C.title], 0),
    ("Caching works (García-López, 2023).", [A], "", [], [D.title + " " + IN_RECORD], 1),
    # narrative: the sentence names the paper, so a non-source takes the whole sentence
    ("Smith et al. (2020) showed the opposite [1].", [A], "", [], ["Smith et al. (2020) " + NOT_IN_RECORD], 1),
    ("Lai et al. (2020) select participants.", [A], "Lai et al. (2020) [1] select participants.", [A], [], 0),
    # dates and the record's own words are no citations
    ("Oort appeared (October 2020) [1].", [A], "Oort appeared (October 2020) [1].", [A], [], 0),
    ("It beats prior work (Bonawitz et al., 2019) [1].", [A], "It beats prior work (Bonawitz et al., 2019) [1].",
     [A], [], 0),
])
def test_author_year_citations(text, sources, expected_text, cited, removed, dropped):
    check(text, sources, expected_text, cited, removed, dropped)


@pytest.mark.parametrize("text,sources,expected_text,cited,removed,dropped", [
    ("Oort selects participants [1]. As stated in Quantum Teleportation of Federated Clients, it also scales.",
     [A], "Oort selects participants [1].", [A], ["Quantum Teleportation of Federated Clients " + NOT_IN_RECORD], 1),
    ('Oort is fast [1]. The paper titled "Learned Index Structures for Sparse Tensors" agrees.', [A],
     "Oort is fast [1].", [A], ["Learned Index Structures for Sparse Tensors " + NOT_IN_RECORD], 1),
    ('Prior work ("Tiered Caching of Attention States for Long Conversations") differs [1].', [A], "", [],
     [D.title + " " + IN_RECORD], 1),
    ("According to FedScale: Benchmarking Model and System Performance, data is skewed [1].", [A], "", [],
     [C.title + " " + IN_RECORD], 1),
    ("Swan trains on phones [1].", [A], "", [], [B.title + " " + IN_RECORD], 1),  # a non-source by system name
    # sources, the user's own words, venues and ordinary prose stay
    ("As described in Oort: Efficient Federated Learning, selection is guided [1].", [A],
     "As described in Oort: Efficient Federated Learning, selection is guided [1].", [A], [], 0),
    ("Swan appeared at MobiSys [1].", [B], "Swan appeared at MobiSys [1].", [B], [], 0),
    ("Unlike Swan, Oort targets servers [1].", [A], "Unlike Swan, Oort targets servers [1].", [A], [], 0),
    ("According to the Federated Learning literature, selection matters [1].", [A],
     "According to the Federated Learning literature, selection matters [1].", [A], [], 0),
])
def test_papers_named_in_prose(text, sources, expected_text, cited, removed, dropped):
    check(text, sources, expected_text, cited, removed, dropped, allowed="How does Oort differ from Swan?"
          if "Unlike" in text else "")


def test_quoted_record_text_never_cites():
    abstract = "Unlike earlier systems [2] and [3-5], we cut cost (see [Swan])."
    text = f"Oort [1]: {quote_record_text(abstract)}"
    result = verify(text, [A, B], LIBRARY)
    assert result.text == text and result.papers == [A] and not result.removed


@pytest.mark.parametrize("text,parts", [
    ("One. Two [1]. Three!", ["One. ", "Two [1]. ", "Three!"]),
    ("Lai et al. (2020) found it. Next.", ["Lai et al. (2020) found it. ", "Next."]),
    ("By S. Singapuram et al. in 2022. Fig. 3 shows it.", ["By S. Singapuram et al. in 2022. ", "Fig. 3 shows it."]),
    ("**Theme**\n- Oort [1]\n- Swan [2]", ["**Theme**\n", "- Oort [1]\n", "- Swan [2]"]),
])
def test_sentences_split_without_losing_text(text, parts):
    assert split_sentences(text) == parts and "".join(parts) == text


def test_streaming_shows_only_verified_sentences():
    deltas = ["Swan trains ", "fast [2]. Made ", "up [7]. Oort sel", "ects [1]."]
    verifier = StreamingVerifier([A, B], LIBRARY)
    shown = [verifier.feed(d) for d in deltas]
    assert shown[0] == ""  # nothing completed yet
    assert shown[1] == "Swan trains fast [1]."
    assert shown[2] == "Swan trains fast [1]."  # the made-up sentence never appears
    assert "[7]" not in "".join(shown)
    final = verifier.finish()
    assert final.text == "Swan trains fast [1]. Oort selects [2]." and final.papers == [B, A]
    assert final.removed_sentences == ["Made up [7]."]
    assert list(verify_streaming(deltas, [A, B], LIBRARY))[-1] == final.text


def test_bibtex_keys_fold_accents_and_only_web_links_leave():
    from datetime import date

    from assistant.citations import bibtex
    from assistant.types import Paper

    entry = bibtex([Paper("Online Learning of Grasps", authors=["Roberto Martín-Martín"], date=date(2014, 1, 1),
                          url="javascript:alert(1)")])
    assert entry.startswith("@misc{martin2014online,") and "javascript" not in entry
    # a subject category is a keyword of the entry, not a note on it
    entry = bibtex([Paper("Swan", authors=["Fan Lai"], date=date(2022, 1, 1), category="LG")])
    assert "keywords = {LG}" in entry and "note" not in entry


def test_a_source_whose_title_holds_another_papers_title_is_not_dropped():
    long = Paper(title="The stereocontrolled total synthesis of altohyrtin A: fragment couplings and completion.")
    short = Paper(title="Stereocontrolled total synthesis of altohyrtin A.")
    text = f"- **{long.title}** (2005): The macrolide was synthesized convergently [1]."
    checked = verify(text, [long], [long, short])
    assert checked.text == text and checked.removed == [] and checked.papers == [long]
    # the shorter paper named on its own, outside the source's title, is still not among the sources
    checked = verify("Stereocontrolled total synthesis of altohyrtin A shows the same [1].", [long], [long, short])
    assert checked.removed and checked.papers == []
