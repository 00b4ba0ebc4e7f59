-- The schema the store's migrations produce (sqlite_master of a fresh store, in creation order).
-- Generated; SchemaTests checks that it matches. See Schema/README.md for what each table holds.

CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);

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
, title_derived INTEGER);

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

CREATE TABLE 'search_data'(id INTEGER PRIMARY KEY, block BLOB);

CREATE TABLE 'search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

CREATE TABLE 'search_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

CREATE TABLE 'search_config'(k PRIMARY KEY, v) WITHOUT ROWID;

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
, moved_to TEXT, retry_after INTEGER) WITHOUT ROWID;

CREATE TABLE store_info (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE change (
  seq INTEGER PRIMARY KEY,
  hash BLOB NOT NULL
);

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

CREATE UNIQUE INDEX article_number ON article(number);

CREATE INDEX article_head ON article(head);

CREATE INDEX version_head_title ON version(title, id) WHERE is_head;

CREATE INDEX version_imported ON version(imported, generation);

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

CREATE TABLE "file_stat" (
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
