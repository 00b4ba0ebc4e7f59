#ifndef ARTSTORE_STEM_CACHE_H
#define ARTSTORE_STEM_CACHE_H

typedef struct sqlite3 sqlite3;

/// Registers, on one connection, a `porter` tokenizer that remembers the stems
/// it has made, in place of FTS5's own, plus `artstore_token` (a whole input is
/// one token), which it uses to reach FTS5's porter for words it has not seen.
/// Tables declared with `porter` then get the same tokens, faster.
/// `name` is the name to register under: "porter" in the store, another name
/// in tests that compare both. Returns an SQLite result code.
int artstore_install_stem_cache(sqlite3 *db, const char *name);

#endif
