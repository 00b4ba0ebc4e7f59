/// What a pull, push, sync or clone moved, and what it cost on the wire.
public struct SyncReport: Sendable, Codable, Equatable {
    /// The remote's location.
    public var remote: String
    /// Objects (contents and version records) received and new here.
    public var received = 0
    /// Objects sent that the remote lacked.
    public var sent = 0
    /// Received versions that became visible here.
    public var versions = 0
    /// Version records still waiting for their content or parents.
    public var pending = 0
    /// Objects the remote listed but could not provide yet (a directory
    /// remote whose pack has not arrived); the next pull asks again.
    public var unavailable = 0
    /// Requests sent, each one round trip.
    public var roundTrips = 0
    /// Bytes of requests sent and responses received.
    public var bytesSent = 0
    /// Bytes received, headers and framing included.
    public var bytesReceived = 0
    /// Of those, the bytes of packs (objects), in both directions.
    public var packBytes = 0
    /// Bytes spent on range-based reconciliation, in both directions.
    public var reconciliationBytes = 0
    /// True when the stores had no shared checkpoint and compared their sets.
    public var reconciled = false
    /// True when a clone started from a snapshot of the remote's store.
    public var snapshot = false
    /// Keys of articles with more than one head after the sync.
    public var conflicts: [String] = []
    /// Wall time in seconds.
    public var elapsed = 0.0

    /// An empty report for the remote at `remote`.
    public init(remote: String) {
        self.remote = remote
    }

    /// All bytes on the wire, both directions.
    public var bytes: Int { bytesSent + bytesReceived }
}

/// Counts what one sync sends and receives through a remote.
struct SyncSession {
    let remote: any Remote
    var report: SyncReport

    init(_ remote: any Remote) {
        self.remote = remote
        self.report = SyncReport(remote: remote.location)
    }

    mutating func send(_ request: SyncRequest) async throws -> SyncResponse {
        let response = try await remote.exchange(request)
        count(request, response)
        return response
    }

    /// Counts an exchange made outside ``send(_:)`` (a request sent ahead).
    mutating func count(_ request: SyncRequest, _ response: SyncResponse) {
        let sent = request.encoded.count
        let received = response.encoded.count
        report.roundTrips += 1
        report.bytesSent += sent
        report.bytesReceived += received
        switch (request.message, response.message) {
        case (.push, _), (_, .pack): report.packBytes += sent + received
        case (.ranges, _): report.reconciliationBytes += sent + received
        case (.snapshot, _):
            report.snapshot = true
            report.packBytes += sent + received
        default: break
        }
    }

    static func unexpected(_ response: SyncResponse, to request: String) -> StoreError {
        StoreError(.invalidMessage, "the remote answered \(request) with the wrong message type")
    }
}
