import ArticleStore
import ArticleStoreHTTP
import ArticleStoreServer
import AsyncHTTPClient
import Foundation
import Logging
import Testing

@testable import ArticleStorePostgres

extension HubTests {
    /// Servers killed and PostgreSQL restarted in the middle of syncs:
    /// the sync fails with an error that says so, its rerun completes, and
    /// nothing the hub acknowledged is lost.
    @Suite("faults")
    struct Faults {
        /// The `artstore` binary the tests start as a server.
        static let binary: URL = {
            if let path = ProcessInfo.processInfo.environment["ARTSTORE_BIN"] { return URL(fileURLWithPath: path) }
            var directory = Bundle.main.bundleURL
            for _ in 0..<4 {
                let candidate = directory.appendingPathComponent("artstore")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                directory = directory.deletingLastPathComponent()
            }
            return Bundle.main.bundleURL.appendingPathComponent("artstore")
        }()

        /// A store of `count` generated articles, imported from files.
        static func store(_ directory: URL, count: Int, batch: Int) async throws -> ArticleStore {
            let folder = directory.appendingPathComponent("articles")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for index in 0..<count {
                try Data("Story \(index)\n\nParagraph one of story \(index), with some words.\n".utf8)
                    .write(to: folder.appendingPathComponent(String(format: "%05d_story.txt", index)))
            }
            var configuration = ArticleStore.Configuration()
            configuration.syncBatchSize = batch
            let store = try ArticleStore(at: directory.appendingPathComponent("client"), configuration: configuration)
            _ = try await store.importFiles([folder])
            return store
        }

        /// `artstore serve --database` as its own process, on a free port.
        static func serve(_ hub: HubServers, logTo log: URL) async throws -> (Process, URL) {
            // A port the system picks, freed for the server.
            let probe = try await SyncServer(
                responder: hub.hubs[0], host: "127.0.0.1", port: 0, logger: Logger(label: "probe")
            ).start()
            let free = probe.port
            await probe.stop()
            let database = hub.database
            let process = Process()
            process.executableURL = binary
            process.arguments = ["serve", "--listen", "127.0.0.1:\(free)", "--connections", "4"]
            var environment = ProcessInfo.processInfo.environment
            environment["ARTSTORE_DATABASE_URL"] =
                "postgres://\(database.user)@\(database.host):\(database.port)/\(database.database)?sslmode=disable"
            process.environment = environment
            FileManager.default.createFile(atPath: log.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: log)
            process.standardError = process.standardOutput
            try process.run()
            let url = URL(string: "http://127.0.0.1:\(free)")!
            for _ in 0..<200 {
                let request = HTTPClientRequest(url: url.absoluteString + "/v1/health")
                if let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(2)),
                    response.status == .ok
                {
                    return (process, url)
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            process.terminate()
            throw StoreError(.remote, "artstore serve --database did not start", subject: log.path)
        }

        static func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws {
            let deadline = ContinuousClock.now + .seconds(120)
            while try await !condition() {
                guard ContinuousClock.now < deadline else { throw StoreError(.remote, "timed out waiting for \(what)") }
                try await Task.sleep(for: .milliseconds(20))
            }
        }

        @Test func aServerKilledMidPushLosesNothing() async throws {
            try await HubServers.with { hub in
                let client = try await Self.store(hub.directory, count: 1500, batch: 50)
                let (server, url) = try await Self.serve(hub, logTo: hub.directory.appendingPathComponent("serve.log"))
                let push = Task { try await client.push(to: HTTPRemote(url: url, token: hub.writeToken)) }
                // Killed once part of the push has landed.
                try await Self.waitUntil("300 objects on the hub") { try await hub.hubIDs().count >= 300 }
                kill(server.processIdentifier, SIGKILL)
                server.waitUntilExit()
                do {
                    _ = try await push.value
                    Issue.record("the push finished before the server was killed")
                } catch let error as StoreError {
                    #expect(error.code == .remote, "\(error)")
                }
                let landed = try await hub.hubIDs()
                let all = try await client.allIDs()
                #expect(landed.count < 3000 && landed.isSubset(of: all))
                // The rerun, through another server, completes.
                let report = try await client.push(to: hub.remote())
                #expect(report.sent == 3000 - landed.count)
                #expect(try await hub.hubIDs() == client.allIDs())
                let (copy, _) = try await ArticleStore.clone(
                    from: hub.remote(), into: hub.directory.appendingPathComponent("copy"))
                #expect(try await copy.allIDs() == client.allIDs())
                #expect(try await copy.verify().problems.isEmpty)
            }
        }

        /// PostgreSQL stopped in the middle of a pull, then started again:
        /// the pull fails saying the database is unavailable (each request
        /// waits 1 s for it, then the client's retries run out), and the
        /// rerun completes.
        @Test func postgresRestartedMidPullFailsClearlyAndTheRerunCompletes() async throws {
            let environment = TestDatabase.environment
            guard let pause = environment["ARTSTORE_TEST_PG_PAUSE"], let resume = environment["ARTSTORE_TEST_PG_RESUME"]
            else {
                if environment["CI"] == "true" {
                    Issue.record(
                        "CI=true, but ARTSTORE_TEST_PG_PAUSE and _RESUME name no commands to stop and start PostgreSQL")
                }
                return
            }
            try await HubServers.with(timeout: .seconds(1)) { hub in
                let source = try await Self.store(hub.directory, count: 1500, batch: 5000)
                _ = try await source.push(to: hub.remote())
                var configuration = ArticleStore.Configuration()
                configuration.syncBatchSize = 10
                let reader = try ArticleStore(
                    at: hub.directory.appendingPathComponent("reader"), configuration: configuration)
                let pull = Task { try await reader.pull(from: hub.remote()) }
                try await Self.waitUntil("20 objects pulled") { try await reader.allIDs().count >= 20 }
                // system(3), not Process: Process did not reap a shell whose
                // pg_ctl left a server running, and waited forever.
                #expect(system(pause + " >/dev/null 2>&1") == 0)
                do {
                    _ = try await pull.value
                    Issue.record("the pull finished while PostgreSQL was stopped")
                } catch let error as StoreError {
                    #expect(error.code == .remote && "\(error)".contains("database cannot be reached"), "\(error)")
                }
                #expect(system(resume + " >/dev/null 2>&1") == 0)
                #expect(try await reader.allIDs().count < 3000)
                _ = try await reader.pull(from: hub.remote())
                #expect(try await reader.allIDs() == source.allIDs())
                #expect(try await reader.verify().problems.isEmpty)
            }
        }
    }
}
