"""``storyline serve``: the HTTP API (JSON, OpenAPI) and the web UI over one store.

Thin by design: records come from ``store/query.py`` (the export's shapes), timelines from
``timeline.py``, ingest from ``api.ingest_bytes``; this module routes, checks access and renders
templates.  Read endpoints open the store read-only per request, so the server can run while an
ingest writes (WAL) and can never change the data it shows.

Access: bound to loopback by default.  With a token (required for any other address) every
request needs it: ``Authorization: Bearer T``, ``?token=T`` (which also sets a same-site cookie,
so a browser can follow links), or that cookie.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import json
import os
import socket
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from storyline import api
from storyline import timeline as tl_mod
from storyline.pipeline import Context
from storyline.server import views
from storyline.store import query as Q
from storyline.store.sqlite import Store, StoreError

HERE = Path(__file__).resolve().parent
TOKEN_ENV = "STORYLINE_TOKEN"
COOKIE = "storyline_token"
DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024

SECURITY_HEADERS = {
    # No inline script or style anywhere: pages load /static/app.js and /static/app.css only.
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def fast_json(content: Any) -> Response:
    """Records are plain JSON values already: skip FastAPI's per-field encoder, which costs
    more than the query on a page of events or a decade of monthly rows."""
    return Response(
        json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode(),
        media_type="application/json",
    )


class ServeError(RuntimeError):
    """The server cannot start as asked; the message says why and what to do."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def resolve_token(host: str, token: str | None) -> str | None:
    """The token to require: the option, else the environment; refused when a non-loopback
    bind has none (anyone on the network could read the store, or ingest into it)."""
    token = token or os.environ.get(TOKEN_ENV) or None
    if not is_loopback(host) and not token:
        raise ServeError(
            f"binding {host} exposes the store beyond this machine: give --token TOKEN "
            f"(or set {TOKEN_ENV}); every request must then carry it"
        )
    if token is not None and len(token) < 8:
        raise ServeError("the token must be at least 8 characters")
    return token


@dataclass
class ServerConfig:
    db: str
    allow_ingest: bool = False
    token: str | None = None
    max_upload: int = DEFAULT_MAX_UPLOAD
    ctx: Context | None = None  # tests share one loaded pipeline


def _supplied_token(request: Request) -> tuple[str | None, bool]:
    """(token, came in the query string)."""
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip(), False
    if "token" in request.query_params:
        return request.query_params["token"], True
    return request.cookies.get(COOKIE), False


def _same_origin(request: Request) -> bool:
    """A browser's cross-site POST carries an Origin naming the other site: refuse it, so a
    page elsewhere cannot make a local server ingest (CSRF).  Clients without Origin pass."""
    origin = request.headers.get("origin")
    if not origin:
        return True
    return urlsplit(origin).netloc == request.headers.get("host", "")


# ---- request parsing shared by the routes (module level, so FastAPI can resolve the types) ----
def reader(request: Request) -> Iterator[Store]:
    """The store, read-only, one connection per request (SQLite connections are cheap, and a
    fresh one sees what an ingest committed meanwhile)."""
    try:
        store = Store(request.app.state.config.db, readonly=True)
    except StoreError as exc:
        raise HTTPException(503, str(exc)) from None
    try:
        yield store
    finally:
        store.close()


def parse_dyad(dyad: str | None) -> tuple[str, str] | None:
    if not dyad:
        return None
    parts = [p for p in dyad.replace("-", ",").replace(" ", ",").split(",") if p]
    if len(parts) != 2:
        raise HTTPException(422, "dyad is two sides, e.g. TUR,SYR")
    try:
        return Q.check_side(parts[0]), Q.check_side(parts[1])
    except Q.QueryError as exc:
        raise HTTPException(422, str(exc)) from None


def _opt(value: str | None) -> str | None:
    """An empty form field means no filter."""
    return value if value else None


StoreDep = Annotated[Store, Depends(reader)]
Limit = Annotated[int, Query(ge=1, le=Q.MAX_LIMIT, description="Page size.")]
Offset = Annotated[int, Query(ge=0, description="Records to skip (see next_offset).")]
DateFrom = Annotated[
    str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD; overlapping periods match.")
]
DateTo = Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD (inclusive).")]


def event_filter(
    actor: Annotated[str | None, Query(description="Actor id or code prefix (TURGOV).")] = None,
    actor_id: Annotated[str | None, Query(description="Exactly this actor id.")] = None,
    dyad: Annotated[str | None, Query(description="Two sides, either direction: TUR,SYR")] = None,
    code: Annotated[str | None, Query(description="CAMEO code, e.g. 044.")] = None,
    root: Annotated[str | None, Query(description="CAMEO root, e.g. 04.")] = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description="Quad class 1-4.")] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    outlet: Annotated[str | None, Query(description="Reported by this outlet.")] = None,
    story: Annotated[str | None, Query(description="Story id.")] = None,
    article: Annotated[str | None, Query(description="Reported in this article.")] = None,
    polarity: Annotated[str | None, Query(description="asserted or negated.")] = None,
    modality: Annotated[
        str | None, Query(description="fact, intent, demand, hypothetical.")
    ] = None,
    q: Annotated[str | None, Query(description="Words in a reporting article (FTS5).")] = None,
    undated: Annotated[bool | None, Query(description="Only undated (or only dated).")] = None,
) -> Q.EventFilter:
    return Q.EventFilter(
        actor=_opt(actor),
        actor_id=_opt(actor_id),
        dyad=parse_dyad(dyad),
        code=_opt(code),
        root=_opt(root),
        quad=quad,
        date_from=_opt(date_from),
        date_to=_opt(date_to),
        outlet=_opt(outlet),
        story=_opt(story),
        article=_opt(article),
        polarity=_opt(polarity),
        modality=_opt(modality),
        q=_opt(q),
        undated=undated,
    )


def article_filter(
    q: Annotated[str | None, Query(description="Words in title or text (FTS5).")] = None,
    outlet: str | None = None,
    story: str | None = None,
    actor: Annotated[str | None, Query(description="Mentions this actor id or code.")] = None,
    language: str | None = None,
    published_how: str | None = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    undated: bool | None = None,
) -> Q.ArticleFilter:
    return Q.ArticleFilter(
        q=_opt(q),
        outlet=_opt(outlet),
        story=_opt(story),
        actor=_opt(actor),
        language=_opt(language),
        published_how=_opt(published_how),
        date_from=_opt(date_from),
        date_to=_opt(date_to),
        undated=undated,
    )


EventF = Annotated[Q.EventFilter, Depends(event_filter)]
ArticleF = Annotated[Q.ArticleFilter, Depends(article_filter)]


def create_app(config: ServerConfig) -> FastAPI:
    cfg = config
    app = FastAPI(
        title="storyline",
        version="1",
        description="Read the store's articles, events, actors, stories, claims and dyads; "
        "records as in the export (CONTRACT.md).",
        docs_url=None,  # our own /docs: FastAPI's loads Swagger UI from a CDN, and we are offline
        redoc_url=None,
    )
    app.state.config = cfg
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.globals.update(
        mark=views.mark,
        code_name=views.code_name,
        date_label=views.date_label,
        quad_names=views.QUAD_NAMES,
        precision_names=views.PRECISION_NAMES,
        headline=tl_mod.headline,
    )
    ingest_lock = asyncio.Lock()

    # ---- middleware -----------------------------------------------------------------------------
    @app.middleware("http")
    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        set_cookie = False
        if cfg.token:
            supplied, from_query = _supplied_token(request)
            if supplied is None or not hmac.compare_digest(
                supplied.encode("utf-8", "surrogateescape"), cfg.token.encode()
            ):
                resp: Response = JSONResponse(
                    {"detail": "a token is required (Authorization: Bearer TOKEN or ?token=)"},
                    status_code=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
                resp.headers.update(SECURITY_HEADERS)
                return resp
            set_cookie = from_query
        if request.method not in ("GET", "HEAD") and not _same_origin(request):
            resp = JSONResponse({"detail": "cross-origin request refused"}, status_code=403)
            resp.headers.update(SECURITY_HEADERS)
            return resp
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        if set_cookie and cfg.token:
            response.set_cookie(
                COOKIE, cfg.token, httponly=True, samesite="strict", path="/", max_age=86400
            )
        return response

    app.state.open_reader = lambda: Store(cfg.db, readonly=True)

    def page(fn: Callable[[], Q.Page]) -> Response:
        try:
            return fast_json(fn().as_dict())
        except Q.QueryError as exc:
            raise HTTPException(422, str(exc)) from None

    def found(record: dict[str, Any] | None, what: str) -> dict[str, Any]:
        if record is None:
            raise HTTPException(404, f"no {what} with that id")
        return record

    # ---- JSON API ---------------------------------------------------------------------------------
    @app.get("/api/summary", tags=["api"])
    def api_summary(store: StoreDep) -> dict[str, Any]:
        """Counts, and whether corpus results are behind the last ingest."""
        return Q.summary(store)

    @app.get("/api/articles", tags=["api"])
    def api_articles(store: StoreDep, f: ArticleF, limit: Limit = 50, offset: Offset = 0) -> Any:
        """ARTICLE records, by publication date (undated last), then ingest order."""
        return page(lambda: Q.articles(store, f, limit, offset))

    @app.get("/api/articles/{article_id}", tags=["api"])
    def api_article(store: StoreDep, article_id: str) -> dict[str, Any]:
        return found(Q.article(store, article_id), "article")

    @app.get("/api/events", tags=["api"])
    def api_events(store: StoreDep, f: EventF, limit: Limit = 50, offset: Offset = 0) -> Any:
        """EVENT records with their reports, by date (undated last), then event id."""
        return page(lambda: Q.events(store, f, limit, offset))

    @app.get("/api/events/{event_id}", tags=["api"])
    def api_event(store: StoreDep, event_id: str) -> dict[str, Any]:
        return found(Q.event(store, event_id), "event")

    @app.get("/api/actors", tags=["api"])
    def api_actors(
        store: StoreDep,
        q: Annotated[str | None, Query(description="Part of a name or spelling.")] = None,
        code: Annotated[str | None, Query(description="Code prefix.")] = None,
        kind: str | None = None,
        known: Annotated[
            bool | None, Query(description="false: provisional actors to review.")
        ] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Any:
        """ACTOR records, known first, then by id."""
        f = Q.ActorFilter(q=q, code=code, kind=kind, known=known)
        return page(lambda: Q.actors(store, f, limit, offset))

    @app.get("/api/actors/{actor_id}", tags=["api"])
    def api_actor(store: StoreDep, actor_id: str) -> dict[str, Any]:
        return found(Q.actor(store, actor_id), "actor")

    @app.get("/api/stories", tags=["api"])
    def api_stories(
        store: StoreDep,
        actor: Annotated[str | None, Query(description="A main side, e.g. TUR.")] = None,
        q: Annotated[str | None, Query(description="Part of the title.")] = None,
        article: str | None = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Any:
        """STORY records, most articles first."""
        return page(
            lambda: Q.stories(
                store,
                actor=actor,
                q=q,
                article=article,
                date_from=date_from,
                date_to=date_to,
                limit=limit,
                offset=offset,
            )
        )

    @app.get("/api/stories/{story_id}", tags=["api"])
    def api_story(store: StoreDep, story_id: str) -> dict[str, Any]:
        return found(Q.story(store, story_id), "story")

    @app.get("/api/claims", tags=["api"])
    def api_claims(
        store: StoreDep,
        article: str | None = None,
        event: str | None = None,
        polarity: str | None = None,
        speaker: Annotated[str | None, Query(description="Speaker id or code prefix.")] = None,
        contradicted: Annotated[
            bool | None, Query(description="Only claims in a contradiction.")
        ] = None,
        q: Annotated[str | None, Query(description="Part of the claim's text.")] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Any:
        """CLAIM records, by article then claim id."""
        return page(
            lambda: Q.claims(
                store,
                article=article,
                event=event,
                polarity=polarity,
                speaker=speaker,
                contradicted=contradicted,
                q=q,
                limit=limit,
                offset=offset,
            )
        )

    @app.get("/api/dyads", tags=["api"])
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
        return page(
            lambda: Q.dyads(
                store, a=a, b=b, date_from=date_from, date_to=date_to, limit=limit, offset=offset
            )
        )

    @app.get("/api/dyads/{a}/{b}/timeline", tags=["api"])
    def api_dyad_timeline(store: StoreDep, a: str, b: str) -> Response:
        """A pair's monthly cooperation-conflict trend, both directions side by side."""
        try:
            return fast_json(Q.dyad_trend(store, a, b).as_dict())
        except Q.QueryError as exc:
            raise HTTPException(422, str(exc)) from None

    @app.get("/api/timeline", tags=["api"])
    def api_timeline(
        story: str | None = None,
        dyad: Annotated[str | None, Query(description="Two sides: TUR,SYR")] = None,
        actor: str | None = None,
    ) -> Any:
        """The timeline of `storyline timeline --format json` (the main story's by default)."""
        if sum(x is not None for x in (story, dyad, actor)) > 1:
            raise HTTPException(422, "give at most one of story, dyad, actor")
        try:
            text = api.timeline(cfg.db, story=story, dyad=parse_dyad(dyad), actor=actor, fmt="json")
        except KeyError as exc:
            raise HTTPException(404, str(exc.args[0])) from None
        except StoreError as exc:
            raise HTTPException(503, str(exc)) from None
        return json.loads(text)

    @app.get("/api/search", tags=["api"])
    def api_search(
        store: StoreDep, q: Annotated[str, Query(description="Words (FTS5).")]
    ) -> dict[str, Any]:
        """Articles whose title or text has every word; events reported in them."""
        arts = Q.search_articles(store, q, 20)
        for a in arts:
            a["snippet"] = "".join(t for t, _ in a["snippet"])
            a.pop("snip", None)
        return {"articles": arts, "events": Q.events(store, Q.EventFilter(q=q), 20).as_dict()}

    @app.post("/ingest", tags=["api"])
    async def api_ingest(request: Request) -> dict[str, Any]:
        """Upload files (multipart, field `files`) or one raw body (`?name=`): the same pipeline
        as `storyline ingest`.  Off unless the server runs with --allow-ingest."""
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
        async with ingest_lock:
            try:
                report = await asyncio.to_thread(
                    api.ingest_bytes, files, cfg.db, ctx=cfg.ctx or _context(app, cfg)
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

    # ---- documentation ------------------------------------------------------------------------------
    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs(request: Request) -> Response:
        schema = app.openapi()
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
        return templates.TemplateResponse(
            request, "docs.html", {"ops": ops, "info": schema["info"]}
        )

    # ---- web UI -------------------------------------------------------------------------------------
    def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
        return templates.TemplateResponse(request, name, context, status_code=status)

    def ui_error(request: Request, status: int, message: str) -> Response:
        return render(request, "error.html", status, message=message)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, store: StoreDep) -> Response:
        return render(
            request,
            "home.html",
            summary=Q.summary(store),
            stories=Q.stories(store, limit=20).items,
            pairs=Q.top_pairs(store, 12),
            outlets=Q.outlets(store)[:20],
        )

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(request: Request, store: StoreDep, q: str = "") -> Response:
        arts = Q.search_articles(store, q, 30) if q.strip() else []
        evs = Q.events(store, Q.EventFilter(q=q), 30).items if q.strip() else []
        actors = Q.actors(store, Q.ActorFilter(q=q), limit=30).items if q.strip() else []
        return render(request, "search.html", q=q, articles=arts, events=evs, actors=actors)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_view(request: Request, store: StoreDep, story_id: str) -> Response:
        rec = Q.story(store, story_id)
        if rec is None:
            return ui_error(request, 404, "No story with that id.")
        tl = tl_mod.build(store, story=story_id)
        ids = [e.event_id for e in tl.dated + tl.undated]
        return render(
            request,
            "story.html",
            story=rec,
            tl=tl,
            strip=views.strip(tl.dated),
            contradictions=Q.contradictions(store, ids),
            outlets_of=views.outlets_of,
        )

    @app.get("/dyads", response_class=HTMLResponse, include_in_schema=False)
    def dyads_view(request: Request, store: StoreDep, a: str = "", b: str = "") -> Response:
        if a and b:
            try:
                x, y = Q.check_side(a, "a"), Q.check_side(b, "b")
            except Q.QueryError as exc:
                return ui_error(request, 400, str(exc))
            return RedirectResponse(f"/dyads/{x}/{y}", status_code=303)
        return render(request, "dyads.html", pairs=Q.top_pairs(store, 50))

    @app.get("/dyads/{a}/{b}", response_class=HTMLResponse, include_in_schema=False)
    def dyad_view(
        request: Request, store: StoreDep, a: str, b: str, month: str = "", offset: Offset = 0
    ) -> Response:
        try:
            trend = Q.dyad_trend(store, a, b).as_dict()
            month_events = (
                Q.events(
                    store,
                    Q.EventFilter(dyad=(a, b), date_from=month, date_to=month),
                    100,
                    offset,
                )
                if month
                else None
            )
        except Q.QueryError as exc:
            return ui_error(request, 400, str(exc))
        return render(
            request,
            "dyad.html",
            trend=trend,
            chart=views.dyad_chart(trend),
            month=month,
            page=month_events.as_dict() if month_events else None,
            label_a=tl_mod._country_label(trend["a"]),
            label_b=tl_mod._country_label(trend["b"]),
        )

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_view(request: Request, store: StoreDep, f: EventF, offset: Offset = 0) -> Response:
        try:
            result = Q.events(store, f, 50, offset).as_dict()
        except Q.QueryError as exc:
            return ui_error(request, 400, str(exc))
        args = {k: v for k, v in request.query_params.items() if k not in ("offset", "token")}
        return render(request, "events.html", page=result, args=args, filters=f)

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_view(request: Request, store: StoreDep, event_id: str) -> Response:
        rec = Q.event(store, event_id)
        if rec is None:
            return ui_error(request, 404, "No event with that id.")
        arts = {
            a.article_id: a
            for a in (store.get_article(i) for i in {m["article_id"] for m in rec["mentions"]})
            if a is not None
        }
        reports = []
        for m in rec["mentions"]:
            art = arts.get(m["article_id"])
            parts = (
                views.excerpt(art.text, m["start"], m["end"]) if art else ("", m["sentence"], "")
            )
            reports.append({"m": m, "article": art, "parts": parts})
        return render(
            request,
            "event.html",
            ev=rec,
            event=views.as_event(rec),
            reports=reports,
            claims=Q.claims(store, event=event_id, limit=100).items,
            contradictions=Q.contradictions(store, [event_id]).get(event_id, []),
        )

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_view(
        request: Request,
        store: StoreDep,
        q: str = "",
        known: str = "",
        offset: Offset = 0,
    ) -> Response:
        flag = {"true": True, "1": True, "false": False, "0": False}.get(known.lower())
        result = Q.actors(store, Q.ActorFilter(q=q or None, known=flag), 100, offset).as_dict()
        counts = Q.mention_counts(store, [a["actor_id"] for a in result["items"]])
        return render(request, "actors.html", page=result, q=q, known=known, counts=counts)

    @app.get("/actors/{actor_id}", response_class=HTMLResponse, include_in_schema=False)
    def actor_view(
        request: Request, store: StoreDep, actor_id: str, offset: Offset = 0
    ) -> Response:
        rec = Q.actor(store, actor_id)
        if rec is None:
            return ui_error(request, 404, "No actor with that id.")
        return render(
            request,
            "actor.html",
            actor=rec,
            aliases=Q.alias_counts(store, [actor_id]).get(actor_id, []),
            roles=views.role_bars(rec["roles"]),
            counts=Q.mention_counts(store, [actor_id]).get(actor_id, (0, 0)),
            seen=Q.articles_mentioning(store, actor_id, 30),
            page=Q.events(store, Q.EventFilter(actor_id=actor_id), 50, offset).as_dict(),
        )

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles_view(
        request: Request, store: StoreDep, f: ArticleF, offset: Offset = 0
    ) -> Response:
        try:
            result = Q.articles(store, f, 50, offset).as_dict()
        except Q.QueryError as exc:
            return ui_error(request, 400, str(exc))
        args = {k: v for k, v in request.query_params.items() if k not in ("offset", "token")}
        return render(
            request, "articles.html", page=result, args=args, outlets=Q.outlets(store), filters=f
        )

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_view(
        request: Request,
        store: StoreDep,
        article_id: str,
        start: Annotated[int | None, Query(ge=0)] = None,
        end: Annotated[int | None, Query(ge=0)] = None,
    ) -> Response:
        art = store.get_article(article_id)
        if art is None:
            return ui_error(request, 404, "No article with that id.")
        reports = Q.event_reports(store, article_id)
        marks: list[tuple[int, int, str, str]] = [
            (r["start"], r["end"], "event", r["event_id"]) for r in reports
        ]
        for nd in art.near_duplicates:
            marks += [(p["start"], p["end"], "copy", nd.article_id) for p in nd.shared_passages]
        if start is not None and end is not None and end > start:
            marks.append((start, end, "hl", "hl"))
        others = Q.article_titles(store, [nd.article_id for nd in art.near_duplicates])
        return render(
            request,
            "article.html",
            art=art,
            spans=views.segments(art.text, marks),
            reports=reports,
            others=others,
        )

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    return app


def _context(app: FastAPI, cfg: ServerConfig) -> Context:
    """One pipeline per server (spaCy loads once, on the first upload)."""
    ctx = getattr(app.state, "ctx", None)
    if ctx is None:
        ctx = app.state.ctx = Context()
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


def prepare_store(db: str, allow_ingest: bool) -> None:
    """Check the store before serving: it must exist (or be creatable when uploads are on) and
    be at the current schema (an older store is upgraded once, with its backup, as ingest does)."""
    if not Path(db).exists():
        if not allow_ingest:
            raise ServeError(f"no database at {db}: run `storyline ingest` first")
        Store(db).close()
        return
    try:
        Store(db, readonly=True).close()
    except StoreError:
        Store(db).close()  # upgrades an older schema, or raises the reason it cannot


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, made here so a busy port is a clear error and port 0 gives the
    real port to print."""
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    # proto=IPPROTO_TCP (not 0) so asyncio sets TCP_NODELAY on accepted connections; without it
    # a small response written in two parts waits 40 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.listen(128)
    return sock


def url_of(sock: socket.socket, host: str) -> str:
    port = sock.getsockname()[1]
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def serve(
    config: ServerConfig,
    host: str = "127.0.0.1",
    port: int = 8000,
    announce: Callable[[str], None] | None = None,
) -> None:
    """Run until interrupted.  ``announce`` gets the URL once the socket listens."""
    import uvicorn

    config.token = resolve_token(host, config.token)
    prepare_store(config.db, config.allow_ingest)
    sock = bind(host, port)
    server = uvicorn.Server(
        uvicorn.Config(create_app(config), log_level="warning", access_log=False, lifespan="off")
    )
    if announce:
        announce(url_of(sock, host))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
