"""What a request carries, parsed once for every route: the store (one read-only connection per
request) and the filters of ``store/filters.py`` built from query parameters."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request
from fastapi.responses import Response

from storyline.store import Store, StoreError
from storyline.store.filters import (
    MAX_LIMIT,
    ActorFilter,
    ArticleFilter,
    ClaimFilter,
    EventFilter,
    QueryError,
    StoryFilter,
    check_bbox,
    check_side,
)


def reader(request: Request) -> Iterator[Store]:
    """The store, read-only, one connection per request (SQLite connections are cheap, and a
    fresh one sees what an ingest committed meanwhile)."""
    try:
        store = Store(request.app.state.config.db, readonly=True, one_request=True)
    except StoreError as exc:
        raise HTTPException(503, str(exc)) from None
    try:
        yield store
    finally:
        store.close()


def fast_json(content: Any) -> Response:
    """Records are plain JSON values already: skip FastAPI's per-field encoder, which costs
    more than the query on a page of events or a decade of monthly rows."""
    return Response(
        json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode(),
        media_type="application/json",
    )


def parse_dyad(dyad: str | None) -> tuple[str, str] | None:
    if not dyad:
        return None
    parts = [p for p in dyad.replace("-", ",").replace(" ", ",").split(",") if p]
    if len(parts) != 2:
        raise HTTPException(422, "dyad is two sides, e.g. TUR,SYR")
    try:
        return check_side(parts[0]), check_side(parts[1])
    except QueryError as exc:
        raise HTTPException(422, str(exc)) from None


def _opt(value: str | None) -> str | None:
    """An empty form field means no filter."""
    return value if value else None


StoreDep = Annotated[Store, Depends(reader)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size.")]
Offset = Annotated[int, Query(ge=0, description="Records to skip (see next_offset).")]
DateFrom = Annotated[
    str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD; overlapping periods match.")
]
DateTo = Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD (inclusive).")]


def event_filter(
    actor: Annotated[
        str | None,
        Query(description="Either side: actor id, name, any spelling, or code prefix (TURGOV)."),
    ] = None,
    actor_id: Annotated[str | None, Query(description="Exactly this actor id.")] = None,
    dyad: Annotated[str | None, Query(description="Two sides, either direction: TUR,SYR")] = None,
    code: Annotated[str | None, Query(description="CAMEO code, e.g. 044.")] = None,
    root: Annotated[str | None, Query(description="CAMEO root, e.g. 04.")] = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description="Quad class 1-4.")] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    outlet: Annotated[str | None, Query(description="Reported by this outlet (any case).")] = None,
    story: Annotated[str | None, Query(description="Story id.")] = None,
    article: Annotated[str | None, Query(description="Reported in this article.")] = None,
    polarity: Annotated[str | None, Query(description="asserted or negated.")] = None,
    modality: Annotated[
        str | None, Query(description="fact, intent, demand, hypothetical.")
    ] = None,
    q: Annotated[str | None, Query(description="Words in a reporting article (FTS5).")] = None,
    undated: Annotated[bool | None, Query(description="Only undated (or only dated).")] = None,
    precision: Annotated[
        str | None, Query(description="Date precision: day, month, year, published, unknown.")
    ] = None,
    background: Annotated[
        bool | None,
        Query(description="true: only events every report recounts as history; false: news."),
    ] = None,
    bbox: Annotated[
        str | None, Query(description="Located within south,west,north,east (degrees).")
    ] = None,
) -> EventFilter:
    try:
        box = check_bbox(bbox)
    except QueryError as exc:
        raise HTTPException(422, str(exc)) from None
    return EventFilter(
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
        precision=_opt(precision),
        background=background,
        bbox=box,
    )


def article_filter(
    q: Annotated[str | None, Query(description="Words in title or text (FTS5).")] = None,
    outlet: Annotated[str | None, Query(description="Outlet (any case).")] = None,
    story: Annotated[str | None, Query(description="Story id.")] = None,
    actor: Annotated[
        str | None, Query(description="Mentions this actor: id, name, any spelling, code prefix.")
    ] = None,
    language: str | None = None,
    published_how: str | None = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    undated: bool | None = None,
) -> ArticleFilter:
    return ArticleFilter(
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


EventF = Annotated[EventFilter, Depends(event_filter)]
ArticleF = Annotated[ArticleFilter, Depends(article_filter)]


EventSort = Annotated[
    str | None,
    Query(description="date (the export's order, default), newest, or reported (most first)."),
]


def strict(request: Request) -> None:
    """Refuse a parameter the route does not take: a misspelt filter (``from=2022``) must not
    silently return everything.  The names come from the route's own declared parameters."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    allowed = _query_names(dependant) | {"token"}
    unknown = [k for k in dict.fromkeys(request.query_params.keys()) if k not in allowed]
    if not unknown:
        return
    hints = []
    for name in unknown:
        close = difflib.get_close_matches(name, sorted(allowed - {"token"}), n=1, cutoff=0.5)
        hints.append(f"{name!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
    takes = ", ".join(sorted(allowed - {"token"})) or "no parameters"
    raise HTTPException(
        422,
        f"unknown parameter{'s' if len(unknown) > 1 else ''} {', '.join(hints)}; "
        f"{request.url.path} takes: {takes}",
    )


def _query_names(dependant: Any) -> set[str]:
    names = {getattr(p, "alias", None) or p.name for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


StorySort = Annotated[
    str | None,
    Query(description="size (most articles, default), latest (latest report), conflict, events."),
]


def actor_filter(
    q: Annotated[str | None, Query(description="Part of a name or spelling.")] = None,
    code: Annotated[str | None, Query(description="Code prefix.")] = None,
    kind: Annotated[str | None, Query(description="person, country, organization...")] = None,
    known: Annotated[bool | None, Query(description="false: provisional actors to review.")] = None,
) -> ActorFilter:
    return ActorFilter(q=_opt(q), code=_opt(code), kind=_opt(kind), known=known)


def story_filter(
    actor: Annotated[
        str | None, Query(description="A main side: code (TUR) or country name.")
    ] = None,
    q: Annotated[str | None, Query(description="Part of the title.")] = None,
    article: Annotated[str | None, Query(description="Holds this article.")] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
) -> StoryFilter:
    return StoryFilter(
        actor=_opt(actor),
        q=_opt(q),
        article=_opt(article),
        date_from=_opt(date_from),
        date_to=_opt(date_to),
    )


def claim_filter(
    article: Annotated[str | None, Query(description="Made in this article.")] = None,
    event: Annotated[str | None, Query(description="About this event.")] = None,
    polarity: Annotated[str | None, Query(description="asserted or negated.")] = None,
    speaker: Annotated[
        str | None, Query(description="Speaker: id, name, any spelling, or code prefix.")
    ] = None,
    contradicted: Annotated[
        bool | None, Query(description="Only claims in a contradiction.")
    ] = None,
    q: Annotated[str | None, Query(description="Part of the claim's text.")] = None,
) -> ClaimFilter:
    return ClaimFilter(
        _opt(article), _opt(event), _opt(polarity), _opt(speaker), contradicted, _opt(q)
    )
