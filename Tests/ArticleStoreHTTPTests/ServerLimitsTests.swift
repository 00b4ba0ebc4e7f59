import ArticleStore
import ArticleStoreHTTP
import ArticleStoreServer
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A plain TCP connection to the server, for sending what no HTTP client
/// would: half a request head, a body that stops. Each is used by one
/// test at a time, so it needs no lock.
final class RawConnection: @unchecked Sendable {
    let fd: Int32

    init(port: Int) throws {
        #if canImport(Glibc)
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw StoreError(.io, "socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw StoreError(.io, "connect: \(message)")
        }
    }

    deinit { close(fd) }

    /// Ends the connection from this side.
    func hangUp() {
        #if canImport(Glibc)
            shutdown(fd, Int32(SHUT_RDWR))
        #else
            shutdown(fd, SHUT_RDWR)
        #endif
    }

    func send(_ text: String) {
        _ = Array(text.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// Reads until the server closes the connection or `timeout` passes, on
    /// a thread of its own: a blocking read on one of Swift's few
    /// cooperative threads would starve the server in this process.
    func readUntilClosed(timeout: Duration) async -> (bytes: [UInt8], closed: Bool) {
        await withCheckedContinuation { done in
            Thread { done.resume(returning: self.blockingRead(timeout: timeout)) }.start()
        }
    }

    private func blockingRead(timeout: Duration) -> (bytes: [UInt8], closed: Bool) {
        var bytes: [UInt8] = []
        let deadline = ContinuousClock.now + timeout
        while true {
            let left = deadline - ContinuousClock.now
            let milliseconds = Int32(
                max(0, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, milliseconds) > 0 else { return (bytes, false) }
            var buffer = [UInt8](repeating: 0, count: 65536)
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { return (bytes, true) }
            bytes += buffer[..<count]
        }
    }
}

/// Lets this process open `count` more descriptors than it needs now.
func raiseDescriptorLimit(to count: Int) {
    var limit = rlimit()
    getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    guard limit.rlim_cur < rlim_t(count) else { return }
    limit.rlim_cur = min(limit.rlim_max, rlim_t(count))
    setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
}

@Suite("Server limits against slow and hostile clients")
struct ServerLimitsTests {
    static let halfHead = "POST /v1/changes HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bea"

    @Test func halfARequestHeadIsClosedAtTheHeadTimeout() async throws {
        try await withServer(limits: ServerLimits(headTimeout: .milliseconds(300))) { served in
            let half = try RawConnection(port: served.server.port)
            half.send(Self.halfHead)
            let silent = try RawConnection(port: served.server.port)
            let start = ContinuousClock.now
            #expect(await half.readUntilClosed(timeout: .seconds(20)) == ([], true))
            #expect(await silent.readUntilClosed(timeout: .seconds(20)) == ([], true))
            #expect(ContinuousClock.now - start >= .milliseconds(250))
            // A kept-alive connection that goes quiet after its answer is closed too.
            let kept = try RawConnection(port: served.server.port)
            kept.send("GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let answer = await kept.readUntilClosed(timeout: .seconds(20))
            #expect(answer.closed)
            #expect(String(decoding: answer.bytes, as: UTF8.self).hasPrefix("HTTP/1.1 200"))
        }
    }

    @Test func aBodyThatStopsArrivingIsCutOff() async throws {
        try await withServer(limits: ServerLimits(bodyTimeout: .milliseconds(300))) { served in
            let slow = try RawConnection(port: served.server.port)
            slow.send(
                "POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(served.writeToken)\r\n"
                    + "Content-Length: 1000\r\n\r\n0123456789")
            let answer = await slow.readUntilClosed(timeout: .seconds(20))
            #expect(answer.closed)
            // What the server made of the request: nothing was stored.
            #expect(try await served.store.articles().count == 3)
        }
    }

    @Test func aSaturatedServerAnswers503WithRetryAfter() async throws {
        try await withServer(limits: ServerLimits(maxRequests: 1, retryAfter: 2)) { served in
            // Busy: a request whose body is still arriving.
            let busy = try RawConnection(port: served.server.port)
            busy.send(
                "POST /v1/changes HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(served.readToken)\r\n"
                    + "Content-Length: 100\r\n\r\n01")
            try await Task.sleep(for: .milliseconds(200))
            let refused = try RawConnection(port: served.server.port)
            refused.send("GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let answer = String(decoding: await refused.readUntilClosed(timeout: .seconds(20)).bytes, as: UTF8.self)
            #expect(answer.hasPrefix("HTTP/1.1 503"), "\(answer)")
            #expect(answer.lowercased().contains("retry-after: 2\r\n"))
            #expect(answer.contains(#""code":"unavailable""#))
            #expect(served.log.all.contains { $0.contains("refused a request with 503") })

            // A client waits as told and gets through once the server is free.
            let pull = Task {
                try await served.emptyStore("waiting").pull(from: served.remote(token: served.readToken))
            }
            try await Task.sleep(for: .milliseconds(500))
            busy.hangUp()
            let pulled = try await pull.value
            #expect(pulled.received > 0)
        }
    }

    /// The case a user found: 1,000 connections that each sent half a
    /// request head. A normal client must still clone and push.
    @Test func aThousandHalfOpenConnectionsDoNotKeepAClientOut() async throws {
        raiseDescriptorLimit(to: 4096)
        try await withServer { served in
            var held: [RawConnection] = []
            for _ in 0..<1000 {
                let connection = try RawConnection(port: served.server.port)
                connection.send(Self.halfHead)
                held.append(connection)
            }
            let remote = served.remote(token: served.writeToken)
            let (clone, report) = try await ArticleStore.clone(
                from: remote, into: served.directory.appendingPathComponent("clone"))
            #expect(report.received > 0)
            #expect(try await clone.articles().count == 3)
            _ = try await clone.put(Data("Pushed\n\nWhile the server was held.\n".utf8), key: "held")
            #expect(try await clone.push(to: remote).sent > 0)
            #expect(try await served.store.article(key: "held").title == "Pushed")
            // The server closed connections beyond its cap, oldest first.
            var closed = 0
            for connection in held where await connection.readUntilClosed(timeout: .zero).closed { closed += 1 }
            #expect(closed >= 1000 - ServerLimits().maxConnections)
        }
    }
}
