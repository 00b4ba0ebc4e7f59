import Foundation
import GRDB

/// What applying one batch of received objects changed.
struct ApplyResult: Sendable {
    /// Objects new to this store.
    var objects = 0
    /// Versions that became visible.
    var versions = 0
    /// The change log's last sequence number before and after the batch.
    var seqBefore: Int64 = 0
    var seqAfter: Int64 = 0
}

extension ArticleStore {
    /// Adds received pack entries to the store in one transaction. The
    /// entries' hashes were checked when the pack was read; here contents
    /// must be valid articles and version records canonical, or nothing is
    /// applied. Versions become visible, and heads move, only once their
    /// content and parents are all present.
    func apply(_ entries: [PackEntry]) async throws -> ApplyResult {
        try await commit(try await prepare(entries))
    }

    /// The first half of ``apply(_:)``: checks and compresses on all cores,
    /// and may run while the previous batch is written.
    func prepare(_ entries: [PackEntry]) async throws -> ReceivedBatch {
        let contents = entries.filter { $0.kind == .content }
        let sizeLimit = configuration.sizeLimit
        return try await offload { [self] in
            let prepared = try Parallel.map(contents) { entry in
                Result { try ReceivedContent(entry, sizeLimit: sizeLimit) }
            }.map { try $0.get() }
            let records = try entries.filter { $0.kind == .version }.map { entry in
                (entry, try VersionRecord(parsing: entry.payload, id: entry.id))
            }
            try trainDictionaryIfNeeded(prepared.map(\.bytes))
            let encoded = Parallel.map(prepared) { codec.encode($0.bytes) }
            return ReceivedBatch(contents: prepared, encoded: encoded, records: records)
        }
    }

    /// The second half of ``apply(_:)``: one write transaction.
    func commit(_ batch: ReceivedBatch) async throws -> ApplyResult {
        let (prepared, encoded, records) = (batch.contents, batch.encoded, batch.records)
        return try await offload { [self] in
            try write { db in
                var result = ApplyResult()
                result.seqBefore = try Self.lastSeq(db)
                let objects = ObjectRows(db: db, codec: codec)
                let near = NearIndex(db: db, objects: objects)
                for (content, blob) in zip(prepared, encoded) where try objects.rowID(of: content.id) == nil {
                    let row = try objects.insert(
                        content.id, size: content.bytes.count, fingerprint: content.fingerprint, blob: blob)
                    if let signature = content.near { try near.add(row, signature, skipping: []) }
                    result.objects += 1
                }
                try near.edges.flush(db)
                let writer = VersionWriter(db: db, codec: codec, imported: Date())
                let pending = PendingVersions(
                    db: db, writer: writer,
                    texts: Dictionary(prepared.map { ($0.id, $0.text) }, uniquingKeysWith: { first, _ in first }))
                // Records usually follow their content and parents; the
                // others wait, and are published once what they need is in.
                for (entry, record) in records where try !Self.holds(db, entry.id) {
                    result.objects += 1
                    if try pending.publish(record, id: entry.id) {
                        result.versions += 1
                    } else {
                        try db.cachedStatement(
                            sql: "INSERT OR ROLLBACK INTO pending_version (hash, record) VALUES (?, ?)"
                        )
                        .execute(arguments: [entry.id.data, Data(entry.payload)])
                    }
                }
                if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM pending_version)") == true {
                    result.versions += try pending.publishWaiting()
                }
                try writer.finish()
                result.seqAfter = try Self.lastSeq(db)
                return result
            }
        }
    }
}

/// Received pack entries, checked and compressed, ready to be written.
struct ReceivedBatch: Sendable {
    var contents: [ReceivedContent]
    var encoded: [EncodedBlob]
    var records: [(entry: PackEntry, record: VersionRecord)]
}

/// A received article content, checked and prepared off the writer.
struct ReceivedContent: Sendable {
    var id: ObjectID
    var text: ArticleText
    var bytes: [UInt8] { text.bytes }
    var fingerprint: Int64
    var near: NearSignature?

    init(_ entry: PackEntry, sizeLimit: Int) throws {
        let text = try Self.text(of: entry, sizeLimit: sizeLimit)
        id = entry.id
        self.text = text
        fingerprint = Fingerprint.of(text.bytes)
        near = NearSignature(body: ArticleText.bodyBytes(of: text.bytes))
    }

    /// The entry's text, if it is a valid article stored as received.
    static func text(of entry: PackEntry, sizeLimit: Int) throws -> ArticleText {
        let subject = "object \(entry.id.hex)"
        let text = try ArticleText.decode(entry.payload, encoding: .utf8, sizeLimit: sizeLimit, subject: subject)
        guard text.bytes == entry.payload else {
            throw StoreError(.invalidMessage, "content is not stored as received (byte order mark)", subject: subject)
        }
        return text
    }
}

extension PackEntry {
    /// Checks the entry as a store does before adding it: a content must be
    /// a valid article stored as received, a version record canonical.
    package func check(sizeLimit: Int) throws {
        switch kind {
        case .content: _ = try ReceivedContent.text(of: self, sizeLimit: sizeLimit)
        case .version: _ = try VersionRecord(parsing: payload, id: id)
        }
    }
}
