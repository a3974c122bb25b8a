"""The pure helpers behind the pages: marked text, excerpts, chart geometry."""

from __future__ import annotations

from storyline.model import Role
from storyline.server import views
from storyline.store.articles import snippet_parts
from storyline.store.filters import fts_query, like_pattern


def test_segments_split_at_every_mark_and_keep_all_text() -> None:
    text = "Alpha beta gamma delta epsilon."
    marks = [
        (6, 16, "event", "e1"),
        (11, 22, "copy", "a2"),
        (11, 16, "hl", "hl"),
        (-5, 2, "x", "y"),
    ]
    spans = views.segments(text, marks)
    assert "".join(s.text for s in spans) == text
    by_text = {s.text: s for s in spans}
    assert by_text["gamma"].marks == ["event", "copy", "hl"]
    assert by_text["gamma"].anchor == "hl"
    assert by_text["beta "].marks == ["event"]
    assert by_text[" delta"].marks == ["copy"]
    assert views.segments("", marks) == []
    assert [s.text for s in views.segments(text, [(5, 500, "hl", "hl")])] == ["Alpha", text[5:]]


def test_excerpt_cuts_at_words() -> None:
    text = "one two three four five six seven eight nine ten"
    before, sentence, after = views.excerpt(text, 14, 23, context=6)
    assert sentence == "four five"
    assert before.startswith("…") and after.endswith("…")
    assert views.excerpt(text, 0, len(text)) == ("", text, "")


def test_dyad_chart_fills_gaps_and_scales() -> None:
    def row(a: str, b: str, p: str, g: float, q: dict[str, int]) -> dict[str, object]:
        n = sum(q.values())
        return {
            "a": a,
            "b": b,
            "period": p,
            "events": n,
            "goldstein_sum": g,
            "goldstein_mean": g / n,
            "quad_counts": q,
        }

    trend = {
        "a": "TUR",
        "b": "SYR",
        "events": 5,
        "months": [
            {
                "period": "2022-11",
                "a_to_b": row("TUR", "SYR", "2022-11", -10.0, {"1": 0, "2": 0, "3": 0, "4": 1}),
                "b_to_a": None,
            },
            {
                "period": "2023-02",
                "a_to_b": row("TUR", "SYR", "2023-02", 5.0, {"1": 2, "2": 0, "3": 0, "4": 0}),
                "b_to_a": row("SYR", "TUR", "2023-02", 2.5, {"1": 1, "2": 0, "3": 1, "4": 0}),
            },
        ],
    }
    chart = views.dyad_chart(trend)
    assert [m["period"] for m in chart["months"]] == ["2022-11", "2022-12", "2023-01", "2023-02"]
    nov, dec, _, feb = chart["months"]
    assert dec["bars"] == [] and dec["events"] == 0
    (conflict,) = nov["bars"]
    assert conflict["dir"] == "ab" and conflict["y"] == chart["mid"]  # below the zero line
    assert conflict["h"] > feb["bars"][0]["h"] > feb["bars"][1]["h"]  # |-10| > 5 > 2.5
    assert [b["dir"] for b in feb["bars"]] == ["ab", "ba"]
    assert feb["bars"][0]["y"] + feb["bars"][0]["h"] == chart["mid"]  # above it
    assert [s["quad"] for s in feb["stacks"]] == ["1", "3"]
    # The full width, a y-axis with values, month ticks.
    assert chart["months"][-1]["x"] + chart["months"][-1]["w"] == chart["right"]
    labels = [t["label"] for t in chart["g_ticks"]]
    assert "+10" in labels and "−10" in labels and "0" in labels
    assert chart["c_ticks"][0]["label"] == "0"
    assert [t["label"] for t in chart["x_ticks"]] == ["Nov 2022", "Dec", "2023", "Feb"]
    # The data table holds the months with rows, with both directions and the quad classes.
    assert [r["period"] for r in chart["table"]] == ["2022-11", "2023-02"]
    assert chart["table"][1]["ab_sum"] == 5.0 and chart["table"][1]["ba_events"] == 2
    assert chart["table"][1]["quads"] == {"1": 3, "2": 0, "3": 1, "4": 0}
    assert views.dyad_chart({"a": "X", "b": "Y", "months": [], "events": 0})["months"] == []


def test_month_ticks_thin_out_on_long_spans() -> None:
    months = [f"{y}-{m:02d}" for y in range(2000, 2020) for m in range(1, 13)]
    ticks = views.month_ticks(months, 800 / len(months))
    assert all(t["label"].isdigit() for t in ticks) and len(ticks) <= 20
    assert views.nice_ticks(37) == [0, 10, 20, 30, 40]


def test_role_bars_and_strip() -> None:
    roles = [
        Role("Minister", "TURGOV", "2014-08-29", "2023-06-03"),
        Role("Head", "TURSPY", "2023-06-05", None),
        Role("Undated", "TUR", None, None),
    ]
    bars = views.role_bars(roles)["bars"]
    assert len(bars) == 2 and bars[0]["x"] < bars[1]["x"]
    assert views.strip([])["dots"] == []


def test_search_words_are_quoted() -> None:
    assert fts_query('Moscow" OR title:x') == '"Moscow""" "OR" "title:x"'
    assert fts_query("Mosc* *") == '"Mosc"*'
    assert fts_query("  ") is None
    assert like_pattern("50%_a\\") == "%50\\%\\_a\\\\%"
    assert snippet_parts("…\x02Moscow\x03 talks") == [
        ("…", False),
        ("Moscow", True),
        (" talks", False),
    ]
