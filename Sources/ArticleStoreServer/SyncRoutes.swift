import Hummingbird
import NIOCore

@available(macOS 14, iOS 17, tvOS 17, *)
extension SyncServer {
    /// The last path component of each sync endpoint: `POST /v1/<name>`.
    static let syncEndpoints = ["changes", "ranges", "missing", "objects", "push", "snapshot"]

    /// Every route the server answers, as `METHOD /path` (all listed in Schema/openapi.yaml).
    public static var routes: [String] {
        ["GET /v1/health"] + syncEndpoints.map { "POST /v1/\($0)" }
    }

    /// The router: the health check, the sync endpoints, and the middleware
    /// that logs each request and turns errors into JSON (unknown paths too).
    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: RequestLog())
        router.add(middleware: JSONErrors(routes: Self.routes + extraRoutes.flatMap(\.routes)))
        router.get("/v1/health") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
        }
        for name in Self.syncEndpoints {
            let endpoint = SyncEndpoint(name: name, responder: responder, bodyLimit: bodyLimit)
            router.post("/v1/\(name)") { request, _ in try await endpoint.respond(to: request) }
        }
        for routes in extraRoutes { routes.add(to: router) }
        return router
    }
}
