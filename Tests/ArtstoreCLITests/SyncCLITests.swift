import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("CLI: sync between stores")
struct SyncCLITests {
    /// Runs `artstore` and expects success.
    @discardableResult
    static func ok(_ arguments: [String], in dir: URL) async throws -> String {
        let result = try await CLI.run(arguments, in: dir)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout
    }

    @Test func twoStoresSyncThroughAFolderWithEditsOnBothSides() async throws {
        try await withTemporaryDirectory { dir in
            let input = dir.appendingPathComponent("in")
            try writeArticles(6, into: input)
            try await Self.ok(["import", "--store", "a", "in"], in: dir)
            try await Self.ok(["remote", "add", "usb", "folder", "--store", "a"], in: dir)
            try await Self.ok(["push", "usb", "--store", "a"], in: dir)
            try await Self.ok(["clone", "folder", "b"], in: dir)
            #expect(try await Self.ok(["remote", "list", "--store", "b"], in: dir).hasPrefix("origin\t"))

            // Different edits of one article on each side, and a new article on b.
            for folder in ["ea", "eb", "nb"] {
                try FileManager.default.createDirectory(
                    at: dir.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            let file = try FileManager.default.contentsOfDirectory(atPath: input.path).sorted()[0]
            try Data("Edit on a\n\nFirst side's words.\n".utf8).write(to: dir.appendingPathComponent("ea/\(file)"))
            try Data("Edit on b\n\nSecond side's words.\n".utf8).write(to: dir.appendingPathComponent("eb/\(file)"))
            try await Self.ok(["import", "--store", "a", "ea"], in: dir)
            try await Self.ok(["import", "--store", "b", "eb"], in: dir)
            try Data("New on b\n\nOnly here.\n".utf8).write(to: dir.appendingPathComponent("nb/900_x.txt"))
            try await Self.ok(["import", "--store", "b", "nb"], in: dir)

            let synced = try await Self.ok(["sync", "--store", "b", "--json", "--trace-packs", "trace"], in: dir)
            #expect(synced.contains("\"sent\" : 4"))
            // The traced packs are files in the pack format, named by direction.
            let traced = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("trace").path)
            #expect(traced.contains { $0.hasPrefix("sent-") && $0.hasSuffix(".pack") })
            for name in traced {
                let pack = try Data(contentsOf: dir.appendingPathComponent("trace/\(name)"))
                #expect(pack.prefix(4) == Data("ASPK".utf8))
            }
            try await Self.ok(["sync", "usb", "--store", "a"], in: dir)
            try await Self.ok(["sync", "--store", "b"], in: dir)
            let conflicts = try await Self.ok(["conflicts", "--store", "a"], in: dir)
            #expect(conflicts.contains("Edit on a") && conflicts.contains("Edit on b"))
            #expect(try await Self.ok(["conflicts", "--store", "b"], in: dir) == conflicts)

            let key = String(conflicts.prefix { $0 != "\n" })
            try await Self.ok(["resolve", key, "--store", "a"], in: dir)
            #expect(try await Self.ok(["conflicts", "--store", "a"], in: dir).isEmpty)
            try await Self.ok(["sync", "usb", "--store", "a"], in: dir)
            try await Self.ok(["sync", "--store", "b"], in: dir)
            #expect(try await Self.ok(["conflicts", "--store", "b"], in: dir).isEmpty)
            #expect(
                try await Self.ok(["list", "--store", "a"], in: dir) == Self.ok(["list", "--store", "b"], in: dir))
            try await Self.ok(["gc", "folder"], in: dir)
            try await Self.ok(["verify", "--store", "a"], in: dir)
            try await Self.ok(["verify", "--store", "b"], in: dir)
            #expect(try await CLI.run(["pull", "nowhere", "--store", "a"], in: dir).status == 3)
        }
    }
}

extension SyncCLITests {
    /// A free TCP port on 127.0.0.1, found by binding port 0.
    static func freePort() -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                _ = bind(socket, $0, length)
                return getsockname(socket, $0, &length)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Waits up to 10 s for a server to accept connections on `port`.
    static func waitForListener(port: Int) throws {
        for _ in 0..<100 {
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(socket) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            if connected == 0 { return }
            usleep(100_000)
        }
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "nothing listens on port \(port)"])
    }

    @Test func storesSyncThroughARealServerWithTokens() async throws {
        try await withTemporaryDirectory { dir in
            try writeArticles(5, into: dir.appendingPathComponent("in"))
            try await Self.ok(["import", "--store", "hub", "in"], in: dir)
            let write = try await Self.ok(["token", "create", "--scope", "write", "--store", "hub"], in: dir)
            let read = try await Self.ok(["token", "create", "--scope", "read", "--store", "hub"], in: dir)
            try Data(write.utf8).write(to: dir.appendingPathComponent("write.token"))
            try Data(read.utf8).write(to: dir.appendingPathComponent("read.token"))
            let port = Self.freePort()
            let server = try CLI.start(["serve", "--store", "hub", "--listen", "127.0.0.1:\(port)"], in: dir)
            defer {
                server.terminate()
                server.waitUntilExit()
            }
            let url = "http://127.0.0.1:\(port)"
            var cloned = try await CLI.run(["clone", url, "a"], in: dir)
            for _ in 0..<50 where cloned.stderr.contains("cannot reach") {
                usleep(100_000)
                cloned = try await CLI.run(["clone", url, "a"], in: dir)
            }
            #expect(cloned.status == 5, "no token: \(cloned.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("a").path))
            // From the served store's snapshot, and object by object.
            #expect(
                try await Self.ok(["clone", url, "a", "--token-file", "read.token"], in: dir).contains(
                    "from a snapshot"))
            let slow = try await Self.ok(["clone", url, "b", "--objects", "--token-file", "read.token"], in: dir)
            #expect(!slow.contains("from a snapshot"))
            #expect(
                try await Self.ok(["list", "--store", "b"], in: dir) == Self.ok(["list", "--store", "a"], in: dir))
            try writeArticles(2, into: dir.appendingPathComponent("more"), offset: 50)
            try await Self.ok(["import", "--store", "a", "more"], in: dir)
            #expect(try await CLI.run(["push", "--store", "a"], in: dir).status == 5)
            try await Self.ok(["remote", "add", "hub", url, "--token-file", "write.token", "--store", "a"], in: dir)
            #expect(try await Self.ok(["push", "hub", "--store", "a"], in: dir).contains("sent 4 objects"))
            #expect(!(try await Self.ok(["remote", "list", "--store", "a"], in: dir).contains("ast_")))
            #expect(
                try await Self.ok(["list", "--store", "hub"], in: dir) == Self.ok(["list", "--store", "a"], in: dir))
            try await Self.ok(["verify", "--store", "a"], in: dir)
            try await Self.ok(["verify", "--store", "hub"], in: dir)
        }
    }
}
