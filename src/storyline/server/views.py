"""What the pages show, computed from records: text split into marked spans, chart geometry,
labels.  Pure functions, so the templates only lay things out and every string they print goes
through Jinja2's escaping; nothing here builds HTML.
"""

from __future__ import annotations

import math
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
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
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
    # Month ticks (every 1, 2, 3 or 6 months: at least 50 pixels apart) on spans of a few
    # years; year ticks beyond.
    step = next((k for k in (1, 2, 3, 6) if k * 30.4 * scale >= 50), 12)
    y, m = first.year, first.month
    while date(y, m, 1) <= last:
        d = date(y, m, 1)
        if (m - 1) % step == 0 and (step < 12 or m == 1):
            x = round(pad + max(0, (d - first).days) * scale)
            label = str(y) if m == 1 else MONTH_NAMES[m - 1]
            if not ticks and m != 1:
                label = f"{MONTH_NAMES[m - 1]} {y}"
            ticks.append({"x": x, "label": label})
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    if not ticks:
        ticks.append({"x": pad, "label": f"{MONTH_NAMES[first.month - 1]} {first.year}"})
    return {"width": width, "height": 60, "dots": dots, "ticks": ticks}


def outlets_of(ev: Event) -> list[str]:
    return sorted({m.outlet for m in ev.mentions if m.outlet})


# ---- the dyad chart ---------------------------------------------------------------------------------
CHART_W, CHART_LEFT, CHART_RIGHT = 1000, 64, 12


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last and len(out) < 1200:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def nice_ticks(peak: float, n: int = 4) -> list[float]:
    """Round tick values from 0 up to at least ``peak`` (1, 2, 2.5 or 5 times a power of ten)."""
    if peak <= 0:
        return [0.0, 1.0]
    raw = peak / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(k * mag for k in (1, 2, 2.5, 5, 10) if k * mag >= raw)
    top = math.ceil(peak / step) * step
    return [round(i * step, 6) for i in range(round(top / step) + 1)]


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 10 or v == int(v) else f"{v:,.1f}"


def month_ticks(months: list[str], slot: float) -> list[dict[str, Any]]:
    """Labels under a monthly axis: every month when there is room, else every 2, 3, 6, 12...
    months; January shows its year, other months their short name."""
    step = next((k for k in (1, 2, 3, 6, 12, 24, 60, 120) if k * slot >= 46), 240)
    out = []
    for i, period in enumerate(months):
        month = int(period[5:7])
        yearly = month == 1 and int(period[:4]) % max(step // 12, 1) == 0
        show = yearly if step >= 12 else (month - 1) % step == 0
        if i == 0 and not show and len(months) < 24:
            show = True
        if show:
            label = period[:4] if month == 1 or i == 0 else MONTH_NAMES[month - 1]
            if i == 0 and month != 1:
                label = f"{MONTH_NAMES[month - 1]} {period[:4]}"
            out.append({"x": round(CHART_LEFT + (i + 0.5) * slot, 1), "label": label})
    return out


def dyad_chart(trend: dict[str, Any], height: int = 200) -> dict[str, Any]:
    """Two panels on one monthly axis across the full width: the Goldstein sum of each
    direction (above zero cooperation, below conflict; left bar A→B, right bar B→A) and the
    events per quad class stacked (both directions), each with a y-axis of values, month ticks
    and every month a link; plus the rows of the data table printed under the charts."""
    rows = {m["period"]: m for m in trend["months"]}
    if not rows:
        return {"months": [], "table": []}
    months = _months(min(rows), max(rows))
    plot = CHART_W - CHART_LEFT - CHART_RIGHT
    slot = plot / len(months)
    peak = max(
        (abs(d["goldstein_sum"]) for m in rows.values() for d in (m["a_to_b"], m["b_to_a"]) if d),
        default=1.0,
    )
    g_ticks = nice_ticks(peak or 1.0)
    g_top = g_ticks[-1]
    top, mid = 24, 24 + height / 2
    half = height / 2

    def gy(v: float) -> float:
        return round(mid - v / g_top * half, 1)

    count_peak = max(
        (
            sum(sum(d["quad_counts"].values()) for d in (m["a_to_b"], m["b_to_a"]) if d)
            for m in rows.values()
        ),
        default=1,
    )
    c_ticks = nice_ticks(max(count_peak, 1))
    c_top = c_ticks[-1]
    base = top + height

    def cy(v: float) -> float:
        return round(base - v / c_top * height, 1)

    out, table = [], []
    w = max(slot / 2 - 1, 0.6)
    for i, period in enumerate(months):
        row = rows.get(period, {"a_to_b": None, "b_to_a": None})
        x0 = CHART_LEFT + i * slot
        bars = []
        for j, key in enumerate(("a_to_b", "b_to_a")):
            d = row[key]
            if not d:
                continue
            v = d["goldstein_sum"]
            y1, y2 = sorted((gy(0), gy(v)))
            bars.append(
                {
                    "x": round(x0 + 0.5 + j * slot / 2, 2),
                    "y": y1,
                    "w": round(w, 2),
                    "h": round(max(y2 - y1, 0.8), 1),
                    "dir": "ab" if j == 0 else "ba",
                    "title": f"{period} {d['a']} → {d['b']}: Goldstein sum {v:+.1f} over "
                    f"{d['events']} events",
                }
            )
        stacks = []
        acc = 0
        counts = {q: 0 for q in ("1", "2", "3", "4")}
        for q in ("1", "2", "3", "4"):
            n = sum(d["quad_counts"][q] for d in (row["a_to_b"], row["b_to_a"]) if d)
            counts[q] = n
            if n:
                stacks.append(
                    {
                        "x": round(x0 + 0.5, 2),
                        "y": cy(acc + n),
                        "w": round(max(slot - 1, 0.8), 2),
                        "h": round(cy(acc) - cy(acc + n), 1),
                        "quad": q,
                        "title": f"{period}: {n} {QUAD_NAMES[int(q)]}",
                    }
                )
                acc += n
        ab, ba = row["a_to_b"], row["b_to_a"]
        total = sum(d["events"] for d in (ab, ba) if d)
        out.append(
            {
                "period": period,
                "x": round(x0, 2),
                "w": round(slot, 2),
                "bars": bars,
                "stacks": stacks,
                "events": total,
            }
        )
        if ab or ba:
            table.append(
                {
                    "period": period,
                    "ab_events": ab["events"] if ab else 0,
                    "ab_sum": ab["goldstein_sum"] if ab else 0.0,
                    "ba_events": ba["events"] if ba else 0,
                    "ba_sum": ba["goldstein_sum"] if ba else 0.0,
                    "quads": counts,
                }
            )
    return {
        "months": out,
        "table": table,
        "width": CHART_W,
        "left": CHART_LEFT,
        "right": CHART_W - CHART_RIGHT,
        "top": top,
        "height": height,
        "mid": mid,
        "base": base,
        "g_ticks": [{"y": gy(v), "label": ("+" if v > 0 else "") + _fmt(v)} for v in g_ticks]
        + [{"y": gy(-v), "label": "−" + _fmt(v)} for v in g_ticks if v],
        "c_ticks": [{"y": cy(v), "label": _fmt(v)} for v in c_ticks],
        "x_ticks": month_ticks(months, slot),
    }


# ---- the map ----------------------------------------------------------------------------------------
MAP_W, MAP_H = 1000, 500


def project(lat: float, lon: float) -> tuple[float, float]:
    """Plate carrée on the 1000 x 500 box of ``static/world-110m.svg`` (tools/build_world.py)."""
    return (lon + 180) / 360 * MAP_W, (90 - lat) / 180 * MAP_H


def map_view(points: list[Any], fit: bool = True, min_span: float = 60.0) -> dict[str, Any]:
    """Where each point goes on the map and how big it is: the view fits the points (at least
    ``min_span`` of the 1000-wide box, 2:1), radii grow with the square root of the reports and
    are given in the view's units so they look the same at any zoom."""
    xy = [project(p.lat, p.lon) for p in points]
    x0, y0, w, h = 0.0, 0.0, float(MAP_W), float(MAP_H)
    if fit and xy:
        lo_x, hi_x = min(x for x, _ in xy), max(x for x, _ in xy)
        lo_y, hi_y = min(y for _, y in xy), max(y for _, y in xy)
        w = min(float(MAP_W), max(min_span, (hi_x - lo_x) * 1.3, (hi_y - lo_y) * 2.6))
        h = w / 2
        x0 = min(max(0.0, (lo_x + hi_x) / 2 - w / 2), MAP_W - w)
        y0 = min(max(0.0, (lo_y + hi_y) / 2 - h / 2), MAP_H - h)
    scale = w / MAP_W
    top = max((p.reports for p in points), default=1) or 1
    dots = []
    for p, (x, y) in zip(points, xy, strict=True):
        r = (3.5 + 12 * math.sqrt(p.reports / top)) * scale
        dots.append({"x": round(x, 2), "y": round(y, 2), "r": round(r, 3), "p": p})
    dots.sort(key=lambda d: -d["r"])  # small points drawn last, on top
    return {
        "viewbox": f"{x0:.2f} {y0:.2f} {w:.2f} {h:.2f}",
        "dots": dots,
        "stroke": round(0.8 * scale, 3),
        "world": {"w": MAP_W, "h": MAP_H},
    }


# ---- an event report's sentence -------------------------------------------------------------------
def sentence_parts(sentence: str, source: Any, target: Any) -> list[tuple[str, str]]:
    """A reported sentence cut into (text, mark): ``src`` the words naming the source, ``tgt``
    those naming the target, "" the rest (spans are offsets within the sentence, or None)."""
    spans = []
    for span, kind in ((source, "src"), (target, "tgt")):
        if span and 0 <= span.get("start", -1) < span.get("end", -1) <= len(sentence):
            spans.append((int(span["start"]), int(span["end"]), kind))
    spans.sort()
    out: list[tuple[str, str]] = []
    at = 0
    for start, end, kind in spans:
        if start < at:  # overlapping spans: the first one wins
            continue
        if start > at:
            out.append((sentence[at:start], ""))
        out.append((sentence[start:end], kind))
        at = end
    if at < len(sentence):
        out.append((sentence[at:], ""))
    return out


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
