"""The offline composer on small records from biology and history: it quotes the sentence holding the fact
asked for, labels themes with their papers' keyphrases, prints each title once, and restates the user's
project without the request's wording."""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pytest

from assistant.citations import MARKER, verify
from assistant.understand import Reader
from assistant.compose import (TITLES_NOTE, best_sentences, compose_ask, compose_related_work, compose_summary,
                               project_description, split_sentences)
from assistant.keyphrases import Keyphrases
from assistant.lexical import tokenize
from assistant.types import Hit, Paper


def paper(title: str, year: int, abstract: str, authors=("A. Author",), venue: str = "") -> Paper:
    return Paper(title=title, authors=list(authors), date=date(year, 1, 1), date_precision="year",
                 abstract=abstract, venue=venue)


BIOLOGY = [
    paper("Neuropeptide F signalling controls egg laying in Drosophila melanogaster", 2015,
          "Egg laying in Drosophila is controlled by neuropeptide signalling, yet how neuropeptide F receptor "
          "knockouts reduce egg laying remains unclear. We generated receptor knockouts with CRISPR and scored "
          "egg laying in virgin and mated females. Knockout females laid 38% fewer eggs than controls "
          "(n = 412 females). Neuropeptide F thus links nutrition to egg laying."),
    paper("Sex peptide and the timing of oviposition in fruit flies", 2017,
          "Mated female fruit flies change their egg laying behaviour after receiving sex peptide. We tracked "
          "oviposition of 1,250 mated females over ten days. Sex peptide receptor mutants delayed oviposition by "
          "2.5 days. The sex peptide response depends on neurons of the uterus."),
    paper("Octopamine neurons gate ovulation in Drosophila", 2019,
          "Ovulation in Drosophila females requires octopamine released onto the oviduct. We silenced octopamine "
          "neurons with a temperature-sensitive shibire allele. Silenced females retained mature eggs and "
          "ovulation fell to 12% of wild type. Octopamine neurons therefore gate egg laying at ovulation."),
    paper("Age-related DNA methylation drift in mouse liver", 2016,
          "DNA methylation changes with age in many tissues. We used whole-genome bisulfite sequencing to measure "
          "DNA methylation in liver samples from 48 C57BL/6 mice aged 3 to 30 months. Methylation drift affected "
          "9,800 CpG sites. Caloric restriction slowed the drift."),
    paper("An epigenetic clock for the laboratory mouse", 2018,
          "Epigenetic clocks estimate age from DNA methylation. We trained a penalised regression clock on "
          "reduced representation bisulfite sequencing of blood from 141 mice. The mouse clock predicted age with "
          "a median error of 3.3 weeks. Caloric restriction and dwarfism slowed the epigenetic clock."),
    paper("DNA methylation of ribosomal DNA as a marker of ageing in mammals", 2020,
          "Ribosomal DNA methylation rises with age in mammalian tissues. We measured ribosomal DNA methylation "
          "in mice, dogs and humans from published bisulfite sequencing data. A ribosomal DNA clock estimated "
          "age across the three species. The rDNA clock is a conserved marker of ageing."),
    paper("Thermal stress and coral bleaching on the Great Barrier Reef", 2017,
          "Coral bleaching follows marine heatwaves. We surveyed 1,156 reefs of the Great Barrier Reef from the "
          "air during the 2016 heatwave. Bleaching was severe on 61% of reefs in the northern sector. Local "
          "protection of water quality did not prevent coral bleaching."),
    paper("Symbiont shuffling and heat tolerance of reef corals", 2021,
          "Reef corals host symbiotic algae that set their heat tolerance. We exposed Acropora colonies to "
          "heat stress in aquaria and sequenced their symbiont communities. Colonies that shuffled towards "
          "Durusdinium symbionts bleached less under heat stress. Symbiont shuffling may buy reef corals time."),
]

HISTORY = [
    paper("Merchant letters and credit in the sixteenth-century Atlantic trade", 2012,
          "Merchant letters reveal how credit travelled across the Atlantic. This study draws on 2,300 letters "
          "held in the Archivo General de Indias in Seville and the Fugger archive in Augsburg. Credit between "
          "Seville and the Indies relied on kinship networks. Merchant letters show trust built through "
          "correspondence."),
    paper("Trust and correspondence among Sephardic merchants of Livorno", 2009,
          "Sephardic merchants in Livorno traded across cultures. We analyse the correspondence of one trading "
          "house, 13,670 letters written between 1704 and 1746. Trust rested on information shared in letters "
          "rather than on kinship. Cross-cultural trade depended on merchant correspondence."),
    paper("Insurance and risk in early modern Atlantic shipping", 2015,
          "Marine insurance spread risk across early modern Atlantic shipping. Using policies preserved in the "
          "notarial archives of Amsterdam, we reconstruct premiums for 4,000 voyages. Premiums fell by half "
          "between 1620 and 1700. Atlantic trade grew as insurance became cheaper."),
    paper("Monastic charters and land donations in Carolingian Francia", 2011,
          "Monastic charters record donations of land to monasteries. We examine 1,200 charters from the "
          "cartularies of Saint-Gall and Lorsch. Donations peaked in the 780s. Land donations tied lay families "
          "to monasteries."),
    paper("Forgery in the cartularies of medieval monasteries", 2014,
          "Monasteries rewrote their charters when disputes arose. We compare original charters with cartulary "
          "copies from three monasteries. One in five charters was altered in the cartulary copies. Forgery "
          "served monasteries defending land in disputes."),
    paper("Abbots, kings and immunity charters in the ninth century", 2018,
          "Royal immunity charters exempted monasteries from royal officials. This article studies 86 immunity "
          "charters issued by Carolingian kings to monasteries. Abbots sought immunity charters in times of "
          "royal weakness. Immunity charters bound monasteries to kings."),
    paper("Mortality of the Black Death in English manors", 2013,
          "The Black Death of 1348 killed a large share of the English population. We count deaths recorded in "
          "manorial court rolls of 24 English manors. Mortality reached 45% of tenants. Manorial court rolls "
          "allow plague mortality to be measured."),
    paper("Plague, wages and labour legislation after 1349", 2016,
          "Plague mortality changed English labour markets. We collect wages from manorial accounts of 60 "
          "manors between 1340 and 1380. Real wages of labourers rose by 40% after the plague. Labour "
          "legislation failed to hold wages down after the Black Death."),
]


@pytest.fixture(scope="session")
def vectors_of(embedder):
    """Real offline embeddings of title + abstract, cached per paper."""
    cache: dict[str, np.ndarray] = {}

    def embed(papers: list[Paper]) -> np.ndarray:
        missing = [p for p in papers if p.title not in cache]
        if missing:
            for p, row in zip(missing, embedder.embed_batch([f"{p.title}\n{p.abstract}" for p in missing])):
                cache[p.title] = row
        return np.stack([cache[p.title] for p in papers])

    return embed


def hits_of(papers: list[Paper]) -> list[Hit]:
    return [Hit(p, 1.0 - 0.01 * i) for i, p in enumerate(papers)]


def titled(papers: list[Paper], *words: str) -> Paper:
    return next(p for p in papers if all(w.lower() in p.title.lower() for w in words))


def quoted_sentence(answer: str, paper: Paper, fact: str) -> bool:
    """The abstract's sentence that holds `fact` is in the answer, verbatim."""
    sentence = next(s for s in split_sentences(paper.abstract) if fact in s)
    return sentence.rstrip(".") in answer


def best_is(question: str, paper: Paper, fact: str, slot: str | None) -> bool:
    """The single best sentence for the question is the one holding `fact`."""
    return fact in best_sentences(question, paper, n=1, slot=slot)[0]


# --- ask: the sentence holding the fact -----------------------------------------------------------------------

@pytest.mark.parametrize("question,slot,words,fact", [
    ("How much do neuropeptide F receptor knockouts reduce egg laying?", None, ("Neuropeptide F",), "38%"),
    ("By how much did sex peptide receptor mutants delay oviposition?", "number", ("Sex peptide",), "2.5 days"),
    ("How many reefs were bleached severely in the northern sector?", None, ("Thermal",), "61%"),
    ("How accurate is the mouse epigenetic clock at predicting age?", "number", ("epigenetic clock",), "3.3 weeks"),
])
def test_a_number_question_quotes_the_sentence_with_the_number(question, slot, words, fact):
    slot = slot or Reader([]).read(question).slot  # None: as the chain reads it
    target = titled(BIOLOGY, *words)
    answer = compose_ask(question, [Hit(target, 1.0)], slot=slot)
    assert quoted_sentence(answer, target, fact) and best_is(question, target, fact, slot)


def test_the_number_sentence_wins_over_the_sentence_sharing_most_words():
    target = titled(BIOLOGY, "Neuropeptide F")
    question = "How much do neuropeptide F receptor knockouts reduce egg laying?"
    answer = compose_ask(question, [Hit(target, 1.0), Hit(titled(BIOLOGY, "Octopamine"), 0.8)], slot="number")
    first = answer.split("\n- ")[1]  # two sentences per paper when several papers answer
    assert "38%" in first


def test_a_quantity_asked_by_its_kind_quotes_the_sentence_giving_one():
    """"At what temperature ...": the sentence with "15 °C", not the one sharing the question's words."""
    peat = Paper("Warming and methane from peat cores", abstract=(
        "Soil cores were taken from 12 boreal peatlands in 2021. The cores were held at 15 °C and 25 °C for 90 days. "
        "Methane emissions from the incubated peat cores rose by 40 percent in the warmer cores."))
    question = "At what temperatures were the incubated peat cores held for the methane emissions study?"
    assert "15 °C" in best_sentences(question, peat, n=1, slot="number")[0]


@pytest.mark.parametrize("question,slot,words,holds", [
    ("Which archives does the study of Atlantic credit draw on?", None, ("Merchant letters",),
     "Archivo General de Indias"),
    ("Which sources were used to reconstruct insurance premiums?", "dataset", ("Insurance",),
     "notarial archives of Amsterdam"),
    ("What cohort of mice was the epigenetic clock trained on?", None, ("epigenetic clock",), "141 mice"),
    ("Which species were compared for ribosomal DNA methylation?", "dataset", ("ribosomal",), "mice, dogs and humans"),
])
def test_a_dataset_question_quotes_the_sentence_naming_the_data(question, slot, words, holds):
    slot = slot or Reader([]).read(question).slot  # None: as the chain reads it
    target = titled(BIOLOGY + HISTORY, *words)
    answer = compose_ask(question, [Hit(target, 1.0), Hit(BIOLOGY[0] if target not in BIOLOGY[:1] else BIOLOGY[1],
                                                          0.5)], slot=slot)
    first = answer.split("\n- ")[1]
    assert quoted_sentence(first, target, holds) and best_is(question, target, holds, slot)


def test_an_acronym_the_abstract_defines_stands_for_its_words():
    paper = Paper("Groundfish on two shelves", abstract=(
        "We trawled the Gulf of Maine (GoM) and the Western Scotian Shelf (WSS) from 1990 to 2020. "
        "Cod fell by 10% in GoM. Cod fell by 40% in WSS. Haddock rose on both."))
    assert best_sentences("How much did cod fall on the Western Scotian Shelf?", paper, n=1) == ["Cod fell by 40% in WSS."]
    assert best_sentences("How much did cod fall in the GoM?", paper, n=1) == ["Cod fell by 10% in GoM."]
    from assistant.types import defined_acronyms
    assert defined_acronyms(paper.abstract) == {"GoM": "Gulf of Maine", "WSS": "Western Scotian Shelf"}


def test_one_paper_asked_two_things_is_quoted_at_more_length():
    paper = Paper("Sediments of a cave", abstract=(
        "We studied the cave sediments. Carbonate sands dominate the upper units. Silt cappings mark "
        "warm phases. Frost features grow upwards. Hearths are rare."))
    question = "What are the main sediments, and what do the silt cappings reflect?"
    parts = [("What are the main sediments", None), ("what do the silt cappings reflect", None)]
    two = compose_ask(question, [Hit(paper, 1.0)], parts=parts)
    one = compose_ask("What are the main sediments?", [Hit(paper, 1.0)])
    assert sum(two.count(s) for s in ("studied", "Carbonate", "Silt", "Frost", "Hearths")) == 4
    assert sum(one.count(s) for s in ("studied", "Carbonate", "Silt", "Frost", "Hearths")) == 3


def test_the_words_naming_the_paper_count_less_than_those_asking_of_it():
    paper = Paper("Multiple correspondence analysis of Iberian pottery", abstract=(
        "We apply multiple correspondence analysis to pottery from 12 Iberian sites. "
        "Neolithic sherds from Sardinia are used as an outgroup. "
        "The analysis separates the Iberian sites by period."))
    question = "In the correspondence analysis of the pottery, which sherds served as the outgroup?"
    assert best_sentences(question, paper, n=1) == ["Neolithic sherds from Sardinia are used as an outgroup."]


def test_a_method_question_quotes_the_method_sentence():
    target = titled(BIOLOGY, "methylation drift")
    answer = compose_ask("How was DNA methylation measured in the liver study?", [Hit(target, 1.0),
                                                                                   Hit(BIOLOGY[4], 0.6)])
    first = answer.split("\n- ")[1]
    assert quoted_sentence(first, target, "whole-genome bisulfite sequencing")
    assert best_is("How was DNA methylation measured in the liver study?", target, "whole-genome", None)


def test_numbers_are_quoted_as_written_and_record_brackets_are_not_citations():
    record = paper("Seed dispersal by frugivorous birds in tropical forests", 2019,
                   "Frugivorous birds disperse seeds of most tropical trees [2]. We observed 3,412 feeding visits "
                   "at 57 fruiting trees. Birds dispersed 1.2–1.8x more seeds than mammals.")
    answer = compose_ask("How many more seeds do birds disperse than mammals?", [Hit(record, 1.0)])
    assert "1.2–1.8x" in answer
    checked = verify(answer, [record], [record])
    assert checked.removed == [] and checked.papers == [record]
    assert [m.group(1) for m in MARKER.finditer(answer)] == ["1"]  # "[2]" from the abstract is escaped


def test_record_brackets_are_escaped_once_in_overviews_and_related_work(vectors_of):
    record = [paper("Seed dispersal kernels of frugivorous birds", 2019,
                    "We extend the dispersal kernel of [2] to 57 fruiting trees [Fig. 1]. Birds moved seeds 120 m."),
              paper("Bats as seed dispersers in cleared forest", 2021,
                    "We present a kernel for bats [3]. Bats moved seeds further than birds.")]
    texts = [compose_summary("seed dispersal", hits_of(record), vectors_of(record)),
             compose_related_work("seed dispersal by birds and bats", hits_of(record))]
    for text in texts:
        assert "\\[2\\]" in text and "\\[3\\]" in text and "\\\\" not in text
        assert sorted(m.group(1) for m in MARKER.finditer(text)) == ["1", "2"]


BARE = [Paper("Parish registers of Lancashire, 1538-1812", authors=["J. Clerk"], date=date(1999, 1, 1),
              date_precision="year", venue="Local Population Studies"),
        Paper("Baptisms and burials in Yorkshire parishes", authors=["M. Sexton"], date=date(2004, 1, 1),
              date_precision="year", venue="Northern History")]


def test_papers_without_abstracts_say_what_the_answer_is_built_from(vectors_of):
    answer = compose_ask("What are the parish registers of Lancashire?", hits_of(BARE))
    assert "Local Population Studies" in answer and "no abstract" in answer
    assert TITLES_NOTE in answer and "quoted from the abstracts" not in answer
    summary = compose_summary("parish registers", hits_of(BARE), vectors_of(BARE))
    mixed = compose_ask("What do parish registers record?", hits_of(BARE[:1] + HISTORY[6:7]))
    for text, papers in ((answer, BARE), (summary, BARE), (mixed, BARE[:1] + HISTORY[6:7])):
        assert all(text.count(p.title) == 1 for p in papers)
    assert TITLES_NOTE in summary and "from their titles, venues and authors" in mixed


def test_a_paper_whose_abstract_holds_no_figure_says_so():
    vague = paper("Pilgrimage and the cult of saints in Anglo-Saxon England", 2010,
                  "Pilgrims visited the shrines of local saints. We read miracle collections from several minsters. "
                  "Pilgrimage grew when relics were translated.")
    answer = compose_ask("How many pilgrims visited the shrines?", [Hit(vague, 1.0)], slot="number")
    assert "The abstract states no figure for this" in answer
    target = titled(HISTORY, "Abbots")
    answer = compose_ask("How many charters were studied?", [Hit(target, 1.0)], slot="number")
    assert "no figure" not in answer and quoted_sentence(answer, target, "86 immunity")


@pytest.mark.parametrize("question,slot,words,holds", [
    ("What did the aerial survey of the reef find?", "result", ("Thermal",), "61% of reefs"),
    ("How do the plague-era wages compare with those before?", "comparison", ("Plague, wages",), "rose by 40%"),
    ("What is an epigenetic clock?", "definition", ("epigenetic clock",), "estimate age from DNA methylation"),
    ("How did the study detect forged charters?", "method", ("Forgery",), "compare original charters"),
])
def test_other_slots_quote_the_sentence_of_their_kind(question, slot, words, holds):
    target = titled(BIOLOGY + HISTORY, *words)
    answer = compose_ask(question, [Hit(target, 1.0), Hit(BIOLOGY[1], 0.5)], slot=slot)
    assert quoted_sentence(answer.split("\n- ")[1], target, holds) and best_is(question, target, holds, slot)


LEDGERS = paper("Merchant ledgers of the Hanseatic League", 2021,
                "Hanseatic merchants kept ledgers in Lübeck and Bruges. We transcribed 412 ledgers into a searchable "
                "corpus. Digitising them raised several problems. These include faded ink, abbreviations that vary "
                "by scribe, and currencies that changed name. A tagger marks each entry's goods and prices. "
                "The corpus and the tagger are deposited on Zenodo under a CC-BY licence. "
                "Prices of herring fell after 1450.")


@pytest.mark.parametrize("question,slot,holds", [
    ("Which problems did digitising the ledgers raise?", None, "faded ink"),
    ("Where can the ledger corpus be downloaded?", "access", "deposited on Zenodo"),
])
def test_a_sentence_that_lists_what_the_one_before_announced_and_where_a_work_can_be_had(question, slot, holds):
    answer = compose_ask(question, [Hit(LEDGERS, 1.0)], slot=slot)
    assert quoted_sentence(answer, LEDGERS, holds)


OUTBREAK = paper("Origin of a shrimp virus outbreak", 2018,
                 "Shrimp farms had been free of the shrimp virus for decades. The virus causes outbreaks that kill "
                 "whole ponds of shrimp. In March 2016, one hit farms on the Tamar River in Tasmania. We asked whether "
                 "the outbreak came from an imported or a local virus. We sequenced shrimp virus DNA from nine farmed "
                 "samples. The sequences matched strains of the virus from overseas, pointing to imported bait as the "
                 "outbreak's source.")
HIVES = paper("Forest cover and honeybee diets", 2022,
              "Honeybee diets in the tropics are little studied. We sampled bee bread from 24 hives across 8 sites. "
              "Hives near forest had more diverse diets. We aim to compare landscapes in the highlands of Borneo.")


@pytest.mark.parametrize("question,target,holds", [
    ("When and where did the shrimp virus outbreak happen?", OUTBREAK, ("March 2016", "Tamar River")),
    ("For the honeybee study, how many hives were sampled and in which country?", HIVES, ("24 hives", "Borneo")),
])
def test_when_and_where_questions_quote_the_sentences_saying_when_and_where(question, target, holds):
    query = Reader([]).read(question)
    answer = compose_ask(question, [Hit(target, 1.0)], slot=query.slot, parts=query.parts)
    assert all(fact in answer for fact in holds)

@pytest.mark.parametrize("question,slot", [
    ("How much faster is the new assay?", "number"),
    ("How many letters survive from the trading house?", "number"),
    ("Which dataset was the model evaluated on?", "dataset"),
    ("Which archives did she use?", "dataset"),
    ("How does the sequencing protocol work?", "method"),
    ("What technique identifies forged charters?", "method"),
    ("What did the survey of reefs find?", "result"),
    ("What is an epigenetic clock?", "definition"),
    ("Which papers study plague mortality?", "list"),
    ("What word accuracy did the earlier tagger reach?", "number"),
    ("Which classifier did they use for the cadences?", "method"),
    ("Where can the site dataset be downloaded?", "access"),
    ("Under what licence is the corpus shared?", "access"),
    ("How far apart were the two estimates of the carrying capacity?", "number"),
    ("What prediction error did the mixed model reach?", "number"),
    ("What precision and accuracy did the cores measured on one scanner reach?", "number"),
    ("Through which channel does drought raise grain prices?", "method"),
    ("Which of the three dating methods came out best?", "result"),
    ("What was the societal cost per person tested?", "number"),
    ("Which three cities were compared?", "dataset"),
    ("How quickly did the prairies recover?", "number"),  # a duration
    ("When did the outbreak begin?", "time"),
    ("In which year was the treaty signed?", "time"),
    ("Where was the fieldwork done?", "place"),
    ("In which country were the hives?", "place"),
    ("Which markers did it use, and where were the birds isolated?", "method"),  # the first thing asked, first
    ("Tell me about coral bleaching", None),
    ("At what incidence is the impact of preventive therapy greatest?", "number"),  # a level asked for
    ("At what temperatures were the peat cores held?", "number"),
    ("At what conference was the poster shown?", None),  # a venue, not a level
    ("Which database did the cohort study of fracture risk use?", "dataset"),
    ("Which national registry did the trial draw its patients from?", "dataset"),
    ("What loggers were used to track the bee-eaters?", "method"),
    ("Which CFD tool and which numerical schemes were used?", "method"),
    ("Which stimulus onset asynchronies were used?", None),  # levels, not a means
    ("What was the average nearest neighbour distance between calls?", "number"),
    ("What was the median survival of the treated patients?", "number"),
])
def test_the_slot_is_read_from_the_wording(question, slot):
    assert Reader([]).read(question).slot == slot


# --- summaries ------------------------------------------------------------------------------------------------

def headings(text: str, papers: list[Paper]) -> list[str]:
    titles = {p.title for p in papers}
    return [h for h in re.findall(r"^\*\*(.+?)\*\* \(\d+ papers?\)$", text, re.M) if h not in titles]


def members_under(text: str) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        heading = re.match(r"^\*\*(.+?)\*\* \(\d+ papers?\)$", line)
        if heading:
            current = heading.group(1)
            groups[current] = []
        elif line.startswith("- **") and current:
            groups[current].append(re.match(r"- \*\*(.+?)\*\*", line).group(1))
    return groups


@pytest.mark.parametrize("record", [BIOLOGY, HISTORY], ids=["biology", "history"])
def test_a_whole_record_overview_labels_themes_with_their_papers_keyphrases(record, vectors_of):
    text = compose_summary("", hits_of(record), vectors_of(record), whole=True)
    assert text.startswith(f"The record holds {len(record)} papers. Overview by theme")
    for p in record:  # each title printed exactly once
        assert text.count(p.title) == 1
    groups = members_under(text)
    assert 2 <= len(groups) <= 4
    assert sum(len(m) == 1 for m in groups.values()) <= 1  # few single-paper themes
    by_title = {p.title: p for p in record}
    for label, titles in groups.items():
        if label in ("Other papers", "Papers"):
            continue
        members = [by_title[t] for t in titles]
        for phrase in label.split(", "):  # every label phrase is written in the group's own papers
            stems = set(tokenize(phrase))
            assert stems and any(stems <= set(tokenize(f"{m.title} {m.abstract}")) for m in members), (label, titles)
        years = [m.year for m in members]
        assert years == sorted(years)  # oldest first within a theme


def test_themes_follow_the_subjects_of_the_record(vectors_of):
    text = compose_summary("", hits_of(HISTORY), vectors_of(HISTORY), whole=True)
    groups = members_under(text)
    monastic = {p.title for p in HISTORY if "charter" in p.abstract.lower()}
    holder = [label for label, titles in groups.items() if monastic & set(titles)]
    assert len(holder) == 1 and set(groups[holder[0]]) == monastic  # the charter papers form one theme


def test_theme_labels_skip_what_most_of_the_record_says(vectors_of):
    common = [paper(p.title, p.year or 2000, p.abstract + " Field data were archived.") for p in BIOLOGY]
    text = compose_summary("", hits_of(common), vectors_of(common), whole=True)
    for label in headings(text, common):
        assert "archived" not in label.lower() and "field data" not in label.lower()


def test_an_area_summary_leaves_out_papers_far_below_the_best(vectors_of):
    record = BIOLOGY[:3] + BIOLOGY[6:7]
    hits = [Hit(p, s) for p, s in zip(record, (1.0, 0.9, 0.85, 0.2))]
    text = compose_summary("egg laying", hits, vectors_of(record))
    assert text.startswith("The record holds 3 papers on this area.")
    assert record[3].title not in text
    assert sorted(int(n) for n in re.findall(r"\[(\d+)\]", text)) == [1, 2, 3]


def test_keyphrases_come_from_the_papers_and_generic_ones_from_document_frequency():
    phrases = Keyphrases(HISTORY)
    assert phrases.generic(tokenize("letters")[0]) is False
    monastic = [p for p in HISTORY if "charter" in p.abstract.lower()]
    label = phrases.label(phrases.rank([monastic, [p for p in HISTORY if p not in monastic]])[0])
    assert "charter" in label.lower() or "monaster" in label.lower()
    everywhere = Keyphrases([paper(p.title, 2000, p.abstract + " Sources survive.") for p in HISTORY])
    assert everywhere.generic(tokenize("sources")[0])


# --- related work ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("request_text,project", [
    ("Draft a related-work paragraph for my project: symbiont shuffling in reef corals",
     "symbiont shuffling in reef corals"),
    ("related work for a paper on credit networks of Atlantic merchants", "credit networks of Atlantic merchants"),
    ("my project on epigenetic clocks in dogs", "epigenetic clocks in dogs"),
    ("epigenetic clocks in dogs", "epigenetic clocks in dogs"),
    ("Please write a short related work section for our thesis about plague and wages",
     "plague and wages"),
    ("For my dissertation on Carolingian immunity charters, draft the related work.",
     "Carolingian immunity charters"),
    ("Can you write related work for my study that compares bird and bat pollination?",
     "that compares bird and bat pollination"),
    ("I am reconstructing prehistoric population curves from radiocarbon dates. Draft a related-work paragraph.",
     "reconstructing prehistoric population curves from radiocarbon dates"),
    ("Our project uses satellite imagery to detect sites that re-emerge from reservoirs. Write the related work.",
     "that uses satellite imagery to detect sites that re-emerge from reservoirs"),
    ("I study defence responses of crop plants to fungal infection. Draft a related-work paragraph from his papers.",
     "defence responses of crop plants to fungal infection"),
    ("My lab mainly works on peatland carbon. Which of her papers should I cite?", "peatland carbon"),
    ("Write a related-work paragraph on seed banks in arid soils, citing his relevant papers.",
     "seed banks in arid soils"),
    ("Draft related work on seed banks in arid soils, drawing on Ada Okafor's work.", "seed banks in arid soils"),
    # what the project itself uses stays
    ("Draft related work for my project on seed banks using his methods, and data from 2020.",
     "seed banks using his methods, and data from 2020"),
])
def test_the_project_is_taken_out_of_the_request(request_text, project):
    assert project_description(request_text) == project


def test_related_work_restates_the_project_and_contrasts_each_paper_once(vectors_of):
    record = HISTORY[:3] + HISTORY[6:]
    hits = hits_of(record)
    request = "Draft a related-work paragraph for my project: credit and trust in Atlantic merchant letters"
    text = compose_related_work(request, hits, vectors_of(record))
    assert "Draft" not in text and "related-work paragraph" not in text
    assert "our project focuses on credit and trust in Atlantic merchant letters" in text
    cited = [int(n) for n in re.findall(r"(?<!\\)\[(\d+)\]", text)]
    assert sorted(cited) == list(range(1, len(record) + 1))  # each paper cited exactly once
    letters = next(s for s in text.split("[1].", 1)[1].split(". ") if "our project" in s)
    assert "*letters*" in letters or "*credit*" in letters  # shared terms named in the contrast
    plague = text.split(f"[{record.index(HISTORY[6]) + 1}].", 1)[1]
    assert plague.lstrip().startswith("It shares no key term with our project")
    text = compose_related_work("Our project uses notarial letters to trace Atlantic credit. Write the related work.",
                                hits, vectors_of(record))
    assert "problems close to ours, which uses notarial letters to trace Atlantic credit." in text
    assert "In contrast to these works, our project uses notarial letters to trace Atlantic credit." in text


def test_related_work_names_a_system_once_and_shares_a_hyphened_word():
    """"Egeria (2022) designs Egeria, a ... system" reads "Egeria (2022) is a ... system"; a project's hyphened word
    ("heat-tolerant") that the paper writes is shared, not "no key term"."""
    from assistant.compose import contribution, contrast

    egeria = Paper("Egeria: Efficient DNN Training with Knowledge-Guided Layer Freezing", date=date(2022, 1, 1),
                   abstract="We design Egeria, a knowledge-guided DNN training system that freezes converged layers.")
    assert contribution(egeria).startswith("Egeria (2022) is a knowledge-guided DNN training system")
    rice = Paper("Engineering Rubisco Activase for Heat-Tolerant Photosynthesis in Rice", date=date(2023, 1, 1),
                 abstract="We engineered a thermostable Rubisco activase variant and expressed it in rice.")
    wheat = Paper("Root depth of wheat", abstract="Deep roots kept wheat yields in drought.")
    said = contrast("breeding heat-tolerant wheat", rice, Keyphrases([rice, wheat]))
    assert "heat-tolerant" in said and "no key term" not in said


def test_related_work_groups_by_approach_without_vectors():
    record = HISTORY[3:6] + HISTORY[6:8]
    text = compose_related_work("charters of medieval monasteries", hits_of(record))
    paragraphs = [p for p in text.split("\n\n") if re.search(r"\[\d\]", p)]
    assert len(paragraphs) == 2
    charter_paragraph = next(p for p in paragraphs if "[1]" in p)
    assert all(f"[{i}]" in charter_paragraph for i in (1, 2, 3))


def test_labels_and_verbs_read_as_written():
    record = [paper("Fine-Tuning Crop Models for Sahel Droughts", 2019,
                    "We study fine-tuning of crop models for droughts in the Sahel. Yields fell by 20%."),
              paper("Fine-Tuning Rainfall Forecasts in the Sahel", 2020,
                    "We identify fine-tuning steps for rainfall forecasts in the Sahel. Skill rose by 8%.")]
    phrases = Keyphrases(record)
    label = phrases.label(phrases.rank([record])[0])
    assert "Sahel" in label and "fine-tuning" in label.lower()  # a name keeps its capital ...
    assert "Fine-Tuning" not in label  # ... title case does not
    text = compose_summary("sahel", hits_of(record), np.eye(2, dtype=np.float32))
    assert "studies fine-tuning of crop models" in text and "identifies fine-tuning steps" in text


RECRUITMENT = paper(
    "Coral cover and the recruitment of reef fish", 2019,
    "Reef fish recruitment depends on coral cover, and coral cover is falling on most reefs. We surveyed juvenile "
    "reef fish recruitment on 64 reefs across three archipelagos of the Coral Sea. Reef fish recruitment fell by 40% "
    "where coral cover fell, and reef fish recruitment recovered slowly where coral cover recovered. Settlement of "
    "larvae was sampled each night with light traps moored above the reef crest. Protecting coral cover may sustain "
    "reef fish recruitment.")


@pytest.mark.parametrize("question,facts", [
    ("On how many reefs was reef fish recruitment surveyed, and how was the settlement of larvae sampled?",
     ("64 reefs", "light traps")),
    ("How much did reef fish recruitment fall where coral cover fell, and with what were larvae sampled?",
     ("40%", "light traps")),
])
def test_a_question_asking_two_things_quotes_a_sentence_for_each(question, facts):
    query = Reader([RECRUITMENT, BIOLOGY[6]]).read(question)
    assert len(query.parts) == 2
    answer = compose_ask(question, [Hit(RECRUITMENT, 1.0), Hit(BIOLOGY[6], 0.5)], query.slot, query.parts)
    first = answer.split("\n- ")[1]  # two sentences per paper when several papers answer
    assert all(fact in first for fact in facts), first


def test_how_many_quotes_the_sentence_counting_those_things_even_in_words():
    target = paper("Listener judgments of intonation", 2018,
                   "Intonation indexes ethnic identity. The pitch accent of each phrase was shifted in small steps, "
                   "a change of 40% at the extreme. Seventy-nine listeners took part online.")
    assert best_is("How many listeners rated the phrases?", target, "Seventy-nine listeners", "number")


def test_initials_and_abbreviations_end_no_sentence():
    text = ("Records from the U.S. Census allow this test. Dr. Smith and J. R. Saffran agree, as in Fig. 2. "
            "We found 3.5 times more. The end.")
    assert split_sentences(text) == ["Records from the U.S. Census allow this test.",
                                     "Dr. Smith and J. R. Saffran agree, as in Fig. 2.", "We found 3.5 times more.",
                                     "The end."]


def test_a_structured_abstract_heading_after_an_unspaced_full_stop_starts_a_sentence():
    """Exports glue the headings of structured abstracts to the sentence before ("...analysed.Results:There were")."""
    text = ("Troponin was measured at arrival.Results:There were 2,014 patients. Of these, 112 had an infarction "
            "on CT.Conclusions:Early testing helps. The U.S. Navy: a site.")
    assert split_sentences(text) == ["Troponin was measured at arrival.", "Results:There were 2,014 patients.",
                                     "Of these, 112 had an infarction on CT.", "Conclusions:Early testing helps.",
                                     "The U.S. Navy: a site."]
    assert best_is("How many patients were there?", paper("Troponin at arrival", 2020, text), "2,014", "number")


def test_a_sentence_glued_to_the_one_before_it_starts_a_sentence():
    """Abstracts whose line breaks an export dropped run one sentence into the next ("...worldwide.We used"); a
    domain, a decimal or an initial does not split."""
    text = ("We aimed to measure the index worldwide.We used the 2019 data.Globally, the index rose from 66.4 to 90.2 "
            "as the U.S.A. reported, see example.org and e.g.Smith.")
    assert split_sentences(text) == ["We aimed to measure the index worldwide.", "We used the 2019 data.",
                                     "Globally, the index rose from 66.4 to 90.2 as the U.S.A. reported, see "
                                     "example.org and e.g.Smith."]


def test_markdown_in_record_text_stays_text(vectors_of):
    """A title or abstract written with Markdown ("**Sea urchin** barrens", "`code`", "_italics_") is shown as
    written: an answer of any kind escapes it, so nothing of the record turns bold, italic or code."""
    from markdown_it import MarkdownIt

    from assistant.catalog import _lines

    record = [paper("**Sea urchin** barrens and the collapse of _abalone_ fisheries", 2021,
                    "We surveyed `barren` reefs for ~40 km along the coast. Urchin density rose ten-fold."),
              paper("Kelp recovery after urchin removal", 2023, "Removing **urchins** let kelp return within two years.")]
    texts = [compose_ask("What happened to the urchin barrens?", hits_of(record)),
             compose_summary("urchin barrens", hits_of(record), vectors_of(record)),
             compose_related_work("kelp and urchin barrens along rocky coasts", hits_of(record)), _lines(record)]
    for text in texts:
        html = MarkdownIt().render(text)
        assert "<strong>Sea urchin</strong>" not in html and "<code>" not in html
        assert "**Sea urchin** barrens and the collapse of _abalone_ fisheries" in html  # as the record writes it
