import ArticleStore
import Hummingbird
import Logging
import NIOHTTP1

/// Turns every error thrown below it, the router's "not found" included,
/// into a JSON error response; logs the ones the client did not cause.
/// A malformed HTTP stream is left to Hummingbird, which answers 400 and
/// closes the connection.
@available(macOS 14, iOS 17, tvOS 17, *)
struct JSONErrors<Context: RequestContext>: RouterMiddleware {
    /// Every route as `METHOD /path`, to answer a known path asked with
    /// another method 405 with `Allow`, not 404.
    let routes: [String]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPParserError {
            throw error
        } catch {
            var answer = APIError(answering: error)
            // Only the router's own "not found": a handler's 404 (no such
            // article) is about the resource, not the method.
            if let routing = error as? HTTPError, routing.status == .notFound {
                let allowed = routes.compactMap { route -> String? in
                    let parts = route.split(separator: " ", maxSplits: 1)
                    return parts.count == 2 && parts[1] == request.uri.path ? String(parts[0]) : nil
                }
                if !allowed.isEmpty { answer = .methodNotAllowed(request.method.rawValue, allowed: allowed) }
            }
            if answer.status == .internalServerError || answer.code == StoreError.Code.unavailable.description {
                context.logger.error("\(request.method) \(request.uri.path) failed: \(error)")
            }
            return answer.response
        }
    }
}
