import Foundation

extension ArticleStore {
    /// A word-level diff between two versions of the article `key`.
    ///
    /// `from` and `to` are version IDs. By default `to` is the winning head and
    /// `from` its first parent (for a first version, the empty text).
    public func diff(key: String, from: ObjectID? = nil, to: ObjectID? = nil) async throws -> WordDiff {
        let history = try await log(key: key)
        let head = try await article(key: key).head
        func find(_ id: ObjectID) throws -> ArticleVersion {
            guard let version = history.first(where: { $0.id == id }) else {
                throw StoreError(.notFound, "version \(id.short) is not a version of this article", subject: key)
            }
            return version
        }
        let newer = try find(to ?? head)
        let older = try from.map(find) ?? newer.parents.first.map(find)
        var oldText = ""
        if let older { oldText = String(decoding: try await content(older.content), as: UTF8.self) }
        let newText = String(decoding: try await content(newer.content), as: UTF8.self)
        return WordDiff(
            from: older?.id ?? newer.id, to: newer.id, segments: WordDiff.segments(from: oldText, to: newText))
    }
}

extension ArticleStore {
    /// A word-level diff between any two stored texts: each of `from` and
    /// `to` is a version ID or a content ID, of one article or of two (to
    /// compare near-duplicates).
    public func diff(from: ObjectID, to: ObjectID) async throws -> WordDiff {
        func text(_ id: ObjectID) async throws -> String {
            let content: ObjectID
            do {
                content = try await version(id).content
            } catch let error as StoreError where error.code == .notFound {
                content = id
            }
            return String(decoding: try await self.content(content), as: UTF8.self)
        }
        return WordDiff(
            from: from, to: to, segments: WordDiff.segments(from: try await text(from), to: try await text(to)))
    }
}
