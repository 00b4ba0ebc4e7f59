import ArticleStore
import Foundation
import Hummingbird

/// Finds the scope of a request's `Authorization: Bearer TOKEN`. The token
/// itself goes nowhere but to the responder, which compares hashes.
@available(macOS 14, iOS 17, tvOS 17, *)
struct BearerAuth: Sendable {
    let responder: any SyncResponder

    /// The scope of the request's token; throws 401 when there is no token
    /// or the responder did not issue it.
    func scope(of request: Request) async throws -> TokenScope {
        guard let token = request.headers[.authorization].flatMap(Self.token(inHeader:)) else {
            throw APIError(.unauthorized, "unauthorized", "a bearer token is required")
        }
        guard let scope = try await responder.scope(ofToken: token) else {
            throw APIError(.unauthorized, "unauthorized", "the token is not valid here")
        }
        return scope
    }

    /// The token in an `Authorization` value of the form `Bearer TOKEN`.
    static func token(inHeader value: String) -> String? {
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
