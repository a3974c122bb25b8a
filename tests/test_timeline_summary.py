"""Timeline summaries: the most reported days, one sentence each, and the scores used to judge
them.  The fixture is an invented flood in an invented town, written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline import api, summary
from storyline.eval.summary_scores import PRF, date_prf, rouge, rouge_agreement
from storyline.pipeline import Context
from storyline.store import Store
from tests.conftest import run_cli

# (outlet, published, text): paragraphs separated by blank lines.
ARTICLES = [
    (
        "Tidewater Post",
        "2021-03-02",
        "Floodwater breached the Larkmoor river wall on Tuesday, forcing hundreds of residents "
        "from their homes.\n\nThe town council opened two shelters in school halls for the "
        "night.\n\nEngineers said a week of heavy rain had weakened the old stone wall.",
    ),
    (
        "Northern Ledger",
        "2021-03-02",
        "The river wall at Larkmoor gave way on Tuesday and brown water poured into the low "
        "streets of the town.\n\nVolunteers used small boats to reach families trapped upstairs.",
    ),
    (
        "Valley Courier",
        "2021-03-03",
        "Residents of Larkmoor spent a cold night in shelters after the river wall failed on "
        "March 2.\n\nThe mayor said that repairing the wall would take several months.",
    ),
    (
        "Tidewater Post",
        "2021-03-05",
        "The national government approved emergency funds for Larkmoor on Friday to rebuild "
        "the river wall.\n\nThe grant also pays for temporary barriers and large pumps.\n\n"
        "Builders will start work on the new wall on April 12.",
    ),
    (
        "Northern Ledger",
        "2021-03-06",
        "Emergency funds for the Larkmoor river wall were approved on Friday, the finance "
        "ministry confirmed.\n\nCouncillors welcomed the money.",
    ),
    (
        "Valley Courier",
        "2021-03-09",
        "Pumps cleared the last of the floodwater from the streets of Larkmoor on Tuesday.\n\n"
        "Shops on the high street began to reopen their doors to customers.",
    ),
    (
        "Harbour Gazette",
        "2021-03-10",
        "The streets of Larkmoor were dry again on March 9 after a week of pumping by fire crews.",
    ),
] + [
    # One wire report carried by three outlets: one voice, however many times it is printed.
    (
        outlet,
        "2021-03-12",
        "Insurance assessors began surveying flood damage in Larkmoor on Friday, starting with "
        "the houses nearest the broken river wall.",
    )
    for outlet in ("Coastline Wire", "Evening Lantern", "Morning Signal")
]


@pytest.fixture(scope="module")
def flood_db(tmp_path_factory: pytest.TempPathFactory, ctx: Context) -> Path:
    folder = tmp_path_factory.mktemp("flood")
    src = folder / "flood.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i, (outlet, day, text) in enumerate(ARTICLES):
            rec = {"text": text, "date": day, "source": outlet, "url": f"https://x.test/{i}"}
            fh.write(json.dumps(rec) + "\n")
    db = folder / "flood.db"
    report = api.ingest([str(src)], str(db), ctx=ctx)
    assert not report.skipped
    return db


def _summary(db: Path, n: int, **kw: object) -> summary.Summary:
    with Store(db, readonly=True) as store:
        return summary.summarize(store, dates=n, everything=True, **kw)  # type: ignore[arg-type]


def test_the_most_reported_days_are_chosen(flood_db: Path) -> None:
    # 2 March: two reports that day and one the day after pointing back; 5 March: one that day,
    # one the day after ("on Friday"); 9 March likewise.
    assert [e.date for e in _summary(flood_db, 1).entries] == ["2021-03-02"]
    assert [e.date for e in _summary(flood_db, 2).entries] == ["2021-03-02", "2021-03-05"]
    three = _summary(flood_db, 3)
    assert [e.date for e in three.entries] == ["2021-03-02", "2021-03-05", "2021-03-09"]
    assert [e.reports for e in three.entries] == [3, 2, 2]


def test_copies_of_one_report_count_once(flood_db: Path) -> None:
    # Three printings of one wire report (three outlets) are one report: 12 March ranks below
    # 9 March's two independent reports, and first among the one-report days (most outlets).
    four = _summary(flood_db, 4)
    assert [e.date for e in four.entries][-1] == "2021-03-12"
    wire = next(e for e in four.entries if e.date == "2021-03-12")
    assert (wire.reports, wire.outlets) == (1, 3)


def test_one_sentence_per_day_taken_from_its_article(flood_db: Path) -> None:
    s = _summary(flood_db, 4)
    assert len({e.date for e in s.entries}) == len(s.entries) == 4
    with Store(flood_db, readonly=True) as store:
        for e in s.entries:
            text = store.articles.texts([e.article_id])[e.article_id]
            assert text[e.start : e.end].strip() == e.sentence.strip()
            assert "\n" not in e.sentence
    first = s.entries[0]
    assert "river wall" in first.sentence and "Larkmoor" in first.sentence


def test_n_is_respected_and_no_day_after_the_last_report(flood_db: Path) -> None:
    s = _summary(flood_db, 50)
    dates = [e.date for e in s.entries]
    assert dates == sorted(dates) and len(dates) == len(set(dates)) <= s.days
    # "will start work on April 12" is a plan, after the last report: never a summary day.
    assert all(d <= "2021-03-12" for d in dates)
    assert "2021-04-12" not in dates
    with pytest.raises(ValueError):
        _summary(flood_db, 0)


def test_date_range_and_salience_variants(flood_db: Path) -> None:
    ranged = _summary(flood_db, 2, date_from="2021-03-04", date_to="2021-03-10")
    assert [e.date for e in ranged.entries] == ["2021-03-05", "2021-03-09"]
    # Publication days alone: 2 March has two, every other day one.
    assert _summary(flood_db, 1, salience="published").entries[0].date == "2021-03-02"


def test_deterministic(flood_db: Path) -> None:
    a = summary.render_json(_summary(flood_db, 5))
    b = summary.render_json(_summary(flood_db, 5))
    assert a == b


def test_cli_summary_formats(flood_db: Path) -> None:
    out = run_cli(
        "timeline", "--db", str(flood_db), "--all", "--summary", "--dates", "2", "--format", "json"
    )
    assert out.returncode == 0, out.stderr
    rec = json.loads(out.stdout)
    assert rec["summary"] is True and [d["date"] for d in rec["dates"]] == [
        "2021-03-02",
        "2021-03-05",
    ]
    text = run_cli("timeline", "--db", str(flood_db), "--query", "insurance", "--summary")
    assert text.returncode == 0 and text.stdout.splitlines()[3].startswith("2021-03-12")
    html = api.timeline_summary(str(flood_db), everything=True, fmt="html")
    assert "<table>" in html and "2021-03-02" in html
    bad = run_cli("timeline", "--db", str(flood_db), "--all", "--dates", "3")
    assert bad.returncode == 2 and "--summary" in bad.stderr
    both = run_cli("timeline", "--db", str(flood_db), "--all", "--query", "x", "--summary")
    assert both.returncode == 2


def test_event_scope_summary(sample_db: Path) -> None:
    """A story's summary reads its events' reports: each day is an event's day-precise date or
    the publication day of a report that states none."""
    with Store(sample_db, readonly=True) as store:
        s = summary.summarize(store, dates=3, dyad=("TUR", "SYR"))
    assert 1 <= len(s.entries) <= 3
    assert all(e.event_id and len(e.date) == 10 for e in s.entries)


# ---- the pieces ----------------------------------------------------------------------------------
def test_sentences_keep_abbreviations_and_initials() -> None:
    text = "Mr. Hale met the U.S. envoy at 9 a.m. today. Talks went well!\n\nA second paragraph."
    got = [text[s:e] for s, e in summary.sentences(text)]
    assert got == [
        "Mr. Hale met the U.S. envoy at 9 a.m. today.",
        "Talks went well!",
        "A second paragraph.",
    ]


@pytest.mark.parametrize(
    ("sentence", "published", "days", "points"),
    [
        ("The wall failed on Tuesday.", "2021-03-04", ["2021-03-02"], [True]),
        ("The wall failed on March 2.", "2021-03-04", ["2021-03-02"], [True]),
        ("Rain has fallen since March 2.", "2021-03-04", ["2021-03-02"], [False]),
        ("On Saturday, 25 April 2009 the alert rose.", None, ["2009-04-25"], [True]),
        ("The office reopened yesterday.", "2021-03-04", ["2021-03-03"], [True]),
        ("The wall failed on March 2.", None, [], []),  # no year and no day to count from
        ("The wall failed in March.", "2021-03-04", [], []),  # a month is not a day
        ("Crews will return on Monday.", "2021-03-04", ["2021-03-08"], [True]),
        # A day after the report in a sentence not about the future: last year's.
        ("The attacks of September 11 changed the town.", "2021-08-04", ["2020-09-11"], [True]),
        ("The hearing is due to open on September 11.", "2021-08-04", ["2021-09-11"], [True]),
    ],
)
def test_day_references(
    sentence: str, published: str | None, days: list[str], points: list[bool]
) -> None:
    refs = summary.day_references(sentence, published)
    assert [r.day for r in refs] == days
    assert [r.point for r in refs] == points


def test_datelines_and_page_furniture() -> None:
    lead = "LARKMOOR (Coastline Wire) - The river wall gave way on Tuesday."
    assert lead[summary.statement_start(lead) or 0 :] == "The river wall gave way on Tuesday."
    stamped = "Flood latest Tuesday 2 March 2021 09.15 GMT Crews worked through the night."
    assert stamped[summary.statement_start(stamped) or 0 :] == "Crews worked through the night."
    assert summary.statement_start("Posted by a reader on March 3, 2021 10:02 PM.") is None
    assert summary.statement_start("The wall was built in 1890 by the town.") == 0


def test_a_sentence_repeating_a_chosen_one_is_passed_over() -> None:
    pool = summary._Pool()
    same = "Floodwater breached the Larkmoor river wall and forced hundreds from their homes."
    for day, texts, reports in (
        ("2021-03-02", [same], ["a", "b", "c"]),
        ("2021-03-03", [same + " ", "Volunteers rowed small boats to reach families upstairs."], ["d"]),
    ):  # fmt: skip
        for r in reports:
            pool.vote(day, r, None, "published")
        for i, t in enumerate(texts):
            pool.candidates[day].append(
                summary.Candidate(day, t, f"{day}-{i}", None, day, 0, len(t))
            )
        pool.sentences += texts
    entries, _ = summary._choose(pool, 2, "reports", None, None)
    assert [e.sentence for e in entries] == [same, texts[1]]


def test_date_f1() -> None:
    assert date_prf(["d1", "d2", "d3"], ["d1", "d4"]) == PRF(1 / 3, 1 / 2, 0.4)
    assert date_prf([], ["d1"]).f1 == 0.0


def test_rouge_concat() -> None:
    # "the cat sat" against "the cat ran": unigrams 2 of 3 each way; bigrams 1 of 2.
    r1 = rouge(["The cat sat."], ["the cat ran"], 1)
    assert r1.precision == pytest.approx(2 / 3) and r1.f1 == pytest.approx(2 / 3)
    assert rouge(["the cat sat"], ["the cat ran"], 2).f1 == pytest.approx(0.5)
    # Clipped: "the" three times against once counts once: P 1/3, R 1/2.
    assert rouge(["the the the"], ["the cat"], 1) == PRF(1 / 3, 1 / 2, 0.4)
    # No bigram across two sentences.
    assert rouge(["a b", "c d"], ["b c"], 2).f1 == 0.0


def test_rouge_agreement_counts_only_matching_days() -> None:
    pred = {"d1": ["the cat sat"], "d2": ["a dog ran"]}
    gold = {"d1": ["the cat ran"], "d3": ["a dog ran"]}
    agree = rouge_agreement(pred, gold, 1)  # only d1: 2 of 6 unigrams each way
    assert agree.precision == pytest.approx(1 / 3) and agree.f1 == pytest.approx(1 / 3)
    flat = rouge([s for v in pred.values() for s in v], [s for v in gold.values() for s in v], 1)
    assert flat.f1 == pytest.approx(5 / 6)
