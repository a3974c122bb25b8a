from __future__ import annotations

from storyline import dedup

P1 = (
    "The defence ministers of the two neighbouring countries met in the capital on Wednesday for "
    "the first talks at that level in more than a decade, officials from both sides said afterwards."
)
P2 = (
    "Both delegations described the discussions as constructive and agreed to keep meeting in the "
    "same format, with deputy ministers tasked with preparing a roadmap for the coming months."
)
P3 = (
    "The host government said it would continue to encourage contacts, while opposition groups in "
    "the border regions staged protests against any rapprochement between the former adversaries."
)
OWN_A = (
    "Analysts in the region cautioned that the process would be slow, given the years of hostility "
    "and the many armed groups still active along the frontier between the two states today."
)
OWN_B = (
    "Refugee organisations asked for guarantees that any returns would be voluntary and safe, "
    "pointing to reports of arrests of returnees in several provinces over the past year."
)
OTHER = (
    "Wheat prices rose sharply on Tuesday after heavy rains delayed the harvest across the plains, "
    "traders said, adding that export contracts for the next quarter were being renegotiated."
)


def _index(*docs: tuple[str, str]) -> dedup.Index:
    idx = dedup.Index()
    for aid, text in docs:
        idx.add(dedup.sign(aid, text))
    return idx


def test_partial_copy_found_through_shared_paragraphs() -> None:
    original = "\n\n".join([P1, P2, P3, OWN_A])
    copy = "\n\n".join([P1, OWN_B, P3, P2])  # one paragraph dropped, one added, order changed
    idx = _index(("orig", original))
    pairs = dedup.find_pairs(dedup.sign("copy", copy), idx)
    assert [p[0] for p in pairs] == ["orig"]
    passages = pairs[0][2]
    assert len(passages) == 3
    for p in passages:
        assert copy[p["start"] : p["end"]] == original[p["other_start"] : p["other_end"]]


def test_exact_copy_and_unrelated_text() -> None:
    text = "\n\n".join([P1, P2])
    idx = _index(("a", text), ("b", OTHER))
    pairs = dedup.find_pairs(dedup.sign("c", text.replace("  ", " ") + "\n"), idx)
    assert [(p[0], p[1]) for p in pairs] == [("a", 1.0)]
    assert dedup.find_pairs(dedup.sign("d", "\n\n".join([OWN_A, OWN_B])), idx) == []


def test_one_shared_background_paragraph_is_not_a_copy() -> None:
    idx = _index(("a", "\n\n".join([P1, OWN_A, OTHER])))
    assert dedup.find_pairs(dedup.sign("b", "\n\n".join([P1, OWN_B, P3, P2])), idx) == []


def test_groups_canonical_copy_and_date_window() -> None:
    meta = {
        "a": {"published": "2022-12-29", "n": 900, "published_how": "header"},
        "b": {"published": None, "n": 1200, "published_how": "none"},
        "c": {"published": "2022-12-30", "n": 800, "published_how": "header"},
    }
    group_of = dedup.groups([("a", "b"), ("b", "c")], meta)
    assert set(group_of.values()) == {"a"}  # the earliest dated copy is canonical
    assert dedup.group_dates(group_of, meta) == {"b": ("2022-12", "month")}
    meta["c"]["published"] = "2022-12-29"
    assert dedup.group_dates(group_of, meta) == {"b": ("2022-12-29", "day")}


def test_signatures_round_trip() -> None:
    s = dedup.sign("a", P1)
    assert s.doc is not None
    assert dedup.from_bytes(dedup.to_bytes(s.doc)).jaccard(s.doc) == 1.0


def test_incremental_run_matches_one_pass() -> None:
    original = "\n\n".join([P1, P2, P3, OWN_A])
    copy = "\n\n".join([P1, OWN_B, P3, P2])
    meta = {
        "orig": {"published": "2022-12-29", "n": len(original)},
        "copy": {"published": None, "n": len(copy)},
        "other": {"published": "2022-01-01", "n": len(OTHER)},
    }
    one = dedup.run([("orig", original), ("other", OTHER), ("copy", copy)], dedup.Index(), [], meta)
    first = dedup.run([("orig", original), ("other", OTHER)], dedup.Index(), [], meta)
    index = dedup.load_index(
        first.document_rows, first.paragraph_rows, {k: int(v["n"]) for k, v in meta.items()}
    )
    second = dedup.run([("copy", copy)], index, [(a, b) for a, b, _, _ in first.new_pairs], meta)
    assert (
        [(a, b) for a, b, _, _ in second.new_pairs]
        == [(a, b) for a, b, _, _ in one.new_pairs]
        == [("copy", "orig")]
    )
    assert second.group_of == one.group_of == {"copy": "orig", "orig": "orig"}
    assert second.dates == one.dates == {"copy": ("2022-12-29", "day")}
    # Passages are stored from the first article's side.
    ((_, _, _, passages),) = second.new_pairs
    assert all(
        copy[p["start"] : p["end"]] == original[p["other_start"] : p["other_end"]] for p in passages
    )
