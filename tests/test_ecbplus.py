"""The ECB+ coreference benchmark's conventions, on a toy corpus written for these tests."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from storyline.eval import ecbplus, ecbplus_corpus
from storyline.model import Article, Event, EventMention

SHARED = Path(os.environ.get("STORYLINE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
REAL = SHARED / ecbplus_corpus.CORPUS


def _m(
    m_id: str, kind: str, t_ids: list[int], text: str, sent: int, chain: str = "", how: str = ""
):
    out = {"m_id": m_id, "type": kind, "t_ids": t_ids, "text": text, "sent": sent}
    if chain:
        out |= {"chain": chain, "chain_kind": how or "CROSS_DOC_COREF"}
    return out


# Token ids are 1-based over the whole document, as in ECB+.
DOCS = [
    {
        "doc_name": "1_1ecb.xml",
        "topic": 1,
        "subcorpus": "ecb",
        "sentences": [
            "Greece and Turkey held talks in Athens on Monday , officials said .",
            "The talks covered migration and the `` border '' .",
        ],
        "mentions": [
            _m("1", "ACTION_OCCURRENCE", [4, 5], "held talks", 0, "ACT1"),
            _m("2", "ACTION_REPORTING", [12], "said", 0),
            _m("3", "ACTION_OCCURRENCE", [15], "talks", 1, "T9", "INTRA_DOC_COREF"),
            _m("4", "ACTION_OCCURRENCE", [16], "covered", 1, "T9", "INTRA_DOC_COREF"),
            _m("5", "LOC_GEO", [7], "Athens", 0, "LOC1"),
        ],
    },
    {
        "doc_name": "1_2ecb.xml",
        "topic": 1,
        "subcorpus": "ecb",
        "sentences": [
            "Turkey and Greece held talks in Athens on Monday .",
            "The two sides agreed to meet again .",
        ],
        "mentions": [
            _m("7", "ACTION_OCCURRENCE", [4, 5], "held talks", 0, "ACT1"),
            _m("8", "ACTION_OCCURRENCE", [14], "agreed", 1, "ACT2"),
            _m("9", "ACTION_OCCURRENCE", [16], "meet", 1),
        ],
    },
    {
        "doc_name": "1_1ecbplus.xml",
        "topic": 1,
        "subcorpus": "ecbplus",
        "sentences": [
            "http : / / example . com / 2021 / 06 / 01 / talks",
            "Ministers Meet Again In Ankara",
            "Greece and Turkey signed a trade - related agreement in Ankara on Tuesday .",
        ],
        "mentions": [
            _m("20", "ACTION_OCCURRENCE", [17], "Meet", 1, "ACT3"),
            _m("21", "ACTION_OCCURRENCE", [24], "signed", 2, "ACT3"),
            _m("22", "NEG_ACTION_OCCURRENCE", [25, 29], "a agreement", 2),
        ],
    },
]
# Annotated sentences; 1_2ecb's second sentence is not among them.
SENTENCES = "Topic,File,Sentence Number\n1,1ecb,0\n1,1ecb,1\n1,2ecb,0\n1,1ecbplus,1\n1,1ecbplus,2\n"


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "ecbplus"
    folder.mkdir()
    (folder / ecbplus.DOCS).write_text(
        "".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8"
    )
    (folder / ecbplus_corpus.SENTENCES).write_text(SENTENCES, encoding="utf-8")
    return folder


def test_detokenize_gives_text_and_token_spans() -> None:
    toks = "`` We met , '' he said of Ankara 's offer ( again ) : do n't .".split()
    text, spans = ecbplus.detokenize(toks)
    assert text == "“We met,” he said of Ankara's offer (again): don't."
    assert [text[s:e] for s, e in spans][:5] == ["“", "We", "met", ",", "”"]
    assert text[spans[9][0] : spans[9][1]] == "'s"
    # ecbplus documents split hyphenated words; ecb documents use a lone hyphen as a dash.
    assert ecbplus.detokenize("a 90 - day stay".split(), split_words=True)[0] == "a 90-day stay"
    assert ecbplus.detokenize("Athens - The talks".split())[0] == "Athens - The talks"
    assert ecbplus.detokenize('he said " no " .'.split())[0] == 'he said "no".'
    assert ecbplus.detokenize(["Awards\t", "now"])[0] == "Awards now"


def test_gold_mentions_follow_the_usual_convention(corpus: Path) -> None:
    docs = ecbplus.load(corpus)
    got = {m.mention_id: m for d in docs for m in d.mentions}
    # Actions only (not the place), annotated sentences only (not 1_2ecb's second sentence).
    expected = ["1_1ecb.xml/1", "1_1ecb.xml/2", "1_1ecb.xml/3", "1_1ecb.xml/4", "1_2ecb.xml/7"]
    expected += ["1_1ecbplus.xml/20", "1_1ecbplus.xml/21", "1_1ecbplus.xml/22"]
    assert sorted(got) == sorted(expected)
    assert got["1_1ecb.xml/1"].key == got["1_2ecb.xml/7"].key == "ACT1"
    assert got["1_1ecb.xml/3"].key == "1_1ecb.xml/T9"  # a within-document chain stays there
    assert got["1_1ecb.xml/2"].singleton and got["1_1ecb.xml/2"].key == "1_1ecb.xml/2"
    assert got["1_1ecb.xml/1"].tokens == (3, 4)
    assert got["1_1ecbplus.xml/21"].tokens == (3,)  # 15 URL + 5 headline tokens before it
    assert got["1_1ecbplus.xml/22"].tokens == (4, 8)  # discontinuous
    assert ecbplus.stats(docs) == {
        "documents": 3,
        "topics": 1,
        "mentions": 8,
        "clusters": 5,
        "singletons": 2,
    }
    assert [d.name for d in ecbplus.load(corpus, topics=[2])] == []
    assert len(ecbplus.load(corpus, limit=1)) == 1


def test_articles_locate_and_match(corpus: Path) -> None:
    docs = ecbplus.load(corpus)
    art, lines = ecbplus.article_for(docs[2], "2021-06-01")
    assert isinstance(art, Article)
    assert art.url == "http://example.com/2021/06/01/talks" and lines[0] == ""
    assert "Greece and Turkey signed a trade-related agreement in Ankara on Tuesday." in art.text
    # As cleaning leaves it: the headline moved to the title.
    art.title, art.text = lines[1], lines[2]
    located = ecbplus.locate(docs[2], art, lines)
    assert located["1_1ecbplus.xml/20"].lost == "headline"
    signed = located["1_1ecbplus.xml/21"]
    assert [art.text[s:e] for s, e in signed.spans] == ["signed"]
    mention = EventMention(
        art.article_id,
        None,
        None,
        art.text,
        0,
        len(art.text),
        mention_id="m1",
        trigger="signed a trade-related agreement",
    )
    event = Event(
        "ev1", None, "unknown", None, None, "057", "05", 1, 8.0, "AGREE", "", mentions=[mention]
    )
    reports = ecbplus.report_spans([event], {art.article_id: art.text})
    # "signed a trade-related agreement" overlaps "signed" and "a ... agreement": the report
    # stands for the mention its trigger starts with.
    aligned, crowded = ecbplus.align(located, reports)
    assert aligned == {"1_1ecbplus.xml/21": "ev1"}
    assert crowded == {"1_1ecbplus.xml/22"}


def test_scores_over_covered_and_all_mentions() -> None:
    key = {"a": "x", "b": "x", "c": "y"}
    response = ecbplus.with_singletons({"a": "e1", "b": "e1"}, key)
    assert response["c"] == "alone:c"
    assert ecbplus.scores(key, response).conll == pytest.approx(1.0)
    only_a_c = ecbplus.scores(key, response, keep={"a", "c"}.__contains__)
    assert only_a_c.b3.recall == pytest.approx(1.0)


def test_the_pipeline_merges_the_same_talks_across_documents(corpus: Path, ctx) -> None:
    r = ecbplus.evaluate(corpus, ctx, fixed_date="2021-06-01")
    runs = r.figures["runs"]
    fixed = runs["every document published 2021-06-01"]
    # Both reports of the Athens talks are covered and put in one event; the headline is not
    # coded; the reporting verb "said" is no CAMEO event.
    assert fixed["not_covered"].get("headline") == 1
    assert fixed["covered"] >= 2
    story = r.figures["all_mentions"]["storyline, every document published 2021-06-01"]
    singles = r.figures["all_mentions"]["all singletons"]
    assert story["muc_r"] > 0 and story["muc_p"] == pytest.approx(1.0)
    assert story["conll_f1"] > singles["conll_f1"]
    assert "same head lemma in topic" in r.figures["all_mentions"]
    assert "storyline" in r.text()


def test_missing_corpus_is_a_clear_error(tmp_path: Path) -> None:
    from storyline.eval.evaluate import EvalDataMissing

    with pytest.raises(EvalDataMissing, match="not found"):
        ecbplus.evaluate(tmp_path / "nowhere")


@pytest.mark.skipif(not (REAL / ecbplus.DOCS).exists(), reason="ECB+ not in ../shared")
def test_real_corpus_has_the_standard_mention_count() -> None:
    # Topics 1-35 are the usual train+dev split: 3,808 + 1,245 = 5,053 event mentions.
    docs = ecbplus.load(REAL)
    assert ecbplus.stats(docs)["mentions"] == 5053


def test_registered_as_an_evaluation_set(tmp_path: Path, ctx) -> None:
    from storyline.eval import evaluate

    folder = tmp_path / ecbplus_corpus.CORPUS
    folder.mkdir(parents=True)
    (folder / ecbplus.DOCS).write_text(
        "".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8"
    )
    r = evaluate.run("ecbplus", tmp_path, ctx)
    assert r.name == "ecbplus" and r.figures["mentions"] == 10  # no sentence list: every action
    assert '"set": "ecbplus"' in r.json()
