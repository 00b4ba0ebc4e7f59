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

extension TokenInfo {
    /// A new random token: `ast_` and 64 hex digits.
    package static func newToken() -> String {
        var random = SystemRandomNumberGenerator()
        return "ast_" + Hex.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &random) })
    }

    /// What a store keeps of a token: its SHA-256.
    package static func hash(of token: String) -> Data { Data(SHA256.hash(data: Data(token.utf8))) }

    /// The ``id`` of the token whose hash is `hash`.
    static func id(ofHash hash: Data) -> String { String(Hex.encode(hash).prefix(8)) }

    /// Throws unless `id` can name tokens to revoke: at least 4 hex digits.
    package static func checkID(_ id: String) throws {
        guard id.count >= 4, Hex.isHex(id) else {
            throw StoreError(.invalidArgument, "a token ID has at least 4 hex digits", subject: id)
        }
    }

    /// A listed token, from what a store keeps of it.
    package init(hash: Data, scope: String, created: Int64, label: String?) {
        self.init(
            id: Self.id(ofHash: hash), scope: TokenScope(rawValue: scope) ?? .read,
            created: VersionRecord.date(created),
            label: label)
    }
}

extension ArticleStore {
    /// Creates an access token for serving this store and returns it. The
    /// token is shown only here: the store keeps only its SHA-256.
    public func createToken(scope: TokenScope, label: String? = nil) async throws -> String {
        let token = TokenInfo.newToken()
        let hash = TokenInfo.hash(of: token)
        try await update { db in
            try db.execute(
                sql: "INSERT INTO token (hash, scope, created, label) VALUES (?, ?, ?, ?)",
                arguments: [hash, scope.rawValue, VersionRecord.milliseconds(Date()), label])
        }
        return token
    }

    /// The scope of `token`, or nil when the store did not issue it.
    public func scope(ofToken token: String) async throws -> TokenScope? {
        let hash = TokenInfo.hash(of: token)
        return try await read { db in
            try String.fetchOne(db, sql: "SELECT scope FROM token WHERE hash = ?", arguments: [hash])
                .flatMap(TokenScope.init(rawValue:))
        }
    }

    /// The tokens the store has issued, oldest first.
    public func tokens() async throws -> [TokenInfo] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT hash, scope, created, label FROM token ORDER BY created").map { row in
                TokenInfo(hash: row["hash"], scope: row["scope"], created: row["created"], label: row["label"])
            }
        }
    }

    /// Revokes the tokens whose ``TokenInfo/id`` starts with `id`; returns how many.
    public func revokeToken(id: String) async throws -> Int {
        try TokenInfo.checkID(id)
        return try await update { db in
            try db.execute(
                sql: "DELETE FROM token WHERE substr(lower(hex(hash)), 1, ?) = ?",
                arguments: [id.count, id.lowercased()])
            return db.changesCount
        }
    }
}
