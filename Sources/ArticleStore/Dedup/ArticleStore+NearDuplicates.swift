import Foundation
import GRDB

/// A group of articles that tell the same story.
public struct DuplicateCluster: Hashable, Sendable, Codable {
    /// One article of a cluster, and the version that belongs to it.
    public struct Member: Hashable, Sendable, Codable {
        /// The article's number.
        public let number: Int
        /// The article's key.
        public let key: String
        /// The short ID of the member's content in the cluster.
        public let id: String
        /// The file the content was imported from, if any.
        public let origin: String?
    }

    /// The articles that tell the story, by number.
    public let members: [Member]
}

extension ArticleStore {
    /// The stored articles that tell the same story as the head of `key`,
    /// best match first. Each match's ``DuplicateLink/score`` is the share of
    /// the shorter text that the other contains.
    public func nearDuplicates(of key: String) async throws -> [DuplicateLink] {
        try await read { [codec] db in
            let rows = VersionRows(db: db)
            guard let stored = try rows.resolveKey(key),
                let head = try Int64.fetchOne(
                    db,
                    sql: "SELECT version.content FROM article JOIN version ON version.id = article.head WHERE key = ?",
                    arguments: [stored])
            else { throw StoreError(.notFound, "no article with this key", subject: key) }
            let objects = ObjectRows(db: db, codec: codec)
            let signature = NearSignature(body: ArticleText.bodyBytes(of: try objects.bytes(rowID: head)))
            return try NearIndex(db: db, objects: objects).matches(of: signature, besides: stored, excluding: head)
                .map(\.link)
        }
    }

    /// The stored articles that tell the same story as `text` (an article:
    /// a title line, then the body), best match first, without storing it.
    /// Texts are compared on one thread, so this also measures the cost of a
    /// signature and a lookup.
    public func nearDuplicates(ofTexts texts: [Data]) async throws -> [[DuplicateLink]] {
        try await read { [codec] db in
            let index = NearIndex(db: db, objects: ObjectRows(db: db, codec: codec))
            return try texts.map { text in
                let signature = NearSignature(body: ArticleText.bodyBytes(of: [UInt8](text)))
                return try index.matches(of: signature, besides: "").map(\.link)
            }
        }
    }

    /// Every group of two or more articles that share content exactly, after
    /// normalisation, or as recorded near-duplicates, largest first.
    public func duplicateClusters() async throws -> [DuplicateCluster] {
        try await read { db in
            var groups = UnionFind()
            for row in try Row.fetchAll(db, sql: "SELECT object, of_object FROM near_link") {
                groups.union(row[0], row[1])
            }
            for ids in try String.fetchAll(
                db, sql: "SELECT group_concat(id) FROM object GROUP BY fingerprint HAVING count(*) > 1")
            {
                let members = ids.split(separator: ",").compactMap { Int64($0) }
                for member in members.dropFirst() { groups.union(members[0], member) }
            }
            var clusters: [Int64: [DuplicateCluster.Member]] = [:]
            var seen = Set<String>()
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT version.content, article.number, article.key, object.hash, version.origin
                    FROM version JOIN article ON article.id = version.article JOIN object ON object.id = version.content
                    ORDER BY article.number, article.key, version.id DESC
                    """)
            {
                let key: String = row["key"]
                let root = groups.find(row["content"])
                guard seen.insert("\(root)\u{0}\(key)").inserted else { continue }
                clusters[root, default: []].append(
                    .init(
                        number: row["number"], key: key, id: Hex.encode((row["hash"] as Data).prefix(8)),
                        origin: row["origin"]))
            }
            return clusters.values.filter { $0.count > 1 }.map(DuplicateCluster.init)
                .sorted { ($0.members.count, $1.members[0].number) > ($1.members.count, $0.members[0].number) }
        }
    }

    /// Rebuilds the near-duplicate index and links, and the search index,
    /// from the stored contents.
    public func reindex(progress: (@Sendable (StoreProgress) -> Void)? = nil) async throws {
        try await offload { [self] in
            let total = try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM object") ?? 0 }
            try write { db in
                try db.execute(sql: "DELETE FROM near_anchor; DELETE FROM near_link; DELETE FROM near_edge")
                try db.execute(sql: "INSERT INTO search (search) VALUES ('rebuild')")
            }
            var last: Int64 = 0
            var done = 0
            while true {
                let count = try write { db -> Int in
                    let objects = ObjectRows(db: db, codec: codec)
                    let index = NearIndex(db: db, objects: objects)
                    let rows = try Row.fetchAll(
                        db,
                        sql: """
                            SELECT object.id, object.hash, size, codec, dictionary, data,
                                   (SELECT article.key FROM version JOIN article ON article.id = version.article
                                    WHERE version.content = object.id LIMIT 1) AS key
                            FROM object WHERE object.id > ? ORDER BY object.id LIMIT 1000
                            """, arguments: [last])
                    for row in rows {
                        let id: Int64 = row["id"]
                        let signature = NearSignature(body: ArticleText.bodyBytes(of: try objects.decode(row)))
                        var full = Set<Int64>()
                        let matches = try index.matches(
                            of: signature, postings: NearIndex.postings(db, of: signature.anchors),
                            besides: row["key"] ?? "", excluding: id, full: &full)
                        try index.link(id, to: matches)
                        try index.add(id, signature, skipping: full)
                        last = id
                    }
                    try index.edges.flush(db)
                    return rows.count
                }
                guard count > 0 else { break }
                done += count
                progress?(StoreProgress(done: done, total: total))
            }
        }
    }
}

/// Disjoint sets of row IDs.
struct UnionFind {
    private var parent: [Int64: Int64] = [:]

    mutating func find(_ x: Int64) -> Int64 {
        var root = x
        while let next = parent[root], next != root { root = next }
        var node = x
        while let next = parent[node], next != root {
            parent[node] = root
            node = next
        }
        return root
    }

    mutating func union(_ a: Int64, _ b: Int64) {
        let (ra, rb) = (find(a), find(b))
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }
}
