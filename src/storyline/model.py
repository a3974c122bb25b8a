"""The one data model every stage takes and returns.

Plain dataclasses, so that a batch can be pickled to a worker process or a Ray task and so that
no library type (a spaCy ``Doc``, a SQLite row) leaks across module borders.  Field names of the
record types follow ``CONTRACT.md``; ``record()`` gives the contract's JSON shape.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, TypedDict

# Precision vocabularies (documented in docs/formats.md).
ARTICLE_PRECISIONS = ("day", "month", "year", "unknown")
EVENT_PRECISIONS = ("day", "month", "year", "published", "unknown")
PUBLISHED_HOW = (
    "metadata",
    "header",
    "byline",
    "url",
    "html",
    "dateline",  # a publication time stamp printed with the text
    "content",
    "duplicate",
    "none",
)


@dataclass(slots=True)
class Token:
    """One token of the cleaned text; ``head`` and ``i`` are article-level indices."""

    i: int
    text: str
    idx: int
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent_iob: str
    ent_type: str
    sent: int

    @property
    def end(self) -> int:
        return self.idx + len(self.text)


@dataclass(slots=True)
class Sentence:
    """A sentence as character offsets into the cleaned text and a token range."""

    index: int
    start: int
    end: int
    token_start: int
    token_end: int
    paragraph: int = 0


@dataclass(slots=True)
class Mention:
    """A span of text resolved to an actor, with the rule that resolved it (provenance)."""

    start: int
    end: int
    text: str
    sentence: int
    token_start: int
    token_end: int
    actor_id: str
    code: str | None
    name: str
    kind: str
    country: str | None
    rule: str
    head: int = -1
    place_only: bool = False  # a place ("in Moscow", "Aleppo"), not an actor
    known: bool = True
    # Why the resolution was made, in words a user can check (``HOW`` below): the rule names
    # the exact step, ``how`` the kind of evidence.
    how: str = ""
    # For "the Syrian president" resolved to its holder: the office key ("president",
    # "foreign-minister"); an event dated otherwise asks ``kb.office_holder(country, office,
    # date)`` again.
    office: str | None = None


# The evidence behind a resolution (Mention.how, and the actors export's ``how``).
HOW = ("knowledge base", "dictionary", "composition", "coreference", "provisional", "place")


def actor_how(actor_id: str, known: bool = True) -> str:
    """Where an actor comes from, read off its id: provisional ones are unknown to the knowledge
    base, ``phx:``/``dict:`` ids come from a dictionary, country+sector codes ("SYRMIL") are
    composed, the rest (countries, curated people and bodies) are the knowledge base's."""
    if not known or actor_id.startswith("u:"):
        return "provisional"
    if actor_id.startswith(("phx:", "dict:")):
        return "dictionary"
    if len(actor_id) > 3 and actor_id.isalnum() and actor_id.isupper():
        return "composition"
    return "knowledge base"


@dataclass(slots=True)
class Role:
    role: str
    code: str
    start: str | None = None
    end: str | None = None


@dataclass(slots=True)
class Actor:
    actor_id: str
    code: str | None
    name: str
    kind: str
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    known: bool = True

    def record(self) -> dict[str, Any]:
        """The contract's ACTOR record, plus ``how`` (see ``actor_how``)."""
        return {**asdict(self), "how": actor_how(self.actor_id, self.known)}


@dataclass(slots=True)
class ActorRef:
    actor_id: str
    code: str | None
    name: str


@dataclass(slots=True)
class Location:
    name: str
    country: str | None
    lat: float | None
    lon: float | None


class Span(TypedDict):
    """Words of a sentence: offsets within the sentence and the words themselves."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class EventMention:
    """One report of an event: the sentence that states it, where, and who said so."""

    article_id: str
    outlet: str | None
    published: str | None
    sentence: str
    start: int
    end: int
    speaker: str | None = None
    mention_id: str = ""
    trigger: str = ""
    pattern: str = ""
    dup_group: str | None = None
    # The words of the sentence that named each side: {"start", "end", "text"} with offsets
    # within the sentence, or None (evidence of roles, shown highlighted on the event page).
    source_span: Span | None = None
    target_span: Span | None = None
    # The sentence recounts history or a standing state, not the article's news.
    background: bool = False


@dataclass(slots=True)
class Event:
    event_id: str
    date: str | None
    date_precision: str
    source: ActorRef | None
    target: ActorRef | None
    cameo: str
    root: str
    quad_class: int
    goldstein: float
    plover: str
    plover_mode: str
    polarity: str = "asserted"
    modality: str = "fact"
    location: Location | None = None
    mentions: list[EventMention] = field(default_factory=list)
    num_articles: int = 1
    num_outlets: int = 1
    confidence: float = 0.5
    quad_class_phoenix: int = 0
    date_text: str | None = None
    reciprocal: bool = False
    # Every report recounts it as history ("has backed Assad since 2011"): not the news of the
    # day; timelines, dyad trends and story spans count news first and show it apart.
    background: bool = False

    def record(self) -> dict[str, Any]:
        return asdict(self)


def flip_passages(passages: list[dict[str, int]]) -> list[dict[str, int]]:
    """The same shared passages seen from the other article's side."""
    return [
        {
            "start": p["other_start"],
            "end": p["other_end"],
            "other_start": p["start"],
            "other_end": p["end"],
        }
        for p in passages
    ]


def span_head(tokens: list[Token], start: int, end: int) -> int:
    """The syntactic head of tokens[start:end]: the token whose head lies outside the span."""
    for i in range(end - 1, start - 1, -1):
        h = tokens[i].head
        if h < start or h >= end or h == i:
            return i
    return end - 1


@dataclass(slots=True)
class NearDuplicate:
    article_id: str
    similarity: float
    shared_passages: list[dict[str, int]] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    """An article from reading to coding; the analysis fields are filled by the stages."""

    article_id: str
    path: str
    text: str
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None
    published_precision: str = "unknown"
    published_how: str = "none"
    published_evidence: str | None = None
    language: str | None = None
    removed: list[str] = field(default_factory=list)
    near_duplicates: list[NearDuplicate] = field(default_factory=list)
    story_id: str | None = None
    dup_group: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    # Analysis, filled by the per-article stages; not all of it is stored.
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start : sentence.end]

    def record(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "path": self.path,
            "outlet": self.outlet,
            "title": self.title,
            "url": self.url,
            "author": self.author,
            "published": self.published,
            "published_precision": self.published_precision,
            "published_how": self.published_how,
            "published_evidence": self.published_evidence,
            "language": self.language,
            "text": self.text,
            "removed": list(self.removed),
            "near_duplicates": [asdict(n) for n in self.near_duplicates],
            "story_id": self.story_id,
            "dup_group": self.dup_group,
        }


@dataclass(slots=True)
class Skipped:
    """An input that could not become an article, and why (reported, never silently lost)."""

    path: str
    reason: str


@dataclass(slots=True)
class Story:
    story_id: str
    title: str
    start: str | None
    end: str | None
    article_ids: list[str] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    # "pair": the articles' main pair of countries; "text": unpaired articles similar in text.
    kind: str = "pair"
    # The events of ``event_ids`` that only background reports carry (a sentence recounting
    # history): listed apart, and kept out of the story's span and title.
    background_event_ids: list[str] = field(default_factory=list)
    # Share of its news events that are conflict (quad class 3 or 4), 0 when it has none: what
    # the stories list sorts "most conflict" by.
    conflict_share: float = 0.0

    def record(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Contradiction:
    claim_id: str
    reason: str


@dataclass(slots=True)
class Claim:
    claim_id: str
    speaker: ActorRef | None
    text: str
    event_id: str | None
    polarity: str
    article_id: str
    contradicts: list[Contradiction] = field(default_factory=list)
    date: str | None = None
    outlet: str | None = None
    start: int = 0
    end: int = 0
    # A stated count (figures.py): value, stated words, what it counts, nationality, host.
    figure: dict[str, Any] | None = None

    def record(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class DyadRow:
    a: str
    b: str
    period: str
    events: int
    goldstein_sum: float
    goldstein_mean: float
    quad_counts: dict[str, int]
    # Events of the month that only background reports recount: not in the sums above.
    background: int = 0

    def record(self) -> dict[str, Any]:
        return asdict(self)
