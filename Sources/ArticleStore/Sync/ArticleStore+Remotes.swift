import GRDB

/// A remote saved in the store under a name, as `artstore remote add` does.
public struct RemoteInfo: Sendable, Codable, Equatable {
    /// The name commands use, such as `origin`.
    public var name: String
    /// A URL (`http://…`, `https://…`) or a folder path.
    public var location: String
    /// The file holding the access token, if one was named. The token itself is never stored.
    public var tokenFile: String?

    /// A remote named `name` at `location` (a folder path or an http(s) URL).
    public init(name: String, location: String, tokenFile: String? = nil) {
        self.name = name
        self.location = location
        self.tokenFile = tokenFile
    }
}

extension ArticleStore {
    /// Saves a remote under `name`, replacing one of the same name.
    public func addRemote(_ remote: RemoteInfo) async throws {
        guard !remote.name.isEmpty, !remote.name.contains(where: \.isWhitespace), !remote.name.contains("/") else {
            throw StoreError(.invalidArgument, "a remote name has no spaces or slashes", subject: remote.name)
        }
        try await update { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO remote (name, location, token_file) VALUES (?, ?, ?)",
                arguments: [remote.name, remote.location, remote.tokenFile])
        }
    }

    /// The saved remotes, by name.
    public func remotes() async throws -> [RemoteInfo] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT name, location, token_file FROM remote ORDER BY name").map {
                RemoteInfo(name: $0["name"], location: $0["location"], tokenFile: $0["token_file"])
            }
        }
    }

    /// Forgets a saved remote and its checkpoints.
    public func removeRemote(named name: String) async throws {
        let removed = try await update { db in
            let location = try String.fetchOne(db, sql: "SELECT location FROM remote WHERE name = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM remote WHERE name = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM sync_state WHERE location = ?", arguments: [location])
            return location != nil
        }
        if !removed { throw StoreError(.notFound, "no remote of this name", subject: name) }
    }
}
