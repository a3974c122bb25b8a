"""What the actor stage leaves for later stages: the mentions under each token, the titles that
describe people, and the person a pronoun most likely refers to.  The events stage reads these;
kept apart from the resolver so that it depends on the mentions, not on how they were found."""

from __future__ import annotations

from storyline.actors.resolver import (
    HONORIFICS,
)
from storyline.model import Article, Mention


def mentions_by_token(article: Article) -> dict[int, list[Mention]]:
    out: dict[int, list[Mention]] = {}
    for m in article.mentions:
        for i in range(m.token_start, m.token_end):
            out.setdefault(i, []).append(m)
    return out


PERSON_TITLES = {
    "president",
    "minister",
    "king",
    "queen",
    "leader",
    "chief",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "envoy",
    "ambassador",
    "premier",
    "official",
    "commander",
    "general",
    "secretary",
    "chancellor",
    "emir",
    "prince",
    "counterpart",
    "diplomat",
    "head",
}


# Courtesy titles written before a surname alone ("Mr Hayward"), unlike "Sir", "Lord" or
# "Dame", which take a first name ("Sir Christopher").
SURNAME_TITLES = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "gen",
    "general",
    "president",
    "minister",
    "senator",
    "sen",
    "rep",
    "governor",
    "gov",
    "judge",
}
# Words that stand before a name without being part of it: titles, ranks, courtesy titles.
TITLE_WORDS = PERSON_TITLES | HONORIFICS | {
    "prime", "deputy", "vice", "foreign", "defence", "defense", "interior", "former", "acting",
    "chairman", "chairwoman", "senator", "governor", "sheikh", "shaikh", "ayatollah", "imam",
    "pope", "mayor", "lawmaker", "mp", "rep", "sen", "gen", "col", "lt", "maj", "capt", "sgt",
    "adm", "lord", "lady", "crown", "sultan", "colonel", "major", "captain", "admiral", "mullah",
    "cleric", "rabbi", "bishop", "cardinal", "judge", "justice", "attorney",
}  # fmt: skip


def antecedent(
    article: Article, token_i: int, window: int = 3, not_at: frozenset[int] = frozenset()
) -> Mention | None:
    """The person a pronoun most likely refers to: the last named person, or a person described
    by a title ("the Brazilian president"), in the last few sentences.  ``not_at``: heads of
    mentions the pronoun cannot mean (an object pronoun is never its own clause's subject)."""
    sent = article.tokens[token_i].sent
    best = None
    for m in article.mentions:
        titled = (
            m.rule == "agent"
            and 0 <= m.head < len(article.tokens)
            and article.tokens[m.head].lemma.lower() in PERSON_TITLES
        )
        if (m.kind != "person" and not titled) or m.place_only or m.head in not_at:
            continue
        if m.token_end <= token_i and sent - window <= m.sentence <= sent:
            best = m
    return best
