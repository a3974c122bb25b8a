"""HTML pages through trafilatura: the article's main text and the page's own metadata.

Date extraction runs with ``extensive_search=False``: only places where a page states its
publication date (meta tags, ``<time>``, structured data, the URL) count, never any date-looking
string such as a footer's "© 2022".  Feed entries and records that carry HTML fragments use
`fragment_to_text`, which keeps paragraphs but runs no boilerplate heuristics (a fragment has no
page furniture, and trafilatura drops short fragments entirely).
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from typing import Any

from storyline.ingest.base import ReadOptions, build_article
from storyline.limits import BUDGET_CHARS, ArticleTimeout, budget, deadline
from storyline.model import Article, Skipped

_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "section", "article", "tr", "table", "pre", "figure", "figcaption", "header", "footer",
    "dd", "dt", "hr",
}  # fmt: skip
_DROP = ("script", "style", "noscript", "iframe", "object", "embed", "template", "svg", "form")


@lru_cache(maxsize=1)
def _config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    # No SIGALRM-based timeout (it breaks in threads, e.g. the web server); limits are ours.
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    # Short wire items are real articles: do not discard them for being short.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
    return config


def extract(html: str, url: str | None = None) -> dict[str, Any] | None:
    """Main text and metadata of a page, or None when there is no article text in it."""
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
            config=_config(),
        )
        text = (doc.text or "").strip() if doc is not None else ""
        if not text:
            _, text, _ = trafilatura.baseline(html)
            text = (text or "").strip()
    # With the size minimums off, a page with no article yields its menu: accept only prose.
    if len(text.split()) < 6 or not any(c in text for c in ".!?"):
        return None
    found: dict[str, Any] = {"text": text}
    if doc is not None:
        found.update(
            title=doc.title,
            author=doc.author,
            outlet=doc.sitename,
            date=doc.date,
            url=doc.url or url,
            language=doc.language,
        )
    else:
        found["url"] = url
    return found


def article_from_html(
    html: str, name: str, options: ReadOptions, extra_meta: dict[str, Any] | None = None
) -> Article | Skipped:
    """``extra_meta`` (a WARC header, a record, a sidecar) wins over what the page says."""
    extra = dict(extra_meta or {})
    # Markup weighs about four times the text it holds: the same time per text as the stages.
    seconds = budget(options.article_seconds, len(html), 4 * BUDGET_CHARS)
    try:
        with deadline(seconds):
            found = extract(html, url=extra.get("url"))
    except ArticleTimeout:
        return Skipped(name, f"HTML took longer than {seconds:g} s to extract")
    except Exception as exc:  # lxml/trafilatura on hostile markup: report, never crash the batch
        return Skipped(name, f"HTML could not be parsed ({type(exc).__name__}: {exc})"[:300])
    if found is None:
        return Skipped(name, "HTML page with no article text in it")
    text = found.pop("text")
    meta: dict[str, Any] = {k: v for k, v in found.items() if v}
    how = "html"
    if meta.get("date"):
        meta["_how_date"] = "html"
    for key, value in extra.items():
        if value not in (None, ""):
            meta[key] = value
            if key == "date":
                meta["_how_date"] = extra.get("_how_date", "metadata")
    title = meta.get("title")
    paragraphs = text.split("\n")
    if title and paragraphs and paragraphs[0].strip() == str(title).strip():
        paragraphs = paragraphs[1:]  # the headline is kept as the title, not as body text
    return build_article("\n\n".join(paragraphs), name, options, meta, how)


def fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment with one paragraph per block element; markup never leaks."""
    import lxml.html

    if "<" not in fragment:
        return fragment
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:
        return ""
    for bad in list(root.iter(*_DROP)):
        bad.drop_tree()
    for el in root.iter():
        # Source line breaks are spaces in HTML; only block elements break paragraphs.
        el.text = el.text.replace("\n", " ") if el.text else el.text
        el.tail = el.tail.replace("\n", " ") if el.tail else el.tail
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
            if el.tag.lower() != "br":
                el.text = "\n" + (el.text or "")
    text = root.text_content()
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n\n".join(line for line in lines if line)


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return any(tag in head for tag in ("</p>", "<br", "</div>", "<p>", "</a>", "</li>"))
