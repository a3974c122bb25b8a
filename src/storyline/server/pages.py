"""The web UI: HTML pages over the read service, rendered by the templates.

Each page asks the service for model objects, hands them with their geometry (``views.py``) to
a Jinja2 template (autoescaped), and that is all.  Every count a page prints comes from the
same service call the API answers with (``service.event_count`` of the same filter, a story's
own ``event_ids``), so a story, a pair or an actor shows one number everywhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from storyline import service
from storyline import timeline as tl_mod
from storyline.server import views
from storyline.server.params import (
    ArticleF,
    EventF,
    EventSort,
    Offset,
    StoreDep,
    StorySort,
    actor_filter,
    claim_filter,
    story_filter,
)
from storyline.store.filters import (
    ActorFilter,
    ClaimFilter,
    EventFilter,
    QueryError,
    StoryFilter,
    check_side,
)

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.globals.update(
    mark=tl_mod.mark,
    code_name=views.code_name,
    date_label=tl_mod.date_label,
    quad_names=views.QUAD_NAMES,
    precision_names=views.PRECISION_NAMES,
    headline=tl_mod.headline,
    article_label=service.article_label,
    country=service.country_label,
    sentence_parts=views.sentence_parts,
    no_outlet=service.NO_OUTLET,
)
router = APIRouter(include_in_schema=False)
DOWNLOADABLE = ("events", "articles", "actors", "stories", "claims")


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    return templates.TemplateResponse(request, name, context, status_code=status)


def ui_error(request: Request, status: int, message: str) -> Response:
    return render(request, "error.html", status, message=message, code=status)


def _args(request: Request, drop: tuple[str, ...] = ("offset",)) -> dict[str, str]:
    """The page's own query, for pager, sort and download links (never the token)."""
    return {k: v for k, v in request.query_params.items() if k not in (*drop, "token") and v != ""}


def _query(args: dict[str, Any]) -> str:
    return urlencode({k: v for k, v in args.items() if v not in (None, "")})


def _download(kind: str, args: dict[str, str]) -> dict[str, str]:
    """Links to download a list with the filters the page shows."""
    q = _query({k: v for k, v in args.items() if k not in ("offset", "eoffset")})
    return {fmt: f"/download/{kind}.{fmt}" + (f"?{q}" if q else "") for fmt in ("csv", "json")}


def _map(store: Any, f: EventFilter, fit: bool = True, max_points: int = 400) -> dict[str, Any]:
    data = service.places(store, f, max_points)
    return {"data": data, "view": views.map_view(data.points, fit)}


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> Response:
    schema = request.app.openapi()
    ops = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            ops.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "params": op.get("parameters", []),
                }
            )
    return templates.TemplateResponse(request, "docs.html", {"ops": ops, "info": schema["info"]})


def _pairs(store: Any, limit: int) -> list[dict[str, Any]]:
    """The busiest pairs, each with its one event count: every event between the two sides in
    either direction (what the dyad page and ``/api/events?dyad=`` count)."""
    return [
        {**p, "name_x": service.country_label(p["x"]), "name_y": service.country_label(p["y"])}
        for p in service.top_pairs(store, limit)
    ]


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep) -> Response:
    stories = service.story_list(store, StoryFilter(), limit=20)
    return render(
        request,
        "home.html",
        summary=service.summary(store),
        stories=stories.items,
        stories_total=stories.total,
        pairs=_pairs(store, 12),
        outlets=service.outlets(store)[:20],
    )


@router.get("/stories", response_class=HTMLResponse)
def stories_view(
    request: Request,
    store: StoreDep,
    f: Annotated[StoryFilter, Depends(story_filter)],
    sort: StorySort = None,
    offset: Offset = 0,
) -> Response:
    try:
        page = service.story_list(store, f, 50, offset, sort)
    except QueryError as exc:
        return ui_error(request, 422, str(exc))
    args = _args(request)
    return render(
        request,
        "stories.html",
        page=page,
        args=args,
        sort=sort or "size",
        sort_links={
            k: "/stories?" + _query({**_args(request, ("offset", "sort")), "sort": k})
            for k in ("size", "latest", "conflict", "events")
        },
        download=_download("stories", args),
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_view(request: Request, store: StoreDep, story_id: str, offset: Offset = 0) -> Response:
    """A story: its counts (its record's), a page of its news events in date order (undated
    last) on a time strip and in a list, its background events apart, its places and outlets.
    Paged, so a story of 180,000 events renders as fast as one of 20."""
    st = service.story(store, story_id)
    if st is None:
        return ui_error(request, 404, "No story with that id.")
    news = service.events(store, EventFilter(story=story_id, background=False), 100, offset)
    old = service.events(store, EventFilter(story=story_id, background=True), 50, 0)
    ids = [e.event_id for e in news.items + old.items]
    return render(
        request,
        "story.html",
        story=st,
        news=news,
        background=old,
        strip=views.strip([e for e in news.items if e.date]),
        contradictions=service.contradictions_of(store, ids),
        outlets_of=views.outlets_of,
        outlets=service.story_outlet_tally(store, story_id),
        map=_map(store, EventFilter(story=story_id), max_points=200),
        map_link="/map?" + _query({"story": story_id}),
    )


@router.get("/stories/{story_id}/outlets", response_class=HTMLResponse)
def story_outlets_view(
    request: Request, store: StoreDep, story_id: str, offset: Offset = 0
) -> Response:
    st = service.story(store, story_id)
    if st is None:
        return ui_error(request, 404, "No story with that id.")
    view = service.story_outlets(store, story_id, 50, offset)
    return render(request, "outlets.html", story=st, view=view)


@router.get("/contradictions", response_class=HTMLResponse)
def contradictions_view(
    request: Request,
    store: StoreDep,
    f: Annotated[ClaimFilter, Depends(claim_filter)],
    offset: Offset = 0,
) -> Response:
    try:
        page = service.disputes(store, f, 50, offset)
    except QueryError as exc:
        return ui_error(request, 422, str(exc))
    ids = [c.article_id for d in page.items for c in [d.claim, *(o for o, _ in d.against)]]
    args = _args(request)
    return render(
        request,
        "contradictions.html",
        page=page,
        args=args,
        titles=service.article_titles(store, ids),
        download=_download("claims", {**args, "contradicted": "true"}),
    )


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request, store: StoreDep, q: str = "", offset: Offset = 0, eoffset: Offset = 0
) -> Response:
    if not q.strip():
        return render(request, "search.html", q=q, found=None)
    try:
        found = service.search_all(store, q, 20, offset, eoffset)
    except QueryError as exc:
        return ui_error(request, 422, str(exc))
    return render(
        request,
        "search.html",
        q=q,
        found=found,
        args=_args(request, ("offset", "eoffset")),
        eargs={**_args(request, ("eoffset",))},
        aargs={**_args(request, ("offset",))},
        counts=service.mention_counts(store, [a.actor_id for a in found.actors]),
        map=_map(store, EventFilter(q=q, q_actors=tuple(found.spelled) or None), max_points=200),
    )


@router.get("/dyads", response_class=HTMLResponse)
def dyads_view(request: Request, store: StoreDep, a: str = "", b: str = "") -> Response:
    if a and b:
        try:
            x, y = check_side(a, "a"), check_side(b, "b")
        except QueryError as exc:
            return ui_error(request, 400, str(exc))
        return RedirectResponse(f"/dyads/{x}/{y}", status_code=303)
    return render(request, "dyads.html", pairs=_pairs(store, 50))


@router.get("/dyads/{a}/{b}", response_class=HTMLResponse)
def dyad_view(
    request: Request, store: StoreDep, a: str, b: str, month: str = "", offset: Offset = 0
) -> Response:
    try:
        trend = service.dyad_trend(store, a, b).as_dict()
        month_events = (
            service.events(
                store, EventFilter(dyad=(a, b), date_from=month, date_to=month), 100, offset
            )
            if month
            else None
        )
    except QueryError as exc:
        return ui_error(request, 400, str(exc))
    pair = f"{trend['a']},{trend['b']}"
    return render(
        request,
        "dyad.html",
        trend=trend,
        chart=views.dyad_chart(trend),
        month=month,
        page=month_events,
        label_a=service.country_label(trend["a"]),
        label_b=service.country_label(trend["b"]),
        map=_map(store, EventFilter(dyad=(trend["a"], trend["b"])), max_points=200),
        map_link="/map?" + _query({"dyad": pair}),
        download=_download("events", {"dyad": pair}),
    )


@router.get("/events", response_class=HTMLResponse)
def events_view(
    request: Request, store: StoreDep, f: EventF, sort: EventSort = None, offset: Offset = 0
) -> Response:
    try:
        result = service.events(store, f, 50, offset, sort)
    except QueryError as exc:
        return ui_error(request, 422, str(exc))
    args = _args(request)
    return render(
        request,
        "events.html",
        page=result,
        args=args,
        filters=f,
        outlets=service.outlets(store),
        download=_download("events", args),
        map_link="/map?" + _query({k: v for k, v in args.items() if k != "sort"}),
    )


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, store: StoreDep, f: EventF) -> Response:
    try:
        found = _map(store, f)
    except QueryError as exc:
        return ui_error(request, 422, str(exc))
    args = _args(request)
    return render(
        request,
        "map.html",
        map=found,
        args=args,
        filters=f,
        outlets=service.outlets(store),
        events_link="/events?" + _query(args),
        base_args=_query({k: v for k, v in args.items() if k != "bbox"}),
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_view(request: Request, store: StoreDep, event_id: str) -> Response:
    ev = service.event(store, event_id)
    if ev is None:
        return ui_error(request, 404, "No event with that id.")
    arts = {
        a.article_id: a
        for a in (service.article(store, i) for i in {m.article_id for m in ev.mentions})
        if a is not None
    }
    reports, background = [], []
    for m in ev.mentions:
        art = arts.get(m.article_id)
        parts = views.excerpt(art.text, m.start, m.end) if art else ("", m.sentence, "")
        marked = views.sentence_parts(parts[1], m.source_span, m.target_span)
        (background if m.background else reports).append(
            {"m": m, "article": art, "parts": parts, "marked": marked}
        )
    return render(
        request,
        "event.html",
        ev=ev,
        event=ev,
        reports=reports,
        background=background,
        story=service.event_story(store, event_id),
        claims=service.claims(store, ClaimFilter(event=event_id), limit=100).items,
        contradictions=service.contradictions(store, [event_id]).get(event_id, []),
    )


@router.get("/actors", response_class=HTMLResponse)
def actors_view(
    request: Request,
    store: StoreDep,
    f: Annotated[ActorFilter, Depends(actor_filter)],
    offset: Offset = 0,
) -> Response:
    result = service.actors(store, f, 100, offset)
    counts = service.mention_counts(store, [a.actor_id for a in result.items])
    args = _args(request)
    known = request.query_params.get("known", "")
    return render(
        request,
        "actors.html",
        page=result,
        q=f.q or "",
        known=known,
        args=args,
        counts=counts,
        download=_download("actors", args),
    )


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor_view(request: Request, store: StoreDep, actor_id: str, offset: Offset = 0) -> Response:
    actor = service.actor(store, actor_id)
    if actor is None:
        return ui_error(request, 404, "No actor with that id.")
    f = EventFilter(actor_id=actor_id)
    return render(
        request,
        "actor.html",
        actor=actor,
        aliases=service.alias_counts(store, [actor_id]).get(actor_id, []),
        roles=views.role_bars(actor.roles),
        counts=service.mention_counts(store, [actor_id]).get(actor_id, (0, 0)),
        seen=service.articles_mentioning(store, actor_id, 30),
        page=service.events(store, f, 50, offset),
        map=_map(store, f, max_points=200),
        map_link="/map?" + _query({"actor_id": actor_id}),
        download=_download("events", {"actor_id": actor_id}),
    )


@router.get("/articles", response_class=HTMLResponse)
def articles_view(request: Request, store: StoreDep, f: ArticleF, offset: Offset = 0) -> Response:
    try:
        result = service.articles(store, f, 50, offset)
    except QueryError as exc:
        return ui_error(request, 422, str(exc))
    args = _args(request)
    return render(
        request,
        "articles.html",
        page=result,
        args=args,
        outlets=service.outlets(store),
        filters=f,
        download=_download("articles", args),
        stories=service.story_titles(store, [a.story_id for a in result.items if a.story_id]),
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_view(
    request: Request,
    store: StoreDep,
    article_id: str,
    start: Annotated[int | None, Query(ge=0)] = None,
    end: Annotated[int | None, Query(ge=0)] = None,
    event: str | None = None,
) -> Response:
    art = service.article(store, article_id)
    if art is None:
        return ui_error(request, 404, "No article with that id.")
    reports = service.event_reports(store, article_id)
    marks: list[tuple[int, int, str, str]] = [
        (r["start"], r["end"], "event", r["event_id"]) for r in reports
    ]
    for nd in art.near_duplicates:
        marks += [(p["start"], p["end"], "copy", nd.article_id) for p in nd.shared_passages]
    if start is not None and end is not None and end > start:
        marks.append((start, end, "hl", "hl"))
    others = service.article_titles(store, [nd.article_id for nd in art.near_duplicates])
    came_from = service.event(store, event) if event else None
    link = art.url or (art.path if art.path.startswith(("http://", "https://")) else None)
    if link and not link.startswith(("http://", "https://")):
        link = None  # only web addresses become links (never javascript: or file paths)
    return render(
        request,
        "article.html",
        art=art,
        spans=views.segments(art.text, marks),
        reports=reports,
        others=others,
        story_title=service.story_titles(store, [art.story_id]).get(art.story_id or "", None),
        came_from=came_from,
        event_story=service.event_story(store, event) if came_from else None,
        link=link,
        label=service.article_label(art.title, art.text, art.outlet, art.published),
        named=service.actors_named_in(store, article_id),
    )
