"""Reading speed per input format: read + clean + date, no parsing.

    python bench/readers.py [--shared ../shared] [--n 1000]

Builds, in a temporary folder and at run time, the same N real articles (Timeline17 dev, else
the bundled sample corpus repeated) as plain-text files, HTML pages with navigation and footer,
one JSON-lines dump, one RSS feed and one gzipped WARC archive, then times reading each into
clean, dated Articles.  Nothing derived from the corpora is kept.
"""

from __future__ import annotations

import argparse
import gzip
import html
import io
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from storyline.ingest.clean import clean_article  # noqa: E402
from storyline.ingest.dates import date_article  # noqa: E402
from storyline.ingest.readers import iter_inputs  # noqa: E402
from storyline.model import Article  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from content_dates import detokenize  # noqa: E402


def load(shared: Path, n: int) -> list[tuple[str, str, str]]:
    path = shared / "corpora" / "t17-dev" / "articles.jsonl.gz"
    docs: list[tuple[str, str, str]] = []
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                paras = [p.strip() for p in detokenize(d["text"]).split("\n") if p.strip()]
                docs.append((d["source"], d["date"][:10], "\n\n".join(paras)))
                if len(docs) >= n:
                    break
    else:
        sample = sorted((ROOT / "data" / "sample").glob("*.txt"))
        while len(docs) < n:
            for f in sample:
                docs.append(
                    ("sample", "2022-01-01", f.read_text(encoding="utf-8") + f" {len(docs)}")
                )
    return docs[:n]


def page(outlet: str, day: str, text: str, i: int) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in text.split("\n\n"))
    return (
        f"<!DOCTYPE html><html><head><title>Story {i} | {outlet}</title>"
        f'<meta property="og:site_name" content="{outlet}">'
        f'<meta property="article:published_time" content="{day}T10:00:00Z"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/business'>Business</a></nav>"
        f"<article><h1>Story {i}</h1>{body}</article>"
        "<aside><h3>Most Popular</h3><ul><li><a href='/x'>Other story</a></li></ul></aside>"
        f"<footer>© 2001 {outlet}</footer></body></html>"
    )


def build(docs: list[tuple[str, str, str]], out: Path) -> dict[str, list[str]]:
    (out / "text").mkdir()
    (out / "html").mkdir()
    for i, (outlet, day, text) in enumerate(docs):
        (out / "text" / f"{i:05d}.txt").write_text(
            f"Outlet: {outlet}\nDate: {day}\n\n{text}\n", encoding="utf-8"
        )
        (out / "html" / f"{i:05d}.html").write_text(page(outlet, day, text, i), encoding="utf-8")
    with (out / "dump.jsonl").open("w", encoding="utf-8") as fh:
        for outlet, day, text in docs:
            fh.write(json.dumps({"maintext": text, "date_publish": day, "source": outlet}) + "\n")
    items = "".join(
        f"<item><title>Story {i}</title><link>https://x.example/{i}</link>"
        f"<pubDate>{day}</pubDate><description>{html.escape(text)}</description></item>"
        for i, (_o, day, text) in enumerate(docs)
    )
    (out / "feed.rss").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>{items}</channel></rss>',
        encoding="utf-8",
    )
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i, (outlet, day, text) in enumerate(docs):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://x.example/{i}",
                "response",
                payload=io.BytesIO(page(outlet, day, text, i).encode()),
                http_headers=headers,
            )
        )
    (out / "crawl.warc.gz").write_bytes(buf.getvalue())
    return {
        "plain text files": [str(out / "text")],
        "HTML files": [str(out / "html")],
        "JSON lines": [str(out / "dump.jsonl")],
        "RSS feed": [str(out / "feed.rss")],
        "WARC (gzip)": [str(out / "crawl.warc.gz")],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--n", type=int, default=1000)
    args = ap.parse_args()
    docs = load(args.shared, args.n)
    words = sum(len(t.split()) for _o, _d, t in docs)
    print(f"{len(docs)} articles, {words} words")
    with tempfile.TemporaryDirectory() as tmp:
        sets = build(docs, Path(tmp))
        for name, paths in sets.items():
            t0 = time.perf_counter()
            n = dated = 0
            reasons: dict[str, int] = {}
            for item in iter_inputs(paths):
                if not isinstance(item, Article):
                    reasons[item.reason[:60]] = reasons.get(item.reason[:60], 0) + 1
                else:
                    art = date_article(clean_article(item))
                    n += 1
                    dated += art.published is not None
            dt = time.perf_counter() - t0
            print(
                f"{name:18s} {n:6d} articles  {n / dt:8.1f} articles/s  {words / dt:10.0f} words/s"
                f"  dated {dated}/{n}  skipped {reasons or 0}"
            )


if __name__ == "__main__":
    main()
