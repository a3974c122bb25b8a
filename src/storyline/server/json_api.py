"""The JSON API: the export's records (CONTRACT.md), filtered and paged, and uploads.

Each route parses its request (``params.py``), asks the read service, and answers with the
records' JSON; nothing else.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response

from storyline import api, service
from storyline import timeline as tl_mod
from storyline.pipeline import Context
from storyline.server.params import (
    ArticleF,
    DateFrom,
    DateTo,
    EventF,
    EventSort,
    Limit,
    Offset,
    StoreDep,
    StorySort,
    actor_filter,
    claim_filter,
    fast_json,
    parse_dyad,
    story_filter,
    strict,
)
from storyline.store import StoreError
from storyline.store.filters import (
    ActorFilter,
    ClaimFilter,
    DyadFilter,
    Page,
    QueryError,
    StoryFilter,
)

router = APIRouter(tags=["api"], dependencies=[Depends(strict)])


def _page(fn: Callable[[], Page[Any]]) -> Response:
    try:
        return fast_json(fn().as_dict())
    except QueryError as exc:
        raise HTTPException(422, str(exc)) from None


def _found(item: Any, what: str) -> dict[str, Any]:
    if item is None:
        raise HTTPException(404, f"no {what} with that id")
    return dict(item.record())


@router.get("/api/summary")
def api_summary(store: StoreDep) -> dict[str, Any]:
    """Counts, and whether corpus results are behind the last ingest."""
    return service.summary(store)


@router.get("/api/articles")
def api_articles(store: StoreDep, f: ArticleF, limit: Limit = 50, offset: Offset = 0) -> Any:
    """ARTICLE records, by publication date (undated last), then ingest order."""
    return _page(lambda: service.articles(store, f, limit, offset))


@router.get("/api/articles/{article_id}")
def api_article(store: StoreDep, article_id: str) -> dict[str, Any]:
    return _found(service.article(store, article_id), "article")


@router.get("/api/events")
def api_events(
    store: StoreDep, f: EventF, limit: Limit = 50, offset: Offset = 0, sort: EventSort = None
) -> Any:
    """EVENT records with their reports, by date (undated last), then event id; or newest or
    most reported first (`sort`)."""
    return _page(lambda: service.events(store, f, limit, offset, sort))


@router.get("/api/events/{event_id}")
def api_event(store: StoreDep, event_id: str) -> dict[str, Any]:
    return _found(service.event(store, event_id), "event")


@router.get("/api/actors")
def api_actors(
    store: StoreDep,
    f: Annotated[ActorFilter, Depends(actor_filter)],
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    """ACTOR records, known first, then by id."""
    return _page(lambda: service.actors(store, f, limit, offset))


@router.get("/api/actors/{actor_id}")
def api_actor(store: StoreDep, actor_id: str) -> dict[str, Any]:
    return _found(service.actor(store, actor_id), "actor")


@router.get("/api/stories")
def api_stories(
    store: StoreDep,
    f: Annotated[StoryFilter, Depends(story_filter)],
    limit: Limit = 50,
    offset: Offset = 0,
    sort: StorySort = None,
) -> Any:
    """STORY records, most articles first; or by latest report, conflict share, events."""
    return _page(lambda: service.stories(store, f, limit, offset, sort))


@router.get("/api/stories/{story_id}")
def api_story(store: StoreDep, story_id: str) -> dict[str, Any]:
    return _found(service.story(store, story_id), "story")


@router.get("/api/claims")
def api_claims(
    store: StoreDep,
    f: Annotated[ClaimFilter, Depends(claim_filter)],
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    """CLAIM records, by article then claim id."""
    return _page(lambda: service.claims(store, f, limit, offset))


@router.get("/api/dyads")
def api_dyads(
    store: StoreDep,
    a: Annotated[str | None, Query(description="Source side, e.g. TUR.")] = None,
    b: Annotated[str | None, Query(description="Target side, e.g. SYR.")] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    """DYAD rows (monthly, directed), by pair then month."""
    f = DyadFilter(a=a, b=b, date_from=date_from, date_to=date_to)
    return _page(lambda: service.dyads(store, f, limit, offset))


@router.get("/api/dyads/{a}/{b}/timeline")
def api_dyad_timeline(store: StoreDep, a: str, b: str) -> Response:
    """A pair's monthly cooperation-conflict trend, both directions side by side."""
    try:
        return fast_json(service.dyad_trend(store, a, b).as_dict())
    except QueryError as exc:
        raise HTTPException(422, str(exc)) from None


@router.get("/api/timeline")
def api_timeline(
    store: StoreDep,
    story: str | None = None,
    dyad: Annotated[str | None, Query(description="Two sides: TUR,SYR")] = None,
    actor: str | None = None,
) -> Any:
    """The timeline of `storyline timeline --format json` (the main story's by default)."""
    if sum(x is not None for x in (story, dyad, actor)) > 1:
        raise HTTPException(422, "give at most one of story, dyad, actor")
    try:
        built = tl_mod.build(store, story=story, dyad=parse_dyad(dyad), actor=actor)
    except KeyError as exc:
        raise HTTPException(404, str(exc.args[0])) from None
    return json.loads(tl_mod.render_json(built))


@router.get("/api/search")
def api_search(
    store: StoreDep,
    q: Annotated[str, Query(description="Words (FTS5), or an actor's name in any spelling.")],
    limit: Limit = 20,
    offset: Annotated[int, Query(ge=0, description="Articles to skip.")] = 0,
    events_offset: Annotated[int, Query(ge=0, description="Events to skip.")] = 0,
) -> Response:
    """Articles holding every word or naming a matching actor under any spelling (a page:
    `articles` and `articles_page`), the events reported in them or with that actor as a side
    (a page), and the actors whose name or spelling matches."""
    try:
        found = service.search_all(store, q, limit, offset, events_offset)
    except QueryError as exc:
        raise HTTPException(422, str(exc)) from None
    return fast_json(found.as_dict())


@router.post("/ingest")
async def api_ingest(
    request: Request,
    name: Annotated[
        str | None, Query(description="The file name of a raw (not multipart) upload.")
    ] = None,
) -> dict[str, Any]:
    """Upload files (multipart, field `files`) or one raw body (`?name=`): the same pipeline
    as `storyline ingest`.  Off unless the server runs with --allow-ingest."""
    cfg = request.app.state.config
    if not cfg.allow_ingest:
        raise HTTPException(403, "ingest is off: start the server with --allow-ingest")
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > cfg.max_upload:
        raise HTTPException(413, f"upload over the {cfg.max_upload}-byte limit")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > cfg.max_upload:
            raise HTTPException(413, f"upload over the {cfg.max_upload}-byte limit")
    files = await _uploaded_files(request, bytes(body))
    if not files:
        raise HTTPException(422, "no file in the upload")
    async with request.app.state.ingest_lock:
        try:
            report = await asyncio.to_thread(
                api.ingest_bytes, files, cfg.db, ctx=cfg.ctx or _context(request)
            )
        except StoreError as exc:
            raise HTTPException(503, str(exc)) from None
    return {
        "read": report.read,
        "new": report.new,
        "already_stored": report.already_stored,
        "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
        "events": report.events,
        "other_language": [{"path": p, "language": lang} for p, lang in report.other_language],
    }


def _context(request: Request) -> Context:
    """One pipeline per server (spaCy loads once, on the first upload)."""
    state = request.app.state
    ctx = getattr(state, "ctx", None)
    if ctx is None:
        ctx = state.ctx = Context()
    return ctx


async def _uploaded_files(request: Request, body: bytes) -> list[tuple[str, bytes]]:
    """The uploaded files of a multipart form, or the raw body as one file named by ``?name=``."""
    ctype = request.headers.get("content-type", "")
    if ctype.startswith("multipart/form-data"):

        async def replay() -> dict[str, Any]:
            return {"type": "http.request", "body": body, "more_body": False}

        form = await Request(request.scope, replay).form(max_files=1000, max_fields=100)
        files = []
        try:
            for _, value in form.multi_items():
                if hasattr(value, "read"):
                    files.append((value.filename or "upload", await value.read()))
        finally:
            await form.close()
        return files
    if body:
        return [(request.query_params.get("name", "upload"), body)]
    return []
