"""``storyline actors --unknown``: the unknown actors worth reviewing, with counts, spellings and
a sentence each -- no places, no page furniture -- and ``--dictionary`` fixing them on the next
ingest (articles written for these tests, in tests/data/actors-order)."""

from __future__ import annotations

import json
from pathlib import Path

from storyline import api
from storyline.pipeline import Context
from tests.conftest import run_cli

ORDER = Path(__file__).resolve().parents[1] / "data" / "actors-order"


def test_unknown_actors_come_with_counts_spellings_and_a_sentence(tmp_path: Path, ctx) -> None:
    db = str(tmp_path / "u.db")
    api.ingest([str(ORDER)], db, ctx=ctx)
    rows = {r.actor.name: r for r in api.actors(db, unknown=True)}
    assert "Karim Zaydani" in rows and "Lucia Tavares" in rows
    zaydani = rows["Karim Zaydani"]
    assert zaydani.mentions >= 3 and {"Karim Zaydani", "Zaydani"} <= set(zaydani.actor.aliases)
    assert "Zaydani" in zaydani.example and zaydani.example.endswith(".")
    for r in rows.values():
        assert not r.actor.known and r.actor.kind in {"person", "organization", "group"}
        assert r.actor.name not in {"Ankara", "Tehran", "Caracas", "Vienna", "Moscow"}
    proc = run_cli("actors", "--unknown", "--db", db, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(x) for x in proc.stdout.splitlines()]
    assert records and all(r["how"] == "provisional" and r["example"] for r in records)


def test_a_users_dictionary_fixes_them_on_the_next_ingest(tmp_path: Path) -> None:
    files = sorted(ORDER.iterdir())
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, part in ((first, files[:3]), (second, files[3:])):
        folder.mkdir()
        for f in part:
            (folder / f.name).write_bytes(f.read_bytes())
    db = str(tmp_path / "d.db")
    api.ingest([str(first)], db, ctx=Context())
    assert any(r.actor.name == "Karim Zaydani" for r in api.actors(db, unknown=True))
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "people:\n"
        "  - id: karim-zaydani\n    name: Karim Zaydani\n    country: SYR\n"
        "    aliases: [Zaydani]\n"
        "    roles:\n      - {role: Minister of Foreign Affairs, code: SYRGOV, start: 2030-01-01}\n"
        "organizations:\n"
        "  - {id: orpec, name: ORPEC, code: IGOBUS, kind: organization, aliases: [ORPEC, Orpec]}\n",
        encoding="utf-8",
    )
    api.ingest([str(second)], db, ctx=Context(kb_files=(str(mine),)))
    known = {r.actor.actor_id: r for r in api.actors(db) if r.actor.known}
    assert known["karim-zaydani"].actor.code == "SYRGOV" and known["karim-zaydani"].mentions >= 1
    assert "orpec" in known
    assert all(r.actor.actor_id != "u:orpec" for r in api.actors(db, unknown=True))
