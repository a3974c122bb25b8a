"""Who may use a server, and the headers every response carries.

Bound to loopback by default.  With a token (required for any other address) every request
needs it: ``Authorization: Bearer T``, ``?token=T`` (which also sets a same-site cookie, so a
browser can follow links), or that cookie.  A browser's cross-site POST is refused (CSRF), and
no page may run inline script or style (CSP).
"""

from __future__ import annotations

import hmac
import ipaddress
import os
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

TOKEN_ENV = "STORYLINE_TOKEN"
COOKIE = "storyline_token"

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


def guard(app: FastAPI, token: str | None) -> None:
    """Check every request's token and origin, and set the security headers on every answer."""

    @app.middleware("http")
    async def check(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        set_cookie = False
        if token:
            supplied, from_query = _supplied_token(request)
            if supplied is None or not hmac.compare_digest(
                supplied.encode("utf-8", "surrogateescape"), token.encode()
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
        if set_cookie and token:
            response.set_cookie(
                COOKIE, token, httponly=True, samesite="strict", path="/", max_age=86400
            )
        return response
