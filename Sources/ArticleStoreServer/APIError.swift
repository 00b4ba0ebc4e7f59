import ArticleStore
import Foundation
import Hummingbird
import NIOCore

/// An error as the server answers it: an HTTP status and the JSON body
/// `{"code": "...", "message": "..."}` (schema `Error` in Schema/openapi.yaml).
@available(macOS 14, iOS 17, tvOS 17, *)
public struct APIError: Error, Sendable, Encodable {
    /// The HTTP status the error is answered with.
    public let status: HTTPResponse.Status
    /// A stable, machine-readable name such as `not-found`.
    public let code: String
    /// What went wrong, and where, for a person.
    public let message: String
    /// The methods a 405 names in `Allow`.
    var allowed: [String] = []
    /// Seconds for `Retry-After`, when the request may succeed later.
    var retryAfter: Int?

    /// An error answered with `status` and the body `{"code": code, "message": message}`.
    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    static func methodNotAllowed(_ method: String, allowed: [String]) -> APIError {
        var error = APIError(
            .methodNotAllowed, "method-not-allowed",
            "this path does not answer \(method); it answers \(allowed.joined(separator: ", "))")
        error.allowed = allowed
        return error
    }

    static func tooLarge(limit: Int) -> APIError {
        APIError(.contentTooLarge, "too-large", "the request body is over the server's limit of \(limit) bytes")
    }

    /// The answer for whatever a handler or the router threw. Errors the
    /// client did not cause say no more than `internal`: they are logged instead.
    public init(answering error: any Error) {
        switch error {
        case let error as APIError:
            self = error
        case let error as StoreError:
            switch error.code {
            case .invalidMessage, .invalidArgument, .invalidArticle:
                self.init(.badRequest, error.code.description, error.message)
            case .searchSyntax, .ambiguous:
                // What the client asked for, named: a search, a key, an ID prefix.
                self.init(.badRequest, error.code.description, error.description)
            case .notFound: self.init(.notFound, error.code.description, error.description)
            case .unauthorized: self.init(.unauthorized, error.code.description, error.message)
            case .forbidden: self.init(.forbidden, error.code.description, error.message)
            case .unavailable:
                // Said without the database's address; clients retry after Retry-After.
                self.init(.serviceUnavailable, error.code.description, "the server's database cannot be reached now")
                retryAfter = 1
            default: self = .internal
            }
        case is NIOTooManyBytesError:
            self.init(.contentTooLarge, "too-large", "the request body is over the server's limit")
        case let error as HTTPError where error.status == .notFound:
            // The router's answer for unknown paths and methods.
            self.init(.notFound, "not-found", "no such endpoint")
        case let error as HTTPError where error.status.kind == .clientError:
            self.init(error.status, "http-\(error.status.code)", error.body ?? error.status.reasonPhrase)
        default:
            self = .internal
        }
    }

    static let `internal` = APIError(.internalServerError, "internal", "the server could not answer the request")

    private enum CodingKeys: String, CodingKey {
        case code, message
    }

    /// The response carrying this error.
    public var response: Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        if !allowed.isEmpty { headers[.allow] = allowed.joined(separator: ", ") }
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        let body = (try? JSONEncoder().encode(self)) ?? Data()
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
