"""Ordinary news-like prose of any length, written here for the size and time tests.

The limits are promises about *ordinary* long articles (a 5 MB report is accepted), so the
measurements need prose that looks like reporting: varied sentences of 10-35 words with names,
places, days and numbers, in paragraphs of two to five sentences.  Seeded, so every run measures
the same text.
"""

from __future__ import annotations

import random

_WHO = (
    "Turkey", "Syria", "Russia", "Iran", "the United Nations", "the European Union", "Egypt",
    "the foreign minister", "the defence ministry", "President Erdogan", "the Kremlin",
    "rebel commanders", "aid agencies", "the army", "local officials", "diplomats",
    "the prime minister", "Jordan", "Lebanon", "the Kurdish administration", "Iraq", "Qatar",
)  # fmt: skip
_DID = (
    "met", "criticised", "accused", "welcomed", "warned", "urged", "thanked", "condemned",
    "praised", "called on", "negotiated with", "hosted", "visited", "rejected an offer from",
    "signed an agreement with", "sent a delegation to", "held talks with", "appealed to",
)  # fmt: skip
_WHERE = (
    "Moscow", "Ankara", "Damascus", "Tehran", "Geneva", "Idlib", "Aleppo", "Cairo", "Astana",
    "Beirut", "Amman", "Baghdad", "Doha", "Brussels", "New York", "Istanbul", "Sochi",
)  # fmt: skip
_WHEN = (
    "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday",
    "on Sunday", "last week", "earlier this month", "late on Friday", "at the weekend",
)  # fmt: skip
_WHY = (
    "over the ceasefire in the north-west",
    "about the return of refugees",
    "on the reconstruction of damaged towns",
    "over border security and trade",
    "about prisoner exchanges agreed last year",
    "on humanitarian access to besieged districts",
    "over the future of the constitutional committee",
    "about water shortages along the river",
)
_TAIL = (
    "officials said",
    "according to a statement released afterwards",
    "two people familiar with the talks said",
    "state media reported",
    "a spokesman told reporters",
    "the agency said in a report",
)
_EXTRA = (
    "The talks lasted {n} hours and ended without a joint statement.",
    "More than {n},000 people have been displaced since the fighting resumed.",
    "It was the {o} meeting between the two sides this year.",
    "Neither side gave details of what had been agreed.",
    "Analysts said the meeting could open the way to a broader deal.",
    "The ministry said {n} convoys had crossed the border since the agreement.",
    "Critics said the plan ignored the concerns of people living in the region.",
)
_ORD = ("second", "third", "fourth", "fifth", "sixth")


def _sentence(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return rng.choice(_EXTRA).format(n=rng.randint(2, 90), o=rng.choice(_ORD))
    who, other = rng.sample(_WHO, 2)
    s = f"{who} {rng.choice(_DID)} {other} in {rng.choice(_WHERE)} {rng.choice(_WHEN)}"
    if rng.random() < 0.6:
        s += f" {rng.choice(_WHY)}"
    if rng.random() < 0.5:
        s += f", {rng.choice(_TAIL)}"
    return s[0].upper() + s[1:] + "."


def prose(n_bytes: int, seed: int = 17) -> str:
    """At least ``n_bytes`` of UTF-8 prose (a little more: the last paragraph is finished)."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    size = 0
    while size < n_bytes:
        para = " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))
        paragraphs.append(para)
        size += len(para) + 2
    return "\n\n".join(paragraphs) + "\n"


def unpunctuated(words: int, seed: int = 17) -> str:
    """``words`` words of prose with every sentence mark and line break taken out."""
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < words:
        out.extend(_sentence(rng).rstrip(".").replace(",", "").split())
    return " ".join(out[:words]) + "\n"
