import ArticleStore
import Logging
import ServiceLifecycle

/// A ``SyncServer`` listening in the background, as ``SyncServer/start()``
/// returns it. Call ``stop()`` when done with it.
@available(macOS 14, iOS 17, tvOS 17, *)
public struct RunningServer: Sendable {
    /// The port the server listens on (the one the system chose for port 0).
    public let port: Int
    let group: ServiceGroup
    let task: Task<Void, any Error>

    /// Stops accepting connections, closes idle ones, lets the requests in
    /// progress finish, and returns once the server has stopped.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }
}

@available(macOS 14, iOS 17, tvOS 17, *)
extension SyncServer {
    /// Starts listening in the background and returns once the server
    /// accepts connections. With port 0 the system picks a free port, which
    /// ``RunningServer/port`` gives. Throws when the server cannot listen.
    public func start() async throws -> RunningServer {
        let (ports, announce) = AsyncStream.makeStream(of: Int.self)
        let app = application { port in
            announce.yield(port)
            announce.finish()
        }
        let group = ServiceGroup(services: [app], logger: logger)
        let task = Task {
            defer { announce.finish() }
            try await group.run()
        }
        for await port in ports {
            return RunningServer(port: port, group: group, task: task)
        }
        // The server stopped before it listened (or this task was cancelled).
        await group.triggerGracefulShutdown()
        try await task.value
        try Task.checkCancellation()
        throw StoreError(.io, "the server stopped before it listened", subject: "\(host):\(port)")
    }
}
