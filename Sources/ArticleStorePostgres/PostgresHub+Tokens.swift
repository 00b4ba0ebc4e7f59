import ArticleStore
import Foundation
import PostgresNIO

extension PostgresHub {
    /// Creates an access token for the hub and returns it. It is shown
    /// only here: the hub keeps its SHA-256, as a store does.
    public func createToken(scope: TokenScope, label: String? = nil) async throws -> String {
        let token = TokenInfo.newToken()
        let hash = ByteBuffer(data: TokenInfo.hash(of: token))
        let created = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        try await run(
            "INSERT INTO hub_token (hash, scope, created, label) VALUES (\(hash), \(scope.rawValue), \(created), \(label))"
        )
        return token
    }

    /// The tokens the hub has issued, oldest first.
    public func tokens() async throws -> [TokenInfo] {
        let rows = try await run("SELECT hash, scope, created, label FROM hub_token ORDER BY created")
        var tokens: [TokenInfo] = []
        for row in rows {
            let (hash, scope, created, label) = try row.decode((ByteBuffer, String, Int64, String?).self)
            tokens.append(TokenInfo(hash: Data(buffer: hash), scope: scope, created: created, label: label))
        }
        return tokens
    }

    /// Revokes the tokens whose `TokenInfo.id` starts with `id`; returns how many.
    public func revokeToken(id: String) async throws -> Int {
        try TokenInfo.checkID(id)
        let rows = try await run(
            "DELETE FROM hub_token WHERE encode(hash, 'hex') LIKE \(id.lowercased() + "%") RETURNING 1")
        return rows.count
    }
}
