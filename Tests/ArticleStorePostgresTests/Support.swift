import ArticleStore
import ArticleStoreHTTP
import ArticleStoreServer
import Foundation
import Logging
import PostgresNIO
import Testing

@testable import ArticleStorePostgres

/// The tests that need PostgreSQL, one at a time: one of them restarts the server.
@Suite("PostgreSQL hub", .serialized, .enabled(if: TestDatabase.enabled))
struct HubTests {}

/// The PostgreSQL the hub tests run against: `$ARTSTORE_TEST_DATABASE_URL`
/// names a role that may create databases; each test gets a database of
/// its own, dropped afterwards. Without it the tests are skipped on a
/// developer's machine, and fail under `CI=true`.
enum TestDatabase {
    static let environment = ProcessInfo.processInfo.environment
    static var adminURL: String? { environment["ARTSTORE_TEST_DATABASE_URL"] }
    static var enabled: Bool { adminURL != nil || environment["CI"] == "true" }

    static func admin() throws -> HubDatabase {
        guard let adminURL else {
            throw StoreError(
                .invalidArgument, "CI=true, but ARTSTORE_TEST_DATABASE_URL names no PostgreSQL to test the hub on")
        }
        return try HubDatabase(url: adminURL)
    }

    /// Runs one statement as the admin role, outside a transaction.
    static func execute(_ sql: String, on database: HubDatabase) async throws {
        let client = PostgresClient(configuration: database.configuration)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await client.query(PostgresQuery(unsafeSQL: sql))
        }
    }

    /// Runs `body` with a new, initialised hub database, dropped afterwards.
    static func withHub<T>(_ body: (HubDatabase) async throws -> T) async throws -> T {
        let admin = try admin()
        let name = "artstore_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await execute("CREATE DATABASE \(name)", on: admin)
        var database = admin
        database.database = name
        do {
            try await PostgresHub.initialize(database)
            let result = try await body(database)
            try await execute("DROP DATABASE \(name) WITH (FORCE)", on: admin)
            return result
        } catch {
            try? await execute("DROP DATABASE \(name) WITH (FORCE)", on: admin)
            throw error
        }
    }
}

/// Servers over one hub database, each with its own `PostgresHub` (its
/// own connection pool), as separate `artstore serve --database`
/// processes would be.
struct HubServers {
    let database: HubDatabase
    let hubs: [PostgresHub]
    let servers: [RunningServer]
    let writeToken: String
    let readToken: String
    let directory: URL

    func url(_ index: Int) -> URL { URL(string: "http://127.0.0.1:\(servers[index].port)")! }

    func remote(_ index: Int = 0, token: String? = nil) -> HTTPRemote {
        HTTPRemote(url: url(index), token: token ?? writeToken)
    }

    /// A remote through a server picked at random.
    func anyRemote() -> HTTPRemote { remote(Int.random(in: 0..<servers.count)) }

    func store(_ name: String) throws -> ArticleStore {
        try ArticleStore(at: directory.appendingPathComponent(name))
    }

    /// Every object ID the hub holds.
    func hubIDs() async throws -> Set<ObjectID> {
        var ids = Set<ObjectID>()
        var since: [UInt8]?
        while true {
            let response = try await hubs[0].respond(to: SyncRequest(.changes(since: since, limit: 10_000)))
            guard case .changes(_, let batch, let checkpoint, let more) = response.message else { break }
            ids.formUnion(batch)
            since = checkpoint
            if !more { break }
        }
        return ids
    }

    static func with<T>(
        count: Int = 1, timeout: Duration = .seconds(30), _ body: (HubServers) async throws -> T
    ) async throws -> T {
        try await TestDatabase.withHub { database in
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("artstore-hub-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            var hubs: [PostgresHub] = []
            var servers: [RunningServer] = []
            func stop() async {
                for server in servers { await server.stop() }
                for hub in hubs { await hub.close() }
            }
            do {
                for _ in 0..<count {
                    let hub = try await PostgresHub.open(database, connections: 8, timeout: timeout)
                    hubs.append(hub)
                    servers.append(
                        try await SyncServer(
                            responder: hub, host: "127.0.0.1", port: 0, logger: Logger(label: "hub-test")
                        ).start())
                }
                let served = HubServers(
                    database: database, hubs: hubs, servers: servers,
                    writeToken: try await hubs[0].createToken(scope: .write, label: "writer"),
                    readToken: try await hubs[0].createToken(scope: .read, label: "reader"), directory: directory)
                let result = try await body(served)
                await stop()
                return result
            } catch {
                await stop()
                throw error
            }
        }
    }
}

extension ArticleStore {
    /// Every object ID the store holds.
    func allIDs() async throws -> Set<ObjectID> {
        Set(try await changeLog(after: 0, limit: Int.max).map(\.id))
    }

    /// Adds `count` articles with keys `prefix-0`...
    func addArticles(_ prefix: String, count: Int, edit: String = "") async throws {
        for index in 0..<count {
            _ = try await put(
                Data("Story \(prefix) \(index)\(edit)\n\nA paragraph about \(prefix), number \(index).\(edit)\n".utf8),
                key: "\(prefix)-\(index)")
        }
    }
}
