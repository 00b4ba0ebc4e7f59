import CStemCache
import Foundation
import GRDB
import Logging

/// An archive of news articles: content-addressed, versioned and deduplicated,
/// kept in a SQLite database inside a store directory.
///
/// ```swift
/// let store = try ArticleStore(at: URL(fileURLWithPath: "archive"))
/// let result = try await store.put(Data(text.utf8), key: "https://example.com/a")
/// for version in try await store.log(key: "https://example.com/a") { print(version.title) }
/// ```
///
/// A store may be used from many tasks at once, and by several processes:
/// writers take turns, readers never wait.
public final class ArticleStore: Sendable {
    /// The store directory.
    public let url: URL
    /// The settings the store was opened with.
    public let configuration: Configuration
    let pool: DatabasePool
    let codec: ObjectCodec
    let trainer: DictionaryTrainer
    /// Snapshots made to answer clones (``SyncRequest``'s snapshot message).
    let snapshots = SnapshotShelf()

    /// The database file inside a store directory.
    public static let databaseName = "store.sqlite"

    /// True when `url` holds a store.
    public static func exists(at url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(databaseName).path)
    }

    /// Opens the store at `url`, creating the directory and the database when
    /// they are missing (unless the configuration is read-only).
    public init(at url: URL, configuration: Configuration = Configuration()) throws {
        self.url = url
        self.configuration = configuration
        let codec = ObjectCodec(level: configuration.compressionLevel)
        self.codec = codec
        self.trainer = DictionaryTrainer(samplesNeeded: configuration.dictionarySamples)
        let path = url.appendingPathComponent(Self.databaseName).path
        if !configuration.readOnly {
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } catch {
                throw StoreError(.io, "cannot create the store directory", subject: url.path, underlying: error)
            }
        } else if !Self.exists(at: url) {
            throw StoreError(.notFound, "no store here", subject: url.path)
        }
        var db = GRDB.Configuration()
        db.readonly = configuration.readOnly
        db.busyMode = .timeout(configuration.busyTimeout)
        db.label = "ArticleStore"
        // The writer keeps references consistent itself, and `verify` checks
        // them (`checkReferences`). Enforcing them on every write
        // made each search-index insert about twice as slow.
        db.foreignKeysEnabled = false
        db.prepareDatabase { db in
            SearchBody.install(db, codec: codec)
            try Self.installStemCache(db)
            if !db.configuration.readonly {
                // 16 KB pages waste less space around ~1 KB compressed objects.
                // SQLite only honours this before the database file is created.
                try db.execute(sql: "PRAGMA page_size = 16384")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 16384")
                // Statement journals stay in memory. Inserts that fire triggers
                // keep one, and past 64 KiB (four pages) SQLite spills it to a
                // temporary file: a fresh import of 100,000 articles wrote
                // 3.2 GB to those files (strace), for a 185 MB store. Each is
                // emptied when its statement ends.
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
            }
            // The writer's cache holds the hash indexes, which take random
            // inserts. Readers get less: the 100,000-article import was no
            // slower with 4 MiB than with 32 MiB each, and its peak RSS was
            // 16 MiB lower (imports use several readers at once). Ranked
            // searches under 16 connections were no slower either (98, 102
            // against 102, 92 a second, alternating).
            try db.execute(sql: "PRAGMA cache_size = \(db.configuration.readonly ? -4096 : -32768)")
        }
        do {
            // Processes opening one store at once take turns while the
            // database is created and migrated: SQLite cannot switch a new
            // file to WAL while another connection holds it, and two
            // migrators would both create the same tables.
            let lock = configuration.readOnly ? nil : try OpeningLock(directory: url)
            defer { lock?.release() }
            pool = try DatabasePool(path: path, configuration: db)
            if !configuration.readOnly {
                try StoreSchema.migrator.migrate(pool)
            }
            configuration.logger.debug("opened store", metadata: ["path": "\(path)"])
            try pool.read { db in
                if let row = try Row.fetchOne(db, sql: "SELECT id, data FROM dictionary ORDER BY id DESC LIMIT 1") {
                    try codec.install(id: row["id"], bytes: [UInt8](row["data"] as Data), activate: true)
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.database, "cannot open the store", subject: path, underlying: error)
        }
    }

    /// Replaces FTS5's `porter` tokenizer, on this connection, with one that
    /// gives the same tokens and remembers the stems it has made: ranking a
    /// search re-tokenizes every text it ranks (see `search`).
    static func installStemCache(_ db: Database, as name: String = "porter") throws {
        let code = artstore_install_stem_cache(db.sqliteConnection, name)
        guard code == ResultCode.SQLITE_OK.rawValue else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot install the stem cache")
        }
    }

    /// Runs blocking work off the caller's task, on a global queue.
    func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try work() })
            }
        }
    }

    /// Wraps GRDB errors in a `StoreError` that names the store.
    func databaseError(_ error: any Error, _ what: String) -> any Error {
        if error is StoreError { return error }
        return StoreError(.database, what, subject: url.path, underlying: error)
    }
}
