import Hummingbird
import Logging

/// Logs one line per request at info: method, path, status, and the bytes
/// received and sent. Headers (and so tokens) and queries are left out.
@available(macOS 14, iOS 17, tvOS 17, *)
struct RequestLog<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let response = try await next(request, context)
        let received = request.headers[.contentLength] ?? "-"
        let sent = response.body.contentLength.map(String.init) ?? "-"
        context.logger.info(
            "\(request.method) \(request.uri.path) \(response.status.code) in=\(received) out=\(sent)")
        return response
    }
}
