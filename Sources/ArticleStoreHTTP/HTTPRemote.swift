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
    /// ``StoreError/Code/unauthorized`` (401) or ``StoreError/Code/forbidden``
    /// (403), other failures ``StoreError/Code/remote``.
    public func exchange(_ request: SyncRequest) async throws -> SyncResponse {
        var http = HTTPClientRequest(
            url: url.appendingPathComponent("v1").appendingPathComponent(request.endpoint).absoluteString)
        http.method = .POST
        http.headers.add(name: "Content-Type", value: Self.mediaType)
        http.headers.add(name: "Accept", value: Self.mediaType)
        if let token { http.headers.add(name: "Authorization", value: "Bearer \(token)") }
        http.body = .bytes(request.encoded)

        let status: (code: UInt, reason: String)
        let body: ByteBuffer
        do {
            let response = try await client.execute(http, timeout: .nanoseconds(Self.nanoseconds(timeout)))
            status = (response.status.code, response.status.reasonPhrase)
            body = try await response.body.collect(upTo: responseLimit)
        } catch is NIOTooManyBytesError {
            throw StoreError(.remote, "the response is over \(responseLimit) bytes", subject: location)
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw StoreError(.remote, "cannot reach \(location)", subject: location, underlying: error)
        }
        guard status.code == 200 else { throw failure(status: status.code, reason: status.reason, body: body) }
        return try SyncResponse(decoding: Array(buffer: body))
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
