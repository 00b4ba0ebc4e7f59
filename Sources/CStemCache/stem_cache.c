// FTS5's porter tokenizer with a cache of the stems it has made.
//
// Why by hand: bm25 on an index without positions re-tokenizes every text it
// ranks, and a ranked web search spent about half of that in the Porter
// stemmer (300 texts: 11 ms with `porter unicode61`, 5 ms with `unicode61`
// alone). News text repeats a small vocabulary, so most words are stemmed
// again and again. FTS5 has no such cache.
//
// The tokens are FTS5's own: FTS5's porter stems each token of its parent
// tokenizer on its own, from the token's bytes alone, so a word seen before
// gets the stem FTS5 made for it, and a new one is stemmed by FTS5's porter
// itself (run over `artstore_token`, which hands it the word whole).
//
// It also indexes streams of tokens made ahead, off the writer's thread
// (`artstore_stream_tokenize`; `SearchTokenizer.swift` says why). FTS5 has no
// way to take tokens other than through a tokenizer.

#include <sqlite3.h>
#include <stdint.h>
#include <string.h>

#include "stem_cache.h"

// Words up to this many bytes are remembered; longer ones are stemmed each time.
#define WORD_MAX 23
// Slots per tokenizer (a power of two); a word's slot is fixed by its hash and
// a newcomer replaces what was there. 8,192 slots are 384 KiB.
#define SLOTS 8192

// What starts a stream of tokens made in advance. 0xFF never occurs in
// UTF-8, so no text can be taken for a stream.
#define STREAM_MARKER "\xff" "ATS"
#define STREAM_MARKER_LENGTH 4

typedef struct {
    uint8_t wordLength;  // 0: empty
    uint8_t stemLength;
    char word[WORD_MAX];
    char stem[WORD_MAX];
} Slot;

// What `porter` is registered with: how to reach FTS5's tokenizers.
typedef struct {
    fts5_api *api;
    fts5_tokenizer porter;
    void *porterContext;
} Module;

typedef struct {
    fts5_tokenizer parent;
    Fts5Tokenizer *parentInstance;
    fts5_tokenizer porter;
    Fts5Tokenizer *stemmer;  // FTS5's porter over artstore_token
    Slot slots[SLOTS];
} Tokenizer;

// A tokenizer that hands back its whole input as one token.
static int wholeCreate(void *context, const char **args, int count, Fts5Tokenizer **out) {
    (void)context;
    (void)args;
    (void)count;
    static int instance;
    *out = (Fts5Tokenizer *)&instance;
    return SQLITE_OK;
}

static void wholeDelete(Fts5Tokenizer *tokenizer) { (void)tokenizer; }

static int wholeTokenize(
    Fts5Tokenizer *tokenizer, void *context, int flags, const char *text, int length,
    int (*token)(void *, int, const char *, int, int, int)) {
    (void)tokenizer;
    (void)flags;
    return length > 0 ? token(context, 0, text, length, 0, length) : SQLITE_OK;
}

static void cachedDelete(Fts5Tokenizer *instance) {
    Tokenizer *t = (Tokenizer *)instance;
    if (t == NULL) return;
    if (t->parentInstance) t->parent.xDelete(t->parentInstance);
    if (t->stemmer) t->porter.xDelete(t->stemmer);
    sqlite3_free(t);
}

// Arguments as for FTS5's porter: the parent tokenizer and its arguments.
static int cachedCreate(void *context, const char **args, int count, Fts5Tokenizer **out) {
    Module *module = (Module *)context;
    Tokenizer *t = sqlite3_malloc(sizeof(Tokenizer));
    *out = NULL;
    if (t == NULL) return SQLITE_NOMEM;
    memset(t, 0, sizeof(Tokenizer));
    const char *parentName = count > 0 ? args[0] : "unicode61";
    void *parentContext = NULL;
    int rc = module->api->xFindTokenizer(module->api, parentName, &parentContext, &t->parent);
    if (rc == SQLITE_OK) {
        rc = t->parent.xCreate(parentContext, count > 0 ? args + 1 : NULL, count > 0 ? count - 1 : 0,
                               &t->parentInstance);
    }
    if (rc == SQLITE_OK) {
        const char *whole[] = {"artstore_token"};
        t->porter = module->porter;
        rc = t->porter.xCreate(module->porterContext, whole, 1, &t->stemmer);
    }
    if (rc != SQLITE_OK) {
        cachedDelete((Fts5Tokenizer *)t);
        return rc;
    }
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

typedef struct {
    Tokenizer *tokenizer;
    void *context;
    int (*token)(void *, int, const char *, int, int, int);
    // Where a stem from FTS5's porter goes.
    Slot *slot;
    int start, end, calls;
} Call;

// Takes the stem FTS5's porter made, remembers it, and passes it on.
static int stemmed(void *context, int flags, const char *stem, int length, int start, int end) {
    Call *call = (Call *)context;
    (void)start;
    (void)end;
    call->calls += 1;
    if (call->slot != NULL && call->calls == 1 && length <= WORD_MAX) {
        call->slot->stemLength = (uint8_t)length;
        memcpy(call->slot->stem, stem, (size_t)length);
    } else if (call->slot != NULL) {
        call->slot->wordLength = 0;  // not one short stem: not remembered
    }
    return call->token(call->context, flags, stem, length, call->start, call->end);
}

// One token from the parent tokenizer.
static int word(void *context, int flags, const char *text, int length, int start, int end) {
    Call *call = (Call *)context;
    Tokenizer *t = call->tokenizer;
    Slot *slot = NULL;
    if (length <= WORD_MAX) {
        // FNV-1a.
        uint32_t hash = 2166136261u;
        for (int i = 0; i < length; i++) hash = (hash ^ (uint8_t)text[i]) * 16777619u;
        slot = &t->slots[hash & (SLOTS - 1)];
        if (slot->wordLength == length && memcmp(slot->word, text, (size_t)length) == 0) {
            return call->token(call->context, flags, slot->stem, slot->stemLength, start, end);
        }
        slot->wordLength = (uint8_t)length;
        memcpy(slot->word, text, (size_t)length);
    }
    Call inner = {t, call->context, call->token, slot, start, end, 0};
    int rc = t->porter.xTokenize(t->stemmer, &inner, flags, text, length, stemmed);
    if (slot != NULL && (rc != SQLITE_OK || inner.calls != 1)) slot->wordLength = 0;
    return rc;
}

// Reads the header of the token at `*at`: its length and whether it is
// colocated. Returns 0 when the stream ends inside the header or the token.
static int header(const unsigned char *stream, int length, int *at, int *size, int *colocated) {
    unsigned int value = 0;
    for (int shift = 0; *at < length && shift < 32; shift += 7) {
        unsigned char byte = stream[(*at)++];
        value |= (unsigned int)(byte & 0x7f) << shift;
        if ((byte & 0x80) == 0) {
            *size = (int)(value >> 1);
            *colocated = (int)(value & 1);
            return *size <= length - *at;
        }
    }
    return 0;
}

// Hands FTS5 the tokens of a stream that `artstore_stream_tokenize` wrote.
// The whole stream is checked before the first token, so that a malformed
// one is refused without indexing part of it. Empty tokens and tokens with
// a NUL byte are refused too: FTS5's tokenizers never make them, and a term
// with a NUL left FTS5's index unreadable ("database disk image is
// malformed", found by the `stems` fuzz target).
static int replay(
    void *context, const unsigned char *stream, int length,
    int (*token)(void *, int, const char *, int, int, int)) {
    int size = 0, colocated = 0;
    for (int at = STREAM_MARKER_LENGTH; at < length; at += size) {
        if (!header(stream, length, &at, &size, &colocated)) return SQLITE_ERROR;
        if (size == 0 || memchr(stream + at, 0, (size_t)size) != NULL) return SQLITE_ERROR;
    }
    for (int at = STREAM_MARKER_LENGTH; at < length; at += size) {
        header(stream, length, &at, &size, &colocated);
        int rc = token(context, colocated ? FTS5_TOKEN_COLOCATED : 0, (const char *)stream + at, size, 0, 0);
        if (rc != SQLITE_OK) return rc;
    }
    return SQLITE_OK;
}

static int cachedTokenize(
    Fts5Tokenizer *instance, void *context, int flags, const char *text, int length,
    int (*token)(void *, int, const char *, int, int, int)) {
    Tokenizer *t = (Tokenizer *)instance;
    if ((flags & FTS5_TOKENIZE_DOCUMENT) && length >= STREAM_MARKER_LENGTH &&
        memcmp(text, STREAM_MARKER, STREAM_MARKER_LENGTH) == 0) {
        return replay(context, (const unsigned char *)text, length, token);
    }
    Call call = {t, context, token, NULL, 0, 0, 0};
    return t->parent.xTokenize(t->parentInstance, &call, flags, text, length, word);
}

int artstore_install_stem_cache(sqlite3 *db, const char *name) {
    fts5_api *api = NULL;
    sqlite3_stmt *statement = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, NULL);
    if (rc != SQLITE_OK) return rc;
    sqlite3_bind_pointer(statement, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(statement);
    rc = sqlite3_finalize(statement);
    if (rc != SQLITE_OK) return rc;
    if (api == NULL || api->iVersion < 2) return SQLITE_ERROR;
    Module *module = sqlite3_malloc(sizeof(Module));
    if (module == NULL) return SQLITE_NOMEM;
    module->api = api;
    // FTS5's own porter, found before anything replaces it.
    rc = api->xFindTokenizer(api, "porter", &module->porterContext, &module->porter);
    if (rc != SQLITE_OK) {
        sqlite3_free(module);
        return rc;
    }
    fts5_tokenizer whole = {wholeCreate, wholeDelete, wholeTokenize};
    rc = api->xCreateTokenizer(api, "artstore_token", NULL, &whole, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_free(module);
        return rc;
    }
    fts5_tokenizer cached = {cachedCreate, cachedDelete, cachedTokenize};
    return api->xCreateTokenizer(api, name, module, &cached, sqlite3_free);
}

// Tokenizing ahead of the writer: a private in-memory connection with the
// cached porter, and one instance of it over the store's parent tokenizer.
struct ArtstoreStreamTokenizer {
    sqlite3 *db;
    fts5_tokenizer methods;
    Fts5Tokenizer *instance;
};

void artstore_stream_tokenizer_destroy(ArtstoreStreamTokenizer *tokenizer) {
    if (tokenizer == NULL) return;
    if (tokenizer->instance) tokenizer->methods.xDelete(tokenizer->instance);
    sqlite3_close(tokenizer->db);
    sqlite3_free(tokenizer);
}

ArtstoreStreamTokenizer *artstore_stream_tokenizer_create(const char **arguments, int count) {
    ArtstoreStreamTokenizer *tokenizer = sqlite3_malloc(sizeof(ArtstoreStreamTokenizer));
    if (tokenizer == NULL) return NULL;
    memset(tokenizer, 0, sizeof(ArtstoreStreamTokenizer));
    fts5_api *api = NULL;
    sqlite3_stmt *statement = NULL;
    int rc = sqlite3_open(":memory:", &tokenizer->db);
    if (rc == SQLITE_OK) rc = artstore_install_stem_cache(tokenizer->db, "artstore_stream");
    if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(tokenizer->db, "SELECT fts5(?1)", -1, &statement, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_pointer(statement, 1, (void *)&api, "fts5_api_ptr", NULL);
        sqlite3_step(statement);
        rc = sqlite3_finalize(statement);
    }
    void *context = NULL;
    if (rc == SQLITE_OK && api == NULL) rc = SQLITE_ERROR;
    if (rc == SQLITE_OK) rc = api->xFindTokenizer(api, "artstore_stream", &context, &tokenizer->methods);
    if (rc == SQLITE_OK) rc = tokenizer->methods.xCreate(context, arguments, count, &tokenizer->instance);
    if (rc != SQLITE_OK) {
        artstore_stream_tokenizer_destroy(tokenizer);
        return NULL;
    }
    return tokenizer;
}

typedef struct {
    unsigned char *bytes;
    int length, capacity;
} Stream;

static int append(void *context, int flags, const char *token, int length, int start, int end) {
    Stream *stream = (Stream *)context;
    (void)start;
    (void)end;
    if (length < 0 || length > 0x3fffffff) return SQLITE_TOOBIG;
    if (stream->length + length + 5 > stream->capacity) {
        int capacity = 2 * (stream->length + length + 5);
        unsigned char *grown = sqlite3_realloc(stream->bytes, capacity);
        if (grown == NULL) return SQLITE_NOMEM;
        stream->bytes = grown;
        stream->capacity = capacity;
    }
    // Each token: its length and whether it shares the last one's position.
    unsigned int size = ((unsigned int)length << 1) | ((flags & FTS5_TOKEN_COLOCATED) ? 1 : 0);
    do {
        unsigned char byte = size & 0x7f;
        size >>= 7;
        stream->bytes[stream->length++] = byte | (size ? 0x80 : 0);
    } while (size);
    memcpy(stream->bytes + stream->length, token, (size_t)length);
    stream->length += length;
    return SQLITE_OK;
}

int artstore_stream_tokenize(
    ArtstoreStreamTokenizer *tokenizer, const char *text, int length, unsigned char **out, int *outLength) {
    Stream stream = {sqlite3_malloc(length / 2 + 64), STREAM_MARKER_LENGTH, length / 2 + 64};
    *out = NULL;
    *outLength = 0;
    if (stream.bytes == NULL) return SQLITE_NOMEM;
    memcpy(stream.bytes, STREAM_MARKER, STREAM_MARKER_LENGTH);
    int rc = tokenizer->methods.xTokenize(
        tokenizer->instance, &stream, FTS5_TOKENIZE_DOCUMENT, text, length, append);
    if (rc != SQLITE_OK) {
        sqlite3_free(stream.bytes);
        return rc;
    }
    *out = stream.bytes;
    *outLength = stream.length;
    return SQLITE_OK;
}
