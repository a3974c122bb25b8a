"""The web UI an analyst keeps open (issue 19), without a browser: every count agrees with
the API, every list pages and downloads, the API is strict, names stand in for ids.

Runs on ``bigstore.py``'s store (written for these tests: more than one page of stories) and
on the sample corpus."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest

from tests.server.test_api import fetch_all


def _data(html: str, attr: str) -> list[int]:
    return [int(x) for x in re.findall(rf'{attr}="(\d+)"', html)]


def _links(html: str, prefix: str) -> list[str]:
    return re.findall(rf'href="({re.escape(prefix)}[^"#?]+)"', html)


# ---- one count everywhere ---------------------------------------------------------------------
def test_a_story_counts_the_same_everywhere(big_client) -> None:
    stories = fetch_all(big_client, "/api/stories", {})
    assert len(stories) > 50  # more than a page of the stories list
    listed: dict[str, int] = {}
    for offset in (0, 50):
        html = big_client.get("/stories", params={"offset": offset}).text
        ids = [x.rsplit("/", 1)[1] for x in _links(html, "/stories/")]
        counts = _data(html.split("<tbody>", 1)[1], "data-events")
        listed.update(zip(ids, counts, strict=True))
    assert len(listed) == len(stories)
    home = big_client.get("/").text
    for s in stories:
        sid, n = s["story_id"], len(s["event_ids"])
        api = big_client.get("/api/events", params={"story": sid, "limit": 1}).json()
        assert api["total"] == n == listed[sid], s["title"]
        assert big_client.get(f"/api/stories/{sid}").json()["event_ids"] == s["event_ids"]
        page = big_client.get(f"/stories/{sid}").text
        shown = re.search(r'class="summary counts" data-articles="(\d+)" data-events="(\d+)"', page)
        assert shown and (int(shown[1]), int(shown[2])) == (len(s["article_ids"]), n)
        assert set(s["background_event_ids"]) <= set(s["event_ids"])
    for m in re.finditer(r'href="/stories/(\w+)">.*?data-events="(\d+)"', home, re.S):
        assert int(m[2]) == listed[m[1]]


def test_a_pair_counts_the_same_everywhere(big_client) -> None:
    home = big_client.get("/").text
    pairs = re.findall(
        r'href="/dyads/(\w+)/(\w+)">[^<]*</a></td><td class="n" data-events="(\d+)"', home
    )
    assert len(pairs) >= 5
    listed = big_client.get("/dyads").text
    for a, b, n in pairs:
        total = big_client.get("/api/events", params={"dyad": f"{a},{b}", "limit": 1}).json()
        trend = big_client.get(f"/api/dyads/{a}/{b}/timeline").json()
        page = big_client.get(f"/dyads/{a}/{b}").text
        shown = re.search(r'class="summary counts" data-events="(\d+)"', page)
        assert int(n) == total["total"] == trend["events"] == int(shown[1]) > 0, (a, b)
        assert f'href="/dyads/{a}/{b}">' in listed
        assert f'data-events="{n}"' in listed


def test_an_actor_counts_the_same_everywhere(big_client) -> None:
    ev = big_client.get("/api/events", params={"limit": 1}).json()["items"][0]
    actor_id = ev["source"]["actor_id"]
    total = big_client.get("/api/events", params={"actor_id": actor_id, "limit": 1}).json()
    page = big_client.get(f"/actors/{actor_id}").text
    shown = re.search(r'class="counts" data-events="(\d+)"', page)
    assert int(shown[1]) == total["total"] > 0
    mentions = _data(page, "data-mentions")[0]
    listing = big_client.get("/actors", params={"q": ev["source"]["name"]}).text
    assert f'data-mentions="{mentions}"' in listing


# ---- the story, its events and its outlets ------------------------------------------------------
def test_story_spans_come_from_news_and_background_is_apart(big_client) -> None:
    stories = fetch_all(big_client, "/api/stories", {})
    with_bg = [s for s in stories if s["background_event_ids"]]
    assert with_bg
    for s in with_bg:
        # The 1974 invasion is recounted in every pair's article: never the story's start.
        assert not (s["start"] or "").startswith("1974") and "1974" not in s["title"]
        bg = big_client.get(
            "/api/events", params={"story": s["story_id"], "background": "true", "limit": 500}
        ).json()
        assert {e["event_id"] for e in bg["items"]} == set(s["background_event_ids"])
        assert all(m["background"] for e in bg["items"] for m in e["mentions"])
    page = big_client.get(f"/stories/{with_bg[0]['story_id']}").text
    assert 'id="background"' in page and "1974" in page.split('id="background"', 1)[1]


def test_outlets_side_by_side(big_client) -> None:
    stories = fetch_all(big_client, "/api/stories", {})
    # A story whose signing two outlets carried (bigstore: every fourth pair).
    for s in stories:
        evs = fetch_all(big_client, "/api/events", {"story": s["story_id"]})
        shared = [e for e in evs if len({m["outlet"] for m in e["mentions"]}) > 1]
        if shared:
            break
    else:
        pytest.fail("no event carried by two outlets")
    html = big_client.get(f"/stories/{s['story_id']}/outlets").text
    assert "Outlets side by side" in html and "<strong>first</strong>" in html
    for o in {m["outlet"] for e in evs for m in e["mentions"] if m["outlet"]}:
        assert o in html
    assert "Carried by one outlet only" in html and "contradict each other" in html


def test_contradictions_page_cites_both_sides(big_client) -> None:
    html = big_client.get("/contradictions").text
    total = int(re.search(r'class="total">(\d+)<', html)[1])
    api = big_client.get("/api/claims", params={"contradicted": "true", "limit": 1}).json()
    assert total == api["total"] > 50
    first = html.split('<li class="dispute">', 2)[1]
    assert first.count('class="claim-article"') >= 2  # the claim and the one it contradicts
    assert 'class="contra"' in first and 'rel="next"' in html


# ---- names, not ids ---------------------------------------------------------------------------
def test_articles_are_named_not_numbered(big_client) -> None:
    arts = fetch_all(big_client, "/api/articles", {})
    untitled = next(a for a in arts if not a["title"])
    html = big_client.get(f"/articles/{untitled['article_id']}").text
    h1 = re.search(r"<h1>(.*?)</h1>", html, re.S)[1]
    assert h1 == untitled["text"].split(". ")[0] + "."
    listing = big_client.get("/articles", params={"limit": 200}).text
    assert untitled["article_id"] not in re.sub(r'href="[^"]*"', "", listing)
    assert "big.jsonl" not in listing  # no file paths either
    with_url = next(a for a in arts if a["url"])
    page = big_client.get(f"/articles/{with_url['article_id']}").text
    assert f'<a class="original" href="{with_url["url"]}"' in page
    story = big_client.get(f"/api/stories/{with_url['story_id']}").json()
    assert f'class="story" href="/stories/{story["story_id"]}">{story["title"]}</a>' in page
    no_outlet = next(a for a in arts if not a["outlet"] and not a["title"])
    shown = big_client.get("/articles", params={"outlet": ""}).text.split("<tbody>")[1]
    assert no_outlet["article_id"] not in re.sub(r'href="[^"]*"', "", shown)


def test_pairs_show_country_names(big_client) -> None:
    home = big_client.get("/").text
    assert re.search(r'class="pair" href="/dyads/\w+/\w+">[A-Z][a-z]+ – [A-Z][a-z]+</a>', home)


def test_breadcrumb_runs_story_event_report_article(big_client) -> None:
    s = fetch_all(big_client, "/api/stories", {})[0]
    ev = big_client.get("/api/events", params={"story": s["story_id"]}).json()["items"][0]
    m = ev["mentions"][0]
    html = big_client.get(f"/events/{ev['event_id']}").text
    crumbs = html.split('class="crumbs"', 1)[1].split("</nav>", 1)[0]
    assert f'href="/stories/{s["story_id"]}"' in crumbs
    link = re.search(r'class="article-link" href="([^"]+)"', html)[1].replace("&amp;", "&")
    art = big_client.get(link.split("#")[0]).text
    crumbs = art.split('class="crumbs"', 1)[1].split("</nav>", 1)[0]
    assert f'href="/stories/{s["story_id"]}"' in crumbs
    assert f'href="/events/{ev["event_id"]}"' in crumbs and ">report<" in crumbs
    assert m["article_id"] in link


def test_event_page_marks_the_sides_as_written(client) -> None:
    evs = fetch_all(client, "/api/events", {})
    ev = next(e for e in evs if e["mentions"][0]["source_span"] and e["mentions"][0]["target_span"])
    html = client.get(f"/events/{ev['event_id']}").text
    for kind, span in (("src", "source_span"), ("tgt", "target_span")):
        text = ev["mentions"][0][span]["text"]
        assert re.search(rf'class="side {kind}"[^>]*>{re.escape(text)}</span>', html), text


# ---- search -------------------------------------------------------------------------------------
@pytest.mark.parametrize("spelling", ["Mekdad", "Miqdad", "Mikdad", "faisal mekdad"])
def test_search_finds_every_spelling(big_client, spelling: str) -> None:
    found = big_client.get("/api/search", params={"q": spelling}).json()
    titles = {a["title"] for a in found["articles"]}
    assert {f"Syrian minister visits Amman ({k})" for k in (1, 2, 3)} <= titles, spelling
    assert "faisal-mekdad" in {a["actor_id"] for a in found["actors"]}
    html = big_client.get("/search", params={"q": spelling}).text
    assert html.count("Syrian minister visits Amman") >= 3


def test_search_pages_and_refuses_nothing(big_client) -> None:
    first = big_client.get("/api/search", params={"q": "trade", "limit": 20}).json()
    assert first["articles_page"]["total"] > 20 and first["articles_page"]["next_offset"] == 20
    second = big_client.get("/api/search", params={"q": "trade", "offset": 20}).json()
    ids = {a["article_id"] for a in first["articles"]}
    assert ids.isdisjoint(a["article_id"] for a in second["articles"])
    html = big_client.get("/search", params={"q": "trade"}).text
    assert 'rel="next"' in html
    for params in ({"q": ""}, {"q": "   "}, {}):
        r = big_client.get("/api/search", params=params)
        assert r.status_code == 422 and isinstance(r.json()["detail"], str), params


# ---- a strict API -------------------------------------------------------------------------------
def test_unknown_parameters_are_refused_with_a_hint(client) -> None:
    r = client.get("/api/events", params={"from": "2022"})
    assert r.status_code == 422
    assert "'from'" in r.json()["detail"] and "date_from" in r.json()["detail"]
    assert client.get("/api/events", params={"foo": "bar"}).status_code == 422
    assert client.get("/api/stories", params={"acter": "TUR"}).status_code == 422
    assert client.get("/download/events.csv", params={"quadd": "4"}).status_code == 422
    assert client.get("/api/events", params={"quad": "4", "limit": 5}).status_code == 200


@pytest.mark.parametrize("path", ["/api/events", "/api/articles", "/api/stories", "/api/dyads"])
def test_inverted_ranges_are_refused(client, path: str) -> None:
    r = client.get(path, params={"date_from": "2023", "date_to": "2022"})
    assert r.status_code == 422 and "after" in r.json()["detail"]
    assert client.get(path, params={"date_from": "2022-05", "date_to": "2022"}).status_code == 200


def test_actor_filters_take_names_and_spellings(client) -> None:
    by_id = client.get("/api/events", params={"actor": "faisal-mekdad"}).json()["total"]
    assert by_id > 0
    for name in ("Faisal Mekdad", "faisal mekdad", "Miqdad", "Mikdad"):
        assert client.get("/api/events", params={"actor": name}).json()["total"] == by_id, name
    arts = client.get("/api/articles", params={"actor": "faisal-mekdad"}).json()["total"]
    assert client.get("/api/articles", params={"actor": "Miqdad"}).json()["total"] == arts > 0
    syria = client.get("/api/events", params={"actor": "SYR"}).json()["total"]
    assert client.get("/api/events", params={"actor": "Syria"}).json()["total"] == syria > 0
    assert (
        client.get("/api/stories", params={"actor": "Syria"}).json()["total"]
        == (client.get("/api/stories", params={"actor": "SYR"}).json()["total"])
    )


def test_outlet_filters_ignore_case(client) -> None:
    outlet = next(a["outlet"] for a in fetch_all(client, "/api/articles", {}) if a["outlet"])
    for path in ("/api/events", "/api/articles"):
        want = client.get(path, params={"outlet": outlet}).json()["total"]
        for variant in (outlet.lower(), outlet.upper()):
            assert client.get(path, params={"outlet": variant}).json()["total"] == want > 0


def test_error_pages_are_html_for_pages_and_json_for_the_api(client) -> None:
    for path in ("/no-such-page", "/stories/nope", "/events/nope", "/stories/nope/outlets"):
        r = client.get(path)
        assert r.status_code == 404 and r.headers["content-type"].startswith("text/html"), path
        assert "<h1>Not found</h1>" in r.text and "Content-Security-Policy" in r.headers
    r = client.get("/api/no-such-thing")
    assert r.status_code == 404 and r.json()["detail"]
    r = client.get("/events", params={"quad": "9"})
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")


def test_events_list_filters_and_sorts(client) -> None:
    evs = fetch_all(client, "/api/events", {})
    for name, key, value in (
        ("quad", "quad_class", 4),
        ("modality", "modality", "intent"),
        ("polarity", "polarity", "negated"),
        ("precision", "date_precision", "published"),
    ):
        got = fetch_all(client, "/api/events", {name: value})
        assert [e["event_id"] for e in got] == [e["event_id"] for e in evs if e[key] == value]
        assert got, name
    news = fetch_all(client, "/api/events", {"background": "false"})
    old = fetch_all(client, "/api/events", {"background": "true"})
    assert len(news) + len(old) == len(evs) and old
    assert all(all(m["background"] for m in e["mentions"]) for e in old)
    newest = fetch_all(client, "/api/events", {"sort": "newest"})
    dated = [e["date"] for e in newest if e["date"]]
    assert dated == sorted(dated, reverse=True) and len(newest) == len(evs)
    most = fetch_all(client, "/api/events", {"sort": "reported"})
    assert [e["num_articles"] for e in most] == sorted(
        (e["num_articles"] for e in evs), reverse=True
    )
    assert client.get("/api/events", params={"sort": "loudest"}).status_code == 422
    html = client.get("/events", params={"quad": "4", "sort": "newest"}).text
    assert 'name="precision"' in html and 'name="background"' in html and 'name="sort"' in html


# ---- downloads ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kind", "params"),
    [
        ("events", {"dyad": "TUR,SYR", "polarity": "asserted"}),
        ("articles", {"q": "Moscow"}),
        ("actors", {"kind": "person"}),
        ("stories", {}),
        ("claims", {"contradicted": "true"}),
    ],
)
def test_downloads_hold_what_the_api_lists(client, kind: str, params: dict[str, Any]) -> None:
    want = fetch_all(client, f"/api/{kind}", params)
    assert want, kind
    r = client.get(f"/download/{kind}.json", params=params)
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    assert json.loads(r.text) == want
    r = client.get(f"/download/{kind}.csv", params=params)
    rows = list(csv.DictReader(io.StringIO(r.text)))
    key = {"stories": "story_id"}.get(kind, f"{kind[:-1]}_id")
    assert [row[key] for row in rows] == [x[key] for x in want]


def test_every_list_page_links_its_downloads(client) -> None:
    for path, kind in (
        ("/events?quad=4", "events"),
        ("/articles", "articles"),
        ("/actors", "actors"),
        ("/stories", "stories"),
        ("/contradictions", "claims"),
    ):
        html = client.get(path).text
        assert f'href="/download/{kind}.csv' in html and f'href="/download/{kind}.json' in html
    assert 'href="/download/events.csv?quad=4"' in client.get("/events?quad=4").text


# ---- the map ------------------------------------------------------------------------------------
def test_map_points_are_sized_coloured_and_linked(big_client) -> None:
    html = big_client.get("/map").text
    assert '<image href="/static/world-110m.svg"' in html
    points = re.findall(
        r'<a class="point" href="([^"]+)"><circle class="pt q(\d)"[^>]* r="([\d.]+)"', html
    )
    assert len(points) > 10
    located = big_client.get("/api/events", params={"bbox": "-90,-180,90,180", "limit": 1})
    assert int(re.search(r"(\d+) located event", html)[1]) == located.json()["total"]
    for href, _q, _r in points[:5]:
        target = big_client.get(href.replace("&amp;", "&"))
        assert target.status_code == 200
    radii = [float(r) for _h, _q, r in points]
    assert max(radii) > min(radii)
    assert "The map's points" in html  # the table under it


def test_map_aggregates_into_cells_when_many(big_db) -> None:
    from storyline import service
    from storyline.store import Store
    from storyline.store.filters import EventFilter

    with Store(str(big_db), readonly=True) as store:
        full = service.places(store, EventFilter())
        few = service.places(store, EventFilter(), max_points=5)
    assert len(few.points) <= 5 < len(full.points) and few.cell >= 1
    assert sum(p.events for p in few.points) == sum(p.events for p in full.points)
    assert sum(p.reports for p in few.points) == sum(p.reports for p in full.points)
