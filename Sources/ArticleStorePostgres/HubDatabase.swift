import ArticleStore
import Foundation
import PostgresNIO

/// Where a hub's PostgreSQL database is: parsed from a URL such as
/// `postgres://USER@HOST:PORT/DB?sslmode=require`.
///
/// The password comes from the URL, else `$PGPASSWORD`, else the password
/// file (`$PGPASSFILE`, by default `~/.pgpass`, in PostgreSQL's
/// `host:port:database:user:password` format). `sslmode` is `disable`,
/// `prefer` (the default) or `require`.
public struct HubDatabase: Sendable, CustomStringConvertible {
    /// The server's host name or address.
    public var host: String
    /// The server's port, 5432 unless the URL says otherwise.
    public var port: Int
    /// The role to connect as.
    public var user: String
    /// The database name; the user's name when the URL has none.
    public var database: String
    var password: String?
    var sslMode: String

    /// Parses `url`; throws `invalidArgument` (a `StoreError`) naming what is wrong.
    ///
    /// - Parameters:
    ///   - url: A `postgres://` or `postgresql://` URL.
    ///   - environment: Where `PGPASSWORD`, `PGPASSFILE` and `HOME` are read.
    public init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let shown = Self.redacting(url)
        guard let components = URLComponents(string: url), let scheme = components.scheme,
            ["postgres", "postgresql"].contains(scheme.lowercased())
        else {
            throw StoreError(.invalidArgument, "not a postgres:// URL", subject: shown)
        }
        guard let host = components.host, !host.isEmpty else {
            throw StoreError(.invalidArgument, "the URL names no host", subject: shown)
        }
        guard let user = components.user, !user.isEmpty else {
            throw StoreError(.invalidArgument, "the URL names no user (postgres://USER@HOST/DB)", subject: shown)
        }
        self.host = host
        self.port = components.port ?? 5432
        self.user = user.removingPercentEncoding ?? user
        let path = components.path.drop(while: { $0 == "/" })
        self.database = path.isEmpty ? self.user : String(path).removingPercentEncoding ?? String(path)
        let mode = components.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "prefer"
        guard ["disable", "prefer", "require"].contains(mode) else {
            throw StoreError(.invalidArgument, "sslmode is disable, prefer or require, not \(mode)", subject: shown)
        }
        self.sslMode = mode
        self.password =
            components.password?.removingPercentEncoding ?? environment["PGPASSWORD"]
            ?? Self.passwordFile(environment).flatMap {
                Self.password(in: $0, host: host, port: port, database: database, user: self.user)
            }
    }

    /// The URL without its password, for messages and logs.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// The client configuration.
    var configuration: PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        switch sslMode {
        case "disable": tls = .disable
        case "require": tls = .require(.makeClientConfiguration())
        default: tls = .prefer(.makeClientConfiguration())
        }
        return PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
    }

    static func redacting(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? "postgres://***"
    }

    static func passwordFile(_ environment: [String: String]) -> String? {
        let path = environment["PGPASSFILE"] ?? environment["HOME"].map { $0 + "/.pgpass" }
        return path.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }
    }

    /// The first matching line's password in a password file, where `*`
    /// matches anything and `\:` and `\\` stand for `:` and `\`.
    static func password(in file: String, host: String, port: Int, database: String, user: String) -> String? {
        for line in file.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            var fields: [String] = []
            var field = ""
            var escaped = false
            for character in line {
                if escaped {
                    field.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == ":" && fields.count < 4 {
                    fields.append(field)
                    field = ""
                } else {
                    field.append(character)
                }
            }
            fields.append(field)
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields, wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }
}
