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

/// A tokenizer that runs apart from any store connection, so that texts can
/// be tokenized on other threads before the writer indexes them.
typedef struct ArtstoreStreamTokenizer ArtstoreStreamTokenizer;

/// Creates one: the cached porter over the parent tokenizer `arguments`
/// names (as in a table's `tokenize = 'porter ...'`). NULL on failure.
ArtstoreStreamTokenizer *artstore_stream_tokenizer_create(const char **arguments, int count);

void artstore_stream_tokenizer_destroy(ArtstoreStreamTokenizer *tokenizer);

/// Writes the tokens of `text` to `*out` (freed with `sqlite3_free`) as a
/// stream: a marker that no UTF-8 text starts with, then for each token its
/// length times two, plus one if it is colocated (LEB128), and its bytes.
/// Given to an FTS5 table as a column's value (an insert or a delete), the
/// cached porter indexes exactly those tokens instead of tokenizing again;
/// a malformed stream, or one with an empty token or a token holding a NUL
/// byte (which FTS5's tokenizers never make), is refused whole (SQLITE_ERROR).
int artstore_stream_tokenize(
    ArtstoreStreamTokenizer *tokenizer, const char *text, int length, unsigned char **out, int *outLength);

#endif
