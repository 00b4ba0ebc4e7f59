import ArticleStoreServer
import ArticleStoreWeb
import Foundation
import NIOHTTP1
import Testing

@Suite("Schema/openapi.yaml")
struct OpenAPITests {
    /// The package's Schema/openapi.yaml, found from this file's path.
    static let specURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Schema/openapi.yaml")

    /// The operations under `paths:` as `METHOD /path`, by a line-based scan:
    /// paths are keys indented by two spaces, their methods by four.
    static func operations(inSpec text: String) -> Set<String> {
        let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        var operations: Set<String> = []
        var inPaths = false
        var path: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if !line.hasPrefix(" "), !line.isEmpty, !line.hasPrefix("#") {
                inPaths = line.hasPrefix("paths:")
                path = nil
                continue
            }
            guard inPaths, line.hasSuffix(":") else { continue }
            if line.hasPrefix("  /") {
                path = String(line.dropFirst(2).dropLast())
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     ") {
                let key = line.trimmingCharacters(in: .whitespaces).dropLast()
                if methods.contains(String(key)) { operations.insert("\(key.uppercased()) \(path)") }
            }
        }
        return operations
    }

    @Test("the spec and the server list the same operations")
    func sameOperations() throws {
        let spec = Self.operations(inSpec: try String(contentsOf: Self.specURL, encoding: .utf8))
        #expect(!spec.isEmpty)
        #expect(spec == Set(SyncServer.routes + WebView.apiRoutes))
    }

    @Test("every operation in the spec is answered, not 404")
    func everyOperationAnswers() async throws {
        let spec = Self.operations(inSpec: try String(contentsOf: Self.specURL, encoding: .utf8))
        try await withServer { served in
            for operation in spec.sorted() {
                let parts = operation.split(separator: " ", maxSplits: 1).map(String.init)
                let answer = try await served.send(
                    .init(rawValue: parts[0]), parts[1], body: [], token: served.readToken)
                // A 404 may say that the article or version is missing, not that the path is.
                #expect(
                    answer.status != 404 || !String(decoding: answer.body, as: UTF8.self).contains("no such endpoint"),
                    "\(operation)")
            }
        }
    }
}
