import Foundation
import GRDB

extension ArticleStore {
    /// Every article with its winning head, by number then key.
    public func articles(limit: Int? = nil) async throws -> [ArticleSummary] {
        try await read { db in try VersionRows(db: db).summaries(limit: limit) }
    }

    /// The article stored under `key`. All-digit keys also match their
    /// zero-padded form, so `0` finds `000`.
    public func article(key: String) async throws -> ArticleSummary {
        try await read { db in
            let rows = VersionRows(db: db)
            guard let stored = try rows.resolveKey(key),
                let summary = try rows.summaries(where: "article.key = ?", [stored]).first
            else { throw StoreError(.notFound, "no article with this key", subject: key) }
            return summary
        }
    }

    /// The history of an article, newest first: by generation, then import time.
    public func log(key: String) async throws -> [ArticleVersion] {
        try await read { db in
            let rows = VersionRows(db: db)
            guard let stored = try rows.resolveKey(key) else {
                throw StoreError(.notFound, "no article with this key", subject: key)
            }
            return try rows.versions(
                where: "article.key = ?", [stored],
                order: "ORDER BY version.generation DESC, version.imported DESC, version.hash DESC")
        }
    }

    /// The version with this ID.
    public func version(_ id: ObjectID) async throws -> ArticleVersion {
        try await read { db in
            guard let version = try VersionRows(db: db).versions(where: "version.hash = ?", [id.data]).first else {
                throw StoreError(.notFound, "no such version", subject: id.hex)
            }
            return version
        }
    }

    /// The exact bytes of the content object with this ID, checked against it.
    public func content(_ id: ObjectID) async throws -> Data {
        try await read { [codec] db in
            let objects = ObjectRows(db: db, codec: codec)
            guard let row = try objects.rowID(of: id) else {
                throw StoreError(.notFound, "no such content object", subject: id.hex)
            }
            let bytes = try objects.bytes(rowID: row)
            guard ObjectID.hashing(bytes) == id else {
                throw StoreError(.corrupt, "stored bytes do not hash to their ID", subject: "object \(id.hex)")
            }
            return Data(bytes)
        }
    }

    /// Finds what `reference` names: an article key, or a unique prefix of at
    /// least 8 hex digits of a version or content ID. Keys win over prefixes.
    public func lookup(_ reference: String) async throws -> Reference {
        try await read { db in
            let rows = VersionRows(db: db)
            if let key = try rows.resolveKey(reference),
                let head = try Data.fetchOne(
                    db,
                    sql: """
                        SELECT version.hash FROM article JOIN version ON version.id = article.head WHERE article.key = ?
                        """, arguments: [key])
            {
                return Reference(kind: .article, key: key, id: VersionRows.id(head))
            }
            guard Hex.isHex(reference), reference.count <= 64 else {
                throw StoreError(
                    .notFound, "no article has this key, and it is not a hex ID prefix", subject: reference)
            }
            guard reference.count >= 8 else {
                throw StoreError(.invalidArgument, "an ID prefix needs at least 8 hex digits", subject: reference)
            }
            let low = Data(Hex.decode(reference.padding(toLength: 64, withPad: "0", startingAt: 0))!)
            let high = Data(Hex.decode(reference.padding(toLength: 64, withPad: "f", startingAt: 0))!)
            let versions = try Row.fetchAll(
                db,
                sql: """
                    SELECT version.hash, article.key FROM version JOIN article ON article.id = version.article
                    WHERE version.hash BETWEEN ? AND ? LIMIT 2
                    """, arguments: [low, high]
            ).map { Reference(kind: .version, key: $0["key"], id: VersionRows.id($0["hash"])) }
            let contents = try Row.fetchAll(
                db,
                sql: """
                    SELECT object.hash, (SELECT article.key FROM version JOIN article ON article.id = version.article
                                         WHERE version.content = object.id LIMIT 1) AS key
                    FROM object WHERE object.hash BETWEEN ? AND ? LIMIT 2
                    """, arguments: [low, high]
            ).map { Reference(kind: .content, key: $0["key"], id: VersionRows.id($0["hash"])) }
            let found = versions + contents
            guard let first = found.first else {
                throw StoreError(.notFound, "no version or content ID starts with this prefix", subject: reference)
            }
            guard found.count == 1 else {
                let names = found.map { "\($0.kind) \($0.id.short)" }.joined(separator: ", ")
                throw StoreError(.ambiguous, "prefix matches several objects: \(names)", subject: reference)
            }
            return first
        }
    }

    /// Counts and sizes for the whole store.
    public func stats() async throws -> StoreStats {
        let disk = [Self.databaseName, Self.databaseName + "-wal"].reduce(0) { total, name in
            let path = url.appendingPathComponent(name).path
            return total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        }
        return try await read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT (SELECT count(*) FROM article) AS articles, (SELECT count(*) FROM version) AS versions,
                           (SELECT count(*) FROM (SELECT article FROM version WHERE is_head GROUP BY article HAVING count(*) > 1)) AS conflicted,
                           (SELECT count(*) FROM object) AS objects,
                           (SELECT coalesce(sum(size), 0) FROM object) AS contentBytes,
                           (SELECT coalesce(sum(length(data)), 0) FROM object) AS storedBytes,
                           (SELECT count(*) FROM dictionary) AS dictionaries
                    """)!
            return StoreStats(
                articles: row["articles"], versions: row["versions"], conflicted: row["conflicted"],
                objects: row["objects"], contentBytes: row["contentBytes"], storedBytes: row["storedBytes"],
                diskBytes: disk, dictionaries: row["dictionaries"])
        }
    }

    /// A read transaction off the caller's task, with errors that name the store.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await offload { [self] in
            do {
                return try pool.read(body)
            } catch {
                throw databaseError(error, "cannot read the store")
            }
        }
    }
}

extension ArticleStore {
    /// The key of the article with this number, or nil; numbers are unique
    /// within a store.
    public func key(forNumber number: Int) async throws -> String? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT key FROM article WHERE number = ?", arguments: [number])
        }
    }
}
