"""Provisional actors merged across documents by name keys and context."""

from __future__ import annotations

import json
from pathlib import Path

from storyline import api
from storyline.actors.discovery import Provisional, plan
from storyline.pipeline import Context
from tests.conftest import run_cli


def P(aid: str, name: str, country: str | None = "SYR", code: str | None = "SYRGOV", **kw):
    return Provisional(aid, name, "person", code, country, **kw)


def test_spellings_of_one_person_merge() -> None:
    a = P("u:karim-zaydani", "Karim Zaydani", mentions=3, co_actors={"mevlut-cavusoglu"})
    b = P("u:kareem-zaidani", "Kareem Zaidani", mentions=1)
    assert plan([a, b]) == {"u:kareem-zaidani": "u:karim-zaydani"}


def test_context_keeps_namesakes_apart() -> None:
    a = P("u:karim-zaydani", "Karim Zaydani")
    other_country = P("u:karim-zaidani", "Karim Zaidani", country="LBN", code="LBNBUS")
    other_first = P("u:samir-zaydani", "Samir Zaydani")
    no_support = P("u:kareem-zaidani", "Kareem Zaidani", country=None, code=None)
    assert plan([a, other_country, other_first, no_support]) == {}


def test_a_bare_surname_needs_country_and_company() -> None:
    full = P("u:karim-zaydani", "Karim Zaydani", mentions=2, co_actors={"faisal-mekdad"})
    bare = P("u:zaydani", "Zaydani", co_actors={"faisal-mekdad"})
    alone = P("u:zaydani", "Zaydani")
    assert plan([full, bare]) == {"u:zaydani": "u:karim-zaydani"}
    assert plan([full, alone]) == {}


DOCS = {
    "a.txt": "Title: Talks\nDate: 2030-03-02\n\nSyrian Foreign Minister Karim Zaydani met "
    "Turkish Foreign Minister Hakan Fidan in Baghdad on Monday. Zaydani said the talks "
    "were useful.\n",
    "b.txt": "Title: More talks\nDate: 2030-03-09\n\nSyrian Foreign Minister Kareem Zaidani "
    "spoke with Hakan Fidan by telephone on Friday, the ministry said.\n",
    "c.txt": "Title: Markets\nDate: 2030-03-10\n\nLebanese banker Samir Zaydani said deposits "
    "rose in Beirut.\n",
}


def test_ingest_merges_provisional_actors(tmp_path: Path, ctx: Context) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = str(tmp_path / "d.db")
    api.ingest([str(folder)], db, ctx=ctx)
    unknown = {r.actor.actor_id: r for r in api.actors(db, unknown=True)}
    zaydani = [r for r in unknown.values() if "Karim Zaydani" in r.actor.aliases]
    assert len(zaydani) == 1
    assert {"Karim Zaydani", "Kareem Zaidani", "Zaydani"} <= set(zaydani[0].actor.aliases)
    assert zaydani[0].actor.code == "SYRGOV" and not zaydani[0].actor.known
    banker = [r for r in unknown.values() if "Samir Zaydani" in r.actor.aliases]
    assert banker and banker[0].actor.actor_id != zaydani[0].actor.actor_id
    # the command line lists them for a user to confirm
    out = run_cli("actors", "--db", db, "--unknown", "--format", "json")
    assert out.returncode == 0, out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert all(not r["known"] for r in records)
    assert any(set(r["aliases"]) >= {"Karim Zaydani", "Kareem Zaidani"} for r in records)
    text = run_cli("actors", "--db", db)
    assert text.returncode == 0 and text.stdout.startswith("code\tname\tkind\tknown")
    assert "Hakan Fidan" in text.stdout
