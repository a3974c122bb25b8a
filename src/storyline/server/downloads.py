"""Downloads: any filtered list (events, articles, actors, stories, claims) as CSV or JSON,
with the same filters as its API endpoint.

A download is every record the filter selects, in the API's order, written as the export
writes them (CONTRACT.md records; CSV columns flattened with ``_``, as ``storyline export``).
Records are streamed from the request's own read-only connection a page at a time, so a large
download never holds the whole list.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import StreamingResponse

from storyline import service
from storyline.server.params import (
    ArticleF,
    EventF,
    EventSort,
    StorySort,
    actor_filter,
    claim_filter,
    story_filter,
    strict,
)
from storyline.store import Store
from storyline.store.export import flat_record
from storyline.store.filters import ActorFilter, ClaimFilter, Page, QueryError, StoryFilter

router = APIRouter(tags=["downloads"], dependencies=[Depends(strict)])
Format = Annotated[str, Path(pattern="^(csv|json)$", description="csv or json")]
CHUNK = 500


def _paged(fetch: Callable[[Store, int, int], Page[Any]]) -> Callable[[Store], Iterator[Any]]:
    def records(store: Store) -> Iterator[Any]:
        offset: int | None = 0
        while offset is not None:
            page = fetch(store, CHUNK, offset)
            yield from page.items
            offset = page.next_offset

    return records


def _respond(
    request: Request, kind: str, fmt: str, items: Callable[[Store], Iterator[Any]]
) -> StreamingResponse:
    """Check the filter on the request's store first (a bad value is a 422, not a broken
    download), then stream from a connection of the download's own."""
    db = request.app.state.config.db
    with Store(db, readonly=True) as store:
        try:
            first = next(iter(items(store)), None)
        except QueryError as exc:
            raise HTTPException(422, str(exc)) from None
    del first

    def body() -> Iterator[bytes]:
        with Store(db, readonly=True) as store:
            if fmt == "json":
                yield b"["
                for i, item in enumerate(items(store)):
                    yield (b"," if i else b"") + json.dumps(
                        item.record(), ensure_ascii=False
                    ).encode()
                yield b"]\n"
                return
            buf = io.StringIO()
            writer: csv.DictWriter[str] | None = None
            for item in items(store):
                row = flat_record(kind, item.record())
                if writer is None:
                    writer = csv.DictWriter(buf, fieldnames=list(row), extrasaction="ignore")
                    writer.writeheader()
                writer.writerow(row)
                if buf.tell() > 65536:
                    yield buf.getvalue().encode()
                    buf.seek(0)
                    buf.truncate()
            yield buf.getvalue().encode()

    media = "application/json" if fmt == "json" else "text/csv; charset=utf-8"
    return StreamingResponse(
        body(),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{kind}.{fmt}"'},
    )


@router.get("/download/events.{fmt}")
def download_events(
    request: Request, fmt: Format, f: EventF, sort: EventSort = None
) -> StreamingResponse:
    """Every event the filter selects (the filters of `/api/events`)."""
    return _respond(request, "events", fmt, lambda s: s.events.stream(f, sort))


@router.get("/download/articles.{fmt}")
def download_articles(request: Request, fmt: Format, f: ArticleF) -> StreamingResponse:
    """Every article the filter selects (the filters of `/api/articles`)."""
    return _respond(request, "articles", fmt, _paged(lambda s, n, o: service.articles(s, f, n, o)))


@router.get("/download/actors.{fmt}")
def download_actors(
    request: Request, fmt: Format, f: Annotated[ActorFilter, Depends(actor_filter)]
) -> StreamingResponse:
    """Every actor the filter selects (the filters of `/api/actors`)."""
    return _respond(request, "actors", fmt, _paged(lambda s, n, o: service.actors(s, f, n, o)))


@router.get("/download/stories.{fmt}")
def download_stories(
    request: Request,
    fmt: Format,
    f: Annotated[StoryFilter, Depends(story_filter)],
    sort: StorySort = None,
) -> StreamingResponse:
    """Every story the filter selects (the filters of `/api/stories`)."""
    return _respond(
        request, "stories", fmt, _paged(lambda s, n, o: service.stories(s, f, n, o, sort))
    )


@router.get("/download/claims.{fmt}")
def download_claims(
    request: Request, fmt: Format, f: Annotated[ClaimFilter, Depends(claim_filter)]
) -> StreamingResponse:
    """Every claim the filter selects (the filters of `/api/claims`)."""
    return _respond(request, "claims", fmt, _paged(lambda s, n, o: service.claims(s, f, n, o)))
