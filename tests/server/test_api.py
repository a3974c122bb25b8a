"""The HTTP API answers with the export's records, filtered, paginated and in a stable order.

Expected results are computed from the export (``store/export.records``) with plain Python
predicates, so the tests hold for whatever the sample corpus's analysis produces."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from storyline import api
from storyline.corpus.dyads import side
from storyline.store import Store, export

Pred = Callable[[dict[str, Any]], bool]


@pytest.fixture(scope="module")
def exported(sample_db: Path) -> dict[str, list[dict[str, Any]]]:
    with Store(sample_db, readonly=True) as store:
        return {kind: list(export.records(store, kind)) for kind in export.KINDS}


def fetch_all(client, path: str, params: dict[str, Any], limit: int = 7) -> list[dict[str, Any]]:
    """Every page of a listing, checking the paging fields on the way."""
    items: list[dict[str, Any]] = []
    offset = 0
    while True:
        r = client.get(path, params={**params, "limit": limit, "offset": offset})
        assert r.status_code == 200, r.text
        page = r.json()
        assert page["limit"] == limit and page["offset"] == offset
        assert len(page["items"]) <= limit
        items += page["items"]
        if page["next_offset"] is None:
            assert len(items) == page["total"]
            return items
        assert page["next_offset"] == offset + len(page["items"])
        offset = page["next_offset"]


def _overlaps(value: str | None, lo: str | None, hi: str | None) -> bool:
    if value is None:
        return False
    return (lo is None or value[: len(lo)] >= lo[: len(value)]) and (
        hi is None or value[: len(hi)] <= hi[: len(value)]
    )


def _event_outlets(e: dict[str, Any]) -> set[str]:
    return {m["outlet"] for m in e["mentions"] if m["outlet"]}


def test_unfiltered_listings_equal_the_export(client, exported) -> None:
    for kind in ("events", "actors", "stories", "claims", "dyads"):
        got = fetch_all(client, f"/api/{kind}", {}, limit=9)
        assert got == exported[kind], kind
    # Articles: the same records, ordered by publication date (undated last) then ingest order.
    arts = fetch_all(client, "/api/articles", {}, limit=5)
    assert sorted(a["article_id"] for a in arts) == sorted(
        a["article_id"] for a in exported["articles"]
    )
    by_id = {a["article_id"]: a for a in exported["articles"]}
    assert all(a == by_id[a["article_id"]] for a in arts)
    keys = [(a["published"] is None, a["published"] or "") for a in arts]
    assert keys == sorted(keys)


def test_pages_are_stable_and_disjoint(client) -> None:
    first = [e["event_id"] for e in fetch_all(client, "/api/events", {}, limit=4)]
    again = [e["event_id"] for e in fetch_all(client, "/api/events", {}, limit=11)]
    assert first == again and len(set(first)) == len(first)


def test_event_filters_select_exactly_the_matching_records(client, exported) -> None:
    events = exported["events"]
    assert events, "the sample corpus should give events"
    # An event from the middle of the list that names its outlet (some reports do not).
    some = next(e for e in events[len(events) // 2 :] + events if _event_outlets(e))
    outlet = sorted(_event_outlets(some))[0]
    sides = {
        (side(e["source"]["code"]), side(e["target"]["code"]))
        for e in events
        if e["source"] and e["target"] and side(e["source"]["code"]) and side(e["target"]["code"])
    }
    a, b = sorted(sides)[0]
    code = (some["source"] or some["target"])["code"]
    article = some["mentions"][0]["article_id"]
    cases: list[tuple[dict[str, Any], Pred]] = [
        ({"root": some["root"]}, lambda e: e["root"] == some["root"]),
        ({"code": some["cameo"]}, lambda e: e["cameo"] == some["cameo"]),
        ({"quad": some["quad_class"]}, lambda e: e["quad_class"] == some["quad_class"]),
        ({"polarity": "negated"}, lambda e: e["polarity"] == "negated"),
        ({"modality": "intent"}, lambda e: e["modality"] == "intent"),
        ({"outlet": outlet}, lambda e: outlet in _event_outlets(e)),
        ({"article": article}, lambda e: any(m["article_id"] == article for m in e["mentions"])),
        (
            {"dyad": f"{a},{b}"},
            lambda e: (
                bool(e["source"] and e["target"])
                and {side(e["source"]["code"]), side(e["target"]["code"])} == {a, b}
            ),
        ),
        (
            {"actor": code[:3]},
            lambda e: any(
                r and ((r["code"] or "").startswith(code[:3]) or r["actor_id"] == code[:3])
                for r in (e["source"], e["target"])
            ),
        ),
        (
            {"date_from": "2022-09", "date_to": "2023-06-15"},
            lambda e: _overlaps(e["date"], "2022-09", "2023-06-15"),
        ),
        ({"date_from": "2023"}, lambda e: _overlaps(e["date"], "2023", None)),
        (
            {"date_from": "2022-10", "date_to": "2022-10"},
            lambda e: (e["date"] or "").startswith("2022-10") or e["date"] == "2022",
        ),
        ({"date_to": "2022"}, lambda e: e["date"] is not None and e["date"][:4] <= "2022"),
        ({"undated": True}, lambda e: e["date"] is None),
    ]
    for params, pred in cases:
        got = fetch_all(client, "/api/events", params, limit=5)
        want = [e for e in events if pred(e)]
        assert got == want, params
    assert any(fetch_all(client, "/api/events", p) for p, _ in cases[:3])


def test_dyad_pages_follow_the_export_order(sample_db: Path) -> None:
    """The dyad fast path (date threshold on the index) pages exactly like a plain ORDER BY."""
    from storyline import service
    from storyline.store import filters

    with Store(sample_db, readonly=True) as store:
        for dates in ((None, None), ("2022", None), ("2022-09", "2023-05"), (None, "2022")):
            f = filters.EventFilter(dyad=("SYR", "TUR"), date_from=dates[0], date_to=dates[1])
            where, params = filters.event_where(store.database, f.validate())
            want = [
                r[0]
                for r in store.db.execute(
                    f"SELECT event_id FROM events WHERE {where} ORDER BY {filters.EVENT_ORDER}",
                    params,
                )
            ]
            assert want, dates
            for limit in (1, 3, 50):
                got: list[str] = []
                for offset in range(0, len(want) + limit, limit):
                    page = service.events(store, f, limit, offset)
                    assert page.total == len(want)
                    got += [e.event_id for e in page.items]
                assert got == want, (dates, limit)


def test_event_story_filter(client, exported) -> None:
    ids = [e["event_id"] for e in exported["events"]]
    for st in exported["stories"]:
        got = [e["event_id"] for e in fetch_all(client, "/api/events", {"story": st["story_id"]})]
        assert got == [i for i in ids if i in set(st["event_ids"])]


def test_text_search_goes_through_the_articles(client, exported) -> None:
    word = "Moscow"
    arts = {
        a["article_id"]
        for a in exported["articles"]
        if word.lower() in (a["text"] + " " + (a["title"] or "")).lower()
    }
    got = fetch_all(client, "/api/articles", {"q": word})
    assert {a["article_id"] for a in got} == arts and arts
    evs = fetch_all(client, "/api/events", {"q": word})
    assert [e["event_id"] for e in evs] == [
        e["event_id"]
        for e in exported["events"]
        if any(m["article_id"] in arts for m in e["mentions"])
    ]
    prefix = fetch_all(client, "/api/articles", {"q": "Mosc*"})
    assert {a["article_id"] for a in prefix} >= arts
    found = client.get("/api/search", params={"q": word}).json()
    assert {a["article_id"] for a in found["articles"]} <= arts and found["articles"]


def test_article_filters(client, exported) -> None:
    arts = exported["articles"]
    outlet = next(a["outlet"] for a in arts if a["outlet"])
    story = next(a["story_id"] for a in arts if a["story_id"])
    cases: list[tuple[dict[str, Any], Pred]] = [
        ({"outlet": outlet}, lambda a: a["outlet"] == outlet),
        ({"story": story}, lambda a: a["story_id"] == story),
        ({"published_how": "header"}, lambda a: a["published_how"] == "header"),
        (
            {"date_from": "2022-06", "date_to": "2022-12"},
            lambda a: _overlaps(a["published"], "2022-06", "2022-12"),
        ),
    ]
    for params, pred in cases:
        got = {a["article_id"] for a in fetch_all(client, "/api/articles", params)}
        assert got == {a["article_id"] for a in arts if pred(a)}, params


def test_actor_story_claim_dyad_filters(client, exported) -> None:
    actors = exported["actors"]
    unknown = fetch_all(client, "/api/actors", {"known": False})
    assert unknown == [a for a in actors if not a["known"]]
    person = next(a for a in actors if a["kind"] == "person" and len(a["aliases"]) > 1)
    spelling = person["aliases"][-1]
    hits = fetch_all(client, "/api/actors", {"q": spelling})
    assert person in hits
    assert all(spelling.lower() in (x["name"] + " " + " ".join(x["aliases"])).lower() for x in hits)
    assert fetch_all(client, "/api/actors", {"code": "TUR"}) == [
        a for a in actors if (a["code"] or "").startswith("TUR")
    ]
    st = exported["stories"][0]
    first = st["actors"][0]
    assert fetch_all(client, "/api/stories", {"actor": first}) == [
        s for s in exported["stories"] if first in s["actors"]
    ]
    claims = exported["claims"]
    assert fetch_all(client, "/api/claims", {"contradicted": True}) == [
        c for c in claims if c["contradicts"]
    ]
    assert fetch_all(client, "/api/claims", {"polarity": "negated"}) == [
        c for c in claims if c["polarity"] == "negated"
    ]
    row = exported["dyads"][0]
    assert fetch_all(client, "/api/dyads", {"a": row["a"], "b": row["b"]}) == [
        d for d in exported["dyads"] if (d["a"], d["b"]) == (row["a"], row["b"])
    ]


def test_single_records_and_missing_ones(client, exported) -> None:
    ev = exported["events"][0]
    assert client.get(f"/api/events/{ev['event_id']}").json() == ev
    art = exported["articles"][0]
    assert client.get(f"/api/articles/{art['article_id']}").json() == art
    act = exported["actors"][0]
    assert client.get(f"/api/actors/{act['actor_id']}").json() == act
    st = exported["stories"][0]
    assert client.get(f"/api/stories/{st['story_id']}").json() == st
    for kind in ("events", "articles", "actors", "stories"):
        assert client.get(f"/api/{kind}/no-such-id").status_code == 404


def test_dyad_timeline_matches_the_dyad_rows(client, exported) -> None:
    pair = client.get("/api/dyads/tur/syr/timeline").json()
    rows = [d for d in exported["dyads"] if {d["a"], d["b"]} == {"TUR", "SYR"}]
    assert rows
    assert len(pair["months"]) == len({d["period"] for d in rows})
    for m in pair["months"]:
        for key, (x, y) in (("a_to_b", ("TUR", "SYR")), ("b_to_a", ("SYR", "TUR"))):
            want = [d for d in rows if (d["a"], d["b"], d["period"]) == (x, y, m["period"])]
            assert (m[key] is None) == (not want)
            if want:
                assert m[key] == want[0]
    assert pair["events"] == len(fetch_all(client, "/api/events", {"dyad": "TUR,SYR"}))


def test_timeline_endpoint_is_the_cli_timeline(client, sample_db) -> None:
    got = client.get("/api/timeline").json()
    assert got == json.loads(api.timeline(str(sample_db), fmt="json"))
    dy = client.get("/api/timeline", params={"dyad": "TUR,SYR"}).json()
    assert dy == json.loads(api.timeline(str(sample_db), dyad=("TUR", "SYR"), fmt="json"))
    assert client.get("/api/timeline", params={"story": "nope"}).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/api/events?date_from=2022-13",
        "/api/events?date_to=yesterday",
        "/api/events?polarity=maybe",
        "/api/events?quad=5",
        "/api/events?dyad=TUR",
        "/api/events?root=4",
        "/api/events?limit=0",
        "/api/events?limit=501",
        "/api/events?offset=-1",
        "/api/dyads/TURKEY/SYR/timeline",
        "/api/stories?date_from=2022-1",
    ],
)
def test_bad_filters_are_clear_errors(client, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 422, r.text
    assert r.json()["detail"]


def test_openapi_and_docs_describe_the_endpoints(client) -> None:
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/events",
        "/api/articles",
        "/api/actors",
        "/api/stories",
        "/api/claims",
        "/api/dyads",
        "/api/dyads/{a}/{b}/timeline",
        "/ingest",
    ):
        assert path in spec["paths"], path
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {
        "actor",
        "dyad",
        "code",
        "root",
        "quad",
        "date_from",
        "date_to",
        "outlet",
        "story",
        "polarity",
        "q",
        "limit",
        "offset",
    } <= names
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/events" in docs.text
    assert "cdn" not in docs.text.lower()  # works offline
