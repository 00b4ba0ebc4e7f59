/// What a ``SyncServer`` allows each client, so that slow or hostile
/// clients cannot hold it: every limit has a default and a
/// `artstore serve` option.
public struct ServerLimits: Sendable, Equatable {
    /// The longest a connection may go without sending a whole request head
    /// (request line and headers), counted from when it opens or its
    /// previous response ends. Covers half-sent headers and idle kept-alive
    /// connections alike; the connection is then closed. Default 20 s.
    public var headTimeout: Duration
    /// The longest pause while a request body is arriving, after which the
    /// connection is closed. Default 30 s.
    public var bodyTimeout: Duration
    /// The most connections open at once. A connection beyond it closes the
    /// one that has waited longest for a request head; when every
    /// connection is busy with a request, it is answered 503 with
    /// `Retry-After` and closed. Default 512.
    public var maxConnections: Int
    /// The most requests handled at once; one more is answered 503 with
    /// `Retry-After`. Default 64.
    public var maxRequests: Int
    /// The largest request body, in bytes. A larger `Content-Length` is
    /// answered 413 before the body is read; a chunked body is cut off with
    /// 413 at the limit. Default 64 MiB.
    public var bodyLimit: Int
    /// The seconds a 503 answer tells the client to wait. Default 1.
    public var retryAfter: Int

    /// Limits; each default is the one documented on its property.
    public init(
        headTimeout: Duration = .seconds(20), bodyTimeout: Duration = .seconds(30), maxConnections: Int = 512,
        maxRequests: Int = 64, bodyLimit: Int = 64 << 20, retryAfter: Int = 1
    ) {
        self.headTimeout = headTimeout
        self.bodyTimeout = bodyTimeout
        self.maxConnections = maxConnections
        self.maxRequests = maxRequests
        self.bodyLimit = bodyLimit
        self.retryAfter = retryAfter
    }
}
