"""End-to-end behaviour on the bundled sample corpus and, when present, the shared seeds."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import run_cli
from tests.test_cli import EVENT_FIELDS, MENTION_FIELDS


def _export(db: Path, kind: str) -> list[dict]:
    proc = run_cli("export", kind, "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    return [json.loads(x) for x in proc.stdout.splitlines()]


def test_demo_prints_a_dated_tur_syr_timeline(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    proc = run_cli("demo", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    title = out.splitlines()[0]
    assert "Türkiye" in title and "Syria" in title
    dated = [ln for ln in out.splitlines() if re.match(r"^\d{4}(-\d{2}){0,2}\*? ", ln)]
    assert len(dated) >= 10
    assert dated == sorted(dated, key=lambda ln: ln.split()[0].rstrip("*"))  # chronological
    # What the sample corpus reports, each on its real date.
    assert any(ln.startswith("2021-10 ") and "Belgrade" in ln for ln in dated)
    assert any(ln.startswith("2022-12-28 ") and "Moscow" in ln for ln in dated)
    assert any(ln.startswith("2023-05-10 ") and "Moscow" in ln for ln in dated)
    assert any(ln.startswith("2022-09") and "DENIED" in ln for ln in dated)
    assert any("INTENDS" in ln and "Assad" in ln for ln in dated)
    # A second demo run adds nothing and prints the same timeline.
    again = run_cli("demo", "--db", str(db))
    assert again.returncode == 0 and again.stdout == out


def test_sample_corpus_features_are_handled(sample_db: Path) -> None:
    arts = _export(sample_db, "articles")
    assert len(arts) == 22
    assert len({a["outlet"] for a in arts if a["outlet"]}) >= 5
    hows = {a["published_how"] for a in arts}
    assert {"header", "byline"} <= hows
    assert all(
        "Most Popular" not in a["text"] and "Share this article" not in a["text"] for a in arts
    )
    assert any("Most Popular" in a["removed"] for a in arts)
    # The republished copy is found and takes the date of its group.
    copies = [a for a in arts if a["near_duplicates"]]
    assert len(copies) >= 2
    undated_copy = [a for a in copies if a["published_how"] == "duplicate"]
    assert undated_copy and undated_copy[0]["published"].startswith("2022-12")
    # One actor, three spellings.
    mekdad = next(a for a in _export(sample_db, "actors") if a["actor_id"] == "faisal-mekdad")
    spellings = " ".join(mekdad["aliases"])
    assert all(s in spellings for s in ("Mekdad", "Mikdad", "Miqdad"))
    # The denial contradicts reports of contact.
    claims = _export(sample_db, "claims")
    assert any(c["polarity"] == "negated" and c["contradicts"] for c in claims)


def test_seeds_give_contract_events_with_real_offsets(seeds_db: Path) -> None:
    arts = {a["article_id"]: a for a in _export(seeds_db, "articles")}
    assert len(arts) == 5
    events = _export(seeds_db, "events")
    assert len(events) >= 10
    for ev in events:
        assert set(ev) >= EVENT_FIELDS
        assert ev["mentions"]
        for m in ev["mentions"]:
            assert set(m) >= MENTION_FIELDS
            assert arts[m["article_id"]]["text"][m["start"] : m["end"]] == m["sentence"]
    timeline = run_cli("timeline", "--db", str(seeds_db), "--dyad", "TUR", "SYR")
    assert timeline.returncode == 0 and re.search(r"^2021-10 ", timeline.stdout, re.M)


def test_undated_seeds_are_dated_by_their_content_and_offices(seeds_db: Path) -> None:
    arts = {a["path"].rsplit("/", 1)[-1][:3]: a for a in _export(seeds_db, "articles")}
    for key, year in (("002", "2024"), ("003", "2023")):
        a = arts[key]
        assert (a["published"], a["published_precision"], a["published_how"]) == (
            year,
            "year",
            "content",
        )
        assert "Foreign Minister" in a["published_evidence"]
    moscow = sorted(
        e["date"]
        for e in _export(seeds_db, "events")
        if e["cameo"] == "044" and (e["location"] or {}).get("name") == "Moscow"
    )
    # The defence ministers' talks "in December" and the foreign ministers' meeting stay apart.
    assert moscow[:2] == ["2022-12", "2023"]


def test_seeds_done_when_of_issue_7(seeds_db: Path) -> None:
    """One Belgrade encounter from one copy group; the denial and the refugee figures flagged;
    the TUR-SYR timeline in date order 2020-2024 with undated items apart."""
    arts = {a["article_id"]: a for a in _export(seeds_db, "articles")}
    key = {aid: a["path"].rsplit("/", 1)[-1][:3] for aid, a in arts.items()}
    belgrade = [
        e for e in _export(seeds_db, "events") if (e["location"] or {}).get("name") == "Belgrade"
    ]
    assert len(belgrade) == 1
    ev = belgrade[0]
    reporters = {key[m["article_id"]] for m in ev["mentions"]}
    assert {"000", "001"} <= reporters
    groups = {arts[m["article_id"]]["dup_group"] for m in ev["mentions"]}
    assert len(groups) == 1 and None not in groups and ev["num_articles"] == 1

    cl = {c["claim_id"]: c for c in _export(seeds_db, "claims")}
    denial = next(c for c in cl.values() if c["polarity"] == "negated" and "Mikdad" in c["text"])
    assert denial["contradicts"]
    others = [cl[x["claim_id"]] for x in denial["contradicts"]]
    assert all(o["polarity"] == "asserted" and o["date"].startswith("2022-09") for o in others)
    figs = [c for c in cl.values() if c.get("figure") and c["contradicts"]]
    stated = {c["figure"]["stated"]: c for c in figs}
    assert {"more than 3.5 million", "over 4 million"} <= set(stated)
    reason = stated["over 4 million"]["contradicts"][0]["reason"]
    assert "2023" in reason and "2024" in reason and "may have changed" in reason

    for args in (("--dyad", "TUR", "SYR"), ()):
        out = run_cli("timeline", "--db", str(seeds_db), *args).stdout
        lines = out.splitlines()
        dated = [ln.split()[0].rstrip("*") for ln in lines if re.match(r"^\d{4}", ln)]
        assert dated == sorted(dated) and dated[0][:4] <= "2021" and dated[-1][:4] == "2024"
        js = json.loads(
            run_cli("timeline", "--db", str(seeds_db), *args, "--format", "json").stdout
        )
        assert all(e["date"] for e in js["events"]) and all(not e["date"] for e in js["undated"])


def test_seeds_core_events_of_the_events_issue(seeds_db: Path) -> None:
    """The three core events the first version missed, each from its seed and dated there."""
    arts = {a["article_id"]: a for a in _export(seeds_db, "articles")}
    key = {aid: a["path"].rsplit("/", 1)[-1][:3] for aid, a in arts.items()}
    events = _export(seeds_db, "events")

    def found(seed: str, root: str, src: str, tgt: str) -> list[dict]:
        return [
            e
            for e in events
            if e["root"] == root
            and (e["source"] or {}).get("code", "").startswith(src)
            and (e["target"] or {}).get("code", "").startswith(tgt)
            and any(key[m["article_id"]] == seed for m in e["mentions"])
        ]

    # Circles in northern Syria attacked the Turkish flag and Turkish positions (Aug 2022).
    attack = found("000", "19", "SYR", "TUR")
    assert attack and all(e["date"].startswith("2022-08") for e in attack)
    # Miqdad: Ankara is an obstacle to a solution -- a criticism of Türkiye's government.
    obstacle = found("004", "11", "SYRGOV", "TUR")
    assert obstacle and all(e["date"].startswith("2022-09") for e in obstacle)
    assert all(m["source_span"]["text"].endswith("Miqdad") for e in obstacle for m in e["mentions"])
    # Mekdad: all foreign forces, Türkiye's included, must leave (a demand, never a fact).
    leave = found("003", "10", "SYRGOV", "TUR")
    assert leave and all(e["modality"] == "demand" and e["date"] == "2023" for e in leave)
