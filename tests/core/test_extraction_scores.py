"""Extraction against annotated gold: the seeds, other conflicts' talks, and the blank fallback."""
from __future__ import annotations

import json

import pytest

from ceasetalk.core.evaluate import score
from ceasetalk.core.extract import Extractor, to_json
from ceasetalk.core.ingest import load
from ceasetalk.core.profiles import load_profile, resolve_profile
from ceasetalk.core.records import Article

from ..conftest import FIXTURES, GOLD, OTHER, SEEDS


def _report(paths_and_profiles, gold, trained=True):
    outputs, texts = [], {}
    for path, profile in paths_and_profiles:
        extractor = Extractor(profile, trained)
        article = load(path)
        outputs.extend(to_json([extractor.extract(article)], extractor, "test")["articles"])
        texts[path.stem] = path.read_text(encoding="utf-8")
    return score(gold, {"articles": outputs}, texts)


@pytest.fixture(scope="module")
def seed_report():
    gold = json.loads(GOLD.read_text())
    profile = resolve_profile("gaza")
    return _report([(p, profile) for p in sorted(SEEDS.glob("*.txt"))], gold)


def test_seed_positions_and_figures_meet_the_floors(seed_report):
    assert seed_report.prf("positions")[2] >= 0.85
    assert seed_report.prf("figures")[2] >= 0.95
    assert not seed_report.unanswered


def test_every_record_quotes_a_sentence_of_its_article(seed_report):
    ok, checked = seed_report.provenance
    assert checked > 50 and ok == checked


@pytest.mark.parametrize(("folder", "positions", "figures"), [
    # hand-written wire-style passages about seven other negotiations (a development set)
    (OTHER, 0.80, 0.90),
    # eight more, written by a teammate who had not read the extractor (scored once blind at 0.63 / 0.82)
    (FIXTURES / "held_out_2", 0.65, 0.88),
    # eight more by another teammate, same terms (scored once blind at 0.51 / 0.87)
    (FIXTURES / "held_out_3", 0.50, 0.82),
    # ten more by a third, in several news styles (scored once blind at 0.57 / 0.83)
    (FIXTURES / "held_out_4", 0.52, 0.78),
    # ten more by a fourth (scored once blind at 0.52 / 0.80), and ten by a fifth (0.58 / 0.82)
    (FIXTURES / "held_out_5", 0.52, 0.84),
    (FIXTURES / "held_out_6", 0.60, 0.82),
    # ten by a sixth, written after the rules for the two before (scored once blind at 0.61 / 0.89)
    (FIXTURES / "held_out_7", 0.55, 0.83),
    # ten by a seventh, written after the next round (scored once blind at 0.60 / 0.84)
    (FIXTURES / "held_out_8", 0.55, 0.78),
    # ten by an eighth, written after the round after that (scored once blind at 0.43 / 0.74)
    (FIXTURES / "held_out_9", 0.45, 0.78),
    # ten by a ninth, on negotiations none of the others covers (scored once blind at 0.66 / 0.78)
    (FIXTURES / "held_out_10", 0.70, 0.85),
    # ten by a tenth, written after the rounds read from the two before (scored once blind at 0.47 / 0.78)
    (FIXTURES / "held_out_11", 0.50, 0.90),
    # ten by an eleventh, on ten more negotiations (scored once blind at 0.72 / 0.78)
    (FIXTURES / "held_out_12", 0.75, 0.78),
    # ten by a twelfth, on ten more negotiations (scored once blind at 0.59 / 0.81), then read for the seventh round
    (FIXTURES / "held_out_13", 0.68, 0.84),
    # ten by a thirteenth, on ten more negotiations (scored once blind at 0.51 / 0.75, before the seventh round),
    # then read for the eighth
    (FIXTURES / "held_out_14", 0.66, 0.84),
    # ten by a fourteenth, on ten more negotiations (scored once blind at 0.51 / 0.66 before the eighth round,
    # 0.54 / 0.66 after it)
    (FIXTURES / "held_out_15", 0.50, 0.62),
    # ten by a fifteenth, on ten more negotiations (scored once blind at 0.50 / 0.68, after the first speed-ups of
    # extraction's word passes)
    (FIXTURES / "held_out_16", 0.47, 0.64),
    # ten by a sixteenth, on ten more negotiations (scored once blind at 0.61 / 0.88, after the cold start's
    # speed-ups, before any round read held_out_16)
    (FIXTURES / "held_out_17", 0.58, 0.85),
], ids=["other_conflicts", "held_out_2", "held_out_3", "held_out_4", "held_out_5", "held_out_6", "held_out_7",
        "held_out_8", "held_out_9", "held_out_10", "held_out_11", "held_out_12", "held_out_13",
        "held_out_14", "held_out_15", "held_out_16", "held_out_17"])
def test_other_conflicts_with_their_own_profiles(folder, positions, figures):
    gold = json.loads((folder / "gold.json").read_text())
    pairs = [(next(folder.glob(stem + ".*")), load_profile(folder / "profiles" / f"{name}.toml"))
             for stem, name in gold["profiles"].items()]
    report = _report(pairs, gold)
    assert report.prf("positions")[2] >= positions
    assert report.prf("figures")[2] >= figures


def test_blank_fallback_still_extracts_and_says_so_once(capfd):
    import ceasetalk.core.nlp as nlp

    nlp._warned_blank = False
    gold = json.loads(GOLD.read_text())
    profile = resolve_profile("gaza")
    original = nlp.TRAINED_PIPELINES
    nlp.TRAINED_PIPELINES = ()  # as on a machine without the trained pipeline
    nlp._PIPELINES.clear()
    try:
        report = _report([(p, profile) for p in sorted(SEEDS.glob("*.txt"))], gold)
    finally:
        nlp.TRAINED_PIPELINES = original
        nlp._PIPELINES.clear()
    err = capfd.readouterr().err
    assert err.count("no trained English pipeline is installed") == 1
    # Word order alone finds much less; these floors keep the fallback useful.
    assert report.prf("positions")[2] >= 0.25
    assert report.prf("figures")[2] >= 0.70


def test_the_blank_pipeline_reads_contractions_it_cannot_parse():
    """spaCy's tokenizer exceptions ("it's", "that’s", "there's") leave the split tokens' parse edges
    on other tokens; without a parser to set them again, walking a token's children read out of
    bounds and killed the process. Each token now stands alone, and the rules read on."""
    extractor = Extractor(load_profile(OTHER / "profiles" / "valdoria.toml"), trained=False)
    text = ("The Northern Front said it\u2019s ready to free 40 hostages. That's the offer, and there's no "
            "other, a spokesman said.")
    doc = extractor.pipeline.nlp(text)
    assert doc.text == text and [t.norm_ for t in doc if t.text == "\u2019s"] == ["'s"]
    assert all(t.left_edge.i == t.i == t.right_edge.i and not list(t.children) for t in doc)
    article = Article(id="x", title="t", outlet=None, published="2025-03-01", published_from="flag", source="x",
                      kind="text", text=text)
    found = extractor.extract(article)
    assert [(f.metric, f.value) for f in found.figures] == [("hostages", 40)]
    assert [(p.party, p.stance, p.issue) for p in found.positions] == [("Northern Front", "offer", "hostage_release")]


def test_records_found_in_one_sentence_share_its_text():
    from ceasetalk.core.extract import Extraction
    from ceasetalk.core.records import Figure, Position

    said = "The Coastal Front demanded a pullback and the release of 40 fishermen held since March."
    article = Article(id="a1", title="t", outlet=None, published="2025-03-01", published_from="flag", source="x",
                      kind="text", text=said)
    positions = [Position(party="Coastal Front", stance="demand", issue=issue, actor=None, sentence="".join(said),
                          start=0, end=len(said), date=None) for issue in ("withdrawal", "prisoner_release")]
    figure = Figure(metric="prisoners", value=40, low=None, high=None, qualifier=None, attribution=None,
                    subject="fishermen", sentence=said[:45] + said[45:], start=0, end=len(said), date=None)
    assert positions[0].sentence is not positions[1].sentence is not figure.sentence
    records = Extraction(article, positions, [figure]).records()
    assert [r["sentence"] for r in records] == [said] * 3
    assert records[0]["sentence"] is records[1]["sentence"] is records[2]["sentence"]
