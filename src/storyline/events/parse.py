"""Parse helpers shared by the event modules: one index of the article's dependency tree.

Built once per article: children lists, the actor mentions under each token, DATE entities.
The role, trigger, modality and anchoring helpers extend this class (one module each).
"""

from __future__ import annotations

from storyline.actors.kb import KnowledgeBase
from storyline.actors.resolve import mentions_by_token
from storyline.events.patterns import PatternSet
from storyline.model import Article, Mention, Token, span_head

SUBJ = {"nsubj", "csubj"}
PASSIVE_SUBJ = {"nsubjpass", "csubjpass"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}


def unique(ms: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in ms:
        if all(m is not o for o in out):
            out.append(m)
    return out


class Parse:
    """An article's parse, indexed for walking up and down the dependency tree."""

    def __init__(self, article: Article, kb: KnowledgeBase, ps: PatternSet) -> None:
        self.a = article
        self.kb = kb
        self.ps = ps
        self.toks = article.tokens
        self.kids: list[list[Token]] = [[] for _ in self.toks]
        for t in self.toks:
            if t.head != t.i:
                self.kids[t.head].append(t)
        self.by_tok = mentions_by_token(article)
        self.date_ents = self._entities({"DATE"})

    def _entities(self, labels: set[str]) -> list[tuple[int, int]]:
        spans, i, toks = [], 0, self.toks
        while i < len(toks):
            if toks[i].ent_iob == "B" and toks[i].ent_type in labels:
                j = i + 1
                while j < len(toks) and toks[j].ent_iob == "I":
                    j += 1
                spans.append((i, j))
                i = j
            else:
                i += 1
        return spans

    def child(self, t: Token, deps: set[str], lemma: str | None = None) -> list[Token]:
        return [
            c
            for c in self.kids[t.i]
            if c.dep in deps and (lemma is None or c.lemma.lower() == lemma)
        ]

    def conjuncts(self, t: Token) -> list[Token]:
        out, stack = [], [t]
        while stack:
            h = stack.pop()
            for c in self.kids[h.i]:
                if c.dep == "conj":
                    out.append(c)
                    stack.append(c)
        return out

    def depth(self, t: Token) -> int:
        """Steps from ``t`` up to its sentence's root (the main verb is 0)."""
        d, cur = 0, t
        while cur.head != cur.i and d < 64:
            cur = self.toks[cur.head]
            d += 1
        return d

    def _span_head(self, s: int, e: int) -> int:
        return span_head(self.toks, s, e)
