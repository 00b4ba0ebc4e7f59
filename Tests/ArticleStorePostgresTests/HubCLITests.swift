import ArticleStore
import Foundation
import Testing

@testable import ArticleStorePostgres

extension HubTests {
    /// `artstore hub` and `artstore token --database`, run as a user would.
    @Suite("command line")
    struct CommandLine {
        /// Runs the binary with `arguments` and `environment` added; returns status and output.
        static func artstore(
            _ arguments: [String], environment: [String: String] = [:], in directory: URL
        ) throws -> (status: Int32, out: String, err: String) {
            let out = directory.appendingPathComponent("out-\(UUID().uuidString)")
            let err = directory.appendingPathComponent("err-\(UUID().uuidString)")
            FileManager.default.createFile(atPath: out.path, contents: nil)
            FileManager.default.createFile(atPath: err.path, contents: nil)
            let process = Process()
            process.executableURL = Faults.binary
            process.arguments = arguments
            process.currentDirectoryURL = directory
            var merged = ProcessInfo.processInfo.environment
            merged.removeValue(forKey: "ARTSTORE_DATABASE_URL")
            merged.merge(environment) { _, new in new }
            process.environment = merged
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            try process.run()
            process.waitUntilExit()
            return (
                process.terminationStatus, try String(contentsOf: out, encoding: .utf8),
                try String(contentsOf: err, encoding: .utf8)
            )
        }

        @Test func initLoadTokensAndRefusals() async throws {
            let admin = try TestDatabase.admin()
            let name = "artstore_cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try await TestDatabase.execute("CREATE DATABASE \(name)", on: admin)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "hub-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer {
                try? FileManager.default.removeItem(at: directory)
            }
            let url = "postgres://\(admin.user)@\(admin.host):\(admin.port)/\(name)?sslmode=disable"
            let environment = ["ARTSTORE_DATABASE_URL": url]

            let missing = try Self.artstore(["hub", "init"], in: directory)
            #expect(missing.status == 2 && missing.err.contains("--database"))
            let password = try Self.artstore(
                ["hub", "init", "--database", "postgres://a:secret@localhost/db"], in: directory)
            #expect(password.status != 0 && password.err.contains("PGPASSWORD"))
            let empty = try Self.artstore(
                ["serve", "--listen", "127.0.0.1:0"], environment: environment, in: directory)
            #expect(empty.status != 0 && empty.err.contains("artstore hub init"), "\(empty.err)")

            let first = try Self.artstore(["hub", "init", "--json"], environment: environment, in: directory)
            #expect(first.status == 0 && first.out.contains("v1-objects-change-log-tokens"))
            let again = try Self.artstore(["hub", "init", "--database", url], in: directory)
            #expect(again.status == 0 && again.out.contains("up to date"))

            let store = try ArticleStore(at: directory.appendingPathComponent("store"))
            try await store.addArticles("x", count: 30)
            let load = try Self.artstore(["hub", "load", "store", "--json"], environment: environment, in: directory)
            let report = try JSONDecoder().decode(PostgresHub.LoadReport.self, from: Data(load.out.utf8))
            #expect(report.read == 60 && report.added == 60)
            let reload = try Self.artstore(["hub", "load", "store", "--json"], environment: environment, in: directory)
            #expect(try JSONDecoder().decode(PostgresHub.LoadReport.self, from: Data(reload.out.utf8)).added == 0)

            let token = try Self.artstore(
                ["token", "create", "--scope", "read", "--label", "cli"], environment: environment, in: directory)
            #expect(token.status == 0 && token.out.hasPrefix("ast_"))
            let list = try Self.artstore(["token", "list", "--json"], environment: environment, in: directory)
            let tokens = try JSONDecoder().decode([[String: String]].self, from: Data(list.out.utf8))
            #expect(tokens.count == 1 && tokens.first?["label"] == "cli" && tokens.first?["scope"] == "read")
            let revoke = try Self.artstore(
                ["token", "revoke", tokens.first?["id"] ?? "", "--database", url], in: directory)
            #expect(revoke.status == 0)
            // The store's own tokens are untouched by all of it.
            #expect(try await store.tokens().isEmpty)
            try await TestDatabase.execute("DROP DATABASE \(name) WITH (FORCE)", on: admin)
        }
    }
}
