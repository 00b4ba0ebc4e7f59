import Foundation
import GRDB

/// An article with more than one head: replicas edited it concurrently.
public struct Conflict: Sendable, Codable, Equatable {
    /// The conflicted article's key.
    public var key: String
    /// The heads, the winning one first.
    public var heads: [ArticleVersion]
}

extension ArticleStore {
    /// Articles with more than one head, by key.
    public func conflicts() async throws -> [Conflict] {
        try await read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT article.id, article.key, article.head FROM article
                    WHERE (SELECT count(*) FROM version WHERE version.article = article.id AND is_head) > 1
                    ORDER BY article.key
                    """)
            return try rows.map { row in
                let heads = try VersionRows(db: db).versions(
                    where: "version.article = ? AND version.is_head", [row["id"]],
                    order: "ORDER BY version.id = \(row["head"] as Int64) DESC, version.hash")
                return Conflict(key: row["key"], heads: heads)
            }
        }
    }

    /// Ends a conflict: records a merge version whose parents are all the
    /// article's heads and whose content and metadata are those of `take`
    /// (a head's version ID; the winning head's when nil).
    public func resolve(key: String, take: ObjectID? = nil) async throws -> ArticleVersion {
        guard let conflict = try await conflicts().first(where: { $0.key == key }) else {
            _ = try await article(key: key)
            throw StoreError(.invalidArgument, "the article has one head: nothing to resolve", subject: key)
        }
        let chosen = take ?? conflict.heads[0].id
        guard let head = conflict.heads.first(where: { $0.id == chosen }) else {
            throw StoreError(.notFound, "version \(chosen.hex) is not a head of this article", subject: key)
        }
        let record = VersionRecord(
            key: key, content: head.content, parents: conflict.heads.map(\.id), number: head.number,
            title: head.title, titleDerived: head.titleDerived, source: head.source, url: head.url, author: head.author,
            published: head.published.map(VersionRecord.milliseconds), imported: VersionRecord.milliseconds(Date()),
            origin: head.origin, encoding: head.encoding)
        // The merge goes through the same path as a received record.
        _ = try await apply([PackEntry(kind: .version, id: record.id, payload: record.canonicalBytes)])
        return try await version(record.id)
    }
}
