import ArticleStore
import ArticleStoreServer
import Foundation
import Hummingbird

/// Signing in and out: the login form, one-time login links, and the
/// session cookie (`HttpOnly`, `SameSite=Strict`, `Secure` behind https).
@available(macOS 14, iOS 17, tvOS 17, *)
struct Login: Sendable {
    let store: ArticleStore
    let sessions: SessionStore

    /// `GET /login`: redeems `?code=` from a login link, or shows the form.
    func form(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let next = Self.safeNext(query["next"].map(String.init))
        if let code = query["code"] {
            guard let scope = await sessions.redeem(code: String(code)) else {
                return Self.page(
                    next: next, problem: "This login link has been used or has expired.", status: .unauthorized)
            }
            return await signedIn(scope: scope, request: request, next: next)
        }
        return Self.page(next: next, problem: nil, status: .ok)
    }

    /// `POST /login` with `token` (and `next`) in a form body.
    func signIn(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        try Self.checkOrigin(request)
        var request = request
        let body = try await request.collectBody(upTo: 16 * 1024)
        let fields = (try? URLEncodedFormDecoder().decode(Form.self, from: String(buffer: body))) ?? Form()
        let next = Self.safeNext(fields.next)
        guard let token = fields.token?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty,
            let scope = try await store.scope(ofToken: token)
        else {
            return Self.page(next: next, problem: "That token is not valid here.", status: .unauthorized)
        }
        return await signedIn(scope: scope, request: request, next: next)
    }

    /// `POST /logout`: ends the session and expires the cookie.
    func signOut(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        try Self.checkOrigin(request)
        if let cookie = request.cookies[WebResponder.cookieName] { await sessions.endSession(cookie.value) }
        var response = WebResponder.redirect(to: "/login")
        response.setCookie(
            Cookie(
                name: WebResponder.cookieName, value: "", maxAge: 0, path: "/", secure: Self.isSecure(request),
                httpOnly: true, sameSite: .strict))
        return response
    }

    private func signedIn(scope: TokenScope, request: Request, next: String) async -> Response {
        let secret = await sessions.startSession(scope: scope)
        var response = WebResponder.redirect(to: next)
        response.setCookie(
            Cookie(
                name: WebResponder.cookieName, value: secret, maxAge: Int(sessions.lifetime.components.seconds),
                path: "/", secure: Self.isSecure(request), httpOnly: true, sameSite: .strict))
        return response
    }

    /// True when the browser reached the server over https: through a TLS
    /// proxy that says so in `X-Forwarded-Proto` or `Forwarded`.
    static func isSecure(_ request: Request) -> Bool {
        if let proto = request.headers[.xForwardedProto], proto.lowercased() == "https" {
            return true
        }
        if let forwarded = request.headers[.forwarded] {
            return forwarded.lowercased().contains("proto=https")
        }
        return false
    }

    /// Refuses a form posted from another site: its `Origin` must be this
    /// server's own, as the browser reached it.
    static func checkOrigin(_ request: Request) throws {
        let host = request.head.authority ?? ""
        let expected = (isSecure(request) ? "https://" : "http://") + host
        if let origin = request.headers[.origin] {
            guard origin == expected else {
                throw APIError(.forbidden, "forbidden", "a form from \(origin) cannot act on \(expected)")
            }
        } else if request.headers[.secFetchSite] != "same-origin" {
            throw APIError(.forbidden, "forbidden", "a form post needs an Origin header")
        }
    }

    /// `next` if it is a path on this server, else `/`.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
            !next.unicodeScalars.contains(where: { $0.value < 0x20 })
        else { return "/" }
        return next
    }

    /// The login form's fields.
    struct Form: Decodable {
        var token: String?
        var next: String?
    }

    static func page(next: String, problem: String?, status: HTTPResponse.Status) -> Response {
        let alert: HTML = problem.map { "<p class=\"error\" role=\"alert\">\($0)</p>" } ?? ""
        let content: HTML = """
            \(alert)
            <form method="post" action="/login" class="login">
            <input type="hidden" name="next" value="\(next)">
            <label for="token">Access token</label>
            <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
            <p class="hint">A <code>read</code> or <code>write</code> token from <code>artstore token create</code>.</p>
            <button type="submit">Sign in</button>
            </form>
            """
        let document = Layout.document(
            title: "Sign in", section: .none, changeFeed: nil, signedIn: false, content: content)
        return WebResponder.html(document, status: status)
    }
}
