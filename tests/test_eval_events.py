"""The real-news and roles evaluations score what the guide says, on fixtures written here.

The development sets live in ../shared and are never copied; these few sentences are ours and
exercise the scoring rules: strict and lenient keys, a compound subject counted both ways,
"A met B" counted once, dates and background on strict matches, span overlap, and the parties
of a mutual act that one coordination names scored as the one reciprocal span the set tags.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.eval import realnews, roles

RECORDS = [
    {
        "id": "t-1",
        "corpus": "mine",
        "published": "2021-03-12",
        "title": "",
        "context": "",
        "text": "Angela Merkel and Emmanuel Macron met in Aachen on Tuesday.",
        "events": [
            {"source": "DEUGOV", "target": "FRAGOV", "cameo": "040", "polarity": "asserted",
             "modality": "fact", "date": "2021-03-09", "background": False},
            {"source": "FRAGOV", "target": "DEUGOV", "cameo": "040", "polarity": "asserted",
             "modality": "fact", "date": "2021-03-09", "background": False},
        ],
    },
    {
        "id": "t-2",
        "corpus": "mine",
        "published": "2021-03-12",
        "title": "",
        "context": "",
        "text": "Chadian troops attacked Libyan positions on Wednesday.",
        "events": [
            {"source": "TCDMIL", "target": "LBY", "cameo": "190", "polarity": "asserted",
             "modality": "fact", "date": "2021-03-10", "background": False},
        ],
    },
    {
        "id": "t-3",
        "corpus": "mine",
        "published": "2021-03-12",
        "title": "",
        "context": "",
        "text": "The stock market rose sharply on Thursday.",
        "events": [],
    },
]  # fmt: skip


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("shared")
    path = root / realnews.SET
    path.parent.mkdir(parents=True)
    path.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", "utf-8")
    tagged = [
        [("Angela", "B-S"), ("Merkel", "I-S"), ("met", "O"), ("Emmanuel", "B-T"),
         ("Macron", "I-T"), ("in", "O"), ("Aachen", "O"), (".", "O")],
        [("Chadian", "B-S"), ("troops", "I-S"), ("attacked", "O"), ("Libyan", "B-T"),
         ("positions", "I-T"), (".", "O")],
        # one coordination naming both parties of a mutual act is one R span
        [("Chile", "B-R"), ("and", "I-R"), ("Peru", "I-R"), ("signed", "O"), ("a", "O"),
         ("fishing", "O"), ("treaty", "O"), (".", "O")],
    ]  # fmt: skip
    rpath = root / roles.SET
    rpath.parent.mkdir(parents=True)
    rpath.write_text(
        "\n\n".join("\n".join(f"{w} {t}" for w, t in s) for s in tagged) + "\n", "utf-8"
    )
    return root


def test_realnews_scores_our_own_sentences(ctx, shared: Path, tmp_path: Path) -> None:
    fails = tmp_path / "failures.jsonl"
    result = realnews.evaluate(shared, ctx, failures_to=fails)
    figures = result.figures["all"]
    assert figures["gold_events"] == 3
    # The compound subject is both directions; the attack is one; nothing in the markets.
    assert figures["lenient"]["recall"] == 1.0
    assert figures["lenient"]["precision"] == 1.0
    assert figures["date_exact"] == 1.0 and figures["dated_matches"] >= 2
    assert "mine" in result.figures
    assert fails.read_text("utf-8").strip() == ""


def test_a_met_b_is_counted_once(ctx) -> None:
    rec = dict(RECORDS[0], text="Angela Merkel met Emmanuel Macron in Aachen on Tuesday.")
    events = realnews.code_records([rec], ctx)[0]
    coded = realnews.as_coded(events)
    meetings = [c for c in coded if c.cameo.startswith("04")]
    assert [(c.source, c.target) for c in meetings] == [("DEUGOV", "FRAGOV")]


def test_scoring_keys_and_failures() -> None:
    gold = realnews.from_gold(RECORDS[1]["events"][0])
    near = realnews.Coded("TCD", "LBY", "193", False, "2021-03", False, "fact")
    tallies, failures = realnews.score([RECORDS[1]], [[near]])
    t = tallies["all"]
    assert (t.strict, t.lenient) == (0, 1)  # same countries and root, different code
    assert not failures
    assert realnews.lenient_key(near) == realnews.lenient_key(gold)
    _, failures = realnews.score([RECORDS[1]], [[]])
    assert failures and failures[0]["missed"]


def test_roles_span_overlap_rule() -> None:
    assert roles.overlaps((0, 2), (0, 3))  # two of three tokens shared
    assert not roles.overlaps((0, 1), (0, 3))
    assert roles.matched([(0, 2), (5, 6)], [(0, 3)]) == 1


def test_roles_text_rejoins_a_word_cut_at_its_apostrophe() -> None:
    tagged = roles.Tagged(["Peru", "’", "s", "envoy", "does", "n't", "go", "."], [], [])
    assert tagged.text == "Peru’s envoy does n't go ."
    offs = tagged.offsets()
    assert [tagged.text[a:b] for a, b in offs] == tagged.tokens


def test_roles_scores_our_own_sentences(ctx, shared: Path) -> None:
    result = roles.evaluate(shared, ctx)
    assert result.figures["source"]["f1"] == 1.0
    assert result.figures["target"]["f1"] == 1.0
    assert result.figures["target"]["gold"] == 3  # the joint span is one target, and matched
