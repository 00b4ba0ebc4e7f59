import Foundation
import GRDB

extension ArticleStore {
    /// A snapshot download in progress, kept next to it so that a clone
    /// that was cut off resumes where it stopped.
    struct SnapshotDownload: Codable {
        var id: String
        var size: Int
        var sha256: String
        var remoteID: String
        var checkpoint: String
    }

    private static let downloadName = "snapshot.partial"
    private static let downloadStateName = "snapshot.json"

    /// Clones by downloading a snapshot of the remote's store, then checking
    /// it as `verify` does (every object re-hashed, every version re-derived,
    /// heads recomputed) before it becomes the new store. The new store gets
    /// its own ID and a checkpoint of the remote, and its change log is
    /// rebuilt from its objects. Its search and near-duplicate indexes come
    /// as the remote built them; `verify` checks the search index, `reindex`
    /// rebuilds both.
    ///
    /// Returns nil, leaving nothing behind, when the remote offers no
    /// snapshot (a folder, an older server) or its store has another schema.
    static func cloneFromSnapshot(
        _ remote: any Remote, into url: URL, configuration: Configuration,
        progress: (@Sendable (StoreProgress) -> Void)?
    ) async throws -> (ArticleStore, SyncReport)? {
        let clock = ContinuousClock.now
        let file = url.appendingPathComponent(downloadName)
        let stateFile = url.appendingPathComponent(downloadStateName)
        var session = SyncSession(remote)
        var state =
            FileManager.default.fileExists(atPath: file.path)
            ? try? JSONDecoder().decode(SnapshotDownload.self, from: Data(contentsOf: stateFile)) : nil
        var offset = state == nil ? 0 : Self.fileSize(file.path)
        func discard() {
            try? FileManager.default.removeItem(at: file)
            try? FileManager.default.removeItem(at: stateFile)
            if (try? FileManager.default.contentsOfDirectory(atPath: url.path))?.isEmpty == true {
                try? FileManager.default.removeItem(at: url)
            }
        }
        repeat {
            let request = SyncRequest(.snapshot(id: state.flatMap { Hex.decode($0.id) }, offset: offset))
            let response: SyncResponse
            do {
                response = try await session.send(request)
            } catch  where session.report.roundTrips == 0 {
                // A remote that cannot answer (an older server, a folder)
                // may still serve objects; a real fault shows up there too.
                configuration.logger.debug("no snapshot to clone from", metadata: ["reason": "\(error)"])
                discard()
                return nil
            }
            guard case .snapshot(let part) = response.message else {
                throw SyncSession.unexpected(response, to: "snapshot")
            }
            guard !part.id.isEmpty else {
                discard()
                return nil
            }
            if state?.id != Hex.encode(part.id) {
                // A new snapshot, or one in place of the one begun, which is gone.
                state = SnapshotDownload(
                    id: Hex.encode(part.id), size: part.size, sha256: Hex.encode(part.sha256),
                    remoteID: part.remoteID, checkpoint: Hex.encode(part.checkpoint))
                offset = 0
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
                guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
                    throw StoreError(.io, "cannot create the download", subject: file.path)
                }
                try JSONEncoder().encode(state).write(to: stateFile)
            }
            try append(part, to: file.path, at: offset, expecting: state!)
            offset += part.length
            progress?(StoreProgress(done: offset, total: part.size))
        } while offset < state!.size

        do {
            let (size, sha256) = try fileHash(file.path)
            guard size == state!.size, Hex.encode(sha256) == state!.sha256 else {
                throw StoreError(
                    .invalidMessage, "the downloaded snapshot does not match its SHA-256", subject: file.path)
            }
            guard
                let counts = try checkSnapshot(
                    file.path, from: remote.location, state: state!, configuration: configuration)
            else {
                configuration.logger.info("the remote's store has another schema; cloning object by object")
                discard()
                return nil
            }
            try FileManager.default.moveItem(at: file, to: url.appendingPathComponent(databaseName))
            try? FileManager.default.removeItem(at: stateFile)
            session.report.received = counts.objects + counts.versions
            session.report.versions = counts.versions
        } catch {
            discard()
            throw error
        }
        let store = try ArticleStore(at: url, configuration: configuration)
        session.report.conflicts = try await store.conflicts().map(\.key)
        session.report.elapsed = (ContinuousClock.now - clock).seconds
        return (store, session.report)
    }

    /// Checks a part against the snapshot begun and writes it at `offset`.
    private static func append(
        _ part: SnapshotPart, to path: String, at offset: Int, expecting state: SnapshotDownload
    ) throws {
        guard part.offset == offset, part.size == state.size, Hex.encode(part.sha256) == state.sha256,
            part.length > 0 || offset == part.size, part.length <= SnapshotPart.partSize,
            offset + part.length <= part.size
        else {
            throw StoreError(
                .invalidMessage,
                "the remote sent a snapshot part that does not fit (\(part.length) bytes at \(part.offset))")
        }
        guard let bytes = Zstd.decompress(part.bytes, size: part.length) else {
            throw StoreError(
                .invalidMessage, "a snapshot part at \(offset) does not decompress to \(part.length) bytes")
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw StoreError(.io, "cannot write the download", subject: path)
        }
        defer { try? handle.close() }
        try handle.truncate(atOffset: UInt64(offset))
        try handle.write(contentsOf: bytes)
        try handle.synchronize()
    }

    /// Checks a downloaded snapshot and makes it this machine's store: its
    /// own ID, a checkpoint of `location`, a change log rebuilt from its
    /// objects. Returns the objects and versions checked, or nil when the
    /// snapshot's schema is not the one this version of the library makes.
    private static func checkSnapshot(
        _ path: String, from location: String, state: SnapshotDownload, configuration: Configuration
    ) throws -> (objects: Int, versions: Int)? {
        var options = GRDB.Configuration()
        options.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: path, configuration: options)
        defer { try? queue.close() }
        let expected = try schema(of: try DatabaseQueue())
        guard (try? schema(of: queue, migrate: false)) == expected else { return nil }
        var report = VerifyReport()
        do {
            try queue.read { db in
                for message in try String.fetchAll(db, sql: "PRAGMA quick_check") where message != "ok" {
                    report.problem("database", message)
                }
                if report.problems.isEmpty {
                    try checkHistory(
                        db, codec: ObjectCodec(level: configuration.compressionLevel),
                        sizeLimit: configuration.sizeLimit,
                        &report, nil)
                }
            }
        } catch let error as DatabaseError {
            report.problem("database", error.message ?? "\(error)")
        }
        if let problem = report.problems.first {
            throw StoreError(
                .invalidMessage,
                "the remote's snapshot fails verification (\(report.problems.count) problems): "
                    + "\(problem.subject): \(problem.message)", subject: location)
        }
        try queue.write { db in
            try db.execute(sql: "UPDATE store_info SET value = lower(hex(randomblob(16))) WHERE name = 'id'")
            try db.execute(
                sql: """
                    DELETE FROM change;
                    INSERT INTO change (hash) SELECT hash FROM object ORDER BY id;
                    INSERT INTO change (hash) SELECT hash FROM version ORDER BY id;
                    INSERT INTO change (hash) SELECT hash FROM pending_version ORDER BY id;
                    """)
            // Everything here came from the remote: nothing to push back.
            try db.execute(
                sql: """
                    INSERT INTO sync_state (location, remote_id, checkpoint, pushed)
                    VALUES (?, ?, ?, (SELECT ifnull(max(seq), 0) FROM change))
                    """, arguments: [location, state.remoteID, Hex.decode(state.checkpoint).map { Data($0) }])
        }
        return (report.objects, report.versions)
    }

    /// The schema entries and applied migrations of a database; of a new
    /// store's when `migrate` is true.
    private static func schema(of queue: DatabaseQueue, migrate: Bool = true) throws -> [String] {
        if migrate { try StoreSchema.migrator.migrate(queue) }
        return try queue.read { db in
            try String.fetchAll(
                db, sql: "SELECT type || ' ' || name || ' ' || tbl_name || ' ' || ifnull(sql, '') FROM sqlite_master"
            )
            .sorted() + String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
        }
    }

    private static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
