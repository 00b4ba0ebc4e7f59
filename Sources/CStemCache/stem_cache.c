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

#include <sqlite3.h>
#include <stdint.h>
#include <string.h>

#include "stem_cache.h"

// Words up to this many bytes are remembered; longer ones are stemmed each time.
#define WORD_MAX 23
// Slots per tokenizer (a power of two); a word's slot is fixed by its hash and
// a newcomer replaces what was there. 8,192 slots are 384 KiB.
#define SLOTS 8192

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

static int cachedTokenize(
    Fts5Tokenizer *instance, void *context, int flags, const char *text, int length,
    int (*token)(void *, int, const char *, int, int, int)) {
    Tokenizer *t = (Tokenizer *)instance;
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
