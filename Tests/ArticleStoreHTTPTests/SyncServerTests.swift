import ArticleStore
import ArticleStoreHTTP
import ArticleStoreServer
import Foundation
import Logging
import NIOHTTP1
import Testing

@Suite("Sync over HTTP")
struct SyncServerTests {
    @Test("a pull through HTTPRemote brings every article")
    func pull() async throws {
        try await withServer { served in
            let other = try served.emptyStore("other")
            let report = try await other.pull(from: served.remote(token: served.writeToken))
            #expect(try await other.articles().count == 3)
            #expect(report.received > 0)
            #expect(report.remote == served.url.absoluteString)
        }
    }

    @Test("a push with a write token reaches the served store")
    func push() async throws {
        try await withServer { served in
            let other = try served.emptyStore("other")
            let remote = served.remote(token: served.writeToken)
            _ = try await other.pull(from: remote)
            _ = try await other.put(Data("Pushed\n\nA new article to send.\n".utf8), key: "d")
            _ = try await other.push(to: remote)
            #expect(try await served.store.articles().count == 4)
        }
    }

    @Test("no token or an unknown one is unauthorized")
    func unauthorized() async throws {
        try await withServer { served in
            let other = try served.emptyStore("other")
            for token in [nil, "ast_not-a-token-this-store-issued"] {
                let error = await #expect(throws: StoreError.self) {
                    try await other.pull(from: served.remote(token: token))
                }
                #expect(error?.code == .unauthorized)
                #expect(error?.subject == served.url.absoluteString)
            }
            #expect(try await other.articles().isEmpty)
        }
    }

    @Test("a read token may pull but not push")
    func forbidden() async throws {
        try await withServer { served in
            let other = try served.emptyStore("other")
            let remote = served.remote(token: served.readToken)
            _ = try await other.pull(from: remote)
            #expect(try await other.articles().count == 3)
            _ = try await other.put(Data("Refused\n\nThis one stays here.\n".utf8), key: "e")
            let error = await #expect(throws: StoreError.self) { try await other.push(to: remote) }
            #expect(error?.code == .forbidden)
            #expect(try await served.store.articles().count == 3)
        }
    }

    @Test("a body over the limit gets 413 as JSON", arguments: [false, true])
    func tooLarge(chunked: Bool) async throws {
        try await withServer(limits: ServerLimits(bodyLimit: 1024)) { served in
            let body = [UInt8](repeating: 0x05, count: 4096)
            let answer = try await served.send(
                .POST, "/v1/push", body: body, token: served.writeToken, chunked: chunked)
            #expect(answer.status == 413)
            #expect(try ErrorJSON(answer.body).code == "too-large")
        }
    }

    @Test("a malformed body gets 400 as JSON")
    func malformed() async throws {
        try await withServer { served in
            let answer = try await served.send(.POST, "/v1/changes", body: [0xFF, 0x00, 0x13], token: served.readToken)
            #expect(answer.status == 400)
            #expect(try ErrorJSON(answer.body).code == "invalid-message")
        }
    }

    @Test("a request sent to another endpoint than its own gets 400")
    func wrongEndpoint() async throws {
        try await withServer { served in
            let recording = RecordingRemote(served.remote(token: served.readToken))
            _ = try await served.emptyStore("other").pull(from: recording)
            let request = try #require(recording.requests.first { $0.endpoint == "changes" })
            let answer = try await served.send(.POST, "/v1/ranges", body: request.encoded, token: served.readToken)
            #expect(answer.status == 400)
            #expect(try ErrorJSON(answer.body).message.contains("changes"))
        }
    }

    @Test("unknown paths get 404, known paths asked with another method 405, as JSON")
    func notFound() async throws {
        try await withServer { served in
            for (method, path) in [("GET", "/v1/nothing"), ("POST", "/v2/changes"), ("GET", "/nothing")] {
                let answer = try await served.send(.init(rawValue: method), path, token: served.writeToken)
                #expect(answer.status == 404, "\(method) \(path)")
                #expect(try ErrorJSON(answer.body).code == "not-found")
            }
            for (method, path) in [("GET", "/v1/changes"), ("TRACE", "/v1/health"), ("DELETE", "/v1/push")] {
                let answer = try await served.send(.init(rawValue: method), path, token: served.writeToken)
                #expect(answer.status == 405, "\(method) \(path)")
                #expect(try ErrorJSON(answer.body).code == "method-not-allowed")
            }
        }
    }

    @Test("the health check needs no token")
    func health() async throws {
        try await withServer { served in
            let answer = try await served.send(.GET, "/v1/health")
            #expect(answer.status == 200)
            let json = try JSONDecoder().decode([String: String].self, from: Data(answer.body))
            #expect(json == ["status": "ok"])
        }
    }

    @Test("one log line per request, never the token")
    func logging() async throws {
        try await withServer { served in
            _ = try await served.emptyStore("other").pull(from: served.remote(token: served.writeToken))
            _ = try await served.send(.GET, "/v1/nothing", token: served.readToken)
            let lines = served.log.all
            #expect(lines.contains { $0.contains("POST /v1/changes 200") || $0.contains("POST /v1/ranges 200") })
            #expect(lines.contains { $0.contains("GET /v1/nothing 404") })
            #expect(!lines.contains { $0.contains(served.writeToken) || $0.contains(served.readToken) })
        }
    }

    @Test("start() throws when the port is taken")
    func portInUse() async throws {
        try await withServer { served in
            let second = SyncServer(
                store: served.store, host: "127.0.0.1", port: served.server.port, logger: Logger(label: "second"))
            await #expect(throws: (any Error).self) {
                let running = try await second.start()
                await running.stop()
            }
        }
    }
}
