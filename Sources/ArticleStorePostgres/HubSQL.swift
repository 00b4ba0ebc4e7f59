import ArticleStore
import Foundation
import Logging
import PostgresNIO

/// Runs the hub's queries, turning PostgreSQL's errors into `StoreError`s
/// that say what failed: `unavailable` when the database cannot be reached
/// (the request may be retried), `database` with PostgreSQL's own message
/// otherwise. postgres-nio hides the server's message from its errors'
/// descriptions, so that they cannot leak data into logs; the hub's
/// statements bind no secrets, so the message is shown.
enum HubSQL {
    /// Runs one statement and reads all its rows, within `timeout`: an
    /// error while the rows arrive (PostgreSQL stopped mid-answer) is turned
    /// into a `StoreError` too. Read lazily, it reached the client as a
    /// 500 instead of a retryable 503 (CI).
    @discardableResult
    static func run(
        _ client: PostgresClient, _ database: HubDatabase, _ query: PostgresQuery, timeout: Duration? = nil
    ) async throws -> [PostgresRow] {
        try await deadline(timeout, database) { try await client.query(query).collect() }
    }

    static func transaction<T: Sendable>(
        _ client: PostgresClient, _ database: HubDatabase, _ logger: Logger, timeout: Duration? = nil,
        _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await deadline(timeout, database) {
            try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        }
    }

    /// Runs `body`, giving up after `timeout`: while the database is down,
    /// the client waits for a connection without end, and a request must
    /// get an answer instead (503, `unavailable`). The answer does not wait
    /// for `body` to end: a query on a connection whose server was stopped
    /// ignored cancellation, and a task group, which waits for all its
    /// tasks, held a request for 90 s until the client gave up (CI).
    static func deadline<T: Sendable>(
        _ timeout: Duration?, _ database: HubDatabase, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        do {
            guard let timeout else { return try await body() }
            let answer = FirstAnswer<T>()
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    answer.wait(continuation)
                    answer.work = Task {
                        do { answer.give(.success(try await body())) } catch { answer.give(.failure(error)) }
                    }
                    answer.timer = Task {
                        try? await Task.sleep(for: timeout)
                        answer.give(
                            .failure(
                                StoreError(
                                    .unavailable, "the hub's database did not answer within \(timeout)",
                                    subject: database.description)))
                    }
                }
            } onCancel: {
                answer.give(.failure(CancellationError()))
            }
        } catch {
            throw storeError(error, database)
        }
    }

    /// The first of several answers, given once; the others cancel the rest.
    private final class FirstAnswer<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<T, any Error>?
        private var early: Result<T, any Error>?
        private var done = false
        var work: Task<Void, Never>? {
            get { lock.withLock { workTask } }
            set { lock.withLock { workTask = newValue } }
        }
        var timer: Task<Void, Never>? {
            get { lock.withLock { timerTask } }
            set { lock.withLock { timerTask = newValue } }
        }
        private var workTask: Task<Void, Never>?
        private var timerTask: Task<Void, Never>?

        func wait(_ continuation: CheckedContinuation<T, any Error>) {
            let ready = lock.withLock { () -> Result<T, any Error>? in
                if let early { return early }
                self.continuation = continuation
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }

        func give(_ result: Result<T, any Error>) {
            let (waiting, tasks) = lock.withLock {
                () -> (CheckedContinuation<T, any Error>?, [Task<Void, Never>?]) in
                guard !done else { return (nil, []) }
                done = true
                if continuation == nil { early = result }
                defer { continuation = nil }
                return (continuation, [workTask, timerTask])
            }
            for task in tasks { task?.cancel() }
            waiting?.resume(with: result)
        }
    }

    /// The version of the newest migration applied; 0 for a database without a hub.
    static func schemaVersion(
        _ client: PostgresClient, _ database: HubDatabase, timeout: Duration? = nil
    ) async throws -> Int {
        let exists = try await run(
            client, database, "SELECT to_regclass('hub_migration') IS NOT NULL", timeout: timeout)
        for row in exists where try !row.decode(Bool.self) { return 0 }
        var version = 0
        for row in try await run(
            client, database, "SELECT coalesce(max(version), 0) FROM hub_migration", timeout: timeout)
        {
            version = try row.decode(Int.self)
        }
        return version
    }

    static func storeError(_ error: any Error, _ database: HubDatabase) -> any Error {
        switch error {
        case let error as StoreError: return error
        case let error as PostgresTransactionError:
            if let inner = error.closureError ?? error.commitError ?? error.beginError {
                return storeError(inner, database)
            }
            return StoreError(.database, "a transaction failed", subject: database.description, underlying: error)
        case let error as PSQLError:
            if let message = error.serverInfo?[.message] {
                let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                // 08: connection exceptions; 57P01-57P03: the server is shutting down or
                // starting; 40001 and 40P01: a serialization failure or deadlock, which
                // a retry of the same request resolves.
                let code = error.serverInfo?[.sqlState] ?? ""
                let unavailable = ["08", "57P0", "40001", "40P01"].contains { code.hasPrefix($0) }
                // Not `underlying`: its description says only that it hides the message.
                return StoreError(
                    unavailable ? .unavailable : .database, "PostgreSQL: \(message)\(state)",
                    subject: database.description)
            }
            return StoreError(
                .unavailable, "the hub's database cannot be reached (\(error.code))", subject: database.description,
                underlying: error)
        case is CancellationError: return error
        default:
            return StoreError(
                .unavailable, "the hub's database cannot be reached: \(error)", subject: database.description,
                underlying: error)
        }
    }
}
