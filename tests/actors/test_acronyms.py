"""Acronyms an article defines in brackets are the actor they abbreviate."""

from __future__ import annotations

from storyline.actors.acronyms import initials
from tests.actors.test_resolve import resolved


def test_initials_with_and_without_glue_words() -> None:
    assert initials("Organisation of Coastal States") == ("OCS", "OOCS")
    assert initials("the Northern Ports Authority") == ("NPA", "TNPA")


def test_bracketed_acronym_is_the_body_named_before_it(ctx) -> None:
    art = resolved(
        ctx,
        "The Nigerian Air Force (NAF) struck two camps on Monday. "
        "Later the NAF said the raids had ended.",
        "2021-06-08",
    )
    acronyms = [m for m in art.mentions if m.text == "NAF"]
    assert acronyms and all(m.code == "NGAMIL" for m in acronyms)
    assert all(m.how == "coreference" for m in acronyms)


def test_unknown_body_and_its_acronym_are_one_actor(ctx) -> None:
    art = resolved(
        ctx,
        "The Lakeshore Fishing Cooperative (LFC) protested against the new quotas. "
        "The LFC called a strike.",
        "2021-06-08",
    )
    ids = {m.actor_id for m in art.mentions if "LFC" in m.text or "Lakeshore" in m.text}
    assert len(ids) == 1


def test_brackets_that_do_not_spell_the_name_stay_apart(ctx) -> None:
    art = resolved(
        ctx,
        "The Lakeshore Fishing Cooperative (QRX) protested against the new quotas.",
        "2021-06-08",
    )
    assert all(m.rule != "coref-acronym" for m in art.mentions)
