"""A hand-checked sample of resolutions as a fixture: sentence -> the code a mention must get.

The sentences (tests/data/actors-resolutions.tsv) are written for this test after a random
sample of 100 resolutions on the Timeline17 development topics (``bench/actors_t17.py
--resolutions 100``), judged by hand: each keeps the construction and the names of a sampled
one, in other words.  Columns: date, the mention as written, the expected code (``-``: no
coded actor, ``place``: a place, never an actor), the sentence.  At least 95% must be right;
the failures are printed so a change that breaks one shows which.
"""

from __future__ import annotations

from pathlib import Path

from tests.actors.test_resolve import resolved

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "actors-resolutions.tsv"


def _cases() -> list[tuple[str, str, str, str]]:
    out = []
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            date, mention, code, sentence = line.split("\t")
            out.append((date, mention, code, sentence))
    return out


def _got(art, mention: str) -> str:
    found = [m for m in art.mentions if m.text == mention] or [
        m for m in art.mentions if mention in m.text or m.text in mention
    ]
    if not found:
        return "-"
    m = found[0]
    if m.place_only:
        return "place"
    return m.code or "-"


def test_at_least_95_percent_of_the_sample_is_right(ctx) -> None:
    cases = _cases()
    assert len(cases) == 100
    wrong = []
    for date, mention, code, sentence in cases:
        got = _got(resolved(ctx, sentence, date), mention)
        if got != code:
            wrong.append(f"{mention!r}: {got} (expected {code}) in {sentence!r}")
    print("\n".join(wrong))
    assert len(wrong) <= 5, wrong
