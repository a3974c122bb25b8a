"""The web UI: HTML pages over the read service, rendered by the templates.

Each page asks the service for model objects, hands them with their geometry (``views.py``) to
a Jinja2 template (autoescaped), and that is all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from storyline import service
from storyline import timeline as tl_mod
from storyline.server import views
from storyline.server.params import ArticleF, EventF, Offset, StoreDep
from storyline.store.filters import ActorFilter, EventFilter, QueryError, StoryFilter, check_side

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.globals.update(
    mark=tl_mod.mark,
    code_name=views.code_name,
    date_label=tl_mod.date_label,
    quad_names=views.QUAD_NAMES,
    precision_names=views.PRECISION_NAMES,
    headline=tl_mod.headline,
)
router = APIRouter(include_in_schema=False)


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    return templates.TemplateResponse(request, name, context, status_code=status)


def ui_error(request: Request, status: int, message: str) -> Response:
    return render(request, "error.html", status, message=message)


def _args(request: Request) -> dict[str, str]:
    """The page's own query, for pager links (never the token)."""
    return {k: v for k, v in request.query_params.items() if k not in ("offset", "token")}


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


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep) -> Response:
    return render(
        request,
        "home.html",
        summary=service.summary(store),
        stories=service.stories(store, StoryFilter(), limit=20).items,
        pairs=service.top_pairs(store, 12),
        outlets=service.outlets(store)[:20],
    )


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, store: StoreDep, q: str = "") -> Response:
    found = bool(q.strip())
    arts = service.search(store, q, 30) if found else []
    evs = service.events(store, EventFilter(q=q), 30).items if found else []
    actors = service.actors(store, ActorFilter(q=q), limit=30).items if found else []
    return render(request, "search.html", q=q, articles=arts, events=evs, actors=actors)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_view(request: Request, store: StoreDep, story_id: str) -> Response:
    st = service.story(store, story_id)
    if st is None:
        return ui_error(request, 404, "No story with that id.")
    tl = tl_mod.build(store, story=story_id)
    ids = [e.event_id for e in tl.dated + tl.undated]
    return render(
        request,
        "story.html",
        story=st,
        tl=tl,
        strip=views.strip(tl.dated),
        contradictions=service.contradictions(store, ids),
        outlets_of=views.outlets_of,
    )


@router.get("/dyads", response_class=HTMLResponse)
def dyads_view(request: Request, store: StoreDep, a: str = "", b: str = "") -> Response:
    if a and b:
        try:
            x, y = check_side(a, "a"), check_side(b, "b")
        except QueryError as exc:
            return ui_error(request, 400, str(exc))
        return RedirectResponse(f"/dyads/{x}/{y}", status_code=303)
    return render(request, "dyads.html", pairs=service.top_pairs(store, 50))


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
    return render(
        request,
        "dyad.html",
        trend=trend,
        chart=views.dyad_chart(trend),
        month=month,
        page=month_events,
        label_a=service.country_label(trend["a"]),
        label_b=service.country_label(trend["b"]),
    )


@router.get("/events", response_class=HTMLResponse)
def events_view(request: Request, store: StoreDep, f: EventF, offset: Offset = 0) -> Response:
    try:
        result = service.events(store, f, 50, offset)
    except QueryError as exc:
        return ui_error(request, 400, str(exc))
    return render(request, "events.html", page=result, args=_args(request), filters=f)


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
    reports = []
    for m in ev.mentions:
        art = arts.get(m.article_id)
        parts = views.excerpt(art.text, m.start, m.end) if art else ("", m.sentence, "")
        reports.append({"m": m, "article": art, "parts": parts})
    return render(
        request,
        "event.html",
        ev=ev,
        event=ev,
        reports=reports,
        claims=service.claims(store, service.ClaimFilter(event=event_id), limit=100).items,
        contradictions=service.contradictions(store, [event_id]).get(event_id, []),
    )


@router.get("/actors", response_class=HTMLResponse)
def actors_view(
    request: Request, store: StoreDep, q: str = "", known: str = "", offset: Offset = 0
) -> Response:
    flag = {"true": True, "1": True, "false": False, "0": False}.get(known.lower())
    result = service.actors(store, ActorFilter(q=q or None, known=flag), 100, offset)
    counts = service.mention_counts(store, [a.actor_id for a in result.items])
    return render(request, "actors.html", page=result, q=q, known=known, counts=counts)


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor_view(request: Request, store: StoreDep, actor_id: str, offset: Offset = 0) -> Response:
    actor = service.actor(store, actor_id)
    if actor is None:
        return ui_error(request, 404, "No actor with that id.")
    return render(
        request,
        "actor.html",
        actor=actor,
        aliases=service.alias_counts(store, [actor_id]).get(actor_id, []),
        roles=views.role_bars(actor.roles),
        counts=service.mention_counts(store, [actor_id]).get(actor_id, (0, 0)),
        seen=service.articles_mentioning(store, actor_id, 30),
        page=service.events(store, EventFilter(actor_id=actor_id), 50, offset),
    )


@router.get("/articles", response_class=HTMLResponse)
def articles_view(request: Request, store: StoreDep, f: ArticleF, offset: Offset = 0) -> Response:
    try:
        result = service.articles(store, f, 50, offset)
    except QueryError as exc:
        return ui_error(request, 400, str(exc))
    return render(
        request,
        "articles.html",
        page=result,
        args=_args(request),
        outlets=service.outlets(store),
        filters=f,
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_view(
    request: Request,
    store: StoreDep,
    article_id: str,
    start: Annotated[int | None, Query(ge=0)] = None,
    end: Annotated[int | None, Query(ge=0)] = None,
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
    return render(
        request,
        "article.html",
        art=art,
        spans=views.segments(art.text, marks),
        reports=reports,
        others=others,
    )
