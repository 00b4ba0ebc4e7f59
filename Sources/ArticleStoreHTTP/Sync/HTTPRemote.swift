import ArticleStore
import AsyncHTTPClient
import Foundation
import NIOCore

/// A store served over HTTP by `ArticleStoreServer` (or anything speaking
/// Schema/openapi.yaml): each ``exchange(_:)`` is one `POST /v1/<endpoint>`.
///
/// ```swift
/// let remote = HTTPRemote(url: URL(string: "https://example.org/news")!, token: try HTTPRemote.token())
/// try await store.pull(from: remote)
/// ```
public struct HTTPRemote: Remote {
    /// The base URL; endpoints are `<url>/v1/<endpoint>`.
    public let url: URL
    /// The URL as a user would name it, without credentials. The token is never part of it.
    public let location: String
    /// How long one request may take, sending and receiving included. Default 10 minutes.
    public var timeout: Duration = .seconds(600)
    /// The largest response body accepted, in bytes. Default 1 GiB.
    public var responseLimit = 1 << 30
    /// How many times a request the server answers 503 or 429 (busy) is
    /// sent again, each after the `Retry-After` it gives (at most 30 s).
    /// Every sync request can be repeated safely. Default 4.
    public var busyRetries = 4
    let token: String?
    let client: HTTPClient

    /// A remote at `url`, sending `token` as `Authorization: Bearer` when there is one.
    ///
    /// `HTTPClient.shared` retries a connection the server refuses until its
    /// connect timeout (90 s). To report an unreachable server at once, pass a
    /// client whose `connectionPool.retryConnectionEstablishment` is false.
    public init(url: URL, token: String?, client: HTTPClient = .shared) {
        self.url = url
        self.token = token
        self.client = client
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        components?.user = nil
        components?.password = nil
        self.location = components?.string ?? url.absoluteString
    }

    /// Sends `request` and returns the server's answer. Refusals become
    /// `StoreError.Code.unauthorized` (401) or `StoreError.Code.forbidden`
    /// (403), other failures `StoreError.Code.remote`.
    public func exchange(_ request: SyncRequest) async throws -> SyncResponse {
        var http = HTTPClientRequest(
            url: url.appendingPathComponent("v1").appendingPathComponent(request.endpoint).absoluteString)
        http.method = .POST
        http.headers.add(name: "Content-Type", value: Self.mediaType)
        http.headers.add(name: "Accept", value: Self.mediaType)
        if let token { http.headers.add(name: "Authorization", value: "Bearer \(token)") }
        http.body = .bytes(request.encoded)

        var attempt = 0
        while true {
            let (status, retryAfter, body) = try await send(http)
            if status.code == 200 { return try SyncResponse(decoding: Array(buffer: body)) }
            if status.code == 503 || status.code == 429, attempt < busyRetries {
                attempt += 1
                try await Task.sleep(for: .seconds(min(30, max(1, retryAfter ?? 1))))
                continue
            }
            throw failure(status: status.code, reason: status.reason, body: body)
        }
    }

    /// One round trip: the status, the `Retry-After` seconds, and the body.
    private func send(
        _ http: HTTPClientRequest
    ) async throws -> (status: (code: UInt, reason: String), retryAfter: Int?, body: ByteBuffer) {
        do {
            let response = try await client.execute(http, timeout: .nanoseconds(Self.nanoseconds(timeout)))
            let body = try await response.body.collect(upTo: responseLimit)
            return (
                (response.status.code, response.status.reasonPhrase),
                response.headers.first(name: "Retry-After").flatMap { Int($0) }, body
            )
        } catch is NIOTooManyBytesError {
            throw StoreError(.remote, "the response is over \(responseLimit) bytes", subject: location)
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw StoreError(.remote, "cannot reach \(location)", subject: location, underlying: error)
        }
    }

    static let mediaType = "application/x-artstore"

    /// The error for a response other than 200, with the server's message.
    func failure(status: UInt, reason: String, body: ByteBuffer) -> StoreError {
        let code: StoreError.Code =
            switch status {
            case 401: .unauthorized
            case 403: .forbidden
            default: .remote
            }
        let said: String
        if let error = try? JSONDecoder().decode(ErrorBody.self, from: Data(body.readableBytesView)) {
            said = "\(error.code): \(error.message)"
        } else {
            said = String(decoding: body.readableBytesView.prefix(200), as: UTF8.self)
        }
        let heading = "the server answered \(status) \(reason)"
        return StoreError(code, said.isEmpty ? heading : "\(heading): \(said)", subject: location)
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

/// The JSON body of an error response.
struct ErrorBody: Decodable {
    var code: String
    var message: String
}
