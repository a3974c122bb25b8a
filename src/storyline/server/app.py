"""``storyline serve``: the HTTP API (JSON, OpenAPI) and the web UI over one store.

The app is its parts put together: ``security.py`` (who may ask, the headers every answer
carries), ``json_api.py`` (the records as JSON, uploads), ``pages.py`` (the web UI), each route
reading through the read service (``service.py``) on the request's one read-only connection
(``params.py``), so the server can run while an ingest writes (WAL) and can never change the
data it shows.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline.pipeline import Context
from storyline.server import downloads, json_api, pages, security
from storyline.server.security import ServeError, is_loopback, resolve_token
from storyline.store import Store, StoreError

__all__ = [
    "ServeError",
    "ServerConfig",
    "bind",
    "create_app",
    "is_loopback",
    "prepare_store",
    "resolve_token",
    "serve",
    "url_of",
]

HERE = Path(__file__).resolve().parent
DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024


@dataclass
class ServerConfig:
    db: str
    allow_ingest: bool = False
    token: str | None = None
    max_upload: int = DEFAULT_MAX_UPLOAD
    ctx: Context | None = None  # tests share one loaded pipeline


def create_app(config: ServerConfig) -> FastAPI:
    app = FastAPI(
        title="storyline",
        version="1",
        description="Read the store's articles, events, actors, stories, claims and dyads; "
        "records as in the export (CONTRACT.md).",
        docs_url=None,  # our own /docs: FastAPI's loads Swagger UI from a CDN, and we are offline
        redoc_url=None,
    )
    app.state.config = config
    app.state.ingest_lock = asyncio.Lock()
    app.state.open_reader = lambda: Store(config.db, readonly=True)
    security.guard(app, config.token)
    app.include_router(json_api.router)
    app.include_router(downloads.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    _errors(app)
    return app


MACHINE_PATHS = ("/api/", "/download/", "/static/", "/openapi.json", "/ingest")


def _for_people(request: Request) -> bool:
    """Pages answer errors with the site's error page; the API, downloads and static files
    keep JSON (a script reads ``detail``)."""
    return not request.url.path.startswith(MACHINE_PATHS)


def _errors(app: FastAPI) -> None:
    """HTML 404/500 pages for page routes (an unknown page was a JSON 404), and readable 422
    details for the API (one sentence, not a list of validation objects)."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _for_people(request) and exc.status_code >= 400:
            message = {404: "There is no page at this address."}.get(
                exc.status_code, str(exc.detail)
            )
            return pages.ui_error(request, exc.status_code, message)
        return await http_exception_handler(request, exc)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors():
            where = ".".join(str(x) for x in err.get("loc", ())[1:]) or "request"
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        detail = "; ".join(parts) or "invalid request"
        if _for_people(request):
            return pages.ui_error(request, 422, detail)
        return JSONResponse({"detail": detail}, status_code=422)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        if _for_people(request):
            resp = pages.ui_error(request, 500, "Something went wrong while reading the store.")
        else:
            resp = JSONResponse({"detail": "internal error"}, status_code=500)
        resp.headers.update(security.SECURITY_HEADERS)  # this answer skips the middleware
        return resp


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
