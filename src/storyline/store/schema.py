"""The versioned SQLite schema and its migrations.

``PRAGMA user_version`` holds the schema version.  Each migration is a list of statements run in
one transaction; a store made by an older version is backed up, then upgraded step by step; a
store made by a newer version is refused (we cannot know what its tables mean).
"""

from __future__ import annotations

SCHEMA_VERSION = 7

MIGRATIONS: dict[int, list[str]] = {
    1: [
        """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)""",
        """CREATE TABLE articles (
            seq INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL UNIQUE,
            path TEXT, url TEXT, outlet TEXT, title TEXT, author TEXT,
            published TEXT, published_precision TEXT NOT NULL DEFAULT 'unknown',
            published_how TEXT NOT NULL DEFAULT 'none', published_evidence TEXT,
            language TEXT, text TEXT NOT NULL, removed TEXT NOT NULL DEFAULT '[]',
            story_id TEXT, dup_group TEXT, notes TEXT NOT NULL DEFAULT '[]',
            ingested_at TEXT NOT NULL
        )""",
        "CREATE INDEX articles_published ON articles(published)",
        "CREATE INDEX articles_outlet ON articles(outlet)",
        "CREATE INDEX articles_story ON articles(story_id)",
        """CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
        )""",
        """CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
        END""",
        """CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.seq, old.title, old.text);
        END""",
        """CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.seq, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
        END""",
        """CREATE TABLE actors (
            actor_id TEXT PRIMARY KEY, code TEXT, name TEXT NOT NULL, kind TEXT NOT NULL,
            country TEXT, roles TEXT NOT NULL DEFAULT '[]', known INTEGER NOT NULL DEFAULT 1
        )""",
        """CREATE TABLE actor_aliases (
            actor_id TEXT NOT NULL, alias TEXT NOT NULL, n INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (actor_id, alias)
        )""",
        """CREATE TABLE actor_mentions (
            article_id TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
            actor_id TEXT NOT NULL, code TEXT, text TEXT NOT NULL, rule TEXT NOT NULL,
            place_only INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (article_id, start, end, actor_id)
        )""",
        "CREATE INDEX actor_mentions_actor ON actor_mentions(actor_id)",
        """CREATE TABLE event_mentions (
            mention_id TEXT PRIMARY KEY, article_id TEXT NOT NULL, event_id TEXT,
            date TEXT, date_precision TEXT NOT NULL, root TEXT NOT NULL, cameo TEXT NOT NULL,
            source_code TEXT, target_code TEXT, polarity TEXT NOT NULL, modality TEXT NOT NULL,
            record TEXT NOT NULL
        )""",
        "CREATE INDEX event_mentions_article ON event_mentions(article_id)",
        "CREATE INDEX event_mentions_event ON event_mentions(event_id)",
        """CREATE TABLE events (
            event_id TEXT PRIMARY KEY, date TEXT, date_precision TEXT NOT NULL,
            source_id TEXT, source_code TEXT, target_id TEXT, target_code TEXT,
            cameo TEXT NOT NULL, root TEXT NOT NULL, quad_class INTEGER NOT NULL,
            goldstein REAL NOT NULL, polarity TEXT NOT NULL, modality TEXT NOT NULL,
            num_articles INTEGER NOT NULL, num_outlets INTEGER NOT NULL, story_id TEXT,
            record TEXT NOT NULL
        )""",
        "CREATE INDEX events_dyad ON events(source_code, target_code, date)",
        "CREATE INDEX events_date ON events(date)",
        "CREATE INDEX events_story ON events(story_id)",
        """CREATE TABLE paragraph_signatures (
            article_id TEXT NOT NULL, paragraph INTEGER NOT NULL, start INTEGER NOT NULL,
            end INTEGER NOT NULL, signature BLOB NOT NULL, PRIMARY KEY (article_id, paragraph)
        )""",
        """CREATE TABLE document_signatures (
            article_id TEXT PRIMARY KEY, text_hash TEXT NOT NULL, signature BLOB NOT NULL
        )""",
        "CREATE INDEX document_signatures_hash ON document_signatures(text_hash)",
        """CREATE TABLE near_duplicates (
            a TEXT NOT NULL, b TEXT NOT NULL, similarity REAL NOT NULL,
            passages TEXT NOT NULL DEFAULT '[]', PRIMARY KEY (a, b)
        )""",
        """CREATE TABLE stories (
            story_id TEXT PRIMARY KEY, title TEXT NOT NULL, start TEXT, end TEXT,
            n_articles INTEGER NOT NULL, n_events INTEGER NOT NULL, record TEXT NOT NULL
        )""",
        """CREATE TABLE claims (
            claim_id TEXT PRIMARY KEY, article_id TEXT NOT NULL, event_id TEXT,
            record TEXT NOT NULL
        )""",
        """CREATE TABLE dyads (
            a TEXT NOT NULL, b TEXT NOT NULL, period TEXT NOT NULL, events INTEGER NOT NULL,
            goldstein_sum REAL NOT NULL, goldstein_mean REAL NOT NULL,
            q1 INTEGER NOT NULL, q2 INTEGER NOT NULL, q3 INTEGER NOT NULL, q4 INTEGER NOT NULL,
            PRIMARY KEY (a, b, period)
        )""",
        """CREATE TABLE ingest_log (
            id INTEGER PRIMARY KEY, at TEXT NOT NULL, path TEXT NOT NULL, reason TEXT NOT NULL
        )""",
    ],
    # LSH band keys of the stored signatures (dedup.band_keys), so one new article is checked
    # against the store with an indexed lookup instead of rebuilding an in-memory index.
    # paragraph = -1 is the whole document.  Filled lazily from the stored signatures (meta
    # `lsh_params` says for which banding), so stores made before this migration catch up.
    2: [
        """CREATE TABLE lsh_keys (
            key INTEGER NOT NULL, article_seq INTEGER NOT NULL, paragraph INTEGER NOT NULL,
            PRIMARY KEY (key, article_seq, paragraph)
        ) WITHOUT ROWID""",
    ],
    # Partition keys of the corpus stages, so adding articles recomputes only the partitions they
    # touch (corpus.py): the merge key of each event report, each event's directed country pair
    # and its sides (denials are set against reports with the same sides), each figure claim's
    # quantity.  Filled for old rows by the first update after the upgrade (a full recompute).
    3: [
        "ALTER TABLE event_mentions ADD COLUMN merge_key TEXT",
        "CREATE INDEX event_mentions_key ON event_mentions(merge_key)",
        "ALTER TABLE events ADD COLUMN dyad TEXT",
        "ALTER TABLE events ADD COLUMN sides TEXT",
        "CREATE INDEX events_pair ON events(dyad, date)",
        "CREATE INDEX events_sides ON events(sides)",
        "ALTER TABLE claims ADD COLUMN figure_key TEXT",
        "CREATE INDEX claims_event ON claims(event_id)",
        "CREATE INDEX claims_figure ON claims(figure_key)",
        "CREATE INDEX claims_article ON claims(article_id)",
        "CREATE INDEX near_duplicates_b ON near_duplicates(b)",
        "CREATE INDEX actors_name ON actors(name)",
        "CREATE INDEX articles_group ON articles(dup_group)",
    ],
    # How an article got its story: "pair" (its main pair of countries, or its canonical copy's)
    # or "text" (placed by its text within its week: stories.place_by_text).
    4: ["ALTER TABLE articles ADD COLUMN story_how TEXT"],
    # Events only recounted as history (every report background) are counted apart in a monthly
    # row, so a pair's trend is the news of each month and history is shown on request.
    5: ["ALTER TABLE dyads ADD COLUMN background INTEGER NOT NULL DEFAULT 0"],
    # What `storyline watch` follows and has seen (store/watch.py), so a restart resumes without
    # fetching again: each source's validators (ETag, Last-Modified), polls and failures; each
    # item (a page URL or a file version) with its state (pending, done, failed, skipped).
    6: [
        """CREATE TABLE watch_sources (
            source TEXT PRIMARY KEY, kind TEXT NOT NULL, etag TEXT, last_modified TEXT,
            last_poll TEXT, next_poll TEXT, failures INTEGER NOT NULL DEFAULT 0,
            last_error TEXT, next_try TEXT, items INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE watch_items (
            seq INTEGER PRIMARY KEY, item TEXT NOT NULL UNIQUE, source TEXT NOT NULL,
            state TEXT NOT NULL, tries INTEGER NOT NULL DEFAULT 0, reason TEXT,
            next_try TEXT, seen_at TEXT NOT NULL, done_at TEXT, article_ids TEXT
        )""",
        "CREATE INDEX watch_items_due ON watch_items(state, next_try)",
    ],
    # What the web UI reads of each event without opening its record: the place's coordinates
    # (the map aggregates them on a covering index, so a map of a million events is an index
    # scan) and whether every report of it recounts history (``background``: shown apart, kept
    # out of story spans).  Old rows are filled here from their records and reports.
    7: [
        "ALTER TABLE events ADD COLUMN lat REAL",
        "ALTER TABLE events ADD COLUMN lon REAL",
        "ALTER TABLE events ADD COLUMN background INTEGER NOT NULL DEFAULT 0",
        "UPDATE events SET lat = json_extract(record, '$.location.lat'), "
        "lon = json_extract(record, '$.location.lon') WHERE json_extract(record, '$.location') "
        "IS NOT NULL",
        "UPDATE events SET background = coalesce((SELECT min(coalesce(json_extract(m.record, "
        "'$.mentions[0].background'), 0)) FROM event_mentions m "
        "WHERE m.event_id = events.event_id), 0)",
        "CREATE INDEX events_place ON events(quad_class, lat, lon, num_articles) "
        "WHERE lat IS NOT NULL",
        "CREATE INDEX events_quad ON events(quad_class, date, event_id)",
        "CREATE INDEX events_reported ON events(num_articles, event_id)",
        # The maps of a story and of a pair read only these covering indexes.
        "CREATE INDEX events_story_place ON events(story_id, lat, lon, quad_class, num_articles) "
        "WHERE lat IS NOT NULL",
        "CREATE INDEX events_dyad_place ON events(source_code, target_code, lat, lon, quad_class, "
        "num_articles) WHERE lat IS NOT NULL",
        # Pages of events in date order (the list, a story's page) walk an index in that
        # order and stop after the page, instead of sorting every matching event.
        "DROP INDEX events_date",
        "CREATE INDEX events_date ON events(date, event_id)",
        "DROP INDEX events_story",
        "CREATE INDEX events_story ON events(story_id, date, event_id, background)",
        # An actor's events (its page, ``?actor=``) without a scan: either side, by id or code.
        # (with the place columns: an actor's map reads these indexes alone)
        "CREATE INDEX events_source_id ON events(source_id, lat, lon, quad_class, num_articles)",
        "CREATE INDEX events_target_id ON events(target_id, lat, lon, quad_class, num_articles)",
        "CREATE INDEX events_target_code ON events(target_code)",
    ],
}
