"""Timelines: the events of a story, a dyad or an actor, in order, with their evidence.

Rendering is plain functions over a ``Timeline`` (text, JSON, a self-contained HTML page, and
TimelineJS JSON), so the CLI, the API and the web UI show the same thing.  Undated events are set
apart, never placed on an invented date; denials and intentions are labelled as such.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from storyline import service
from storyline.corpus.merge import interval
from storyline.events.codes import lookup
from storyline.model import Event
from storyline.store import Store
from storyline.store.filters import SIDE_RE, EventFilter

MARKS = {"intent": "INTENDS", "demand": "DEMANDS", "hypothetical": "IF"}
NEGATED_MARKS = {
    "fact": "DENIED",
    "intent": "NOT INTENDED",
    "demand": "DEMANDS NOT",
    "hypothetical": "IF NOT",
}


def mark(ev: Event) -> str:
    """How a reader is warned that an event is not an asserted fact."""
    if ev.polarity == "negated":
        return NEGATED_MARKS.get(ev.modality, "DENIED")
    return MARKS.get(ev.modality, "")


@dataclass
class Timeline:
    title: str
    selector: dict[str, Any]
    dated: list[Event] = field(default_factory=list)
    undated: list[Event] = field(default_factory=list)
    articles: int = 0
    outlets: int = 0
    background_left: int = 0  # background-only events left out (news_only)


def _sort_key(ev: Event) -> tuple[str, int, str]:
    """Chronological: a month or year sorts at its start; a publication date at itself."""
    if ev.date_precision == "published":
        start = ev.date or "9999"
    else:
        iv = interval(ev.date, ev.date_precision)
        start = iv[0].isoformat() if iv else "9999"
    rank = {"day": 0, "published": 1, "month": 2, "year": 3}.get(ev.date_precision, 4)
    return start, rank, ev.event_id


def build(
    store: Store,
    story: str | None = None,
    dyad: tuple[str, str] | None = None,
    actor: str | None = None,
    query_text: str | None = None,
    everything: bool = False,
) -> Timeline:
    """Select events; with no selector, the main story (the one with most articles).

    ``everything`` takes every event of the store, ``query_text`` the events reported in the
    articles the full-text search finds (topics that are not a pair of countries)."""
    if everything or query_text is not None:
        if query_text is not None:
            events = service.events_reported_in(store, query_text)
            title, selector = f"Articles matching “{query_text}”", {"query": query_text}
        else:
            events = list(service.all_events(store))
            title, selector = "All articles", {"all": True}
        return _assemble(Timeline(title, selector), events)
    if story is None and dyad is None and actor is None:
        first = service.first_story(store)
        if first is None:
            return Timeline("No stories yet", {})
        story = first.story_id
    if story is not None:
        st = service.first_story(store, story)
        if st is None:
            raise KeyError(f"no story {story!r}")
        # A story's timeline is its events (``corpus.stories.event_story`` places each event in
        # one story), so its page, its record and ``/api/events?story=`` count the same events;
        # the pair's whole history is the dyad timeline.
        events = service.events_matching(store, EventFilter(story=st.story_id))
        title, selector = st.title, {"story": st.story_id}
        if len(st.actors) == 2:
            selector["dyad"] = st.actors
    elif dyad is not None:
        a, b = dyad[0].upper(), dyad[1].upper()
        # Sides are three-letter codes: anything else names no event.
        valid = bool(SIDE_RE.match(a) and SIDE_RE.match(b))
        events = service.events_matching(store, EventFilter(dyad=(a, b))) if valid else []
        title = f"{service.country_label(a)} – {service.country_label(b)}"
        selector = {"dyad": [a, b]}
    else:
        code = (actor or "").upper()
        events = [
            e
            for e in service.events_matching(store, EventFilter(actor=actor))
            if any(
                r is not None and ((r.code or "").startswith(code) or r.actor_id == actor)
                for r in (e.source, e.target)
            )
        ]
        title, selector = f"Actor {actor}", {"actor": actor}
    return _assemble(Timeline(title, selector), events)


def news_only(tl: Timeline) -> Timeline:
    """The timeline of the news: events every report of which recounts history are left out
    (they are counted, and ``render_text`` says how many)."""
    keep = [e for e in tl.dated + tl.undated if not e.background]
    tl.background_left = len(tl.dated) + len(tl.undated) - len(keep)
    tl.dated = [e for e in tl.dated if not e.background]
    tl.undated = [e for e in tl.undated if not e.background]
    return tl


def _assemble(tl: Timeline, events: list[Event]) -> Timeline:
    for ev in events:
        (tl.dated if ev.date else tl.undated).append(ev)
    tl.dated.sort(key=_sort_key)
    tl.undated.sort(key=lambda e: e.event_id)
    arts = {m.article_id for e in events for m in e.mentions}
    tl.articles = len(arts)
    tl.outlets = len({m.outlet for e in events for m in e.mentions if m.outlet})
    return tl


def date_label(ev: Event) -> str:
    if not ev.date:
        return "undated"
    if ev.date_precision == "published":
        return f"{ev.date}*"
    return ev.date


def headline(ev: Event) -> str:
    arrow = "⇄" if ev.reciprocal else "→"
    src = ev.source.name if ev.source else "?"
    tgt = f" {arrow} {ev.target.name}" if ev.target else ""
    label = lookup(ev.cameo).name
    place = f" [{ev.location.name}]" if ev.location else ""
    warn = mark(ev)
    history = " (recounted as background)" if ev.background else ""
    return f"{(warn + ' ') if warn else ''}{src}{tgt}: {label} ({ev.cameo}){place}{history}"


def _evidence(ev: Event, width: int = 160) -> list[str]:
    lines = []
    for m in ev.mentions[:3]:
        sent = m.sentence if len(m.sentence) <= width else m.sentence[: width - 1] + "…"
        who = f"{m.outlet or 'unknown outlet'}, {m.published or 'undated'}"
        spk = f"; said by {m.speaker}" if m.speaker else ""
        lines.append(f"“{sent}” — {who}{spk}")
    if len(ev.mentions) > 3:
        lines.append(f"(+{len(ev.mentions) - 3} more reports)")
    return lines


def render_text(tl: Timeline) -> str:
    outlets = f", {tl.outlets} outlets" if tl.outlets else " (outlets not stated)"
    out = [
        tl.title,
        f"{len(tl.dated) + len(tl.undated)} events from {tl.articles} articles{outlets}",
        "",
    ]
    for ev in tl.dated:
        reports = f"  ({ev.num_articles} reports)" if ev.num_articles > 1 else ""
        out.append(f"{date_label(ev):<12} {headline(ev)}{reports}")
        out.extend(f"{'':<12}   {line}" for line in _evidence(ev))
    if tl.undated:
        out += ["", "Undated (no date in the text and no publication date):"]
        for ev in tl.undated:
            out.append(f"{'':<12} {headline(ev)}")
            out.extend(f"{'':<12}   {line}" for line in _evidence(ev))
    if tl.background_left:
        out += ["", f"{tl.background_left} events recounted only as background are left out "
                "(--news-only)."]  # fmt: skip
    if any(e.date_precision == "published" for e in tl.dated):
        out += ["", "* no date in the sentence: the article's publication date stands in."]
    return "\n".join(out) + "\n"


def render_json(tl: Timeline) -> str:
    return json.dumps(
        {
            "title": tl.title,
            "selector": tl.selector,
            "articles": tl.articles,
            "outlets": tl.outlets,
            "events": [e.record() for e in tl.dated],
            "undated": [e.record() for e in tl.undated],
        },
        ensure_ascii=False,
        indent=1,
    )


def render_timelinejs(tl: Timeline) -> str:
    events = []
    for ev in tl.dated:
        d = ev.date or ""
        start: dict[str, str] = {"year": d[:4]}
        if len(d) >= 7:
            start["month"] = str(int(d[5:7]))
        if len(d) >= 10:
            start["day"] = str(int(d[8:10]))
        text = "<br>".join(html.escape(x) for x in _evidence(ev))
        events.append(
            {
                "start_date": start,
                "text": {"headline": html.escape(headline(ev)), "text": text},
                "group": ev.plover or ev.root,
                "unique_id": ev.event_id,
            }
        )
    return json.dumps(
        {"title": {"text": {"headline": html.escape(tl.title), "text": ""}}, "events": events},
        ensure_ascii=False,
        indent=1,
    )


def _trend_svg(tl: Timeline) -> str:
    """Monthly Goldstein sums as bars: cooperation up, conflict down (asserted facts only)."""
    months: Counter[str] = Counter()
    for ev in tl.dated:
        if ev.polarity == "asserted" and ev.modality == "fact" and ev.date and len(ev.date) >= 7:
            months[ev.date[:7]] += ev.goldstein
    if not months:
        return ""
    keys = sorted(months)
    w, h, pad = max(300, 14 * len(keys)), 160, 10
    peak = max(abs(v) for v in months.values()) or 1
    mid = h / 2
    bars = []
    for i, k in enumerate(keys):
        v = months[k]
        bh = abs(v) / peak * (mid - pad)
        y = mid - bh if v >= 0 else mid
        color = "#2b8a3e" if v >= 0 else "#c92a2a"
        bars.append(
            f'<rect x="{i * 14 + 2}" y="{y:.1f}" width="10" height="{bh:.1f}" fill="{color}">'
            f"<title>{html.escape(k)}: {v:+.1f}</title></rect>"
        )
    return (
        f'<svg width="{w}" height="{h}" role="img" aria-label="monthly Goldstein trend">'
        f'<line x1="0" y1="{mid}" x2="{w}" y2="{mid}" stroke="#888"/>{"".join(bars)}</svg>'
        f'<p class="axis">{html.escape(keys[0])} … {html.escape(keys[-1])}</p>'
    )


_CSS = (
    "body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}"
    "td{vertical-align:top;padding:.3em .6em;border-bottom:1px solid #ddd}"
    "tr.negated td:nth-child(2){color:#c92a2a;font-weight:bold}"
    "tr.intent td:nth-child(2),tr.hypothetical td:nth-child(2){color:#e67700}"
    "ul{margin:.2em 0;color:#444;font-size:.9em}.axis{color:#666;font-size:.8em}"
)


def render_html(tl: Timeline) -> str:
    esc = html.escape
    rows = []
    for ev in tl.dated + tl.undated:
        warn = mark(ev)
        ev_html = "".join(f"<li>{esc(x)}</li>" for x in _evidence(ev, 400))
        rows.append(
            f'<tr class="{esc(ev.polarity)} {esc(ev.modality)}"><td>{esc(date_label(ev))}</td>'
            f"<td>{esc(warn)}</td><td>{esc(headline(ev))}<ul>{ev_html}</ul></td></tr>"
        )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(tl.title)}</title>
<style>{_CSS}</style></head>
<body><h1>{esc(tl.title)}</h1>
<p>{len(tl.dated)} dated and {len(tl.undated)} undated events from {tl.articles} articles, {tl.outlets} outlets.
Dates marked * are publication dates standing in for a date the text does not give.</p>
{_trend_svg(tl)}
<table><thead><tr><th>Date</th><th></th><th>Event and evidence</th></tr></thead><tbody>
{"".join(rows)}
</tbody></table></body></html>
"""


RENDERERS = {
    "text": render_text,
    "json": render_json,
    "html": render_html,
    "timelinejs": render_timelinejs,
}
