import ArticleStore
import ArticleStoreServer
import Foundation
import Hummingbird
import NIOCore

/// Wraps each page: checks the session, renders the page as HTML or JSON,
/// turns errors into error pages, and adds the security headers.
@available(macOS 14, iOS 17, tvOS 17, *)
struct WebResponder: Sendable {
    let store: ArticleStore
    let sessions: SessionStore

    static let cookieName = "artstore_session"

    /// Only the server's own files: no inline script or style, no frames,
    /// forms post only here.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'"

    static func secured(_ headers: HTTPFields) -> HTTPFields {
        var headers = headers
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        // Not no-referrer: with it a browser sends `Origin: null` on form posts, which the Origin check refuses.
        headers[.referrerPolicy] = "same-origin"
        if headers[.cacheControl] == nil { headers[.cacheControl] = "no-store" }
        return headers
    }

    /// The scope the request is signed in with: its session cookie, or a
    /// bearer token; nil when it has neither.
    func scope(of request: Request) async throws -> TokenScope? {
        if let cookie = request.cookies[Self.cookieName],
            let scope = await sessions.scope(ofSession: cookie.value)
        {
            return scope
        }
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                return try await store.scope(ofToken: parts[1].trimmingCharacters(in: .whitespaces))
            }
        }
        return nil
    }

    func page(
        _ request: Request, _ context: BasicRequestContext, json: Bool,
        _ build: @Sendable (Request, BasicRequestContext) async throws -> any WebPage
    ) async throws -> Response {
        guard try await scope(of: request) != nil else {
            if json { throw APIError(.unauthorized, "unauthorized", "sign in, or send a bearer token") }
            return Self.redirect(to: Links.query("/login", [("next", Self.localTarget(of: request))]))
        }
        do {
            let page = try await build(request, context)
            if json { return try Self.json(page) }
            let document = Layout.document(
                title: page.title, section: page.section, changeFeed: page.changeFeed, signedIn: true,
                content: page.body)
            return Self.html(document)
        } catch  where !json {
            let answer = APIError(answering: error)
            if answer.status == .internalServerError {
                context.logger.error("GET \(request.uri.path) failed: \(error)")
            }
            let page = ErrorPage(status: Int(answer.status.code), message: answer.message)
            let document = Layout.document(
                title: page.title, section: .none, changeFeed: nil, signedIn: true, content: page.body)
            return Self.html(document, status: answer.status)
        }
    }

    /// An Atom feed, for a signed-in browser or a feed reader with a bearer token.
    func feed(_ request: Request, _ context: BasicRequestContext, _ build: @Sendable () async throws -> String)
        async throws -> Response
    {
        guard try await scope(of: request) != nil else {
            throw APIError(.unauthorized, "unauthorized", "sign in, or send a bearer token")
        }
        return Response(
            status: .ok, headers: Self.secured([.contentType: "application/atom+xml; charset=utf-8"]),
            body: ResponseBody(byteBuffer: ByteBuffer(string: try await build())))
    }

    static func html(_ document: HTML, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        return Response(
            status: status, headers: secured(fields),
            body: ResponseBody(byteBuffer: ByteBuffer(string: document.markup)))
    }

    static func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        // RFC 3339 with milliseconds, in UTC, as the command line's --json writes dates.
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(
            status: .ok, headers: secured([.contentType: "application/json"]),
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    static func redirect(to location: String, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.location] = location
        return Response(status: .seeOther, headers: secured(fields))
    }

    /// The request's path and query, to come back to after signing in.
    static func localTarget(of request: Request) -> String {
        request.uri.query.map { "\(request.uri.path)?\($0)" } ?? request.uri.path
    }
}

/// What a page that failed shows.
struct ErrorPage: WebPage {
    let status: Int
    let message: String
    var title: String { status == 404 ? "Not found" : status < 500 ? "Bad request" : "Server error" }
    var section: Section { .none }
    var body: HTML { "<p class=\"error\" role=\"alert\">\(message)</p><p><a href=\"/\">Home</a></p>" }
}
