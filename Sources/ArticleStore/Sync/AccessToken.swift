import Crypto
import Foundation
import GRDB

/// What an access token allows on a served store.
public enum TokenScope: String, Sendable, Codable, CaseIterable {
    /// Pull and clone.
    case read
    /// Pull, clone and push.
    case write

    /// True when a token of this scope may do what `needed` allows.
    public func allows(_ needed: TokenScope) -> Bool { self == .write || needed == .read }
}

/// An access token as the store lists it: never the token itself.
public struct TokenInfo: Sendable, Codable, Equatable {
    /// The first 8 hex digits of the token's SHA-256, to tell tokens apart.
    public var id: String
    /// What the token allows.
    public var scope: TokenScope
    /// When it was created.
    public var created: Date
    /// The label given at creation, if any.
    public var label: String?
}

extension ArticleStore {
    /// Creates an access token for serving this store and returns it. The
    /// token is shown only here: the store keeps only its SHA-256.
    public func createToken(scope: TokenScope, label: String? = nil) async throws -> String {
        var random = SystemRandomNumberGenerator()
        let token = "ast_" + Hex.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &random) })
        let hash = Data(SHA256.hash(data: Data(token.utf8)))
        try await update { db in
            try db.execute(
                sql: "INSERT INTO token (hash, scope, created, label) VALUES (?, ?, ?, ?)",
                arguments: [hash, scope.rawValue, VersionRecord.milliseconds(Date()), label])
        }
        return token
    }

    /// The scope of `token`, or nil when the store did not issue it.
    public func scope(ofToken token: String) async throws -> TokenScope? {
        let hash = Data(SHA256.hash(data: Data(token.utf8)))
        return try await read { db in
            try String.fetchOne(db, sql: "SELECT scope FROM token WHERE hash = ?", arguments: [hash])
                .flatMap(TokenScope.init(rawValue:))
        }
    }

    /// The tokens the store has issued, oldest first.
    public func tokens() async throws -> [TokenInfo] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT hash, scope, created, label FROM token ORDER BY created").map { row in
                TokenInfo(
                    id: String(Hex.encode(row["hash"] as Data).prefix(8)),
                    scope: TokenScope(rawValue: row["scope"]) ?? .read,
                    created: VersionRecord.date(row["created"]), label: row["label"])
            }
        }
    }

    /// Revokes the tokens whose ``TokenInfo/id`` starts with `id`; returns how many.
    public func revokeToken(id: String) async throws -> Int {
        guard id.count >= 4, Hex.isHex(id) else {
            throw StoreError(.invalidArgument, "a token ID has at least 4 hex digits", subject: id)
        }
        return try await update { db in
            try db.execute(
                sql: "DELETE FROM token WHERE substr(lower(hex(hash)), 1, ?) = ?",
                arguments: [id.count, id.lowercased()])
            return db.changesCount
        }
    }
}
