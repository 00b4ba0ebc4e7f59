import CStemCache
import Foundation
import GRDBSQLite

/// Tokenizes search entries ahead of the writer, on the threads that read
/// and compress an import's files.
///
/// The writer indexes each new article with FTS5, and tokenizing and
/// stemming it there took about a third of that insert (20,000 articles in
/// memory: 0.71 s from text, 0.44-0.51 s from tokens made before, and 0.28 s
/// to make them). The search table's tokenizer (`CStemCache`) indexes a
/// stream made here exactly as it would the text: the tokens come from the
/// same code, so the index, its token counts and bm25 are unchanged, and
/// `verify`'s check of the index against the texts still holds.
///
/// One instance belongs to one thread at a time.
final class SearchTokenizer {
    /// The parent tokenizer of the search table's `porter`, as the schema
    /// declares it (`tokenize = 'porter unicode61 remove_diacritics 2'`).
    static let parentArguments = ["unicode61", "remove_diacritics", "2"]

    private let handle: OpaquePointer

    /// Nil when SQLite cannot make the tokenizer (out of memory); the
    /// writer then tokenizes the texts itself.
    init?() {
        var arguments = Self.parentArguments.map { strdup($0) }
        defer { arguments.forEach { free($0) } }
        let made = arguments.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) {
                artstore_stream_tokenizer_create($0, Int32(buffer.count))
            }
        }
        guard let made else { return nil }
        handle = made
    }

    deinit { artstore_stream_tokenizer_destroy(handle) }

    /// The stream of `text`'s tokens, to be bound as the column's value in
    /// place of the text; nil if tokenizing failed.
    func stream(_ text: some Collection<UInt8>) -> [UInt8]? {
        var out: UnsafeMutablePointer<UInt8>?
        var length: Int32 = 0
        func tokenize(_ buffer: UnsafeBufferPointer<UInt8>) -> Int32 {
            buffer.withMemoryRebound(to: CChar.self) {
                artstore_stream_tokenize(handle, $0.baseAddress, Int32($0.count), &out, &length)
            }
        }
        // Titles' UTF-8 views and bodies' slices are contiguous: no copy.
        let code = text.withContiguousStorageIfAvailable(tokenize) ?? Array(text).withUnsafeBufferPointer(tokenize)
        guard code == SQLITE_OK, let out else { return nil }
        defer { sqlite3_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: Int(length)))
    }
}
