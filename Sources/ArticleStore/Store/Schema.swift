import GRDB

/// The store's migrations. A migration that has shipped is never edited:
/// changes go into a new one, and `Schema/store.sql` is regenerated.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2-near-duplicates-and-feeds") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("v3-sync") { db in
            try db.execute(sql: v3)
        }
        migrator.registerMigration("v4-unique-numbers") { db in
            try ArticleNumbers.renumberDuplicates(db)
            try db.execute(sql: v4)
        }
        migrator.registerMigration("v5-browse-indexes") { db in
            try db.execute(sql: v5)
        }
        migrator.registerMigration("v6-operation-log-and-derived-titles") { db in
            try db.execute(sql: v6)
        }
        migrator.registerMigration("v7-stat-cache") { db in
            try db.execute(sql: v7)
        }
        migrator.registerMigration("v8-stat-cache-in-recording-order") { db in
            try db.execute(sql: v8)
        }
        return migrator
    }

    /// Stat cache entries in the order they are recorded, found by their
    /// path's key through an index. Keyed by that hash itself, every batch's
    /// entries landed all over the table, and each commit rewrote most of
    /// it: recording took 1.4-3.3 s of the 7-10 s import of a 100,000-file
    /// re-export. Entries are kept.
    static let v8 = """
        CREATE TABLE file_stat_v8 (
          id INTEGER PRIMARY KEY,
          path_key INTEGER NOT NULL UNIQUE,
          size INTEGER NOT NULL,
          modified INTEGER NOT NULL,
          changed INTEGER NOT NULL,
          device INTEGER NOT NULL,
          inode INTEGER NOT NULL,
          encoding TEXT NOT NULL,
          content INTEGER NOT NULL REFERENCES object(id),
          recorded INTEGER NOT NULL
        );
        INSERT INTO file_stat_v8 (path_key, size, modified, changed, device, inode, encoding, content, recorded)
          SELECT id, size, modified, changed, device, inode, encoding, content, recorded FROM file_stat ORDER BY recorded;
        DROP TABLE file_stat;
        ALTER TABLE file_stat_v8 RENAME TO file_stat;
        """

    /// What each imported file held when it was last read (``StatCache``).
    static let v7 = """
        CREATE TABLE file_stat (
          id INTEGER PRIMARY KEY,
          size INTEGER NOT NULL,
          modified INTEGER NOT NULL,
          changed INTEGER NOT NULL,
          device INTEGER NOT NULL,
          inode INTEGER NOT NULL,
          encoding TEXT NOT NULL,
          content INTEGER NOT NULL REFERENCES object(id),
          recorded INTEGER NOT NULL
        );
        """

    static let v1 = """
        CREATE TABLE dictionary (
          id INTEGER PRIMARY KEY,
          data BLOB NOT NULL
        );
        CREATE TABLE object (
          id INTEGER PRIMARY KEY,
          hash BLOB NOT NULL UNIQUE,
          size INTEGER NOT NULL,
          fingerprint INTEGER NOT NULL,
          codec INTEGER NOT NULL,
          dictionary INTEGER REFERENCES dictionary(id),
          data BLOB NOT NULL
        );
        CREATE INDEX object_fingerprint ON object(fingerprint);
        CREATE TABLE article (
          id INTEGER PRIMARY KEY,
          key TEXT NOT NULL UNIQUE,
          number INTEGER NOT NULL,
          head INTEGER REFERENCES version(id)
        );
        CREATE TABLE version (
          id INTEGER PRIMARY KEY,
          hash BLOB NOT NULL UNIQUE,
          article INTEGER NOT NULL REFERENCES article(id),
          content INTEGER NOT NULL REFERENCES object(id),
          generation INTEGER NOT NULL,
          number INTEGER NOT NULL,
          title TEXT NOT NULL,
          source TEXT,
          url TEXT,
          author TEXT,
          published INTEGER,
          imported INTEGER NOT NULL,
          origin TEXT,
          encoding TEXT NOT NULL,
          is_head INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX version_article ON version(article);
        CREATE INDEX version_content ON version(content);
        CREATE TABLE version_parent (
          version INTEGER NOT NULL REFERENCES version(id),
          parent INTEGER NOT NULL REFERENCES version(id),
          PRIMARY KEY (version, parent)
        ) WITHOUT ROWID;
        CREATE VIEW search_source (article_id, title, body) AS
          SELECT article.id, version.title,
                 artstore_body(object.data, object.codec, object.size, object.dictionary,
                               CASE WHEN object.dictionary IS NULL OR artstore_has_dictionary(object.dictionary) THEN NULL
                                    ELSE (SELECT data FROM dictionary WHERE id = object.dictionary) END)
          FROM article
          JOIN version ON version.id = article.head
          JOIN object ON object.id = version.content;
        CREATE VIRTUAL TABLE search USING fts5(
          title, body,
          content = 'search_source', content_rowid = 'article_id',
          tokenize = 'porter unicode61 remove_diacritics 2', detail = none
        );
        """

    /// Near-duplicate anchors and links, and HTTP caching state for feeds.
    static let v2 = """
        CREATE TABLE near_anchor (
          anchor INTEGER NOT NULL,
          object INTEGER NOT NULL REFERENCES object(id),
          PRIMARY KEY (anchor, object)
        ) WITHOUT ROWID;
        CREATE TABLE near_link (
          object INTEGER NOT NULL REFERENCES object(id),
          of_object INTEGER NOT NULL REFERENCES object(id),
          score REAL NOT NULL,
          PRIMARY KEY (object, of_object)
        ) WITHOUT ROWID;
        CREATE INDEX near_link_of ON near_link(of_object);
        CREATE TABLE feed_state (
          url TEXT PRIMARY KEY,
          etag TEXT,
          last_modified TEXT,
          fetched INTEGER NOT NULL
        ) WITHOUT ROWID;
        """

    /// Sync (Schema/sync.md): the store's identity, the change log that
    /// numbers every object as it joins the set (filled in for objects
    /// already stored), version records waiting for their content or
    /// parents, remotes and their checkpoints, and hashes of access tokens.
    static let v3 = """
        CREATE TABLE store_info (
          name TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO store_info (name, value) VALUES ('id', lower(hex(randomblob(16))));
        CREATE TABLE change (
          seq INTEGER PRIMARY KEY,
          hash BLOB NOT NULL
        );
        INSERT INTO change (hash) SELECT hash FROM object ORDER BY id;
        INSERT INTO change (hash) SELECT hash FROM version ORDER BY id;
        CREATE TABLE pending_version (
          id INTEGER PRIMARY KEY,
          hash BLOB NOT NULL UNIQUE,
          record BLOB NOT NULL
        );
        CREATE TRIGGER object_change AFTER INSERT ON object
        BEGIN INSERT INTO change (hash) VALUES (NEW.hash); END;
        CREATE TRIGGER version_change AFTER INSERT ON version
        WHEN NOT EXISTS (SELECT 1 FROM pending_version WHERE hash = NEW.hash)
        BEGIN INSERT INTO change (hash) VALUES (NEW.hash); END;
        CREATE TRIGGER pending_change AFTER INSERT ON pending_version
        BEGIN INSERT INTO change (hash) VALUES (NEW.hash); END;
        CREATE TABLE remote (
          name TEXT PRIMARY KEY,
          location TEXT NOT NULL,
          token_file TEXT
        ) WITHOUT ROWID;
        CREATE TABLE sync_state (
          location TEXT PRIMARY KEY,
          remote_id TEXT NOT NULL,
          checkpoint BLOB,
          pushed INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        CREATE TABLE token (
          hash BLOB PRIMARY KEY,
          scope TEXT NOT NULL,
          created INTEGER NOT NULL,
          label TEXT
        ) WITHOUT ROWID;
        """

    /// Article numbers are unique (``ArticleNumbers``); earlier stores
    /// could give two articles one number, so duplicates are renumbered first.
    static let v4 = """
        CREATE UNIQUE INDEX article_number ON article(number);
        """

    /// Indexes for browsing a large store page by page (the web view's
    /// keyset pagination): articles by last change (their head's row, which
    /// grows with each version stored) and by title, and versions by the
    /// time they were stored, for activity per day. The first and last grow
    /// at their end, so each write appends to them.
    static let v5 = """
        CREATE INDEX article_head ON article(head);
        CREATE INDEX version_head_title ON version(title, id) WHERE is_head;
        CREATE INDEX version_imported ON version(imported, generation);
        """

    /// The imports and syncs this store ran lately (``StoreOperation``),
    /// which versions' titles were derived from their text, where feeds
    /// moved and when they may be fetched again (``FeedState``), and how
    /// many contents begin or end with each paragraph (``Boilerplate``).
    static let v6 = """
        ALTER TABLE version ADD COLUMN title_derived INTEGER;
        ALTER TABLE feed_state ADD COLUMN moved_to TEXT;
        ALTER TABLE feed_state ADD COLUMN retry_after INTEGER;
        CREATE TABLE near_edge (
          hash INTEGER PRIMARY KEY,
          count INTEGER NOT NULL
        );
        CREATE TABLE operation_log (
          id INTEGER PRIMARY KEY,
          kind TEXT NOT NULL,
          target TEXT NOT NULL,
          finished INTEGER NOT NULL,
          elapsed_ms INTEGER NOT NULL,
          articles INTEGER NOT NULL,
          versions INTEGER NOT NULL,
          received INTEGER NOT NULL,
          sent INTEGER NOT NULL,
          failures INTEGER NOT NULL
        );
        """
}
