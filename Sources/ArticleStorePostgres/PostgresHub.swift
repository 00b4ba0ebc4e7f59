import ArticleStore
import Foundation
import Logging
import PostgresNIO

/// A hub whose objects, change log and tokens live in PostgreSQL, so that
/// any number of `artstore serve --database URL` processes, on any
/// machines, can answer for one archive (Schema/hub.md).
///
/// It answers the same sync requests as an `ArticleStore` (it is a
/// `SyncResponder`), so clients cannot tell the two apart. It keeps no
/// state of its own between requests: everything is in the database.
///
/// ```swift
/// let database = try HubDatabase(url: "postgres://artstore@db.example/archive")
/// try await PostgresHub.initialize(database)
/// let hub = try await PostgresHub.open(database)
/// let token = try await hub.createToken(scope: .write)
/// ```
public final class PostgresHub: SyncResponder {
    /// The database the hub is in.
    public let database: HubDatabase
    /// The hub's identity: 32 hex digits, like a store's.
    public let id: String
    /// The largest object accepted in a push, in bytes (a store's default).
    public let sizeLimit: Int
    /// How long one request waits for the database before it is answered
    /// `unavailable` (503 over HTTP).
    public let timeout: Duration
    let client: PostgresClient
    let logger: Logger
    private let running: Task<Void, Never>

    private init(
        database: HubDatabase, client: PostgresClient, running: Task<Void, Never>, id: String, timeout: Duration,
        logger: Logger
    ) {
        self.timeout = timeout
        self.database = database
        self.client = client
        self.running = running
        self.id = id
        self.logger = logger
        self.sizeLimit = ArticleStore.Configuration().sizeLimit
    }

    /// Connects to a hub made by ``initialize(_:logger:)``. Throws when the
    /// database cannot be reached, or holds no hub or one of another version.
    ///
    /// - Parameters:
    ///   - database: Where the hub is.
    ///   - connections: The most connections this process opens to the database.
    ///   - timeout: How long one request waits for the database.
    ///   - logger: Where the client logs.
    public static func open(
        _ database: HubDatabase, connections: Int = 16, timeout: Duration = .seconds(10),
        logger: Logger = Logger(label: "artstore.hub")
    ) async throws -> PostgresHub {
        let (client, running) = start(database, connections: connections, logger: logger)
        do {
            let version = try await HubSQL.schemaVersion(client, database, timeout: timeout)
            guard version == HubSchema.latest else {
                throw StoreError(
                    .database,
                    version == 0
                        ? "the database holds no hub: run `artstore hub init --database URL` first"
                        : "the hub's schema is version \(version); this build reads version \(HubSchema.latest)",
                    subject: database.description)
            }
            let rows = try await HubSQL.run(
                client, database, "SELECT value FROM hub_info WHERE name = 'id'", timeout: timeout)
            var id = ""
            for row in rows { id = try row.decode(String.self) }
            return PostgresHub(
                database: database, client: client, running: running, id: id, timeout: timeout, logger: logger)
        } catch {
            running.cancel()
            await running.value
            throw error
        }
    }

    /// Creates the hub's tables in `database`, or applies the migrations a
    /// hub made by an older build lacks. Returns the migrations applied:
    /// none when the hub is current. Safe to run from several processes at once.
    @discardableResult
    public static func initialize(_ database: HubDatabase, logger: Logger = Logger(label: "artstore.hub")) async throws
        -> [String]
    {
        let (client, running) = start(database, connections: 1, logger: logger)
        defer { running.cancel() }
        return try await HubSQL.transaction(client, database, logger) { connection in
            try await connection.query(PostgresQuery(unsafeSQL: HubSchema.ledger), logger: logger)
            try await connection.query("LOCK TABLE hub_migration IN EXCLUSIVE MODE", logger: logger)
            var applied: Set<Int> = []
            for try await version in try await connection.query(
                "SELECT version FROM hub_migration", logger: logger
            ).decode(Int.self) {
                applied.insert(version)
            }
            var names: [String] = []
            for migration in HubSchema.migrations where !applied.contains(migration.version) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO hub_migration (version, name) VALUES (\(migration.version), \(migration.name))",
                    logger: logger)
                names.append(migration.name)
            }
            if applied.isEmpty {
                var random = SystemRandomNumberGenerator()
                let id = Hex.encode((0..<16).map { _ in UInt8.random(in: 0...255, using: &random) })
                try await connection.query(
                    "INSERT INTO hub_info (name, value) VALUES ('id', \(id)) ON CONFLICT (name) DO NOTHING",
                    logger: logger)
            }
            return names
        }
    }

    /// Runs one statement, within ``timeout``.
    @discardableResult
    func run(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await HubSQL.run(client, database, query, timeout: timeout)
    }

    /// Runs `body` in one transaction, within ``timeout``, or without a
    /// limit when `limited` is false.
    func transaction<T: Sendable>(
        limited: Bool = true, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await HubSQL.transaction(client, database, logger, timeout: limited ? timeout : nil, body)
    }

    /// Closes the hub's connections. Requests after this fail.
    public func close() async {
        running.cancel()
        await running.value
    }

    private static func start(
        _ database: HubDatabase, connections: Int, logger: Logger
    ) -> (PostgresClient, Task<Void, Never>) {
        var configuration = database.configuration
        configuration.options.maximumConnections = max(1, connections)
        configuration.options.minimumConnections = 0
        // The client warns when a query is queued before `run()` has begun,
        // which the first query after `start` may be: it waits, and runs.
        var background = logger
        background.logLevel = max(logger.logLevel, .error)
        let client = PostgresClient(configuration: configuration, backgroundLogger: background)
        return (client, Task { await client.run() })
    }
}
