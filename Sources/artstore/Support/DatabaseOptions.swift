import ArgumentParser
import ArticleStore
import ArticleStorePostgres
import Foundation

/// `--database URL`, for commands that work on a hub in PostgreSQL.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A hub's PostgreSQL database, postgres://USER@HOST[:PORT]/DB (default: $ARTSTORE_DATABASE_URL).",
            discussion: "The password comes from $PGPASSWORD or the password file ($PGPASSFILE, ~/.pgpass)."))
    var database: String?

    /// The URL given, if any: the flag, then the environment.
    var url: String? {
        database ?? ProcessInfo.processInfo.environment["ARTSTORE_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A password on the command line would show in `ps` and shell history.
    func validate() throws {
        if let database, URLComponents(string: database)?.password != nil {
            throw ValidationError("put the password in $PGPASSWORD or ~/.pgpass, not in the command line")
        }
    }

    /// The database, or an error naming the flag when none was given.
    func required() throws -> HubDatabase {
        guard let url else {
            throw StoreError(.invalidArgument, "name the hub's database with --database or $ARTSTORE_DATABASE_URL")
        }
        return try HubDatabase(url: url)
    }

    /// Opens the hub, if a database was named.
    func openHub(connections: Int = 4, timeout: Duration = .seconds(10)) async throws -> PostgresHub? {
        guard url != nil else { return nil }
        return try await PostgresHub.open(try required(), connections: connections, timeout: timeout)
    }
}
