"""The issue's alias groups on the seed articles (skipped when ../shared/seeds is absent)."""

from __future__ import annotations

from pathlib import Path

from storyline import api


def _by_alias(db: Path) -> dict[str, list]:  # type: ignore[type-arg]
    out: dict[str, list] = {}  # type: ignore[type-arg]
    for row in api.actors(str(db)):
        for alias in row.actor.aliases:
            out.setdefault(alias, []).append(row.actor)
    return out


def test_alias_groups_are_one_actor_each(seeds_db: Path) -> None:
    by_alias = _by_alias(seeds_db)

    def one(*aliases: str) -> str:
        ids = {a.actor_id for alias in aliases for a in by_alias.get(alias, [])}
        assert len(ids) == 1, (aliases, ids)
        return ids.pop()

    mekdad = one("Mekdad", "Miqdad", "Faysal Mikdad", "Faisal Mekdad")
    cavusoglu = one("Çavuşoğlu", "Cavusoglu", "Mevlüt Çavuşoğlu")
    fidan = one("Hakan Fidan", "Fidan")
    assad = one("Assad", "Bashar al-Assad")
    assert len({mekdad, cavusoglu, fidan, assad}) == 4  # no two people share an actor
    actors = {a.actor_id: a for row in api.actors(str(seeds_db)) for a in [row.actor]}
    assert actors[mekdad].country == "SYR" and actors[cavusoglu].country == "TUR"
    assert by_alias["Ankara"][0].code == "TURGOV"
    assert by_alias["Damascus"][0].code == "SYRGOV"
    assert any(a.code == "SYRGOV" for a in by_alias["Syrian regime"])
    for group in ("PKK", "Daesh"):
        assert all(a.kind == "group" and a.code.endswith("REB") for a in by_alias[group])


def test_no_person_carries_another_persons_name(seeds_db: Path) -> None:
    people = [r.actor for r in api.actors(str(seeds_db)) if r.actor.kind == "person"]
    surnames = {
        a.actor_id: {w for alias in a.aliases for w in alias.split() if len(w) > 4}
        for a in people
        if a.known
    }
    for a in people:
        for b in people:
            if a.actor_id < b.actor_id and a.known and b.known:
                assert not (set(a.aliases) & set(b.aliases)), (a.actor_id, b.actor_id)
    assert surnames  # the seeds name known people
