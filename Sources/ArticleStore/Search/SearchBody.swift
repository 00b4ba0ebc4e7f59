import Foundation
import GRDB

/// The SQL functions through which the search index reads article bodies
/// (the `search_source` view):
///
/// - `artstore_body(data, codec, size, dictionary id, dictionary data)`: the
///   body text of a stored object.
/// - `artstore_has_dictionary(id)`: whether the codec has loaded that
///   dictionary. The view passes a dictionary's bytes only when it has not,
///   so rows don't each read it.
enum SearchBody {
    /// Adds both functions to a connection.
    static func install(_ db: Database, codec: ObjectCodec) {
        let body = DatabaseFunction("artstore_body", argumentCount: 5, pure: false) { args in
            guard let data = Data.fromDatabaseValue(args[0]),
                let codecValue = Int.fromDatabaseValue(args[1]),
                let size = Int.fromDatabaseValue(args[2])
            else { return nil }
            let bytes = try data.withUnsafeBytes { raw in
                try codec.decode(raw, codec: codecValue, dictionary: Int64.fromDatabaseValue(args[3]), size: size) {
                    _ in
                    Data.fromDatabaseValue(args[4]).map { [UInt8]($0) }
                }
            }
            // A blob, not a String: FTS5 reads it as text all the same, and
            // the texts were validated as UTF-8 without NULs when stored.
            // Swift's re-validation and the binding's strlen took 9% of a
            // ranked search (perf).
            return Data(ArticleText.bodyBytes(of: bytes))
        }
        let known = DatabaseFunction("artstore_has_dictionary", argumentCount: 1, pure: false) { args in
            Int64.fromDatabaseValue(args[0]).map(codec.hasDictionary) ?? false
        }
        db.add(function: body)
        db.add(function: known)
    }
}
