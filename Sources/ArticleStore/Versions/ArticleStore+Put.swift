import Foundation
import GRDB

extension ArticleStore {
    /// Stores `bytes` as the content of the article `key`.
    ///
    /// - If a head of `key` already has these exact bytes, nothing changes.
    /// - If `key` is new, the article is created.
    /// - Otherwise the bytes become a new version whose parent is the current head.
    ///
    /// The bytes must be an article: a title line, then the body. They are
    /// validated (UTF-8, no NUL, a title, the size limit) and transcoded from
    /// `encoding` when it is not UTF-8.
    public func put(
        _ bytes: Data, key: String, metadata: ArticleMetadata = ArticleMetadata(), encoding: TextEncoding = .utf8,
        nearDuplicates: NearDuplicatePolicy = .link
    ) async throws -> PutResult {
        let text = try ArticleText.decode(
            [UInt8](bytes), encoding: encoding, sizeLimit: configuration.sizeLimit, subject: key)
        let article = PreparedArticle(key: key, text: text, metadata: metadata, nearDuplicates: nearDuplicates != .off)
        return try await offload { [self] in
            try trainDictionaryIfNeeded([text.bytes])
            do {
                return try pool.write { db in
                    let writer = VersionWriter(db: db, codec: codec, imported: Date(), policy: nearDuplicates)
                    let result = try writer.put(article)
                    try writer.finish()
                    return result
                }
            } catch {
                throw databaseError(error, "cannot store article \(key)")
            }
        }
    }
}
