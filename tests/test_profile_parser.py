"""The shipped record must parse exactly: every title, date, category, score and code flag."""

from datetime import date

import pytest

from ingest.errors import SourceError
from ingest.parsers import parse_file
from ingest.parsers.profile import parse_profile, resolve_date

RECORD = "data/fan_lai_profile.txt"
CAPTURED = date(2026, 11, 23)

EXPECTED = [
    ("Coverage-centric Coreset Selection for High Pruning Rates", "2022-10-28", "LG", None, True),
    ("Auxo: Efficient Federated Learning via Scalable Client Clustering", "2022-10-29", "LG", None, False),
    ("Swan: A Neural Engine for Efficient DNN Training on Smartphone SoCs", "2022-06-09", "LG", None, False),
    ("Introspective Diffusion Language Models", "2026-04-13", "AI", 99.9, False),
    ("CacheFlow: Efficient LLM Serving with 3D-Parallel KV Cache Restoration", "2026-04-28", "DC", 88.7, False),
    ("Disaggregating Embedding Recommendation Systems with FlexEMR", "2024-09-28", "IR", None, False),
    ("HyGen: Efficient LLM Serving via Elastic Online-Offline Request Co-location", "2025-01-15", "DC", None, True),
    ("SparseSAM: Structured Sparsification of Activations in Segment Anything Models", "2026-05-17", "CV", 46.5,
     False),
    ("DiSCo: Device-Server Collaborative LLM-Based Text Streaming Services", "2025-02-17", "LG", None, True),
    ("Venn: Resource Management for Collaborative Learning Jobs", "2023-12-13", "DC", None, True),
    ("EMA: Efficient Model Adaptation for Learning-based Systems", "2026-05-13", "LG", 35.4, False),
    ("Inv-Entropy: A Fully Probabilistic Framework for Uncertainty Quantification in Language Models",
     "2025-06-11", "CL", None, True),
    ("FedScale: Benchmarking Model and System Performance of Federated Learning at Scale", "2021-05-24", "LG",
     None, True),
    ("AutoScout: Structured Optimization for Automating ML System Configuration", "2026-03-12", "LG", 77.8, False),
    ("Andes: Defining and Enhancing Quality-of-Experience in LLM-Based Text Streaming Services", "2024-04-25",
     "DC", None, False),
    ("tLoRA: Efficient Multi-LoRA Training with Elastic Shared Super-Models", "2026-02-06", "LG", None, False),
    ("Act Only When It Pays: Efficient Reinforcement Learning for LLM Reasoning via Selective Rollouts",
     "2025-06-02", "AI", None, False),
    ("Learn To be Efficient: Build Structured Sparsity in Large Language Models", "2024-02-09", "CL", None, False),
    ("The Last Human-Written Paper: Agent-Native Research Artifacts", "2026-04-27", "LG", 87.5, False),
    ("Single-agent or Multi-agent Systems? Why Not Both?", "2025-05-23", "MA", None, False),
    ("Tempo: Application-aware LLM Serving with Mixed SLO Requirements", "2025-04-24", "DC", None, False),
    ("IC-Cache: Efficient Large Language Model Serving via In-context Caching", "2025-01-22", "LG", None, False),
    ("FedTrans: Efficient Federated Learning via Multi-Model Transformation", "2024-04-21", "LG", None, False),
    ("Fine-Grained Embedding Dimension Optimization During Training for Recommender Systems", "2024-01-09", "IR",
     None, False),
    ("Circinus: Efficient Query Planner for Compound ML Serving", "2025-04-23", "DB", None, False),
    ("SoundWeaver: Semantic Warm-Starting for Text-to-Audio Diffusion Serving", "2026-03-09", "SD", None, False),
    ("XRPO: Pushing the limits of GRPO with Targeted Exploration and Exploitation", "2025-10-08", "LG", None, False),
    ("OPPO: Accelerating PPO-based RLHF via Pipeline Overlap", "2025-09-30", "LG", None, False),
    ("Egeria: Efficient DNN Training with Knowledge-Guided Layer Freezing", "2022-01-17", "LG", None, False),
    ("Fed-ensemble: Improving Generalization through Model Ensembling in Federated Learning", "2021-07-21", "ML",
     None, False),
    ("Oort: Efficient Federated Learning via Guided Participant Selection", "2020-10-12", "LG", None, False),
]


@pytest.fixture(scope="module")
def parsed():
    return parse_file(RECORD, CAPTURED)


def test_every_paper_comes_out_exactly(parsed):
    got = [(p.title, p.date.isoformat(), p.category, p.score, p.code_available) for p in parsed.papers]
    assert got == EXPECTED


def test_authors_abstracts_and_lines(parsed):
    hygen = next(p for p in parsed.papers if p.title.startswith("HyGen"))
    assert hygen.authors == ["Ting Sun", "Penghan Wang", "Fan Lai"]
    assert not hygen.authors_truncated
    assert hygen.code_url == "https://github.com/UIUC-MLSys/HyGen"
    oort = parsed.papers[-1]
    assert oort.authors == ["Fan Lai", "Xiangfeng Zhu", "Harsha V. Madhyastha"] and oort.authors_truncated
    assert oort.line == 222 and oort.source.endswith("fan_lai_profile.txt")
    assert all(len(p.abstract) > 300 and p.date_precision == "day" for p in parsed.papers)
    swan = parsed.papers[2]
    assert swan.abstract.endswith("Swan can improve performance by 1.2 - 23.3x over the state-of-the-art.")


def test_researcher_figures(parsed):
    r = parsed.researcher
    assert (r.name, r.primary_category, r.h_index, r.paper_count, r.citations) == ("Fan Lai", "LG", 42, 31, 843)
    assert (r.novelty, r.ai_score, r.captured) == ("59%", "60", "2026-11-23")


@pytest.mark.parametrize("month,day,expected", [
    (4, 13, date(2026, 4, 13)),     # before the capture date: the capture year
    (11, 23, date(2026, 11, 23)),   # the capture day itself
    (12, 1, date(2025, 12, 1)),     # would be after the capture date: the year before
])
def test_dates_without_a_year(month, day, expected):
    assert resolve_date(month, day, None, CAPTURED) == expected


def test_a_broken_paper_block_names_its_line(tmp_path):
    text = "Someone\n\nLGOct 1, 2020\nA Title\n\nAn Author\n\nAbstract.\n\nthis is not a header\n"
    with pytest.raises(SourceError) as error:
        parse_profile(tmp_path / "p.txt", "Someone\n\nLGOct 1, 2020\nA Title\n", CAPTURED)
    assert "line 3" in str(error.value) and "author" in str(error.value)
    with pytest.raises(SourceError) as error:
        parse_profile(tmp_path / "p.txt", "Nobody\nno headers at all\n", CAPTURED)
    assert "p.txt" in str(error.value)
    papers = parse_profile(tmp_path / "p.txt", text, CAPTURED)[1]
    assert papers[0].abstract == "Abstract. this is not a header"
