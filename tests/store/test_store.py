from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storyline import service
from storyline.model import Actor, Article, Mention
from storyline.store import Store, StoreError, schema


def _article(i: int, text: str | None = None) -> Article:
    art = Article(
        article_id=f"id{i}", path=f"p{i}", text=text or f"Report number {i} about Çavuşoğlu."
    )
    art.mentions = [
        Mention(0, 6, "Report", 0, 0, 1, "TUR", "TUR", "Türkiye", "country", "TUR", "gazetteer")
    ]
    art.actors = {"TUR": Actor("TUR", "TUR", "Türkiye", "country", "TUR", ["Report"])}
    return art


def test_fresh_store_is_wal_and_versioned(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as s:
        assert s.version == schema.SCHEMA_VERSION
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_reingest_adds_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as s:
        assert s.write_batch([_article(1), _article(2)]) == 2
        assert s.write_batch([_article(1), _article(2), _article(3)]) == 1
        assert s.count("articles") == 3
        assert s.db.execute("SELECT n FROM actor_aliases WHERE actor_id='TUR'").fetchone()[0] == 3


def test_a_failing_batch_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(tmp_path / "s.db") as s:
        s.write_batch([_article(1)])
        calls = {"n": 0}
        real = Store.write_analysis

        def boom(self: Store, a: Article) -> None:
            calls["n"] += 1
            if calls["n"] == 2:
                raise RuntimeError("disk on fire")
            real(self, a)

        monkeypatch.setattr(Store, "write_analysis", boom)
        with pytest.raises(RuntimeError):
            s.write_batch([_article(2), _article(3)])
        assert s.count("articles") == 1 and s.count("actor_mentions") == 1


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    sqlite3.connect(db).execute("PRAGMA user_version = 99").connection.close()
    with pytest.raises(StoreError, match="newer storyline"):
        Store(db)


def test_older_schema_is_backed_up_and_upgraded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "old.db"
    with Store(db) as s:
        s.write_batch([_article(1)])
    v = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "SCHEMA_VERSION", v + 1)
    monkeypatch.setitem(schema.MIGRATIONS, v + 1, ["ALTER TABLE articles ADD COLUMN extra TEXT"])
    with Store(db) as s:
        assert s.version == v + 1 and s.count("articles") == 1
        assert "extra" in [r[1] for r in s.db.execute("PRAGMA table_info(articles)")]
    backup = Path(f"{db}.v{v}.bak")
    assert backup.exists()
    assert sqlite3.connect(backup).execute("PRAGMA user_version").fetchone()[0] == v


def test_full_text_search_ignores_diacritics(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as s:
        s.write_batch([_article(1), _article(2, "Nothing to see here.")])
        hits = service.search(s, "Cavusoglu")
        assert [h["article_id"] for h in hits] == ["id1"]
        assert any(matched for _text, matched in hits[0]["snippet"])
        assert service.search(s, '"; DROP TABLE articles; --') == []
        assert s.count("articles") == 2


def test_read_only_and_missing(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        Store(tmp_path / "missing.db", readonly=True)
    with Store(tmp_path / "s.db") as s:
        s.write_batch([_article(1)])
    with Store(tmp_path / "s.db", readonly=True) as ro:
        assert ro.count("articles") == 1
        with pytest.raises(StoreError):
            ro.write_batch([_article(2)])
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "no" / "such" / "dir.db")
