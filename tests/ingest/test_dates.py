from __future__ import annotations

from storyline.ingest.clean import clean_article
from storyline.ingest.dates import date_article, date_from_url, parse_date
from storyline.ingest.readers import article_from_text
from storyline.model import Article


def test_parse_date_keeps_precision() -> None:
    assert parse_date("2022-08-12") == ("2022-08-12", "day")
    assert parse_date("2022-08") == ("2022-08", "month")
    assert parse_date("2022") == ("2022", "year")
    assert parse_date("September 24 2022") == ("2022-09-24", "day")
    assert parse_date("24 September 2022") == ("2022-09-24", "day")
    assert parse_date("2022-02-30") is None
    assert parse_date("not a date at all") is None


def test_url_dates() -> None:
    assert date_from_url("https://x.example/2021/10/12/story") == ("2021-10-12", "day")
    assert date_from_url("https://x.example/2021/10/story") == ("2021-10", "month")
    assert date_from_url("https://x.example/story-2021") is None


def _dated(text: str, **meta: str) -> Article:
    art = article_from_text(text, "x")
    assert isinstance(art, Article)
    art.meta.update(meta)
    return date_article(clean_article(art))


def test_header_then_byline_then_url_then_none() -> None:
    a = _dated("Date: 2020-01-05\n\nText of the report.")
    assert (a.published, a.published_how, a.published_precision) == ("2020-01-05", "header", "day")
    b = _dated("Headline of a piece here\nBy Desk - January 6 2020\n\nText of the report.")
    assert (b.published, b.published_how) == ("2020-01-06", "byline")
    c = _dated("URL: https://x.example/2020/01/07/piece\n\nText of the report.")
    assert (c.published, c.published_how) == ("2020-01-07", "url")
    d = _dated("Text of a report with no date anywhere.")
    assert (d.published, d.published_how, d.published_precision) == (None, "none", "unknown")


def test_unparseable_header_date_is_noted_not_trusted() -> None:
    a = _dated("Date: sometime last spring\n\nText.")
    assert a.published is None and any("unparseable" in n for n in a.notes)


# --- content inference --------------------------------------------------------------------------

from storyline.ingest.content_date import date_mentions, infer  # noqa: E402


def test_content_date_needs_a_present_tie_in_the_same_sentence() -> None:
    tied = "Officials said on Friday that the ceasefire of March 5, 2020 was holding."
    guess = infer(tied)
    assert (guess.value, guess.precision) == ("2020-03", "month")
    # The recency phrase is about today's news; the dated event is background: no claim.
    loose = (
        "The minister spoke to reporters on Thursday. "
        "The two countries signed a trade accord in January 2017."
    )
    g2 = infer(loose)
    assert g2.value is None and g2.lower is not None and g2.lower.isoformat() == "2017-01-01"


def test_a_bare_year_or_a_span_never_supports_a_claim() -> None:
    assert (
        infer("The sides sought reconciliation in 2023, officials said on Thursday.").value is None
    )
    g = infer("The war has continued since March 2011, a monitor said on Monday.")
    assert g.value is None and "span" in g.evidence


def test_future_dates_bound_from_above_and_tense_is_read() -> None:
    text = (
        "Delegates met in the capital on June 2, 2022. "
        "A second round will be held on June 20, 2022, the mediator said."
    )
    kinds = {m.text: m.tense for m in date_mentions(text)}
    assert kinds == {"June 2, 2022": "past", "June 20, 2022": "future"}
    guess = infer(text)
    assert (guess.value, guess.precision) == ("2022-06", "month")
    assert "not after 2022-06-20" in guess.evidence


def test_content_dates_are_marked_as_such_and_never_metadata() -> None:
    a = _dated("Rescue teams worked through the night on Sunday after the quake of Feb. 6, 2023.")
    assert (a.published, a.published_precision, a.published_how) == ("2023-02", "month", "content")
    assert a.published_evidence and "Feb. 6, 2023" in a.published_evidence
    b = _dated("History: the treaty was signed in May 1994.")
    assert b.published is None and b.published_how == "none"
    assert any("not before" in n for n in b.notes)


def test_a_crawl_date_is_an_upper_bound_only() -> None:
    a = _dated("Talks on the border opened on March 2, 2023 in the capital.", crawled="2023-03-20")
    assert (a.published, a.published_precision, a.published_how) == ("2023-03", "month", "content")
    b = _dated("A plain story about a market with no date at all.", crawled="2023-03-20")
    assert b.published is None


def test_printed_stamp_disagreeing_with_stated_date_is_a_recorded_conflict() -> None:
    from storyline.ingest import clean, dates

    art = Article(
        article_id="s1",
        path="s1",
        text="Published October 3 2016 Turkish jets struck positions in northern Iraq on Monday.",
    )
    art.meta.update({"date": "2016-10-05", "_how": "metadata"})
    art = dates.date_article(clean.clean_article(art))
    # A record's date may be when it was collected; the page's printed stamp is kept.
    assert (art.published, art.published_how) == ("2016-10-03", "dateline")
    assert any("date conflict" in n and "2016-10-05" in n for n in art.notes)
    assert not art.text.startswith("Published")


def test_page_markup_date_wins_over_printed_stamp_and_the_conflict_is_noted() -> None:
    from storyline.ingest import clean, dates

    art = Article(
        article_id="s2",
        path="s2",
        text="Wed 01 Mar 2017 Turkish jets struck positions in northern Iraq on Tuesday.",
    )
    art.meta.update({"date": "2017-04-05", "_how": "html"})
    art = dates.date_article(clean.clean_article(art))
    assert (art.published, art.published_how) == ("2017-04-05", "html")
    assert any("date conflict" in n for n in art.notes)


def test_printed_stamp_dates_an_article_without_metadata() -> None:
    from storyline.ingest import clean, dates

    art = Article(
        article_id="s3", path="s3", text="Wed 05 Apr 2017 Kenyan police arrested ten men."
    )
    art = dates.date_article(clean.clean_article(art))
    assert (art.published, art.published_precision, art.published_how) == (
        "2017-04-05",
        "day",
        "dateline",
    )
