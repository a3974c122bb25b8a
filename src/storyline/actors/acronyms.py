"""Acronyms a text defines for itself: "the Nigerian Air Force (NAF)", "the Syrian Observatory
for Human Rights (SOHR)".

News introduces a body's short form in brackets right after its name and then uses it alone.
The tagger sees the short form as one more organisation; left so, it is an unknown actor of
its own (a provisional row nobody can review: "NAF") and, in "A and the European Union (EU)
agreed", a third party to the act. Read after every name is resolved, the bracketed acronym
whose letters are the initials of the name before it is that name's actor, and so is the same
acronym used alone later in the article.
"""

from __future__ import annotations

from storyline.actors.resolver import Resolver
from storyline.model import Mention

# Words an acronym usually skips ("Organization of African Unity": OAU).
GLUE = {"of", "the", "for", "and", "on", "in", "to", "de", "du", "des", "la", "le", "al", "el", "&"}


def initials(text: str) -> tuple[str, str]:
    """The initials of a name, without and with its glue words."""
    words = [w for w in text.replace("-", " ").replace("'s", " ").split() if w[:1].isalpha()]
    full = "".join(w[0] for w in words).upper()
    content = "".join(w[0] for w in words if w.lower() not in GLUE).upper()
    return content, full


def _acronym(m: Mention) -> bool:
    text = m.text
    return (
        not m.known
        and not m.place_only
        and m.token_end - m.token_start == 1
        and 2 <= len(text) <= 8
        and text.isalpha()
        and text.isupper()
    )


def bracketed_acronyms(r: Resolver) -> None:
    toks = r.toks
    ordered = sorted(r.mentions, key=lambda m: m.token_start)
    ending_at = {m.token_end: m for m in ordered if not m.place_only}
    defined: dict[str, Mention] = {}
    for m in ordered:
        if not _acronym(m):
            continue
        name = None
        i = m.token_start
        bracketed = i > 0 and m.token_end < len(toks) and toks[i - 1].text == "("
        if bracketed and toks[m.token_end].text == ")":
            before = ending_at.get(i - 1)
            if before is not None and before is not m and m.text in initials(before.text):
                name = before
        name = name or defined.get(m.text)
        if name is None:
            continue
        defined[m.text] = name
        m.actor_id, m.code, m.name, m.kind = name.actor_id, name.code, name.name, name.kind
        m.country, m.known = name.country, name.known
        m.rule, m.how = "coref-acronym", "coreference"
