"""What the pages show, computed from records: text split into marked spans, chart geometry,
labels.  Pure functions, so the templates only lay things out and every string they print goes
through Jinja2's escaping; nothing here builds HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Any

from storyline import timeline
from storyline.corpus.merge import interval
from storyline.events.codes import lookup
from storyline.model import Event, Role

QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
PRECISION_NAMES = {
    "day": "day",
    "month": "month",
    "year": "year",
    "published": "publication date (the sentence gives none)",
    "unknown": "unknown",
}


def code_name(cameo: str) -> str:
    try:
        return lookup(cameo).name
    except KeyError:
        return cameo


# ---- marked text -----------------------------------------------------------------------------------
@dataclass(slots=True)
class Span:
    """A run of text with the marks that cover it (``hl`` the highlighted sentence, ``copy`` a
    passage shared with another article, ``event`` a sentence an event was coded from)."""

    text: str
    marks: list[str] = field(default_factory=list)
    refs: dict[str, str] = field(default_factory=dict)
    anchor: str | None = None


def segments(text: str, marks: list[tuple[int, int, str, str]]) -> list[Span]:
    """Split ``text`` at every mark boundary; marks are (start, end, kind, ref) and may overlap.

    Offsets outside the text are clipped; the first span of each kind/ref gets an anchor so a
    link can jump to it."""
    n = len(text)
    clean = [
        (max(0, min(s, n)), max(0, min(e, n)), k, r) for s, e, k, r in marks if e > s and s < n
    ]
    cuts = sorted({0, n, *(s for s, _, _, _ in clean), *(e for _, e, _, _ in clean)})
    spans: list[Span] = []
    anchored: set[tuple[str, str]] = set()
    for lo, hi in pairwise(cuts):
        if hi <= lo:
            continue
        span = Span(text[lo:hi])
        for s, e, kind, ref in clean:
            if s <= lo and hi <= e:
                if kind not in span.marks:
                    span.marks.append(kind)
                span.refs.setdefault(kind, ref)
                if (kind, ref) not in anchored and kind == "hl":
                    anchored.add((kind, ref))
                    span.anchor = "hl"
        spans.append(span)
    return spans


def excerpt(text: str, start: int, end: int, context: int = 220) -> tuple[str, str, str]:
    """(before, sentence, after) around a sentence, cut at word boundaries."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    lo = max(0, start - context)
    hi = min(len(text), end + context)
    before, after = text[lo:start], text[end:hi]
    if lo > 0:
        before = "…" + before[before.find(" ") + 1 :] if " " in before else "…" + before
    if hi < len(text):
        after = (after[: after.rfind(" ")] if " " in after else after) + "…"
    return before, text[start:end], after


# ---- the story timeline strip --------------------------------------------------------------------
def _day(ev: Event) -> date | None:
    if ev.date_precision == "published" and ev.date:
        try:
            return date.fromisoformat(ev.date[:10])
        except ValueError:
            return None
    iv = interval(ev.date, ev.date_precision)
    return iv[0] if iv else None


def strip(events: list[Event], width: int = 1000) -> dict[str, Any]:
    """Dated events placed on a horizontal time axis (x in 0..width), one dot each, with year
    ticks; events on the same day are stacked."""
    days = [(ev, d) for ev in events if (d := _day(ev)) is not None]
    if not days:
        return {"width": width, "dots": [], "ticks": [], "height": 60}
    first = min(d for _, d in days)
    last = max(d for _, d in days)
    span = max(1, (last - first).days)
    pad = 20
    scale = (width - 2 * pad) / span
    dots = []
    stack: dict[int, int] = {}
    for ev, d in days:
        x = round(pad + (d - first).days * scale)
        level = stack.get(x // 6, 0)
        stack[x // 6] = level + 1
        dots.append(
            {
                "x": x,
                "y": 40 - 9 * min(level, 3),
                "event_id": ev.event_id,
                "quad": ev.quad_class,
                "label": f"{timeline.date_label(ev)} {timeline.headline(ev)}",
                "open": ev.polarity == "negated" or ev.modality != "fact",
            }
        )
    ticks = []
    for year in range(first.year, last.year + 2):
        d = date(year, 1, 1)
        if first <= d <= last or (year == first.year and span < 400):
            x = round(pad + max(0, (d - first).days) * scale)
            ticks.append({"x": x, "label": str(year)})
    return {"width": width, "height": 60, "dots": dots, "ticks": ticks}


def outlets_of(ev: Event) -> list[str]:
    return sorted({m.outlet for m in ev.mentions if m.outlet})


# ---- the dyad chart ---------------------------------------------------------------------------------
def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last and len(out) < 1200:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def dyad_chart(trend: dict[str, Any], width: int = 1100, height: int = 180) -> dict[str, Any]:
    """Bars per month: the Goldstein sum of each direction (cooperation up, conflict down) and
    the quad-class counts stacked; every month a link target.  A month is 8 to 40 pixels wide,
    so a few months fill the width and decades scroll."""
    rows = {m["period"]: m for m in trend["months"]}
    if not rows:
        return {"months": [], "width": 0, "height": height}
    months = _months(min(rows), max(rows))
    slot = max(8, min(40, width // len(months)))
    slot -= slot % 2
    peak = (
        max(
            (
                abs(d["goldstein_sum"])
                for m in rows.values()
                for d in (m["a_to_b"], m["b_to_a"])
                if d is not None
            ),
            default=1.0,
        )
        or 1.0
    )
    top = max(
        (
            sum((d["quad_counts"][q] if d else 0) for d in (m["a_to_b"], m["b_to_a"]))
            for m in rows.values()
            for q in ("1", "2", "3", "4")
        ),
        default=1,
    )
    count_peak = max(
        (
            sum(sum(d["quad_counts"].values()) for d in (m["a_to_b"], m["b_to_a"]) if d)
            for m in rows.values()
        ),
        default=1,
    ) or max(top, 1)
    mid = height / 2
    half = mid - 8
    out = []
    for i, period in enumerate(months):
        row = rows.get(period, {"a_to_b": None, "b_to_a": None})
        bars = []
        for j, key in enumerate(("a_to_b", "b_to_a")):
            d = row[key]
            if not d:
                continue
            v = d["goldstein_sum"]
            h = abs(v) / peak * half
            bars.append(
                {
                    "x": i * slot + 1 + j * (slot // 2 - 1),
                    "y": round(mid - h if v >= 0 else mid, 1),
                    "w": slot // 2 - 2,
                    "h": round(max(h, 0.5), 1),
                    "kind": ("coop" if v >= 0 else "conf") + ("" if j == 0 else " back"),
                    "title": f"{period} {d['a']}→{d['b']}: Goldstein {v:+.1f}, "
                    f"{d['events']} events",
                }
            )
        stacks = []
        y = height
        for q in ("1", "2", "3", "4"):
            n = sum(d["quad_counts"][q] for d in (row["a_to_b"], row["b_to_a"]) if d)
            if n:
                h = n / count_peak * (height - 10)
                y -= h
                stacks.append(
                    {
                        "x": i * slot + 2,
                        "y": round(y, 1),
                        "w": slot - 4,
                        "h": round(h, 1),
                        "quad": q,
                        "title": f"{period}: {n} {QUAD_NAMES[int(q)]}",
                    }
                )
        total = sum(d["events"] for d in (row["a_to_b"], row["b_to_a"]) if d)
        out.append(
            {
                "period": period,
                "x": i * slot,
                "bars": bars,
                "stacks": stacks,
                "events": total,
                "label": period[:4] if period.endswith("-01") else (period if i == 0 else ""),
            }
        )
    return {"months": out, "width": max(len(months) * slot, 200), "height": height, "slot": slot}


# ---- actor roles over time --------------------------------------------------------------------------
def role_bars(roles: list[Role], width: int = 1000) -> dict[str, Any]:
    """Each dated role as a bar on a shared year axis; an open-ended role runs to today."""
    spans = []
    today = date.today()
    for r in roles:
        iv_start = interval(r.start, "day") if r.start else None
        iv_end = interval(r.end, "day") if r.end else None
        start = iv_start[0] if iv_start else None
        end = iv_end[1] if iv_end else today
        if start is None:
            continue
        spans.append((r, start, end))
    if not spans:
        return {"bars": [], "width": width, "height": 0, "ticks": []}
    first = min(s for _, s, _ in spans)
    last = max(e for _, _, e in spans)
    scale = (width - 20) / max(1, (last - first).days)
    bars = []
    for i, (r, s, e) in enumerate(spans):
        bars.append(
            {
                "x": round(10 + (s - first).days * scale),
                "y": 20 + i * 22,
                "w": max(2, round((e - s).days * scale)),
                "label": f"{r.role} [{r.code}] {r.start or '…'} – {r.end or ''}",
                "code": r.code,
            }
        )
    years = last.year - first.year
    step = 1 if years <= 12 else 2 if years <= 24 else 5 if years <= 60 else 10
    ticks = [
        {"x": round(10 + (date(y, 1, 1) - first).days * scale), "label": str(y)}
        for y in range(first.year + 1, last.year + 1)
        if y % step == 0
    ]
    return {"bars": bars, "width": width, "height": 30 + 22 * len(bars), "ticks": ticks}
