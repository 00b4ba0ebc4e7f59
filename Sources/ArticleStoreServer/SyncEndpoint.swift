import ArticleStore
import Hummingbird
import NIOCore

/// Answers `POST /v1/<name>`: checks the token, reads the body (a
/// ``SyncRequest``), and returns the responder's ``SyncResponse``.
///
/// Request bodies are read as sent: `Content-Encoding: gzip` is not
/// supported, since the packs inside are already zstd-compressed.
@available(macOS 14, iOS 17, tvOS 17, *)
struct SyncEndpoint: Sendable {
    let name: String
    let responder: any SyncResponder
    let bodyLimit: Int

    func respond(to request: Request) async throws -> Response {
        // The token is checked first, so that nobody without one makes the server read a body.
        let scope = try await BearerAuth(responder: responder).scope(of: request)
        if let length = request.headers[.contentLength].flatMap(Int.init), length > bodyLimit {
            throw APIError.tooLarge(limit: bodyLimit)
        }
        let body = try await request.body.collect(upTo: bodyLimit)
        let message = try SyncRequest(decoding: Array(buffer: body))
        guard message.endpoint == name else {
            throw APIError(.badRequest, "invalid-message", "a \(message.endpoint) request was sent to /v1/\(name)")
        }
        if message.writes, !scope.allows(.write) {
            throw APIError(.forbidden, "forbidden", "this token may only read")
        }
        let answer = try await responder.respond(to: message)
        return Response(
            status: .ok, headers: [.contentType: SyncServer.mediaType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.encoded)))
    }
}
