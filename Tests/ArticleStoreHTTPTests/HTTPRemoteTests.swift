import ArticleStore
import ArticleStoreHTTP
import AsyncHTTPClient
import Foundation
import Testing

@Suite("HTTPRemote")
struct HTTPRemoteTests {
    @Test("the location has no credentials")
    func location() throws {
        let url = try #require(URL(string: "https://user:secret@example.org/news"))
        let remote = HTTPRemote(url: url, token: "ast_secret")
        #expect(remote.location == "https://example.org/news")
    }

    @Test("a server that cannot be reached is a remote error")
    func unreachable() async throws {
        // `HTTPClient.shared` retries a refused connection until its 90 s
        // connect timeout; this client gives up at once.
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(5)
        let client = HTTPClient(configuration: configuration)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "artstore-http-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            // Port 9 (discard) on the loopback: nothing listens there in a test environment.
            let remote = HTTPRemote(url: try #require(URL(string: "http://127.0.0.1:9")), token: nil, client: client)
            let other = try ArticleStore(at: directory)
            let error = await #expect(throws: StoreError.self) { try await other.pull(from: remote) }
            #expect(error?.code == .remote)
            #expect(error?.message.hasPrefix("cannot reach") == true)
        } catch {
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    @Test("the token comes from a file, else from ARTSTORE_TOKEN")
    func token() throws {
        #expect(try HTTPRemote.token(environment: [:]) == nil)
        #expect(try HTTPRemote.token(environment: ["ARTSTORE_TOKEN": " ast_env\n"]) == "ast_env")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("token-\(UUID().uuidString)")
        try Data("ast_file\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try HTTPRemote.token(environment: ["ARTSTORE_TOKEN": "ast_env"], file: file.path) == "ast_file")
        let missing = file.path + ".missing"
        let error = #expect(throws: StoreError.self) { try HTTPRemote.token(environment: [:], file: missing) }
        #expect(error?.subject == missing)
        #expect(error?.code == .io)
    }
}
